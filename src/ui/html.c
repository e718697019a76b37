/* html.c: see html.h */
#include "html.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_escn(struct buf *b, const char *s, size_t n)
{
	size_t start = 0;

	buf_grow(b, n + n / 8);
	for (size_t i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = i + 1;
	}
	buf_add(b, s + start, n - start);
}

void html_esc(struct buf *b, const char *s)
{
	if (s)
		html_escn(b, s, strlen(s));
}

void url_esc(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.' || *p == '~') {
			buf_addch(b, *p);
		} else {
			buf_addch(b, '%');
			buf_addch(b, hex[*p >> 4]);
			buf_addch(b, hex[*p & 15]);
		}
	}
}

void html_markdown(struct buf *b, const char *md)
{
	/* CMARK_OPT_SAFE is the default since cmark 0.29 (raw HTML becomes a
	 * comment, javascript: and similar links are dropped); it is named
	 * here so that an older library behaves the same. */
	char *html = cmark_markdown_to_html(md ? md : "", md ? strlen(md) : 0,
					    CMARK_OPT_SAFE | CMARK_OPT_SMART);

	buf_adds(b, html);
	free(html);
}

void html_count(struct buf *b, int64_t n)
{
	char digits[32];
	int len, i;

	if (n < 0) {
		buf_addch(b, '-');
		n = -n;
	}
	len = snprintf(digits, sizeof(digits), "%lld", (long long)n);
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf_addch(b, ',');
		buf_addch(b, digits[i]);
	}
}
