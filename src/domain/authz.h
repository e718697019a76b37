/* authz.h: who may do what — the one place authorisation is decided
 *
 * Pages, the API and the command line all ask here, with the actor and
 * the thing acted on (its unit and region), so a rule cannot be forgotten
 * in one of them.  The rules (issue 4):
 *   - 信息员 edit, submit, delete and restore their own unit's records,
 *     and edit and submit their region's draft catalogs;
 *   - 审核人 and 签发人 take their own unit's records through the 审核 and
 *     签发 steps (and 退回 them);
 *   - 政务公开办管理员 act on their region and everything below it: the
 *     送批 step and publication of records, withdrawal, and the review of
 *     catalogs (approve, reject, publish); they also see its records;
 *   - 系统管理员 manage accounts, units and the calendar; 安全管理员 lift
 *     locks; 审计员 read the audit trail — and none of the three does any
 *     of the others' work or touches content;
 *   - a unit's annual report (年报) is written and published by its own
 *     信息员, 审核人 or 签发人, or by the 政务公开办管理员 of its region or above;
 *   - applications for disclosure on request (依申请公开) are seen and
 *     handled by the 信息员, 审核人 and 签发人 of the unit they were
 *     addressed to and by the 政务公开办管理员 of its region or above, who
 *     also edit their region's reply-letter template;
 *   - supervision tasks (督办任务) are set, sent back and closed by the
 *     政务公开办管理员 of their region or above; a unit's 信息员, 审核人 and
 *     签发人, and the office above it, see the unit's tasks and report its
 *     progress, keep its 公示栏台账 (printed notices included) and record
 *     inspections of its 政务公开专区;
 *   - assessment (考核): the 政务公开办管理员 of a round's region or above
 *     import indicator tables, create rounds, score them and finalise
 *     them; a target unit's 信息员, 审核人 and 签发人 see its own scores,
 *     upload its evidence and respond once;
 *   - the self-check (自查) of a unit is seen and run by its 信息员, 审核人
 *     and 签发人, and by the 政务公开办管理员 of its region or above;
 *   - the command line (ACTOR_SYSTEM) may do everything.
 */
#ifndef GK_AUTHZ_H
#define GK_AUTHZ_H

#include <stdbool.h>

#include "actor.h"
#include "../store/store.h"

enum authz_action {
	AZ_RECORD_VIEW,		/* see a non-public record in the back office */
	AZ_RECORD_EDIT,		/* create, edit, submit, delete, restore */
	AZ_RECORD_REVIEW,	/* the 审核 step */
	AZ_RECORD_SIGN,		/* the 签发 step */
	AZ_RECORD_APPROVE,	/* the 送批 step (disclosure office) */
	AZ_RECORD_WITHDRAW,	/* withdraw a published record */
	AZ_CATALOG_EDIT,	/* derive, drop, add, import, submit */
	AZ_CATALOG_REVIEW,	/* approve, reject, publish */
	AZ_REQUEST_VIEW,	/* see an application for disclosure on request */
	AZ_REQUEST_HANDLE,	/* register one from another channel, take its
				 * steps (审核 … 答复, 归档) */
	AZ_REQUEST_SETTINGS,	/* a region's reply template and 复议机关 */
	AZ_REPORT_EDIT,		/* a unit's annual report: write, publish */
	AZ_ACCOUNTS,		/* users and units */
	AZ_CALENDAR,		/* the working-day calendar */
	AZ_SECURITY,		/* lift sign-in locks */
	AZ_AUDIT_READ,
	/* supervision (督办) and ledgers (台账), domain/supervision.c and
	 * domain/ledger.c */
	AZ_TASK_MANAGE,		/* add tasks, send a completion back, close:
				 * the 政务公开办 of the task's region or above */
	AZ_TASK_REPORT,		/* see a unit's tasks and report progress:
				 * its 信息员, 审核人, 签发人, or the office */
	AZ_LEDGER_KEEP,		/* a unit's 公示栏台账 and printed notices: its
				 * staff, or the office above it */
	AZ_ZONE_INSPECT,	/* record an inspection of a unit's 政务公开专区:
				 * the office above it, or the unit's staff
				 * (自查) */
	/* assessment (考核), domain/assessment.c */
	AZ_ASSESS_VIEW,		/* see a round and a unit's scores: the office
				 * of the round's region or above, or the
				 * unit's 信息员, 审核人, 签发人 (its own) */
	AZ_ASSESS_RESPOND,	/* upload a unit's evidence, respond once: the
				 * unit's 信息员, 审核人, 签发人 */
	AZ_ASSESS_SCORE,	/* score lines by hand: the office of the
				 * round's region or above */
	AZ_ASSESS_MANAGE,	/* import tables, create rounds, score from the
				 * platform's data, finalise: the same office */
	/* the self-check (自查), domain/check.c */
	AZ_CHECK_RUN,		/* see a unit's self-check findings and run it:
				 * its 信息员, 审核人, 签发人, or the office */
	AZ__MAX
};

/* Chinese name of an action, for "没有权限：…" messages. */
const char *authz_action_label(enum authz_action act);

/* May 'who' do 'act' on a thing of unit 'unit_id' (0 if none) in region
 * 'region' (NULL if none)? */
bool authz_allows(struct store *s, const struct actor *who,
		  enum authz_action act, int64_t unit_id, const char *region);

/* The same, adding "没有权限：…" to 'err' when not; 0 or -1. */
int authz_require(struct store *s, const struct actor *who,
		  enum authz_action act, int64_t unit_id, const char *region,
		  struct errors *err);

#endif
