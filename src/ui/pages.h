/* pages.h: the public pages (我要看), one ui-<page>.c each
 *
 * Every handler reads rq (validated by the server: decoded path parameters
 * in rq->params, parsed query) and fills rs.  None touches h2o.  They show
 * only what the public may see: published catalogs, and records that are
 * published and 主动公开.
 */
#ifndef GK_PAGES_H
#define GK_PAGES_H

#include "../http/request.h"

void ui_home(struct http_request *rq, struct http_response *rs);
void ui_region(struct http_request *rq, struct http_response *rs);
void ui_domain(struct http_request *rq, struct http_response *rs);
void ui_item(struct http_request *rq, struct http_response *rs);
void ui_record(struct http_request *rq, struct http_response *rs);
void ui_attachment(struct http_request *rq, struct http_response *rs);
void ui_catalogs(struct http_request *rq, struct http_response *rs);
void ui_catalog_file(struct http_request *rq, struct http_response *rs);
void ui_column_page(struct http_request *rq, struct http_response *rs);
void ui_sitemap(struct http_request *rq, struct http_response *rs);
void ui_sitemap_xml(struct http_request *rq, struct http_response *rs);
void ui_feed(struct http_request *rq, struct http_response *rs);
void ui_elder(struct http_request *rq, struct http_response *rs);
void ui_not_found(struct http_request *rq, struct http_response *rs);
void ui_search(struct http_request *rq, struct http_response *rs);

#endif
