/* store-audit.h: the audit trail's storage (part of store.h; implemented
 * in sqlite-audit.c)
 *
 * An append-only, hash-chained log (schema/0004-audit.sql).  The store
 * keeps the chain's mechanics — consecutive ids, the previous hash, the
 * head (count and last hash) advanced in the same transaction — while the
 * hash itself is computed by the caller's function (domain/audit.c owns
 * the serialisation, so that verification and appending share it).
 */
#ifndef GK_STORE_AUDIT_H
#define GK_STORE_AUDIT_H

/* One row of audit_log.  Nullable integers are 0 when NULL (ids are
 * positive); nullable strings are NULL. */
struct audit_entry {
	int64_t id;
	const char *at;		/* ISO-8601 UTC */
	const char *actor;	/* username, or 命令行 */
	int64_t actor_id;	/* users.id, 0 (NULL) for the command line */
	const char *client;	/* client address, or 命令行 */
	const char *action;	/* 'record.submit', 'user.add', … */
	const char *object_type;
	const char *object_id;
	const char *region_code;	/* NULL when none */
	int64_t unit_id;	/* 0 (NULL) when none */
	const char *before;	/* JSON or NULL */
	const char *after;	/* JSON or NULL */
	const char *detail;	/* Chinese summary, "" when none */
	const char *prev_hash;	/* 64 hex digits; 64 zeros for the first */
	const char *hash;	/* 64 hex digits */
};

#define AUDIT_HASH_HEX 65	/* 64 hex digits and the NUL */

/* Computes the hash of 'e' (whose id and prev_hash are set) as 64
 * lower-case hex digits into 'out'. */
typedef void (*audit_hash_fn)(const struct audit_entry *e,
			      char out[AUDIT_HASH_HEX]);

/* Append 'e' to the log: inside store_begin/store_commit (so it commits or
 * rolls back with a transaction the caller has open) take the write lock,
 * set e->id to the head's last id + 1 and the previous hash from the head,
 * compute the hash with 'hash', insert the row and advance the head.  The
 * fields id, prev_hash and hash of 'e' are ignored on entry; on return
 * e->id is set, the hash is copied to 'hash_out' when not NULL, and
 * e->prev_hash / e->hash are NULL (they pointed into this call). */
enum store_rc store_audit_append(struct store *s, struct audit_entry *e,
				 audit_hash_fn hash,
				 char hash_out[AUDIT_HASH_HEX],
				 struct errors *err);

/* The head: how many rows were appended, the last id and hash. */
struct audit_head {
	int64_t count;
	int64_t last_id;
	const char *last_hash;
};
/* STORE_NOTFOUND when the head row is missing (the table was tampered
 * with). */
enum store_rc store_audit_head(struct store *s, struct arena *a,
			       struct audit_head *out);

/* Call fn for every row in id order.  The entry's strings point into the
 * current row and are valid only during the call.  'fn' returns nonzero to
 * stop early.  Open a transaction around this and store_audit_head() to
 * read one consistent state. */
enum store_rc store_audit_chain(struct store *s,
				int (*fn)(const struct audit_entry *e,
					  void *arg),
				void *arg, struct errors *err);

struct audit_filter {
	const char *from;	/* at >= from (ISO-8601 text); NULL = any */
	const char *to;		/* at < to; NULL = any */
	const char *actor;	/* username, exactly */
	int64_t actor_id;	/* 0 = any */
	const char *action;	/* a prefix: "record." or "record.submit" */
	const char *object_type;	/* exactly */
	const char *object_id;	/* exactly */
	const char *region;	/* a region-code prefix: 430104 matches
				 * 430104 and 430104001 (audit_region_prefix) */
	int64_t unit_id;	/* 0 = any */
	int64_t offset, limit;	/* limit 0 = no limit */
};

/* Entries matching 'f', newest first, strings in 'a'; *total counts every
 * match, ignoring offset and limit. */
enum store_rc store_audit_list(struct store *s, const struct audit_filter *f,
			       struct arena *a, struct audit_entry **out,
			       size_t *n, int64_t *total);
/* One entry by id (STORE_NOTFOUND if none). */
enum store_rc store_audit_get(struct store *s, int64_t id, struct arena *a,
			      struct audit_entry *out);
/* Rows in the log. */
enum store_rc store_audit_count(struct store *s, int64_t *n);

#endif
