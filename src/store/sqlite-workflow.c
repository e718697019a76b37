/* sqlite-workflow.c: the SQLite implementation of store-workflow.h —
 * record updates, revisions and scheduled publication (conventions in
 * sqlite-int.h) */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite-int.h"
#include "../util/timeutil.h"

enum wstmt {
	W_UPDATE,
	W_REV_ADD,
	W_REV_LIST,
	W_REV_GET,
	W_DUE,
	W_ATT_DELETE,
	W__MAX
};
_Static_assert(SLOTS_WORKFLOW + W__MAX <= SLOTS_SEARCH,
	       "too many statements");

static const char *const wsql[W__MAX] = {
	[W_UPDATE] = "UPDATE records SET item_id = ?, title = ?, index_no = ?, "
		"doc_no = ?, publisher = ?, written_on = ?, published_on = ?, "
		"validity = ?, topic = ?, disclosure = ?, legal_ground = ?, "
		"elements = ?, body_md = ?, status = ?, updated_at = ?, "
		"publish_at = ?, return_reason = ?, withdraw_reason = ?, "
		"deleted_at = ?, due_on = ?, rev = ? WHERE id = ?",
	[W_REV_ADD] = "INSERT INTO record_revisions (record_id, rev, at, actor, "
		"action, note, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[W_REV_LIST] = "SELECT record_id, rev, at, actor, action, note, snapshot "
		"FROM record_revisions WHERE record_id = ? ORDER BY rev",
	[W_REV_GET] = "SELECT record_id, rev, at, actor, action, note, snapshot "
		"FROM record_revisions WHERE record_id = ? AND rev = ?",
	[W_DUE] = "SELECT id FROM records WHERE status = 'scheduled' "
		"AND publish_at <= ? ORDER BY publish_at, id",
	[W_ATT_DELETE] = "DELETE FROM attachments WHERE id = ?",
};

static const char *const validity_code[VALIDITY__MAX] = {
	"valid", "expired", "repealed" };
static const char *const disclosure_code[DISCLOSE__MAX] = {
	"active", "on_request", "none" };
static const char *const status_code[RECORD_STATUS__MAX] = {
	"draft", "published", "withdrawn", "review", "sign", "approve",
	"scheduled" };

static sqlite3_stmt *wprep(struct store *s, enum wstmt id)
{
	return prep_sql(s, SLOTS_WORKFLOW + id, wsql[id]);
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

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

enum store_rc store_record_update(struct store *s, const struct record *r,
				  struct errors *err)
{
	sqlite3_stmt *st = wprep(s, W_UPDATE);
	char now[TIME_TEXT_LEN];
	char *vals = values_json(r);
	enum store_rc rc;

	time_now_text(now);
	bind_id(st, 1, r->item_id);
	bind_text(st, 2, r->title);
	bind_text(st, 3, r->index_no);
	bind_text(st, 4, or_empty(r->doc_no));
	bind_text(st, 5, or_empty(r->publisher));
	bind_text(st, 6, or_empty(r->written_on));
	bind_text(st, 7, or_empty(r->published_on));
	bind_text(st, 8, validity_code[r->validity]);
	bind_text(st, 9, or_empty(r->topic));
	bind_text(st, 10, disclosure_code[r->disclosure]);
	bind_text(st, 11, or_empty(r->legal_ground));
	bind_text(st, 12, vals);
	bind_text(st, 13, or_empty(r->body_md));
	bind_text(st, 14, status_code[r->status]);
	bind_text(st, 15, now);
	bind_text(st, 16, r->publish_at);
	bind_text(st, 17, or_empty(r->return_reason));
	bind_text(st, 18, or_empty(r->withdraw_reason));
	bind_text(st, 19, r->deleted_at);
	bind_text(st, 20, or_empty(r->due_on));
	sqlite3_bind_int(st, 21, r->rev);
	sqlite3_bind_int64(st, 22, r->id);
	rc = run(s, st, err);
	sqlite3_reset(st);
	free(vals);
	if (rc == STORE_CONFLICT)
		errors_addf(err, "索引号 %s 已被使用", r->index_no);
	else if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NOTFOUND;
	if (rc == STORE_OK)
		rc = store_search_sync_record(s, r->id, err);
	return rc;
}

enum store_rc store_revision_add(struct store *s, const struct revision *v,
				 struct errors *err)
{
	sqlite3_stmt *st = wprep(s, W_REV_ADD);
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, v->record_id);
	sqlite3_bind_int(st, 2, v->rev);
	bind_text(st, 3, v->at);
	bind_text(st, 4, v->actor);
	bind_text(st, 5, v->action);
	bind_text(st, 6, or_empty(v->note));
	bind_text(st, 7, v->snapshot);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

static void revision_row(sqlite3_stmt *st, struct arena *a,
			 struct revision *v)
{
	v->record_id = sqlite3_column_int64(st, 0);
	v->rev = sqlite3_column_int(st, 1);
	v->at = col_text0(st, 2, a);
	v->actor = col_text0(st, 3, a);
	v->action = col_text0(st, 4, a);
	v->note = col_text0(st, 5, a);
	v->snapshot = col_text0(st, 6, a);
}

enum store_rc store_revision_list(struct store *s, int64_t record_id,
				  struct arena *a, struct revision **out,
				  size_t *n)
{
	sqlite3_stmt *st = wprep(s, W_REV_LIST);
	struct revision *v = NULL;
	size_t cnt = 0, cap = 0;

	sqlite3_bind_int64(st, 1, record_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == cap) {
			struct revision *bigger;

			cap = cap ? 2 * cap : 8;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (cnt)
				memcpy(bigger, v, cnt * sizeof(*v));
			v = bigger;
		}
		revision_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return STORE_OK;
}

enum store_rc store_revision_get(struct store *s, int64_t record_id, int rev,
				 struct arena *a, struct revision *out)
{
	sqlite3_stmt *st = wprep(s, W_REV_GET);
	enum store_rc rc = STORE_NOTFOUND;

	sqlite3_bind_int64(st, 1, record_id);
	sqlite3_bind_int(st, 2, rev);
	if (sqlite3_step(st) == SQLITE_ROW) {
		revision_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_record_due_scheduled(struct store *s, const char *now,
					 struct arena *a, int64_t **ids,
					 size_t *n)
{
	sqlite3_stmt *st = wprep(s, W_DUE);
	int64_t *v = NULL;
	size_t cnt = 0, cap = 0;

	bind_text(st, 1, now);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == cap) {
			int64_t *bigger;

			cap = cap ? 2 * cap : 16;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (cnt)
				memcpy(bigger, v, cnt * sizeof(*v));
			v = bigger;
		}
		v[cnt++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	*ids = v;
	*n = cnt;
	return STORE_OK;
}

enum store_rc store_attachment_delete(struct store *s, int64_t id,
				      struct errors *err)
{
	sqlite3_stmt *st = wprep(s, W_ATT_DELETE);
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, id);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}
