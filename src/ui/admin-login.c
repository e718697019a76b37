/* admin-login.c: signing in and out, and changing one's password
 *
 * The sign-in form has no session yet, so its CSRF token is a random value
 * both in a SameSite=Strict cookie and in the form (double submit).  The
 * session cookie is HttpOnly and SameSite=Lax, and Secure when the site is
 * reached over TLS (X-Forwarded-Proto: https from the front proxy).
 */
#include <sodium.h>
#include <string.h>

#include "admin.h"
#include "html.h"
#include "../domain/account.h"
#include "../util/errors.h"

/* Only a local path may be a target: "/x", not "//host" or "http:". */
static const char *local_next(const char *p)
{
	if (p && p[0] == '/' && p[1] != '/' && p[1] != '\\' &&
	    !strpbrk(p, "\r\n") && strncmp(p, "/admin/login", 12))
		return p;
	return "/admin/";
}

static void login_page(struct http_request *rq, struct http_response *rs,
		       const char *username, const char *next,
		       const struct errors *err)
{
	unsigned char raw[24];
	char pre[48];
	struct buf *b = &rs->body;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(pre, sizeof(pre), raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	rs->set_cookie = arena_printf(rq->arena, "gk_pre=%s; Path=/admin/login; "
				      "HttpOnly; SameSite=Strict%s", pre,
				      rq->https ? "; Secure" : "");
	admin_begin(rq, b, "登录政务公开后台");
	admin_errors(b, err);
	buf_adds(b, "<form method=\"post\" action=\"/admin/login\" class=\"form narrow\">\n"
		 "<input type=\"hidden\" name=\"pre\" value=\"");
	buf_adds(b, pre);
	buf_adds(b, "\">\n<input type=\"hidden\" name=\"next\" value=\"");
	html_esc(b, local_next(next));
	buf_adds(b, "\">\n<p><label for=\"username\">用户名</label>\n"
		 "<input id=\"username\" name=\"username\" autocomplete=\"username\" "
		 "required maxlength=\"64\" value=\"");
	html_esc(b, username ? username : "");
	buf_adds(b, "\"></p>\n<p><label for=\"password\">密码</label>\n"
		 "<input id=\"password\" name=\"password\" type=\"password\" "
		 "autocomplete=\"current-password\" required maxlength=\"128\"></p>\n"
		 "<p><button type=\"submit\">登录</button></p>\n</form>\n"
		 "<p class=\"meta\">连续 5 次密码错误，账号和本机地址将被锁定 15 分钟。</p>\n");
	admin_end(rq, b);
}

void admin_login_form(struct http_request *rq, struct http_response *rs)
{
	if (rq->user) {
		admin_redirect(rq, rs, "/admin/", NULL);
		return;
	}
	login_page(rq, rs, NULL, query_get(&rq->query, "next"), NULL);
}

void admin_login(struct http_request *rq, struct http_response *rs)
{
	const char *username = query_get(&rq->form, "username");
	const char *password = query_get(&rq->form, "password");
	const char *pre = query_get(&rq->form, "pre");
	const char *next = local_next(query_get(&rq->form, "next"));
	struct errors err = ERRORS_INIT;
	struct login in;
	enum login_result r;

	if (!pre || !rq->pre_token || strlen(pre) != strlen(rq->pre_token) ||
	    sodium_memcmp(pre, rq->pre_token, strlen(pre)) != 0) {
		errors_addf(&err, "登录页面已过期，请重新输入（浏览器须允许本站 Cookie）");
		rs->status = 403;
		login_page(rq, rs, username, next, &err);
		goto out;
	}
	if (!username || !*username || !password || !*password) {
		errors_addf(&err, "请输入用户名和密码");
		rs->status = 400;
		login_page(rq, rs, username, next, &err);
		goto out;
	}
	r = account_login(rq->wstore, username, password, rq->client, rq->arena,
			  &in, &err);
	if (r != LOGIN_OK) {
		rs->status = r == LOGIN_LOCKED ? 429 : 401;
		login_page(rq, rs, username, next, &err);
		goto out;
	}
	rs->set_cookie = arena_printf(rq->arena, "gk_session=%s; Path=/; HttpOnly; "
				      "SameSite=Lax%s", in.token,
				      rq->https ? "; Secure" : "");
	admin_redirect(rq, rs, in.user.must_change ? "/admin/password" : next,
		       NULL);
out:
	errors_release(&err);
}

void admin_logout(struct http_request *rq, struct http_response *rs)
{
	account_logout(rq->wstore, rq->session_token);
	rs->set_cookie = "gk_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
	admin_redirect(rq, rs, "/admin/login", "loggedout");
}

static void password_page(struct http_request *rq, struct http_response *rs,
			  const struct errors *err)
{
	struct buf *b = &rs->body;

	admin_begin(rq, b, "修改密码");
	if (rq->user->must_change)
		buf_adds(b, "<p class=\"notice\" role=\"status\">首次登录或密码被重置后，"
			 "须先设置自己的密码。</p>\n");
	admin_errors(b, err);
	buf_adds(b, "<form method=\"post\" action=\"/admin/password\" class=\"form narrow\">\n");
	admin_csrf(rq, b);
	buf_adds(b, "<p><label for=\"old\">原密码</label>\n<input id=\"old\" name=\"old\" "
		 "type=\"password\" autocomplete=\"current-password\" required></p>\n"
		 "<p><label for=\"new\">新密码</label>\n<input id=\"new\" name=\"new\" "
		 "type=\"password\" autocomplete=\"new-password\" required minlength=\"10\" "
		 "aria-describedby=\"pw-rule\"></p>\n<p id=\"pw-rule\" class=\"meta\">至少 10 位，"
		 "包含大写字母、小写字母、数字、其他字符中的至少三类，不含用户名。</p>\n"
		 "<p><label for=\"new2\">再次输入新密码</label>\n<input id=\"new2\" "
		 "name=\"new2\" type=\"password\" autocomplete=\"new-password\" required></p>\n"
		 "<p><button type=\"submit\">修改密码</button></p>\n</form>\n");
	admin_end(rq, b);
}

void admin_password_form(struct http_request *rq, struct http_response *rs)
{
	password_page(rq, rs, NULL);
}

void admin_password(struct http_request *rq, struct http_response *rs)
{
	const char *old = query_get(&rq->form, "old");
	const char *pw = query_get(&rq->form, "new");
	const char *pw2 = query_get(&rq->form, "new2");
	struct errors err = ERRORS_INIT;

	if (!old || !pw || !pw2 || strcmp(pw, pw2)) {
		errors_addf(&err, "两次输入的新密码不一致");
		rs->status = 400;
		password_page(rq, rs, &err);
	} else if (account_set_password(rq->wstore, rq->actor, rq->user->id, old,
					pw, &err)) {
		rs->status = 400;
		password_page(rq, rs, &err);
	} else {
		/* the password change ended every session: sign in again */
		rs->set_cookie = "gk_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
		admin_redirect(rq, rs, "/admin/login", "password");
	}
	errors_release(&err);
}
