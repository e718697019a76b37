/* ui-reports.c: 政府信息公开年报 on the public column — "/r/CODE/reports/"
 * lists the published annual reports of the region's units and of those
 * below it, newest year first; "/report/UNIT/YEAR" shows one in the
 * official order (printable: see the print block of style.css) and
 * "/report/UNIT/YEAR.xlsx" downloads it.  A report nobody has published
 * is not found, whatever its figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html.h"
#include "layout.h"
#include "parts.h"
#include "report-html.h"
#include "report-pages.h"
#include "../util/readfile.h"
#include "../util/timeutil.h"

/* annual_report_write_xlsx() as file_bytes_of() calls it. */
static int write_report_xlsx(const void *r, const char *path,
			     struct errors *err)
{
	return annual_report_write_xlsx(r, path, err);
}

int report_xlsx_bytes(const struct annual_report *r, struct buf *out)
{
	return file_bytes_of(write_report_xlsx, r, out);
}

const char *report_disposition(struct http_request *rq,
			       const struct annual_report *r)
{
	struct buf cd = BUF_INIT;
	const char *v;

	buf_addf(&cd, "attachment; filename=\"annual-report-%lld-%d.xlsx\"; "
		 "filename*=UTF-8''", (long long)r->unit_id, r->year);
	url_esc(&cd, arena_printf(rq->arena, "%s.xlsx", r->title));
	v = arena_strdup(rq->arena, cd.buf);
	buf_release(&cd);
	return v;
}

static void not_found(struct http_request *rq, struct http_response *rs)
{
	layout_error(rq, rs, 404, "没有这份年报",
		     "没有找到这份已发布的政府信息公开工作年度报告。");
}

/* The published report of params[0] (unit) and params[1] (year), with its
 * figures; -1 when there is none (404 written). */
static int load_published(struct http_request *rq, struct http_response *rs,
			  struct annual_report *r)
{
	int64_t unit = strtoll(rq->params[0], NULL, 10);
	long year = strtol(rq->params[1], NULL, 10);
	struct annual_report_text t;
	struct errors err = ERRORS_INIT;
	int rc = -1;

	if (year < ANNUAL_YEAR_MIN || year > ANNUAL_YEAR_MAX ||
	    store_annual_report_get(rq->store, unit, (int)year, rq->arena,
				    &t) != STORE_OK || !t.published_at) {
		not_found(rq, rs);
		return -1;
	}
	if (annual_report_for_unit(rq->store, unit, (int)year, rq->arena, r,
				   &err)) {
		layout_error(rq, rs, 500, "暂时无法显示年报",
			     "生成年报时出错，请稍后再试。");
		rs->uncacheable = true;
	} else {
		rc = 0;
	}
	errors_release(&err);
	return rc;
}

void ui_reports(struct http_request *rq, struct http_response *rs)
{
	const char *code = rq->params[0];
	struct annual_report_text *v;
	struct site_info si;
	struct page_frame f = { 0 };
	struct crumb crumbs[10];
	size_t n, ncrumbs;
	struct buf *b = &rs->body;
	int year = 0;

	if (site_load(rq->store, code, rq->arena, &si) != STORE_OK ||
	    store_annual_report_published(rq->store, code, rq->arena, &v,
					  &n) != STORE_OK) {
		layout_error(rq, rs, 404, "没有这个地区",
			     "没有找到这个行政区划的专栏，请从首页进入。");
		return;
	}
	ncrumbs = part_region_crumbs(rq, code, true, crumbs, 8);
	crumbs[ncrumbs++] = (struct crumb){ "政府信息公开年报", NULL };
	f.title = arena_printf(rq->arena, "%s政府信息公开工作年度报告",
			       si.region_name);
	f.column_name = "政府信息公开年报";
	f.column_type = "政府信息公开专栏";
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = ncrumbs;
	layout_begin(rq, b, &f);
	buf_adds(b, "<p class=\"lead\">按《中华人民共和国政府信息公开条例》第四十九条、"
		 "第五十条和国办公开办函〔2021〕30号规定的格式编制，列出本地区及"
		 "下级地区各单位已发布的年度报告。</p>\n");
	if (!n)
		buf_adds(b, "<p class=\"empty\">本地区尚未发布政府信息公开工作年度"
			 "报告。</p>\n");
	for (size_t i = 0; i < n; i++) {
		struct unit u;
		struct region rg;
		const char *title;

		if (store_unit_get(rq->store, v[i].unit_id, rq->arena, &u,
				   NULL) != STORE_OK)
			continue;
		if (v[i].year != year) {
			if (year)
				buf_adds(b, "</tbody></table></div>\n</section>\n");
			year = v[i].year;
			buf_addf(b, "<section aria-labelledby=\"y%d\">\n<h2 id=\"y%d\">"
				 "%d年度</h2>\n<div class=\"table-scroll\" "
				 "role=\"region\" tabindex=\"0\" aria-labelledby="
				 "\"c%d\"><table class=\"grid\">\n<caption id=\"c%d\">"
				 "%d年政府信息公开工作年度报告</caption>\n<thead><tr>"
				 "<th scope=\"col\">报告</th><th scope=\"col\">地区"
				 "</th><th scope=\"col\">发布日期</th><th scope=\"col\">"
				 "下载</th></tr></thead>\n<tbody>\n", year, year, year,
				 year, year, year);
		}
		title = arena_printf(rq->arena, "%s%d年政府信息公开工作年度报告",
				     u.name, v[i].year);
		buf_addf(b, "<tr><th scope=\"row\"><a href=\"/report/%lld/%d\">",
			 (long long)u.id, v[i].year);
		html_esc(b, title);
		buf_adds(b, "</a></th><td>");
		html_esc(b, store_region_get(rq->store, u.region_code, rq->arena,
					     &rg) == STORE_OK ? rg.name :
			 u.region_code);
		buf_adds(b, "</td><td class=\"nw\">");
		{
			char day[11];

			if (time_text_date_cn(v[i].published_at, day))
				snprintf(day, sizeof(day), "%.10s",
					 v[i].published_at);
			html_esc(b, day);
		}
		buf_addf(b, "</td><td><a href=\"/report/%lld/%d.xlsx\">Excel"
			 "<span class=\"sr\">：", (long long)u.id, v[i].year);
		html_esc(b, title);
		buf_adds(b, "</span></a></td></tr>\n");
	}
	if (year)
		buf_adds(b, "</tbody></table></div>\n</section>\n");
	layout_end(rq, b, &f);
}

void ui_report(struct http_request *rq, struct http_response *rs)
{
	struct annual_report r;
	struct site_info si;
	struct page_frame f = { 0 };
	struct crumb crumbs[12];
	struct report_html_opts o = { NULL, false, true };
	size_t ncrumbs;
	struct buf *b = &rs->body;

	if (load_published(rq, rs, &r))
		return;
	if (site_load(rq->store, r.region_code, rq->arena, &si) != STORE_OK) {
		not_found(rq, rs);
		return;
	}
	ncrumbs = part_region_crumbs(rq, r.region_code, true, crumbs, 9);
	crumbs[ncrumbs++] = (struct crumb){ "政府信息公开年报",
		arena_printf(rq->arena, "/r/%s/reports/", r.region_code) };
	crumbs[ncrumbs++] = (struct crumb){ r.title, NULL };
	f.title = r.title;
	f.column_name = "政府信息公开年报";
	f.column_type = "政府信息公开专栏";
	f.article_title = r.title;
	{
		char *day = arena_alloc(rq->arena, 11);

		if (time_text_date_cn(r.published_at, day))
			snprintf(day, 11, "%.10s", r.published_at);
		f.pub_date = day;
	}
	f.content_source = r.unit_name;
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = ncrumbs;
	o.xlsx_href = arena_printf(rq->arena, "/report/%lld/%d.xlsx",
				   (long long)r.unit_id, r.year);
	layout_begin(rq, b, &f);
	report_html_body(b, &r, &o);
	layout_end(rq, b, &f);
}

void ui_report_file(struct http_request *rq, struct http_response *rs)
{
	struct annual_report r;

	if (strcmp(rq->params[2], "xlsx")) {
		not_found(rq, rs);
		return;
	}
	if (load_published(rq, rs, &r))
		return;
	if (report_xlsx_bytes(&r, &rs->body)) {
		layout_error(rq, rs, 500, "暂时无法生成文件",
			     "生成 Excel 文件失败，请稍后再试。");
		rs->uncacheable = true;
		return;
	}
	rs->content_type = "application/vnd.openxmlformats-officedocument"
		".spreadsheetml.sheet";
	rs->disposition = report_disposition(rq, &r);
}
