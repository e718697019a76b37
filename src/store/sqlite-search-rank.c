/* sqlite-search-rank.c: gk_rank(), the FTS5 function by which a search
 * filters and ranks its matches (see sqlite-search-rank.h)
 *
 * The score is FTS5's own BM25 (k1 = 1.2, b = 0.75; each phrase's
 * frequency counted with the weight of the column it is in: title 10, body
 * 1, other fields 3; IDF from the number of rows holding the phrase) over
 * the text columns, reimplemented for the document length: FTS5's bm25()
 * reads it from search_fts_docsize, a B-tree seek for every match, which
 * was most of the time of a search for a common word; here it comes from
 * the in-memory copy of search_docs.  The filters' phrases on the tags
 * column rank nothing, and the rows holding a phrase are counted once per
 * index state (search_docs_df_get()).  Filtering first also saves ranking
 * the rows a filter drops.
 */
#include "sqlite-search-rank.h"

#include "../search/tokenizer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* title, body, meta; tags (only ever matched by the filters' phrases) */
static const double column_weight[] = { 10.0, 1.0, 3.0, 0.0 };
#define NCOLUMNS (sizeof(column_weight) / sizeof(column_weight[0]))
#define K1 1.2
#define B 0.75

bool search_scan_admits(const struct search_scan *sc,
			const struct search_doc *d, int64_t rowid)
{
	const struct search_params *p = sc->p;

	if (p->public_only && !d->pub)
		return false;
	if (p->kind == SEARCH_RECORDS && (rowid & 1))
		return false;
	if (p->kind == SEARCH_ITEMS && !(rowid & 1))
		return false;
	if (p->unit_id && d->unit_id != p->unit_id)
		return false;
	if (sc->region_ok && !sc->region_ok[d->region])
		return false;
	if (p->domain_id && d->domain_id != p->domain_id)
		return false;
	if (p->lineage && (!sc->lineage || d->lineage != sc->lineage))
		return false;
	if (p->year_from > 0 && (!d->year || d->year < p->year_from))
		return false;
	if (p->year_to > 0 && (!d->year || d->year > p->year_to))
		return false;
	if (p->validity >= 0 && d->validity != p->validity)
		return false;
	return true;
}

/* What a query's ranking computes once (FTS5 auxiliary data). */
struct bm25_query {
	int nphrase;
	double avgdl;
	double *idf;		/* per phrase */
	double *freq;		/* per phrase, the current row's */
};

static void bm25_free(void *p)
{
	struct bm25_query *q = p;

	if (!q)
		return;
	free(q->idf);
	free(q->freq);
	free(q);
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts,
		     void *arg)
{
	(void)api;
	(void)fts;
	(*(int64_t *)arg)++;
	return SQLITE_OK;
}

double search_scan_idf(int64_t nrow, int64_t hits)
{
	double idf = log(((double)nrow - (double)hits + 0.5) /
			 ((double)hits + 0.5));

	return idf > 0.0 ? idf : 1e-6;
}

static struct bm25_query *bm25_query(const Fts5ExtensionApi *api,
				     Fts5Context *fts, struct search_scan *sc,
				     int *rc)
{
	struct bm25_query *q = api->xGetAuxdata(fts, 0);
	sqlite3_int64 nrow = 0, ntok = 0;
	int nuser;

	if (q)
		return q;
	q = calloc(1, sizeof(*q));
	if (!q) {
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	q->nphrase = api->xPhraseCount(fts);
	q->idf = calloc((size_t)q->nphrase + 1, sizeof(double));
	q->freq = calloc((size_t)q->nphrase + 1, sizeof(double));
	if (!q->idf || !q->freq)
		*rc = SQLITE_NOMEM;
	if (*rc == SQLITE_OK)
		*rc = api->xRowCount(fts, &nrow);
	for (int col = 0; *rc == SQLITE_OK && col < 3; col++) {
		sqlite3_int64 n = 0;

		*rc = api->xColumnTotalSize(fts, col, &n);
		ntok += n;
	}
	q->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
	sc->nrow = nrow;
	/* the users' phrases come first; the tags' rank nothing */
	nuser = q->nphrase - sc->ntags;
	sc->idf_later = nuser == 1 && sc->ntags == 0;
	if (sc->idf_later)
		q->idf[0] = 1.0;
	for (int i = 0; *rc == SQLITE_OK && !sc->idf_later && i < nuser; i++) {
		int64_t hits = 0;

		if (!search_docs_df_get(sc->docs, sc->p->match, i, &hits)) {
			*rc = api->xQueryPhrase(fts, i, &hits, count_row);
			if (*rc == SQLITE_OK)
				search_docs_df_put(sc->docs_rw, sc->p->match, i,
						   hits);
		}
		q->idf[i] = search_scan_idf(nrow, hits);
	}
	if (*rc != SQLITE_OK) {
		bm25_free(q);
		return NULL;
	}
	/* FTS5 frees it with the query (and calls bm25_free itself when
	 * it cannot keep it) */
	*rc = api->xSetAuxdata(fts, q, bm25_free);
	return *rc == SQLITE_OK ? q : NULL;
}

static void gk_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
		    sqlite3_context *ctx, int nargs, sqlite3_value **args)
{
	struct search_scan *sc;
	const struct search_doc *d;
	struct bm25_query *q;
	int64_t rowid = api->xRowid(fts);
	int rc = SQLITE_OK, ninst = 0;
	double score = 0.0, norm;

	sc = nargs == 1 ? sqlite3_value_pointer(args[0], SEARCH_SCAN_POINTER) :
		NULL;
	if (!sc) {
		sqlite3_result_error(ctx, "gk_rank: no search", -1);
		return;
	}
	d = search_docs_get(sc->docs, rowid);
	if (!d || !search_scan_admits(sc, d, rowid)) {
		sqlite3_result_null(ctx);
		return;
	}
	q = bm25_query(api, fts, sc, &rc);
	if (q)
		rc = api->xInstCount(fts, &ninst);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	memset(q->freq, 0, (size_t)q->nphrase * sizeof(double));
	for (int i = 0; i < ninst && rc == SQLITE_OK; i++) {
		int phrase, col, off;

		rc = api->xInst(fts, i, &phrase, &col, &off);
		if (rc == SQLITE_OK && phrase >= 0 && phrase < q->nphrase &&
		    col >= 0 && (size_t)col < NCOLUMNS)
			q->freq[phrase] += column_weight[col];
	}
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	norm = K1 * (1.0 - B + B * (double)d->len / q->avgdl);
	for (int i = 0; i < q->nphrase; i++)
		score += q->idf[i] * (q->freq[i] * (K1 + 1.0)) /
			(q->freq[i] + norm);
	sqlite3_result_double(ctx, -score);
}

int search_rank_register(sqlite3 *db)
{
	fts5_api *api = search_fts5_api(db);

	return api && api->xCreateFunction(api, "gk_rank", NULL, gk_rank,
					   NULL) == SQLITE_OK ? 0 : -1;
}
