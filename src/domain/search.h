/* search.h: searching the column — what the search page, the API, the
 * back office and `gongkai search` share
 *
 * A query is parsed (search/query.c: AND, "phrases", -exclusions, OR; any
 * input gives results or a Chinese message), expanded with the
 * government-term synonyms (data/search/synonyms.csv, embedded), turned
 * into an FTS5 expression and run on the gk_cjk index with the filters;
 * the answer carries the total, facet counts for region, domain, unit and
 * year, and snippets with the matches marked.
 */
#ifndef GK_SEARCH_H
#define GK_SEARCH_H

#include "../search/query.h"
#include "../store/store.h"

struct search_request {
	const char *q;		/* as typed */
	size_t qlen;
	struct search_params p;	/* filters, order, paging (match is set here) */
};

struct search_result {
	struct search_hit *hits;
	size_t n;
	int64_t total;
	struct search_facets facets;
	const char **notes;	/* what the parser changed, Chinese */
	size_t nnotes;
	const char **expanded;	/* "最低生活保障（低保的同义词）" */
	size_t nexpanded;
	const struct search_term **terms;	/* for marking text */
	size_t nterms;
};

/* Run 'req'.  -1 with a Chinese message (an empty or unsearchable query,
 * a store error) and an empty result. */
int search_run(struct store *s, struct search_request *req, struct arena *a,
	       struct search_result *out, struct errors *err);

#endif
