/* admin-accounts.c: the three administrators' pages (三员分立) —
 * accounts and units (系统管理员), the working-day calendar (系统管理员),
 * sign-in locks (安全管理员) and the audit trail (审计员, read only)
 *
 * Each page asks authz.h first; the domain functions ask again.
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "html.h"
#include "layout.h"
#include "../domain/account.h"
#include "../domain/audit.h"
#include "../domain/authz.h"
#include "../domain/calendar.h"
#include "../domain/workflow.h"
#include "../util/errors.h"
#include "../util/timeutil.h"

/* Refuse with 403 unless the user may 'act'; 0 when allowed. */
static int need(struct http_request *rq, struct http_response *rs,
		enum authz_action act)
{
	struct errors err = ERRORS_INIT;

	if (authz_require(rq->wstore, rq->actor, act, 0, NULL, &err) == 0)
		return 0;
	admin_fail(rq, rs, 403, "没有权限", &err);
	errors_release(&err);
	return -1;
}

/* A form field, "" when absent. */
static const char *field(struct http_request *rq, const char *name)
{
	const char *v = query_get(&rq->form, name);
	return v ? v : "";
}

/* --- accounts and units --- */

static void users_page(struct http_request *rq, struct http_response *rs,
		       const struct errors *err)
{
	struct user *v;
	struct unit *units;
	size_t n, nunits;
	struct buf *b = &rs->body;
	static const unsigned role_bits[] = { ROLE_SYSADMIN, ROLE_SECADMIN,
		ROLE_AUDITOR, ROLE_OFFICE, ROLE_EDITOR, ROLE_REVIEWER,
		ROLE_SIGNER };

	buf_reset(b);
	store_user_list(rq->wstore, 0, rq->arena, &v, &n);
	store_unit_list(rq->wstore, NULL, rq->arena, &units, &nunits);
	admin_begin(rq, b, "账号与单位");
	admin_errors(b, err);
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"账号列表\"><table class=\"grid\"><caption>账号</caption>"
		 "<thead><tr><th scope=\"col\">用户名</th><th scope=\"col\">姓名</th>"
		 "<th scope=\"col\">单位</th><th scope=\"col\">角色</th>"
		 "<th scope=\"col\">状态</th><th scope=\"col\">操作</th></tr></thead>"
		 "<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		struct buf roles = BUF_INIT;

		roles_format(&roles, v[i].roles);
		buf_adds(b, "<tr><th scope=\"row\">");
		html_esc(b, v[i].username);
		buf_adds(b, "</th><td>");
		html_esc(b, v[i].display_name);
		buf_adds(b, "</td><td>");
		html_esc(b, *v[i].unit_name ? v[i].unit_name : "—");
		buf_adds(b, "</td><td>");
		html_esc(b, roles.buf);
		buf_adds(b, "</td><td>");
		buf_adds(b, v[i].disabled ? "已停用" : v[i].must_change ?
			 "待修改初始密码" : "正常");
		buf_addf(b, "</td><td><form method=\"post\" action=\"/admin/users/%lld\" "
			 "class=\"inline-form\">", (long long)v[i].id);
		admin_csrf(rq, b);
		buf_addf(b, "<input type=\"hidden\" name=\"do\" value=\"%s\">"
			 "<button type=\"submit\" class=\"secondary\">%s<span class=\"sr\">"
			 "：", v[i].disabled ? "enable" : "disable",
			 v[i].disabled ? "启用" : "停用");
		html_esc(b, v[i].username);
		buf_adds(b, "</span></button></form></td></tr>\n");
		buf_release(&roles);
	}
	buf_adds(b, "</tbody></table></div>\n<h2>新建账号</h2>\n"
		 "<form method=\"post\" action=\"/admin/users\" class=\"form\">");
	admin_csrf(rq, b);
	buf_adds(b, "<p><label for=\"u-name\">用户名</label><input id=\"u-name\" "
		 "name=\"username\" required maxlength=\"64\" pattern=\"[A-Za-z0-9_.-]{2,64}\">"
		 "</p><p><label for=\"u-display\">姓名</label><input id=\"u-display\" "
		 "name=\"display_name\" required maxlength=\"50\"></p>"
		 "<p><label for=\"u-unit\">单位</label><select id=\"u-unit\" name=\"unit\">"
		 "<option value=\"\">（三员账号不属于单位）</option>");
	for (size_t i = 0; i < nunits; i++) {
		buf_addf(b, "<option value=\"%lld\">", (long long)units[i].id);
		html_esc(b, units[i].name);
		buf_adds(b, "</option>");
	}
	buf_adds(b, "</select></p><fieldset><legend>角色</legend>");
	for (size_t i = 0; i < sizeof(role_bits) / sizeof(role_bits[0]); i++)
		buf_addf(b, "<p class=\"choice\"><input type=\"checkbox\" id=\"r-%u\" "
			 "name=\"role\" value=\"%u\"> <label for=\"r-%u\">%s</label></p>",
			 role_bits[i], role_bits[i], role_bits[i],
			 role_label(role_bits[i]));
	buf_adds(b, "</fieldset><p><label for=\"u-pw\">初始密码（首次登录须修改）"
		 "</label><input id=\"u-pw\" name=\"password\" type=\"password\" "
		 "autocomplete=\"new-password\" required minlength=\"10\"></p>"
		 "<p><button type=\"submit\">新建</button></p></form>\n");
	buf_adds(b, "<h2>单位的发布流程</h2>\n<p class=\"meta\">步骤可选：审核（本单位审核人）、"
		 "签发（本单位签发人）、审批（政务公开办）。</p>\n");
	buf_adds(b, "<form method=\"post\" action=\"/admin/units/0\" class=\"form\" "
		 "id=\"unit-form\">");
	admin_csrf(rq, b);
	buf_adds(b, "<p><label for=\"w-unit\">单位</label><select id=\"w-unit\" "
		 "name=\"unit\">");
	for (size_t i = 0; i < nunits; i++) {
		buf_addf(b, "<option value=\"%lld\">", (long long)units[i].id);
		html_esc(b, units[i].name);
		buf_adds(b, "</option>");
	}
	buf_adds(b, "</select></p><fieldset><legend>步骤</legend>"
		 "<p class=\"choice\"><input type=\"checkbox\" id=\"s-review\" "
		 "name=\"step\" value=\"review\" checked> <label for=\"s-review\">审核"
		 "</label></p><p class=\"choice\"><input type=\"checkbox\" id=\"s-sign\" "
		 "name=\"step\" value=\"sign\" checked> <label for=\"s-sign\">签发</label>"
		 "</p><p class=\"choice\"><input type=\"checkbox\" id=\"s-approve\" "
		 "name=\"step\" value=\"approve\" checked> <label for=\"s-approve\">审批"
		 "</label></p></fieldset><p><label for=\"w-rule\">索引号规则</label>"
		 "<input id=\"w-rule\" name=\"rule\" value=\"{unit}/{year}-{serial5}\" "
		 "required></p><p><button type=\"submit\">保存</button></p></form>\n");
	admin_end(rq, b);
}

void admin_users(struct http_request *rq, struct http_response *rs)
{
	if (need(rq, rs, AZ_ACCOUNTS) == 0)
		users_page(rq, rs, NULL);
}

void admin_user_add(struct http_request *rq, struct http_response *rs)
{
	struct errors err = ERRORS_INIT;
	unsigned roles = 0;
	int64_t unit = 0;

	if (need(rq, rs, AZ_ACCOUNTS))
		return;
	for (size_t i = 0; i < rq->form.n; i++)
		if (!strcmp(rq->form.fields[i].name, "role"))
			roles |= (unsigned)strtoul(rq->form.fields[i].value, NULL, 10) &
				ROLE__ALL;
	if (query_int(&rq->form, "unit", 1, INT64_MAX, 0, &unit))
		errors_addf(&err, "单位无效");
	else if (!account_add(rq->wstore, rq->actor,
			      field(rq, "username"), field(rq, "display_name"), unit,
			      roles, field(rq, "password"), &err)) {
		/* the messages are in err */
	} else {
		admin_redirect(rq, rs, "/admin/users", "user");
		goto out;
	}
	users_page(rq, rs, &err);
	rs->status = 400;
out:
	errors_release(&err);
}

void admin_user_change(struct http_request *rq, struct http_response *rs)
{
	struct errors err = ERRORS_INIT;
	const char *what = query_get(&rq->form, "do");
	int64_t id = strtoll(rq->params[0], NULL, 10);

	if (need(rq, rs, AZ_ACCOUNTS))
		return;
	if (!what || (strcmp(what, "disable") && strcmp(what, "enable")))
		errors_addf(&err, "没有这个操作");
	else if (account_set_disabled(rq->wstore, rq->actor, id,
				      !strcmp(what, "disable"), &err) == 0) {
		admin_redirect(rq, rs, "/admin/users", "user");
		goto out;
	}
	users_page(rq, rs, &err);
	rs->status = 400;
out:
	errors_release(&err);
}

void admin_unit_change(struct http_request *rq, struct http_response *rs)
{
	struct errors err = ERRORS_INIT;
	struct buf steps = BUF_INIT;
	int64_t unit;

	if (need(rq, rs, AZ_ACCOUNTS))
		return;
	for (size_t i = 0; i < rq->form.n; i++)
		if (!strcmp(rq->form.fields[i].name, "step")) {
			if (steps.len)
				buf_addch(&steps, ',');
			buf_adds(&steps, rq->form.fields[i].value);
		}
	if (query_int(&rq->form, "unit", 1, INT64_MAX, 0, &unit) || !unit)
		errors_addf(&err, "请选择单位");
	else if (workflow_set_unit(rq->wstore, rq->actor, unit, steps.buf,
				   query_get(&rq->form, "rule"), &err) == 0) {
		admin_redirect(rq, rs, "/admin/users", "unit");
		goto out;
	}
	users_page(rq, rs, &err);
	rs->status = 400;
out:
	buf_release(&steps);
	errors_release(&err);
}

/* --- sign-in locks --- */

void admin_security(struct http_request *rq, struct http_response *rs)
{
	char now[TIME_TEXT_LEN];
	const char **keys;
	size_t n;
	struct buf *b = &rs->body;

	if (need(rq, rs, AZ_SECURITY))
		return;
	time_now_text(now);
	store_failure_locked(rq->wstore, now, rq->arena, &keys, &n);
	admin_begin(rq, b, "登录锁定");
	buf_addf(b, "<p>连续 %d 次登录失败的账号和地址锁定 %d 分钟。</p>\n",
		 LOCK_AFTER_FAILURES, LOCK_SECONDS / 60);
	if (!n)
		buf_adds(b, "<p class=\"empty\">现在没有被锁定的账号或地址。</p>\n");
	else {
		buf_adds(b, "<ul class=\"records\">");
		for (size_t i = 0; i < n; i++) {
			buf_adds(b, "<li>");
			html_esc(b, keys[i]);
			buf_adds(b, " <form method=\"post\" action=\"/admin/security\" "
				 "class=\"inline-form\">");
			admin_csrf(rq, b);
			buf_adds(b, "<input type=\"hidden\" name=\"key\" value=\"");
			html_esc(b, keys[i]);
			buf_adds(b, "\"><button type=\"submit\" class=\"secondary\">解除锁定"
				 "<span class=\"sr\">：");
			html_esc(b, keys[i]);
			buf_adds(b, "</span></button></form></li>\n");
		}
		buf_adds(b, "</ul>\n");
	}
	admin_end(rq, b);
}

void admin_unlock(struct http_request *rq, struct http_response *rs)
{
	struct errors err = ERRORS_INIT;
	const char *key = query_get(&rq->form, "key");

	if (need(rq, rs, AZ_SECURITY))
		return;
	if (key && account_unlock(rq->wstore, rq->actor, key, &err) == 0)
		admin_redirect(rq, rs, "/admin/security", "unlocked");
	else {
		if (!key)
			errors_addf(&err, "没有指定要解除的锁定");
		admin_fail(rq, rs, 400, "未能解除锁定", &err);
	}
	errors_release(&err);
}

/* --- the audit trail --- */

void admin_audit(struct http_request *rq, struct http_response *rs)
{
	struct audit_filter f = { 0 };
	struct audit_entry *v;
	struct audit_problem *probs;
	struct audit_summary sum;
	size_t n, nprobs = 0;
	int64_t total, page;
	struct buf *b = &rs->body;
	struct errors err = ERRORS_INIT;
	bool verify = query_get(&rq->query, "verify") != NULL;

	if (need(rq, rs, AZ_AUDIT_READ))
		return;
	if (query_int(&rq->query, "page", 1, 1000000, 1, &page))
		page = 1;
	f.actor = query_get(&rq->query, "actor");
	if (f.actor && !*f.actor)
		f.actor = NULL;
	f.action = query_get(&rq->query, "action");
	if (f.action && !*f.action)
		f.action = NULL;
	f.limit = 50;
	f.offset = (page - 1) * 50;
	store_audit_list(rq->wstore, &f, rq->arena, &v, &n, &total);
	admin_begin(rq, b, "审计记录");
	if (verify) {
		if (audit_verify(rq->wstore, &probs, &nprobs, rq->arena, &sum,
				 &err) == 0 && !nprobs)
			buf_addf(b, "<p class=\"notice ok\" role=\"status\">审计记录完整："
				 "共 %lld 条，哈希链无断裂。</p>\n", (long long)sum.count);
		else {
			buf_adds(b, "<div class=\"notice error\" role=\"alert\"><p>审计记录"
				 "被改动：</p><ul>");
			for (size_t i = 0; i < nprobs; i++) {
				buf_adds(b, "<li>");
				html_esc(b, probs[i].msg);
				buf_adds(b, "</li>");
			}
			buf_adds(b, "</ul></div>\n");
			admin_errors(b, &err);
		}
	}
	buf_adds(b, "<form method=\"get\" action=\"/admin/audit\" class=\"form inline\">"
		 "<p><label for=\"a-actor\">操作人</label><input id=\"a-actor\" "
		 "name=\"actor\" value=\"");
	html_esc(b, f.actor ? f.actor : "");
	buf_adds(b, "\"></p><p><label for=\"a-action\">操作（前缀，如 record.）</label>"
		 "<input id=\"a-action\" name=\"action\" value=\"");
	html_esc(b, f.action ? f.action : "");
	buf_adds(b, "\"></p><p><button type=\"submit\">查询</button> <button "
		 "type=\"submit\" name=\"verify\" value=\"1\" class=\"secondary\">"
		 "校验哈希链</button></p></form>\n");
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"审计记录\"><table class=\"grid\"><caption>审计记录（共 ");
	html_count(b, total);
	buf_adds(b, " 条）</caption><thead><tr><th scope=\"col\">编号</th>"
		 "<th scope=\"col\">时间</th><th scope=\"col\">操作人</th>"
		 "<th scope=\"col\">地址</th><th scope=\"col\">操作</th>"
		 "<th scope=\"col\">对象</th><th scope=\"col\">说明</th></tr></thead>"
		 "<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const char *label = audit_action_label(v[i].action);

		buf_addf(b, "<tr><th scope=\"row\">%lld</th><td class=\"nw\">",
			 (long long)v[i].id);
		html_esc(b, v[i].at);
		buf_adds(b, "</td><td>");
		html_esc(b, v[i].actor);
		buf_adds(b, "</td><td>");
		html_esc(b, v[i].client);
		buf_adds(b, "</td><td>");
		html_esc(b, label ? label : v[i].action);
		buf_adds(b, "</td><td>");
		html_esc(b, v[i].object_type);
		buf_adds(b, " ");
		html_esc(b, v[i].object_id);
		buf_adds(b, "</td><td>");
		html_esc(b, v[i].detail);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	layout_pager(b, "/admin/audit", page, 50, total);
	admin_end(rq, b);
	errors_release(&err);
}

/* --- the working-day calendar --- */

static void calendar_page(struct http_request *rq, struct http_response *rs,
			  int year, const struct errors *err)
{
	struct calendar_day *days;
	size_t n;
	struct buf *b = &rs->body;

	buf_reset(b);
	store_calendar_year(rq->wstore, year, rq->arena, &days, &n);
	admin_begin(rq, b, arena_printf(rq->arena, "工作日历（%d年）", year));
	admin_errors(b, err);
	buf_addf(b, "<p><a href=\"/admin/calendar?year=%d\">上一年</a> · "
		 "<a href=\"/admin/calendar?year=%d\">下一年</a></p>\n", year - 1,
		 year + 1);
	if (!n) {
		char text[160];

		calendar_missing_text(year, text, sizeof(text));
		buf_adds(b, "<p class=\"notice\">");
		html_esc(b, text);
		buf_adds(b, "</p>\n");
	} else {
		buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
			 "aria-label=\"节假日与调休\"><table class=\"grid\"><caption>"
			 "法定节假日（工作日放假）与调休上班（周末上班）</caption><thead><tr>"
			 "<th scope=\"col\">日期</th><th scope=\"col\">类型</th>"
			 "<th scope=\"col\">节日</th><th scope=\"col\">操作</th></tr>"
			 "</thead><tbody>\n");
		for (size_t i = 0; i < n; i++) {
			buf_adds(b, "<tr><th scope=\"row\">");
			html_esc(b, days[i].day);
			buf_adds(b, "</th><td>");
			buf_adds(b, calendar_kind_label(days[i].kind));
			buf_adds(b, "</td><td>");
			html_esc(b, days[i].note);
			buf_adds(b, "</td><td><form method=\"post\" action=\"/admin/calendar\" "
				 "class=\"inline-form\">");
			admin_csrf(rq, b);
			buf_adds(b, "<input type=\"hidden\" name=\"do\" value=\"remove\">"
				 "<input type=\"hidden\" name=\"day\" value=\"");
			html_esc(b, days[i].day);
			buf_adds(b, "\"><button type=\"submit\" class=\"secondary\">删除"
				 "<span class=\"sr\">：");
			html_esc(b, days[i].day);
			buf_adds(b, "</span></button></form></td></tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n");
	}
	buf_adds(b, "<h2>添加日期</h2><form method=\"post\" action=\"/admin/calendar\" "
		 "class=\"form\">");
	admin_csrf(rq, b);
	buf_adds(b, "<input type=\"hidden\" name=\"do\" value=\"add\">"
		 "<p><label for=\"c-day\">日期</label><input id=\"c-day\" name=\"day\" "
		 "type=\"date\" required></p><p><label for=\"c-kind\">类型</label>"
		 "<select id=\"c-kind\" name=\"kind\"><option value=\"off\">放假（工作日）"
		 "</option><option value=\"work\">调休上班（周末）</option></select></p>"
		 "<p><label for=\"c-note\">节日</label><input id=\"c-note\" name=\"note\" "
		 "maxlength=\"20\"></p><p><button type=\"submit\">添加</button></p>"
		 "</form>\n");
	admin_end(rq, b);
}

void admin_calendar(struct http_request *rq, struct http_response *rs)
{
	char now[TIME_TEXT_LEN];
	int64_t year;

	if (need(rq, rs, AZ_CALENDAR))
		return;
	time_now_text(now);
	if (query_int(&rq->query, "year", 1900, 9999, atoi(now), &year))
		year = atoi(now);
	calendar_page(rq, rs, (int)year, NULL);
}

void admin_calendar_change(struct http_request *rq, struct http_response *rs)
{
	struct errors err = ERRORS_INIT;
	const char *what = query_get(&rq->form, "do");
	const char *day = query_get(&rq->form, "day");
	enum calendar_kind kind;
	int rc = -1;

	if (need(rq, rs, AZ_CALENDAR))
		return;
	if (!what || !day)
		errors_addf(&err, "缺少日期");
	else if (store_begin(rq->wstore, &err) != STORE_OK)
		;
	else if (!strcmp(what, "add")) {
		if (calendar_kind_parse(query_get(&rq->form, "kind"), &kind))
			errors_addf(&err, "类型只能是放假或调休上班");
		else
			rc = calendar_put_day(rq->wstore, day, kind,
					      query_get(&rq->form, "note"),
					      "后台录入", &err);
	} else if (!strcmp(what, "remove")) {
		rc = calendar_remove_day(rq->wstore, day, &err);
	}
	/* the change and its audit entry commit together */
	if (rc == 0)
		rc = audit_append(rq->wstore, rq->actor, "calendar.change",
				  "calendar", day, NULL, 0, NULL, NULL,
				  arena_printf(rq->arena, "%s工作日历 %s",
					       !strcmp(what, "add") ? "添加" : "删除",
					       day), &err);
	if (rc == 0 && store_commit(rq->wstore, &err) != STORE_OK)
		rc = -1;
	else if (rc != 0 && what && day)
		store_rollback(rq->wstore);
	if (rc == 0) {
		admin_redirect(rq, rs, arena_printf(rq->arena,
			       "/admin/calendar?year=%.4s", day), "calendar");
	} else {
		calendar_page(rq, rs, day ? atoi(day) : 2026, &err);
		rs->status = 400;
	}
	errors_release(&err);
}
