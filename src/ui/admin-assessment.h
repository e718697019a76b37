/* admin-assessment.h: assessment (考核) in the back office — indicator
 * tables (import, view, export), rounds (create, score from the platform's
 * data, finalise, rankings and their export), a unit's sheet (assessors
 * score the manual lines with comments; the unit uploads evidence and
 * responds once), and the pictures (scores by unit, coverage by domain,
 * self-check findings over time, the map shaded by score or coverage);
 * and the public page of a column's statistics
 *
 * Every write goes through domain/assessment.h, which authorises
 * (AZ_ASSESS_*) and writes the audit trail in the same transaction.
 * Pages work without JavaScript; every chart has its table beside it.
 */
#ifndef GK_ADMIN_ASSESSMENT_H
#define GK_ADMIN_ASSESSMENT_H

#include "../http/request.h"

/* GET /admin/assessment — rounds, tables, the forms to import a table and
 * create a round (the office); the unit's rounds (its staff) */
void admin_assessment(struct http_request *rq, struct http_response *rs);
/* POST /admin/assessment/tables (multipart: file) */
void admin_assess_table_import(struct http_request *rq,
			       struct http_response *rs);
/* GET /admin/assessment/tables/:id */
void admin_assess_table(struct http_request *rq, struct http_response *rs);
/* GET /admin/assessment/tables/:file (ID.xlsx, ID.csv) */
void admin_assess_table_export(struct http_request *rq,
			       struct http_response *rs);
/* POST /admin/assessment/rounds (table, name, from, to, unit…, type_ID) */
void admin_assess_round_create(struct http_request *rq,
			       struct http_response *rs);
/* GET /admin/assessment/rounds/:id — rankings per type with their charts */
void admin_assess_round(struct http_request *rq, struct http_response *rs);
/* GET /admin/assessment/rounds/:file (ID.xlsx, ID.csv) — the ranking */
void admin_assess_ranking(struct http_request *rq, struct http_response *rs);
/* POST /admin/assessment/rounds/:id/auto — score from the platform's data */
void admin_assess_auto(struct http_request *rq, struct http_response *rs);
/* POST /admin/assessment/rounds/:id/finalise */
void admin_assess_finalise(struct http_request *rq, struct http_response *rs);
/* GET /admin/assessment/rounds/:id/units/:id — a unit's sheet */
void admin_assess_unit(struct http_request *rq, struct http_response *rs);
/* POST /admin/assessment/rounds/:id/units/:id/scores (score_LINE,
 * comment_LINE) */
void admin_assess_scores(struct http_request *rq, struct http_response *rs);
/* POST /admin/assessment/rounds/:id/units/:id/evidence (multipart: line,
 * kind, files) */
void admin_assess_evidence(struct http_request *rq, struct http_response *rs);
/* GET /admin/assessment/rounds/:id/units/:id/evidence/:id */
void admin_assess_evidence_file(struct http_request *rq,
				struct http_response *rs);
/* POST /admin/assessment/rounds/:id/units/:id/response (text) */
void admin_assess_response(struct http_request *rq, struct http_response *rs);
/* GET /admin/assessment/charts[?round=ID][&map=score|coverage] */
void admin_assess_charts(struct http_request *rq, struct http_response *rs);

/* GET /r/:region/stats/ — the public statistics of a column: coverage of
 * 二级事项 by domain, and the map of the regions below by coverage */
void ui_stats(struct http_request *rq, struct http_response *rs);

#endif
