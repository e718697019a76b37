/* api-v1.c: the handlers of /api/v1/ (see api.h) */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "json-model.h"
#include "json-record.h"
#include "../domain/catalog.h"
#include "../domain/record.h"
#include "../util/arena.h"

#define PER_PAGE_DEFAULT 20
#define PER_PAGE_MAX 100

extern const char data_openapi_json[];
extern const size_t data_openapi_json_len;

/* Serialise 'v' (stolen) as the answer. */
static void answer(struct http_response *rs, int status, json_t *v)
{
	char *text = json_dumps(v, JSON_COMPACT);

	rs->status = status;
	rs->content_type = "application/json; charset=utf-8";
	buf_reset(&rs->body);
	buf_adds(&rs->body, text);
	buf_addch(&rs->body, '\n');
	free(text);
	json_decref(v);
}

void api_error(struct http_response *rs, int status, const char *message)
{
	answer(rs, status, json_pack("{s:{s:i, s:s}}", "error", "status",
				     status, "message", message));
}

/* page/per_page from the query; -1 after answering 400. */
static int paging(struct http_request *rq, struct http_response *rs,
		  int64_t *page, int64_t *per_page)
{
	if (query_int(&rq->query, "page", 1, 1000000, 1, page)) {
		api_error(rs, 400, "参数 page 必须是 1 到 1000000 之间的整数");
		return -1;
	}
	if (query_int(&rq->query, "per_page", 1, PER_PAGE_MAX, PER_PAGE_DEFAULT,
		      per_page)) {
		api_error(rs, 400, "参数 per_page 必须是 1 到 100 之间的整数");
		return -1;
	}
	return 0;
}

static json_t *paged(const char *key, json_t *list, int64_t total,
		     int64_t page, int64_t per_page)
{
	return json_pack("{s:o, s:I, s:I, s:I}", key, list, "total",
			 (json_int_t)total, "page", (json_int_t)page, "per_page",
			 (json_int_t)per_page);
}

/* A region code parameter: absent is fine (NULL), malformed is 400. */
static int region_param(struct http_request *rq, struct http_response *rs,
			const char *name, const char **out)
{
	const char *v = query_get(&rq->query, name);

	*out = NULL;
	if (!v || !*v)
		return 0;
	for (const char *p = v; *p; p++)
		if (*p < '0' || *p > '9' || p - v > 12) {
			api_error(rs, 400, "行政区划代码应为 6 到 12 位数字");
			return -1;
		}
	if (strlen(v) < 6) {
		api_error(rs, 400, "行政区划代码应为 6 到 12 位数字");
		return -1;
	}
	*out = v;
	return 0;
}

/* A domain parameter (code or name): 0 when absent, -1 after answering. */
static int domain_param(struct http_request *rq, struct http_response *rs,
			struct domain *d, int64_t *id)
{
	const char *v = query_get(&rq->query, "domain");

	*id = 0;
	if (!v || !*v)
		return 0;
	if (strlen(v) > 100 ||
	    store_domain_find(rq->store, v, rq->arena, d) != STORE_OK) {
		api_error(rs, 400, "没有这个领域（domain 应为领域代码，"
			  "见 /api/v1/domains）");
		return -1;
	}
	*id = d->id;
	return 0;
}

void api_index(struct http_request *rq, struct http_response *rs)
{
	(void)rq;
	answer(rs, 200, json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s}}",
		"name", "gongkai 政务公开开放接口", "version", "v1",
		"documentation", "/api/v1/openapi.json", "links",
		"regions", "/api/v1/regions", "domains", "/api/v1/domains",
		"catalogs", "/api/v1/catalogs", "records", "/api/v1/records",
		"openapi", "/api/v1/openapi.json"));
}

void api_openapi(struct http_request *rq, struct http_response *rs)
{
	(void)rq;
	buf_add(&rs->body, data_openapi_json, data_openapi_json_len);
	rs->content_type = "application/json; charset=utf-8";
}

void api_regions(struct http_request *rq, struct http_response *rs)
{
	const char *parent;
	struct region *v;
	size_t n;
	json_t *arr;

	if (region_param(rq, rs, "parent", &parent))
		return;
	if (store_region_children(rq->store, parent, rq->arena, &v, &n) !=
	    STORE_OK) {
		api_error(rs, 500, "读取行政区划失败");
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_region(&v[i]));
	answer(rs, 200, json_pack("{s:o, s:I}", "regions", arr, "total",
				  (json_int_t)n));
}

void api_region(struct http_request *rq, struct http_response *rs)
{
	struct region r, *kids;
	size_t nkids;
	int covered = 0, total = 0;
	double share;
	json_t *o, *arr;

	if (store_region_get(rq->store, rq->params[0], rq->arena, &r) !=
	    STORE_OK) {
		api_error(rs, 404, "没有这个行政区划");
		return;
	}
	o = json_region(&r);
	share = region_completeness(rq->store, r.code, rq->arena, &covered,
				    &total);
	json_object_set_new(o, "completeness", share >= 0 ?
		json_pack("{s:f, s:i, s:i}", "share", share, "covered", covered,
			  "items", total) : json_null());
	arr = json_array();
	if (store_region_children(rq->store, r.code, rq->arena, &kids, &nkids) ==
	    STORE_OK)
		for (size_t i = 0; i < nkids; i++)
			json_array_append_new(arr, json_region(&kids[i]));
	json_object_set_new(o, "children", arr);
	json_object_set_new(o, "has_outline", json_boolean(r.geometry != NULL));
	answer(rs, 200, o);
}

void api_domains(struct http_request *rq, struct http_response *rs)
{
	struct domain *v;
	size_t n;
	json_t *arr = json_array();

	if (store_domain_list(rq->store, rq->arena, &v, &n) == STORE_OK)
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_domain(&v[i]));
	answer(rs, 200, json_pack("{s:o, s:I}", "domains", arr, "total",
				  (json_int_t)json_array_size(arr)));
}

void api_catalogs(struct http_request *rq, struct http_response *rs)
{
	struct catalog_filter f = { NULL, 0, CATALOG_PUBLISHED, 0 };
	struct catalog *v;
	struct domain d;
	size_t n;
	int64_t page, per_page;
	json_t *arr;

	if (region_param(rq, rs, "region", &f.region) ||
	    domain_param(rq, rs, &d, &f.domain_id) ||
	    paging(rq, rs, &page, &per_page))
		return;
	if (store_catalog_list(rq->store, &f, rq->arena, &v, &n) != STORE_OK) {
		api_error(rs, 500, "读取目录失败");
		return;
	}
	arr = json_array();
	for (size_t i = (size_t)((page - 1) * per_page);
	     i < n && i < (size_t)(page * per_page); i++)
		json_array_append_new(arr, json_catalog(&v[i], 0));
	answer(rs, 200, paged("catalogs", arr, (int64_t)n, page, per_page));
}

void api_catalog(struct http_request *rq, struct http_response *rs)
{
	struct catalog c;

	if (store_catalog_load(rq->store, strtoll(rq->params[0], NULL, 10),
			       rq->arena, &c) != STORE_OK ||
	    c.status != CATALOG_PUBLISHED) {
		api_error(rs, 404, "没有这个已发布的目录");
		return;
	}
	answer(rs, 200, json_catalog(&c, 1));
}

/* The published catalog holding item 'id', and the item's index. */
static int public_item(struct http_request *rq, int64_t id,
		       struct catalog *c)
{
	int64_t cat = store_item_catalog(rq->store, id);

	if (!cat || store_catalog_load(rq->store, cat, rq->arena, c) !=
	    STORE_OK || c->status != CATALOG_PUBLISHED)
		return -1;
	return catalog_item_index(c, id);
}

void api_item(struct http_request *rq, struct http_response *rs)
{
	struct catalog c;
	struct record_filter f = { 0 };
	struct record *v;
	size_t n;
	int64_t total;
	int idx = public_item(rq, strtoll(rq->params[0], NULL, 10), &c);
	json_t *o;

	if (idx < 0) {
		api_error(rs, 404, "没有这个事项（或它所属的目录尚未发布）");
		return;
	}
	o = json_item(&c, (size_t)idx);
	f.region = c.region_code;
	f.lineage = c.items[idx].lineage;
	f.status = -1;
	f.public_only = true;
	f.limit = 1;
	store_record_list(rq->store, &f, rq->arena, &v, &n, &total);
	json_object_set_new(o, "catalog", json_pack("{s:I, s:s, s:s, s:s}",
		"id", (json_int_t)c.id, "region", c.region_code, "domain",
		c.domain_code, "version", c.version));
	json_object_set_new(o, "lists_objects",
			    json_boolean(item_lists_objects(&c.items[idx])));
	json_object_set_new(o, "record_count", json_integer(total));
	json_object_set_new(o, "records", json_string(arena_printf(rq->arena,
		"/api/v1/records?item=%lld", (long long)c.items[idx].id)));
	answer(rs, 200, o);
}

void api_records(struct http_request *rq, struct http_response *rs)
{
	struct record_filter f = { 0 };
	struct record *v;
	struct domain d;
	struct catalog c;
	size_t n;
	int64_t page, per_page, total, item;
	json_t *arr;

	f.status = -1;
	f.public_only = true;
	if (region_param(rq, rs, "region", &f.region) ||
	    domain_param(rq, rs, &d, &f.domain_id) ||
	    paging(rq, rs, &page, &per_page))
		return;
	if (query_int(&rq->query, "item", 1, INT64_MAX, 0, &item)) {
		api_error(rs, 400, "参数 item 必须是事项编号（正整数）");
		return;
	}
	if (item) {
		int idx = public_item(rq, item, &c);

		if (idx < 0) {
			api_error(rs, 404, "没有这个事项（或它所属的目录尚未发布）");
			return;
		}
		f.region = c.region_code;
		f.lineage = c.items[idx].lineage;
	}
	f.limit = per_page;
	f.offset = (page - 1) * per_page;
	store_record_list(rq->store, &f, rq->arena, &v, &n, &total);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_record(&v[i]);

		json_object_del(o, "body_md");	/* lists stay light */
		json_array_append_new(arr, o);
	}
	answer(rs, 200, paged("records", arr, total, page, per_page));
}

void api_record(struct http_request *rq, struct http_response *rs)
{
	struct record r;
	json_t *o, *atts;
	size_t i;
	json_t *a;

	if (store_record_get(rq->store, strtoll(rq->params[0], NULL, 10),
			     rq->arena, &r) != STORE_OK ||
	    r.status != RECORD_PUBLISHED || r.disclosure != DISCLOSE_ACTIVE) {
		api_error(rs, 404, "没有这条公开信息");
		return;
	}
	o = json_record(&r);
	atts = json_object_get(o, "attachments");
	json_array_foreach(atts, i, a)
		json_object_set_new(a, "url", json_string(arena_printf(rq->arena,
			"/file/%lld/%s", (long long)r.attachments[i].id,
			"download")));
	json_object_set_new(o, "html_url", json_string(arena_printf(rq->arena,
		"/record/%lld", (long long)r.id)));
	answer(rs, 200, o);
}
