/* assessment.h: assessment (考核) of units against an indicator table —
 * the table as data, rounds, scores from the platform's own data and from
 * assessors, evidence, the unit's one response, finalising, rankings
 *
 * Seed 004 (岳麓区基层政务公开标准化规范化工作考核指标) is the model: a tree
 * of 一级/二级/三级指标 whose scoring lines give points per target type
 * (街道（镇） 4分 区直相关部门 5分 — the two are scored on different lines,
 * 100 points each), a 考核方式 naming the evidence (材料, 网页截图, 照片,
 * 签到表, 实地察看 …), and 加分项 lines capped together (最多 5 分).
 *
 * A table is read from a spreadsheet (.xlsx or .csv) with every problem
 * reported as 文件:工作表:第N行:「列名」: 原因 and nothing written on any
 * problem; the import checks and reports the totals per target type
 * against the 基准分 its 说明 row states.  A round picks a table, a period
 * and target units each with its type; lines with a platform measure
 * (平台数据) are scored from the data — coverage of 二级事项, records
 * published within 公开时限, 依申请公开 answered in time, the bulletin-board
 * ledger, the self-check's findings, supervision tasks done in time — each
 * score stored with the figure
 * behind it ("覆盖率 37/40 = 92.5%，按本项 10 分折算 9.25 分"); assessors
 * score the other lines with comments; each unit may respond once; the
 * office finalises; rankings per target type, exported as .xlsx.
 *
 * Every change checks authz.h (AZ_ASSESS_*) and writes its audit entry in
 * the same transaction.  Points and scores are hundredths of a point.  No
 * SQL and no HTTP here.
 */
#ifndef GK_ASSESSMENT_H
#define GK_ASSESSMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actor.h"
#include "../io/grid.h"
#include "../store/store.h"
#include "../util/buf.h"

/* --- vocabulary --- */

/* What a line is assessed by (from 考核方式): the first four are files a
 * unit uploads, the others are the assessors' own looking. */
enum assess_evidence {
	AEV_MATERIAL = 1 << 0,		/* 材料（文字材料） */
	AEV_SCREENSHOT = 1 << 1,	/* 网页截图 */
	AEV_PHOTO = 1 << 2,		/* 照片（图片） */
	AEV_SIGNIN = 1 << 3,		/* 签到表 */
	AEV_ONSITE = 1 << 4,		/* 实地察看 */
	AEV_ONLINE = 1 << 5,		/* 网上察看 */
	AEV_DAILY = 1 << 6,		/* 日常考评 */
	AEV__COUNT = 7,
	AEV_UPLOADS = AEV_MATERIAL | AEV_SCREENSHOT | AEV_PHOTO | AEV_SIGNIN,
};
/* The label of one bit ("网页截图"), "" for none. */
const char *assess_evidence_label(unsigned bit);
/* Every label of 'bits', joined by 、 into 'b'. */
void assess_evidence_text(struct buf *b, unsigned bits);
/* The bit of a label or code ("照片", "photo"), 0 when none. */
unsigned assess_evidence_parse(const char *text);

/* What the platform measures itself. */
enum assess_measure {
	AM_NONE,
	AM_COVERAGE,	/* 二级事项覆盖率: 二级事项 with a current record */
	AM_TIMELINESS,	/* 按公开时限发布: records published in time */
	AM_REQUESTS,	/* 依申请按期答复: applications answered in time */
	AM_LEDGER,	/* 公示栏台账: the bulletin-board ledger kept */
	AM_FINDINGS,	/* 自查问题: 二级事项 the self-check did not find
			 * blank or stale */
	AM_TASKS,	/* 督办任务按时完成: supervision tasks done in time */
	AM__MAX
};
const char *assess_measure_code(enum assess_measure m);	/* "coverage" */
const char *assess_measure_label(enum assess_measure m);	/* 二级事项覆盖率 */
/* From a code or a label; -1 when neither. */
int assess_measure_parse(const char *text);

/* Hundredths of a point as people write them: 925 → "9.25", 1000 → "10",
 * 250 → "2.5".  Returns out. */
const char *assess_points_str(int64_t v, char out[32]);
/* Read "9.25", "10", "2.5分" (at most two decimals, 分 allowed at the
 * end, 0 … 100000 hundredths); 0 and *v, or -1. */
int assess_points_parse(const char *text, int64_t *v);

/* --- indicator tables --- */

#define ASSESS_MAX_LINES 2000
#define ASSESS_MAX_TYPES 16
#define ASSESS_MAX_TEXT 2000		/* characters of a cell */
#define ASSESS_MAX_POINTS 100000	/* hundredths: 1000 分 */

/* Build a table from a grid read from file 'display'.  Finds the header
 * (一级指标, 二级指标, 三级指标, 考核对象及分值, 考核方式, and optional
 * 证据类型, 平台数据, 备注), takes a title row above it as the name and a
 * 说明 row as the note; blank 一级 and 二级 cells continue the rows above
 * (merged cells arrive expanded).  Every problem of the sheet is added to
 * 'err' as "文件:工作表:第N行:「列名」: 原因" (or "文件:工作表: 原因" for
 * the totals) and -1 returned; on 0 'out' holds the table (strings in 'a'
 * or the grid's arena: keep the grid until written) and *totals, when not
 * NULL, a sentence of the totals in 'a'. */
int assess_table_from_grid(const struct grid *g, const char *display,
			   struct arena *a, struct assess_table *out,
			   struct errors *err);
/* Read a .xlsx or .csv (by content) from memory into 'g' (grid_init()ed);
 * 0 or -1 with the reason. */
int assess_table_read_mem(const void *data, size_t len, const char *display,
			  struct grid *g, struct errors *err);

/* The full points of each type (base lines summed) and the bonus a type
 * may get at most (min(its bonus lines, the cap)); arrays of t->ntypes. */
void assess_table_totals(const struct assess_table *t, int64_t *base,
			 int64_t *bonus);
/* "街道（镇） 100 分、区直相关部门 100 分；加分项最多 5 分", in 'a'. */
const char *assess_totals_text(const struct assess_table *t, struct arena *a);
/* The points of line 'l' for type index 'type': hundredths, the cap for
 * a bonus line without points, or ASSESS_NOT_ASSESSED. */
int64_t assess_line_points(const struct assess_table *t,
			   const struct assess_line *l, size_t type);
/* The index of 'type' in t->types, or -1. */
int assess_type_index(const struct assess_table *t, const char *type);
/* The number people see for scoring line 'i' (1 for the first scoring
 * line), 0 when 'i' is not a scoring line. */
int assess_line_number(const struct assess_table *t, size_t i);
/* The index of the scoring line numbered 'number', or -1. */
int assess_line_by_number(const struct assess_table *t, int number);
/* "公开渠道 › 线上公开专栏" — the line's 一级 and 二级, in 'a'. */
const char *assess_line_path(const struct assess_table *t, size_t i,
			     struct arena *a);

/* Import a table from 'path' (.xlsx or .csv): read, check, and write it
 * with its audit entry in one transaction; the owner is 'region' (the
 * office's; NULL for the command line: no owner).  Returns the new id, or
 * 0 with every problem in 'err' and nothing written.  *out (may be NULL)
 * gets the table as stored, strings in 'a'. */
int64_t assess_table_import_file(struct store *s, const struct actor *who,
				 const char *path, const char *region,
				 struct arena *a, struct assess_table *out,
				 struct errors *err);
/* The same for bytes already read (an upload named 'display'). */
int64_t assess_table_import_mem(struct store *s, const struct actor *who,
				const void *data, size_t len,
				const char *display, const char *region,
				struct arena *a, struct assess_table *out,
				struct errors *err);

/* The table in the layout the importer reads (title row, header, rows,
 * 说明): imports back to the same table.  CSV starts with a BOM. */
void assess_table_write_csv(const struct assess_table *t, struct buf *out);
int assess_table_write_xlsx(const struct assess_table *t, const char *path,
			    struct errors *err);

/* --- rounds --- */

#define ASSESS_MAX_TARGETS 500
#define ASSESS_RESPONSE_MAX 2000	/* characters */
#define ASSESS_COMMENT_MAX 500		/* characters */

struct assess_round_in {
	int64_t table_id;
	const char *name;	/* 2021年度基层政务公开考核 */
	const char *region;	/* the office's region */
	const char *from, *to;	/* the period, YYYY-MM-DD */
	const int64_t *units;	/* target units */
	const char *const *types;	/* each one's type; NULL or "" entries:
					 * assess_default_type() */
	size_t n;
};

/* The type a unit is assessed as by default: 街道办事处 and 乡镇人民政府 a
 * type naming 街道 or 镇, 政府部门 a type naming 部门; NULL when none. */
const char *assess_default_type(const struct assess_table *t,
				const struct unit *u);

/* The units of 'region' and below a round assesses unless told otherwise:
 * those with a default type, the disclosure office itself (a unit named
 * …政务公开办…) left out; by region then name.  0 or -1. */
int assess_default_targets(struct store *s, const struct assess_table *t,
			   const char *region, struct arena *a,
			   struct unit **out, size_t *n);

/* Create a round (AZ_ASSESS_MANAGE on 'region'): every target a unit of
 * 'region' or below, each type one of the table's, the period real dates
 * in order.  Returns its id, or 0 with every problem in 'err'. */
int64_t assess_round_create(struct store *s, const struct actor *who,
			    const struct assess_round_in *in,
			    struct errors *err);

/* A target's result. */
struct assess_result {
	int64_t base;		/* base lines' scores */
	int64_t bonus;		/* bonus lines' scores, capped */
	int64_t total;
	int64_t full;		/* the base points of its type */
	size_t nlines;		/* lines that apply to its type */
	size_t nscored;		/* of those, scored */
	int rank;		/* within its type, 1 = best; ties share */
};

/* Everything about a round a page or an export needs. */
struct assess_sheet {
	struct assess_round round;
	struct assess_table table;
	struct assess_target *targets;
	size_t ntargets;
	struct assess_score *scores;
	size_t nscores;
	struct assess_result *results;	/* [ntargets] */
	int *type_of;		/* [ntargets]: index in table.types */
};
/* Load round 'id' (no authorisation: callers check AZ_ASSESS_VIEW). */
int assess_sheet_load(struct store *s, int64_t id, struct arena *a,
		      struct assess_sheet *out, struct errors *err);
/* The score of (unit, line) or NULL. */
const struct assess_score *assess_sheet_score(const struct assess_sheet *sh,
					      int64_t unit_id, int64_t line_id);
/* The target of 'unit_id', or NULL. */
const struct assess_target *assess_sheet_target(const struct assess_sheet *sh,
						int64_t unit_id, size_t *index);
bool assess_round_is_final(const struct assess_round *r);

/* What a measure found for a target. */
struct assess_figure {
	bool measured;		/* a ratio was found */
	int64_t num, den;	/* num of den: covered, in time, kept … */
	const char *text;	/* the figure: "覆盖率 37/40 = 92.5%" */
	const char *why_not;	/* when not measured: why */
};
/* Measure 'm' for unit 'u' of type 'type' over the round's period, as of
 * 'today' (YYYY-MM-DD; NULL: today).  0, or -1 with a reason in 'err'. */
int assess_measure_unit(struct store *s, enum assess_measure m,
			const struct assess_round *r, const struct unit *u,
			const char *today, struct arena *a,
			struct assess_figure *out, struct errors *err);
/* The score of 'points' for a figure: points × num / den, rounded half up
 * to hundredths. */
int64_t assess_figure_score(const struct assess_figure *f, int64_t points);

struct assess_auto_summary {
	size_t scored;		/* (target, line) pairs scored from data */
	size_t unmeasured;	/* left for the assessors: no data */
};
/* Score every line with a platform measure for every target
 * (AZ_ASSESS_MANAGE on the round's region; an open round): a measured
 * line gets the score with its figure, an unmeasured one loses an old
 * automatic score and is left for the assessors.  One transaction with
 * one audit entry.  0, or -1. */
int assess_score_auto(struct store *s, const struct actor *who,
		      int64_t round_id, const char *today,
		      struct assess_auto_summary *sum, struct errors *err);

/* An assessor's score of one line. */
struct assess_manual {
	int64_t line_id;
	const char *score;	/* as typed: "3.5"; "" leaves the line as it is */
	const char *comment;	/* required when less than full points */
};
/* Score lines of one target (AZ_ASSESS_SCORE on the round's region; an
 * open round).  Lines measured by the platform cannot be scored by hand.
 * Every problem is reported ("第5项「…」：得分不能超过 4 分") and nothing
 * written on any; else the scores and one audit entry in one transaction.
 * Returns how many lines were scored, or -1. */
int assess_score_manual(struct store *s, const struct actor *who,
			int64_t round_id, int64_t unit_id,
			const struct assess_manual *v, size_t n,
			struct errors *err);

/* Add a file of evidence for a line (AZ_ASSESS_RESPOND on the unit; an
 * open round; the line assessed for the unit's type; 'kind' one of the
 * line's uploadable evidence bits; the file a known type by content,
 * at most 50 MB).  Returns its id, or 0. */
int64_t assess_evidence_add(struct store *s, const struct actor *who,
			    int64_t round_id, int64_t unit_id, int64_t line_id,
			    unsigned kind, const char *name, const void *data,
			    size_t len, struct errors *err);

/* The unit's one response to its scores (AZ_ASSESS_RESPOND; an open
 * round; 1 … ASSESS_RESPONSE_MAX characters; refused when it has
 * responded already).  0 or -1. */
int assess_respond(struct store *s, const struct actor *who, int64_t round_id,
		   int64_t unit_id, const char *text, struct errors *err);

/* Finalise (AZ_ASSESS_MANAGE): refused, listing them, while any line
 * that applies to a target is unscored.  0 or -1. */
int assess_finalise(struct store *s, const struct actor *who,
		    int64_t round_id, struct errors *err);

/* --- rankings --- */

/* The ranking as .xlsx: one sheet per target type (名次, 单位, each line's
 * score, 基础得分, 加分, 总分) and a sheet of every score with its figure
 * or comment.  0 or -1. */
int assess_ranking_write_xlsx(const struct assess_sheet *sh, const char *path,
			      struct errors *err);
/* The same ranking as CSV (one table: 类型, 名次, 单位, 基础得分, 加分,
 * 总分). */
void assess_ranking_write_csv(const struct assess_sheet *sh, struct buf *out);

/* --- pictures --- */

/* Coverage of 二级事项 per domain of a region's newest published
 * catalogs (only the domains in 'domains' when n > 0). */
struct assess_domain_cover {
	int64_t domain_id;
	const char *name;
	int covered, total;
};
int assess_coverage_by_domain(struct store *s, const char *region,
			      const int64_t *domains, size_t ndomains,
			      struct arena *a, struct assess_domain_cover **out,
			      size_t *n);

#endif
