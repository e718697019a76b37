/* admin-reports.c: the annual report (年报) in the back office — a unit's
 * staff (信息员, 审核人, 签发人) or the disclosure office of its region write
 * sections 一, 五 and 六 and the figures of table 二 the platform cannot
 * count, preview the report as it will appear, download its .xlsx, and
 * publish or withdraw it.
 *
 * Writes go through domain/annual-report.h, which asks authz.c
 * (AZ_REPORT_EDIT) and keeps the audit trail; these pages read, show
 * what the user may do, and turn form fields into a struct annual_input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "html.h"
#include "report-html.h"
#include "report-pages.h"
#include "../domain/account.h"
#include "../domain/authz.h"
#include "../util/errors.h"
#include "../util/timeutil.h"

#define STAFF (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)

static const struct { const char *code, *text; } my_notices[] = {
	{ "report_saved", "年报已保存。" },
	{ "report_published", "年报已发布，公开专栏的“政府信息公开年报”已显示。" },
	{ "report_withdrawn", "年报已撤回，公开专栏不再显示。" },
};

static void notice(struct http_request *rq, struct buf *b)
{
	const char *m = query_get(&rq->query, "msg");

	for (size_t i = 0; m && i < sizeof(my_notices) / sizeof(my_notices[0]);
	     i++)
		if (!strcmp(m, my_notices[i].code))
			buf_addf(b, "<p class=\"notice ok\" role=\"status\">%s</p>\n",
				 my_notices[i].text);
}

/* This year in China. */
static int this_year(void)
{
	char now[TIME_TEXT_LEN], day[11];

	time_now_text(now);
	if (time_text_date_cn(now, day))
		memcpy(day, now, 10);
	return atoi(day);
}

/* The units a user may write reports of, for the list: the office's
 * region and the regions right below it; a unit's staff their unit. */
static void units_in_scope(struct http_request *rq, struct unit **out,
			   size_t *n)
{
	struct unit *v = NULL, *w;
	size_t nv = 0, nw;
	struct region *kids;
	size_t nk;

	*out = NULL;
	*n = 0;
	if (rq->user->roles & ROLE_OFFICE && rq->user->region_code) {
		store_unit_list(rq->wstore, rq->user->region_code, rq->arena, &v,
				&nv);
		if (store_region_children(rq->wstore, rq->user->region_code,
					  rq->arena, &kids, &nk) == STORE_OK)
			for (size_t k = 0; k < nk; k++) {
				struct unit *all;

				if (store_unit_list(rq->wstore, kids[k].code,
						    rq->arena, &w, &nw) != STORE_OK ||
				    !nw)
					continue;
				all = arena_alloc(rq->arena,
						  (nv + nw) * sizeof(*all));
				if (nv)
					memcpy(all, v, nv * sizeof(*all));
				memcpy(all + nv, w, nw * sizeof(*all));
				v = all;
				nv += nw;
			}
	} else if (rq->user->roles & STAFF && rq->user->unit_id) {
		v = arena_alloc(rq->arena, sizeof(*v));
		if (store_unit_get(rq->wstore, rq->user->unit_id, rq->arena, v,
				   NULL) == STORE_OK)
			nv = 1;
	}
	*out = v;
	*n = nv;
}

void admin_reports(struct http_request *rq, struct http_response *rs)
{
	struct buf *b = &rs->body;
	struct unit *v;
	size_t n;
	int64_t unit, year;
	int now = this_year();

	if (!(rq->user->roles & (STAFF | ROLE_OFFICE))) {
		struct errors err = ERRORS_INIT;

		errors_addf(&err, "没有权限：%s", authz_action_label(AZ_REPORT_EDIT));
		admin_fail(rq, rs, 403, "没有权限", &err);
		errors_release(&err);
		return;
	}
	if (query_int(&rq->query, "unit", 1, INT64_MAX, 0, &unit) == 0 &&
	    query_int(&rq->query, "year", ANNUAL_YEAR_MIN, ANNUAL_YEAR_MAX, 0,
		      &year) == 0 && unit && year) {
		admin_redirect(rq, rs, arena_printf(rq->arena,
			       "/admin/reports/%lld/%lld", (long long)unit,
			       (long long)year), NULL);
		return;
	}
	units_in_scope(rq, &v, &n);
	admin_begin(rq, b, "政府信息公开年报");
	notice(rq, b);
	buf_addf(b, "<p>年报的表三、表四由平台根据依申请公开记录自动统计；这里填写"
		 "总体情况、存在的主要问题及改进情况、其他需要报告的事项，以及表二中"
		 "平台无法统计的数字，预览后发布。按条例第四十九条，年报应于每年"
		 "1月31日前发布（%d年度报告）。</p>\n", now - 1);
	if (!n) {
		buf_adds(b, "<p class=\"empty\">没有可编辑年报的单位。</p>\n");
	} else {
		buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
			 "aria-labelledby=\"rl\"><table class=\"grid\">\n<caption "
			 "id=\"rl\">各单位年报</caption>\n<thead><tr>"
			 "<th scope=\"col\">单位</th>");
		for (int y = now; y >= now - 2; y--)
			buf_addf(b, "<th scope=\"col\">%d年度</th>", y);
		buf_adds(b, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			buf_adds(b, "<tr><th scope=\"row\">");
			html_esc(b, v[i].name);
			buf_adds(b, "</th>");
			for (int y = now; y >= now - 2; y--) {
				struct annual_report_text t;
				enum store_rc rc = store_annual_report_get(
					rq->wstore, v[i].id, y, rq->arena, &t);

				buf_addf(b, "<td><a href=\"/admin/reports/%lld/%d\">"
					 "%s<span class=\"sr\">：", (long long)v[i].id,
					 y, rc != STORE_OK ? "填写" : t.published_at ?
					 "已发布" : "草稿");
				html_esc(b, v[i].name);
				buf_addf(b, "%d年度</span></a></td>", y);
			}
			buf_adds(b, "</tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n");
		buf_adds(b, "<form method=\"get\" action=\"/admin/reports\" "
			 "class=\"form inline\">\n<p><label for=\"f-unit\">单位"
			 "</label><select id=\"f-unit\" name=\"unit\">");
		for (size_t i = 0; i < n; i++) {
			buf_addf(b, "<option value=\"%lld\">", (long long)v[i].id);
			html_esc(b, v[i].name);
			buf_adds(b, "</option>");
		}
		buf_addf(b, "</select></p>\n<p><label for=\"f-year\">年度</label>"
			 "<input id=\"f-year\" name=\"year\" type=\"number\" "
			 "min=\"%d\" max=\"%d\" value=\"%d\" required></p>\n"
			 "<p><button type=\"submit\">打开</button></p>\n</form>\n",
			 ANNUAL_YEAR_MIN, ANNUAL_YEAR_MAX, now - 1);
	}
	admin_end(rq, b);
}

/* params[0] unit, params[1] year: the unit, after authorisation; -1 with
 * the error page written. */
static int load_unit(struct http_request *rq, struct http_response *rs,
		     struct unit *u, int *year)
{
	int64_t id = strtoll(rq->params[0], NULL, 10);
	long y = strtol(rq->params[1], NULL, 10);
	struct errors err = ERRORS_INIT;
	int rc = -1;

	if (y < ANNUAL_YEAR_MIN || y > ANNUAL_YEAR_MAX) {
		errors_addf(&err, "年份应在 %d 到 %d 之间", ANNUAL_YEAR_MIN,
			    ANNUAL_YEAR_MAX);
		admin_fail(rq, rs, 404, "没有这份年报", &err);
	} else if (store_unit_get(rq->wstore, id, rq->arena, u, NULL) !=
		   STORE_OK) {
		errors_addf(&err, "没有编号为 %lld 的单位", (long long)id);
		admin_fail(rq, rs, 404, "没有这个单位", &err);
	} else if (authz_require(rq->wstore, rq->actor, AZ_REPORT_EDIT, u->id,
				 u->region_code, &err)) {
		admin_fail(rq, rs, 403, "没有权限", &err);
	} else {
		*year = (int)y;
		rc = 0;
	}
	errors_release(&err);
	return rc;
}

static void textarea(struct buf *b, const char *name, const char *label,
		     const char *hint, const char *value, int rows)
{
	buf_addf(b, "<p><label for=\"f-%s\">%s</label>", name, label);
	if (hint)
		buf_addf(b, "<span class=\"meta\" id=\"h-%s\">%s</span>", name, hint);
	buf_addf(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"%d\"%s%s%s>", name,
		 name, rows, hint ? " aria-describedby=\"h-" : "",
		 hint ? name : "", hint ? "\"" : "");
	html_esc(b, value ? value : "");
	buf_adds(b, "</textarea></p>\n");
}

/* The form; 'posted' (the fields as sent back after a refusal) or NULL to
 * show what is saved. */
static void render_form(struct http_request *rq, struct http_response *rs,
			const struct annual_report *r, bool posted,
			const struct errors *err)
{
	struct buf *b = &rs->body;
	const char *base = arena_printf(rq->arena, "/admin/reports/%lld/%d",
					(long long)r->unit_id, r->year);
	struct arena *a = rq->arena;

#define FIELD(name, saved) (posted ? query_get(&rq->form, name) : (saved))
	admin_begin(rq, b, arena_printf(a, "编辑年报：%s", r->title));
	notice(rq, b);
	admin_errors(b, err);
	buf_adds(b, "<p>");
	if (r->published_at) {
		buf_adds(b, "<span class=\"status\">已发布</span>（");
		html_escn(b, r->published_at, strnlen(r->published_at, 10));
		buf_addf(b, "），<a href=\"/report/%lld/%d\">在公开专栏查看</a>。",
			 (long long)r->unit_id, r->year);
	} else {
		buf_adds(b, "<span class=\"status\">未发布</span>：公开专栏不显示。");
	}
	buf_addf(b, " <a href=\"%s/preview\">预览</a> · <a href=\"%s.xlsx\">"
		 "下载 Excel</a> · <a href=\"/admin/reports\">全部年报</a></p>\n",
		 base, base);
	buf_adds(b, "<p class=\"meta\">");
	if (r->region_wide) {
		buf_adds(b, "统计范围：");
		html_esc(b, r->region_name);
		buf_addf(b, "本级各单位（%zu 个，不含下级地区）。", r->nunits);
	} else {
		buf_adds(b, "统计范围：本单位。");
	}
	buf_adds(b, "表三、表四和信息处理费由平台统计，无需填写。</p>\n");

	buf_addf(b, "<form method=\"post\" action=\"%s\" class=\"form\">\n", base);
	admin_csrf(rq, b);
	textarea(b, "overview", ANNUAL_SEC1, "主动公开、依申请公开、政府信息管理、"
		 "政府信息公开平台建设、监督保障等情况；可用 Markdown。",
		 FIELD("overview", r->overview), 12);
	buf_adds(b, "<fieldset><legend>" ANNUAL_SEC2 "（表二）</legend>\n"
		 "<p class=\"meta\">填写数字；平台能统计的数字留空则采用平台统计，"
		 "填写则以填写为准。平台无法统计的数字须填写，没有则填 0。</p>\n");
	for (size_t k = 0; k < ANNUAL_T2_NBLOCKS; k++) {
		const struct annual_t2_block *bl = &annual_t2_blocks[k];

		buf_addf(b, "<fieldset><legend>%s</legend>\n", bl->heading);
		for (size_t i = 0; i < bl->nrows; i++)
			for (size_t c = 0; c < bl->ncolumns; c++) {
				int cell = bl->rows[i].cells[c];
				const struct annual_figure *f = &r->t2[cell];
				const char *key = annual_t2_key[cell];
				const char *name = arena_printf(a, "t2_%s", key);
				const char *saved = f->source == AS_ENTERED ?
					(cell == T2_FEES ?
					 annual_wan_yuan(a, f->value) :
					 arena_printf(a, "%lld",
						      (long long)f->value)) : "";

				buf_addf(b, "<p><label for=\"f-%s\">%s %s</label>"
					 "<input id=\"f-%s\" name=\"%s\" type=\"text\" "
					 "inputmode=\"%s\" aria-describedby=\"h-%s\" "
					 "value=\"", name, bl->rows[i].label,
					 bl->columns[c + 1], name, name,
					 cell == T2_FEES ? "decimal" : "numeric",
					 name);
				{
					const char *val = FIELD(name, saved);

					html_esc(b, val ? val : "");
				}
				buf_addf(b, "\"> <span class=\"meta\" id=\"h-%s\">",
					 name);
				if (f->derivable)
					buf_addf(b, "平台统计：%lld，留空则采用",
						 (long long)f->value_data);
				else
					buf_adds(b, cell == T2_FEES ?
						 "单位：万元；须填写，没有则填 0" :
						 "须填写，没有则填 0");
				buf_adds(b, "</span></p>\n");
			}
		buf_adds(b, "</fieldset>\n");
	}
	buf_adds(b, "</fieldset>\n");
	textarea(b, "problems", ANNUAL_SEC5, NULL, FIELD("problems", r->problems),
		 8);
	textarea(b, "other", ANNUAL_SEC6, arena_printf(a, "发布时自动加上：%s",
		 r->fee_sentence), FIELD("other", r->other), 6);
	buf_adds(b, "<p><button type=\"submit\" name=\"do\" value=\"save\">保存"
		 "</button></p>\n</form>\n");

	buf_addf(b, "<form method=\"post\" action=\"%s\" class=\"form\">\n", base);
	admin_csrf(rq, b);
	if (r->published_at)
		buf_adds(b, "<p><button type=\"submit\" name=\"do\" value=\"unpublish\" "
			 "class=\"secondary\">撤回发布</button></p>\n");
	else
		buf_adds(b, "<p><button type=\"submit\" name=\"do\" value=\"publish\">"
			 "发布到公开专栏</button> <span class=\"meta\">发布前请先保存并"
			 "预览；须填写总体情况、存在的主要问题及改进情况和表二各项，"
			 "表三须平衡。</span></p>\n");
	buf_adds(b, "</form>\n");
	if (r->nproblems) {
		buf_adds(b, "<div class=\"notice error\" role=\"note\"><p>平台数据问题"
			 "（请在依申请公开办理中核对）：</p><ul>\n");
		for (size_t i = 0; i < r->nproblems; i++) {
			buf_adds(b, "<li>");
			html_esc(b, r->problems_found[i]);
			buf_adds(b, "</li>\n");
		}
		buf_adds(b, "</ul></div>\n");
	}
	admin_end(rq, b);
#undef FIELD
}

static int compute(struct http_request *rq, struct http_response *rs,
		   const struct unit *u, int year, struct annual_report *r)
{
	struct errors err = ERRORS_INIT;
	int rc = annual_report_for_unit(rq->wstore, u->id, year, rq->arena, r,
					&err);

	if (rc)
		admin_fail(rq, rs, 500, "无法生成年报", &err);
	errors_release(&err);
	return rc;
}

void admin_report_form(struct http_request *rq, struct http_response *rs)
{
	struct unit u;
	struct annual_report r;
	int year;

	if (load_unit(rq, rs, &u, &year) || compute(rq, rs, &u, year, &r))
		return;
	render_form(rq, rs, &r, false, NULL);
}

void admin_report_post(struct http_request *rq, struct http_response *rs)
{
	const char *doing = query_get(&rq->form, "do");
	struct errors err = ERRORS_INIT;
	struct annual_input in = { 0 };
	struct annual_report r;
	struct unit u;
	const char *msg = NULL, *base;
	int year, rc;

	if (load_unit(rq, rs, &u, &year))
		return;
	base = arena_printf(rq->arena, "/admin/reports/%lld/%d", (long long)u.id,
			    year);
	if (doing && !strcmp(doing, "save")) {
		in.overview = query_get(&rq->form, "overview");
		in.problems = query_get(&rq->form, "problems");
		in.other = query_get(&rq->form, "other");
		for (int k = 0; k < T2__MAX; k++)
			in.t2[k] = query_get(&rq->form, arena_printf(rq->arena,
						"t2_%s", annual_t2_key[k]));
		rc = annual_report_save(rq->wstore, rq->actor, u.id, year, &in,
					&err);
		msg = "report_saved";
	} else if (doing && (!strcmp(doing, "publish") ||
			     !strcmp(doing, "unpublish"))) {
		bool pub = !strcmp(doing, "publish");

		rc = annual_report_publish(rq->wstore, rq->actor, u.id, year, pub,
					   &err);
		msg = pub ? "report_published" : "report_withdrawn";
	} else {
		errors_addf(&err, "不明白要做什么（保存、发布或撤回）");
		admin_fail(rq, rs, 400, "未能办理", &err);
		goto out;
	}
	if (rc == 0) {
		admin_redirect(rq, rs, base, msg);
		goto out;
	}
	if (err.n && strstr(err.msg[0], "没有权限")) {
		admin_fail(rq, rs, 403, "没有权限", &err);
		goto out;
	}
	if (compute(rq, rs, &u, year, &r))
		goto out;
	rs->status = 400;
	render_form(rq, rs, &r, !strcmp(doing, "save"), &err);
out:
	errors_release(&err);
}

void admin_report_preview(struct http_request *rq, struct http_response *rs)
{
	struct unit u;
	struct annual_report r;
	struct report_html_opts o = { NULL, true, true };
	struct buf *b = &rs->body;
	int year;

	if (load_unit(rq, rs, &u, &year) || compute(rq, rs, &u, year, &r))
		return;
	o.xlsx_href = arena_printf(rq->arena, "/admin/reports/%lld/%d.xlsx",
				   (long long)u.id, year);
	admin_begin(rq, b, r.title);
	buf_addf(b, "<p class=\"notice\">预览：%s <a href=\"/admin/reports/%lld/%d\">"
		 "返回编辑</a></p>\n", r.published_at ? "已发布，公开专栏显示的"
		 "就是这些内容。" : "尚未发布，公开专栏不显示。", (long long)u.id,
		 year);
	report_html_body(b, &r, &o);
	admin_end(rq, b);
}

void admin_report_file(struct http_request *rq, struct http_response *rs)
{
	struct unit u;
	struct annual_report r;
	struct errors err = ERRORS_INIT;
	int year;

	if (strcmp(rq->params[2], "xlsx")) {
		errors_addf(&err, "只能下载 Excel（.xlsx）文件");
		admin_fail(rq, rs, 404, "没有这个文件", &err);
		errors_release(&err);
		return;
	}
	if (load_unit(rq, rs, &u, &year) || compute(rq, rs, &u, year, &r))
		return;
	if (report_xlsx_bytes(&r, &rs->body)) {
		errors_addf(&err, "生成 Excel 文件失败，请稍后再试");
		admin_fail(rq, rs, 500, "无法生成文件", &err);
		errors_release(&err);
		return;
	}
	rs->content_type = "application/vnd.openxmlformats-officedocument"
		".spreadsheetml.sheet";
	rs->disposition = report_disposition(rq, &r);
	rs->uncacheable = true;
}
