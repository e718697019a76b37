/* annual-report.h: the annual report on government information disclosure
 * (政府信息公开工作年度报告, 国办公开办函〔2021〕30号; domain-facts §3)
 *
 * A report is made for one unit and one year.  A unit that is its
 * region's government (人民政府, 乡镇人民政府, 街道办事处 …) reports for its
 * region: its figures count every unit whose region is exactly that
 * region — the government and its departments — and not the units of the
 * regions below (a county's report does not include its townships; each
 * of those reports for itself).  Any other unit reports for itself alone.
 * `--region CODE` means the report of that region's government unit.
 *
 * The six sections, in the official order:
 *   一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项: texts
 *      the office writes (annual_reports); 六 is followed by a generated
 *      sentence stating the 信息处理费 collected in the year;
 *   二 主动公开政府信息情况: table 二 — figures the office enters
 *      (annual_reports.table2), except those the records can give (see
 *      annual-report.c: 行政规范性文件 made and current, from records filed
 *      under a catalog item named 规范性文件); each figure says where it
 *      came from;
 *   三 收到和处理政府信息公开申请情况: table 三, counted from the
 *      applications (requests) with the check 一 + 二 = （七）总计 + 四 in
 *      every column;
 *   四 政府信息公开行政复议、行政诉讼情况: table 四, from request_cases.
 *
 * The layout of the tables (rows, columns, their exact labels and order)
 * is declared here once; the JSON (api/json-annual-report.c), .xlsx
 * (annual-report-xlsx.c) and HTML (ui/report-html.c) renderings all walk
 * these tables.  No SQL and no HTTP here.
 */
#ifndef GK_ANNUAL_REPORT_H
#define GK_ANNUAL_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "actor.h"
#include "../store/store.h"
#include "../store/store-request.h"

#define ANNUAL_YEAR_MIN 2008	/* the 条例 took effect on 2008-05-01 */
#define ANNUAL_YEAR_MAX 2100
#define ANNUAL_TEXT_MAX (200u * 1024)	/* bytes per section text */

/* The six sections, in the official order. */
#define ANNUAL_SEC1 "一、总体情况"
#define ANNUAL_SEC2 "二、主动公开政府信息情况"
#define ANNUAL_SEC3 "三、收到和处理政府信息公开申请情况"
#define ANNUAL_SEC4 "四、政府信息公开行政复议、行政诉讼情况"
#define ANNUAL_SEC5 "五、存在的主要问题及改进情况"
#define ANNUAL_SEC6 "六、其他需要报告的事项"

/* --- table 三: columns (申请人情况) --- */

enum annual_col {
	AC_PERSON,		/* 自然人 */
	AC_COMMERCIAL,		/* 法人或其他组织: 商业企业 */
	AC_RESEARCH,		/* 科研机构 */
	AC_NONPROFIT,		/* 社会公益组织 */
	AC_LEGAL,		/* 法律服务机构 */
	AC_OTHER,		/* 其他 */
	AC_TOTAL,		/* 总计 */
	AC__MAX
};
/* requests.applicant_kind of each column ("" for 总计). */
extern const char *const annual_col_code[AC__MAX];
/* The official labels: 自然人, 商业企业 … 其他, 总计. */
extern const char *const annual_col_label[AC__MAX];
#define ANNUAL_COL_APPLICANT "申请人情况"
#define ANNUAL_COL_ORG "法人或其他组织"
#define ANNUAL_T3_NOTE "（本列数据的勾稽关系为：第一项加第二项之和，" \
	"等于第三项加第四项之和）"

/* --- table 三: rows, in the official order --- */

/* An entry of table 三.  Entries with figures are rows of numbers; the
 * others are headings that, in the official table, sit in a cell spanning
 * the rows below them (三、本年度办理结果 spans 22 rows; （三）不予公开 its
 * 8 sub-rows) and have no figures of their own: the official table has no
 * subtotal for （三）–（六）. */
struct annual_t3_row {
	const char *code;	/* "received", "carried_in", "results", "1",
				 * "2", "3", "3.1" … "3.8", "4", "4.1" …,
				 * "total", "carried_out": a leaf's code is
				 * its requests.outcome */
	const char *label;	/* exact official text */
	int level;		/* 0 一二三四, 1 （一）…（七）, 2 1.… */
	bool figures;		/* a row of numbers */
	int span;		/* headings: rows of numbers they cover */
};
enum { ANNUAL_T3_NROWS = 30 };
extern const struct annual_t3_row annual_t3_rows[ANNUAL_T3_NROWS];
/* Index of the entry with 'code', or -1. */
int annual_t3_index(const char *code);
/* True when 'code' is a leaf outcome of table 三 (what requests.outcome
 * may hold): "1", "2", "3.1" … "6.3". */
bool annual_outcome_is_known(const char *code);

/* --- table 四 --- */

enum annual_case_kind { AK_REVIEW, AK_SUIT_DIRECT, AK_SUIT_AFTER_REVIEW,
			AK__MAX };
enum annual_case_result { AR_UPHELD, AR_CORRECTED, AR_OTHER, AR_PENDING,
			  AR_TOTAL, AR__MAX };
extern const char *const annual_case_kind_code[AK__MAX];	/* review … */
/* 行政复议, 未经复议直接起诉, 复议后起诉 */
extern const char *const annual_case_kind_label[AK__MAX];
extern const char *const annual_case_result_code[AR__MAX];	/* upheld … */
/* 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 */
extern const char *const annual_case_result_label[AR__MAX];
#define ANNUAL_T4_REVIEW "行政复议"
#define ANNUAL_T4_SUIT "行政诉讼"

/* --- table 二 --- */

enum annual_t2_cell {
	T2_RULES_MADE, T2_RULES_REPEALED, T2_RULES_CURRENT,	/* 规章 */
	T2_NORMS_MADE, T2_NORMS_REPEALED, T2_NORMS_CURRENT,	/* 行政规范性文件 */
	T2_PERMITS,		/* 行政许可: 本年处理决定数量 */
	T2_PENALTIES,		/* 行政处罚 */
	T2_COERCION,		/* 行政强制 */
	T2_FEES,		/* 行政事业性收费: 本年收费金额（万元） */
	T2__MAX
};
/* Keys of annual_reports.table2 (JSON), e.g. "norms_made". */
extern const char *const annual_t2_key[T2__MAX];

/* Table 二 as the official layout has it: four blocks, each a heading
 * (第二十条第（一）项), a header row (信息内容 | …) and rows of cells. */
struct annual_t2_row {
	const char *label;		/* 规章 */
	int cells[3];			/* enum annual_t2_cell, -1 past the end */
};
struct annual_t2_block {
	const char *heading;		/* 第二十条第（一）项 */
	const char *columns[4];		/* 信息内容, 本年制发件数 …; NULL ends */
	size_t ncolumns;		/* number columns (1 or 3) */
	struct annual_t2_row rows[2];
	size_t nrows;
};
enum { ANNUAL_T2_NBLOCKS = 4 };
extern const struct annual_t2_block annual_t2_blocks[ANNUAL_T2_NBLOCKS];

enum annual_source {
	AS_NONE,		/* neither entered nor derivable: shown as 0 */
	AS_DATA,		/* counted from the platform's records */
	AS_ENTERED,		/* entered by the office */
};
extern const char *const annual_source_code[3];	/* none data entered */
extern const char *const annual_source_label[3];	/* 未填报 平台统计 单位填报 */

struct annual_figure {
	int64_t value;		/* count; T2_FEES in fen (0.01 元) */
	enum annual_source source;
	bool derivable;		/* the records give a figure (value_data) */
	int64_t value_data;	/* what the records say, when derivable */
};

/* A fee in fen as 万元 text with no trailing zeros ("12.5", "0"). */
const char *annual_wan_yuan(struct arena *a, int64_t fen);
/* A fee in fen as 元 text ("400", "12.50"). */
const char *annual_yuan(struct arena *a, int64_t fen);

/* --- the report --- */

/* One column's check: 一 + 二 against （七）总计 + 四. */
struct annual_balance {
	int64_t received, carried_in, total, carried_out;
	bool ok;
};

struct annual_report {
	int year;
	int64_t unit_id;		/* whose report; 0: a region without a
					 * government unit (figures only) */
	const char *unit_name;
	bool region_wide;		/* counts every unit of the region */
	const char *region_code, *region_name;
	struct unit *units;		/* the units counted */
	size_t nunits;
	const char *title;		/* 岳麓区人民政府2025年政府信息公开工作年度报告 */

	/* the office's texts (all "" when none) */
	bool have_text;
	const char *overview, *problems, *other;
	const char *published_at;	/* or NULL */
	const char *updated_at;		/* or NULL */

	struct annual_figure t2[T2__MAX];
	int64_t t3[ANNUAL_T3_NROWS][AC__MAX];
	struct annual_balance balance[AC__MAX];
	bool balanced;			/* every column balances */
	int64_t t4[AK__MAX][AR__MAX];

	int64_t fees_fen;		/* 信息处理费 collected in the year */
	const char *fee_sentence;	/* 依据《…》规定，2025年…共计400元。 */

	/* Chinese notes for readers: where table 二's figures come from,
	 * which columns do not balance, data that could not be counted. */
	const char **notes;
	size_t nnotes;
	const char **problems_found;	/* data problems (imbalance, …) */
	size_t nproblems;
};

/* The report of unit 'unit_id' for 'year', computed from the database
 * now.  Everything lives in 'a'.  Returns 0, or -1 with a message in
 * 'err' (unknown unit, year out of range, store failure). */
int annual_report_for_unit(struct store *s, int64_t unit_id, int year,
			   struct arena *a, struct annual_report *out,
			   struct errors *err);
/* The report of region 'code''s government unit (see above); a region
 * without one gets the figures of all its units and no texts. */
int annual_report_for_region(struct store *s, const char *code, int year,
			     struct arena *a, struct annual_report *out,
			     struct errors *err);
/* True when a unit of this kind reports for its region. */
bool annual_unit_is_government(const struct unit *u);

/* --- the counting itself, on lists already loaded (also for tests) --- */

/* Add the applications v[0..n) to table 三 of 'year': 一 received in the
 * year; 二 received before it and not replied before its start; 三 the
 * outcome of those replied in the year; 四 received by its end and not
 * replied by then.  An application that cannot be placed (unknown
 * applicant kind; replied with no or an unknown outcome; replied before
 * it was received) is counted where its dates put it and described in
 * 'problems' (may be NULL) — the check will then show its column. */
void annual_count_requests(const struct request *v, size_t n, int year,
			   int64_t t3[ANNUAL_T3_NROWS][AC__MAX],
			   struct arena *a, const char ***problems,
			   size_t *nproblems);
/* Compute （七）总计 (the sum of the outcome rows) and 总计 (the sum of
 * the columns) and check every column; returns true when all balance. */
bool annual_check(int64_t t3[ANNUAL_T3_NROWS][AC__MAX],
		  struct annual_balance balance[AC__MAX]);
/* Add cases c[0..n) to table 四 of 'year' (totals included): a case is
 * in the year's table when filed by the year's end and not decided before
 * its start; 尚未审结 when not decided by the year's end (a result with
 * no decision date counts as 尚未审结, described in 'problems'). */
void annual_count_cases(const struct request_case *c, size_t n, int year,
			int64_t t4[AK__MAX][AR__MAX], struct arena *a,
			const char ***problems, size_t *nproblems);

/* --- outputs --- */

/* Write the report as .xlsx to 'path' (annual-report-xlsx.c): a first
 * sheet with the title and sections in the official order, then one
 * sheet per table named by its section, with the official labels and
 * merged cells.  0, or -1 with a message. */
int annual_report_write_xlsx(const struct annual_report *r, const char *path,
			     struct errors *err);

/* --- what the office writes --- */

/* Parse table2 JSON into figures (source AS_ENTERED where present);
 * returns 0, or -1 with a message when it is not what
 * annual_report_save writes. */
int annual_t2_parse(const char *json, struct annual_figure t2[T2__MAX],
		    struct errors *err);

struct annual_input {
	const char *overview, *problems, *other;	/* NULL: keep */
	/* as typed in the form; "" or NULL: not entered.  Counts are
	 * non-negative integers, T2_FEES 万元 with up to 6 decimals. */
	const char *t2[T2__MAX];
};
/* Save the office's parts of unit_id's report for 'year' (a published
 * report stays published, with the new text), after authz (AZ_REPORT_EDIT)
 * and with an audit entry, in one transaction.  0 or -1 with every
 * problem in 'err'. */
int annual_report_save(struct store *s, const struct actor *who,
		       int64_t unit_id, int year, const struct annual_input *in,
		       struct errors *err);
/* Publish (or with 'publish' false, withdraw) the report.  Publishing
 * needs sections 一 and 五 written, every table 二 figure entered or
 * counted, and table 三 balanced. */
int annual_report_publish(struct store *s, const struct actor *who,
			  int64_t unit_id, int year, bool publish,
			  struct errors *err);

#endif
