/* sqlite-search-docs.h: a connection's in-memory copy of search_docs
 * (internal to src/store; used by sqlite-search-query.c)
 *
 * A search walks every match of its query; looking each one up in
 * search_docs (a B-tree seek per row) and asking FTS5 for its length (one
 * more seek in search_fts_docsize) cost more than the match itself.  The
 * copy holds what filters, facets and the ranking need, in arrays indexed
 * by record and item id, and catches up before each search with what
 * changed since (search_seq, 0008-search-changes.sql): a few rows after a
 * write, everything after a rebuild.  About 48 bytes per indexed row.
 */
#ifndef GK_SQLITE_SEARCH_DOCS_H
#define GK_SQLITE_SEARCH_DOCS_H

#include <stdbool.h>
#include <stdint.h>

#include "sqlite-int.h"

enum { DOC_VALIDITY_NONE = 255 };

struct search_doc {
	int64_t domain_id;	/* 0: none */
	int64_t unit_id;	/* 0: none (catalog items) */
	uint32_t region;	/* index into search_docs_copy.regions */
	uint32_t lineage;	/* index into .lineages, 0: none */
	uint32_t day;		/* 发布日期 as YYYYMMDD, 0: none */
	uint32_t len;		/* tokens in the text columns (FTS5's docsize) */
	uint16_t year;		/* 0: none */
	uint8_t validity;	/* enum record_validity or DOC_VALIDITY_NONE */
	uint8_t pub;		/* the public may see it */
	uint8_t present;	/* the slot holds an indexed row */
};

struct search_docs_copy;

/* The copy of 's', brought up to date within the caller's read
 * transaction; NULL with a message when it cannot be read. */
struct search_docs_copy *search_docs_current(struct store *s,
					     struct errors *err);
void search_docs_free(struct search_docs_copy *c);

/* The row of FTS5 rowid 'rowid' (2 × record id, 2 × item id + 1), or
 * NULL when it is not indexed. */
const struct search_doc *search_docs_get(const struct search_docs_copy *c,
					 int64_t rowid);

/* A YYYY-MM-DD date as the number YYYYMMDD (the form of .day), else 0. */
uint32_t search_docs_day(const char *ymd);

/* Region codes and lineages are stored once and referred to by index. */
size_t search_docs_nregions(const struct search_docs_copy *c);
const char *search_docs_region(const struct search_docs_copy *c, uint32_t i);
/* The index of a lineage, 0 when no row has it. */
uint32_t search_docs_lineage(const struct search_docs_copy *c,
			     const char *lineage);

/* How many rows hold phrase 'i' of the MATCH expression 'match' (as
 * FTS5 numbers its phrases), when a search has counted it since the index
 * last changed: ranking needs it, and counting means reading all of the
 * phrase's rows.  Kept for 4,096 phrases at most. */
bool search_docs_df_get(const struct search_docs_copy *c, const char *match,
			int i, int64_t *hits);
void search_docs_df_put(struct search_docs_copy *c, const char *match, int i,
			int64_t hits);

#endif
