/* workflow.h: the editorial life of a record in the back office
 *
 * 草稿 → 送审 → 待审 (the unit's 审核人) → 待签 (签发人) → 待批 (the
 * disclosure office) → 发布, the steps a unit passes through set per unit
 * (units.workflow: any of review, sign, approve, in that order).  退回 with
 * a reason from any step goes back to 草稿; publication may be scheduled
 * (待发布 until publish_at); a published record can be withdrawn with a
 * reason (gone from the public column, kept in history); drafts and
 * withdrawn records can be put in the recycle bin and restored.  Every
 * change checks authorisation (authz.h), keeps a revision (a JSON snapshot
 * that can be compared with any other and restored) and writes the audit
 * trail, all in one transaction.  The disclosure attribute (公开属性) is
 * decided when the record is drafted: 依申请公开 and 不予公开 need their
 * legal ground and never reach the public column.
 */
#ifndef GK_WORKFLOW_H
#define GK_WORKFLOW_H

#include "actor.h"
#include "../store/store.h"

enum record_action {
	RA_SUBMIT,	/* 送审: draft → the first step (or publication) */
	RA_PASS,	/* 通过 the current step: → the next, or publication */
	RA_RETURN,	/* 退回 to 草稿, with a reason */
	RA_WITHDRAW,	/* 撤回 a published or scheduled record, with a reason */
	RA_DELETE,	/* to the recycle bin (drafts and withdrawn records) */
	RA_RESTORE,	/* out of the recycle bin */
	RA__MAX
};

const char *record_action_label(enum record_action act);	/* 送审 … */
/* "submit", "pass", …; -1 when not one. */
int record_action_parse(const char *code);
const char *record_action_code(enum record_action act);

/* The steps of a unit's workflow, from its units.workflow text. */
struct workflow_steps {
	bool review, sign, approve;
};
void workflow_steps_parse(const char *text, struct workflow_steps *out);
/* Check and store a unit's steps and 索引号 rule. */
int workflow_set_unit(struct store *s, const struct actor *who,
		      int64_t unit_id, const char *steps, const char *rule,
		      struct errors *err);

/* The 索引号 a unit's rule gives for 'year' with the first free serial:
 * {unit} (统一社会信用代码, else the unit id as 9 digits), {year},
 * {serial} / {serial5} / {serial6} (padded). */
const char *workflow_index_no(struct store *s, const struct unit *u,
			      const char *rule, int year, struct arena *a);

/* Create a draft under item r->item_id for unit r->unit_id from the
 * content fields of 'r' (title, doc_no, publisher, written_on, validity,
 * topic, disclosure, legal_ground, values, body_md, publish_at).  The item
 * must be in a published catalog of the unit's region; 索引号 and the due
 * date (from the item's 公开时限 and 成文日期) are set here.  Returns the
 * new id, or 0 with every problem in 'err'. */
int64_t workflow_create(struct store *s, const struct actor *who,
			struct record *r, struct errors *err);
/* Replace the content of draft 'id' with that of 'r' (same fields as
 * above).  Only drafts can be edited. */
int workflow_edit(struct store *s, const struct actor *who, int64_t id,
		  const struct record *r, struct errors *err);
/* Move record 'id' on; 'reason' is required for RA_RETURN and
 * RA_WITHDRAW. */
int workflow_act(struct store *s, const struct actor *who, int64_t id,
		 enum record_action act, const char *reason,
		 struct errors *err);
/* The actions 'who' may take on record 'r' now, as bits (1 << action). */
unsigned workflow_allowed(struct store *s, const struct actor *who,
			  const struct record *r);
/* Make draft 'id' hold the content of revision 'rev' again. */
int workflow_restore_revision(struct store *s, const struct actor *who,
			      int64_t id, int rev, struct errors *err);
/* Publish the scheduled records that are due at 'now'; returns how many. */
int workflow_publish_due(struct store *s, const char *now,
			 struct errors *err);

/* One field that differs between two revisions. */
struct field_change {
	const char *label;	/* 标题, 文号, an element's name, … */
	const char *before, *after;
};
/* Compare two snapshots (revision JSON). */
int workflow_diff(const char *snapshot_a, const char *snapshot_b,
		  struct arena *a, struct field_change **out, size_t *n);

#endif
