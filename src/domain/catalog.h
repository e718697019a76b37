/* catalog.h: standard disclosure catalogs (公开事项标准目录) and their rules
 *
 * A city publishes a reference catalog per domain; a county derives its own
 * from it, and a township or village derives from the county's by
 * subtraction (做减法): every derived item keeps a link to the parent item it
 * came from, and a local addition is marked with its reason.  A catalog goes
 * draft → submitted → approved → published; a published catalog never
 * changes, its next version starts as a draft copy.
 *
 * This layer knows nothing of HTTP or SQL; it works through store.h.
 * Functions that fail return -1 (or 0 for an id) with Chinese messages in
 * 'err' that say what to fix.
 */
#ifndef GK_CATALOG_H
#define GK_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "../io/grid.h"
#include "../store/store.h"

/* 草稿 / 已提交 / 已审核 / 已发布, and the codes used on the command line. */
const char *catalog_status_label(enum catalog_status st);
const char *catalog_status_code(enum catalog_status st);
/* A code or a label; -1 when neither. */
int catalog_status_parse(const char *s);

/* --- building a catalog in memory --- */

/* Make room for at least 'n' items in all (allocated from 'a'). */
void catalog_reserve(struct catalog *c, struct arena *a, size_t n);
/* Append a zeroed item (parent -1) to c->items, growing from 'a'. */
struct item *catalog_push_item(struct catalog *c, struct arena *a);
/* Index of the item with database id 'id', or -1. */
int catalog_item_index(const struct catalog *c, int64_t id);
/* True when some item has 'i' as parent. */
int catalog_item_has_children(const struct catalog *c, size_t i);
/* Put the items in pre-order (parents before children, siblings in their
 * present order) and fix every parent index.  Keeps ids. */
void catalog_sort_tree(struct catalog *c, struct arena *a);
/* Remove items whose 'drop' flag is set, with their subtrees, and 一级/二级
 * groups left without children.  'drop' has c->nitems entries. */
void catalog_remove_items(struct catalog *c, const unsigned char *drop);
/* Give every item that has none a new random lineage. */
void catalog_assign_lineage(struct catalog *c, struct arena *a);
/* Deep copy of the item tree of 'from' into 'to' (ids cleared, origin set
 * to the source item ids when 'link_origin'). */
void catalog_copy_items(struct catalog *to, const struct catalog *from,
			int link_origin, struct arena *a);

/* --- import and export (catalog-import.c, catalog-export.c) --- */

struct catalog_import_opts {
	const char *path;	/* the file */
	const char *region;	/* 行政区划代码 */
	const char *domain;	/* code or name */
	const char *version;	/* default "<this year>版" */
	const char *sheet;	/* worksheet to read, NULL = the first with a header */
	const char *author;
};

/* Read a standard-layout table (.xlsx or .csv, UTF-8 or GBK) into 'c'
 * (items only; strings from 'a' or shared with the grid, which must
 * outlive the catalog).  Every problem of the file is added to
 * 'err' as "文件:工作表:第N行:「列名」: 原因"; ignored columns go to 'notes'.
 * Returns 0 or -1. */
int catalog_from_grid(const struct grid *g, const char *display,
		      const char *sheet, struct catalog *c, struct arena *a,
		      struct errors *err, struct errors *notes);
/* Read a file into a grid by its content (zip → xlsx, else CSV). */
int catalog_read_file(const char *path, struct grid *g, struct errors *err);
/* Import a file as a new draft catalog; returns its id, or 0 with every
 * problem in 'err' and nothing written. */
int64_t catalog_import(struct store *s, const struct catalog_import_opts *o,
		       struct errors *err, struct errors *notes);

enum catalog_format { CATALOG_XLSX, CATALOG_CSV };
/* Write catalog 'c' (loaded with items) in the standard layout. */
int catalog_write_file(const struct catalog *c, enum catalog_format fmt,
		       const char *path, struct errors *err);
/* The same into memory (CSV only; for HTTP downloads later). */
void catalog_write_csv(const struct catalog *c, struct buf *out);

/* --- derivation, versions, review (catalog.c) --- */

/* A draft child of published catalog 'parent_id' for 'region' (which must lie
 * below the parent's region), leaving out the items in drop[] (ids of the
 * parent's items; a dropped group takes its subtree).  Returns the new id. */
int64_t catalog_derive(struct store *s, int64_t parent_id, const char *region,
		       const int64_t *drop, size_t ndrop, const char *version,
		       const char *author, struct errors *err);
/* A draft copy of 'id' labelled 'version' (the next yearly version). */
int64_t catalog_new_version(struct store *s, int64_t id, const char *version,
			    const char *author, struct errors *err);

enum catalog_action { ACT_SUBMIT, ACT_APPROVE, ACT_REJECT, ACT_PUBLISH,
		      ACT__MAX };
/* Move catalog 'id' on: submit (draft→submitted), approve (submitted→
 * approved), reject (submitted or approved → draft, 'reason' required),
 * publish (approved→published). */
int catalog_transition(struct store *s, int64_t id, enum catalog_action act,
		       const char *actor, const char *reason,
		       struct errors *err);

/* Add a local item to draft 'id' under parent item 'parent_item' (0 for a
 * new 一级事项).  'fields' holds the cells to set (layout columns).  'reason'
 * is required.  Returns the new item's id. */
struct item_cell {
	enum layout_col col;
	const char *text;
};
int64_t catalog_add_local_item(struct store *s, int64_t id,
			       int64_t parent_item, const char *name,
			       const struct item_cell *cells, size_t ncells,
			       const char *reason, const char *actor,
			       struct errors *err);
/* Drop an item (and its subtree) from draft 'id'. */
int catalog_drop_item(struct store *s, int64_t id, int64_t item_id,
		      const char *actor, struct errors *err);
/* Change columns of one item of draft 'id'. */
int catalog_edit_item(struct store *s, int64_t id, int64_t item_id,
		      const struct item_cell *cells, size_t ncells,
		      const char *actor, struct errors *err);

/* --- the same work for a signed-in person (catalog.c, at its end) ---
 *
 * Added for the back office and the write API, so that both do exactly the
 * same: each function checks authorisation (authz.h: AZ_CATALOG_EDIT for
 * derive, item edits, import, submit and rebase; AZ_CATALOG_REVIEW for
 * approve, reject and publish), makes the change with the functions above
 * in one transaction together with its audit entry (audit.h), and leaves
 * the database as it was on any failure.  The command line keeps calling
 * the functions above directly. */

struct actor;
struct rebase_result;

/* May 'who' see catalog 'c' in the back office?  Published catalogs are
 * public; others only to those who may edit or review the region's. */
int catalog_may_view(struct store *s, const struct actor *who,
		     const struct catalog *c);
int64_t catalog_user_derive(struct store *s, const struct actor *who,
			    int64_t parent_id, const char *region,
			    const int64_t *drop, size_t ndrop,
			    const char *version, struct errors *err);
int64_t catalog_user_add_item(struct store *s, const struct actor *who,
			      int64_t id, int64_t parent_item, const char *name,
			      const struct item_cell *cells, size_t ncells,
			      const char *reason, struct errors *err);
/* Drop several items of draft 'id' (an item already gone with a dropped
 * group is skipped; an id not in the catalog is an error). */
int catalog_user_drop_items(struct store *s, const struct actor *who,
			    int64_t id, const int64_t *items, size_t n,
			    struct errors *err);
int catalog_user_edit_item(struct store *s, const struct actor *who,
			   int64_t id, int64_t item_id,
			   const struct item_cell *cells, size_t ncells,
			   struct errors *err);
/* Replace the items of draft 'id' by a standard-layout table uploaded as
 * 'filename' (.xlsx or .csv by content, as catalog_read_file).  Every
 * problem of the file goes to 'err' as with catalog_import, and nothing
 * is written.  Items that line up with the draft's (catalog_match: by
 * path of names) keep their lineage, origin and local reason; in a
 * derived catalog a new item becomes a local addition whose reason names
 * the file.  Returns the number of items, or -1. */
int catalog_user_import(struct store *s, const struct actor *who, int64_t id,
			const char *filename, const void *data, size_t len,
			struct errors *err, struct errors *notes);
int catalog_user_transition(struct store *s, const struct actor *who,
			    int64_t id, enum catalog_action act,
			    const char *reason, struct errors *err);
int catalog_user_rebase(struct store *s, const struct actor *who,
			int64_t child_id, int64_t onto_id, const char *version,
			struct arena *a, struct rebase_result *res,
			struct errors *err);
/* The version a rebase draft of 'child_id' onto 'onto_id' gets when none
 * is given: the new parent's label, or that label with "（按上级更新）"
 * (and a number) when the child's region already has it.  NULL when a
 * catalog is missing.  catalog_user_rebase and catalog_rebase_preview use
 * it for a NULL 'version'. */
const char *catalog_rebase_version(struct store *s, int64_t child_id,
				   int64_t onto_id, struct arena *a);
/* What catalog_rebase would do, without keeping anything (the rebase is
 * made in a transaction that is rolled back): res->id is 0. */
int catalog_rebase_preview(struct store *s, int64_t child_id, int64_t onto_id,
			   const char *version, struct arena *a,
			   struct rebase_result *res, struct errors *err);
/* The code ("submit") and the Chinese verb ("送审") of an action; -1 from
 * parse when the code is unknown. */
const char *catalog_action_code(enum catalog_action act);
const char *catalog_action_label(enum catalog_action act);
int catalog_action_parse(const char *code);
/* The catalog a review compares 'c' with as its previous version: its
 * previous_id, else (for one not yet published, e.g. newly derived) the
 * region's newest published catalog of the domain; 0 when none. */
int64_t catalog_previous(struct store *s, const struct catalog *c,
			 struct arena *a);

#endif
