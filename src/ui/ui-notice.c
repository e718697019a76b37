/* ui-notice.c: "/record/ID/print" — a published record as an A4 notice to
 * post on a bulletin board (公示栏), and "/n/CODE", the short address
 * printed on it
 *
 * The notice is a page of its own (no site frame): the 发布机构 and the
 * title in large type, the 索引号, 文号, 成文日期, 发布日期 and 有效性, the
 * element values and the body, the posting period when the back office's
 * 打印并登记 asked for one (?from=&to=), and the way back to the online
 * record both as its full address and as a short one a person can type
 * (no QR code: /n/ and the record's id in Crockford base 32).  The print
 * stylesheet (web/static/style.css, "printed notices") sets an A4 page
 * with @page and hides the screen-only help.  Only records the public may
 * see are printed; the page is cacheable like the record page.
 */
#include <stdlib.h>
#include <string.h>

#include "admin-tasks.h"
#include "html.h"
#include "layout.h"
#include "../domain/calendar.h"
#include "../domain/record.h"

/* Crockford's base 32 without I L O U, written in lower case. */
static const char b32[] = "0123456789abcdefghjkmnpqrstvwxyz";

void notice_short_code(int64_t id, char out[14])
{
	char tmp[14];
	int k = 0, j = 0;
	uint64_t v = id > 0 ? (uint64_t)id : 0;

	do {
		tmp[k++] = b32[v & 31];
		v >>= 5;
	} while (v && k < 13);
	while (k)
		out[j++] = tmp[--k];
	out[j] = '\0';
}

int64_t notice_short_id(const char *code)
{
	uint64_t v = 0;
	size_t n = code ? strlen(code) : 0;

	if (!n || n > 13)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = code[i];
		const char *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c == 'i' || c == 'l')
			c = '1';
		else if (c == 'o')
			c = '0';
		p = strchr(b32, c);
		if (!c || !p)
			return 0;
		if (v > (UINT64_MAX >> 5))
			return 0;
		v = v << 5 | (uint64_t)(p - b32);
	}
	return v > 0 && v <= INT64_MAX ? (int64_t)v : 0;
}

/* "2026年11月3日" for a YYYY-MM-DD date, the text itself otherwise. */
static const char *date_cn(struct arena *a, const char *ymd)
{
	int32_t z;
	int y, m, d;

	if (!ymd || calendar_parse_date(ymd, &z))
		return ymd ? ymd : "";
	calendar_civil_from_days(z, &y, &m, &d);
	return arena_printf(a, "%d年%d月%d日", y, m, d);
}

static void row(struct buf *b, const char *label, const char *value)
{
	buf_addf(b, "<tr><th scope=\"row\">%s</th><td>", label);
	html_esc(b, value && *value ? value : "—");
	buf_adds(b, "</td></tr>\n");
}

void ui_notice(struct http_request *rq, struct http_response *rs)
{
	struct record r;
	struct buf *b = &rs->body;
	const char *from = query_get(&rq->query, "from");
	const char *to = query_get(&rq->query, "to");
	const char *issuer, *base = rq->site->base_url, *host;
	char code[14], f[CALENDAR_DATE_LEN] = "", t[CALENDAR_DATE_LEN] = "";
	int64_t id = strtoll(rq->params[0], NULL, 10);

	if (store_record_get(rq->store, id, rq->arena, &r) != STORE_OK ||
	    r.status != RECORD_PUBLISHED || r.disclosure != DISCLOSE_ACTIVE ||
	    r.deleted_at) {
		layout_error(rq, rs, 404, "没有这条信息",
			     "没有找到这条公开信息，它可能已被撤回或从未公开。");
		return;
	}
	if ((from && *from && calendar_normalize_date(from, f)) ||
	    (to && *to && calendar_normalize_date(to, t)) ||
	    (*f && *t && strcmp(t, f) < 0)) {
		layout_error(rq, rs, 400, "公示期无效",
			     "公示期的日期无效：from 和 to 须为 2026-11-23 这样的"
			     "日期，且结束不早于开始。");
		return;
	}
	issuer = *r.publisher ? r.publisher : r.unit_name;
	notice_short_code(r.id, code);
	host = !strncmp(base, "https://", 8) ? base + 8 :
		!strncmp(base, "http://", 7) ? base + 7 : base;

	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\""
		 "width=device-width, initial-scale=1\">\n<meta name=\"robots\" "
		 "content=\"noindex\">\n<title>");
	html_esc(b, r.title);
	buf_adds(b, "（公告） 索引号 ");
	html_esc(b, r.index_no);
	buf_addf(b, "</title>\n<link rel=\"stylesheet\" href=\"/static/style.css"
		 "?v=%s\">\n</head>\n<body class=\"notice-print\">\n"
		 "<nav class=\"notice-tools\" aria-label=\"打印说明\"><p>这是供"
		 "打印张贴的 A4 公告：用浏览器的“打印”（Ctrl+P）打印在 A4 纸上。"
		 "<a href=\"/record/%lld\">返回信息页</a> · <a href=\""
		 "/admin/print?record=%lld\">打印并登记公示栏台账（后台）</a></p>"
		 "</nav>\n<main id=\"main\" class=\"notice-sheet\">\n"
		 "<header class=\"notice-head\"><p class=\"notice-issuer\">",
		 rq->site->static_version, (long long)r.id, (long long)r.id);
	html_esc(b, issuer);
	buf_adds(b, "</p>\n<h1 class=\"notice-title\">");
	html_esc(b, r.title);
	buf_adds(b, "</h1>\n");
	if (*r.doc_no) {
		buf_adds(b, "<p class=\"notice-docno\">");
		html_esc(b, r.doc_no);
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "</header>\n<table class=\"notice-meta\"><caption class=\""
		 "sr\">信息索引</caption>\n");
	row(b, "索引号", r.index_no);
	row(b, "发布机构", issuer);
	row(b, "成文日期", *r.written_on ? date_cn(rq->arena, r.written_on) : "");
	row(b, "发布日期", date_cn(rq->arena, r.published_on));
	row(b, "有效性", record_validity_label(r.validity));
	buf_adds(b, "</table>\n");
	if (r.nvalues) {
		buf_adds(b, "<dl class=\"notice-values\">\n");
		for (size_t i = 0; i < r.nvalues; i++) {
			if (!*r.values[i].value)
				continue;
			buf_adds(b, "<dt>");
			html_esc(b, r.values[i].element);
			buf_adds(b, "</dt><dd>");
			html_esc(b, r.values[i].value);
			buf_adds(b, "</dd>\n");
		}
		buf_adds(b, "</dl>\n");
	}
	if (*r.body_md) {
		buf_adds(b, "<div class=\"notice-body\">\n");
		html_markdown(b, r.body_md);
		buf_adds(b, "</div>\n");
	}
	if (r.nattachments) {
		buf_adds(b, "<p class=\"notice-files\">附件：");
		for (size_t i = 0; i < r.nattachments; i++) {
			if (i)
				buf_adds(b, "、");
			html_esc(b, r.attachments[i].name);
		}
		buf_adds(b, "（请在网上查看）</p>\n");
	}
	if (*f || *t) {
		buf_adds(b, "<p class=\"notice-period\">公示期：");
		html_esc(b, *f ? date_cn(rq->arena, f) : "");
		buf_adds(b, "至");
		html_esc(b, *t ? date_cn(rq->arena, t) : "");
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "<p class=\"notice-sign\">");
	html_esc(b, issuer);
	buf_adds(b, "<br>");
	html_esc(b, date_cn(rq->arena, r.published_on));
	buf_adds(b, "</p>\n<footer class=\"notice-link\">\n<p>网上查看原文：<span "
		 "class=\"url\">");
	html_esc(b, base);
	buf_addf(b, "/record/%lld</span></p>\n<p>短网址：<span class=\"url\">",
		 (long long)r.id);
	html_esc(b, host);
	buf_addf(b, "/n/%s</span>（在浏览器地址栏输入即可打开）</p>\n"
		 "<p>索引号：", code);
	html_esc(b, r.index_no);
	buf_adds(b, "</p>\n</footer>\n</main>\n</body>\n</html>\n");
}

void ui_short_link(struct http_request *rq, struct http_response *rs)
{
	int64_t id = notice_short_id(rq->params[0]);

	if (!id) {
		layout_error(rq, rs, 404, "没有这个短网址",
			     "没有这个短网址，请核对公告上印的地址。");
		return;
	}
	rs->status = 301;
	rs->location = arena_printf(rq->arena, "/record/%lld", (long long)id);
}
