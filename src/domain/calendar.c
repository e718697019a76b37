/* calendar.c: working days and the due dates of 公开时限; see calendar.h.
 *
 * Dates are day numbers (days since 1970-01-01) computed from the civil
 * date by plain arithmetic on 400-year cycles (146,097 days each), with
 * March as the first month of the computational year so that the leap
 * day falls at its end.  The calendar's exceptions are a sorted array;
 * a lookup is a bisection, so counting 20 working days costs about 28
 * lookups of seven steps each.
 */
#include "calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"		/* catalog_read_file: CSV or .xlsx → grid */
#include "../util/buf.h"
#include "../util/hmap.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* The range of dates handled: what four-digit years can write. */
#define YEAR_MIN 1900
#define YEAR_MAX 9999
/* More working days than the years handled hold (8,100 × 261): refused
 * before counting, so that -n never overflows. */
#define MAX_COUNT 3000000

/* --- civil dates --- */

int32_t calendar_days_from_civil(int y, int m, int d)
{
	/* the computational year starts on 1 March */
	long yy = m <= 2 ? (long)y - 1 : y;
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;				/* 0..399 */
	long mp = m > 2 ? m - 3 : m + 9;			/* March = 0 */
	long doy = (153 * mp + 2) / 5 + d - 1;			/* 0..365 */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* 0..146096 */

	/* 719468 = days from 0000-03-01 to 1970-01-01 */
	return (int32_t)(era * 146097 + doe - 719468);
}

void calendar_civil_from_days(int32_t z, int *y, int *m, int *d)
{
	long zz = (long)z + 719468;
	long era = (zz >= 0 ? zz : zz - 146096) / 146097;
	long doe = zz - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long mm = mp < 10 ? mp + 3 : mp - 9;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

int calendar_weekday(int32_t z)
{
	/* day 0, 1970-01-01, was a Thursday */
	int r = (int)(((long)z % 7 + 7) % 7);

	return (r + 3) % 7 + 1;
}

static const char *const weekday_name[8] = {
	"", "周一", "周二", "周三", "周四", "周五", "周六", "周日",
};

const char *calendar_weekday_name(int32_t z)
{
	return weekday_name[calendar_weekday(z)];
}

int calendar_month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

/* Read 1..max digits at *p (at least min); -1 if fewer. */
static int digits(const char **p, int min, int max)
{
	int v = 0, k = 0;

	while (k < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k >= min ? v : -1;
}

int calendar_parse_date(const char *text, int32_t *z)
{
	const char *p = text;
	int y, m, d;
	char sep;

	if (!p)
		return -1;
	y = digits(&p, 4, 4);
	sep = *p;
	if (y < 0 || (sep != '-' && sep != '/'))
		return -1;
	p++;
	/* 2026-10-01 strictly; 2026/10/1 or 2026/10/01 */
	m = sep == '-' ? digits(&p, 2, 2) : digits(&p, 1, 2);
	if (m < 0 || *p != sep)
		return -1;
	p++;
	d = sep == '-' ? digits(&p, 2, 2) : digits(&p, 1, 2);
	if (d < 0 || *p)
		return -1;
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 ||
	    d > calendar_month_days(y, m))
		return -1;
	*z = calendar_days_from_civil(y, m, d);
	return 0;
}

void calendar_format_date(int32_t z, char out[CALENDAR_DATE_LEN])
{
	int y, m, d;

	calendar_civil_from_days(z, &y, &m, &d);
	snprintf(out, CALENDAR_DATE_LEN, "%04d-%02d-%02d", y, m, d);
}

int calendar_normalize_date(const char *text, char out[CALENDAR_DATE_LEN])
{
	int32_t z;

	if (calendar_parse_date(text, &z))
		return -1;
	calendar_format_date(z, out);
	return 0;
}

static int year_of(int32_t z)
{
	int y, m, d;

	calendar_civil_from_days(z, &y, &m, &d);
	return y;
}

static int32_t z_min(void)
{
	return calendar_days_from_civil(YEAR_MIN, 1, 1);
}

static int32_t z_max(void)
{
	return calendar_days_from_civil(YEAR_MAX, 12, 31);
}

/* --- the calendar --- */

struct sortable {
	struct calendar_entry e;
	size_t order;		/* position in the input: the later wins */
};

static int by_day_then_order(const void *pa, const void *pb)
{
	const struct sortable *a = pa, *b = pb;

	if (a->e.day != b->e.day)
		return a->e.day < b->e.day ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

void calendar_from_days(const struct calendar_day *days, size_t n,
			struct arena *a, struct calendar *out)
{
	struct sortable *tmp;
	struct calendar_entry *v;
	size_t k = 0, cnt = 0;

	out->v = NULL;
	out->n = 0;
	if (!n)
		return;
	tmp = xmalloc(n * sizeof(*tmp));
	for (size_t i = 0; i < n; i++) {
		int32_t z;

		if (!days[i].day || calendar_parse_date(days[i].day, &z) ||
		    (unsigned)days[i].kind >= CALENDAR_KIND__MAX)
			continue;
		tmp[k].e.day = z;
		tmp[k].e.kind = days[i].kind;
		tmp[k].e.note = days[i].note ? days[i].note : "";
		tmp[k].order = i;
		k++;
	}
	qsort(tmp, k, sizeof(*tmp), by_day_then_order);
	v = arena_alloc(a, (k ? k : 1) * sizeof(*v));
	for (size_t i = 0; i < k; i++) {
		/* of several rows for one day, keep the last */
		if (i + 1 < k && tmp[i + 1].e.day == tmp[i].e.day)
			continue;
		v[cnt++] = tmp[i].e;
	}
	free(tmp);
	out->v = v;
	out->n = cnt;
}

int calendar_load(struct store *s, struct arena *a, struct calendar *out)
{
	struct calendar_day *days;
	size_t n;

	if (store_calendar_all(s, a, &days, &n) != STORE_OK) {
		out->v = NULL;
		out->n = 0;
		return -1;
	}
	calendar_from_days(days, n, a, out);
	return 0;
}

/* Index of the first entry with day >= z (cal->n if none). */
static size_t lower_bound(const struct calendar *cal, int32_t z)
{
	size_t lo = 0, hi = cal->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->v[mid].day < z)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct calendar_entry *calendar_entry_at(const struct calendar *cal,
					       int32_t z)
{
	size_t i = lower_bound(cal, z);

	return i < cal->n && cal->v[i].day == z ? &cal->v[i] : NULL;
}

bool calendar_workday_at(const struct calendar *cal, int32_t z)
{
	const struct calendar_entry *e = calendar_entry_at(cal, z);

	if (e)
		return e->kind == CALENDAR_WORK;
	return calendar_weekday(z) <= 5;
}

int calendar_is_workday(const struct calendar *cal, const char *date)
{
	int32_t z;

	if (calendar_parse_date(date, &z))
		return -1;
	return calendar_workday_at(cal, z);
}

/* The holiday whose days off include z, or NULL: the note of an 'off'
 * entry in the run of days off around z (a week at most each way). */
static const char *holiday_around(const struct calendar *cal, int32_t z)
{
	for (int dir = -1; dir <= 1; dir += 2)
		for (int32_t at = z, k = 0; k < 8 && !calendar_workday_at(cal, at);
		     at += dir, k++) {
			const struct calendar_entry *e = calendar_entry_at(cal, at);

			if (e && e->kind == CALENDAR_OFF)
				return *e->note ? e->note : "节假日";
		}
	return NULL;
}

const char *calendar_describe_day(const struct calendar *cal, int32_t z,
				  struct arena *a)
{
	const struct calendar_entry *e = calendar_entry_at(cal, z);
	const char *holiday;

	if (calendar_workday_at(cal, z)) {
		if (e && calendar_weekday(z) >= 6)
			return arena_printf(a, "工作日（%s调休上班）", e->note);
		return "工作日";
	}
	if (e && e->kind == CALENDAR_OFF)
		return arena_printf(a, "休息日（%s放假）",
				    *e->note ? e->note : "节假日");
	holiday = holiday_around(cal, z);
	if (holiday)
		return arena_printf(a, "休息日（%s，%s假期）",
				    calendar_weekday_name(z), holiday);
	return arena_printf(a, "休息日（%s）", calendar_weekday_name(z));
}

/* The n-th working day from z (see calendar_add_workdays); -1 when the
 * walk leaves the years handled. */
static int add_workdays_z(const struct calendar *cal, int32_t z, int n,
			  int32_t *out)
{
	int dir = n > 0 ? 1 : -1;
	int32_t lo = z_min(), hi = z_max();
	long count = 0;

	if (n < -MAX_COUNT || n > MAX_COUNT)
		return -1;
	while (count != n) {
		z += dir;
		if (z < lo || z > hi)
			return -1;
		if (calendar_workday_at(cal, z))
			count += dir;
	}
	*out = z;
	return 0;
}

int calendar_add_workdays(const struct calendar *cal, const char *from,
			  int n, char out[CALENDAR_DATE_LEN])
{
	int32_t z, r;

	if (calendar_parse_date(from, &z) || add_workdays_z(cal, z, n, &r))
		return -1;
	calendar_format_date(r, out);
	return 0;
}

int calendar_add_days(const struct calendar *cal, const char *from, int n,
		      char out[CALENDAR_DATE_LEN])
{
	int32_t z;
	long r;

	(void)cal;
	if (calendar_parse_date(from, &z))
		return -1;
	r = (long)z + n;
	if (r < z_min() || r > z_max())
		return -1;
	calendar_format_date((int32_t)r, out);
	return 0;
}

/* Monday to Friday among the days from 1900-01-01 (a Monday) to z. */
static long weekdays_upto(int32_t z)
{
	long k = (long)z - z_min() + 1;

	return 5 * (k / 7) + (k % 7 < 5 ? k % 7 : 5);
}

/* Working days in (a, b], a <= b: the weekdays, corrected by the entries
 * that change a day. */
static long workdays_in(const struct calendar *cal, int32_t a, int32_t b)
{
	long count = weekdays_upto(b) - weekdays_upto(a);

	for (size_t i = lower_bound(cal, a + 1); i < cal->n && cal->v[i].day <= b;
	     i++) {
		bool plain = calendar_weekday(cal->v[i].day) <= 5;
		bool works = cal->v[i].kind == CALENDAR_WORK;

		count += (long)works - (long)plain;
	}
	return count;
}

int calendar_workdays_between(const struct calendar *cal, const char *a,
			      const char *b, int *out)
{
	int32_t za, zb;

	if (calendar_parse_date(a, &za) || calendar_parse_date(b, &zb))
		return -1;
	*out = za <= zb ? (int)workdays_in(cal, za, zb)
			: -(int)workdays_in(cal, zb, za);
	return 0;
}

bool calendar_covers_year(const struct calendar *cal, int year)
{
	size_t i;

	if (year < YEAR_MIN || year > YEAR_MAX)
		return false;
	i = lower_bound(cal, calendar_days_from_civil(year, 1, 1));
	return i < cal->n &&
	       cal->v[i].day <= calendar_days_from_civil(year, 12, 31);
}

int calendar_missing_year(const struct calendar *cal, const char *from,
			  const char *to)
{
	int32_t a, b;
	int ya, yb;

	if (calendar_parse_date(from, &a) || calendar_parse_date(to, &b))
		return 0;
	ya = year_of(a < b ? a : b);
	yb = year_of(a < b ? b : a);
	for (int y = ya; y <= yb; y++)
		if (!calendar_covers_year(cal, y))
			return y;
	return 0;
}

void calendar_missing_text(int year, char *out, size_t n)
{
	snprintf(out, n, "未录入%d年节假日安排，%d年按周六、周日休息计算",
		 year, year);
}

/* --- due dates --- */

static const char why_unknown[] =
	"公开时限未能识别为固定期限，无法计算截止日期";
static const char why_realtime[] = "实时公开，没有固定的截止日期";
static const char why_timely[] = "及时公开，没有固定的截止日期";
static const char why_permanent[] = "永久公开，没有截止日期";
static const char why_days[] = "公开时限的天数无效，无法计算截止日期";
static const char why_no_start[] =
	"没有起算日期（如信息形成或变更日期），无法计算截止日期";
static const char why_bad_start[] =
	"起算日期无效，应为 2026-10-01 这样的真实日期";
static const char why_range[] = "截止日期超出可计算的范围（1900–9999年）";
static const char why_missing[] =
	"期间有年份尚未录入节假日安排，该年已按周六、周日休息计算";

/* What deadline_for() returns before counting: 1 when there is a date to
 * count (and *z the start), else 0 or -1 with *why. */
static int deadline_rule(const struct timelimit *tl, const char *start,
			 int32_t *z, const char **why)
{
	const char *kind = tl && tl->kind ? tl->kind : "";

	if (!strcmp(kind, "realtime")) {
		*why = why_realtime;
		return 0;
	}
	if (!strcmp(kind, "timely")) {
		*why = why_timely;
		return 0;
	}
	if (!strcmp(kind, "permanent")) {
		*why = why_permanent;
		return 0;
	}
	if (strcmp(kind, "deadline")) {
		*why = why_unknown;
		return 0;
	}
	if (tl->days <= 0) {
		*why = why_days;
		return 0;
	}
	if (!start || !*start) {
		*why = why_no_start;
		return -1;
	}
	if (calendar_parse_date(start, z)) {
		*why = why_bad_start;
		return -1;
	}
	*why = NULL;
	return 1;
}

/* The date counted by a deadline rule from z. */
static int deadline_count(const struct calendar *cal,
			  const struct timelimit *tl, int32_t z, int32_t *out)
{
	long r;

	if (tl->workdays)
		return add_workdays_z(cal, z, tl->days, out);
	r = (long)z + tl->days;
	if (r > z_max())
		return -1;
	*out = (int32_t)r;
	return 0;
}

int deadline_for(const struct calendar *cal, const struct timelimit *tl,
		 const char *start_date, char out[CALENDAR_DATE_LEN],
		 const char **why)
{
	int32_t z, r;
	int rc = deadline_rule(tl, start_date, &z, why);

	out[0] = '\0';
	if (rc != 1)
		return rc;
	if (deadline_count(cal, tl, z, &r)) {
		*why = why_range;
		return -1;
	}
	calendar_format_date(r, out);
	if (tl->workdays) {
		char a[CALENDAR_DATE_LEN];

		calendar_format_date(z + 1, a);
		if (calendar_missing_year(cal, a, out))
			*why = why_missing;
	}
	return 1;
}

/* --- explanations --- */

struct lines {
	struct arena *a;
	const char **v;
	size_t n, cap;
};

static void line_add(struct lines *l, const char *text)
{
	if (l->n == l->cap) {
		const char **bigger;

		l->cap = l->cap ? 2 * l->cap : 16;
		bigger = arena_alloc(l->a, l->cap * sizeof(*bigger));
		if (l->n)
			memcpy(bigger, l->v, l->n * sizeof(*bigger));
		l->v = bigger;
	}
	l->v[l->n++] = text;
}

/* "10-01（周四）" when in 'year', else "2027-01-04（周一）". */
static void day_text(struct buf *b, int32_t z, int year)
{
	char d[CALENDAR_DATE_LEN];

	calendar_format_date(z, d);
	buf_addf(b, "%s（%s）", year_of(z) == year ? d + 5 : d,
		 calendar_weekday_name(z));
}

static const char *full_day(struct arena *a, int32_t z)
{
	char d[CALENDAR_DATE_LEN];

	calendar_format_date(z, d);
	return arena_printf(a, "%s（%s）", d, calendar_weekday_name(z));
}

/* A run of consecutive days off met while counting. */
struct rest_run {
	int32_t first, last;	/* first <= last */
	int days;
	bool holiday;		/* an 'off' entry is inside */
	const char *notes[4];	/* distinct holiday names */
	int nnotes;
};

static void run_add(struct rest_run *r, int32_t z,
		    const struct calendar_entry *e)
{
	if (!r->days || z < r->first)
		r->first = z;
	if (!r->days || z > r->last)
		r->last = z;
	r->days++;
	if (!e || e->kind != CALENDAR_OFF)
		return;
	r->holiday = true;
	if (!e->note || !*e->note)
		return;
	for (int i = 0; i < r->nnotes; i++)
		if (!strcmp(r->notes[i], e->note))
			return;
	if (r->nnotes < 4)
		r->notes[r->nnotes++] = e->note;
}

/* End a run: a holiday gets its own line (and 1 is returned), plain
 * weekends are summed. */
static int run_flush(struct rest_run *r, struct lines *l, int year,
		     int *weekend_days)
{
	struct buf b = BUF_INIT;

	if (!r->days)
		return 0;
	if (!r->holiday) {
		*weekend_days += r->days;
		memset(r, 0, sizeof(*r));
		return 0;
	}
	day_text(&b, r->first, year);
	if (r->last != r->first) {
		buf_adds(&b, "至");
		day_text(&b, r->last, year);
	}
	if (!r->nnotes)
		buf_adds(&b, "节假日");
	for (int i = 0; i < r->nnotes; i++)
		buf_addf(&b, "%s%s", i ? "、" : "", r->notes[i]);
	buf_adds(&b, "放假");
	if (r->days > 1)
		buf_addf(&b, "，共%d天", r->days);
	buf_adds(&b, "，不计入");
	line_add(l, arena_strdup(l->a, b.buf));
	buf_release(&b);
	memset(r, 0, sizeof(*r));
	return 1;
}

/* Why day z rests, for a calendar-day count ending on it: "国庆节放假"
 * or "周六"; NULL when it is a working day. */
static const char *rest_reason(const struct calendar *cal, int32_t z,
			       struct arena *a)
{
	const struct calendar_entry *e = calendar_entry_at(cal, z);

	if (calendar_workday_at(cal, z))
		return NULL;
	if (e && e->kind == CALENDAR_OFF)
		return arena_printf(a, "%s放假", *e->note ? e->note : "节假日");
	return calendar_weekday_name(z);
}

/* The steps of counting n days (working days when 'workdays') from z.
 * 'label' names the start ("形成或变更之日", may be NULL) and 'suffix'
 * ends the last line ("，即截止日期", may be ""). */
static int explain(const struct calendar *cal, int32_t z, int n,
		   bool workdays, const char *label, const char *suffix,
		   struct arena *a, struct calendar_steps *out)
{
	struct lines l = { a, NULL, 0, 0 };
	struct rest_run run;
	int year = year_of(z), dir = n >= 0 ? 1 : -1, weekend_days = 0;
	int holidays = 0, seen_year = 0;	/* year of the last day walked */
	const char *unit = workdays ? "个工作日" : "个自然日";
	int32_t lo = z_min(), hi = z_max(), at = z;
	long count = 0;
	char msg[160];

	memset(out, 0, sizeof(*out));
	memset(&run, 0, sizeof(run));
	if (n < -MAX_COUNT || n > MAX_COUNT)
		return -1;
	if (n == 0) {
		line_add(&l, arena_printf(a, "%s%s%s起算，期限为0%s",
					  label ? label : "", label ? " " : "",
					  full_day(a, z), unit));
		line_add(&l, arena_printf(a, "结果即起算日 %s%s",
					  full_day(a, z), suffix));
		calendar_format_date(z, out->result);
		goto done;
	}
	line_add(&l, arena_printf(a, "%s%s%s起算，当日不计入，%s数%d%s%s",
				  label ? label : "", label ? " " : "",
				  full_day(a, z), dir > 0 ? "往后" : "往前",
				  n > 0 ? n : -n, unit,
				  workdays ? "" : "（周末、节假日照常计入）"));
	if (!workdays) {
		long r = (long)z + n;
		const char *why;

		if (r < lo || r > hi)
			return -1;
		at = (int32_t)r;
		line_add(&l, arena_printf(a, "%s第%d日为 %s%s",
					  dir > 0 ? "" : "往前", n > 0 ? n : -n,
					  full_day(a, at), suffix));
		why = rest_reason(cal, at, a);
		if (why)
			line_add(&l, arena_printf(a, "注意：该日为休息日（%s）",
						  why));
		calendar_format_date(at, out->result);
		goto done;
	}
	while (count != n) {
		const struct calendar_entry *e;
		int y;

		at += dir;
		if (at < lo || at > hi)
			return -1;
		/* a year without entries is named as the count enters it */
		y = year_of(at);
		if (y != seen_year) {
			seen_year = y;
			if (!calendar_covers_year(cal, y)) {
				holidays += run_flush(&run, &l, year,
						      &weekend_days);
				calendar_missing_text(y, msg, sizeof(msg));
				line_add(&l, arena_printf(a, "注意：%s", msg));
			}
		}
		e = calendar_entry_at(cal, at);
		if (!calendar_workday_at(cal, at)) {
			run_add(&run, at, e);
			continue;
		}
		holidays += run_flush(&run, &l, year, &weekend_days);
		count += dir;
		if (e && e->kind == CALENDAR_WORK && calendar_weekday(at) >= 6) {
			struct buf b = BUF_INIT;

			day_text(&b, at, year);
			buf_addf(&b, "%s调休上班，计为%s第%ld个工作日",
				 *e->note ? e->note : "", dir > 0 ? "" : "往前",
				 count > 0 ? count : -count);
			line_add(&l, arena_strdup(a, b.buf));
			buf_release(&b);
		}
	}
	if (weekend_days)
		line_add(&l, arena_printf(a, "%s周六、周日共%d天，不计入",
					  holidays ? "其余" : "其间",
					  weekend_days));
	line_add(&l, arena_printf(a, "%s第%d个工作日为 %s%s",
				  dir > 0 ? "" : "往前", n > 0 ? n : -n,
				  full_day(a, at), suffix));
	calendar_format_date(at, out->result);
done:
	out->lines = l.v;
	out->n = l.n;
	return 0;
}

int calendar_explain(const struct calendar *cal, const char *from, int n,
		     bool workdays, struct arena *a,
		     struct calendar_steps *out)
{
	int32_t z;

	memset(out, 0, sizeof(*out));
	if (calendar_parse_date(from, &z))
		return -1;
	return explain(cal, z, n, workdays, NULL, "", a, out);
}

int deadline_explain(const struct calendar *cal, const struct timelimit *tl,
		     const char *start_date, struct arena *a,
		     struct calendar_steps *out)
{
	const char *why, *label = NULL;
	int32_t z;
	int rc = deadline_rule(tl, start_date, &z, &why);

	memset(out, 0, sizeof(*out));
	if (rc != 1) {
		const char **v = arena_alloc(a, sizeof(*v));

		v[0] = why;
		out->lines = v;
		out->n = 1;
		return rc;
	}
	if (tl->anchor && *tl->anchor)
		label = arena_printf(a, "%s之日", tl->anchor);
	if (explain(cal, z, tl->days, tl->workdays, label, "，即截止日期", a,
		    out)) {
		const char **v = arena_alloc(a, sizeof(*v));

		v[0] = why_range;
		out->lines = v;
		out->n = 1;
		return -1;
	}
	return 1;
}

/* --- editing --- */

static const struct {
	const char *text;
	enum calendar_kind kind;
} kind_names[] = {
	{ "off", CALENDAR_OFF },
	{ "放假", CALENDAR_OFF },
	{ "休", CALENDAR_OFF },
	{ "休息", CALENDAR_OFF },
	{ "work", CALENDAR_WORK },
	{ "上班", CALENDAR_WORK },
	{ "班", CALENDAR_WORK },
	{ "调休上班", CALENDAR_WORK },
};

int calendar_kind_parse(const char *text, enum calendar_kind *out)
{
	for (size_t i = 0; text && i < sizeof(kind_names) / sizeof(kind_names[0]);
	     i++)
		if (!strcmp(text, kind_names[i].text)) {
			*out = kind_names[i].kind;
			return 0;
		}
	return -1;
}

const char *calendar_kind_label(enum calendar_kind k)
{
	return k == CALENDAR_WORK ? "调休上班" : "放假";
}

const char *calendar_kind_mismatch(int32_t z, enum calendar_kind kind)
{
	bool weekend = calendar_weekday(z) >= 6;

	if (kind == CALENDAR_OFF && weekend)
		return "本来就是休息日，不必标为 off（放假）；off 只用于放假的"
			"周一至周五";
	if (kind == CALENDAR_WORK && !weekend)
		return "本来就是工作日，不能标为 work（调休上班）；work 只用于"
			"调休上班的周六、周日";
	return NULL;
}

#define NOTE_MAX 50		/* characters of a note */
#define SOURCE_MAX 200		/* characters of a source */

/* Check one day; 0, or -1 with messages.  In an import 'row' is the
 * file's "文件:工作表:第N行:" and each message names its column. */
static int check_day(const char *date, enum calendar_kind kind,
		     const char *note, const char *source, const char *row,
		     char out[CALENDAR_DATE_LEN], struct errors *err)
{
	const char *mismatch;
	int32_t z;
	int bad = 0;

	if (calendar_parse_date(date, &z)) {
		errors_addf(err, "%s%s「%s」不是有效日期，应写作 2026-10-01 或 "
			    "2026/10/1", row, *row ? "「day」: " : "", date);
		return -1;
	}
	calendar_format_date(z, out);
	mismatch = calendar_kind_mismatch(z, kind);
	if (mismatch) {
		errors_addf(err, "%s%s%s 是%s，%s", row, *row ? "「day」: " : "",
			    out, calendar_weekday_name(z), mismatch);
		bad = 1;
	}
	if (note && utf8_len(note) > NOTE_MAX) {
		errors_addf(err, "%s%s说明不能超过 %d 个字", row,
			    *row ? "「note」: " : "", NOTE_MAX);
		bad = 1;
	}
	if (source && utf8_len(source) > SOURCE_MAX) {
		errors_addf(err, "%s%s来源不能超过 %d 个字", row,
			    *row ? "「source」: " : "", SOURCE_MAX);
		bad = 1;
	}
	return bad ? -1 : 0;
}

int calendar_put_day(struct store *s, const char *date,
		     enum calendar_kind kind, const char *note,
		     const char *source, struct errors *err)
{
	char day[CALENDAR_DATE_LEN];
	struct calendar_day d;

	if ((note && !utf8_valid(note, strlen(note))) ||
	    (source && !utf8_valid(source, strlen(source)))) {
		errors_addf(err, "说明和来源须为 UTF-8 文本");
		return -1;
	}
	if (check_day(date, kind, note, source, "", day, err))
		return -1;
	d.day = day;
	d.kind = kind;
	d.note = note ? note : "";
	d.source = source ? source : "";
	return store_calendar_put(s, &d, err) == STORE_OK ? 0 : -1;
}

int calendar_remove_day(struct store *s, const char *date,
			struct errors *err)
{
	char day[CALENDAR_DATE_LEN];
	enum store_rc rc;

	if (calendar_normalize_date(date, day)) {
		errors_addf(err, "「%s」不是有效日期，应写作 2026-10-01 或 "
			    "2026/10/1", date);
		return -1;
	}
	rc = store_calendar_delete(s, day, err);
	if (rc == STORE_NOTFOUND)
		errors_addf(err, "%s 没有录入过节假日安排，无需删除", day);
	return rc == STORE_OK ? 0 : -1;
}

/* --- import --- */

enum { ICOL_DAY, ICOL_KIND, ICOL_NOTE, ICOL_SOURCE, ICOL__MAX };

static const char *const icol_label[ICOL__MAX] = {
	"day", "kind", "note", "source",
};

/* Header names accepted for each column, in their utf8_fold() form. */
static const struct {
	const char *name;
	int col;
} header_names[] = {
	{ "day", ICOL_DAY }, { "date", ICOL_DAY }, { "日期", ICOL_DAY },
	{ "kind", ICOL_KIND }, { "type", ICOL_KIND }, { "类型", ICOL_KIND },
	{ "安排", ICOL_KIND },
	{ "note", ICOL_NOTE }, { "说明", ICOL_NOTE }, { "备注", ICOL_NOTE },
	{ "节日", ICOL_NOTE }, { "节假日", ICOL_NOTE },
	{ "source", ICOL_SOURCE }, { "来源", ICOL_SOURCE },
	{ "依据", ICOL_SOURCE },
};

static int header_col(const char *cell)
{
	struct buf f = BUF_INIT;
	int col = -1;

	utf8_fold(&f, cell);
	for (size_t i = 0; i < sizeof(header_names) / sizeof(header_names[0]);
	     i++)
		if (!strcmp(f.buf, header_names[i].name))
			col = header_names[i].col;
	buf_release(&f);
	return col;
}

/* The trimmed text of a cell ("" when empty), in 'a'. */
static const char *cell_text(const struct grid_row *row, int col,
			     struct arena *a)
{
	struct buf b = BUF_INIT;
	const char *c = col >= 0 ? grid_cell(row, (size_t)col) : NULL;
	const char *res;

	if (!c)
		return "";
	utf8_trim(&b, c);
	res = arena_strdup(a, b.buf);
	buf_release(&b);
	return res;
}

/* Read the rows of the grid into days; 0 or -1 with every problem. */
static int days_from_grid(const struct grid *g, const char *display,
			  struct arena *a, struct calendar_day **out,
			  size_t *nout, struct errors *err)
{
	const struct grid_sheet *sh;
	const struct grid_row *hr;
	int colof[ICOL__MAX] = { -1, -1, -1, -1 };
	struct calendar_day *v;
	struct hmap seen = HMAP_INIT;	/* date → first row */
	size_t n = 0, before = errors_count(err);

	if (!g->nsheets || !g->sheets[0].nrows) {
		errors_addf(err, "%s: 文件是空的，没有可导入的日期", display);
		return -1;
	}
	sh = &g->sheets[0];
	hr = &sh->rows[0];
	for (uint32_t c = 0; c < hr->ncells; c++) {
		const char *cell = grid_cell(hr, c);
		int col;

		if (!cell)
			continue;
		col = header_col(cell);
		if (col < 0) {
			errors_addf(err, "%s:%s:第%u行: 表头「%s」不认识；可用的列："
				    "day（日期）、kind（类型：off 放假 / work 调休上班）、"
				    "note（说明）、source（来源）", display, sh->name,
				    hr->rownum, cell);
			continue;
		}
		if (colof[col] >= 0) {
			errors_addf(err, "%s:%s:第%u行: 表头「%s」重复", display,
				    sh->name, hr->rownum, cell);
			continue;
		}
		colof[col] = (int)c;
	}
	if (colof[ICOL_DAY] < 0 || colof[ICOL_KIND] < 0) {
		errors_addf(err, "%s:%s:第%u行: 第一行应为表头 day,kind,note"
			    "（也可写 日期,类型,说明），至少要有 day 和 kind 两列",
			    display, sh->name, hr->rownum);
		return -1;
	}
	if (errors_count(err) > before)
		return -1;
	if (sh->nrows < 2) {
		errors_addf(err, "%s:%s: 表头下面没有任何日期", display, sh->name);
		return -1;
	}
	if (sh->nrows - 1 > CALENDAR_IMPORT_MAX_ROWS) {
		errors_addf(err, "%s:%s: 有 %zu 行，超过 %d 行的上限", display,
			    sh->name, sh->nrows - 1, CALENDAR_IMPORT_MAX_ROWS);
		return -1;
	}
	v = arena_alloc(a, (sh->nrows - 1) * sizeof(*v));
	for (size_t r = 1; r < sh->nrows; r++) {
		const struct grid_row *row = &sh->rows[r];
		const char *day = cell_text(row, colof[ICOL_DAY], a);
		const char *kind = cell_text(row, colof[ICOL_KIND], a);
		const char *note = cell_text(row, colof[ICOL_NOTE], a);
		const char *source = cell_text(row, colof[ICOL_SOURCE], a);
		const char *at = arena_printf(a, "%s:%s:第%u行:", display,
					      sh->name, row->rownum);
		char norm[CALENDAR_DATE_LEN];
		enum calendar_kind k;
		int64_t first;
		int32_t z;
		bool bad = false;

		if (!*day) {
			errors_addf(err, "%s「%s」: 日期为空", at,
				    icol_label[ICOL_DAY]);
			bad = true;
		} else if (calendar_parse_date(day, &z)) {
			errors_addf(err, "%s「%s」: 「%s」不是有效日期，应写作 "
				    "2026-10-01 或 2026/10/1", at,
				    icol_label[ICOL_DAY], day);
			bad = true;
		}
		if (calendar_kind_parse(kind, &k)) {
			errors_addf(err, "%s「%s」: %s%s%s应为 off（放假）或 work"
				    "（调休上班）", at, icol_label[ICOL_KIND],
				    *kind ? "「" : "类型为空，", kind,
				    *kind ? "」" : "");
			bad = true;
		}
		if (bad || check_day(day, k, note, source, at, norm, err))
			continue;
		if (hmap_get(&seen, norm, strlen(norm), &first)) {
			errors_addf(err, "%s「%s」: %s 在第%lld行已出现过", at,
				    icol_label[ICOL_DAY], norm, (long long)first);
			continue;
		}
		hmap_put(&seen, norm, strlen(norm), row->rownum);
		v[n].day = arena_strdup(a, norm);
		v[n].kind = k;
		v[n].note = note;
		v[n].source = source;
		n++;
	}
	hmap_release(&seen);
	if (errors_count(err) > before)
		return -1;
	*out = v;
	*nout = n;
	return 0;
}

int64_t calendar_import_file(struct store *s, const char *path,
			     struct errors *err)
{
	const char *display = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct arena a = ARENA_INIT;
	struct grid g;
	struct calendar_day *v = NULL;
	size_t n = 0;
	int64_t ret = -1;

	grid_init(&g);
	if (catalog_read_file(path, &g, err))
		goto out;
	if (days_from_grid(&g, display, &a, &v, &n, err))
		goto out;
	if (store_begin(s, err) != STORE_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (store_calendar_put(s, &v[i], err) != STORE_OK) {
			store_rollback(s);
			goto out;
		}
	if (store_commit(s, err) != STORE_OK)
		goto out;
	ret = (int64_t)n;
out:
	grid_release(&g);
	arena_release(&a);
	return ret;
}
