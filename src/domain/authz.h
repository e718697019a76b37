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
