/* admin-tasks.h: the back office's supervision pages (督办任务,
 * admin-tasks.c), ledgers (公示栏台账, 政务公开专区检查, 打印并登记;
 * admin-ledger.c) and the public A4 notice of a record (ui-notice.c)
 *
 * Handlers as route.c calls them; the rules are domain/supervision.c's
 * and domain/ledger.c's, which refuse in Chinese what may not be done.
 */
#ifndef GK_ADMIN_TASKS_H
#define GK_ADMIN_TASKS_H

#include "../http/request.h"

/* admin-tasks.c: /admin/tasks… */
void admin_tasks(struct http_request *rq, struct http_response *rs);
void admin_task_new(struct http_request *rq, struct http_response *rs);
void admin_task_create(struct http_request *rq, struct http_response *rs);
void admin_task_view(struct http_request *rq, struct http_response *rs);
void admin_task_report(struct http_request *rq, struct http_response *rs);
void admin_task_close(struct http_request *rq, struct http_response *rs);
void admin_task_file(struct http_request *rq, struct http_response *rs);

/* admin-ledger.c: /admin/ledger…, /admin/zone…, /admin/print */
void admin_ledger(struct http_request *rq, struct http_response *rs);
void admin_ledger_add(struct http_request *rq, struct http_response *rs);
void admin_ledger_csv(struct http_request *rq, struct http_response *rs);
void admin_ledger_file(struct http_request *rq, struct http_response *rs);
void admin_zone(struct http_request *rq, struct http_response *rs);
void admin_zone_add(struct http_request *rq, struct http_response *rs);
void admin_zone_view(struct http_request *rq, struct http_response *rs);
void admin_print_form(struct http_request *rq, struct http_response *rs);
void admin_print(struct http_request *rq, struct http_response *rs);

/* ui-notice.c: the public A4 notice of a record and its short address */
void ui_notice(struct http_request *rq, struct http_response *rs);
void ui_short_link(struct http_request *rq, struct http_response *rs);
/* The short code of record 'id' (Crockford base 32, lower case) into
 * out (at least 14 bytes); and back: the id, or 0 when not a code. */
void notice_short_code(int64_t id, char out[14]);
int64_t notice_short_id(const char *code);

#endif
