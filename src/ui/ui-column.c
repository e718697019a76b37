/* ui-column.c: the four entries of a 政府信息公开专栏 (公开指南, 公开制度,
 * 法定主动公开内容, 公开年报; 国办公开办函〔2019〕61号) —
 * "/r/CODE/p/SLUG/", written by the region's office in Markdown
 * (`gongkai site page`) — and the 长者模式 switch "/prefs/elder".
 */
#include <string.h>

#include "html.h"
#include "layout.h"
#include "pages.h"
#include "parts.h"

void ui_column_page(struct http_request *rq, struct http_response *rs)
{
	const char *code = rq->params[0];
	const struct column_page_kind *kind = column_page_kind(rq->params[1]);
	struct column_page p;
	struct site_info si;
	struct page_frame f = { 0 };
	struct crumb crumbs[10];
	size_t ncrumbs;
	bool have;
	struct buf *b = &rs->body;

	if (!kind || site_load(rq->store, code, rq->arena, &si) != STORE_OK) {
		layout_error(rq, rs, 404, "没有这个栏目",
			     "政府信息公开专栏只有公开指南、公开制度、"
			     "法定主动公开内容和公开年报四个栏目。");
		return;
	}
	have = store_page_get(rq->store, code, kind->slug, rq->arena, &p) ==
		STORE_OK;
	ncrumbs = part_region_crumbs(rq, code, true, crumbs, 8);
	crumbs[ncrumbs++] = (struct crumb){ kind->title, NULL };
	f.title = have && *p.title ? p.title : kind->title;
	f.column_name = kind->title;
	f.column_type = "政府信息公开专栏";
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = ncrumbs;
	layout_begin(rq, b, &f);
	buf_adds(b, "<nav aria-label=\"专栏栏目\"><ul class=\"inline tabs\">");
	for (size_t i = 0; i < 4; i++) {
		bool cur = &column_page_kinds[i] == kind;

		buf_addf(b, "<li><a href=\"/r/%s/p/%s/\"%s>%s</a></li>", code,
			 column_page_kinds[i].slug,
			 cur ? " aria-current=\"page\"" : "",
			 column_page_kinds[i].title);
	}
	buf_adds(b, "</ul></nav>\n");
	if (have) {
		buf_adds(b, "<section class=\"body\" aria-label=\"正文\">\n");
		html_markdown(b, p.body_md);
		buf_adds(b, "</section>\n<p class=\"meta\">更新时间：");
		html_escn(b, p.updated_at, strlen(p.updated_at) >= 10 ? 10 :
			  strlen(p.updated_at));
		buf_adds(b, "</p>\n");
	} else {
		buf_adds(b, "<p class=\"empty\">");
		html_esc(b, si.region_name);
		buf_adds(b, "尚未发布本栏目内容。</p>\n");
	}
	layout_end(rq, b, &f);
}

/* Only a local path may be a target: "/x", not "//host" or "http:". */
static bool local_path(const char *p)
{
	return p && p[0] == '/' && p[1] != '/' && p[1] != '\\' &&
		!strpbrk(p, "\r\n");
}

void ui_elder(struct http_request *rq, struct http_response *rs)
{
	const char *on = query_get(&rq->query, "on");
	const char *back = query_get(&rq->query, "back");

	if (!on || (strcmp(on, "0") && strcmp(on, "1"))) {
		layout_error(rq, rs, 400, "参数错误",
			     "长者模式开关的参数应为 on=1 或 on=0。");
		return;
	}
	rs->status = 303;
	rs->location = local_path(back) ? back : "/";
	rs->set_cookie = !strcmp(on, "1") ?
		"gk_elder=1; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly" :
		"gk_elder=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly";
	rs->uncacheable = true;
	rs->cache_control = "no-store";
}
