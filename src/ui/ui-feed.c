/* ui-feed.c: Atom feeds (RFC 4287) of a region's newest public records —
 * "/r/CODE/feed.atom" — and of one domain in it — "/r/CODE/d/DOMAIN/feed.atom".
 */
#include <string.h>

#include "html.h"
#include "layout.h"
#include "pages.h"
#include "parts.h"

#define FEED_ENTRIES 50

static void feed(struct http_request *rq, struct http_response *rs,
		 const char *code, const struct domain *d)
{
	struct site_info si;
	struct record_filter rf = { 0 };
	struct record *recs;
	size_t nrec;
	int64_t total;
	const char *base = rq->site->base_url;
	const char *self;
	struct buf *b = &rs->body;

	if (site_load(rq->store, code, rq->arena, &si) != STORE_OK) {
		layout_error(rq, rs, 404, "没有这个地区",
			     "没有找到这个行政区划的专栏。");
		return;
	}
	rf.region = code;
	rf.domain_id = d ? d->id : 0;
	rf.status = -1;
	rf.public_only = true;
	rf.limit = FEED_ENTRIES;
	store_record_list(rq->store, &rf, rq->arena, &recs, &nrec, &total);
	self = d ? arena_printf(rq->arena, "/r/%s/d/%s/feed.atom", code, d->code) :
		arena_printf(rq->arena, "/r/%s/feed.atom", code);

	buf_adds(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		 "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n"
		 "<title>");
	html_esc(b, si.title);
	if (d) {
		buf_adds(b, " · ");
		html_esc(b, d->name);
	}
	buf_adds(b, "</title>\n<id>");
	html_esc(b, base);
	html_esc(b, self);
	buf_adds(b, "</id>\n<link rel=\"self\" href=\"");
	html_esc(b, base);
	html_esc(b, self);
	buf_adds(b, "\"/>\n<link href=\"");
	html_esc(b, base);
	buf_adds(b, d ? href_domain(rq->arena, code, d->code) :
		 href_region(rq->arena, code));
	buf_adds(b, "\"/>\n<updated>");
	buf_adds(b, nrec && *recs[0].published_on ?
		 arena_printf(rq->arena, "%sT00:00:00Z", recs[0].published_on) :
		 "1970-01-01T00:00:00Z");
	buf_adds(b, "</updated>\n<author><name>");
	html_esc(b, *si.host ? si.host : si.site_name);
	buf_adds(b, "</name></author>\n");
	for (size_t i = 0; i < nrec; i++) {
		const char *href = href_record(rq->arena, recs[i].id);
		const char *day = *recs[i].published_on ? recs[i].published_on :
			"1970-01-01";

		buf_adds(b, "<entry><title>");
		html_esc(b, recs[i].title);
		buf_adds(b, "</title><id>");
		html_esc(b, base);
		buf_adds(b, href);
		buf_adds(b, "</id><link href=\"");
		html_esc(b, base);
		buf_adds(b, href);
		buf_adds(b, "\"/><updated>");
		html_esc(b, day);
		buf_adds(b, "T00:00:00Z</updated><author><name>");
		html_esc(b, *recs[i].publisher ? recs[i].publisher :
			 recs[i].unit_name);
		buf_adds(b, "</name></author><summary>");
		html_esc(b, recs[i].index_no);
		if (*recs[i].doc_no) {
			buf_adds(b, " ");
			html_esc(b, recs[i].doc_no);
		}
		buf_adds(b, "</summary></entry>\n");
	}
	buf_adds(b, "</feed>\n");
	rs->content_type = "application/atom+xml; charset=utf-8";
}

void ui_feed(struct http_request *rq, struct http_response *rs)
{
	struct domain d;

	if (rq->nparams < 2) {
		feed(rq, rs, rq->params[0], NULL);
		return;
	}
	if (store_domain_find(rq->store, rq->params[1], rq->arena, &d) !=
	    STORE_OK || strcmp(d.code, rq->params[1])) {
		layout_error(rq, rs, 404, "没有这个领域", "没有找到这个领域。");
		return;
	}
	feed(rq, rs, rq->params[0], &d);
}

void ui_not_found(struct http_request *rq, struct http_response *rs)
{
	layout_error(rq, rs, 404, "页面不存在",
		     "您访问的页面不存在或已被删除，请检查地址或从首页进入。");
}
