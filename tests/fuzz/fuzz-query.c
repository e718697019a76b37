/* fuzz-query.c: libFuzzer target for what the server parses from a request
 * line: the query string (query_parse, also used for url-encoded forms),
 * percent-decoding, integer parameters and the route table.
 *
 * The input is a request target "path?query".  Whatever it is, parsing
 * either refuses with a message or yields fields that are valid UTF-8
 * without NUL or other control characters (tab, CR, LF excepted), and
 * routing yields parameters that fit their placeholder types: region codes
 * of 6–12 digits, ids of digits, codes of [a-z0-9_-].  No handler runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/query.h"
#include "http/route.h"
#include "util/arena.h"
#include "util/utf8.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz-query: " __VA_ARGS__); \
	fprintf(stderr, "\n"); \
	abort(); \
} while (0)

static void check_text(const char *s)
{
	if (!utf8_valid(s, strlen(s)))
		FAIL("invalid UTF-8 passed");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\r' && *p != '\n') ||
		    *p == 0x7f)
			FAIL("control character passed");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct http_request rq = { 0 };
	const struct route *route = NULL;
	struct query q;
	const char *why = NULL;
	char *target = malloc(size + 1);
	char *qmark;
	int64_t v;

	memcpy(target, data, size);
	target[size] = 0;
	if (memchr(data, 0, size)) {	/* the server refuses NUL first */
		free(target);
		return 0;
	}
	qmark = strchr(target, '?');
	if (qmark)
		*qmark = 0;
	rq.arena = &a;
	if (qmark) {
		if (query_parse(qmark + 1, strlen(qmark + 1), &a, &q, &why) == 0) {
			if (q.n > QUERY_MAX_FIELDS)
				FAIL("too many fields");
			for (size_t i = 0; i < q.n; i++) {
				check_text(q.fields[i].name);
				check_text(q.fields[i].value);
			}
			if (query_int(&q, "page", 1, 1000, 1, &v) == 0 &&
			    (v < 1 || v > 1000))
				FAIL("query_int out of range: %lld", (long long)v);
		} else if (!why || !*why) {
			FAIL("refused without a reason");
		}
	}
	if (target[0] == '/' &&
	    route_match(target, &rq, &route) == ROUTE_FOUND) {
		if (!route || !route->handler)
			FAIL("found without a route");
		for (int i = 0; i < rq.nparams; i++)
			check_text(rq.params[i]);
	}
	free(target);
	arena_release(&a);
	return 0;
}
