/* sqlite-account.c: the SQLite implementation of store-account.h — users,
 * sign-in failures, sessions and unit settings (see sqlite-int.h for the
 * conventions shared with the other store files) */
#include <stdlib.h>
#include <string.h>

#include "sqlite-int.h"
#include "../util/timeutil.h"

enum astmt {
	A_USER_ADD,
	A_USER_GET,
	A_USER_BY_NAME,
	A_USER_LIST,
	A_USER_LIST_ALL,
	A_USER_PASSWORD,
	A_USER_DISABLED,
	A_USER_ROLES,
	A_FAIL_GET,
	A_FAIL_PUT,
	A_FAIL_CLEAR,
	A_FAIL_LOCKED,
	A_SESS_ADD,
	A_SESS_GET,
	A_SESS_TOUCH,
	A_SESS_DELETE,
	A_SESS_DELETE_USER,
	A_UNIT_GET,
	A_UNIT_WORKFLOW,
	A__MAX
};
_Static_assert(SLOTS_ACCOUNT + A__MAX <= SLOTS_WORKFLOW, "too many statements");

#define USER_COLS \
	"u.id, u.username, u.display_name, u.unit_id, COALESCE(n.name, ''), " \
	"n.region_code, u.roles, u.password_hash, u.must_change, u.disabled, " \
	"u.created_at, u.password_at FROM users u " \
	"LEFT JOIN units n ON n.id = u.unit_id "

static const char *const asql[A__MAX] = {
	[A_USER_ADD] = "INSERT INTO users (username, display_name, unit_id, "
		"roles, password_hash, must_change, disabled, created_at, "
		"password_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id",
	[A_USER_GET] = "SELECT " USER_COLS "WHERE u.id = ?",
	[A_USER_BY_NAME] = "SELECT " USER_COLS "WHERE u.username = ?",
	[A_USER_LIST] = "SELECT " USER_COLS "WHERE u.unit_id = ? ORDER BY u.username",
	[A_USER_LIST_ALL] = "SELECT " USER_COLS "ORDER BY u.username",
	[A_USER_PASSWORD] = "UPDATE users SET password_hash = ?, must_change = ?, "
		"password_at = ? WHERE id = ?",
	[A_USER_DISABLED] = "UPDATE users SET disabled = ? WHERE id = ?",
	[A_USER_ROLES] = "UPDATE users SET roles = ? WHERE id = ?",
	[A_FAIL_GET] = "SELECT failures, last_at, locked_until FROM login_failures "
		"WHERE key = ?",
	[A_FAIL_PUT] = "INSERT INTO login_failures (key, failures, last_at, "
		"locked_until) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
		"failures = excluded.failures, last_at = excluded.last_at, "
		"locked_until = excluded.locked_until",
	[A_FAIL_CLEAR] = "DELETE FROM login_failures WHERE key = ?",
	[A_FAIL_LOCKED] = "SELECT key FROM login_failures WHERE locked_until > ? "
		"ORDER BY key",
	[A_SESS_ADD] = "INSERT INTO sessions (token_hash, user_id, csrf, "
		"created_at, last_seen, client) VALUES (?, ?, ?, ?, ?, ?)",
	[A_SESS_GET] = "SELECT token_hash, user_id, csrf, created_at, last_seen, "
		"client FROM sessions WHERE token_hash = ?",
	[A_SESS_TOUCH] = "UPDATE sessions SET last_seen = ? WHERE token_hash = ?",
	[A_SESS_DELETE] = "DELETE FROM sessions WHERE token_hash = ?",
	[A_SESS_DELETE_USER] = "DELETE FROM sessions WHERE user_id = ?",
	[A_UNIT_GET] = "SELECT id, name, kind, region_code, credit_code, "
		"workflow, index_rule FROM units WHERE id = ?",
	[A_UNIT_WORKFLOW] = "UPDATE units SET workflow = ?, index_rule = ? "
		"WHERE id = ?",
};

static sqlite3_stmt *aprep(struct store *s, enum astmt id)
{
	return prep_sql(s, SLOTS_ACCOUNT + id, asql[id]);
}

static void user_row(sqlite3_stmt *st, struct arena *a, struct user *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->username = col_text0(st, 1, a);
	u->display_name = col_text0(st, 2, a);
	u->unit_id = sqlite3_column_int64(st, 3);
	u->unit_name = col_text0(st, 4, a);
	u->region_code = col_text(st, 5, a);
	u->roles = (unsigned)sqlite3_column_int64(st, 6);
	u->password_hash = col_text0(st, 7, a);
	u->must_change = sqlite3_column_int(st, 8) != 0;
	u->disabled = sqlite3_column_int(st, 9) != 0;
	u->created_at = col_text0(st, 10, a);
	u->password_at = col_text0(st, 11, a);
}

enum store_rc store_user_add(struct store *s, struct user *u,
			     struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_USER_ADD);
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	time_now_text(now);
	bind_text(st, 1, u->username);
	bind_text(st, 2, u->display_name);
	bind_id(st, 3, u->unit_id);
	sqlite3_bind_int64(st, 4, u->roles);
	bind_text(st, 5, u->password_hash);
	sqlite3_bind_int(st, 6, u->must_change);
	bind_text(st, 7, now);
	bind_text(st, 8, now);
	rc = run_returning(s, st, &u->id, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT)
		errors_addf(err, "用户名 %s 已被使用（或单位不存在）", u->username);
	return rc;
}

static enum store_rc user_one(struct store *s, sqlite3_stmt *st,
			      struct arena *a, struct user *out)
{
	enum store_rc rc = STORE_NOTFOUND;

	if (sqlite3_step(st) == SQLITE_ROW) {
		user_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	(void)s;
	return rc;
}

enum store_rc store_user_get(struct store *s, int64_t id, struct arena *a,
			     struct user *out)
{
	sqlite3_stmt *st = aprep(s, A_USER_GET);

	sqlite3_bind_int64(st, 1, id);
	return user_one(s, st, a, out);
}

enum store_rc store_user_by_name(struct store *s, const char *username,
				 struct arena *a, struct user *out)
{
	sqlite3_stmt *st = aprep(s, A_USER_BY_NAME);

	bind_text(st, 1, username);
	return user_one(s, st, a, out);
}

enum store_rc store_user_list(struct store *s, int64_t unit_id,
			      struct arena *a, struct user **out, size_t *n)
{
	sqlite3_stmt *st = aprep(s, unit_id ? A_USER_LIST : A_USER_LIST_ALL);
	struct user *v = NULL;
	size_t cnt = 0, cap = 0;

	if (unit_id)
		sqlite3_bind_int64(st, 1, unit_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == cap) {
			struct user *bigger;

			cap = cap ? 2 * cap : 16;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (cnt)
				memcpy(bigger, v, cnt * sizeof(*v));
			v = bigger;
		}
		user_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return STORE_OK;
}

static enum store_rc changed_one(struct store *s, sqlite3_stmt *st,
				 struct errors *err)
{
	enum store_rc rc = run(s, st, err);

	sqlite3_reset(st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_NOTFOUND;
	return rc;
}

enum store_rc store_user_set_password(struct store *s, int64_t id,
				      const char *hash, bool must_change,
				      struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_USER_PASSWORD);
	char now[TIME_TEXT_LEN];

	time_now_text(now);
	bind_text(st, 1, hash);
	sqlite3_bind_int(st, 2, must_change);
	bind_text(st, 3, now);
	sqlite3_bind_int64(st, 4, id);
	return changed_one(s, st, err);
}

enum store_rc store_user_set_disabled(struct store *s, int64_t id,
				      bool disabled, struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_USER_DISABLED);

	sqlite3_bind_int(st, 1, disabled);
	sqlite3_bind_int64(st, 2, id);
	return changed_one(s, st, err);
}

enum store_rc store_user_set_roles(struct store *s, int64_t id,
				   unsigned roles, struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_USER_ROLES);

	sqlite3_bind_int64(st, 1, roles);
	sqlite3_bind_int64(st, 2, id);
	return changed_one(s, st, err);
}

enum store_rc store_failure_get(struct store *s, const char *key,
				struct arena *a, struct login_failure *out)
{
	sqlite3_stmt *st = aprep(s, A_FAIL_GET);
	enum store_rc rc = STORE_NOTFOUND;

	bind_text(st, 1, key);
	memset(out, 0, sizeof(*out));
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->failures = sqlite3_column_int(st, 0);
		out->last_at = col_text0(st, 1, a);
		out->locked_until = col_text(st, 2, a);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_failure_put(struct store *s, const char *key,
				int failures, const char *locked_until,
				struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_FAIL_PUT);
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	time_now_text(now);
	bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, failures);
	bind_text(st, 3, now);
	bind_text(st, 4, locked_until);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_failure_clear(struct store *s, const char *key,
				  struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_FAIL_CLEAR);
	enum store_rc rc;

	bind_text(st, 1, key);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_failure_locked(struct store *s, const char *now,
				   struct arena *a, const char ***keys,
				   size_t *n)
{
	sqlite3_stmt *st = aprep(s, A_FAIL_LOCKED);
	const char **v = NULL;
	size_t cnt = 0, cap = 0;

	bind_text(st, 1, now);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == cap) {
			const char **bigger;

			cap = cap ? 2 * cap : 16;
			bigger = arena_alloc(a, cap * sizeof(*bigger));
			if (cnt)
				memcpy(bigger, v, cnt * sizeof(*v));
			v = bigger;
		}
		v[cnt++] = col_text0(st, 0, a);
	}
	sqlite3_reset(st);
	*keys = v;
	*n = cnt;
	return STORE_OK;
}

enum store_rc store_session_add(struct store *s, const struct session *se,
				struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_SESS_ADD);
	enum store_rc rc;

	bind_text(st, 1, se->token_hash);
	sqlite3_bind_int64(st, 2, se->user_id);
	bind_text(st, 3, se->csrf);
	bind_text(st, 4, se->created_at);
	bind_text(st, 5, se->last_seen);
	bind_text(st, 6, se->client);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_session_get(struct store *s, const char *token_hash,
				struct arena *a, struct session *out)
{
	sqlite3_stmt *st = aprep(s, A_SESS_GET);
	enum store_rc rc = STORE_NOTFOUND;

	bind_text(st, 1, token_hash);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->token_hash = col_text0(st, 0, a);
		out->user_id = sqlite3_column_int64(st, 1);
		out->csrf = col_text0(st, 2, a);
		out->created_at = col_text0(st, 3, a);
		out->last_seen = col_text0(st, 4, a);
		out->client = col_text0(st, 5, a);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_session_touch(struct store *s, const char *token_hash,
				  const char *now)
{
	sqlite3_stmt *st = aprep(s, A_SESS_TOUCH);
	enum store_rc rc;

	bind_text(st, 1, now);
	bind_text(st, 2, token_hash);
	rc = run(s, st, NULL);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_session_delete(struct store *s, const char *token_hash)
{
	sqlite3_stmt *st = aprep(s, A_SESS_DELETE);
	enum store_rc rc;

	bind_text(st, 1, token_hash);
	rc = run(s, st, NULL);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_session_delete_user(struct store *s, int64_t user_id)
{
	sqlite3_stmt *st = aprep(s, A_SESS_DELETE_USER);
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, user_id);
	rc = run(s, st, NULL);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_unit_get(struct store *s, int64_t id, struct arena *a,
			     struct unit *out, struct unit_settings *set)
{
	sqlite3_stmt *st = aprep(s, A_UNIT_GET);
	enum store_rc rc = STORE_NOTFOUND;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->name = col_text0(st, 1, a);
		out->kind = col_text0(st, 2, a);
		out->region_code = col_text0(st, 3, a);
		out->credit_code = col_text(st, 4, a);
		if (set) {
			set->workflow = col_text0(st, 5, a);
			set->index_rule = col_text0(st, 6, a);
		}
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_unit_set_workflow(struct store *s, int64_t id,
				      const char *workflow,
				      const char *index_rule,
				      struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_UNIT_WORKFLOW);

	bind_text(st, 1, workflow);
	bind_text(st, 2, index_rule);
	sqlite3_bind_int64(st, 3, id);
	return changed_one(s, st, err);
}
