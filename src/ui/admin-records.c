/* admin-records.c: records in the back office — the work queues, the form
 * built from the item's 公开内容要素, the workflow buttons, attachments and
 * the revision history
 *
 * Everything that changes data goes through workflow.h, which checks
 * authorisation and writes the audit trail; these pages read, show what
 * the user may do, and turn form fields into a struct record.
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "html.h"
#include "layout.h"
#include "parts.h"
#include "../domain/account.h"
#include "../domain/audit.h"
#include "../domain/authz.h"
#include "../domain/calendar.h"
#include "../domain/catalog.h"
#include "../domain/layout.h"
#include "../domain/record-import.h"
#include "../domain/record.h"
#include "../domain/workflow.h"
#include "../util/errors.h"
#include "../util/timeutil.h"

#define PER_PAGE 20

/* --- queues --- */

struct queue {
	const char *code, *label;
	int status;		/* -1 any */
	int deleted;		/* as record_filter.deleted */
};

static const struct queue queues[] = {
	{ "todo", "待办（草稿与退回）", RECORD_DRAFT, 0 },
	{ "review", "待审", RECORD_REVIEW, 0 },
	{ "sign", "待签", RECORD_SIGN, 0 },
	{ "approve", "待批", RECORD_APPROVE, 0 },
	{ "scheduled", "待发布", RECORD_SCHEDULED, 0 },
	{ "published", "已发", RECORD_PUBLISHED, 0 },
	{ "withdrawn", "已撤回", RECORD_WITHDRAWN, 0 },
	{ "recycle", "回收站", -1, 1 },
};
#define NQUEUES (sizeof(queues) / sizeof(queues[0]))

/* The records a user's lists cover: the office its region's subtree, the
 * others their unit; the three administrators none. */
static bool scope(const struct http_request *rq, struct record_filter *f)
{
	if (rq->user->roles & ROLE_OFFICE) {
		f->region_below = rq->user->region_code;
		return true;
	}
	if (rq->user->roles & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) {
		f->unit_id = rq->user->unit_id;
		return true;
	}
	return false;
}

int64_t admin_queue_count(struct http_request *rq, const char *code);
int64_t admin_queue_count(struct http_request *rq, const char *code)
{
	struct record_filter f = { 0 };
	struct record *v;
	size_t n;
	int64_t total = 0;

	if (!scope(rq, &f))
		return 0;
	for (size_t i = 0; i < NQUEUES; i++)
		if (!strcmp(queues[i].code, code)) {
			f.status = queues[i].status;
			f.deleted = queues[i].deleted;
			f.limit = 1;
			store_record_list(rq->wstore, &f, rq->arena, &v, &n, &total);
		}
	return total;
}

static void status_cell(struct buf *b, const struct record *r)
{
	buf_adds(b, "<span class=\"status status-");
	buf_adds(b, record_status_code(r->status));
	buf_adds(b, "\">");
	buf_adds(b, r->deleted_at ? "回收站" : record_status_label(r->status));
	buf_adds(b, "</span>");
	if (r->status == RECORD_DRAFT && *r->return_reason)
		buf_adds(b, " <span class=\"tag\">已退回</span>");
}

void admin_records(struct http_request *rq, struct http_response *rs)
{
	const char *code = query_get(&rq->query, "queue");
	const struct queue *q = &queues[0];
	struct record_filter f = { 0 };
	struct record *v;
	size_t n;
	int64_t total, page;
	struct buf *b = &rs->body;
	struct errors err = ERRORS_INIT;

	for (size_t i = 0; code && i < NQUEUES; i++)
		if (!strcmp(code, queues[i].code))
			q = &queues[i];
	if (query_int(&rq->query, "page", 1, 1000000, 1, &page)) {
		errors_addf(&err, "页码必须是正整数");
		admin_fail(rq, rs, 400, "参数错误", &err);
		errors_release(&err);
		return;
	}
	if (!scope(rq, &f)) {
		errors_addf(&err, "没有权限：三员账号不处理公开信息");
		admin_fail(rq, rs, 403, "没有权限", &err);
		errors_release(&err);
		return;
	}
	f.status = q->status;
	f.deleted = q->deleted;
	f.by_update = true;
	f.limit = PER_PAGE;
	f.offset = (page - 1) * PER_PAGE;
	store_record_list(rq->wstore, &f, rq->arena, &v, &n, &total);

	admin_begin(rq, b, arena_printf(rq->arena, "信息：%s", q->label));
	buf_adds(b, "<nav aria-label=\"工作队列\"><ul class=\"inline tabs\">");
	for (size_t i = 0; i < NQUEUES; i++) {
		buf_addf(b, "<li><a href=\"/admin/records?queue=%s\"%s>%s "
			 "<span class=\"count\">", queues[i].code,
			 q == &queues[i] ? " aria-current=\"page\"" : "",
			 queues[i].label);
		html_count(b, admin_queue_count(rq, queues[i].code));
		buf_adds(b, "</span></a></li>");
	}
	buf_adds(b, "</ul></nav>\n");
	if (rq->user->roles & ROLE_EDITOR)
		buf_adds(b, "<p><a class=\"button\" href=\"/admin/items\">新建信息</a></p>\n");
	if (!n) {
		buf_adds(b, "<p class=\"empty\">这个队列是空的。</p>\n");
	} else {
		buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
			 "aria-label=\"信息列表\"><table class=\"grid\"><caption>");
		buf_adds(b, q->label);
		buf_adds(b, "</caption><thead><tr><th scope=\"col\">标题</th>"
			 "<th scope=\"col\">单位</th><th scope=\"col\">状态</th>"
			 "<th scope=\"col\">公开时限</th><th scope=\"col\">更新时间</th>"
			 "</tr></thead><tbody>\n");
		for (size_t i = 0; i < n; i++) {
			buf_addf(b, "<tr><th scope=\"row\"><a href=\"/admin/records/%lld\">",
				 (long long)v[i].id);
			html_esc(b, v[i].title);
			buf_adds(b, "</a></th><td>");
			html_esc(b, v[i].unit_name);
			buf_adds(b, "</td><td>");
			status_cell(b, &v[i]);
			buf_adds(b, "</td><td class=\"nw\">");
			html_esc(b, *v[i].due_on ? v[i].due_on : "—");
			buf_adds(b, "</td><td class=\"nw\">");
			html_escn(b, v[i].updated_at, strlen(v[i].updated_at) >= 10 ?
				  10 : strlen(v[i].updated_at));
			buf_adds(b, "</td></tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n");
		layout_pager(b, arena_printf(rq->arena, "/admin/records?queue=%s",
					     q->code), page, PER_PAGE, total);
	}
	admin_end(rq, b);
}

/* --- the form --- */

static const struct { const char *value, *label; } grounds[] = {
	{ "《政府信息公开条例》第十四条：依法确定为国家秘密", "第十四条 国家秘密" },
	{ "《政府信息公开条例》第十四条：法律、行政法规禁止公开",
	  "第十四条 法律、行政法规禁止公开" },
	{ "《政府信息公开条例》第十四条：公开后可能危及国家安全、公共安全、"
	  "经济安全、社会稳定", "第十四条 危及“三安全一稳定”" },
	{ "《政府信息公开条例》第十五条：涉及商业秘密、个人隐私等，公开会对"
	  "第三方合法权益造成损害", "第十五条 商业秘密、个人隐私" },
	{ "《政府信息公开条例》第十六条第一款：内部事务信息（人事管理、后勤管理、"
	  "内部工作流程）", "第十六条第一款 内部事务信息" },
	{ "《政府信息公开条例》第十六条第二款：过程性信息（讨论记录、过程稿、"
	  "磋商信函、请示报告）或行政执法案卷信息",
	  "第十六条第二款 过程性信息、行政执法案卷" },
};

static void text_field(struct buf *b, const char *name, const char *label,
		       const char *value, bool required, const char *type,
		       const char *hint)
{
	buf_addf(b, "<p><label for=\"f-%s\">%s%s</label>\n<input id=\"f-%s\" "
		 "name=\"%s\" type=\"%s\"%s value=\"", name, label,
		 required ? "<span class=\"req\" aria-hidden=\"true\">*</span>" : "",
		 name, name, type, required ? " required" : "");
	html_esc(b, value ? value : "");
	buf_adds(b, "\"");
	if (hint)
		buf_addf(b, " aria-describedby=\"h-%s\"", name);
	buf_adds(b, "></p>\n");
	if (hint)
		buf_addf(b, "<p id=\"h-%s\" class=\"meta\">%s</p>\n", name, hint);
}

static const char *value_of(const struct record *r, const char *element)
{
	for (size_t i = 0; r && i < r->nvalues; i++)
		if (!strcmp(r->values[i].element, element))
			return r->values[i].value;
	return "";
}

/* Beijing "YYYY-MM-DDTHH:MM" of a stored UTC time, for the form. */
static const char *local_time(struct arena *a, const char *utc)
{
	char t[TIME_TEXT_LEN];

	if (!utc || time_text_add(utc, 8 * 3600, t))
		return "";
	return arena_strndup(a, t, 16);
}

static void record_form(struct http_request *rq, struct buf *b,
			const char *action, const struct item *it,
			const struct record *r, const char *preview)
{
	const char *disc = r ? record_disclosure_code(r->disclosure) : "active";

	buf_addf(b, "<form method=\"post\" action=\"%s\" class=\"form\">\n", action);
	admin_csrf(rq, b);
	buf_addf(b, "<input type=\"hidden\" name=\"item\" value=\"%lld\">\n",
		 (long long)it->id);
	buf_adds(b, "<fieldset><legend>基本信息</legend>\n");
	text_field(b, "title", "标题", r ? r->title : "", true, "text", NULL);
	text_field(b, "doc_no", "文号", r ? r->doc_no : "", false, "text",
		   "如：岳民发〔2021〕12号；没有文号可不填");
	text_field(b, "publisher", "发布机构", r ? r->publisher : "", false, "text",
		   "不填则为本单位");
	text_field(b, "written_on", "成文日期", r ? r->written_on : "", false,
		   "date", "公开时限从成文日期起算");
	text_field(b, "topic", "主题分类", r ? r->topic : "", false, "text", NULL);
	buf_adds(b, "<p><label for=\"f-validity\">有效性</label>\n<select id=\"f-validity\" "
		 "name=\"validity\">");
	for (int v = 0; v < VALIDITY__MAX; v++)
		buf_addf(b, "<option value=\"%s\"%s>%s</option>",
			 record_validity_code(v),
			 r && r->validity == (enum record_validity)v ? " selected" : "",
			 record_validity_label(v));
	buf_adds(b, "</select></p>\n</fieldset>\n");

	buf_adds(b, "<fieldset><legend>公开属性（拟制时确定）</legend>\n");
	for (int d = 0; d < DISCLOSE__MAX; d++)
		buf_addf(b, "<p class=\"choice\"><input type=\"radio\" id=\"d-%s\" "
			 "name=\"disclosure\" value=\"%s\"%s> <label for=\"d-%s\">%s"
			 "</label></p>\n", record_disclosure_code(d),
			 record_disclosure_code(d),
			 !strcmp(disc, record_disclosure_code(d)) ? " checked" : "",
			 record_disclosure_code(d), record_disclosure_label(d));
	buf_adds(b, "<p><label for=\"f-ground\">不予公开或依申请公开的依据</label>\n"
		 "<select id=\"f-ground\" name=\"legal_ground\" "
		 "aria-describedby=\"h-ground\"><option value=\"\">（主动公开不需要）</option>");
	for (size_t i = 0; i < sizeof(grounds) / sizeof(grounds[0]); i++) {
		bool sel = r && r->legal_ground && !strcmp(r->legal_ground,
							   grounds[i].value);

		buf_adds(b, "<option value=\"");
		html_esc(b, grounds[i].value);
		buf_addf(b, "\"%s>%s</option>", sel ? " selected" : "",
			 grounds[i].label);
	}
	buf_adds(b, "</select></p>\n<p id=\"h-ground\" class=\"meta\">依申请公开或不予公开"
		 "的信息不在公开专栏显示，须写明《政府信息公开条例》的依据。</p>\n"
		 "</fieldset>\n");

	if (it->nelements) {
		buf_adds(b, "<fieldset><legend>公开内容要素</legend>\n");
		for (size_t k = 0; k < it->nelements; k++) {
			const char *name = arena_printf(rq->arena, "el_%zu", k);
			bool req = it->elements[k].required && item_lists_objects(it);

			buf_addf(b, "<p><label for=\"f-%s\">", name);
			html_esc(b, it->elements[k].text);
			buf_addf(b, "%s</label>\n<textarea id=\"f-%s\" name=\"%s\" "
				 "rows=\"2\"%s>", req ?
				 "<span class=\"req\" aria-hidden=\"true\">*</span>" : "",
				 name, name, req ? " required" : "");
			html_esc(b, value_of(r, it->elements[k].text));
			buf_adds(b, "</textarea></p>\n");
		}
		buf_adds(b, "</fieldset>\n");
	}
	buf_adds(b, "<fieldset><legend>正文</legend>\n<p><label for=\"f-body\">正文"
		 "（Markdown：# 标题、**加粗**、- 列表、[链接](https://…)；"
		 "不允许 HTML）</label>\n<textarea id=\"f-body\" name=\"body_md\" "
		 "rows=\"14\">");
	html_esc(b, r ? r->body_md : "");
	buf_adds(b, "</textarea></p>\n");
	if (preview) {
		buf_adds(b, "<section class=\"preview body\" aria-label=\"正文预览\">"
			 "<h2>正文预览</h2>\n");
		html_markdown(b, preview);
		buf_adds(b, "</section>\n");
	}
	buf_adds(b, "</fieldset>\n<fieldset><legend>发布</legend>\n");
	text_field(b, "publish_at", "定时发布（北京时间，可不填）",
		   r ? local_time(rq->arena, r->publish_at) : "", false,
		   "datetime-local", "审批通过后到这个时间才在公开专栏显示");
	buf_adds(b, "</fieldset>\n<p class=\"buttons\"><button type=\"submit\" "
		 "name=\"do\" value=\"save\">保存草稿</button> <button type=\"submit\" "
		 "name=\"do\" value=\"preview\" class=\"secondary\">预览正文</button>"
		 "</p>\n</form>\n");
}

/* The form's fields as a record's content; -1 with messages on bad input
 * that the domain checks cannot see (a malformed time). */
static int read_record(struct http_request *rq, const struct item *it,
		       struct record *r, struct errors *err)
{
	const char *v;
	int x;

	memset(r, 0, sizeof(*r));
	r->title = query_get(&rq->form, "title");
	r->doc_no = query_get(&rq->form, "doc_no");
	r->publisher = query_get(&rq->form, "publisher");
	r->written_on = query_get(&rq->form, "written_on");
	r->topic = query_get(&rq->form, "topic");
	r->body_md = query_get(&rq->form, "body_md");
	r->legal_ground = query_get(&rq->form, "legal_ground");
	x = record_validity_parse(query_get(&rq->form, "validity"));
	r->validity = x < 0 ? VALIDITY_VALID : x;
	x = record_disclosure_parse(query_get(&rq->form, "disclosure"));
	r->disclosure = x < 0 ? DISCLOSE_ACTIVE : x;
	r->values = arena_alloc(rq->arena, (it->nelements + 1) *
				sizeof(*r->values));
	for (size_t k = 0; k < it->nelements; k++) {
		v = query_get(&rq->form, arena_printf(rq->arena, "el_%zu", k));
		if (v && *v) {
			r->values[r->nvalues].element = it->elements[k].text;
			r->values[r->nvalues].value = v;
			r->nvalues++;
		}
	}
	v = query_get(&rq->form, "publish_at");
	if (v && *v) {
		char utc[TIME_TEXT_LEN];
		const char *t = strlen(v) == 16 ?
			arena_printf(rq->arena, "%s:00Z", v) : "";

		if (time_text_add(t, -8 * 3600, utc)) {
			errors_addf(err, "「定时发布」: 时间格式应为 2026-11-24T09:00");
			return -1;
		}
		r->publish_at = arena_strdup(rq->arena, utc);
	}
	if (!r->title)
		r->title = "";
	return 0;
}

/* Item 'id' of a published catalog, with its catalog. */
static const struct item *find_item(struct http_request *rq, int64_t id,
				    struct catalog *c)
{
	int64_t cat = store_item_catalog(rq->wstore, id);
	int idx;

	if (!cat || store_catalog_load(rq->wstore, cat, rq->arena, c) != STORE_OK ||
	    (idx = catalog_item_index(c, id)) < 0)
		return NULL;
	return &c->items[idx];
}

static void form_page(struct http_request *rq, struct http_response *rs,
		      const char *title, const char *action,
		      const struct catalog *c, const struct item *it,
		      const struct record *r, const struct errors *err,
		      const char *preview)
{
	struct buf *b = &rs->body;
	struct buf t = BUF_INIT;

	buf_reset(b);
	admin_begin(rq, b, title);
	buf_adds(b, "<p class=\"lead\">事项：");
	html_esc(b, c->region_name);
	buf_adds(b, " · ");
	html_esc(b, c->domain_name);
	buf_adds(b, " · ");
	html_esc(b, it->name);
	buf_adds(b, "（公开时限：");
	html_esc(b, *it->time_limit ? it->time_limit : "未规定");
	buf_adds(b, "）</p>\n");
	elements_format(&t, it->elements, it->nelements);
	if (t.len) {
		buf_adds(b, "<p class=\"meta\">公开内容要素：");
		html_esc(b, t.buf);
		buf_adds(b, "</p>\n");
	}
	buf_release(&t);
	admin_errors(b, err);
	record_form(rq, b, action, it, r, preview);
	admin_end(rq, b);
}

void admin_record_new(struct http_request *rq, struct http_response *rs)
{
	int64_t item;
	struct catalog c;
	const struct item *it;
	struct errors err = ERRORS_INIT;

	if (query_int(&rq->query, "item", 1, INT64_MAX, 0, &item) || !item ||
	    !(it = find_item(rq, item, &c))) {
		errors_addf(&err, "请先选择一个公开事项");
		admin_fail(rq, rs, 404, "没有这个事项", &err);
	} else if (authz_require(rq->wstore, rq->actor, AZ_RECORD_EDIT,
				 rq->user->unit_id, c.region_code, &err) ||
		   strcmp(c.region_code, rq->user->region_code ?
			  rq->user->region_code : "")) {
		if (!err.n)
			errors_addf(&err, "没有权限：这个事项不属于本单位所在地区的目录");
		admin_fail(rq, rs, 403, "没有权限", &err);
	} else {
		form_page(rq, rs, "新建信息", "/admin/records", &c, it, NULL, NULL,
			  NULL);
	}
	errors_release(&err);
}

void admin_record_create(struct http_request *rq, struct http_response *rs)
{
	int64_t item;
	struct catalog c;
	const struct item *it;
	struct record r;
	struct errors err = ERRORS_INIT;
	const char *doing = query_get(&rq->form, "do");

	if (query_int(&rq->form, "item", 1, INT64_MAX, 0, &item) || !item ||
	    !(it = find_item(rq, item, &c))) {
		errors_addf(&err, "请先选择一个公开事项");
		admin_fail(rq, rs, 400, "没有这个事项", &err);
		goto out;
	}
	if (read_record(rq, it, &r, &err) == 0) {
		r.item_id = item;
		r.unit_id = rq->user->unit_id;
		if (doing && !strcmp(doing, "preview")) {
			form_page(rq, rs, "新建信息", "/admin/records", &c, it, &r,
				  NULL, r.body_md ? r.body_md : "");
			goto out;
		}
		int64_t id = workflow_create(rq->wstore, rq->actor, &r, &err);

		if (id) {
			admin_redirect(rq, rs, arena_printf(rq->arena,
				"/admin/records/%lld", (long long)id), "created");
			goto out;
		}
	}
	rs->status = err.n && strstr(err.msg[0], "没有权限") ? 403 : 400;
	form_page(rq, rs, "新建信息", "/admin/records", &c, it, &r, &err, NULL);
	rs->status = err.n && strstr(err.msg[0], "没有权限") ? 403 : 400;
out:
	errors_release(&err);
}

/* The record, if this user may see it in the back office. */
static int load_visible(struct http_request *rq, struct http_response *rs,
			struct record *r)
{
	struct errors err = ERRORS_INIT;
	int64_t id = strtoll(rq->params[0], NULL, 10);

	if (store_record_get(rq->wstore, id, rq->arena, r) != STORE_OK) {
		errors_addf(&err, "信息 %lld 不存在", (long long)id);
		admin_fail(rq, rs, 404, "没有这条信息", &err);
		errors_release(&err);
		return -1;
	}
	if (authz_require(rq->wstore, rq->actor, AZ_RECORD_VIEW, r->unit_id,
			  r->region_code, &err)) {
		admin_fail(rq, rs, 403, "没有权限", &err);
		errors_release(&err);
		return -1;
	}
	return 0;
}

static void action_forms(struct http_request *rq, struct buf *b,
			 const struct record *r)
{
	unsigned bits = workflow_allowed(rq->wstore, rq->actor, r);

	if (!bits)
		return;
	buf_adds(b, "<section aria-labelledby=\"act\" class=\"actions\">"
		 "<h2 id=\"act\">办理</h2>\n");
	for (int act = 0; act < RA__MAX; act++) {
		bool reason = act == RA_RETURN || act == RA_WITHDRAW;

		if (!(bits & (1u << act)))
			continue;
		buf_addf(b, "<form method=\"post\" action=\"/admin/records/%lld/action\" "
			 "class=\"form action-%s\">", (long long)r->id,
			 record_action_code(act));
		admin_csrf(rq, b);
		buf_addf(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">",
			 record_action_code(act));
		if (reason)
			buf_addf(b, "<p><label for=\"reason-%s\">%s原因</label>"
				 "<textarea id=\"reason-%s\" name=\"reason\" rows=\"2\" "
				 "required maxlength=\"500\"></textarea></p>",
				 record_action_code(act), record_action_label(act),
				 record_action_code(act));
		buf_addf(b, "<p><button type=\"submit\"%s>%s</button></p></form>\n",
			 act == RA_RETURN || act == RA_WITHDRAW || act == RA_DELETE ?
			 " class=\"secondary\"" : "", act == RA_PASS ?
			 (r->status == RECORD_REVIEW ? "审核通过" :
			  r->status == RECORD_SIGN ? "签发" : "批准发布") :
			 record_action_label(act));
	}
	buf_adds(b, "</section>\n");
}

static void meta_row(struct buf *b, const char *label, const char *value)
{
	buf_adds(b, "<tr><th scope=\"row\">");
	buf_adds(b, label);
	buf_adds(b, "</th><td>");
	html_esc(b, value && *value ? value : "—");
	buf_adds(b, "</td></tr>\n");
}

static void due_block(struct http_request *rq, struct buf *b,
		      const struct record *r)
{
	struct catalog c;
	const struct item *it = find_item(rq, r->item_id, &c);
	struct calendar cal;
	struct calendar_steps steps;
	char today[11], now[TIME_TEXT_LEN];

	if (!it || !*r->due_on || r->status == RECORD_PUBLISHED ||
	    r->status == RECORD_WITHDRAWN)
		return;
	time_now_text(now);
	time_text_date_cn(now, today);
	calendar_load(rq->wstore, rq->arena, &cal);
	buf_adds(b, "<details class=\"due\"><summary>公开时限：");
	html_esc(b, r->due_on);
	buf_adds(b, strcmp(r->due_on, today) < 0 ? "（已逾期）" : "");
	buf_adds(b, "</summary><ol>");
	if (deadline_explain(&cal, &it->tl, *r->written_on ? r->written_on :
			     arena_strndup(rq->arena, r->created_at, 10),
			     rq->arena, &steps) >= 0)
		for (size_t i = 0; i < steps.n; i++) {
			buf_adds(b, "<li>");
			html_esc(b, steps.lines[i]);
			buf_adds(b, "</li>");
		}
	buf_adds(b, "</ol></details>\n");
}

void admin_record_view(struct http_request *rq, struct http_response *rs)
{
	struct record r;
	struct buf *b = &rs->body;
	unsigned bits;

	if (load_visible(rq, rs, &r))
		return;
	bits = workflow_allowed(rq->wstore, rq->actor, &r);
	admin_begin(rq, b, r.title);
	buf_adds(b, "<p class=\"lead\">");
	status_cell(b, &r);
	if (r.status == RECORD_PUBLISHED && r.disclosure == DISCLOSE_ACTIVE &&
	    !r.deleted_at)
		buf_addf(b, " <a href=\"/record/%lld\">在公开专栏查看</a>",
			 (long long)r.id);
	if (r.status == RECORD_DRAFT && !r.deleted_at &&
	    authz_allows(rq->wstore, rq->actor, AZ_RECORD_EDIT, r.unit_id,
			 r.region_code))
		buf_addf(b, " <a class=\"button\" href=\"/admin/records/%lld/edit\">"
			 "编辑</a>", (long long)r.id);
	buf_addf(b, " <a href=\"/admin/records/%lld/history\">修订历史（第 %d 版）</a>"
		 "</p>\n", (long long)r.id, r.rev);
	if (r.status == RECORD_DRAFT && *r.return_reason) {
		buf_adds(b, "<p class=\"notice error\" role=\"alert\">已退回，原因：");
		html_esc(b, r.return_reason);
		buf_adds(b, "</p>\n");
	}
	if (r.status == RECORD_WITHDRAWN && *r.withdraw_reason) {
		buf_adds(b, "<p class=\"notice\">撤回原因：");
		html_esc(b, r.withdraw_reason);
		buf_adds(b, "</p>\n");
	}
	due_block(rq, b, &r);
	buf_adds(b, "<table class=\"docmeta\"><caption>信息索引</caption>\n");
	meta_row(b, "索引号", r.index_no);
	meta_row(b, "单位", r.unit_name);
	meta_row(b, "发布机构", r.publisher);
	meta_row(b, "成文日期", r.written_on);
	meta_row(b, "发布日期", r.published_on);
	meta_row(b, "文号", r.doc_no);
	meta_row(b, "有效性", record_validity_label(r.validity));
	meta_row(b, "主题分类", r.topic);
	meta_row(b, "公开属性", record_disclosure_label(r.disclosure));
	if (r.disclosure != DISCLOSE_ACTIVE)
		meta_row(b, "依据", r.legal_ground);
	if (r.publish_at)
		meta_row(b, "定时发布（北京时间）",
			 local_time(rq->arena, r.publish_at));
	buf_adds(b, "</table>\n");
	if (r.nvalues) {
		buf_adds(b, "<h2>公开内容要素</h2>\n<dl class=\"columns\">");
		for (size_t i = 0; i < r.nvalues; i++) {
			buf_adds(b, "<dt>");
			html_esc(b, r.values[i].element);
			buf_adds(b, "</dt><dd>");
			html_esc(b, r.values[i].value);
			buf_adds(b, "</dd>");
		}
		buf_adds(b, "</dl>\n");
	}
	if (*r.body_md) {
		buf_adds(b, "<h2>正文</h2>\n<section class=\"body\" aria-label=\"正文\">");
		html_markdown(b, r.body_md);
		buf_adds(b, "</section>\n");
	}
	buf_adds(b, "<h2>附件</h2>\n");
	if (!r.nattachments)
		buf_adds(b, "<p class=\"empty\">没有附件。</p>\n");
	else {
		buf_adds(b, "<ul class=\"attachments\">");
		for (size_t i = 0; i < r.nattachments; i++) {
			buf_addf(b, "<li><a href=\"/admin/records/%lld/files/%lld\">",
				 (long long)r.id, (long long)r.attachments[i].id);
			html_esc(b, r.attachments[i].name);
			buf_adds(b, "</a>");
			buf_addf(b, " <span class=\"meta\">%s，%lld 字节</span></li>",
				 r.attachments[i].mime,
				 (long long)r.attachments[i].size);
		}
		buf_adds(b, "</ul>\n");
	}
	if (r.status == RECORD_DRAFT && !r.deleted_at &&
	    authz_allows(rq->wstore, rq->actor, AZ_RECORD_EDIT, r.unit_id,
			 r.region_code)) {
		buf_addf(b, "<form method=\"post\" action=\"/admin/records/%lld/"
			 "attachments\" enctype=\"multipart/form-data\" class=\"form\">",
			 (long long)r.id);
		admin_csrf(rq, b);
		buf_adds(b, "<p><label for=\"f-file\">上传附件（PDF、Word、Excel、OFD、"
			 "图片、文本；不超过 50 MB；按文件内容识别类型）</label>"
			 "<input id=\"f-file\" name=\"file\" type=\"file\" required></p>"
			 "<p><button type=\"submit\">上传</button></p></form>\n");
	}
	(void)bits;
	action_forms(rq, b, &r);
	admin_end(rq, b);
}

void admin_record_edit_form(struct http_request *rq, struct http_response *rs)
{
	struct record r;
	struct catalog c;
	const struct item *it;
	struct errors err = ERRORS_INIT;

	if (load_visible(rq, rs, &r))
		return;
	if (!(it = find_item(rq, r.item_id, &c))) {
		errors_addf(&err, "这条信息所属的事项已不存在");
		admin_fail(rq, rs, 404, "没有这个事项", &err);
	} else if (authz_require(rq->wstore, rq->actor, AZ_RECORD_EDIT, r.unit_id,
				 r.region_code, &err)) {
		admin_fail(rq, rs, 403, "没有权限", &err);
	} else {
		form_page(rq, rs, "编辑信息", arena_printf(rq->arena,
			  "/admin/records/%lld/edit", (long long)r.id), &c, it, &r,
			  NULL, NULL);
	}
	errors_release(&err);
}

void admin_record_edit(struct http_request *rq, struct http_response *rs)
{
	struct record old, r;
	struct catalog c;
	const struct item *it;
	struct errors err = ERRORS_INIT;
	const char *doing = query_get(&rq->form, "do");
	const char *action;

	if (load_visible(rq, rs, &old))
		return;
	action = arena_printf(rq->arena, "/admin/records/%lld/edit",
			      (long long)old.id);
	if (!(it = find_item(rq, old.item_id, &c))) {
		errors_addf(&err, "这条信息所属的事项已不存在");
		admin_fail(rq, rs, 404, "没有这个事项", &err);
		goto out;
	}
	if (read_record(rq, it, &r, &err) == 0) {
		if (doing && !strcmp(doing, "preview")) {
			form_page(rq, rs, "编辑信息", action, &c, it, &r, NULL,
				  r.body_md ? r.body_md : "");
			goto out;
		}
		if (workflow_edit(rq->wstore, rq->actor, old.id, &r, &err) == 0) {
			admin_redirect(rq, rs, arena_printf(rq->arena,
				"/admin/records/%lld", (long long)old.id), "saved");
			goto out;
		}
	}
	form_page(rq, rs, "编辑信息", action, &c, it, &r, &err, NULL);
	rs->status = err.n && strstr(err.msg[0], "没有权限") ? 403 : 400;
out:
	errors_release(&err);
}

void admin_record_action(struct http_request *rq, struct http_response *rs)
{
	int64_t id = strtoll(rq->params[0], NULL, 10);
	int act = record_action_parse(query_get(&rq->form, "action"));
	struct errors err = ERRORS_INIT;

	if (act < 0)
		errors_addf(&err, "没有这个操作");
	else if (workflow_act(rq->wstore, rq->actor, id, act,
			      query_get(&rq->form, "reason"), &err) == 0) {
		admin_redirect(rq, rs, arena_printf(rq->arena, "/admin/records/%lld",
			       (long long)id), record_action_code(act));
		goto out;
	}
	admin_fail(rq, rs, err.n && strstr(err.msg[0], "没有权限") ? 403 :
		   err.n && strstr(err.msg[0], "不存在") ? 404 : 400,
		   "未能办理", &err);
out:
	errors_release(&err);
}

void admin_record_attach(struct http_request *rq, struct http_response *rs)
{
	const struct form_part *f = NULL;
	struct record r;
	struct attachment att;
	struct errors err = ERRORS_INIT;

	if (load_visible(rq, rs, &r))
		return;
	if (authz_require(rq->wstore, rq->actor, AZ_RECORD_EDIT, r.unit_id,
			  r.region_code, &err)) {
		admin_fail(rq, rs, 403, "没有权限", &err);
		goto out;
	}
	if (r.status != RECORD_DRAFT || r.deleted_at)
		errors_addf(&err, "只有草稿可以添加附件");
	for (size_t i = 0; i < rq->nparts && !f; i++)
		if (rq->parts[i].filename && !strcmp(rq->parts[i].name, "file"))
			f = &rq->parts[i];
	if (!err.n && (!f || !f->len))
		errors_addf(&err, "请选择要上传的文件");
	/* the file and its audit entry in one transaction */
	if (!err.n && store_begin(rq->wstore, &err) == STORE_OK) {
		if (record_attach(rq->wstore, r.id, f->filename, f->data, f->len,
				  &att, rq->arena, &err) == 0 &&
		    audit_append(rq->wstore, rq->actor, "record.attach", "record",
				 arena_printf(rq->arena, "%lld", (long long)r.id),
				 r.region_code, r.unit_id, NULL, NULL,
				 arena_printf(rq->arena, "上传附件 %s（%s，%zu 字节，"
					      "SHA-256 %s）", att.name, att.mime,
					      f->len, att.sha256), &err) == 0 &&
		    store_commit(rq->wstore, &err) == STORE_OK) {
			admin_redirect(rq, rs, arena_printf(rq->arena,
				       "/admin/records/%lld", (long long)r.id),
				       "attached");
			goto out;
		}
		store_rollback(rq->wstore);
	}
	admin_fail(rq, rs, 400, "附件未上传", &err);
out:
	errors_release(&err);
}

void admin_record_history(struct http_request *rq, struct http_response *rs)
{
	struct record r;
	struct revision *v;
	size_t n, nchanges;
	int64_t ra, rb;
	struct buf *b = &rs->body;
	struct field_change *changes;

	if (load_visible(rq, rs, &r))
		return;
	store_revision_list(rq->wstore, r.id, rq->arena, &v, &n);
	if (query_int(&rq->query, "a", 1, 1000000, n > 1 ? (int64_t)n - 1 : 1, &ra) ||
	    query_int(&rq->query, "b", 1, 1000000, (int64_t)n, &rb)) {
		ra = n > 1 ? (int64_t)n - 1 : 1;
		rb = (int64_t)n;
	}
	admin_begin(rq, b, arena_printf(rq->arena, "修订历史：%s", r.title));
	buf_addf(b, "<p><a href=\"/admin/records/%lld\">返回信息</a></p>\n",
		 (long long)r.id);
	buf_addf(b, "<form method=\"get\" action=\"/admin/records/%lld/history\">"
		 "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"修订列表\"><table class=\"grid\"><caption>各版本"
		 "</caption><thead><tr><th scope=\"col\">版本</th><th scope=\"col\">"
		 "比较（旧）</th><th scope=\"col\">比较（新）</th><th scope=\"col\">"
		 "时间（北京时间）</th><th scope=\"col\">操作人</th><th scope=\"col\">操作</th>"
		 "<th scope=\"col\">说明</th></tr></thead><tbody>", (long long)r.id);
	for (size_t i = 0; i < n; i++) {
		buf_addf(b, "<tr><th scope=\"row\">第 %d 版</th>"
			 "<td><input type=\"radio\" name=\"a\" value=\"%d\" "
			 "aria-label=\"第 %d 版作为旧版本\"%s></td>"
			 "<td><input type=\"radio\" name=\"b\" value=\"%d\" "
			 "aria-label=\"第 %d 版作为新版本\"%s></td><td class=\"nw\">",
			 v[i].rev, v[i].rev, v[i].rev, v[i].rev == ra ? " checked" : "",
			 v[i].rev, v[i].rev, v[i].rev == rb ? " checked" : "");
		html_esc(b, local_time(rq->arena, v[i].at));
		buf_adds(b, "</td><td>");
		html_esc(b, v[i].actor);
		buf_adds(b, "</td><td>");
		{
			const char *label = audit_action_label(v[i].action);

			html_esc(b, label ? label : v[i].action);
		}
		buf_adds(b, "</td><td>");
		html_esc(b, v[i].note);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div><p><button type=\"submit\">比较所选版本"
		 "</button></p></form>\n");
	if (ra >= 1 && rb >= 1 && (size_t)ra <= n && (size_t)rb <= n &&
	    workflow_diff(v[ra - 1].snapshot, v[rb - 1].snapshot, rq->arena,
			  &changes, &nchanges) == 0) {
		buf_addf(b, "<h2>第 %lld 版与第 %lld 版的差异</h2>\n", (long long)ra,
			 (long long)rb);
		if (!nchanges)
			buf_adds(b, "<p class=\"empty\">内容相同。</p>\n");
		else {
			buf_adds(b, "<div class=\"table-scroll\" role=\"region\" "
				 "tabindex=\"0\" aria-label=\"差异\"><table class=\"grid "
				 "diff\"><thead><tr><th scope=\"col\">字段</th>"
				 "<th scope=\"col\">旧</th><th scope=\"col\">新</th></tr>"
				 "</thead><tbody>");
			for (size_t i = 0; i < nchanges; i++) {
				buf_adds(b, "<tr><th scope=\"row\">");
				html_esc(b, changes[i].label);
				buf_adds(b, "</th><td><del>");
				html_esc(b, changes[i].before);
				buf_adds(b, "</del></td><td><ins>");
				html_esc(b, changes[i].after);
				buf_adds(b, "</ins></td></tr>\n");
			}
			buf_adds(b, "</tbody></table></div>\n");
		}
	}
	if (r.status == RECORD_DRAFT && !r.deleted_at &&
	    authz_allows(rq->wstore, rq->actor, AZ_RECORD_EDIT, r.unit_id,
			 r.region_code) && n > 1) {
		buf_addf(b, "<form method=\"post\" action=\"/admin/records/%lld/"
			 "history\" class=\"form\">", (long long)r.id);
		admin_csrf(rq, b);
		buf_adds(b, "<p><label for=\"f-rev\">把内容恢复为</label> <select "
			 "id=\"f-rev\" name=\"rev\">");
		for (size_t i = 0; i < n; i++)
			buf_addf(b, "<option value=\"%d\">第 %d 版</option>", v[i].rev,
				 v[i].rev);
		buf_adds(b, "</select> <button type=\"submit\">恢复</button></p></form>\n");
	}
	admin_end(rq, b);
}

void admin_record_restore(struct http_request *rq, struct http_response *rs)
{
	int64_t id = strtoll(rq->params[0], NULL, 10), rev;
	struct errors err = ERRORS_INIT;

	if (query_int(&rq->form, "rev", 1, 1000000, 0, &rev) || !rev)
		errors_addf(&err, "请选择要恢复的版本");
	else if (workflow_restore_revision(rq->wstore, rq->actor, id, (int)rev,
					   &err) == 0) {
		admin_redirect(rq, rs, arena_printf(rq->arena, "/admin/records/%lld",
			       (long long)id), "restored");
		goto out;
	}
	admin_fail(rq, rs, err.n && strstr(err.msg[0], "没有权限") ? 403 : 400,
		   "未能恢复", &err);
out:
	errors_release(&err);
}

void admin_record_file(struct http_request *rq, struct http_response *rs)
{
	struct record r;
	struct attachment a;
	struct errors err = ERRORS_INIT;
	struct buf cd = BUF_INIT;
	void *data;
	size_t len;

	if (load_visible(rq, rs, &r))
		return;
	if (store_attachment_get(rq->wstore, strtoll(rq->params[1], NULL, 10),
				 rq->arena, &a) != STORE_OK || a.record_id != r.id ||
	    store_blob_get(rq->wstore, a.sha256, &data, &len) != STORE_OK) {
		errors_addf(&err, "没有这个附件");
		admin_fail(rq, rs, 404, "没有这个附件", &err);
		errors_release(&err);
		return;
	}
	buf_reset(&rs->body);
	buf_add(&rs->body, data, len);
	free(data);
	rs->content_type = arena_strdup(rq->arena, a.mime);
	buf_adds(&cd, "attachment; filename=\"attachment\"; filename*=UTF-8''");
	url_esc(&cd, a.name);
	rs->disposition = arena_strdup(rq->arena, cd.buf);
	buf_release(&cd);
}
