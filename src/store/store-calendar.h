/* store-calendar.h: the calendar part of store.h (included from it)
 *
 * The working-day calendar keeps only the exceptions to "Monday to Friday
 * are working days": weekdays that are holidays ('off') and weekend days
 * that are worked (调休上班, 'work'), one row per day, as the State
 * Council's yearly holiday notice sets them (schema/0003-calendar.sql).
 * The rules that use them live in domain/calendar.c; sqlite-calendar.c
 * implements these functions.
 */
#ifndef GK_STORE_CALENDAR_H
#define GK_STORE_CALENDAR_H

enum calendar_kind {
	CALENDAR_OFF,		/* a weekday that is a holiday */
	CALENDAR_WORK,		/* a Saturday or Sunday worked (调休) */
	CALENDAR_KIND__MAX
};

struct calendar_day {
	const char *day;	/* YYYY-MM-DD */
	enum calendar_kind kind;
	const char *note;	/* the holiday, e.g. 春节; "" if none */
	const char *source;	/* where it comes from (the notice); "" */
};

/* Insert the day, or replace what is stored for it.  d->day must already
 * be a valid YYYY-MM-DD (domain/calendar.c checks); NULL note and source
 * are stored as "". */
enum store_rc store_calendar_put(struct store *s, const struct calendar_day *d,
				 struct errors *err);
/* Remove one day's entry; STORE_NOTFOUND when there is none. */
enum store_rc store_calendar_delete(struct store *s, const char *day,
				    struct errors *err);
/* The entries with from <= day <= to (NULL: no bound on that side), by
 * date, into an array in 'a'.  *out is NULL when there are none. */
enum store_rc store_calendar_list(struct store *s, const char *from,
				  const char *to, struct arena *a,
				  struct calendar_day **out, size_t *n);
/* The entries of one year, by date. */
enum store_rc store_calendar_year(struct store *s, int year, struct arena *a,
				  struct calendar_day **out, size_t *n);
/* Every entry, by date, in one query: what calendar_load() reads once. */
enum store_rc store_calendar_all(struct store *s, struct arena *a,
				 struct calendar_day **out, size_t *n);

#endif
