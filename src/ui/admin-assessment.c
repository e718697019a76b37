/* admin-assessment.c: assessment (考核) in the back office, and the public
 * statistics page (see admin-assessment.h)
 *
 * The office (政务公开办管理员) imports indicator tables, creates rounds
 * over the units of its region, scores the lines the platform measures
 * with one button, scores the others unit by unit (one form per unit: a
 * score and a comment per line, a comment required for each deduction),
 * finalises, and exports the ranking.  A target unit's staff see their
 * own sheet, upload evidence per line (材料, 网页截图, 照片, 签到表, as the
 * line's 考核方式 asks) and respond once.  Nothing here decides a rule:
 * domain/assessment.c refuses what may not be done, in Chinese, and
 * writes the audit trail.  The pictures — scores by unit, coverage by
 * domain, self-check findings over time, the map shaded by score or by
 * coverage — are ui/chart.c's, each with its table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "admin-assessment.h"
#include "chart.h"
#include "html.h"
#include "layout.h"
#include "parts.h"
#include "../domain/assessment.h"
#include "../domain/authz.h"
#include "../domain/check.h"
#include "../domain/record.h"
#include "../domain/request.h"
#include "../domain/site.h"
#include "../util/readfile.h"
#include "../util/errors.h"
#include "../util/utf8.h"

#define MAX_UPLOADS 5

/* --- small helpers --- */

static int64_t param_id(const struct http_request *rq, int i)
{
	return i < rq->nparams ? strtoll(rq->params[i], NULL, 10) : 0;
}

static bool is_office(const struct http_request *rq)
{
	return (rq->user->roles & ROLE_OFFICE) && rq->user->region_code;
}

static bool is_staff(const struct http_request *rq)
{
	return (rq->user->roles & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) &&
		rq->user->unit_id;
}

static void refuse(struct http_request *rq, struct http_response *rs,
		   int status, const char *title, const char *msg)
{
	struct errors err = ERRORS_INIT;

	errors_addf(&err, "%s", msg);
	admin_fail(rq, rs, status, title, &err);
	errors_release(&err);
}

/* Points as text, in the request's arena. */
static const char *pts(struct http_request *rq, int64_t v)
{
	char out[32];

	return arena_strdup(rq->arena, assess_points_str(v, out));
}

static const struct { const char *code, *text; } done_texts[] = {
	{ "imported", "考核指标已导入。" },
	{ "created", "已新建考核。可先按平台数据评分，再逐个单位人工评分。" },
	{ "auto", "已按平台数据评分。没有数据的指标留待人工评分。" },
	{ "final", "考核已定稿，排名不再变化。" },
	{ "scores", "评分已保存。" },
	{ "evidence", "证明材料已上传。" },
	{ "response", "意见已提交。每个单位只能提出一次。" },
};

static void done_notice(struct http_request *rq, struct buf *b)
{
	const char *done = query_get(&rq->query, "done");

	for (size_t i = 0; done && i < sizeof(done_texts) /
	     sizeof(done_texts[0]); i++)
		if (!strcmp(done, done_texts[i].code)) {
			buf_adds(b, "<p class=\"notice ok\" role=\"status\">");
			buf_adds(b, done_texts[i].text);
			buf_adds(b, "</p>\n");
		}
}

/* The value of a submitted form field, or 'def'. */
static const char *fv(const struct query *form, const char *name,
		      const char *def)
{
	const char *v = form ? query_get(form, name) : NULL;

	return v ? v : def;
}

/* "已定稿" or "进行中". */
static const char *status_label(const struct assess_round *r)
{
	return assess_round_is_final(r) ? "已定稿" : "进行中";
}

/* --- the index: rounds and tables --- */

static void tables_section(struct http_request *rq, struct buf *b,
			   const struct assess_table *v, size_t n)
{
	buf_adds(b, "<section aria-labelledby=\"tables\">\n<h2 id=\"tables\">"
		 "考核指标</h2>\n");
	if (!n) {
		buf_adds(b, "<p class=\"empty\">还没有考核指标。请导入考核指标表"
			 "（如《岳麓区基层政务公开标准化规范化工作考核指标》）。</p>\n");
	} else {
		buf_adds(b, "<div class=\"table-scroll\" role=\"region\" "
			 "tabindex=\"0\" aria-label=\"考核指标列表\"><table class=\"grid\">"
			 "<caption>考核指标</caption><thead><tr><th scope=\"col\">"
			 "名称</th><th scope=\"col\">分值合计</th><th scope=\"col\">"
			 "来源文件</th><th scope=\"col\">导入</th><th scope=\"col\">"
			 "下载</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < n; i++) {
			struct assess_table t;

			if (store_assess_table_load(rq->wstore, v[i].id, rq->arena,
						    &t) != STORE_OK)
				continue;
			buf_addf(b, "<tr><th scope=\"row\"><a href=\"/admin/"
				 "assessment/tables/%lld\">", (long long)t.id);
			html_esc(b, t.name);
			buf_adds(b, "</a></th><td>");
			html_esc(b, assess_totals_text(&t, rq->arena));
			buf_adds(b, "</td><td>");
			html_esc(b, t.source);
			buf_adds(b, "</td><td class=\"nw\">");
			html_esc(b, t.created_at);
			buf_addf(b, "</td><td class=\"nw\"><a href=\"/admin/assessment/"
				 "tables/%lld.xlsx\">Excel</a> · <a href=\"/admin/"
				 "assessment/tables/%lld.csv\">CSV</a></td></tr>\n",
				 (long long)t.id, (long long)t.id);
		}
		buf_adds(b, "</tbody></table></div>\n");
	}
	buf_adds(b, "<form class=\"form\" method=\"post\" action=\"/admin/"
		 "assessment/tables\" enctype=\"multipart/form-data\">\n");
	admin_csrf(rq, b);
	buf_adds(b, "<p><label for=\"f-file\">考核指标表（.xlsx 或 .csv）</label>"
		 "<span class=\"hint\" id=\"f-file-hint\">表头：一级指标、二级指标、"
		 "三级指标、考核对象及分值（如「街道（镇） 4分 区直相关部门 5分」）、"
		 "考核方式、备注，可加「证据类型」「平台数据」两列；末行写「说明：…"
		 "基准分100分，加分项最多5分。」。导入时核对分值合计，有任何问题都"
		 "逐条列出，不导入。</span>"
		 "<input id=\"f-file\" name=\"file\" type=\"file\" "
		 "accept=\".xlsx,.csv\" aria-describedby=\"f-file-hint\"></p>\n"
		 "<p><button type=\"submit\">导入考核指标</button></p>\n</form>\n"
		 "</section>\n");
}

/* The units of the office's region and below, and which a new round
 * takes by default (the first table's default targets). */
static void target_fields(struct http_request *rq, struct buf *b,
			  const struct assess_table *tables, size_t ntables,
			  const struct query *form)
{
	struct unit *all, *defaults = NULL;
	size_t nall, ndefaults = 0;
	const char **types = arena_alloc(rq->arena, (ASSESS_MAX_TYPES * 8 + 1) *
					 sizeof(*types));
	size_t ntypes = 0;

	for (size_t i = 0; i < ntables && i < 8; i++)
		for (size_t k = 0; k < tables[i].ntypes; k++) {
			bool seen = false;

			for (size_t j = 0; j < ntypes; j++)
				seen |= !strcmp(types[j], tables[i].types[k]);
			if (!seen)
				types[ntypes++] = tables[i].types[k];
		}
	if (ntables) {
		struct assess_table t;

		if (store_assess_table_load(rq->wstore, tables[0].id, rq->arena,
					    &t) == STORE_OK)
			assess_default_targets(rq->wstore, &t,
					       rq->user->region_code, rq->arena,
					       &defaults, &ndefaults);
	}
	if (store_unit_list(rq->wstore, NULL, rq->arena, &all, &nall) !=
	    STORE_OK)
		nall = 0;
	buf_adds(b, "<fieldset id=\"f-units\"><legend>考核对象</legend>\n"
		 "<p class=\"hint\">默认选中街道（镇）和区直相关部门；考核对象类型"
		 "默认按单位类别确定（街道办事处、乡镇人民政府为街道（镇），政府部门为"
		 "区直相关部门）。</p>\n<div class=\"table-scroll\" role=\"region\" "
		 "tabindex=\"0\" aria-label=\"考核对象\"><table class=\"grid\">"
		 "<caption>可选的单位</caption><thead><tr><th scope=\"col\">单位"
		 "</th><th scope=\"col\">单位类别</th><th scope=\"col\">考核对象"
		 "类型</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < nall; i++) {
		const struct unit *u = &all[i];
		bool checked = false;
		const char *typed;
		char name[32];

		if (strcmp(u->region_code, rq->user->region_code) &&
		    !store_region_is_below(rq->wstore, u->region_code,
					   rq->user->region_code))
			continue;
		if (form) {
			for (size_t k = 0; k < form->n; k++)
				if (!strcmp(form->fields[k].name, "unit") &&
				    strtoll(form->fields[k].value, NULL, 10) == u->id)
					checked = true;
		} else {
			for (size_t k = 0; k < ndefaults; k++)
				checked |= defaults[k].id == u->id;
		}
		snprintf(name, sizeof(name), "type_%lld", (long long)u->id);
		typed = fv(form, name, "");
		buf_addf(b, "<tr><th scope=\"row\"><input type=\"checkbox\" "
			 "id=\"u-%lld\" name=\"unit\" value=\"%lld\"%s> <label "
			 "for=\"u-%lld\">", (long long)u->id, (long long)u->id,
			 checked ? " checked" : "", (long long)u->id);
		html_esc(b, u->name);
		buf_adds(b, "</label></th><td>");
		html_esc(b, u->kind);
		buf_addf(b, "</td><td><select name=\"%s\" aria-label=\"", name);
		html_esc(b, u->name);
		buf_adds(b, "的考核对象类型\"><option value=\"\">按单位类别</option>");
		for (size_t k = 0; k < ntypes; k++) {
			buf_adds(b, "<option");
			if (!strcmp(typed, types[k]))
				buf_adds(b, " selected");
			buf_adds(b, ">");
			html_esc(b, types[k]);
			buf_adds(b, "</option>");
		}
		buf_adds(b, "</select></td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n</fieldset>\n");
}

static void create_form(struct http_request *rq, struct buf *b,
			const struct assess_table *tables, size_t ntables,
			const struct query *form)
{
	int year;
	char def_name[64], def_from[16], def_to[16], today[CALENDAR_DATE_LEN];
	const char *table = fv(form, "table", "");

	request_today(today);
	year = atoi(today) - 1;
	snprintf(def_name, sizeof(def_name), "%d年度基层政务公开考核", year);
	snprintf(def_from, sizeof(def_from), "%d-01-01", year);
	snprintf(def_to, sizeof(def_to), "%d-12-31", year);
	buf_adds(b, "<h3 id=\"new-round\">新建考核</h3>\n<form class=\"form\" "
		 "method=\"post\" action=\"/admin/assessment/rounds\">\n");
	admin_csrf(rq, b);
	buf_adds(b, "<p><label for=\"f-table\">考核指标</label><select "
		 "id=\"f-table\" name=\"table\">\n");
	for (size_t i = 0; i < ntables; i++) {
		buf_addf(b, "<option value=\"%lld\"%s>", (long long)tables[i].id,
			 strtoll(table, NULL, 10) == tables[i].id ? " selected" :
			 "");
		html_esc(b, tables[i].name);
		buf_addf(b, "（编号 %lld）</option>\n", (long long)tables[i].id);
	}
	buf_adds(b, "</select></p>\n<p><label for=\"f-name\">名称</label>"
		 "<input id=\"f-name\" name=\"name\" maxlength=\"100\" value=\"");
	html_esc(b, fv(form, "name", def_name));
	buf_adds(b, "\"></p>\n<p><label for=\"f-from\">考核期间（开始）</label>"
		 "<input id=\"f-from\" name=\"from\" type=\"date\" value=\"");
	html_esc(b, fv(form, "from", def_from));
	buf_adds(b, "\"></p>\n<p><label for=\"f-to\">考核期间（结束）</label>"
		 "<input id=\"f-to\" name=\"to\" type=\"date\" value=\"");
	html_esc(b, fv(form, "to", def_to));
	buf_adds(b, "\"></p>\n");
	target_fields(rq, b, tables, ntables, form);
	buf_adds(b, "<p><button type=\"submit\">新建考核</button></p>\n</form>\n");
}

static void rounds_table(struct buf *b, const struct assess_round *v, size_t n,
			 int64_t unit)
{
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"考核轮次列表\"><table class=\"grid\"><caption>考核轮次"
		 "</caption><thead><tr><th scope=\"col\">名称</th><th scope=\"col\">"
		 "考核指标</th><th scope=\"col\">考核期间</th><th scope=\"col\">"
		 "状态</th><th scope=\"col\">考核对象</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		if (unit)
			buf_addf(b, "<tr><th scope=\"row\"><a href=\"/admin/"
				 "assessment/rounds/%lld/units/%lld\">",
				 (long long)v[i].id, (long long)unit);
		else
			buf_addf(b, "<tr><th scope=\"row\"><a href=\"/admin/"
				 "assessment/rounds/%lld\">", (long long)v[i].id);
		html_esc(b, v[i].name);
		buf_adds(b, "</a></th><td>");
		html_esc(b, v[i].table_name);
		buf_adds(b, "</td><td class=\"nw\">");
		html_esc(b, v[i].period_from);
		buf_adds(b, " 至 ");
		html_esc(b, v[i].period_to);
		buf_addf(b, "</td><td>%s</td><td class=\"num\">%lld 个</td></tr>\n",
			 status_label(&v[i]), (long long)v[i].ntargets);
	}
	buf_adds(b, "</tbody></table></div>\n");
}

static void index_page(struct http_request *rq, struct http_response *rs,
		       const struct errors *err, const struct query *form)
{
	struct buf *b = &rs->body;
	struct assess_table *tables = NULL;
	struct assess_round *rounds = NULL;
	size_t ntables = 0, nrounds = 0;

	buf_reset(b);
	admin_begin(rq, b, "考核");
	done_notice(rq, b);
	admin_errors(b, err);
	buf_adds(b, "<p class=\"lead\">按考核指标对街道（镇）和区直相关部门评分："
		 "能由平台数据计算的指标（二级事项覆盖率、按公开时限发布、依申请"
		 "按期答复、公示栏台账、自查问题、督办任务）自动评分并写明依据，其余"
		 "指标由考核人员评分并写明扣分理由；被考核单位上传证明材料，可提出一次"
		 "意见；政务公开办定稿后导出排名。</p>\n");
	if (is_office(rq)) {
		store_assess_table_list(rq->wstore, rq->arena, &tables, &ntables);
		store_assess_round_list(rq->wstore, rq->user->region_code,
					rq->arena, &rounds, &nrounds);
		buf_adds(b, "<section aria-labelledby=\"rounds\">\n<h2 id=\"rounds\">"
			 "考核轮次</h2>\n");
		if (nrounds)
			rounds_table(b, rounds, nrounds, 0);
		else
			buf_adds(b, "<p class=\"empty\">还没有考核。</p>\n");
		buf_adds(b, "<p><a href=\"/admin/assessment/charts\">统计图：得分、"
			 "覆盖率、自查问题和地图</a></p>\n");
		if (ntables)
			create_form(rq, b, tables, ntables, form);
		buf_adds(b, "</section>\n");
		tables_section(rq, b, tables, ntables);
	}
	if (is_staff(rq)) {
		store_assess_rounds_of_unit(rq->wstore, rq->user->unit_id,
					    rq->arena, &rounds, &nrounds);
		buf_adds(b, "<section aria-labelledby=\"mine\">\n<h2 id=\"mine\">"
			 "本单位参加的考核</h2>\n");
		if (nrounds)
			rounds_table(b, rounds, nrounds, rq->user->unit_id);
		else
			buf_adds(b, "<p class=\"empty\">本单位目前没有考核。</p>\n");
		buf_adds(b, "</section>\n");
	}
	admin_end(rq, b);
}

void admin_assessment(struct http_request *rq, struct http_response *rs)
{
	if (!is_office(rq) && !is_staff(rq)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：三员账号不参与考核");
		return;
	}
	index_page(rq, rs, NULL, NULL);
}

/* --- tables --- */

void admin_assess_table_import(struct http_request *rq,
			       struct http_response *rs)
{
	struct errors err = ERRORS_INIT;
	const struct form_part *file = NULL;

	if (!is_office(rq)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：只有政务公开办可以导入"
		       "考核指标");
		return;
	}
	for (size_t i = 0; i < rq->nparts; i++)
		if (rq->parts[i].filename && !strcmp(rq->parts[i].name, "file") &&
		    rq->parts[i].len)
			file = &rq->parts[i];
	if (!file) {
		errors_addf(&err, "「考核指标表」：请选择要导入的 .xlsx 或 .csv 文件");
	} else {
		const char *name = *file->filename ? file->filename : "考核指标";
		const char *slash = strrchr(name, '/');

		if (slash)
			name = slash + 1;
		if (assess_table_import_mem(rq->wstore, rq->actor, file->data,
					    file->len, name,
					    rq->user->region_code, rq->arena,
					    NULL, &err)) {
			admin_redirect(rq, rs, "/admin/assessment?done=imported#tables",
				       NULL);
			errors_release(&err);
			return;
		}
	}
	index_page(rq, rs, &err, NULL);
	rs->status = 400;
	errors_release(&err);
}

/* The table of the URL, for an office user; 0 or -1 (page written). */
static int load_table(struct http_request *rq, struct http_response *rs,
		      int64_t id, struct assess_table *t)
{
	if (!is_office(rq)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：考核指标由政务公开办管理");
		return -1;
	}
	if (store_assess_table_load(rq->wstore, id, rq->arena, t) != STORE_OK) {
		refuse(rq, rs, 404, "没有这个考核指标", "没有这个考核指标");
		return -1;
	}
	return 0;
}

void admin_assess_table(struct http_request *rq, struct http_response *rs)
{
	struct assess_table t;
	struct buf *b = &rs->body, ev = BUF_INIT;
	int64_t base[ASSESS_MAX_TYPES], bonus[ASSESS_MAX_TYPES];

	if (load_table(rq, rs, param_id(rq, 0), &t))
		return;
	admin_begin(rq, b, t.name);
	buf_adds(b, "<dl class=\"columns\"><dt>分值合计</dt><dd>");
	html_esc(b, assess_totals_text(&t, rq->arena));
	buf_adds(b, "</dd><dt>来源文件</dt><dd>");
	html_esc(b, t.source);
	buf_adds(b, "</dd><dt>导入</dt><dd>");
	html_esc(b, t.created_by);
	buf_adds(b, " ");
	html_esc(b, t.created_at);
	buf_addf(b, "</dd><dt>下载</dt><dd><a href=\"/admin/assessment/tables/"
		 "%lld.xlsx\">Excel</a> · <a href=\"/admin/assessment/tables/"
		 "%lld.csv\">CSV</a></dd></dl>\n", (long long)t.id,
		 (long long)t.id);
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"指标\"><table class=\"grid assess-table\"><caption>");
	html_esc(b, t.name);
	buf_adds(b, "</caption><thead><tr><th scope=\"col\">序号</th>"
		 "<th scope=\"col\">指标</th>");
	for (size_t k = 0; k < t.ntypes; k++) {
		buf_adds(b, "<th scope=\"col\">");
		html_esc(b, t.types[k]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "<th scope=\"col\">考核方式</th><th scope=\"col\">证据</th>"
		 "<th scope=\"col\">平台数据</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < t.nlines; i++) {
		const struct assess_line *l = &t.lines[i];
		int m;

		if (!l->scored) {
			buf_addf(b, "<tr class=\"group level%d\"><th colspan=\"%zu\" "
				 "scope=\"rowgroup\">", l->level, 5 + t.ntypes);
			html_esc(b, l->name);
			buf_adds(b, "</th></tr>\n");
			continue;
		}
		buf_addf(b, "<tr><td class=\"num\">%d</td><td>",
			 assess_line_number(&t, i));
		if (l->bonus)
			buf_adds(b, "<span class=\"tag\">加分项</span> ");
		html_esc(b, l->name);
		buf_adds(b, "</td>");
		for (size_t k = 0; k < t.ntypes; k++) {
			int64_t p = l->points[k];

			buf_adds(b, "<td class=\"num\">");
			if (p == ASSESS_UP_TO_CAP)
				buf_addf(b, "最多 %s", pts(rq, t.bonus_cap));
			else if (p != ASSESS_NOT_ASSESSED)
				buf_adds(b, pts(rq, p));
			else
				buf_adds(b, "—");
			buf_adds(b, "</td>");
		}
		buf_adds(b, "<td>");
		html_esc(b, l->method);
		buf_reset(&ev);
		assess_evidence_text(&ev, l->evidence);
		buf_adds(b, "</td><td>");
		html_esc(b, ev.buf ? ev.buf : "");
		m = assess_measure_parse(l->measure);
		buf_adds(b, "</td><td>");
		html_esc(b, m > 0 ? assess_measure_label((enum assess_measure)m) :
			 "");
		buf_adds(b, "</td></tr>\n");
	}
	assess_table_totals(&t, base, bonus);
	buf_adds(b, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"2\">合计（"
		 "基准分）</th>");
	for (size_t k = 0; k < t.ntypes; k++)
		buf_addf(b, "<td class=\"num\">%s</td>", pts(rq, base[k]));
	buf_adds(b, "<td colspan=\"3\"></td></tr></tfoot></table></div>\n");
	if (*t.note) {
		buf_adds(b, "<p>");
		html_esc(b, t.note);
		buf_adds(b, "</p>\n");
	}
	buf_release(&ev);
	admin_end(rq, b);
}

static int write_table_xlsx(const void *t, const char *path, struct errors *e)
{
	return assess_table_write_xlsx(t, path, e);
}

static int write_ranking_xlsx(const void *sh, const char *path,
			      struct errors *e)
{
	return assess_ranking_write_xlsx(sh, path, e);
}

/* Content-Disposition for a download named 'name'. */
static void attachment_named(struct http_request *rq, struct http_response *rs,
			     const char *fallback, const char *name)
{
	struct buf cd = BUF_INIT;

	buf_addf(&cd, "attachment; filename=\"%s\"; filename*=UTF-8''", fallback);
	url_esc(&cd, name);
	rs->disposition = arena_strdup(rq->arena, cd.buf);
	buf_release(&cd);
}

void admin_assess_table_export(struct http_request *rq,
			       struct http_response *rs)
{
	struct assess_table t;
	bool csv = !strcmp(rq->params[1], "csv");

	if (load_table(rq, rs, param_id(rq, 0), &t))
		return;
	rs->uncacheable = true;
	if (csv) {
		assess_table_write_csv(&t, &rs->body);
		rs->content_type = "text/csv; charset=utf-8";
	} else if (file_bytes_of(write_table_xlsx, &t, &rs->body)) {
		refuse(rq, rs, 500, "暂时无法生成文件", "生成 Excel 文件失败，请稍后"
		       "再试或下载 CSV");
		return;
	} else {
		rs->content_type = "application/vnd.openxmlformats-officedocument"
			".spreadsheetml.sheet";
	}
	attachment_named(rq, rs, csv ? "assessment-table.csv" :
			 "assessment-table.xlsx",
			 arena_printf(rq->arena, "%s.%s", t.name,
				      csv ? "csv" : "xlsx"));
}

/* --- rounds --- */

void admin_assess_round_create(struct http_request *rq,
			       struct http_response *rs)
{
	struct errors err = ERRORS_INIT;
	struct assess_round_in in = { 0 };
	int64_t *units = arena_alloc(rq->arena, (rq->form.n + 1) *
				     sizeof(*units));
	const char **types = arena_alloc(rq->arena, (rq->form.n + 1) *
					 sizeof(*types));
	int64_t id, table = 0;
	size_t n = 0;

	if (!is_office(rq)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：只有政务公开办可以新建"
		       "考核");
		return;
	}
	if (query_int(&rq->form, "table", 1, INT64_MAX, 0, &table) || !table)
		errors_addf(&err, "「考核指标」：请选择考核指标");
	for (size_t i = 0; i < rq->form.n; i++) {
		const char *v = rq->form.fields[i].value;
		char name[32], *end;
		long long x;

		if (strcmp(rq->form.fields[i].name, "unit"))
			continue;
		x = strtoll(v, &end, 10);
		if (!*v || *end || x <= 0) {
			errors_addf(&err, "「考核对象」：「%s」不是单位编号", v);
			continue;
		}
		snprintf(name, sizeof(name), "type_%lld", x);
		units[n] = x;
		types[n++] = query_get(&rq->form, name);
	}
	if (!err.n) {
		in.table_id = table;
		in.name = query_get(&rq->form, "name");
		in.region = rq->user->region_code;
		in.from = query_get(&rq->form, "from");
		in.to = query_get(&rq->form, "to");
		in.units = units;
		in.types = types;
		in.n = n;
		id = assess_round_create(rq->wstore, rq->actor, &in, &err);
		if (id) {
			admin_redirect(rq, rs, arena_printf(rq->arena, "/admin/"
				       "assessment/rounds/%lld?done=created",
				       (long long)id), NULL);
			errors_release(&err);
			return;
		}
	}
	index_page(rq, rs, &err, &rq->form);
	rs->status = 400;
	errors_release(&err);
}

/* The round of the URL with its sheet, for someone who may see it: the
 * office above its region; a target unit's staff are sent to their own
 * sheet ('unit_view' true lets them in).  0 or -1 (page written). */
static int load_round(struct http_request *rq, struct http_response *rs,
		      struct assess_sheet *sh)
{
	struct errors err = ERRORS_INIT;

	if (assess_sheet_load(rq->wstore, param_id(rq, 0), rq->arena, sh,
			      &err)) {
		errors_release(&err);
		refuse(rq, rs, 404, "没有这个考核", "没有这个考核");
		return -1;
	}
	errors_release(&err);
	if (authz_allows(rq->wstore, rq->actor, AZ_ASSESS_SCORE, 0,
			 sh->round.region_code))
		return 0;
	if (is_staff(rq) && assess_sheet_target(sh, rq->user->unit_id, NULL)) {
		admin_redirect(rq, rs, arena_printf(rq->arena, "/admin/assessment/"
			       "rounds/%lld/units/%lld", (long long)sh->round.id,
			       (long long)rq->user->unit_id), NULL);
		return -1;
	}
	refuse(rq, rs, 403, "没有权限", "没有权限：只能查看本地区的考核");
	return -1;
}

static void round_facts(struct http_request *rq, struct buf *b,
			const struct assess_sheet *sh)
{
	buf_addf(b, "<dl class=\"columns\"><dt>考核指标</dt><dd>");
	if (is_office(rq))
		buf_addf(b, "<a href=\"/admin/assessment/tables/%lld\">",
			 (long long)sh->table.id);
	html_esc(b, sh->table.name);
	if (is_office(rq))
		buf_adds(b, "</a>");
	buf_adds(b, "（");
	html_esc(b, assess_totals_text(&sh->table, rq->arena));
	buf_adds(b, "）</dd><dt>考核期间</dt><dd>");
	html_esc(b, sh->round.period_from);
	buf_adds(b, " 至 ");
	html_esc(b, sh->round.period_to);
	buf_addf(b, "</dd><dt>状态</dt><dd><strong>%s</strong>",
		 status_label(&sh->round));
	if (sh->round.final_at) {
		buf_adds(b, "（");
		html_esc(b, sh->round.final_by ? sh->round.final_by : "");
		buf_adds(b, " ");
		html_esc(b, sh->round.final_at);
		buf_adds(b, "）");
	}
	buf_adds(b, "</dd><dt>平台数据评分</dt><dd>");
	html_esc(b, sh->round.scored_at ? sh->round.scored_at : "尚未计算");
	buf_adds(b, "</dd></dl>\n");
}

/* Indices of the targets of type 'type', best first. */
static size_t ranked(const struct assess_sheet *sh, int type, size_t *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < sh->ntargets; i++)
		if (sh->type_of[i] == type)
			idx[n++] = i;
	for (size_t i = 1; i < n; i++) {
		size_t k = idx[i], j = i;

		while (j > 0 && sh->results[idx[j - 1]].rank >
		       sh->results[k].rank) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = k;
	}
	return n;
}

/* The ranking of one type: the bar chart of totals and, beside it, the
 * table (which is the chart's text). */
static void ranking_section(struct http_request *rq, struct buf *b,
			    const struct assess_sheet *sh, int type)
{
	size_t *idx = arena_alloc(rq->arena, (sh->ntargets + 1) * sizeof(*idx));
	size_t n = ranked(sh, type, idx);
	struct chart_bar *bars = arena_alloc(rq->arena, (n + 1) * sizeof(*bars));
	const char *type_name = sh->table.types[type];
	const char *caption = arena_printf(rq->arena, "%s排名", type_name);
	double max = 0;

	if (!n)
		return;
	buf_addf(b, "<section aria-labelledby=\"rank-%d\">\n<h2 id=\"rank-%d\">",
		 type, type);
	html_esc(b, caption);
	buf_adds(b, "</h2>\n<div class=\"chart-and-table\">\n");
	for (size_t r = 0; r < n; r++) {
		const struct assess_result *res = &sh->results[idx[r]];

		bars[r].label = sh->targets[idx[r]].unit_name;
		bars[r].value = (double)res->total / 100.0;
		bars[r].value_text = arena_printf(rq->arena, "%s 分",
						  pts(rq, res->total));
		if (res->full + sh->table.bonus_cap > max * 100)
			max = (double)(res->full + sh->table.bonus_cap) / 100.0;
	}
	chart_bars(b, arena_printf(rq->arena, "chart-rank-%d", type),
		   arena_printf(rq->arena, "%s总分", caption), bars, n, max,
		   "总分（分）");
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"");
	html_esc(b, caption);
	buf_adds(b, "表\"><table class=\"grid ranking\"><caption>");
	html_esc(b, caption);
	buf_adds(b, "</caption><thead><tr><th scope=\"col\">名次</th>"
		 "<th scope=\"col\">单位</th><th scope=\"col\">基础得分</th>"
		 "<th scope=\"col\">加分</th><th scope=\"col\">总分</th>"
		 "<th scope=\"col\">已评</th><th scope=\"col\">单位意见</th>"
		 "</tr></thead><tbody>\n");
	for (size_t r = 0; r < n; r++) {
		const struct assess_target *g = &sh->targets[idx[r]];
		const struct assess_result *res = &sh->results[idx[r]];

		buf_addf(b, "<tr><td class=\"num\">%d</td><th scope=\"row\"><a "
			 "href=\"/admin/assessment/rounds/%lld/units/%lld\">",
			 res->rank, (long long)sh->round.id,
			 (long long)g->unit_id);
		html_esc(b, g->unit_name);
		buf_addf(b, "</a></th><td class=\"num\">%s / %s</td>"
			 "<td class=\"num\">%s</td><td class=\"num\"><strong>%s"
			 "</strong></td><td class=\"num\">%zu/%zu 项</td><td>%s"
			 "</td></tr>\n", pts(rq, res->base), pts(rq, res->full),
			 pts(rq, res->bonus), pts(rq, res->total), res->nscored,
			 res->nlines, g->response ? "已提出" : "—");
	}
	buf_adds(b, "</tbody></table></div>\n</div>\n</section>\n");
}

void admin_assess_round(struct http_request *rq, struct http_response *rs)
{
	struct assess_sheet sh;
	struct buf *b = &rs->body;
	bool open;

	if (load_round(rq, rs, &sh))
		return;
	open = !assess_round_is_final(&sh.round);
	admin_begin(rq, b, sh.round.name);
	done_notice(rq, b);
	round_facts(rq, b, &sh);
	buf_adds(b, "<div class=\"actions\">");
	if (open) {
		buf_addf(b, "<form method=\"post\" action=\"/admin/assessment/rounds/"
			 "%lld/auto\">", (long long)sh.round.id);
		admin_csrf(rq, b);
		buf_adds(b, "<button type=\"submit\">按平台数据评分</button></form>");
		buf_addf(b, "<form method=\"post\" action=\"/admin/assessment/rounds/"
			 "%lld/finalise\">", (long long)sh.round.id);
		admin_csrf(rq, b);
		buf_adds(b, "<button type=\"submit\" class=\"secondary\">定稿"
			 "</button></form>");
	}
	buf_addf(b, "</div>\n<p><a class=\"button\" href=\"/admin/assessment/"
		 "rounds/%lld.xlsx\">导出排名（Excel）</a> <a href=\"/admin/"
		 "assessment/rounds/%lld.csv\">导出排名（CSV）</a> · <a href=\"/admin/"
		 "assessment/charts?round=%lld\">统计图</a>%s</p>\n",
		 (long long)sh.round.id, (long long)sh.round.id,
		 (long long)sh.round.id, open ? " <span class=\"meta\">"
		 "（未定稿，排名为临时结果）</span>" : "");
	for (size_t k = 0; k < sh.table.ntypes; k++)
		ranking_section(rq, b, &sh, (int)k);
	admin_end(rq, b);
}

void admin_assess_ranking(struct http_request *rq, struct http_response *rs)
{
	struct assess_sheet sh;
	bool csv = !strcmp(rq->params[1], "csv");

	if (load_round(rq, rs, &sh))
		return;
	rs->uncacheable = true;
	if (csv) {
		assess_ranking_write_csv(&sh, &rs->body);
		rs->content_type = "text/csv; charset=utf-8";
	} else if (file_bytes_of(write_ranking_xlsx, &sh, &rs->body)) {
		refuse(rq, rs, 500, "暂时无法生成文件", "生成 Excel 文件失败，请稍后"
		       "再试或下载 CSV");
		return;
	} else {
		rs->content_type = "application/vnd.openxmlformats-officedocument"
			".spreadsheetml.sheet";
	}
	attachment_named(rq, rs, csv ? "ranking.csv" : "ranking.xlsx",
			 arena_printf(rq->arena, "%s排名%s.%s", sh.round.name,
				      assess_round_is_final(&sh.round) ? "" :
				      "（未定稿）", csv ? "csv" : "xlsx"));
}

static void round_action(struct http_request *rq, struct http_response *rs,
			 bool final)
{
	struct assess_auto_summary sum;
	struct errors err = ERRORS_INIT;
	int64_t id = param_id(rq, 0);
	int rc;

	rc = final ? assess_finalise(rq->wstore, rq->actor, id, &err) :
		assess_score_auto(rq->wstore, rq->actor, id, NULL, &sum, &err);
	if (rc == 0)
		admin_redirect(rq, rs, arena_printf(rq->arena, "/admin/assessment/"
			       "rounds/%lld?done=%s", (long long)id,
			       final ? "final" : "auto"), NULL);
	else
		admin_fail(rq, rs, err.n && strstr(err.msg[0], "没有权限") ? 403 :
			   400, final ? "未能定稿" : "未能按平台数据评分", &err);
	errors_release(&err);
}

void admin_assess_auto(struct http_request *rq, struct http_response *rs)
{
	round_action(rq, rs, false);
}

void admin_assess_finalise(struct http_request *rq, struct http_response *rs)
{
	round_action(rq, rs, true);
}

/* --- a unit's sheet --- */

struct unit_view {
	struct assess_sheet sh;
	const struct assess_target *g;
	size_t ti;
	bool can_score, can_respond, open;
	struct assess_evidence_file *ev;
	size_t nev;
};

/* The sheet of the unit of the URL for someone who may see it; 0 or -1
 * (page written). */
static int load_unit(struct http_request *rq, struct http_response *rs,
		     struct unit_view *v)
{
	struct errors err = ERRORS_INIT;
	int64_t unit = param_id(rq, 1);

	memset(v, 0, sizeof(*v));
	if (assess_sheet_load(rq->wstore, param_id(rq, 0), rq->arena, &v->sh,
			      &err) ||
	    !(v->g = assess_sheet_target(&v->sh, unit, &v->ti))) {
		errors_release(&err);
		refuse(rq, rs, 404, "没有这个考核对象", "没有这个考核对象");
		return -1;
	}
	errors_release(&err);
	if (!authz_allows(rq->wstore, rq->actor, AZ_ASSESS_VIEW, unit,
			  v->sh.round.region_code) &&
	    !authz_allows(rq->wstore, rq->actor, AZ_ASSESS_VIEW, unit,
			  v->g->region_code)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：查看此单位的考核评分");
		return -1;
	}
	v->open = !assess_round_is_final(&v->sh.round);
	v->can_score = v->open && authz_allows(rq->wstore, rq->actor,
					       AZ_ASSESS_SCORE, unit,
					       v->sh.round.region_code);
	v->can_respond = v->open && authz_allows(rq->wstore, rq->actor,
						 AZ_ASSESS_RESPOND, unit,
						 v->g->region_code);
	store_assess_evidence_list(rq->wstore, v->sh.round.id, unit, rq->arena,
				   &v->ev, &v->nev);
	return 0;
}

static const char *unit_href(struct http_request *rq, const struct unit_view *v)
{
	return arena_printf(rq->arena, "/admin/assessment/rounds/%lld/units/%lld",
			    (long long)v->sh.round.id, (long long)v->g->unit_id);
}

/* The evidence of line 'l' and, for the unit, the form to add more. */
static void evidence_cell(struct http_request *rq, struct buf *b,
			  const struct unit_view *v, const struct assess_line *l,
			  int number)
{
	bool any = false;
	unsigned up = l->evidence & AEV_UPLOADS;

	for (size_t i = 0; i < v->nev; i++) {
		const struct assess_evidence_file *e = &v->ev[i];

		if (e->line_id != l->id)
			continue;
		if (!any)
			buf_adds(b, "<ul class=\"attachments\">");
		any = true;
		buf_addf(b, "<li><a href=\"%s/evidence/%lld\">", unit_href(rq, v),
			 (long long)e->id);
		html_esc(b, e->name);
		buf_adds(b, "</a> <span class=\"meta\">");
		html_esc(b, assess_evidence_label(e->kind));
		buf_adds(b, "</span></li>");
	}
	if (any)
		buf_adds(b, "</ul>");
	if (!v->can_respond || !up) {
		if (!any)
			buf_adds(b, up ? "<span class=\"meta\">未上传</span>" : "");
		return;
	}
	buf_addf(b, "<form class=\"form upload\" method=\"post\" action=\"%s/"
		 "evidence\" enctype=\"multipart/form-data\">", unit_href(rq, v));
	admin_csrf(rq, b);
	buf_addf(b, "<input type=\"hidden\" name=\"line\" value=\"%lld\">"
		 "<label for=\"k-%lld\">第%d项材料类型</label><select id=\"k-%lld\" "
		 "name=\"kind\">", (long long)l->id, (long long)l->id, number,
		 (long long)l->id);
	for (unsigned bit = 1; bit < (1u << AEV__COUNT); bit <<= 1)
		if (up & bit)
			buf_addf(b, "<option value=\"%u\">%s</option>", bit,
				 assess_evidence_label(bit));
	buf_addf(b, "</select><label for=\"e-%lld\">第%d项证明材料</label>"
		 "<input id=\"e-%lld\" name=\"files\" type=\"file\" multiple>"
		 "<button type=\"submit\" class=\"secondary\">上传</button></form>",
		 (long long)l->id, number, (long long)l->id);
}

/* The score cell and the basis cell of line 'l' for the unit. */
static void score_cells(struct http_request *rq, struct buf *b,
			const struct unit_view *v, const struct assess_line *l,
			int number, int64_t points, const struct query *form)
{
	const struct assess_score *sc = assess_sheet_score(&v->sh,
							   v->g->unit_id, l->id);
	int m = assess_measure_parse(l->measure);
	bool is_auto = sc && !strcmp(sc->source, "auto");

	buf_adds(b, "<td class=\"num\">");
	if (v->can_score && !is_auto) {
		char name[40];
		const char *val;

		snprintf(name, sizeof(name), "score_%lld", (long long)l->id);
		val = fv(form, name, sc ? pts(rq, sc->score) : "");
		buf_addf(b, "<input class=\"score\" name=\"%s\" inputmode=\"decimal\" "
			 "size=\"5\" maxlength=\"8\" aria-label=\"第%d项得分（满分 %s "
			 "分）\" value=\"", name, number, pts(rq, points));
		html_esc(b, val);
		buf_adds(b, "\">");
	} else if (sc) {
		buf_addf(b, "<strong>%s</strong>", pts(rq, sc->score));
	} else {
		buf_adds(b, "<span class=\"meta\">未评</span>");
	}
	buf_adds(b, "</td><td>");
	if (is_auto) {
		buf_adds(b, "<span class=\"tag\">平台数据</span> ");
		html_esc(b, sc->figure);
	} else if (m > 0 && (v->can_score || !sc)) {
		struct assess_figure f;
		struct errors err = ERRORS_INIT;
		struct unit u;
		struct unit_settings set;

		if (store_unit_get(rq->wstore, v->g->unit_id, rq->arena, &u,
				   &set) == STORE_OK &&
		    assess_measure_unit(rq->wstore, (enum assess_measure)m,
					&v->sh.round, &u, NULL, rq->arena, &f,
					&err) == 0 && !f.measured) {
			buf_adds(b, "<p class=\"meta\">平台数据（");
			html_esc(b, assess_measure_label((enum assess_measure)m));
			buf_adds(b, "）无法计算：");
			html_esc(b, f.why_not);
			buf_adds(b, v->can_score ? "。请人工评分。</p>" : "。</p>");
		}
		errors_release(&err);
	}
	if (v->can_score && !is_auto) {
		char name[40];

		snprintf(name, sizeof(name), "comment_%lld", (long long)l->id);
		buf_addf(b, "<textarea class=\"comment\" name=\"%s\" rows=\"2\" "
			 "maxlength=\"%d\" aria-label=\"第%d项评语（扣分须写明理由）\">",
			 name, ASSESS_COMMENT_MAX, number);
		html_esc(b, fv(form, name, sc ? sc->comment : ""));
		buf_adds(b, "</textarea>");
	} else if (sc && !is_auto && *sc->comment) {
		buf_adds(b, "<span class=\"tag\">评语</span> ");
		html_esc(b, sc->comment);
	}
	buf_adds(b, "</td>");
}

static void lines_table(struct http_request *rq, struct buf *b,
			const struct unit_view *v, const struct query *form)
{
	const struct assess_table *t = &v->sh.table;
	int type = v->sh.type_of[v->ti];
	struct buf ev = BUF_INIT;
	int last_group[3] = { -1, -1, -1 };

	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"各项得分\"><table class=\"grid assess-sheet\">"
		 "<caption>各项得分</caption><thead><tr><th scope=\"col\">序号</th>"
		 "<th scope=\"col\">指标</th><th scope=\"col\">满分</th>"
		 "<th scope=\"col\">得分</th><th scope=\"col\">依据与评语</th>"
		 "<th scope=\"col\">证明材料</th></tr></thead><tbody>\n");
	for (size_t i = 0; type >= 0 && i < t->nlines; i++) {
		const struct assess_line *l = &t->lines[i];
		int64_t p = assess_line_points(t, l, (size_t)type);
		int number = assess_line_number(t, i);

		if (p == ASSESS_NOT_ASSESSED)
			continue;
		/* the groups above the line, once each */
		{
			int chain[3], nc = 0;

			for (int at = l->parent; at >= 0 && nc < 3;
			     at = t->lines[at].parent)
				chain[nc++] = at;
			while (nc-- > 0) {
				int g = chain[nc], lv = t->lines[g].level;

				if (last_group[lv] == g)
					continue;
				last_group[lv] = g;
				if (lv == 1)
					last_group[2] = -1;
				buf_addf(b, "<tr class=\"group level%d\"><th "
					 "colspan=\"6\" scope=\"rowgroup\">", lv);
				html_esc(b, t->lines[g].name);
				buf_adds(b, "</th></tr>\n");
			}
		}
		buf_addf(b, "<tr><td class=\"num\">%d</td><td>", number);
		if (l->bonus)
			buf_adds(b, "<span class=\"tag\">加分项</span> ");
		html_esc(b, l->name);
		buf_reset(&ev);
		assess_evidence_text(&ev, l->evidence);
		buf_adds(b, "<br><span class=\"meta\">考核方式：");
		html_esc(b, l->method);
		buf_adds(b, "</span></td><td class=\"num\">");
		if (l->bonus)
			buf_adds(b, "最多 ");
		buf_adds(b, pts(rq, p));
		buf_adds(b, "</td>");
		score_cells(rq, b, v, l, number, p, form);
		buf_adds(b, "<td>");
		evidence_cell(rq, b, v, l, number);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	buf_release(&ev);
}

static void response_section(struct http_request *rq, struct buf *b,
			     const struct unit_view *v, const char *typed)
{
	buf_adds(b, "<section aria-labelledby=\"response\">\n<h2 id=\"response\">"
		 "单位意见</h2>\n");
	if (v->g->response) {
		buf_adds(b, "<blockquote class=\"letter\">");
		html_esc(b, v->g->response);
		buf_adds(b, "</blockquote>\n<p class=\"meta\">");
		html_esc(b, v->g->response_by ? v->g->response_by : "");
		buf_adds(b, " 提出于 ");
		html_esc(b, v->g->response_at ? v->g->response_at : "");
		buf_adds(b, "（每个单位只能提出一次）</p>\n");
	} else if (v->can_respond) {
		buf_addf(b, "<form class=\"form\" method=\"post\" action=\"%s/"
			 "response\">", unit_href(rq, v));
		admin_csrf(rq, b);
		buf_addf(b, "<p><label for=\"f-text\">对评分的意见</label><span "
			 "class=\"hint\" id=\"f-text-hint\">写明项号和理由，不超过 %d "
			 "个字。每个单位只能提出一次，提交后不能修改。</span><textarea "
			 "id=\"f-text\" name=\"text\" rows=\"5\" maxlength=\"%d\" "
			 "aria-describedby=\"f-text-hint\">", ASSESS_RESPONSE_MAX,
			 ASSESS_RESPONSE_MAX);
		html_esc(b, typed ? typed : "");
		buf_adds(b, "</textarea></p><p><button type=\"submit\">提交意见"
			 "</button></p></form>\n");
	} else {
		buf_adds(b, "<p class=\"meta\">本单位尚未提出意见。</p>\n");
	}
	buf_adds(b, "</section>\n");
}

static void unit_page(struct http_request *rq, struct http_response *rs,
		      struct unit_view *v, const struct errors *err,
		      const struct query *form, const char *typed)
{
	struct buf *b = &rs->body;
	const struct assess_result *res = &v->sh.results[v->ti];

	buf_reset(b);
	admin_begin(rq, b, arena_printf(rq->arena, "%s：%s", v->sh.round.name,
					v->g->unit_name));
	done_notice(rq, b);
	admin_errors(b, err);
	if (is_office(rq))
		buf_addf(b, "<p><a href=\"/admin/assessment/rounds/%lld\">返回本轮"
			 "考核</a></p>\n", (long long)v->sh.round.id);
	round_facts(rq, b, &v->sh);
	buf_adds(b, "<p class=\"total\">");
	html_esc(b, v->g->type_name);
	buf_addf(b, "第 %d 名：总分 <strong>%s</strong> 分（基础得分 %s / %s，"
		 "加分 %s），已评 %zu/%zu 项</p>\n", res->rank, pts(rq, res->total),
		 pts(rq, res->base), pts(rq, res->full), pts(rq, res->bonus),
		 res->nscored, res->nlines);
	if (v->can_score) {
		buf_addf(b, "<form class=\"form\" method=\"post\" action=\"%s/"
			 "scores\">", unit_href(rq, v));
		admin_csrf(rq, b);
		buf_adds(b, "<p class=\"hint\">平台数据评分的指标按数据计算，不能"
			 "手工修改；其余指标填写得分，低于满分的须在评语中写明扣分理由，"
			 "加分项须写明加分依据。</p>\n");
	}
	lines_table(rq, b, v, form);
	if (v->can_score)
		buf_adds(b, "<p><button type=\"submit\">保存评分</button></p>"
			 "</form>\n");
	response_section(rq, b, v, typed);
	admin_end(rq, b);
}

void admin_assess_unit(struct http_request *rq, struct http_response *rs)
{
	struct unit_view v;

	if (load_unit(rq, rs, &v))
		return;
	unit_page(rq, rs, &v, NULL, NULL, NULL);
}

void admin_assess_scores(struct http_request *rq, struct http_response *rs)
{
	struct unit_view v;
	struct errors err = ERRORS_INIT;
	struct assess_manual *m;
	const struct assess_table *t;
	size_t n = 0;
	int type;

	if (load_unit(rq, rs, &v))
		return;
	t = &v.sh.table;
	type = v.sh.type_of[v.ti];
	m = arena_alloc(rq->arena, (t->nlines + 1) * sizeof(*m));
	for (size_t i = 0; type >= 0 && i < t->nlines; i++) {
		const struct assess_line *l = &t->lines[i];
		const struct assess_score *sc;
		char sname[40], cname[40];
		const char *score, *comment;
		int64_t val;
		struct buf c = BUF_INIT;
		bool same;

		if (assess_line_points(t, l, (size_t)type) == ASSESS_NOT_ASSESSED)
			continue;
		snprintf(sname, sizeof(sname), "score_%lld", (long long)l->id);
		snprintf(cname, sizeof(cname), "comment_%lld", (long long)l->id);
		score = query_get(&rq->form, sname);
		comment = query_get(&rq->form, cname);
		if (!score)
			continue;
		sc = assess_sheet_score(&v.sh, v.g->unit_id, l->id);
		utf8_trim(&c, comment ? comment : "");
		same = sc && assess_points_parse(score, &val) == 0 &&
			val == sc->score && !strcmp(c.buf ? c.buf : "", sc->comment);
		buf_release(&c);
		if (same)
			continue;	/* unchanged: nothing to write */
		m[n].line_id = l->id;
		m[n].score = score;
		m[n].comment = comment;
		n++;
	}
	if (assess_score_manual(rq->wstore, rq->actor, v.sh.round.id,
				v.g->unit_id, m, n, &err) >= 0) {
		admin_redirect(rq, rs, arena_printf(rq->arena, "%s?done=scores",
						    unit_href(rq, &v)), NULL);
		errors_release(&err);
		return;
	}
	unit_page(rq, rs, &v, &err, &rq->form, NULL);
	rs->status = err.n && strstr(err.msg[0], "没有权限") ? 403 : 400;
	errors_release(&err);
}

void admin_assess_evidence(struct http_request *rq, struct http_response *rs)
{
	struct unit_view v;
	struct errors err = ERRORS_INIT;
	int64_t line = 0, kind = 0;
	size_t nfiles = 0;

	if (load_unit(rq, rs, &v))
		return;
	if (query_int(&rq->form, "line", 1, INT64_MAX, 0, &line) || !line)
		errors_addf(&err, "「指标」：请从本单位的考核指标中选择");
	if (query_int(&rq->form, "kind", 1, 1 << AEV__COUNT, 0, &kind) || !kind)
		errors_addf(&err, "「材料类型」：请选择材料类型");
	for (size_t i = 0; i < rq->nparts; i++)
		nfiles += rq->parts[i].filename && !strcmp(rq->parts[i].name,
							   "files") &&
			(*rq->parts[i].filename || rq->parts[i].len);
	if (!err.n && !nfiles)
		errors_addf(&err, "「证明材料」：请选择要上传的文件");
	else if (nfiles > MAX_UPLOADS)
		errors_addf(&err, "「证明材料」：一次最多上传 %d 个文件",
			    MAX_UPLOADS);
	if (!err.n && store_begin(rq->wstore, &err) == STORE_OK) {
		for (size_t i = 0; i < rq->nparts && !err.n; i++) {
			const struct form_part *p = &rq->parts[i];

			if (!p->filename || strcmp(p->name, "files") ||
			    (!*p->filename && !p->len))
				continue;
			assess_evidence_add(rq->wstore, rq->actor, v.sh.round.id,
					    v.g->unit_id, line, (unsigned)kind,
					    p->filename, p->data, p->len, &err);
		}
		if (!err.n && store_commit(rq->wstore, &err) == STORE_OK) {
			admin_redirect(rq, rs, arena_printf(rq->arena,
				       "%s?done=evidence", unit_href(rq, &v)),
				       NULL);
			errors_release(&err);
			return;
		}
		store_rollback(rq->wstore);
	}
	unit_page(rq, rs, &v, &err, NULL, NULL);
	rs->status = err.n && strstr(err.msg[0], "没有权限") ? 403 : 400;
	errors_release(&err);
}

void admin_assess_evidence_file(struct http_request *rq,
				struct http_response *rs)
{
	struct unit_view v;
	struct assess_evidence_file e;
	void *data;
	size_t len;

	if (load_unit(rq, rs, &v))
		return;
	if (store_assess_evidence_get(rq->wstore, param_id(rq, 2), rq->arena,
				      &e) != STORE_OK ||
	    e.round_id != v.sh.round.id || e.unit_id != v.g->unit_id ||
	    store_blob_get(rq->wstore, e.sha256, &data, &len) != STORE_OK) {
		refuse(rq, rs, 404, "没有这个材料", "没有这个材料");
		return;
	}
	buf_reset(&rs->body);
	buf_add(&rs->body, data, len);
	free(data);
	rs->uncacheable = true;
	rs->content_type = arena_strdup(rq->arena, e.mime);
	attachment_named(rq, rs, "evidence", e.name);
}

void admin_assess_response(struct http_request *rq, struct http_response *rs)
{
	struct unit_view v;
	struct errors err = ERRORS_INIT;
	const char *text = query_get(&rq->form, "text");

	if (load_unit(rq, rs, &v))
		return;
	if (assess_respond(rq->wstore, rq->actor, v.sh.round.id, v.g->unit_id,
			   text, &err) == 0) {
		admin_redirect(rq, rs, arena_printf(rq->arena, "%s?done=response"
						    "#response", unit_href(rq, &v)),
			       NULL);
		errors_release(&err);
		return;
	}
	unit_page(rq, rs, &v, &err, NULL, text);
	rs->status = err.n && strstr(err.msg[0], "没有权限") ? 403 : 400;
	errors_release(&err);
}

/* --- pictures --- */

/* Coverage of 二级事项 by domain of 'region', as bars and their table. */
static void coverage_section(struct http_request *rq, struct buf *b,
			     struct store *s, const char *region,
			     const char *region_name, const char *heading_id)
{
	struct assess_domain_cover *v;
	struct chart_bar *bars;
	size_t n;
	const char *title = arena_printf(rq->arena, "%s各领域二级事项覆盖率",
					 region_name);

	buf_addf(b, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">", heading_id,
		 heading_id);
	html_esc(b, title);
	buf_adds(b, "</h2>\n<p class=\"meta\">覆盖率：有现行公开信息的二级事项"
		 "占本地区已发布目录二级事项的比例。</p>\n");
	if (assess_coverage_by_domain(s, region, NULL, 0, rq->arena, &v, &n) ||
	    !n) {
		buf_adds(b, "<p class=\"empty\">本地区还没有已发布的公开目录。"
			 "</p>\n</section>\n");
		return;
	}
	bars = arena_alloc(rq->arena, n * sizeof(*bars));
	for (size_t i = 0; i < n; i++) {
		double share = (double)v[i].covered / v[i].total;

		bars[i].label = v[i].name;
		bars[i].value = share * 100;
		bars[i].value_text = arena_printf(rq->arena, "%.1f%%", share * 100);
		bars[i].note = arena_printf(rq->arena, "%d / %d", v[i].covered,
					    v[i].total);
	}
	buf_adds(b, "<div class=\"chart-and-table\">\n");
	chart_bars(b, arena_printf(rq->arena, "chart-%s", heading_id), title,
		   bars, n, 100, "覆盖率（%）");
	chart_table(b, title, "领域", "覆盖率", "有信息 / 二级事项", bars, n);
	buf_adds(b, "</div>\n</section>\n");
}

/* The regions a map of 'region' shows: its children when some have an
 * outline, else its parent's children (a street's office sees the city). */
static void map_regions(struct store *s, struct arena *a, const char *region,
			struct region **kids, size_t *n)
{
	struct region r;

	for (int up = 0; up < 3 && region; up++) {
		bool any = false;

		if (store_region_children(s, region, a, kids, n) == STORE_OK)
			for (size_t i = 0; i < *n; i++)
				any |= (*kids)[i].geometry != NULL;
		if (any)
			return;
		if (store_region_get(s, region, a, &r) != STORE_OK)
			break;
		region = r.parent_code;
	}
	*n = 0;
}

static void map_section(struct http_request *rq, struct buf *b,
			const struct assess_sheet *sh, bool by_score)
{
	struct region *kids;
	struct chart_region *v;
	struct chart_bar *bars;
	size_t n, k = 0;
	const char *title;

	map_regions(rq->wstore, rq->arena, rq->user->region_code, &kids, &n);
	title = by_score && sh ? arena_printf(rq->arena, "地图：%s各地区平均得分率",
					      sh->round.name) :
		"地图：各地区专栏完整度";
	buf_adds(b, "<section aria-labelledby=\"map\">\n<h2 id=\"map\">");
	html_esc(b, title);
	buf_adds(b, "</h2>\n<nav aria-label=\"地图着色\"><ul class=\"inline tabs\">");
	buf_addf(b, "<li><a href=\"/admin/assessment/charts?%s%smap=score#map\"%s>"
		 "按得分</a></li><li><a href=\"/admin/assessment/charts?%s%smap="
		 "coverage#map\"%s>按完整度</a></li></ul></nav>\n",
		 sh ? arena_printf(rq->arena, "round=%lld", (long long)sh->round.id) :
		 "", sh ? "&amp;" : "", by_score ? " aria-current=\"page\"" : "",
		 sh ? arena_printf(rq->arena, "round=%lld", (long long)sh->round.id) :
		 "", sh ? "&amp;" : "", by_score ? "" : " aria-current=\"page\"");
	if (!n) {
		buf_adds(b, "<p class=\"empty\">没有导入区划边界，无法画图。</p>\n"
			 "</section>\n");
		return;
	}
	v = arena_alloc(rq->arena, n * sizeof(*v));
	bars = arena_alloc(rq->arena, n * sizeof(*bars));
	for (size_t i = 0; i < n; i++) {
		double share = -1;

		if (by_score && sh) {
			double sum = 0;
			int cnt = 0;

			for (size_t t = 0; t < sh->ntargets; t++) {
				const char *rc = sh->targets[t].region_code;

				if ((!strcmp(rc, kids[i].code) ||
				     store_region_is_below(rq->wstore, rc,
							   kids[i].code)) &&
				    sh->results[t].full > 0) {
					sum += (double)sh->results[t].total /
						(double)sh->results[t].full;
					cnt++;
				}
			}
			share = cnt ? sum / cnt : -1;
		} else if (!by_score) {
			share = region_completeness(rq->wstore, kids[i].code,
						    rq->arena, NULL, NULL);
		}
		if (share > 1)
			share = 1;
		v[k].r = &kids[i];
		v[k].share = share;
		v[k].href = NULL;
		v[k].value_text = share >= 0 ?
			arena_printf(rq->arena, "%.1f%%", share * 100) : "暂无数据";
		bars[k].label = kids[i].name;
		bars[k].value = share >= 0 ? share * 100 : 0;
		bars[k].value_text = v[k].value_text;
		k++;
	}
	buf_adds(b, "<div class=\"map-and-list\">\n");
	chart_map(b, "assess-map", title, by_score ? "map-score" : "map-coverage",
		  by_score ? "得分率" : "完整度", v, k);
	chart_table(b, title, "地区", by_score ? "平均得分率" : "完整度", NULL,
		    bars, k);
	buf_adds(b, "</div>\n</section>\n");
}

static void findings_section(struct http_request *rq, struct buf *b)
{
	struct check_history_point *v;
	struct chart_series series[CHECK__MAX + 1];
	const char **x;
	size_t n, ns = 0;
	double *total;

	buf_adds(b, "<section aria-labelledby=\"findings\">\n<h2 id=\"findings\">"
		 "自查发现的问题（历次自查）</h2>\n");
	if (check_history(rq->wstore, rq->user->region_code, 0, rq->arena, &v,
			  &n) || !n) {
		buf_adds(b, "<p class=\"empty\">本地区还没有自查记录（gongkai check "
			 "或后台自查）。</p>\n</section>\n");
		return;
	}
	x = arena_alloc(rq->arena, n * sizeof(*x));
	total = arena_alloc(rq->arena, n * sizeof(*total));
	for (size_t i = 0; i < n; i++) {
		x[i] = arena_printf(rq->arena, "%s（第%lld次）", v[i].today,
				    (long long)v[i].run_id);
		total[i] = (double)v[i].total;
	}
	series[ns].name = "合计";
	series[ns++].values = total;
	for (int k = 0; k < CHECK__MAX; k++) {
		double *vals = arena_alloc(rq->arena, n * sizeof(*vals));
		bool any = false;

		for (size_t i = 0; i < n; i++) {
			vals[i] = (double)v[i].counts[k];
			any |= v[i].counts[k] != 0;
		}
		if (!any)
			continue;
		series[ns].name = check_kind_label((enum check_kind)k);
		series[ns++].values = vals;
	}
	buf_adds(b, "<div class=\"chart-and-table\">\n");
	chart_lines(b, "chart-findings", "历次自查发现的问题数", x, n, series, ns,
		    "问题数（个）");
	chart_series_table(b, "历次自查发现的问题数", "自查日期", x, n, series,
			   ns);
	buf_adds(b, "</div>\n</section>\n");
}

void admin_assess_charts(struct http_request *rq, struct http_response *rs)
{
	struct buf *b = &rs->body;
	struct assess_round *rounds;
	struct assess_sheet sh, *shp = NULL;
	struct region reg;
	size_t nrounds = 0;
	int64_t round = 0;
	const char *map = query_get(&rq->query, "map");
	bool by_score;

	if (!is_office(rq)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：统计图供政务公开办使用");
		return;
	}
	if (query_int(&rq->query, "round", 1, INT64_MAX, 0, &round) ||
	    (map && strcmp(map, "score") && strcmp(map, "coverage"))) {
		refuse(rq, rs, 400, "参数错误", "参数不对：round 为考核编号，map 为 "
		       "score 或 coverage");
		return;
	}
	store_assess_round_list(rq->wstore, rq->user->region_code, rq->arena,
				&rounds, &nrounds);
	if (!round && nrounds)
		round = rounds[0].id;
	if (round) {
		struct errors err = ERRORS_INIT;

		if (assess_sheet_load(rq->wstore, round, rq->arena, &sh, &err) ||
		    !authz_allows(rq->wstore, rq->actor, AZ_ASSESS_SCORE, 0,
				  sh.round.region_code)) {
			errors_release(&err);
			refuse(rq, rs, 404, "没有这个考核", "没有这个考核");
			return;
		}
		errors_release(&err);
		shp = &sh;
	}
	by_score = shp && (!map || !strcmp(map, "score"));
	if (store_region_get(rq->wstore, rq->user->region_code, rq->arena,
			     &reg) != STORE_OK)
		reg.name = "";
	admin_begin(rq, b, "考核统计图");
	buf_adds(b, "<p class=\"lead\">每张图旁边都有同样数据的表格。</p>\n");
	if (nrounds) {
		buf_adds(b, "<form class=\"form inline\" method=\"get\" action=\""
			 "/admin/assessment/charts\"><p><label for=\"f-round\">考核"
			 "</label><select id=\"f-round\" name=\"round\">");
		for (size_t i = 0; i < nrounds; i++) {
			buf_addf(b, "<option value=\"%lld\"%s>", (long long)rounds[i].id,
				 rounds[i].id == round ? " selected" : "");
			html_esc(b, rounds[i].name);
			buf_adds(b, "</option>");
		}
		buf_adds(b, "</select></p><p><button type=\"submit\">查看</button>"
			 "</p></form>\n");
	}
	if (shp) {
		buf_adds(b, "<h2>");
		html_esc(b, shp->round.name);
		buf_addf(b, "：各单位得分</h2>\n<p><a href=\"/admin/assessment/rounds/"
			 "%lld\">本轮考核的排名和评分</a></p>\n",
			 (long long)shp->round.id);
		for (size_t k = 0; k < shp->table.ntypes; k++) {
			size_t *idx = arena_alloc(rq->arena, (shp->ntargets + 1) *
						  sizeof(*idx));
			size_t n = ranked(shp, (int)k, idx);
			struct chart_bar *bars = arena_alloc(rq->arena, (n + 1) *
							     sizeof(*bars));
			const char *title = arena_printf(rq->arena, "%s得分",
							 shp->table.types[k]);
			double max = 0;

			if (!n)
				continue;
			for (size_t r = 0; r < n; r++) {
				const struct assess_result *res =
					&shp->results[idx[r]];

				bars[r].label = shp->targets[idx[r]].unit_name;
				bars[r].value = (double)res->total / 100.0;
				bars[r].value_text = arena_printf(rq->arena, "%s 分",
								  pts(rq, res->total));
				bars[r].note = arena_printf(rq->arena, "第 %d 名",
							    res->rank);
				bars[r].href = arena_printf(rq->arena, "/admin/"
					"assessment/rounds/%lld/units/%lld",
					(long long)shp->round.id,
					(long long)shp->targets[idx[r]].unit_id);
				if ((double)(res->full + shp->table.bonus_cap) / 100.0 >
				    max)
					max = (double)(res->full +
						       shp->table.bonus_cap) / 100.0;
			}
			buf_addf(b, "<section aria-labelledby=\"scores-%zu\">\n<h3 "
				 "id=\"scores-%zu\">", k, k);
			html_esc(b, title);
			buf_adds(b, "</h3>\n<div class=\"chart-and-table\">\n");
			chart_bars(b, arena_printf(rq->arena, "chart-scores-%zu", k),
				   title, bars, n, max, "总分（分）");
			chart_table(b, title, "单位", "总分", "名次", bars, n);
			buf_adds(b, "</div>\n</section>\n");
		}
	}
	coverage_section(rq, b, rq->wstore, rq->user->region_code, reg.name,
			 "coverage");
	findings_section(rq, b);
	map_section(rq, b, shp, by_score);
	admin_end(rq, b);
}

/* --- the public statistics of a column --- */

void ui_stats(struct http_request *rq, struct http_response *rs)
{
	const char *code = rq->params[0];
	struct region r, *kids;
	struct site_info si;
	struct page_frame f = { 0 };
	struct crumb crumbs[9];
	struct chart_region *v;
	struct chart_bar *bars;
	size_t nkids, k = 0, ncrumbs;
	struct buf *b = &rs->body;

	if (store_region_get(rq->store, code, rq->arena, &r) != STORE_OK ||
	    site_load(rq->store, code, rq->arena, &si) != STORE_OK) {
		layout_error(rq, rs, 404, "没有这个地区",
			     "没有找到这个行政区划的专栏，请从首页进入。");
		return;
	}
	ncrumbs = part_region_crumbs(rq, code, true, crumbs, 8);
	crumbs[ncrumbs].label = "专栏统计";
	crumbs[ncrumbs++].href = NULL;
	f.title = arena_printf(rq->arena, "%s专栏统计", r.name);
	f.column_name = si.title;
	f.column_type = "政府信息公开专栏";
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = ncrumbs;
	layout_begin(rq, b, &f);
	coverage_section(rq, b, rq->store, code, r.name, "coverage");
	store_region_children(rq->store, code, rq->arena, &kids, &nkids);
	if (nkids) {
		const char *title = arena_printf(rq->arena, "%s所辖地区专栏完整度",
						 r.name);

		v = arena_alloc(rq->arena, nkids * sizeof(*v));
		bars = arena_alloc(rq->arena, nkids * sizeof(*bars));
		for (size_t i = 0; i < nkids; i++) {
			double share = region_completeness(rq->store, kids[i].code,
							   rq->arena, NULL, NULL);

			v[k].r = &kids[i];
			v[k].share = share;
			v[k].href = href_region(rq->arena, kids[i].code);
			v[k].value_text = share >= 0 ?
				arena_printf(rq->arena, "%.1f%%", share * 100) :
				"暂无已发布目录";
			bars[k].label = kids[i].name;
			bars[k].value = share >= 0 ? share * 100 : 0;
			bars[k].value_text = v[k].value_text;
			bars[k].href = v[k].href;
			k++;
		}
		buf_adds(b, "<section aria-labelledby=\"below\">\n<h2 id=\"below\">");
		html_esc(b, title);
		buf_adds(b, "</h2>\n<div class=\"map-and-list\">\n");
		chart_map(b, "stats-map", title, "map-coverage", "完整度", v, k);
		chart_table(b, title, "地区", "完整度", NULL, bars, k);
		buf_adds(b, "</div>\n</section>\n");
	}
	layout_end(rq, b, &f);
}
