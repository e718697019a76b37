/* sqlite-record.c: the SQLite implementation of store.h for records
 * (公开信息), attachments and their blobs, and a region's column settings
 * and pages
 *
 * Same rules as sqlite.c: constant statements prepared once (slots in
 * struct store's more[]), values always bound.  Element values of a record
 * are kept in the row as a JSON array, like an item's elements.
 */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite-int.h"
#include "../util/buf.h"
#include "../util/timeutil.h"
#include "../util/xalloc.h"

enum rstmt {
	R_INSERT,
	R_GET,
	R_STATUS,
	R_INDEX_TAKEN,
	R_BY_LINEAGE,
	R_BY_DOMAIN,
	R_BLOB_PUT,
	R_BLOB_GET,
	R_ATT_ADD,
	R_ATT_GET,
	R_ATT_OF,
	R_SET_PUT,
	R_SET_DEL,
	R_SET_GET,
	R_PAGE_PUT,
	R_PAGE_GET,
	R_DATA_VERSION,
	R__MAX
};
_Static_assert(SLOTS_RECORD + R__MAX <= SLOTS_CALENDAR, "too many statements");

#define RECORD_COLS \
	"r.id, r.region_code, r.domain_id, r.lineage, r.item_id, r.unit_id, " \
	"u.name, r.title, r.index_no, r.doc_no, r.publisher, r.written_on, " \
	"r.published_on, r.validity, r.topic, r.disclosure, r.legal_ground, " \
	"r.elements, r.status, r.created_at, r.updated_at, r.publish_at, " \
	"r.return_reason, r.withdraw_reason, r.deleted_at, r.created_by, " \
	"r.due_on, r.rev "
#define RECORD_FROM "FROM records r JOIN units u ON u.id = r.unit_id "

/* The conditions of a record list, each present only when the filter
 * sets it, so that the planner can use the indexes (a condition like
 * "?1 IS NULL OR region_code = ?1" would make it scan).  Parameters keep
 * their numbers: ?1 region … ?5 status, ?7 limit, ?8 offset. */
#define FILTER_CONDS 10
static const char *const filter_cond[FILTER_CONDS] = {
	"AND r.region_code = ?1 ",
	"AND r.domain_id = ?2 ",
	"AND r.lineage = ?3 ",
	"AND r.unit_id = ?4 ",
	"AND r.status = ?5 ",
	"AND r.status = 'published' AND r.disclosure = 'active' "
		"AND r.deleted_at IS NULL ",
	"AND r.region_code LIKE ?9 || '%' ",
	"AND r.deleted_at IS NULL ",
	"AND r.deleted_at IS NOT NULL ",
	"AND r.due_on <> '' AND r.due_on <= ?10 "
		"AND r.status NOT IN ('published', 'withdrawn', 'scheduled') ",
};

static const char *const rsql[R__MAX] = {
	[R_INSERT] = "INSERT INTO records (region_code, domain_id, lineage, "
		"item_id, unit_id, title, index_no, doc_no, publisher, "
		"written_on, published_on, validity, topic, disclosure, "
		"legal_ground, elements, body_md, status, created_at, updated_at, "
		"publish_at, created_by, due_on) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"?, ?, ?) "
		"RETURNING id",
	[R_GET] = "SELECT " RECORD_COLS ", r.body_md " RECORD_FROM
		"WHERE r.id = ?",
	[R_STATUS] = "UPDATE records SET status = ?, updated_at = ? WHERE id = ?",
	[R_INDEX_TAKEN] = "SELECT 1 FROM records WHERE index_no = ?",
	[R_BY_LINEAGE] = "SELECT lineage, COUNT(*) FROM records "
		"WHERE region_code = ?1 AND (?2 = 0 OR domain_id = ?2) "
		"AND status = 'published' AND disclosure = 'active' "
		"AND (?3 = 0 OR validity = 'valid') GROUP BY lineage",
	[R_BY_DOMAIN] = "SELECT domain_id, COUNT(*) FROM records "
		"WHERE region_code = ? AND status = 'published' "
		"AND disclosure = 'active' GROUP BY domain_id",
	[R_BLOB_PUT] = "INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) "
		"ON CONFLICT (sha256) DO NOTHING",
	[R_BLOB_GET] = "SELECT data FROM blobs WHERE sha256 = ?",
	[R_ATT_ADD] = "INSERT INTO attachments (record_id, seq, name, mime, "
		"sha256, size) VALUES (?, (SELECT COUNT(*) FROM attachments "
		"WHERE record_id = ?), ?, ?, ?, ?) RETURNING id",
	[R_ATT_GET] = "SELECT id, record_id, name, mime, sha256, size "
		"FROM attachments WHERE id = ?",
	[R_ATT_OF] = "SELECT id, record_id, name, mime, sha256, size "
		"FROM attachments WHERE record_id = ? ORDER BY seq, id",
	[R_SET_PUT] = "INSERT INTO site_settings (region_code, key, value) "
		"VALUES (?, ?, ?) ON CONFLICT (region_code, key) "
		"DO UPDATE SET value = excluded.value",
	[R_SET_DEL] = "DELETE FROM site_settings WHERE region_code = ? AND key = ?",
	[R_SET_GET] = "SELECT value FROM site_settings "
		"WHERE region_code = ? AND key = ?",
	[R_PAGE_PUT] = "INSERT INTO column_pages (region_code, slug, title, "
		"body_md, updated_at) VALUES (?, ?, ?, ?, ?) "
		"ON CONFLICT (region_code, slug) DO UPDATE SET "
		"title = excluded.title, body_md = excluded.body_md, "
		"updated_at = excluded.updated_at",
	[R_PAGE_GET] = "SELECT region_code, slug, title, body_md, updated_at "
		"FROM column_pages WHERE region_code = ? AND slug = ?",
	[R_DATA_VERSION] = "PRAGMA data_version",
};

static sqlite3_stmt *rprep(struct store *s, enum rstmt id)
{
	return prep_sql(s, SLOTS_RECORD + id, rsql[id]);
}

static const char *const validity_code[VALIDITY__MAX] = {
	"valid", "expired", "repealed",
};
static const char *const disclosure_code[DISCLOSE__MAX] = {
	"active", "on_request", "none",
};
static const char *const status_code[RECORD_STATUS__MAX] = {
	"draft", "published", "withdrawn", "review", "sign", "approve",
	"scheduled",
};

static int code_index(const char *const *codes, int n, const char *t)
{
	for (int i = 0; t && i < n; i++)
		if (!strcmp(codes[i], t))
			return i;
	return 0;
}

static char *values_json(const struct record *r)
{
	json_t *arr = json_array();
	char *text;

	for (size_t i = 0; i < r->nvalues; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s}",
			"e", r->values[i].element ? r->values[i].element : "",
			"v", r->values[i].value ? r->values[i].value : ""));
	text = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	return text;
}

static void values_from_json(const char *text, struct arena *a,
			     struct record *r)
{
	json_t *arr = text ? json_loads(text, 0, NULL) : NULL;
	size_t i;
	json_t *v;

	r->values = NULL;
	r->nvalues = 0;
	if (!json_is_array(arr) || json_array_size(arr) == 0) {
		json_decref(arr);
		return;
	}
	r->values = arena_alloc(a, json_array_size(arr) * sizeof(*r->values));
	json_array_foreach(arr, i, v) {
		r->values[r->nvalues].element =
			arena_strdup(a, json_string_value(json_object_get(v, "e")));
		r->values[r->nvalues].value =
			arena_strdup(a, json_string_value(json_object_get(v, "v")));
		if (!r->values[r->nvalues].element)
			r->values[r->nvalues].element = "";
		if (!r->values[r->nvalues].value)
			r->values[r->nvalues].value = "";
		r->nvalues++;
	}
	json_decref(arr);
}

static void record_row(sqlite3_stmt *st, struct arena *a, struct record *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->region_code = col_text0(st, 1, a);
	r->domain_id = sqlite3_column_int64(st, 2);
	r->lineage = col_text0(st, 3, a);
	r->item_id = sqlite3_column_int64(st, 4);
	r->unit_id = sqlite3_column_int64(st, 5);
	r->unit_name = col_text0(st, 6, a);
	r->title = col_text0(st, 7, a);
	r->index_no = col_text0(st, 8, a);
	r->doc_no = col_text0(st, 9, a);
	r->publisher = col_text0(st, 10, a);
	r->written_on = col_text0(st, 11, a);
	r->published_on = col_text0(st, 12, a);
	r->validity = code_index(validity_code, VALIDITY__MAX,
				 (const char *)sqlite3_column_text(st, 13));
	r->topic = col_text0(st, 14, a);
	r->disclosure = code_index(disclosure_code, DISCLOSE__MAX,
				   (const char *)sqlite3_column_text(st, 15));
	r->legal_ground = col_text0(st, 16, a);
	values_from_json((const char *)sqlite3_column_text(st, 17), a, r);
	r->status = code_index(status_code, RECORD_STATUS__MAX,
			       (const char *)sqlite3_column_text(st, 18));
	r->created_at = col_text0(st, 19, a);
	r->updated_at = col_text0(st, 20, a);
	r->publish_at = col_text(st, 21, a);
	r->return_reason = col_text0(st, 22, a);
	r->withdraw_reason = col_text0(st, 23, a);
	r->deleted_at = col_text(st, 24, a);
	r->created_by = sqlite3_column_int64(st, 25);
	r->due_on = col_text0(st, 26, a);
	r->rev = sqlite3_column_int(st, 27);
	r->body_md = "";
}

enum store_rc store_record_insert(struct store *s, struct record *r,
				  struct errors *err)
{
	sqlite3_stmt *st = rprep(s, R_INSERT);
	char now[TIME_TEXT_LEN];
	char *vals = values_json(r);
	enum store_rc rc;

	time_now_text(now);
	bind_text(st, 1, r->region_code);
	sqlite3_bind_int64(st, 2, r->domain_id);
	bind_text(st, 3, r->lineage);
	bind_id(st, 4, r->item_id);
	sqlite3_bind_int64(st, 5, r->unit_id);
	bind_text(st, 6, r->title);
	bind_text(st, 7, r->index_no);
	bind_text(st, 8, r->doc_no ? r->doc_no : "");
	bind_text(st, 9, r->publisher ? r->publisher : "");
	bind_text(st, 10, r->written_on ? r->written_on : "");
	bind_text(st, 11, r->published_on ? r->published_on : "");
	bind_text(st, 12, validity_code[r->validity]);
	bind_text(st, 13, r->topic ? r->topic : "");
	bind_text(st, 14, disclosure_code[r->disclosure]);
	bind_text(st, 15, r->legal_ground ? r->legal_ground : "");
	bind_text(st, 16, vals);
	bind_text(st, 17, r->body_md ? r->body_md : "");
	bind_text(st, 18, status_code[r->status]);
	bind_text(st, 19, now);
	bind_text(st, 20, now);
	bind_text(st, 21, r->publish_at);
	bind_id(st, 22, r->created_by);
	bind_text(st, 23, r->due_on ? r->due_on : "");
	rc = run_returning(s, st, &r->id, err);
	sqlite3_reset(st);
	free(vals);
	if (rc == STORE_CONFLICT)
		errors_addf(err, "索引号 %s 已被使用", r->index_no);
	if (rc == STORE_OK)
		rc = store_search_sync_record(s, r->id, err);
	return rc;
}

static void attachment_row(sqlite3_stmt *st, struct arena *a,
			   struct attachment *att)
{
	att->id = sqlite3_column_int64(st, 0);
	att->record_id = sqlite3_column_int64(st, 1);
	att->name = col_text0(st, 2, a);
	att->mime = col_text0(st, 3, a);
	att->sha256 = col_text0(st, 4, a);
	att->size = sqlite3_column_int64(st, 5);
}

enum store_rc store_record_get(struct store *s, int64_t id, struct arena *a,
			       struct record *out)
{
	sqlite3_stmt *st = rprep(s, R_GET);
	size_t cap = 0;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return STORE_NOTFOUND;
	}
	record_row(st, a, out);
	out->body_md = col_text0(st, 28, a);
	sqlite3_reset(st);

	st = rprep(s, R_ATT_OF);
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (out->nattachments == cap) {
			struct attachment *bigger;

			cap = cap ? 2 * cap : 4;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (out->nattachments)
				memcpy(bigger, out->attachments,
				       out->nattachments * sizeof(*bigger));
			out->attachments = bigger;
		}
		attachment_row(st, a, &out->attachments[out->nattachments++]);
	}
	sqlite3_reset(st);
	return STORE_OK;
}

static unsigned filter_mask(const struct record_filter *f)
{
	return (f->region != NULL) | (f->domain_id != 0) << 1 |
		(f->lineage != NULL) << 2 | (f->unit_id != 0) << 3 |
		(f->status >= 0 && f->status < RECORD_STATUS__MAX) << 4 |
		(unsigned)f->public_only << 5 | (f->region_below != NULL) << 6 |
		(f->deleted == 0) << 7 | (f->deleted == 1) << 8 |
		(f->due_before != NULL) << 9 | (unsigned)f->by_update << 10;
}

/* The list (or count) statement for the filter's shape, bound. */
static sqlite3_stmt *filter_stmt(struct store *s, const struct record_filter *f,
				 bool count)
{
	unsigned mask = filter_mask(f);
	int slot = (int)mask * 2 + (count ? 1 : 0);
	sqlite3_stmt *st = s->filtered[slot];

	if (!st) {
		struct buf sql = BUF_INIT;

		buf_adds(&sql, count ? "SELECT COUNT(*) " RECORD_FROM "WHERE 1 = 1 " :
			 "SELECT " RECORD_COLS RECORD_FROM "WHERE 1 = 1 ");
		for (int i = 0; i < FILTER_CONDS; i++)
			if (mask & (1u << i))
				buf_adds(&sql, filter_cond[i]);
		if (!count && (mask & 1024))
			buf_adds(&sql, "ORDER BY r.updated_at DESC, r.id DESC "
				 "LIMIT ?7 OFFSET ?8");
		else if (!count)
			buf_adds(&sql, "ORDER BY r.published_on DESC, r.id DESC "
				 "LIMIT ?7 OFFSET ?8");
		if (sqlite3_prepare_v3(s->db, sql.buf, -1,
				       SQLITE_PREPARE_PERSISTENT, &s->filtered[slot],
				       NULL) != SQLITE_OK) {
			fprintf(stderr, "gongkai: bad record filter: %s\n",
				sqlite3_errmsg(s->db));
			abort();
		}
		buf_release(&sql);
		st = s->filtered[slot];
	} else {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	/* parameters absent from this shape are simply not bound */
	if (mask & 1)
		bind_text(st, 1, f->region);
	if (mask & 2)
		sqlite3_bind_int64(st, 2, f->domain_id);
	if (mask & 4)
		bind_text(st, 3, f->lineage);
	if (mask & 8)
		sqlite3_bind_int64(st, 4, f->unit_id);
	if (mask & 16)
		bind_text(st, 5, status_code[f->status]);
	if (mask & 64)
		bind_text(st, 9, f->region_below);
	if (mask & 512)
		bind_text(st, 10, f->due_before);
	return st;
}

enum store_rc store_record_list(struct store *s, const struct record_filter *f,
				struct arena *a, struct record **out,
				size_t *n, int64_t *total)
{
	sqlite3_stmt *st = filter_stmt(s, f, true);
	struct record *v = NULL;
	size_t cnt = 0, cap = 0;

	*total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);

	st = filter_stmt(s, f, false);
	sqlite3_bind_int64(st, 7, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(st, 8, f->offset > 0 ? f->offset : 0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == cap) {
			struct record *bigger;

			cap = cap ? 2 * cap : 16;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (cnt)
				memcpy(bigger, v, cnt * sizeof(*v));
			v = bigger;
		}
		record_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return STORE_OK;
}

enum store_rc store_record_set_status(struct store *s, int64_t id,
				      enum record_status status,
				      struct errors *err)
{
	sqlite3_stmt *st = rprep(s, R_STATUS);
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	time_now_text(now);
	bind_text(st, 1, status_code[status]);
	bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	rc = run(s, st, err);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_NOTFOUND;
	if (rc == STORE_OK)
		rc = store_search_sync_record(s, id, err);
	return rc;
}

bool store_record_index_taken(struct store *s, const char *index_no)
{
	sqlite3_stmt *st = rprep(s, R_INDEX_TAKEN);
	bool taken;

	bind_text(st, 1, index_no);
	taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return taken;
}

enum store_rc store_record_count_by_lineage(struct store *s,
					    const char *region,
					    int64_t domain_id,
					    bool current_only, struct arena *a,
					    struct lineage_count **out,
					    size_t *n)
{
	sqlite3_stmt *st = rprep(s, R_BY_LINEAGE);
	struct lineage_count *v = NULL;
	size_t cnt = 0, cap = 0;

	bind_text(st, 1, region);
	sqlite3_bind_int64(st, 2, domain_id);
	sqlite3_bind_int(st, 3, current_only);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == cap) {
			struct lineage_count *bigger;

			cap = cap ? 2 * cap : 64;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (cnt)
				memcpy(bigger, v, cnt * sizeof(*v));
			v = bigger;
		}
		v[cnt].lineage = col_text0(st, 0, a);
		v[cnt].count = sqlite3_column_int64(st, 1);
		cnt++;
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return STORE_OK;
}

enum store_rc store_record_count_by_domain(struct store *s,
					   const char *region,
					   struct arena *a,
					   struct id_count **out, size_t *n)
{
	sqlite3_stmt *st = rprep(s, R_BY_DOMAIN);
	struct id_count *v = NULL;
	size_t cnt = 0, cap = 0;

	bind_text(st, 1, region);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == cap) {
			struct id_count *bigger;

			cap = cap ? 2 * cap : 32;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (cnt)
				memcpy(bigger, v, cnt * sizeof(*v));
			v = bigger;
		}
		v[cnt].id = sqlite3_column_int64(st, 0);
		v[cnt].count = sqlite3_column_int64(st, 1);
		cnt++;
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return STORE_OK;
}

/* --- helpers the other store files share (sqlite-int.h) --- */

void bind_text0(sqlite3_stmt *st, int i, const char *v)
{
	bind_text(st, i, v ? v : "");
}

void bind_nonempty(sqlite3_stmt *st, int i, const char *v)
{
	bind_text(st, i, v && *v ? v : NULL);
}

void *grow_rows(struct arena *a, void *v, size_t n, size_t *cap, size_t size)
{
	void *bigger;

	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 16;
	bigger = arena_alloc(a, *cap * size);
	if (n)
		memcpy(bigger, v, n * size);
	return bigger;
}

/* --- blobs and attachments --- */

enum store_rc store_blob_put(struct store *s, const void *data, size_t len,
			     char sha256_hex[65], struct errors *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	sqlite3_stmt *st;
	enum store_rc rc;

	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(sha256_hex, 65, digest, sizeof(digest));
	st = rprep(s, R_BLOB_PUT);
	bind_text(st, 1, sha256_hex);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)len);
	sqlite3_bind_blob64(st, 3, len ? data : "", len, SQLITE_STATIC);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_blob_get(struct store *s, const char *sha256_hex,
			     void **data, size_t *len)
{
	sqlite3_stmt *st = rprep(s, R_BLOB_GET);

	bind_text(st, 1, sha256_hex);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return STORE_NOTFOUND;
	}
	*len = (size_t)sqlite3_column_bytes(st, 0);
	*data = xmalloc(*len + 1);
	if (*len)
		memcpy(*data, sqlite3_column_blob(st, 0), *len);
	sqlite3_reset(st);
	return STORE_OK;
}

enum store_rc store_attachment_add(struct store *s, struct attachment *att,
				   struct errors *err)
{
	sqlite3_stmt *st = rprep(s, R_ATT_ADD);
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, att->record_id);
	sqlite3_bind_int64(st, 2, att->record_id);
	bind_text(st, 3, att->name);
	bind_text(st, 4, att->mime);
	bind_text(st, 5, att->sha256);
	sqlite3_bind_int64(st, 6, att->size);
	rc = run_returning(s, st, &att->id, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT)
		errors_addf(err, "附件 %s 对应的文件或信息不存在", att->name);
	if (rc == STORE_OK)	/* attachment names are searched too */
		rc = store_search_sync_record(s, att->record_id, err);
	return rc;
}

enum store_rc store_attachment_get(struct store *s, int64_t id,
				   struct arena *a, struct attachment *out)
{
	sqlite3_stmt *st = rprep(s, R_ATT_GET);

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return STORE_NOTFOUND;
	}
	attachment_row(st, a, out);
	sqlite3_reset(st);
	return STORE_OK;
}

/* --- settings and pages --- */

enum store_rc store_setting_set(struct store *s, const char *region,
				const char *key, const char *value,
				struct errors *err)
{
	sqlite3_stmt *st = rprep(s, value ? R_SET_PUT : R_SET_DEL);
	enum store_rc rc;

	bind_text(st, 1, region);
	bind_text(st, 2, key);
	if (value)
		bind_text(st, 3, value);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT)
		errors_addf(err, "行政区划 %s 不存在", region);
	return rc;
}

enum store_rc store_setting_get(struct store *s, const char *region,
				const char *key, struct arena *a,
				const char **value)
{
	sqlite3_stmt *st = rprep(s, R_SET_GET);
	enum store_rc rc = STORE_NOTFOUND;

	bind_text(st, 1, region);
	bind_text(st, 2, key);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*value = col_text0(st, 0, a);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_page_put(struct store *s, const struct column_page *p,
			     struct errors *err)
{
	sqlite3_stmt *st = rprep(s, R_PAGE_PUT);
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	time_now_text(now);
	bind_text(st, 1, p->region_code);
	bind_text(st, 2, p->slug);
	bind_text(st, 3, p->title);
	bind_text(st, 4, p->body_md);
	bind_text(st, 5, now);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT)
		errors_addf(err, "行政区划 %s 不存在", p->region_code);
	return rc;
}

enum store_rc store_page_get(struct store *s, const char *region,
			     const char *slug, struct arena *a,
			     struct column_page *out)
{
	sqlite3_stmt *st = rprep(s, R_PAGE_GET);

	bind_text(st, 1, region);
	bind_text(st, 2, slug);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return STORE_NOTFOUND;
	}
	out->region_code = col_text0(st, 0, a);
	out->slug = col_text0(st, 1, a);
	out->title = col_text0(st, 2, a);
	out->body_md = col_text0(st, 3, a);
	out->updated_at = col_text0(st, 4, a);
	sqlite3_reset(st);
	return STORE_OK;
}

int64_t store_data_version(struct store *s)
{
	sqlite3_stmt *st = rprep(s, R_DATA_VERSION);
	int64_t v = -1;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

int64_t store_changes(struct store *s)
{
	return sqlite3_total_changes64(s->db);
}
