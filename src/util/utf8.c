/* utf8.c: UTF-8 validation, decoding, trimming and folding; see utf8.h. */
#include "utf8.h"

#include <string.h>

#include "buf.h"

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + n;

	while (s < end) {
		unsigned c = *s;
		size_t k;
		uint32_t cp, min;

		if (c < 0x80) {
			s++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			k = 1; cp = c & 0x1f; min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			k = 2; cp = c & 0x0f; min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			k = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return false;
		}
		if ((size_t)(end - s) <= k)
			return false;
		for (size_t i = 1; i <= k; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		s += k + 1;
	}
	return true;
}

uint32_t utf8_next(const char **str)
{
	const unsigned char *s = (const unsigned char *)*str;
	uint32_t cp;
	size_t k;

	if (s[0] < 0x80) {
		cp = s[0]; k = 0;
	} else if ((s[0] & 0xe0) == 0xc0) {
		cp = s[0] & 0x1f; k = 1;
	} else if ((s[0] & 0xf0) == 0xe0) {
		cp = s[0] & 0x0f; k = 2;
	} else {
		cp = s[0] & 0x07; k = 3;
	}
	for (size_t i = 1; i <= k; i++) {
		if ((s[i] & 0xc0) != 0x80) {	/* defensive: malformed */
			*str = (const char *)s + i;
			return 0xfffd;
		}
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	*str = (const char *)s + k + 1;
	return cp;
}

void utf8_put(struct buf *b, uint32_t cp)
{
	char t[4];

	if (cp < 0x80) {
		buf_addch(b, (int)cp);
	} else if (cp < 0x800) {
		t[0] = (char)(0xc0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, t, 2);
	} else if (cp < 0x10000) {
		t[0] = (char)(0xe0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		t[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, t, 3);
	} else {
		t[0] = (char)(0xf0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		t[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, t, 4);
	}
}

size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

bool utf8_is_space(uint32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
	case 0xa0: case 0x3000: case 0x200b: case 0xfeff: case 0x2002:
	case 0x2003: case 0x2009:
		return true;
	}
	return false;
}

void utf8_trim(struct buf *b, const char *s)
{
	const char *p = s, *start = NULL, *end = NULL;

	while (*p) {
		const char *at = p;
		uint32_t cp = utf8_next(&p);
		if (!utf8_is_space(cp)) {
			if (!start)
				start = at;
			end = p;
		}
	}
	if (!start)
		return;
	for (p = start; p < end; p++) {
		if (*p == '\r') {
			if (p + 1 < end && p[1] == '\n')
				continue;
			buf_addch(b, '\n');
		} else {
			buf_addch(b, *p);
		}
	}
}

void utf8_trim_span(const char *s, size_t *off, size_t *len)
{
	const char *p = s, *start, *end;
	size_t n = strlen(s);

	while (*p) {
		const char *at = p;
		if (!utf8_is_space(utf8_next(&p))) {
			p = at;
			break;
		}
	}
	start = p;
	end = s + n;
	while (end > start) {
		const char *q = end - 1, *r;
		while (q > start && (*q & 0xc0) == 0x80)
			q--;
		r = q;
		if (!utf8_is_space(utf8_next(&r)))
			break;
		end = q;
	}
	*off = (size_t)(start - s);
	*len = (size_t)(end - start);
}

void utf8_fold(struct buf *b, const char *s)
{
	while (*s) {
		uint32_t cp = utf8_next(&s);
		if (utf8_is_space(cp))
			continue;
		if (cp >= 0xff01 && cp <= 0xff5e)
			cp -= 0xfee0;	/* full-width ASCII → ASCII */
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		utf8_put(b, cp);
	}
}

static int is_wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

size_t utf8_width(const char *s)
{
	size_t w = 0;

	while (*s)
		w += is_wide(utf8_next(&s)) ? 2 : 1;
	return w;
}

void utf8_pad(struct buf *b, const char *s, size_t width)
{
	size_t w = utf8_width(s);

	buf_adds(b, s);
	do
		buf_addch(b, ' ');
	while (++w < width);
}
