/* query.c: see query.h */
#include "query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../util/arena.h"
#include "../util/utf8.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *query_decode(const char *s, size_t n, bool plus_space, struct arena *a,
		   const char **why)
{
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%') {
			int hi, lo;

			if (i + 2 >= n) {
				*why = "参数中的百分号编码不完整";
				return NULL;
			}
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0) {
				*why = "参数中的百分号编码无效";
				return NULL;
			}
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_space) {
			c = ' ';
		}
		if (c == 0 || (c < 0x20 && c != '\t' && c != '\r' &&
			       c != '\n') || c == 0x7f) {
			*why = "参数中含有不允许的控制字符";
			return NULL;
		}
		out[o++] = (char)c;
	}
	out[o] = 0;
	if (!utf8_valid(out, o)) {
		*why = "参数不是有效的 UTF-8 文本";
		return NULL;
	}
	return out;
}

static int parse(const char *s, size_t n, size_t max, struct arena *a,
		 struct query *out, const char **why)
{
	size_t i = 0, cap = 0;

	out->fields = NULL;
	out->n = 0;
	if (n > QUERY_MAX_BYTES) {
		*why = "参数过长";
		return -1;
	}
	while (i < n) {
		size_t end = i, eq;
		const char *name, *value;

		while (end < n && s[end] != '&')
			end++;
		if (end > i) {
			eq = i;
			while (eq < end && s[eq] != '=')
				eq++;
			if (out->n == max) {
				*why = "参数过多";
				return -1;
			}
			name = query_decode(s + i, eq - i, true, a, why);
			if (!name)
				return -1;
			value = eq < end ?
				query_decode(s + eq + 1, end - eq - 1, true, a, why) :
				"";
			if (!value)
				return -1;
			if (out->n == cap) {	/* grow by doubling */
				struct query_field *bigger;

				cap = cap ? 2 * cap : 16;
				bigger = arena_alloc(a, cap * sizeof(*bigger));
				if (out->n)
					memcpy(bigger, out->fields,
					       out->n * sizeof(*bigger));
				out->fields = bigger;
			}
			out->fields[out->n].name = name;
			out->fields[out->n].value = value;
			out->n++;
		}
		i = end + 1;
	}
	return 0;
}

int query_parse(const char *s, size_t n, struct arena *a, struct query *out,
		const char **why)
{
	return parse(s, n, QUERY_MAX_FIELDS, a, out, why);
}

int query_parse_form(const char *s, size_t n, struct arena *a,
		     struct query *out, const char **why)
{
	return parse(s, n, FORM_MAX_FIELDS, a, out, why);
}

const char *query_get(const struct query *q, const char *name)
{
	for (size_t i = 0; i < q->n; i++)
		if (!strcmp(q->fields[i].name, name))
			return q->fields[i].value;
	return NULL;
}

int query_int(const struct query *q, const char *name, int64_t min,
	      int64_t max, int64_t def, int64_t *out)
{
	const char *v = query_get(q, name);
	char *end;
	long long x;

	if (!v || !*v) {
		*out = def;
		return 0;
	}
	for (const char *p = v; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	errno = 0;
	x = strtoll(v, &end, 10);
	if (errno || *end || x < min || x > max)
		return -1;
	*out = x;
	return 0;
}
