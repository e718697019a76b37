/* cache.h: rendered responses kept in memory, one cache per server thread
 *
 * Keyed by the request's path, query and variant (长者模式).  An entry is
 * shared by reference with requests still sending it, so clearing the cache
 * never frees bytes in flight.  The server clears a thread's cache whenever
 * its read connection sees the database changed (store_data_version), so a
 * page is never served stale after a write; and when the cache outgrows its
 * byte budget.  Single-threaded by design: no locks.
 */
#ifndef GK_CACHE_H
#define GK_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct http_cached {
	int status;
	char *content_type;
	char *etag;		/* "\"…\"" */
	char *disposition;	/* may be NULL */
	char *location;
	char *cache_control;
	char *body;
	size_t len;
	/* bookkeeping */
	char *key;
	size_t klen;
	int refs;		/* the cache's own + requests sending it */
	struct http_cached *next;	/* hash chain */
};

struct http_cache;

struct http_cache *cache_new(size_t budget_bytes);
void cache_free(struct http_cache *c);
/* The entry for key, with a reference for the caller (cache_release), or
 * NULL. */
struct http_cached *cache_get(struct http_cache *c, const char *key,
			      size_t klen);
/* Keep 'e' (its key set by the caller); the cache takes its own reference. */
void cache_put(struct http_cache *c, struct http_cached *e);
/* Drop every entry (those in flight live until released). */
void cache_clear(struct http_cache *c);
void cache_release(struct http_cached *e);
/* Entries and bytes held, for the benchmark and tests. */
void cache_stats(const struct http_cache *c, size_t *entries, size_t *bytes);

/* 64-bit FNV-1a, for ETags. */
uint64_t cache_hash(const void *data, size_t len, uint64_t seed);

#endif
