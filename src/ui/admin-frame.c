/* admin-frame.c: the frame of the back-office pages (see admin.h) */
#include <string.h>

#include "admin.h"
#include "html.h"
#include "../domain/account.h"
#include "../domain/actor.h"
#include "../util/errors.h"

static const struct { const char *code, *text; } notices[] = {
	{ "saved", "已保存。" },
	{ "created", "已新建草稿，可继续编辑或送审。" },
	{ "submit", "已送审。" },
	{ "pass", "已通过，进入下一步。" },
	{ "return", "已退回给信息员。" },
	{ "withdraw", "已撤回，公开专栏上不再显示。" },
	{ "delete", "已移入回收站。" },
	{ "restore", "已从回收站恢复。" },
	{ "restored", "已恢复为所选版本的内容。" },
	{ "attached", "附件已上传。" },
	{ "password", "密码已修改。" },
	{ "user", "账号已保存。" },
	{ "unlocked", "已解除锁定。" },
	{ "calendar", "工作日历已更新。" },
	{ "unit", "单位设置已保存。" },
	{ "catalog", "目录已保存。" },
	{ "loggedout", "已退出登录。" },
	{ "expired", "登录已超时（空闲 30 分钟），请重新登录。" },
	/* catalogs (admin-catalog.c) */
	{ "derived", "已派生本级目录草稿：可继续删减、新增本级事项，改好后送审。" },
	{ "dropped", "已删减所选事项。" },
	{ "item_added", "已新增本级事项。" },
	{ "item_saved", "事项已修改。" },
	{ "imported", "已导入，草稿的事项已由文件替换。" },
	{ "cat_submit", "目录已送审，等待政务公开办审核。" },
	{ "cat_approve", "目录已审核通过，可以发布。" },
	{ "cat_reject", "目录已退回给信息员。" },
	{ "cat_publish", "目录已发布，公开专栏已显示新目录。" },
	{ "rebased", "已生成变基草稿：请核对冲突后送审。" },
};

const char *admin_notice(const char *code)
{
	for (size_t i = 0; code && i < sizeof(notices) / sizeof(notices[0]); i++)
		if (!strcmp(code, notices[i].code))
			return notices[i].text;
	return NULL;
}

static void menu_item(struct buf *b, struct http_request *rq, const char *href,
		      const char *label)
{
	bool cur = !strcmp(rq->path, href);

	buf_adds(b, "<li><a href=\"");
	buf_adds(b, href);
	buf_adds(b, cur ? "\" aria-current=\"page\">" : "\">");
	buf_adds(b, label);
	buf_adds(b, "</a></li>");
}

void admin_begin(struct http_request *rq, struct buf *b, const char *title)
{
	unsigned r = rq->user ? rq->user->roles : 0;
	const char *notice = admin_notice(query_get(&rq->query, "msg"));

	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\" class=\"admin\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		 "content=\"width=device-width, initial-scale=1\">\n"
		 "<meta name=\"robots\" content=\"noindex\">\n<title>");
	html_esc(b, title);
	buf_addf(b, " - 政务公开后台</title>\n<link rel=\"stylesheet\" "
		 "href=\"/static/style.css?v=%s\">\n</head>\n<body>\n"
		 "<a class=\"skip\" href=\"#main\">跳到主要内容</a>\n"
		 "<header class=\"masthead admin-bar\">\n<div class=\"wrap\">\n"
		 "<p class=\"column-title\"><a href=\"/admin/\">政务公开后台</a></p>\n",
		 rq->site->static_version);
	if (rq->user) {
		struct buf roles = BUF_INIT;

		roles_format(&roles, rq->user->roles);
		buf_adds(b, "<p class=\"tools\">");
		html_esc(b, rq->user->display_name);
		buf_adds(b, "（");
		if (*rq->user->unit_name) {
			html_esc(b, rq->user->unit_name);
			buf_adds(b, " · ");
		}
		html_esc(b, roles.buf);
		buf_adds(b, "） <a href=\"/admin/password\">修改密码</a></p>\n"
			 "<form method=\"post\" action=\"/admin/logout\" class=\"inline-form\">");
		admin_csrf(rq, b);
		buf_adds(b, "<button type=\"submit\" class=\"link\">退出登录</button></form>\n");
		buf_release(&roles);
	}
	buf_adds(b, "</div>\n</header>\n");
	if (rq->user && !rq->user->must_change) {
		buf_adds(b, "<nav class=\"crumbs admin-menu\" aria-label=\"后台菜单\">"
			 "<div class=\"wrap\"><ul class=\"inline\">");
		if (r & (ROLE_OFFICE | ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) {
			menu_item(b, rq, "/admin/", "工作台");
			menu_item(b, rq, "/admin/records", "信息");
			menu_item(b, rq, "/admin/catalogs", "目录");
			menu_item(b, rq, "/admin/requests", "依申请公开");
			menu_item(b, rq, "/admin/reports", "年报");
			menu_item(b, rq, "/admin/check", "自查");
			menu_item(b, rq, "/admin/tasks", "督办任务");
			menu_item(b, rq, "/admin/ledger", "公开台账");
			menu_item(b, rq, "/admin/assessment", "考核");
			menu_item(b, rq, "/admin/search", "搜索");
		}
		if (r & ROLE_SYSADMIN) {
			menu_item(b, rq, "/admin/users", "账号与单位");
			menu_item(b, rq, "/admin/calendar", "工作日历");
		}
		if (r & ROLE_SECADMIN)
			menu_item(b, rq, "/admin/security", "登录锁定");
		if (r & ROLE_AUDITOR)
			menu_item(b, rq, "/admin/audit", "审计记录");
		menu_item(b, rq, "/", "公开专栏");
		buf_adds(b, "</ul></div></nav>\n");
	}
	buf_adds(b, "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n<h1>");
	html_esc(b, title);
	buf_adds(b, "</h1>\n");
	if (notice) {
		buf_adds(b, "<p class=\"notice ok\" role=\"status\">");
		buf_adds(b, notice);
		buf_adds(b, "</p>\n");
	}
}

void admin_end(struct http_request *rq, struct buf *b)
{
	(void)rq;
	buf_adds(b, "</main>\n<footer class=\"footer\"><div class=\"wrap\">"
		 "<p>本系统操作均记入审计日志。会话空闲 30 分钟后自动退出。</p>"
		 "</div></footer>\n</body>\n</html>\n");
}

void admin_csrf(struct http_request *rq, struct buf *b)
{
	if (!rq->session)
		return;
	buf_adds(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_esc(b, rq->session->csrf);
	buf_adds(b, "\">");
}

void admin_errors(struct buf *b, const struct errors *err)
{
	if (!err || !err->n)
		return;
	buf_adds(b, "<div class=\"notice error\" role=\"alert\"><p>未能完成：</p><ul>");
	for (size_t i = 0; i < err->n; i++) {
		buf_adds(b, "<li>");
		html_esc(b, err->msg[i]);
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul></div>\n");
}

void admin_fail(struct http_request *rq, struct http_response *rs, int status,
		const char *title, const struct errors *err)
{
	rs->status = status;
	buf_reset(&rs->body);
	admin_begin(rq, &rs->body, title);
	admin_errors(&rs->body, err);
	buf_adds(&rs->body, "<p><a href=\"/admin/\">返回工作台</a></p>\n");
	admin_end(rq, &rs->body);
}

void admin_redirect(struct http_request *rq, struct http_response *rs,
		    const char *path, const char *msg)
{
	rs->status = 303;
	rs->location = msg ? arena_printf(rq->arena, "%s%smsg=%s", path,
					  strchr(path, '?') ? "&" : "?", msg) :
		arena_strdup(rq->arena, path);
}
