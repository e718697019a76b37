/* check.h: the self-check (自查) — what an inspector would find in each
 * unit's part of the column, found first
 *
 * For every unit of a scope (all, a region's subtree, or one unit) a run
 * finds, each with the unit, the item or record, a Chinese description
 * with the figure behind it and the back-office path that fixes it:
 *   blank        二级事项 of the region's newest published catalogs with
 *                no current public record (the rule of the map's shading,
 *                region_completeness() in record.h);
 *   stale        二级事项 whose newest public record is older than the
 *                item's cadence (check_item_cadence() below);
 *   overdue      records published after the due date of their item's
 *                公开时限, or still unpublished past it (calendar.h);
 *   incomplete   published records without 索引号 or 发布机构, or failing
 *                record_check() (a 名录 record's required elements);
 *   broken_link  我要办 addresses of items and links inside record bodies
 *                that do not answer (io/linkcheck.h), when links are
 *                checked;
 *   drift        catalogs whose parent has a newer published version
 *                (catalog_drift() in catalog-diff.h);
 *   veto         the single-veto thresholds of 国办秘函〔2019〕19号
 *                (domain-facts §5.2) reached by the unit's columns, as a
 *                warning: ≥ 5 blank columns; ≥ 5 columns not updated
 *                (动态要闻类 2 weeks, 通知公告 / 政策文件类 6 months);
 *                ≥ 10 columns long not updated; the region column's home
 *                page with nothing new in 2 weeks; service items with no
 *                我要办 address anywhere.  互动回应差 (messages unanswered
 *                for 3 months) does not apply: the platform takes no
 *                messages (依申请公开 has its own statutory clock), and a
 *                run says so in its notes.
 *
 * Which unit answers for an item: records are filed by units, catalogs by
 * region and domain, so a domain's catalog in a region belongs to the unit
 * of that region that has filed most records under it; failing that, the
 * unit whose name holds the domain's department (民政部 → …民政局); failing
 * that, the region's default publisher (人民政府, 街道办事处…, as
 * record_default_unit()).  A record's own findings go to the unit that
 * filed it.  Every 二级事项 of a region thus has exactly one unit, and the
 * units' coverage adds up to the region's completeness.
 *
 * Runs are kept (store-check.h) so that findings can be followed over
 * time: check_history() counts them by kind per run.  No SQL and no HTTP
 * here; link checking is io/linkcheck.c's.
 */
#ifndef GK_CHECK_H
#define GK_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actor.h"
#include "calendar.h"
#include "../io/linkcheck.h"
#include "../store/store.h"
#include "../util/timeutil.h"

enum check_kind {
	CHECK_BLANK,
	CHECK_STALE,
	CHECK_OVERDUE,
	CHECK_INCOMPLETE,
	CHECK_BROKEN_LINK,
	CHECK_DRIFT,
	CHECK_VETO,
	CHECK__MAX
};

/* "blank" …, as stored; "空白事项" …; -1 for an unknown code. */
const char *check_kind_code(enum check_kind k);
const char *check_kind_label(enum check_kind k);
int check_kind_parse(const char *code);

/* --- cadence: how often an item's column must show something new --- */

enum cadence_kind {
	CADENCE_NEWS,		/* 动态、要闻: 2 weeks (19号) */
	CADENCE_NOTICE,		/* 通知公告: 6 months (19号) */
	CADENCE_POLICY,		/* 政策文件: 6 months (19号) */
	CADENCE_MONTHLY,	/* 每月 + the 公开时限 */
	CADENCE_QUARTERLY,	/* 每季度 + the 公开时限 */
	CADENCE_YEARLY,		/* 每年 (预决算, 年度…) + the 公开时限 */
	CADENCE_EVENT,		/* as things happen: 12 months + the 公开时限 */
	CADENCE_NONE,		/* lasting content (指南, 名录, 永久公开) */
	CADENCE__MAX
};

struct cadence {
	enum cadence_kind kind;
	int days;		/* period in days (NEWS), else 0 */
	int months;		/* period in months, else 0 */
	int grace;		/* then the 公开时限's days */
	bool grace_workdays;	/* … counted in working days */
	const char *why;	/* Chinese: what decided it (static) */
};

/* "动态要闻类" …, for reports. */
const char *cadence_label(enum cadence_kind k);

/* The cadence of 'it' ('parent' its 一级事项, or NULL), decided in this
 * order: words of the name (动态 要闻 新闻 → NEWS); a period written in
 * the name, 公开时限 or 备注 (每月, 季度, 年度, 预算, 决算 …); lasting
 * content by name (指南, 名录, 简介 …); 通知 公告 公示 → NOTICE; 政策
 * 文件 法规 解读 → POLICY; then the 公开时限 rule: 永久公开 → NONE, a
 * clock started by approval (批准, 批复: budgets) → YEARLY; then the
 * 一级事项's name for NEWS, NOTICE or POLICY; else EVENT.  A 二级事项
 * with 三级事项 whose own words decide nothing takes the shortest cadence
 * of its children ('children' and 'nchildren'; may be NULL, 0). */
void check_item_cadence(const struct item *it, const struct item *parent,
			const struct item *const *children, size_t nchildren,
			struct cadence *out);

/* The last day a column whose newest record is of date 'newest' is
 * still up to date under 'c': newest + period + grace.  Returns 1 and
 * the date, 0 for CADENCE_NONE (never stale), -1 when 'newest' is not a
 * date. */
int check_cadence_until(const struct calendar *cal, const struct cadence *c,
			const char *newest, char out[CALENDAR_DATE_LEN]);

/* --- a run --- */

struct check_options {
	const char *region;	/* this region and its subtree; NULL: all */
	int64_t unit_id;	/* only this unit; 0: every unit of the scope */
	const char *today;	/* YYYY-MM-DD; NULL: today in Beijing */
	bool links;		/* check links over HTTP (slow) */
	bool coverage_only;	/* only blank items and coverage (fast) */
	struct linkcheck_opts link;	/* concurrency, timeouts */
	/* what is being done: stage "地区" or "链接", done of total */
	void (*progress)(void *arg, const char *stage, size_t done,
			 size_t total);
	void *arg;
};

/* A unit of the scope and what was found for it. */
struct check_unit_result {
	struct unit unit;
	const char *region_name;
	int covered, total;	/* its 二级事项: with a current record / all */
	int64_t counts[CHECK__MAX];
	int64_t nfindings;
	/* check_latest(): the unit's newest run */
	int64_t run_id;
	const char *at;		/* when it finished (UTC text) */
	const char *run_today;	/* the date it checked against */
	bool links;		/* it checked links */
};

struct check_report {
	char started_at[TIME_TEXT_LEN], finished_at[TIME_TEXT_LEN];
	char today[CALENDAR_DATE_LEN];
	const char *scope_region;	/* "" for all */
	int64_t scope_unit;		/* 0 for all */
	bool links;			/* links were checked */
	size_t links_checked;		/* distinct addresses asked */
	struct check_unit_result *units;	/* by region, then name */
	size_t nunits;
	/* by unit (in the order of units), then kind, then as found */
	struct check_finding *findings;
	size_t nfindings;
	int64_t counts[CHECK__MAX];
	const char **notes;		/* what was not checked, and why */
	size_t nnotes;
	int64_t run_id;			/* once saved, else 0 */
};

/* Run the self-check.  Everything is allocated from 'a'.  Returns 0, or
 * -1 with the reason in 'err' (an unknown region or unit; a store
 * failure). */
int check_run(struct store *s, const struct check_options *o,
	      struct arena *a, struct check_report *out, struct errors *err);

/* Keep a run: its units, with their coverage, and its findings, with an
 * audit entry, in one transaction; via is "cli" or "web".  A run that did
 * not check links first takes over, for each of its units, the
 * broken-link findings of that unit's newest run that did (they are
 * added to 'r', from 'a', marked with links_run, and the counts redone).
 * Sets r->run_id; returns it, or 0 with the reason in 'err'. */
int64_t check_save(struct store *s, struct check_report *r,
		   const struct actor *who, const char *via, struct arena *a,
		   struct errors *err);

/* --- what others read --- */

/* A unit's newest run and what it found there (the figures the
 * assessment scores "self-check findings" and "coverage" from). */
struct check_unit_summary {
	int64_t run_id;		/* 0: no run has covered the unit */
	const char *at;		/* when the run finished (UTC text) */
	const char *today;	/* the date it checked against */
	bool links;		/* it checked links */
	int covered, total;	/* 二级事项 with a current record / all */
	int64_t counts[CHECK__MAX];
	int64_t nfindings;
};
/* Returns 0 (summary->run_id 0 when never checked) or -1. */
int check_unit_latest(struct store *s, int64_t unit_id, struct arena *a,
		      struct check_unit_summary *out);

/* Coverage of 二级事项 of one unit now (not from a stored run): the share
 * of the 二级事项 it answers for that hold a current public record, -1
 * when it answers for none; *covered and *total may be NULL.  The same
 * rule as region_completeness(), split by unit. */
double check_unit_coverage(struct store *s, int64_t unit_id, struct arena *a,
			   int *covered, int *total);

/* One run as a point of a chart: its findings among the units asked
 * about, counted by kind. */
struct check_history_point {
	int64_t run_id;
	const char *at;		/* finished (UTC text) */
	const char *today;
	const char *via;	/* "cli" or "web" */
	bool links;
	int64_t counts[CHECK__MAX];
	int64_t total;
};
/* Every run that covered a unit of 'region' (its subtree; NULL: any) or
 * unit 'unit_id' (non-zero), oldest first, with the findings among those
 * units counted by kind.  Returns 0 or -1. */
int check_history(struct store *s, const char *region, int64_t unit_id,
		  struct arena *a, struct check_history_point **out,
		  size_t *n);

/* The newest findings of each unit of 'region' (subtree; NULL: any) or of
 * unit 'unit_id' (non-zero), as a report (runs of different units may
 * differ; each unit's counts are from its own newest run).  For the back
 * office.  Returns 0 or -1. */
int check_latest(struct store *s, const char *region, int64_t unit_id,
		 struct arena *a, struct check_report *out);

#endif
