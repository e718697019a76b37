/* json-audit.h: the JSON representation of audit entries and of a
 * verification's outcome
 *
 * One shape for the back office, the open API (for the 审计员) and the
 * command line's --json.  Built with jansson; the caller owns the result.
 */
#ifndef GK_JSON_AUDIT_H
#define GK_JSON_AUDIT_H

#include <jansson.h>
#include <stddef.h>

#include "../domain/audit.h"

/* id, at, actor, actor_id (null for the command line), client, action,
 * action_label (null when not a known action), object_type, object_id,
 * region (null), unit_id (null), before and after (the stored JSON as a
 * JSON value, null when none; a text that is not JSON — never written by
 * gongkai — comes as a string), detail, prev_hash, hash.  Text that is not
 * UTF-8 (a tampered row) is replaced by "\uFFFD". */
json_t *json_audit_entry(const struct audit_entry *e);

/* intact (no problem), count, last_id, last_hash, problems
 * [{id (null for the whole log), message}], unlisted (problems past the
 * listed ones). */
json_t *json_audit_verify(const struct audit_problem *p, size_t n,
			  const struct audit_summary *sum);

#endif
