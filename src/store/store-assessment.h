/* store-assessment.h: indicator tables (考核指标), assessment rounds, their
 * targets, scores, evidence and responses (part of store.h; implemented in
 * sqlite-assessment.c; the tables are schema/0011-assessment.sql)
 *
 * The store keeps what was decided; the rules — what a table must hold,
 * how a platform figure becomes a score, who may score, when a round may
 * be finalised — are domain/assessment*.c's.  Points and scores are
 * integers in hundredths of a point (9.25 分 = 925).
 */
#ifndef GK_STORE_ASSESSMENT_H
#define GK_STORE_ASSESSMENT_H

/* assess_line.points[t] when the line does not assess target type t. */
#define ASSESS_NOT_ASSESSED (-2)
/* … on a bonus line naming the type without points: up to the cap. */
#define ASSESS_UP_TO_CAP (-1)

/* One node of an indicator table.  一级 nodes group 二级 nodes, which may
 * group 三级 nodes; a node with points (scored) is a scoring line and has
 * no children.  Strings are never NULL ("" for none). */
struct assess_line {
	int64_t id;
	int parent;		/* index in assess_table.lines, -1 for 一级 */
	int level;		/* 1, 2 or 3 */
	const char *name;	/* the 一级/二级 name, or the 三级 text */
	bool scored;		/* a scoring line */
	bool bonus;		/* a 加分项 line */
	const char *points_text;	/* 考核对象及分值 as written */
	int64_t *points;	/* [ntypes], hundredths, or ASSESS_* above */
	const char *method;	/* 考核方式 */
	unsigned evidence;	/* enum assess_evidence bits (domain) */
	const char *measure;	/* platform measure code, "" for none */
	const char *note;	/* 备注 */
	uint32_t rownum;	/* row of the file it came from, 0 if none */
};

struct assess_table {
	int64_t id;
	const char *name;
	const char *region_code;	/* the owning office's region, or NULL */
	const char *source;	/* file imported from */
	const char *note;	/* 说明 as written */
	int64_t base_total;	/* 基准分 stated in 说明, 0 if not stated */
	int64_t bonus_cap;	/* 加分项最多 …, 0 if the table has no bonus */
	const char *created_by, *created_at;
	const char **types;	/* target types, in order */
	size_t ntypes;
	struct assess_line *lines;	/* pre-order; NULL when only the head
					 * was loaded */
	size_t nlines;
};

struct assess_round {
	int64_t id;
	int64_t table_id;
	const char *table_name;	/* when read */
	const char *name;
	const char *region_code;	/* the office's region */
	const char *period_from, *period_to;	/* YYYY-MM-DD */
	const char *status;	/* open final */
	const char *created_by, *created_at;
	const char *scored_at, *final_by, *final_at;	/* or NULL */
	int64_t ntargets;	/* when read */
};

struct assess_target {
	int64_t round_id;
	int64_t unit_id;
	const char *unit_name, *unit_kind, *region_code;	/* when read */
	const char *type_name;
	const char *response;	/* NULL when the unit has not responded */
	const char *response_by, *response_at;
};

struct assess_score {
	int64_t round_id, unit_id, line_id;
	int64_t score;		/* hundredths */
	const char *source;	/* auto manual */
	const char *figure;	/* how an automatic score was computed */
	int64_t num, den;	/* the ratio behind it (den 0: none) */
	const char *comment;	/* an assessor's reason */
	const char *scored_by, *scored_at;
};

struct assess_evidence_file {
	int64_t id;
	int64_t round_id, unit_id, line_id;
	unsigned kind;		/* one evidence bit */
	const char *name, *mime, *sha256;
	int64_t size;
	const char *uploaded_by, *uploaded_at;
};

/* Insert a table with its types, lines and points (ids set in t and its
 * lines; created_at set here). */
enum store_rc store_assess_table_insert(struct store *s, struct assess_table *t,
					struct errors *err);
/* A table with its types and lines (STORE_NOTFOUND when none). */
enum store_rc store_assess_table_load(struct store *s, int64_t id,
				      struct arena *a, struct assess_table *out);
/* Every table's head (types, no lines), newest first. */
enum store_rc store_assess_table_list(struct store *s, struct arena *a,
				      struct assess_table **out, size_t *n);

/* Insert a round and its targets (round id and created_at set here). */
enum store_rc store_assess_round_insert(struct store *s, struct assess_round *r,
					const struct assess_target *targets,
					size_t n, struct errors *err);
enum store_rc store_assess_round_get(struct store *s, int64_t id,
				     struct arena *a, struct assess_round *out);
/* Rounds of offices of 'region' and below (NULL: all), newest first. */
enum store_rc store_assess_round_list(struct store *s, const char *region,
				      struct arena *a,
				      struct assess_round **out, size_t *n);
/* Rounds in which 'unit_id' is a target, newest first. */
enum store_rc store_assess_rounds_of_unit(struct store *s, int64_t unit_id,
					  struct arena *a,
					  struct assess_round **out, size_t *n);
/* Mark the automatic lines computed now. */
enum store_rc store_assess_round_scored(struct store *s, int64_t id,
					const char *at, struct errors *err);
/* Finalise: STORE_CONFLICT when the round is already final. */
enum store_rc store_assess_round_finalise(struct store *s, int64_t id,
					  const char *by, const char *at,
					  struct errors *err);

/* The targets of a round, by type then unit name. */
enum store_rc store_assess_targets(struct store *s, int64_t round_id,
				   struct arena *a, struct assess_target **out,
				   size_t *n);
/* Keep a unit's response: STORE_CONFLICT when it has one already,
 * STORE_NOTFOUND when the unit is no target of the round. */
enum store_rc store_assess_respond(struct store *s, int64_t round_id,
				   int64_t unit_id, const char *text,
				   const char *by, const char *at,
				   struct errors *err);

/* Insert or replace a score. */
enum store_rc store_assess_score_put(struct store *s,
				     const struct assess_score *sc,
				     struct errors *err);
/* Remove a score of a line (when an automatic line has no figure any
 * more); STORE_OK when there was none. */
enum store_rc store_assess_score_delete(struct store *s, int64_t round_id,
					int64_t unit_id, int64_t line_id,
					struct errors *err);
/* Scores of a round, of one unit (0: all), by unit then line. */
enum store_rc store_assess_scores(struct store *s, int64_t round_id,
				  int64_t unit_id, struct arena *a,
				  struct assess_score **out, size_t *n);

/* Store the bytes in blobs and add the evidence row (ev->id and
 * uploaded_at set here, ev->sha256 and size too). */
enum store_rc store_assess_evidence_add(struct store *s,
					struct assess_evidence_file *ev,
					const void *data, size_t len,
					struct errors *err);
/* Evidence of a round, of one unit (0: all), by line then id. */
enum store_rc store_assess_evidence_list(struct store *s, int64_t round_id,
					 int64_t unit_id, struct arena *a,
					 struct assess_evidence_file **out,
					 size_t *n);
enum store_rc store_assess_evidence_get(struct store *s, int64_t id,
					struct arena *a,
					struct assess_evidence_file *out);

/* --- what the automatic lines read --- */

/* A record with a 公开时限 to meet: published within the period, or not
 * published and due within it. */
struct assess_timed_record {
	int64_t id;
	const char *title;
	const char *written_on, *published_on, *due_on;	/* "" for none */
	bool published;
	struct timelimit tl;	/* of its item; kind "" when the item is gone */
};
/* Records of 'unit_id' (not in the recycle bin): published (status
 * published or withdrawn since) with 发布日期 in [from, to], or still
 * unpublished with a stored due date in [from, to]; by id. */
enum store_rc store_assess_timed_records(struct store *s, int64_t unit_id,
					 const char *from, const char *to,
					 struct arena *a,
					 struct assess_timed_record **out,
					 size_t *n);
/* The domains in which 'unit_id' has records (any state, not in the
 * recycle bin): the domains a department answers for. */
enum store_rc store_assess_unit_domains(struct store *s, int64_t unit_id,
					struct arena *a, int64_t **ids,
					size_t *n);

#endif
