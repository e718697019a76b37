/* parts.c: see parts.h */
#include "parts.h"

#include <string.h>

#include "html.h"
#include "layout.h"
#include "../domain/channels.h"
#include "../domain/layout.h"
#include "../domain/record.h"

const char *href_region(struct arena *a, const char *code)
{
	return arena_printf(a, "/r/%s/", code);
}

const char *href_domain(struct arena *a, const char *code,
			const char *domain_code)
{
	return arena_printf(a, "/r/%s/d/%s/", code, domain_code);
}

const char *href_item(struct arena *a, const char *code, int64_t item)
{
	return arena_printf(a, "/r/%s/i/%lld/", code, (long long)item);
}

const char *href_record(struct arena *a, int64_t id)
{
	return arena_printf(a, "/record/%lld", (long long)id);
}

size_t part_region_crumbs(struct http_request *rq, const char *code,
			  bool link_last, struct crumb *out, size_t max)
{
	struct region chain[8];
	size_t nchain = 0, n = 0;
	const char *up = code;
	bool home = !strcmp(code, rq->site->home_region);

	out[n++] = (struct crumb){ "首页", home && !link_last ? NULL : "/" };
	if (home)
		return n;
	while (up && nchain < 8 && strcmp(up, rq->site->home_region) &&
	       store_region_get(rq->store, up, rq->arena,
				&chain[nchain]) == STORE_OK)
		up = chain[nchain++].parent_code;
	while (nchain-- > 0 && n < max)
		out[n++] = (struct crumb){ chain[nchain].name,
			nchain == 0 && !link_last ? NULL :
			href_region(rq->arena, chain[nchain].code) };
	return n;
}

void part_record_list(struct buf *b, const struct record *v, size_t n)
{
	if (!n) {
		buf_adds(b, "<p class=\"empty\">暂无公开信息。</p>\n");
		return;
	}
	buf_adds(b, "<ul class=\"records\">\n");
	for (size_t i = 0; i < n; i++) {
		buf_addf(b, "<li><a href=\"/record/%lld\">", (long long)v[i].id);
		html_esc(b, v[i].title);
		buf_adds(b, "</a> <span class=\"meta\">");
		html_esc(b, v[i].publisher && *v[i].publisher ?
			 v[i].publisher : v[i].unit_name);
		buf_adds(b, " <time datetime=\"");
		html_esc(b, v[i].published_on);
		buf_adds(b, "\">");
		html_esc(b, v[i].published_on);
		buf_adds(b, "</time>");
		if (v[i].validity != VALIDITY_VALID) {
			buf_adds(b, " <span class=\"tag\">");
			buf_adds(b, record_validity_label(v[i].validity));
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</span></li>\n");
	}
	buf_adds(b, "</ul>\n");
}

static const char *value_of(const struct record *r, const char *element)
{
	for (size_t i = 0; i < r->nvalues; i++)
		if (!strcmp(r->values[i].element, element))
			return r->values[i].value;
	return "";
}

void part_record_table(struct buf *b, const struct item *it,
		       const struct record *v, size_t n)
{
	if (!n) {
		buf_adds(b, "<p class=\"empty\">暂无公开信息。</p>\n");
		return;
	}
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"");
	html_esc(b, it->name);
	buf_adds(b, "（可左右滚动）\"><table class=\"grid\">\n<caption>");
	html_esc(b, it->name);
	buf_adds(b, "</caption>\n<thead><tr>");
	for (size_t k = 0; k < it->nelements; k++) {
		buf_adds(b, "<th scope=\"col\">");
		html_esc(b, it->elements[k].text);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "<th scope=\"col\">详情</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<tr>");
		for (size_t k = 0; k < it->nelements; k++) {
			const char *val = value_of(&v[i], it->elements[k].text);

			/* short values (phone numbers, types) stay on one line */
			buf_adds(b, k ? (strlen(val) <= 24 ? "<td class=\"nw\">" :
					 "<td>") : "<th scope=\"row\">");
			html_esc(b, val);
			buf_adds(b, k ? "</td>" : "</th>");
		}
		buf_addf(b, "<td><a href=\"/record/%lld\">查看<span class=\"sr\">",
			 (long long)v[i].id);
		html_esc(b, v[i].title);
		buf_adds(b, "</span></a></td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

static void bits_text(struct buf *b, unsigned bits, const unsigned *flags,
		      const char *const *labels, size_t n)
{
	int first = 1;

	for (size_t i = 0; i < n; i++) {
		if (!(bits & flags[i]))
			continue;
		if (!first)
			buf_adds(b, "、");
		buf_adds(b, labels[i]);
		first = 0;
	}
	if (first)
		buf_adds(b, "—");
}

void part_audience(struct buf *b, unsigned bits)
{
	static const unsigned f[] = { AUDIENCE_ALL, AUDIENCE_SPECIFIC };
	static const char *const l[] = { "全社会", "特定群体" };
	bits_text(b, bits, f, l, 2);
}

void part_mode(struct buf *b, unsigned bits)
{
	static const unsigned f[] = { MODE_ACTIVE, MODE_ON_REQUEST };
	static const char *const l[] = { "主动", "依申请" };
	bits_text(b, bits, f, l, 2);
}

void part_levels(struct buf *b, unsigned bits)
{
	static const unsigned f[] = { LEVEL_CITY, LEVEL_COUNTY, LEVEL_TOWNSHIP,
				      LEVEL_VILLAGE };
	static const char *const l[] = { "市级", "县级", "乡级", "村级" };
	bits_text(b, bits, f, l, 4);
}

void part_service_link(struct buf *b, const struct item *it,
		       const char *service_hall)
{
	const char *url = it->service_url && *it->service_url ?
		it->service_url : service_hall;

	if (!it->item_type || strcmp(it->item_type, "政务服务事项") ||
	    !url || !*url)
		return;
	/* only web links: a stored URL is never trusted as a scheme */
	if (strncmp(url, "https://", 8) && strncmp(url, "http://", 7))
		return;
	buf_adds(b, "<a class=\"button\" rel=\"external\" href=\"");
	html_esc(b, url);
	buf_adds(b, "\">我要办<span class=\"sr\">：");
	html_esc(b, it->service_name && *it->service_name ?
		 it->service_name : it->name);
	buf_adds(b, "</span></a>");
}

static void dt_dd(struct buf *b, const char *dt, const char *dd)
{
	buf_adds(b, "<dt>");
	buf_adds(b, dt);
	buf_adds(b, "</dt><dd>");
	if (dd && *dd)
		html_esc(b, dd);
	else
		buf_adds(b, "—");
	buf_adds(b, "</dd>\n");
}

void part_item_columns(struct buf *b, const struct item *it,
		       const char *service_hall)
{
	struct buf t = BUF_INIT;

	buf_adds(b, "<dl class=\"columns\">\n");
	elements_format(&t, it->elements, it->nelements);
	dt_dd(b, "公开内容（要素）", t.buf);
	dt_dd(b, "公开依据", it->basis);
	dt_dd(b, "公开时限", it->time_limit);
	dt_dd(b, "公开主体", it->subject);
	buf_reset(&t);
	channels_format(&t, it->channels, it->nchannels);
	dt_dd(b, "公开渠道和载体", t.buf);
	buf_adds(b, "<dt>公开对象</dt><dd>");
	part_audience(b, it->audience);
	buf_adds(b, "</dd>\n<dt>公开方式</dt><dd>");
	part_mode(b, it->mode);
	buf_adds(b, "</dd>\n<dt>公开层级</dt><dd>");
	part_levels(b, it->levels);
	buf_adds(b, "</dd>\n");
	if (it->item_type && *it->item_type)
		dt_dd(b, "事项类别", it->item_type);
	if (it->service_name && *it->service_name)
		dt_dd(b, "对应政务服务事项", it->service_name);
	if (it->note && *it->note)
		dt_dd(b, "备注", it->note);
	if (it->local_reason)
		dt_dd(b, "本级增加事项的理由", it->local_reason);
	buf_adds(b, "</dl>\n");
	buf_reset(&t);
	part_service_link(&t, it, service_hall);
	if (t.len) {
		buf_adds(b, "<p>");
		buf_add(b, t.buf, t.len);
		buf_adds(b, "</p>\n");
	}
	buf_release(&t);
}
