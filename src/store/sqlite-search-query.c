/* sqlite-search-query.c: the SQLite implementation of store_search()
 * (store-search.h) — searches over the FTS5 index that sqlite-search.c
 * keeps in step with the data (conventions in sqlite-int.h)
 *
 * A search reads the matching rows once: one statement walks FTS5's
 * matches, gk_rank() (sqlite-search-rank.c) drops what the filters exclude
 * and scores the rest, and C code counts them, tallies the four facets
 * from the in-memory copy of search_docs (sqlite-search-docs.c) and keeps
 * the best offset + limit rows in a heap.  Only the rows of the page then
 * get their highlighted title and snippet, each by a second MATCH
 * restricted to its rowid.  (In plain SQL, SQLite would compute
 * highlight() and snippet() for every match before sorting, seek
 * search_docs and FTS5's docsize table for every match, and run the MATCH
 * once more per facet: several times slower for a common word.)
 *
 * Order by relevance: the BM25 score, multiplied by 1.15 — a gentle boost
 * — for records published on or after params.recent_since; ties go to the
 * newer row.  By date: 发布日期 descending, then that score.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite-search-rank.h"
#include "../search/tokenizer.h"
#include "../util/buf.h"

enum { SCAN_SLOT, DETAIL_SLOT };

static const char scan_sql[] =
	"SELECT rowid, gk_rank(search_fts, :scan) FROM search_fts WHERE "
	"search_fts MATCH :match";

/* The page's rows: title, snippet and what a hit shows. */
static const char detail_sql[] =
	"SELECT d.kind, d.ref_id, d.title, d.region_code, d.domain_id, "
	"d.unit_id, d.day, highlight(search_fts, 0, char(2), char(3)), "
	"snippet(search_fts, 1, char(2), char(3), '…', 24) FROM search_fts "
	"JOIN search_docs d ON d.fts_rowid = search_fts.rowid WHERE search_fts "
	"MATCH :match AND search_fts.rowid = :rowid";

static sqlite3_stmt *prepared(struct store *s, unsigned slot,
			      const char *sql, struct errors *err)
{
	sqlite3_stmt *st = s->searches[slot];

	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &s->searches[slot], NULL) != SQLITE_OK) {
		errors_addf(err, "搜索失败：%s", sqlite3_errmsg(s->db));
		return NULL;
	}
	return s->searches[slot];
}

/* --- the best rows: a bounded heap, worst on top --- */

struct ranked {
	int64_t rowid;
	double score;		/* BM25 with the boost: lower is better */
	int day;		/* YYYYMMDD, 0 when unknown */
};

struct best {
	struct ranked *v;
	size_t n, cap;
	bool by_date;
};

/* Whether 'x' ranks before 'y'. */
static bool before(const struct best *b, const struct ranked *x,
		   const struct ranked *y)
{
	if (b->by_date && x->day != y->day)
		return x->day > y->day;
	if (x->score != y->score)
		return x->score < y->score;
	return x->rowid > y->rowid;	/* newer rows first */
}

static void sift_down(struct best *b, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;

		/* the heap's top is the row every other ranks before */
		if (l < b->n && before(b, &b->v[w], &b->v[l]))
			w = l;
		if (r < b->n && before(b, &b->v[w], &b->v[r]))
			w = r;
		if (w == i)
			return;
		struct ranked t = b->v[i];
		b->v[i] = b->v[w];
		b->v[w] = t;
		i = w;
	}
}

static void best_offer(struct best *b, const struct ranked *r)
{
	if (b->cap == 0)
		return;
	if (b->n < b->cap) {
		size_t i = b->n++;

		b->v[i] = *r;
		while (i > 0) {
			size_t up = (i - 1) / 2;

			if (!before(b, &b->v[up], &b->v[i]))
				break;
			struct ranked t = b->v[i];
			b->v[i] = b->v[up];
			b->v[up] = t;
			i = up;
		}
		return;
	}
	if (!before(b, r, &b->v[0]))
		return;
	b->v[0] = *r;
	sift_down(b, 0);
}

static int by_score(const void *x, const void *y)
{
	static const struct best ctx = { .by_date = false };

	return before(&ctx, x, y) ? -1 : before(&ctx, y, x) ? 1 : 0;
}

static int by_day(const void *x, const void *y)
{
	static const struct best ctx = { .by_date = true };

	return before(&ctx, x, y) ? -1 : before(&ctx, y, x) ? 1 : 0;
}

/* --- facet tallies: small open-addressing tables --- */

struct tally_slot {
	int64_t key;
	int64_t count;		/* 0: the slot is free */
};

struct tally {
	struct tally_slot *v;
	size_t n, cap;		/* cap: 0 or a power of two */
};

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/* The slot of 'key', free if it is not there. */
static struct tally_slot *tally_slot(struct tally *t, int64_t key)
{
	for (size_t j = mix64((uint64_t)key) & (t->cap - 1);;
	     j = (j + 1) & (t->cap - 1)) {
		struct tally_slot *e = &t->v[j];

		if (!e->count || e->key == key)
			return e;
	}
}

/* Count one row under 'key'. */
static void tally_add(struct tally *t, int64_t key, struct arena *a)
{
	struct tally_slot *e;

	if (4 * (t->n + 1) > 3 * t->cap) {
		struct tally old = *t;

		t->cap = old.cap ? 2 * old.cap : 64;
		t->v = arena_alloc(a, t->cap * sizeof(*t->v));
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i].count)
				*tally_slot(t, old.v[i].key) = old.v[i];
	}
	e = tally_slot(t, key);
	if (!e->count) {
		e->key = key;
		t->n++;
	}
	e->count++;
}

static int by_count(const void *x, const void *y)
{
	const struct search_facet *a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* The 50 largest of 'v' (in 'a'), largest first, ties by key. */
static void facet_top(struct search_facet *v, size_t cnt,
		      struct search_facet **out, size_t *n)
{
	qsort(v, cnt, sizeof(*v), by_count);
	*out = v;
	*n = cnt < 50 ? cnt : 50;
}

/* A tally's counts as facets in 'a' (integer keys as text). */
static void tally_top(const struct tally *t, struct arena *a,
		      struct search_facet **out, size_t *n)
{
	struct search_facet *v = arena_alloc(a, (t->n + 1) * sizeof(*v));
	size_t cnt = 0;

	for (size_t i = 0; i < t->cap; i++)
		if (t->v[i].count) {
			v[cnt].key = arena_printf(a, "%lld",
						  (long long)t->v[i].key);
			v[cnt].count = t->v[i].count;
			cnt++;
		}
	facet_top(v, cnt, out, n);
}

/* --- the MATCH --- */

/* Whether 's' is all ASCII digits (and not empty). */
static bool digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* ' AND tags : "<mark>r430104"' and the like (tokenizer.h, "Tags"). */
static void add_tag(struct buf *m, int *ntags, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add_tag(struct buf *m, int *ntags, const char *fmt, ...)
{
	va_list ap;

	buf_addf(m, " AND tags : \"%c", SEARCH_TAGS_MARK);
	va_start(ap, fmt);
	buf_vaddf(m, fmt, ap);
	va_end(ap);
	buf_addch(m, '"');
	(*ntags)++;
}

/* The users' expression kept to the text columns; then, joined by AND,
 * the tags of the filters that have them (sqlite-search.c, row_tags()),
 * so that FTS5 walks only the rows that can pass.  The filters are still
 * applied row by row (search_scan_admits()): the tags only narrow.
 * '*text_only' is the first part alone. */
static const char *full_match(const struct search_params *p, struct arena *a,
			      const char **text_only, int *ntags)
{
	static const size_t cut[] = { 2, 4, 6, 9, 12 };
	struct buf m = BUF_INIT;
	const char *out;

	*ntags = 0;
	buf_addf(&m, "{title body meta} : (%s)", p->match);
	*text_only = arena_strdup(a, m.buf);
	if (p->region && digits(p->region))
		for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++)
			if (strlen(p->region) == cut[i])
				add_tag(&m, ntags, "r%s", p->region);
	if (p->domain_id > 0)
		add_tag(&m, ntags, "d%lld", (long long)p->domain_id);
	if (p->unit_id > 0)
		add_tag(&m, ntags, "u%lld", (long long)p->unit_id);
	if (p->year_from > 0 && p->year_to >= p->year_from &&
	    p->year_to - p->year_from < 20) {
		/* a phrase per year of the range, any of them */
		buf_adds(&m, " AND (");
		for (int y = p->year_from; y <= p->year_to; y++) {
			buf_addf(&m, "%stags : \"%cy%d\"", y > p->year_from ?
				 " OR " : "", SEARCH_TAGS_MARK, y);
			(*ntags)++;
		}
		buf_addch(&m, ')');
	}
	out = arena_strdup(a, m.buf);
	buf_release(&m);
	return out;
}

/* --- the search --- */

/* The page's rows, 'best' sorted, from 'offset' on. */
static enum store_rc page_rows(struct store *s, const char *match,
			       const struct ranked *v, size_t n, struct arena *a,
			       struct search_hit *out, size_t *got,
			       struct errors *err)
{
	sqlite3_stmt *st = prepared(s, DETAIL_SLOT, detail_sql, err);

	*got = 0;
	if (!st)
		return STORE_ERROR;
	for (size_t i = 0; i < n; i++) {
		struct search_hit *h = &out[*got];

		sqlite3_reset(st);
		bind_text(st, 1, match);
		sqlite3_bind_int64(st, 2, v[i].rowid);
		if (sqlite3_step(st) != SQLITE_ROW)
			continue;	/* cannot happen within one read */
		h->kind = !strcmp((const char *)sqlite3_column_text(st, 0),
				  "record") ? SEARCH_RECORDS : SEARCH_ITEMS;
		h->ref_id = sqlite3_column_int64(st, 1);
		h->title = col_text0(st, 2, a);
		h->region_code = col_text0(st, 3, a);
		h->domain_id = sqlite3_column_int64(st, 4);
		h->unit_id = sqlite3_column_int64(st, 5);
		h->day = col_text0(st, 6, a);
		h->score = v[i].score;
		h->title_marked = col_text0(st, 7, a);
		h->snippet = col_text0(st, 8, a);
		(*got)++;
	}
	sqlite3_reset(st);
	return STORE_OK;
}

enum store_rc store_search(struct store *s, const struct search_params *p,
			   struct arena *a, struct search_hit **hits,
			   size_t *n, int64_t *total, struct search_facets *facets,
			   struct errors *err)
{
	int64_t offset = p->offset > 0 ? p->offset : 0;
	int64_t limit = p->limit > 0 ? p->limit : 20;
	int recent = p->recent_since ?
		(int)search_docs_day(p->recent_since) : 0;
	struct best best = { .by_date = p->order == SEARCH_BY_DATE };
	struct tally domain = { 0 }, unit = { 0 }, year = { 0 };
	int64_t *by_region = NULL;
	struct search_scan scan = { .p = p };
	const char *match, *text_match;
	struct arena scratch;
	sqlite3_stmt *st;
	enum store_rc rc = STORE_OK;
	size_t nregions;
	int64_t rows = 0;
	int step;

	*hits = NULL;
	*n = 0;
	*total = 0;
	if (facets)
		memset(facets, 0, sizeof(*facets));
	arena_init(&scratch);
	/* one read: the copy of search_docs, the scan and the page's rows
	 * all see the same data */
	if (store_begin(s, err) != STORE_OK) {
		arena_release(&scratch);
		return STORE_ERROR;
	}
	scan.docs = scan.docs_rw = search_docs_current(s, err);
	if (!scan.docs || !(st = prepared(s, SCAN_SLOT, scan_sql, err))) {
		rc = STORE_ERROR;
		goto done;
	}
	nregions = search_docs_nregions(scan.docs);
	if (p->region) {
		size_t len = strlen(p->region);
		uint8_t *ok = arena_alloc(&scratch, nregions + 1);

		for (size_t i = 0; i < nregions; i++)
			ok[i] = !strncmp(search_docs_region(scan.docs,
							    (uint32_t)i),
					 p->region, len);
		scan.region_ok = ok;
	}
	if (p->lineage)
		scan.lineage = search_docs_lineage(scan.docs, p->lineage);
	if (facets)
		by_region = arena_alloc(&scratch, (nregions + 1) *
					sizeof(*by_region));
	best.cap = (size_t)(offset + limit);
	best.v = arena_alloc(&scratch, best.cap * sizeof(*best.v));
	match = full_match(p, &scratch, &text_match, &scan.ntags);
	bind_text(st, sqlite3_bind_parameter_index(st, ":match"), match);
	sqlite3_bind_pointer(st, sqlite3_bind_parameter_index(st, ":scan"),
			     &scan, SEARCH_SCAN_POINTER, NULL);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const struct search_doc *d;
		struct ranked r;

		rows++;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;	/* filtered out */
		r.rowid = sqlite3_column_int64(st, 0);
		d = search_docs_get(scan.docs, r.rowid);
		if (!d)
			continue;
		r.score = sqlite3_column_double(st, 1);
		r.day = (int)d->day;
		if (recent && r.day >= recent)
			r.score *= 1.15;
		best_offer(&best, &r);
		(*total)++;
		if (!facets)
			continue;
		by_region[d->region]++;
		if (d->domain_id)
			tally_add(&domain, d->domain_id, &scratch);
		if (d->unit_id)
			tally_add(&unit, d->unit_id, &scratch);
		if (d->year)
			tally_add(&year, d->year, &scratch);
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE) {
		errors_addf(err, "搜索失败：查询无法执行");
		rc = STORE_ERROR;
		goto done;
	}
	if (scan.idf_later) {
		/* one phrase: every row walked holds it */
		double idf = search_scan_idf(scan.nrow, rows);

		search_docs_df_put(scan.docs_rw, p->match, 0, rows);
		for (size_t i = 0; i < best.n; i++)
			best.v[i].score *= idf;
	}
	qsort(best.v, best.n, sizeof(*best.v), best.by_date ? by_day : by_score);
	if ((size_t)offset < best.n) {
		*hits = arena_alloc(a, (best.n - (size_t)offset) * sizeof(**hits));
		rc = page_rows(s, text_match, best.v + offset,
			       best.n - (size_t)offset, a, *hits, n, err);
	}
	if (rc == STORE_OK && facets) {
		struct search_facet *v = arena_alloc(a, (nregions + 1) *
						     sizeof(*v));
		size_t cnt = 0;

		for (size_t i = 0; i < nregions; i++)
			if (by_region[i]) {
				v[cnt].key = arena_strdup(a, search_docs_region(
					scan.docs, (uint32_t)i));
				v[cnt].count = by_region[i];
				cnt++;
			}
		facet_top(v, cnt, &facets->region, &facets->nregion);
		tally_top(&domain, a, &facets->domain, &facets->ndomain);
		tally_top(&unit, a, &facets->unit, &facets->nunit);
		tally_top(&year, a, &facets->year, &facets->nyear);
	}
done:
	if (rc == STORE_OK)
		rc = store_commit(s, err);
	else
		store_rollback(s);
	arena_release(&scratch);
	return rc;
}
