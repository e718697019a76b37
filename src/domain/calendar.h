/* calendar.h: working days, and the due dates of 公开时限
 *
 * Monday to Friday are working days, Saturday and Sunday are not, except
 * for the days the State Council's yearly holiday notice changes: weekdays
 * off (法定节假日) and weekend days worked (调休上班).  Those exceptions are
 * kept in the store (store-calendar.h) and loaded once into a struct
 * calendar, a sorted array searched by bisection.
 *
 * "20个工作日内" is counted as the 20th working day after the start date,
 * the start date itself not counted (domain-facts §2.8: 调休上班 weekend
 * days count, holidays and plain weekends do not).  A year with no entries
 * at all has not been entered yet (the notice comes out in Oct–Nov of the
 * year before): it is counted with plain weekends and callers warn with
 * calendar_missing_text().
 *
 * Dates are civil dates in the proleptic Gregorian calendar, handled as a
 * day number (days since 1970-01-01) with plain arithmetic: no time zones,
 * no mktime().  Text dates are YYYY-MM-DD; "2026/10/1" is accepted on
 * input.  No SQL and no HTTP here.
 */
#ifndef GK_CALENDAR_H
#define GK_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"

#define CALENDAR_DATE_LEN 11	/* "YYYY-MM-DD" and its NUL */

/* --- civil dates --- */

/* The day number (days since 1970-01-01, negative before) of y-m-d.
 * m is 1..12 and d 1..31; they are not checked. */
int32_t calendar_days_from_civil(int y, int m, int d);
/* The civil date of day number z. */
void calendar_civil_from_days(int32_t z, int *y, int *m, int *d);
/* 1 = Monday … 7 = Sunday. */
int calendar_weekday(int32_t z);
/* "周一" … "周日". */
const char *calendar_weekday_name(int32_t z);
/* Days in month m of year y (leap years: every 4th, not every 100th,
 * every 400th). */
int calendar_month_days(int y, int m);

/* Read a date written "2026-10-01" (exactly four, two and two digits) or
 * "2026/10/1" (month and day of one or two digits): a real date of the
 * years 1900–9999, nothing before or after.  Returns 0 and *z, or -1. */
int calendar_parse_date(const char *text, int32_t *z);
/* The same, writing the date as YYYY-MM-DD into 'out'. */
int calendar_normalize_date(const char *text, char out[CALENDAR_DATE_LEN]);
/* Day number → YYYY-MM-DD. */
void calendar_format_date(int32_t z, char out[CALENDAR_DATE_LEN]);

/* --- the calendar --- */

struct calendar_entry {
	int32_t day;		/* day number */
	enum calendar_kind kind;
	const char *note;	/* the holiday, e.g. 春节; "" if none */
};

/* The exceptions, sorted by day, no day twice.  Read-only once loaded:
 * one calendar may be shared by threads. */
struct calendar {
	const struct calendar_entry *v;
	size_t n;
};

/* Load every entry of the store into 'out' (memory from 'a').  Returns 0,
 * or -1 with an empty calendar (plain weekends) if the store failed. */
int calendar_load(struct store *s, struct arena *a, struct calendar *out);
/* Build a calendar from rows such as the store returns (any order; a day
 * that is not a valid date is skipped, a later row for the same day wins).
 * Memory from 'a'; the notes are shared with 'days'. */
void calendar_from_days(const struct calendar_day *days, size_t n,
			struct arena *a, struct calendar *out);

/* The entry for day number z, or NULL. */
const struct calendar_entry *calendar_entry_at(const struct calendar *cal,
					       int32_t z);
/* True when day number z is a working day: a day with an entry is what
 * the entry says ('work' works, 'off' rests); any other day works from
 * Monday to Friday. */
bool calendar_workday_at(const struct calendar *cal, int32_t z);
/* The same for a text date: 1 working day, 0 not, -1 not a date. */
int calendar_is_workday(const struct calendar *cal, const char *date);

/* A short description of day number z: "工作日", "工作日（国庆节调休上班）",
 * "休息日（国庆节放假）", "休息日（周六，国庆节假期）" for a weekend day
 * inside a holiday, or "休息日（周六）".  In 'a'. */
const char *calendar_describe_day(const struct calendar *cal, int32_t z,
				  struct arena *a);

/* The n-th working day after 'from' (from itself not counted), as
 * YYYY-MM-DD in 'out'; n < 0 counts backwards, n = 0 gives 'from'.
 * Returns 0, or -1 when 'from' is not a date or the result would be past
 * the year 9999 or before 1900. */
int calendar_add_workdays(const struct calendar *cal, const char *from,
			  int n, char out[CALENDAR_DATE_LEN]);
/* 'from' plus n calendar days (自然日: holidays count like any day).
 * Returns 0 or -1 as calendar_add_workdays(); 'cal' is not consulted. */
int calendar_add_days(const struct calendar *cal, const char *from, int n,
		      char out[CALENDAR_DATE_LEN]);
/* Working days from a to b: the number in (a, b] when b is after a, minus
 * the number in (b, a] when b is before a, 0 when equal (so swapping a and
 * b changes the sign).  b = calendar_add_workdays(a, n) with n > 0 exactly
 * when this gives n and b is a working day.  For the dashboard, with a =
 * today and b = the due date: 剩余 N 个工作日 (N > 0), 今天到期 (0), 逾期
 * -N 个工作日 (the working days since the due date, today included).
 * Returns 0 and *out, or -1 when a date is invalid. */
int calendar_workdays_between(const struct calendar *cal, const char *a,
			      const char *b, int *out);

/* True when the calendar has at least one entry in 'year'. */
bool calendar_covers_year(const struct calendar *cal, int year);
/* The first year between the dates 'from' and 'to' (inclusive, either
 * order) that the calendar does not cover, or 0 when all are covered or a
 * date is invalid. */
int calendar_missing_year(const struct calendar *cal, const char *from,
			  const char *to);
/* "未录入2027年节假日安排，2027年按周六、周日休息计算" into out[0..n). */
void calendar_missing_text(int year, char *out, size_t n);

/* --- due dates of 公开时限 --- */

/* The due date of a record whose item's 公开时限 is 'tl', counted from
 * 'start_date' (the date the information was formed or changed, or
 * whatever tl->anchor names).  A "deadline" gives tl->days working days
 * (tl->workdays) or calendar days after the start date.
 * Returns 1 with the date in 'out' and *why NULL — or a warning when the
 * count crossed a year without holiday entries (calendar_missing_year()
 * names it); 0 when the rule has no fixed due date (实时公开, 及时公开,
 * 永久公开, a 公开时限 not understood), *why saying so; -1 when the start
 * date is missing or not a date, *why saying so.  Strings in *why are
 * static Chinese text. */
int deadline_for(const struct calendar *cal, const struct timelimit *tl,
		 const char *start_date, char out[CALENDAR_DATE_LEN],
		 const char **why);

/* How a date was counted, for people: one line per step. */
struct calendar_steps {
	const char **lines;	/* in the arena given */
	size_t n;
	char result[CALENDAR_DATE_LEN];	/* the date reached, "" if none */
};

/* Explain calendar_add_workdays() (workdays true) or calendar_add_days()
 * from 'from' by n, e.g.
 *	2026-09-30（周三）起算，当日不计入，往后数20个工作日
 *	10-01（周四）至10-07（周三）国庆节放假，共7天，不计入
 *	10-10（周六）国庆节调休上班，计为第3个工作日
 *	其余周六、周日共6天，不计入
 *	第20个工作日为 2026-11-03（周二）
 * Dates in the start's year are shown as MM-DD, others in full; a year
 * without entries gets a line of calendar_missing_text().  Returns 0, or
 * -1 as calendar_add_workdays() (then out->n is 0). */
int calendar_explain(const struct calendar *cal, const char *from, int n,
		     bool workdays, struct arena *a,
		     struct calendar_steps *out);
/* The same for deadline_for(): the start line names tl->anchor
 * ("形成或变更之日 2026-09-30（周三）起算…") and a rule without a fixed
 * due date gives one line saying why.  Returns what deadline_for()
 * returns. */
int deadline_explain(const struct calendar *cal, const struct timelimit *tl,
		     const char *start_date, struct arena *a,
		     struct calendar_steps *out);

/* --- editing the calendar (the command line, later the back office) --- */

/* "off"/"放假"/"休" → CALENDAR_OFF, "work"/"上班"/"班"/"调休上班" →
 * CALENDAR_WORK.  Returns 0, or -1 for anything else. */
int calendar_kind_parse(const char *text, enum calendar_kind *out);
/* "放假" or "调休上班". */
const char *calendar_kind_label(enum calendar_kind k);
/* Why 'kind' cannot be set on day number z — 'off' only on Monday to
 * Friday, 'work' only on Saturday or Sunday (anything else would change
 * nothing and is most likely a mistyped date) — as static Chinese text
 * to follow "2026-10-03 是周六，"; NULL when it can. */
const char *calendar_kind_mismatch(int32_t z, enum calendar_kind kind);

/* Check and store one day ('date' as calendar_parse_date() reads it;
 * note and source may be NULL).  Returns 0, or -1 with the reason in
 * 'err' and nothing written. */
int calendar_put_day(struct store *s, const char *date,
		     enum calendar_kind kind, const char *note,
		     const char *source, struct errors *err);
/* Remove a day's entry.  Returns 0, or -1 (not a date, no entry). */
int calendar_remove_day(struct store *s, const char *date,
			struct errors *err);

#define CALENDAR_IMPORT_MAX_ROWS 5000

/* Import a CSV (or .xlsx) file with the header day,kind,note[,source]
 * (also 日期,类型,说明,来源), one day per row, into the store: entries for
 * the same day are replaced.  All or nothing: every problem of every row
 * is added to 'err' as "文件:工作表:第N行:「列」: 原因" and only a file
 * without problems is written, in one transaction.  Returns the number of
 * days written, or -1. */
int64_t calendar_import_file(struct store *s, const char *path,
			     struct errors *err);

#endif
