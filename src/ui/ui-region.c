/* ui-region.c: "/" (the home region's column, with the map of its
 * districts: 一张图) and "/r/CODE/" (any region's column)
 *
 * A column shows its title and banner, the map when the regions below have
 * outlines (each a real link, shaded by completeness, with the same list as
 * text beside it), the 26 domains with record counts (linked when the region
 * has a published catalog of the domain), the regions below, the four
 * 政府信息公开专栏 entries and the latest records.
 */
#include <math.h>
#include <string.h>

#include "html.h"
#include "layout.h"
#include "pages.h"
#include "parts.h"
#include "../domain/geo.h"
#include "../domain/record.h"

#define LATEST 10

static void region_map(struct http_request *rq, struct buf *b,
		       const struct region *kids, size_t n, const double *share,
		       const char *title)
{
	struct geo_map_region *m = arena_alloc(rq->arena,
					       (n ? n : 1) * sizeof(*m));
	struct geo_shape *shapes = arena_alloc(rq->arena,
					       (n ? n : 1) * sizeof(*shapes));
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		struct errors err = ERRORS_INIT;

		if (!kids[i].geometry)
			continue;
		if (geo_shape_from_json(kids[i].geometry, &shapes[k], &err)) {
			errors_release(&err);
			continue;
		}
		m[k].code = kids[i].code;
		m[k].name = kids[i].name;
		m[k].href = href_region(rq->arena, kids[i].code);
		m[k].shape = &shapes[k];
		m[k].share = share[i];
		m[k].title = share[i] >= 0 ?
			arena_printf(rq->arena, "%s：专栏完整度 %.0f%%", kids[i].name,
				     share[i] * 100) :
			arena_printf(rq->arena, "%s：暂无已发布目录", kids[i].name);
		k++;
	}
	if (k) {
		buf_adds(b, "<figure class=\"map\">\n");
		geo_svg_map(b, title, "map", m, k);
		buf_adds(b, "<figcaption>颜色越深，该地区专栏中有现行信息的二级事项"
			 "比例越高。<span class=\"legend\">"
			 "<span class=\"gk-share-0\">&lt;20%</span>"
			 "<span class=\"gk-share-1\">20–40%</span>"
			 "<span class=\"gk-share-2\">40–60%</span>"
			 "<span class=\"gk-share-3\">60–80%</span>"
			 "<span class=\"gk-share-4\">≥80%</span></span>"
			 "</figcaption>\n</figure>\n");
	}
	for (size_t i = 0; i < k; i++)
		geo_shape_free(&shapes[i]);
}

static void below_list(struct http_request *rq, struct buf *b,
		       const struct region *kids, size_t n, const double *share)
{
	buf_adds(b, "<ul class=\"regions\">\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<li><a href=\"");
		buf_adds(b, href_region(rq->arena, kids[i].code));
		buf_adds(b, "\">");
		html_esc(b, kids[i].name);
		buf_adds(b, "</a>");
		if (share[i] >= 0)
			buf_addf(b, " <span class=\"meta\">完整度 %.0f%%</span>",
				 share[i] * 100);
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ul>\n");
}

static void domain_grid(struct http_request *rq, struct buf *b,
			const char *region)
{
	struct domain *doms;
	size_t ndoms, ncounts;
	struct id_count *counts;

	if (store_domain_list(rq->store, rq->arena, &doms, &ndoms) != STORE_OK)
		return;
	store_record_count_by_domain(rq->store, region, rq->arena, &counts,
				     &ncounts);
	buf_adds(b, "<ul class=\"domains\">\n");
	for (size_t i = 0; i < ndoms; i++) {
		struct catalog c;
		int64_t cnt = 0;

		for (size_t k = 0; k < ncounts; k++)
			if (counts[k].id == doms[i].id)
				cnt = counts[k].count;
		if (store_catalog_latest_published(rq->store, region, doms[i].id,
						   rq->arena, &c) == STORE_OK) {
			buf_adds(b, "<li><a href=\"");
			buf_adds(b, href_domain(rq->arena, region, doms[i].code));
			buf_adds(b, "\"><span class=\"name\">");
			html_esc(b, doms[i].name);
			buf_adds(b, "</span> <span class=\"count\">");
			html_count(b, cnt);
			buf_adds(b, " 条</span></a></li>\n");
		} else {
			buf_adds(b, "<li class=\"none\"><span class=\"name\">");
			html_esc(b, doms[i].name);
			buf_adds(b, "</span> <span class=\"count\">暂无目录</span></li>\n");
		}
	}
	buf_adds(b, "</ul>\n");
}

static void column_entries(struct buf *b, const char *region)
{
	buf_adds(b, "<ul class=\"entries\">\n");
	for (size_t i = 0; i < 4; i++) {
		buf_addf(b, "<li><a href=\"/r/%s/p/%s/\">%s</a></li>\n", region,
			 column_page_kinds[i].slug, column_page_kinds[i].title);
	}
	buf_addf(b, "<li><a href=\"/r/%s/catalogs/\">公开目录下载</a></li>\n",
		 region);
	buf_addf(b, "<li><a href=\"/r/%s/apply/\">依申请公开</a></li>\n",
		 region);
	buf_addf(b, "<li><a href=\"/r/%s/reports/\">政府信息公开年报</a></li>\n",
		 region);
	buf_addf(b, "<li><a href=\"/r/%s/stats/\">专栏统计</a></li>\n",
		 region);
	buf_adds(b, "</ul>\n");
}

static void render(struct http_request *rq, struct http_response *rs,
		   const char *code, bool home)
{
	struct region r, *kids;
	struct site_info si;
	struct page_frame f = { 0 };
	struct crumb crumbs[8];
	size_t nkids, ncrumbs = 0, nrec;
	struct record *recs;
	int64_t total;
	struct record_filter rf = { 0 };
	struct buf *b = &rs->body;
	double *share;
	bool any_geo = false;

	if (store_region_get(rq->store, code, rq->arena, &r) != STORE_OK ||
	    site_load(rq->store, code, rq->arena, &si) != STORE_OK) {
		layout_error(rq, rs, 404, "没有这个地区",
			     "没有找到这个行政区划的专栏，请从首页进入。");
		return;
	}
	store_region_children(rq->store, code, rq->arena, &kids, &nkids);
	share = arena_alloc(rq->arena, (nkids ? nkids : 1) * sizeof(*share));
	for (size_t i = 0; i < nkids; i++) {
		share[i] = region_completeness(rq->store, kids[i].code, rq->arena,
					       NULL, NULL);
		any_geo |= kids[i].geometry != NULL;
	}

	ncrumbs = part_region_crumbs(rq, code, false, crumbs, 8);
	f.title = si.title;
	f.column_name = si.title;
	f.column_type = "政府信息公开专栏";
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = ncrumbs;
	f.feed_href = arena_printf(rq->arena, "/r/%s/feed.atom", code);
	layout_begin(rq, b, &f);

	if (nkids) {
		buf_adds(b, "<section aria-labelledby=\"below\">\n<h2 id=\"below\">");
		buf_adds(b, any_geo ? "一张图：" : "");
		html_esc(b, r.name);
		buf_adds(b, "所辖地区</h2>\n");
		if (any_geo)
			region_map(rq, b, kids, nkids, share,
				   arena_printf(rq->arena, "%s政务公开地图", r.name));
		below_list(rq, b, kids, nkids, share);
		buf_adds(b, "</section>\n");
	}

	buf_adds(b, "<section aria-labelledby=\"domains\">\n<h2 id=\"domains\">"
		 "按领域浏览</h2>\n");
	domain_grid(rq, b, code);
	buf_adds(b, "</section>\n");

	buf_adds(b, "<section aria-labelledby=\"entries\">\n<h2 id=\"entries\">"
		 "政府信息公开专栏</h2>\n");
	column_entries(b, code);
	buf_adds(b, "</section>\n");

	rf.region = home ? NULL : code;
	rf.status = -1;
	rf.public_only = true;
	rf.limit = LATEST;
	store_record_list(rq->store, &rf, rq->arena, &recs, &nrec, &total);
	buf_adds(b, "<section aria-labelledby=\"latest\">\n<h2 id=\"latest\">"
		 "最新信息</h2>\n");
	part_record_list(b, recs, nrec);
	buf_addf(b, "<p><a href=\"/r/%s/feed.atom\">订阅本专栏更新（Atom）</a></p>\n",
		 code);
	buf_adds(b, "</section>\n");
	layout_end(rq, b, &f);
}

void ui_home(struct http_request *rq, struct http_response *rs)
{
	render(rq, rs, rq->site->home_region, true);
}

void ui_region(struct http_request *rq, struct http_response *rs)
{
	const char *code = rq->params[0];

	if (!strcmp(code, rq->site->home_region)) {
		rs->status = 301;
		rs->location = "/";
		return;
	}
	render(rq, rs, code, false);
}
