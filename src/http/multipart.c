/* multipart.c: see multipart.h (RFC 7578) */
#include "multipart.h"

#include <string.h>
#include <strings.h>

#include "../util/arena.h"
#include "../util/utf8.h"

/* memmem is a GNU extension; this is the portable equivalent. */
static const char *find(const char *hay, size_t n, const char *needle,
			size_t m)
{
	if (m == 0 || n < m)
		return NULL;
	for (size_t i = 0; i + m <= n; i++)
		if (hay[i] == needle[0] && !memcmp(hay + i, needle, m))
			return hay + i;
	return NULL;
}

/* The boundary parameter of a Content-Type value, in the arena. */
static const char *boundary_of(const char *ct, struct arena *a)
{
	const char *p = ct ? strstr(ct, "boundary=") : NULL;
	size_t n;

	if (!p || strncmp(ct, "multipart/form-data", 19))
		return NULL;
	p += 9;
	if (*p == '"') {
		p++;
		n = strcspn(p, "\"");
	} else {
		n = strcspn(p, "; \t");
	}
	if (n < 1 || n > 70)
		return NULL;
	return arena_printf(a, "--%.*s", (int)n, p);
}

/* A parameter (name="…") of a Content-Disposition value. */
static const char *param(const char *h, size_t n, const char *key,
			 struct arena *a, bool *bad)
{
	size_t klen = strlen(key);

	for (size_t i = 0; i + klen + 2 <= n; i++) {
		if ((i == 0 || h[i - 1] == ' ' || h[i - 1] == ';') &&
		    !memcmp(h + i, key, klen) && h[i + klen] == '=' &&
		    h[i + klen + 1] == '"') {
			const char *v = h + i + klen + 2;
			const char *end = memchr(v, '"', n - (size_t)(v - h));

			if (!end) {
				*bad = true;
				return NULL;
			}
			return arena_strndup(a, v, (size_t)(end - v));
		}
	}
	return NULL;
}

static bool clean_text(const char *s)
{
	if (!utf8_valid(s, strlen(s)))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

int multipart_parse(const char *body, size_t len, const char *content_type,
		    struct arena *a, struct form_part **parts, size_t *nparts,
		    struct query *fields, const char **why)
{
	const char *delim = boundary_of(content_type, a);
	const char *p, *end = body + len;
	size_t dlen;

	*parts = NULL;
	*nparts = 0;
	fields->fields = NULL;
	fields->n = 0;
	if (!delim) {
		*why = "上传内容的格式不对（缺少 multipart 边界）";
		return -1;
	}
	dlen = strlen(delim);
	p = find(body, len, delim, dlen);
	if (!p) {
		*why = "上传内容不完整";
		return -1;
	}
	*parts = arena_alloc(a, MULTIPART_MAX_PARTS * sizeof(**parts));
	fields->fields = arena_alloc(a, MULTIPART_MAX_PARTS *
				     sizeof(*fields->fields));
	for (;;) {
		const char *h, *hend, *data, *next;
		struct form_part *fp;
		bool bad = false;

		p += dlen;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;	/* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
			*why = "上传内容的格式不对";
			return -1;
		}
		h = p + 2;
		hend = find(h, (size_t)(end - h), "\r\n\r\n", 4);
		if (!hend || hend - h > 4096) {
			*why = "上传内容的格式不对（分段头部）";
			return -1;
		}
		data = hend + 4;
		next = find(data, (size_t)(end - data), delim, dlen);
		if (!next || next - data < 2 || next[-2] != '\r' ||
		    next[-1] != '\n') {
			*why = "上传内容不完整";
			return -1;
		}
		if (*nparts == MULTIPART_MAX_PARTS) {
			*why = "上传的字段过多";
			return -1;
		}
		fp = &(*parts)[(*nparts)++];
		memset(fp, 0, sizeof(*fp));
		fp->data = data;
		fp->len = (size_t)(next - 2 - data);
		/* headers: Content-Disposition and Content-Type */
		for (const char *line = h; line < hend; ) {
			const char *eol = find(line, (size_t)(hend + 2 - line),
					       "\r\n", 2);
			size_t n = eol ? (size_t)(eol - line) : 0;

			if (!eol)
				break;
			if (n > 20 && !strncasecmp(line, "Content-Disposition:", 20)) {
				fp->name = param(line, n, "name", a, &bad);
				fp->filename = param(line, n, "filename", a, &bad);
			} else if (n > 13 && !strncasecmp(line, "Content-Type:", 13)) {
				const char *v = line + 13;

				while (*v == ' ')
					v++;
				fp->content_type = arena_strndup(a, v,
					(size_t)(eol - v));
			}
			line = eol + 2;
		}
		if (bad || !fp->name || !*fp->name || strlen(fp->name) > 200 ||
		    !clean_text(fp->name)) {
			*why = "上传内容中有无效的字段名";
			return -1;
		}
		if (fp->filename) {
			const char *base = fp->filename;

			for (const char *q = fp->filename; *q; q++)
				if (*q == '/' || *q == '\\')
					base = q + 1;
			if (!clean_text(base) || strlen(base) > 255) {
				*why = "上传文件的文件名无效";
				return -1;
			}
			fp->filename = base;
		} else {
			char *v = arena_strndup(a, fp->data, fp->len);

			if (!utf8_valid(v, fp->len) || memchr(fp->data, 0, fp->len)) {
				*why = "上传内容中有不是有效文本的字段";
				return -1;
			}
			fields->fields[fields->n].name = fp->name;
			fields->fields[fields->n].value = v;
			fields->n++;
		}
		p = next;
	}
}

const struct form_part *multipart_file(const struct form_part *parts,
				       size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (parts[i].filename && !strcmp(parts[i].name, name))
			return &parts[i];
	return NULL;
}
