/* buf.h: a growable byte string (after git's strbuf)
 *
 * Invariants: 'buf' is never NULL and always NUL-terminated; 'len' excludes
 * the NUL.  A struct buf set up with BUF_INIT or buf_init() holds no memory
 * until something is added; buf_release() frees and resets it.
 */
#ifndef GK_BUF_H
#define GK_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

void buf_init(struct buf *b);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);		/* len = 0, memory kept */
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
void buf_setlen(struct buf *b, size_t len);
/* Hand the string to the caller (free() it); 'b' is left empty. */
char *buf_detach(struct buf *b, size_t *len);

#endif
