/* sqlite-int.h: what the SQLite store's files share (internal to src/store)
 *
 * sqlite.c holds the connection, transactions, migrations, regions, units,
 * domains and catalogs; sqlite-record.c holds records, attachments, site
 * settings and column pages.  Each file keeps its own table of statements:
 * sqlite.c indexes stmt[], the others use prep_sql() with slots in more[].
 */
#ifndef GK_SQLITE_INT_H
#define GK_SQLITE_INT_H

#include <sqlite3.h>

#include "store.h"

#define STORE_CORE_STMTS 64

/* Each other file's statements use slots from its own base in more[]. */
enum {
	SLOTS_RECORD = 0,	/* sqlite-record.c */
	SLOTS_CALENDAR = 64,	/* sqlite-calendar.c */
	SLOTS_AUDIT = 96,	/* sqlite-audit.c */
	SLOTS_ACCOUNT = 128,	/* sqlite-account.c */
	SLOTS_WORKFLOW = 192,	/* sqlite-workflow.c */
	SLOTS_SEARCH = 224,	/* sqlite-search.c */
	SLOTS_REQUEST = 256,	/* sqlite-request.c */
	SLOTS_SUPERVISION = 320,	/* sqlite-supervision.c (64 slots) */
	SLOTS_CHECK = 384,	/* sqlite-check.c (64 slots) */
	SLOTS_ASSESS = 448,	/* sqlite-assessment.c (64 slots) */
	STORE_MORE_STMTS = 512
};

struct search_docs_copy;

struct store {
	sqlite3 *db;
	sqlite3_stmt *stmt[STORE_CORE_STMTS];	/* sqlite.c's statements */
	sqlite3_stmt *more[STORE_MORE_STMTS];	/* the other files' */
	/* record lists and counts, one per filter shape (and order) */
	sqlite3_stmt *filtered[4096];
	/* searches: the scan and the page rows' statement
	 * (sqlite-search-query.c) */
	sqlite3_stmt *searches[2];
	/* what searches filter, facet and rank on, in memory
	 * (sqlite-search-docs.c); NULL until the first search */
	struct search_docs_copy *search_docs;
	int depth;		/* transaction nesting */
	int failed;		/* an inner level rolled back */
};

/* The statement in 'slot' of more[], prepared on first use from 'sql',
 * reset with bindings cleared. */
sqlite3_stmt *prep_sql(struct store *s, int slot, const char *sql);

void bind_text(sqlite3_stmt *st, int i, const char *v);	/* NULL binds NULL */
void bind_id(sqlite3_stmt *st, int i, int64_t id);	/* 0 binds NULL */
void bind_text0(sqlite3_stmt *st, int i, const char *v);	/* NULL → "" */
void bind_nonempty(sqlite3_stmt *st, int i, const char *v); /* "" → NULL */
const char *col_text(sqlite3_stmt *st, int i, struct arena *a);	/* NULL stays */
const char *col_text0(sqlite3_stmt *st, int i, struct arena *a);	/* NULL → "" */

/* Add a Chinese message for the last SQLite error; STORE_ERROR. */
enum store_rc db_error(struct store *s, struct errors *err);
/* Step to the end; STORE_CONFLICT on a constraint violation. */
enum store_rc run(struct store *s, sqlite3_stmt *st, struct errors *err);
/* Step an INSERT … RETURNING id. */
enum store_rc run_returning(struct store *s, sqlite3_stmt *st, int64_t *id,
			    struct errors *err);
int exec_plain(struct store *s, const char *sql, struct errors *err);

/* 'v', an arena array of 'n' elements of 'size' bytes with room for *cap,
 * with room for at least one more (moved to a bigger arena block, doubling
 * from 16, when full). */
void *grow_rows(struct arena *a, void *v, size_t n, size_t *cap, size_t size);

#endif
