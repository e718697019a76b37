/* request.h: disclosure on request (依申请公开) — intake, the handling
 * steps and the order they may come in, the outcomes of table 三, the
 * reply letter, and the clock of each application
 *
 * 《政府信息公开条例》(domain-facts §2) and seed 001's 登记、审核、办理、
 * 答复、归档: an application is filed (online through the public form, or
 * registered by staff from another channel, with 收到申请之日 set by
 * 第三十一条), then moves through requests.status:
 *
 *	registered ──审核通过──► handling ──答复──► replied ──送达, 归档──► archived
 *	(reviewing)               征求第三方/其他机关意见, 延期, 收费 …
 *	     │ 补正告知 (once; from registered, reviewing or handling)
 *	     ▼
 *	correcting ──收到补正──► reviewing ──审核通过──► handling
 *	     └─逾期未补正──► replied as （六）1
 *
 * An application may also be answered at once from registered or
 * reviewing (已主动公开, 不予处理 …).  After the corrected application
 * arrives the status is 'reviewing': it is examined again (it may still be
 * unclear: （四）3); 收费 unpaid in time closes it as （六）2.  Every step is a
 * row of request_events and an audit entry, written in one transaction
 * with the application's new state; a step that may not follow refuses
 * with a Chinese reason and writes nothing.  Who may act is authz.h's
 * AZ_REQUEST_* (staff of the unit, the disclosure office above it, the
 * command line).  The clock is request-clock.h's, fed from the events;
 * fees are fee.h's.  No SQL and no HTTP here.
 */
#ifndef GK_DOMAIN_REQUEST_H
#define GK_DOMAIN_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actor.h"
#include "calendar.h"
#include "request-clock.h"
#include "../store/store.h"
#include "../util/buf.h"

/* --- vocabularies (codes as stored, labels as shown) --- */

struct request_term {
	const char *code;
	const char *label;
};
/* Table 三's applicant columns, in its order: person 自然人, commercial
 * 商业企业, research 科研机构, nonprofit 社会公益组织, legal 法律服务机构,
 * other 其他.  Each list ends with { NULL, NULL }. */
extern const struct request_term request_applicant_kinds[];
/* online 互联网在线申请, in_person 当面提交, mail_signed 邮寄（需签收）,
 * mail_plain 平常信函, fax 传真, email 电子邮件. */
extern const struct request_term request_channels[];
/* registered 已登记 … archived 已归档. */
extern const struct request_term request_statuses[];
/* The label of 'code' in 'list', or "" (NULL code: ""). */
const char *request_term_label(const struct request_term *list,
			       const char *code);
/* The code for a code or a label (自然人 → person), or NULL. */
const char *request_term_parse(const struct request_term *list,
			       const char *text);
bool request_kind_is_person(const char *applicant_kind);

/* The forms information can be given in (载体形式) and the ways to receive
 * it (获取方式), NULL-terminated. */
extern const char *const request_forms[];	/* 纸质 电子邮件 光盘 磁盘 */
extern const char *const request_deliveries[];	/* 邮寄 快递 电子邮件 传真
						 * 自行领取 当场查阅 */

/* --- outcomes: the rows of table 三 (国办公开办函〔2021〕30号) --- */

struct request_outcome {
	const char *code;	/* "1", "2", "3.1" … "6.3": requests.outcome */
	int group;		/* 1 … 6: （一）…（六） */
	const char *group_label;	/* "（三）不予公开" */
	const char *row;	/* the row exactly as in table 三:
				 * "（一）予以公开", "1.属于国家秘密" */
	const char *label;	/* the row without its number: "属于国家秘密" */
	const char *article;	/* the 条例 article behind it ("第十四条"), a
				 * whole citation when another text
				 * ("《政府信息公开信息处理费管理办法》"), or ""
				 * when no one article governs it */
	const char *wording;	/* the reply letter's sentence */
};
#define REQUEST_OUTCOMES 21
extern const struct request_outcome request_outcomes[REQUEST_OUTCOMES];
/* The outcome of 'code', or NULL when it is not one of table 三's. */
const struct request_outcome *request_outcome_find(const char *code);
/* "《中华人民共和国政府信息公开条例》第十四条" for "第十四条"; a whole
 * citation as it is; the 条例 itself for "" or NULL.  In 'a'. */
const char *request_article_cite(const char *article, struct arena *a);

/* --- small checks, shared with the public form --- */

/* 统一社会信用代码 (GB 32100-2015): 18 characters of
 * 0-9 A-H J-N P-R T U W-Y, the last a check character. */
bool request_credit_code_valid(const char *code);
/* 居民身份证号码 (GB 11643-1999): 17 digits and a check digit or X. */
bool request_id_card_valid(const char *number);

/* 查询码: 12 characters of an alphabet without look-alikes (no 0 O 1 I),
 * drawn with libsodium's randombytes, shown in groups: ABCD-EFGH-JKLM. */
#define REQUEST_CODE_LEN 14
#define REQUEST_CODE_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
void request_code_new(char out[REQUEST_CODE_LEN + 1]);
/* What someone typed (any case, with or without dashes or spaces) as the
 * stored form; 0, or -1 when it cannot be a 查询码. */
int request_code_normalize(const char *text, char out[REQUEST_CODE_LEN + 1]);

/* 编号 of an application: "〔2026〕3号".  In 'a'. */
const char *request_number(const struct request *r, struct arena *a);

/* --- intake --- */

/* An application as filed.  Strings may be NULL (= "").  forms and
 * delivery are lists separated by 、，, ; or spaces. */
struct request_filing {
	int64_t unit_id;	/* the agency it is addressed to */
	const char *applicant_kind;	/* code or label (自然人 …) */
	const char *name;	/* 姓名 or 名称 */
	const char *id_type, *id_number;	/* person: 证件类型, 证件号码 */
	const char *credit_code, *legal_rep, *contact_person;	/* org */
	const char *phone, *email, *address, *postcode;
	const char *info_name, *info_doc_no, *info_desc;
	const char *forms, *delivery;
	bool fee_waiver;
	const char *fee_waiver_reason;
	const char *channel;	/* code or label */
	/* the dates of 第三十一条 (YYYY-MM-DD or 2026/3/2); see
	 * request_receipt_date() */
	const char *submitted_on, *signed_on, *confirmed_on;
	const char *ip;		/* online: the sender's address */
	/* staff entering a past application (from a paper ledger, say): the
	 * day it was registered, not before it was submitted nor after
	 * today; NULL: today.  The public form never sets it. */
	const char *registered_on;
};

/* 收到申请之日 by 第三十一条 for 'channel' (a code), as of 'today':
 *   in_person    the day handed in (submitted_on, default today);
 *   mail_signed  the day this agency signed for it (signed_on, required);
 *   mail_plain   the day it was confirmed with the applicant
 *                (confirmed_on, required; the office must confirm on the
 *                day it arrives);
 *   fax, email   the day both sides confirmed (confirmed_on, required);
 *   online       through this platform's form, confirmed when the system
 *                issues the 查询码: today.
 * No date may be after today or before submitted_on.  Writes the date and
 * a sentence saying how it was set (in 'a') and returns 0, or -1 with
 * every problem in 'err'. */
int request_receipt_date(const char *channel, const char *submitted_on,
			 const char *signed_on, const char *confirmed_on,
			 const char *today, struct arena *a,
			 char out[CALENDAR_DATE_LEN], const char **note,
			 struct errors *err);

/* Check 'in' completely and build the row it would be (strings trimmed,
 * in 'a'; status registered; code, year, serial not set).  Every problem
 * is one Chinese message naming the field (「证件号码」：…).  Returns 0, or
 * -1 with all of them in 'err'.  Does not look at the store. */
int request_check_filing(const struct request_filing *in, const char *today,
			 struct arena *a, struct request *out,
			 struct errors *err);

/* What request_file() gives back (strings in the caller's arena). */
struct request_filed {
	int64_t id;
	const char *code;	/* 查询码 for the applicant */
	const char *number;	/* 编号 〔2026〕3号 */
	const char *received_on, *receipt_note;
	/* earlier applications to the same unit for the same information
	 * (第四十四条: a candidate for proactive disclosure), newest first */
	struct request *same;
	size_t nsame;
};

/* File an application.  Online filings may come from anyone ('who' with
 * no roles: the public form passes an actor named for the applicant and
 * its client address); every other channel is registered by staff who
 * may handle the unit's applications (AZ_REQUEST_HANDLE).  Checks
 * everything first (request_check_filing, the unit), then in one
 * transaction inserts the application with a fresh 查询码 (drawn again on
 * a collision), its 'registered' step and an audit entry.  Returns the
 * new id with *out filled, or 0 with every problem in 'err' and nothing
 * written. */
int64_t request_file(struct store *s, const struct actor *who,
		     const struct request_filing *in, struct arena *a,
		     struct request_filed *out, struct errors *err);

/* --- handling --- */

enum request_action {
	RQ_REVIEW,		/* 审核通过: complete, into 办理 */
	RQ_CORRECTION_NOTICE,	/* 补正告知: what to fix (note), by when
				 * (until) */
	RQ_CORRECTION_RECEIVED,	/* 收到补正: the clock starts again */
	RQ_CORRECTION_LAPSED,	/* 逾期未补正: closed as （六）1 */
	RQ_THIRD_PARTY_SENT,	/* 征求第三方意见 (15 working days) */
	RQ_THIRD_PARTY_ANSWERED,
	RQ_AGENCY_SENT,		/* 征求其他机关意见 (15 working days) */
	RQ_AGENCY_ANSWERED,
	RQ_EXTENSION,		/* 延期答复: once, approver, ≤ 20 working days */
	RQ_FEE_NOTICE,		/* 收费通知: one method, payment deadline */
	RQ_FEE_PAID,
	RQ_FEE_EXPIRED,		/* 逾期未缴费: closed as （六）2 */
	RQ_FEE_WAIVED,
	RQ_REPLY,		/* 答复: an outcome of table 三 and the letter */
	RQ_DELIVERED,		/* 送达: how and when */
	RQ_ARCHIVE,		/* 归档 */
	RQ_NOTE,		/* 备注 */
	RQ__MAX
};
/* The code (the request_events kind: "review", "correction_notice" …). */
const char *request_action_code(enum request_action act);
/* "审核通过", "补正告知" … */
const char *request_action_label(enum request_action act);
/* An action from its code or label; -1 when none. */
int request_action_parse(const char *text);
/* The label of a request_events kind (including "registered" 登记). */
const char *request_step_label(const char *kind);

/* A step and what it needs.  Strings may be NULL. */
struct request_act_in {
	enum request_action action;
	const char *day;	/* the day it happened; NULL: today */
	const char *until;	/* 补正告知: the correction deadline (required);
				 * 收费通知: payment deadline (default 20
				 * working days) */
	const char *note;	/* 补正告知: what to fix (required); 备注
				 * (required); otherwise a remark */
	const char *approver;	/* 延期: who approved (required) */
	int days;		/* 延期: working days 1..20 (0: 20) */
	const char *fee_method;	/* 收费通知: "per_item" or "by_pages" */
	int pages;		/* 收费通知 by_pages: the pages; with per_item
				 * it must be 0 (one method only) */
	const char *outcome;	/* 答复: a table 三 code */
	const char *article;	/* 答复: the article, if not the outcome's */
	const char *letter;	/* 答复: the letter as sent; NULL: generated
				 * from the region's template */
	const char *delivered_how;	/* 送达 (required), 答复 (optional) */
};

/* Take a step on application 'id' as 'who'.  Refuses (-1, Chinese reason
 * in 'err', nothing written) a step the status does not allow, a step
 * dated before the receipt or the previous step or after today, a second
 * 补正 or extension, a fee notice with both or neither method, an outcome
 * not in table 三, and anything missing.  Things that are allowed but
 * late (a 补正 notice after its 7 working days, a reply after the due
 * date, a correction after its deadline) are added to 'warn' (may be
 * NULL).  Returns 0 when the step, its event, the application's new state
 * and the audit entry were written in one transaction. */
int request_act(struct store *s, const struct actor *who, int64_t id,
		const struct request_act_in *in, struct errors *warn,
		struct errors *err);
/* The actions the status and history of 'r' allow now, as bits
 * (1u << action), for the pages' buttons (authorisation not included). */
unsigned request_actions_open(struct store *s, const struct request *r);

/* --- reading --- */

/* Application 'ref' — its id in digits, or its 查询码 — as 'who' may see it
 * (AZ_REQUEST_VIEW).  0, or -1 with the reason in 'err'. */
int request_load(struct store *s, const struct actor *who, const char *ref,
		 struct arena *a, struct request *out, struct errors *err);
/* The application of a 查询码 as typed, for the applicant (no actor: the
 * code is the key).  STORE_NOTFOUND when none. */
enum store_rc request_by_code(struct store *s, const char *typed,
			      struct arena *a, struct request *out);

/* --- the clock --- */

struct request_timing {
	struct request_clock clock;	/* request-clock.h: state, lines … */
	char due[CALENDAR_DATE_LEN];	/* 答复期限, "" when none (补正) */
	char correction_due[CALENDAR_DATE_LEN];	/* 补正告知期限 */
	const char *summary;	/* "剩余5个工作日（2026-03-30到期）",
				 * "今天到期", "已逾期2个工作日", "暂停计时：
				 * 征求第三方意见", "已答复（2026-03-20）" */
	const char *missing_year;	/* calendar_missing_text(), or NULL */
};
/* The clock of 'r' as of 'today' (NULL: today): its steps from the store
 * turned into request-clock.h's events (补正, consultations, the
 * extension; 答复, 逾期未补正 and 逾期未缴费 end it).  'cal' may be NULL
 * (loaded here).  0, or -1 with the reason in 'err'. */
int request_timing(struct store *s, const struct calendar *cal,
		   const struct request *r, const char *today,
		   struct arena *a, struct request_timing *out,
		   struct errors *err);

/* One open application on a dashboard. */
struct request_due {
	struct request r;
	struct request_timing t;
};
struct request_dashboard {
	struct request_due *overdue, *due_soon, *paused;
	size_t noverdue, ndue_soon, npaused;
	size_t nopen;		/* open applications looked at */
};
#define REQUEST_DUE_SOON 3	/* working days */
/* The open applications of unit 'unit_id' (0: any) in 'region' and below
 * (NULL: any): overdue, due within REQUEST_DUE_SOON working days (today
 * included), paused; each list by due date.  0, or -1. */
int request_dashboard(struct store *s, int64_t unit_id, const char *region,
		      const char *today, struct arena *a,
		      struct request_dashboard *out, struct errors *err);

/* --- the reply letter --- */

/* The default template.  Placeholders: {标题单位} {编号} {申请人}
 * {收到日期} {申请内容} {答复意见} {依据} {复议机关} {单位} {答复日期};
 * unknown ones are left as they are. */
extern const char request_default_template[];

struct request_letter_vars {
	const char *unit;	/* 单位 */
	const char *number;	/* 编号 */
	const char *applicant;	/* 申请人 */
	const char *received;	/* 收到日期, "2026年3月2日" */
	const char *info;	/* 申请内容 */
	const char *opinion;	/* 答复意见: the outcome's wording */
	const char *basis;	/* 依据: the article cited */
	const char *review_body;	/* 复议机关 */
	const char *day;	/* 答复日期 */
};
/* Fill 'tmpl' into 'out' (appended). */
void request_letter_fill(const char *tmpl, const struct request_letter_vars *v,
			 struct buf *out);
/* The template of 'region': its own or the nearest region above's, else
 * the default.  In 'a'. */
const char *request_template(struct store *s, const char *region,
			     struct arena *a);
/* The 复议机关 named in letters of unit 'u': the region's setting (or the
 * nearest above), else the people's government one level up for a
 * government, 街道办事处 or 乡镇 and the government of its own region for
 * a department (a unit of kind 人民政府 there, else the region's name +
 * 人民政府), else "……". */
const char *request_review_body(struct store *s, const struct unit *u,
				struct arena *a);
/* Set (text) or clear (NULL or "": inherit) a region's template or
 * 复议机关, checked (UTF-8, at most 20,000 bytes; a template must still
 * tell the applicant of 行政复议 and 行政诉讼; a body name at most 100
 * characters) with authorisation (AZ_REQUEST_SETTINGS) and an audit
 * entry in one transaction.  0, or -1 with the reason in 'err'. */
int request_template_set(struct store *s, const struct actor *who,
			 const char *region, const char *text,
			 struct errors *err);
int request_review_body_set(struct store *s, const struct actor *who,
			    const char *region, const char *text,
			    struct errors *err);
/* The letter for 'r' answered on 'day' with 'outcome' (and 'article', or
 * NULL for the outcome's own), from the region's template.  In 'a'. */
const char *request_letter(struct store *s, const struct request *r,
			   const struct request_outcome *outcome,
			   const char *article, const char *day,
			   struct arena *a);

/* "2026年3月2日" for "2026-03-02".  In 'a'. */
const char *request_date_cn(const char *ymd, struct arena *a);
/* Today in China as YYYY-MM-DD (GONGKAI_NOW fixes it). */
void request_today(char out[CALENDAR_DATE_LEN]);

#endif
