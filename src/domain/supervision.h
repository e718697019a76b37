/* supervision.h: supervision tasks (督办任务) — what a disclosure office
 * asks of units, who reports what, and who is overdue
 *
 * Seeds 000 and 002: a notice of the office (岳政务公开办发〔2021〕1号,
 * 芙政办发〔2021〕15号) lists numbered tasks, each with 责任单位 (some
 * 牵头, the others 按职责分工负责) and often a 完成时限 written as a
 * calendar date ("2021年5月底前").  A task here keeps that wording (source,
 * text, units as written, deadline as written) and maps it onto units:
 * lead (牵头单位) and member (责任单位) units.  Each unit reports progress
 * (进展) or completion (完成) with evidence (text and files, stored by
 * SHA-256 as record attachments are); the office may send a completion
 * back (退回) with its reason, and close (办结) the task.
 *
 * The state of a unit on a task is computed, never stored, from its
 * reports, the deadline and today (a closed task is judged on the day it
 * was closed):
 *	done       its last 完成/退回 report is 完成, on or before the deadline
 *	done late  the same, after the deadline
 *	overdue    not done and today is past the deadline
 *	progress   not done, not overdue, something reported
 *	pending    nothing reported yet
 * A deadline is a calendar date ("2021年5月底前", "2021-06-30") or a
 * number of working days from the issue date ("10个工作日内"), counted on
 * the working-day calendar (calendar.h, 调休 included); "due soon" is
 * within 3 working days.  Who may do what is authz.h's AZ_TASK_*; every
 * change writes its audit entry in the same transaction.  No SQL, no HTTP.
 */
#ifndef GK_SUPERVISION_H
#define GK_SUPERVISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actor.h"
#include "calendar.h"
#include "../store/store.h"

/* Caps of what people type. */
#define TASK_SOURCE_MAX 200	/* bytes */
#define TASK_TITLE_MAX 300
#define TASK_BODY_MAX 20000
#define TASK_UNITS_TEXT_MAX 2000
#define TASK_REPORT_MAX 20000
#define TASK_UNITS_MAX 500
#define SV_FILES_MAX 10		/* files of one report, posting or inspection */
#define SV_FILE_MAX_BYTES (20u << 20)

enum task_state { TS_OVERDUE, TS_PENDING, TS_PROGRESS, TS_DONE_LATE, TS_DONE,
		  TS__MAX };
/* 已逾期 未报送 进行中 逾期完成 已完成; codes overdue pending progress
 * late done. */
const char *task_state_label(enum task_state st);
const char *task_state_code(enum task_state st);
/* The state for a code or a label, or -1. */
int task_state_parse(const char *text);
/* lead 牵头单位, member 责任单位. */
const char *task_role_label(const char *role);
/* progress 进展, done 完成, returned 退回. */
const char *task_report_kind_label(const char *kind);
/* The code for a code or a label (进展 → progress), or NULL. */
const char *task_report_kind_parse(const char *text);

/* Today in China, YYYY-MM-DD (GONGKAI_NOW fixes it). */
void supervision_today(char out[CALENDAR_DATE_LEN]);

/* A field as typed, trimmed, into 'a': NULL input is "".  Adds
 * "「label」：…" to 'err' (and returns "") when it is longer than 'max'
 * bytes, holds control characters (line breaks only when 'multiline'), or
 * is empty while 'required'. */
const char *supervision_text(struct arena *a, const char *v, const char *label,
			     size_t max, bool required, bool multiline,
			     struct errors *err);
/* A date field: "" for none (unless required), else YYYY-MM-DD in 'a';
 * "「label」：…" added to 'err' when it is not a date. */
const char *supervision_date(struct arena *a, const char *v, const char *label,
			     bool required, struct errors *err);

/* 完成时限 as people write it → a due date.  Accepts a date (2021-05-31,
 * 2021/5/31, 2021年5月31日[前]), the end of a month (2021年5月底[前]),
 * the end of a year (2021年底[前]), and working or calendar days from
 * 'issued_on' (10个工作日内, 30日内, 30天内).  Returns 1 with the date in
 * 'out' (*workdays the number of working days, else 0); 0 when the text
 * is empty or says there is none (无, 长期, 未明确); -1 with a Chinese
 * reason in *why when it cannot be read. */
int task_parse_due(const struct calendar *cal, const char *text,
		   const char *issued_on, char out[CALENDAR_DATE_LEN],
		   int *workdays, const char **why);

/* --- files people upload --- */

struct sv_upload {
	const char *name;	/* as sent; checked */
	const void *data;
	size_t len;
};

/* Check uploads: a name (no path, at most 200 bytes), 1 byte to
 * SV_FILE_MAX_BYTES, a type recognised from the content (record-import.h's
 * attachment_mime: PDF, Office, OFD, images, text); with 'images_only'
 * only PNG, JPEG or GIF (photos).  At most SV_FILES_MAX.  mimes[i] gets
 * each type (static strings).  Returns 0, or -1 with every problem in
 * 'err'. */
int supervision_check_uploads(const struct sv_upload *v, size_t n,
			      bool images_only, const char **mimes,
			      struct errors *err);
/* Store checked uploads for an owner, with one audit-free row each, in the
 * caller's transaction.  Returns 0 or -1. */
int supervision_store_uploads(struct store *s, enum sv_owner owner,
			      int64_t owner_id, const struct sv_upload *v,
			      const char *const *mimes, size_t n,
			      struct errors *err);

/* --- tasks --- */

struct task_input {
	const char *region;	/* the office's region code */
	const char *source, *title, *body, *units_text;
	const char *issued_on;	/* "" or NULL: today */
	const char *due;	/* 完成时限 as written (task_parse_due) */
	const int64_t *leads;	/* 牵头单位 */
	size_t nleads;
	const int64_t *members;	/* 责任单位 */
	size_t nmembers;
};

/* Check and add a task with its units, and its audit entry, in one
 * transaction.  The units must lie in the region or below it, each named
 * once.  Returns the id, or 0 with every problem in 'err' ("没有权限：…"
 * first when 'who' may not). */
int64_t task_add(struct store *s, const struct actor *who,
		 const struct task_input *in, struct errors *err);

/* A unit reports on a task (kind progress or done, or — the office
 * only — returned: a completion sent back), with text and files, dated
 * 'day' (NULL or "": today; not in the future, not before the task was
 * issued).  The report, its files and the audit entry are one
 * transaction.  A report on a closed task, a second completion, or a
 * return of what is not done are refused.  Returns the report's id, or 0
 * with the reasons in 'err'. */
int64_t task_report(struct store *s, const struct actor *who, int64_t task_id,
		    int64_t unit_id, const char *kind, const char *day,
		    const char *text, const struct sv_upload *files,
		    size_t nfiles, struct errors *err);

/* Close (办结) a task on 'day' (NULL: today), or with 'reopen' open it
 * again; the office only.  Returns 0 or -1. */
int task_close(struct store *s, const struct actor *who, int64_t task_id,
	       const char *day, bool reopen, struct errors *err);

/* One unit on one task, as of a day. */
struct task_status {
	int64_t unit_id;
	const char *unit_name, *role, *region_code;
	enum task_state state;
	const char *done_on;	/* the completion's day, or NULL */
	const char *last_day;	/* the last report's day, or NULL */
	size_t nreports;
	int late;		/* overdue or done late: days past the
				 * deadline (working days when the deadline
				 * is in working days); else 0 */
	bool due_soon;		/* not done, due within 3 working days */
	const char *summary;	/* Chinese: "逾期 12 天未完成" */
};

struct task_view {
	struct task t;
	const char *as_of;	/* the day states are judged on */
	const char *due_text;	/* "2021-05-31（2021年5月底前）" or "未定完成时限" */
	struct task_status *units;	/* the units the viewer may see */
	size_t nunits;
	struct task_report *reports;	/* of those units, by day */
	size_t nreports;
	size_t count[TS__MAX];	/* units per state */
	bool may_manage;	/* the viewer is the office */
};

/* The task 'id' as 'who' may see it, judged on 'today' (NULL: today): the
 * office sees every unit, a unit's staff only their own.  Returns 0, or
 * -1 with "没有权限：…" or "没有这个督办任务" in 'err'.  Memory in 'a'. */
int task_view(struct store *s, const struct actor *who, int64_t id,
	      const char *today, struct arena *a, struct task_view *out,
	      struct errors *err);

/* The board: every task of the office's region and below (or of 'unit'
 * for unit staff; 'region' narrows an office's board, NULL for all it
 * covers), each with the units the viewer may see, the tasks with an
 * overdue unit first (then due soon, open, done; by deadline), and within
 * a task the overdue units first.  'filter' (NULL: all) keeps the tasks
 * that have a unit in that state.  Returns 0 or -1. */
struct task_board {
	struct task_view *tasks;
	size_t ntasks;
	size_t count[TS__MAX];	/* task-units per state over the board */
	size_t ndue_soon;
};
int supervision_board(struct store *s, const struct actor *who,
		      const char *region, const char *today, int filter,
		      struct arena *a, struct task_board *out,
		      struct errors *err);

/* For assessment (考核 "按时完成各项工作任务", 平时工作): how a unit did
 * on the tasks whose deadline falls in [from, to], judged on 'today'
 * (NULL: today).  'rate' is on-time completions over tasks due, in
 * [0, 1] (1 when none were due); 'figure' says it in Chinese with every
 * number.  No authorisation (the caller's). */
struct task_record {
	int64_t unit_id;
	size_t ndue;		/* tasks with a deadline in the period */
	size_t ndone;		/* done by the deadline */
	size_t nlate;		/* done after it */
	size_t noverdue;	/* not done, deadline passed */
	size_t nopen;		/* not done, deadline still ahead */
	double rate;
	const char *figure;
};
int supervision_unit_record(struct store *s, int64_t unit_id,
			    const char *from, const char *to,
			    const char *today, struct arena *a,
			    struct task_record *out, struct errors *err);

#endif
