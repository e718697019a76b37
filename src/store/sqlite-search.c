/* sqlite-search.c: the SQLite implementation of store-search.h — the
 * FTS5 index of records and catalog items, kept in step with every write,
 * and the searches over it (conventions in sqlite-int.h)
 *
 * Ranking is FTS5's BM25 with the title weighted 10, the body 1 and the
 * other fields (文号, 发布机构, element values, attachment names; for items
 * 依据 and 主体) 3, and a gentle boost for records published recently.
 * Searches are built per filter shape (as record lists are) so that the
 * planner can use the indexes.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite-int.h"
#include "../util/buf.h"

enum sstmt {
	S_RECORD,
	S_ATTS,
	S_FTS_DELETE,
	S_FTS_INSERT,
	S_DOC_DELETE,
	S_DOC_PUT,
	S_CATALOG,
	S_ITEMS,
	S_CATALOG_ITEMS_OF,
	S_CLEAR_FTS,
	S_CLEAR_DOCS,
	S_ALL_RECORDS,
	S_ALL_CATALOGS,
	S_SIZE,
	S__MAX
};
_Static_assert(SLOTS_SEARCH + S__MAX <= STORE_MORE_STMTS, "too many statements");

static const char *const ssql[S__MAX] = {
	[S_RECORD] = "SELECT title, body_md, doc_no, publisher, elements, "
		"region_code, domain_id, unit_id, lineage, published_on, validity, "
		"status = 'published' AND disclosure = 'active' AND deleted_at IS NULL "
		"FROM records WHERE id = ?",
	[S_ATTS] = "SELECT name FROM attachments WHERE record_id = ?",
	[S_FTS_DELETE] = "DELETE FROM search_fts WHERE rowid = ?",
	[S_FTS_INSERT] = "INSERT INTO search_fts (rowid, title, body, meta) "
		"VALUES (?, ?, ?, ?)",
	[S_DOC_DELETE] = "DELETE FROM search_docs WHERE fts_rowid = ?",
	[S_DOC_PUT] = "INSERT INTO search_docs (fts_rowid, kind, ref_id, "
		"region_code, domain_id, unit_id, lineage, year, validity, public, "
		"day, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		"ON CONFLICT (fts_rowid) DO UPDATE SET region_code = "
		"excluded.region_code, domain_id = excluded.domain_id, unit_id = "
		"excluded.unit_id, lineage = excluded.lineage, year = excluded.year, "
		"validity = excluded.validity, public = excluded.public, day = "
		"excluded.day, title = excluded.title",
	[S_CATALOG] = "SELECT c.region_code, c.domain_id, c.status = 'published' "
		"AND c.id = (SELECT c2.id FROM catalogs c2 WHERE c2.region_code = "
		"c.region_code AND c2.domain_id = c.domain_id AND c2.status = "
		"'published' ORDER BY c2.published_at DESC, c2.id DESC LIMIT 1) "
		"FROM catalogs c WHERE c.id = ?",
	[S_ITEMS] = "SELECT id, name, elements, basis, subject, time_limit, "
		"service_name, lineage FROM items WHERE catalog_id = ? AND level >= 2",
	[S_CATALOG_ITEMS_OF] = "SELECT i.id FROM items i JOIN catalogs c ON "
		"c.id = i.catalog_id WHERE c.region_code = ? AND c.domain_id = ?",
	[S_CLEAR_FTS] = "DELETE FROM search_fts",
	[S_CLEAR_DOCS] = "DELETE FROM search_docs",
	[S_ALL_RECORDS] = "SELECT id FROM records ORDER BY id",
	[S_ALL_CATALOGS] = "SELECT id FROM catalogs WHERE status = 'published' "
		"ORDER BY id",
	[S_SIZE] = "SELECT (SELECT COUNT(*) FROM search_docs)",
};

static sqlite3_stmt *sprep(struct store *s, enum sstmt id)
{
	return prep_sql(s, SLOTS_SEARCH + id, ssql[id]);
}

/* The values of a record's elements JSON, one per line. */
static void element_values(const char *json, struct buf *out)
{
	json_t *arr = json ? json_loads(json, 0, NULL) : NULL;
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v) {
		const char *t = json_string_value(json_object_get(v, "v"));

		if (t && *t) {
			buf_adds(out, t);
			buf_addch(out, '\n');
		}
	}
	json_decref(arr);
}

static void element_texts(const char *json, struct buf *out)
{
	json_t *arr = json ? json_loads(json, 0, NULL) : NULL;
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v) {
		const char *t = json_string_value(json_object_get(v, "t"));

		if (t && *t) {
			buf_adds(out, t);
			buf_addch(out, '\n');
		}
	}
	json_decref(arr);
}

static enum store_rc remove_row(struct store *s, int64_t rowid,
				struct errors *err)
{
	sqlite3_stmt *st = sprep(s, S_FTS_DELETE);
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, rowid);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc != STORE_OK)
		return rc;
	st = sprep(s, S_DOC_DELETE);
	sqlite3_bind_int64(st, 1, rowid);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

static enum store_rc insert_row(struct store *s, int64_t rowid,
				const char *title, const char *body,
				const char *meta, struct errors *err)
{
	sqlite3_stmt *st = sprep(s, S_FTS_INSERT);
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, rowid);
	bind_text(st, 2, title);
	bind_text(st, 3, body);
	bind_text(st, 4, meta);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_search_sync_record(struct store *s, int64_t id,
				       struct errors *err)
{
	sqlite3_stmt *st = sprep(s, S_RECORD);
	struct arena a = ARENA_INIT;
	struct buf meta = BUF_INIT;
	int64_t rowid = id * 2;
	const char *title, *body, *region, *lineage, *day, *validity;
	int64_t domain, unit;
	int pub, year;
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		rc = remove_row(s, rowid, err);
		goto out;
	}
	title = col_text0(st, 0, &a);
	body = col_text0(st, 1, &a);
	buf_adds(&meta, (const char *)sqlite3_column_text(st, 2));
	buf_addch(&meta, '\n');
	buf_adds(&meta, (const char *)sqlite3_column_text(st, 3));
	buf_addch(&meta, '\n');
	element_values((const char *)sqlite3_column_text(st, 4), &meta);
	region = col_text0(st, 5, &a);
	domain = sqlite3_column_int64(st, 6);
	unit = sqlite3_column_int64(st, 7);
	lineage = col_text0(st, 8, &a);
	day = col_text0(st, 9, &a);
	validity = col_text0(st, 10, &a);
	pub = sqlite3_column_int(st, 11);
	sqlite3_reset(st);
	year = atoi(day);

	st = sprep(s, S_ATTS);
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		buf_adds(&meta, (const char *)sqlite3_column_text(st, 0));
		buf_addch(&meta, '\n');
	}
	sqlite3_reset(st);

	if ((rc = remove_row(s, rowid, err)) != STORE_OK ||
	    (rc = insert_row(s, rowid, title, body, meta.buf, err)) != STORE_OK)
		goto out;
	st = sprep(s, S_DOC_PUT);
	sqlite3_bind_int64(st, 1, rowid);
	bind_text(st, 2, "record");
	sqlite3_bind_int64(st, 3, id);
	bind_text(st, 4, region);
	sqlite3_bind_int64(st, 5, domain);
	sqlite3_bind_int64(st, 6, unit);
	bind_text(st, 7, lineage);
	if (year > 0)
		sqlite3_bind_int(st, 8, year);
	bind_text(st, 9, validity);
	sqlite3_bind_int(st, 10, pub);
	bind_text(st, 11, day);
	bind_text(st, 12, title);
	rc = run(s, st, err);
	sqlite3_reset(st);
out:
	buf_release(&meta);
	arena_release(&a);
	return rc;
}

/* Index (or, when 'keep' is false, remove) the items of catalog 'cat'. */
static enum store_rc sync_items(struct store *s, int64_t cat, bool keep,
				const char *region, int64_t domain,
				struct errors *err)
{
	sqlite3_stmt *st = sprep(s, S_ITEMS);
	struct arena a = ARENA_INIT;
	struct {
		int64_t id;
		const char *name, *elements, *basis, *subject, *tl, *service,
			*lineage;
	} *v = NULL;
	size_t n = 0, cap = 0;
	enum store_rc rc = STORE_OK;

	sqlite3_bind_int64(st, 1, cat);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			void *bigger;

			cap = cap ? 2 * cap : 64;
			bigger = arena_alloc(&a, cap * sizeof(*v));
			if (n)
				memcpy(bigger, v, n * sizeof(*v));
			v = bigger;
		}
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].name = col_text0(st, 1, &a);
		v[n].elements = col_text0(st, 2, &a);
		v[n].basis = col_text0(st, 3, &a);
		v[n].subject = col_text0(st, 4, &a);
		v[n].tl = col_text0(st, 5, &a);
		v[n].service = col_text0(st, 6, &a);
		v[n].lineage = col_text0(st, 7, &a);
		n++;
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < n && rc == STORE_OK; i++) {
		int64_t rowid = v[i].id * 2 + 1;
		struct buf body = BUF_INIT, meta = BUF_INIT;

		rc = remove_row(s, rowid, err);
		if (rc == STORE_OK && keep) {
			element_texts(v[i].elements, &body);
			buf_adds(&body, v[i].basis);
			buf_addf(&meta, "%s\n%s\n%s", v[i].subject, v[i].tl,
				 v[i].service);
			rc = insert_row(s, rowid, v[i].name, body.buf, meta.buf, err);
			if (rc == STORE_OK) {
				st = sprep(s, S_DOC_PUT);
				sqlite3_bind_int64(st, 1, rowid);
				bind_text(st, 2, "item");
				sqlite3_bind_int64(st, 3, v[i].id);
				bind_text(st, 4, region);
				sqlite3_bind_int64(st, 5, domain);
				bind_text(st, 7, v[i].lineage);
				sqlite3_bind_int(st, 10, 1);
				bind_text(st, 11, "");
				bind_text(st, 12, v[i].name);
				rc = run(s, st, err);
				sqlite3_reset(st);
			}
		}
		buf_release(&body);
		buf_release(&meta);
	}
	arena_release(&a);
	return rc;
}

enum store_rc store_search_sync_catalog(struct store *s, int64_t id,
					struct errors *err)
{
	sqlite3_stmt *st = sprep(s, S_CATALOG);
	struct arena a = ARENA_INIT;
	const char *region;
	int64_t domain, *others = NULL;
	size_t nothers = 0, cap = 0;
	bool newest;
	enum store_rc rc = STORE_OK;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		arena_release(&a);
		return STORE_NOTFOUND;
	}
	region = col_text0(st, 0, &a);
	domain = sqlite3_column_int64(st, 1);
	newest = sqlite3_column_int(st, 2) != 0;
	sqlite3_reset(st);
	if (!newest) {
		rc = sync_items(s, id, false, region, domain, err);
		goto out;
	}
	/* only the newest published version of a region's domain is found:
	 * drop the items of every other catalog of it, then index this one */
	st = sprep(s, S_CATALOG_ITEMS_OF);
	bind_text(st, 1, region);
	sqlite3_bind_int64(st, 2, domain);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nothers == cap) {
			int64_t *bigger;

			cap = cap ? 2 * cap : 64;
			bigger = arena_alloc(&a, cap * sizeof(*bigger));
			if (nothers)
				memcpy(bigger, others, nothers * sizeof(*others));
			others = bigger;
		}
		others[nothers++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < nothers && rc == STORE_OK; i++)
		rc = remove_row(s, others[i] * 2 + 1, err);
	if (rc == STORE_OK)
		rc = sync_items(s, id, true, region, domain, err);
out:
	arena_release(&a);
	return rc;
}

static enum store_rc ids_of(struct store *s, enum sstmt which, struct arena *a,
			    int64_t **out, size_t *n)
{
	sqlite3_stmt *st = sprep(s, which);
	int64_t *v = NULL;
	size_t cnt = 0, cap = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == cap) {
			int64_t *bigger;

			cap = cap ? 2 * cap : 1024;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (cnt)
				memcpy(bigger, v, cnt * sizeof(*v));
			v = bigger;
		}
		v[cnt++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return STORE_OK;
}

enum store_rc store_search_reindex(struct store *s,
				   void (*progress)(void *arg, int64_t done,
						    int64_t total),
				   void *arg, struct errors *err)
{
	struct arena a = ARENA_INIT;
	int64_t *recs, *cats;
	size_t nrecs, ncats;
	enum store_rc rc;

	if ((rc = store_begin(s, err)) != STORE_OK)
		return rc;
	if ((rc = run(s, sprep(s, S_CLEAR_FTS), err)) != STORE_OK ||
	    (rc = run(s, sprep(s, S_CLEAR_DOCS), err)) != STORE_OK)
		goto fail;
	ids_of(s, S_ALL_RECORDS, &a, &recs, &nrecs);
	ids_of(s, S_ALL_CATALOGS, &a, &cats, &ncats);
	for (size_t i = 0; i < nrecs; i++) {
		if ((rc = store_search_sync_record(s, recs[i], err)) != STORE_OK)
			goto fail;
		if (progress && (i % 1000 == 0 || i + 1 == nrecs))
			progress(arg, (int64_t)i + 1, (int64_t)(nrecs + ncats));
	}
	for (size_t i = 0; i < ncats; i++) {
		rc = store_search_sync_catalog(s, cats[i], err);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			goto fail;
		if (progress)
			progress(arg, (int64_t)(nrecs + i + 1),
				 (int64_t)(nrecs + ncats));
	}
	arena_release(&a);
	return store_commit(s, err);
fail:
	store_rollback(s);
	arena_release(&a);
	return rc == STORE_OK ? STORE_ERROR : rc;
}

enum store_rc store_search_size(struct store *s, int64_t *rows, int64_t *bytes)
{
	sqlite3_stmt *st = sprep(s, S_SIZE);
	sqlite3_stmt *q;

	*rows = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	*bytes = 0;
	/* dbstat may be missing from a build of SQLite: then 0 */
	if (sqlite3_prepare_v2(s->db, "SELECT SUM(pgsize) FROM dbstat WHERE "
			       "name LIKE 'search_%'", -1, &q, NULL) == SQLITE_OK) {
		if (sqlite3_step(q) == SQLITE_ROW)
			*bytes = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	return STORE_OK;
}

/* --- searching --- */

/* The WHERE conditions of a search's filter shape (bits of 'mask'). */
static const char *const conds[] = {
	"AND d.public = 1 ",				/* 1 */
	"AND d.unit_id = :unit ",			/* 2 */
	"AND d.region_code LIKE :region || '%' ",	/* 4 */
	"AND d.domain_id = :domain ",			/* 8 */
	"AND d.lineage = :lineage ",			/* 16 */
	"AND d.year >= :yfrom ",			/* 32 */
	"AND d.year <= :yto ",				/* 64 */
	"AND d.validity = :validity ",			/* 128 */
	"AND d.kind = :kind ",				/* 256 */
};
#define NCONDS (sizeof(conds) / sizeof(conds[0]))

static unsigned mask_of(const struct search_params *p)
{
	return (unsigned)p->public_only | (p->unit_id != 0) << 1 |
		(p->region != NULL) << 2 | (p->domain_id != 0) << 3 |
		(p->lineage != NULL) << 4 | (p->year_from > 0) << 5 |
		(p->year_to > 0) << 6 | (p->validity >= 0) << 7 |
		(p->kind != SEARCH_ANY) << 8;
}

enum purpose { P_HITS, P_COUNT, P_FACET_REGION, P_FACET_DOMAIN, P_FACET_UNIT,
	       P_FACET_YEAR, P__MAX };

static sqlite3_stmt *search_stmt(struct store *s, const struct search_params *p,
				 enum purpose what, struct errors *err)
{
	static const char *const validity[] = { "valid", "expired", "repealed" };
	unsigned mask = mask_of(p);
	/* one cached statement per filter shape, purpose and (for hits)
	 * order: the SQL differs only by those */
	int slot = ((int)mask * P__MAX + what) * 2 +
		(what == P_HITS && p->order == SEARCH_BY_DATE);
	sqlite3_stmt *st = s->searches[slot];
	struct buf sql = BUF_INIT;

	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		goto bind;
	}
	switch (what) {
	case P_HITS:
		buf_adds(&sql, "SELECT d.kind, d.ref_id, d.title, d.region_code, "
			 "d.domain_id, d.unit_id, d.day, bm25(search_fts, 10.0, 1.0, "
			 "3.0) AS score, highlight(search_fts, 0, char(2), char(3)), "
			 "snippet(search_fts, 1, char(2), char(3), '…', 24) ");
		break;
	case P_COUNT:
		buf_adds(&sql, "SELECT COUNT(*) ");
		break;
	case P_FACET_REGION:
		buf_adds(&sql, "SELECT d.region_code, COUNT(*) ");
		break;
	case P_FACET_DOMAIN:
		buf_adds(&sql, "SELECT d.domain_id, COUNT(*) ");
		break;
	case P_FACET_UNIT:
		buf_adds(&sql, "SELECT d.unit_id, COUNT(*) ");
		break;
	case P_FACET_YEAR:
		buf_adds(&sql, "SELECT d.year, COUNT(*) ");
		break;
	case P__MAX:
		break;
	}
	buf_adds(&sql, "FROM search_fts JOIN search_docs d ON d.fts_rowid = "
		 "search_fts.rowid WHERE search_fts MATCH :match ");
	for (size_t i = 0; i < NCONDS; i++)
		if (mask & (1u << i))
			buf_adds(&sql, conds[i]);
	switch (what) {
	case P_HITS:
		if (p->order == SEARCH_BY_DATE)
			buf_adds(&sql, "ORDER BY d.day DESC, score LIMIT :limit "
				 "OFFSET :offset");
		else
			buf_adds(&sql, "ORDER BY score * (CASE WHEN d.day >= :recent "
				 "THEN 1.15 ELSE 1.0 END) LIMIT :limit OFFSET :offset");
		break;
	case P_FACET_REGION:
	case P_FACET_DOMAIN:
	case P_FACET_UNIT:
	case P_FACET_YEAR:
		buf_adds(&sql, "GROUP BY 1 ORDER BY 2 DESC LIMIT 50");
		break;
	default:
		break;
	}
	if (sqlite3_prepare_v3(s->db, sql.buf, -1, SQLITE_PREPARE_PERSISTENT,
			       &s->searches[slot], NULL) != SQLITE_OK) {
		errors_addf(err, "搜索失败：%s", sqlite3_errmsg(s->db));
		buf_release(&sql);
		return NULL;
	}
	buf_release(&sql);
	st = s->searches[slot];
bind:
#define BIND_TEXT(name, v) bind_text(st, sqlite3_bind_parameter_index(st, name), v)
#define BIND_INT(name, v) sqlite3_bind_int64(st, \
		sqlite3_bind_parameter_index(st, name), v)
	BIND_TEXT(":match", p->match);
	if (mask & 2)
		BIND_INT(":unit", p->unit_id);
	if (mask & 4)
		BIND_TEXT(":region", p->region);
	if (mask & 8)
		BIND_INT(":domain", p->domain_id);
	if (mask & 16)
		BIND_TEXT(":lineage", p->lineage);
	if (mask & 32)
		BIND_INT(":yfrom", p->year_from);
	if (mask & 64)
		BIND_INT(":yto", p->year_to);
	if (mask & 128)
		BIND_TEXT(":validity", validity[p->validity % 3]);
	if (mask & 256)
		BIND_TEXT(":kind", p->kind == SEARCH_RECORDS ? "record" : "item");
	if (what == P_HITS) {
		BIND_INT(":limit", p->limit > 0 ? p->limit : 20);
		BIND_INT(":offset", p->offset > 0 ? p->offset : 0);
		BIND_TEXT(":recent", p->recent_since ? p->recent_since : "9999");
	}
#undef BIND_TEXT
#undef BIND_INT
	return st;
}

static enum store_rc facet(struct store *s, const struct search_params *p,
			   enum purpose what, struct arena *a,
			   struct search_facet **out, size_t *n,
			   struct errors *err)
{
	sqlite3_stmt *st = search_stmt(s, p, what, err);
	struct search_facet *v;
	size_t cnt = 0;

	*out = NULL;
	*n = 0;
	if (!st)
		return STORE_ERROR;
	v = arena_alloc(a, 50 * sizeof(*v));
	while (sqlite3_step(st) == SQLITE_ROW && cnt < 50) {
		if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			continue;
		v[cnt].key = col_text0(st, 0, a);
		v[cnt].count = sqlite3_column_int64(st, 1);
		cnt++;
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return STORE_OK;
}

enum store_rc store_search(struct store *s, const struct search_params *p,
			   struct arena *a, struct search_hit **hits,
			   size_t *n, int64_t *total, struct search_facets *facets,
			   struct errors *err)
{
	sqlite3_stmt *st;
	struct search_hit *v = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*hits = NULL;
	*n = 0;
	*total = 0;
	st = search_stmt(s, p, P_COUNT, err);
	if (!st)
		return STORE_ERROR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		errors_addf(err, "搜索失败：查询无法执行");
		return STORE_ERROR;
	}
	st = search_stmt(s, p, P_HITS, err);
	if (!st)
		return STORE_ERROR;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == cap) {
			struct search_hit *bigger;

			cap = cap ? 2 * cap : 32;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (cnt)
				memcpy(bigger, v, cnt * sizeof(*v));
			v = bigger;
		}
		v[cnt].kind = !strcmp((const char *)sqlite3_column_text(st, 0),
				      "record") ? SEARCH_RECORDS : SEARCH_ITEMS;
		v[cnt].ref_id = sqlite3_column_int64(st, 1);
		v[cnt].title = col_text0(st, 2, a);
		v[cnt].region_code = col_text0(st, 3, a);
		v[cnt].domain_id = sqlite3_column_int64(st, 4);
		v[cnt].unit_id = sqlite3_column_int64(st, 5);
		v[cnt].day = col_text0(st, 6, a);
		v[cnt].score = sqlite3_column_double(st, 7);
		v[cnt].title_marked = col_text0(st, 8, a);
		v[cnt].snippet = col_text0(st, 9, a);
		cnt++;
	}
	sqlite3_reset(st);
	*hits = v;
	*n = cnt;
	if (facets) {
		memset(facets, 0, sizeof(*facets));
		if (facet(s, p, P_FACET_REGION, a, &facets->region,
			  &facets->nregion, err) != STORE_OK ||
		    facet(s, p, P_FACET_DOMAIN, a, &facets->domain,
			  &facets->ndomain, err) != STORE_OK ||
		    facet(s, p, P_FACET_UNIT, a, &facets->unit, &facets->nunit,
			  err) != STORE_OK ||
		    facet(s, p, P_FACET_YEAR, a, &facets->year, &facets->nyear,
			  err) != STORE_OK)
			return STORE_ERROR;
	}
	return STORE_OK;
}
