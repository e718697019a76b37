/* json-str.c: quoting a string for JSON; see json-str.h. */
#include "json-str.h"

#include <string.h>

#include "buf.h"

void json_str(struct buf *b, const char *s)
{
	const char *run = s;

	buf_addch(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = NULL;
		char u[8];

		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c == '\r')
			esc = "\\r";
		else if (c == '\t')
			esc = "\\t";
		else if (c < 0x20) {
			static const char hex[] = "0123456789abcdef";
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			u[6] = '\0';
			esc = u;
		} else if (c == 0xe2 && (unsigned char)s[1] == 0x80 &&
			   ((unsigned char)s[2] == 0xa8 || (unsigned char)s[2] == 0xa9)) {
			esc = (unsigned char)s[2] == 0xa8 ? "\\u2028" : "\\u2029";
			buf_add(b, run, (size_t)(s - run));
			buf_adds(b, esc);
			s += 2;
			run = s + 1;
			continue;
		}
		if (esc) {
			buf_add(b, run, (size_t)(s - run));
			buf_adds(b, esc);
			run = s + 1;
		}
	}
	buf_add(b, run, (size_t)(s - run));
	buf_addch(b, '"');
}
