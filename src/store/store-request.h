/* store-request.h: applications for disclosure (依申请公开), their steps,
 * files, review and litigation cases, and the annual report's written
 * parts (part of store.h; implemented in sqlite-request.c; the tables are
 * schema/0009-requests.sql)
 *
 * The store keeps what happened; the rules — which step may follow which,
 * the clock, fees, the report's arithmetic — are domain/request*.c,
 * domain/fee.c and domain/annual-report.c.  Enumerations are kept as the
 * text codes of the schema so that exports and the PostgreSQL store read
 * the same.
 */
#ifndef GK_STORE_REQUEST_H
#define GK_STORE_REQUEST_H

/* An application.  Strings are never NULL once read ("" for none), except
 * the dates marked "or NULL". */
struct request {
	int64_t id;
	int64_t unit_id;
	const char *unit_name, *region_code;	/* the unit's, when read */
	int year, serial;		/* 编号: 〔year〕serial */
	const char *code;		/* 查询码 */
	const char *applicant_kind;	/* person commercial research nonprofit
					 * legal other */
	const char *name, *id_type, *id_number;
	const char *credit_code, *legal_rep, *contact_person;
	const char *phone, *email, *address, *postcode;
	const char *info_name, *info_doc_no, *info_desc;
	const char *forms, *delivery;	/* 、-separated choices */
	bool fee_waiver;
	const char *fee_waiver_reason;
	const char *channel;		/* online in_person mail_signed
					 * mail_plain fax email */
	const char *submitted_on, *received_on, *receipt_note, *ip;
	const char *status;		/* registered reviewing correcting
					 * handling replied archived */
	const char *outcome;		/* table 三 row code, or NULL */
	const char *outcome_article, *reply_letter;
	const char *replied_on;		/* or NULL */
	const char *delivered_how;
	const char *delivered_on, *archived_on;	/* or NULL */
	const char *fee_method;		/* per_item by_pages, or NULL */
	int64_t fee_units, fee_fen;	/* 0 when no fee */
	const char *fee_state;		/* noticed paid expired waived, or NULL */
	const char *created_by, *created_at, *updated_at;
};

/* One step of an application: a row of request_events (the clock's
 * input, domain/request-clock.h's struct clock_event, is built from
 * these by domain/request.c). */
struct request_step {
	int64_t id;
	int64_t request_id;
	const char *kind;	/* see schema/0009-requests.sql */
	const char *day;	/* YYYY-MM-DD */
	const char *until;	/* a deadline it sets, or NULL */
	int days;		/* extension: working days added; else 0 */
	const char *approver, *note, *actor, *created_at;
};

struct request_file {
	int64_t id;
	int64_t request_id;
	int seq;
	const char *role;	/* application reply other */
	const char *name, *mime, *sha256;
	int64_t size;
};

struct request_case {
	int64_t id;
	int64_t request_id;	/* 0 when not tied to one */
	int64_t unit_id;
	const char *kind;	/* review suit_direct suit_after_review */
	const char *result;	/* upheld corrected other pending */
	const char *filed_on, *decided_on;	/* decided_on may be NULL */
	const char *note, *created_at;
};

struct annual_report_text {
	int64_t unit_id;
	int year;
	const char *overview, *problems, *other;	/* sections 一 五 六 */
	const char *table2;	/* JSON of the figures an office enters */
	const char *published_at;	/* or NULL */
	const char *updated_at;
};

/* Insert r (id, year, serial, created_at, updated_at are set here: year
 * is received_on's, serial the next of the unit's year; r gets them too);
 * *id gets the new id.  STORE_CONFLICT, with no message, when r->code is
 * taken (the caller draws another); another constraint failing (no such
 * unit, a code outside the schema's lists) is STORE_ERROR with a
 * message. */
enum store_rc store_request_insert(struct store *s, struct request *r,
				   int64_t *id, struct errors *err);
/* Write every field of r->id but id, unit, year, serial, code and
 * created_*; updated_at is set here.  STORE_NOTFOUND when no such id. */
enum store_rc store_request_update(struct store *s, const struct request *r,
				   struct errors *err);
enum store_rc store_request_get(struct store *s, int64_t id, struct arena *a,
				struct request *out);
/* By 查询码 (exact); STORE_NOTFOUND when none. */
enum store_rc store_request_by_code(struct store *s, const char *code,
				    struct arena *a, struct request *out);

struct request_filter {
	int64_t unit_id;	/* 0 = every unit */
	const char *region;	/* units of this region and below, or NULL */
	const char *status;	/* one status, NULL = any; "open" = not
				 * replied or archived */
	const char *received_from, *received_to;	/* inclusive, or NULL */
	const char *text;	/* in name, info_name, code; or NULL */
	int64_t offset, limit;	/* limit 0 = no limit */
};
/* Applications matching f, newest received first, and how many match. */
enum store_rc store_request_list(struct store *s, const struct request_filter *f,
				 struct arena *a, struct request **out,
				 size_t *n, int64_t *total);
/* Every open application (not replied or archived) of every unit: what
 * recomputing the clocks after a calendar change walks. */
enum store_rc store_request_open_ids(struct store *s, struct arena *a,
				     int64_t **ids, size_t *n);
/* Applications of 'unit_id' received with from <= received_on <= to, in
 * one list (for the annual report and for counting an applicant's month):
 * every field, no events. */
enum store_rc store_request_received_between(struct store *s, int64_t unit_id,
					     const char *from, const char *to,
					     struct arena *a,
					     struct request **out, size_t *n);
/* How many applications the same applicant as r (same credit_code when
 * r has one, else same name and id_number) filed with r->unit_id,
 * received in [from, to], r itself (r->id) not counted: with from the
 * first of the month and to r's received_on, one less than the rank of r
 * in its month for 按件 fees. */
enum store_rc store_request_count_by_applicant(struct store *s,
					       const struct request *r,
					       const char *from, const char *to,
					       int64_t *count);
/* Other applications of r->unit_id (r->id excluded) asking for the same
 * information: the same info_name (after trimming), or the same
 * info_doc_no when r has one; newest received first, at most 'limit':
 * repeated requests, a candidate for proactive disclosure (第四十四条). */
enum store_rc store_request_same_info(struct store *s, const struct request *r,
				      int limit, struct arena *a,
				      struct request **out, size_t *n);

/* Add a step (id and created_at set here; *id may be NULL). */
enum store_rc store_request_step_add(struct store *s,
				     const struct request_step *e,
				     int64_t *id, struct errors *err);
/* A request's steps, by day then id. */
enum store_rc store_request_steps(struct store *s, int64_t request_id,
				  struct arena *a, struct request_step **out,
				  size_t *n);

/* A file of a request; the bytes go to blobs (as records' attachments). */
enum store_rc store_request_file_add(struct store *s, int64_t request_id,
				     const char *role, const char *name,
				     const char *mime, const void *data,
				     size_t size, int64_t *id,
				     struct errors *err);
enum store_rc store_request_files(struct store *s, int64_t request_id,
				  struct arena *a, struct request_file **out,
				  size_t *n);

enum store_rc store_request_case_add(struct store *s,
				     const struct request_case *c, int64_t *id,
				     struct errors *err);
/* Cases of 'unit_id' filed in [from, to] or still pending at 'to'. */
enum store_rc store_request_cases(struct store *s, int64_t unit_id,
				  const char *from, const char *to,
				  struct arena *a, struct request_case **out,
				  size_t *n);

/* The written parts of a unit's report of a year: STORE_NOTFOUND when the
 * office has written nothing yet. */
enum store_rc store_annual_report_get(struct store *s, int64_t unit_id,
				      int year, struct arena *a,
				      struct annual_report_text *out);
/* Insert or replace (updated_at set here). */
enum store_rc store_annual_report_put(struct store *s,
				      const struct annual_report_text *t,
				      struct errors *err);
/* Published reports, newest year first, of units of 'region' and below
 * (NULL: all). */
enum store_rc store_annual_report_published(struct store *s, const char *region,
					    struct arena *a,
					    struct annual_report_text **out,
					    size_t *n);

/* The public form's rate limit: log one submission from 'ip' at 'now', and
 * count those since 'since' (the log keeps a day). */
enum store_rc store_request_intake_count(struct store *s, const char *ip,
					 const char *since, int64_t *count);
enum store_rc store_request_intake_log(struct store *s, const char *ip,
				       const char *now, struct errors *err);

#endif
