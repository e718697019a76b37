/* route.c: see route.h */
#include "route.h"

#include <string.h>

#include "../api/api.h"
#include "../ui/pages.h"
#include "../util/arena.h"

static const struct route routes[] = {
	{ "/", ui_home, false },
	{ "/r/:region/", ui_region, false },
	{ "/r/:region/feed.atom", ui_feed, false },
	{ "/r/:region/d/:code/", ui_domain, false },
	{ "/r/:region/d/:code/feed.atom", ui_feed, false },
	{ "/r/:region/i/:id/", ui_item, false },
	{ "/r/:region/catalogs/", ui_catalogs, false },
	{ "/r/:region/p/:code/", ui_column_page, false },
	{ "/record/:id", ui_record, false },
	{ "/file/:id/:name", ui_attachment, false },
	{ "/catalog/:file", ui_catalog_file, false },
	{ "/sitemap/", ui_sitemap, false },
	{ "/sitemap.xml", ui_sitemap_xml, false },
	{ "/prefs/elder", ui_elder, false },
	{ "/api/v1/", api_index, true },
	{ "/api/v1/openapi.json", api_openapi, true },
	{ "/api/v1/regions", api_regions, true },
	{ "/api/v1/regions/:region", api_region, true },
	{ "/api/v1/domains", api_domains, true },
	{ "/api/v1/catalogs", api_catalogs, true },
	{ "/api/v1/catalogs/:id", api_catalog, true },
	{ "/api/v1/items/:id", api_item, true },
	{ "/api/v1/records", api_records, true },
	{ "/api/v1/records/:id", api_record, true },
};

static bool all_digits(const char *s, size_t n, size_t min, size_t max)
{
	if (n < min || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool code_chars(const char *s, size_t n)
{
	if (n < 1 || n > 40)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

/* Match one placeholder against the raw segment s[0..n). */
static bool placeholder(const char *type, size_t tlen, const char *s, size_t n,
			struct http_request *rq)
{
	const char *why;

	if (rq->nparams >= ROUTE_MAX_PARAMS)
		return false;
	if (tlen == 7 && !memcmp(type, ":region", 7)) {
		if (!all_digits(s, n, 6, 12))
			return false;
	} else if (tlen == 3 && !memcmp(type, ":id", 3)) {
		if (!all_digits(s, n, 1, 18) || s[0] == '0')
			return false;
	} else if (tlen == 5 && !memcmp(type, ":code", 5)) {
		if (!code_chars(s, n))
			return false;
	} else if (tlen == 5 && !memcmp(type, ":file", 5)) {
		const char *dot = memchr(s, '.', n);
		size_t idlen = dot ? (size_t)(dot - s) : 0, extlen;

		if (!dot || !all_digits(s, idlen, 1, 18) || s[0] == '0' ||
		    rq->nparams + 2 > ROUTE_MAX_PARAMS)
			return false;
		extlen = n - idlen - 1;
		if (!((extlen == 4 && !memcmp(dot + 1, "xlsx", 4)) ||
		      (extlen == 3 && !memcmp(dot + 1, "csv", 3))))
			return false;
		rq->params[rq->nparams++] = arena_strndup(rq->arena, s, idlen);
		rq->params[rq->nparams++] = arena_strndup(rq->arena, dot + 1,
							  extlen);
		return true;
	} else if (tlen == 5 && !memcmp(type, ":name", 5)) {
		const char *v;

		if (n < 1 || n > 1024)
			return false;
		v = query_decode(s, n, false, rq->arena, &why);
		if (!v || !*v)
			return false;
		rq->params[rq->nparams++] = v;
		return true;
	} else {
		return false;
	}
	rq->params[rq->nparams++] = arena_strndup(rq->arena, s, n);
	return true;
}

static bool match_one(const char *pattern, const char *path,
		      struct http_request *rq)
{
	const char *p = pattern, *s = path;

	rq->nparams = 0;
	while (*p && *s) {
		if (*p == ':') {
			/* a placeholder fills its whole segment */
			size_t tlen = strcspn(p, "/"), slen = strcspn(s, "/");

			if (!placeholder(p, tlen, s, slen, rq))
				return false;
			p += tlen;
			s += slen;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return !*p && !*s;
}

enum route_result route_match(const char *path, struct http_request *rq,
			      const struct route **out)
{
	size_t n = sizeof(routes) / sizeof(routes[0]);
	size_t len = strlen(path);
	char *slashed;

	for (size_t i = 0; i < n; i++)
		if (match_one(routes[i].pattern, path, rq)) {
			*out = &routes[i];
			return ROUTE_FOUND;
		}
	if (len && path[len - 1] != '/' && len < 2048) {
		slashed = arena_printf(rq->arena, "%s/", path);
		for (size_t i = 0; i < n; i++)
			if (match_one(routes[i].pattern, slashed, rq)) {
				rq->nparams = 0;
				return ROUTE_ADD_SLASH;
			}
	}
	rq->nparams = 0;
	return ROUTE_NOT_FOUND;
}

bool route_is_api(const char *path)
{
	return !strncmp(path, "/api/", 5) || !strcmp(path, "/api");
}
