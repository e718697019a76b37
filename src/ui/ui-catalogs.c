/* ui-catalogs.c: 公开目录下载 — "/r/CODE/catalogs/" lists a region's
 * published catalogs, "/catalog/ID.xlsx" and "/catalog/ID.csv" download
 * one in the standard layout (the same writer as `gongkai catalog export`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html.h"
#include "layout.h"
#include "pages.h"
#include "parts.h"
#include "../util/readfile.h"
#include "../domain/catalog.h"

void ui_catalogs(struct http_request *rq, struct http_response *rs)
{
	const char *code = rq->params[0];
	struct catalog_filter flt = { code, 0, CATALOG_PUBLISHED, 0 };
	struct catalog *v;
	size_t n, ncrumbs;
	struct site_info si;
	struct page_frame f = { 0 };
	struct crumb crumbs[10];
	struct buf *b = &rs->body;

	if (site_load(rq->store, code, rq->arena, &si) != STORE_OK ||
	    store_catalog_list(rq->store, &flt, rq->arena, &v, &n) != STORE_OK) {
		layout_error(rq, rs, 404, "没有这个地区",
			     "没有找到这个行政区划的专栏，请从首页进入。");
		return;
	}
	ncrumbs = part_region_crumbs(rq, code, true, crumbs, 8);
	crumbs[ncrumbs++] = (struct crumb){ "公开目录下载", NULL };
	f.title = arena_printf(rq->arena, "%s公开事项标准目录下载", si.region_name);
	f.column_name = "公开目录下载";
	f.column_type = "公开事项标准目录";
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = ncrumbs;
	layout_begin(rq, b, &f);
	if (!n) {
		buf_adds(b, "<p class=\"empty\">本地区尚未发布公开事项标准目录。</p>\n");
	} else {
		buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
			 "aria-label=\"已发布的目录\"><table class=\"grid\">\n"
			 "<caption>已发布的目录</caption><thead><tr>"
			 "<th scope=\"col\">领域</th><th scope=\"col\">版本</th>"
			 "<th scope=\"col\">发布日期</th><th scope=\"col\">下载</th>"
			 "</tr></thead><tbody>\n");
		for (size_t i = 0; i < n; i++) {
			buf_adds(b, "<tr><th scope=\"row\"><a href=\"");
			buf_adds(b, href_domain(rq->arena, code, v[i].domain_code));
			buf_adds(b, "\">");
			html_esc(b, v[i].domain_name);
			buf_adds(b, "</a></th><td>");
			html_esc(b, v[i].version);
			buf_adds(b, "</td><td>");
			if (v[i].published_at)
				html_escn(b, v[i].published_at, 10);
			buf_addf(b, "</td><td><a href=\"/catalog/%lld.xlsx\">Excel"
				 "<span class=\"sr\">：", (long long)v[i].id);
			html_esc(b, v[i].domain_name);
			html_esc(b, v[i].version);
			buf_addf(b, "</span></a> · <a href=\"/catalog/%lld.csv\">CSV"
				 "<span class=\"sr\">：", (long long)v[i].id);
			html_esc(b, v[i].domain_name);
			html_esc(b, v[i].version);
			buf_adds(b, "</span></a></td></tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n");
	}
	layout_end(rq, b, &f);
}

/* catalog_write_file() as file_bytes_of() calls it. */
static int write_catalog_xlsx(const void *c, const char *path,
			      struct errors *err)
{
	return catalog_write_file(c, CATALOG_XLSX, path, err);
}

void ui_catalog_file(struct http_request *rq, struct http_response *rs)
{
	int64_t id = strtoll(rq->params[0], NULL, 10);
	const char *ext = rq->params[1];
	struct catalog c;

	if (store_catalog_load(rq->store, id, rq->arena, &c) != STORE_OK ||
	    c.status != CATALOG_PUBLISHED ||
	    (strcmp(ext, "xlsx") && strcmp(ext, "csv"))) {
		layout_error(rq, rs, 404, "没有这个目录",
			     "没有找到这个已发布的目录。");
		return;
	}
	if (!strcmp(ext, "csv")) {
		catalog_write_csv(&c, &rs->body);
		rs->content_type = "text/csv; charset=utf-8";
	} else {
		if (file_bytes_of(write_catalog_xlsx, &c, &rs->body)) {
			layout_error(rq, rs, 500, "暂时无法生成文件",
				     "生成 Excel 文件失败，请稍后再试或下载 CSV。");
			rs->uncacheable = true;
			return;
		}
		rs->content_type = "application/vnd.openxmlformats-officedocument"
			".spreadsheetml.sheet";
	}
	{
		struct buf cd = BUF_INIT;
		const char *name = arena_printf(rq->arena, "%s%s公开事项标准目录%s.%s",
						c.region_name, c.domain_name,
						c.version, ext);

		buf_addf(&cd, "attachment; filename=\"catalog-%lld.%s\"; "
			 "filename*=UTF-8''", (long long)id, ext);
		url_esc(&cd, name);
		rs->disposition = arena_strdup(rq->arena, cd.buf);
		buf_release(&cd);
	}
}
