/* sqlite-search-rank.h: the filter and the ranking a search applies to
 * each FTS5 match (internal to src/store; see sqlite-search-rank.c) */
#ifndef GK_SQLITE_SEARCH_RANK_H
#define GK_SQLITE_SEARCH_RANK_H

#include <stdbool.h>
#include <stdint.h>

#include "sqlite-search-docs.h"

/* What one search keeps of its parameters, for the walk over matches. */
struct search_scan {
	const struct search_docs_copy *docs;
	const struct search_params *p;
	const uint8_t *region_ok;	/* by region index; NULL: any region */
	uint32_t lineage;		/* p->lineage's index (0: none has it) */
	struct search_docs_copy *docs_rw;	/* .docs, for its counts */
	/* the MATCH is p->match restricted to the text columns, then
	 * 'ntags' phrases on the tags column (filters, not ranked) */
	int ntags;
	/* set by gk_rank(): a query of one phrase and no tags is scored
	 * with an IDF of 1, its rows counted, and the caller multiplies the
	 * scores by search_scan_idf() after the walk (the same order, one
	 * walk over the phrase's rows fewer) */
	bool idf_later;
	int64_t nrow;			/* rows in the index */
};

/* The IDF of a phrase found in 'hits' rows of 'nrow', as FTS5's bm25(). */
double search_scan_idf(int64_t nrow, int64_t hits);

/* The pointer type under which a search_scan is bound as an argument. */
#define SEARCH_SCAN_POINTER "gk_search_scan"

/* Whether the row 'd' (FTS5 rowid 'rowid') passes the search's filters. */
bool search_scan_admits(const struct search_scan *sc,
			const struct search_doc *d, int64_t rowid);

/* Register the FTS5 function gk_rank(search_fts, scan) on 'db': NULL for
 * a row the scan does not admit, else its BM25 score (lower is better),
 * computed as FTS5's bm25(search_fts, 10, 1, 3, 0) over the text columns
 * with the row's length taken from the scan's copy of search_docs (but
 * see idf_later).  0, or -1 when FTS5
 * refuses. */
int search_rank_register(sqlite3 *db);

#endif
