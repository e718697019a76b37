/* fuzz-multipart.c: libFuzzer target for multipart/form-data bodies
 *
 * The first line of the input is the Content-Type header value, the rest
 * the body.  Whatever it is, the parser refuses with a reason or returns
 * parts that lie inside the body, with names and file names that are
 * valid UTF-8 without control characters or path separators, and text
 * fields mirrored as form fields.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/multipart.h"
#include "util/arena.h"
#include "util/utf8.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz-multipart: " __VA_ARGS__); \
	fprintf(stderr, "\n"); \
	abort(); \
} while (0)

static void clean(const char *s)
{
	if (!utf8_valid(s, strlen(s)))
		FAIL("invalid UTF-8 name");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			FAIL("control character in a name");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	struct arena a = ARENA_INIT;
	struct form_part *parts;
	struct query fields;
	size_t nparts, ctlen, blen;
	const char *why = NULL;
	char *ct, *body;

	if (!nl)
		return 0;
	ctlen = (size_t)(nl - (const char *)data);
	ct = malloc(ctlen + 1);
	memcpy(ct, data, ctlen);
	ct[ctlen] = 0;
	blen = size - ctlen - 1;
	body = malloc(blen + 1);	/* its own allocation: ASan sees overreads */
	memcpy(body, nl + 1, blen);
	if (multipart_parse(body, blen, ct, &a, &parts, &nparts, &fields,
			    &why) == 0) {
		if (nparts > MULTIPART_MAX_PARTS)
			FAIL("too many parts");
		for (size_t i = 0; i < nparts; i++) {
			if (parts[i].data < body ||
			    parts[i].data + parts[i].len > body + blen)
				FAIL("part outside the body");
			clean(parts[i].name);
			if (parts[i].filename) {
				clean(parts[i].filename);
				if (strchr(parts[i].filename, '/') ||
				    strchr(parts[i].filename, '\\'))
					FAIL("path in a file name");
			}
		}
		for (size_t i = 0; i < fields.n; i++)
			if (!utf8_valid(fields.fields[i].value,
					strlen(fields.fields[i].value)))
				FAIL("invalid UTF-8 field");
	} else if (!why || !*why) {
		FAIL("refused without a reason");
	}
	free(ct);
	free(body);
	arena_release(&a);
	return 0;
}
