/* xalloc.h: allocation that never returns NULL
 *
 * Out of memory aborts the process with a message (Redis zmalloc, git
 * xmalloc); no other code checks allocation results.
 */
#ifndef GK_XALLOC_H
#define GK_XALLOC_H

#include <stddef.h>
#include <stdlib.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow 'p' (an array of 'elem'-byte elements with room for '*alloc') so that it
 * holds at least 'need' elements; returns the (possibly moved) array. */
void *xgrow(void *p, size_t elem, size_t need, size_t *alloc);

#endif
