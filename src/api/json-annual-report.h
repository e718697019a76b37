/* json-annual-report.h: the one JSON shape of an annual report (年报),
 * for `gongkai report annual --format json` and the API alike
 *
 * {title, year, unit {id, name} | null, region {code, name}, region_wide,
 *  units [{id, name}], published_at, updated_at,
 *  sections {overview, problems, other, fee_sentence}, fees_fen, fees_yuan,
 *  table2 {blocks [{heading, columns [..], rows [{label, cells [{key,
 *          column, value, text, source, source_label, data_value}]}]}]},
 *  table3 {note, columns [{key, label, group}], rows [{code, label, level,
 *          figures, span, values {person … other, total} | null}],
 *          balanced, check [{key, label, received, carried_in, total,
 *          carried_out, balanced}]},
 *  table4 {columns [{key, label}], rows [{key, label, group, values
 *          {upheld, corrected, other, pending, total}}]},
 *  notes [..], problems [..]}
 * Labels are the official ones (domain/annual-report.h).  Table 二's value
 * is a count, except fees_wan: 万元 as a number, its exact text in "text".
 * The caller owns the returned json_t.
 */
#ifndef GK_JSON_ANNUAL_REPORT_H
#define GK_JSON_ANNUAL_REPORT_H

#include <jansson.h>

#include "../domain/annual-report.h"

json_t *json_annual_report(const struct annual_report *r);

#endif
