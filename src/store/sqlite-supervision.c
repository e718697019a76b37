/* sqlite-supervision.c: the SQLite implementation of store-supervision.h —
 * supervision tasks, their units and reports, the bulletin-board ledger,
 * the 政务公开专区 checklist and inspections, and their files
 *
 * Same rules as sqlite.c: constant statements prepared once (slots from
 * SLOTS_SUPERVISION in struct store's more[]), values always bound.  A
 * region's subtree is walked with a recursive query over regions, never
 * by prefix.  File bytes go to blobs by SHA-256 (store_blob_put), as
 * records' attachments do.  No rules here: domain/supervision.c and
 * domain/ledger.c decide.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlite-int.h"
#include "../util/timeutil.h"

enum vstmt {
	V_TASK_INSERT,
	V_TASK_UNIT_ADD,
	V_TASK_GET,
	V_TASK_LIST,
	V_TASK_UNITS,
	V_TASK_CLOSE,
	V_REPORT_ADD,
	V_REPORTS,
	V_REPORT_GET,
	V_FILE_ADD,
	V_FILES,
	V_FILE_GET,
	V_BOARD_ADD,
	V_BOARD_GET,
	V_BOARD_LIST,
	V_ZONE_LINES,
	V_ZONE_ADD,
	V_ZONE_RESULT_ADD,
	V_ZONE_GET,
	V_ZONE_LIST,
	V_ZONE_RESULTS,
	V_UNITS_BELOW,
	V_RECORD_BY_INDEX,
	V__MAX
};
_Static_assert(V__MAX <= 64, "sqlite-supervision.c has 64 statement slots");
_Static_assert(SLOTS_SUPERVISION + V__MAX <= STORE_MORE_STMTS,
	       "too many statements");

/* The regions of ?N and below, as sub(code). */
#define SUBTREE(n) \
	"WITH RECURSIVE sub(code) AS (SELECT " n " UNION ALL " \
	"SELECT r.code FROM regions r JOIN sub ON r.parent_code = sub.code) "

#define TASK_COLS "t.id, t.region_code, t.source, t.title, t.body, " \
	"t.units_text, t.issued_on, t.due_on, t.due_rule, t.due_workdays, " \
	"t.closed_on, t.created_by, t.created_at, t.updated_at, g.name "
#define REPORT_COLS "p.id, p.task_id, p.unit_id, p.kind, p.day, p.text, " \
	"p.actor, p.created_at, u.name "
#define BOARD_COLS "b.id, b.unit_id, b.record_id, b.title, b.place, " \
	"b.posted_from, b.posted_to, b.posted_by, b.note, b.printed, " \
	"b.actor, b.created_at, u.name, u.region_code, " \
	"COALESCE(r.index_no, ''), (SELECT COUNT(*) FROM supervision_files f " \
	"WHERE f.board_id = b.id) "
#define BOARD_FROM "FROM board_ledger b JOIN units u ON u.id = b.unit_id " \
	"LEFT JOIN records r ON r.id = b.record_id "
#define ZONE_COLS "z.id, z.unit_id, z.level, z.day, z.inspector, z.note, " \
	"z.actor, z.created_at, u.name, " \
	"(SELECT COUNT(*) FROM zone_results x WHERE x.inspection_id = z.id), " \
	"(SELECT COUNT(*) FROM zone_results x WHERE x.inspection_id = z.id " \
	"AND x.met = 1) "

static const char *const vsql[V__MAX] = {
	[V_TASK_INSERT] = "INSERT INTO tasks (region_code, source, title, body, "
		"units_text, issued_on, due_on, due_rule, due_workdays, "
		"closed_on, created_by, created_at, updated_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?12, ?12) RETURNING id",
	[V_TASK_UNIT_ADD] = "INSERT INTO task_units (task_id, unit_id, role, "
		"seq) VALUES (?, ?, ?, ?)",
	[V_TASK_GET] = "SELECT " TASK_COLS "FROM tasks t "
		"JOIN regions g ON g.code = t.region_code WHERE t.id = ?",
	[V_TASK_LIST] = SUBTREE("?1") "SELECT " TASK_COLS "FROM tasks t "
		"JOIN regions g ON g.code = t.region_code "
		"WHERE (?1 IS NULL OR t.region_code IN (SELECT code FROM sub)) "
		"AND (?2 = 0 OR EXISTS (SELECT 1 FROM task_units x "
		"WHERE x.task_id = t.id AND x.unit_id = ?2)) "
		"ORDER BY t.due_on IS NULL, t.due_on, t.id",
	[V_TASK_UNITS] = "SELECT x.task_id, x.unit_id, x.role, x.seq, u.name, "
		"u.kind, u.region_code FROM task_units x "
		"JOIN units u ON u.id = x.unit_id WHERE x.task_id = ? "
		"ORDER BY x.role = 'member', x.seq, x.unit_id",
	[V_TASK_CLOSE] = "UPDATE tasks SET closed_on = ?, updated_at = ? "
		"WHERE id = ?",
	[V_REPORT_ADD] = "INSERT INTO task_reports (task_id, unit_id, kind, "
		"day, text, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
		"RETURNING id",
	[V_REPORTS] = "SELECT " REPORT_COLS "FROM task_reports p "
		"JOIN units u ON u.id = p.unit_id "
		"WHERE p.task_id = ?1 AND (?2 = 0 OR p.unit_id = ?2) "
		"ORDER BY p.day, p.id",
	[V_REPORT_GET] = "SELECT " REPORT_COLS "FROM task_reports p "
		"JOIN units u ON u.id = p.unit_id WHERE p.id = ?",
	/* the owner column is chosen by ?1's position in the CASEs */
	[V_FILE_ADD] = "INSERT INTO supervision_files (report_id, board_id, "
		"inspection_id, seq, name, mime, sha256, size) VALUES ("
		"CASE ?1 WHEN 0 THEN ?2 END, CASE ?1 WHEN 1 THEN ?2 END, "
		"CASE ?1 WHEN 2 THEN ?2 END, (SELECT COUNT(*) FROM "
		"supervision_files WHERE CASE ?1 WHEN 0 THEN report_id "
		"WHEN 1 THEN board_id ELSE inspection_id END = ?2), "
		"?3, ?4, ?5, ?6) RETURNING id",
	[V_FILES] = "SELECT id, report_id, board_id, inspection_id, name, mime, "
		"sha256, size FROM supervision_files WHERE CASE ?1 WHEN 0 THEN "
		"report_id WHEN 1 THEN board_id ELSE inspection_id END = ?2 "
		"ORDER BY seq, id",
	[V_FILE_GET] = "SELECT id, report_id, board_id, inspection_id, name, "
		"mime, sha256, size FROM supervision_files WHERE id = ?",
	[V_BOARD_ADD] = "INSERT INTO board_ledger (unit_id, record_id, title, "
		"place, posted_from, posted_to, posted_by, note, printed, actor, "
		"created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		"RETURNING id",
	[V_BOARD_GET] = "SELECT " BOARD_COLS BOARD_FROM "WHERE b.id = ?",
	[V_BOARD_LIST] = SUBTREE("?2") "SELECT " BOARD_COLS BOARD_FROM
		"WHERE (?1 = 0 OR b.unit_id = ?1) "
		"AND (?2 IS NULL OR u.region_code IN (SELECT code FROM sub)) "
		"AND (?3 IS NULL OR b.posted_to >= ?3) "
		"AND (?4 IS NULL OR b.posted_from <= ?4) "
		"ORDER BY b.posted_from DESC, b.id DESC",
	[V_ZONE_LINES] = "SELECT id, level, seq, carrier, content, form, "
		"requirement, quantity, note, source FROM zone_lines "
		"WHERE level = ? ORDER BY seq",
	[V_ZONE_ADD] = "INSERT INTO zone_inspections (unit_id, level, day, "
		"inspector, note, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
		"RETURNING id",
	[V_ZONE_RESULT_ADD] = "INSERT INTO zone_results (inspection_id, line_id, "
		"met, note) VALUES (?, ?, ?, ?)",
	[V_ZONE_GET] = "SELECT " ZONE_COLS "FROM zone_inspections z "
		"JOIN units u ON u.id = z.unit_id WHERE z.id = ?",
	[V_ZONE_LIST] = SUBTREE("?2") "SELECT " ZONE_COLS
		"FROM zone_inspections z JOIN units u ON u.id = z.unit_id "
		"WHERE (?1 = 0 OR z.unit_id = ?1) "
		"AND (?2 IS NULL OR u.region_code IN (SELECT code FROM sub)) "
		"ORDER BY z.day DESC, z.id DESC",
	[V_ZONE_RESULTS] = "SELECT x.line_id, x.met, x.note FROM zone_results x "
		"JOIN zone_lines l ON l.id = x.line_id "
		"WHERE x.inspection_id = ? ORDER BY l.seq",
	[V_UNITS_BELOW] = SUBTREE("?1") "SELECT u.id, u.name, u.kind, "
		"u.region_code, u.credit_code FROM units u "
		"WHERE u.region_code IN (SELECT code FROM sub) "
		"ORDER BY u.region_code, u.id",
	[V_RECORD_BY_INDEX] = "SELECT id FROM records WHERE index_no = ?",
};

static sqlite3_stmt *vprep(struct store *s, enum vstmt id)
{
	return prep_sql(s, SLOTS_SUPERVISION + id, vsql[id]);
}

/* "" for NULL: the schema's NOT NULL text columns. */
/* NULL for NULL or "": the nullable dates. */
/* Grow an array in the arena by doubling. */
/* The end of a read: STORE_OK when the rows ran out, else an error. */
static enum store_rc done(struct store *s, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

/* --- tasks --- */

static void task_row(sqlite3_stmt *st, struct arena *a, struct task *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->region_code = col_text0(st, 1, a);
	t->source = col_text0(st, 2, a);
	t->title = col_text0(st, 3, a);
	t->body = col_text0(st, 4, a);
	t->units_text = col_text0(st, 5, a);
	t->issued_on = col_text0(st, 6, a);
	t->due_on = col_text(st, 7, a);
	t->due_rule = col_text0(st, 8, a);
	t->due_workdays = sqlite3_column_int(st, 9);
	t->closed_on = col_text(st, 10, a);
	t->created_by = col_text0(st, 11, a);
	t->created_at = col_text0(st, 12, a);
	t->updated_at = col_text0(st, 13, a);
	t->region_name = col_text0(st, 14, a);
}

enum store_rc store_task_insert(struct store *s, const struct task *t,
				int64_t *id, struct errors *err)
{
	sqlite3_stmt *st = vprep(s, V_TASK_INSERT);
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	time_now_text(now);
	bind_text0(st, 1, t->region_code);
	bind_text0(st, 2, t->source);
	bind_text0(st, 3, t->title);
	bind_text0(st, 4, t->body);
	bind_text0(st, 5, t->units_text);
	bind_text0(st, 6, t->issued_on);
	bind_nonempty(st, 7, t->due_on);
	bind_text0(st, 8, t->due_rule);
	sqlite3_bind_int(st, 9, t->due_workdays);
	bind_nonempty(st, 10, t->closed_on);
	bind_text0(st, 11, t->created_by);
	bind_text(st, 12, now);
	rc = run_returning(s, st, id, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT) {
		errors_addf(err, "任务无法保存：地区 %s 不存在",
			    t->region_code ? t->region_code : "");
		rc = STORE_ERROR;
	}
	return rc;
}

enum store_rc store_task_unit_add(struct store *s, int64_t task_id,
				  int64_t unit_id, const char *role, int seq,
				  struct errors *err)
{
	sqlite3_stmt *st = vprep(s, V_TASK_UNIT_ADD);
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, unit_id);
	bind_text0(st, 3, role);
	sqlite3_bind_int(st, 4, seq);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_task_get(struct store *s, int64_t id, struct arena *a,
			     struct task *out)
{
	sqlite3_stmt *st = vprep(s, V_TASK_GET);
	enum store_rc rc = STORE_NOTFOUND;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		task_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_task_list(struct store *s, const char *region,
			      int64_t unit_id, struct arena *a,
			      struct task **out, size_t *n)
{
	sqlite3_stmt *st = vprep(s, V_TASK_LIST);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	bind_text(st, 1, region);
	sqlite3_bind_int64(st, 2, unit_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = grow_rows(a, *out, *n, &cap, sizeof(**out));
		task_row(st, a, &(*out)[(*n)++]);
	}
	return done(s, st, rc);
}

enum store_rc store_task_units(struct store *s, int64_t task_id,
			       struct arena *a, struct task_unit **out,
			       size_t *n)
{
	sqlite3_stmt *st = vprep(s, V_TASK_UNITS);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, task_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct task_unit *u;

		*out = grow_rows(a, *out, *n, &cap, sizeof(**out));
		u = &(*out)[(*n)++];
		u->task_id = sqlite3_column_int64(st, 0);
		u->unit_id = sqlite3_column_int64(st, 1);
		u->role = col_text0(st, 2, a);
		u->seq = sqlite3_column_int(st, 3);
		u->unit_name = col_text0(st, 4, a);
		u->unit_kind = col_text0(st, 5, a);
		u->region_code = col_text0(st, 6, a);
	}
	return done(s, st, rc);
}

enum store_rc store_task_set_closed(struct store *s, int64_t id,
				    const char *closed_on, struct errors *err)
{
	sqlite3_stmt *st = vprep(s, V_TASK_CLOSE);
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	time_now_text(now);
	bind_nonempty(st, 1, closed_on);
	bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	rc = run(s, st, err);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		rc = STORE_NOTFOUND;
	sqlite3_reset(st);
	return rc;
}

static void report_row(sqlite3_stmt *st, struct arena *a,
		       struct task_report *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->task_id = sqlite3_column_int64(st, 1);
	r->unit_id = sqlite3_column_int64(st, 2);
	r->kind = col_text0(st, 3, a);
	r->day = col_text0(st, 4, a);
	r->text = col_text0(st, 5, a);
	r->actor = col_text0(st, 6, a);
	r->created_at = col_text0(st, 7, a);
	r->unit_name = col_text0(st, 8, a);
}

enum store_rc store_task_report_add(struct store *s,
				    const struct task_report *r, int64_t *id,
				    struct errors *err)
{
	sqlite3_stmt *st = vprep(s, V_REPORT_ADD);
	char now[TIME_TEXT_LEN];
	int64_t ignored;
	enum store_rc rc;

	time_now_text(now);
	sqlite3_bind_int64(st, 1, r->task_id);
	sqlite3_bind_int64(st, 2, r->unit_id);
	bind_text0(st, 3, r->kind);
	bind_text0(st, 4, r->day);
	bind_text0(st, 5, r->text);
	bind_text0(st, 6, r->actor);
	bind_text(st, 7, now);
	rc = run_returning(s, st, id ? id : &ignored, err);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_task_reports(struct store *s, int64_t task_id,
				 int64_t unit_id, struct arena *a,
				 struct task_report **out, size_t *n)
{
	sqlite3_stmt *st = vprep(s, V_REPORTS);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, unit_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = grow_rows(a, *out, *n, &cap, sizeof(**out));
		report_row(st, a, &(*out)[(*n)++]);
	}
	return done(s, st, rc);
}

enum store_rc store_task_report_get(struct store *s, int64_t id,
				    struct arena *a, struct task_report *out)
{
	sqlite3_stmt *st = vprep(s, V_REPORT_GET);
	enum store_rc rc = STORE_NOTFOUND;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		report_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

/* --- files --- */

static void file_row(sqlite3_stmt *st, struct arena *a, struct sv_file *f)
{
	f->id = sqlite3_column_int64(st, 0);
	if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
		f->owner = SV_REPORT;
		f->owner_id = sqlite3_column_int64(st, 1);
	} else if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
		f->owner = SV_BOARD;
		f->owner_id = sqlite3_column_int64(st, 2);
	} else {
		f->owner = SV_INSPECTION;
		f->owner_id = sqlite3_column_int64(st, 3);
	}
	f->name = col_text0(st, 4, a);
	f->mime = col_text0(st, 5, a);
	f->sha256 = col_text0(st, 6, a);
	f->size = sqlite3_column_int64(st, 7);
}

enum store_rc store_sv_file_add(struct store *s, enum sv_owner owner,
				int64_t owner_id, const char *name,
				const char *mime, const void *data, size_t size,
				int64_t *id, struct errors *err)
{
	char sha[65];
	sqlite3_stmt *st;
	int64_t ignored;
	enum store_rc rc;

	if ((unsigned)owner >= SV__MAX) {
		errors_addf(err, "文件的归属无效（程序错误）");
		return STORE_ERROR;
	}
	if ((rc = store_begin(s, err)) != STORE_OK)
		return rc;
	rc = store_blob_put(s, data, size, sha, err);
	if (rc == STORE_OK) {
		st = vprep(s, V_FILE_ADD);
		sqlite3_bind_int(st, 1, (int)owner);
		sqlite3_bind_int64(st, 2, owner_id);
		bind_text0(st, 3, name);
		bind_text0(st, 4, mime);
		bind_text(st, 5, sha);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)size);
		rc = run_returning(s, st, id ? id : &ignored, err);
		sqlite3_reset(st);
		if (rc == STORE_CONFLICT) {
			errors_addf(err, "文件 %s 无法保存：所属的%s不存在",
				    name ? name : "", owner == SV_REPORT ?
				    "报告" : owner == SV_BOARD ? "台账记录" :
				    "检查记录");
			rc = STORE_ERROR;
		}
	}
	if (rc != STORE_OK) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

enum store_rc store_sv_files(struct store *s, enum sv_owner owner,
			     int64_t owner_id, struct arena *a,
			     struct sv_file **out, size_t *n)
{
	sqlite3_stmt *st = vprep(s, V_FILES);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int(st, 1, (int)owner);
	sqlite3_bind_int64(st, 2, owner_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = grow_rows(a, *out, *n, &cap, sizeof(**out));
		file_row(st, a, &(*out)[(*n)++]);
	}
	return done(s, st, rc);
}

enum store_rc store_sv_file_get(struct store *s, int64_t id, struct arena *a,
				struct sv_file *out)
{
	sqlite3_stmt *st = vprep(s, V_FILE_GET);
	enum store_rc rc = STORE_NOTFOUND;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		file_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

/* --- the bulletin-board ledger --- */

static void board_row(sqlite3_stmt *st, struct arena *a,
		      struct board_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(st, 0);
	e->unit_id = sqlite3_column_int64(st, 1);
	e->record_id = sqlite3_column_int64(st, 2);
	e->title = col_text0(st, 3, a);
	e->place = col_text0(st, 4, a);
	e->posted_from = col_text0(st, 5, a);
	e->posted_to = col_text0(st, 6, a);
	e->posted_by = col_text0(st, 7, a);
	e->note = col_text0(st, 8, a);
	e->printed = sqlite3_column_int(st, 9) != 0;
	e->actor = col_text0(st, 10, a);
	e->created_at = col_text0(st, 11, a);
	e->unit_name = col_text0(st, 12, a);
	e->region_code = col_text0(st, 13, a);
	e->record_index_no = col_text0(st, 14, a);
	e->nphotos = sqlite3_column_int(st, 15);
}

enum store_rc store_board_add(struct store *s, const struct board_entry *e,
			      int64_t *id, struct errors *err)
{
	sqlite3_stmt *st = vprep(s, V_BOARD_ADD);
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	time_now_text(now);
	sqlite3_bind_int64(st, 1, e->unit_id);
	bind_id(st, 2, e->record_id);
	bind_text0(st, 3, e->title);
	bind_text0(st, 4, e->place);
	bind_text0(st, 5, e->posted_from);
	bind_text0(st, 6, e->posted_to);
	bind_text0(st, 7, e->posted_by);
	bind_text0(st, 8, e->note);
	sqlite3_bind_int(st, 9, e->printed ? 1 : 0);
	bind_text0(st, 10, e->actor);
	bind_text(st, 11, now);
	rc = run_returning(s, st, id, err);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_board_get(struct store *s, int64_t id, struct arena *a,
			      struct board_entry *out)
{
	sqlite3_stmt *st = vprep(s, V_BOARD_GET);
	enum store_rc rc = STORE_NOTFOUND;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		board_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_board_list(struct store *s, int64_t unit_id,
			       const char *region, const char *from,
			       const char *to, struct arena *a,
			       struct board_entry **out, size_t *n)
{
	sqlite3_stmt *st = vprep(s, V_BOARD_LIST);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, unit_id);
	bind_text(st, 2, region);
	bind_nonempty(st, 3, from);
	bind_nonempty(st, 4, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = grow_rows(a, *out, *n, &cap, sizeof(**out));
		board_row(st, a, &(*out)[(*n)++]);
	}
	return done(s, st, rc);
}

/* --- the 政务公开专区 --- */

enum store_rc store_zone_lines(struct store *s, const char *level,
			       struct arena *a, struct zone_line **out,
			       size_t *n)
{
	sqlite3_stmt *st = vprep(s, V_ZONE_LINES);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	bind_text0(st, 1, level);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zone_line *l;

		*out = grow_rows(a, *out, *n, &cap, sizeof(**out));
		l = &(*out)[(*n)++];
		l->id = sqlite3_column_int64(st, 0);
		l->level = col_text0(st, 1, a);
		l->seq = sqlite3_column_int(st, 2);
		l->carrier = col_text0(st, 3, a);
		l->content = col_text0(st, 4, a);
		l->form = col_text0(st, 5, a);
		l->requirement = col_text0(st, 6, a);
		l->quantity = col_text0(st, 7, a);
		l->note = col_text0(st, 8, a);
		l->source = col_text0(st, 9, a);
	}
	return done(s, st, rc);
}

enum store_rc store_zone_inspection_add(struct store *s,
					const struct zone_inspection *z,
					const struct zone_result *v, size_t n,
					int64_t *id, struct errors *err)
{
	sqlite3_stmt *st;
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	if ((rc = store_begin(s, err)) != STORE_OK)
		return rc;
	time_now_text(now);
	st = vprep(s, V_ZONE_ADD);
	sqlite3_bind_int64(st, 1, z->unit_id);
	bind_text0(st, 2, z->level);
	bind_text0(st, 3, z->day);
	bind_text0(st, 4, z->inspector);
	bind_text0(st, 5, z->note);
	bind_text0(st, 6, z->actor);
	bind_text(st, 7, now);
	rc = run_returning(s, st, id, err);
	sqlite3_reset(st);
	for (size_t i = 0; rc == STORE_OK && i < n; i++) {
		st = vprep(s, V_ZONE_RESULT_ADD);
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, v[i].line_id);
		sqlite3_bind_int(st, 3, v[i].met ? 1 : 0);
		bind_text0(st, 4, v[i].note);
		rc = run(s, st, err);
		sqlite3_reset(st);
	}
	if (rc == STORE_CONFLICT) {
		errors_addf(err, "检查记录无法保存：单位或检查项不存在，或同一"
			    "检查项填了两次");
		rc = STORE_ERROR;
	}
	if (rc != STORE_OK) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

static void zone_row(sqlite3_stmt *st, struct arena *a,
		     struct zone_inspection *z)
{
	z->id = sqlite3_column_int64(st, 0);
	z->unit_id = sqlite3_column_int64(st, 1);
	z->level = col_text0(st, 2, a);
	z->day = col_text0(st, 3, a);
	z->inspector = col_text0(st, 4, a);
	z->note = col_text0(st, 5, a);
	z->actor = col_text0(st, 6, a);
	z->created_at = col_text0(st, 7, a);
	z->unit_name = col_text0(st, 8, a);
	z->nlines = sqlite3_column_int(st, 9);
	z->nmet = sqlite3_column_int(st, 10);
}

enum store_rc store_zone_inspection_get(struct store *s, int64_t id,
					struct arena *a,
					struct zone_inspection *out)
{
	sqlite3_stmt *st = vprep(s, V_ZONE_GET);
	enum store_rc rc = STORE_NOTFOUND;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		zone_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_zone_inspections(struct store *s, int64_t unit_id,
				     const char *region, struct arena *a,
				     struct zone_inspection **out, size_t *n)
{
	sqlite3_stmt *st = vprep(s, V_ZONE_LIST);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, unit_id);
	bind_text(st, 2, region);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = grow_rows(a, *out, *n, &cap, sizeof(**out));
		zone_row(st, a, &(*out)[(*n)++]);
	}
	return done(s, st, rc);
}

enum store_rc store_zone_results(struct store *s, int64_t inspection_id,
				 struct arena *a, struct zone_result **out,
				 size_t *n)
{
	sqlite3_stmt *st = vprep(s, V_ZONE_RESULTS);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, inspection_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct zone_result *r;

		*out = grow_rows(a, *out, *n, &cap, sizeof(**out));
		r = &(*out)[(*n)++];
		r->line_id = sqlite3_column_int64(st, 0);
		r->met = sqlite3_column_int(st, 1) != 0;
		r->note = col_text0(st, 2, a);
	}
	return done(s, st, rc);
}

/* --- units --- */

enum store_rc store_units_below(struct store *s, const char *region,
				struct arena *a, struct unit **out, size_t *n)
{
	sqlite3_stmt *st = vprep(s, V_UNITS_BELOW);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	bind_text0(st, 1, region);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit *u;

		*out = grow_rows(a, *out, *n, &cap, sizeof(**out));
		u = &(*out)[(*n)++];
		u->id = sqlite3_column_int64(st, 0);
		u->name = col_text0(st, 1, a);
		u->kind = col_text0(st, 2, a);
		u->region_code = col_text0(st, 3, a);
		u->credit_code = col_text(st, 4, a);
	}
	return done(s, st, rc);
}

int64_t store_record_id_by_index(struct store *s, const char *index_no)
{
	sqlite3_stmt *st = vprep(s, V_RECORD_BY_INDEX);
	int64_t id = 0;

	bind_text0(st, 1, index_no);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}
