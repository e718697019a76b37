/* ui-apply.h: disclosure on request (依申请公开) for the public — the
 * application form of a region's agencies, its confirmation with the
 * 查询码, and the tracking page — and the form pieces the back office's
 * registration form (admin-requests.c) shares with it
 *
 * Everything the applicant types is checked twice: here at the edge
 * (lengths, files, the honeypot, the rate limit per address) and by
 * domain/request.c (request_check_filing: the rules of 第二十九条), whose
 * messages name their field (「证件号码」：…) so the pages can show each
 * beside its field as well as in the list at the top.  Filing and files
 * are written in one transaction through request_file().
 */
#ifndef GK_UI_APPLY_H
#define GK_UI_APPLY_H

#include "../domain/request.h"
#include "../http/request.h"

struct errors;

/* GET /r/:region/apply/[?unit=ID] — the form. */
void ui_apply_form(struct http_request *rq, struct http_response *rs);
/* POST /r/:region/apply/ — file it (multipart/form-data). */
void ui_apply_submit(struct http_request *rq, struct http_response *rs);
/* GET /apply/track[?code=查询码] — the applicant follows the case. */
void ui_apply_track(struct http_request *rq, struct http_response *rs);

/* --- shared with the back office --- */

#define APPLY_MAX_FILES 3			/* per application form */
#define APPLY_MAX_FILE_BYTES (10u << 20)	/* each */
#define APPLY_MAX_TOTAL_BYTES (20u << 20)	/* together */

/* The fieldsets of an application: applicant type, 自然人, 法人或其他组织,
 * contact, the information wanted, its form, how to receive it, the fee
 * waiver, and (with_files) the attachments.  Values from 'v' (a form sent
 * back; NULL for an empty form), each message of 'err' that names a field
 * shown beside it. */
void apply_fields(struct buf *b, const struct query *v,
		  const struct errors *err, bool with_files);
/* The 受理单位 select of 'units' ('selected' chosen; 0 for none). */
void apply_unit_select(struct buf *b, const struct unit *units, size_t n,
		       int64_t selected, const struct errors *err);
/* The list of problems at the top of a refused form, each linked to its
 * field; nothing when 'err' is empty. */
void apply_error_summary(struct buf *b, const struct errors *err,
			 bool files_sent);
/* Edge checks of the fields apply_fields() writes: lengths.  Adds one
 * message per problem. */
void apply_check_sizes(const struct query *v, struct errors *err);
/* The form's fields as a filing (strings point into 'v' or 'a'): only
 * the person's or the organisation's fields, by the type chosen. */
void apply_filing_from_form(const struct query *v, struct arena *a,
			    struct request_filing *f);
/* The uploaded files named "files" (empty file inputs skipped): at most
 * 'max', each and together within the caps, of a known type.  Returns
 * how many, or -1 with the problems in 'err'. */
int apply_check_files(const struct http_request *rq, size_t max,
		      struct errors *err);
/* Store those files as 'role' ("application", "reply", "other") of
 * application 'id' of 'unit_id' in 'region', with an audit entry each,
 * joining the caller's transaction.  0, or -1 with the reason. */
int apply_store_files(struct http_request *rq, const struct actor *who,
		      int64_t id, int64_t unit_id, const char *region,
		      const char *role, struct errors *err);
/* The clock of an application: the summary, the due date and how it was
 * computed, step by step. */
void apply_clock(struct buf *b, const struct request_timing *t,
		 const char *heading_id);
/* A text of several lines as paragraphs (a reply letter). */
void apply_letter(struct buf *b, const char *text);

#endif
