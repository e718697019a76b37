/* admin-tasks.c: 督办任务 in the back office (see admin-tasks.h)
 *
 * /admin/tasks is the board: for a 政务公开办 every task of its region and
 * below with the state of each unit, for a unit's staff the unit's own
 * tasks; tasks with an overdue unit come first, and tiles filter by state.
 * An office sets tasks (/admin/tasks/new: the notice's source, text,
 * 责任单位 as written, 完成时限 as written, and the lead and member units
 * chosen from its region), sends a completion back and closes tasks.
 * /admin/tasks/ID shows the task, each unit's state and every report
 * with its files, and the form to report (进展 or 完成, text and files,
 * multipart).  Every POST carries the CSRF token (the server checks it);
 * the rules are domain/supervision.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "admin-tasks.h"
#include "html.h"
#include "../domain/authz.h"
#include "../domain/supervision.h"
#include "../util/errors.h"
#include "../util/utf8.h"

/* Notices after a redirect: ?done=CODE (never text from the URL). */
static const struct { const char *code, *text; } done_notes[] = {
	{ "created", "督办任务已下达，各单位可在「督办任务」中看到并报送进展。" },
	{ "report", "已报送。" },
	{ "returned", "已退回，该单位需重新报送完成情况。" },
	{ "closed", "任务已办结。" },
	{ "reopened", "任务已重新打开，各单位可继续报送。" },
};

static void done_notice(struct http_request *rq, struct buf *b)
{
	const char *code = query_get(&rq->query, "done");

	for (size_t i = 0; code && i < sizeof(done_notes) / sizeof(done_notes[0]);
	     i++)
		if (!strcmp(code, done_notes[i].code)) {
			buf_addf(b, "<p class=\"notice ok\" role=\"status\">%s</p>\n",
				 done_notes[i].text);
			return;
		}
}

static void refuse(struct http_request *rq, struct http_response *rs,
		   int status, const char *title, const char *msg)
{
	struct errors err = ERRORS_INIT;

	errors_addf(&err, "%s", msg);
	admin_fail(rq, rs, status, title, &err);
	errors_release(&err);
}

/* 403 when the first problem is a refusal, else 'other'. */
static int status_of(const struct errors *err, int other)
{
	return err->n && !strncmp(err->msg[0], "没有权限", strlen("没有权限"))
		? 403 : other;
}

/* The first 'max' characters of 'text' on one line, "…" when cut. */
static const char *excerpt(struct arena *a, const char *text, size_t max)
{
	struct buf b = BUF_INIT;
	const char *p = text ? text : "", *out;
	size_t k = 0;

	while (*p && k < max) {
		const char *q = p;
		uint32_t cp = utf8_next(&p);

		if (cp == '\n' || cp == '\t')
			buf_addch(&b, ' ');
		else
			buf_add(&b, q, (size_t)(p - q));
		k++;
	}
	if (*p)
		buf_adds(&b, "…");
	out = arena_strdup(a, b.buf);
	buf_release(&b);
	return out;
}

/* The uploaded files of field 'name' (empty file inputs skipped). */
static size_t uploads(struct http_request *rq, const char *name,
		      struct sv_upload **out)
{
	size_t n = 0;

	*out = arena_alloc(rq->arena, (rq->nparts + 1) * sizeof(**out));
	for (size_t i = 0; i < rq->nparts; i++) {
		const struct form_part *p = &rq->parts[i];

		if (!p->filename || strcmp(p->name, name) ||
		    (!*p->filename && !p->len))
			continue;
		(*out)[n].name = p->filename;
		(*out)[n].data = p->data;
		(*out)[n].len = p->len;
		n++;
	}
	return n;
}

static const char *state_class(enum task_state st)
{
	return st == TS_OVERDUE ? "late" : st == TS_DONE_LATE ? "late-done" :
		st == TS_DONE ? "done" : "open";
}

static void state_badge(struct buf *b, const struct task_status *u)
{
	buf_addf(b, "<span class=\"status task-%s\">%s</span>",
		 state_class(u->state), task_state_label(u->state));
}

/* --- the board --- */

static bool task_has(const struct task_view *v, int filter)
{
	if (filter < 0)
		return true;
	for (size_t i = 0; i < v->nunits; i++)
		if (filter == TS__MAX ? v->units[i].due_soon :
		    v->units[i].state == (enum task_state)filter)
			return true;
	return false;
}

static void tile(struct buf *b, const char *code, const char *label,
		 size_t n, bool current)
{
	buf_addf(b, "<li><a href=\"/admin/tasks%s%s\"%s><span class=\"name\">"
		 "%s</span> <span class=\"count\">", *code ? "?state=" : "", code,
		 current ? " aria-current=\"page\"" : "", label);
	html_count(b, (int64_t)n);
	buf_adds(b, "</span></a></li>\n");
}

void admin_tasks(struct http_request *rq, struct http_response *rs)
{
	struct task_board board;
	struct errors err = ERRORS_INIT;
	const char *st = query_get(&rq->query, "state");
	const char *region = query_get(&rq->query, "region");
	struct buf *b = &rs->body;
	size_t total = 0, shown = 0;
	int filter = -1;

	if (st && *st) {
		filter = !strcmp(st, "soon") ? TS__MAX : task_state_parse(st);
		if (filter < 0) {
			refuse(rq, rs, 400, "筛选条件无效", "筛选条件无效：state 只能是 "
			       "overdue、soon、pending、progress、late、done");
			return;
		}
	}
	if (region && *region && strlen(region) > 12) {
		refuse(rq, rs, 400, "地区无效", "地区代码无效");
		return;
	}
	if (supervision_board(rq->wstore, rq->actor, region, NULL, -1,
			      rq->arena, &board, &err)) {
		admin_fail(rq, rs, status_of(&err, 400), "督办任务", &err);
		errors_release(&err);
		return;
	}
	for (size_t i = 0; i < TS__MAX; i++)
		total += board.count[i];
	admin_begin(rq, b, "督办任务");
	done_notice(rq, b);
	buf_adds(b, "<p class=\"lead\">政务公开办下达的督办任务及各责任单位的"
		 "进展。完成时限按通知写明的日期计算（写明工作日的按工作日历计算，"
		 "含调休）；已逾期的排在最前。</p>\n");
	if (rq->user->roles & ROLE_OFFICE)
		buf_adds(b, "<p><a class=\"button\" href=\"/admin/tasks/new\">"
			 "下达督办任务</a></p>\n");
	buf_adds(b, "<nav aria-label=\"按状态筛选\"><ul class=\"domains queues\">\n");
	tile(b, "", "全部", total, filter < 0);
	tile(b, "overdue", "已逾期", board.count[TS_OVERDUE], filter == TS_OVERDUE);
	tile(b, "soon", "3 个工作日内到期", board.ndue_soon, filter == TS__MAX);
	tile(b, "pending", "未报送", board.count[TS_PENDING], filter == TS_PENDING);
	tile(b, "progress", "进行中", board.count[TS_PROGRESS],
	     filter == TS_PROGRESS);
	tile(b, "late", "逾期完成", board.count[TS_DONE_LATE],
	     filter == TS_DONE_LATE);
	tile(b, "done", "已完成", board.count[TS_DONE], filter == TS_DONE);
	buf_adds(b, "</ul></nav>\n");
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"督办任务表格\"><table class=\"grid tasks\">"
		 "<caption>督办任务（有单位逾期的在前；各单位按逾期、未报送、进行中、"
		 "已完成排列）</caption><thead><tr><th scope=\"col\">任务来源</th>"
		 "<th scope=\"col\">任务</th><th scope=\"col\">完成时限</th>"
		 "<th scope=\"col\">各单位进展</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < board.ntasks; i++) {
		const struct task_view *v = &board.tasks[i];

		if (!task_has(v, filter))
			continue;
		shown++;
		buf_addf(b, "<tr id=\"task-%lld\"><th scope=\"row\"><a href=\""
			 "/admin/tasks/%lld\">", (long long)v->t.id,
			 (long long)v->t.id);
		html_esc(b, v->t.source);
		buf_adds(b, "</a></th><td>");
		html_esc(b, *v->t.title ? v->t.title :
			 excerpt(rq->arena, v->t.body, 60));
		buf_adds(b, "</td><td>");
		html_esc(b, v->due_text);
		if (v->t.closed_on) {
			buf_adds(b, "<br><span class=\"tag\">已办结 ");
			html_esc(b, v->t.closed_on);
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</td><td><ul class=\"task-units\">");
		for (size_t j = 0; j < v->nunits; j++) {
			const struct task_status *u = &v->units[j];

			buf_adds(b, "<li>");
			state_badge(b, u);
			buf_adds(b, " ");
			html_esc(b, u->unit_name);
			if (!strcmp(u->role, "lead"))
				buf_adds(b, "（牵头）");
			buf_adds(b, "：");
			html_esc(b, u->summary);
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ul></td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	if (!shown)
		buf_adds(b, "<p class=\"empty\">没有符合条件的督办任务。</p>\n");
	admin_end(rq, b);
	errors_release(&err);
}

/* --- setting a task --- */

static const char *form_value(const struct query *v, const char *name)
{
	const char *s = v ? query_get(v, name) : NULL;

	return s ? s : "";
}

static void text_field(struct buf *b, const struct query *v, const char *name,
		       const char *label, const char *hint, bool required,
		       bool area)
{
	buf_addf(b, "<div class=\"field\"><label for=\"f-%s\">%s%s</label>\n",
		 name, label, required ? "<span class=\"req\" aria-hidden=\"true\">"
		 "*</span><span class=\"sr\">（必填）</span>" : "");
	if (hint)
		buf_addf(b, "<p class=\"hint\" id=\"f-%s-hint\">%s</p>\n", name,
			 hint);
	if (area) {
		buf_addf(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"6\"%s%s%s>",
			 name, name, hint ? " aria-describedby=\"f-" : "",
			 hint ? name : "", hint ? "-hint\"" : "");
		html_esc(b, form_value(v, name));
		buf_adds(b, "</textarea></div>\n");
		return;
	}
	buf_addf(b, "<input id=\"f-%s\" name=\"%s\" type=\"text\"%s%s%s value=\"",
		 name, name, hint ? " aria-describedby=\"f-" : "",
		 hint ? name : "", hint ? "-hint\"" : "");
	html_esc(b, form_value(v, name));
	buf_adds(b, "\"></div>\n");
}

static void task_form(struct http_request *rq, struct http_response *rs,
		      const struct query *v, const struct errors *err)
{
	struct buf *b = &rs->body;
	struct unit *units;
	size_t n = 0;
	char today[CALENDAR_DATE_LEN];

	supervision_today(today);
	store_units_below(rq->wstore, rq->user->region_code, rq->arena, &units,
			  &n);
	buf_reset(b);
	admin_begin(rq, b, "下达督办任务");
	admin_errors(b, err);
	buf_adds(b, "<p class=\"lead\">按通知原文填写任务来源、内容、责任单位和完成"
		 "时限，再选择本地区的牵头单位和责任单位。</p>\n"
		 "<form class=\"form\" method=\"post\" action=\"/admin/tasks\">\n");
	admin_csrf(rq, b);
	text_field(b, v, "source", "任务来源", "发文字号和条目，如 岳政务公开办发"
		   "〔2021〕1号 第（二）项", true, false);
	text_field(b, v, "title", "任务名称", "条目的标题（如有）", false, false);
	text_field(b, v, "body", "任务内容", "通知原文", true, true);
	text_field(b, v, "units_text", "责任单位（原文）", "通知写明的责任单位，如"
		   " 各街道（镇）、区直相关部门", false, false);
	buf_addf(b, "<div class=\"field\"><label for=\"f-issued_on\">下达日期"
		 "</label><input id=\"f-issued_on\" name=\"issued_on\" "
		 "type=\"date\" value=\"");
	html_esc(b, v ? form_value(v, "issued_on") : today);
	buf_adds(b, "\"></div>\n");
	text_field(b, v, "due", "完成时限", "照通知写：2021年5月底前、2021-06-30、"
		   "2021年底前，或 10个工作日内（从下达日期起按工作日历计算）；"
		   "没有时限的留空", false, false);
	buf_adds(b, "<fieldset id=\"f-units\"><legend>牵头单位和责任单位</legend>\n"
		 "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"单位选择\"><table class=\"grid\"><thead><tr>"
		 "<th scope=\"col\">单位</th><th scope=\"col\">不参与</th>"
		 "<th scope=\"col\">牵头单位</th><th scope=\"col\">责任单位</th>"
		 "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		char key[40];
		const char *cur;
		static const char *const roles[] = { "none", "lead", "member" };
		static const char *const labels[] = { "不参与", "牵头单位",
			"责任单位" };

		snprintf(key, sizeof(key), "role_%lld", (long long)units[i].id);
		cur = form_value(v, key);
		buf_adds(b, "<tr><th scope=\"row\">");
		html_esc(b, units[i].name);
		buf_adds(b, "</th>");
		for (int k = 0; k < 3; k++) {
			bool on = !strcmp(cur, roles[k]) || (k == 0 && !*cur);

			buf_addf(b, "<td><input type=\"radio\" name=\"%s\" "
				 "value=\"%s\"%s aria-label=\"", key, roles[k],
				 on ? " checked" : "");
			html_esc(b, units[i].name);
			buf_addf(b, "：%s\"></td>", labels[k]);
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody></table></div></fieldset>\n<p class=\"submit\">"
		 "<button type=\"submit\">下达任务</button></p>\n</form>\n");
	admin_end(rq, b);
}

void admin_task_new(struct http_request *rq, struct http_response *rs)
{
	if (!(rq->user->roles & ROLE_OFFICE) || !rq->user->region_code) {
		refuse(rq, rs, 403, "没有权限", "没有权限：只有政务公开办可以下达"
		       "督办任务");
		return;
	}
	task_form(rq, rs, NULL, NULL);
}

void admin_task_create(struct http_request *rq, struct http_response *rs)
{
	struct task_input in = { 0 };
	struct errors err = ERRORS_INIT;
	int64_t *leads, *members, id;
	size_t nl = 0, nm = 0;

	if (!(rq->user->roles & ROLE_OFFICE) || !rq->user->region_code) {
		refuse(rq, rs, 403, "没有权限", "没有权限：只有政务公开办可以下达"
		       "督办任务");
		return;
	}
	leads = arena_alloc(rq->arena, (rq->form.n + 1) * sizeof(*leads));
	members = arena_alloc(rq->arena, (rq->form.n + 1) * sizeof(*members));
	for (size_t i = 0; i < rq->form.n; i++) {
		const struct query_field *f = &rq->form.fields[i];
		char *end;
		long long id_;

		if (strncmp(f->name, "role_", 5))
			continue;
		id_ = strtoll(f->name + 5, &end, 10);
		if (*end || id_ <= 0) {
			errors_addf(&err, "「牵头单位和责任单位」：选择无效");
			break;
		}
		if (!strcmp(f->value, "lead"))
			leads[nl++] = id_;
		else if (!strcmp(f->value, "member"))
			members[nm++] = id_;
		else if (strcmp(f->value, "none")) {
			errors_addf(&err, "「牵头单位和责任单位」：选择无效");
			break;
		}
	}
	in.region = rq->user->region_code;
	in.source = query_get(&rq->form, "source");
	in.title = query_get(&rq->form, "title");
	in.body = query_get(&rq->form, "body");
	in.units_text = query_get(&rq->form, "units_text");
	in.issued_on = query_get(&rq->form, "issued_on");
	in.due = query_get(&rq->form, "due");
	in.leads = leads;
	in.nleads = nl;
	in.members = members;
	in.nmembers = nm;
	id = err.n ? 0 : task_add(rq->wstore, rq->actor, &in, &err);
	if (!id) {
		task_form(rq, rs, &rq->form, &err);
		rs->status = status_of(&err, 400);
		errors_release(&err);
		return;
	}
	admin_redirect(rq, rs, arena_printf(rq->arena,
		       "/admin/tasks/%lld?done=created", (long long)id), NULL);
	errors_release(&err);
}

/* --- one task --- */

static void files_list(struct http_request *rq, struct buf *b, int64_t task,
		       int64_t report)
{
	struct sv_file *f;
	size_t n;

	if (store_sv_files(rq->wstore, SV_REPORT, report, rq->arena, &f, &n) !=
	    STORE_OK || !n)
		return;
	buf_adds(b, "<ul class=\"attachments\">");
	for (size_t i = 0; i < n; i++) {
		buf_addf(b, "<li><a href=\"/admin/tasks/%lld/files/%lld\">",
			 (long long)task, (long long)f[i].id);
		html_esc(b, f[i].name);
		buf_addf(b, "</a> <span class=\"meta\">%lld 字节</span></li>",
			 (long long)f[i].size);
	}
	buf_adds(b, "</ul>");
}

/* The units of the view 'who' may report for. */
static size_t reportable(struct http_request *rq, const struct task_view *v,
			 const struct task_status **out)
{
	size_t k = 0;

	for (size_t i = 0; i < v->nunits; i++)
		if (authz_allows(rq->wstore, rq->actor, AZ_TASK_REPORT,
				 v->units[i].unit_id, v->units[i].region_code))
			out[k++] = &v->units[i];
	return k;
}

static void unit_select(struct buf *b, const char *id,
			const struct task_status **u, size_t n,
			const struct query *v)
{
	const char *cur = form_value(v, "unit");

	buf_addf(b, "<div class=\"field\"><label for=\"%s\">单位</label>"
		 "<select id=\"%s\" name=\"unit\">", id, id);
	for (size_t i = 0; i < n; i++) {
		char num[24];

		snprintf(num, sizeof(num), "%lld", (long long)u[i]->unit_id);
		buf_addf(b, "<option value=\"%s\"%s>", num,
			 !strcmp(cur, num) ? " selected" : "");
		html_esc(b, u[i]->unit_name);
		buf_adds(b, "</option>");
	}
	buf_adds(b, "</select></div>\n");
}

static void task_page(struct http_request *rq, struct http_response *rs,
		      int64_t id, const struct query *v,
		      const struct errors *perr, int status)
{
	struct task_view tv;
	struct errors err = ERRORS_INIT;
	struct buf *b = &rs->body;
	const struct task_status **mine;
	size_t nmine;
	const char *kind = form_value(v, "kind");

	if (task_view(rq->wstore, rq->actor, id, NULL, rq->arena, &tv, &err)) {
		admin_fail(rq, rs, status_of(&err, 404), "督办任务", &err);
		errors_release(&err);
		return;
	}
	buf_reset(b);
	rs->status = status;
	admin_begin(rq, b, arena_printf(rq->arena, "督办任务：%s", tv.t.source));
	done_notice(rq, b);
	admin_errors(b, perr);
	buf_adds(b, "<p><a href=\"/admin/tasks\">返回督办任务</a></p>\n"
		 "<dl class=\"columns\">\n<dt>任务来源</dt><dd>");
	html_esc(b, tv.t.source);
	if (*tv.t.title) {
		buf_adds(b, "</dd>\n<dt>任务名称</dt><dd>");
		html_esc(b, tv.t.title);
	}
	buf_adds(b, "</dd>\n<dt>下达</dt><dd>");
	html_esc(b, tv.t.region_name);
	buf_adds(b, "政务公开办，");
	html_esc(b, tv.t.issued_on);
	buf_adds(b, "</dd>\n<dt>完成时限</dt><dd>");
	html_esc(b, tv.due_text);
	if (tv.t.due_workdays)
		buf_addf(b, "（下达之日起 %d 个工作日，按工作日历计算）",
			 tv.t.due_workdays);
	if (*tv.t.units_text) {
		buf_adds(b, "</dd>\n<dt>责任单位（原文）</dt><dd>");
		html_esc(b, tv.t.units_text);
	}
	buf_adds(b, "</dd>\n<dt>状态</dt><dd>");
	if (tv.t.closed_on) {
		buf_adds(b, "已办结（");
		html_esc(b, tv.t.closed_on);
		buf_adds(b, "），各单位状态按办结之日计");
	} else {
		buf_adds(b, "办理中");
	}
	buf_adds(b, "</dd>\n</dl>\n<section aria-labelledby=\"h-body\"><h2 "
		 "id=\"h-body\">任务内容</h2>\n<div class=\"task-body\">");
	html_esc(b, tv.t.body);
	buf_adds(b, "</div></section>\n<section aria-labelledby=\"h-units\"><h2 "
		 "id=\"h-units\">各单位进展</h2>\n<div class=\"table-scroll\" "
		 "role=\"region\" tabindex=\"0\" aria-label=\"各单位进展表格\">"
		 "<table class=\"grid\"><thead><tr><th scope=\"col\">单位</th>"
		 "<th scope=\"col\">类别</th><th scope=\"col\">状态</th>"
		 "<th scope=\"col\">说明</th><th scope=\"col\">报送次数</th>"
		 "</tr></thead><tbody>\n");
	for (size_t i = 0; i < tv.nunits; i++) {
		const struct task_status *u = &tv.units[i];

		buf_adds(b, "<tr><th scope=\"row\">");
		html_esc(b, u->unit_name);
		buf_addf(b, "</th><td>%s</td><td>", task_role_label(u->role));
		state_badge(b, u);
		buf_adds(b, "</td><td>");
		html_esc(b, u->summary);
		buf_addf(b, "</td><td>%zu</td></tr>\n", u->nreports);
	}
	buf_adds(b, "</tbody></table></div></section>\n"
		 "<section aria-labelledby=\"reports\"><h2 id=\"reports\">报送记录"
		 "</h2>\n");
	if (!tv.nreports)
		buf_adds(b, "<p class=\"empty\">还没有报送。</p>\n");
	else
		buf_adds(b, "<ol class=\"task-reports\">\n");
	for (size_t i = 0; i < tv.nreports; i++) {
		const struct task_report *r = &tv.reports[i];

		buf_addf(b, "<li class=\"report-%s\"><p><strong>", r->kind);
		html_esc(b, r->day);
		buf_adds(b, " ");
		html_esc(b, r->unit_name);
		buf_addf(b, " · %s</strong> <span class=\"meta\">",
			 task_report_kind_label(r->kind));
		html_esc(b, r->actor);
		buf_adds(b, "</span></p><div class=\"task-body\">");
		html_esc(b, r->text);
		buf_adds(b, "</div>");
		files_list(rq, b, tv.t.id, r->id);
		buf_adds(b, "</li>\n");
	}
	if (tv.nreports)
		buf_adds(b, "</ol>\n");
	buf_adds(b, "</section>\n");

	mine = arena_alloc(rq->arena, (tv.nunits + 1) * sizeof(*mine));
	nmine = tv.t.closed_on ? 0 : reportable(rq, &tv, mine);
	if (nmine) {
		buf_addf(b, "<section aria-labelledby=\"h-report\"><h2 id=\""
			 "h-report\">报送进展</h2>\n<form class=\"form\" method="
			 "\"post\" action=\"/admin/tasks/%lld/reports\" enctype="
			 "\"multipart/form-data\">\n", (long long)tv.t.id);
		admin_csrf(rq, b);
		unit_select(b, "f-unit", mine, nmine, v);
		buf_addf(b, "<fieldset class=\"choices\"><legend>报送类型</legend>"
			 "<span class=\"choice\"><input type=\"radio\" id=\"k-p\" "
			 "name=\"kind\" value=\"progress\"%s> <label for=\"k-p\">"
			 "进展</label></span><span class=\"choice\"><input "
			 "type=\"radio\" id=\"k-d\" name=\"kind\" value=\"done\"%s>"
			 " <label for=\"k-d\">完成</label></span></fieldset>\n",
			 strcmp(kind, "done") ? " checked" : "",
			 !strcmp(kind, "done") ? " checked" : "");
		buf_adds(b, "<div class=\"field\"><label for=\"f-day\">报送日期"
			 "</label><p class=\"hint\" id=\"f-day-hint\">不填为今天"
			 "</p><input id=\"f-day\" name=\"day\" type=\"date\" "
			 "aria-describedby=\"f-day-hint\" value=\"");
		html_esc(b, form_value(v, "day"));
		buf_adds(b, "\"></div>\n<div class=\"field\"><label for=\"f-text\">"
			 "报送内容<span class=\"req\" aria-hidden=\"true\">*</span>"
			 "<span class=\"sr\">（必填）</span></label><textarea "
			 "id=\"f-text\" name=\"text\" rows=\"6\">");
		html_esc(b, form_value(v, "text"));
		buf_addf(b, "</textarea></div>\n<div class=\"field\"><label for="
			 "\"f-file\">佐证材料</label><p class=\"hint\" id=\"f-file-"
			 "hint\">PDF、Word、Excel、图片等，每个不超过 %u MB，一次最多 "
			 "%d 个</p><input id=\"f-file\" name=\"file\" type=\"file\" "
			 "multiple aria-describedby=\"f-file-hint\"></div>\n"
			 "<p class=\"submit\"><button type=\"submit\">报送</button>"
			 "</p>\n</form></section>\n", SV_FILE_MAX_BYTES >> 20,
			 SV_FILES_MAX);
	}
	if (tv.may_manage) {
		const struct task_status **done_units = mine;
		size_t nd = 0;

		for (size_t i = 0; i < tv.nunits; i++)
			if (tv.units[i].state == TS_DONE ||
			    tv.units[i].state == TS_DONE_LATE)
				done_units[nd++] = &tv.units[i];
		buf_adds(b, "<section aria-labelledby=\"h-office\"><h2 id=\""
			 "h-office\">政务公开办</h2>\n");
		if (nd && !tv.t.closed_on) {
			buf_addf(b, "<form class=\"form\" method=\"post\" action=\""
				 "/admin/tasks/%lld/reports\" enctype=\"multipart/"
				 "form-data\">\n<h3>退回完成情况</h3>\n",
				 (long long)tv.t.id);
			admin_csrf(rq, b);
			buf_adds(b, "<input type=\"hidden\" name=\"kind\" value="
				 "\"returned\">");
			unit_select(b, "f-ret-unit", done_units, nd, NULL);
			buf_adds(b, "<div class=\"field\"><label for=\"f-reason\">"
				 "退回理由</label><textarea id=\"f-reason\" name="
				 "\"text\" rows=\"3\"></textarea></div>\n<p><button "
				 "type=\"submit\">退回</button></p></form>\n");
		}
		buf_addf(b, "<form class=\"form inline\" method=\"post\" action=\""
			 "/admin/tasks/%lld/close\">", (long long)tv.t.id);
		admin_csrf(rq, b);
		buf_addf(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">"
			 "<p><button type=\"submit\">%s</button></p></form>\n"
			 "</section>\n", tv.t.closed_on ? "reopen" : "close",
			 tv.t.closed_on ? "重新打开任务" : "办结任务");
	}
	admin_end(rq, b);
}

void admin_task_view(struct http_request *rq, struct http_response *rs)
{
	task_page(rq, rs, strtoll(rq->params[0], NULL, 10), NULL, NULL, 200);
}

void admin_task_report(struct http_request *rq, struct http_response *rs)
{
	int64_t task = strtoll(rq->params[0], NULL, 10), unit = 0, id = 0;
	const char *kind = query_get(&rq->form, "kind");
	struct sv_upload *files;
	size_t nfiles = uploads(rq, "file", &files);
	struct errors err = ERRORS_INIT;

	if (query_int(&rq->form, "unit", 1, INT64_MAX, 0, &unit) || !unit)
		errors_addf(&err, "「单位」：请选择单位");
	else
		id = task_report(rq->wstore, rq->actor, task, unit,
				 kind && *kind ? kind : "progress",
				 query_get(&rq->form, "day"),
				 query_get(&rq->form, "text"), files, nfiles,
				 &err);
	if (!id) {
		task_page(rq, rs, task, &rq->form, &err, status_of(&err, 400));
		errors_release(&err);
		return;
	}
	admin_redirect(rq, rs, arena_printf(rq->arena,
		       "/admin/tasks/%lld?done=%s#reports", (long long)task,
		       kind && !strcmp(kind, "returned") ? "returned" : "report"),
		       NULL);
	errors_release(&err);
}

void admin_task_close(struct http_request *rq, struct http_response *rs)
{
	int64_t task = strtoll(rq->params[0], NULL, 10);
	const char *action = query_get(&rq->form, "action");
	struct errors err = ERRORS_INIT;
	bool reopen = action && !strcmp(action, "reopen");

	if (!action || (strcmp(action, "close") && !reopen)) {
		errors_addf(&err, "操作只能是办结或重新打开");
	} else if (task_close(rq->wstore, rq->actor, task,
			      query_get(&rq->form, "day"), reopen, &err) == 0) {
		admin_redirect(rq, rs, arena_printf(rq->arena,
			       "/admin/tasks/%lld?done=%s", (long long)task,
			       reopen ? "reopened" : "closed"), NULL);
		errors_release(&err);
		return;
	}
	task_page(rq, rs, task, NULL, &err, status_of(&err, 400));
	errors_release(&err);
}

void admin_task_file(struct http_request *rq, struct http_response *rs)
{
	int64_t task = strtoll(rq->params[0], NULL, 10);
	int64_t fid = strtoll(rq->params[1], NULL, 10);
	struct task_view tv;
	struct sv_file f;
	struct errors err = ERRORS_INIT;
	struct buf cd = BUF_INIT;
	bool visible = false;
	void *data;
	size_t len;

	if (task_view(rq->wstore, rq->actor, task, NULL, rq->arena, &tv, &err)) {
		admin_fail(rq, rs, status_of(&err, 404), "督办任务", &err);
		errors_release(&err);
		return;
	}
	if (store_sv_file_get(rq->wstore, fid, rq->arena, &f) == STORE_OK &&
	    f.owner == SV_REPORT)
		for (size_t i = 0; i < tv.nreports; i++)
			visible |= tv.reports[i].id == f.owner_id;
	if (!visible || store_blob_get(rq->wstore, f.sha256, &data, &len) !=
	    STORE_OK) {
		refuse(rq, rs, 404, "没有这个文件", "没有这个文件");
		return;
	}
	buf_reset(&rs->body);
	buf_add(&rs->body, data, len);
	free(data);
	rs->content_type = arena_strdup(rq->arena, f.mime);
	buf_adds(&cd, "attachment; filename=\"attachment\"; filename*=UTF-8''");
	url_esc(&cd, f.name);
	rs->disposition = arena_strdup(rq->arena, cd.buf);
	buf_release(&cd);
}
