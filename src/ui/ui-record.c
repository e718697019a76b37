/* ui-record.c: "/record/ID" — one public record: the metadata block that
 * government article pages carry (索引号, 主题分类, 发布机构, 成文日期,
 * 发布日期, 文号, 有效性; domain-facts §5.7), the values of its item's
 * 公开内容要素, the Markdown body and the attachments; and
 * "/file/ID/NAME", an attachment's bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "layout.h"
#include "pages.h"
#include "parts.h"
#include "../domain/record.h"

/* The published record 'id', if the public may see it. */
static bool load_public(struct http_request *rq, int64_t id, struct record *r)
{
	return store_record_get(rq->store, id, rq->arena, r) == STORE_OK &&
		r->status == RECORD_PUBLISHED &&
		r->disclosure == DISCLOSE_ACTIVE;
}

static void meta_row(struct buf *b, const char *label, const char *value)
{
	buf_adds(b, "<tr><th scope=\"row\">");
	buf_adds(b, label);
	buf_adds(b, "</th><td>");
	if (value && *value)
		html_esc(b, value);
	else
		buf_adds(b, "—");
	buf_adds(b, "</td></tr>\n");
}

static void human_size(struct buf *b, int64_t n)
{
	if (n >= 1024 * 1024)
		buf_addf(b, "%.1f MB", n / (1024.0 * 1024.0));
	else if (n >= 1024)
		buf_addf(b, "%.0f KB", n / 1024.0);
	else
		buf_addf(b, "%lld 字节", (long long)n);
}

void ui_record(struct http_request *rq, struct http_response *rs)
{
	struct record r;
	struct site_info si;
	struct domain *doms;
	struct catalog head, c;
	struct page_frame f = { 0 };
	struct crumb crumbs[12];
	size_t ncrumbs, ndoms;
	const char *domain_name = NULL, *domain_code = NULL;
	const struct item *it = NULL;
	struct buf *b = &rs->body;

	if (!load_public(rq, strtoll(rq->params[0], NULL, 10), &r) ||
	    site_load(rq->store, r.region_code, rq->arena, &si) != STORE_OK) {
		layout_error(rq, rs, 404, "没有这条信息",
			     "没有找到这条公开信息，它可能已被撤回或从未公开。");
		return;
	}
	if (store_domain_list(rq->store, rq->arena, &doms, &ndoms) == STORE_OK)
		for (size_t i = 0; i < ndoms; i++)
			if (doms[i].id == r.domain_id) {
				domain_name = doms[i].name;
				domain_code = doms[i].code;
			}
	if (domain_code &&
	    store_catalog_latest_published(rq->store, r.region_code, r.domain_id,
					   rq->arena, &head) == STORE_OK &&
	    store_catalog_load(rq->store, head.id, rq->arena, &c) == STORE_OK)
		for (size_t i = 0; i < c.nitems; i++)
			if (!strcmp(c.items[i].lineage, r.lineage))
				it = &c.items[i];

	ncrumbs = part_region_crumbs(rq, r.region_code, true, crumbs, 8);
	if (domain_code)
		crumbs[ncrumbs++] = (struct crumb){ domain_name,
			href_domain(rq->arena, r.region_code, domain_code) };
	if (it)
		crumbs[ncrumbs++] = (struct crumb){ it->name,
			href_item(rq->arena, r.region_code, it->id) };
	crumbs[ncrumbs++] = (struct crumb){ "正文", NULL };

	f.title = r.title;
	f.column_name = it ? it->name : domain_name;
	f.column_type = "公开信息";
	f.article_title = r.title;
	f.pub_date = r.published_on;
	f.content_source = *r.publisher ? r.publisher : r.unit_name;
	f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = ncrumbs;
	layout_begin(rq, b, &f);

	buf_adds(b, "<table class=\"docmeta\"><caption>信息索引</caption>\n");
	meta_row(b, "索引号", r.index_no);
	meta_row(b, "主题分类", r.topic);
	meta_row(b, "发布机构", *r.publisher ? r.publisher : r.unit_name);
	meta_row(b, "成文日期", r.written_on);
	meta_row(b, "发布日期", r.published_on);
	meta_row(b, "文号", r.doc_no);
	meta_row(b, "有效性", record_validity_label(r.validity));
	meta_row(b, "公开属性", record_disclosure_label(r.disclosure));
	buf_adds(b, "</table>\n");
	buf_addf(b, "<p class=\"print-link\"><a href=\"/record/%lld/print\">"
		 "打印公告</a></p>\n", (long long)r.id);

	if (r.nvalues) {
		buf_adds(b, "<section aria-labelledby=\"elems\"><h2 id=\"elems\">"
			 "公开内容要素</h2>\n<dl class=\"columns\">\n");
		for (size_t i = 0; i < r.nvalues; i++) {
			buf_adds(b, "<dt>");
			html_esc(b, r.values[i].element);
			buf_adds(b, "</dt><dd>");
			if (*r.values[i].value)
				html_esc(b, r.values[i].value);
			else
				buf_adds(b, "—");
			buf_adds(b, "</dd>\n");
		}
		buf_adds(b, "</dl></section>\n");
	}
	if (*r.body_md) {
		buf_adds(b, "<section class=\"body\" aria-label=\"正文\">\n");
		html_markdown(b, r.body_md);
		buf_adds(b, "</section>\n");
	}
	if (r.nattachments) {
		buf_adds(b, "<section aria-labelledby=\"atts\"><h2 id=\"atts\">附件"
			 "</h2>\n<ul class=\"attachments\">\n");
		for (size_t i = 0; i < r.nattachments; i++) {
			const struct attachment *a = &r.attachments[i];

			buf_addf(b, "<li><a href=\"/file/%lld/", (long long)a->id);
			url_esc(b, a->name);
			buf_adds(b, "\" download>");
			html_esc(b, a->name);
			buf_adds(b, "</a> <span class=\"meta\">");
			human_size(b, a->size);
			buf_adds(b, "</span></li>\n");
		}
		buf_adds(b, "</ul></section>\n");
	}
	layout_end(rq, b, &f);
}

void ui_attachment(struct http_request *rq, struct http_response *rs)
{
	struct attachment a;
	struct record r;
	void *data;
	size_t len;
	struct buf cd = BUF_INIT;

	if (store_attachment_get(rq->store, strtoll(rq->params[0], NULL, 10),
				 rq->arena, &a) != STORE_OK ||
	    !load_public(rq, a.record_id, &r) ||
	    store_blob_get(rq->store, a.sha256, &data, &len) != STORE_OK) {
		layout_error(rq, rs, 404, "没有这个附件",
			     "没有找到这个附件，它所属的信息可能已被撤回。");
		return;
	}
	buf_add(&rs->body, data, len);
	free(data);
	rs->content_type = arena_strdup(rq->arena, a.mime);
	/* RFC 6266: an ASCII fallback and the UTF-8 name */
	buf_adds(&cd, "attachment; filename=\"attachment");
	{
		const char *dot = strrchr(a.name, '.');
		bool plain = dot && strlen(dot) < 10;

		for (const char *p = dot; plain && *p; p++)
			plain = (*p == '.' || (*p >= 'a' && *p <= 'z') ||
				 (*p >= 'A' && *p <= 'Z') ||
				 (*p >= '0' && *p <= '9'));
		if (plain)
			buf_adds(&cd, dot);
	}
	buf_adds(&cd, "\"; filename*=UTF-8''");
	url_esc(&cd, a.name);
	rs->disposition = arena_strdup(rq->arena, cd.buf);
	buf_release(&cd);
	rs->cache_control = "public, max-age=86400";
	if (len > (4u << 20))
		rs->uncacheable = true;
}
