/* admin-search.c: "/admin/search" — full-text search in the back office
 * over the records the user's lists cover (drafts and every other state:
 * the unit's, or for a disclosure office its region's subtree)
 */
#include <string.h>

#include "admin.h"
#include "html.h"
#include "../domain/actor.h"
#include "../domain/search.h"
#include "../util/errors.h"

static void marked(struct buf *b, const char *s)
{
	struct buf t = BUF_INIT;

	html_esc(&t, s);
	for (size_t i = 0; i < t.len; i++) {
		if (t.buf[i] == '\002')
			buf_adds(b, "<mark>");
		else if (t.buf[i] == '\003')
			buf_adds(b, "</mark>");
		else
			buf_addch(b, t.buf[i]);
	}
	buf_release(&t);
}

void admin_search(struct http_request *rq, struct http_response *rs)
{
	const char *q = query_get(&rq->query, "q");
	struct search_request req = { 0 };
	struct search_result res;
	struct errors err = ERRORS_INIT;
	struct buf *b = &rs->body;

	admin_begin(rq, b, "搜索本单位的信息");
	buf_adds(b, "<form method=\"get\" action=\"/admin/search\" class=\"form\" "
		 "role=\"search\"><p><label for=\"aq\">查找（含草稿和各环节中的信息）"
		 "</label><input id=\"aq\" name=\"q\" type=\"search\" maxlength=\"200\" "
		 "value=\"");
	html_esc(b, q ? q : "");
	buf_adds(b, "\"> <button type=\"submit\">搜索</button></p></form>\n");
	if (!q || !*q)
		goto out;
	req.q = q;
	req.qlen = strlen(q);
	req.p.validity = -1;
	req.p.kind = SEARCH_RECORDS;
	req.p.limit = 50;
	if (rq->user->roles & ROLE_OFFICE)
		req.p.region = rq->user->region_code;
	else if (rq->user->roles & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER))
		req.p.unit_id = rq->user->unit_id;
	else {
		buf_adds(b, "<p class=\"notice error\">三员账号不处理公开信息。</p>\n");
		rs->status = 403;
		goto out;
	}
	if (search_run(rq->wstore, &req, rq->arena, &res, &err)) {
		admin_errors(b, &err);
		goto out;
	}
	buf_addf(b, "<h2>找到 %lld 条</h2>\n<ol class=\"records hits\">",
		 (long long)res.total);
	for (size_t i = 0; i < res.n; i++) {
		buf_addf(b, "<li><a href=\"/admin/records/%lld\">",
			 (long long)res.hits[i].ref_id);
		marked(b, res.hits[i].title_marked);
		buf_adds(b, "</a><br><span class=\"snippet\">");
		marked(b, res.hits[i].snippet);
		buf_adds(b, "</span></li>\n");
	}
	buf_adds(b, "</ol>\n");
out:
	admin_end(rq, b);
	errors_release(&err);
}
