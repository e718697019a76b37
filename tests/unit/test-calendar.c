/* test-calendar.c: the working-day calendar — civil date arithmetic, strict
 * date parsing, the 2024–2026 holidays and 调休 of migration 0003 (every
 * day of domain-facts §6), counting working days across 春节 and 国庆 and
 * year ends, a year not yet entered, due dates of 公开时限, explanations,
 * and editing and importing the calendar on a real database file.
 *
 * Expected dates were worked out independently of this code (a plain
 * day-by-day count over the §6 lists) and checked by hand against the
 * notices' tables. */
#include "t.h"

#include "domain/calendar.h"
#include "domain/timelimit.h"
#include "store/store.h"

/* domain-facts §6, machine-readable part: weekdays off, weekends worked */
static const char *const off_weekdays[] = {
	"2024-01-01", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15",
	"2024-02-16", "2024-04-04", "2024-04-05", "2024-05-01", "2024-05-02",
	"2024-05-03", "2024-06-10", "2024-09-16", "2024-09-17", "2024-10-01",
	"2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07",
	"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
	"2025-02-03", "2025-02-04", "2025-04-04", "2025-05-01", "2025-05-02",
	"2025-05-05", "2025-06-02", "2025-10-01", "2025-10-02", "2025-10-03",
	"2025-10-06", "2025-10-07", "2025-10-08",
	"2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18",
	"2026-02-19", "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01",
	"2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25", "2026-10-01",
	"2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07",
};
static const char *const work_weekends[] = {
	"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
	"2024-09-14", "2024-09-29", "2024-10-12",
	"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
	"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
	"2026-10-10",
};
#define NOFF (sizeof(off_weekdays) / sizeof(off_weekdays[0]))
#define NWORK (sizeof(work_weekends) / sizeof(work_weekends[0]))

static struct store *fresh(const char *name)
{
	char path[300];
	struct errors err = ERRORS_INIT;
	struct store *s = store_open(t_tmp(name, path, sizeof(path)),
				     STORE_OPEN_CREATE, &err);

	if (s && store_migrate(s, &err) != STORE_OK) {
		store_close(s);
		s = NULL;
	}
	errors_print(&err, stderr);
	errors_release(&err);
	return s;
}

/* The calendar of a fresh database (the migration's 2024–2026 rows). */
static struct store *loaded(const char *name, struct arena *a,
			    struct calendar *cal)
{
	struct store *s = fresh(name);

	if (s && calendar_load(s, a, cal)) {
		store_close(s);
		return NULL;
	}
	return s;
}

static int32_t day(const char *text)
{
	int32_t z = 0;

	if (calendar_parse_date(text, &z))
		abort();
	return z;
}

/* --- civil dates --- */

TEST(test_civil__epoch_and_known_weekdays)
{
	CHECK_INT(calendar_days_from_civil(1970, 1, 1), 0);
	CHECK_INT(calendar_days_from_civil(1969, 12, 31), -1);
	CHECK_INT(calendar_days_from_civil(2000, 3, 1), 11017);
	CHECK_INT(calendar_weekday(day("1900-01-01")), 1);	/* Monday */
	CHECK_INT(calendar_weekday(day("1970-01-01")), 4);	/* Thursday */
	CHECK_INT(calendar_weekday(day("2024-02-29")), 4);
	CHECK_INT(calendar_weekday(day("2026-10-01")), 4);
	CHECK_INT(calendar_weekday(day("2026-02-14")), 6);
	CHECK_INT(calendar_weekday(day("2025-01-26")), 7);
	CHECK_STR(calendar_weekday_name(day("2026-09-30")), "周三");
	CHECK_STR(calendar_weekday_name(day("2026-10-04")), "周日");
}

TEST(test_civil__round_trip_every_day_1900_to_2400)
{
	int32_t z = calendar_days_from_civil(1900, 1, 1);

	for (int y = 1900; y <= 2400; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= calendar_month_days(y, m); d++, z++) {
				int yy, mm, dd;

				if (calendar_days_from_civil(y, m, d) != z)
					T_FAIL("%d-%d-%d is not day %d", y, m, d,
					       (int)z);
				calendar_civil_from_days(z, &yy, &mm, &dd);
				if (yy != y || mm != m || dd != d)
					T_FAIL("day %d gave %d-%d-%d", (int)z, yy,
					       mm, dd);
				if (calendar_weekday(z) != calendar_weekday(z - 1) % 7 + 1)
					T_FAIL("weekday of day %d", (int)z);
			}
}

TEST(test_civil__leap_years)
{
	CHECK_INT(calendar_month_days(2024, 2), 29);
	CHECK_INT(calendar_month_days(2025, 2), 28);
	CHECK_INT(calendar_month_days(1900, 2), 28);
	CHECK_INT(calendar_month_days(2000, 2), 29);
	CHECK_INT(calendar_month_days(2100, 2), 28);
	CHECK_INT(day("2024-03-01") - day("2024-02-28"), 2);
	CHECK_INT(day("2025-03-01") - day("2025-02-28"), 1);
	CHECK_INT(day("2025-01-01") - day("2024-01-01"), 366);
	CHECK_INT(day("2026-01-01") - day("2025-01-01"), 365);
}

TEST(test_parse__strict_dates)
{
	static const char *const good[][2] = {
		{ "2026-10-01", "2026-10-01" }, { "2026/10/1", "2026-10-01" },
		{ "2026/10/01", "2026-10-01" }, { "2026/1/9", "2026-01-09" },
		{ "2024-02-29", "2024-02-29" }, { "2000-02-29", "2000-02-29" },
		{ "1900-01-01", "1900-01-01" }, { "9999-12-31", "9999-12-31" },
	};
	static const char *const bad[] = {
		"", "2025-02-29", "1900-02-29", "2100-02-29", "2026-13-01",
		"2026-00-10", "2026-04-31", "2026-10-00", "2026-1-1",
		"2026-10-1", "2026-10-01 ", " 2026-10-01", "2026-10-01x",
		"20261001", "2026/10-01", "2026-10/01", "2026/10/001",
		"2026/010/1", "26-10-01", "1899-12-31", "２０２６-10-01",
		"2026年10月1日", "2026.10.1", "2026--10-01", "-2026-10-01",
		"2026-10-01\n",
	};
	char out[CALENDAR_DATE_LEN];
	int32_t z;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (calendar_normalize_date(good[i][0], out))
			T_FAIL("refused %s", good[i][0]);
		CHECK_STR(out, good[i][1]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!calendar_parse_date(bad[i], &z))
			T_FAIL("accepted \"%s\"", bad[i]);
	CHECK(calendar_parse_date(NULL, &z) == -1);
}

/* --- the migration's days --- */

TEST(test_migration__every_2024_2026_day_of_domain_facts)
{
	struct arena a = ARENA_INIT;
	struct calendar_day *v;
	struct calendar cal;
	struct store *s = loaded("facts.db", &a, &cal);
	size_t n, noff = 0;

	CHECK(s);
	CHECK(store_calendar_all(s, &a, &v, &n) == STORE_OK);
	CHECK_INT(n, NOFF + NWORK);
	CHECK_INT(cal.n, NOFF + NWORK);
	for (size_t i = 0; i < n; i++) {
		int32_t z = day(v[i].day);

		noff += v[i].kind == CALENDAR_OFF;
		if (v[i].kind == CALENDAR_OFF && calendar_weekday(z) > 5)
			T_FAIL("%s is off but a weekend day", v[i].day);
		if (v[i].kind == CALENDAR_WORK && calendar_weekday(z) <= 5)
			T_FAIL("%s is work but a weekday", v[i].day);
		if (!*v[i].note || !strstr(v[i].source, "国务院办公厅"))
			T_FAIL("%s lacks note or source", v[i].day);
		if (i && strcmp(v[i - 1].day, v[i].day) >= 0)
			T_FAIL("not sorted at %s", v[i].day);
	}
	CHECK_INT(noff, NOFF);
	for (size_t i = 0; i < NOFF; i++) {
		if (calendar_is_workday(&cal, off_weekdays[i]) != 0)
			T_FAIL("%s should be a day off", off_weekdays[i]);
		if (calendar_weekday(day(off_weekdays[i])) > 5)
			T_FAIL("%s is not a weekday", off_weekdays[i]);
	}
	for (size_t i = 0; i < NWORK; i++) {
		if (calendar_is_workday(&cal, work_weekends[i]) != 1)
			T_FAIL("%s should be worked", work_weekends[i]);
		if (calendar_weekday(day(work_weekends[i])) < 6)
			T_FAIL("%s is not a weekend day", work_weekends[i]);
	}
	/* notes as in the notices */
	CHECK_STR(calendar_entry_at(&cal, day("2026-02-14"))->note, "春节");
	CHECK_STR(calendar_entry_at(&cal, day("2025-10-08"))->note,
		  "国庆节、中秋节");
	CHECK_STR(calendar_entry_at(&cal, day("2026-09-25"))->note, "中秋节");
	CHECK(calendar_entry_at(&cal, day("2026-10-03")) == NULL);
	store_close(s);
	arena_release(&a);
}

TEST(test_migration__every_other_day_follows_the_week)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("week.db", &a, &cal);
	int32_t z;

	CHECK(s);
	for (z = day("2024-01-01"); z <= day("2026-12-31"); z++) {
		char d[CALENDAR_DATE_LEN];
		int listed = 0;

		calendar_format_date(z, d);
		for (size_t i = 0; i < NOFF; i++)
			listed |= !strcmp(d, off_weekdays[i]);
		for (size_t i = 0; i < NWORK; i++)
			listed |= !strcmp(d, work_weekends[i]) * 2;
		if (calendar_is_workday(&cal, d) !=
		    (listed == 1 ? 0 : listed == 2 ? 1 : calendar_weekday(z) <= 5))
			T_FAIL("%s", d);
	}
	/* working days per year: weekdays − days off + weekends worked */
	{
		int w;

		CHECK(!calendar_workdays_between(&cal, "2023-12-31",
						 "2024-12-31", &w));
		CHECK_INT(w, 262 - 19 + 8);
		CHECK(!calendar_workdays_between(&cal, "2024-12-31",
						 "2025-12-31", &w));
		CHECK_INT(w, 261 - 18 + 5);
		CHECK(!calendar_workdays_between(&cal, "2025-12-31",
						 "2026-12-31", &w));
		CHECK_INT(w, 261 - 19 + 6);
		CHECK(!calendar_workdays_between(&cal, "2026-12-31",
						 "2027-12-31", &w));
		CHECK_INT(w, 261);
	}
	store_close(s);
	arena_release(&a);
}

/* --- counting --- */

static const struct {
	const char *from;
	int n;
	const char *want;
} counts[] = {
	/* 春节 2024: 除夕 02-09 worked; 02-10..02-17 off; Sundays 02-04 and
	 * 02-18 worked */
	{ "2024-02-03", 1, "2024-02-04" },
	{ "2024-02-08", 1, "2024-02-09" },
	{ "2024-02-08", 2, "2024-02-18" },
	{ "2024-02-19", -1, "2024-02-18" },
	/* 国庆 2024: Sunday 09-29 and Saturday 10-12 worked */
	{ "2024-09-28", 1, "2024-09-29" },
	{ "2024-09-30", 1, "2024-10-08" },
	{ "2024-10-11", 1, "2024-10-12" },
	{ "2024-10-12", -1, "2024-10-11" },
	/* 春节 2025: Sunday 01-26 worked, 01-28..02-04 off, Saturday 02-08 */
	{ "2025-01-24", 1, "2025-01-26" },
	{ "2025-01-24", 2, "2025-01-27" },
	{ "2025-01-24", 20, "2025-02-27" },
	{ "2025-02-07", 1, "2025-02-08" },
	/* 国庆、中秋 2025: 10-01..10-08 off, 09-28 and 10-11 worked */
	{ "2025-09-27", 1, "2025-09-28" },
	{ "2025-09-30", 1, "2025-10-09" },
	{ "2025-10-10", 1, "2025-10-11" },
	{ "2025-10-09", -1, "2025-09-30" },
	/* 春节 2026: Saturdays 02-14 and 02-28 worked, 02-15..02-23 off */
	{ "2026-02-13", 1, "2026-02-14" },
	{ "2026-02-13", 2, "2026-02-24" },
	{ "2026-02-13", 5, "2026-02-27" },
	{ "2026-02-13", 10, "2026-03-05" },
	{ "2026-02-13", 20, "2026-03-19" },
	{ "2026-02-27", 1, "2026-02-28" },
	{ "2026-02-13", -10, "2026-01-30" },
	/* 国庆 2026: Sunday 09-20 and Saturday 10-10 worked */
	{ "2026-09-19", 1, "2026-09-20" },
	{ "2026-09-30", 1, "2026-10-08" },
	{ "2026-10-09", 1, "2026-10-10" },
	{ "2026-09-30", 10, "2026-10-20" },
	{ "2026-09-30", 20, "2026-11-03" },
	{ "2026-11-03", -20, "2026-09-30" },
	/* leap day, year ends (2026-01-04 is a Sunday worked), 2027 unknown */
	{ "2024-02-28", 1, "2024-02-29" },
	{ "2024-02-29", 20, "2024-03-28" },
	{ "2023-12-29", 1, "2024-01-02" },
	{ "2025-12-31", 1, "2026-01-04" },
	{ "2025-12-31", 20, "2026-01-29" },
	{ "2026-12-31", 1, "2027-01-01" },
	{ "2026-12-31", 20, "2027-01-28" },
	{ "2026-12-25", 10, "2027-01-08" },
	/* large n */
	{ "2024-01-01", 1000, "2027-12-21" },
	/* n = 0 gives the start, even a day off */
	{ "2026-10-01", 0, "2026-10-01" },
	{ "2026-09-30", 0, "2026-09-30" },
};

TEST(test_workdays__across_spring_festival_national_day_and_years)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("count.db", &a, &cal);

	CHECK(s);
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		char out[CALENDAR_DATE_LEN];
		int w;

		if (calendar_add_workdays(&cal, counts[i].from, counts[i].n, out))
			T_FAIL("%s + %d failed", counts[i].from, counts[i].n);
		if (strcmp(out, counts[i].want))
			T_FAIL("%s + %d workdays = %s, expected %s",
			       counts[i].from, counts[i].n, out, counts[i].want);
		CHECK(!calendar_workdays_between(&cal, counts[i].from, out, &w));
		/* backwards, the count includes the result and not the start:
		 * the two agree when the start is a working day */
		if (counts[i].n &&
		    (counts[i].n > 0 || calendar_is_workday(&cal, counts[i].from)) &&
		    w != counts[i].n)
			T_FAIL("between %s and %s: %d, expected %d",
			       counts[i].from, out, w, counts[i].n);
	}
	store_close(s);
	arena_release(&a);
}

TEST(test_workdays__between_agrees_with_counting_day_by_day)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("between.db", &a, &cal);
	int32_t base = day("2023-11-01");

	CHECK(s);
	/* every pair of a start and an end 0..400 days later, from 2023-11
	 * to 2027-02: the fast count against a walk */
	for (int32_t za = base; za < base + 1200; za += 7)
		for (int k = 0; k <= 400; k += 3) {
			char da[CALENDAR_DATE_LEN], db[CALENDAR_DATE_LEN];
			int fwd, back, walk = 0;

			for (int32_t z = za + 1; z <= za + k; z++)
				walk += calendar_workday_at(&cal, z);
			calendar_format_date(za, da);
			calendar_format_date(za + k, db);
			CHECK(!calendar_workdays_between(&cal, da, db, &fwd));
			CHECK(!calendar_workdays_between(&cal, db, da, &back));
			if (fwd != walk || back != -walk)
				T_FAIL("%s..%s: %d / %d, walked %d", da, db, fwd,
				       back, walk);
		}
	{
		int w;

		CHECK(!calendar_workdays_between(&cal, "2026-10-01", "2026-10-01",
						 &w));
		CHECK_INT(w, 0);
		/* due 2026-11-03, on 2026-10-09 (the 2nd of 20): 18 left */
		CHECK(!calendar_workdays_between(&cal, "2026-10-09", "2026-11-03",
						 &w));
		CHECK_INT(w, 18);
		/* on the due date: 0; one working day overdue: -1; on the
		 * Saturday after, three working days have passed */
		CHECK(!calendar_workdays_between(&cal, "2026-11-03", "2026-11-03",
						 &w));
		CHECK_INT(w, 0);
		CHECK(!calendar_workdays_between(&cal, "2026-11-04", "2026-11-03",
						 &w));
		CHECK_INT(w, -1);
		CHECK(!calendar_workdays_between(&cal, "2026-11-07", "2026-11-03",
						 &w));
		CHECK_INT(w, -3);
		CHECK(calendar_workdays_between(&cal, "2026-02-30", "2026-03-01",
						&w) == -1);
	}
	store_close(s);
	arena_release(&a);
}

TEST(test_workdays__add_is_inverse_of_between)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("inverse.db", &a, &cal);

	CHECK(s);
	for (int32_t z = day("2023-12-01"); z <= day("2027-01-31"); z++)
		for (int n = -25; n <= 25; n += 5) {
			char from[CALENDAR_DATE_LEN], to[CALENDAR_DATE_LEN];
			char back[CALENDAR_DATE_LEN];
			int w;

			calendar_format_date(z, from);
			CHECK(!calendar_add_workdays(&cal, from, n, to));
			if (n && calendar_is_workday(&cal, to) != 1)
				T_FAIL("%s %+d → %s is not a working day", from, n, to);
			CHECK(!calendar_workdays_between(&cal, from, to, &w));
			/* forwards: exactly n working days in (from, to] */
			if (n > 0 && w != n)
				T_FAIL("%s %+d → %s, between says %d", from, n, to, w);
			/* there and back again from a working day */
			CHECK(!calendar_add_workdays(&cal, to, -n, back));
			if (calendar_is_workday(&cal, from) && strcmp(back, from))
				T_FAIL("%s %+d → %s %+d → %s", from, n, to, -n, back);
			/* antisymmetric */
			{
				int w2;

				CHECK(!calendar_workdays_between(&cal, to, from, &w2));
				if (w2 != -w)
					T_FAIL("%s..%s: %d and %d", from, to, w, w2);
			}
		}
	store_close(s);
	arena_release(&a);
}

TEST(test_workdays__bad_input_and_range)
{
	struct calendar cal = { NULL, 0 };
	char out[CALENDAR_DATE_LEN];

	CHECK(calendar_add_workdays(&cal, "2026-02-30", 1, out) == -1);
	CHECK(calendar_add_workdays(&cal, "9999-12-30", 5, out) == -1);
	CHECK(calendar_add_workdays(&cal, "1900-01-02", -5, out) == -1);
	CHECK(calendar_add_days(&cal, "1900-01-01", -1, out) == -1);
	CHECK(calendar_add_days(&cal, "9999-12-31", 1, out) == -1);
	CHECK(calendar_is_workday(&cal, "2026-9-30") == -1);
	/* an empty calendar: plain weekends */
	CHECK(!calendar_add_workdays(&cal, "2026-09-30", 20, out));
	CHECK_STR(out, "2026-10-28");
	CHECK(calendar_is_workday(&cal, "2026-10-01") == 1);
}

TEST(test_days__calendar_days_ignore_holidays)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("days.db", &a, &cal);
	char out[CALENDAR_DATE_LEN];

	CHECK(s);
	CHECK(!calendar_add_days(&cal, "2026-09-30", 20, out));
	CHECK_STR(out, "2026-10-20");
	CHECK(!calendar_add_days(&cal, "2024-02-28", 1, out));
	CHECK_STR(out, "2024-02-29");
	CHECK(!calendar_add_days(&cal, "2025-02-28", 1, out));
	CHECK_STR(out, "2025-03-01");
	CHECK(!calendar_add_days(&cal, "2025-12-31", 1, out));
	CHECK_STR(out, "2026-01-01");
	CHECK(!calendar_add_days(&cal, "2026-01-01", -1, out));
	CHECK_STR(out, "2025-12-31");
	CHECK(!calendar_add_days(&cal, "2024-01-01", 366, out));
	CHECK_STR(out, "2025-01-01");
	CHECK(!calendar_add_days(&cal, "2026/3/1", 0, out));
	CHECK_STR(out, "2026-03-01");
	store_close(s);
	arena_release(&a);
}

TEST(test_year__without_entries_counts_weekends_and_warns)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("y2027.db", &a, &cal);
	char out[CALENDAR_DATE_LEN], msg[160];

	CHECK(s);
	CHECK(calendar_covers_year(&cal, 2024));
	CHECK(calendar_covers_year(&cal, 2025));
	CHECK(calendar_covers_year(&cal, 2026));
	CHECK(!calendar_covers_year(&cal, 2023));
	CHECK(!calendar_covers_year(&cal, 2027));
	CHECK(!calendar_covers_year(&cal, 12345));
	/* 2027-01-01 is a Friday: a working day until 2027 is entered */
	CHECK_INT(calendar_is_workday(&cal, "2027-01-01"), 1);
	CHECK_INT(calendar_is_workday(&cal, "2027-01-02"), 0);
	CHECK(!calendar_add_workdays(&cal, "2027-02-05", 5, out));
	CHECK_STR(out, "2027-02-12");
	CHECK_INT(calendar_missing_year(&cal, "2026-12-31", "2027-01-28"), 2027);
	CHECK_INT(calendar_missing_year(&cal, "2027-01-28", "2026-01-01"), 2027);
	CHECK_INT(calendar_missing_year(&cal, "2024-01-01", "2026-12-31"), 0);
	CHECK_INT(calendar_missing_year(&cal, "2022-06-01", "2024-01-01"), 2022);
	calendar_missing_text(2027, msg, sizeof(msg));
	CHECK_STR(msg, "未录入2027年节假日安排，2027年按周六、周日休息计算");
	store_close(s);
	arena_release(&a);
}

TEST(test_describe__days_off_worked_and_inside_holidays)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("describe.db", &a, &cal);

	CHECK(s);
	CHECK_STR(calendar_describe_day(&cal, day("2026-10-01"), &a),
		  "休息日（国庆节放假）");
	CHECK_STR(calendar_describe_day(&cal, day("2026-10-03"), &a),
		  "休息日（周六，国庆节假期）");
	CHECK_STR(calendar_describe_day(&cal, day("2026-02-15"), &a),
		  "休息日（周日，春节假期）");
	CHECK_STR(calendar_describe_day(&cal, day("2026-10-10"), &a),
		  "工作日（国庆节调休上班）");
	CHECK_STR(calendar_describe_day(&cal, day("2026-10-08"), &a), "工作日");
	CHECK_STR(calendar_describe_day(&cal, day("2026-10-17"), &a),
		  "休息日（周六）");
	store_close(s);
	arena_release(&a);
}

/* --- due dates --- */

TEST(test_deadline__working_day_limits)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("deadline.db", &a, &cal);
	struct timelimit tl;
	char out[CALENDAR_DATE_LEN];
	const char *why = "unset";

	CHECK(s);
	CHECK(timelimit_parse("信息形成或者变更之日起20个工作日内", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026-09-30", out, &why), 1);
	CHECK_STR(out, "2026-11-03");
	CHECK(why == NULL);
	CHECK(timelimit_parse("信息形成或变更之日起20个工作日内", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026/2/13", out, &why), 1);
	CHECK_STR(out, "2026-03-19");
	CHECK(timelimit_parse("信息形成或者变更之日起20个工作日内。法律、法规对"
			      "政府信息公开的期限另有规定的，从其规定。", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2025-01-24", out, &why), 1);
	CHECK_STR(out, "2025-02-27");
	CHECK(timelimit_parse("制定或获取信息之日起10个工作日内", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026-09-30", out, &why), 1);
	CHECK_STR(out, "2026-10-20");
	CHECK(timelimit_parse("10个工作日", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026-02-13", out, &why), 1);
	CHECK_STR(out, "2026-03-05");
	CHECK(timelimit_parse("制定或获取信息之日起10个工作日内，公示7个工作日",
			      &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026-02-13", out, &why), 1);
	CHECK_STR(out, "2026-03-05");
	CHECK(timelimit_parse("信息形成或变更之日起3个工作日内", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2024-09-27", out, &why), 1);
	CHECK_STR(out, "2024-10-08");	/* 09-29 Sunday worked, then 国庆 */
	/* into 2027, not entered: a date and a warning */
	CHECK(timelimit_parse("信息形成或者变更之日起20个工作日内", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026-12-31", out, &why), 1);
	CHECK_STR(out, "2027-01-28");
	CHECK(why != NULL);
	CHECK_CONTAINS(why, "尚未录入节假日安排");
	store_close(s);
	arena_release(&a);
}

TEST(test_deadline__calendar_day_limits)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("deadline-days.db", &a, &cal);
	struct timelimit tl;
	char out[CALENDAR_DATE_LEN];
	const char *why;

	CHECK(s);
	CHECK(timelimit_parse("本级人民代表大会或其常务委员会批准后20日内", &tl));
	CHECK(!tl.workdays);
	CHECK_INT(deadline_for(&cal, &tl, "2026-09-30", out, &why), 1);
	CHECK_STR(out, "2026-10-20");
	CHECK(why == NULL);
	CHECK(timelimit_parse("本级财政部门批复后20日内", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2024-02-20", out, &why), 1);
	CHECK_STR(out, "2024-03-11");
	/* calendar days do not depend on the holidays: no warning in 2027 */
	CHECK_INT(deadline_for(&cal, &tl, "2027-03-01", out, &why), 1);
	CHECK_STR(out, "2027-03-21");
	CHECK(why == NULL);
	store_close(s);
	arena_release(&a);
}

TEST(test_deadline__no_fixed_date_and_bad_start)
{
	struct calendar cal = { NULL, 0 };
	struct timelimit tl;
	char out[CALENDAR_DATE_LEN];
	const char *why;

	CHECK(timelimit_parse("实时公开", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026-09-30", out, &why), 0);
	CHECK_STR(out, "");
	CHECK_CONTAINS(why, "实时公开");
	CHECK(timelimit_parse("及时公开", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026-09-30", out, &why), 0);
	CHECK_CONTAINS(why, "及时公开");
	CHECK(timelimit_parse("及时公开，公告期限为5个工作日", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026-09-30", out, &why), 0);
	CHECK_CONTAINS(why, "及时公开");
	CHECK(timelimit_parse("永久公开", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026-09-30", out, &why), 0);
	CHECK_CONTAINS(why, "永久公开");
	CHECK(!timelimit_parse("按上级要求", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "2026-09-30", out, &why), 0);
	CHECK_CONTAINS(why, "未能识别");
	CHECK_INT(deadline_for(&cal, NULL, "2026-09-30", out, &why), 0);
	CHECK_CONTAINS(why, "未能识别");
	CHECK(timelimit_parse("信息形成或者变更之日起20个工作日内", &tl));
	CHECK_INT(deadline_for(&cal, &tl, "", out, &why), -1);
	CHECK_CONTAINS(why, "没有起算日期");
	CHECK_INT(deadline_for(&cal, &tl, NULL, out, &why), -1);
	CHECK_INT(deadline_for(&cal, &tl, "2026-02-30", out, &why), -1);
	CHECK_CONTAINS(why, "起算日期无效");
	CHECK_STR(out, "");
}

/* --- explanations --- */

static void check_lines(const struct calendar_steps *st,
			const char *const *want, size_t n, int *failed)
{
	*failed = 0;
	if (st->n != n) {
		printf("    got %zu lines:\n", st->n);
		for (size_t i = 0; i < st->n; i++)
			printf("    %s\n", st->lines[i]);
		*failed = 1;
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(st->lines[i], want[i])) {
			printf("    line %zu: \"%s\"\n    expected \"%s\"\n", i,
			       st->lines[i], want[i]);
			*failed = 1;
		}
}

#define CHECK_LINES(st, ...) do { \
	static const char *const t_w[] = { __VA_ARGS__ }; int t_f; \
	check_lines(st, t_w, sizeof(t_w) / sizeof(t_w[0]), &t_f); \
	if (t_f) T_FAIL("explanation differs (above)"); } while (0)

TEST(test_explain__national_day_2026)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("explain.db", &a, &cal);
	struct calendar_steps st;

	CHECK(s);
	CHECK(!calendar_explain(&cal, "2026-09-30", 20, true, &a, &st));
	CHECK_STR(st.result, "2026-11-03");
	CHECK_LINES(&st,
		"2026-09-30（周三）起算，当日不计入，往后数20个工作日",
		"10-01（周四）至10-07（周三）国庆节放假，共7天，不计入",
		"10-10（周六）国庆节调休上班，计为第3个工作日",
		"其余周六、周日共7天，不计入",
		"第20个工作日为 2026-11-03（周二）");
	store_close(s);
	arena_release(&a);
}

TEST(test_explain__spring_festival_2026_with_two_saturdays)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("explain-cj.db", &a, &cal);
	struct calendar_steps st;

	CHECK(s);
	CHECK(!calendar_explain(&cal, "2026-02-13", 20, true, &a, &st));
	CHECK_STR(st.result, "2026-03-19");
	CHECK_LINES(&st,
		"2026-02-13（周五）起算，当日不计入，往后数20个工作日",
		"02-14（周六）春节调休上班，计为第1个工作日",
		"02-15（周日）至02-23（周一）春节放假，共9天，不计入",
		"02-28（周六）春节调休上班，计为第6个工作日",
		"其余周六、周日共5天，不计入",
		"第20个工作日为 2026-03-19（周四）");
	store_close(s);
	arena_release(&a);
}

TEST(test_explain__into_a_year_not_entered)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("explain-2027.db", &a, &cal);
	struct calendar_steps st;

	CHECK(s);
	CHECK(!calendar_explain(&cal, "2026-12-25", 10, true, &a, &st));
	CHECK_STR(st.result, "2027-01-08");
	CHECK_LINES(&st,
		"2026-12-25（周五）起算，当日不计入，往后数10个工作日",
		"注意：未录入2027年节假日安排，2027年按周六、周日休息计算",
		"其间周六、周日共4天，不计入",
		"第10个工作日为 2027-01-08（周五）");
	/* a start in a year not entered says so first */
	CHECK(!calendar_explain(&cal, "2027-03-01", 1, true, &a, &st));
	CHECK_STR(st.lines[1],
		  "注意：未录入2027年节假日安排，2027年按周六、周日休息计算");
	/* only years of the days counted are named: from 2023-12-31 the
	 * count starts in 2024 */
	CHECK(!calendar_explain(&cal, "2023-12-31", 1, true, &a, &st));
	CHECK_LINES(&st,
		"2023-12-31（周日）起算，当日不计入，往后数1个工作日",
		"2024-01-01（周一）元旦放假，不计入",
		"第1个工作日为 2024-01-02（周二）");
	CHECK(!calendar_explain(&cal, "2023-12-29", 1, true, &a, &st));
	CHECK_LINES(&st,
		"2023-12-29（周五）起算，当日不计入，往后数1个工作日",
		"注意：未录入2023年节假日安排，2023年按周六、周日休息计算",
		"12-30（周六）至2024-01-01（周一）元旦放假，共3天，不计入",
		"第1个工作日为 2024-01-02（周二）");
	/* crossing into 2026 across 元旦: dates of another year in full */
	CHECK(!calendar_explain(&cal, "2025-12-31", 1, true, &a, &st));
	CHECK_LINES(&st,
		"2025-12-31（周三）起算，当日不计入，往后数1个工作日",
		"2026-01-01（周四）至2026-01-03（周六）元旦放假，共3天，不计入",
		"2026-01-04（周日）元旦调休上班，计为第1个工作日",
		"第1个工作日为 2026-01-04（周日）");
	store_close(s);
	arena_release(&a);
}

TEST(test_explain__backwards_zero_and_calendar_days)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("explain-misc.db", &a, &cal);
	struct calendar_steps st;

	CHECK(s);
	CHECK(!calendar_explain(&cal, "2026-10-09", -2, true, &a, &st));
	CHECK_STR(st.result, "2026-09-30");
	CHECK_LINES(&st,
		"2026-10-09（周五）起算，当日不计入，往前数2个工作日",
		"10-01（周四）至10-07（周三）国庆节放假，共7天，不计入",
		"往前第2个工作日为 2026-09-30（周三）");
	CHECK(!calendar_explain(&cal, "2026-10-01", 0, true, &a, &st));
	CHECK_STR(st.result, "2026-10-01");
	CHECK_LINES(&st,
		"2026-10-01（周四）起算，期限为0个工作日",
		"结果即起算日 2026-10-01（周四）");
	CHECK(!calendar_explain(&cal, "2026-09-30", 1, false, &a, &st));
	CHECK_STR(st.result, "2026-10-01");
	CHECK_LINES(&st,
		"2026-09-30（周三）起算，当日不计入，往后数1个自然日（周末、节假日照常计入）",
		"第1日为 2026-10-01（周四）",
		"注意：该日为休息日（国庆节放假）");
	CHECK(!calendar_explain(&cal, "2026-09-30", 20, false, &a, &st));
	CHECK_INT(st.n, 2);
	CHECK_STR(st.lines[1], "第20日为 2026-10-20（周二）");
	CHECK(calendar_explain(&cal, "2026-02-29", 1, true, &a, &st) == -1);
	CHECK_INT(st.n, 0);
	store_close(s);
	arena_release(&a);
}

TEST(test_explain__deadline_names_the_anchor)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	struct store *s = loaded("explain-deadline.db", &a, &cal);
	struct calendar_steps st;
	struct timelimit tl;

	CHECK(s);
	CHECK(timelimit_parse("信息形成或者变更之日起20个工作日内", &tl));
	CHECK_INT(deadline_explain(&cal, &tl, "2026-09-30", &a, &st), 1);
	CHECK_STR(st.result, "2026-11-03");
	CHECK_INT(st.n, 5);
	CHECK_STR(st.lines[0], "形成或变更之日 2026-09-30（周三）起算，当日不计入，"
		  "往后数20个工作日");
	CHECK_STR(st.lines[4], "第20个工作日为 2026-11-03（周二），即截止日期");
	CHECK(timelimit_parse("实时公开", &tl));
	CHECK_INT(deadline_explain(&cal, &tl, "2026-09-30", &a, &st), 0);
	CHECK_INT(st.n, 1);
	CHECK_STR(st.lines[0], "实时公开，没有固定的截止日期");
	CHECK_STR(st.result, "");
	CHECK(timelimit_parse("10个工作日", &tl));
	CHECK_INT(deadline_explain(&cal, &tl, "昨天", &a, &st), -1);
	CHECK_INT(st.n, 1);
	CHECK_CONTAINS(st.lines[0], "起算日期无效");
	store_close(s);
	arena_release(&a);
}

/* --- the store and editing --- */

TEST(test_store__put_replace_list_delete)
{
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct store *s = fresh("store.db");
	struct calendar_day d = { "2027-02-08", CALENDAR_OFF, "春节", "测试" };
	struct calendar_day *v;
	size_t n;

	CHECK(s);
	CHECK(store_calendar_year(s, 2027, &a, &v, &n) == STORE_OK);
	CHECK_INT(n, 0);
	CHECK(v == NULL);
	CHECK(store_calendar_put(s, &d, &err) == STORE_OK);
	d.note = "春节（改）";
	CHECK(store_calendar_put(s, &d, &err) == STORE_OK);
	CHECK(store_calendar_year(s, 2027, &a, &v, &n) == STORE_OK);
	CHECK_INT(n, 1);
	CHECK_STR(v[0].note, "春节（改）");
	CHECK_STR(v[0].source, "测试");
	CHECK(store_calendar_year(s, 2026, &a, &v, &n) == STORE_OK);
	CHECK_INT(n, 19 + 6);
	CHECK(store_calendar_list(s, "2026-10-01", "2026-10-10", &a, &v, &n) ==
	      STORE_OK);
	CHECK_INT(n, 6);
	CHECK_STR(v[0].day, "2026-10-01");
	CHECK_STR(v[5].day, "2026-10-10");
	CHECK(v[5].kind == CALENDAR_WORK);
	CHECK(store_calendar_list(s, "2026-12-01", NULL, &a, &v, &n) ==
	      STORE_OK);
	CHECK_INT(n, 1);
	CHECK(store_calendar_delete(s, "2027-02-08", &err) == STORE_OK);
	CHECK(store_calendar_delete(s, "2027-02-08", &err) == STORE_NOTFOUND);
	CHECK(store_calendar_all(s, &a, &v, &n) == STORE_OK);
	CHECK_INT(n, NOFF + NWORK);
	CHECK_INT(errors_count(&err), 0);
	store_close(s);
	errors_release(&err);
	arena_release(&a);
}

TEST(test_edit__refuses_bad_days_and_changes_results)
{
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct store *s = fresh("edit.db");
	struct calendar_day *v;
	struct calendar cal;
	char out[CALENDAR_DATE_LEN];
	size_t n;

	CHECK(s);
	CHECK(calendar_put_day(s, "2026-10-03", CALENDAR_OFF, "国庆节", NULL,
			       &err) == -1);
	CHECK_CONTAINS(err.msg[0], "周六");
	CHECK(calendar_put_day(s, "2026-10-08", CALENDAR_WORK, NULL, NULL,
			       &err) == -1);
	CHECK_CONTAINS(err.msg[1], "周四");
	CHECK(calendar_put_day(s, "2026-02-29", CALENDAR_OFF, NULL, NULL,
			       &err) == -1);
	CHECK_CONTAINS(err.msg[2], "不是有效日期");
	CHECK(calendar_remove_day(s, "2026-11-02", &err) == -1);
	CHECK_CONTAINS(err.msg[3], "没有录入过");
	CHECK(store_calendar_all(s, &a, &v, &n) == STORE_OK);
	CHECK_INT(n, NOFF + NWORK);

	/* a day off more moves the 20th working day by one */
	CHECK(calendar_put_day(s, "2026/11/2", CALENDAR_OFF, "测试", "单元测试",
			       &err) == 0);
	CHECK(!calendar_load(s, &a, &cal));
	CHECK(!calendar_add_workdays(&cal, "2026-09-30", 20, out));
	CHECK_STR(out, "2026-11-04");
	CHECK(calendar_remove_day(s, "2026-11-02", &err) == 0);
	/* a Saturday worked moves it back */
	CHECK(calendar_put_day(s, "2026-10-17", CALENDAR_WORK, NULL, NULL,
			       &err) == 0);
	CHECK(!calendar_load(s, &a, &cal));
	CHECK(!calendar_add_workdays(&cal, "2026-09-30", 20, out));
	CHECK_STR(out, "2026-11-02");
	/* 2027 entered: covered, and its 春节 counts */
	CHECK(calendar_put_day(s, "2027-02-08", CALENDAR_OFF, "春节", NULL,
			       &err) == 0);
	CHECK(!calendar_load(s, &a, &cal));
	CHECK(calendar_covers_year(&cal, 2027));
	CHECK_INT(calendar_is_workday(&cal, "2027-02-08"), 0);
	CHECK_INT(errors_count(&err), 4);
	store_close(s);
	errors_release(&err);
	arena_release(&a);
}

TEST(test_from_days__sorts_and_last_row_wins)
{
	struct arena a = ARENA_INIT;
	struct calendar cal;
	const struct calendar_day days[] = {
		{ "2026-10-02", CALENDAR_OFF, "乙", "" },
		{ "2026-10-01", CALENDAR_OFF, "甲", "" },
		{ "2026-02-30", CALENDAR_OFF, "坏", "" },
		{ "2026-10-02", CALENDAR_OFF, "丙", "" },
		{ "2026/10/10", CALENDAR_WORK, NULL, NULL },
	};

	calendar_from_days(days, 5, &a, &cal);
	CHECK_INT(cal.n, 3);
	CHECK_INT(cal.v[0].day, day("2026-10-01"));
	CHECK_STR(cal.v[1].note, "丙");
	CHECK_STR(cal.v[2].note, "");
	CHECK_INT(calendar_is_workday(&cal, "2026-10-10"), 1);
	calendar_from_days(NULL, 0, &a, &cal);
	CHECK_INT(cal.n, 0);
	CHECK_INT(calendar_is_workday(&cal, "2026-10-01"), 1);
	arena_release(&a);
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	if (!fp)
		abort();
	fputs(text, fp);
	fclose(fp);
}

TEST(test_import__all_or_nothing_with_every_problem)
{
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct store *s = fresh("import.db");
	struct calendar_day *v;
	char good[300], bad[300], hdr[300];
	size_t n;

	CHECK(s);
	t_tmp("good.csv", good, sizeof(good));
	t_tmp("bad.csv", bad, sizeof(bad));
	t_tmp("hdr.csv", hdr, sizeof(hdr));
	write_file(good, "\xEF\xBB\xBF" "日期,类型,说明,来源\r\n"
		   "2027-02-08,off,春节,测试通知\r\n"
		   " 2027/2/6 ,work,春节,\r\n"
		   "2027-02-09,放假,春节,\r\n"
		   "2026-10-01,off,国庆节（改）,\r\n");
	write_file(bad, "day,kind,note\n"
		   "2027-02-08,off,春节\n"
		   "2027-02-30,off,坏日期\n"
		   "2027-02-06,off,周六不能放假\n"
		   "2027-02-10,work,周三不能调休\n"
		   "2027-02-11,holiday,类型不对\n"
		   "2027-02-08,off,重复\n"
		   ",off,没有日期\n"
		   "2027-02-12,,没有类型\n");
	write_file(hdr, "day,weekday,kind\n2027-02-08,周一,off\n");

	CHECK_INT(calendar_import_file(s, bad, &err), -1);
	CHECK_INT(errors_count(&err), 7);
	CHECK_CONTAINS(err.msg[0], "bad.csv:bad:第3行:「day」: 「2027-02-30」不是有效日期");
	CHECK_CONTAINS(err.msg[1], "第4行");
	CHECK_CONTAINS(err.msg[1], "周六");
	CHECK_CONTAINS(err.msg[2], "第5行");
	CHECK_CONTAINS(err.msg[3], "第6行:「kind」: 「holiday」应为 off");
	CHECK_CONTAINS(err.msg[4], "第7行:「day」: 2027-02-08 在第2行已出现过");
	CHECK_CONTAINS(err.msg[5], "第8行:「day」: 日期为空");
	CHECK_CONTAINS(err.msg[6], "第9行:「kind」: 类型为空");
	CHECK(store_calendar_year(s, 2027, &a, &v, &n) == STORE_OK);
	CHECK_INT(n, 0);
	errors_release(&err);

	CHECK_INT(calendar_import_file(s, hdr, &err), -1);
	CHECK_CONTAINS(err.msg[0], "表头「weekday」不认识");
	errors_release(&err);
	CHECK_INT(calendar_import_file(s, "/nonexistent/x.csv", &err), -1);
	errors_release(&err);

	CHECK_INT(calendar_import_file(s, good, &err), 4);
	CHECK_INT(errors_count(&err), 0);
	CHECK(store_calendar_year(s, 2027, &a, &v, &n) == STORE_OK);
	CHECK_INT(n, 3);
	CHECK_STR(v[0].day, "2027-02-06");
	CHECK(v[0].kind == CALENDAR_WORK);
	CHECK_STR(v[1].source, "测试通知");
	CHECK(store_calendar_list(s, "2026-10-01", "2026-10-01", &a, &v, &n) ==
	      STORE_OK);
	CHECK_STR(v[0].note, "国庆节（改）");
	store_close(s);
	errors_release(&err);
	arena_release(&a);
}

T_MAIN(T(test_civil__epoch_and_known_weekdays),
       T(test_civil__round_trip_every_day_1900_to_2400),
       T(test_civil__leap_years),
       T(test_parse__strict_dates),
       T(test_migration__every_2024_2026_day_of_domain_facts),
       T(test_migration__every_other_day_follows_the_week),
       T(test_workdays__across_spring_festival_national_day_and_years),
       T(test_workdays__between_agrees_with_counting_day_by_day),
       T(test_workdays__add_is_inverse_of_between),
       T(test_workdays__bad_input_and_range),
       T(test_days__calendar_days_ignore_holidays),
       T(test_year__without_entries_counts_weekends_and_warns),
       T(test_describe__days_off_worked_and_inside_holidays),
       T(test_deadline__working_day_limits),
       T(test_deadline__calendar_day_limits),
       T(test_deadline__no_fixed_date_and_bad_start),
       T(test_explain__national_day_2026),
       T(test_explain__spring_festival_2026_with_two_saturdays),
       T(test_explain__into_a_year_not_entered),
       T(test_explain__backwards_zero_and_calendar_days),
       T(test_explain__deadline_names_the_anchor),
       T(test_store__put_replace_list_delete),
       T(test_edit__refuses_bad_days_and_changes_results),
       T(test_from_days__sorts_and_last_row_wins),
       T(test_import__all_or_nothing_with_every_problem))
