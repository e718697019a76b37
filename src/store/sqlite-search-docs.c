/* sqlite-search-docs.c: a connection's in-memory copy of search_docs
 * (see sqlite-search-docs.h)
 *
 * Catching up reads search_seq: the same epoch and change number as last
 * time means nothing to do (one small read per search); a new epoch (a
 * rebuild) reads every row again; a new change number reads the rows of
 * search_gone and search_docs changed since, gone ones first (a row put
 * back is no longer in search_gone, see sqlite-search.c).
 */
#include "sqlite-search-docs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/hmap.h"
#include "../util/xalloc.h"

/* Strings stored once: region codes, lineages. */
struct strtab {
	char **v;
	size_t n, alloc;
	struct hmap index;
};

struct search_docs_copy {
	struct search_doc *rec, *item;	/* by record id, by item id */
	size_t nrec, nitem;		/* slots allocated */
	struct strtab regions, lineages;	/* lineages[0] = "" */
	int64_t n, epoch;		/* search_seq as last read */
	struct hmap df;			/* "match\x1fi" → rows */
	bool loaded;
	sqlite3_stmt *seq, *all, *changed, *gone;
};

#define DOC_COLUMNS "SELECT d.fts_rowid, d.region_code, d.domain_id, " \
	"d.unit_id, d.lineage, d.year, d.validity, d.public, d.day, z.sz " \
	"FROM search_docs d LEFT JOIN search_fts_docsize z ON z.id = d.fts_rowid"

static uint32_t intern(struct strtab *t, const char *s)
{
	int64_t i;
	size_t len = strlen(s);

	if (hmap_get(&t->index, s, len, &i))
		return (uint32_t)i;
	t->v = xgrow(t->v, sizeof(*t->v), t->n + 1, &t->alloc);
	t->v[t->n] = xstrndup(s, len);
	hmap_put(&t->index, s, len, (int64_t)t->n);
	return (uint32_t)t->n++;
}

static void strtab_release(struct strtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	hmap_release(&t->index);
	memset(t, 0, sizeof(*t));
}

/* The slot of 'rowid', grown into when 'grow'; NULL when out of range. */
static struct search_doc *slot(struct search_docs_copy *c, int64_t rowid,
			       bool grow)
{
	struct search_doc **v = rowid & 1 ? &c->item : &c->rec;
	size_t *n = rowid & 1 ? &c->nitem : &c->nrec;
	int64_t id = rowid >> 1;

	if (rowid < 0)
		return NULL;
	if ((size_t)id >= *n) {
		size_t want = *n ? *n : 1024;

		if (!grow)
			return NULL;
		while (want <= (size_t)id)
			want *= 2;
		*v = xrealloc(*v, want * sizeof(**v));
		memset(*v + *n, 0, (want - *n) * sizeof(**v));
		*n = want;
	}
	return &(*v)[id];
}

/* FTS5's docsize blob: one varint (SQLite's encoding) per column; the sum
 * of the text columns' (title, body, meta; not tags). */
static uint32_t tokens(const unsigned char *p, int n)
{
	uint64_t sum = 0;
	int i = 0;

	for (int col = 0; col < 3 && i < n; col++) {
		uint64_t v = 0;
		int k;

		for (k = 0; k < 8 && i < n; k++) {
			unsigned char b = p[i++];

			v = v << 7 | (b & 0x7f);
			if (!(b & 0x80))
				break;
		}
		if (k == 8 && i < n)
			v = v << 8 | p[i++];
		sum += v;
	}
	return sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
}

uint32_t search_docs_day(const char *d)
{
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	return (uint32_t)atoi(d) * 10000 + (uint32_t)atoi(d + 5) * 100 +
		(uint32_t)atoi(d + 8);
}

static uint8_t validity_of(const char *v)
{
	if (!v)
		return DOC_VALIDITY_NONE;
	if (!strcmp(v, "valid"))
		return VALIDITY_VALID;
	if (!strcmp(v, "expired"))
		return VALIDITY_EXPIRED;
	if (!strcmp(v, "repealed"))
		return VALIDITY_REPEALED;
	return DOC_VALIDITY_NONE;
}

/* Copy the rows of 'st' (DOC_COLUMNS) into 'c'. */
static int read_rows(struct search_docs_copy *c, sqlite3_stmt *st)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_doc *d = slot(c, sqlite3_column_int64(st, 0), true);
		const char *t;

		if (!d)
			continue;
		t = (const char *)sqlite3_column_text(st, 1);
		d->region = intern(&c->regions, t ? t : "");
		d->domain_id = sqlite3_column_int64(st, 2);
		d->unit_id = sqlite3_column_int64(st, 3);
		t = (const char *)sqlite3_column_text(st, 4);
		d->lineage = t && *t ? intern(&c->lineages, t) : 0;
		d->year = (uint16_t)sqlite3_column_int(st, 5);
		d->validity = validity_of((const char *)sqlite3_column_text(st, 6));
		d->pub = sqlite3_column_int(st, 7) != 0;
		d->day = search_docs_day((const char *)sqlite3_column_text(st, 8));
		d->len = tokens(sqlite3_column_blob(st, 9),
				sqlite3_column_bytes(st, 9));
		d->present = 1;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void clear(struct search_docs_copy *c)
{
	free(c->rec);
	free(c->item);
	c->rec = c->item = NULL;
	c->nrec = c->nitem = 0;
	strtab_release(&c->regions);
	strtab_release(&c->lineages);
	intern(&c->lineages, "");
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	if (*st) {
		sqlite3_reset(*st);
		return 0;
	}
	return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
				  NULL) == SQLITE_OK ? 0 : -1;
}

struct search_docs_copy *search_docs_current(struct store *s,
					     struct errors *err)
{
	struct search_docs_copy *c = s->search_docs;
	int64_t n, epoch;
	int rc;

	if (!c) {
		c = s->search_docs = xcalloc(1, sizeof(*c));
		intern(&c->lineages, "");
	}
	if (prepare(s->db, "SELECT n, epoch FROM search_seq", &c->seq))
		goto fail;
	if (sqlite3_step(c->seq) != SQLITE_ROW) {
		sqlite3_reset(c->seq);
		goto fail;
	}
	n = sqlite3_column_int64(c->seq, 0);
	epoch = sqlite3_column_int64(c->seq, 1);
	sqlite3_reset(c->seq);
	if (c->loaded && n == c->n && epoch == c->epoch)
		return c;
	hmap_release(&c->df);	/* counts of the old index */
	if (!c->loaded || epoch != c->epoch) {
		clear(c);
		if (prepare(s->db, DOC_COLUMNS, &c->all) ||
		    read_rows(c, c->all))
			goto fail;
	} else {
		if (prepare(s->db, "SELECT fts_rowid FROM search_gone WHERE "
			    "seq > ?", &c->gone))
			goto fail;
		sqlite3_bind_int64(c->gone, 1, c->n);
		while ((rc = sqlite3_step(c->gone)) == SQLITE_ROW) {
			struct search_doc *d = slot(c,
				sqlite3_column_int64(c->gone, 0), false);

			if (d)
				memset(d, 0, sizeof(*d));
		}
		sqlite3_reset(c->gone);
		if (rc != SQLITE_DONE ||
		    prepare(s->db, DOC_COLUMNS " WHERE d.seq > ?", &c->changed))
			goto fail;
		sqlite3_bind_int64(c->changed, 1, c->n);
		if (read_rows(c, c->changed))
			goto fail;
	}
	c->n = n;
	c->epoch = epoch;
	c->loaded = true;
	return c;
fail:
	errors_addf(err, "搜索失败：%s", sqlite3_errmsg(s->db));
	c->loaded = false;	/* read everything next time */
	return NULL;
}

void search_docs_free(struct search_docs_copy *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->seq);
	sqlite3_finalize(c->all);
	sqlite3_finalize(c->changed);
	sqlite3_finalize(c->gone);
	clear(c);
	strtab_release(&c->lineages);
	hmap_release(&c->df);
	free(c);
}

const struct search_doc *search_docs_get(const struct search_docs_copy *c,
					 int64_t rowid)
{
	const struct search_doc *d;
	int64_t id = rowid >> 1;

	if (rowid < 0)
		return NULL;
	if (rowid & 1)
		d = (size_t)id < c->nitem ? &c->item[id] : NULL;
	else
		d = (size_t)id < c->nrec ? &c->rec[id] : NULL;
	return d && d->present ? d : NULL;
}

size_t search_docs_nregions(const struct search_docs_copy *c)
{
	return c->regions.n;
}

const char *search_docs_region(const struct search_docs_copy *c, uint32_t i)
{
	return i < c->regions.n ? c->regions.v[i] : "";
}

uint32_t search_docs_lineage(const struct search_docs_copy *c,
			     const char *lineage)
{
	int64_t i;

	return lineage && hmap_get(&c->lineages.index, lineage, strlen(lineage),
				   &i) ? (uint32_t)i : 0;
}

static size_t df_key(char *key, size_t size, const char *match, int i)
{
	int n = snprintf(key, size, "%s\x1f%d", match, i);

	return n < 0 ? 0 : (size_t)n;
}

bool search_docs_df_get(const struct search_docs_copy *c, const char *match,
			int i, int64_t *hits)
{
	char small[512];
	size_t len = df_key(small, sizeof(small), match, i);
	bool found;

	if (len < sizeof(small))
		return hmap_get(&c->df, small, len, hits);
	char *key = xmalloc(len + 1);

	df_key(key, len + 1, match, i);
	found = hmap_get(&c->df, key, len, hits);
	free(key);
	return found;
}

void search_docs_df_put(struct search_docs_copy *c, const char *match, int i,
			int64_t hits)
{
	size_t len = df_key(NULL, 0, match, i);
	char *key = xmalloc(len + 1);

	if (c->df.len >= 4096)
		hmap_release(&c->df);
	df_key(key, len + 1, match, i);
	hmap_put(&c->df, key, len, hits);
	free(key);
}
