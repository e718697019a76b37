/* api-search.c: GET /api/v1/search — the search page's answer as JSON
 * (same parameters: q, region, domain, year, type, sort, page, per_page) */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "../domain/catalog.h"
#include "../domain/record.h"
#include "../domain/search.h"
#include "../util/arena.h"
#include "../util/errors.h"

/* The snippet as plain text and as HTML with <mark> around matches. */
static void snippet_forms(const char *in, struct arena *a, const char **plain,
			  const char **html)
{
	struct buf p = BUF_INIT, h = BUF_INIT;

	for (const char *c = in; c && *c; c++) {
		if (*c == '\002') {
			buf_adds(&h, "<mark>");
		} else if (*c == '\003') {
			buf_adds(&h, "</mark>");
		} else {
			buf_addch(&p, *c);
			switch (*c) {
			case '&': buf_adds(&h, "&amp;"); break;
			case '<': buf_adds(&h, "&lt;"); break;
			case '>': buf_adds(&h, "&gt;"); break;
			case '"': buf_adds(&h, "&quot;"); break;
			default: buf_addch(&h, *c);
			}
		}
	}
	*plain = arena_strdup(a, p.buf);
	*html = arena_strdup(a, h.buf);
	buf_release(&p);
	buf_release(&h);
}

static json_t *facet_json(const struct search_facet *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:I}", "key", v[i].key,
						     "count", (json_int_t)v[i].count));
	return arr;
}

void api_search(struct http_request *rq, struct http_response *rs)
{
	const char *q = query_get(&rq->query, "q");
	const char *region = query_get(&rq->query, "region");
	const char *domain = query_get(&rq->query, "domain");
	const char *type = query_get(&rq->query, "type");
	const char *sort = query_get(&rq->query, "sort");
	struct search_request req = { 0 };
	struct search_result res;
	struct errors err = ERRORS_INIT;
	int64_t page, per_page, year;
	json_t *hits, *o;
	char *text;

	if (query_int(&rq->query, "page", 1, 500, 1, &page) ||
	    query_int(&rq->query, "per_page", 1, 100, 20, &per_page) ||
	    query_int(&rq->query, "year", 1900, 2100, 0, &year)) {
		api_error(rs, 400, "page 为 1 到 500，per_page 为 1 到 100，year 为年份");
		return;
	}
	if (region && *region && (strlen(region) < 6 || strlen(region) > 12 ||
				  strspn(region, "0123456789") != strlen(region))) {
		api_error(rs, 400, "region 应为 6 到 12 位数字的行政区划代码");
		return;
	}
	req.q = q ? q : "";
	req.qlen = strlen(req.q);
	req.p.public_only = true;
	req.p.validity = -1;
	req.p.region = region && *region ? region : NULL;
	if (domain && *domain) {
		struct domain d;

		if (strlen(domain) > 100 ||
		    store_domain_find(rq->store, domain, rq->arena, &d) != STORE_OK) {
			api_error(rs, 400, "没有这个领域");
			return;
		}
		req.p.domain_id = d.id;
	}
	req.p.year_from = req.p.year_to = (int)year;
	{
		int64_t yf, yt, unit, item;
		const char *validity = query_get(&rq->query, "validity");

		if (query_int(&rq->query, "year_from", 1900, 2100, 0, &yf) ||
		    query_int(&rq->query, "year_to", 1900, 2100, 0, &yt) ||
		    query_int(&rq->query, "unit", 1, INT64_MAX, 0, &unit) ||
		    query_int(&rq->query, "item", 1, INT64_MAX, 0, &item)) {
			api_error(rs, 400, "year_from、year_to 为年份，unit、item 为编号");
			return;
		}
		if (yf)
			req.p.year_from = (int)yf;
		if (yt)
			req.p.year_to = (int)yt;
		req.p.unit_id = unit;
		if (item) {
			struct catalog c;
			int64_t cat = store_item_catalog(rq->store, item);
			int idx;

			if (!cat || store_catalog_load(rq->store, cat, rq->arena, &c) !=
			    STORE_OK || c.status != CATALOG_PUBLISHED ||
			    (idx = catalog_item_index(&c, item)) < 0) {
				api_error(rs, 404, "没有这个已发布的事项");
				return;
			}
			req.p.lineage = c.items[idx].lineage;
			req.p.region = c.region_code;
		}
		if (validity && *validity) {
			int v = record_validity_parse(validity);

			if (v < 0) {
				api_error(rs, 400, "validity 只能是 valid、expired、repealed"
					  "（有效、失效、废止）");
				return;
			}
			req.p.validity = v;
		}
	}
	req.p.kind = type && !strcmp(type, "record") ? SEARCH_RECORDS :
		type && !strcmp(type, "item") ? SEARCH_ITEMS : SEARCH_ANY;
	req.p.order = sort && !strcmp(sort, "date") ? SEARCH_BY_DATE :
		SEARCH_BY_RELEVANCE;
	req.p.limit = per_page;
	req.p.offset = (page - 1) * per_page;
	if (search_run(rq->store, &req, rq->arena, &res, &err)) {
		api_error(rs, 400, err.n ? err.msg[0] : "无法搜索");
		errors_release(&err);
		return;
	}
	hits = json_array();
	for (size_t i = 0; i < res.n; i++) {
		const struct search_hit *h = &res.hits[i];
		const char *plain, *html;

		snippet_forms(h->snippet, rq->arena, &plain, &html);
		json_array_append_new(hits, json_pack(
			"{s:s, s:I, s:s, s:s, s:s, s:s, s:f, s:s, s:s}",
			"type", h->kind == SEARCH_RECORDS ? "record" : "item",
			"id", (json_int_t)h->ref_id, "title", h->title, "region",
			h->region_code, "date", h->day, "url", h->kind ==
			SEARCH_RECORDS ? arena_printf(rq->arena, "/record/%lld",
						      (long long)h->ref_id) :
			arena_printf(rq->arena, "/r/%s/i/%lld/", h->region_code,
				     (long long)h->ref_id),
			"score", h->score, "snippet", plain, "snippet_html", html));
	}
	o = json_pack("{s:I, s:I, s:I, s:o, s:{s:o, s:o, s:o, s:o}}", "total",
		      (json_int_t)res.total, "page", (json_int_t)page, "per_page",
		      (json_int_t)per_page, "hits", hits, "facets", "region",
		      facet_json(res.facets.region, res.facets.nregion), "domain",
		      facet_json(res.facets.domain, res.facets.ndomain), "unit",
		      facet_json(res.facets.unit, res.facets.nunit), "year",
		      facet_json(res.facets.year, res.facets.nyear));
	{
		json_t *exp = json_array();

		for (size_t i = 0; i < res.nexpanded; i++)
			json_array_append_new(exp, json_string(res.expanded[i]));
		json_object_set_new(o, "expanded", exp);
	}
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	rs->content_type = "application/json; charset=utf-8";
	buf_adds(&rs->body, text);
	buf_addch(&rs->body, '\n');
	free(text);
	errors_release(&err);
}
