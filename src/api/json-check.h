/* json-check.h: the JSON representation of a self-check (自查) report
 *
 * One place decides what a run of domain/check.c looks like in JSON, for
 * `gongkai check --json` (and an API later).  Built with jansson; the
 * caller owns the returned json_t.
 */
#ifndef GK_JSON_CHECK_H
#define GK_JSON_CHECK_H

#include <jansson.h>

#include "../domain/check.h"

/* run_id (null until saved), started_at, finished_at, today, scope
 * {region, unit} (null when not limited), links_checked (bool),
 * addresses_checked, counts {blank, stale, overdue, incomplete,
 * broken_link, drift, veto}, total, notes [text], units [{id, name,
 * region, region_name, coverage {covered, total}, counts {…}, total,
 * findings [finding]}]; a finding is {kind, kind_label, code, unit_id,
 * region, catalog_id, item_id, record_id (each null when none), subject,
 * url, http_status, seconds (null when no link), text, fix, links_run
 * (null unless carried over)}. */
json_t *json_check_report(const struct check_report *r);
json_t *json_check_finding(const struct check_finding *f);

#endif
