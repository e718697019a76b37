/* store.h: the one interface to persistent storage
 *
 * Everything gongkai keeps goes through these functions; only files in
 * src/store/ see SQL.  sqlite.c implements them on an SQLite file (WAL,
 * foreign keys on); a PostgreSQL implementation will sit behind the same
 * declarations.  Records come back with their strings in the caller's arena.
 *
 * Functions return STORE_OK or another store_rc; on STORE_ERROR a message
 * for the user has been added to 'err' (when the function takes one).
 */
#ifndef GK_STORE_H
#define GK_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "../util/arena.h"
#include "../util/errors.h"

enum store_rc { STORE_OK, STORE_NOTFOUND, STORE_CONFLICT, STORE_ERROR };

struct store;

enum store_open_mode {
	STORE_OPEN_EXISTING,	/* refuse a missing or un-initialised file */
	STORE_OPEN_CREATE,	/* create the file if missing (gongkai init) */
	STORE_OPEN_READONLY,
};

/* Open the database at 'path'.  Returns NULL with a message in 'err'. */
struct store *store_open(const char *path, enum store_open_mode mode,
			 struct errors *err);
void store_close(struct store *s);

/* Schema: the version recorded in the database and the newest this program
 * knows.  store_migrate() applies what is missing, and refuses a database
 * newer than the program. */
int store_schema_version(struct store *s);
int store_schema_known(void);
enum store_rc store_migrate(struct store *s, struct errors *err);

/* Transactions nest by counting: only the outermost commits or rolls back;
 * a rollback anywhere marks the whole transaction to roll back. */
enum store_rc store_begin(struct store *s, struct errors *err);
enum store_rc store_commit(struct store *s, struct errors *err);
void store_rollback(struct store *s);

/* A short text summary of row counts, for 'demo' and 'init'. */
enum store_rc store_counts(struct store *s, int64_t *regions, int64_t *units,
			   int64_t *catalogs, int64_t *items);

/* --- regions --- */
enum store_rc store_region_put(struct store *s, const struct region *r,
			       struct errors *err);
enum store_rc store_region_get(struct store *s, const char *code,
			       struct arena *a, struct region *out);
/* Regions whose parent is 'parent' (NULL: the top ones), by code. */
enum store_rc store_region_children(struct store *s, const char *parent,
				    struct arena *a, struct region **out,
				    size_t *n);
/* Set or clear (NULL) a region's outline, a GeoJSON geometry object. */
enum store_rc store_region_set_geometry(struct store *s, const char *code,
					const char *geometry,
					struct errors *err);
/* True when 'code' lies in the subtree under 'ancestor' (not equal). */
int store_region_is_below(struct store *s, const char *code,
			  const char *ancestor);

/* --- units --- */
enum store_rc store_unit_add(struct store *s, struct unit *u,
			     struct errors *err);
/* Units of 'region' (NULL: all), by region then name. */
enum store_rc store_unit_list(struct store *s, const char *region,
			      struct arena *a, struct unit **out, size_t *n);

/* --- domains --- */
enum store_rc store_domain_put(struct store *s, struct domain *d,
			       struct errors *err);
/* Find a domain by its code or its name. */
enum store_rc store_domain_find(struct store *s, const char *code_or_name,
				struct arena *a, struct domain *out);
enum store_rc store_domain_list(struct store *s, struct arena *a,
				struct domain **out, size_t *n);

/* --- catalogs --- */
struct catalog_filter {
	const char *region;	/* NULL = any */
	int64_t domain_id;	/* 0 = any */
	int status;		/* -1 = any, else enum catalog_status */
	int64_t parent_id;	/* 0 = any */
};

/* Insert 'c' and all its items; sets c->id and every item's id.  The
 * catalog's region_code, domain_id, version, status and author must be set;
 * created_at/updated_at are set here.  STORE_CONFLICT when the region
 * already has that domain's catalog in that version. */
enum store_rc store_catalog_insert(struct store *s, struct catalog *c,
				   struct errors *err);
/* Load the catalog's head (no items: items NULL, nitems 0). */
enum store_rc store_catalog_head(struct store *s, int64_t id, struct arena *a,
				 struct catalog *out);
/* The catalog an item belongs to, 0 if no such item. */
int64_t store_item_catalog(struct store *s, int64_t item_id);
/* Load the catalog with its whole item tree. */
enum store_rc store_catalog_load(struct store *s, int64_t id, struct arena *a,
				 struct catalog *out);
enum store_rc store_catalog_list(struct store *s,
				 const struct catalog_filter *f,
				 struct arena *a, struct catalog **out,
				 size_t *n);
/* The newest published catalog of region+domain (by published_at, id). */
enum store_rc store_catalog_latest_published(struct store *s,
					     const char *region,
					     int64_t domain_id,
					     struct arena *a,
					     struct catalog *out);
/* Record a new status with its timestamp, and the review note. */
enum store_rc store_catalog_set_status(struct store *s, int64_t id,
				       enum catalog_status st,
				       const char *note, struct errors *err);
/* Replace every item of draft catalog 'c->id' by c->items (ids reassigned). */
enum store_rc store_catalog_replace_items(struct store *s, struct catalog *c,
					  struct errors *err);
enum store_rc store_catalog_event(struct store *s, int64_t id,
				  const char *actor, const char *action,
				  const char *detail, struct errors *err);
enum store_rc store_catalog_events(struct store *s, int64_t id,
				   struct arena *a, struct catalog_event **out,
				   size_t *n);

/* --- records (公开信息) and their attachments: sqlite-record.c --- */

struct record_filter {
	const char *region;	/* NULL = any */
	int64_t domain_id;	/* 0 = any */
	const char *lineage;	/* NULL = any: records under one item */
	int64_t unit_id;	/* 0 = any */
	int status;		/* -1 = any, else enum record_status */
	bool public_only;	/* published and 主动公开 (what the public sees) */
	const char *region_below;	/* region and its subtree, NULL = any */
	int deleted;		/* 0 not in the recycle bin (the default), 1 only
				 * there, -1 either */
	const char *due_before;	/* unpublished with 公开时限 on or before */
	bool by_update;		/* newest change first (back-office queues) */
	int64_t offset, limit;	/* limit 0 = no limit */
};

/* Insert a record (id, created_at, updated_at set here).  STORE_CONFLICT
 * when its 索引号 is taken. */
enum store_rc store_record_insert(struct store *s, struct record *r,
				  struct errors *err);
/* A record with its element values and attachments. */
enum store_rc store_record_get(struct store *s, int64_t id, struct arena *a,
			       struct record *out);
/* Records matching 'f', newest 发布日期 first; their element values are
 * loaded but not bodies (body_md "") or attachments.  *total is the count
 * of all matches, ignoring offset and limit. */
enum store_rc store_record_list(struct store *s, const struct record_filter *f,
				struct arena *a, struct record **out,
				size_t *n, int64_t *total);
enum store_rc store_record_set_status(struct store *s, int64_t id,
				      enum record_status st,
				      struct errors *err);
/* True when the 索引号 is in use. */
bool store_record_index_taken(struct store *s, const char *index_no);

struct lineage_count {
	const char *lineage;
	int64_t count;
};
/* Public records of a region (and domain, 0 = all) counted per item
 * lineage; with 'current_only' only those 有效. */
enum store_rc store_record_count_by_lineage(struct store *s,
					    const char *region,
					    int64_t domain_id,
					    bool current_only, struct arena *a,
					    struct lineage_count **out,
					    size_t *n);
struct id_count {
	int64_t id;
	int64_t count;
};
/* Public records of a region counted per domain id. */
enum store_rc store_record_count_by_domain(struct store *s,
					   const char *region,
					   struct arena *a,
					   struct id_count **out, size_t *n);

/* Store bytes once under their SHA-256 (hex written to sha256_hex). */
enum store_rc store_blob_put(struct store *s, const void *data, size_t len,
			     char sha256_hex[65], struct errors *err);
/* The bytes stored under a SHA-256, malloc'd into *data. */
enum store_rc store_blob_get(struct store *s, const char *sha256_hex,
			     void **data, size_t *len);
/* Attach a stored blob to a record (a->id set). */
enum store_rc store_attachment_add(struct store *s, struct attachment *att,
				   struct errors *err);
enum store_rc store_attachment_get(struct store *s, int64_t id,
				   struct arena *a, struct attachment *out);

/* --- a region's column: settings and editable pages --- */

/* Set (or with value NULL remove) one setting of a region's column. */
enum store_rc store_setting_set(struct store *s, const char *region,
				const char *key, const char *value,
				struct errors *err);
/* The region's own value (no inheritance): STORE_NOTFOUND if unset. */
enum store_rc store_setting_get(struct store *s, const char *region,
				const char *key, struct arena *a,
				const char **value);

struct column_page {
	const char *region_code;
	const char *slug;	/* guide, rules, statutory, reports */
	const char *title;
	const char *body_md;
	const char *updated_at;
};
enum store_rc store_page_put(struct store *s, const struct column_page *p,
			     struct errors *err);
enum store_rc store_page_get(struct store *s, const char *region,
			     const char *slug, struct arena *a,
			     struct column_page *out);

/* A number that changes whenever another connection commits a change to
 * the database (PRAGMA data_version): caches compare it per request. */
int64_t store_data_version(struct store *s);
/* Rows this connection has changed since it was opened. */
int64_t store_changes(struct store *s);

/* The parts of the interface kept in their own headers. */
#include "store-calendar.h"
#include "store-audit.h"
#include "store-account.h"
#include "store-workflow.h"
#include "store-search.h"
#include "store-request.h"
#include "store-supervision.h"
#include "store-check.h"
#include "store-assessment.h"

#endif
