/* test-audit.c: the audit trail — appending (inside and outside a caller's
 * transaction), the hash serialisation, listing with filters, and
 * verification against every kind of tampering an attacker with the
 * database file could do: the triggers are dropped through sqlite3
 * directly, then rows are edited, deleted, swapped, inserted, truncated,
 * or the whole chain rewritten. */
#include "t.h"

#include <jansson.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "api/json-audit.h"
#include "domain/audit.h"
#include "store/store.h"
#include "util/buf.h"

#define ZEROS "0000000000000000000000000000000000000000000000000000000000000000"

static struct store *fresh(const char *name, char *path, size_t n)
{
	struct errors err = ERRORS_INIT;
	struct store *s = store_open(t_tmp(name, path, n), STORE_OPEN_CREATE,
				     &err);

	if (s && store_migrate(s, &err) != STORE_OK) {
		store_close(s);
		s = NULL;
	}
	errors_print(&err, stderr);
	errors_release(&err);
	return s;
}

static struct store *reopen(const char *path)
{
	struct errors err = ERRORS_INIT;
	struct store *s = store_open(path, STORE_OPEN_EXISTING, &err);

	errors_print(&err, stderr);
	errors_release(&err);
	return s;
}

static const struct actor editor = {
	.user_id = 7, .username = "zhangsan", .roles = ROLE_EDITOR,
	.unit_id = 3, .region_code = "430104", .client = "10.0.0.1",
};

/* Entry k (1-based) of a standard sequence: varied actors, actions,
 * regions, JSON before/after. */
static int append_nth(struct store *s, int k, struct errors *err)
{
	char id[16], before[64], after[64], detail[64];
	static const char *const actions[] = { "record.submit", "record.publish",
		"catalog.import", "user.add", "session.login_failed" };
	static const char *const regions[] = { "430104", "430104001", "430102",
		NULL, "430100" };

	snprintf(id, sizeof(id), "%d", k);
	snprintf(before, sizeof(before), "{\"n\":%d,\"s\":\"旧\"}", k - 1);
	snprintf(after, sizeof(after), "{\"n\":%d,\"s\":\"新\"}", k);
	snprintf(detail, sizeof(detail), "第 %d 次操作", k);
	return audit_append(s, k % 3 ? &editor : NULL, actions[k % 5],
			    k % 5 == 2 ? "catalog" : "record", id,
			    regions[k % 5], k % 5 == 3 ? 0 : 3,
			    k % 4 ? before : NULL, k % 7 ? after : NULL,
			    detail, err);
}

static int append_many(struct store *s, int n)
{
	struct errors err = ERRORS_INIT;
	int rc = 0;

	for (int k = 1; k <= n && !rc; k++)
		rc = append_nth(s, k, &err);
	errors_print(&err, stderr);
	errors_release(&err);
	return rc;
}

static int64_t count(struct store *s)
{
	int64_t n = -1;
	store_audit_count(s, &n);
	return n;
}

/* Run audit_verify; problems in 'a'. */
static int verify(struct store *s, struct arena *a, struct audit_problem **p,
		  size_t *n, struct audit_summary *sum)
{
	struct errors err = ERRORS_INIT;
	int rc = audit_verify(s, p, n, a, sum, &err);

	errors_print(&err, stderr);
	errors_release(&err);
	return rc;
}

/* Whether some problem names entry 'id' and contains 'text'. */
static int has_problem(const struct audit_problem *p, size_t n, int64_t id,
		       const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id && strstr(p[i].msg, text))
			return 1;
	return 0;
}

static void dump(const struct audit_problem *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "    [%lld] %s\n", (long long)p[i].id, p[i].msg);
}

/* Run SQL on the file directly, as an attacker with the file would;
 * returns the SQLite result code, the message in msg (if not NULL). */
static int raw(const char *path, const char *sql, char *msg, size_t n)
{
	sqlite3 *db;
	char *m = NULL;
	int rc;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, sql, NULL, NULL, &m);
	if (msg)
		snprintf(msg, n, "%s", m ? m : "");
	sqlite3_free(m);
	sqlite3_close(db);
	return rc;
}

static const char drop_triggers[] =
	"DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; "
	"DROP TRIGGER audit_log_append_only; DROP TRIGGER audit_head_no_delete; "
	"DROP TRIGGER audit_head_forward_only; ";

/* --- the hash --- */

TEST(test_audit__hash_matches_the_documented_serialisation)
{
	/* computed independently (Python hashlib) from audit.h's rule */
	struct audit_entry e = {
		.id = 1, .at = "2026-03-02T09:00:00Z", .actor = "张三",
		.actor_id = 7, .client = "10.0.0.1", .action = "record.publish",
		.object_type = "record", .object_id = "42",
		.region_code = "430104", .unit_id = 3, .before = NULL,
		.after = "{\"status\":\"published\"}", .detail = "发布「测试」",
		.prev_hash = ZEROS,
	};
	char h[AUDIT_HASH_HEX];

	audit_hash(&e, h);
	CHECK_STR(h, "349e31c5aa620fa2803fec62fda96fcf196ce3d3b0e25a5aec4927008d8ac6b5");
}

TEST(test_audit__hash_is_unambiguous)
{
	struct audit_entry a = { .id = 1, .at = "t", .actor = "ab",
		.client = "c", .action = "x.y", .object_type = "o",
		.object_id = "1", .detail = "", .prev_hash = ZEROS };
	struct audit_entry b = a;
	char ha[AUDIT_HASH_HEX], hb[AUDIT_HASH_HEX];

	audit_hash(&a, ha);
	/* a byte moved from one field to the next */
	b.actor = "a";
	b.client = "bc";
	audit_hash(&b, hb);
	CHECK(strcmp(ha, hb));
	/* NULL and "" differ */
	b = a;
	b.before = "";
	audit_hash(&b, hb);
	CHECK(strcmp(ha, hb));
	/* before and after are not interchangeable */
	a.before = "{}";
	b = a;
	b.before = NULL;
	b.after = "{}";
	audit_hash(&a, ha);
	audit_hash(&b, hb);
	CHECK(strcmp(ha, hb));
	/* the id and the previous hash are covered */
	b = a;
	b.id = 2;
	audit_hash(&b, hb);
	CHECK(strcmp(ha, hb));
	b = a;
	b.prev_hash = "1" ZEROS;
	audit_hash(&b, hb);
	CHECK(strcmp(ha, hb));
	/* a user id 0 is the command line's NULL, 1 is not */
	b = a;
	b.actor_id = 1;
	audit_hash(&b, hb);
	CHECK(strcmp(ha, hb));
}

/* --- appending --- */

TEST(test_audit__append_builds_the_chain)
{
	char path[300];
	struct store *s = fresh("chain.db", path, sizeof(path));
	struct arena a = ARENA_INIT;
	struct audit_filter f = { 0 };
	struct audit_entry *v;
	struct audit_head head;
	size_t n;
	int64_t total;
	char h[AUDIT_HASH_HEX];

	CHECK(s);
	CHECK_INT(append_many(s, 5), 0);
	CHECK_INT(count(s), 5);
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 5);
	CHECK_INT(n, 5);
	/* newest first */
	for (size_t i = 0; i < n; i++) {
		CHECK_INT(v[i].id, 5 - (int64_t)i);
		audit_hash(&v[i], h);
		CHECK_STR(v[i].hash, h);
		if (i + 1 < n)
			CHECK_STR(v[i].prev_hash, v[i + 1].hash);
	}
	CHECK_STR(v[4].prev_hash, ZEROS);
	CHECK_INT(store_audit_head(s, &a, &head), STORE_OK);
	CHECK_INT(head.count, 5);
	CHECK_INT(head.last_id, 5);
	CHECK_STR(head.last_hash, v[0].hash);
	store_close(s);
	arena_release(&a);
}

TEST(test_audit__who_when_where)
{
	char path[300];
	struct store *s = fresh("who.db", path, sizeof(path));
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct audit_entry e;

	CHECK(s);
	setenv("GONGKAI_NOW", "2026-03-02T09:00:00Z", 1);
	CHECK_INT(audit_append(s, NULL, "region.import", "region", "430100",
			       "430100", 0, NULL, "{\"n\":9}", NULL, &err), 0);
	CHECK_INT(audit_append(s, &editor, "record.publish", "record", "42",
			       "430104", 3, "{\"status\":\"draft\"}",
			       "{\"status\":\"published\"}", "发布「测试」",
			       &err), 0);
	unsetenv("GONGKAI_NOW");
	CHECK_INT(store_audit_get(s, 1, &a, &e), STORE_OK);
	CHECK_STR(e.actor, "命令行");
	CHECK_STR(e.client, "命令行");
	CHECK_INT(e.actor_id, 0);
	CHECK_INT(e.unit_id, 0);
	CHECK(e.before == NULL);
	CHECK_STR(e.after, "{\"n\":9}");
	CHECK_STR(e.detail, "");
	CHECK_STR(e.at, "2026-03-02T09:00:00Z");
	CHECK_INT(store_audit_get(s, 2, &a, &e), STORE_OK);
	CHECK_STR(e.actor, "zhangsan");
	CHECK_INT(e.actor_id, 7);
	CHECK_STR(e.client, "10.0.0.1");
	CHECK_STR(e.action, "record.publish");
	CHECK_STR(e.object_type, "record");
	CHECK_STR(e.object_id, "42");
	CHECK_STR(e.region_code, "430104");
	CHECK_INT(e.unit_id, 3);
	CHECK_STR(e.before, "{\"status\":\"draft\"}");
	CHECK_STR(e.detail, "发布「测试」");
	CHECK_INT(store_audit_get(s, 3, &a, &e), STORE_NOTFOUND);
	store_close(s);
	errors_release(&err);
	arena_release(&a);
}

TEST(test_audit__refuses_what_is_not_an_entry)
{
	char path[300];
	struct store *s = fresh("refuse.db", path, sizeof(path));
	struct errors err = ERRORS_INIT;

	CHECK(s);
	CHECK_INT(audit_append(s, NULL, "", "record", "1", NULL, 0, NULL,
			       NULL, NULL, &err), -1);
	CHECK_INT(audit_append(s, NULL, "record.add", NULL, "1", NULL, 0, NULL,
			       NULL, NULL, &err), -1);
	CHECK_INT(audit_append(s, NULL, "record.add", "record", "1", NULL, 0,
			       "{not json", NULL, NULL, &err), -1);
	CHECK_INT(audit_append(s, NULL, "record.add", "record", "1", NULL, 0,
			       NULL, NULL, "\xff\xfe", &err), -1);
	CHECK_INT(errors_count(&err), 4);
	CHECK_CONTAINS(err.msg[2], "不是 JSON");
	CHECK_CONTAINS(err.msg[3], "不是 UTF-8");
	CHECK_INT(count(s), 0);
	store_close(s);
	errors_release(&err);
}

TEST(test_audit__rolls_back_with_the_callers_transaction)
{
	char path[300];
	struct store *s = fresh("txn.db", path, sizeof(path));
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct region r = { "430000", "湖南省", "省", NULL };
	struct region got;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	CHECK(s);
	CHECK_INT(append_many(s, 3), 0);
	/* a change and its entry, rolled back together */
	CHECK_INT(store_begin(s, &err), STORE_OK);
	CHECK_INT(store_region_put(s, &r, &err), STORE_OK);
	CHECK_INT(audit_append(s, NULL, "region.add", "region", "430000",
			       "430000", 0, NULL, "{\"name\":\"湖南省\"}",
			       "添加行政区划 湖南省", &err), 0);
	CHECK_INT(count(s), 4);		/* visible inside */
	store_rollback(s);
	CHECK_INT(count(s), 3);
	CHECK_INT(store_region_get(s, "430000", &a, &got), STORE_NOTFOUND);
	CHECK_INT(verify(s, &a, &p, &n, &sum), 0);
	CHECK_INT(n, 0);
	CHECK_INT(sum.count, 3);
	/* deeper nesting: the inner commit is not final */
	CHECK_INT(store_begin(s, &err), STORE_OK);
	CHECK_INT(store_begin(s, &err), STORE_OK);
	CHECK_INT(append_nth(s, 4, &err), 0);
	CHECK_INT(store_commit(s, &err), STORE_OK);
	store_rollback(s);
	CHECK_INT(count(s), 3);
	/* committed with the change */
	CHECK_INT(store_begin(s, &err), STORE_OK);
	CHECK_INT(store_region_put(s, &r, &err), STORE_OK);
	CHECK_INT(audit_append(s, NULL, "region.add", "region", "430000",
			       "430000", 0, NULL, "{\"name\":\"湖南省\"}",
			       "添加行政区划 湖南省", &err), 0);
	CHECK_INT(store_commit(s, &err), STORE_OK);
	CHECK_INT(count(s), 4);
	/* the id that was used and rolled back is reused: no gap */
	CHECK_INT(verify(s, &a, &p, &n, &sum), 0);
	dump(p, n);
	CHECK_INT(n, 0);
	CHECK_INT(sum.count, 4);
	CHECK_INT(sum.last_id, 4);
	store_close(s);
	errors_release(&err);
	arena_release(&a);
}

TEST(test_audit__verify_intact_many)
{
	char path[300];
	struct store *s = fresh("many.db", path, sizeof(path));
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	struct audit_head head;
	size_t n;

	CHECK(s);
	CHECK_INT(verify(s, &a, &p, &n, &sum), 0);
	CHECK_INT(n, 0);
	CHECK_INT(sum.count, 0);
	CHECK_STR(sum.last_hash, ZEROS);
	CHECK_INT(append_many(s, 300), 0);
	CHECK_INT(verify(s, &a, &p, &n, &sum), 0);
	dump(p, n);
	CHECK_INT(n, 0);
	CHECK_INT(sum.count, 300);
	CHECK_INT(sum.last_id, 300);
	CHECK_INT(store_audit_head(s, &a, &head), STORE_OK);
	CHECK_STR(sum.last_hash, head.last_hash);
	store_close(s);
	arena_release(&a);
}

TEST(test_audit__triggers_refuse_changes)
{
	char path[300], msg[300];
	struct store *s = fresh("trig.db", path, sizeof(path));
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	CHECK(s);
	CHECK_INT(append_many(s, 5), 0);
	store_close(s);
	CHECK(raw(path, "UPDATE audit_log SET detail = 'x' WHERE id = 2",
		  msg, sizeof(msg)) != SQLITE_OK);
	CHECK_CONTAINS(msg, "审计记录不可修改或删除");
	CHECK(raw(path, "DELETE FROM audit_log WHERE id = 5", msg,
		  sizeof(msg)) != SQLITE_OK);
	CHECK_CONTAINS(msg, "审计记录不可修改或删除");
	CHECK(raw(path, "DELETE FROM audit_log", msg, sizeof(msg)) != SQLITE_OK);
	CHECK(raw(path, "DELETE FROM audit_head", msg, sizeof(msg)) != SQLITE_OK);
	CHECK_CONTAINS(msg, "审计记录不可修改或删除");
	CHECK(raw(path, "UPDATE audit_head SET count = 0, last_id = 0", msg,
		  sizeof(msg)) != SQLITE_OK);
	CHECK_CONTAINS(msg, "审计记录不可修改或删除");
	/* not after the head, or not chained to it */
	CHECK(raw(path, "INSERT INTO audit_log (id, at, actor, client, action, "
		  "object_type, object_id, prev_hash, hash) VALUES (3, 't', "
		  "'x', 'x', 'x', 'x', 'x', 'x', 'x')", msg,
		  sizeof(msg)) != SQLITE_OK);
	CHECK_CONTAINS(msg, "只能按顺序追加到链尾");
	CHECK(raw(path, "INSERT INTO audit_log (id, at, actor, client, action, "
		  "object_type, object_id, prev_hash, hash) VALUES (6, 't', "
		  "'x', 'x', 'x', 'x', 'x', '" ZEROS "', 'x')", msg,
		  sizeof(msg)) != SQLITE_OK);
	CHECK_CONTAINS(msg, "只能按顺序追加到链尾");
	s = reopen(path);
	CHECK(s);
	CHECK_INT(count(s), 5);
	CHECK_INT(verify(s, &a, &p, &n, &sum), 0);
	CHECK_INT(n, 0);
	store_close(s);
	arena_release(&a);
}

TEST(test_audit__concurrent_writers_keep_one_chain)
{
	char path[300];
	struct store *s = fresh("conc.db", path, sizeof(path));
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	pid_t kids[3];
	size_t n;
	int status;

	CHECK(s);
	store_close(s);
	/* three processes append at once, each on its own connection */
	for (int k = 0; k < 3; k++) {
		kids[k] = fork();
		CHECK(kids[k] >= 0);
		if (kids[k] == 0) {
			struct store *c = reopen(path);
			int rc = c ? append_many(c, 40) : -1;
			store_close(c);
			_exit(rc ? 1 : 0);
		}
	}
	for (int k = 0; k < 3; k++) {
		CHECK(waitpid(kids[k], &status, 0) == kids[k]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	s = reopen(path);
	CHECK(s);
	CHECK_INT(verify(s, &a, &p, &n, &sum), 0);
	dump(p, n);
	CHECK_INT(n, 0);
	CHECK_INT(sum.count, 120);
	store_close(s);
	arena_release(&a);
}

/* --- tampering --- */

/* A fresh log of 10 entries, closed; then 'sql' run on the file with the
 * triggers dropped first; then verified.  Problems in 'a'. */
static int tamper(const char *name, const char *sql, struct arena *a,
		  struct audit_problem **p, size_t *n,
		  struct audit_summary *sum)
{
	char path[300], msg[300];
	struct store *s = fresh(name, path, sizeof(path));
	char *script;
	int rc;

	if (!s || append_many(s, 10))
		return -1;
	store_close(s);
	script = arena_printf(a, "%s%s", drop_triggers, sql);
	if (raw(path, script, msg, sizeof(msg)) != SQLITE_OK) {
		fprintf(stderr, "tamper SQL failed: %s\n", msg);
		return -1;
	}
	s = reopen(path);
	if (!s)
		return -1;
	rc = verify(s, a, p, n, sum);
	store_close(s);
	dump(*p, *n);
	return rc;
}

TEST(test_audit__detects_an_edited_detail)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	CHECK_INT(tamper("t-edit.db", "UPDATE audit_log SET detail = '无事发生' "
			 "WHERE id = 5", &a, &p, &n, &sum), 0);
	CHECK_INT(n, 1);
	CHECK_INT(p[0].id, 5);
	CHECK_CONTAINS(p[0].msg, "第 5 条");
	CHECK_CONTAINS(p[0].msg, "被修改");
	arena_release(&a);
}

TEST(test_audit__detects_a_changed_after_json)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	CHECK_INT(tamper("t-after.db", "UPDATE audit_log SET after = "
			 "'{\"n\":7,\"s\":\"改\"}' WHERE id = 7", &a, &p, &n,
			 &sum), 0);
	CHECK_INT(n, 1);
	CHECK(has_problem(p, n, 7, "被修改"));
	arena_release(&a);
}

TEST(test_audit__detects_a_changed_actor_or_time)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	CHECK_INT(tamper("t-actor.db", "UPDATE audit_log SET actor_id = NULL, "
			 "actor = '命令行' WHERE id = 2; UPDATE audit_log SET "
			 "at = '2020-01-01T00:00:00Z' WHERE id = 8", &a, &p, &n,
			 &sum), 0);
	CHECK_INT(n, 2);
	CHECK(has_problem(p, n, 2, "被修改"));
	CHECK(has_problem(p, n, 8, "被修改"));
	arena_release(&a);
}

TEST(test_audit__detects_a_deleted_middle_entry)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	CHECK_INT(tamper("t-del.db", "DELETE FROM audit_log WHERE id = 5", &a,
			 &p, &n, &sum), 0);
	CHECK_INT(n, 1);
	CHECK_INT(p[0].id, 5);
	CHECK_CONTAINS(p[0].msg, "第 5 条审计记录缺失");
	CHECK_INT(sum.count, 9);
	arena_release(&a);
}

TEST(test_audit__detects_deleted_runs_and_a_relinked_gap)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	/* 3..5 deleted, 6 re-pointed at 2 so the link looks whole */
	CHECK_INT(tamper("t-run.db", "DELETE FROM audit_log WHERE id BETWEEN 3 "
			 "AND 5; UPDATE audit_log SET prev_hash = (SELECT hash "
			 "FROM audit_log WHERE id = 2) WHERE id = 6", &a, &p, &n,
			 &sum), 0);
	CHECK(has_problem(p, n, 3, "第 3 至 5 条审计记录缺失"));
	CHECK(has_problem(p, n, 6, "被修改"));
	arena_release(&a);
}

TEST(test_audit__detects_a_deleted_last_entry)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	CHECK_INT(tamper("t-tail.db", "DELETE FROM audit_log WHERE id = 10",
			 &a, &p, &n, &sum), 0);
	CHECK_INT(n, 1);
	CHECK_INT(p[0].id, 10);
	CHECK_CONTAINS(p[0].msg, "第 10 条审计记录缺失");
	CHECK_CONTAINS(p[0].msg, "截断");
	arena_release(&a);
}

TEST(test_audit__detects_an_emptied_log)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	CHECK_INT(tamper("t-empty.db", "DELETE FROM audit_log", &a, &p, &n,
			 &sum), 0);
	CHECK_INT(n, 1);
	CHECK_INT(p[0].id, 1);
	CHECK_CONTAINS(p[0].msg, "第 1 至 10 条审计记录缺失");
	CHECK_INT(sum.count, 0);
	arena_release(&a);
}

TEST(test_audit__detects_a_truncated_tail_with_the_head_reset)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	/* the head moved back, but not to the hash of entry 8 */
	CHECK_INT(tamper("t-head.db", "DELETE FROM audit_log WHERE id > 8; "
			 "UPDATE audit_head SET count = 8, last_id = 8", &a, &p,
			 &n, &sum), 0);
	CHECK_INT(n, 1);
	CHECK(has_problem(p, n, 8, "与链头登记的不符"));
	arena_release(&a);
}

TEST(test_audit__detects_a_changed_head_count)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	CHECK_INT(tamper("t-count.db", "UPDATE audit_head SET count = 4", &a,
			 &p, &n, &sum), 0);
	CHECK_INT(n, 1);
	CHECK(has_problem(p, n, 0, "链头登记的条数"));
	arena_release(&a);
}

TEST(test_audit__detects_a_missing_head)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	CHECK_INT(tamper("t-nohead.db", "DELETE FROM audit_head", &a, &p, &n,
			 &sum), 0);
	CHECK_INT(n, 1);
	CHECK(has_problem(p, n, 0, "链头登记（audit_head）缺失"));
	arena_release(&a);
}

TEST(test_audit__detects_two_swapped_entries)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	/* every column but the id, hashes included */
	CHECK_INT(tamper("t-swap.db",
		"CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE id IN (3, 4);"
		"UPDATE audit_log SET (at, actor, actor_id, client, action, "
		"object_type, object_id, region_code, unit_id, before, after, "
		"detail, prev_hash, hash) = (SELECT at, actor, actor_id, client, "
		"action, object_type, object_id, region_code, unit_id, before, "
		"after, detail, prev_hash, 'tmp' || hash FROM t WHERE t.id = 7 - "
		"audit_log.id) WHERE id IN (3, 4);"
		"UPDATE audit_log SET hash = substr(hash, 4) WHERE id IN (3, 4);",
		&a, &p, &n, &sum), 0);
	CHECK(has_problem(p, n, 3, "被修改"));
	CHECK(has_problem(p, n, 4, "被修改"));
	CHECK(has_problem(p, n, 3, "链在此断开"));
	CHECK(has_problem(p, n, 4, "链在此断开"));
	CHECK(has_problem(p, n, 5, "链在此断开"));
	arena_release(&a);
}

TEST(test_audit__detects_swapped_contents)
{
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	size_t n;

	/* what was done, swapped between two entries; chain columns kept */
	CHECK_INT(tamper("t-swapc.db",
		"CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE id IN (3, 4);"
		"UPDATE audit_log SET (actor, actor_id, action, detail, after) = "
		"(SELECT actor, actor_id, action, detail, after FROM t "
		"WHERE t.id = 7 - audit_log.id) WHERE id IN (3, 4);",
		&a, &p, &n, &sum), 0);
	CHECK_INT(n, 2);
	CHECK(has_problem(p, n, 3, "被修改"));
	CHECK(has_problem(p, n, 4, "被修改"));
	arena_release(&a);
}

TEST(test_audit__detects_an_entry_inserted_in_the_middle)
{
	char path[300], msg[300];
	struct store *s = fresh("t-ins.db", path, sizeof(path));
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	struct audit_entry e;
	size_t n;
	char h[AUDIT_HASH_HEX], *sql;

	CHECK(s);
	CHECK_INT(append_many(s, 10), 0);
	/* the attacker knows the algorithm: a well-formed entry 6 chained to
	 * entry 5, with the old 6..10 moved up by one */
	CHECK_INT(store_audit_get(s, 5, &a, &e), STORE_OK);
	e.prev_hash = e.hash;
	e.id = 6;
	e.detail = "伪造的记录";
	audit_hash(&e, h);
	store_close(s);
	sql = arena_printf(&a, "%sUPDATE audit_log SET id = id + 100 WHERE id > 5;"
		"UPDATE audit_log SET id = id - 99 WHERE id > 100;"
		"INSERT INTO audit_log SELECT 6, at, actor, actor_id, client, "
		"action, object_type, object_id, region_code, unit_id, before, "
		"after, '伪造的记录', hash, '%s' FROM audit_log WHERE id = 5;"
		"UPDATE audit_head SET count = 11, last_id = 11, last_hash = "
		"(SELECT hash FROM audit_log WHERE id = 11);", drop_triggers, h);
	CHECK_INT(raw(path, sql, msg, sizeof(msg)), SQLITE_OK);
	s = reopen(path);
	CHECK(s);
	CHECK_INT(verify(s, &a, &p, &n, &sum), 0);
	store_close(s);
	dump(p, n);
	/* the forged entry itself is well formed; the one after it is not */
	CHECK(!has_problem(p, n, 6, ""));
	CHECK(has_problem(p, n, 7, "链在此断开"));
	CHECK(has_problem(p, n, 7, "被修改"));
	CHECK(has_problem(p, n, 8, "被修改"));
	CHECK(has_problem(p, n, 11, "被修改"));
	arena_release(&a);
}

TEST(test_audit__detects_an_entry_appended_behind_the_programs_back)
{
	char path[300], msg[300];
	struct store *s = fresh("t-app.db", path, sizeof(path));
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	struct audit_entry e;
	size_t n;
	char h[AUDIT_HASH_HEX], *sql;

	CHECK(s);
	CHECK_INT(append_many(s, 10), 0);
	CHECK_INT(store_audit_get(s, 10, &a, &e), STORE_OK);
	e.prev_hash = e.hash;
	e.id = 11;
	audit_hash(&e, h);
	store_close(s);
	/* the triggers allow it (it continues the chain) but the head was
	 * not advanced */
	sql = arena_printf(&a, "INSERT INTO audit_log SELECT 11, at, actor, "
		"actor_id, client, action, object_type, object_id, region_code, "
		"unit_id, before, after, detail, hash, '%s' FROM audit_log "
		"WHERE id = 10;", h);
	CHECK_INT(raw(path, sql, msg, sizeof(msg)), SQLITE_OK);
	s = reopen(path);
	CHECK(s);
	CHECK_INT(verify(s, &a, &p, &n, &sum), 0);
	store_close(s);
	dump(p, n);
	CHECK_INT(n, 1);
	CHECK(has_problem(p, n, 11, "不在链头登记之内"));
	arena_release(&a);
}

TEST(test_audit__anchor_finds_a_rewritten_chain)
{
	char path[300], msg[300], old[AUDIT_HASH_HEX], h[AUDIT_HASH_HEX];
	struct store *s = fresh("t-anchor.db", path, sizeof(path));
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct audit_problem *p;
	struct audit_summary sum;
	struct audit_entry e;
	struct buf sql = BUF_INIT;
	char prev[AUDIT_HASH_HEX];
	size_t n;

	CHECK(s);
	CHECK_INT(append_many(s, 4), 0);
	CHECK_INT(store_audit_get(s, 4, &a, &e), STORE_OK);
	snprintf(old, sizeof(old), "%s", e.hash);
	CHECK_INT(audit_check_anchor(s, 4, old, &err), 0);
	/* rewrite entry 2 and recompute the chain and the head after it */
	buf_adds(&sql, drop_triggers);
	CHECK_INT(store_audit_get(s, 1, &a, &e), STORE_OK);
	snprintf(prev, sizeof(prev), "%s", e.hash);
	for (int64_t id = 2; id <= 4; id++) {
		CHECK_INT(store_audit_get(s, id, &a, &e), STORE_OK);
		if (id == 2)
			e.detail = "改过的说明";
		e.prev_hash = prev;
		audit_hash(&e, h);
		buf_addf(&sql, "UPDATE audit_log SET detail = '%s', prev_hash = "
			 "'%s', hash = '%s' WHERE id = %lld;", e.detail, prev, h,
			 (long long)id);
		snprintf(prev, sizeof(prev), "%s", h);
	}
	buf_addf(&sql, "UPDATE audit_head SET last_hash = '%s';", prev);
	store_close(s);
	CHECK_INT(raw(path, sql.buf, msg, sizeof(msg)), SQLITE_OK);
	s = reopen(path);
	CHECK(s);
	/* the chain alone looks whole … */
	CHECK_INT(verify(s, &a, &p, &n, &sum), 0);
	CHECK_INT(n, 0);
	/* … the anchor noted before does not */
	CHECK_INT(audit_check_anchor(s, 4, old, &err), -1);
	CHECK_CONTAINS(err.msg[0], "与记下的锚点");
	store_close(s);
	buf_release(&sql);
	errors_release(&err);
	arena_release(&a);
}

/* --- listing --- */

TEST(test_audit__list_filters_and_pages)
{
	char path[300], prefix[16];
	struct store *s = fresh("list.db", path, sizeof(path));
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct audit_filter f;
	struct audit_entry *v;
	size_t n;
	int64_t total;

	CHECK(s);
	setenv("GONGKAI_NOW", "2026-03-01T08:00:00Z", 1);
	CHECK_INT(append_many(s, 10), 0);		/* ids 1..10 */
	setenv("GONGKAI_NOW", "2026-03-02T08:00:00Z", 1);
	CHECK_INT(append_many(s, 10), 0);		/* ids 11..20 */
	unsetenv("GONGKAI_NOW");

	memset(&f, 0, sizeof(f));
	f.limit = 7;
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 20);
	CHECK_INT(n, 7);
	CHECK_INT(v[0].id, 20);
	f.offset = 14;
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(n, 6);
	CHECK_INT(v[5].id, 1);
	f.offset = 21;
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(total, 20);

	/* by actor: k % 3 != 0 is zhangsan; 1..10 has 7 of them */
	memset(&f, 0, sizeof(f));
	f.actor = "zhangsan";
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 14);
	f.actor = "命令行";
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 6);
	CHECK_INT(v[0].actor_id, 0);
	memset(&f, 0, sizeof(f));
	f.actor_id = 7;
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 14);

	/* by action prefix: record.submit (k%5==0), record.publish (k%5==1) */
	memset(&f, 0, sizeof(f));
	f.action = "record.";
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 8);
	f.action = "record.publish";
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 4);
	f.action = "session.login_failed";	/* '_' is no wildcard */
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 4);
	f.action = "session.login%";
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 0);

	/* by time: [from, to) */
	memset(&f, 0, sizeof(f));
	f.from = "2026-03-02T00:00:00Z";
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 10);
	CHECK_INT(v[n - 1].id, 11);
	f.from = NULL;
	f.to = "2026-03-02T08:00:00Z";
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 10);
	CHECK_INT(v[0].id, 10);

	/* by region subtree: k%5 0 → 430104, 1 → 430104001, 2 → 430102,
	 * 3 → none, 4 → 430100 */
	memset(&f, 0, sizeof(f));
	f.region = audit_region_prefix("430104", prefix);
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 8);
	f.region = audit_region_prefix("430100", prefix);
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 16);
	f.region = audit_region_prefix("430104001", prefix);
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 4);

	/* by object and unit */
	memset(&f, 0, sizeof(f));
	f.object_type = "catalog";
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 4);
	f.object_type = "record";
	f.object_id = "2";
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 0);			/* k = 2 is a catalog */
	f.object_id = "4";
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 2);
	memset(&f, 0, sizeof(f));
	f.unit_id = 3;
	CHECK_INT(store_audit_list(s, &f, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 16);
	store_close(s);
	errors_release(&err);
	arena_release(&a);
}

TEST(test_audit__region_prefix)
{
	char b[16];

	CHECK_STR(audit_region_prefix("430000", b), "43");
	CHECK_STR(audit_region_prefix("430100", b), "4301");
	CHECK_STR(audit_region_prefix("430104", b), "430104");
	CHECK_STR(audit_region_prefix("430104001", b), "430104001");
	CHECK_STR(audit_region_prefix("430104001000", b), "430104001");
	CHECK_STR(audit_region_prefix("430104001002", b), "430104001002");
}

TEST(test_audit__json_shape)
{
	struct audit_entry e = {
		.id = 3, .at = "2026-03-02T09:00:00Z", .actor = "zhangsan",
		.actor_id = 7, .client = "10.0.0.1", .action = "record.publish",
		.object_type = "record", .object_id = "42", .region_code = NULL,
		.unit_id = 0, .before = NULL, .after = "{\"status\":\"published\"}",
		.detail = "<script>\"'&", .prev_hash = ZEROS, .hash = "ab",
	};
	json_t *j = json_audit_entry(&e);
	struct audit_problem pr = { 5, "第 5 条审计记录缺失" };
	struct audit_summary sum = { 9, 10, ZEROS, 0 };

	CHECK_INT(json_integer_value(json_object_get(j, "id")), 3);
	CHECK_STR(json_string_value(json_object_get(j, "actor")), "zhangsan");
	CHECK_INT(json_integer_value(json_object_get(j, "actor_id")), 7);
	CHECK_STR(json_string_value(json_object_get(j, "action_label")),
		  "发布信息");
	CHECK(json_is_null(json_object_get(j, "region")));
	CHECK(json_is_null(json_object_get(j, "unit_id")));
	CHECK(json_is_null(json_object_get(j, "before")));
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "after"),
						    "status")), "published");
	CHECK_STR(json_string_value(json_object_get(j, "detail")), "<script>\"'&");
	CHECK_STR(json_string_value(json_object_get(j, "hash")), "ab");
	json_decref(j);
	/* a tampered row that is not UTF-8 or JSON still gives JSON */
	e.detail = "\xff";
	e.after = "{broken";
	e.action = "x.unknown";
	j = json_audit_entry(&e);
	CHECK_STR(json_string_value(json_object_get(j, "detail")), "\xEF\xBF\xBD");
	CHECK_STR(json_string_value(json_object_get(j, "after")), "{broken");
	CHECK(json_is_null(json_object_get(j, "action_label")));
	json_decref(j);
	j = json_audit_verify(&pr, 1, &sum);
	CHECK(json_is_false(json_object_get(j, "intact")));
	CHECK_INT(json_integer_value(json_object_get(json_array_get(
		json_object_get(j, "problems"), 0), "id")), 5);
	json_decref(j);
}

TEST(test_audit__action_names_are_well_formed)
{
	for (size_t i = 0; audit_actions[i].name; i++) {
		const char *nm = audit_actions[i].name, *dot = strchr(nm, '.');
		CHECK(dot && dot > nm && dot[1]);
		CHECK(strspn(nm, "abcdefghijklmnopqrstuvwxyz_.") == strlen(nm));
		CHECK(audit_actions[i].label && *audit_actions[i].label);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(audit_actions[j].name, nm));
	}
	CHECK_STR(audit_action_label("session.login_failed"), "登录失败");
	CHECK(audit_action_label("nope.nope") == NULL);
}

T_MAIN(T(test_audit__hash_matches_the_documented_serialisation),
       T(test_audit__hash_is_unambiguous),
       T(test_audit__append_builds_the_chain),
       T(test_audit__who_when_where),
       T(test_audit__refuses_what_is_not_an_entry),
       T(test_audit__rolls_back_with_the_callers_transaction),
       T(test_audit__verify_intact_many),
       T(test_audit__concurrent_writers_keep_one_chain),
       T(test_audit__triggers_refuse_changes),
       T(test_audit__detects_an_edited_detail),
       T(test_audit__detects_a_changed_after_json),
       T(test_audit__detects_a_changed_actor_or_time),
       T(test_audit__detects_a_deleted_middle_entry),
       T(test_audit__detects_deleted_runs_and_a_relinked_gap),
       T(test_audit__detects_a_deleted_last_entry),
       T(test_audit__detects_an_emptied_log),
       T(test_audit__detects_a_truncated_tail_with_the_head_reset),
       T(test_audit__detects_a_changed_head_count),
       T(test_audit__detects_a_missing_head),
       T(test_audit__detects_two_swapped_entries),
       T(test_audit__detects_swapped_contents),
       T(test_audit__detects_an_entry_inserted_in_the_middle),
       T(test_audit__detects_an_entry_appended_behind_the_programs_back),
       T(test_audit__anchor_finds_a_rewritten_chain),
       T(test_audit__list_filters_and_pages),
       T(test_audit__region_prefix),
       T(test_audit__json_shape),
       T(test_audit__action_names_are_well_formed))
