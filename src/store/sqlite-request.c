/* sqlite-request.c: the SQLite implementation of store-request.h —
 * applications for disclosure on request (依申请公开), their steps and
 * files, review and litigation cases, the annual report's written parts
 * and the public form's rate-limit log
 *
 * Same rules as sqlite.c: constant statements prepared once (slots from
 * SLOTS_REQUEST in struct store's more[]), values always bound.  Dates are
 * YYYY-MM-DD text, so comparing the text compares the dates.  A region's
 * subtree is walked with a recursive query over regions (portable to
 * PostgreSQL), never by prefix.  The rules (which step may follow which,
 * the clock, fees) are domain/request.c's; this file only keeps rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite-int.h"
#include "../util/buf.h"
#include "../util/timeutil.h"

enum qstmt {
	Q_INSERT,
	Q_CODE_TAKEN,
	Q_UPDATE,
	Q_GET,
	Q_BY_CODE,
	Q_LIST,
	Q_COUNT,
	Q_OPEN_IDS,
	Q_BETWEEN,
	Q_BY_APPLICANT,
	Q_SAME_INFO,
	Q_STEP_ADD,
	Q_STEPS,
	Q_FILE_ADD,
	Q_FILES,
	Q_CASE_ADD,
	Q_CASES,
	Q_REPORT_GET,
	Q_REPORT_PUT,
	Q_REPORT_PUBLISHED,
	Q_INTAKE_COUNT,
	Q_INTAKE_LOG,
	Q_INTAKE_PRUNE,
	Q__MAX
};
_Static_assert(SLOTS_REQUEST + Q__MAX <= STORE_MORE_STMTS,
	       "too many statements");

#define REQ_COLS \
	"q.id, q.unit_id, q.year, q.serial, q.code, q.applicant_kind, " \
	"q.name, q.id_type, q.id_number, q.credit_code, q.legal_rep, " \
	"q.contact_person, q.phone, q.email, q.address, q.postcode, " \
	"q.info_name, q.info_doc_no, q.info_desc, q.forms, q.delivery, " \
	"q.fee_waiver, q.fee_waiver_reason, q.channel, q.submitted_on, " \
	"q.received_on, q.receipt_note, q.ip, q.status, q.outcome, " \
	"q.outcome_article, q.reply_letter, q.replied_on, q.delivered_how, " \
	"q.delivered_on, q.archived_on, q.fee_method, q.fee_units, " \
	"q.fee_fen, q.fee_state, q.created_by, q.created_at, q.updated_at, " \
	"u.name, u.region_code "
#define REQ_FROM "FROM requests q JOIN units u ON u.id = q.unit_id "

/* The units of region ?N and every region below it. */
#define SUBTREE(n) \
	"WITH RECURSIVE sub(code) AS (SELECT " n " UNION ALL " \
	"SELECT r.code FROM regions r JOIN sub ON r.parent_code = sub.code) "

/* The conditions of a list: ?1 unit (0 any), ?2 region (NULL any), ?3
 * status (NULL any, 'open'), ?4 from, ?5 to, ?6 text pattern (LIKE with
 * '\' as escape, NULL any). */
#define LIST_WHERE \
	"WHERE (?1 = 0 OR q.unit_id = ?1) " \
	"AND (?2 IS NULL OR u.region_code IN (SELECT code FROM sub)) " \
	"AND (?3 IS NULL OR q.status = ?3 OR (?3 = 'open' AND " \
	"q.status NOT IN ('replied', 'archived'))) " \
	"AND (?4 IS NULL OR q.received_on >= ?4) " \
	"AND (?5 IS NULL OR q.received_on <= ?5) " \
	"AND (?6 IS NULL OR q.name LIKE ?6 ESCAPE '\\' " \
	"OR q.info_name LIKE ?6 ESCAPE '\\' OR q.code LIKE ?6 ESCAPE '\\') "

#define STEP_COLS "id, request_id, kind, day, until, days, approver, note, " \
	"actor, created_at "
#define CASE_COLS "id, request_id, unit_id, kind, result, filed_on, " \
	"decided_on, note, created_at "
#define REPORT_COLS "a.unit_id, a.year, a.overview, a.problems, a.other, " \
	"a.table2, a.published_at, a.updated_at "

static const char *const qsql[Q__MAX] = {
	[Q_INSERT] = "INSERT INTO requests (unit_id, year, serial, code, "
		"applicant_kind, name, id_type, id_number, credit_code, "
		"legal_rep, contact_person, phone, email, address, postcode, "
		"info_name, info_doc_no, info_desc, forms, delivery, fee_waiver, "
		"fee_waiver_reason, channel, submitted_on, received_on, "
		"receipt_note, ip, status, outcome, outcome_article, "
		"reply_letter, replied_on, delivered_how, delivered_on, "
		"archived_on, fee_method, fee_units, fee_fen, fee_state, "
		"created_by, created_at, updated_at) "
		"VALUES (?1, ?2, (SELECT COALESCE(MAX(serial), 0) + 1 "
		"FROM requests WHERE unit_id = ?1 AND year = ?2), ?3, ?4, ?5, "
		"?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
		"?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, "
		"?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?40) "
		"RETURNING id, serial",
	[Q_CODE_TAKEN] = "SELECT 1 FROM requests WHERE code = ?",
	[Q_UPDATE] = "UPDATE requests SET applicant_kind = ?1, name = ?2, "
		"id_type = ?3, id_number = ?4, credit_code = ?5, legal_rep = ?6, "
		"contact_person = ?7, phone = ?8, email = ?9, address = ?10, "
		"postcode = ?11, info_name = ?12, info_doc_no = ?13, "
		"info_desc = ?14, forms = ?15, delivery = ?16, fee_waiver = ?17, "
		"fee_waiver_reason = ?18, channel = ?19, submitted_on = ?20, "
		"received_on = ?21, receipt_note = ?22, ip = ?23, status = ?24, "
		"outcome = ?25, outcome_article = ?26, reply_letter = ?27, "
		"replied_on = ?28, delivered_how = ?29, delivered_on = ?30, "
		"archived_on = ?31, fee_method = ?32, fee_units = ?33, "
		"fee_fen = ?34, fee_state = ?35, updated_at = ?36 "
		"WHERE id = ?37",
	[Q_GET] = "SELECT " REQ_COLS REQ_FROM "WHERE q.id = ?",
	[Q_BY_CODE] = "SELECT " REQ_COLS REQ_FROM "WHERE q.code = ?",
	[Q_LIST] = SUBTREE("?2") "SELECT " REQ_COLS REQ_FROM LIST_WHERE
		"ORDER BY q.received_on DESC, q.id DESC LIMIT ?7 OFFSET ?8",
	[Q_COUNT] = SUBTREE("?2") "SELECT COUNT(*) " REQ_FROM LIST_WHERE,
	[Q_OPEN_IDS] = "SELECT id FROM requests "
		"WHERE status NOT IN ('replied', 'archived') ORDER BY id",
	[Q_BETWEEN] = "SELECT " REQ_COLS REQ_FROM
		"WHERE (?1 = 0 OR q.unit_id = ?1) AND q.received_on >= ?2 "
		"AND q.received_on <= ?3 ORDER BY q.received_on, q.id",
	[Q_BY_APPLICANT] = "SELECT COUNT(*) FROM requests "
		"WHERE unit_id = ?1 AND id <> ?2 AND received_on >= ?3 "
		"AND received_on <= ?4 AND ((?5 <> '' AND credit_code = ?5) "
		"OR (?5 = '' AND credit_code = '' AND name = ?6 "
		"AND id_number = ?7))",
	[Q_SAME_INFO] = "SELECT " REQ_COLS REQ_FROM
		"WHERE q.unit_id = ?1 AND q.id <> ?2 AND ((?3 <> '' AND "
		"trim(q.info_name) = ?3) OR (?4 <> '' AND q.info_doc_no = ?4)) "
		"ORDER BY q.received_on DESC, q.id DESC LIMIT ?5",
	[Q_STEP_ADD] = "INSERT INTO request_events (request_id, kind, day, "
		"until, days, approver, note, actor, created_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[Q_STEPS] = "SELECT " STEP_COLS "FROM request_events "
		"WHERE request_id = ? ORDER BY day, id",
	[Q_FILE_ADD] = "INSERT INTO request_files (request_id, seq, role, "
		"name, mime, sha256, size) VALUES (?1, (SELECT COUNT(*) FROM "
		"request_files WHERE request_id = ?1), ?2, ?3, ?4, ?5, ?6) "
		"RETURNING id",
	[Q_FILES] = "SELECT id, request_id, seq, role, name, mime, sha256, "
		"size FROM request_files WHERE request_id = ? ORDER BY seq, id",
	[Q_CASE_ADD] = "INSERT INTO request_cases (request_id, unit_id, kind, "
		"result, filed_on, decided_on, note, created_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[Q_CASES] = "SELECT " CASE_COLS "FROM request_cases "
		"WHERE unit_id = ?1 AND ((filed_on >= ?2 AND filed_on <= ?3) "
		"OR (filed_on < ?2 AND (result = 'pending' OR decided_on IS NULL "
		"OR decided_on > ?3))) ORDER BY filed_on, id",
	[Q_REPORT_GET] = "SELECT " REPORT_COLS "FROM annual_reports a "
		"WHERE a.unit_id = ? AND a.year = ?",
	[Q_REPORT_PUT] = "INSERT INTO annual_reports (unit_id, year, overview, "
		"problems, other, table2, published_at, updated_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, year) "
		"DO UPDATE SET overview = excluded.overview, "
		"problems = excluded.problems, other = excluded.other, "
		"table2 = excluded.table2, published_at = excluded.published_at, "
		"updated_at = excluded.updated_at",
	[Q_REPORT_PUBLISHED] = SUBTREE("?1") "SELECT " REPORT_COLS
		"FROM annual_reports a JOIN units u ON u.id = a.unit_id "
		"WHERE a.published_at IS NOT NULL AND (?1 IS NULL OR "
		"u.region_code IN (SELECT code FROM sub)) "
		"ORDER BY a.year DESC, u.region_code, u.name",
	[Q_INTAKE_COUNT] = "SELECT COUNT(*) FROM request_intake_log "
		"WHERE ip = ? AND at >= ?",
	[Q_INTAKE_LOG] = "INSERT INTO request_intake_log (ip, at) VALUES (?, ?)",
	[Q_INTAKE_PRUNE] = "DELETE FROM request_intake_log WHERE at < ?",
};

static sqlite3_stmt *qprep(struct store *s, enum qstmt id)
{
	return prep_sql(s, SLOTS_REQUEST + id, qsql[id]);
}

/* "" for NULL: the schema's NOT NULL text columns. */
/* NULL for NULL or "": the nullable columns (dates, codes). */
/* Grow an array in the arena by doubling. */
static void request_row(sqlite3_stmt *st, struct arena *a, struct request *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->unit_id = sqlite3_column_int64(st, 1);
	r->year = sqlite3_column_int(st, 2);
	r->serial = sqlite3_column_int(st, 3);
	r->code = col_text0(st, 4, a);
	r->applicant_kind = col_text0(st, 5, a);
	r->name = col_text0(st, 6, a);
	r->id_type = col_text0(st, 7, a);
	r->id_number = col_text0(st, 8, a);
	r->credit_code = col_text0(st, 9, a);
	r->legal_rep = col_text0(st, 10, a);
	r->contact_person = col_text0(st, 11, a);
	r->phone = col_text0(st, 12, a);
	r->email = col_text0(st, 13, a);
	r->address = col_text0(st, 14, a);
	r->postcode = col_text0(st, 15, a);
	r->info_name = col_text0(st, 16, a);
	r->info_doc_no = col_text0(st, 17, a);
	r->info_desc = col_text0(st, 18, a);
	r->forms = col_text0(st, 19, a);
	r->delivery = col_text0(st, 20, a);
	r->fee_waiver = sqlite3_column_int(st, 21) != 0;
	r->fee_waiver_reason = col_text0(st, 22, a);
	r->channel = col_text0(st, 23, a);
	r->submitted_on = col_text0(st, 24, a);
	r->received_on = col_text0(st, 25, a);
	r->receipt_note = col_text0(st, 26, a);
	r->ip = col_text0(st, 27, a);
	r->status = col_text0(st, 28, a);
	r->outcome = col_text(st, 29, a);
	r->outcome_article = col_text0(st, 30, a);
	r->reply_letter = col_text0(st, 31, a);
	r->replied_on = col_text(st, 32, a);
	r->delivered_how = col_text0(st, 33, a);
	r->delivered_on = col_text(st, 34, a);
	r->archived_on = col_text(st, 35, a);
	r->fee_method = col_text(st, 36, a);
	r->fee_units = sqlite3_column_int64(st, 37);
	r->fee_fen = sqlite3_column_int64(st, 38);
	r->fee_state = col_text(st, 39, a);
	r->created_by = col_text0(st, 40, a);
	r->created_at = col_text0(st, 41, a);
	r->updated_at = col_text0(st, 42, a);
	r->unit_name = col_text0(st, 43, a);
	r->region_code = col_text0(st, 44, a);
}

/* Every row of a statement already bound, as requests. */
static enum store_rc request_rows(struct store *s, sqlite3_stmt *st,
				  struct arena *a, struct request **out,
				  size_t *n)
{
	struct request *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		request_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : db_error(s, NULL);
}

/* Bind the fields an insert and an update share, from 'first' on, in the
 * order of the columns applicant_kind … fee_state. */
static void bind_fields(sqlite3_stmt *st, int first, const struct request *r)
{
	int i = first;
	bool fee = r->fee_method && *r->fee_method;

	bind_text0(st, i++, r->applicant_kind);
	bind_text0(st, i++, r->name);
	bind_text0(st, i++, r->id_type);
	bind_text0(st, i++, r->id_number);
	bind_text0(st, i++, r->credit_code);
	bind_text0(st, i++, r->legal_rep);
	bind_text0(st, i++, r->contact_person);
	bind_text0(st, i++, r->phone);
	bind_text0(st, i++, r->email);
	bind_text0(st, i++, r->address);
	bind_text0(st, i++, r->postcode);
	bind_text0(st, i++, r->info_name);
	bind_text0(st, i++, r->info_doc_no);
	bind_text0(st, i++, r->info_desc);
	bind_text0(st, i++, r->forms);
	bind_text0(st, i++, r->delivery);
	sqlite3_bind_int(st, i++, r->fee_waiver ? 1 : 0);
	bind_text0(st, i++, r->fee_waiver_reason);
	bind_text0(st, i++, r->channel);
	bind_text0(st, i++, r->submitted_on);
	bind_text0(st, i++, r->received_on);
	bind_text0(st, i++, r->receipt_note);
	bind_text0(st, i++, r->ip);
	bind_text(st, i++, r->status && *r->status ? r->status : "registered");
	bind_nonempty(st, i++, r->outcome);
	bind_text0(st, i++, r->outcome_article);
	bind_text0(st, i++, r->reply_letter);
	bind_nonempty(st, i++, r->replied_on);
	bind_text0(st, i++, r->delivered_how);
	bind_nonempty(st, i++, r->delivered_on);
	bind_nonempty(st, i++, r->archived_on);
	bind_nonempty(st, i++, r->fee_method);
	if (fee) {
		sqlite3_bind_int64(st, i++, r->fee_units);
		sqlite3_bind_int64(st, i++, r->fee_fen);
	} else {
		sqlite3_bind_null(st, i++);
		sqlite3_bind_null(st, i++);
	}
	bind_nonempty(st, i++, r->fee_state);
}

enum store_rc store_request_insert(struct store *s, struct request *r,
				   int64_t *id, struct errors *err)
{
	sqlite3_stmt *st = qprep(s, Q_CODE_TAKEN);
	char now[TIME_TEXT_LEN];
	bool taken;
	int year, step;

	bind_text(st, 1, r->code);
	taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (taken)
		return STORE_CONFLICT;
	year = r->received_on ? atoi(r->received_on) : 0;
	time_now_text(now);
	st = qprep(s, Q_INSERT);
	sqlite3_bind_int64(st, 1, r->unit_id);
	sqlite3_bind_int(st, 2, year);
	bind_text0(st, 3, r->code);
	bind_fields(st, 4, r);
	bind_text0(st, 39, r->created_by);
	bind_text(st, 40, now);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		r->id = sqlite3_column_int64(st, 0);
		r->serial = sqlite3_column_int(st, 1);
		r->year = year;
		step = sqlite3_step(st);
	}
	if (step != SQLITE_DONE) {
		bool constraint =
			(sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT;
		if (constraint)
			errors_addf(err, "申请无法保存：单位 %lld 不存在，或有字段取值"
				    "无效（%s）", (long long)r->unit_id,
				    sqlite3_errmsg(s->db));
		else
			db_error(s, err);
		sqlite3_reset(st);
		return STORE_ERROR;
	}
	sqlite3_reset(st);
	if (id)
		*id = r->id;
	return STORE_OK;
}

enum store_rc store_request_update(struct store *s, const struct request *r,
				   struct errors *err)
{
	sqlite3_stmt *st = qprep(s, Q_UPDATE);
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	time_now_text(now);
	bind_fields(st, 1, r);
	bind_text(st, 36, now);
	sqlite3_bind_int64(st, 37, r->id);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT) {
		errors_addf(err, "申请 %lld 无法保存：有字段取值无效",
			    (long long)r->id);
		return STORE_ERROR;
	}
	if (rc == STORE_OK && sqlite3_changes(s->db) == 0)
		return STORE_NOTFOUND;
	return rc;
}

/* One request by a bound statement: STORE_NOTFOUND when no row. */
static enum store_rc one_request(sqlite3_stmt *st, struct arena *a,
				 struct request *out)
{
	enum store_rc rc = STORE_NOTFOUND;

	if (sqlite3_step(st) == SQLITE_ROW) {
		request_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_request_get(struct store *s, int64_t id, struct arena *a,
				struct request *out)
{
	sqlite3_stmt *st = qprep(s, Q_GET);

	sqlite3_bind_int64(st, 1, id);
	return one_request(st, a, out);
}

enum store_rc store_request_by_code(struct store *s, const char *code,
				    struct arena *a, struct request *out)
{
	sqlite3_stmt *st = qprep(s, Q_BY_CODE);

	if (!code)
		return STORE_NOTFOUND;
	bind_text(st, 1, code);
	return one_request(st, a, out);
}

/* The LIST_WHERE parameters of 'f'; 'pattern' keeps the LIKE text alive. */
static void bind_filter(sqlite3_stmt *st, const struct request_filter *f,
			struct buf *pattern)
{
	sqlite3_bind_int64(st, 1, f->unit_id);
	bind_nonempty(st, 2, f->region);
	bind_nonempty(st, 3, f->status);
	bind_nonempty(st, 4, f->received_from);
	bind_nonempty(st, 5, f->received_to);
	if (f->text && *f->text) {
		buf_reset(pattern);
		buf_addch(pattern, '%');
		for (const char *p = f->text; *p; p++) {
			if (*p == '%' || *p == '_' || *p == '\\')
				buf_addch(pattern, '\\');
			buf_addch(pattern, *p);
		}
		buf_addch(pattern, '%');
		bind_text(st, 6, pattern->buf);
	} else {
		sqlite3_bind_null(st, 6);
	}
}

enum store_rc store_request_list(struct store *s, const struct request_filter *f,
				 struct arena *a, struct request **out,
				 size_t *n, int64_t *total)
{
	struct buf pattern = BUF_INIT;
	sqlite3_stmt *st = qprep(s, Q_COUNT);
	enum store_rc rc;

	bind_filter(st, f, &pattern);
	*total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);

	st = qprep(s, Q_LIST);
	bind_filter(st, f, &pattern);
	sqlite3_bind_int64(st, 7, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(st, 8, f->offset > 0 ? f->offset : 0);
	rc = request_rows(s, st, a, out, n);
	buf_release(&pattern);
	return rc;
}

enum store_rc store_request_open_ids(struct store *s, struct arena *a,
				     int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = qprep(s, Q_OPEN_IDS);
	int64_t *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		v[cnt++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	*ids = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

enum store_rc store_request_received_between(struct store *s, int64_t unit_id,
					     const char *from, const char *to,
					     struct arena *a,
					     struct request **out, size_t *n)
{
	sqlite3_stmt *st = qprep(s, Q_BETWEEN);

	sqlite3_bind_int64(st, 1, unit_id);
	bind_text(st, 2, from ? from : "");
	bind_text(st, 3, to ? to : "9");
	return request_rows(s, st, a, out, n);
}

enum store_rc store_request_count_by_applicant(struct store *s,
					       const struct request *r,
					       const char *from, const char *to,
					       int64_t *count)
{
	sqlite3_stmt *st = qprep(s, Q_BY_APPLICANT);
	int step;

	sqlite3_bind_int64(st, 1, r->unit_id);
	sqlite3_bind_int64(st, 2, r->id);
	bind_text(st, 3, from ? from : "");
	bind_text(st, 4, to ? to : "9");
	bind_text0(st, 5, r->credit_code);
	bind_text0(st, 6, r->name);
	bind_text0(st, 7, r->id_number);
	step = sqlite3_step(st);
	*count = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return step == SQLITE_ROW ? STORE_OK : STORE_ERROR;
}

enum store_rc store_request_same_info(struct store *s, const struct request *r,
				      int limit, struct arena *a,
				      struct request **out, size_t *n)
{
	sqlite3_stmt *st = qprep(s, Q_SAME_INFO);
	struct buf name = BUF_INIT;
	const char *p = r->info_name ? r->info_name : "";
	enum store_rc rc;
	size_t len;

	/* trimmed of ASCII blanks, as SQL's trim() does on the stored side */
	while (*p == ' ')
		p++;
	len = strlen(p);
	while (len && p[len - 1] == ' ')
		len--;
	buf_add(&name, p, len);
	sqlite3_bind_int64(st, 1, r->unit_id);
	sqlite3_bind_int64(st, 2, r->id);
	bind_text(st, 3, name.buf);
	bind_text0(st, 4, r->info_doc_no);
	sqlite3_bind_int(st, 5, limit > 0 ? limit : 20);
	rc = request_rows(s, st, a, out, n);
	buf_release(&name);
	return rc;
}

/* --- steps --- */

enum store_rc store_request_step_add(struct store *s,
				     const struct request_step *e,
				     int64_t *id, struct errors *err)
{
	sqlite3_stmt *st = qprep(s, Q_STEP_ADD);
	char now[TIME_TEXT_LEN];
	int64_t ignored;
	enum store_rc rc;

	time_now_text(now);
	sqlite3_bind_int64(st, 1, e->request_id);
	bind_text0(st, 2, e->kind);
	bind_text0(st, 3, e->day);
	bind_nonempty(st, 4, e->until);
	sqlite3_bind_int(st, 5, e->days);
	bind_text0(st, 6, e->approver);
	bind_text0(st, 7, e->note);
	bind_text0(st, 8, e->actor);
	bind_text(st, 9, now);
	rc = run_returning(s, st, id ? id : &ignored, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT) {
		errors_addf(err, "办理步骤「%s」无法保存：申请 %lld 不存在或步骤"
			    "类型无效", e->kind ? e->kind : "",
			    (long long)e->request_id);
		rc = STORE_ERROR;
	}
	return rc;
}

enum store_rc store_request_steps(struct store *s, int64_t request_id,
				  struct arena *a, struct request_step **out,
				  size_t *n)
{
	sqlite3_stmt *st = qprep(s, Q_STEPS);
	struct request_step *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	sqlite3_bind_int64(st, 1, request_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct request_step *e;

		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		e = &v[cnt++];
		e->id = sqlite3_column_int64(st, 0);
		e->request_id = sqlite3_column_int64(st, 1);
		e->kind = col_text0(st, 2, a);
		e->day = col_text0(st, 3, a);
		e->until = col_text(st, 4, a);
		e->days = sqlite3_column_int(st, 5);
		e->approver = col_text0(st, 6, a);
		e->note = col_text0(st, 7, a);
		e->actor = col_text0(st, 8, a);
		e->created_at = col_text0(st, 9, a);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* --- files --- */

enum store_rc store_request_file_add(struct store *s, int64_t request_id,
				     const char *role, const char *name,
				     const char *mime, const void *data,
				     size_t size, int64_t *id,
				     struct errors *err)
{
	char sha[65];
	sqlite3_stmt *st;
	int64_t ignored;
	enum store_rc rc;

	if ((rc = store_begin(s, err)) != STORE_OK)
		return rc;
	rc = store_blob_put(s, data, size, sha, err);
	if (rc == STORE_OK) {
		st = qprep(s, Q_FILE_ADD);
		sqlite3_bind_int64(st, 1, request_id);
		bind_text0(st, 2, role);
		bind_text0(st, 3, name);
		bind_text0(st, 4, mime);
		bind_text(st, 5, sha);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)size);
		rc = run_returning(s, st, id ? id : &ignored, err);
		sqlite3_reset(st);
		if (rc == STORE_CONFLICT) {
			errors_addf(err, "文件 %s 无法保存：申请 %lld 不存在或"
				    "文件用途无效", name ? name : "",
				    (long long)request_id);
			rc = STORE_ERROR;
		}
	}
	if (rc != STORE_OK) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

enum store_rc store_request_files(struct store *s, int64_t request_id,
				  struct arena *a, struct request_file **out,
				  size_t *n)
{
	sqlite3_stmt *st = qprep(s, Q_FILES);
	struct request_file *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	sqlite3_bind_int64(st, 1, request_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct request_file *f;

		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		f = &v[cnt++];
		f->id = sqlite3_column_int64(st, 0);
		f->request_id = sqlite3_column_int64(st, 1);
		f->seq = sqlite3_column_int(st, 2);
		f->role = col_text0(st, 3, a);
		f->name = col_text0(st, 4, a);
		f->mime = col_text0(st, 5, a);
		f->sha256 = col_text0(st, 6, a);
		f->size = sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* --- review and litigation cases --- */

enum store_rc store_request_case_add(struct store *s,
				     const struct request_case *c, int64_t *id,
				     struct errors *err)
{
	sqlite3_stmt *st = qprep(s, Q_CASE_ADD);
	char now[TIME_TEXT_LEN];
	int64_t ignored;
	enum store_rc rc;

	time_now_text(now);
	bind_id(st, 1, c->request_id);
	sqlite3_bind_int64(st, 2, c->unit_id);
	bind_text0(st, 3, c->kind);
	bind_text0(st, 4, c->result);
	bind_text0(st, 5, c->filed_on);
	bind_nonempty(st, 6, c->decided_on);
	bind_text0(st, 7, c->note);
	bind_text(st, 8, now);
	rc = run_returning(s, st, id ? id : &ignored, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT) {
		errors_addf(err, "案件无法保存：单位或申请不存在，或类型、结果"
			    "取值无效");
		rc = STORE_ERROR;
	}
	return rc;
}

enum store_rc store_request_cases(struct store *s, int64_t unit_id,
				  const char *from, const char *to,
				  struct arena *a, struct request_case **out,
				  size_t *n)
{
	sqlite3_stmt *st = qprep(s, Q_CASES);
	struct request_case *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	sqlite3_bind_int64(st, 1, unit_id);
	bind_text(st, 2, from ? from : "");
	bind_text(st, 3, to ? to : "9");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct request_case *c;

		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		c = &v[cnt++];
		c->id = sqlite3_column_int64(st, 0);
		c->request_id = sqlite3_column_int64(st, 1);
		c->unit_id = sqlite3_column_int64(st, 2);
		c->kind = col_text0(st, 3, a);
		c->result = col_text0(st, 4, a);
		c->filed_on = col_text0(st, 5, a);
		c->decided_on = col_text(st, 6, a);
		c->note = col_text0(st, 7, a);
		c->created_at = col_text0(st, 8, a);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* --- the annual report's written parts --- */

static void report_row(sqlite3_stmt *st, struct arena *a,
		       struct annual_report_text *t)
{
	t->unit_id = sqlite3_column_int64(st, 0);
	t->year = sqlite3_column_int(st, 1);
	t->overview = col_text0(st, 2, a);
	t->problems = col_text0(st, 3, a);
	t->other = col_text0(st, 4, a);
	t->table2 = col_text0(st, 5, a);
	t->published_at = col_text(st, 6, a);
	t->updated_at = col_text0(st, 7, a);
}

enum store_rc store_annual_report_get(struct store *s, int64_t unit_id,
				      int year, struct arena *a,
				      struct annual_report_text *out)
{
	sqlite3_stmt *st = qprep(s, Q_REPORT_GET);
	enum store_rc rc = STORE_NOTFOUND;

	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int(st, 2, year);
	if (sqlite3_step(st) == SQLITE_ROW) {
		report_row(st, a, out);
		rc = STORE_OK;
	}
	sqlite3_reset(st);
	return rc;
}

enum store_rc store_annual_report_put(struct store *s,
				      const struct annual_report_text *t,
				      struct errors *err)
{
	sqlite3_stmt *st = qprep(s, Q_REPORT_PUT);
	char now[TIME_TEXT_LEN];
	enum store_rc rc;

	time_now_text(now);
	sqlite3_bind_int64(st, 1, t->unit_id);
	sqlite3_bind_int(st, 2, t->year);
	bind_text0(st, 3, t->overview);
	bind_text0(st, 4, t->problems);
	bind_text0(st, 5, t->other);
	bind_text(st, 6, t->table2 && *t->table2 ? t->table2 : "{}");
	bind_nonempty(st, 7, t->published_at);
	bind_text(st, 8, now);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc == STORE_CONFLICT) {
		errors_addf(err, "单位 %lld 不存在", (long long)t->unit_id);
		rc = STORE_ERROR;
	}
	return rc;
}

enum store_rc store_annual_report_published(struct store *s, const char *region,
					    struct arena *a,
					    struct annual_report_text **out,
					    size_t *n)
{
	sqlite3_stmt *st = qprep(s, Q_REPORT_PUBLISHED);
	struct annual_report_text *v = NULL;
	size_t cnt = 0, cap = 0;
	int step;

	bind_nonempty(st, 1, region);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		v = grow_rows(a, v, cnt, &cap, sizeof(*v));
		report_row(st, a, &v[cnt++]);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return step == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* --- the public form's rate limit --- */

enum store_rc store_request_intake_count(struct store *s, const char *ip,
					 const char *since, int64_t *count)
{
	sqlite3_stmt *st = qprep(s, Q_INTAKE_COUNT);
	int step;

	bind_text0(st, 1, ip);
	bind_text0(st, 2, since);
	step = sqlite3_step(st);
	*count = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return step == SQLITE_ROW ? STORE_OK : STORE_ERROR;
}

enum store_rc store_request_intake_log(struct store *s, const char *ip,
				       const char *now, struct errors *err)
{
	char day_ago[TIME_TEXT_LEN];
	sqlite3_stmt *st = qprep(s, Q_INTAKE_LOG);
	enum store_rc rc;

	bind_text0(st, 1, ip);
	bind_text0(st, 2, now);
	rc = run(s, st, err);
	sqlite3_reset(st);
	if (rc != STORE_OK || !now || time_text_add(now, -86400, day_ago))
		return rc;
	st = qprep(s, Q_INTAKE_PRUNE);
	bind_text(st, 1, day_ago);
	rc = run(s, st, err);
	sqlite3_reset(st);
	return rc;
}
