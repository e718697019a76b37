/* static.h: the files of web/static/, read once at start-up
 *
 * Small files (CSS, icons) kept in memory with their type and an ETag;
 * a version string (a hash of them all) goes into the pages' /static/ URLs
 * so browsers may keep them for a year.  No h2o here.
 */
#ifndef GK_STATIC_H
#define GK_STATIC_H

#include <stddef.h>

struct errors;

struct static_file {
	char *name;		/* path below the directory, e.g. "style.css" */
	char *data;
	size_t len;
	const char *mime;
	char etag[24];
};

struct static_files {
	struct static_file *v;
	size_t n;
	char version[17];	/* hex hash of all files */
};

/* Load every regular file of 'dir' (one level of subdirectories); -1 with a
 * message when the directory cannot be read. */
int static_load(const char *dir, struct static_files *out, struct errors *err);
void static_free(struct static_files *s);
const struct static_file *static_find(const struct static_files *s,
				      const char *name, size_t len);

#endif
