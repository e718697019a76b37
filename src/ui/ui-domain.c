/* ui-domain.c: "/r/CODE/d/DOMAIN/" — a region's published catalog of one
 * domain as a table with every standard column, the number of public
 * records under each item and 我要办 on government-service items.
 *
 * The table follows the standard layout (domain-facts §1.3): 一级 items are
 * row-group headings, each 二级/三级 item a row; on a phone the table
 * scrolls sideways inside a labelled region.
 */
#include <string.h>

#include "html.h"
#include "layout.h"
#include "pages.h"
#include "parts.h"
#include "../domain/catalog.h"
#include "../domain/channels.h"
#include "../domain/layout.h"
#include "../domain/record.h"
#include "../util/hmap.h"

static int64_t count_of(const struct hmap *m, const char *lineage)
{
	int64_t v = 0;
	hmap_get(m, lineage, strlen(lineage), &v);
	return v;
}

static void catalog_table(struct http_request *rq, struct buf *b,
			  const struct catalog *c, const struct hmap *counts,
			  const char *service_hall)
{
	struct buf t = BUF_INIT;
	const char *l2 = "";

	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-labelledby=\"cat-caption\">\n<table class=\"grid catalog\">\n"
		 "<caption id=\"cat-caption\">");
	html_esc(b, c->region_name);
	html_esc(b, c->domain_name);
	buf_adds(b, "领域基层政务公开标准目录（");
	html_esc(b, c->version);
	buf_adds(b, "）</caption>\n<thead><tr>"
		 "<th scope=\"col\">序号</th><th scope=\"col\">公开事项</th>"
		 "<th scope=\"col\">公开信息</th><th scope=\"col\">办事</th>"
		 "<th scope=\"col\">公开内容（要素）</th><th scope=\"col\">公开依据</th>"
		 "<th scope=\"col\">公开时限</th><th scope=\"col\">公开主体</th>"
		 "<th scope=\"col\">公开渠道和载体</th><th scope=\"col\">公开对象</th>"
		 "<th scope=\"col\">公开方式</th><th scope=\"col\">公开层级</th>"
		 "</tr></thead>\n");
	for (size_t i = 0, seq = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];
		int64_t n;

		if (it->level == 1) {
			if (i)
				buf_adds(b, "</tbody>\n");
			buf_adds(b, "<tbody><tr class=\"group\"><th scope=\"rowgroup\" "
				 "colspan=\"12\">");
			html_esc(b, it->name);
			buf_adds(b, "</th></tr>\n");
			continue;
		}
		if (catalog_item_has_children(c, i)) {
			/* a 二级 item grouping 三级 items: its name heads them */
			l2 = it->name;
			continue;
		}
		if (it->level == 2)
			l2 = "";
		seq++;
		n = count_of(counts, it->lineage);
		buf_addf(b, "<tr><td>%zu</td><th scope=\"row\">", seq);
		if (*l2 && it->level == 3) {
			buf_adds(b, "<span class=\"l2\">");
			html_esc(b, l2);
			buf_adds(b, " / </span>");
		}
		buf_adds(b, "<a href=\"");
		buf_adds(b, href_item(rq->arena, c->region_code, it->id));
		buf_adds(b, "\">");
		html_esc(b, it->name);
		buf_adds(b, "</a></th><td class=\"num\">");
		if (n) {
			buf_adds(b, "<a href=\"");
			buf_adds(b, href_item(rq->arena, c->region_code, it->id));
			buf_adds(b, "\">");
			html_count(b, n);
			buf_adds(b, " 条</a>");
		} else {
			buf_adds(b, "0");
		}
		buf_adds(b, "</td><td>");
		part_service_link(b, it, service_hall);
		buf_adds(b, "</td><td>");
		buf_reset(&t);
		elements_format(&t, it->elements, it->nelements);
		html_esc(b, t.buf);
		buf_adds(b, "</td><td>");
		html_esc(b, it->basis);
		buf_adds(b, "</td><td>");
		html_esc(b, it->time_limit);
		buf_adds(b, "</td><td>");
		html_esc(b, it->subject);
		buf_adds(b, "</td><td>");
		buf_reset(&t);
		channels_format(&t, it->channels, it->nchannels);
		html_esc(b, t.buf);
		buf_adds(b, "</td><td>");
		part_audience(b, it->audience);
		buf_adds(b, "</td><td>");
		part_mode(b, it->mode);
		buf_adds(b, "</td><td>");
		part_levels(b, it->levels);
		buf_adds(b, "</td></tr>\n");
	}
	if (c->nitems)
		buf_adds(b, "</tbody>\n");
	buf_adds(b, "</table></div>\n");
	buf_release(&t);
}

void ui_domain(struct http_request *rq, struct http_response *rs)
{
	const char *code = rq->params[0];
	struct domain d;
	struct catalog head, c;
	struct site_info si;
	struct page_frame f = { 0 };
	struct crumb crumbs[10];
	size_t ncrumbs, ncounts;
	struct lineage_count *lc;
	struct hmap counts = HMAP_INIT;
	struct buf *b = &rs->body;

	if (site_load(rq->store, code, rq->arena, &si) != STORE_OK ||
	    store_domain_find(rq->store, rq->params[1], rq->arena, &d) !=
	    STORE_OK || strcmp(d.code, rq->params[1])) {
		layout_error(rq, rs, 404, "没有这个领域",
			     "没有找到这个地区或领域，请从专栏首页按领域浏览。");
		return;
	}
	if (store_catalog_latest_published(rq->store, code, d.id, rq->arena,
					   &head) != STORE_OK ||
	    store_catalog_load(rq->store, head.id, rq->arena, &c) != STORE_OK) {
		layout_error(rq, rs, 404, "暂无公开目录",
			     arena_printf(rq->arena, "%s尚未发布%s领域的公开事项标准目录。",
					  si.region_name, d.name));
		return;
	}
	store_record_count_by_lineage(rq->store, code, d.id, false, rq->arena,
				      &lc, &ncounts);
	for (size_t i = 0; i < ncounts; i++)
		hmap_put(&counts, lc[i].lineage, strlen(lc[i].lineage),
			 lc[i].count);

	ncrumbs = part_region_crumbs(rq, code, true, crumbs, 8);
	crumbs[ncrumbs++] = (struct crumb){ d.name, NULL };
	f.title = arena_printf(rq->arena, "%s · %s", d.name, si.region_name);
	f.column_name = d.name;
	f.column_type = "公开事项标准目录";
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = ncrumbs;
	f.feed_href = arena_printf(rq->arena, "/r/%s/d/%s/feed.atom", code, d.code);
	layout_begin(rq, b, &f);
	buf_adds(b, "<p class=\"lead\">");
	html_esc(b, c.version);
	buf_adds(b, " · 发布于 ");
	html_esc(b, c.published_at ? arena_strndup(rq->arena, c.published_at, 10) :
		 "");
	buf_addf(b, " · <a href=\"/catalog/%lld.xlsx\">下载目录（Excel）</a> · "
		 "<a href=\"/catalog/%lld.csv\">下载目录（CSV）</a> · "
		 "<a href=\"/r/%s/d/%s/feed.atom\">订阅本领域更新</a></p>\n",
		 (long long)c.id, (long long)c.id, code, d.code);
	catalog_table(rq, b, &c, &counts, si.service_hall);
	layout_end(rq, b, &f);
	hmap_release(&counts);
}
