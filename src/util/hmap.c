/* hmap.c: open-addressing string → int64 map; see hmap.h. */
#include "hmap.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct hmap_slot {
	char *key;		/* NULL = free */
	size_t klen;
	uint64_t hash;
	int64_t value;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

void hmap_init(struct hmap *m)
{
	m->slots = NULL;
	m->cap = m->len = 0;
}

void hmap_release(struct hmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	hmap_init(m);
}

static struct hmap_slot *find(const struct hmap *m, const char *key,
			      size_t klen, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;;) {
		struct hmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && s->klen == klen &&
				!memcmp(s->key, key, klen)))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static void grow(struct hmap *m)
{
	struct hmap_slot *old = m->slots;
	size_t oldcap = m->cap;

	m->cap = oldcap ? oldcap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (size_t i = 0; i < oldcap; i++) {
		if (old[i].key)
			*find(m, old[i].key, old[i].klen, old[i].hash) = old[i];
	}
	free(old);
}

void hmap_put(struct hmap *m, const char *key, size_t klen, int64_t value)
{
	uint64_t h = hash_bytes(key, klen);
	struct hmap_slot *s;

	if ((m->len + 1) * 2 > m->cap)
		grow(m);
	s = find(m, key, klen, h);
	if (!s->key) {
		s->key = xstrndup(key, klen);
		s->klen = klen;
		s->hash = h;
		m->len++;
	}
	s->value = value;
}

int hmap_get(const struct hmap *m, const char *key, size_t klen,
	     int64_t *value)
{
	struct hmap_slot *s;

	if (!m->cap)
		return 0;
	s = find(m, key, klen, hash_bytes(key, klen));
	if (!s->key)
		return 0;
	if (value)
		*value = s->value;
	return 1;
}
