/* fuzz-linkcheck.c: libFuzzer target for finding web addresses in a
 * record's Markdown body (io/linkcheck.c, linkcheck_extract), which the
 * self-check (domain/check.c) runs over every published body — text that
 * came from imports and editors.
 *
 * The input is a body, any bytes.  Every address reported lies inside the
 * input, is not empty, starts with http:// or https:// (either case),
 * holds no space, control character, non-ASCII byte or < > " ' ` ], and
 * passes linkcheck_is_web_url(); the count returned is the number of
 * calls.  Nothing is fetched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/linkcheck.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz-linkcheck: " __VA_ARGS__); \
	fprintf(stderr, "\n"); \
	abort(); \
} while (0)

struct seen {
	const char *start, *end;
	size_t calls;
};

static void found(void *arg, const char *url, size_t len)
{
	struct seen *s = arg;
	char *copy;

	s->calls++;
	if (url < s->start || url + len > s->end || !len)
		FAIL("address outside the input");
	if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8))
		FAIL("not an http(s) address");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)url[i];
		if (c <= ' ' || c >= 0x7f || strchr("<>\"'`]", c))
			FAIL("address holds byte 0x%02x", c);
	}
	copy = malloc(len + 1);
	memcpy(copy, url, len);
	copy[len] = '\0';
	if (!linkcheck_is_web_url(copy))
		FAIL("reported address fails linkcheck_is_web_url: %s", copy);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct seen s;
	size_t n;

	memcpy(text, data, size);
	text[size] = '\0';	/* a body is a C string: stops at a NUL */
	s.start = text;
	s.end = text + strlen(text);
	s.calls = 0;
	n = linkcheck_extract(text, found, &s);
	if (n != s.calls)
		FAIL("returned %zu, reported %zu", n, s.calls);
	free(text);
	return 0;
}
