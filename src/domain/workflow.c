/* workflow.c: see workflow.h */
#include "workflow.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "authz.h"
#include "calendar.h"
#include "catalog.h"
#include "record.h"
#include "../util/buf.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"

static const struct { const char *label, *code; } actions[RA__MAX] = {
	[RA_SUBMIT] = { "送审", "submit" },
	[RA_PASS] = { "通过", "pass" },
	[RA_RETURN] = { "退回", "return" },
	[RA_WITHDRAW] = { "撤回", "withdraw" },
	[RA_DELETE] = { "删除", "delete" },
	[RA_RESTORE] = { "恢复", "restore" },
};

const char *record_action_label(enum record_action act)
{
	return act < RA__MAX ? actions[act].label : "";
}

const char *record_action_code(enum record_action act)
{
	return act < RA__MAX ? actions[act].code : "";
}

int record_action_parse(const char *code)
{
	for (int i = 0; code && i < RA__MAX; i++)
		if (!strcmp(code, actions[i].code) || !strcmp(code, actions[i].label))
			return i;
	return -1;
}

void workflow_steps_parse(const char *text, struct workflow_steps *out)
{
	out->review = text && strstr(text, "review");
	out->sign = text && strstr(text, "sign");
	out->approve = text && strstr(text, "approve");
}

/* --- 索引号 --- */

static const char *unit_code(const struct unit *u, struct arena *a)
{
	if (u->credit_code && *u->credit_code)
		return u->credit_code;
	return arena_printf(a, "%09lld", (long long)u->id);
}

/* The rule with {unit}, {year} and the serial filled in. */
static const char *apply_rule(const char *rule, const char *unit, int year,
			      int serial, struct arena *a)
{
	struct buf b = BUF_INIT;
	const char *out;

	for (const char *p = rule; *p; ) {
		if (!strncmp(p, "{unit}", 6)) {
			buf_adds(&b, unit);
			p += 6;
		} else if (!strncmp(p, "{year}", 6)) {
			buf_addf(&b, "%04d", year);
			p += 6;
		} else if (!strncmp(p, "{serial5}", 9)) {
			buf_addf(&b, "%05d", serial);
			p += 9;
		} else if (!strncmp(p, "{serial6}", 9)) {
			buf_addf(&b, "%06d", serial);
			p += 9;
		} else if (!strncmp(p, "{serial}", 8)) {
			buf_addf(&b, "%d", serial);
			p += 8;
		} else {
			buf_addch(&b, *p++);
		}
	}
	out = arena_strdup(a, b.buf);
	buf_release(&b);
	return out;
}

static int rule_check(const char *rule, struct errors *err)
{
	if (!rule || !*rule || strlen(rule) > 100 ||
	    !utf8_valid(rule, strlen(rule)) ||
	    !(strstr(rule, "{serial}") || strstr(rule, "{serial5}") ||
	      strstr(rule, "{serial6}"))) {
		errors_addf(err, "索引号规则须含流水号 {serial}、{serial5} 或 "
			    "{serial6}（还可用 {unit} 单位代码、{year} 年份），"
			    "不超过 100 个字符");
		return -1;
	}
	return 0;
}

const char *workflow_index_no(struct store *s, const struct unit *u,
			      const char *rule, int year, struct arena *a)
{
	const char *code = unit_code(u, a);

	if (!rule || !*rule)
		rule = "{unit}/{year}-{serial5}";
	for (int serial = 1; serial < 1000000; serial++) {
		const char *no = apply_rule(rule, code, year, serial, a);

		if (!store_record_index_taken(s, no))
			return no;
	}
	return NULL;
}

int workflow_set_unit(struct store *s, const struct actor *who,
		      int64_t unit_id, const char *steps, const char *rule,
		      struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct unit u;
	struct unit_settings old;
	struct workflow_steps w;
	const char *norm;
	int rc = -1;

	if (store_unit_get(s, unit_id, &a, &u, &old) != STORE_OK) {
		errors_addf(err, "单位 %lld 不存在", (long long)unit_id);
		goto out;
	}
	if (authz_require(s, who, AZ_ACCOUNTS, u.id, u.region_code, err))
		goto out;
	for (const char *p = steps; p && *p; ) {
		size_t n = strcspn(p, ",");

		if (!(n == 6 && !memcmp(p, "review", 6)) &&
		    !(n == 4 && !memcmp(p, "sign", 4)) &&
		    !(n == 7 && !memcmp(p, "approve", 7)) && n) {
			errors_addf(err, "流程步骤只能是 review（审核）、sign（签发）、"
				    "approve（审批）");
			goto out;
		}
		p += n + (p[n] == ',');
	}
	workflow_steps_parse(steps, &w);
	norm = arena_printf(&a, "%s%s%s%s%s", w.review ? "review" : "",
			    w.review && (w.sign || w.approve) ? "," : "",
			    w.sign ? "sign" : "", w.sign && w.approve ? "," : "",
			    w.approve ? "approve" : "");
	if (!rule)
		rule = old.index_rule;
	if (rule_check(rule, err) || store_begin(s, err) != STORE_OK)
		goto out;
	if (store_unit_set_workflow(s, unit_id, norm, rule, err) != STORE_OK ||
	    audit_append(s, who, "unit.workflow", "unit",
			 arena_printf(&a, "%lld", (long long)unit_id),
			 u.region_code, unit_id,
			 arena_printf(&a, "{\"workflow\":\"%s\"}", old.workflow),
			 arena_printf(&a, "{\"workflow\":\"%s\"}", norm),
			 arena_printf(&a, "设置 %s 的发布流程与索引号规则", u.name),
			 err)) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s, err) == STORE_OK ? 0 : -1;
out:
	arena_release(&a);
	return rc;
}

/* --- snapshots and revisions --- */

static const char *const validity_codes[] = { "valid", "expired", "repealed" };
static const char *const disclosure_codes[] = { "active", "on_request", "none" };

static json_t *str_json(const char *s)
{
	return json_string(s ? s : "");
}

static char *snapshot(const struct record *r)
{
	json_t *o = json_object(), *el = json_array();
	char *text;

	json_object_set_new(o, "title", str_json(r->title));
	json_object_set_new(o, "index_no", str_json(r->index_no));
	json_object_set_new(o, "doc_no", str_json(r->doc_no));
	json_object_set_new(o, "publisher", str_json(r->publisher));
	json_object_set_new(o, "written_on", str_json(r->written_on));
	json_object_set_new(o, "published_on", str_json(r->published_on));
	json_object_set_new(o, "validity", json_string(validity_codes[r->validity]));
	json_object_set_new(o, "topic", str_json(r->topic));
	json_object_set_new(o, "disclosure",
			    json_string(disclosure_codes[r->disclosure]));
	json_object_set_new(o, "legal_ground", str_json(r->legal_ground));
	for (size_t i = 0; i < r->nvalues; i++)
		json_array_append_new(el, json_pack("{s:s, s:s}", "e",
			r->values[i].element, "v", r->values[i].value));
	json_object_set_new(o, "elements", el);
	json_object_set_new(o, "body_md", str_json(r->body_md));
	json_object_set_new(o, "status",
			    json_string(record_status_code(r->status)));
	json_object_set_new(o, "publish_at", str_json(r->publish_at));
	json_object_set_new(o, "return_reason", str_json(r->return_reason));
	json_object_set_new(o, "withdraw_reason", str_json(r->withdraw_reason));
	json_object_set_new(o, "due_on", str_json(r->due_on));
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

/* Revision + audit for a change of 'r' (already updated), in the
 * caller's transaction. */
static int record_history(struct store *s, const struct actor *who,
			  const struct record *r, const char *before,
			  const char *action, const char *note,
			  const char *detail, struct errors *err)
{
	char *after = snapshot(r);
	char now[TIME_TEXT_LEN], id[24];
	struct revision v;
	int rc;

	time_now_text(now);
	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	v.record_id = r->id;
	v.rev = r->rev;
	v.at = now;
	v.actor = who && who->username ? who->username : "命令行";
	v.action = action;
	v.note = note ? note : "";
	v.snapshot = after;
	rc = store_revision_add(s, &v, err) == STORE_OK &&
		audit_append(s, who, action, "record", id, r->region_code,
			     r->unit_id, before, after, detail, err) == 0 ? 0 : -1;
	free(after);
	return rc;
}

/* --- content --- */

/* The published catalog item 'item_id' in the unit's region. */
static int item_for(struct store *s, int64_t item_id, const struct unit *u,
		    struct arena *a, struct catalog *c, struct errors *err)
{
	int64_t cat = store_item_catalog(s, item_id);
	int idx;

	if (!cat || store_catalog_load(s, cat, a, c) != STORE_OK ||
	    (idx = catalog_item_index(c, item_id)) < 0) {
		errors_addf(err, "事项 %lld 不存在", (long long)item_id);
		return -1;
	}
	if (c->status != CATALOG_PUBLISHED) {
		errors_addf(err, "事项「%s」所属的目录尚未发布，不能在其下发布信息",
			    c->items[idx].name);
		return -1;
	}
	if (strcmp(c->region_code, u->region_code)) {
		errors_addf(err, "没有权限：事项「%s」属于%s的目录，不是本单位所在"
			    "地区的目录", c->items[idx].name, c->region_name);
		return -1;
	}
	if (c->items[idx].level < 2 || catalog_item_has_children(c, (size_t)idx)) {
		errors_addf(err, "「%s」是事项分组，请选择其下的具体事项",
			    c->items[idx].name);
		return -1;
	}
	return idx;
}

/* Copy the content fields of 'in' onto 'r'. */
static void take_content(struct record *r, const struct record *in)
{
	r->title = in->title;
	r->doc_no = in->doc_no;
	r->publisher = in->publisher;
	r->written_on = in->written_on;
	r->validity = in->validity;
	r->topic = in->topic;
	r->disclosure = in->disclosure;
	r->legal_ground = in->disclosure == DISCLOSE_ACTIVE ? "" : in->legal_ground;
	r->values = in->values;
	r->nvalues = in->nvalues;
	r->body_md = in->body_md;
	r->publish_at = in->publish_at && *in->publish_at ? in->publish_at : NULL;
}

static void today_cn(char out[11])
{
	char now[TIME_TEXT_LEN];

	time_now_text(now);
	time_text_date_cn(now, out);
}

/* Checks beyond record_check(): the schedule time. */
static int content_check(const struct record *r, const struct item *it,
			 struct errors *err)
{
	char norm[TIME_TEXT_LEN];
	int problems = record_check(r, it, "", err);

	if (r->publish_at && time_text_add(r->publish_at, 0, norm)) {
		errors_addf(err, "「定时发布时间」: 不是有效的时间");
		problems++;
	}
	return problems ? -1 : 0;
}

/* The due date of 公开时限, counted from 成文日期 (else today). */
static const char *due_date(struct store *s, const struct item *it,
			    const char *written_on, struct arena *a)
{
	struct calendar cal;
	char out[CALENDAR_DATE_LEN], today[11];
	const char *why;

	today_cn(today);
	calendar_load(s, a, &cal);
	if (deadline_for(&cal, &it->tl, written_on && *written_on ? written_on :
			 today, out, &why) != 1)
		return "";
	return arena_strdup(a, out);
}

int64_t workflow_create(struct store *s, const struct actor *who,
			struct record *in, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct unit u;
	struct unit_settings set;
	struct catalog c;
	struct record r = { 0 };
	char today[11];
	int idx, year;
	int64_t id = 0;

	/* who first: someone who may not write here learns nothing more */
	if (authz_require(s, who, AZ_RECORD_EDIT, in->unit_id, NULL, err))
		goto out;
	if (store_unit_get(s, in->unit_id, &a, &u, &set) != STORE_OK) {
		errors_addf(err, "单位 %lld 不存在", (long long)in->unit_id);
		goto out;
	}
	if ((idx = item_for(s, in->item_id, &u, &a, &c, err)) < 0)
		goto out;
	take_content(&r, in);
	if (!r.publisher || !*r.publisher)
		r.publisher = u.name;
	r.region_code = u.region_code;
	r.domain_id = c.domain_id;
	r.lineage = c.items[idx].lineage;
	r.item_id = in->item_id;
	r.unit_id = u.id;
	r.status = RECORD_DRAFT;
	r.created_by = who ? who->user_id : 0;
	r.rev = 1;
	r.published_on = "";
	if (content_check(&r, &c.items[idx], err))
		goto out;
	today_cn(today);
	year = atoi(r.written_on && *r.written_on ? r.written_on : today);
	r.index_no = workflow_index_no(s, &u, set.index_rule, year, &a);
	r.due_on = due_date(s, &c.items[idx], r.written_on, &a);
	if (!r.index_no) {
		errors_addf(err, "本单位 %d 年的索引号已用尽", year);
		goto out;
	}
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_record_insert(s, &r, err) != STORE_OK ||
	    record_history(s, who, &r, NULL, "record.create", NULL,
			   arena_printf(&a, "新建信息「%s」", r.title), err)) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, err) == STORE_OK)
		id = r.id;
out:
	arena_release(&a);
	return id;
}

/* Load record 'id' with its unit; -1 with a message when missing. */
static int load(struct store *s, int64_t id, struct arena *a,
		struct record *r, struct unit *u, struct unit_settings *set,
		struct errors *err)
{
	if (store_record_get(s, id, a, r) != STORE_OK ||
	    store_unit_get(s, r->unit_id, a, u, set) != STORE_OK) {
		errors_addf(err, "信息 %lld 不存在", (long long)id);
		return -1;
	}
	return 0;
}

int workflow_edit(struct store *s, const struct actor *who, int64_t id,
		  const struct record *in, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct record r;
	struct unit u;
	struct unit_settings set;
	struct catalog c;
	char *before = NULL;
	int idx, rc = -1;

	if (load(s, id, &a, &r, &u, &set, err) ||
	    authz_require(s, who, AZ_RECORD_EDIT, u.id, u.region_code, err))
		goto out;
	if (r.status != RECORD_DRAFT || r.deleted_at) {
		errors_addf(err, "只有草稿可以修改（这条信息现在是「%s」%s）",
			    record_status_label(r.status),
			    r.deleted_at ? "，在回收站中" : "");
		goto out;
	}
	if ((idx = item_for(s, r.item_id, &u, &a, &c, err)) < 0)
		goto out;
	before = snapshot(&r);
	take_content(&r, in);
	if (!r.publisher || !*r.publisher)
		r.publisher = u.name;
	if (content_check(&r, &c.items[idx], err))
		goto out;
	r.due_on = due_date(s, &c.items[idx], r.written_on, &a);
	r.rev++;
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_record_update(s, &r, err) != STORE_OK ||
	    record_history(s, who, &r, before, "record.edit", NULL,
			   arena_printf(&a, "修改信息「%s」", r.title), err)) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s, err) == STORE_OK ? 0 : -1;
out:
	free(before);
	arena_release(&a);
	return rc;
}

/* The state a record moves to when it leaves 'from' forward. */
static enum record_status next_step(const struct workflow_steps *w,
				    enum record_status from)
{
	if (from == RECORD_DRAFT && w->review)
		return RECORD_REVIEW;
	if ((from == RECORD_DRAFT || from == RECORD_REVIEW) && w->sign)
		return RECORD_SIGN;
	if (from != RECORD_APPROVE && w->approve)
		return RECORD_APPROVE;
	return RECORD_PUBLISHED;
}

/* Which authorisation the current step asks for. */
static int step_action(enum record_status st)
{
	switch (st) {
	case RECORD_REVIEW: return AZ_RECORD_REVIEW;
	case RECORD_SIGN: return AZ_RECORD_SIGN;
	case RECORD_APPROVE: return AZ_RECORD_APPROVE;
	default: return -1;
	}
}

/* May 'act' be taken on 'r' in its state (ignoring who)? */
static bool state_allows(const struct record *r, enum record_action act)
{
	bool in_bin = r->deleted_at != NULL;

	switch (act) {
	case RA_SUBMIT:
		return !in_bin && r->status == RECORD_DRAFT;
	case RA_PASS:
	case RA_RETURN:
		return !in_bin && step_action(r->status) >= 0;
	case RA_WITHDRAW:
		return !in_bin && (r->status == RECORD_PUBLISHED ||
				   r->status == RECORD_SCHEDULED);
	case RA_DELETE:
		return !in_bin && (r->status == RECORD_DRAFT ||
				   r->status == RECORD_WITHDRAWN);
	case RA_RESTORE:
		return in_bin;
	case RA__MAX:
		break;
	}
	return false;
}

static enum authz_action needed(const struct record *r, enum record_action act)
{
	switch (act) {
	case RA_PASS:
	case RA_RETURN:
		return (enum authz_action)step_action(r->status);
	case RA_WITHDRAW:
		return AZ_RECORD_WITHDRAW;
	default:
		return AZ_RECORD_EDIT;
	}
}

unsigned workflow_allowed(struct store *s, const struct actor *who,
			  const struct record *r)
{
	unsigned bits = 0;

	for (int act = 0; act < RA__MAX; act++)
		if (state_allows(r, act) &&
		    authz_allows(s, who, needed(r, act), r->unit_id,
				 r->region_code))
			bits |= 1u << act;
	return bits;
}

/* Publication: now, or scheduled when publish_at is still ahead. */
static void publish(struct record *r, struct arena *a)
{
	char now[TIME_TEXT_LEN], today[11];

	time_now_text(now);
	if (r->publish_at && strcmp(r->publish_at, now) > 0) {
		r->status = RECORD_SCHEDULED;
		return;
	}
	r->status = RECORD_PUBLISHED;
	if (!r->published_on || !*r->published_on) {
		today_cn(today);
		r->published_on = arena_strdup(a, today);
	}
}

int workflow_act(struct store *s, const struct actor *who, int64_t id,
		 enum record_action act, const char *reason,
		 struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct record r;
	struct unit u;
	struct unit_settings set;
	struct workflow_steps w;
	char *before = NULL;
	char now[TIME_TEXT_LEN];
	const char *detail;
	int rc = -1;

	if (act >= RA__MAX || load(s, id, &a, &r, &u, &set, err))
		goto out;
	/* who may see it at all, before saying anything about its state */
	if (authz_require(s, who, AZ_RECORD_VIEW, r.unit_id, r.region_code, err))
		goto out;
	if (!state_allows(&r, act)) {
		errors_addf(err, "这条信息现在是「%s」%s，不能%s",
			    record_status_label(r.status),
			    r.deleted_at ? "（在回收站中）" : "",
			    record_action_label(act));
		goto out;
	}
	if (authz_require(s, who, needed(&r, act), r.unit_id, r.region_code,
			  err))
		goto out;
	if ((act == RA_RETURN || act == RA_WITHDRAW) &&
	    (!reason || !*reason || utf8_len(reason) > 500)) {
		errors_addf(err, "%s须写明原因（不超过 500 字）",
			    record_action_label(act));
		goto out;
	}
	before = snapshot(&r);
	workflow_steps_parse(set.workflow, &w);
	time_now_text(now);
	detail = arena_printf(&a, "%s「%s」", record_action_label(act), r.title);
	switch (act) {
	case RA_SUBMIT:
	case RA_PASS:
		r.status = next_step(&w, r.status);
		r.return_reason = "";
		if (r.status == RECORD_PUBLISHED)
			publish(&r, &a);
		break;
	case RA_RETURN:
		r.status = RECORD_DRAFT;
		r.return_reason = reason;
		break;
	case RA_WITHDRAW:
		r.status = RECORD_WITHDRAWN;
		r.withdraw_reason = reason;
		break;
	case RA_DELETE:
		r.deleted_at = arena_strdup(&a, now);
		break;
	case RA_RESTORE:
		r.deleted_at = NULL;
		break;
	case RA__MAX:
		goto out;
	}
	r.rev++;
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_record_update(s, &r, err) != STORE_OK ||
	    record_history(s, who, &r, before,
			   arena_printf(&a, "record.%s", record_action_code(act)),
			   reason, detail, err)) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s, err) == STORE_OK ? 0 : -1;
out:
	free(before);
	arena_release(&a);
	return rc;
}

/* Fill 'r's content fields from a snapshot. */
static int from_snapshot(const char *text, struct record *r, struct arena *a)
{
	json_t *o = json_loads(text, 0, NULL), *el, *v;
	size_t i;

#define GETS(key) arena_strdup(a, json_string_value(json_object_get(o, key)))
	if (!json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	r->title = GETS("title");
	r->doc_no = GETS("doc_no");
	r->publisher = GETS("publisher");
	r->written_on = GETS("written_on");
	r->topic = GETS("topic");
	r->legal_ground = GETS("legal_ground");
	r->body_md = GETS("body_md");
	r->publish_at = GETS("publish_at");
	r->validity = record_validity_parse(GETS("validity")) < 0 ? 0 :
		record_validity_parse(GETS("validity"));
	r->disclosure = record_disclosure_parse(GETS("disclosure")) < 0 ? 0 :
		record_disclosure_parse(GETS("disclosure"));
	el = json_object_get(o, "elements");
	r->nvalues = 0;
	r->values = arena_alloc(a, (json_array_size(el) + 1) * sizeof(*r->values));
	json_array_foreach(el, i, v) {
		r->values[r->nvalues].element = arena_strdup(a,
			json_string_value(json_object_get(v, "e")));
		r->values[r->nvalues].value = arena_strdup(a,
			json_string_value(json_object_get(v, "v")));
		if (r->values[r->nvalues].element && r->values[r->nvalues].value)
			r->nvalues++;
	}
#undef GETS
	json_decref(o);
	return 0;
}

int workflow_restore_revision(struct store *s, const struct actor *who,
			      int64_t id, int rev, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct revision v;
	struct record content = { 0 };
	int rc = -1;

	if (store_revision_get(s, id, rev, &a, &v) != STORE_OK) {
		errors_addf(err, "信息 %lld 没有第 %d 版", (long long)id, rev);
		goto out;
	}
	if (from_snapshot(v.snapshot, &content, &a)) {
		errors_addf(err, "第 %d 版的内容无法读取", rev);
		goto out;
	}
	rc = workflow_edit(s, who, id, &content, err);
out:
	arena_release(&a);
	return rc;
}

int workflow_publish_due(struct store *s, const char *now, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct actor system;
	int64_t *ids;
	size_t n;
	int done = 0;

	memset(&system, 0, sizeof(system));
	system.username = "定时发布";
	system.roles = ACTOR_SYSTEM;
	system.client = "服务器";
	if (store_record_due_scheduled(s, now, &a, &ids, &n) != STORE_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct record r;
		char *before;

		if (store_record_get(s, ids[i], &a, &r) != STORE_OK)
			continue;
		before = snapshot(&r);
		r.status = RECORD_PUBLISHED;
		r.publish_at = NULL;	/* publish() would schedule again */
		publish(&r, &a);
		r.rev++;
		if (store_begin(s, err) == STORE_OK &&
		    store_record_update(s, &r, err) == STORE_OK &&
		    record_history(s, &system, &r, before, "record.publish",
				   NULL, arena_printf(&a, "定时发布「%s」", r.title),
				   err) == 0 &&
		    store_commit(s, err) == STORE_OK)
			done++;
		else
			store_rollback(s);
		free(before);
	}
out:
	arena_release(&a);
	return done;
}

/* --- comparing revisions --- */

static const struct { const char *key, *label; } diff_fields[] = {
	{ "title", "标题" }, { "index_no", "索引号" }, { "doc_no", "文号" },
	{ "publisher", "发布机构" }, { "written_on", "成文日期" },
	{ "published_on", "发布日期" }, { "validity", "有效性" },
	{ "topic", "主题分类" }, { "disclosure", "公开属性" },
	{ "legal_ground", "不公开依据" }, { "body_md", "正文" },
	{ "status", "状态" }, { "publish_at", "定时发布时间" },
	{ "return_reason", "退回原因" }, { "withdraw_reason", "撤回原因" },
};

static const char *element_value(json_t *o, const char *name)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(o, "elements"), i, v) {
		const char *e = json_string_value(json_object_get(v, "e"));

		if (e && !strcmp(e, name))
			return json_string_value(json_object_get(v, "v"));
	}
	return NULL;
}

static void push(struct field_change **v, size_t *n, size_t *cap,
		 struct arena *a, const char *label, const char *x,
		 const char *y)
{
	if (*n == *cap) {
		struct field_change *bigger;

		*cap = *cap ? 2 * *cap : 16;
		bigger = arena_alloc(a, *cap * sizeof(*bigger));
		if (*n)
			memcpy(bigger, *v, *n * sizeof(**v));
		*v = bigger;
	}
	(*v)[*n].label = arena_strdup(a, label);
	(*v)[*n].before = arena_strdup(a, x ? x : "");
	(*v)[*n].after = arena_strdup(a, y ? y : "");
	(*n)++;
}

int workflow_diff(const char *snapshot_a, const char *snapshot_b,
		  struct arena *a, struct field_change **out, size_t *n)
{
	json_t *x = json_loads(snapshot_a, 0, NULL);
	json_t *y = json_loads(snapshot_b, 0, NULL);
	size_t cap = 0, i;
	json_t *v;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (!json_is_object(x) || !json_is_object(y))
		goto out;
	for (i = 0; i < sizeof(diff_fields) / sizeof(diff_fields[0]); i++) {
		const char *p = json_string_value(json_object_get(x,
							diff_fields[i].key));
		const char *q = json_string_value(json_object_get(y,
							diff_fields[i].key));

		if (strcmp(p ? p : "", q ? q : ""))
			push(out, n, &cap, a, diff_fields[i].label, p, q);
	}
	/* elements: those of either side, in the order they appear */
	json_array_foreach(json_object_get(x, "elements"), i, v) {
		const char *name = json_string_value(json_object_get(v, "e"));
		const char *p = json_string_value(json_object_get(v, "v"));
		const char *q = name ? element_value(y, name) : NULL;

		if (name && strcmp(p ? p : "", q ? q : ""))
			push(out, n, &cap, a, name, p, q);
	}
	json_array_foreach(json_object_get(y, "elements"), i, v) {
		const char *name = json_string_value(json_object_get(v, "e"));

		if (name && !element_value(x, name))
			push(out, n, &cap, a, name, NULL,
			     json_string_value(json_object_get(v, "v")));
	}
	rc = 0;
out:
	json_decref(x);
	json_decref(y);
	return rc;
}
