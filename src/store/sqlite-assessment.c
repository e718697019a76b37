/* sqlite-assessment.c: the SQLite implementation of store-assessment.h —
 * indicator tables (考核指标) with their types, lines and points,
 * assessment rounds, targets, scores, evidence and responses, and the two
 * reads the automatic lines need (records with a 公开时限, a unit's
 * domains)
 *
 * Same rules as sqlite.c: constant statements prepared once (slots from
 * SLOTS_ASSESS in struct store's more[]), values always bound.  A region's
 * subtree is walked with a recursive query, never by prefix.  Whether a
 * change is allowed is domain/assessment.c's business; this file only
 * keeps rows.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlite-int.h"
#include "../util/timeutil.h"

enum astmt {
	A_TABLE_INSERT,
	A_TYPE_INSERT,
	A_LINE_INSERT,
	A_POINTS_INSERT,
	A_TABLE_GET,
	A_TABLE_LIST,
	A_TYPES,
	A_LINES,
	A_POINTS,
	A_ROUND_INSERT,
	A_TARGET_INSERT,
	A_ROUND_GET,
	A_ROUND_LIST,
	A_ROUNDS_OF_UNIT,
	A_ROUND_SCORED,
	A_ROUND_FINAL,
	A_TARGETS,
	A_RESPOND,
	A_TARGET_HAS,
	A_SCORE_PUT,
	A_SCORE_DEL,
	A_SCORES,
	A_EVIDENCE_ADD,
	A_EVIDENCE_LIST,
	A_EVIDENCE_GET,
	A_TIMED,
	A_UNIT_DOMAINS,
	A__MAX
};
_Static_assert(SLOTS_ASSESS + A__MAX <= STORE_MORE_STMTS,
	       "too many statements");

#define ROUND_COLS "r.id, r.table_id, t.name, r.name, r.region_code, " \
	"r.period_from, r.period_to, r.status, r.created_by, r.created_at, " \
	"r.scored_at, r.final_by, r.final_at, " \
	"(SELECT COUNT(*) FROM assess_targets g WHERE g.round_id = r.id) "
#define ROUND_FROM "FROM assess_rounds r JOIN assess_tables t ON t.id = r.table_id "
#define SCORE_COLS "round_id, unit_id, line_id, score, source, figure, num, " \
	"den, comment, scored_by, scored_at "
#define EVIDENCE_COLS "id, round_id, unit_id, line_id, kind, name, mime, " \
	"sha256, size, uploaded_by, uploaded_at "

static const char *const asql[A__MAX] = {
	[A_TABLE_INSERT] = "INSERT INTO assess_tables (name, region_code, "
		"source, note, base_total, bonus_cap, created_by, created_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[A_TYPE_INSERT] = "INSERT INTO assess_types (table_id, seq, name) "
		"VALUES (?, ?, ?)",
	[A_LINE_INSERT] = "INSERT INTO assess_lines (table_id, seq, parent_seq, "
		"level, name, scored, bonus, points_text, method, evidence, "
		"measure, note, rownum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		"?, ?) RETURNING id",
	[A_POINTS_INSERT] = "INSERT INTO assess_points (line_id, type_name, "
		"points) VALUES (?, ?, ?)",
	[A_TABLE_GET] = "SELECT id, name, region_code, source, note, "
		"base_total, bonus_cap, created_by, created_at "
		"FROM assess_tables WHERE id = ?",
	[A_TABLE_LIST] = "SELECT id, name, region_code, source, note, "
		"base_total, bonus_cap, created_by, created_at "
		"FROM assess_tables ORDER BY id DESC",
	[A_TYPES] = "SELECT name FROM assess_types WHERE table_id = ? "
		"ORDER BY seq",
	[A_LINES] = "SELECT id, seq, parent_seq, level, name, scored, bonus, "
		"points_text, method, evidence, measure, note, rownum "
		"FROM assess_lines WHERE table_id = ? ORDER BY seq",
	[A_POINTS] = "SELECT p.line_id, p.type_name, p.points "
		"FROM assess_points p JOIN assess_lines l ON l.id = p.line_id "
		"WHERE l.table_id = ?",
	[A_ROUND_INSERT] = "INSERT INTO assess_rounds (table_id, name, "
		"region_code, period_from, period_to, status, created_by, "
		"created_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id",
	[A_TARGET_INSERT] = "INSERT INTO assess_targets (round_id, unit_id, "
		"type_name) VALUES (?, ?, ?)",
	[A_ROUND_GET] = "SELECT " ROUND_COLS ROUND_FROM "WHERE r.id = ?",
	[A_ROUND_LIST] = "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION ALL "
		"SELECT g.code FROM regions g JOIN sub ON g.parent_code = sub.code) "
		"SELECT " ROUND_COLS ROUND_FROM "WHERE ?1 IS NULL OR "
		"r.region_code IN (SELECT code FROM sub) ORDER BY r.id DESC",
	[A_ROUNDS_OF_UNIT] = "SELECT " ROUND_COLS ROUND_FROM
		"WHERE r.id IN (SELECT round_id FROM assess_targets "
		"WHERE unit_id = ?) ORDER BY r.id DESC",
	[A_ROUND_SCORED] = "UPDATE assess_rounds SET scored_at = ? WHERE id = ?",
	[A_ROUND_FINAL] = "UPDATE assess_rounds SET status = 'final', "
		"final_by = ?, final_at = ? WHERE id = ? AND status = 'open'",
	[A_TARGETS] = "SELECT g.round_id, g.unit_id, u.name, u.kind, "
		"u.region_code, g.type_name, g.response, g.response_by, "
		"g.response_at FROM assess_targets g JOIN units u ON u.id = g.unit_id "
		"LEFT JOIN assess_rounds r ON r.id = g.round_id "
		"LEFT JOIN assess_types y ON y.table_id = r.table_id "
		"AND y.name = g.type_name "
		"WHERE g.round_id = ? ORDER BY y.seq, u.region_code, u.name",
	[A_RESPOND] = "UPDATE assess_targets SET response = ?, response_by = ?, "
		"response_at = ? WHERE round_id = ? AND unit_id = ? "
		"AND response IS NULL",
	[A_TARGET_HAS] = "SELECT 1 FROM assess_targets WHERE round_id = ? "
		"AND unit_id = ?",
	[A_SCORE_PUT] = "INSERT INTO assess_scores (" SCORE_COLS ") VALUES "
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, unit_id, "
		"line_id) DO UPDATE SET score = excluded.score, "
		"source = excluded.source, figure = excluded.figure, "
		"num = excluded.num, den = excluded.den, "
		"comment = excluded.comment, scored_by = excluded.scored_by, "
		"scored_at = excluded.scored_at",
	[A_SCORE_DEL] = "DELETE FROM assess_scores WHERE round_id = ? "
		"AND unit_id = ? AND line_id = ?",
	[A_SCORES] = "SELECT " SCORE_COLS "FROM assess_scores WHERE round_id = ?1 "
		"AND (?2 = 0 OR unit_id = ?2) ORDER BY unit_id, line_id",
	[A_EVIDENCE_ADD] = "INSERT INTO assess_evidence (round_id, unit_id, "
		"line_id, kind, name, mime, sha256, size, uploaded_by, "
		"uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[A_EVIDENCE_LIST] = "SELECT " EVIDENCE_COLS "FROM assess_evidence "
		"WHERE round_id = ?1 AND (?2 = 0 OR unit_id = ?2) "
		"ORDER BY unit_id, line_id, id",
	[A_EVIDENCE_GET] = "SELECT " EVIDENCE_COLS "FROM assess_evidence "
		"WHERE id = ?",
	[A_TIMED] = "SELECT r.id, r.title, r.written_on, r.published_on, "
		"r.due_on, r.status IN ('published', 'withdrawn'), "
		"COALESCE(i.tl_kind, ''), COALESCE(i.tl_days, 0), "
		"COALESCE(i.tl_workdays, 0), COALESCE(i.tl_anchor, ''), "
		"COALESCE(i.tl_notice, 0) "
		"FROM records r LEFT JOIN items i ON i.id = r.item_id "
		"WHERE r.unit_id = ?1 AND r.deleted_at IS NULL AND ("
		"(r.status IN ('published', 'withdrawn') AND r.published_on >= ?2 "
		"AND r.published_on <= ?3) OR (r.status NOT IN ('published', "
		"'withdrawn') AND r.due_on <> '' AND r.due_on >= ?2 "
		"AND r.due_on <= ?3)) ORDER BY r.id",
	[A_UNIT_DOMAINS] = "SELECT DISTINCT domain_id FROM records "
		"WHERE unit_id = ? AND deleted_at IS NULL ORDER BY domain_id",
};

static sqlite3_stmt *aprep(struct store *s, enum astmt id)
{
	return prep_sql(s, SLOTS_ASSESS + id, asql[id]);
}

/* "" for NULL: the schema's NOT NULL text columns. */
/* Grow an array in the arena by doubling. */
/* --- tables --- */

enum store_rc store_assess_table_insert(struct store *s, struct assess_table *t,
					struct errors *err)
{
	char now[TIME_TEXT_LEN];
	sqlite3_stmt *st;
	enum store_rc rc;

	time_now_text(now);
	if (store_begin(s, err) != STORE_OK)
		return STORE_ERROR;
	st = aprep(s, A_TABLE_INSERT);
	bind_text0(st, 1, t->name);
	bind_text(st, 2, t->region_code && *t->region_code ? t->region_code :
		  NULL);
	bind_text0(st, 3, t->source);
	bind_text0(st, 4, t->note);
	sqlite3_bind_int64(st, 5, t->base_total);
	sqlite3_bind_int64(st, 6, t->bonus_cap);
	bind_text0(st, 7, t->created_by);
	bind_text(st, 8, now);
	rc = run_returning(s, st, &t->id, err);
	sqlite3_reset(st);
	for (size_t i = 0; rc == STORE_OK && i < t->ntypes; i++) {
		st = aprep(s, A_TYPE_INSERT);
		sqlite3_bind_int64(st, 1, t->id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		bind_text0(st, 3, t->types[i]);
		rc = run(s, st, err);
		sqlite3_reset(st);
	}
	for (size_t i = 0; rc == STORE_OK && i < t->nlines; i++) {
		struct assess_line *l = &t->lines[i];

		st = aprep(s, A_LINE_INSERT);
		sqlite3_bind_int64(st, 1, t->id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		if (l->parent >= 0)
			sqlite3_bind_int64(st, 3, l->parent);
		else
			sqlite3_bind_null(st, 3);
		sqlite3_bind_int(st, 4, l->level);
		bind_text0(st, 5, l->name);
		sqlite3_bind_int(st, 6, l->scored ? 1 : 0);
		sqlite3_bind_int(st, 7, l->bonus ? 1 : 0);
		bind_text0(st, 8, l->points_text);
		bind_text0(st, 9, l->method);
		sqlite3_bind_int64(st, 10, (int64_t)l->evidence);
		bind_text0(st, 11, l->measure);
		bind_text0(st, 12, l->note);
		sqlite3_bind_int64(st, 13, (int64_t)l->rownum);
		rc = run_returning(s, st, &l->id, err);
		sqlite3_reset(st);
		for (size_t k = 0; rc == STORE_OK && l->scored && l->points &&
		     k < t->ntypes; k++) {
			if (l->points[k] == ASSESS_NOT_ASSESSED)
				continue;
			st = aprep(s, A_POINTS_INSERT);
			sqlite3_bind_int64(st, 1, l->id);
			bind_text0(st, 2, t->types[k]);
			sqlite3_bind_int64(st, 3, l->points[k]);
			rc = run(s, st, err);
			sqlite3_reset(st);
		}
	}
	if (rc == STORE_CONFLICT)
		errors_addf(err, "考核指标无法保存：考核对象类型或指标重复（%s）",
			    sqlite3_errmsg(s->db));
	if (rc != STORE_OK) {
		if (rc == STORE_CONFLICT)
			rc = STORE_ERROR;
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

static void table_row(sqlite3_stmt *st, struct arena *a, struct assess_table *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->name = col_text0(st, 1, a);
	t->region_code = col_text(st, 2, a);
	t->source = col_text0(st, 3, a);
	t->note = col_text0(st, 4, a);
	t->base_total = sqlite3_column_int64(st, 5);
	t->bonus_cap = sqlite3_column_int64(st, 6);
	t->created_by = col_text0(st, 7, a);
	t->created_at = col_text0(st, 8, a);
}

/* Load the types of t->id into t. */
static enum store_rc load_types(struct store *s, struct arena *a,
				struct assess_table *t)
{
	sqlite3_stmt *st = aprep(s, A_TYPES);
	const char **v = NULL;
	size_t n = 0, cap = 0;
	int step;

	sqlite3_bind_int64(st, 1, t->id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow_rows(a, v, n, &cap, sizeof(*v));
		v[n++] = col_text0(st, 0, a);
	}
	sqlite3_reset(st);
	t->types = v;
	t->ntypes = n;
	return step == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

enum store_rc store_assess_table_load(struct store *s, int64_t id,
				      struct arena *a, struct assess_table *out)
{
	sqlite3_stmt *st = aprep(s, A_TABLE_GET);
	struct assess_line *v = NULL;
	size_t n = 0, cap = 0;
	int step;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return STORE_NOTFOUND;
	}
	table_row(st, a, out);
	sqlite3_reset(st);
	if (load_types(s, a, out) != STORE_OK)
		return STORE_ERROR;
	st = aprep(s, A_LINES);
	sqlite3_bind_int64(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct assess_line *l;
		int64_t seq = sqlite3_column_int64(st, 1);

		v = grow_rows(a, v, n, &cap, sizeof(*v));
		l = &v[n];
		memset(l, 0, sizeof(*l));
		if (seq != (int64_t)n)
			break;	/* seq is the pre-order position: 0, 1, 2 … */
		l->id = sqlite3_column_int64(st, 0);
		l->parent = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 :
			sqlite3_column_int(st, 2);
		l->level = sqlite3_column_int(st, 3);
		l->name = col_text0(st, 4, a);
		l->scored = sqlite3_column_int(st, 5) != 0;
		l->bonus = sqlite3_column_int(st, 6) != 0;
		l->points_text = col_text0(st, 7, a);
		l->method = col_text0(st, 8, a);
		l->evidence = (unsigned)sqlite3_column_int64(st, 9);
		l->measure = col_text0(st, 10, a);
		l->note = col_text0(st, 11, a);
		l->rownum = (uint32_t)sqlite3_column_int64(st, 12);
		l->points = arena_alloc(a, (out->ntypes ? out->ntypes : 1) *
					sizeof(*l->points));
		for (size_t k = 0; k < out->ntypes; k++)
			l->points[k] = ASSESS_NOT_ASSESSED;
		if (l->parent >= (int)n)
			l->parent = -1;
		n++;
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return db_error(s, NULL);
	out->lines = v;
	out->nlines = n;
	st = aprep(s, A_POINTS);
	sqlite3_bind_int64(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t line = sqlite3_column_int64(st, 0);
		const char *type = (const char *)sqlite3_column_text(st, 1);

		for (size_t i = 0; i < n; i++) {
			if (v[i].id != line)
				continue;
			for (size_t k = 0; type && k < out->ntypes; k++)
				if (!strcmp(out->types[k], type))
					v[i].points[k] = sqlite3_column_int64(st, 2);
			break;
		}
	}
	sqlite3_reset(st);
	return step == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

enum store_rc store_assess_table_list(struct store *s, struct arena *a,
				      struct assess_table **out, size_t *n)
{
	sqlite3_stmt *st = aprep(s, A_TABLE_LIST);
	struct assess_table *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		table_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return db_error(s, NULL);
	for (size_t i = 0; i < cnt; i++)
		if (load_types(s, a, &v[i]) != STORE_OK)
			return STORE_ERROR;
	*out = v;
	*n = cnt;
	return STORE_OK;
}

/* --- rounds --- */

enum store_rc store_assess_round_insert(struct store *s, struct assess_round *r,
					const struct assess_target *targets,
					size_t n, struct errors *err)
{
	char now[TIME_TEXT_LEN];
	sqlite3_stmt *st;
	enum store_rc rc;

	time_now_text(now);
	if (store_begin(s, err) != STORE_OK)
		return STORE_ERROR;
	st = aprep(s, A_ROUND_INSERT);
	sqlite3_bind_int64(st, 1, r->table_id);
	bind_text0(st, 2, r->name);
	bind_text0(st, 3, r->region_code);
	bind_text0(st, 4, r->period_from);
	bind_text0(st, 5, r->period_to);
	bind_text0(st, 6, r->created_by);
	bind_text(st, 7, now);
	rc = run_returning(s, st, &r->id, err);
	sqlite3_reset(st);
	for (size_t i = 0; rc == STORE_OK && i < n; i++) {
		st = aprep(s, A_TARGET_INSERT);
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_int64(st, 2, targets[i].unit_id);
		bind_text0(st, 3, targets[i].type_name);
		rc = run(s, st, err);
		sqlite3_reset(st);
	}
	if (rc != STORE_OK) {
		if (rc == STORE_CONFLICT) {
			errors_addf(err, "考核轮次无法保存：考核指标、地区或单位不存在，"
				    "或同一单位列了两次");
			rc = STORE_ERROR;
		}
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

static void round_row(sqlite3_stmt *st, struct arena *a, struct assess_round *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->table_id = sqlite3_column_int64(st, 1);
	r->table_name = col_text0(st, 2, a);
	r->name = col_text0(st, 3, a);
	r->region_code = col_text0(st, 4, a);
	r->period_from = col_text0(st, 5, a);
	r->period_to = col_text0(st, 6, a);
	r->status = col_text0(st, 7, a);
	r->created_by = col_text0(st, 8, a);
	r->created_at = col_text0(st, 9, a);
	r->scored_at = col_text(st, 10, a);
	r->final_by = col_text(st, 11, a);
	r->final_at = col_text(st, 12, a);
	r->ntargets = sqlite3_column_int64(st, 13);
}

static enum store_rc round_rows(struct store *s, sqlite3_stmt *st,
				struct arena *a, struct assess_round **out,
				size_t *n)
{
	struct assess_round *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		round_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

enum store_rc store_assess_round_get(struct store *s, int64_t id,
				     struct arena *a, struct assess_round *out)
{
	sqlite3_stmt *st = aprep(s, A_ROUND_GET);
	enum store_rc rc = STORE_NOTFOUND;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		round_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_assess_round_list(struct store *s, const char *region,
				      struct arena *a,
				      struct assess_round **out, size_t *n)
{
	sqlite3_stmt *st = aprep(s, A_ROUND_LIST);

	bind_text(st, 1, region);
	return round_rows(s, st, a, out, n);
}

enum store_rc store_assess_rounds_of_unit(struct store *s, int64_t unit_id,
					  struct arena *a,
					  struct assess_round **out, size_t *n)
{
	sqlite3_stmt *st = aprep(s, A_ROUNDS_OF_UNIT);

	sqlite3_bind_int64(st, 1, unit_id);
	return round_rows(s, st, a, out, n);
}

enum store_rc store_assess_round_scored(struct store *s, int64_t id,
					const char *at, struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_ROUND_SCORED);
	enum store_rc rc;

	bind_text(st, 1, at);
	sqlite3_bind_int64(st, 2, id);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_assess_round_finalise(struct store *s, int64_t id,
					  const char *by, const char *at,
					  struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_ROUND_FINAL);
	enum store_rc rc;

	bind_text0(st, 1, by);
	bind_text(st, 2, at);
	sqlite3_bind_int64(st, 3, id);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_CONFLICT;
	return rc;
}

/* --- targets --- */

enum store_rc store_assess_targets(struct store *s, int64_t round_id,
				   struct arena *a, struct assess_target **out,
				   size_t *n)
{
	sqlite3_stmt *st = aprep(s, A_TARGETS);
	struct assess_target *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	sqlite3_bind_int64(st, 1, round_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct assess_target *g;

		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		g = &v[cnt++];
		g->round_id = sqlite3_column_int64(st, 0);
		g->unit_id = sqlite3_column_int64(st, 1);
		g->unit_name = col_text0(st, 2, a);
		g->unit_kind = col_text0(st, 3, a);
		g->region_code = col_text0(st, 4, a);
		g->type_name = col_text0(st, 5, a);
		g->response = col_text(st, 6, a);
		g->response_by = col_text(st, 7, a);
		g->response_at = col_text(st, 8, a);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

enum store_rc store_assess_respond(struct store *s, int64_t round_id,
				   int64_t unit_id, const char *text,
				   const char *by, const char *at,
				   struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_TARGET_HAS);
	bool has;
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, round_id);
	sqlite3_bind_int64(st, 2, unit_id);
	has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!has)
		return STORE_NOTFOUND;
	st = aprep(s, A_RESPOND);
	bind_text0(st, 1, text);
	bind_text0(st, 2, by);
	bind_text(st, 3, at);
	sqlite3_bind_int64(st, 4, round_id);
	sqlite3_bind_int64(st, 5, unit_id);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_CONFLICT;
	return rc;
}

/* --- scores --- */

enum store_rc store_assess_score_put(struct store *s,
				     const struct assess_score *sc,
				     struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_SCORE_PUT);
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	time_now_text(now);
	sqlite3_bind_int64(st, 1, sc->round_id);
	sqlite3_bind_int64(st, 2, sc->unit_id);
	sqlite3_bind_int64(st, 3, sc->line_id);
	sqlite3_bind_int64(st, 4, sc->score);
	bind_text0(st, 5, sc->source);
	bind_text0(st, 6, sc->figure);
	if (sc->den) {
		sqlite3_bind_int64(st, 7, sc->num);
		sqlite3_bind_int64(st, 8, sc->den);
	} else {
		sqlite3_bind_null(st, 7);
		sqlite3_bind_null(st, 8);
	}
	bind_text0(st, 9, sc->comment);
	bind_text0(st, 10, sc->scored_by);
	bind_text(st, 11, sc->scored_at ? sc->scored_at : now);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT) {
		errors_addf(err, "评分无法保存：该单位不是本轮考核对象，或指标不存在");
		rc = STORE_ERROR;
	}
	return rc;
}

enum store_rc store_assess_score_delete(struct store *s, int64_t round_id,
					int64_t unit_id, int64_t line_id,
					struct errors *err)
{
	sqlite3_stmt *st = aprep(s, A_SCORE_DEL);
	enum store_rc rc;

	sqlite3_bind_int64(st, 1, round_id);
	sqlite3_bind_int64(st, 2, unit_id);
	sqlite3_bind_int64(st, 3, line_id);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_assess_scores(struct store *s, int64_t round_id,
				  int64_t unit_id, struct arena *a,
				  struct assess_score **out, size_t *n)
{
	sqlite3_stmt *st = aprep(s, A_SCORES);
	struct assess_score *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	sqlite3_bind_int64(st, 1, round_id);
	sqlite3_bind_int64(st, 2, unit_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct assess_score *sc;

		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		sc = &v[cnt++];
		sc->round_id = sqlite3_column_int64(st, 0);
		sc->unit_id = sqlite3_column_int64(st, 1);
		sc->line_id = sqlite3_column_int64(st, 2);
		sc->score = sqlite3_column_int64(st, 3);
		sc->source = col_text0(st, 4, a);
		sc->figure = col_text0(st, 5, a);
		sc->num = sqlite3_column_int64(st, 6);
		sc->den = sqlite3_column_int64(st, 7);
		sc->comment = col_text0(st, 8, a);
		sc->scored_by = col_text0(st, 9, a);
		sc->scored_at = col_text0(st, 10, a);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

/* --- evidence --- */

enum store_rc store_assess_evidence_add(struct store *s,
					struct assess_evidence_file *ev,
					const void *data, size_t len,
					struct errors *err)
{
	char hex[65], now[TIME_TEXT_LEN];
	sqlite3_stmt *st;
	enum store_rc rc;

	if (store_blob_put(s, data, len, hex, err) != STORE_OK)
		return STORE_ERROR;
	time_now_text(now);
	st = aprep(s, A_EVIDENCE_ADD);
	sqlite3_bind_int64(st, 1, ev->round_id);
	sqlite3_bind_int64(st, 2, ev->unit_id);
	sqlite3_bind_int64(st, 3, ev->line_id);
	sqlite3_bind_int64(st, 4, (int64_t)ev->kind);
	bind_text0(st, 5, ev->name);
	bind_text0(st, 6, ev->mime);
	bind_text(st, 7, hex);
	sqlite3_bind_int64(st, 8, (int64_t)len);
	bind_text0(st, 9, ev->uploaded_by);
	bind_text(st, 10, now);
	rc = run_returning(s, st, &ev->id, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT) {
		errors_addf(err, "证明材料无法保存：该单位不是本轮考核对象，或指标"
			    "不存在");
		return STORE_ERROR;
	}
	ev->size = (int64_t)len;
	return rc;
}

static void evidence_row(sqlite3_stmt *st, struct arena *a,
			 struct assess_evidence_file *e)
{
	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(st, 0);
	e->round_id = sqlite3_column_int64(st, 1);
	e->unit_id = sqlite3_column_int64(st, 2);
	e->line_id = sqlite3_column_int64(st, 3);
	e->kind = (unsigned)sqlite3_column_int64(st, 4);
	e->name = col_text0(st, 5, a);
	e->mime = col_text0(st, 6, a);
	e->sha256 = col_text0(st, 7, a);
	e->size = sqlite3_column_int64(st, 8);
	e->uploaded_by = col_text0(st, 9, a);
	e->uploaded_at = col_text0(st, 10, a);
}

enum store_rc store_assess_evidence_list(struct store *s, int64_t round_id,
					 int64_t unit_id, struct arena *a,
					 struct assess_evidence_file **out,
					 size_t *n)
{
	sqlite3_stmt *st = aprep(s, A_EVIDENCE_LIST);
	struct assess_evidence_file *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	sqlite3_bind_int64(st, 1, round_id);
	sqlite3_bind_int64(st, 2, unit_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		evidence_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

enum store_rc store_assess_evidence_get(struct store *s, int64_t id,
					struct arena *a,
					struct assess_evidence_file *out)
{
	sqlite3_stmt *st = aprep(s, A_EVIDENCE_GET);
	enum store_rc rc = STORE_NOTFOUND;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		evidence_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

/* --- what the automatic lines read --- */

enum store_rc store_assess_timed_records(struct store *s, int64_t unit_id,
					 const char *from, const char *to,
					 struct arena *a,
					 struct assess_timed_record **out,
					 size_t *n)
{
	sqlite3_stmt *st = aprep(s, A_TIMED);
	struct assess_timed_record *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	sqlite3_bind_int64(st, 1, unit_id);
	bind_text0(st, 2, from);
	bind_text0(st, 3, to);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct assess_timed_record *r;

		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		r = &v[cnt++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(st, 0);
		r->title = col_text0(st, 1, a);
		r->written_on = col_text0(st, 2, a);
		r->published_on = col_text0(st, 3, a);
		r->due_on = col_text0(st, 4, a);
		r->published = sqlite3_column_int(st, 5) != 0;
		r->tl.kind = col_text0(st, 6, a);
		r->tl.days = sqlite3_column_int(st, 7);
		r->tl.workdays = sqlite3_column_int(st, 8) != 0;
		r->tl.anchor = col_text0(st, 9, a);
		r->tl.notice_days = sqlite3_column_int(st, 10);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

enum store_rc store_assess_unit_domains(struct store *s, int64_t unit_id,
					struct arena *a, int64_t **ids,
					size_t *n)
{
	sqlite3_stmt *st = aprep(s, A_UNIT_DOMAINS);
	int64_t *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	sqlite3_bind_int64(st, 1, unit_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		v[cnt++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	*ids = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}
