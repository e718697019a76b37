/* admin.h: the back office (两后台) pages, one admin-<area>.c each
 *
 * The server has already checked the session (ROUTE_USER: rq->user and
 * rq->actor are set) and, for every POST, the CSRF token; authorisation is
 * decided in the domain layer (authz.h), so pages only show what it
 * allows and report what it refuses.  Pages work without JavaScript.
 */
#ifndef GK_ADMIN_H
#define GK_ADMIN_H

#include "../http/request.h"

/* admin-login.c */
void admin_login_form(struct http_request *rq, struct http_response *rs);
void admin_login(struct http_request *rq, struct http_response *rs);
void admin_logout(struct http_request *rq, struct http_response *rs);
void admin_password_form(struct http_request *rq, struct http_response *rs);
void admin_password(struct http_request *rq, struct http_response *rs);
/* admin-dashboard.c */
void admin_dashboard(struct http_request *rq, struct http_response *rs);
void admin_items(struct http_request *rq, struct http_response *rs);
/* admin-records.c */
void admin_records(struct http_request *rq, struct http_response *rs);
void admin_record_new(struct http_request *rq, struct http_response *rs);
void admin_record_create(struct http_request *rq, struct http_response *rs);
void admin_record_view(struct http_request *rq, struct http_response *rs);
void admin_record_edit_form(struct http_request *rq, struct http_response *rs);
void admin_record_edit(struct http_request *rq, struct http_response *rs);
void admin_record_action(struct http_request *rq, struct http_response *rs);
void admin_record_attach(struct http_request *rq, struct http_response *rs);
void admin_record_file(struct http_request *rq, struct http_response *rs);
void admin_record_history(struct http_request *rq, struct http_response *rs);
void admin_record_restore(struct http_request *rq, struct http_response *rs);
/* admin-search.c */
void admin_search(struct http_request *rq, struct http_response *rs);
/* admin-accounts.c */
void admin_users(struct http_request *rq, struct http_response *rs);
void admin_user_add(struct http_request *rq, struct http_response *rs);
void admin_user_change(struct http_request *rq, struct http_response *rs);
void admin_unit_change(struct http_request *rq, struct http_response *rs);
void admin_security(struct http_request *rq, struct http_response *rs);
void admin_unlock(struct http_request *rq, struct http_response *rs);
void admin_audit(struct http_request *rq, struct http_response *rs);
void admin_calendar(struct http_request *rq, struct http_response *rs);
void admin_calendar_change(struct http_request *rq, struct http_response *rs);

/* --- admin-frame.c: what the pages share --- */

struct buf;
struct errors;

/* The back-office frame: head, the user's bar, the menu of what their
 * roles may use, a notice (from ?msg=CODE, never text from the URL) and
 * the <h1>. */
void admin_begin(struct http_request *rq, struct buf *b, const char *title);
void admin_end(struct http_request *rq, struct buf *b);
/* <input type=hidden name=csrf>. */
void admin_csrf(struct http_request *rq, struct buf *b);
/* A box listing every message of 'err'. */
void admin_errors(struct buf *b, const struct errors *err);
/* An error page in the frame (403, 404, 400). */
void admin_fail(struct http_request *rq, struct http_response *rs, int status,
		const char *title, const struct errors *err);
/* 303 See Other to a local path, with a notice code. */
void admin_redirect(struct http_request *rq, struct http_response *rs,
		    const char *path, const char *msg);
/* The message of a notice code, or NULL. */
const char *admin_notice(const char *code);

#endif
