/* query.h: parsing of query strings and url-encoded form bodies
 *
 * The one parser of name=value&... text from outside.  Percent escapes and
 * '+' are decoded; the result must be well-formed UTF-8 without NUL or other
 * control characters (tab, CR and LF allowed in values, for text areas).
 * Anything else — a bad escape, too many fields, a field too long — makes
 * the whole input invalid, with the reason in Chinese.  Pure functions, no
 * h2o: handlers and the fuzz target call them directly.
 */
#ifndef GK_QUERY_H
#define GK_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

#define QUERY_MAX_FIELDS 64	/* in a URL's query string */
#define FORM_MAX_FIELDS 2000	/* in a form body: a catalog's tick boxes fit */
#define QUERY_MAX_BYTES (1 << 20)

struct query_field {
	const char *name;
	const char *value;
};

struct query {
	struct query_field *fields;
	size_t n;
};

/* Parse s[0..n) into 'out' (strings in 'a').  0, or -1 with a message for
 * the user in *why (a constant string). */
int query_parse(const char *s, size_t n, struct arena *a, struct query *out,
		const char **why);
/* The same for an url-encoded form body (up to FORM_MAX_FIELDS). */
int query_parse_form(const char *s, size_t n, struct arena *a,
		     struct query *out, const char **why);
/* Decode one percent-encoded component (path segments use this too);
 * plus_space turns '+' into ' '.  NULL with *why when invalid. */
char *query_decode(const char *s, size_t n, bool plus_space, struct arena *a,
		   const char **why);
/* The first value of 'name', or NULL. */
const char *query_get(const struct query *q, const char *name);
/* An integer parameter in [min, max]; 'def' when absent or empty.  -1 when
 * present but not such a number. */
int query_int(const struct query *q, const char *name, int64_t min,
	      int64_t max, int64_t def, int64_t *out);

#endif
