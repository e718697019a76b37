/* layout.c: see layout.h */
#include "layout.h"

#include <string.h>

#include "html.h"

static void meta(struct buf *b, const char *name, const char *content)
{
	if (!content || !*content)
		return;
	buf_adds(b, "<meta name=\"");
	buf_adds(b, name);
	buf_adds(b, "\" content=\"");
	html_esc(b, content);
	buf_adds(b, "\">\n");
}

void layout_begin(const struct http_request *rq, struct buf *b,
		  const struct page_frame *f)
{
	const struct site_info *si = f->site;

	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"");
	if (rq->elder)
		buf_adds(b, " class=\"elder\"");
	buf_adds(b, ">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, "
		 "initial-scale=1\">\n<title>");
	html_esc(b, f->title);
	if (si && strcmp(f->title, si->title)) {
		buf_adds(b, " - ");
		html_esc(b, si->title);
	}
	buf_adds(b, "</title>\n");
	if (si) {
		meta(b, "SiteName", si->site_name);
		meta(b, "SiteDomain", si->site_domain);
		meta(b, "SiteIDCode", si->site_code);
	}
	meta(b, "ColumnName", f->column_name);
	meta(b, "ColumnType", f->column_type);
	meta(b, "ArticleTitle", f->article_title);
	meta(b, "PubDate", f->pub_date);
	meta(b, "ContentSource", f->content_source);
	buf_addf(b, "<link rel=\"stylesheet\" href=\"/static/style.css?v=%s\">\n",
		 rq->site->static_version);
	if (f->feed_href) {
		buf_adds(b, "<link rel=\"alternate\" type=\"application/atom+xml\" "
			 "title=\"订阅更新\" href=\"");
		html_esc(b, f->feed_href);
		buf_adds(b, "\">\n");
	}
	buf_adds(b, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">"
		 "跳到主要内容</a>\n<header class=\"masthead\">\n<div class=\"wrap\">\n");
	if (si) {
		buf_adds(b, "<p class=\"site-name\"><a href=\"/\">");
		html_esc(b, si->site_name);
		buf_adds(b, "</a></p>\n<p class=\"column-title\"><a href=\"/r/");
		html_esc(b, si->region_code);
		buf_adds(b, "/\">");
		html_esc(b, si->title);
		buf_adds(b, "</a></p>\n");
		if (*si->banner) {
			buf_adds(b, "<p class=\"banner\">");
			html_esc(b, si->banner);
			buf_adds(b, "</p>\n");
		}
	}
	buf_adds(b, "<p class=\"tools\"><a href=\"/prefs/elder?on=");
	buf_adds(b, rq->elder ? "0" : "1");
	buf_adds(b, "&amp;back=");
	{
		struct buf back = BUF_INIT;

		buf_adds(&back, rq->path);
		if (*rq->raw_query) {
			buf_addch(&back, '?');
			buf_adds(&back, rq->raw_query);
		}
		url_esc(b, back.buf);
		buf_release(&back);
	}
	buf_adds(b, rq->elder ? "\">退出长者模式</a>" :
		 "\">长者模式（大字体、高对比度）</a>");
	buf_adds(b, " <a href=\"/sitemap/\">网站地图</a></p>\n"
		 "<form class=\"top-search\" role=\"search\" method=\"get\" "
		 "action=\"/search\"><label class=\"sr\" for=\"top-q\">搜索本站"
		 "</label><input id=\"top-q\" name=\"q\" type=\"search\" "
		 "maxlength=\"200\" placeholder=\"搜索公开信息\"> <button "
		 "type=\"submit\">搜索</button></form>\n"
		 "</div>\n</header>\n");
	if (f->ncrumbs) {
		buf_adds(b, "<nav class=\"crumbs\" aria-label=\"当前位置\">"
			 "<div class=\"wrap\"><ol>");
		for (size_t i = 0; i < f->ncrumbs; i++) {
			if (f->crumbs[i].href) {
				buf_adds(b, "<li><a href=\"");
				html_esc(b, f->crumbs[i].href);
				buf_adds(b, "\">");
				html_esc(b, f->crumbs[i].label);
				buf_adds(b, "</a></li>");
			} else {
				buf_adds(b, "<li aria-current=\"page\">");
				html_esc(b, f->crumbs[i].label);
				buf_adds(b, "</li>");
			}
		}
		buf_adds(b, "</ol></div></nav>\n");
	}
	buf_adds(b, "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n");
	if (!f->no_h1) {
		buf_adds(b, "<h1>");
		html_esc(b, f->title);
		buf_adds(b, "</h1>\n");
	}
}

static void footer_line(struct buf *b, const char *label, const char *value)
{
	buf_adds(b, "<li>");
	buf_adds(b, label);
	buf_adds(b, "：");
	if (value && *value)
		html_esc(b, value);
	else
		buf_adds(b, "<span class=\"unset\">未设置</span>");
	buf_adds(b, "</li>");
}

void layout_end(const struct http_request *rq, struct buf *b,
		const struct page_frame *f)
{
	const struct site_info *si = f->site;

	(void)rq;
	buf_adds(b, "</main>\n<footer class=\"footer\">\n<div class=\"wrap\">\n");
	if (si) {
		buf_adds(b, "<nav aria-label=\"政府信息公开专栏\"><ul class=\"inline\">");
		for (size_t i = 0; i < 4; i++) {
			buf_adds(b, "<li><a href=\"/r/");
			html_esc(b, si->region_code);
			buf_addf(b, "/p/%s/\">%s</a></li>", column_page_kinds[i].slug,
				 column_page_kinds[i].title);
		}
		buf_adds(b, "<li><a href=\"/r/");
		html_esc(b, si->region_code);
		buf_adds(b, "/catalogs/\">公开目录下载</a></li>"
			 "<li><a href=\"/sitemap/\">网站地图</a></li>"
			 "<li><a href=\"/api/v1/\">开放接口</a></li></ul></nav>\n");
		buf_adds(b, "<ul class=\"inline footer-ids\">");
		footer_line(b, "主办单位", si->host);
		footer_line(b, "联系方式", si->contact);
		buf_adds(b, "</ul>\n<ul class=\"inline footer-ids\">");
		footer_line(b, "网站标识码", si->site_code);
		footer_line(b, "ICP备案号", si->icp);
		footer_line(b, "公安机关备案号", si->police);
		buf_adds(b, "</ul>\n");
	}
	buf_adds(b, "</div>\n</footer>\n</body>\n</html>\n");
}

void layout_error(const struct http_request *rq, struct http_response *rs,
		  int status, const char *title, const char *detail)
{
	struct page_frame f = { 0 };
	struct site_info si;
	struct crumb c[2] = { { "首页", "/" }, { title, NULL } };

	f.title = title;
	f.column_name = title;
	f.column_type = "其他";
	if (site_load(rq->store, rq->site->home_region, rq->arena, &si) ==
	    STORE_OK)
		f.site = &si;
	f.crumbs = c;
	f.ncrumbs = 2;
	rs->status = status;
	buf_reset(&rs->body);
	layout_begin(rq, &rs->body, &f);
	buf_adds(&rs->body, "<p class=\"notice\">");
	html_esc(&rs->body, detail);
	buf_adds(&rs->body, "</p>\n<p><a href=\"/\">返回首页</a></p>\n");
	layout_end(rq, &rs->body, &f);
}

void layout_pager(struct buf *b, const char *base, int64_t page,
		  int64_t per_page, int64_t total)
{
	int64_t pages = per_page > 0 ? (total + per_page - 1) / per_page : 1;
	const char *sep = strchr(base, '?') ? "&amp;" : "?";

	if (pages <= 1)
		return;
	buf_adds(b, "<nav class=\"pager\" aria-label=\"分页\"><ul class=\"inline\">");
	if (page > 1) {
		buf_adds(b, "<li><a rel=\"prev\" href=\"");
		html_esc(b, base);
		buf_addf(b, "%spage=%lld\">上一页</a></li>", sep,
			 (long long)(page - 1));
	}
	buf_addf(b, "<li aria-current=\"page\">第 %lld / %lld 页（共 ",
		 (long long)page, (long long)pages);
	html_count(b, total);
	buf_adds(b, " 条）</li>");
	if (page < pages) {
		buf_adds(b, "<li><a rel=\"next\" href=\"");
		html_esc(b, base);
		buf_addf(b, "%spage=%lld\">下一页</a></li>", sep,
			 (long long)(page + 1));
	}
	buf_adds(b, "</ul></nav>\n");
}
