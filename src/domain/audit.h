/* audit.h: the audit trail (等保 2.0 安全审计) — who changed what, when,
 * from where, with the object before and after
 *
 * Every write appends one entry to an append-only log whose entries are
 * hash-chained: an entry's hash covers the previous entry's hash and all
 * of its own fields, so any edit, deletion, insertion or reordering of
 * history is found by audit_verify().  audit_append() joins the caller's
 * transaction when one is open, so the entry commits or rolls back with
 * the change it describes.
 *
 * The hash (v1) is SHA-256, as 64 lower-case hex digits, over
 *	"gongkai-audit-v1" F(prev_hash) F(id) F(at) F(actor) F(actor_id)
 *	F(client) F(action) F(object_type) F(object_id) F(region_code)
 *	F(unit_id) F(before) F(after) F(detail)
 * where F(NULL) = "N" and F(v) = "S" <byte length of v in decimal> ":" v,
 * integers written in decimal (actor_id and unit_id 0 are NULL).  The
 * length prefix and the N/S tag make the encoding injective: no two
 * different entries serialise to the same bytes.  The first entry's
 * prev_hash is 64 zeros.
 */
#ifndef GK_AUDIT_H
#define GK_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "actor.h"
#include "../store/store.h"

/* The actor and client of entries written from the command line (and
 * when 'who' is NULL). */
#define AUDIT_CLI_ACTOR "命令行"

/* Largest before/after JSON text accepted, in bytes. */
#define AUDIT_JSON_MAX (8u << 20)

/* Append an entry: 'who' acted (NULL: the command line), doing 'action'
 * ("record.submit"; see audit_actions) to the object 'object_type' /
 * 'object_id' that belongs to 'region_code' and 'unit_id' (NULL / 0 when
 * none).  'before_json' and 'after_json' are JSON texts of the object
 * before and after, or NULL (created / deleted / not applicable);
 * 'detail' is a Chinese summary (NULL: "").  The time is now
 * (util/timeutil.h, so GONGKAI_NOW fixes it).  Inside a transaction the
 * caller has open, the entry commits or rolls back with it.  Returns 0,
 * or -1 with the reason in 'err' — the caller must then not commit its
 * change (store_rollback), since a write without its audit entry is not
 * allowed. */
int audit_append(struct store *s, const struct actor *who,
		 const char *action, const char *object_type,
		 const char *object_id, const char *region_code,
		 int64_t unit_id, const char *before_json,
		 const char *after_json, const char *detail,
		 struct errors *err);

/* The hash of 'e' (id and prev_hash set), as described above; usable as
 * the store's audit_hash_fn. */
void audit_hash(const struct audit_entry *e, char out[AUDIT_HASH_HEX]);

/* One problem found by audit_verify(). */
struct audit_problem {
	int64_t id;		/* the entry concerned (the first of a run of
				 * missing ones); 0 for the log as a whole */
	const char *msg;	/* Chinese, names the entry */
};

struct audit_summary {
	int64_t count;		/* entries read */
	int64_t last_id;	/* id of the last entry, 0 if none */
	const char *last_hash;	/* its stored hash; 64 zeros if none */
	size_t unlisted;	/* problems past AUDIT_PROBLEMS_MAX */
};

#define AUDIT_PROBLEMS_MAX 1000

/* Read the whole log in id order in one consistent snapshot, recompute
 * every hash and compare the end with audit_head.  Finds an edited entry
 * (hash mismatch), deleted entries (a gap in the ids, a broken link to the
 * previous hash), entries inserted or moved (broken links, hash
 * mismatches), a truncated tail or entries appended behind the program's
 * back (the head disagrees).  Problems and the summary's strings are
 * allocated in 'a'; at most AUDIT_PROBLEMS_MAX are listed.  Returns 0 when
 * the log was read — intact when *n is 0 — or -1 when it could not be read
 * (reason in 'err'). */
int audit_verify(struct store *s, struct audit_problem **out, size_t *n,
		 struct arena *a, struct audit_summary *sum,
		 struct errors *err);

/* Check an anchor noted down earlier (from a previous verify): entry 'id'
 * must still exist with hash 'hash'.  Returns 0 when it does, else -1
 * with a Chinese message in 'err'. */
int audit_check_anchor(struct store *s, int64_t id, const char *hash,
		       struct errors *err);

/* The region-code prefix that selects a region's subtree in
 * audit_filter.region: 430000 → "43", 430100 → "4301", 430104 → "430104",
 * 430104001 → itself, 430104001000 → "430104001".  Written into 'out'. */
const char *audit_region_prefix(const char *code, char out[16]);

/* The action names gongkai writes, with their Chinese labels, terminated
 * by { NULL, NULL }. */
struct audit_action {
	const char *name;
	const char *label;
};
extern const struct audit_action audit_actions[];
/* The label of 'action', or NULL when it is not in the table. */
const char *audit_action_label(const char *action);

#endif
