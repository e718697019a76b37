/* ui-sitemap.c: 网站地图 — "/sitemap/" for people (every region's column,
 * its domains and the 专栏 entries) and "/sitemap.xml" for search engines
 * (sitemaps.org protocol: columns, domain pages, items and records).
 */
#include <string.h>

#include "html.h"
#include "layout.h"
#include "pages.h"
#include "parts.h"
#include "../domain/catalog.h"

#define SITEMAP_MAX_URLS 50000	/* the protocol's limit per file */

struct walk {
	struct http_request *rq;
	struct buf *b;
	int depth;
};

static void html_tree(struct walk *w, const struct region *r)
{
	struct catalog_filter flt = { r->code, 0, CATALOG_PUBLISHED, 0 };
	struct catalog *cats;
	struct region *kids;
	size_t ncats = 0, nkids = 0;

	store_catalog_list(w->rq->store, &flt, w->rq->arena, &cats, &ncats);
	buf_adds(w->b, "<li><a href=\"");
	buf_adds(w->b, href_region(w->rq->arena, r->code));
	buf_adds(w->b, "\">");
	html_esc(w->b, r->name);
	buf_adds(w->b, "</a>");
	if (ncats) {
		const char *last = "";

		buf_adds(w->b, "<ul class=\"inline\">");
		for (size_t i = 0; i < ncats; i++) {
			if (!strcmp(last, cats[i].domain_code))
				continue;	/* one link per domain */
			last = cats[i].domain_code;
			buf_adds(w->b, "<li><a href=\"");
			buf_adds(w->b, href_domain(w->rq->arena, r->code,
						   cats[i].domain_code));
			buf_adds(w->b, "\">");
			html_esc(w->b, cats[i].domain_name);
			buf_adds(w->b, "</a></li>");
		}
		buf_adds(w->b, "</ul>");
	}
	if (w->depth < 4 &&
	    store_region_children(w->rq->store, r->code, w->rq->arena, &kids,
				  &nkids) == STORE_OK && nkids) {
		buf_adds(w->b, "<ul>\n");
		w->depth++;
		for (size_t i = 0; i < nkids; i++)
			html_tree(w, &kids[i]);
		w->depth--;
		buf_adds(w->b, "</ul>");
	}
	buf_adds(w->b, "</li>\n");
}

void ui_sitemap(struct http_request *rq, struct http_response *rs)
{
	struct region home;
	struct site_info si;
	struct page_frame f = { 0 };
	struct crumb crumbs[2] = { { "首页", "/" }, { "网站地图", NULL } };
	struct walk w = { rq, &rs->body, 0 };
	struct buf *b = &rs->body;

	if (store_region_get(rq->store, rq->site->home_region, rq->arena,
			     &home) != STORE_OK ||
	    site_load(rq->store, home.code, rq->arena, &si) != STORE_OK) {
		layout_error(rq, rs, 404, "网站地图", "首页地区不存在。");
		return;
	}
	f.title = "网站地图";
	f.column_name = "网站地图";
	f.column_type = "网站地图";
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = 2;
	layout_begin(rq, b, &f);
	buf_adds(b, "<section aria-labelledby=\"col\"><h2 id=\"col\">"
		 "政府信息公开专栏</h2><ul class=\"inline\">");
	for (size_t i = 0; i < 4; i++)
		buf_addf(b, "<li><a href=\"/r/%s/p/%s/\">%s</a></li>", home.code,
			 column_page_kinds[i].slug, column_page_kinds[i].title);
	buf_addf(b, "<li><a href=\"/r/%s/catalogs/\">公开目录下载</a></li>"
		 "<li><a href=\"/api/v1/\">开放接口</a></li></ul></section>\n",
		 home.code);
	buf_adds(b, "<section aria-labelledby=\"reg\"><h2 id=\"reg\">"
		 "各地区专栏</h2>\n<ul class=\"tree\">\n");
	html_tree(&w, &home);
	buf_adds(b, "</ul></section>\n");
	layout_end(rq, b, &f);
}

static void url_entry(struct buf *b, const char *base, const char *path,
		      const char *lastmod, size_t *count)
{
	if (*count >= SITEMAP_MAX_URLS)
		return;
	(*count)++;
	buf_adds(b, "<url><loc>");
	html_esc(b, base);
	html_esc(b, path);
	buf_adds(b, "</loc>");
	if (lastmod && *lastmod) {
		buf_adds(b, "<lastmod>");
		html_esc(b, lastmod);
		buf_adds(b, "</lastmod>");
	}
	buf_adds(b, "</url>\n");
}

static void xml_region(struct http_request *rq, struct buf *b,
		       const char *code, int depth, size_t *count)
{
	struct catalog_filter flt = { code, 0, CATALOG_PUBLISHED, 0 };
	struct catalog *cats;
	struct region *kids;
	size_t ncats = 0, nkids = 0;
	const char *base = rq->site->base_url;

	if (depth > 0)		/* the home region is "/" */
		url_entry(b, base, href_region(rq->arena, code), NULL, count);
	store_catalog_list(rq->store, &flt, rq->arena, &cats, &ncats);
	for (size_t i = 0; i < ncats; i++) {
		struct catalog latest, c;

		if (store_catalog_latest_published(rq->store, code,
						   cats[i].domain_id, rq->arena,
						   &latest) != STORE_OK ||
		    latest.id != cats[i].id ||
		    store_catalog_load(rq->store, latest.id, rq->arena, &c) !=
		    STORE_OK)
			continue;
		url_entry(b, base, href_domain(rq->arena, code, c.domain_code),
			  NULL, count);
		for (size_t k = 0; k < c.nitems; k++)
			if (c.items[k].level > 1 &&
			    !catalog_item_has_children(&c, k))
				url_entry(b, base, href_item(rq->arena, code,
							     c.items[k].id),
					  NULL, count);
	}
	if (depth < 4 && store_region_children(rq->store, code, rq->arena,
					       &kids, &nkids) == STORE_OK)
		for (size_t i = 0; i < nkids; i++)
			xml_region(rq, b, kids[i].code, depth + 1, count);
}

void ui_sitemap_xml(struct http_request *rq, struct http_response *rs)
{
	struct record_filter rf = { 0 };
	struct record *recs;
	size_t nrec, count = 0;
	int64_t total;
	struct buf *b = &rs->body;

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "
		 "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	url_entry(b, rq->site->base_url, "/", NULL, &count);
	xml_region(rq, b, rq->site->home_region, 0, &count);
	rf.status = -1;
	rf.public_only = true;
	rf.limit = SITEMAP_MAX_URLS;
	store_record_list(rq->store, &rf, rq->arena, &recs, &nrec, &total);
	for (size_t i = 0; i < nrec; i++)
		url_entry(b, rq->site->base_url, href_record(rq->arena, recs[i].id),
			  recs[i].published_on, &count);
	buf_adds(b, "</urlset>\n");
	rs->content_type = "application/xml; charset=utf-8";
}
