/* api-write.c: the write half of /api/v1 — sessions, and records through
 * the same workflow as the back office (parity with the browser)
 *
 * Requests and answers are JSON.  The server has checked the session and,
 * for every write, the X-CSRF-Token header; authorisation and validation
 * happen in the domain layer, whose Chinese messages are returned as
 * {"error": {"status": N, "message": "…", "problems": [...]}}.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "json-record.h"
#include "../domain/account.h"
#include "../domain/authz.h"
#include "../domain/record.h"
#include "../domain/workflow.h"
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

/* The domain's messages: 403 for authorisation, 404 for missing things,
 * else 'status'. */
static void fail(struct http_response *rs, int status, const struct errors *err)
{
	json_t *probs = json_array();

	for (size_t i = 0; i < err->n; i++) {
		json_array_append_new(probs, json_string(err->msg[i]));
		if (strstr(err->msg[i], "没有权限"))
			status = 403;
		else if (status != 403 && strstr(err->msg[i], "不存在"))
			status = 404;
	}
	answer(rs, status, json_pack("{s:{s:i, s:s, s:o}}", "error", "status",
				     status, "message", err->n ? err->msg[0] :
				     "操作未完成", "problems", probs));
}

/* The JSON body; NULL after answering 400/415. */
static json_t *body_json(struct http_request *rq, struct http_response *rs)
{
	json_error_t je;
	json_t *v;

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

static json_t *user_json(const struct user *u)
{
	struct buf roles = BUF_INIT;
	json_t *o;

	roles_format(&roles, u->roles);
	o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:I, s:s, s:b}", "id",
		      (json_int_t)u->id, "username", u->username, "display_name",
		      u->display_name, "unit_id", (json_int_t)u->unit_id,
		      "unit_name", u->unit_name, "roles", (json_int_t)u->roles,
		      "roles_label", roles.buf, "must_change", u->must_change);
	buf_release(&roles);
	return o;
}

void api_session_create(struct http_request *rq, struct http_response *rs)
{
	json_t *in = body_json(rq, rs);
	const char *name, *pw;
	struct errors err = ERRORS_INIT;
	struct login out;
	enum login_result r;

	if (!in)
		return;
	name = json_string_value(json_object_get(in, "username"));
	pw = json_string_value(json_object_get(in, "password"));
	if (!name || !pw) {
		api_error(rs, 400, "须给出 username 和 password");
	} else if ((r = account_login(rq->wstore, name, pw, rq->client, rq->arena,
				      &out, &err)) != LOGIN_OK) {
		fail(rs, r == LOGIN_LOCKED ? 429 : 401, &err);
	} else {
		rs->set_cookie = arena_printf(rq->arena, "gk_session=%s; Path=/; "
					      "HttpOnly; SameSite=Lax%s", out.token,
					      rq->https ? "; Secure" : "");
		answer(rs, 201, json_pack("{s:s, s:o}", "csrf_token", out.csrf,
					  "user", user_json(&out.user)));
	}
	json_decref(in);
	errors_release(&err);
}

void api_session_delete(struct http_request *rq, struct http_response *rs)
{
	account_logout(rq->wstore, rq->session_token);
	rs->set_cookie = "gk_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
	answer(rs, 200, json_pack("{s:b}", "signed_out", 1));
}

void api_session_get(struct http_request *rq, struct http_response *rs)
{
	answer(rs, 200, json_pack("{s:o, s:s}", "user", user_json(rq->user),
				  "csrf_token", rq->session->csrf));
}

void api_session_password(struct http_request *rq, struct http_response *rs)
{
	json_t *in = body_json(rq, rs);
	const char *old, *pw;
	struct errors err = ERRORS_INIT;

	if (!in)
		return;
	old = json_string_value(json_object_get(in, "old_password"));
	pw = json_string_value(json_object_get(in, "new_password"));
	if (!old || !pw)
		api_error(rs, 400, "须给出 old_password 和 new_password");
	else if (account_set_password(rq->wstore, rq->actor, rq->user->id, old, pw,
				      &err))
		fail(rs, 400, &err);
	else {
		/* every session of the user ended: sign in again */
		rs->set_cookie = "gk_session=; Path=/; Max-Age=0; HttpOnly; "
			"SameSite=Lax";
		answer(rs, 200, json_pack("{s:b}", "password_changed", 1));
	}
	json_decref(in);
	errors_release(&err);
}

/* Overlay the JSON's content fields on 'r'; -1 after answering 400. */
static int read_content(struct http_request *rq, struct http_response *rs,
			json_t *in, struct record *r)
{
	static const struct { const char *key; size_t off; } strs[] = {
		{ "title", offsetof(struct record, title) },
		{ "doc_no", offsetof(struct record, doc_no) },
		{ "publisher", offsetof(struct record, publisher) },
		{ "written_on", offsetof(struct record, written_on) },
		{ "topic", offsetof(struct record, topic) },
		{ "legal_ground", offsetof(struct record, legal_ground) },
		{ "body_md", offsetof(struct record, body_md) },
		{ "publish_at", offsetof(struct record, publish_at) },
	};
	json_t *v, *el;
	const char *key;

	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		v = json_object_get(in, strs[i].key);
		if (!v)
			continue;
		if (!json_is_string(v) && !json_is_null(v)) {
			api_error(rs, 400, arena_printf(rq->arena, "字段 %s 须为字符串",
							strs[i].key));
			return -1;
		}
		*(const char **)((char *)r + strs[i].off) = json_is_null(v) ? NULL :
			arena_strdup(rq->arena, json_string_value(v));
	}
	if ((v = json_object_get(in, "validity"))) {
		int x = record_validity_parse(json_string_value(v));
		if (x < 0) {
			api_error(rs, 400, "validity 只能是 valid、expired、repealed"
				  "（有效、失效、废止）");
			return -1;
		}
		r->validity = x;
	}
	if ((v = json_object_get(in, "disclosure"))) {
		int x = record_disclosure_parse(json_string_value(v));
		if (x < 0) {
			api_error(rs, 400, "disclosure 只能是 active、on_request、none"
				  "（主动公开、依申请公开、不予公开）");
			return -1;
		}
		r->disclosure = x;
	}
	if ((el = json_object_get(in, "elements"))) {
		if (!json_is_object(el)) {
			api_error(rs, 400, "elements 须为对象：{\"要素名\": \"值\"}");
			return -1;
		}
		r->nvalues = 0;
		r->values = arena_alloc(rq->arena, (json_object_size(el) + 1) *
					sizeof(*r->values));
		json_object_foreach(el, key, v) {
			if (!json_is_string(v)) {
				api_error(rs, 400, "elements 的值须为字符串");
				return -1;
			}
			r->values[r->nvalues].element = arena_strdup(rq->arena, key);
			r->values[r->nvalues].value = arena_strdup(rq->arena,
				json_string_value(v));
			r->nvalues++;
		}
	}
	if (r->publish_at && !*r->publish_at)
		r->publish_at = NULL;
	return 0;
}

static void answer_record(struct http_request *rq, struct http_response *rs,
			  int status, int64_t id)
{
	struct record r;

	if (store_record_get(rq->wstore, id, rq->arena, &r) != STORE_OK) {
		api_error(rs, 404, "信息不存在");
		return;
	}
	answer(rs, status, json_record(&r));
}

void api_record_create(struct http_request *rq, struct http_response *rs)
{
	json_t *in;
	struct record r = { 0 };
	struct errors err = ERRORS_INIT;
	json_t *item;
	int64_t id;

	if (must_change(rq, rs) || !(in = body_json(rq, rs)))
		return;
	item = json_object_get(in, "item_id");
	if (!json_is_integer(item) || json_integer_value(item) <= 0) {
		api_error(rs, 400, "须给出 item_id（公开事项编号）");
	} else if (read_content(rq, rs, in, &r) == 0) {
		r.item_id = json_integer_value(item);
		r.unit_id = rq->user->unit_id;
		if (!r.title)
			r.title = "";
		id = workflow_create(rq->wstore, rq->actor, &r, &err);
		if (id)
			answer_record(rq, rs, 201, id);
		else
			fail(rs, 400, &err);
	}
	json_decref(in);
	errors_release(&err);
}

void api_record_update(struct http_request *rq, struct http_response *rs)
{
	json_t *in;
	struct record r;
	struct errors err = ERRORS_INIT;
	int64_t id = strtoll(rq->params[0], NULL, 10);

	if (must_change(rq, rs) || !(in = body_json(rq, rs)))
		return;
	if (store_record_get(rq->wstore, id, rq->arena, &r) != STORE_OK)
		api_error(rs, 404, "信息不存在");
	else if (read_content(rq, rs, in, &r) == 0) {
		if (workflow_edit(rq->wstore, rq->actor, id, &r, &err) == 0)
			answer_record(rq, rs, 200, id);
		else
			fail(rs, 400, &err);
	}
	json_decref(in);
	errors_release(&err);
}

void api_record_act(struct http_request *rq, struct http_response *rs)
{
	int64_t id = strtoll(rq->params[0], NULL, 10);
	int act = record_action_parse(rq->params[1]);
	struct errors err = ERRORS_INIT;
	const char *reason = NULL;
	json_t *in = NULL;

	if (must_change(rq, rs))
		return;
	if (act < 0) {
		api_error(rs, 404, "没有这个操作（submit、pass、return、withdraw、"
			  "delete、restore）");
		return;
	}
	if (rq->body && rq->body_len) {
		if (!(in = body_json(rq, rs)))
			return;
		reason = json_string_value(json_object_get(in, "reason"));
	}
	if (workflow_act(rq->wstore, rq->actor, id, act, reason, &err) == 0)
		answer_record(rq, rs, 200, id);
	else
		fail(rs, 409, &err);
	json_decref(in);
	errors_release(&err);
}

void api_admin_records(struct http_request *rq, struct http_response *rs)
{
	static const struct { const char *code; int status, deleted; } q[] = {
		{ "todo", RECORD_DRAFT, 0 }, { "review", RECORD_REVIEW, 0 },
		{ "sign", RECORD_SIGN, 0 }, { "approve", RECORD_APPROVE, 0 },
		{ "scheduled", RECORD_SCHEDULED, 0 },
		{ "published", RECORD_PUBLISHED, 0 },
		{ "withdrawn", RECORD_WITHDRAWN, 0 }, { "recycle", -1, 1 },
	};
	const char *queue = query_get(&rq->query, "queue");
	struct record_filter f = { 0 };
	struct record *v;
	size_t n, qi = 0;
	int64_t total, page, per_page;
	json_t *arr;

	if (queue) {
		for (qi = 0; qi < sizeof(q) / sizeof(q[0]); qi++)
			if (!strcmp(queue, q[qi].code))
				break;
		if (qi == sizeof(q) / sizeof(q[0])) {
			api_error(rs, 400, "queue 只能是 todo、review、sign、approve、"
				  "scheduled、published、withdrawn、recycle");
			return;
		}
	}
	if (query_int(&rq->query, "page", 1, 1000000, 1, &page) ||
	    query_int(&rq->query, "per_page", 1, 100, 20, &per_page)) {
		api_error(rs, 400, "page 须为正整数，per_page 为 1 到 100");
		return;
	}
	if (rq->user->roles & ROLE_OFFICE)
		f.region_below = rq->user->region_code;
	else if (rq->user->roles & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER))
		f.unit_id = rq->user->unit_id;
	else {
		api_error(rs, 403, "没有权限：三员账号不处理公开信息");
		return;
	}
	f.status = q[qi].status;
	f.deleted = q[qi].deleted;
	f.by_update = true;
	f.limit = per_page;
	f.offset = (page - 1) * per_page;
	store_record_list(rq->wstore, &f, rq->arena, &v, &n, &total);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_record(&v[i]));
	answer(rs, 200, json_pack("{s:o, s:I, s:I, s:I}", "records", arr, "total",
				  (json_int_t)total, "page", (json_int_t)page,
				  "per_page", (json_int_t)per_page));
}

void api_admin_record(struct http_request *rq, struct http_response *rs)
{
	struct record r;
	struct actor *who = rq->actor;
	int64_t id = strtoll(rq->params[0], NULL, 10);
	json_t *o;
	unsigned bits;

	if (store_record_get(rq->wstore, id, rq->arena, &r) != STORE_OK) {
		api_error(rs, 404, "信息不存在");
		return;
	}
	if (!authz_allows(rq->wstore, who, AZ_RECORD_VIEW, r.unit_id,
			  r.region_code)) {
		api_error(rs, 403, "没有权限：查看本单位以外的信息");
		return;
	}
	bits = workflow_allowed(rq->wstore, who, &r);
	o = json_record(&r);
	{
		json_t *acts = json_array();

		for (int a = 0; a < RA__MAX; a++)
			if (bits & (1u << a))
				json_array_append_new(acts,
					json_string(record_action_code(a)));
		json_object_set_new(o, "allowed_actions", acts);
	}
	answer(rs, 200, o);
}
