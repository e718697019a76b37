/* api.h: the open API /api/v1/ (JSON), one handler per resource
 *
 * Read-only and public: regions, domains, published catalogs with their
 * item trees, items, and public records (published, 主动公开) with their
 * attachments.  Lists page with page/per_page and carry "total".  Errors
 * are {"error": {"status": N, "message": "中文说明"}}.  Documented in
 * openapi.json (embedded in the binary, served at /api/v1/openapi.json).
 */
#ifndef GK_API_H
#define GK_API_H

#include "../http/request.h"

void api_index(struct http_request *rq, struct http_response *rs);
void api_openapi(struct http_request *rq, struct http_response *rs);
void api_regions(struct http_request *rq, struct http_response *rs);
void api_region(struct http_request *rq, struct http_response *rs);
void api_domains(struct http_request *rq, struct http_response *rs);
void api_catalogs(struct http_request *rq, struct http_response *rs);
void api_catalog(struct http_request *rq, struct http_response *rs);
void api_item(struct http_request *rq, struct http_response *rs);
void api_records(struct http_request *rq, struct http_response *rs);
void api_record(struct http_request *rq, struct http_response *rs);
/* api-write.c: sessions and record writes */
void api_session_create(struct http_request *rq, struct http_response *rs);
void api_session_delete(struct http_request *rq, struct http_response *rs);
void api_session_get(struct http_request *rq, struct http_response *rs);
void api_session_password(struct http_request *rq, struct http_response *rs);
void api_record_create(struct http_request *rq, struct http_response *rs);
void api_record_update(struct http_request *rq, struct http_response *rs);
void api_record_act(struct http_request *rq, struct http_response *rs);
void api_admin_records(struct http_request *rq, struct http_response *rs);
void api_admin_record(struct http_request *rq, struct http_response *rs);
/* api-catalog-write.c: catalog work (derive, items, import, review,
 * diff, drift, rebase) and the catalogs a signed-in person may see */
void api_admin_catalogs(struct http_request *rq, struct http_response *rs);
void api_admin_catalog(struct http_request *rq, struct http_response *rs);
void api_catalog_derive(struct http_request *rq, struct http_response *rs);
void api_catalog_item_add(struct http_request *rq, struct http_response *rs);
void api_catalog_item_update(struct http_request *rq,
			     struct http_response *rs);
void api_catalog_item_drop(struct http_request *rq, struct http_response *rs);
void api_catalog_import(struct http_request *rq, struct http_response *rs);
void api_catalog_act(struct http_request *rq, struct http_response *rs);
void api_catalog_diff(struct http_request *rq, struct http_response *rs);
void api_catalog_drift(struct http_request *rq, struct http_response *rs);
void api_catalog_rebase(struct http_request *rq, struct http_response *rs);
/* api-search.c */
void api_search(struct http_request *rq, struct http_response *rs);
/* A JSON error answer. */
void api_error(struct http_response *rs, int status, const char *message);

#endif
