/* ui-search.c: "/search" — the search page of the public column: the box,
 * results with the matches marked, facets as links (region, domain, unit,
 * year), paging, and a note of what the query was understood as
 * (synonyms, dropped syntax).  Complete without JavaScript.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "layout.h"
#include "pages.h"
#include "parts.h"
#include "../domain/search.h"
#include "../util/errors.h"
#include "../util/timeutil.h"

#define PER_PAGE 20

/* Escape 's' and turn the \x02 … \x03 marks of the index into <mark>. */
static void marked(struct buf *b, const char *s)
{
	struct buf t = BUF_INIT;

	html_esc(&t, s);
	for (size_t i = 0; i < t.len; i++) {
		if (t.buf[i] == '\002')
			buf_adds(b, "<mark>");
		else if (t.buf[i] == '\003')
			buf_adds(b, "</mark>");
		else
			buf_addch(b, t.buf[i]);
	}
	buf_release(&t);
}

/* The current URL with one parameter replaced (value NULL: removed) and
 * the page reset. */
static const char *with(struct http_request *rq, const char *name,
			const char *value)
{
	static const char *const keep[] = { "q", "region", "domain", "year",
					    "type", "sort" };
	struct buf b = BUF_INIT;
	const char *out;
	bool first = true;

	buf_adds(&b, "/search?");
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		const char *v = !strcmp(keep[i], name) ? value :
			query_get(&rq->query, keep[i]);

		if (!v || !*v)
			continue;
		if (!first)
			buf_addch(&b, '&');
		buf_adds(&b, keep[i]);
		buf_addch(&b, '=');
		url_esc(&b, v);
		first = false;
	}
	out = arena_strdup(rq->arena, b.buf);
	buf_release(&b);
	return out;
}

static void facet_list(struct http_request *rq, struct buf *b,
		       const char *title, const char *param,
		       const struct search_facet *v, size_t n)
{
	const char *current = query_get(&rq->query, param);

	if (!n)
		return;
	buf_addf(b, "<section class=\"facet\" aria-label=\"按%s筛选\"><h3>%s</h3>"
		 "<ul>", title, title);
	if (current && *current) {
		buf_adds(b, "<li><a href=\"");
		html_esc(b, with(rq, param, NULL));
		buf_adds(b, "\">全部</a></li>");
	}
	for (size_t i = 0; i < n; i++) {
		const char *label = v[i].key;

		if (!strcmp(param, "region")) {
			struct region r;
			if (store_region_get(rq->store, v[i].key, rq->arena, &r) ==
			    STORE_OK)
				label = r.name;
		} else if (!strcmp(param, "domain")) {
			struct domain *d;
			size_t nd;

			if (store_domain_list(rq->store, rq->arena, &d, &nd) ==
			    STORE_OK)
				for (size_t k = 0; k < nd; k++)
					if (d[k].id == atoll(v[i].key))
						label = d[k].name;
		}
		buf_adds(b, "<li><a href=\"");
		if (!strcmp(param, "domain")) {
			struct domain *d;
			size_t nd;
			const char *code = v[i].key;

			if (store_domain_list(rq->store, rq->arena, &d, &nd) ==
			    STORE_OK)
				for (size_t k = 0; k < nd; k++)
					if (d[k].id == atoll(v[i].key))
						code = d[k].code;
			html_esc(b, with(rq, param, code));
		} else {
			html_esc(b, with(rq, param, v[i].key));
		}
		buf_adds(b, "\"");
		if (current && !strcmp(current, v[i].key))
			buf_adds(b, " aria-current=\"true\"");
		buf_adds(b, ">");
		html_esc(b, label);
		if (!strcmp(param, "year"))
			buf_adds(b, "年");
		buf_addf(b, " <span class=\"count\">%lld</span></a></li>",
			 (long long)v[i].count);
	}
	buf_adds(b, "</ul></section>\n");
}

void ui_search(struct http_request *rq, struct http_response *rs)
{
	const char *q = query_get(&rq->query, "q");
	const char *region = query_get(&rq->query, "region");
	const char *domain = query_get(&rq->query, "domain");
	const char *type = query_get(&rq->query, "type");
	const char *sort = query_get(&rq->query, "sort");
	struct search_request req = { 0 };
	struct search_result res;
	struct errors err = ERRORS_INIT;
	struct site_info si;
	struct page_frame f = { 0 };
	struct crumb crumbs[2] = { { "首页", "/" }, { "搜索", NULL } };
	struct buf *b = &rs->body;
	int64_t page, year;
	bool ok = false;

	site_load(rq->store, rq->site->home_region, rq->arena, &si);
	if (query_int(&rq->query, "page", 1, 500, 1, &page) ||
	    query_int(&rq->query, "year", 1900, 2100, 0, &year)) {
		layout_error(rq, rs, 400, "参数错误", "页码或年份不对。");
		return;
	}
	f.title = q && *q ? arena_printf(rq->arena, "搜索：%s", q) : "搜索";
	f.column_name = "搜索";
	f.column_type = "搜索";
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = 2;
	f.no_h1 = true;
	layout_begin(rq, b, &f);
	buf_adds(b, "<h1>搜索</h1>\n<form method=\"get\" action=\"/search\" "
		 "class=\"form search-form\" role=\"search\"><p><label for=\"sq\">"
		 "查找公开信息和公开事项</label><input id=\"sq\" name=\"q\" "
		 "type=\"search\" maxlength=\"200\" value=\"");
	html_esc(b, q ? q : "");
	buf_adds(b, "\" aria-describedby=\"sq-help\"> <button type=\"submit\">搜索"
		 "</button></p><p id=\"sq-help\" class=\"meta\">多个词用空格分开表示"
		 "都要出现；\"…\" 查找整个短语；-词 排除；词 OR 词 任一即可。</p>");
	if (region && *region) {
		buf_adds(b, "<input type=\"hidden\" name=\"region\" value=\"");
		html_esc(b, region);
		buf_adds(b, "\">");
	}
	buf_adds(b, "</form>\n");
	if (!q || !*q) {
		layout_end(rq, b, &f);
		return;
	}
	req.q = q;
	req.qlen = strlen(q);
	req.p.public_only = true;
	req.p.validity = -1;
	if (region && *region) {
		bool digits = strlen(region) >= 6 && strlen(region) <= 12 &&
			strspn(region, "0123456789") == strlen(region);
		if (!digits) {
			errors_addf(&err, "地区参数应为 6 到 12 位数字的行政区划代码");
			goto show;
		}
		req.p.region = region;
	}
	if (domain && *domain) {
		struct domain d;

		if (strlen(domain) > 100 ||
		    store_domain_find(rq->store, domain, rq->arena, &d) != STORE_OK) {
			errors_addf(&err, "没有这个领域");
			goto show;
		}
		req.p.domain_id = d.id;
	}
	req.p.year_from = req.p.year_to = (int)year;
	if (type && !strcmp(type, "record"))
		req.p.kind = SEARCH_RECORDS;
	else if (type && !strcmp(type, "item"))
		req.p.kind = SEARCH_ITEMS;
	req.p.order = sort && !strcmp(sort, "date") ? SEARCH_BY_DATE :
		SEARCH_BY_RELEVANCE;
	{
		char now[TIME_TEXT_LEN], since[TIME_TEXT_LEN];

		time_now_text(now);
		time_text_add(now, -365L * 86400, since);
		req.p.recent_since = arena_strndup(rq->arena, since, 10);
	}
	req.p.limit = PER_PAGE;
	req.p.offset = (page - 1) * PER_PAGE;
	ok = search_run(rq->store, &req, rq->arena, &res, &err) == 0;
show:
	if (!ok) {
		buf_adds(b, "<p class=\"notice\" role=\"status\">");
		html_esc(b, err.n ? err.msg[0] : "没有找到");
		buf_adds(b, "</p>\n");
		layout_end(rq, b, &f);
		errors_release(&err);
		return;
	}
	buf_adds(b, "<div class=\"search-results\">\n<section aria-labelledby=\"rh\">"
		 "<h2 id=\"rh\">找到 ");
	html_count(b, res.total);
	buf_adds(b, " 条结果</h2>\n");
	for (size_t i = 0; i < res.nexpanded; i++) {
		buf_adds(b, "<p class=\"meta\">同时查找：");
		html_esc(b, res.expanded[i]);
		buf_adds(b, "</p>\n");
	}
	for (size_t i = 0; i < res.nnotes; i++) {
		buf_adds(b, "<p class=\"meta\">提示：");
		html_esc(b, res.notes[i]);
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "<p class=\"meta\">排序：");
	if (req.p.order == SEARCH_BY_DATE) {
		buf_adds(b, "<a href=\"");
		html_esc(b, with(rq, "sort", NULL));
		buf_adds(b, "\">相关度</a> · 日期");
	} else {
		buf_adds(b, "相关度 · <a href=\"");
		html_esc(b, with(rq, "sort", "date"));
		buf_adds(b, "\">日期</a>");
	}
	buf_adds(b, "</p>\n<ol class=\"records hits\">\n");
	for (size_t i = 0; i < res.n; i++) {
		const struct search_hit *h = &res.hits[i];

		buf_adds(b, "<li><a href=\"");
		if (h->kind == SEARCH_RECORDS)
			buf_adds(b, href_record(rq->arena, h->ref_id));
		else
			buf_adds(b, href_item(rq->arena, h->region_code, h->ref_id));
		buf_adds(b, "\">");
		marked(b, h->title_marked);
		buf_adds(b, "</a> <span class=\"tag\">");
		buf_adds(b, h->kind == SEARCH_RECORDS ? "信息" : "公开事项");
		buf_adds(b, "</span> <span class=\"meta\">");
		html_esc(b, h->day);
		buf_adds(b, "</span><br><span class=\"snippet\">");
		marked(b, h->snippet);
		buf_adds(b, "</span>");
		/* say when a hit matched through a synonym only */
		for (size_t k = 0; k < res.nterms; k++) {
			const struct search_term *t = res.terms[k];

			if (t->synonym_of && (strstr(h->title, t->text) ||
					      strstr(h->snippet, t->text)) &&
			    !strstr(h->title, t->synonym_of) &&
			    !strstr(h->snippet, t->synonym_of)) {
				buf_adds(b, " <span class=\"meta\">匹配：");
				html_esc(b, t->text);
				buf_adds(b, "（");
				html_esc(b, t->synonym_of);
				buf_adds(b, "的同义词）</span>");
				break;
			}
		}
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ol>\n");
	layout_pager(b, with(rq, "page", NULL), page, PER_PAGE, res.total);
	buf_adds(b, "</section>\n<aside aria-label=\"筛选\">\n");
	facet_list(rq, b, "地区", "region", res.facets.region, res.facets.nregion);
	facet_list(rq, b, "领域", "domain", res.facets.domain, res.facets.ndomain);
	facet_list(rq, b, "年份", "year", res.facets.year, res.facets.nyear);
	buf_adds(b, "</aside>\n</div>\n");
	layout_end(rq, b, &f);
	errors_release(&err);
}
