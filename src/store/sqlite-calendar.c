/* sqlite-calendar.c: the SQLite implementation of store-calendar.h — the
 * working-day calendar's exceptions (holidays on weekdays, 调休 weekend
 * days worked)
 *
 * Same rules as sqlite.c: constant statements prepared once (slots from
 * SLOTS_CALENDAR in struct store's more[]), values always bound.  Dates
 * are YYYY-MM-DD text, so comparing the text compares the dates.
 */
#include <stdio.h>
#include <string.h>

#include "sqlite-int.h"

enum cstmt {
	C_PUT,
	C_DELETE,
	C_RANGE,
	C__MAX
};
_Static_assert(SLOTS_CALENDAR + C__MAX <= SLOTS_AUDIT, "too many statements");

static const char *const csql[C__MAX] = {
	[C_PUT] = "INSERT INTO calendar_days (day, kind, note, source) "
		"VALUES (?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET "
		"kind = excluded.kind, note = excluded.note, "
		"source = excluded.source",
	[C_DELETE] = "DELETE FROM calendar_days WHERE day = ?",
	[C_RANGE] = "SELECT day, kind, note, source FROM calendar_days "
		"WHERE day >= ?1 AND day <= ?2 ORDER BY day",
};

static const char *const kind_code[CALENDAR_KIND__MAX] = {
	"off",		/* CALENDAR_OFF */
	"work",		/* CALENDAR_WORK */
};

static sqlite3_stmt *cprep(struct store *s, enum cstmt id)
{
	return prep_sql(s, SLOTS_CALENDAR + id, csql[id]);
}

enum store_rc store_calendar_put(struct store *s, const struct calendar_day *d,
				 struct errors *err)
{
	sqlite3_stmt *st;
	enum store_rc rc;

	if ((unsigned)d->kind >= CALENDAR_KIND__MAX) {
		errors_addf(err, "日期 %s 的类型无效", d->day);
		return STORE_ERROR;
	}
	st = cprep(s, C_PUT);
	bind_text(st, 1, d->day);
	bind_text(st, 2, kind_code[d->kind]);
	bind_text(st, 3, d->note ? d->note : "");
	bind_text(st, 4, d->source ? d->source : "");
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT)
		errors_addf(err, "无法写入日期 %s", d->day);
	return rc;
}

enum store_rc store_calendar_delete(struct store *s, const char *day,
				    struct errors *err)
{
	sqlite3_stmt *st = cprep(s, C_DELETE);
	enum store_rc rc;

	bind_text(st, 1, day);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_NOTFOUND;
	return rc;
}

enum store_rc store_calendar_list(struct store *s, const char *from,
				  const char *to, struct arena *a,
				  struct calendar_day **out, size_t *n)
{
	sqlite3_stmt *st = cprep(s, C_RANGE);
	struct calendar_day *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	/* "" sorts before every date and "9" after every one */
	bind_text(st, 1, from ? from : "");
	bind_text(st, 2, to ? to : "9");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 1);

		if (cnt == cap) {
			struct calendar_day *bigger;

			cap = cap ? 2 * cap : 64;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (cnt)
				memcpy(bigger, v, cnt * sizeof(*v));
			v = bigger;
		}
		v[cnt].day = col_text0(st, 0, a);
		v[cnt].kind = kind && !strcmp(kind, "work") ? CALENDAR_WORK
							    : CALENDAR_OFF;
		v[cnt].note = col_text0(st, 2, a);
		v[cnt].source = col_text0(st, 3, a);
		cnt++;
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_calendar_year(struct store *s, int year, struct arena *a,
				  struct calendar_day **out, size_t *n)
{
	char from[16], to[16];

	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);
	return store_calendar_list(s, from, to, a, out, n);
}

enum store_rc store_calendar_all(struct store *s, struct arena *a,
				 struct calendar_day **out, size_t *n)
{
	return store_calendar_list(s, NULL, NULL, a, out, n);
}
