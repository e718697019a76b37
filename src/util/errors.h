/* errors.h: a list of problems for the person using gongkai
 *
 * Functions that can fail for reasons a user must fix add one message per
 * problem (Chinese, saying what to fix) and return -1.  An importer adds every
 * problem of a file before giving up, so one run shows them all.  The list is
 * capped; past the cap only a count is kept.
 */
#ifndef GK_ERRORS_H
#define GK_ERRORS_H

#include <stddef.h>
#include <stdio.h>

#define ERRORS_CAP 1000

struct errors {
	char **msg;
	size_t n;		/* messages kept */
	size_t alloc;
	size_t dropped;		/* messages past ERRORS_CAP */
};

#define ERRORS_INIT { NULL, 0, 0, 0 }

void errors_init(struct errors *e);
void errors_release(struct errors *e);
/* Add a message; a NULL 'e' drops it. */
void errors_addf(struct errors *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
size_t errors_count(const struct errors *e);	/* kept + dropped */
/* Print each message on its own line, then a line for the dropped ones. */
void errors_print(const struct errors *e, FILE *fp);

#endif
