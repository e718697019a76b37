/* admin-requests.h: applications for disclosure on request (依申请公开)
 * in the back office — the list with its filters, registering an
 * application that came by another channel, the case page with the forms
 * of the steps that may come next, the reply letter, files, and the
 * dashboard's block
 *
 * Every write goes through domain/request.h (request_file, request_act),
 * which authorises (AZ_REQUEST_*) and writes the audit trail; files
 * through apply_store_files (ui-apply.c), which does the same with the
 * store and audit.h.  Pages work without JavaScript.
 */
#ifndef GK_ADMIN_REQUESTS_H
#define GK_ADMIN_REQUESTS_H

#include "../http/request.h"

/* GET /admin/requests[?status=CODE|open][&due=overdue|soon|paused]
 * [&q=TEXT][&page=N] */
void admin_requests(struct http_request *rq, struct http_response *rs);
/* GET /admin/requests/new — register one from another channel */
void admin_request_new(struct http_request *rq, struct http_response *rs);
/* POST /admin/requests */
void admin_request_create(struct http_request *rq, struct http_response *rs);
/* GET /admin/requests/:id[?outcome=CODE&article=…] — the case page; an
 * outcome fills the reply form with the letter generated for it */
void admin_request_view(struct http_request *rq, struct http_response *rs);
/* POST /admin/requests/:id/act (action=CODE and the step's fields) */
void admin_request_act(struct http_request *rq, struct http_response *rs);
/* POST /admin/requests/:id/files (multipart: role, files) */
void admin_request_attach(struct http_request *rq, struct http_response *rs);
/* GET /admin/requests/:id/files/:id */
void admin_request_file(struct http_request *rq, struct http_response *rs);

struct buf;
/* The 工作台's block: open applications, overdue, due within 3 working
 * days, paused, with links to the list; nothing for users who handle
 * none. */
void admin_requests_block(struct http_request *rq, struct buf *b);

#endif
