/* layout.h: the frame every public page shares
 *
 * layout_begin writes the document head (lang="zh-CN", viewport, the
 * government-site <meta> tags SiteName/SiteDomain/SiteIDCode, ColumnName/
 * ColumnType and, for articles, ArticleTitle/PubDate/ContentSource), the
 * skip link, the banner of the region's column, the 长者模式 switch (a
 * plain link: works without JavaScript) and the breadcrumb; layout_end the
 * footer with the lines government sites must show.  Pages put their
 * content between the two, inside <main>.
 */
#ifndef GK_UI_LAYOUT_H
#define GK_UI_LAYOUT_H

#include "../domain/site.h"
#include "../http/request.h"

struct crumb {
	const char *label;
	const char *href;	/* NULL for the current page */
};

struct page_frame {
	const char *title;		/* <title> and <h1> */
	const char *column_name;	/* ColumnName meta */
	const char *column_type;	/* ColumnType meta */
	const char *article_title;	/* set on record pages */
	const char *pub_date;
	const char *content_source;
	const char *feed_href;		/* Atom feed of this page, or NULL */
	const struct site_info *site;
	const struct crumb *crumbs;
	size_t ncrumbs;
	bool no_h1;			/* the page writes its own heading */
};

void layout_begin(const struct http_request *rq, struct buf *b,
		  const struct page_frame *f);
void layout_end(const struct http_request *rq, struct buf *b,
		const struct page_frame *f);

/* A complete error page (404, 400, ...) in the frame of the home region. */
void layout_error(const struct http_request *rq, struct http_response *rs,
		  int status, const char *title, const char *detail);

/* "上一页 第 N / M 页 下一页" links, keeping the other query parameters. */
void layout_pager(struct buf *b, const char *base, int64_t page,
		  int64_t per_page, int64_t total);

#endif
