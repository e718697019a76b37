/* json-record.h: the JSON representation of a record (公开信息)
 *
 * One place decides what a record looks like in JSON, for the command
 * line's --json output and the HTTP API alike (json-model.h does the same
 * for catalogs).  Built with jansson; nothing is formatted by hand.  The
 * caller owns the returned json_t.
 */
#ifndef GK_JSON_RECORD_H
#define GK_JSON_RECORD_H

#include <jansson.h>

#include "../store/model.h"

/* id, region, domain_id, item_id, lineage, unit {id, name}, title,
 * index_no, doc_no, publisher, written_on, published_on, validity (code)
 * and validity_label, topic, disclosure and disclosure_label, legal_ground,
 * elements [{element, value}], body_md, status and status_label,
 * attachments [{id, name, mime, size, sha256}], created_at, updated_at.
 * Dates that are not set are null; item_id is null when the item is gone. */
json_t *json_record(const struct record *r);

#endif
