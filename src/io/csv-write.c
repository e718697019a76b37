/* csv-write.c: CSV records for Excel and WPS; see csv-write.h. */
#include "csv-write.h"

#include <stdbool.h>
#include <string.h>

const char csv_bom[3] = { '\xef', '\xbb', '\xbf' };

/* True when field 's' (of 'n' bytes, n > 0) must be written in quotes. */
static bool needs_quotes(const char *s, size_t n)
{
	if (s[0] == ' ' || s[n - 1] == ' ')
		return true;
	if (n >= 3 && !memcmp(s, csv_bom, 3))
		return true;
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case ',': case '"': case '\r': case '\n': case '\t':
			return true;
		}
	}
	return false;
}

static void write_field(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	const char *q;

	if (!n)
		return;
	if (!needs_quotes(s, n)) {
		buf_add(b, s, n);
		return;
	}
	buf_grow(b, n + 8);
	buf_addch(b, '"');
	while ((q = memchr(s, '"', n))) {
		size_t k = (size_t)(q - s) + 1;	/* up to and with the quote */
		buf_add(b, s, k);
		buf_addch(b, '"');
		s += k;
		n -= k;
	}
	buf_add(b, s, n);
	buf_addch(b, '"');
}

void csv_write_row(struct buf *b, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addch(b, ',');
		if (cells[i])
			write_field(b, cells[i]);
	}
	buf_add(b, "\r\n", 2);
}
