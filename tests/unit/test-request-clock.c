/* test-request-clock.c: the statutory clock of a 依申请公开 application
 * (条例第三十条—第三十四条, domain-facts §2) on the real 2024–2026
 * calendar of domain-facts §6: receipts just before 春节 and 国庆, on a
 * weekend day worked (调休上班), a 补正 that restarts the count, a third
 * party consulted across 国庆 (answered, and silent past its 15 working
 * days), another agency answering late, an extension (in time, on the due
 * day, too late), answers in time and late, the state on given days, the
 * explanation, and refused histories.
 *
 * Every expected date below was counted by hand, day by day, on the §6
 * tables; the counting is written beside each case.  (n) is the n-th
 * working day counted; "off" a holiday, "work" a weekend day worked. */
#include "t.h"

#include "domain/request-clock.h"
#include "util/arena.h"
#include "util/errors.h"

/* domain-facts §6: each weekday off and weekend day worked, with its
 * holiday as the notices name it */
static const struct calendar_day facts[] = {
	/* 2024 (国务院办公厅 2023-10-25) */
	{ "2024-01-01", CALENDAR_OFF, "元旦", "" },
	{ "2024-02-04", CALENDAR_WORK, "春节", "" },
	{ "2024-02-12", CALENDAR_OFF, "春节", "" },
	{ "2024-02-13", CALENDAR_OFF, "春节", "" },
	{ "2024-02-14", CALENDAR_OFF, "春节", "" },
	{ "2024-02-15", CALENDAR_OFF, "春节", "" },
	{ "2024-02-16", CALENDAR_OFF, "春节", "" },
	{ "2024-02-18", CALENDAR_WORK, "春节", "" },
	{ "2024-04-04", CALENDAR_OFF, "清明节", "" },
	{ "2024-04-05", CALENDAR_OFF, "清明节", "" },
	{ "2024-04-07", CALENDAR_WORK, "清明节", "" },
	{ "2024-04-28", CALENDAR_WORK, "劳动节", "" },
	{ "2024-05-01", CALENDAR_OFF, "劳动节", "" },
	{ "2024-05-02", CALENDAR_OFF, "劳动节", "" },
	{ "2024-05-03", CALENDAR_OFF, "劳动节", "" },
	{ "2024-05-11", CALENDAR_WORK, "劳动节", "" },
	{ "2024-06-10", CALENDAR_OFF, "端午节", "" },
	{ "2024-09-14", CALENDAR_WORK, "中秋节", "" },
	{ "2024-09-16", CALENDAR_OFF, "中秋节", "" },
	{ "2024-09-17", CALENDAR_OFF, "中秋节", "" },
	{ "2024-09-29", CALENDAR_WORK, "国庆节", "" },
	{ "2024-10-01", CALENDAR_OFF, "国庆节", "" },
	{ "2024-10-02", CALENDAR_OFF, "国庆节", "" },
	{ "2024-10-03", CALENDAR_OFF, "国庆节", "" },
	{ "2024-10-04", CALENDAR_OFF, "国庆节", "" },
	{ "2024-10-07", CALENDAR_OFF, "国庆节", "" },
	{ "2024-10-12", CALENDAR_WORK, "国庆节", "" },
	/* 2025 (国办发明电〔2024〕12号) */
	{ "2025-01-01", CALENDAR_OFF, "元旦", "" },
	{ "2025-01-26", CALENDAR_WORK, "春节", "" },
	{ "2025-01-28", CALENDAR_OFF, "春节", "" },
	{ "2025-01-29", CALENDAR_OFF, "春节", "" },
	{ "2025-01-30", CALENDAR_OFF, "春节", "" },
	{ "2025-01-31", CALENDAR_OFF, "春节", "" },
	{ "2025-02-03", CALENDAR_OFF, "春节", "" },
	{ "2025-02-04", CALENDAR_OFF, "春节", "" },
	{ "2025-02-08", CALENDAR_WORK, "春节", "" },
	{ "2025-04-04", CALENDAR_OFF, "清明节", "" },
	{ "2025-04-27", CALENDAR_WORK, "劳动节", "" },
	{ "2025-05-01", CALENDAR_OFF, "劳动节", "" },
	{ "2025-05-02", CALENDAR_OFF, "劳动节", "" },
	{ "2025-05-05", CALENDAR_OFF, "劳动节", "" },
	{ "2025-06-02", CALENDAR_OFF, "端午节", "" },
	{ "2025-09-28", CALENDAR_WORK, "国庆节、中秋节", "" },
	{ "2025-10-01", CALENDAR_OFF, "国庆节、中秋节", "" },
	{ "2025-10-02", CALENDAR_OFF, "国庆节、中秋节", "" },
	{ "2025-10-03", CALENDAR_OFF, "国庆节、中秋节", "" },
	{ "2025-10-06", CALENDAR_OFF, "国庆节、中秋节", "" },
	{ "2025-10-07", CALENDAR_OFF, "国庆节、中秋节", "" },
	{ "2025-10-08", CALENDAR_OFF, "国庆节、中秋节", "" },
	{ "2025-10-11", CALENDAR_WORK, "国庆节、中秋节", "" },
	/* 2026 (国务院办公厅 2025-11-04) */
	{ "2026-01-01", CALENDAR_OFF, "元旦", "" },
	{ "2026-01-02", CALENDAR_OFF, "元旦", "" },
	{ "2026-01-04", CALENDAR_WORK, "元旦", "" },
	{ "2026-02-14", CALENDAR_WORK, "春节", "" },
	{ "2026-02-16", CALENDAR_OFF, "春节", "" },
	{ "2026-02-17", CALENDAR_OFF, "春节", "" },
	{ "2026-02-18", CALENDAR_OFF, "春节", "" },
	{ "2026-02-19", CALENDAR_OFF, "春节", "" },
	{ "2026-02-20", CALENDAR_OFF, "春节", "" },
	{ "2026-02-23", CALENDAR_OFF, "春节", "" },
	{ "2026-02-28", CALENDAR_WORK, "春节", "" },
	{ "2026-04-06", CALENDAR_OFF, "清明节", "" },
	{ "2026-05-01", CALENDAR_OFF, "劳动节", "" },
	{ "2026-05-04", CALENDAR_OFF, "劳动节", "" },
	{ "2026-05-05", CALENDAR_OFF, "劳动节", "" },
	{ "2026-05-09", CALENDAR_WORK, "劳动节", "" },
	{ "2026-06-19", CALENDAR_OFF, "端午节", "" },
	{ "2026-09-20", CALENDAR_WORK, "国庆节", "" },
	{ "2026-09-25", CALENDAR_OFF, "中秋节", "" },
	{ "2026-10-01", CALENDAR_OFF, "国庆节", "" },
	{ "2026-10-02", CALENDAR_OFF, "国庆节", "" },
	{ "2026-10-05", CALENDAR_OFF, "国庆节", "" },
	{ "2026-10-06", CALENDAR_OFF, "国庆节", "" },
	{ "2026-10-07", CALENDAR_OFF, "国庆节", "" },
	{ "2026-10-10", CALENDAR_WORK, "国庆节", "" },
};
#define NFACTS (sizeof(facts) / sizeof(facts[0]))

static struct arena arena = ARENA_INIT;
static struct calendar cal;

static int32_t day(const char *text)
{
	int32_t z = 0;

	if (calendar_parse_date(text, &z))
		abort();
	return z;
}

static const char *date(int32_t z)
{
	char d[CALENDAR_DATE_LEN];

	calendar_format_date(z, d);
	return arena_strdup(&arena, d);
}

/* The clock of an application received on 'received', as of 'today';
 * a refusal is printed and gives -1. */
static int run(const char *received, const struct clock_event *ev,
	       size_t n, const char *today, struct request_clock *out)
{
	struct errors err = ERRORS_INIT;
	int rc;

	if (!cal.n)
		calendar_from_days(facts, NFACTS, &arena, &cal);
	rc = request_clock(&cal, day(received), ev, n, day(today), &arena, out,
			   &err);
	errors_print(&err, stdout);
	errors_release(&err);
	return rc;
}

static bool has_line(const struct request_clock *c, const char *text)
{
	for (size_t i = 0; i < c->n; i++)
		if (strstr(c->lines[i], text))
			return true;
	return false;
}

static void dump(const struct request_clock *c)
{
	for (size_t i = 0; i < c->n; i++)
		printf("    %s\n", c->lines[i]);
}

#define CHECK_DUE(c, want) do { \
	if (!(c).has_due) { dump(&(c)); T_FAIL("no due date, expected %s", want); } \
	CHECK_STR(date((c).due), want); } while (0)
#define CHECK_LINE(c, text) do { if (!has_line(&(c), text)) { dump(&(c)); \
	T_FAIL("no line contains \"%s\"", text); } } while (0)

#define EV(kind, d) { REQUEST_EV_##kind, day(d), 0 }
#define NEV(v) (sizeof(v) / sizeof(v[0]))

/* --- receipts and holidays --- */

/* 2025-09-26 (Fri) received.  09-27 Sat rest; 09-28 Sun work (1); 09-29
 * (2); 09-30 (3); 10-01 Wed – 10-08 Wed off, 8 days with 10-04/05; 10-09
 * (4); 10-10 (5); 10-11 Sat work (6); 10-12 Sun rest; 10-13–17 (7–11);
 * 10-20–24 (12–16); 10-27 (17), 10-28 (18), 10-29 (19), 10-30 Thu (20).
 * Plain weekend days counted past: 09-27, 10-12, 10-18/19, 10-25/26 = 6.
 * 补正 within 7: 09-28 (1) … 10-13 (7). */
TEST(test_receipt__before_national_day_2025)
{
	struct request_clock c;

	CHECK_INT(run("2025-09-26", NULL, 0, "2025-09-26", &c), 0);
	CHECK_DUE(c, "2025-10-30");
	CHECK_INT(c.state, REQUEST_RUNNING);
	CHECK_INT(c.limit, 20);
	CHECK_INT(c.used, 0);
	CHECK_INT(c.left, 20);
	CHECK_STR(date(c.start), "2025-09-26");
	CHECK_STR(date(c.correction_due), "2025-10-13");
	CHECK(c.reviewing);
	CHECK_INT(c.correction_left, 7);
	CHECK_STR(c.lines[0], "2025-09-26（周五）收到申请（收到申请之日，条例第三十一条）");
	CHECK_CONTAINS(c.lines[1], "即不晚于 2025-10-13（周一）");
	CHECK_LINE(c, "自次日起算，第1个工作日为 2025-09-28（周日，国庆节、中秋节调休上班）");
	CHECK_LINE(c, "2025-10-01（周三）至2025-10-08（周三）国庆节、中秋节放假，共8天，不计入");
	CHECK_LINE(c, "2025-10-11（周六）国庆节、中秋节调休上班，计为第6个工作日");
	CHECK_LINE(c, "其余周六、周日共6天，不计入");
	CHECK_LINE(c, "第20个工作日为 2025-10-30（周四），即答复期限");
	CHECK_LINE(c, "截至今天 2025-09-26（周五）：已计0个工作日，还剩20个工作日");
	CHECK_LINE(c, "如需补正，应在 2025-10-13（周一）前一次性告知申请人（还剩7个工作日）");
}

/* The same application on later days: 10-20 is (12), 8 left (10-21–24,
 * 10-27–30); 10-30 the last day; 10-31 overdue by one working day; the
 * 补正 window closed after 10-13. */
TEST(test_state__running_due_today_overdue)
{
	struct request_clock c;

	CHECK_INT(run("2025-09-26", NULL, 0, "2025-10-20", &c), 0);
	CHECK_INT(c.state, REQUEST_RUNNING);
	CHECK_INT(c.used, 12);
	CHECK_INT(c.left, 8);
	CHECK(!c.reviewing);
	CHECK_INT(run("2025-09-26", NULL, 0, "2025-10-13", &c), 0);
	CHECK(c.reviewing);
	CHECK_INT(c.correction_left, 0);
	CHECK_LINE(c, "前一次性告知申请人（今天是最后一天）");
	CHECK_INT(run("2025-09-26", NULL, 0, "2025-10-30", &c), 0);
	CHECK_INT(c.state, REQUEST_RUNNING);
	CHECK_INT(c.left, 0);
	CHECK_LINE(c, "今天是答复期限的最后一天");
	CHECK_INT(run("2025-09-26", NULL, 0, "2025-10-31", &c), 0);
	CHECK_INT(c.state, REQUEST_OVERDUE);
	CHECK_INT(c.left, -1);
	CHECK_LINE(c, "已超过答复期限 2025-10-30，逾期1个工作日");
	/* 11-03 (Mon): 10-31 and 11-03 past the due date */
	CHECK_INT(run("2025-09-26", NULL, 0, "2025-11-03", &c), 0);
	CHECK_INT(c.left, -2);
	CHECK_STR(request_state_label(c.state), "已逾期");
}

/* 2024-09-27 (Fri).  09-28 Sat rest; 09-29 Sun work (1); 09-30 (2);
 * 10-01–10-07 off (7 days); 10-08 (3) … 10-11 (6); 10-12 Sat work (7);
 * 10-14–18 (8–12); 10-21–25 (13–17); 10-28 (18), 10-29 (19), 10-30 (20). */
TEST(test_receipt__before_national_day_2024)
{
	struct request_clock c;

	CHECK_INT(run("2024-09-27", NULL, 0, "2024-09-27", &c), 0);
	CHECK_DUE(c, "2024-10-30");
	CHECK_LINE(c, "2024-10-12（周六）国庆节调休上班，计为第7个工作日");
}

/* 2025-01-24 (Fri).  01-25 Sat rest; 01-26 Sun work (1); 01-27 (2);
 * 01-28 Tue – 02-04 Tue off (8 days); 02-05 (3), 02-06 (4), 02-07 (5);
 * 02-08 Sat work (6); 02-10–14 (7–11); 02-17–21 (12–16); 02-24 (17) …
 * 02-27 Thu (20).  补正: 01-26 (1), 01-27 (2), 02-05–07 (3–5), 02-08 (6),
 * 02-10 (7). */
TEST(test_receipt__before_spring_festival_2025)
{
	struct request_clock c;

	CHECK_INT(run("2025-01-24", NULL, 0, "2025-01-27", &c), 0);
	CHECK_DUE(c, "2025-02-27");
	CHECK_STR(date(c.correction_due), "2025-02-10");
	CHECK_INT(c.used, 2);
	CHECK_INT(c.left, 18);
	CHECK_LINE(c, "2025-01-28（周二）至2025-02-04（周二）春节放假，共8天，不计入");
	CHECK_LINE(c, "2025-02-08（周六）春节调休上班，计为第6个工作日");
}

/* 2026-02-13 (Fri).  02-14 Sat work (1); 02-15 Sun – 02-23 Mon off (9
 * days); 02-24 (2) … 02-27 (5); 02-28 Sat work (6); 03-02–06 (7–11);
 * 03-09–13 (12–16); 03-16 (17) … 03-19 Thu (20). */
TEST(test_receipt__before_spring_festival_2026)
{
	struct request_clock c;

	CHECK_INT(run("2026-02-13", NULL, 0, "2026-02-13", &c), 0);
	CHECK_DUE(c, "2026-03-19");
	CHECK_LINE(c, "自次日起算，第1个工作日为 2026-02-14（周六，春节调休上班）");
	CHECK_LINE(c, "2026-02-15（周日）至2026-02-23（周一）春节放假，共9天，不计入");
}

/* Received on 2025-09-28, a Sunday worked.  The day itself is not
 * counted: 09-29 (1), 09-30 (2); 10-01–08 off; 10-09 (3), 10-10 (4),
 * 10-11 Sat work (5); 10-13–17 (6–10); 10-20–24 (11–15); 10-27 (16) …
 * 10-31 Fri (20). */
TEST(test_receipt__on_worked_sunday_2025)
{
	struct request_clock c;

	CHECK_INT(run("2025-09-28", NULL, 0, "2025-09-28", &c), 0);
	CHECK_DUE(c, "2025-10-31");
	CHECK_STR(c.lines[0], "2025-09-28（周日）收到申请（收到申请之日，条例第三十一条）");
	CHECK_LINE(c, "自次日起算，第1个工作日为 2025-09-29（周一）");
}

/* Received on 2026-10-10, a Saturday worked.  10-11 Sun rest; 10-12–16
 * (1–5); 10-19–23 (6–10); 10-26–30 (11–15); 11-02–06 (16–20). */
TEST(test_receipt__on_worked_saturday_2026)
{
	struct request_clock c;

	CHECK_INT(run("2026-10-10", NULL, 0, "2026-10-12", &c), 0);
	CHECK_DUE(c, "2026-11-06");
	CHECK_INT(c.used, 1);
}

/* Received on 2024-02-04, a Sunday worked before 春节; 除夕 02-09 (Fri)
 * was a working day that year.  02-05–08 (1–4); 02-09 (5); 02-10 Sat –
 * 02-17 Sat off (8 days); 02-18 Sun work (6); 02-19–23 (7–11); 02-26 –
 * 03-01 (12–16); 03-04 (17) … 03-07 Thu (20). */
TEST(test_receipt__on_worked_sunday_before_spring_festival_2024)
{
	struct request_clock c;

	CHECK_INT(run("2024-02-04", NULL, 0, "2024-02-04", &c), 0);
	CHECK_DUE(c, "2024-03-07");
	CHECK_LINE(c, "2024-02-10（周六）至2024-02-17（周六）春节放假，共8天，不计入");
}

/* Every receipt day of 2024–2026 without events: the due date is the
 * 20th working day of calendar_add_workdays(), the 补正 date the 7th, and
 * a pause of (S, E] moves the due date by the working days in it. */
TEST(test_receipt__every_day_agrees_with_calendar)
{
	struct request_clock c;
	struct errors err = ERRORS_INIT;
	char from[CALENDAR_DATE_LEN], want[CALENDAR_DATE_LEN];

	if (!cal.n)
		calendar_from_days(facts, NFACTS, &arena, &cal);
	for (int32_t r = day("2024-01-01"); r <= day("2026-11-30"); r++) {
		struct clock_event ev[] = {
			{ REQUEST_EV_THIRD_PARTY_START, r + 3, 0 },
			{ REQUEST_EV_THIRD_PARTY_END, r + 10, 0 },
		};
		int paused = 0;

		calendar_format_date(r, from);
		if (request_clock(&cal, r, NULL, 0, r, &arena, &c, &err))
			T_FAIL("refused %s", from);
		calendar_add_workdays(&cal, from, 20, want);
		if (strcmp(date(c.due), want))
			T_FAIL("received %s: due %s, expected %s", from,
			       date(c.due), want);
		calendar_add_workdays(&cal, from, 7, want);
		if (strcmp(date(c.correction_due), want))
			T_FAIL("received %s: 补正 %s, expected %s", from,
			       date(c.correction_due), want);
		/* a pause of 7 calendar days starting on the 3rd day: shorter
		 * than 15 working days and before the 20th working day */
		calendar_workdays_between(&cal, date(r + 3), date(r + 10), &paused);
		if (request_clock(&cal, r, ev, 2, r + 10, &arena, &c, &err))
			T_FAIL("refused %s with a pause", from);
		calendar_add_workdays(&cal, from, 20 + paused, want);
		if (strcmp(date(c.due), want))
			T_FAIL("received %s, paused (%s, %s]: due %s, expected %s",
			       from, date(r + 3), date(r + 10), date(c.due), want);
	}
	errors_release(&err);
}

/* --- 补正 --- */

/* 2025-04-01 (Tue) received.  补正 within 7: 04-02 (1), 04-03 (2), 04-04
 * off (清明), 04-07–11 (3–7) → 04-11.  The notice goes on 04-03 (the 2nd
 * working day); the corrected application arrives on 04-25 (Fri) and the
 * count starts again: 04-26 Sat rest; 04-27 Sun work (1); 04-28–30
 * (2–4); 05-01 Thu – 05-05 Mon off (5 days); 05-06–09 (5–8); 05-12–16
 * (9–13); 05-19–23 (14–18); 05-26 (19), 05-27 Tue (20). */
TEST(test_correction__restarts_from_corrected_application)
{
	struct clock_event ev[] = {
		EV(CORRECTION_SENT, "2025-04-03"),
		EV(CORRECTION_RECEIVED, "2025-04-25"),
	};
	struct request_clock c;

	CHECK_INT(run("2025-04-01", ev, 2, "2025-05-06", &c), 0);
	CHECK_DUE(c, "2025-05-27");
	CHECK_STR(date(c.correction_due), "2025-04-11");
	CHECK(!c.correction_late);
	CHECK(!c.reviewing);
	CHECK_STR(date(c.start), "2025-04-25");
	CHECK_INT(c.state, REQUEST_RUNNING);
	CHECK_INT(c.used, 5);
	CHECK_INT(c.left, 15);
	CHECK_LINE(c, "2025-04-03（周四）发出补正告知，为收到申请后第2个工作日，在7个工作日的期限内（第三十条）");
	CHECK_LINE(c, "2025-04-25（周五）收到补正后的申请，答复期限自该日起重新计算（第三十条）");
	CHECK_LINE(c, "自次日起算，第1个工作日为 2025-04-27（周日，劳动节调休上班）");
	CHECK_LINE(c, "2025-05-01（周四）至2025-05-05（周一）劳动节放假，共5天，不计入");
	CHECK_LINE(c, "第20个工作日为 2025-05-27（周二），即答复期限");
}

/* While the applicant has not answered the 补正 notice the clock waits:
 * no due date, the full 20 days to come. */
TEST(test_correction__waiting_for_applicant)
{
	struct clock_event ev[] = { EV(CORRECTION_SENT, "2025-04-03") };
	struct request_clock c;

	CHECK_INT(run("2025-04-01", ev, 1, "2025-04-10", &c), 0);
	CHECK_INT(c.state, REQUEST_PAUSED);
	CHECK_INT(c.pause, REQUEST_PAUSE_CORRECTION);
	CHECK(!c.has_due);
	CHECK_INT(c.used, 0);	/* the 2 before the notice will not count */
	CHECK_INT(c.left, 20);
	CHECK_STR(request_pause_label(c.pause), "等待申请人补正");
	CHECK_LINE(c, "等待申请人补正，答复期限暂停");
	/* months later, still no due date: never overdue */
	CHECK_INT(run("2025-04-01", ev, 1, "2025-12-31", &c), 0);
	CHECK_INT(c.state, REQUEST_PAUSED);
}

/* A notice on 04-14 (Mon), the 8th working day (04-11 was the 7th): late,
 * and said so; the count still restarts from the corrected application
 * (04-25 → 05-27 as above). */
TEST(test_correction__late_notice_flagged)
{
	struct clock_event ev[] = {
		EV(CORRECTION_SENT, "2025-04-14"),
		EV(CORRECTION_RECEIVED, "2025-04-25"),
	};
	struct request_clock c;

	CHECK_INT(run("2025-04-01", ev, 2, "2025-04-25", &c), 0);
	CHECK(c.correction_late);
	CHECK_LINE(c, "为收到申请后第8个工作日，晚于补正告知期限 2025-04-11");
	CHECK_DUE(c, "2025-05-27");
	CHECK_INT(c.used, 0);
}

/* A notice on the day of receipt ("当日"); the corrected application on
 * the same day restarts the count from that very day: as if received
 * then, 2025-04-01 → 04-02 (1), 04-03 (2), 04-07–11 (3–7), 04-14–18
 * (8–12), 04-21–25 (13–17), 04-27 Sun work (18), 04-28 (19), 04-29 (20). */
TEST(test_correction__on_the_day_of_receipt)
{
	struct clock_event ev[] = {
		EV(CORRECTION_SENT, "2025-04-01"),
		EV(CORRECTION_RECEIVED, "2025-04-01"),
	};
	struct request_clock c;

	CHECK_INT(run("2025-04-01", ev, 2, "2025-04-01", &c), 0);
	CHECK_LINE(c, "为收到申请后当日");
	CHECK_DUE(c, "2025-04-29");
}

/* --- consultations --- */

/* 2025-09-15 (Mon) received: 09-16–19 (1–4), 09-22–26 (5–9).  The third
 * party is consulted on 09-26 (counted: 9).  Without it the due date
 * would be 10-17: 09-28 work (10), 09-29 (11), 09-30 (12), 10-09 (13),
 * 10-10 (14), 10-11 work (15), 10-13–17 (16–20).  Its answer comes on
 * 10-17 (Fri): the working days of (09-26, 10-17] are not counted —
 * 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13–17 = 11 — and the count
 * goes on from 10-20: 10-20–24 (10–14), 10-27–31 (15–19), 11-03 Mon (20).
 * The third party's 15 working days from 09-26: the 11 above, then
 * 10-20 … 10-23 (12–15) → 10-23. */
TEST(test_third_party__pause_across_national_day)
{
	struct clock_event ev[] = {
		EV(THIRD_PARTY_START, "2025-09-26"),
		EV(THIRD_PARTY_END, "2025-10-17"),
	};
	struct request_clock c;

	CHECK_INT(run("2025-09-15", ev, 2, "2025-10-20", &c), 0);
	CHECK_DUE(c, "2025-11-03");
	CHECK_INT(c.state, REQUEST_RUNNING);
	CHECK_INT(c.used, 10);
	CHECK_INT(c.left, 10);
	CHECK_LINE(c, "2025-09-26（周五）书面征求第三方意见，此时已计9个工作日");
	CHECK_LINE(c, "自发出之日计算最迟为 2025-10-23（周四）");
	CHECK_LINE(c, "2025-10-17（周五）收到第三方意见，自 2025-09-26 发出起共11个工作日不计算；自次日起继续计算，还剩11个工作日");
	CHECK_LINE(c, "恢复计算，第10个工作日为 2025-10-20（周一）");
	CHECK_LINE(c, "第20个工作日为 2025-11-03（周一），即答复期限");
}

/* The same consultation still open on 10-10: paused with 9 counted and
 * 11 left; the due date assumes the full 15 working days (to 10-23), then
 * 10-24 (10), 10-27–31 (11–15), 11-03–07 (16–20) → 11-07. */
TEST(test_third_party__open_today_is_paused)
{
	struct clock_event ev[] = { EV(THIRD_PARTY_START, "2025-09-26") };
	struct request_clock c;

	CHECK_INT(run("2025-09-15", ev, 1, "2025-10-10", &c), 0);
	CHECK_INT(c.state, REQUEST_PAUSED);
	CHECK_INT(c.pause, REQUEST_PAUSE_THIRD_PARTY);
	CHECK_INT(c.used, 9);
	CHECK_INT(c.left, 11);
	CHECK_DUE(c, "2025-11-07");
	CHECK_LINE(c, "如到 2025-10-23（周四）（满15个工作日）仍未收到第三方意见，由本机关依照条例决定是否公开（第三十二条）；自次日起继续计算，还剩11个工作日");
	CHECK_LINE(c, "征求第三方意见中，暂停计算；已计9个工作日，还剩11个工作日");
}

/* The third party never answers: after 10-23 the clock runs again, due
 * 11-07 as above; on 11-10 (Mon) the application is overdue by one
 * working day. */
TEST(test_third_party__silent_past_15_days)
{
	struct clock_event ev[] = { EV(THIRD_PARTY_START, "2025-09-26") };
	struct request_clock c;

	CHECK_INT(run("2025-09-15", ev, 1, "2025-11-10", &c), 0);
	CHECK_DUE(c, "2025-11-07");
	CHECK_INT(c.state, REQUEST_OVERDUE);
	CHECK_INT(c.left, -1);
	CHECK_LINE(c, "2025-10-23（周四）已满15个工作日，第三方未提出意见，由本机关依照条例决定是否公开（第三十二条）；自次日起继续计算，还剩11个工作日");
}

/* An answer after the 15 working days changes nothing (due 11-07). */
TEST(test_third_party__late_answer)
{
	struct clock_event ev[] = {
		EV(THIRD_PARTY_START, "2025-09-26"),
		EV(THIRD_PARTY_END, "2025-10-28"),
	};
	struct request_clock c;

	CHECK_INT(run("2025-09-15", ev, 2, "2025-10-28", &c), 0);
	CHECK_DUE(c, "2025-11-07");
	CHECK_INT(c.state, REQUEST_RUNNING);
	CHECK_LINE(c, "2025-10-28（周二）收到第三方意见，已超过15个工作日的期限，答复期限已自 2025-10-24 起恢复计算");
}

/* 2025-04-01 received: 04-02 (1), 04-03 (2), 04-07 (3), 04-08 (4); another
 * agency consulted on 04-08.  Its 15 working days: 04-09–11 (1–3),
 * 04-14–18 (4–8), 04-21–25 (9–13), 04-27 Sun work (14), 04-28 (15) →
 * 04-28; its answer comes late, on 04-30, so the count went on from
 * 04-29: 04-29 (5), 04-30 (6), 05-01–05 off, 05-06–09 (7–10), 05-12–16
 * (11–15), 05-19–23 (16–20) → 05-23. */
TEST(test_agency__silence_counts_as_consent)
{
	struct clock_event ev[] = {
		EV(AGENCY_START, "2025-04-08"),
		EV(AGENCY_END, "2025-04-30"),
	};
	struct request_clock c;

	CHECK_INT(run("2025-04-01", ev, 2, "2025-05-06", &c), 0);
	CHECK_DUE(c, "2025-05-23");
	CHECK_INT(c.used, 7);
	CHECK_LINE(c, "2025-04-28（周一）已满15个工作日，其他机关未提出意见，视为同意公开（第三十四条）");
	CHECK_LINE(c, "2025-04-30（周三）收到其他机关意见，已超过15个工作日的期限");
	/* open on 04-20: paused */
	CHECK_INT(run("2025-04-01", ev, 1, "2025-04-20", &c), 0);
	CHECK_INT(c.state, REQUEST_PAUSED);
	CHECK_INT(c.pause, REQUEST_PAUSE_AGENCY);
	CHECK_INT(c.used, 4);
}

/* Two consultations overlapping: a third party on 09-26 and another
 * agency on 09-29 (a paused day, nothing counted); the third party
 * answers on 10-10, the agency on 10-17: counting resumes only then, as
 * in test_third_party__pause_across_national_day → 11-03. */
TEST(test_consult__overlapping_pauses)
{
	struct clock_event ev[] = {
		EV(THIRD_PARTY_START, "2025-09-26"),
		EV(AGENCY_START, "2025-09-29"),
		EV(THIRD_PARTY_END, "2025-10-10"),
		EV(AGENCY_END, "2025-10-17"),
	};
	struct request_clock c;

	CHECK_INT(run("2025-09-15", ev, 4, "2025-10-17", &c), 0);
	CHECK_DUE(c, "2025-11-03");
	CHECK_LINE(c, "另有征求意见尚未结束，继续暂停计算");
	CHECK_INT(c.used, 9);
}

/* --- 延期 --- */

/* 2026-09-14 (Mon) received: 09-15–18 (1–4); 09-19 Sat rest; 09-20 Sun
 * work (5); 09-21–24 (6–9); 09-25 Fri off (中秋, with 09-26/27: 3 days);
 * 09-28–30 (10–12); 10-01–07 off (7 days); 10-08 (13), 10-09 (14);
 * 10-10 Sat work (15); 10-12–16 (16–20) → 10-16.  Extended by 20 on
 * 10-12: 10-19–23 (21–25), 10-26–30 (26–30), 11-02–06 (31–35), 11-09–13
 * (36–40) → 11-13 (Fri). */
TEST(test_extension__twenty_more_days)
{
	struct clock_event ev[] = {
		{ REQUEST_EV_EXTENSION, day("2026-10-12"), 20 },
	};
	struct clock_event ev2[] = {
		{ REQUEST_EV_EXTENSION, 0, 0 },
		EV(REPLIED, "2026-11-02"),
	};
	struct request_clock c;

	CHECK_INT(run("2026-09-14", NULL, 0, "2026-09-14", &c), 0);
	CHECK_DUE(c, "2026-10-16");
	CHECK_LINE(c, "2026-09-25（周五）至2026-09-27（周日）中秋节放假，共3天，不计入");
	CHECK_LINE(c, "2026-10-01（周四）至2026-10-07（周三）国庆节放假，共7天，不计入");
	CHECK_INT(run("2026-09-14", ev, 1, "2026-10-19", &c), 0);
	CHECK_DUE(c, "2026-11-13");
	CHECK_INT(c.limit, 40);
	CHECK_INT(c.used, 21);
	CHECK_INT(c.left, 19);
	CHECK(!c.extension_late);
	CHECK_LINE(c, "延长答复期限20个工作日（第三十三条），答复期限共40个工作日，此时已计16个工作日");
	CHECK_LINE(c, "第40个工作日为 2026-11-13（周五），即答复期限");
	/* answered on 11-02, the 31st day: 9 left (11-03–06, 11-09–13) */
	ev2[0] = ev[0];
	CHECK_INT(run("2026-09-14", ev2, 2, "2026-11-20", &c), 0);
	CHECK_INT(c.state, REQUEST_ANSWERED);
	CHECK_INT(c.used, 31);
	CHECK_INT(c.left, 9);
	CHECK(!c.answered_late);
	CHECK_DUE(c, "2026-11-13");
}

/* Decided on the due date itself (10-16, the 20th day): still in time.
 * 5 more days: 10-19–23 → 10-23. */
TEST(test_extension__on_the_due_date)
{
	struct clock_event ev[] = {
		{ REQUEST_EV_EXTENSION, day("2026-10-16"), 5 },
	};
	struct request_clock c;

	CHECK_INT(run("2026-09-14", ev, 1, "2026-10-16", &c), 0);
	CHECK_DUE(c, "2026-10-23");
	CHECK_INT(c.limit, 25);
	CHECK(!c.extension_late);
}

/* Decided on 10-19, after the due date 10-16: not applied, overdue by
 * one working day (10-19). */
TEST(test_extension__too_late)
{
	struct clock_event ev[] = {
		{ REQUEST_EV_EXTENSION, day("2026-10-19"), 20 },
	};
	struct request_clock c;

	CHECK_INT(run("2026-09-14", ev, 1, "2026-10-19", &c), 0);
	CHECK(c.extension_late);
	CHECK_DUE(c, "2026-10-16");
	CHECK_INT(c.state, REQUEST_OVERDUE);
	CHECK_INT(c.left, -1);
	CHECK_LINE(c, "但答复期限已于 2026-10-16 届满");
}

/* --- 答复 --- */

/* Received 2025-09-26, due 10-30 (above): answered on 10-30 in time;
 * on 11-03 late by two working days (10-31, 11-03). */
TEST(test_reply__in_time_and_late)
{
	struct clock_event ok[] = { EV(REPLIED, "2025-10-30") };
	struct clock_event late[] = { EV(REPLIED, "2025-11-03") };
	struct request_clock c;

	CHECK_INT(run("2025-09-26", ok, 1, "2025-11-20", &c), 0);
	CHECK_INT(c.state, REQUEST_ANSWERED);
	CHECK(!c.answered_late);
	CHECK_STR(date(c.answered), "2025-10-30");
	CHECK_INT(c.used, 20);
	CHECK_INT(c.left, 0);
	CHECK_LINE(c, "2025-10-30（周四）作出答复，此时已计20个工作日，在答复期限内");
	CHECK_INT(run("2025-09-26", late, 1, "2025-11-20", &c), 0);
	CHECK_INT(c.state, REQUEST_ANSWERED);
	CHECK(c.answered_late);
	CHECK_INT(c.left, -2);
	CHECK_LINE(c, "已超过答复期限 2025-10-30，逾期2个工作日");
	CHECK_STR(request_state_label(c.state), "已答复");
}

/* Answered early (10-09, the 4th day): the due date is still given. */
TEST(test_reply__early)
{
	struct clock_event ev[] = { EV(REPLIED, "2025-10-09") };
	struct request_clock c;

	CHECK_INT(run("2025-09-26", ev, 1, "2025-10-09", &c), 0);
	CHECK_INT(c.state, REQUEST_ANSWERED);
	CHECK_DUE(c, "2025-10-30");
	CHECK_INT(c.used, 4);
	CHECK_INT(c.left, 16);
	CHECK(!c.reviewing);
}

/* --- refused input --- */

TEST(test_refused__bad_histories)
{
	struct clock_event before[] = { EV(REPLIED, "2025-09-25") };
	struct clock_event after_today[] = { EV(REPLIED, "2025-10-31") };
	struct clock_event disorder[] = {
		EV(THIRD_PARTY_START, "2025-10-10"),
		EV(THIRD_PARTY_END, "2025-10-09"),
	};
	struct clock_event twice[] = {
		EV(CORRECTION_SENT, "2025-09-28"),
		EV(CORRECTION_SENT, "2025-09-29"),
	};
	struct clock_event no_notice[] = { EV(CORRECTION_RECEIVED, "2025-09-29") };
	struct clock_event no_start[] = { EV(AGENCY_END, "2025-09-29") };
	struct clock_event long_ext[] = {
		{ REQUEST_EV_EXTENSION, day("2025-10-09"), 21 },
	};
	struct clock_event zero_ext[] = {
		{ REQUEST_EV_EXTENSION, day("2025-10-09"), 0 },
	};
	struct clock_event two_ext[] = {
		{ REQUEST_EV_EXTENSION, day("2025-10-09"), 5 },
		{ REQUEST_EV_EXTENSION, day("2025-10-10"), 5 },
	};
	struct clock_event after_reply[] = {
		EV(REPLIED, "2025-10-09"),
		EV(THIRD_PARTY_START, "2025-10-10"),
	};
	struct clock_event bad_kind[] = { { REQUEST_EV__MAX, day("2025-10-09"), 0 } };
	const struct {
		const struct clock_event *ev;
		size_t n;
		const char *today, *msg;
	} v[] = {
		{ before, 1, "2025-10-30", "早于收到申请之日 2025-09-26" },
		{ after_today, 1, "2025-10-30", "晚于今天 2025-10-30" },
		{ disorder, 2, "2025-10-30", "须按发生的先后排列" },
		{ twice, 2, "2025-10-30", "补正应一次性告知" },
		{ no_notice, 1, "2025-10-30", "此前没有发出补正告知" },
		{ no_start, 1, "2025-10-30", "此前没有「征求其他机关意见」" },
		{ long_ext, 1, "2025-10-30", "应为 1 到 20 个工作日" },
		{ zero_ext, 1, "2025-10-30", "而不是 0 个" },
		{ two_ext, 2, "2025-10-30", "只能延长一次" },
		{ after_reply, 2, "2025-10-30", "答复后不再有其他办理事项" },
		{ bad_kind, 1, "2025-10-30", "类型无效" },
		{ NULL, 0, "2025-09-25", "今天（2025-09-25）早于收到申请之日" },
	};
	struct request_clock c;

	if (!cal.n)
		calendar_from_days(facts, NFACTS, &arena, &cal);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct errors err = ERRORS_INIT;
		int rc = request_clock(&cal, day("2025-09-26"), v[i].ev, v[i].n,
				       day(v[i].today), &arena, &c, &err);
		bool found = false;

		for (size_t k = 0; k < err.n; k++)
			found |= strstr(err.msg[k], v[i].msg) != NULL;
		if (rc != -1 || !found) {
			errors_print(&err, stdout);
			errors_release(&err);
			T_FAIL("case %zu: rc %d, no message \"%s\"", i, rc, v[i].msg);
		}
		if (c.n || c.has_due)
			T_FAIL("case %zu left a result", i);
		errors_release(&err);
	}
}

/* Every problem at once; too many events; a date out of range. */
TEST(test_refused__all_problems_and_limits)
{
	struct clock_event ev[REQUEST_EVENTS_MAX + 1];
	struct clock_event both[] = {
		EV(CORRECTION_RECEIVED, "2025-09-20"),
		{ REQUEST_EV_EXTENSION, day("2025-10-09"), 30 },
	};
	struct errors err = ERRORS_INIT;
	struct request_clock c;

	if (!cal.n)
		calendar_from_days(facts, NFACTS, &arena, &cal);
	for (size_t i = 0; i < NEV(ev); i++)
		ev[i] = (struct clock_event){ REQUEST_EV_REPLIED, day("2025-10-09"), 0 };
	CHECK_INT(request_clock(&cal, day("2025-09-26"), ev, NEV(ev),
				day("2025-10-30"), &arena, &c, &err), -1);
	CHECK_CONTAINS(err.msg[0], "最多记录 64 个办理事项");
	errors_release(&err);
	CHECK_INT(request_clock(&cal, day("2025-09-26"), both, 2,
				day("2025-10-30"), &arena, &c, &err), -1);
	/* before the receipt, no notice before it, extension too long */
	CHECK_INT(errors_count(&err), 3);
	errors_release(&err);
	CHECK_INT(request_clock(&cal, day("9999-12-01"), NULL, 0,
				day("9999-12-01"), &arena, &c, &err), -1);
	CHECK_CONTAINS(err.msg[0], "1900 年至 9998 年");
	errors_release(&err);
}

/* A count into a year not entered yet says so: received 2026-12-18, the
 * 20 working days run into 2027. */
TEST(test_missing_year__warned)
{
	struct request_clock c;

	CHECK_INT(run("2026-12-18", NULL, 0, "2026-12-18", &c), 0);
	CHECK_LINE(c, "注意：未录入2027年节假日安排，2027年按周六、周日休息计算");
	CHECK(c.has_due);
}

TEST(test_labels)
{
	CHECK_STR(request_state_label(REQUEST_RUNNING), "计时中");
	CHECK_STR(request_state_label(REQUEST_PAUSED), "暂停计时");
	CHECK_STR(request_pause_label(REQUEST_PAUSE_THIRD_PARTY), "征求第三方意见");
	CHECK_STR(request_pause_label(REQUEST_PAUSE_NONE), "");
	CHECK_STR(clock_event_label(REQUEST_EV_EXTENSION), "延长答复期限");
	CHECK_STR(clock_event_label(REQUEST_EV__MAX), "");
}

T_MAIN(T(test_receipt__before_national_day_2025),
       T(test_state__running_due_today_overdue),
       T(test_receipt__before_national_day_2024),
       T(test_receipt__before_spring_festival_2025),
       T(test_receipt__before_spring_festival_2026),
       T(test_receipt__on_worked_sunday_2025),
       T(test_receipt__on_worked_saturday_2026),
       T(test_receipt__on_worked_sunday_before_spring_festival_2024),
       T(test_receipt__every_day_agrees_with_calendar),
       T(test_correction__restarts_from_corrected_application),
       T(test_correction__waiting_for_applicant),
       T(test_correction__late_notice_flagged),
       T(test_correction__on_the_day_of_receipt),
       T(test_third_party__pause_across_national_day),
       T(test_third_party__open_today_is_paused),
       T(test_third_party__silent_past_15_days),
       T(test_third_party__late_answer),
       T(test_agency__silence_counts_as_consent),
       T(test_consult__overlapping_pauses),
       T(test_extension__twenty_more_days),
       T(test_extension__on_the_due_date),
       T(test_extension__too_late),
       T(test_reply__in_time_and_late),
       T(test_reply__early),
       T(test_refused__bad_histories),
       T(test_refused__all_problems_and_limits),
       T(test_missing_year__warned),
       T(test_labels))
