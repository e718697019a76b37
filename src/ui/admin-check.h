/* admin-check.h: the self-check (自查) in the back office
 *
 * /admin/check shows each unit's findings from its newest run, grouped by
 * kind, each with a link to the page that fixes it: a unit's 信息员,
 * 审核人 and 签发人 see their unit, the 政务公开办 its region and every unit
 * below it (with a table of counts per unit).  A button runs the check
 * again now, without links: checking links over HTTP takes long, so it is
 * left to `gongkai check` on the command line, and the page shows the
 * broken links found by the unit's newest run that checked them, saying
 * when.  Authorisation is AZ_CHECK_RUN (authz.h).
 */
#ifndef GK_ADMIN_CHECK_H
#define GK_ADMIN_CHECK_H

#include "../http/request.h"

/* GET /admin/check[?unit=ID][&run=ID] — ?unit for the office to look at
 * one unit; ?run after a run, to say it is done */
void admin_check(struct http_request *rq, struct http_response *rs);
/* POST /admin/check (csrf[, unit]) — run it now, without links */
void admin_check_run(struct http_request *rq, struct http_response *rs);

#endif
