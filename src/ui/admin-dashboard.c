/* admin-dashboard.c: the 工作台 — queue counts (待办/待审/待签/待批/已发),
 * records overdue or due within 3 working days under their item's 公开时限,
 * and the item picker that starts a new record
 */
#include <string.h>

#include "admin.h"
#include "admin-requests.h"
#include "html.h"
#include "../domain/account.h"
#include "../domain/calendar.h"
#include "../domain/catalog.h"
#include "../util/timeutil.h"

int64_t admin_queue_count(struct http_request *rq, const char *code);

static void tile(struct http_request *rq, struct buf *b, const char *code,
		 const char *label)
{
	buf_addf(b, "<li><a href=\"/admin/records?queue=%s\"><span class=\"name\">"
		 "%s</span> <span class=\"count\">", code, label);
	html_count(b, admin_queue_count(rq, code));
	buf_adds(b, "</span></a></li>\n");
}

static void due_list(struct http_request *rq, struct buf *b, const char *until,
		     const char *title, const char *today)
{
	struct record_filter f = { 0 };
	struct record *v;
	size_t n;
	int64_t total;

	if (rq->user->roles & ROLE_OFFICE)
		f.region_below = rq->user->region_code;
	else
		f.unit_id = rq->user->unit_id;
	f.status = -1;
	f.due_before = until;
	f.limit = 50;
	store_record_list(rq->wstore, &f, rq->arena, &v, &n, &total);
	buf_addf(b, "<section><h2>%s（", title);
	html_count(b, total);
	buf_adds(b, " 条）</h2>\n");
	if (!n) {
		buf_adds(b, "<p class=\"empty\">没有。</p></section>\n");
		return;
	}
	buf_adds(b, "<ul class=\"records\">");
	for (size_t i = 0; i < n; i++) {
		bool late = strcmp(v[i].due_on, today) < 0;

		buf_addf(b, "<li><a href=\"/admin/records/%lld\">", (long long)v[i].id);
		html_esc(b, v[i].title);
		buf_adds(b, "</a> <span class=\"meta\">");
		html_esc(b, v[i].unit_name);
		buf_adds(b, " · 时限 ");
		html_esc(b, v[i].due_on);
		buf_adds(b, late ? " <strong class=\"late\">已逾期</strong>" : "");
		buf_adds(b, "</span></li>\n");
	}
	buf_adds(b, "</ul></section>\n");
}

void admin_dashboard(struct http_request *rq, struct http_response *rs)
{
	unsigned r = rq->user->roles;
	struct buf *b = &rs->body;
	char now[TIME_TEXT_LEN], today[11], soon[CALENDAR_DATE_LEN];
	char yesterday[CALENDAR_DATE_LEN];
	struct calendar cal;

	admin_begin(rq, b, "工作台");
	if (r & ROLE_ADMINS) {
		buf_adds(b, "<p>三员账号只处理各自的管理工作：");
		if (r & ROLE_SYSADMIN)
			buf_adds(b, "<a href=\"/admin/users\">账号与单位</a>、"
				 "<a href=\"/admin/calendar\">工作日历</a>");
		if (r & ROLE_SECADMIN)
			buf_adds(b, "<a href=\"/admin/security\">登录锁定</a>");
		if (r & ROLE_AUDITOR)
			buf_adds(b, "<a href=\"/admin/audit\">审计记录</a>");
		buf_adds(b, "。</p>\n");
		admin_end(rq, b);
		return;
	}
	buf_adds(b, "<section aria-labelledby=\"q\"><h2 id=\"q\">工作队列</h2>"
		 "<ul class=\"domains queues\">\n");
	if (r & ROLE_EDITOR)
		tile(rq, b, "todo", "待办");
	if (r & (ROLE_REVIEWER | ROLE_OFFICE))
		tile(rq, b, "review", "待审");
	if (r & (ROLE_SIGNER | ROLE_OFFICE))
		tile(rq, b, "sign", "待签");
	if (r & ROLE_OFFICE)
		tile(rq, b, "approve", "待批");
	tile(rq, b, "published", "已发");
	buf_adds(b, "</ul></section>\n");
	if (r & ROLE_EDITOR)
		buf_adds(b, "<p><a class=\"button\" href=\"/admin/items\">新建信息</a></p>\n");
	time_now_text(now);
	time_text_date_cn(now, today);
	calendar_load(rq->wstore, rq->arena, &cal);
	calendar_add_workdays(&cal, today, -1, yesterday);
	calendar_add_workdays(&cal, today, 3, soon);
	due_list(rq, b, yesterday, "已逾期（超过公开时限）", today);
	due_list(rq, b, soon, "3 个工作日内到期（含已逾期）", today);
	admin_requests_block(rq, b);	/* 依申请公开 (admin-requests.c) */
	admin_end(rq, b);
}

void admin_items(struct http_request *rq, struct http_response *rs)
{
	struct catalog_filter f = { rq->user->region_code, 0, CATALOG_PUBLISHED, 0 };
	struct catalog *cats;
	size_t ncats;
	struct buf *b = &rs->body;

	admin_begin(rq, b, "新建信息：选择公开事项");
	if (!(rq->user->roles & ROLE_EDITOR) || !rq->user->region_code) {
		buf_adds(b, "<p class=\"notice error\">只有信息员可以新建信息。</p>\n");
		rs->status = 403;
		admin_end(rq, b);
		return;
	}
	store_catalog_list(rq->wstore, &f, rq->arena, &cats, &ncats);
	if (!ncats)
		buf_adds(b, "<p class=\"empty\">本单位所在地区还没有已发布的目录。</p>\n");
	for (size_t i = 0; i < ncats; i++) {
		struct catalog latest, c;

		if (store_catalog_latest_published(rq->wstore, f.region,
						   cats[i].domain_id, rq->arena,
						   &latest) != STORE_OK ||
		    latest.id != cats[i].id ||
		    store_catalog_load(rq->wstore, latest.id, rq->arena, &c) !=
		    STORE_OK)
			continue;
		buf_adds(b, "<details><summary>");
		html_esc(b, c.domain_name);
		buf_adds(b, "（");
		html_esc(b, c.version);
		buf_adds(b, "）</summary><ul class=\"tree\">");
		for (size_t k = 0; k < c.nitems; k++) {
			const struct item *it = &c.items[k];

			if (it->level == 1) {
				buf_adds(b, "<li class=\"group\">");
				html_esc(b, it->name);
				buf_adds(b, "</li>");
			} else if (!catalog_item_has_children(&c, k)) {
				buf_addf(b, "<li><a href=\"/admin/records/new?item=%lld\">",
					 (long long)it->id);
				html_esc(b, it->name);
				buf_adds(b, "</a></li>");
			}
		}
		buf_adds(b, "</ul></details>\n");
	}
	admin_end(rq, b);
}
