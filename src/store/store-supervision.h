/* store-supervision.h: supervision tasks (督办任务) with their units and
 * reports, the bulletin-board ledger (公示栏台账), the 政务公开专区
 * checklist with its inspections, and the files of all three (part of
 * store.h; implemented in sqlite-supervision.c; the tables are
 * schema/0010-supervision.sql)
 *
 * The store keeps rows; the rules — who may report, when a unit is
 * overdue, how well a ledger is kept — are domain/supervision.c's and
 * domain/ledger.c's.  Dates are YYYY-MM-DD text; strings are never NULL
 * once read ("" for none) except those marked "or NULL".
 */
#ifndef GK_STORE_SUPERVISION_H
#define GK_STORE_SUPERVISION_H

struct task {
	int64_t id;
	const char *region_code;	/* the office's region */
	const char *source;	/* 岳政务公开办发〔2021〕1号 第（二）项 */
	const char *title;	/* the item's heading, or "" */
	const char *body;
	const char *units_text;	/* 责任单位 as written */
	const char *issued_on;
	const char *due_on;	/* or NULL: no deadline */
	const char *due_rule;	/* 完成时限 as written */
	int due_workdays;	/* > 0: due_on counted in working days */
	const char *closed_on;	/* or NULL */
	const char *created_by, *created_at, *updated_at;
	const char *region_name;	/* when read */
};

struct task_unit {
	int64_t task_id, unit_id;
	const char *role;	/* lead member */
	int seq;
	const char *unit_name, *unit_kind, *region_code;	/* when read */
};

struct task_report {
	int64_t id, task_id, unit_id;
	const char *kind;	/* progress done returned */
	const char *day, *text, *actor, *created_at;
	const char *unit_name;	/* when read */
};

/* Whose file it is. */
enum sv_owner { SV_REPORT, SV_BOARD, SV_INSPECTION, SV__MAX };

struct sv_file {
	int64_t id;
	enum sv_owner owner;
	int64_t owner_id;
	const char *name, *mime, *sha256;
	int64_t size;
};

struct board_entry {
	int64_t id, unit_id;
	int64_t record_id;	/* 0 when not a printed record */
	const char *title, *place, *posted_from, *posted_to, *posted_by;
	const char *note;
	bool printed;
	const char *actor, *created_at;
	const char *unit_name, *region_code;	/* when read */
	const char *record_index_no;	/* the record's 索引号 when linked,
					 * else "" (when read) */
	int nphotos;		/* when listed */
};

struct zone_line {
	int64_t id;
	const char *level;	/* county township */
	int seq;
	const char *carrier, *content, *form, *requirement, *quantity;
	const char *note, *source;
};

struct zone_inspection {
	int64_t id, unit_id;
	const char *level, *day, *inspector, *note, *actor, *created_at;
	const char *unit_name;	/* when read */
	int nlines, nmet;	/* when listed */
};

struct zone_result {
	int64_t line_id;
	bool met;
	const char *note;
};

/* --- tasks --- */

/* Insert t (created_at and updated_at set here); *id gets its id. */
enum store_rc store_task_insert(struct store *s, const struct task *t,
				int64_t *id, struct errors *err);
/* Assign a unit to a task.  STORE_CONFLICT when it is already there. */
enum store_rc store_task_unit_add(struct store *s, int64_t task_id,
				  int64_t unit_id, const char *role, int seq,
				  struct errors *err);
enum store_rc store_task_get(struct store *s, int64_t id, struct arena *a,
			     struct task *out);
/* Tasks of the offices of 'region' and below (NULL: any), or with
 * 'unit_id' among their units (0: any); by due date (none last), then
 * source order (id). */
enum store_rc store_task_list(struct store *s, const char *region,
			      int64_t unit_id, struct arena *a,
			      struct task **out, size_t *n);
/* A task's units in the order the notice names them (leads first). */
enum store_rc store_task_units(struct store *s, int64_t task_id,
			       struct arena *a, struct task_unit **out,
			       size_t *n);
/* Set (or with NULL clear) 办结; updated_at set here. */
enum store_rc store_task_set_closed(struct store *s, int64_t id,
				    const char *closed_on, struct errors *err);
/* Add a report (id and created_at set here; *id may be NULL).
 * STORE_CONFLICT when the unit is not on the task. */
enum store_rc store_task_report_add(struct store *s,
				    const struct task_report *r, int64_t *id,
				    struct errors *err);
/* A task's reports (every unit when unit_id is 0), by day then id. */
enum store_rc store_task_reports(struct store *s, int64_t task_id,
				 int64_t unit_id, struct arena *a,
				 struct task_report **out, size_t *n);
enum store_rc store_task_report_get(struct store *s, int64_t id,
				    struct arena *a, struct task_report *out);

/* --- files --- */

/* Store the bytes in blobs and link them to the owner; *id may be NULL. */
enum store_rc store_sv_file_add(struct store *s, enum sv_owner owner,
				int64_t owner_id, const char *name,
				const char *mime, const void *data, size_t size,
				int64_t *id, struct errors *err);
/* The files of one owner, in the order they were added. */
enum store_rc store_sv_files(struct store *s, enum sv_owner owner,
			     int64_t owner_id, struct arena *a,
			     struct sv_file **out, size_t *n);
enum store_rc store_sv_file_get(struct store *s, int64_t id, struct arena *a,
				struct sv_file *out);

/* --- the bulletin-board ledger --- */

/* Insert e (created_at set here); *id gets its id.  STORE_CONFLICT when
 * posted_to is before posted_from or the unit or record does not
 * exist. */
enum store_rc store_board_add(struct store *s, const struct board_entry *e,
			      int64_t *id, struct errors *err);
enum store_rc store_board_get(struct store *s, int64_t id, struct arena *a,
			      struct board_entry *out);
/* Entries of 'unit_id' (0: every unit of 'region' and below; both 0/NULL:
 * all) posted during [from, to] — posted_from <= to and posted_to >=
 * from; NULL bounds are open — newest first, with their photo counts. */
enum store_rc store_board_list(struct store *s, int64_t unit_id,
			       const char *region, const char *from,
			       const char *to, struct arena *a,
			       struct board_entry **out, size_t *n);

/* --- the 政务公开专区 checklist and inspections --- */

/* The lines of a level ("county", "township"), in order. */
enum store_rc store_zone_lines(struct store *s, const char *level,
			       struct arena *a, struct zone_line **out,
			       size_t *n);
/* Insert an inspection with one result per line (created_at set here). */
enum store_rc store_zone_inspection_add(struct store *s,
					const struct zone_inspection *z,
					const struct zone_result *v, size_t n,
					int64_t *id, struct errors *err);
enum store_rc store_zone_inspection_get(struct store *s, int64_t id,
					struct arena *a,
					struct zone_inspection *out);
/* A unit's inspections (0: every unit of 'region' and below), newest
 * first, with how many lines were checked and met. */
enum store_rc store_zone_inspections(struct store *s, int64_t unit_id,
				     const char *region, struct arena *a,
				     struct zone_inspection **out, size_t *n);
/* The results of an inspection, in the checklist's order. */
enum store_rc store_zone_results(struct store *s, int64_t inspection_id,
				 struct arena *a, struct zone_result **out,
				 size_t *n);

/* --- units --- */

/* The units of 'region' and every region below it, by region code then
 * id (the order they were added: a government before its departments). */
enum store_rc store_units_below(struct store *s, const char *region,
				struct arena *a, struct unit **out, size_t *n);
/* The id of the record with this 索引号, or 0 (to print a notice by it). */
int64_t store_record_id_by_index(struct store *s, const char *index_no);

#endif
