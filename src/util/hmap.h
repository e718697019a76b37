/* hmap.h: a string-keyed hash map to integers
 *
 * Used where imports and comparisons look things up by name or lineage
 * (100,000-row catalogs make linear scans too slow).  Keys are copied;
 * values are int64_t.  Open addressing, grows at 50% load.
 */
#ifndef GK_HMAP_H
#define GK_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap_slot;

struct hmap {
	struct hmap_slot *slots;
	size_t cap;		/* power of two, 0 when empty */
	size_t len;
};

#define HMAP_INIT { NULL, 0, 0 }

void hmap_init(struct hmap *m);
void hmap_release(struct hmap *m);
/* Set key → value (replacing any earlier value). */
void hmap_put(struct hmap *m, const char *key, size_t klen, int64_t value);
/* 1 and *value when present, else 0. */
int hmap_get(const struct hmap *m, const char *key, size_t klen,
	     int64_t *value);

#endif
