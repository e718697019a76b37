/* sqlite-search.c: the SQLite implementation of store-search.h — the
 * FTS5 index of records and catalog items, kept in step with every write
 * (searches over it are in sqlite-search-query.c; conventions in
 * sqlite-int.h)
 *
 * Each indexed row has three columns: the title, the body, and the other
 * fields (文号, 发布机构, element values, attachment names; for items 依据
 * and 主体), weighted differently by the ranking; search_docs carries
 * what searches filter and facet on.
 *
 * Bulk loads (gongkai demo --records N) switch the per-write sync off with
 * store_search_set_deferred() and rebuild once at the end: the rebuild
 * drops and recreates the FTS5 table from its own definition, reads the
 * records in one scan, lets FTS5 keep a large in-memory batch of terms,
 * builds search_docs' secondary indexes after its rows (and their
 * statistics, which searches' plans need), and merges the index into one
 * segment, all in one transaction.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite-int.h"
#include "../search/plaintext.h"
#include "../search/tokenizer.h"
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
	S_CLEAR_DOCS,
	S_COUNT_RECORDS,
	S_ALL_CATALOGS,
	S_SIZE,
	S_SCAN_RECORDS,
	S_DEFINITIONS,
	S_BUMP,
	S_GONE_PUT,
	S_GONE_CLEAR,
	S_GONE_DROP,
	S_NEW_EPOCH,
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
	[S_FTS_INSERT] = "INSERT INTO search_fts (rowid, title, body, meta, "
		"tags) VALUES (?, ?, ?, ?, ?)",
	[S_DOC_DELETE] = "DELETE FROM search_docs WHERE fts_rowid = ?",
	[S_DOC_PUT] = "INSERT INTO search_docs (fts_rowid, kind, ref_id, "
		"region_code, domain_id, unit_id, lineage, year, validity, public, "
		"day, title, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"(SELECT n FROM search_seq)) "
		"ON CONFLICT (fts_rowid) DO UPDATE SET region_code = "
		"excluded.region_code, domain_id = excluded.domain_id, unit_id = "
		"excluded.unit_id, lineage = excluded.lineage, year = excluded.year, "
		"validity = excluded.validity, public = excluded.public, day = "
		"excluded.day, title = excluded.title, seq = excluded.seq",
	[S_CATALOG] = "SELECT c.region_code, c.domain_id, c.status = 'published' "
		"AND c.id = (SELECT c2.id FROM catalogs c2 WHERE c2.region_code = "
		"c.region_code AND c2.domain_id = c.domain_id AND c2.status = "
		"'published' ORDER BY c2.published_at DESC, c2.id DESC LIMIT 1) "
		"FROM catalogs c WHERE c.id = ?",
	[S_ITEMS] = "SELECT id, name, elements, basis, subject, time_limit, "
		"service_name, lineage FROM items WHERE catalog_id = ? AND level >= 2",
	[S_CATALOG_ITEMS_OF] = "SELECT i.id FROM items i JOIN catalogs c ON "
		"c.id = i.catalog_id WHERE c.region_code = ? AND c.domain_id = ?",
	[S_CLEAR_DOCS] = "DELETE FROM search_docs",
	[S_COUNT_RECORDS] = "SELECT COUNT(*) FROM records",
	[S_ALL_CATALOGS] = "SELECT id FROM catalogs WHERE status = 'published' "
		"ORDER BY id",
	[S_SIZE] = "SELECT (SELECT COUNT(*) FROM search_docs)",
	/* S_RECORD's columns after the id, and the attachment names */
	[S_SCAN_RECORDS] = "SELECT r.id, r.title, r.body_md, r.doc_no, "
		"r.publisher, r.elements, r.region_code, r.domain_id, r.unit_id, "
		"r.lineage, r.published_on, r.validity, r.status = 'published' AND "
		"r.disclosure = 'active' AND r.deleted_at IS NULL, (SELECT "
		"group_concat(name, char(10)) FROM (SELECT name FROM attachments "
		"WHERE record_id = r.id ORDER BY seq)) FROM records r ORDER BY r.id",
	/* what a rebuild drops and creates again: the FTS5 table (dropping
	 * it is much faster than deleting its rows) and search_docs'
	 * secondary indexes (built after the rows are in) */
	/* the change numbers of 0008-search-changes.sql: one per sync */
	[S_BUMP] = "UPDATE search_seq SET n = n + 1",
	[S_GONE_PUT] = "INSERT INTO search_gone (fts_rowid, seq) VALUES (?, "
		"(SELECT n FROM search_seq)) ON CONFLICT (fts_rowid) DO UPDATE "
		"SET seq = excluded.seq",
	[S_GONE_CLEAR] = "DELETE FROM search_gone",
	[S_GONE_DROP] = "DELETE FROM search_gone WHERE fts_rowid = ?",
	[S_NEW_EPOCH] = "UPDATE search_seq SET n = n + 1, epoch = epoch + 1",
	[S_DEFINITIONS] = "SELECT type, name, sql FROM sqlite_master WHERE "
		"(type = 'table' AND name = 'search_fts') OR (type = 'index' AND "
		"tbl_name = 'search_docs' AND sql IS NOT NULL) ORDER BY type DESC, name",
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

/* Take a row's text out of search_fts (its search_docs row stays). */
static enum store_rc remove_text(struct store *s, int64_t rowid,
				 struct errors *err)
{
	sqlite3_stmt *st = sprep(s, S_FTS_DELETE);
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, rowid);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

/* Take a row out of the index altogether. */
static enum store_rc remove_row(struct store *s, int64_t rowid,
				struct errors *err)
{
	sqlite3_stmt *st;
	enum store_rc rc = remove_text(s, rowid, err);

	if (rc != STORE_OK)
		return rc;
	st = sprep(s, S_DOC_DELETE);
	sqlite3_bind_int64(st, 1, rowid);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc != STORE_OK || sqlite3_changes(s->db) == 0)
		return rc;
	/* searches' copies of search_docs learn that it left */
	st = sprep(s, S_GONE_PUT);
	sqlite3_bind_int64(st, 1, rowid);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

/* Put the search_docs row bound to 'st' (S_DOC_PUT) and forget that it
 * ever left. */
static enum store_rc put_doc(struct store *s, sqlite3_stmt *st, int64_t rowid,
			     struct errors *err)
{
	enum store_rc rc = run(s, st, err);

	sqlite3_reset(st);
	if (rc != STORE_OK)
		return rc;
	st = sprep(s, S_GONE_DROP);
	sqlite3_bind_int64(st, 1, rowid);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

/* A new change number for what a sync is about to write. */
static enum store_rc bump(struct store *s, struct errors *err)
{
	sqlite3_stmt *st = sprep(s, S_BUMP);
	enum store_rc rc = run(s, st, err);

	sqlite3_reset(st);
	return rc;
}

/* The tags of a row (tokenizer.h, "Tags"): its region and the regions
 * above it (codes cut at 2, 4, 6, 9 and 12 digits, as the region filter's
 * prefixes are), domain, year and unit; 0 for none.  Searches add them to
 * their MATCH (sqlite-search-query.c). */
static void row_tags(struct buf *b, const char *region, int64_t domain,
		     int year, int64_t unit)
{
	static const size_t cut[] = { 2, 4, 6, 9, 12 };
	size_t len = strlen(region);

	buf_addch(b, SEARCH_TAGS_MARK);
	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]) && cut[i] <= len; i++)
		buf_addf(b, " r%.*s", (int)cut[i], region);
	if (domain > 0)
		buf_addf(b, " d%lld", (long long)domain);
	if (year > 0)
		buf_addf(b, " y%d", year);
	if (unit > 0)
		buf_addf(b, " u%lld", (long long)unit);
}

/* Text for an indexed column: never read as tags. */
static const char *column_text(const char *t, struct buf *b)
{
	if (!t || t[0] != SEARCH_TAGS_MARK)
		return t;
	buf_addch(b, ' ');
	buf_adds(b, t);
	return b->buf;
}

static enum store_rc insert_row(struct store *s, int64_t rowid,
				const char *title, const char *body,
				const char *meta, const char *tags,
				struct errors *err)
{
	sqlite3_stmt *st = sprep(s, S_FTS_INSERT);
	struct buf safe[3] = { BUF_INIT, BUF_INIT, BUF_INIT };
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, rowid);
	bind_text(st, 2, column_text(title, &safe[0]));
	bind_text(st, 3, column_text(body, &safe[1]));
	bind_text(st, 4, column_text(meta, &safe[2]));
	bind_text(st, 5, tags);
	rc = run(s, st, err);
	sqlite3_reset(st);
	for (int i = 0; i < 3; i++)
		buf_release(&safe[i]);
	return rc;
}

/* --- deferred indexing --- */

/* The stores whose writes leave the index alone until a rebuild.  A store
 * has no room of its own for the flag (struct store is sqlite-int.h's), so
 * it is kept here; the count makes the usual case (none) one atomic load. */
#define MAX_DEFERRED 8
static pthread_mutex_t deferred_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store *deferred[MAX_DEFERRED];
static atomic_int ndeferred;

static bool is_deferred(struct store *s)
{
	bool found = false;

	if (atomic_load_explicit(&ndeferred, memory_order_acquire) == 0)
		return false;
	pthread_mutex_lock(&deferred_lock);
	for (int i = 0; i < MAX_DEFERRED && !found; i++)
		found = deferred[i] == s;
	pthread_mutex_unlock(&deferred_lock);
	return found;
}

bool store_search_set_deferred(struct store *s, bool on)
{
	int free_slot = -1, at = -1;

	pthread_mutex_lock(&deferred_lock);
	for (int i = 0; i < MAX_DEFERRED; i++) {
		if (deferred[i] == s)
			at = i;
		else if (!deferred[i] && free_slot < 0)
			free_slot = i;
	}
	if (on && at < 0) {
		if (free_slot < 0) {
			pthread_mutex_unlock(&deferred_lock);
			return false;
		}
		deferred[free_slot] = s;
		atomic_fetch_add_explicit(&ndeferred, 1, memory_order_release);
	} else if (!on && at >= 0) {
		deferred[at] = NULL;
		atomic_fetch_sub_explicit(&ndeferred, 1, memory_order_release);
	}
	pthread_mutex_unlock(&deferred_lock);
	return true;
}

/* --- records --- */

/* A record as the index sees it (S_RECORD's columns). */
struct indexed_record {
	int64_t id;
	const char *title, *body, *doc_no, *publisher, *elements, *region,
		*lineage, *day, *validity;
	int64_t domain, unit;
	int pub;
};

/* Write the index rows of 'r': its text and its search_docs row.  'atts'
 * holds the attachment names, each followed by a line end.  'fresh': the
 * row is known to be absent (a rebuild), so there is nothing to remove. */
static enum store_rc index_record(struct store *s, const struct indexed_record *r,
				  const char *atts, bool fresh, struct errors *err)
{
	struct buf meta = BUF_INIT, tags = BUF_INIT, body = BUF_INIT;
	int64_t rowid = r->id * 2;
	int year = atoi(r->day);
	sqlite3_stmt *st;
	enum store_rc rc;

	buf_adds(&meta, r->doc_no);
	buf_addch(&meta, '\n');
	buf_adds(&meta, r->publisher);
	buf_addch(&meta, '\n');
	element_values(r->elements, &meta);
	if (atts)
		buf_adds(&meta, atts);
	row_tags(&tags, r->region, r->domain, year, r->unit);
	/* the body as the page shows it, not its Markdown */
	markdown_plain_text(r->body, &body);
	if ((!fresh && (rc = remove_text(s, rowid, err)) != STORE_OK) ||
	    (rc = insert_row(s, rowid, r->title, body.buf ? body.buf : "",
			     meta.buf, tags.buf, err)) != STORE_OK)
		goto out;
	st = sprep(s, S_DOC_PUT);
	sqlite3_bind_int64(st, 1, rowid);
	bind_text(st, 2, "record");
	sqlite3_bind_int64(st, 3, r->id);
	bind_text(st, 4, r->region);
	sqlite3_bind_int64(st, 5, r->domain);
	sqlite3_bind_int64(st, 6, r->unit);
	bind_text(st, 7, r->lineage);
	if (year > 0)
		sqlite3_bind_int(st, 8, year);
	bind_text(st, 9, r->validity);
	sqlite3_bind_int(st, 10, r->pub);
	bind_text(st, 11, r->day);
	bind_text(st, 12, r->title);
	rc = put_doc(s, st, rowid, err);
out:
	buf_release(&meta);
	buf_release(&tags);
	buf_release(&body);
	return rc;
}

enum store_rc store_search_sync_record(struct store *s, int64_t id,
				       struct errors *err)
{
	sqlite3_stmt *st;
	struct arena a = ARENA_INIT;
	struct buf atts = BUF_INIT;
	struct indexed_record r;
	enum store_rc rc;

	if (is_deferred(s))
		return STORE_OK;
	if ((rc = bump(s, err)) != STORE_OK)
		return rc;
	st = sprep(s, S_RECORD);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		rc = remove_row(s, id * 2, err);
		goto out;
	}
	r.id = id;
	r.title = col_text0(st, 0, &a);
	r.body = col_text0(st, 1, &a);
	r.doc_no = col_text0(st, 2, &a);
	r.publisher = col_text0(st, 3, &a);
	r.elements = col_text0(st, 4, &a);
	r.region = col_text0(st, 5, &a);
	r.domain = sqlite3_column_int64(st, 6);
	r.unit = sqlite3_column_int64(st, 7);
	r.lineage = col_text0(st, 8, &a);
	r.day = col_text0(st, 9, &a);
	r.validity = col_text0(st, 10, &a);
	r.pub = sqlite3_column_int(st, 11);
	sqlite3_reset(st);

	st = sprep(s, S_ATTS);
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		buf_adds(&atts, (const char *)sqlite3_column_text(st, 0));
		buf_addch(&atts, '\n');
	}
	sqlite3_reset(st);
	rc = index_record(s, &r, atts.buf, false, err);
out:
	buf_release(&atts);
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
		struct buf body = BUF_INIT, meta = BUF_INIT, tags = BUF_INIT;

		rc = keep ? remove_text(s, rowid, err) :
			remove_row(s, rowid, err);
		if (rc == STORE_OK && keep) {
			element_texts(v[i].elements, &body);
			buf_adds(&body, v[i].basis);
			buf_addf(&meta, "%s\n%s\n%s", v[i].subject, v[i].tl,
				 v[i].service);
			row_tags(&tags, region, domain, 0, 0);
			rc = insert_row(s, rowid, v[i].name, body.buf, meta.buf,
					tags.buf, err);
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
				rc = put_doc(s, st, rowid, err);
			}
		}
		buf_release(&body);
		buf_release(&meta);
		buf_release(&tags);
	}
	arena_release(&a);
	return rc;
}

static enum store_rc sync_catalog(struct store *s, int64_t id,
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

enum store_rc store_search_sync_catalog(struct store *s, int64_t id,
					struct errors *err)
{
	enum store_rc rc;

	if (is_deferred(s))
		return STORE_OK;
	if ((rc = bump(s, err)) != STORE_OK)
		return rc;
	return sync_catalog(s, id, err);
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

/* FTS5 settings during a rebuild: a large in-memory batch of terms
 * before each write of a segment (the default is 1 MB), no merging while
 * the rows go in, then one merge into a single segment ('optimize').  The
 * settings are stored in the table, so they are set back afterwards. */
#define REBUILD_HASHSIZE (128 * 1024 * 1024)
#define DEFAULT_HASHSIZE (1024 * 1024)
#define DEFAULT_AUTOMERGE 4

static int fts_config(struct store *s, const char *key, int value,
		      struct errors *err)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "INSERT INTO search_fts (search_fts, rank) "
		 "VALUES ('%s', %d)", key, value);
	return exec_plain(s, sql, err);
}

/* Empty the index: drop search_fts and create it again from its stored
 * definition, empty search_docs and drop its secondary indexes, whose
 * definitions (to build them again) are left in *idx, *nidx. */
static enum store_rc clear_index(struct store *s, struct arena *a,
				 const char ***idx, size_t *nidx,
				 struct errors *err)
{
	sqlite3_stmt *st = sprep(s, S_DEFINITIONS);
	const char *fts = NULL, **defs, **names;
	size_t n = 0;
	enum store_rc rc = STORE_OK;

	defs = arena_alloc(a, 64 * sizeof(*defs));
	names = arena_alloc(a, 64 * sizeof(*names));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);

		if (!strcmp(type, "table"))
			fts = col_text0(st, 2, a);
		else if (n < 64) {
			names[n] = col_text0(st, 1, a);
			defs[n++] = col_text0(st, 2, a);
		}
	}
	sqlite3_reset(st);
	if (!fts) {
		errors_addf(err, "全文索引表不存在（数据库结构不完整）");
		return STORE_ERROR;
	}
	if (exec_plain(s, "DROP TABLE search_fts", err) ||
	    exec_plain(s, fts, err) ||
	    (rc = run(s, sprep(s, S_CLEAR_DOCS), err)) != STORE_OK)
		return rc == STORE_OK ? STORE_ERROR : rc;
	for (size_t i = 0; i < n; i++) {
		struct buf drop = BUF_INIT;

		buf_addf(&drop, "DROP INDEX \"%s\"", names[i]);
		if (exec_plain(s, drop.buf, err)) {
			buf_release(&drop);
			return STORE_ERROR;
		}
		buf_release(&drop);
	}
	*idx = defs;
	*nidx = n;
	return STORE_OK;
}

/* Index every record in one scan of the table. */
static enum store_rc index_all_records(struct store *s,
				       void (*progress)(void *arg, int64_t done,
							int64_t total),
				       void *arg, int64_t total,
				       struct errors *err)
{
	sqlite3_stmt *st = sprep(s, S_SCAN_RECORDS);
	struct buf atts = BUF_INIT;
	enum store_rc rc = STORE_OK;
	int64_t done = 0;
	int step;

#define TEXT(i) (sqlite3_column_text(st, i) ? \
		 (const char *)sqlite3_column_text(st, i) : "")
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct indexed_record r;

		r.id = sqlite3_column_int64(st, 0);
		r.title = TEXT(1);
		r.body = TEXT(2);
		r.doc_no = TEXT(3);
		r.publisher = TEXT(4);
		r.elements = TEXT(5);
		r.region = TEXT(6);
		r.domain = sqlite3_column_int64(st, 7);
		r.unit = sqlite3_column_int64(st, 8);
		r.lineage = TEXT(9);
		r.day = TEXT(10);
		r.validity = TEXT(11);
		r.pub = sqlite3_column_int(st, 12);
		buf_reset(&atts);
		if (sqlite3_column_type(st, 13) != SQLITE_NULL) {
			buf_adds(&atts, TEXT(13));
			buf_addch(&atts, '\n');
		}
		if ((rc = index_record(s, &r, atts.buf, true, err)) != STORE_OK)
			break;
		done++;
		if (progress && (done % 4096 == 0 || done == total))
			progress(arg, done, total);
	}
#undef TEXT
	if (rc == STORE_OK && step != SQLITE_DONE)
		rc = db_error(s, err);
	sqlite3_reset(st);
	buf_release(&atts);
	return rc;
}

enum store_rc store_search_reindex(struct store *s,
				   void (*progress)(void *arg, int64_t done,
						    int64_t total),
				   void *arg, struct errors *err)
{
	struct arena a = ARENA_INIT;
	sqlite3_stmt *st;
	int64_t *cats, nrecs;
	const char **idx = NULL;
	size_t ncats, nidx = 0;
	enum store_rc rc;

	if ((rc = store_begin(s, err)) != STORE_OK)
		return rc;
	if ((rc = clear_index(s, &a, &idx, &nidx, err)) != STORE_OK)
		goto fail;
	/* a new epoch: searches read their copy of search_docs anew */
	if ((rc = run(s, sprep(s, S_NEW_EPOCH), err)) != STORE_OK ||
	    (rc = run(s, sprep(s, S_GONE_CLEAR), err)) != STORE_OK)
		goto fail;
	if (fts_config(s, "hashsize", REBUILD_HASHSIZE, err) ||
	    fts_config(s, "automerge", 0, err))
		goto fail;
	st = sprep(s, S_COUNT_RECORDS);
	nrecs = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	ids_of(s, S_ALL_CATALOGS, &a, &cats, &ncats);
	if ((rc = index_all_records(s, progress, arg, nrecs + (int64_t)ncats,
				    err)) != STORE_OK)
		goto fail;
	for (size_t i = 0; i < ncats; i++) {
		rc = sync_catalog(s, cats[i], err);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			goto fail;
		if (progress)
			progress(arg, nrecs + (int64_t)i + 1,
				 nrecs + (int64_t)ncats);
	}
	rc = STORE_OK;
	for (size_t i = 0; i < nidx; i++)
		if (exec_plain(s, idx[i], err))
			goto fail;
	/* statistics of search_docs' indexes (sqlite_stat1): without them the
	 * planner guesses that "public = 1" picks a handful of rows and runs
	 * the MATCH once per row of search_docs instead of once */
	if (exec_plain(s, "ANALYZE search_docs", err))
		goto fail;
	if (exec_plain(s, "INSERT INTO search_fts (search_fts) VALUES "
		       "('optimize')", err) ||
	    fts_config(s, "hashsize", DEFAULT_HASHSIZE, err) ||
	    fts_config(s, "automerge", DEFAULT_AUTOMERGE, err))
		goto fail;
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
