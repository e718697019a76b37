/* cache.c: see cache.h */
#include "cache.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

#define NBUCKETS 4096

struct http_cache {
	struct http_cached *bucket[NBUCKETS];
	size_t entries, bytes, budget;
};

uint64_t cache_hash(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = 1469598103934665603ull ^ seed;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	return h;
}

struct http_cache *cache_new(size_t budget_bytes)
{
	struct http_cache *c = xcalloc(1, sizeof(*c));
	c->budget = budget_bytes;
	return c;
}

void cache_release(struct http_cached *e)
{
	if (!e || --e->refs > 0)
		return;
	free(e->content_type);
	free(e->etag);
	free(e->disposition);
	free(e->location);
	free(e->cache_control);
	free(e->body);
	free(e->key);
	free(e);
}

void cache_clear(struct http_cache *c)
{
	for (size_t i = 0; i < NBUCKETS; i++) {
		struct http_cached *e = c->bucket[i], *next;

		for (; e; e = next) {
			next = e->next;
			e->next = NULL;
			cache_release(e);
		}
		c->bucket[i] = NULL;
	}
	c->entries = 0;
	c->bytes = 0;
}

void cache_free(struct http_cache *c)
{
	if (!c)
		return;
	cache_clear(c);
	free(c);
}

struct http_cached *cache_get(struct http_cache *c, const char *key,
			      size_t klen)
{
	struct http_cached *e = c->bucket[cache_hash(key, klen, 0) % NBUCKETS];

	for (; e; e = e->next)
		if (e->klen == klen && !memcmp(e->key, key, klen)) {
			e->refs++;
			return e;
		}
	return NULL;
}

void cache_put(struct http_cache *c, struct http_cached *e)
{
	size_t b = cache_hash(e->key, e->klen, 0) % NBUCKETS;
	size_t size = e->len + e->klen + sizeof(*e);

	if (size > c->budget / 4)
		return;		/* too big to be worth keeping */
	if (c->bytes + size > c->budget)
		cache_clear(c);
	e->refs++;
	e->next = c->bucket[b];
	c->bucket[b] = e;
	c->entries++;
	c->bytes += size;
}

void cache_stats(const struct http_cache *c, size_t *entries, size_t *bytes)
{
	*entries = c->entries;
	*bytes = c->bytes;
}
