/* progress.h: progress of long work, on a terminal only
 *
 * Import, export and demo report how far they are on stderr when stderr is a
 * terminal, redrawing one line at most a few times a second; when stderr is
 * not a terminal (CI, pipes, tests) they stay silent.
 */
#ifndef GK_PROGRESS_H
#define GK_PROGRESS_H

#include <stddef.h>

struct progress {
	const char *label;
	size_t total;		/* 0 = unknown */
	size_t done;
	int active;		/* stderr is a terminal */
	long long last_ms;
};

void progress_start(struct progress *p, const char *label, size_t total);
void progress_update(struct progress *p, size_t done);
void progress_finish(struct progress *p);

#endif
