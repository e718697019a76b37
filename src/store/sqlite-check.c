/* sqlite-check.c: the SQLite implementation of store-check.h — runs of the
 * self-check (自查), the units each covered and what it found
 *
 * Same rules as sqlite.c: constant statements prepared once (slots from
 * SLOTS_CHECK in struct store's more[]), values always bound.  A region's
 * subtree is walked with a recursive query over regions (portable to
 * PostgreSQL), never by prefix.  "The newest run of a unit" is the highest
 * run id in check_run_units for it.  What to look for is domain/check.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite-int.h"

enum cstmt {
	C_RUN_INSERT,
	C_RUN_UNIT_INSERT,
	C_FINDING_INSERT,
	C_RUN_GET,
	C_LAST_LINKS_RUN,
	C_FINDINGS,
	C_LATEST_UNITS,
	C_LATEST_FINDINGS,
	C_RUNS_COVERING,
	C_COUNTS,
	C_BODIES,
	C__MAX
};
_Static_assert(SLOTS_CHECK + C__MAX <= STORE_MORE_STMTS,
	       "too many statements");

/* The regions of ?N and every region below it. */
#define SUBTREE(n) \
	"WITH RECURSIVE sub(code) AS (SELECT " n " UNION ALL " \
	"SELECT r.code FROM regions r JOIN sub ON r.parent_code = sub.code) "

#define RUN_COLS "r.id, r.started_at, r.finished_at, r.today, " \
	"COALESCE(r.scope_region, ''), COALESCE(r.scope_unit, 0), r.links, " \
	"r.via, r.actor, r.findings "
#define FINDING_COLS "f.kind, f.code, f.unit_id, u.name, f.region_code, " \
	"COALESCE(f.catalog_id, 0), COALESCE(f.item_id, 0), " \
	"COALESCE(f.record_id, 0), f.subject, f.url, f.http_status, " \
	"f.seconds, f.text, f.fix, f.run_id, COALESCE(f.links_run, 0) "
#define FINDING_FROM "FROM check_findings f JOIN units u ON u.id = f.unit_id "
/* ?1 region (NULL: any), ?2 unit (0: any), on units u */
#define UNIT_FILTER "(?2 = 0 OR u.id = ?2) " \
	"AND (?1 IS NULL OR u.region_code IN (SELECT code FROM sub)) "
/* the newest run that covered the unit of the row */
#define NEWEST_RUN(unit) \
	"(SELECT MAX(x.run_id) FROM check_run_units x WHERE x.unit_id = " \
	unit ")"

static const char *const csql[C__MAX] = {
	[C_RUN_INSERT] = "INSERT INTO check_runs (started_at, finished_at, "
		"today, scope_region, scope_unit, links, via, actor, findings) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[C_RUN_UNIT_INSERT] = "INSERT INTO check_run_units (run_id, unit_id, "
		"covered, total) VALUES (?, ?, ?, ?)",
	[C_FINDING_INSERT] = "INSERT INTO check_findings (run_id, unit_id, "
		"kind, code, region_code, catalog_id, item_id, record_id, "
		"subject, url, http_status, seconds, text, fix, links_run) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[C_RUN_GET] = "SELECT " RUN_COLS "FROM check_runs r WHERE r.id = ?",
	[C_LAST_LINKS_RUN] = "SELECT MAX(r.id) FROM check_runs r "
		"JOIN check_run_units ru ON ru.run_id = r.id "
		"WHERE ru.unit_id = ? AND r.links = 1",
	[C_FINDINGS] = "SELECT " FINDING_COLS FINDING_FROM
		"WHERE f.run_id = ?1 AND (?2 = 0 OR f.unit_id = ?2) "
		"AND (?3 IS NULL OR f.kind = ?3) ORDER BY f.id",
	/* unit by unit: its newest run through the (unit_id, run_id) index,
	 * then that run's rows through (run_id, unit_id) */
	[C_LATEST_UNITS] = SUBTREE("?1") "SELECT ru.run_id, ru.unit_id, "
		"u.name, u.region_code, ru.covered, ru.total, r.finished_at, "
		"r.today, r.links FROM units u "
		"JOIN check_run_units ru ON ru.unit_id = u.id AND ru.run_id = "
		NEWEST_RUN("u.id") " JOIN check_runs r ON r.id = ru.run_id "
		"WHERE " UNIT_FILTER "ORDER BY u.region_code, u.name, u.id",
	[C_LATEST_FINDINGS] = SUBTREE("?1") "SELECT " FINDING_COLS
		"FROM units u JOIN check_findings f ON f.unit_id = u.id "
		"AND f.run_id = " NEWEST_RUN("u.id") " WHERE " UNIT_FILTER
		"ORDER BY u.region_code, u.name, u.id, f.id",
	[C_RUNS_COVERING] = SUBTREE("?1") "SELECT " RUN_COLS
		"FROM check_runs r WHERE EXISTS (SELECT 1 FROM check_run_units ru "
		"JOIN units u ON u.id = ru.unit_id WHERE ru.run_id = r.id AND "
		UNIT_FILTER ") ORDER BY r.id",
	[C_COUNTS] = SUBTREE("?1") "SELECT f.run_id, f.kind, COUNT(*) "
		FINDING_FROM "WHERE " UNIT_FILTER
		"GROUP BY f.run_id, f.kind ORDER BY f.run_id, f.kind",
	[C_BODIES] = "SELECT id, body_md FROM records WHERE region_code = ? "
		"AND status = 'published' AND deleted_at IS NULL "
		"AND body_md LIKE '%http%' ORDER BY id",
};

static sqlite3_stmt *cprep(struct store *s, enum cstmt id)
{
	return prep_sql(s, SLOTS_CHECK + id, csql[id]);
}

/* "" for NULL: the schema's NOT NULL text columns. */
/* Grow an array in the arena by doubling. */
enum store_rc store_check_save(struct store *s, struct check_run_row *r,
			       const struct check_run_unit *units,
			       size_t nunits, const struct check_finding *f,
			       size_t nf, struct errors *err)
{
	sqlite3_stmt *st;

	if (store_begin(s, err) != STORE_OK)
		return STORE_ERROR;
	st = cprep(s, C_RUN_INSERT);
	bind_text0(st, 1, r->started_at);
	bind_text0(st, 2, r->finished_at);
	bind_text0(st, 3, r->today);
	bind_text(st, 4, r->scope_region && *r->scope_region ?
		  r->scope_region : NULL);
	bind_id(st, 5, r->scope_unit);
	sqlite3_bind_int(st, 6, r->links);
	bind_text0(st, 7, r->via);
	bind_text0(st, 8, r->actor);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)nf);
	if (run_returning(s, st, &r->id, err) != STORE_OK)
		goto fail;
	r->findings = (int64_t)nf;
	for (size_t i = 0; i < nunits; i++) {
		st = cprep(s, C_RUN_UNIT_INSERT);
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_int64(st, 2, units[i].unit_id);
		sqlite3_bind_int(st, 3, units[i].covered);
		sqlite3_bind_int(st, 4, units[i].total);
		if (run(s, st, err) != STORE_OK)
			goto fail;
	}
	for (size_t i = 0; i < nf; i++) {
		st = cprep(s, C_FINDING_INSERT);
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_int64(st, 2, f[i].unit_id);
		bind_text0(st, 3, f[i].kind);
		bind_text0(st, 4, f[i].code);
		bind_text0(st, 5, f[i].region_code);
		bind_id(st, 6, f[i].catalog_id);
		bind_id(st, 7, f[i].item_id);
		bind_id(st, 8, f[i].record_id);
		bind_text0(st, 9, f[i].subject);
		bind_text0(st, 10, f[i].url);
		sqlite3_bind_int(st, 11, f[i].http_status);
		sqlite3_bind_double(st, 12, f[i].seconds);
		bind_text0(st, 13, f[i].text);
		bind_text0(st, 14, f[i].fix);
		bind_id(st, 15, f[i].links_run);
		if (run(s, st, err) != STORE_OK)
			goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return STORE_ERROR;
}

static void run_row(sqlite3_stmt *st, struct arena *a,
		    struct check_run_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->started_at = col_text0(st, 1, a);
	r->finished_at = col_text0(st, 2, a);
	r->today = col_text0(st, 3, a);
	r->scope_region = col_text0(st, 4, a);
	r->scope_unit = sqlite3_column_int64(st, 5);
	r->links = sqlite3_column_int(st, 6) != 0;
	r->via = col_text0(st, 7, a);
	r->actor = col_text0(st, 8, a);
	r->findings = sqlite3_column_int64(st, 9);
}

static void finding_row(sqlite3_stmt *st, struct arena *a,
			struct check_finding *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = col_text0(st, 0, a);
	f->code = col_text0(st, 1, a);
	f->unit_id = sqlite3_column_int64(st, 2);
	f->unit_name = col_text0(st, 3, a);
	f->region_code = col_text0(st, 4, a);
	f->catalog_id = sqlite3_column_int64(st, 5);
	f->item_id = sqlite3_column_int64(st, 6);
	f->record_id = sqlite3_column_int64(st, 7);
	f->subject = col_text0(st, 8, a);
	f->url = col_text0(st, 9, a);
	f->http_status = sqlite3_column_int(st, 10);
	f->seconds = sqlite3_column_double(st, 11);
	f->text = col_text0(st, 12, a);
	f->fix = col_text0(st, 13, a);
	f->run_id = sqlite3_column_int64(st, 14);
	f->links_run = sqlite3_column_int64(st, 15);
}

enum store_rc store_check_run_get(struct store *s, int64_t id,
				  struct arena *a, struct check_run_row *out)
{
	sqlite3_stmt *st = cprep(s, C_RUN_GET);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		run_row(st, a, out);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ?
		STORE_NOTFOUND : STORE_ERROR;
}

int64_t store_check_last_links_run(struct store *s, int64_t unit_id)
{
	sqlite3_stmt *st = cprep(s, C_LAST_LINKS_RUN);
	int64_t id = 0;

	sqlite3_bind_int64(st, 1, unit_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

/* Read every row of a finding statement already bound. */
static enum store_rc read_findings(sqlite3_stmt *st, struct arena *a,
				   struct check_finding **out, size_t *n)
{
	struct check_finding *v = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow_rows(a, v, *n, &cap, sizeof(*v));
		finding_row(st, a, &v[(*n)++]);
	}
	sqlite3_reset(st);
	*out = v;
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_check_findings(struct store *s, int64_t run_id,
				   int64_t unit_id, const char *kind,
				   struct arena *a, struct check_finding **out,
				   size_t *n)
{
	sqlite3_stmt *st = cprep(s, C_FINDINGS);

	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int64(st, 2, unit_id);
	bind_text(st, 3, kind);
	return read_findings(st, a, out, n);
}

/* Bind the region (?1) and unit (?2) of a unit filter. */
static void bind_scope(sqlite3_stmt *st, const char *region, int64_t unit_id)
{
	bind_text(st, 1, region && *region ? region : NULL);
	sqlite3_bind_int64(st, 2, unit_id);
}

enum store_rc store_check_latest_units(struct store *s, const char *region,
				       int64_t unit_id, struct arena *a,
				       struct check_run_unit **out, size_t *n)
{
	sqlite3_stmt *st = cprep(s, C_LATEST_UNITS);
	struct check_run_unit *v = NULL;
	size_t cap = 0;
	int rc;

	bind_scope(st, region, unit_id);
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct check_run_unit *u;

		v = grow_rows(a, v, *n, &cap, sizeof(*v));
		u = &v[(*n)++];
		memset(u, 0, sizeof(*u));
		u->run_id = sqlite3_column_int64(st, 0);
		u->unit_id = sqlite3_column_int64(st, 1);
		u->unit_name = col_text0(st, 2, a);
		u->region_code = col_text0(st, 3, a);
		u->covered = sqlite3_column_int(st, 4);
		u->total = sqlite3_column_int(st, 5);
		u->at = col_text0(st, 6, a);
		u->today = col_text0(st, 7, a);
		u->links = sqlite3_column_int(st, 8) != 0;
	}
	sqlite3_reset(st);
	*out = v;
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_check_latest_findings(struct store *s,
					  const char *region, int64_t unit_id,
					  struct arena *a,
					  struct check_finding **out,
					  size_t *n)
{
	sqlite3_stmt *st = cprep(s, C_LATEST_FINDINGS);

	bind_scope(st, region, unit_id);
	return read_findings(st, a, out, n);
}

enum store_rc store_check_counts(struct store *s, const char *region,
				 int64_t unit_id, struct arena *a,
				 struct check_run_row **runs, size_t *nruns,
				 struct check_kind_count **out, size_t *n)
{
	sqlite3_stmt *st = cprep(s, C_RUNS_COVERING);
	struct check_run_row *rv = NULL;
	struct check_kind_count *cv = NULL;
	size_t cap = 0;
	int rc;

	bind_scope(st, region, unit_id);
	*nruns = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rv = grow_rows(a, rv, *nruns, &cap, sizeof(*rv));
		run_row(st, a, &rv[(*nruns)++]);
	}
	sqlite3_reset(st);
	*runs = rv;
	*out = NULL;
	*n = 0;
	if (rc != SQLITE_DONE)
		return STORE_ERROR;
	st = cprep(s, C_COUNTS);
	bind_scope(st, region, unit_id);
	cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cv = grow_rows(a, cv, *n, &cap, sizeof(*cv));
		cv[*n].run_id = sqlite3_column_int64(st, 0);
		cv[*n].kind = col_text0(st, 1, a);
		cv[*n].count = sqlite3_column_int64(st, 2);
		(*n)++;
	}
	sqlite3_reset(st);
	*out = cv;
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_check_record_bodies(struct store *s, const char *region,
					struct arena *a,
					struct check_body **out, size_t *n)
{
	sqlite3_stmt *st = cprep(s, C_BODIES);
	struct check_body *v = NULL;
	size_t cap = 0;
	int rc;

	bind_text0(st, 1, region);
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow_rows(a, v, *n, &cap, sizeof(*v));
		v[*n].record_id = sqlite3_column_int64(st, 0);
		v[*n].body_md = col_text0(st, 1, a);
		(*n)++;
	}
	sqlite3_reset(st);
	*out = v;
	return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}
