/* ui-item.c: "/r/CODE/i/ITEM/" — one catalog item: its standard columns
 * and its public records, paged; items that list objects (名录) show their
 * records as a table with one column per 公开内容要素.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "layout.h"
#include "pages.h"
#include "parts.h"
#include "../domain/catalog.h"
#include "../domain/record.h"

#define PER_PAGE_DOCS 20
#define PER_PAGE_ROWS 50

void ui_item(struct http_request *rq, struct http_response *rs)
{
	const char *code = rq->params[0];
	int64_t item_id, page, cat_id;
	struct catalog c;
	struct site_info si;
	struct page_frame f = { 0 };
	struct crumb crumbs[12];
	size_t ncrumbs, nrec;
	struct record *recs;
	struct record_filter rf = { 0 };
	int64_t total, per_page;
	const struct item *it;
	int idx;
	bool table;
	struct buf *b = &rs->body;

	if (query_int(&rq->query, "page", 1, 1000000, 1, &page)) {
		layout_error(rq, rs, 400, "参数错误",
			     "页码必须是 1 到 1000000 之间的整数。");
		return;
	}
	item_id = strtoll(rq->params[1], NULL, 10);
	cat_id = store_item_catalog(rq->store, item_id);
	if (!cat_id || site_load(rq->store, code, rq->arena, &si) != STORE_OK ||
	    store_catalog_load(rq->store, cat_id, rq->arena, &c) != STORE_OK ||
	    c.status != CATALOG_PUBLISHED || strcmp(c.region_code, code) ||
	    (idx = catalog_item_index(&c, item_id)) < 0) {
		layout_error(rq, rs, 404, "没有这个事项",
			     "没有找到这个公开事项，它可能属于未发布的目录。");
		return;
	}
	it = &c.items[idx];
	table = item_lists_objects(it);
	per_page = table ? PER_PAGE_ROWS : PER_PAGE_DOCS;
	rf.region = code;
	rf.lineage = it->lineage;
	rf.status = -1;
	rf.public_only = true;
	rf.limit = per_page;
	rf.offset = (page - 1) * per_page;
	store_record_list(rq->store, &rf, rq->arena, &recs, &nrec, &total);
	if (page > 1 && !nrec) {
		layout_error(rq, rs, 404, "没有这一页",
			     "页码超出了范围，请返回第一页。");
		return;
	}

	ncrumbs = part_region_crumbs(rq, code, true, crumbs, 8);
	crumbs[ncrumbs++] = (struct crumb){ c.domain_name,
		href_domain(rq->arena, code, c.domain_code) };
	for (int p = it->parent; p >= 0; p = c.items[p].parent)
		if (c.items[p].level == 2)
			crumbs[ncrumbs++] = (struct crumb){ c.items[p].name, NULL };
	crumbs[ncrumbs++] = (struct crumb){ it->name, NULL };
	f.title = it->name;
	f.column_name = c.domain_name;
	f.column_type = "公开事项";
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = ncrumbs;
	layout_begin(rq, b, &f);
	if (it->parent >= 0) {
		buf_adds(b, "<p class=\"lead\">");
		html_esc(b, c.domain_name);
		for (int p = it->parent, depth = 0; p >= 0 && depth < 3;
		     p = c.items[p].parent, depth++) {
			buf_adds(b, " › ");
			html_esc(b, c.items[p].name);
		}
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "<section aria-labelledby=\"cols\"><h2 id=\"cols\">事项说明</h2>\n");
	part_item_columns(b, it, si.service_hall);
	buf_adds(b, "</section>\n<section aria-labelledby=\"recs\"><h2 id=\"recs\">"
		 "公开信息（");
	html_count(b, total);
	buf_adds(b, " 条）</h2>\n");
	if (table)
		part_record_table(b, it, recs, nrec);
	else
		part_record_list(b, recs, nrec);
	layout_pager(b, href_item(rq->arena, code, item_id), page, per_page, total);
	buf_adds(b, "</section>\n");
	layout_end(rq, b, &f);
}
