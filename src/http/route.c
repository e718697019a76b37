/* route.c: see route.h */
#include "route.h"

#include <string.h>

#include "../api/api.h"
#include "../ui/admin-assessment.h"
#include "../ui/admin-catalog.h"
#include "../ui/admin-check.h"
#include "../ui/admin.h"
#include "../ui/admin-requests.h"
#include "../ui/admin-tasks.h"
#include "../ui/ui-apply.h"
#include "../ui/pages.h"
#include "../ui/report-pages.h"
#include "../util/arena.h"

#define GET (HTTP_GET | HTTP_HEAD)
#define POST HTTP_POST

static const struct route routes[] = {
	/* the public column (我要看): cached */
	{ "/", ui_home, false, GET, ROUTE_PUBLIC },
	{ "/r/:region/", ui_region, false, GET, ROUTE_PUBLIC },
	{ "/r/:region/feed.atom", ui_feed, false, GET, ROUTE_PUBLIC },
	{ "/r/:region/d/:code/", ui_domain, false, GET, ROUTE_PUBLIC },
	{ "/r/:region/d/:code/feed.atom", ui_feed, false, GET, ROUTE_PUBLIC },
	{ "/r/:region/i/:id/", ui_item, false, GET, ROUTE_PUBLIC },
	{ "/r/:region/catalogs/", ui_catalogs, false, GET, ROUTE_PUBLIC },
	{ "/r/:region/p/:code/", ui_column_page, false, GET, ROUTE_PUBLIC },
	{ "/record/:id", ui_record, false, GET, ROUTE_PUBLIC },
	{ "/file/:id/:name", ui_attachment, false, GET, ROUTE_PUBLIC },
	{ "/catalog/:file", ui_catalog_file, false, GET, ROUTE_PUBLIC },
	{ "/sitemap/", ui_sitemap, false, GET, ROUTE_PUBLIC },
	{ "/sitemap.xml", ui_sitemap_xml, false, GET, ROUTE_PUBLIC },
	{ "/prefs/elder", ui_elder, false, GET, ROUTE_PUBLIC },
	{ "/search", ui_search, false, GET, ROUTE_PUBLIC },
	/* BEGIN disclosure on request, public (ui-apply.c; answers uncached) */
	{ "/r/:region/apply/", ui_apply_form, false, GET, ROUTE_PUBLIC },
	{ "/r/:region/apply/", ui_apply_submit, false, POST, ROUTE_PUBLIC },
	{ "/apply/track", ui_apply_track, false, GET, ROUTE_PUBLIC },
	/* END disclosure on request, public */
	/* BEGIN annual reports (ui-reports.c) */
	{ "/r/:region/reports/", ui_reports, false, GET, ROUTE_PUBLIC },
	{ "/report/:id/:id", ui_report, false, GET, ROUTE_PUBLIC },
	{ "/report/:id/:file", ui_report_file, false, GET, ROUTE_PUBLIC },
	/* END annual reports */
	/* BEGIN assessment, public (admin-assessment.c: a column's statistics) */
	{ "/r/:region/stats/", ui_stats, false, GET, ROUTE_PUBLIC },
	/* END assessment, public */
	/* BEGIN printed notices, public (ui-notice.c) */
	{ "/record/:id/print", ui_notice, false, GET, ROUTE_PUBLIC },
	{ "/n/:code", ui_short_link, false, GET, ROUTE_PUBLIC },
	/* END printed notices */

	/* the back office (两后台): never cached, sessions, CSRF on writes */
	{ "/admin/login", admin_login_form, false, GET, ROUTE_SIGNIN },
	{ "/admin/login", admin_login, false, POST, ROUTE_SIGNIN },
	{ "/admin/logout", admin_logout, false, POST, ROUTE_USER },
	{ "/admin/password", admin_password_form, false, GET, ROUTE_USER },
	{ "/admin/password", admin_password, false, POST, ROUTE_USER },
	{ "/admin/", admin_dashboard, false, GET, ROUTE_USER },
	{ "/admin/items", admin_items, false, GET, ROUTE_USER },
	{ "/admin/search", admin_search, false, GET, ROUTE_USER },
	{ "/admin/records", admin_records, false, GET, ROUTE_USER },
	{ "/admin/records", admin_record_create, false, POST, ROUTE_USER },
	{ "/admin/records/new", admin_record_new, false, GET, ROUTE_USER },
	{ "/admin/records/:id", admin_record_view, false, GET, ROUTE_USER },
	{ "/admin/records/:id/edit", admin_record_edit_form, false, GET, ROUTE_USER },
	{ "/admin/records/:id/edit", admin_record_edit, false, POST, ROUTE_USER },
	{ "/admin/records/:id/action", admin_record_action, false, POST, ROUTE_USER },
	{ "/admin/records/:id/attachments", admin_record_attach, false, POST,
	  ROUTE_USER },
	{ "/admin/records/:id/files/:id", admin_record_file, false, GET,
	  ROUTE_USER },
	{ "/admin/records/:id/history", admin_record_history, false, GET,
	  ROUTE_USER },
	{ "/admin/records/:id/history", admin_record_restore, false, POST,
	  ROUTE_USER },
	{ "/admin/users", admin_users, false, GET, ROUTE_USER },
	{ "/admin/users", admin_user_add, false, POST, ROUTE_USER },
	{ "/admin/users/:id", admin_user_change, false, POST, ROUTE_USER },
	{ "/admin/units/:id", admin_unit_change, false, POST, ROUTE_USER },
	{ "/admin/security", admin_security, false, GET, ROUTE_USER },
	{ "/admin/security", admin_unlock, false, POST, ROUTE_USER },
	{ "/admin/audit", admin_audit, false, GET, ROUTE_USER },
	{ "/admin/calendar", admin_calendar, false, GET, ROUTE_USER },
	{ "/admin/calendar", admin_calendar_change, false, POST, ROUTE_USER },
	/* BEGIN annual reports back office (admin-reports.c) */
	{ "/admin/reports", admin_reports, false, GET, ROUTE_USER },
	{ "/admin/reports/:id/:id", admin_report_form, false, GET, ROUTE_USER },
	{ "/admin/reports/:id/:id", admin_report_post, false, POST, ROUTE_USER },
	{ "/admin/reports/:id/:id/preview", admin_report_preview, false, GET,
	  ROUTE_USER },
	{ "/admin/reports/:id/:file", admin_report_file, false, GET, ROUTE_USER },
	/* END annual reports back office */
	/* BEGIN disclosure on request, back office (admin-requests.c) */
	{ "/admin/requests", admin_requests, false, GET, ROUTE_USER },
	{ "/admin/requests", admin_request_create, false, POST, ROUTE_USER },
	{ "/admin/requests/new", admin_request_new, false, GET, ROUTE_USER },
	{ "/admin/requests/:id", admin_request_view, false, GET, ROUTE_USER },
	{ "/admin/requests/:id/act", admin_request_act, false, POST,
	  ROUTE_USER },
	{ "/admin/requests/:id/files", admin_request_attach, false, POST,
	  ROUTE_USER },
	{ "/admin/requests/:id/files/:id", admin_request_file, false, GET,
	  ROUTE_USER },
	/* END disclosure on request, back office */
	/* BEGIN self-check (admin-check.c) */
	{ "/admin/check", admin_check, false, GET, ROUTE_USER },
	{ "/admin/check", admin_check_run, false, POST, ROUTE_USER },
	/* END self-check */
	/* BEGIN supervision and ledgers (admin-tasks.c, admin-ledger.c) */
	{ "/admin/tasks", admin_tasks, false, GET, ROUTE_USER },
	{ "/admin/tasks", admin_task_create, false, POST, ROUTE_USER },
	{ "/admin/tasks/new", admin_task_new, false, GET, ROUTE_USER },
	{ "/admin/tasks/:id", admin_task_view, false, GET, ROUTE_USER },
	{ "/admin/tasks/:id/reports", admin_task_report, false, POST,
	  ROUTE_USER },
	{ "/admin/tasks/:id/close", admin_task_close, false, POST, ROUTE_USER },
	{ "/admin/tasks/:id/files/:id", admin_task_file, false, GET,
	  ROUTE_USER },
	{ "/admin/ledger", admin_ledger, false, GET, ROUTE_USER },
	{ "/admin/ledger", admin_ledger_add, false, POST, ROUTE_USER },
	{ "/admin/ledger/export.csv", admin_ledger_csv, false, GET, ROUTE_USER },
	{ "/admin/ledger/files/:id", admin_ledger_file, false, GET, ROUTE_USER },
	{ "/admin/zone", admin_zone, false, GET, ROUTE_USER },
	{ "/admin/zone", admin_zone_add, false, POST, ROUTE_USER },
	{ "/admin/zone/:id", admin_zone_view, false, GET, ROUTE_USER },
	{ "/admin/print", admin_print_form, false, GET, ROUTE_USER },
	{ "/admin/print", admin_print, false, POST, ROUTE_USER },
	/* END supervision and ledgers */
	/* BEGIN assessment (admin-assessment.c) */
	{ "/admin/assessment", admin_assessment, false, GET, ROUTE_USER },
	{ "/admin/assessment/charts", admin_assess_charts, false, GET,
	  ROUTE_USER },
	{ "/admin/assessment/tables", admin_assess_table_import, false, POST,
	  ROUTE_USER },
	{ "/admin/assessment/tables/:id", admin_assess_table, false, GET,
	  ROUTE_USER },
	{ "/admin/assessment/tables/:file", admin_assess_table_export, false,
	  GET, ROUTE_USER },
	{ "/admin/assessment/rounds", admin_assess_round_create, false, POST,
	  ROUTE_USER },
	{ "/admin/assessment/rounds/:id", admin_assess_round, false, GET,
	  ROUTE_USER },
	{ "/admin/assessment/rounds/:file", admin_assess_ranking, false, GET,
	  ROUTE_USER },
	{ "/admin/assessment/rounds/:id/auto", admin_assess_auto, false, POST,
	  ROUTE_USER },
	{ "/admin/assessment/rounds/:id/finalise", admin_assess_finalise, false,
	  POST, ROUTE_USER },
	{ "/admin/assessment/rounds/:id/units/:id", admin_assess_unit, false,
	  GET, ROUTE_USER },
	{ "/admin/assessment/rounds/:id/units/:id/scores", admin_assess_scores,
	  false, POST, ROUTE_USER },
	{ "/admin/assessment/rounds/:id/units/:id/evidence",
	  admin_assess_evidence, false, POST, ROUTE_USER },
	{ "/admin/assessment/rounds/:id/units/:id/evidence/:id",
	  admin_assess_evidence_file, false, GET, ROUTE_USER },
	{ "/admin/assessment/rounds/:id/units/:id/response",
	  admin_assess_response, false, POST, ROUTE_USER },
	/* END assessment */
	/* BEGIN catalog back office (admin-catalog.c) */
	{ "/admin/catalogs", admin_catalogs, false, GET, ROUTE_USER },
	{ "/admin/catalogs/:id", admin_catalog_view, false, GET, ROUTE_USER },
	{ "/admin/catalogs/:id/export.xlsx", admin_catalog_export, false, GET,
	  ROUTE_USER },
	{ "/admin/catalogs/:id/export.csv", admin_catalog_export, false, GET,
	  ROUTE_USER },
	{ "/admin/catalogs/:id/derive", admin_catalog_derive_form, false, GET,
	  ROUTE_USER },
	{ "/admin/catalogs/:id/derive", admin_catalog_derive, false, POST,
	  ROUTE_USER },
	{ "/admin/catalogs/:id/drop", admin_catalog_drop, false, POST, ROUTE_USER },
	{ "/admin/catalogs/:id/items", admin_catalog_add_item, false, POST,
	  ROUTE_USER },
	{ "/admin/catalogs/:id/items/:id/edit", admin_catalog_item_form, false,
	  GET, ROUTE_USER },
	{ "/admin/catalogs/:id/items/:id/edit", admin_catalog_item_edit, false,
	  POST, ROUTE_USER },
	{ "/admin/catalogs/:id/import", admin_catalog_import, false, POST,
	  ROUTE_USER },
	{ "/admin/catalogs/:id/action", admin_catalog_action, false, POST,
	  ROUTE_USER },
	{ "/admin/catalogs/:id/diff", admin_catalog_diff, false, GET, ROUTE_USER },
	{ "/admin/catalogs/:id/rebase", admin_catalog_rebase, false, POST,
	  ROUTE_USER },
	/* END catalog back office */

	/* the open API */
	{ "/api/v1/", api_index, true, GET, ROUTE_PUBLIC },
	{ "/api/v1/openapi.json", api_openapi, true, GET, ROUTE_PUBLIC },
	{ "/api/v1/regions", api_regions, true, GET, ROUTE_PUBLIC },
	{ "/api/v1/regions/:region", api_region, true, GET, ROUTE_PUBLIC },
	{ "/api/v1/domains", api_domains, true, GET, ROUTE_PUBLIC },
	{ "/api/v1/catalogs", api_catalogs, true, GET, ROUTE_PUBLIC },
	{ "/api/v1/catalogs/:id", api_catalog, true, GET, ROUTE_PUBLIC },
	{ "/api/v1/items/:id", api_item, true, GET, ROUTE_PUBLIC },
	{ "/api/v1/records", api_records, true, GET, ROUTE_PUBLIC },
	{ "/api/v1/records/:id", api_record, true, GET, ROUTE_PUBLIC },
	{ "/api/v1/search", api_search, true, GET, ROUTE_PUBLIC },
	/* the write API: the browser's powers, for programs */
	{ "/api/v1/session", api_session_create, true, POST, ROUTE_SIGNIN },
	{ "/api/v1/session", api_session_delete, true, HTTP_DELETE, ROUTE_USER },
	{ "/api/v1/session", api_session_get, true, GET, ROUTE_USER },
	{ "/api/v1/session/password", api_session_password, true, POST,
	  ROUTE_USER },
	{ "/api/v1/records", api_record_create, true, POST, ROUTE_USER },
	{ "/api/v1/records/:id", api_record_update, true, HTTP_PATCH, ROUTE_USER },
	{ "/api/v1/records/:id/actions/:code", api_record_act, true, POST,
	  ROUTE_USER },
	{ "/api/v1/admin/records", api_admin_records, true, GET, ROUTE_USER },
	{ "/api/v1/admin/records/:id", api_admin_record, true, GET, ROUTE_USER },
	/* BEGIN catalog write API (api-catalog-write.c) */
	{ "/api/v1/admin/catalogs", api_admin_catalogs, true, GET, ROUTE_USER },
	{ "/api/v1/admin/catalogs/:id", api_admin_catalog, true, GET,
	  ROUTE_USER },
	{ "/api/v1/catalogs/:id/derive", api_catalog_derive, true, POST,
	  ROUTE_USER },
	{ "/api/v1/catalogs/:id/items", api_catalog_item_add, true, POST,
	  ROUTE_USER },
	{ "/api/v1/catalogs/:id/items/:id", api_catalog_item_update, true,
	  HTTP_PATCH, ROUTE_USER },
	{ "/api/v1/catalogs/:id/items/:id", api_catalog_item_drop, true,
	  HTTP_DELETE, ROUTE_USER },
	{ "/api/v1/catalogs/:id/import", api_catalog_import, true, POST,
	  ROUTE_USER },
	{ "/api/v1/catalogs/:id/actions/:code", api_catalog_act, true, POST,
	  ROUTE_USER },
	{ "/api/v1/catalogs/:id/diff", api_catalog_diff, true, GET, ROUTE_USER },
	{ "/api/v1/catalogs/:id/drift", api_catalog_drift, true, GET,
	  ROUTE_USER },
	{ "/api/v1/catalogs/:id/rebase", api_catalog_rebase, true, POST,
	  ROUTE_USER },
	/* END catalog write API */
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
	bool other_method = false;
	char *slashed;

	for (size_t i = 0; i < n; i++)
		if (match_one(routes[i].pattern, path, rq)) {
			if (routes[i].methods & rq->method) {
				*out = &routes[i];
				return ROUTE_FOUND;
			}
			other_method = true;
		}
	if (other_method) {
		rq->nparams = 0;
		return ROUTE_BAD_METHOD;
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

const char *route_allow(const char *path, struct http_request *rq)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ HTTP_GET, "GET" }, { HTTP_HEAD, "HEAD" }, { HTTP_POST, "POST" },
		{ HTTP_PUT, "PUT" }, { HTTP_PATCH, "PATCH" },
		{ HTTP_DELETE, "DELETE" },
	};
	size_t n = sizeof(routes) / sizeof(routes[0]);
	unsigned bits = 0;
	char buf[64] = "";

	for (size_t i = 0; i < n; i++)
		if (match_one(routes[i].pattern, path, rq))
			bits |= routes[i].methods;
	rq->nparams = 0;
	for (size_t i = 0; i < 6; i++)
		if (bits & names[i].bit) {
			if (*buf)
				strcat(buf, ", ");
			strcat(buf, names[i].name);
		}
	return arena_strdup(rq->arena, buf);
}

bool route_is_api(const char *path)
{
	return !strncmp(path, "/api/", 5) || !strcmp(path, "/api");
}
