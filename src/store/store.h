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

#endif
