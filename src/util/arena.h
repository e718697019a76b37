/* arena.h: a bump allocator for objects that die together
 *
 * A loaded catalog, an imported spreadsheet or (later) one HTTP request owns
 * an arena; everything allocated from it is freed by one arena_release().
 * Allocations are 16-byte aligned and never fail (xalloc aborts on OOM).
 */
#ifndef GK_ARENA_H
#define GK_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used;		/* bytes used in head */
	size_t total;		/* bytes obtained from malloc, for reporting */
};

#define ARENA_INIT { NULL, 0, 0 }

void arena_init(struct arena *a);
void arena_release(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);		/* zeroed */
char *arena_strdup(struct arena *a, const char *s);	/* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
