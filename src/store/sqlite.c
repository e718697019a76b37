/* sqlite.c: the SQLite implementation of store.h
 *
 * One database file in WAL mode with foreign keys on.  Every statement is a
 * constant in stmt_sql[] below (openradtool style), prepared on first use and
 * kept; values are always bound, never pasted.  The SQL is portable (no
 * SQLite-only functions) so that a PostgreSQL store can reuse the statements
 * with its own placeholders.  This is the only file that includes sqlite3.h.
 */
#include "store.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrations.h"
#include "sqlite-search-rank.h"
#include "sqlite-int.h"
#include "../search/tokenizer.h"
#include "../util/buf.h"
#include "../util/json-str.h"
#include "../util/timeutil.h"
#include "../util/xalloc.h"

enum stmt {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_VERSION,
	STMT_COUNTS,
	STMT_REGION_PUT,
	STMT_REGION_GET,
	STMT_REGION_CHILDREN,
	STMT_REGION_TOP,
	STMT_REGION_PARENT,
	STMT_REGION_GEOMETRY,
	STMT_ITEM_CATALOG,
	STMT_UNIT_ADD,
	STMT_UNIT_LIST,
	STMT_UNIT_LIST_ALL,
	STMT_DOMAIN_PUT,
	STMT_DOMAIN_FIND,
	STMT_DOMAIN_LIST,
	STMT_CATALOG_INSERT,
	STMT_CATALOG_HEAD,
	STMT_CATALOG_LIST,
	STMT_CATALOG_LATEST,
	STMT_CATALOG_STATUS,
	STMT_CATALOG_TOUCH,
	STMT_ITEM_INSERT,
	STMT_ITEM_UPDATE,
	STMT_ITEM_DELETE,
	STMT_ITEM_IDS,
	STMT_ITEMS_OF,
	STMT_EVENT_ADD,
	STMT_EVENTS_OF,
	STMT__MAX
};

#define CATALOG_COLS \
	"c.id, c.region_code, r.name, c.domain_id, d.code, d.name, " \
	"c.version_label, c.status, c.parent_id, c.previous_id, c.author, " \
	"c.source, c.review_note, c.created_at, c.updated_at, " \
	"c.submitted_at, c.approved_at, c.published_at " \
	"FROM catalogs c JOIN regions r ON r.code = c.region_code " \
	"JOIN domains d ON d.id = c.domain_id "

#define ITEM_COLS \
	"lineage, origin_item, local_reason, name, item_type, service_name, " \
	"basis, time_limit, tl_kind, tl_days, tl_workdays, tl_anchor, " \
	"tl_notice, subject, audience, mode, levels, note, service_url, " \
	"elements, channels"

static const char *const stmt_sql[STMT__MAX] = {
	[STMT_BEGIN] = "BEGIN",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	[STMT_VERSION] = "SELECT MAX(version) FROM schema_migrations",
	[STMT_COUNTS] = "SELECT (SELECT COUNT(*) FROM regions), "
		"(SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM catalogs), "
		"(SELECT COUNT(*) FROM items)",
	[STMT_REGION_PUT] = "INSERT INTO regions (code, name, level, parent_code) "
		"VALUES (?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
		"name = excluded.name, level = excluded.level, "
		"parent_code = excluded.parent_code",
	[STMT_REGION_GET] = "SELECT code, name, level, parent_code, geometry FROM regions "
		"WHERE code = ?",
	[STMT_REGION_CHILDREN] = "SELECT code, name, level, parent_code, geometry "
		"FROM regions WHERE parent_code = ? ORDER BY code",
	[STMT_REGION_TOP] = "SELECT code, name, level, parent_code, geometry "
		"FROM regions WHERE parent_code IS NULL ORDER BY code",
	[STMT_REGION_PARENT] = "SELECT parent_code FROM regions WHERE code = ?",
	[STMT_ITEM_CATALOG] = "SELECT catalog_id FROM items WHERE id = ?",
	[STMT_REGION_GEOMETRY] = "UPDATE regions SET geometry = ? WHERE code = ?",
	[STMT_UNIT_ADD] = "INSERT INTO units (name, kind, region_code, "
		"credit_code) VALUES (?, ?, ?, ?) RETURNING id",
	[STMT_UNIT_LIST] = "SELECT id, name, kind, region_code, credit_code "
		"FROM units WHERE region_code = ? ORDER BY region_code, name",
	[STMT_UNIT_LIST_ALL] = "SELECT id, name, kind, region_code, credit_code "
		"FROM units ORDER BY region_code, name",
	[STMT_DOMAIN_PUT] = "INSERT INTO domains (code, name, sort, department) "
		"VALUES (?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
		"name = excluded.name, sort = excluded.sort, "
		"department = excluded.department RETURNING id",
	[STMT_DOMAIN_FIND] = "SELECT id, code, name, sort, department "
		"FROM domains WHERE code = ? OR name = ?",
	[STMT_DOMAIN_LIST] = "SELECT id, code, name, sort, department "
		"FROM domains ORDER BY sort, code",
	[STMT_CATALOG_INSERT] = "INSERT INTO catalogs (region_code, domain_id, "
		"version_label, status, parent_id, previous_id, author, source, "
		"review_note, created_at, updated_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?) RETURNING id",
	[STMT_CATALOG_HEAD] = "SELECT " CATALOG_COLS "WHERE c.id = ?",
	[STMT_CATALOG_LIST] = "SELECT " CATALOG_COLS
		"WHERE (? IS NULL OR c.region_code = ?) "
		"AND (? = 0 OR c.domain_id = ?) "
		"AND (? IS NULL OR c.status = ?) "
		"AND (? = 0 OR c.parent_id = ?) "
		"ORDER BY c.region_code, d.sort, c.version_label, c.id",
	[STMT_CATALOG_LATEST] = "SELECT " CATALOG_COLS
		"WHERE c.region_code = ? AND c.domain_id = ? "
		"AND c.status = 'published' "
		"ORDER BY c.published_at DESC, c.id DESC LIMIT 1",
	[STMT_CATALOG_STATUS] = "UPDATE catalogs SET status = ?, "
		"review_note = ?, updated_at = ?, "
		"submitted_at = CASE WHEN ? = 'submitted' THEN ? ELSE submitted_at END, "
		"approved_at = CASE WHEN ? = 'approved' THEN ? ELSE approved_at END, "
		"published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END "
		"WHERE id = ?",
	[STMT_CATALOG_TOUCH] = "UPDATE catalogs SET updated_at = ? WHERE id = ?",
	[STMT_ITEM_INSERT] = "INSERT INTO items (catalog_id, parent_item, level, "
		"seq, " ITEM_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[STMT_ITEM_UPDATE] = "UPDATE items SET parent_item = ?, level = ?, "
		"seq = ?, lineage = ?, origin_item = ?, local_reason = ?, "
		"name = ?, item_type = ?, service_name = ?, basis = ?, "
		"time_limit = ?, tl_kind = ?, tl_days = ?, tl_workdays = ?, "
		"tl_anchor = ?, tl_notice = ?, subject = ?, audience = ?, "
		"mode = ?, levels = ?, note = ?, service_url = ?, elements = ?, "
		"channels = ? WHERE id = ? AND catalog_id = ?",
	[STMT_ITEM_DELETE] = "DELETE FROM items WHERE id = ?",
	[STMT_ITEM_IDS] = "SELECT id FROM items WHERE catalog_id = ? "
		"ORDER BY level DESC",
	[STMT_ITEMS_OF] = "SELECT id, parent_item, level, " ITEM_COLS
		" FROM items WHERE catalog_id = ? ORDER BY seq",
	[STMT_EVENT_ADD] = "INSERT INTO catalog_events (catalog_id, at, actor, "
		"action, detail) VALUES (?, ?, ?, ?, ?)",
	[STMT_EVENTS_OF] = "SELECT at, actor, action, detail FROM catalog_events "
		"WHERE catalog_id = ? ORDER BY id",
};

static const char *const status_code[CATALOG__MAX] = {
	"draft", "submitted", "approved", "published",
};

_Static_assert(STMT__MAX <= STORE_CORE_STMTS, "raise STORE_CORE_STMTS");

/* A statement ready for binding (reset, bindings cleared). */
static sqlite3_stmt *prep(struct store *s, enum stmt id)
{
	sqlite3_stmt *st = s->stmt[id];

	if (!st) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1,
				       SQLITE_PREPARE_PERSISTENT, &s->stmt[id],
				       NULL) != SQLITE_OK) {
			/* a bug in stmt_sql[], not a user error */
			fprintf(stderr, "gongkai: bad statement %d: %s\n", id,
				sqlite3_errmsg(s->db));
			abort();
		}
		return s->stmt[id];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

sqlite3_stmt *prep_sql(struct store *s, int slot, const char *sql)
{
	sqlite3_stmt *st = s->more[slot];

	if (!st) {
		if (sqlite3_prepare_v3(s->db, sql, -1,
				       SQLITE_PREPARE_PERSISTENT, &s->more[slot],
				       NULL) != SQLITE_OK) {
			fprintf(stderr, "gongkai: bad statement %d: %s\n", slot,
				sqlite3_errmsg(s->db));
			abort();
		}
		return s->more[slot];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

const char *col_text(sqlite3_stmt *st, int i, struct arena *a)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	if (!t)
		return NULL;
	return arena_strndup(a, (const char *)t,
			     (size_t)sqlite3_column_bytes(st, i));
}

const char *col_text0(sqlite3_stmt *st, int i, struct arena *a)
{
	const char *t = col_text(st, i, a);
	return t ? t : "";
}

enum store_rc db_error(struct store *s, struct errors *err)
{
	int code = sqlite3_extended_errcode(s->db);

	if (!err)
		return STORE_ERROR;
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		errors_addf(err, "数据库正被其他程序占用，请稍后重试（%s）",
			    sqlite3_errmsg(s->db));
	else if ((code & 0xff) == SQLITE_FULL)
		errors_addf(err, "磁盘空间不足，数据未写入（%s）",
			    sqlite3_errmsg(s->db));
	else if ((code & 0xff) == SQLITE_READONLY)
		errors_addf(err, "数据库文件只读，无法写入（%s）",
			    sqlite3_errmsg(s->db));
	else
		errors_addf(err, "数据库错误：%s", sqlite3_errmsg(s->db));
	return STORE_ERROR;
}

/* Step a statement that returns no rows (or whose rows are ignored). */
enum store_rc run(struct store *s, sqlite3_stmt *st, struct errors *err)
{
	int rc = sqlite3_step(st);

	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return STORE_OK;
	if ((sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT)
		return STORE_CONFLICT;
	return db_error(s, err);
}

/* Step an INSERT ... RETURNING id; store the id in *id. */
enum store_rc run_returning(struct store *s, sqlite3_stmt *st,
				   int64_t *id, struct errors *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	if (rc == SQLITE_DONE)
		return STORE_OK;
	if ((sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT)
		return STORE_CONFLICT;
	return db_error(s, err);
}

int exec_plain(struct store *s, const char *sql, struct errors *err)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (err)
			errors_addf(err, "数据库错误：%s", msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_schema_known(void)
{
	return nmigrations ? migrations[nmigrations - 1].version : 0;
}

int store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = 0;

	/* the migrations table itself may not exist yet */
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE "
			       "type = 'table' AND name = 'schema_migrations'",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	v = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!v)
		return 0;
	st = prep(s, STMT_VERSION);
	v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

struct store *store_open(const char *path, enum store_open_mode mode,
			 struct errors *err)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int flags = SQLITE_OPEN_NOMUTEX;
	int have;

	if (mode == STORE_OPEN_READONLY)
		flags |= SQLITE_OPEN_READONLY;
	else if (mode == STORE_OPEN_CREATE)
		flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	else
		flags |= SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		if (mode == STORE_OPEN_CREATE)
			errors_addf(err, "无法创建数据库文件 %s：%s", path,
				    sqlite3_errmsg(s->db));
		else
			errors_addf(err, "无法打开数据库 %s：%s。"
				    "如果还没有数据库，请先运行 gongkai init",
				    path, sqlite3_errmsg(s->db));
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	/* the full-text index's tokenizer, on every connection: writes to
	 * records update the index (sqlite-search.c) */
	if (search_tokenizer_register(s->db) != SQLITE_OK ||
	    search_rank_register(s->db) != SQLITE_OK) {
		errors_addf(err, "无法启用中文全文检索（SQLite 缺少 FTS5）");
		goto fail;
	}
	if (exec_plain(s, "PRAGMA foreign_keys = ON", err))
		goto fail;
	if (mode != STORE_OPEN_READONLY &&
	    exec_plain(s, "PRAGMA journal_mode = WAL; "
		       "PRAGMA synchronous = NORMAL", NULL)) {
		errors_addf(err, "%s 不是 gongkai 数据库（无法读取）", path);
		goto fail;
	}
	have = store_schema_version(s);
	if (have < 0) {
		errors_addf(err, "%s 不是 gongkai 数据库（无法读取）", path);
		goto fail;
	}
	if (mode != STORE_OPEN_CREATE && have == 0) {
		errors_addf(err, "数据库 %s 尚未初始化，请先运行 gongkai --db %s init",
			    path, path);
		goto fail;
	}
	if (have > store_schema_known()) {
		errors_addf(err, "数据库 %s 的结构版本（%d）比本程序支持的（%d）更新，"
			    "请升级 gongkai 后再使用", path, have,
			    store_schema_known());
		goto fail;
	}
	if (mode == STORE_OPEN_EXISTING && have < store_schema_known()) {
		errors_addf(err, "数据库 %s 的结构版本（%d）较旧，请先运行 "
			    "gongkai --db %s init 升级", path, have, path);
		goto fail;
	}
	return s;
fail:
	store_close(s);
	return NULL;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(s->stmt[i]);
	for (int i = 0; i < STORE_MORE_STMTS; i++)
		sqlite3_finalize(s->more[i]);
	for (int i = 0; i < 4096; i++)
		sqlite3_finalize(s->filtered[i]);
	for (size_t i = 0; i < sizeof(s->searches) / sizeof(s->searches[0]); i++)
		sqlite3_finalize(s->searches[i]);
	search_docs_free(s->search_docs);
	sqlite3_close(s->db);
	free(s);
}

/* The last migration after which the full-text index must be rebuilt
 * (0008-search-fast.sql recreates search_fts with its tags column). */
#define SEARCH_INDEX_FORMAT 8

enum store_rc store_migrate(struct store *s, struct errors *err)
{
	int have = store_schema_version(s);
	char now[TIME_TEXT_LEN];

	if (have > store_schema_known()) {
		errors_addf(err, "数据库结构版本（%d）比本程序支持的（%d）更新，"
			    "请升级 gongkai", have, store_schema_known());
		return STORE_ERROR;
	}
	time_now_text(now);
	if (exec_plain(s, "BEGIN IMMEDIATE", err))
		return STORE_ERROR;
	if (exec_plain(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
		       "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
		       "applied_at TEXT NOT NULL)", err))
		goto fail;
	for (int i = 0; i < nmigrations; i++) {
		sqlite3_stmt *st;

		if (migrations[i].version <= have)
			continue;
		if (exec_plain(s, migrations[i].sql, err))
			goto fail;
		if (sqlite3_prepare_v2(s->db, "INSERT INTO schema_migrations "
				       "(version, name, applied_at) "
				       "VALUES (?, ?, ?)", -1, &st,
				       NULL) != SQLITE_OK)
			goto fail_db;
		sqlite3_bind_int(st, 1, migrations[i].version);
		sqlite3_bind_text(st, 2, migrations[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			goto fail_db;
		}
		sqlite3_finalize(st);
	}
	if (exec_plain(s, "COMMIT", err))
		goto fail;
	/* a migration that changes how the index is built leaves it empty:
	 * an older database is indexed again (a new one has nothing yet) */
	if (have > 0 && have < SEARCH_INDEX_FORMAT &&
	    store_schema_known() >= SEARCH_INDEX_FORMAT)
		return store_search_reindex(s, NULL, NULL, err);
	return STORE_OK;
fail_db:
	db_error(s, err);
fail:
	exec_plain(s, "ROLLBACK", NULL);
	return STORE_ERROR;
}

enum store_rc store_begin(struct store *s, struct errors *err)
{
	if (s->depth++ > 0)
		return STORE_OK;
	s->failed = 0;
	if (run(s, prep(s, STMT_BEGIN), err) != STORE_OK) {
		s->depth = 0;
		return STORE_ERROR;
	}
	return STORE_OK;
}

enum store_rc store_commit(struct store *s, struct errors *err)
{
	if (s->depth <= 0)
		return STORE_OK;
	if (--s->depth > 0)
		return STORE_OK;
	if (s->failed) {
		run(s, prep(s, STMT_ROLLBACK), NULL);
		if (err)
			errors_addf(err, "操作未完成，所有修改已撤销");
		return STORE_ERROR;
	}
	if (run(s, prep(s, STMT_COMMIT), err) != STORE_OK) {
		run(s, prep(s, STMT_ROLLBACK), NULL);
		return STORE_ERROR;
	}
	return STORE_OK;
}

void store_rollback(struct store *s)
{
	if (s->depth <= 0)
		return;
	if (--s->depth > 0) {
		s->failed = 1;
		return;
	}
	run(s, prep(s, STMT_ROLLBACK), NULL);
}

enum store_rc store_counts(struct store *s, int64_t *regions, int64_t *units,
			   int64_t *catalogs, int64_t *items)
{
	sqlite3_stmt *st = prep(s, STMT_COUNTS);

	if (sqlite3_step(st) != SQLITE_ROW)
		return db_error(s, NULL);
	*regions = sqlite3_column_int64(st, 0);
	*units = sqlite3_column_int64(st, 1);
	*catalogs = sqlite3_column_int64(st, 2);
	*items = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	return STORE_OK;
}

/* --- regions --- */

enum store_rc store_region_put(struct store *s, const struct region *r,
			       struct errors *err)
{
	sqlite3_stmt *st = prep(s, STMT_REGION_PUT);
	enum store_rc rc;

	bind_text(st, 1, r->code);
	bind_text(st, 2, r->name);
	bind_text(st, 3, r->level);
	bind_text(st, 4, r->parent_code);
	rc = run(s, st, err);
	if (rc == STORE_CONFLICT)
		errors_addf(err, "行政区划 %s 的上级 %s 不存在，请先添加上级区划",
			    r->code, r->parent_code ? r->parent_code : "");
	return rc;
}

enum store_rc store_region_set_geometry(struct store *s, const char *code,
					const char *geometry,
					struct errors *err)
{
	sqlite3_stmt *st = prep(s, STMT_REGION_GEOMETRY);
	enum store_rc rc;

	bind_text(st, 1, geometry);
	bind_text(st, 2, code);
	rc = run(s, st, err);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0) {
		errors_addf(err, "行政区划 %s 不存在", code);
		return STORE_NOTFOUND;
	}
	return rc;
}

int64_t store_item_catalog(struct store *s, int64_t item_id)
{
	sqlite3_stmt *st = prep(s, STMT_ITEM_CATALOG);
	int64_t id = 0;

	sqlite3_bind_int64(st, 1, item_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

static void region_row(sqlite3_stmt *st, struct arena *a, struct region *r)
{
	r->code = col_text(st, 0, a);
	r->name = col_text(st, 1, a);
	r->level = col_text(st, 2, a);
	r->parent_code = col_text(st, 3, a);
	r->geometry = col_text(st, 4, a);
}

enum store_rc store_region_get(struct store *s, const char *code,
			       struct arena *a, struct region *out)
{
	sqlite3_stmt *st = prep(s, STMT_REGION_GET);
	int rc;

	bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		region_row(st, a, out);
		sqlite3_reset(st);
		return STORE_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_error(s, NULL);
}

enum store_rc store_region_children(struct store *s, const char *parent,
				    struct arena *a, struct region **out,
				    size_t *n)
{
	sqlite3_stmt *st = prep(s, parent ? STMT_REGION_CHILDREN
					  : STMT_REGION_TOP);
	struct region *v = NULL;
	size_t alloc = 0, cnt = 0;
	int rc;

	if (parent)
		bind_text(st, 1, parent);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xgrow(v, sizeof(*v), cnt + 1, &alloc);
		region_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	*out = arena_alloc(a, (cnt ? cnt : 1) * sizeof(**out));
	if (cnt)
		memcpy(*out, v, cnt * sizeof(*v));
	free(v);
	*n = cnt;
	return rc == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

int store_region_is_below(struct store *s, const char *code,
			  const char *ancestor)
{
	char cur[64];
	int depth = 0;

	if (!code || strlen(code) >= sizeof(cur))
		return 0;
	strcpy(cur, code);
	while (depth++ < 16) {
		sqlite3_stmt *st = prep(s, STMT_REGION_PARENT);
		const unsigned char *p;

		bind_text(st, 1, cur);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			return 0;
		}
		p = sqlite3_column_text(st, 0);
		if (!p || strlen((const char *)p) >= sizeof(cur)) {
			sqlite3_reset(st);
			return 0;
		}
		strcpy(cur, (const char *)p);
		sqlite3_reset(st);
		if (!strcmp(cur, ancestor))
			return 1;
	}
	return 0;
}

/* --- units --- */

enum store_rc store_unit_add(struct store *s, struct unit *u,
			     struct errors *err)
{
	sqlite3_stmt *st = prep(s, STMT_UNIT_ADD);
	enum store_rc rc;

	bind_text(st, 1, u->name);
	bind_text(st, 2, u->kind);
	bind_text(st, 3, u->region_code);
	bind_text(st, 4, u->credit_code);
	rc = run_returning(s, st, &u->id, err);
	if (rc == STORE_CONFLICT)
		errors_addf(err, "单位「%s」已存在于区划 %s，或统一社会信用代码"
			    "重复，或区划不存在", u->name, u->region_code);
	return rc;
}

enum store_rc store_unit_list(struct store *s, const char *region,
			      struct arena *a, struct unit **out, size_t *n)
{
	sqlite3_stmt *st = prep(s, region ? STMT_UNIT_LIST : STMT_UNIT_LIST_ALL);
	struct unit *v = NULL;
	size_t alloc = 0, cnt = 0;
	int rc;

	if (region)
		bind_text(st, 1, region);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xgrow(v, sizeof(*v), cnt + 1, &alloc);
		v[cnt].id = sqlite3_column_int64(st, 0);
		v[cnt].name = col_text(st, 1, a);
		v[cnt].kind = col_text(st, 2, a);
		v[cnt].region_code = col_text(st, 3, a);
		v[cnt].credit_code = col_text(st, 4, a);
		cnt++;
	}
	sqlite3_reset(st);
	*out = arena_alloc(a, (cnt ? cnt : 1) * sizeof(**out));
	if (cnt)
		memcpy(*out, v, cnt * sizeof(*v));
	free(v);
	*n = cnt;
	return rc == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

/* --- domains --- */

enum store_rc store_domain_put(struct store *s, struct domain *d,
			       struct errors *err)
{
	sqlite3_stmt *st = prep(s, STMT_DOMAIN_PUT);
	enum store_rc rc;

	bind_text(st, 1, d->code);
	bind_text(st, 2, d->name);
	sqlite3_bind_int(st, 3, d->sort);
	bind_text(st, 4, d->department ? d->department : "");
	rc = run_returning(s, st, &d->id, err);
	if (rc == STORE_CONFLICT)
		errors_addf(err, "领域名称「%s」已被另一个代码使用", d->name);
	return rc;
}

static void domain_row(sqlite3_stmt *st, struct arena *a, struct domain *d)
{
	d->id = sqlite3_column_int64(st, 0);
	d->code = col_text(st, 1, a);
	d->name = col_text(st, 2, a);
	d->sort = sqlite3_column_int(st, 3);
	d->department = col_text0(st, 4, a);
}

enum store_rc store_domain_find(struct store *s, const char *code_or_name,
				struct arena *a, struct domain *out)
{
	sqlite3_stmt *st = prep(s, STMT_DOMAIN_FIND);
	int rc;

	bind_text(st, 1, code_or_name);
	bind_text(st, 2, code_or_name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		domain_row(st, a, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_error(s, NULL);
}

enum store_rc store_domain_list(struct store *s, struct arena *a,
				struct domain **out, size_t *n)
{
	sqlite3_stmt *st = prep(s, STMT_DOMAIN_LIST);
	struct domain *v = NULL;
	size_t alloc = 0, cnt = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xgrow(v, sizeof(*v), cnt + 1, &alloc);
		domain_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	*out = arena_alloc(a, (cnt ? cnt : 1) * sizeof(**out));
	if (cnt)
		memcpy(*out, v, cnt * sizeof(*v));
	free(v);
	*n = cnt;
	return rc == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

/* --- catalogs --- */

static enum catalog_status status_parse(const char *t)
{
	for (int i = 0; i < CATALOG__MAX; i++)
		if (t && !strcmp(t, status_code[i]))
			return (enum catalog_status)i;
	return CATALOG_DRAFT;
}

static void catalog_row(sqlite3_stmt *st, struct arena *a, struct catalog *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->region_code = col_text(st, 1, a);
	c->region_name = col_text(st, 2, a);
	c->domain_id = sqlite3_column_int64(st, 3);
	c->domain_code = col_text(st, 4, a);
	c->domain_name = col_text(st, 5, a);
	c->version = col_text(st, 6, a);
	c->status = status_parse((const char *)sqlite3_column_text(st, 7));
	c->parent_id = sqlite3_column_int64(st, 8);
	c->previous_id = sqlite3_column_int64(st, 9);
	c->author = col_text0(st, 10, a);
	c->source = col_text0(st, 11, a);
	c->review_note = col_text0(st, 12, a);
	c->created_at = col_text(st, 13, a);
	c->updated_at = col_text(st, 14, a);
	c->submitted_at = col_text(st, 15, a);
	c->approved_at = col_text(st, 16, a);
	c->published_at = col_text(st, 17, a);
}

void bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

/* Elements and channels as the JSON text kept in the items row, written
 * directly (this runs once per item of an import). */
static char *elements_json(const struct item *it)
{
	struct buf b = BUF_INIT;

	buf_addch(&b, '[');
	for (size_t i = 0; i < it->nelements; i++) {
		buf_adds(&b, i ? ",{\"t\":" : "{\"t\":");
		json_str(&b, it->elements[i].text);
		buf_adds(&b, it->elements[i].required ? ",\"r\":true}"
						      : ",\"r\":false}");
	}
	buf_addch(&b, ']');
	return buf_detach(&b, NULL);
}

static char *channels_json(const struct item *it)
{
	struct buf b = BUF_INIT;

	buf_addch(&b, '[');
	for (size_t i = 0; i < it->nchannels; i++) {
		buf_addf(&b, "%s{\"s\":%d,\"n\":", i ? "," : "",
			 it->channels[i].std);
		json_str(&b, it->channels[i].name);
		buf_adds(&b, it->channels[i].required ? ",\"r\":true}"
						      : ",\"r\":false}");
	}
	buf_addch(&b, ']');
	return buf_detach(&b, NULL);
}

/* Read the JSON lists back; a damaged value reads as an empty list. */
static void elements_from_json(const char *text, struct arena *a,
			       struct item *it)
{
	json_t *v = text ? json_loads(text, 0, NULL) : NULL;
	size_t n = json_is_array(v) ? json_array_size(v) : 0, k = 0;

	it->elements = n ? arena_alloc(a, n * sizeof(*it->elements)) : NULL;
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(v, i);
		const char *t = json_string_value(json_object_get(e, "t"));
		if (!t)
			continue;
		it->elements[k].text = arena_strdup(a, t);
		it->elements[k].required = json_is_true(json_object_get(e, "r"));
		k++;
	}
	it->nelements = k;
	json_decref(v);
}

static void channels_from_json(const char *text, struct arena *a,
			       struct item *it)
{
	json_t *v = text ? json_loads(text, 0, NULL) : NULL;
	size_t n = json_is_array(v) ? json_array_size(v) : 0, k = 0;

	it->channels = n ? arena_alloc(a, n * sizeof(*it->channels)) : NULL;
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(v, i);
		const char *t = json_string_value(json_object_get(e, "n"));
		if (!t)
			continue;
		it->channels[k].std = (int)json_integer_value(json_object_get(e, "s"));
		it->channels[k].name = arena_strdup(a, t);
		it->channels[k].required = json_is_true(json_object_get(e, "r"));
		k++;
	}
	it->nchannels = k;
	json_decref(v);
}

/* Insert or update one item.  'parent_id' is the database id of its parent
 * item (0 for 一级). */
static enum store_rc item_write(struct store *s, int64_t catalog_id,
				struct item *it, int64_t parent_id, int seq,
				struct errors *err)
{
	sqlite3_stmt *st;
	enum store_rc rc;
	char *el = elements_json(it), *ch = channels_json(it);
	int k = 1;

	if (it->id) {
		st = prep(s, STMT_ITEM_UPDATE);
		bind_id(st, k++, parent_id);
	} else {
		st = prep(s, STMT_ITEM_INSERT);
		sqlite3_bind_int64(st, k++, catalog_id);
		bind_id(st, k++, parent_id);
	}
	sqlite3_bind_int(st, k++, it->level);
	sqlite3_bind_int(st, k++, seq);
	bind_text(st, k++, it->lineage);
	bind_id(st, k++, it->origin_item);
	bind_text(st, k++, it->local_reason);
	bind_text(st, k++, it->name);
	bind_text(st, k++, it->item_type ? it->item_type : "");
	bind_text(st, k++, it->service_name ? it->service_name : "");
	bind_text(st, k++, it->basis ? it->basis : "");
	bind_text(st, k++, it->time_limit ? it->time_limit : "");
	bind_text(st, k++, it->tl.kind ? it->tl.kind : "");
	sqlite3_bind_int(st, k++, it->tl.days);
	sqlite3_bind_int(st, k++, it->tl.workdays);
	bind_text(st, k++, it->tl.anchor ? it->tl.anchor : "");
	sqlite3_bind_int(st, k++, it->tl.notice_days);
	bind_text(st, k++, it->subject ? it->subject : "");
	sqlite3_bind_int(st, k++, (int)it->audience);
	sqlite3_bind_int(st, k++, (int)it->mode);
	sqlite3_bind_int(st, k++, (int)it->levels);
	bind_text(st, k++, it->note ? it->note : "");
	bind_text(st, k++, it->service_url ? it->service_url : "");
	bind_text(st, k++, el);
	bind_text(st, k++, ch);
	if (it->id) {
		sqlite3_bind_int64(st, k++, it->id);
		sqlite3_bind_int64(st, k++, catalog_id);
		rc = run(s, st, err);
	} else {
		rc = run_returning(s, st, &it->id, err);
	}
	if (rc == STORE_CONFLICT)
		rc = db_error(s, err);
	sqlite3_clear_bindings(st);	/* el and ch are freed now */
	free(el);
	free(ch);
	return rc;
}

static enum store_rc items_write(struct store *s, struct catalog *c,
				 struct errors *err)
{
	for (size_t i = 0; i < c->nitems; i++) {
		struct item *it = &c->items[i];
		int64_t pid = it->parent >= 0 ? c->items[it->parent].id : 0;
		enum store_rc rc = item_write(s, c->id, it, pid, (int)i, err);
		if (rc != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

enum store_rc store_catalog_insert(struct store *s, struct catalog *c,
				   struct errors *err)
{
	char now[TIME_TEXT_LEN];
	sqlite3_stmt *st;
	enum store_rc rc;

	time_now_text(now);
	if (store_begin(s, err) != STORE_OK)
		return STORE_ERROR;
	st = prep(s, STMT_CATALOG_INSERT);
	bind_text(st, 1, c->region_code);
	sqlite3_bind_int64(st, 2, c->domain_id);
	bind_text(st, 3, c->version);
	bind_text(st, 4, status_code[c->status]);
	bind_id(st, 5, c->parent_id);
	bind_id(st, 6, c->previous_id);
	bind_text(st, 7, c->author ? c->author : "");
	bind_text(st, 8, c->source ? c->source : "");
	bind_text(st, 9, now);
	bind_text(st, 10, now);
	rc = run_returning(s, st, &c->id, err);
	if (rc == STORE_CONFLICT) {
		errors_addf(err, "区划 %s 的该领域目录已有「%s」版本，"
			    "请换一个版本名称（--version）", c->region_code,
			    c->version);
		goto fail;
	}
	if (rc != STORE_OK)
		goto fail;
	for (size_t i = 0; i < c->nitems; i++)
		c->items[i].id = 0;
	if ((rc = items_write(s, c, err)) != STORE_OK)
		goto fail;
	if (store_commit(s, err) != STORE_OK)
		return STORE_ERROR;
	return STORE_OK;
fail:
	store_rollback(s);
	return rc;
}

enum store_rc store_catalog_head(struct store *s, int64_t id, struct arena *a,
				 struct catalog *out)
{
	sqlite3_stmt *st = prep(s, STMT_CATALOG_HEAD);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		catalog_row(st, a, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_error(s, NULL);
}

/* Index of the item with database id 'id' among items[0..n), by binary
 * search over the id-sorted index 'order'. */
static int find_item(const struct item *items, const int *order, size_t n,
		     int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int64_t v = items[order[mid]].id;
		if (v == id)
			return order[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int cmp_item_id(const void *a, const void *b, void *items)
{
	const struct item *v = items;
	int64_t x = v[*(const int *)a].id;
	int64_t y = v[*(const int *)b].id;
	return x < y ? -1 : x > y;
}

static int cmp_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

enum store_rc store_catalog_load(struct store *s, int64_t id, struct arena *a,
				 struct catalog *out)
{
	enum store_rc rc = store_catalog_head(s, id, a, out);
	struct item *v = NULL;
	int64_t *parent_ids = NULL;
	int *order = NULL;
	size_t alloc = 0, palloc = 0, cnt = 0;
	sqlite3_stmt *st;
	int r;

	if (rc != STORE_OK)
		return rc;
	st = prep(s, STMT_ITEMS_OF);
	sqlite3_bind_int64(st, 1, id);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct item *it;
		int k = 3;

		v = xgrow(v, sizeof(*v), cnt + 1, &alloc);
		parent_ids = xgrow(parent_ids, sizeof(*parent_ids), cnt + 1,
				   &palloc);
		it = &v[cnt];
		memset(it, 0, sizeof(*it));
		it->id = sqlite3_column_int64(st, 0);
		parent_ids[cnt] = sqlite3_column_int64(st, 1);
		it->level = sqlite3_column_int(st, 2);
		it->lineage = col_text0(st, k++, a);
		it->origin_item = sqlite3_column_int64(st, k++);
		it->local_reason = col_text(st, k++, a);
		it->name = col_text0(st, k++, a);
		it->item_type = col_text0(st, k++, a);
		it->service_name = col_text0(st, k++, a);
		it->basis = col_text0(st, k++, a);
		it->time_limit = col_text0(st, k++, a);
		it->tl.kind = col_text0(st, k++, a);
		it->tl.days = sqlite3_column_int(st, k++);
		it->tl.workdays = sqlite3_column_int(st, k++);
		it->tl.anchor = col_text0(st, k++, a);
		it->tl.notice_days = sqlite3_column_int(st, k++);
		it->subject = col_text0(st, k++, a);
		it->audience = (unsigned)sqlite3_column_int(st, k++);
		it->mode = (unsigned)sqlite3_column_int(st, k++);
		it->levels = (unsigned)sqlite3_column_int(st, k++);
		it->note = col_text0(st, k++, a);
		it->service_url = col_text0(st, k++, a);
		elements_from_json((const char *)sqlite3_column_text(st, k++), a, it);
		channels_from_json((const char *)sqlite3_column_text(st, k++), a, it);
		cnt++;
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		rc = db_error(s, NULL);
		goto out;
	}
	out->items = arena_alloc(a, (cnt ? cnt : 1) * sizeof(*out->items));
	if (cnt)
		memcpy(out->items, v, cnt * sizeof(*v));
	out->nitems = out->alloc = cnt;
	order = xmalloc((cnt ? cnt : 1) * sizeof(*order));
	for (size_t i = 0; i < cnt; i++)
		order[i] = (int)i;
	qsort_r(order, cnt, sizeof(*order), cmp_item_id, out->items);
	for (size_t i = 0; i < cnt; i++)
		out->items[i].parent = parent_ids[i]
			? find_item(out->items, order, cnt, parent_ids[i]) : -1;

out:
	free(v);
	free(parent_ids);
	free(order);
	return rc;
}

enum store_rc store_catalog_list(struct store *s,
				 const struct catalog_filter *f,
				 struct arena *a, struct catalog **out,
				 size_t *n)
{
	sqlite3_stmt *st = prep(s, STMT_CATALOG_LIST);
	struct catalog *v = NULL;
	size_t alloc = 0, cnt = 0;
	int rc;
	const char *status = f->status >= 0 && f->status < CATALOG__MAX
		? status_code[f->status] : NULL;

	bind_text(st, 1, f->region);
	bind_text(st, 2, f->region);
	sqlite3_bind_int64(st, 3, f->domain_id);
	sqlite3_bind_int64(st, 4, f->domain_id);
	bind_text(st, 5, status);
	bind_text(st, 6, status);
	sqlite3_bind_int64(st, 7, f->parent_id);
	sqlite3_bind_int64(st, 8, f->parent_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xgrow(v, sizeof(*v), cnt + 1, &alloc);
		catalog_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	*out = arena_alloc(a, (cnt ? cnt : 1) * sizeof(**out));
	if (cnt)
		memcpy(*out, v, cnt * sizeof(*v));
	free(v);
	*n = cnt;
	return rc == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

enum store_rc store_catalog_latest_published(struct store *s,
					     const char *region,
					     int64_t domain_id,
					     struct arena *a,
					     struct catalog *out)
{
	sqlite3_stmt *st = prep(s, STMT_CATALOG_LATEST);
	int rc;

	bind_text(st, 1, region);
	sqlite3_bind_int64(st, 2, domain_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		catalog_row(st, a, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_error(s, NULL);
}

enum store_rc store_catalog_set_status(struct store *s, int64_t id,
				       enum catalog_status stat,
				       const char *note, struct errors *err)
{
	sqlite3_stmt *st = prep(s, STMT_CATALOG_STATUS);
	char now[TIME_TEXT_LEN];
	const char *code = status_code[stat];
	enum store_rc rc;

	time_now_text(now);
	bind_text(st, 1, code);
	bind_text(st, 2, note ? note : "");
	bind_text(st, 3, now);
	for (int i = 0; i < 3; i++) {
		bind_text(st, 4 + 2 * i, code);
		bind_text(st, 5 + 2 * i, now);
	}
	sqlite3_bind_int64(st, 10, id);
	if ((rc = run(s, st, err)) != STORE_OK)
		return rc;
	/* a newly published catalog's items become searchable */
	return stat == CATALOG_PUBLISHED ? store_search_sync_catalog(s, id, err) :
		STORE_OK;
}

enum store_rc store_catalog_replace_items(struct store *s, struct catalog *c,
					  struct errors *err)
{
	sqlite3_stmt *st;
	int64_t *old = NULL, *keep = NULL;
	size_t nold = 0, alloc = 0;
	enum store_rc rc;
	char now[TIME_TEXT_LEN];
	int r;

	if (store_begin(s, err) != STORE_OK)
		return STORE_ERROR;
	/* delete the items no longer present, deepest first */
	st = prep(s, STMT_ITEM_IDS);
	sqlite3_bind_int64(st, 1, c->id);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		old = xgrow(old, sizeof(*old), nold + 1, &alloc);
		old[nold++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		rc = db_error(s, err);
		goto fail;
	}
	keep = xmalloc((c->nitems ? c->nitems : 1) * sizeof(*keep));
	for (size_t j = 0; j < c->nitems; j++)
		keep[j] = c->items[j].id;
	qsort(keep, c->nitems, sizeof(*keep), cmp_int64);
	for (size_t i = 0; i < nold; i++) {
		if (bsearch(&old[i], keep, c->nitems, sizeof(*keep), cmp_int64))
			continue;
		st = prep(s, STMT_ITEM_DELETE);
		sqlite3_bind_int64(st, 1, old[i]);
		if ((rc = run(s, st, err)) != STORE_OK) {
			if (rc == STORE_CONFLICT)
				rc = db_error(s, err);
			goto fail;
		}
	}
	if ((rc = items_write(s, c, err)) != STORE_OK)
		goto fail;
	time_now_text(now);
	st = prep(s, STMT_CATALOG_TOUCH);
	bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, c->id);
	if ((rc = run(s, st, err)) != STORE_OK)
		goto fail;
	free(old);
	free(keep);
	return store_commit(s, err) == STORE_OK ? STORE_OK : STORE_ERROR;
fail:
	free(old);
	free(keep);
	store_rollback(s);
	return rc;
}

enum store_rc store_catalog_event(struct store *s, int64_t id,
				  const char *actor, const char *action,
				  const char *detail, struct errors *err)
{
	sqlite3_stmt *st = prep(s, STMT_EVENT_ADD);
	char now[TIME_TEXT_LEN];

	time_now_text(now);
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, now);
	bind_text(st, 3, actor);
	bind_text(st, 4, action);
	bind_text(st, 5, detail ? detail : "");
	return run(s, st, err);
}

enum store_rc store_catalog_events(struct store *s, int64_t id,
				   struct arena *a, struct catalog_event **out,
				   size_t *n)
{
	sqlite3_stmt *st = prep(s, STMT_EVENTS_OF);
	struct catalog_event *v = NULL;
	size_t alloc = 0, cnt = 0;
	int rc;

	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xgrow(v, sizeof(*v), cnt + 1, &alloc);
		v[cnt].at = col_text(st, 0, a);
		v[cnt].actor = col_text(st, 1, a);
		v[cnt].action = col_text(st, 2, a);
		v[cnt].detail = col_text0(st, 3, a);
		cnt++;
	}
	sqlite3_reset(st);
	*out = arena_alloc(a, (cnt ? cnt : 1) * sizeof(**out));
	if (cnt)
		memcpy(*out, v, cnt * sizeof(*v));
	free(v);
	*n = cnt;
	return rc == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}
