/* report-pages.h: the pages of the annual report (年报)
 *
 * Public (ui-reports.c), under the column's 政府信息公开年报:
 *   /r/CODE/reports/          published reports of the region's units and
 *                             those below, by year
 *   /report/UNIT/YEAR         one published report (figures computed now)
 *   /report/UNIT/YEAR.xlsx    its download
 * Back office (admin-reports.c), for a unit's staff and the disclosure
 * office (authz AZ_REPORT_EDIT):
 *   /admin/reports                    the reports one may edit
 *   /admin/reports/UNIT/YEAR          edit sections 一/五/六 and table 二's
 *                                     entered figures (GET form, POST save,
 *                                     publish, withdraw)
 *   /admin/reports/UNIT/YEAR/preview  the report as it will be published
 *   /admin/reports/UNIT/YEAR.xlsx     the .xlsx, published or not
 */
#ifndef GK_REPORT_PAGES_H
#define GK_REPORT_PAGES_H

#include "../http/request.h"

void ui_reports(struct http_request *rq, struct http_response *rs);
void ui_report(struct http_request *rq, struct http_response *rs);
void ui_report_file(struct http_request *rq, struct http_response *rs);

void admin_reports(struct http_request *rq, struct http_response *rs);
void admin_report_form(struct http_request *rq, struct http_response *rs);
void admin_report_post(struct http_request *rq, struct http_response *rs);
void admin_report_preview(struct http_request *rq, struct http_response *rs);
void admin_report_file(struct http_request *rq, struct http_response *rs);

/* --- shared by the two files --- */
struct buf;
struct annual_report;
/* The report as .xlsx bytes appended to 'out' (through a temporary
 * file: libxlsxwriter writes files).  0 or -1. */
int report_xlsx_bytes(const struct annual_report *r, struct buf *out);
/* Content-Disposition for the download, in the request's arena. */
const char *report_disposition(struct http_request *rq,
			       const struct annual_report *r);

#endif
