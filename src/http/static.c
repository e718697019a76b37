/* static.c: see static.h */
#include "static.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "../util/buf.h"
#include "../util/errors.h"
#include "../util/xalloc.h"

#define STATIC_MAX_FILE (8u << 20)
#define STATIC_MAX_FILES 512

static const char *mime_of(const char *name)
{
	static const struct { const char *ext, *mime; } types[] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".json", "application/json" },
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].mime;
	return "application/octet-stream";
}

static int load_file(struct static_files *s, const char *path,
		     const char *name, struct errors *err)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[16384];
	size_t k;
	struct static_file *f;

	if (!fp) {
		errors_addf(err, "无法读取静态文件 %s", path);
		return -1;
	}
	while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0 &&
	       b.len <= STATIC_MAX_FILE)
		buf_add(&b, chunk, k);
	fclose(fp);
	if (b.len > STATIC_MAX_FILE || s->n >= STATIC_MAX_FILES) {
		errors_addf(err, "静态文件 %s 过大或文件过多", path);
		buf_release(&b);
		return -1;
	}
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	f = &s->v[s->n++];
	f->name = xstrdup(name);
	f->len = b.len;
	f->data = buf_detach(&b, NULL);
	f->mime = mime_of(name);
	snprintf(f->etag, sizeof(f->etag), "\"%016llx\"",
		 (unsigned long long)cache_hash(f->data, f->len, 0));
	return 0;
}

static int load_dir(struct static_files *s, const char *dir,
		    const char *prefix, int depth, struct errors *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (!d) {
		errors_addf(err, "无法读取静态文件目录 %s（用 --static 指定）", dir);
		return -1;
	}
	while (rc == 0 && (de = readdir(d))) {
		char path[4096], name[1024];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		snprintf(name, sizeof(name), "%s%s", prefix, de->d_name);
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode) && depth == 0) {
			char sub[1024];

			snprintf(sub, sizeof(sub), "%s/", name);
			rc = load_dir(s, path, sub, 1, err);
		} else if (S_ISREG(st.st_mode)) {
			rc = load_file(s, path, name, err);
		}
	}
	closedir(d);
	return rc;
}

int static_load(const char *dir, struct static_files *out, struct errors *err)
{
	uint64_t h = 0;

	memset(out, 0, sizeof(*out));
	if (load_dir(out, dir, "", 0, err)) {
		static_free(out);
		return -1;
	}
	for (size_t i = 0; i < out->n; i++)
		h = cache_hash(out->v[i].etag, strlen(out->v[i].etag), h);
	snprintf(out->version, sizeof(out->version), "%016llx",
		 (unsigned long long)h);
	return 0;
}

void static_free(struct static_files *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].data);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

const struct static_file *static_find(const struct static_files *s,
				      const char *name, size_t len)
{
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i].name) == len && !memcmp(s->v[i].name, name, len))
			return &s->v[i];
	return NULL;
}
