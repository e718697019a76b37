/* admin-check.c: the self-check (自查) page of the back office; see
 * admin-check.h.  Reads runs through domain/check.h (check_latest) and
 * runs one through check_run + check_save, which writes the run and its
 * audit entry in one transaction.  Works without JavaScript.
 */
#include <stdio.h>
#include <string.h>

#include "admin-check.h"
#include "admin.h"
#include "html.h"
#include "../domain/authz.h"
#include "../domain/check.h"
#include "../store/store.h"
#include "../util/errors.h"
#include "../util/timeutil.h"

/* Beijing "YYYY-MM-DD HH:MM" of a stored UTC time. */
static const char *bj_time(struct http_request *rq, const char *utc)
{
	char t[TIME_TEXT_LEN];

	if (!utc || time_text_add(utc, 8 * 3600, t))
		return utc ? utc : "";
	return arena_printf(rq->arena, "%.10s %.5s", t, t + 11);
}

/* The scope the user may see: their unit, or the office's region (or one
 * unit in it, from ?unit / the form's unit).  0 and an error page when
 * not allowed. */
static int scope_of(struct http_request *rq, struct http_response *rs,
		    const struct query *q, const char **region,
		    int64_t *unit_id)
{
	struct errors err = ERRORS_INIT;
	struct unit u;
	struct unit_settings set;
	int64_t want = 0;
	int ok = 0;

	*region = NULL;
	*unit_id = 0;
	if (query_int(q, "unit", 1, INT64_MAX, 0, &want)) {
		errors_addf(&err, "「单位」应为单位编号");
		admin_fail(rq, rs, 400, "参数有误", &err);
		goto out;
	}
	if (!(rq->user->roles & (ROLE_OFFICE | ROLE_EDITOR | ROLE_REVIEWER |
				 ROLE_SIGNER)) || !rq->user->region_code) {
		errors_addf(&err, "没有权限：%s", authz_action_label(AZ_CHECK_RUN));
		admin_fail(rq, rs, 403, "没有权限", &err);
		goto out;
	}
	if (!want && !(rq->user->roles & ROLE_OFFICE))
		want = rq->user->unit_id;
	if (want) {
		if (store_unit_get(rq->wstore, want, rq->arena, &u, &set) !=
		    STORE_OK) {
			errors_addf(&err, "单位 %lld 不存在", (long long)want);
			admin_fail(rq, rs, 404, "没有这个单位", &err);
			goto out;
		}
		if (authz_require(rq->wstore, rq->actor, AZ_CHECK_RUN, u.id,
				  u.region_code, &err)) {
			admin_fail(rq, rs, 403, "没有权限", &err);
			goto out;
		}
		*unit_id = u.id;
	} else {
		if (authz_require(rq->wstore, rq->actor, AZ_CHECK_RUN, 0,
				  rq->user->region_code, &err)) {
			admin_fail(rq, rs, 403, "没有权限", &err);
			goto out;
		}
		*region = rq->user->region_code;
	}
	ok = 1;
out:
	errors_release(&err);
	return ok;
}

/* The table of counts per unit, for the office. */
static void summary_table(struct http_request *rq, struct buf *b,
			  const struct check_report *r)
{
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"各单位自查结果\"><table class=\"grid\"><caption>"
		 "各单位最近一次自查发现的问题</caption><thead><tr>"
		 "<th scope=\"col\">单位</th><th scope=\"col\">自查时间</th>"
		 "<th scope=\"col\">二级事项有信息</th>");
	for (int k = 0; k < CHECK__MAX; k++)
		buf_addf(b, "<th scope=\"col\">%s</th>", check_kind_label(k));
	buf_adds(b, "<th scope=\"col\">合计</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < r->nunits; i++) {
		const struct check_unit_result *u = &r->units[i];

		buf_addf(b, "<tr><th scope=\"row\"><a href=\"#unit-%lld\">",
			 (long long)u->unit.id);
		html_esc(b, u->unit.name);
		buf_adds(b, "</a></th><td class=\"nw\">");
		html_esc(b, bj_time(rq, u->at));
		buf_adds(b, "</td><td class=\"nw\">");
		if (u->total)
			buf_addf(b, "%d / %d", u->covered, u->total);
		else
			buf_adds(b, "—");
		buf_adds(b, "</td>");
		for (int k = 0; k < CHECK__MAX; k++)
			buf_addf(b, "<td>%lld</td>", (long long)u->counts[k]);
		buf_addf(b, "<td>%lld</td></tr>\n", (long long)u->nfindings);
	}
	buf_adds(b, "</tbody></table></div>\n");
}

static void finding_item(struct http_request *rq, struct buf *b,
			 const struct check_finding *f)
{
	(void)rq;
	buf_adds(b, "<li><strong>");
	html_esc(b, f->subject);
	buf_adds(b, "</strong>");
	if (f->record_id)
		buf_addf(b, "（信息编号 %lld）", (long long)f->record_id);
	buf_adds(b, "：");
	html_esc(b, f->text);
	if (f->fix && *f->fix) {
		buf_adds(b, " <a href=\"");
		html_esc(b, f->fix);
		buf_adds(b, "\">去处理</a>");
	}
	buf_adds(b, "</li>\n");
}

static void unit_section(struct http_request *rq, struct buf *b,
			 const struct check_report *r, size_t ui, size_t *f)
{
	const struct check_unit_result *u = &r->units[ui];

	buf_addf(b, "<section id=\"unit-%lld\" aria-labelledby=\"unit-%lld-h\">"
		 "<h2 id=\"unit-%lld-h\">", (long long)u->unit.id,
		 (long long)u->unit.id, (long long)u->unit.id);
	html_esc(b, u->unit.name);
	buf_addf(b, "（%lld 项）</h2>\n<p class=\"meta\">", (long long)u->nfindings);
	html_esc(b, u->region_name);
	buf_adds(b, " · 自查于 ");
	html_esc(b, bj_time(rq, u->at));
	buf_adds(b, "（按 ");
	html_esc(b, u->run_today);
	buf_adds(b, " 检查，");
	buf_adds(b, u->links ? "检查了链接" : "未检查链接");
	buf_adds(b, "）");
	if (u->total)
		buf_addf(b, " · 负责二级事项 %d 个，有现行信息 %d 个", u->total,
			 u->covered);
	buf_adds(b, "</p>\n");
	if (!u->nfindings)
		buf_adds(b, "<p class=\"empty\">未发现问题。</p>\n");
	for (int k = 0; k < CHECK__MAX; k++) {
		if (!u->counts[k])
			continue;
		buf_addf(b, "<h3>%s（%lld 项）</h3>\n<ul class=\"findings\">\n",
			 check_kind_label(k), (long long)u->counts[k]);
		for (; *f < r->nfindings && r->findings[*f].unit_id == u->unit.id &&
		     check_kind_parse(r->findings[*f].kind) == k; (*f)++)
			finding_item(rq, b, &r->findings[*f]);
		buf_adds(b, "</ul>\n");
	}
	buf_adds(b, "</section>\n");
}

void admin_check(struct http_request *rq, struct http_response *rs)
{
	struct buf *b = &rs->body;
	struct check_report r;
	const char *region;
	int64_t unit_id, run_id = 0;
	size_t f = 0;

	if (!scope_of(rq, rs, &rq->query, &region, &unit_id))
		return;
	if (check_latest(rq->wstore, region, unit_id, rq->arena, &r)) {
		struct errors err = ERRORS_INIT;

		errors_addf(&err, "读取自查结果失败");
		admin_fail(rq, rs, 500, "自查", &err);
		errors_release(&err);
		return;
	}
	admin_begin(rq, b, "自查");
	if (!query_int(&rq->query, "run", 1, INT64_MAX, 0, &run_id) && run_id) {
		struct check_run_row run;

		if (store_check_run_get(rq->wstore, run_id, rq->arena, &run) ==
		    STORE_OK)
			buf_addf(b, "<p class=\"notice ok\" role=\"status\">已完成自查"
				 "（第 %lld 次）：发现 %lld 项。</p>\n",
				 (long long)run.id, (long long)run.findings);
	}
	buf_adds(b, "<p class=\"lead\">按本地区最新发布的目录和国办秘函〔2019〕19号"
		 "检查：空白事项、未按时更新、超过公开时限、要素不全、链接失效、目录"
		 "未跟进上级和单项否决预警，每项写明数字和处理的地方。</p>\n"
		 "<p class=\"hint\">链接检查要逐个访问网址，耗时较长，请在命令行运行 "
		 "<code>gongkai check</code>；这里的「立即自查」不检查链接，链接失效一项"
		 "沿用最近一次检查链接的结果（注明是哪一次）。本平台没有网上咨询、留言"
		 "栏目，「互动回应差」不适用。</p>\n"
		 "<form method=\"post\" action=\"/admin/check\" class=\"form inline\">");
	admin_csrf(rq, b);
	if (unit_id && (rq->user->roles & ROLE_OFFICE))
		buf_addf(b, "<input type=\"hidden\" name=\"unit\" value=\"%lld\">",
			 (long long)unit_id);
	buf_adds(b, "<button type=\"submit\">立即自查（不检查链接）</button>"
		 "</form>\n");
	if (!r.nunits) {
		buf_adds(b, "<p class=\"empty\">还没有自查结果。</p>\n");
		admin_end(rq, b);
		return;
	}
	if (r.nunits > 1)
		summary_table(rq, b, &r);
	for (size_t i = 0; i < r.nunits; i++)
		unit_section(rq, b, &r, i, &f);
	admin_end(rq, b);
}

void admin_check_run(struct http_request *rq, struct http_response *rs)
{
	struct check_options o = { 0 };
	struct check_report r;
	struct errors err = ERRORS_INIT;
	const char *region, *path;
	int64_t unit_id;

	if (!scope_of(rq, rs, &rq->form, &region, &unit_id))
		return;
	o.region = region;
	o.unit_id = unit_id;
	o.links = false;
	if (check_run(rq->wstore, &o, rq->arena, &r, &err) ||
	    !check_save(rq->wstore, &r, rq->actor, "web", rq->arena, &err)) {
		admin_fail(rq, rs, 500, "自查未能完成", &err);
		errors_release(&err);
		return;
	}
	path = unit_id && (rq->user->roles & ROLE_OFFICE) ?
		arena_printf(rq->arena, "/admin/check?unit=%lld&run=%lld",
			     (long long)unit_id, (long long)r.run_id) :
		arena_printf(rq->arena, "/admin/check?run=%lld",
			     (long long)r.run_id);
	admin_redirect(rq, rs, path, NULL);
	errors_release(&err);
}
