/* catalog-diff.h: comparing catalogs, upstream drift and rebasing
 *
 * Items of two catalogs are matched by lineage (kept through derivation and
 * new versions), then, for what is left, by their path of names (一级/二级/
 * 三级), so that a re-imported table still lines up.  A diff lists items
 * added, removed and changed, with the changed columns named.
 *
 * Drift: when the catalog a child was derived from has a newer published
 * version, what changed upstream.  Rebase: a new draft of the child on the
 * newer parent — upstream changes applied, the child's subtractions, local
 * additions and own edits kept, and a conflict listed wherever both sides
 * changed the same column (the child's value is kept there).
 */
#ifndef GK_CATALOG_DIFF_H
#define GK_CATALOG_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"

enum item_field {
	F_NAME,
	F_PARENT,
	F_TYPE,
	F_SERVICE,
	F_ELEMENTS,
	F_BASIS,
	F_TIMELIMIT,
	F_SUBJECT,
	F_CHANNELS,
	F_AUDIENCE,
	F_MODE,
	F_LEVELS,
	F_NOTE,
	F_SERVICE_URL,
	F__MAX
};

const char *item_field_label(enum item_field f);
const char *item_field_code(enum item_field f);
/* Bit (1 << field) set for every column in which a and b differ
 * (F_NAME and F_PARENT are not compared here). */
unsigned item_fields_differ(const struct item *a, const struct item *b);

/* For each item of b the index of its match in a (-1: none), and back. */
void catalog_match(const struct catalog *a, const struct catalog *b,
		   int *b_to_a, int *a_to_b);

enum diff_kind { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED };

struct diff_entry {
	enum diff_kind kind;
	int a, b;		/* item indices in a and b, -1 when absent */
	unsigned fields;	/* for DIFF_CHANGED */
};

struct catalog_diff {
	struct diff_entry *v;
	size_t n;
	size_t added, removed, changed;
};

/* What changed from a to b.  Release with catalog_diff_release(). */
void catalog_diff(const struct catalog *a, const struct catalog *b,
		  struct catalog_diff *out);
void catalog_diff_release(struct catalog_diff *d);
/* "一级 / 二级 / 三级" path of item i, from 'ar'. */
const char *catalog_item_path(const struct catalog *c, size_t i,
			      struct arena *ar);

/* Upstream drift of 'child_id'. */
struct catalog_drift {
	int has_parent;		/* derived at all */
	int has_newer;		/* a newer published parent version exists */
	struct catalog parent;	/* the version the child derives from */
	struct catalog latest;	/* the newest published version */
	struct catalog child;
	struct catalog_diff diff;	/* parent → latest */
	int *child_has;		/* per diff entry: 1 the child has the item,
				   0 it dropped it, -1 not applicable */
};
int catalog_drift(struct store *s, int64_t child_id, struct arena *a,
		  struct catalog_drift *out, struct errors *err);
void catalog_drift_release(struct catalog_drift *d);

enum rebase_kind {
	RB_TAKEN_CHANGE,	/* an upstream change applied */
	RB_TAKEN_ADDITION,	/* an item new upstream added */
	RB_REMOVED,		/* removed upstream, removed here too */
	RB_KEPT_SUBTRACTION,	/* the child had dropped it: still dropped */
	RB_KEPT_LOCAL,		/* a local addition carried over */
	RB_CONFLICT,		/* both changed; the child's value kept */
	RB__MAX
};

struct rebase_note {
	enum rebase_kind kind;
	const char *path;	/* the item */
	const char *detail;	/* columns, values */
};

struct rebase_result {
	int64_t id;		/* the new draft */
	struct rebase_note *notes;
	size_t nnotes;
	size_t nconflicts;
};

const char *rebase_kind_label(enum rebase_kind k);
const char *rebase_kind_code(enum rebase_kind k);
/* Make a new draft of 'child_id' derived from 'onto_id' (a published
 * version of the same region and domain as the child's parent).  'version'
 * defaults to the new parent's version label.  Strings of the result come
 * from 'a'; free res->notes with free(). */
int catalog_rebase(struct store *s, int64_t child_id, int64_t onto_id,
		   const char *version, const char *actor, struct arena *a,
		   struct rebase_result *res, struct errors *err);

#endif
