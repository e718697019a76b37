/* store-search.h: the full-text index (part of store.h; implemented in
 * sqlite-search.c on FTS5 with the gk_cjk tokenizer)
 *
 * The index follows the data: every store function that writes a record
 * or publishes a catalog brings the index up to date in the same
 * transaction, so a search never disagrees with the pages.
 */
#ifndef GK_STORE_SEARCH_H
#define GK_STORE_SEARCH_H

enum search_kind { SEARCH_ANY, SEARCH_RECORDS, SEARCH_ITEMS };
enum search_order { SEARCH_BY_RELEVANCE, SEARCH_BY_DATE };

struct search_params {
	const char *match;	/* an FTS5 MATCH expression (search/query.c) */
	bool public_only;	/* what the public may see */
	int64_t unit_id;	/* back office: this unit's records, 0 = any */
	const char *region;	/* region and its subtree, NULL = any */
	int64_t domain_id;	/* 0 = any */
	const char *lineage;	/* one item (with region), NULL = any */
	int year_from, year_to;	/* 0 = open */
	int validity;		/* -1 any, else enum record_validity */
	enum search_kind kind;
	enum search_order order;
	const char *recent_since;	/* YYYY-MM-DD: a gentle boost after it */
	int64_t offset, limit;
};

struct search_hit {
	enum search_kind kind;
	int64_t ref_id;		/* record or item id */
	const char *title;
	const char *region_code;
	int64_t domain_id;
	int64_t unit_id;
	const char *day;	/* 发布日期 */
	double score;		/* lower is better (BM25) */
	/* snippets with \x02 … \x03 around matches (escape, then mark) */
	const char *title_marked;
	const char *snippet;
};

struct search_facet {
	const char *key;	/* region code, domain id, unit id or year */
	int64_t count;
};
struct search_facets {
	struct search_facet *region, *domain, *unit, *year;
	size_t nregion, ndomain, nunit, nyear;
};

/* Run a search.  STORE_ERROR with a message when the MATCH expression is
 * not valid (callers build it with search_query_fts(), which is). */
enum store_rc store_search(struct store *s, const struct search_params *p,
			   struct arena *a, struct search_hit **hits,
			   size_t *n, int64_t *total, struct search_facets *facets,
			   struct errors *err);

/* Bring the index up to date for one record (after any write to it). */
enum store_rc store_search_sync_record(struct store *s, int64_t id,
				       struct errors *err);
/* The same for a catalog's items (indexed while the catalog is the newest
 * published one of its region and domain). */
enum store_rc store_search_sync_catalog(struct store *s, int64_t id,
					struct errors *err);
/* Rebuild the whole index in one transaction; 'progress' (may be NULL) is
 * told done/total.  It drops and recreates the FTS5 table and merges it
 * into one segment at the end, so it also serves after a bulk load. */
enum store_rc store_search_reindex(struct store *s,
				   void (*progress)(void *arg, int64_t done,
						    int64_t total),
				   void *arg, struct errors *err);
/* Bulk loads: while deferred, store_search_sync_record() and
 * store_search_sync_catalog() on 's' do nothing, so the index no longer
 * follows the data until store_search_reindex() (which works either way).
 * Switch it off again before closing 's'.  Returns false only when too
 * many stores are deferred at once (8). */
bool store_search_set_deferred(struct store *s, bool on);
/* Rows in the index, and the bytes its tables take. */
enum store_rc store_search_size(struct store *s, int64_t *rows,
				int64_t *bytes);

#endif
