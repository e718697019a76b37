/* sqlite-audit.c: the SQLite implementation of store-audit.h — the
 * append-only, hash-chained audit trail
 *
 * An append is one transaction (nested in the caller's when one is open):
 * its first statement advances audit_head's count, which takes the write
 * lock before anything is read, so two writers can never chain onto the
 * same previous row; then the row goes in with id = last_id + 1 and
 * prev_hash = last_hash (the schema's trigger checks both), and the head
 * records the new last id and hash.  The hash is computed by the caller's
 * function (domain/audit.c).  Same rules as sqlite.c otherwise: constant
 * statements in one table, values always bound.
 */
#include <stdio.h>
#include <string.h>

#include "sqlite-int.h"

enum astmt {
	A_HEAD_TAKE,
	A_INSERT,
	A_HEAD_ADVANCE,
	A_HEAD_GET,
	A_CHAIN,
	A_GET,
	A_COUNT,
	A_LIST,
	A_LIST_COUNT,
	A__MAX
};
_Static_assert(SLOTS_AUDIT + A__MAX <= SLOTS_ACCOUNT, "too many statements");

#define AUDIT_COLS \
	"id, at, actor, actor_id, client, action, object_type, object_id, " \
	"region_code, unit_id, before, after, detail, prev_hash, hash "

/* Every condition is optional: ?N IS NULL switches it off.  The list is
 * paged newest first by id, so a page stops early; only the total scans. */
#define AUDIT_WHERE \
	"WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2) " \
	"AND (?3 IS NULL OR actor = ?3) AND (?4 IS NULL OR actor_id = ?4) " \
	"AND (?5 IS NULL OR substr(action, 1, length(?5)) = ?5) " \
	"AND (?6 IS NULL OR object_type = ?6) " \
	"AND (?7 IS NULL OR object_id = ?7) " \
	"AND (?8 IS NULL OR substr(region_code, 1, length(?8)) = ?8) " \
	"AND (?9 IS NULL OR unit_id = ?9) "

static const char *const asql[A__MAX] = {
	[A_HEAD_TAKE] = "UPDATE audit_head SET count = count + 1 WHERE id = 1 "
		"RETURNING last_id, last_hash",
	[A_INSERT] = "INSERT INTO audit_log (" AUDIT_COLS ") "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[A_HEAD_ADVANCE] = "UPDATE audit_head SET last_id = ?, last_hash = ? "
		"WHERE id = 1 AND last_id = ?",
	[A_HEAD_GET] = "SELECT count, last_id, last_hash FROM audit_head "
		"WHERE id = 1",
	[A_CHAIN] = "SELECT " AUDIT_COLS "FROM audit_log ORDER BY id",
	[A_GET] = "SELECT " AUDIT_COLS "FROM audit_log WHERE id = ?",
	[A_COUNT] = "SELECT COUNT(*) FROM audit_log",
	[A_LIST] = "SELECT " AUDIT_COLS "FROM audit_log " AUDIT_WHERE
		"ORDER BY id DESC LIMIT ?10 OFFSET ?11",
	[A_LIST_COUNT] = "SELECT COUNT(*) FROM audit_log " AUDIT_WHERE,
};

static sqlite3_stmt *aprep(struct store *s, enum astmt id)
{
	return prep_sql(s, SLOTS_AUDIT + id, asql[id]);
}

static const char *row_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* The row under 'st' into 'e'; strings copied into 'a', or (a NULL) left
 * pointing into the statement's row. */
static void entry_row(sqlite3_stmt *st, struct arena *a,
		      struct audit_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(st, 0);
	e->actor_id = sqlite3_column_int64(st, 3);
	e->unit_id = sqlite3_column_int64(st, 9);
	if (!a) {
		e->at = row_text(st, 1);
		e->actor = row_text(st, 2);
		e->client = row_text(st, 4);
		e->action = row_text(st, 5);
		e->object_type = row_text(st, 6);
		e->object_id = row_text(st, 7);
		e->region_code = row_text(st, 8);
		e->before = row_text(st, 10);
		e->after = row_text(st, 11);
		e->detail = row_text(st, 12);
		e->prev_hash = row_text(st, 13);
		e->hash = row_text(st, 14);
		return;
	}
	e->at = col_text(st, 1, a);
	e->actor = col_text(st, 2, a);
	e->client = col_text(st, 4, a);
	e->action = col_text(st, 5, a);
	e->object_type = col_text(st, 6, a);
	e->object_id = col_text(st, 7, a);
	e->region_code = col_text(st, 8, a);
	e->before = col_text(st, 10, a);
	e->after = col_text(st, 11, a);
	e->detail = col_text(st, 12, a);
	e->prev_hash = col_text(st, 13, a);
	e->hash = col_text(st, 14, a);
}

enum store_rc store_audit_append(struct store *s, struct audit_entry *e,
				 audit_hash_fn hash,
				 char hash_out[AUDIT_HASH_HEX],
				 struct errors *err)
{
	char prev[AUDIT_HASH_HEX], h[AUDIT_HASH_HEX];
	sqlite3_stmt *st;
	int64_t last_id;
	enum store_rc rc;
	int step;

	if (store_begin(s, err) != STORE_OK)
		return STORE_ERROR;
	/* a write first: the lock is ours before the head is read */
	st = aprep(s, A_HEAD_TAKE);
	step = sqlite3_step(st);
	if (step != SQLITE_ROW) {
		rc = STORE_ERROR;
		if (step != SQLITE_DONE)
			db_error(s, err);
		else
			errors_addf(err, "审计记录的链头缺失，无法追加审计记录；"
				    "请运行 gongkai audit verify 检查");
		sqlite3_reset(st);
		goto fail;
	}
	last_id = sqlite3_column_int64(st, 0);
	snprintf(prev, sizeof(prev), "%s", row_text(st, 1) ? row_text(st, 1) : "");
	step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_DONE) {
		rc = db_error(s, err);
		goto fail;
	}

	e->id = last_id + 1;
	e->prev_hash = prev;
	e->hash = NULL;
	hash(e, h);
	e->hash = h;

	st = aprep(s, A_INSERT);
	sqlite3_bind_int64(st, 1, e->id);
	bind_text(st, 2, e->at);
	bind_text(st, 3, e->actor);
	bind_id(st, 4, e->actor_id);
	bind_text(st, 5, e->client);
	bind_text(st, 6, e->action);
	bind_text(st, 7, e->object_type);
	bind_text(st, 8, e->object_id);
	bind_text(st, 9, e->region_code);
	bind_id(st, 10, e->unit_id);
	bind_text(st, 11, e->before);
	bind_text(st, 12, e->after);
	bind_text(st, 13, e->detail ? e->detail : "");
	bind_text(st, 14, e->prev_hash);
	bind_text(st, 15, e->hash);
	rc = run(s, st, err);
	if (rc == STORE_CONFLICT) {
		/* the trigger refused: the head and the log disagree */
		errors_addf(err, "无法追加审计记录：%s；请运行 gongkai audit "
			    "verify 检查", sqlite3_errmsg(s->db));
		rc = STORE_ERROR;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);	/* they point at this frame */
	if (rc != STORE_OK)
		goto fail;

	st = aprep(s, A_HEAD_ADVANCE);
	sqlite3_bind_int64(st, 1, e->id);
	bind_text(st, 2, h);
	sqlite3_bind_int64(st, 3, last_id);
	rc = run(s, st, err);
	if (rc == STORE_OK && sqlite3_changes(s->db) != 1) {
		errors_addf(err, "审计记录的链头被同时修改，审计记录未写入");
		rc = STORE_ERROR;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != STORE_OK)
		goto fail;
	if (store_commit(s, err) != STORE_OK) {
		e->prev_hash = e->hash = NULL;
		return STORE_ERROR;
	}
	if (hash_out)
		memcpy(hash_out, h, AUDIT_HASH_HEX);
	e->prev_hash = e->hash = NULL;
	return STORE_OK;
fail:
	store_rollback(s);
	e->prev_hash = e->hash = NULL;
	return rc == STORE_OK ? STORE_ERROR : rc;
}

enum store_rc store_audit_head(struct store *s, struct arena *a,
			       struct audit_head *out)
{
	sqlite3_stmt *st = aprep(s, A_HEAD_GET);
	int step = sqlite3_step(st);

	memset(out, 0, sizeof(*out));
	if (step == SQLITE_ROW) {
		out->count = sqlite3_column_int64(st, 0);
		out->last_id = sqlite3_column_int64(st, 1);
		out->last_hash = col_text0(st, 2, a);
	}
	sqlite3_reset(st);
	if (step == SQLITE_ROW)
		return STORE_OK;
	return step == SQLITE_DONE ? STORE_NOTFOUND : db_error(s, NULL);
}

enum store_rc store_audit_chain(struct store *s,
				int (*fn)(const struct audit_entry *e,
					  void *arg),
				void *arg, struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_CHAIN);
	struct audit_entry e;
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		entry_row(st, NULL, &e);
		if (fn(&e, arg)) {
			step = SQLITE_DONE;
			break;
		}
	}
	if (step != SQLITE_DONE) {
		db_error(s, err);
		sqlite3_reset(st);
		return STORE_ERROR;
	}
	sqlite3_reset(st);
	return STORE_OK;
}

enum store_rc store_audit_get(struct store *s, int64_t id, struct arena *a,
			      struct audit_entry *out)
{
	sqlite3_stmt *st = aprep(s, A_GET);
	int step;

	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		entry_row(st, a, out);
	sqlite3_reset(st);
	if (step == SQLITE_ROW)
		return STORE_OK;
	return step == SQLITE_DONE ? STORE_NOTFOUND : db_error(s, NULL);
}

enum store_rc store_audit_count(struct store *s, int64_t *n)
{
	sqlite3_stmt *st = aprep(s, A_COUNT);
	int step = sqlite3_step(st);

	*n = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return step == SQLITE_ROW ? STORE_OK : db_error(s, NULL);
}

static void bind_filter(sqlite3_stmt *st, const struct audit_filter *f)
{
	bind_text(st, 1, f->from);
	bind_text(st, 2, f->to);
	bind_text(st, 3, f->actor);
	bind_id(st, 4, f->actor_id);
	bind_text(st, 5, f->action);
	bind_text(st, 6, f->object_type);
	bind_text(st, 7, f->object_id);
	bind_text(st, 8, f->region);
	bind_id(st, 9, f->unit_id);
}

enum store_rc store_audit_list(struct store *s, const struct audit_filter *f,
			       struct arena *a, struct audit_entry **out,
			       size_t *n, int64_t *total)
{
	sqlite3_stmt *st = aprep(s, A_LIST_COUNT);
	struct audit_entry *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	*total = 0;
	bind_filter(st, f);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (step != SQLITE_ROW)
		return db_error(s, NULL);
	if (*total == 0)
		return STORE_OK;

	st = aprep(s, A_LIST);
	bind_filter(st, f);
	sqlite3_bind_int64(st, 10, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(st, 11, f->offset > 0 ? f->offset : 0);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			struct audit_entry *nv;
			cap = cap ? cap * 2 : 16;
			nv = arena_alloc(a, cap * sizeof(*nv));
			if (cnt)
				memcpy(nv, v, cnt * sizeof(*nv));
			v = nv;
		}
		entry_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return db_error(s, NULL);
	*out = v;
	*n = cnt;
	return STORE_OK;
}
