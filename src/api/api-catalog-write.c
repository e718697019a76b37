/* api-catalog-write.c: the catalog half of the write API — the back
 * office's catalog work for programs (parity with admin-catalog.c)
 *
 * Derive, local items, item edits and drops, import, the review actions,
 * diff, drift and rebase, and the catalogs a signed-in person may see
 * (drafts are not public: /api/v1/catalogs lists published ones only).
 * Every change goes through the catalog_user_* functions of
 * domain/catalog.h, which check authorisation and write the audit trail,
 * exactly as the pages do.  JSON in and out, in the shapes of
 * json-model.h; errors as api-write.c answers them:
 * {"error": {"status": N, "message": "…", "problems": [...], "count": N}}
 * ("count" includes problems past the list's cap).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "json-model.h"
#include "../domain/account.h"
#include "../domain/authz.h"
#include "../domain/catalog-diff.h"
#include "../domain/catalog.h"
#include "../domain/layout.h"
#include "../util/arena.h"
#include "../util/errors.h"

#define JSON_BODY_MAX (4u << 20)

static void answer(struct http_response *rs, int status, json_t *v)
{
	char *text = json_dumps(v, JSON_COMPACT);

	rs->status = status;
	rs->content_type = "application/json; charset=utf-8";
	buf_reset(&rs->body);
	buf_adds(&rs->body, text);
	buf_addch(&rs->body, '\n');
	free(text);
	json_decref(v);
}

/* The domain's messages: 403 for authorisation, 404 for missing things
 * (an item not in the catalog too), 409 for a catalog in the wrong state,
 * else 'status'. */
static void fail(struct http_response *rs, int status, const struct errors *err)
{
	json_t *probs = json_array();

	for (size_t i = 0; i < err->n; i++)
		json_array_append_new(probs, json_string(err->msg[i]));
	for (size_t i = 0; i < err->n; i++)
		if (strstr(err->msg[i], "没有权限"))
			status = 403;
	for (size_t i = 0; i < err->n && status != 403; i++)
		if (strstr(err->msg[i], "不存在") ||
		    (!strncmp(err->msg[i], "事项 ", 7) &&
		     strstr(err->msg[i], "不在目录")))
			status = 404;
	if (status != 403 && status != 404 && err->n &&
	    (strstr(err->msg[0], "当前为「") || strstr(err->msg[0], "尚未发布")))
		status = 409;
	answer(rs, status, json_pack("{s:{s:i, s:s, s:o, s:I}}", "error",
				     "status", status, "message", err->n ?
				     err->msg[0] : "操作未完成", "problems", probs,
				     "count", (json_int_t)errors_count(err)));
}

/* The JSON body; NULL after answering 400/415.  With 'optional' an empty
 * body is an empty object. */
static json_t *body_json(struct http_request *rq, struct http_response *rs,
			 bool optional)
{
	json_error_t je;
	json_t *v;

	if (optional && (!rq->body || !rq->body_len))
		return json_object();
	if (strncmp(rq->content_type, "application/json", 16)) {
		api_error(rs, 415, "请求体须为 JSON（Content-Type: application/json）");
		return NULL;
	}
	if (!rq->body || rq->body_len > JSON_BODY_MAX) {
		api_error(rs, 400, "请求体为空或超过 4 MB");
		return NULL;
	}
	v = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!json_is_object(v)) {
		json_decref(v);
		api_error(rs, 400, "请求体不是有效的 JSON 对象");
		return NULL;
	}
	return v;
}

static bool must_change(struct http_request *rq, struct http_response *rs)
{
	if (!rq->user->must_change)
		return false;
	api_error(rs, 403, "首次登录或密码被重置后，须先在后台修改密码");
	return true;
}

static int64_t param_id(struct http_request *rq, int i)
{
	return strtoll(rq->params[i], NULL, 10);
}

/* Catalog params[0] with its items, if this person may see it; -1 after
 * answering 404/403. */
static int load_visible(struct http_request *rq, struct http_response *rs,
			struct catalog *c)
{
	if (store_catalog_load(rq->wstore, param_id(rq, 0), rq->arena, c) !=
	    STORE_OK) {
		api_error(rs, 404, "目录不存在");
		return -1;
	}
	if (!catalog_may_view(rq->wstore, rq->actor, c)) {
		api_error(rs, 403, "没有权限：查看这个地区尚未发布的目录");
		return -1;
	}
	return 0;
}

/* Before reading what would edit catalog params[0]: 404 if it does not
 * exist, 403 if this person may not edit it (authorisation before any
 * other answer; the domain checks again).  0 to go on. */
static int edit_guard(struct http_request *rq, struct http_response *rs)
{
	struct catalog c;

	if (store_catalog_head(rq->wstore, param_id(rq, 0), rq->arena, &c) !=
	    STORE_OK) {
		api_error(rs, 404, "目录不存在");
		return -1;
	}
	if (!authz_allows(rq->wstore, rq->actor, AZ_CATALOG_EDIT, 0,
			  c.region_code)) {
		api_error(rs, 403, arena_printf(rq->arena, "没有权限：%s",
			  authz_action_label(AZ_CATALOG_EDIT)));
		return -1;
	}
	return 0;
}

/* A string member; -1 after answering 400 when present but not a string. */
static int opt_string(struct http_request *rq, struct http_response *rs,
		      json_t *in, const char *key, const char **out)
{
	json_t *v = json_object_get(in, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		api_error(rs, 400, arena_printf(rq->arena, "字段 %s 须为字符串", key));
		return -1;
	}
	*out = arena_strdup(rq->arena, json_string_value(v));
	return 0;
}

/* --- item columns from JSON (the shapes of json_item) --- */

/* elements: "●a 〇b" or [{"text", "required"}] or ["a", …]; channels the
 * same with "name"; audience, mode, levels: "全社会、特定群体" or [..]. */
static const char *list_text(struct http_request *rq, json_t *v,
			     const char *key, const char *on, const char *off,
			     const char *sep)
{
	struct buf b = BUF_INIT;
	const char *r;
	size_t i;
	json_t *e;

	if (json_is_string(v))
		return arena_strdup(rq->arena, json_string_value(v));
	if (!json_is_array(v))
		return NULL;
	json_array_foreach(v, i, e) {
		const char *text;
		json_t *req;

		if (json_is_string(e)) {
			text = json_string_value(e);
			req = NULL;
		} else if (json_is_object(e) && key &&
			   json_is_string(json_object_get(e, key))) {
			text = json_string_value(json_object_get(e, key));
			req = json_object_get(e, "required");
			if (req && !json_is_boolean(req)) {
				buf_release(&b);
				return NULL;
			}
		} else {
			buf_release(&b);
			return NULL;
		}
		if (b.len)
			buf_adds(&b, sep);
		if (on)
			buf_adds(&b, !req || json_is_true(req) ? on : off);
		buf_adds(&b, text);
	}
	r = arena_strdup(rq->arena, b.buf);
	buf_release(&b);
	return r;
}

static const struct {
	const char *key;
	enum layout_col col;
	enum { K_TEXT, K_ELEMENTS, K_CHANNELS, K_SET, K_TIMELIMIT } kind;
} json_cols[] = {
	{ "item_type", COL_TYPE, K_TEXT },
	{ "service_name", COL_SERVICE, K_TEXT },
	{ "elements", COL_ELEMENTS, K_ELEMENTS },
	{ "basis", COL_BASIS, K_TEXT },
	{ "time_limit", COL_TIMELIMIT, K_TIMELIMIT },
	{ "subject", COL_SUBJECT, K_TEXT },
	{ "channels", COL_CHANNELS, K_CHANNELS },
	{ "audience", COL_AUDIENCE_TEXT, K_SET },
	{ "mode", COL_MODE_TEXT, K_SET },
	{ "levels", COL_LEVELS_TEXT, K_SET },
	{ "note", COL_NOTE, K_TEXT },
};
#define NJSON_COLS (sizeof(json_cols) / sizeof(json_cols[0]))

/* The column members of 'in' as cells ('name' too, as COL_L2, when
 * 'name_cell'); -1 after answering 400.  Members json_item writes but
 * that are not columns are ignored, so an item read can be sent back;
 * 'extra' lists further members the caller reads itself. */
static int json_cells(struct http_request *rq, struct http_response *rs,
		      json_t *in, bool name_cell, const char *const *extra,
		      struct item_cell *cells, size_t *n)
{
	static const char *const ignored[] = { "id", "level", "lineage",
		"parent_id", "origin_item", "local_reason", "service_url",
		"catalog_id", NULL };
	const char *key;
	json_t *v;

	*n = 0;
	json_object_foreach(in, key, v) {
		size_t k;
		const char *text = NULL;
		bool known = false;

		for (size_t i = 0; ignored[i]; i++)
			if (!strcmp(key, ignored[i]))
				known = true;
		for (size_t i = 0; extra && extra[i]; i++)
			if (!strcmp(key, extra[i]))
				known = true;
		if (!strcmp(key, "name")) {
			if (!json_is_string(v)) {
				api_error(rs, 400, "字段 name 须为字符串");
				return -1;
			}
			if (name_cell)
				cells[(*n)++] = (struct item_cell){ COL_L2,
					arena_strdup(rq->arena, json_string_value(v)) };
			continue;
		}
		if (known)
			continue;
		for (k = 0; k < NJSON_COLS; k++)
			if (!strcmp(key, json_cols[k].key))
				break;
		if (k == NJSON_COLS) {
			api_error(rs, 400, arena_printf(rq->arena, "不认识的字段 %s"
				  "（可用：name、item_type、service_name、elements、"
				  "basis、time_limit、subject、channels、audience、mode、"
				  "levels、note）", key));
			return -1;
		}
		switch (json_cols[k].kind) {
		case K_TEXT:
			text = json_is_string(v) ? arena_strdup(rq->arena,
				json_string_value(v)) : json_is_null(v) ? "" : NULL;
			break;
		case K_TIMELIMIT:
			if (json_is_object(v))
				v = json_object_get(v, "text");
			text = json_is_string(v) ? arena_strdup(rq->arena,
				json_string_value(v)) : json_is_null(v) ? "" : NULL;
			break;
		case K_ELEMENTS:
			text = list_text(rq, v, "text", "●", "〇", " ");
			break;
		case K_CHANNELS:
			text = list_text(rq, v, "name", "■", "□", " ");
			break;
		case K_SET:
			text = list_text(rq, v, NULL, NULL, NULL, "、");
			break;
		}
		if (!text) {
			api_error(rs, 400, arena_printf(rq->arena, "字段 %s 的格式不对"
				  "（见 /api/v1/openapi.json 的 ItemColumns）", key));
			return -1;
		}
		cells[(*n)++] = (struct item_cell){ json_cols[k].col, text };
	}
	return 0;
}

/* Item 'item_id' of catalog 'id' as json_item, with its catalog id. */
static void answer_item(struct http_request *rq, struct http_response *rs,
			int status, int64_t id, int64_t item_id)
{
	struct catalog c;
	int k;
	json_t *o;

	if (store_catalog_load(rq->wstore, id, rq->arena, &c) != STORE_OK ||
	    (k = catalog_item_index(&c, item_id)) < 0) {
		api_error(rs, 404, "事项不存在");
		return;
	}
	o = json_item(&c, (size_t)k);
	json_object_set_new(o, "catalog_id", json_integer(c.id));
	answer(rs, status, o);
}

static void answer_catalog(struct http_request *rq, struct http_response *rs,
			   int status, int64_t id, int with_items)
{
	struct catalog c;

	if (store_catalog_load(rq->wstore, id, rq->arena, &c) != STORE_OK) {
		api_error(rs, 404, "目录不存在");
		return;
	}
	answer(rs, status, json_catalog(&c, with_items));
}

/* --- reading what a person may see --- */

void api_admin_catalogs(struct http_request *rq, struct http_response *rs)
{
	struct catalog_filter f = { NULL, 0, -1, 0 };
	const char *status = query_get(&rq->query, "status");
	const char *region = query_get(&rq->query, "region");
	unsigned r = rq->user->roles;
	struct catalog *v;
	size_t n, total = 0;
	int64_t page, per_page;
	json_t *arr;

	if (status && *status && (f.status = catalog_status_parse(status)) < 0) {
		api_error(rs, 400, "status 只能是 draft、submitted、approved、"
			  "published");
		return;
	}
	if (query_int(&rq->query, "page", 1, 1000000, 1, &page) ||
	    query_int(&rq->query, "per_page", 1, 100, 20, &per_page)) {
		api_error(rs, 400, "page 须为正整数，per_page 为 1 到 100");
		return;
	}
	if (!(r & (ROLE_OFFICE | ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) ||
	    !rq->user->region_code) {
		api_error(rs, 403, "没有权限：三员账号不处理公开事项目录");
		return;
	}
	f.region = region && *region ? region : !(r & ROLE_OFFICE) ?
		rq->user->region_code : NULL;
	if (store_catalog_list(rq->wstore, &f, rq->arena, &v, &n) != STORE_OK) {
		api_error(rs, 500, "读取目录失败");
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		bool in = !strcmp(v[i].region_code, rq->user->region_code) ||
			((r & ROLE_OFFICE) &&
			 authz_allows(rq->wstore, rq->actor, AZ_CATALOG_REVIEW, 0,
				      v[i].region_code));

		if (!in || !catalog_may_view(rq->wstore, rq->actor, &v[i]))
			continue;
		if (total >= (size_t)((page - 1) * per_page) &&
		    total < (size_t)(page * per_page))
			json_array_append_new(arr, json_catalog(&v[i], 0));
		total++;
	}
	answer(rs, 200, json_pack("{s:o, s:I, s:I, s:I}", "catalogs", arr,
				  "total", (json_int_t)total, "page",
				  (json_int_t)page, "per_page",
				  (json_int_t)per_page));
}

void api_admin_catalog(struct http_request *rq, struct http_response *rs)
{
	struct catalog c;
	struct catalog_drift dr;
	struct errors err = ERRORS_INIT;
	bool edit, review;
	json_t *o, *acts;

	if (load_visible(rq, rs, &c))
		return;
	edit = authz_allows(rq->wstore, rq->actor, AZ_CATALOG_EDIT, 0,
			    c.region_code);
	review = authz_allows(rq->wstore, rq->actor, AZ_CATALOG_REVIEW, 0,
			      c.region_code);
	o = json_catalog(&c, 1);
	acts = json_array();
	if (c.status == CATALOG_DRAFT && edit) {
		json_array_append_new(acts, json_string("edit"));
		json_array_append_new(acts, json_string("submit"));
	}
	if (c.status == CATALOG_SUBMITTED && review)
		json_array_append_new(acts, json_string("approve"));
	if ((c.status == CATALOG_SUBMITTED || c.status == CATALOG_APPROVED) &&
	    review)
		json_array_append_new(acts, json_string("reject"));
	if (c.status == CATALOG_APPROVED && review)
		json_array_append_new(acts, json_string("publish"));
	if (c.status == CATALOG_PUBLISHED && (rq->user->roles & ROLE_EDITOR) &&
	    rq->user->region_code &&
	    store_region_is_below(rq->wstore, rq->user->region_code,
				  c.region_code))
		json_array_append_new(acts, json_string("derive"));
	if (edit && c.parent_id && catalog_drift(rq->wstore, c.id, rq->arena,
						 &dr, &err) == 0) {
		if (dr.has_newer)
			json_array_append_new(acts, json_string("rebase"));
		catalog_drift_release(&dr);
	}
	json_object_set_new(o, "allowed_actions", acts);
	errors_release(&err);
	answer(rs, 200, o);
}

/* --- derive, items, import --- */

void api_catalog_derive(struct http_request *rq, struct http_response *rs)
{
	json_t *in, *drop, *e;
	const char *region, *version;
	int64_t *ids, nid;
	size_t n = 0, i;
	struct errors err = ERRORS_INIT;

	if (must_change(rq, rs) || !(in = body_json(rq, rs, true)))
		return;
	drop = json_object_get(in, "drop");
	if (opt_string(rq, rs, in, "region", &region))
		goto out;
	if (!region)
		region = rq->user->region_code;
	if (region && !authz_allows(rq->wstore, rq->actor, AZ_CATALOG_EDIT, 0,
				    region)) {
		api_error(rs, 403, arena_printf(rq->arena, "没有权限：%s",
			  authz_action_label(AZ_CATALOG_EDIT)));
		goto out;
	}
	if (opt_string(rq, rs, in, "version", &version))
		goto out;
	if (drop && !json_is_array(drop)) {
		api_error(rs, 400, "drop 须为事项编号的数组");
		goto out;
	}
	ids = arena_alloc(rq->arena, (json_array_size(drop) + 1) * sizeof(*ids));
	json_array_foreach(drop, i, e) {
		if (!json_is_integer(e) || json_integer_value(e) <= 0) {
			api_error(rs, 400, "drop 须为事项编号（正整数）的数组");
			goto out;
		}
		ids[n++] = json_integer_value(e);
	}
	nid = catalog_user_derive(rq->wstore, rq->actor, param_id(rq, 0), region,
				  ids, n, version, &err);
	if (nid)
		answer_catalog(rq, rs, 201, nid, 1);
	else
		fail(rs, 400, &err);
out:
	json_decref(in);
	errors_release(&err);
}

void api_catalog_item_add(struct http_request *rq, struct http_response *rs)
{
	static const char *const extra[] = { "reason", NULL };
	struct item_cell cells[NJSON_COLS + 2];
	const char *name, *reason;
	json_t *in, *parent;
	int64_t id = param_id(rq, 0), nid;
	size_t n;
	struct errors err = ERRORS_INIT;

	if (must_change(rq, rs) || edit_guard(rq, rs) ||
	    !(in = body_json(rq, rs, false)))
		return;
	parent = json_object_get(in, "parent_id");
	if (parent && !json_is_null(parent) &&
	    (!json_is_integer(parent) || json_integer_value(parent) <= 0)) {
		api_error(rs, 400, "parent_id 须为上级事项编号（一级事项为 null）");
		goto out;
	}
	if (opt_string(rq, rs, in, "name", &name) ||
	    opt_string(rq, rs, in, "reason", &reason) ||
	    json_cells(rq, rs, in, false, extra, cells, &n))
		goto out;
	nid = catalog_user_add_item(rq->wstore, rq->actor, id,
				    json_is_integer(parent) ?
				    json_integer_value(parent) : 0, name, cells, n,
				    reason, &err);
	if (nid)
		answer_item(rq, rs, 201, id, nid);
	else
		fail(rs, 400, &err);
out:
	json_decref(in);
	errors_release(&err);
}

void api_catalog_item_update(struct http_request *rq, struct http_response *rs)
{
	struct item_cell cells[NJSON_COLS + 2];
	json_t *in;
	int64_t id = param_id(rq, 0), item = param_id(rq, 1);
	size_t n;
	struct errors err = ERRORS_INIT;

	if (must_change(rq, rs) || edit_guard(rq, rs) ||
	    !(in = body_json(rq, rs, false)))
		return;
	if (json_cells(rq, rs, in, true, NULL, cells, &n) == 0) {
		if (catalog_user_edit_item(rq->wstore, rq->actor, id, item, cells,
					   n, &err) == 0)
			answer_item(rq, rs, 200, id, item);
		else
			fail(rs, 400, &err);
	}
	json_decref(in);
	errors_release(&err);
}

void api_catalog_item_drop(struct http_request *rq, struct http_response *rs)
{
	int64_t id = param_id(rq, 0), item = param_id(rq, 1);
	struct errors err = ERRORS_INIT;

	if (must_change(rq, rs))
		return;
	if (catalog_user_drop_items(rq->wstore, rq->actor, id, &item, 1,
				    &err) == 0)
		answer_catalog(rq, rs, 200, id, 1);
	else
		fail(rs, 400, &err);
	errors_release(&err);
}

void api_catalog_import(struct http_request *rq, struct http_response *rs)
{
	int64_t id = param_id(rq, 0);
	const char *name = query_get(&rq->query, "filename");
	const void *data = NULL;
	size_t len = 0;
	struct errors err = ERRORS_INIT, notes = ERRORS_INIT;
	json_t *o, *arr;

	if (must_change(rq, rs) || edit_guard(rq, rs))
		return;
	if (rq->nparts) {
		for (size_t i = 0; i < rq->nparts && !data; i++)
			if (rq->parts[i].filename && !strcmp(rq->parts[i].name, "file")) {
				data = rq->parts[i].data;
				len = rq->parts[i].len;
				name = rq->parts[i].filename;
			}
	} else if (rq->body && strncmp(rq->content_type, "application/json", 16) &&
		   strncmp(rq->content_type, "application/x-www-form-urlencoded",
			   33)) {
		data = rq->body;
		len = rq->body_len;
		if (!name)
			name = !strncmp(rq->content_type, "text/csv", 8) ?
				"upload.csv" : "upload.xlsx";
	}
	if (!data || !len) {
		api_error(rs, 400, "请上传文件：multipart/form-data 的 file 字段，"
			  "或把 .xlsx/.csv 文件作为请求体（?filename=文件名）");
		goto out;
	}
	if (catalog_user_import(rq->wstore, rq->actor, id, name, data, len, &err,
				&notes) < 0) {
		fail(rs, 422, &err);	/* every problem, nothing written */
		goto out;
	}
	{
		struct catalog c;

		if (store_catalog_load(rq->wstore, id, rq->arena, &c) != STORE_OK) {
			api_error(rs, 404, "目录不存在");
			goto out;
		}
		o = json_catalog(&c, 1);
	}
	arr = json_array();
	for (size_t i = 0; i < notes.n; i++)
		json_array_append_new(arr, json_string(notes.msg[i]));
	json_object_set_new(o, "notes", arr);
	answer(rs, 200, o);
out:
	errors_release(&err);
	errors_release(&notes);
}

/* --- review --- */

void api_catalog_act(struct http_request *rq, struct http_response *rs)
{
	int64_t id = param_id(rq, 0);
	int act = catalog_action_parse(rq->params[1]);
	struct errors err = ERRORS_INIT;
	const char *reason = NULL;
	json_t *in;

	if (must_change(rq, rs))
		return;
	if (act < 0) {
		api_error(rs, 404, "没有这个操作（submit、approve、reject、publish）");
		return;
	}
	if (!(in = body_json(rq, rs, true)))
		return;
	if (opt_string(rq, rs, in, "reason", &reason) == 0) {
		if (catalog_user_transition(rq->wstore, rq->actor, id, act, reason,
					    &err) == 0)
			answer_catalog(rq, rs, 200, id, 0);
		else
			fail(rs, 400, &err);
	}
	json_decref(in);
	errors_release(&err);
}

/* The diff of a to b as `gongkai catalog diff --json` prints it. */
static json_t *diff_json(const struct catalog *a, const struct catalog *b,
			 const struct catalog_diff *d, const int *child_has,
			 struct arena *ar)
{
	static const char *const kinds[] = { "added", "removed", "changed" };
	json_t *arr = json_array();

	for (size_t i = 0; i < d->n; i++) {
		const struct diff_entry *e = &d->v[i];
		const struct catalog *c = e->b >= 0 ? b : a;
		int idx = e->b >= 0 ? e->b : e->a;
		json_t *o = json_pack("{s:s, s:s}", "change", kinds[e->kind],
				      "path", catalog_item_path(c, (size_t)idx, ar));

		json_object_set_new(o, "a_item", e->a >= 0 ?
				    json_integer(a->items[e->a].id) : json_null());
		json_object_set_new(o, "b_item", e->b >= 0 ?
				    json_integer(b->items[e->b].id) : json_null());
		if (e->kind == DIFF_ADDED)
			json_object_set_new(o, "local_reason",
					    c->items[idx].local_reason ?
					    json_string(c->items[idx].local_reason) :
					    json_null());
		if (e->kind == DIFF_CHANGED) {
			json_t *cols = json_array();

			for (int f = 0; f < F__MAX; f++)
				if (e->fields & (1u << f))
					json_array_append_new(cols, json_pack(
						"{s:s, s:s}", "column",
						item_field_code((enum item_field)f),
						"label",
						item_field_label((enum item_field)f)));
			json_object_set_new(o, "columns", cols);
		}
		if (child_has)
			json_object_set_new(o, "child_has_item", child_has[i] < 0 ?
					    json_null() : json_boolean(child_has[i]));
		json_array_append_new(arr, o);
	}
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "a", (json_int_t)a->id,
			 "b", (json_int_t)b->id, "added", (json_int_t)d->added,
			 "removed", (json_int_t)d->removed, "changed",
			 (json_int_t)d->changed, "changes", arr);
}

void api_catalog_diff(struct http_request *rq, struct http_response *rs)
{
	const char *against = query_get(&rq->query, "against");
	struct catalog c, o;
	struct catalog_diff d;
	int64_t other;
	json_t *j;

	if (against && strcmp(against, "parent") && strcmp(against, "previous")) {
		api_error(rs, 400, "against 只能是 parent（上级目录）或 previous"
			  "（上一版本）");
		return;
	}
	if (!against)
		against = "parent";
	if (load_visible(rq, rs, &c))
		return;
	other = !strcmp(against, "parent") ? c.parent_id :
		catalog_previous(rq->wstore, &c, rq->arena);
	if (!other || store_catalog_load(rq->wstore, other, rq->arena, &o) !=
	    STORE_OK) {
		api_error(rs, 404, !strcmp(against, "parent") ?
			  "这是参考目录，没有上级目录" : "没有上一版本");
		return;
	}
	catalog_diff(&o, &c, &d);
	j = diff_json(&o, &c, &d, NULL, rq->arena);
	catalog_diff_release(&d);
	json_object_set_new(j, "against", json_string(against));
	answer(rs, 200, j);
}

static json_t *notes_json(const struct rebase_result *res)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < res->nnotes; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}",
			"kind", rebase_kind_code(res->notes[i].kind),
			"label", rebase_kind_label(res->notes[i].kind),
			"path", res->notes[i].path,
			"detail", res->notes[i].detail));
	return arr;
}

void api_catalog_drift(struct http_request *rq, struct http_response *rs)
{
	struct catalog c;
	struct catalog_drift dr;
	struct errors err = ERRORS_INIT;
	json_t *j;

	if (load_visible(rq, rs, &c))
		return;
	if (catalog_drift(rq->wstore, c.id, rq->arena, &dr, &err)) {
		fail(rs, 400, &err);
		errors_release(&err);
		return;
	}
	j = json_pack("{s:I, s:b, s:b}", "catalog", (json_int_t)c.id, "derived",
		      dr.has_parent, "drift", dr.has_newer);
	if (dr.has_parent)
		json_object_set_new(j, "parent", json_integer(dr.parent.id));
	if (dr.has_newer) {
		json_object_set_new(j, "latest", json_integer(dr.latest.id));
		json_object_set_new(j, "changes", diff_json(&dr.parent, &dr.latest,
							    &dr.diff, dr.child_has,
							    rq->arena));
		if (authz_allows(rq->wstore, rq->actor, AZ_CATALOG_EDIT, 0,
				 c.region_code)) {
			struct rebase_result res;
			struct errors perr = ERRORS_INIT;

			/* what POST …/rebase would do, with its default version */
			if (catalog_rebase_preview(rq->wstore, c.id, dr.latest.id,
						   NULL, rq->arena, &res,
						   &perr) == 0) {
				json_object_set_new(j, "rebase_preview", json_pack(
					"{s:I, s:o}", "conflicts",
					(json_int_t)res.nconflicts, "notes",
					notes_json(&res)));
			} else {
				json_t *probs = json_array();

				for (size_t i = 0; i < perr.n; i++)
					json_array_append_new(probs,
						json_string(perr.msg[i]));
				json_object_set_new(j, "rebase_preview",
					json_pack("{s:o}", "problems", probs));
			}
			free(res.notes);
			errors_release(&perr);
		}
	}
	catalog_drift_release(&dr);
	answer(rs, 200, j);
}

void api_catalog_rebase(struct http_request *rq, struct http_response *rs)
{
	int64_t id = param_id(rq, 0), onto = 0;
	struct errors err = ERRORS_INIT;
	struct rebase_result res;
	const char *version;
	json_t *in, *v;

	memset(&res, 0, sizeof(res));
	if (must_change(rq, rs) || edit_guard(rq, rs) ||
	    !(in = body_json(rq, rs, true)))
		return;
	v = json_object_get(in, "onto");
	if (v && (!json_is_integer(v) || json_integer_value(v) <= 0)) {
		api_error(rs, 400, "onto 须为新的上级目录编号");
		goto out;
	}
	if (opt_string(rq, rs, in, "version", &version))
		goto out;
	if (v) {
		onto = json_integer_value(v);
	} else {
		/* the newest published version of the parent */
		struct catalog c;
		struct catalog_drift dr;

		if (load_visible(rq, rs, &c))
			goto out;
		if (catalog_drift(rq->wstore, id, rq->arena, &dr, &err)) {
			fail(rs, 400, &err);
			goto out;
		}
		onto = dr.has_newer ? dr.latest.id : 0;
		catalog_drift_release(&dr);
		if (!onto) {
			api_error(rs, 409, dr.has_parent ?
				  "上级目录没有更新的已发布版本，无需变基" :
				  "这是参考目录，不是派生出来的，无需变基");
			goto out;
		}
	}
	if (catalog_user_rebase(rq->wstore, rq->actor, id, onto, version,
				rq->arena, &res, &err)) {
		fail(rs, 400, &err);
		goto out;
	}
	{
		struct catalog nc;
		json_t *o = json_pack("{s:I, s:I, s:I, s:o}", "id",
				      (json_int_t)res.id, "onto", (json_int_t)onto,
				      "conflicts", (json_int_t)res.nconflicts,
				      "notes", notes_json(&res));

		if (store_catalog_head(rq->wstore, res.id, rq->arena, &nc) ==
		    STORE_OK)
			json_object_set_new(o, "catalog", json_catalog(&nc, 0));
		answer(rs, 201, o);
	}
out:
	free(res.notes);
	json_decref(in);
	errors_release(&err);
}
