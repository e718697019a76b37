/* admin-ledger.c: the ledgers of offline disclosure in the back office
 * (see admin-tasks.h)
 *
 * /admin/ledger is a unit's 公示栏台账: what was posted, where, from and to
 * which date, by whom, with photos; how well it was kept in a period
 * (ledger_kept(), the figure assessment scores); a form to add an entry
 * (multipart, photos) and the CSV export.  /admin/zone is the 政务公开专区
 * checklist of the unit's level (seed 003's table as data) with the form
 * to record an inspection (each line met or not, notes, photos) and past
 * inspections.  /admin/print is 打印并登记: a published record, where and
 * when it will be posted, and a POST that adds the ledger entry and sends
 * the browser to the record's A4 notice (ui-notice.c) to print.  A
 * 政务公开办 chooses among the units of its region; a unit's staff see
 * their own.  Every POST carries the CSRF token (checked by the server);
 * the rules are domain/ledger.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "admin-tasks.h"
#include "html.h"
#include "../domain/authz.h"
#include "../domain/ledger.h"
#include "../util/errors.h"

static const struct { const char *code, *text; } done_notes[] = {
	{ "added", "台账已登记。" },
	{ "inspected", "专区检查已登记。" },
};

static void done_notice(struct http_request *rq, struct buf *b)
{
	const char *code = query_get(&rq->query, "done");

	for (size_t i = 0; code && i < sizeof(done_notes) / sizeof(done_notes[0]);
	     i++)
		if (!strcmp(code, done_notes[i].code)) {
			buf_addf(b, "<p class=\"notice ok\" role=\"status\">%s</p>\n",
				 done_notes[i].text);
			return;
		}
}

static void refuse(struct http_request *rq, struct http_response *rs,
		   int status, const char *title, const char *msg)
{
	struct errors err = ERRORS_INIT;

	errors_addf(&err, "%s", msg);
	admin_fail(rq, rs, status, title, &err);
	errors_release(&err);
}

static int status_of(const struct errors *err, int other)
{
	return err->n && !strncmp(err->msg[0], "没有权限", strlen("没有权限"))
		? 403 : other;
}

static const char *value(const struct query *v, const char *name)
{
	const char *s = v ? query_get(v, name) : NULL;

	return s ? s : "";
}

static size_t uploads(struct http_request *rq, const char *name,
		      struct sv_upload **out)
{
	size_t n = 0;

	*out = arena_alloc(rq->arena, (rq->nparts + 1) * sizeof(**out));
	for (size_t i = 0; i < rq->nparts; i++) {
		const struct form_part *p = &rq->parts[i];

		if (!p->filename || strcmp(p->name, name) ||
		    (!*p->filename && !p->len))
			continue;
		(*out)[n].name = p->filename;
		(*out)[n].data = p->data;
		(*out)[n].len = p->len;
		n++;
	}
	return n;
}

static bool is_staff(const struct http_request *rq)
{
	return !(rq->user->roles & ROLE_OFFICE) &&
		(rq->user->roles & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) &&
		rq->user->unit_id;
}

static bool may_keep(const struct http_request *rq)
{
	return is_staff(rq) ||
		((rq->user->roles & ROLE_OFFICE) && rq->user->region_code);
}

/* The units a user chooses from: the office's region and below; a unit's
 * staff, their own. */
static struct unit *choosable(struct http_request *rq, size_t *n)
{
	struct unit *v = NULL;

	*n = 0;
	if (rq->user->roles & ROLE_OFFICE) {
		store_units_below(rq->wstore, rq->user->region_code, rq->arena,
				  &v, n);
	} else if (is_staff(rq)) {
		v = arena_alloc(rq->arena, sizeof(*v));
		if (store_unit_get(rq->wstore, rq->user->unit_id, rq->arena, v,
				   NULL) == STORE_OK)
			*n = 1;
	}
	return v;
}

/* The unit chosen by ?unit= (or the form's), 0 for all; -1 when the value
 * is not a number. */
static int64_t chosen_unit(const struct query *q)
{
	int64_t u = 0;

	if (query_int(q, "unit", 1, INT64_MAX, 0, &u))
		return -1;
	return u;
}

static void unit_select(struct buf *b, const char *id, const struct unit *v,
			size_t n, int64_t cur, bool allow_all)
{
	buf_addf(b, "<div class=\"field\"><label for=\"%s\">单位</label>"
		 "<select id=\"%s\" name=\"unit\">", id, id);
	if (allow_all)
		buf_adds(b, "<option value=\"\">本地区全部单位</option>");
	for (size_t i = 0; i < n; i++) {
		buf_addf(b, "<option value=\"%lld\"%s>", (long long)v[i].id,
			 v[i].id == cur ? " selected" : "");
		html_esc(b, v[i].name);
		buf_adds(b, "</option>");
	}
	buf_adds(b, "</select></div>\n");
}

static void input(struct buf *b, const char *name, const char *label,
		  const char *type, const char *val, const char *hint,
		  bool required)
{
	buf_addf(b, "<div class=\"field\"><label for=\"f-%s\">%s%s</label>", name,
		 label, required ? "<span class=\"req\" aria-hidden=\"true\">*"
		 "</span><span class=\"sr\">（必填）</span>" : "");
	if (hint)
		buf_addf(b, "<p class=\"hint\" id=\"f-%s-hint\">%s</p>", name, hint);
	buf_addf(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"", name, name, type);
	if (hint)
		buf_addf(b, " aria-describedby=\"f-%s-hint\"", name);
	buf_adds(b, " value=\"");
	html_esc(b, val);
	buf_adds(b, "\"></div>\n");
}

static void photo_links(struct http_request *rq, struct buf *b,
			enum sv_owner owner, int64_t id)
{
	struct sv_file *f;
	size_t n;

	if (store_sv_files(rq->wstore, owner, id, rq->arena, &f, &n) !=
	    STORE_OK || !n) {
		buf_adds(b, "—");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		buf_addf(b, "%s<a href=\"/admin/ledger/files/%lld\">", i ? "、" : "",
			 (long long)f[i].id);
		html_esc(b, f[i].name);
		buf_adds(b, "</a>");
	}
}

/* Jan 1 of this year and today. */
static void this_year(struct arena *a, const char **from, const char **to)
{
	char today[CALENDAR_DATE_LEN];

	supervision_today(today);
	*to = arena_strdup(a, today);
	*from = arena_printf(a, "%.4s-01-01", today);
}

/* --- the bulletin-board ledger --- */

static void ledger_page(struct http_request *rq, struct http_response *rs,
			const struct query *v, const struct errors *perr,
			int status)
{
	struct buf *b = &rs->body;
	struct errors err = ERRORS_INIT;
	struct unit *units;
	struct board_entry *e;
	size_t nunits, n;
	int64_t unit = chosen_unit(&rq->query);
	const char *from = query_get(&rq->query, "from");
	const char *to = query_get(&rq->query, "to");
	const char *kfrom, *kto;
	char today[CALENDAR_DATE_LEN];
	struct buf q = BUF_INIT;

	if (!may_keep(rq)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：只有单位的信息员、审核人"
		       "、签发人和政务公开办可以查看公示栏台账");
		return;
	}
	if (unit < 0) {
		refuse(rq, rs, 400, "单位无效", "「单位」：请从列表中选择单位");
		return;
	}
	from = supervision_date(rq->arena, from, "开始日期", false, &err);
	to = supervision_date(rq->arena, to, "结束日期", false, &err);
	if (err.n) {
		admin_fail(rq, rs, 400, "日期无效", &err);
		errors_release(&err);
		return;
	}
	units = choosable(rq, &nunits);
	if (is_staff(rq) && !unit)
		unit = rq->user->unit_id;
	if (ledger_list(rq->wstore, rq->actor, unit, NULL, from, to, rq->arena,
			&e, &n, &err)) {
		admin_fail(rq, rs, status_of(&err, 400), "公示栏台账", &err);
		errors_release(&err);
		return;
	}
	buf_reset(b);
	rs->status = status;
	admin_begin(rq, b, "公示栏台账");
	done_notice(rq, b);
	admin_errors(b, perr);
	buf_adds(b, "<p class=\"lead\">线下公示栏的信息发布台账：张贴了什么、在哪里、"
		 "从哪天到哪天、由谁张贴，附照片。<a href=\"/admin/zone");
	if (unit)
		buf_addf(b, "?unit=%lld", (long long)unit);
	buf_adds(b, "\">政务公开专区检查</a> · <a href=\"#print\">打印公告并登记"
		 "</a></p>\n");
	/* the filter */
	buf_adds(b, "<form class=\"form inline\" method=\"get\" action=\""
		 "/admin/ledger\">");
	unit_select(b, "q-unit", units, nunits, unit, !is_staff(rq));
	input(b, "from", "开始日期", "date", *from ? from : "", NULL, false);
	input(b, "to", "结束日期", "date", *to ? to : "", NULL, false);
	buf_adds(b, "<p><button type=\"submit\">查看</button></p></form>\n");
	if (unit)
		buf_addf(&q, "unit=%lld&", (long long)unit);
	if (*from)
		buf_addf(&q, "from=%s&", from);
	if (*to)
		buf_addf(&q, "to=%s&", to);
	if (q.len)
		q.buf[--q.len] = '\0';
	buf_addf(b, "<p><a href=\"/admin/ledger/export.csv%s%s\">导出 CSV</a>"
		 "</p>\n", q.len ? "?" : "", q.buf ? q.buf : "");
	buf_release(&q);
	if (unit) {
		struct ledger_kept k;

		kfrom = from;
		kto = to;
		if (!*kfrom || !*kto)
			this_year(rq->arena, &kfrom, &kto);
		if (ledger_kept(rq->wstore, unit, kfrom, kto, rq->arena, &k,
				&err) == 0) {
			buf_addf(b, "<p class=\"notice%s\" id=\"kept\"><strong>台账"
				 "情况：</strong>", k.kept ? "" : " error");
			html_esc(b, k.figure);
			buf_adds(b, "</p>\n");
		}
	}
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"台账表格\"><table class=\"grid ledger\"><caption>"
		 "公示栏台账（按张贴日期从新到旧）</caption><thead><tr>"
		 "<th scope=\"col\">公示内容</th><th scope=\"col\">单位</th>"
		 "<th scope=\"col\">张贴位置</th><th scope=\"col\">张贴期间</th>"
		 "<th scope=\"col\">张贴人</th><th scope=\"col\">照片</th>"
		 "<th scope=\"col\">关联信息</th><th scope=\"col\">登记人</th>"
		 "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		buf_addf(b, "<tr id=\"entry-%lld\"><th scope=\"row\">",
			 (long long)e[i].id);
		html_esc(b, e[i].title);
		if (*e[i].note) {
			buf_adds(b, "<br><span class=\"meta\">");
			html_esc(b, e[i].note);
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</th><td>");
		html_esc(b, e[i].unit_name);
		buf_adds(b, "</td><td>");
		html_esc(b, e[i].place);
		buf_adds(b, "</td><td class=\"nw\">");
		html_esc(b, e[i].posted_from);
		buf_adds(b, " 至 ");
		html_esc(b, e[i].posted_to);
		buf_adds(b, "</td><td>");
		html_esc(b, e[i].posted_by);
		buf_adds(b, "</td><td>");
		photo_links(rq, b, SV_BOARD, e[i].id);
		buf_adds(b, "</td><td>");
		if (e[i].record_id) {
			buf_addf(b, "<a href=\"/record/%lld/print\">",
				 (long long)e[i].record_id);
			html_esc(b, e[i].record_index_no);
			buf_addf(b, "</a>%s", e[i].printed ? "（打印登记）" : "");
		} else {
			buf_adds(b, "—");
		}
		buf_adds(b, "</td><td>");
		html_esc(b, e[i].actor);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	if (!n)
		buf_adds(b, "<p class=\"empty\">没有台账记录。</p>\n");

	/* adding an entry */
	supervision_today(today);
	buf_adds(b, "<section aria-labelledby=\"h-add\"><h2 id=\"h-add\">登记张贴"
		 "</h2>\n<form class=\"form\" method=\"post\" action=\""
		 "/admin/ledger\" enctype=\"multipart/form-data\">\n");
	admin_csrf(rq, b);
	unit_select(b, "f-unit", units, nunits, v ? chosen_unit(v) : unit,
		    false);
	input(b, "title", "公示内容", "text", value(v, "title"), "张贴的公告、"
	      "通知或公示的标题", true);
	input(b, "place", "张贴位置", "text", value(v, "place"), "如 望月湖街道"
	      "便民服务中心公示栏", true);
	input(b, "posted_from", "张贴开始日期", "date", v ?
	      value(v, "posted_from") : today, NULL, true);
	input(b, "posted_to", "张贴结束日期", "date", value(v, "posted_to"),
	      NULL, true);
	input(b, "posted_by", "张贴人", "text", v ? value(v, "posted_by") :
	      rq->user->display_name, NULL, true);
	input(b, "note", "备注", "text", value(v, "note"), NULL, false);
	buf_addf(b, "<div class=\"field\"><label for=\"f-photo\">照片</label>"
		 "<p class=\"hint\" id=\"f-photo-hint\">张贴现场照片（JPEG、PNG），"
		 "每张不超过 %u MB，最多 %d 张</p><input id=\"f-photo\" name="
		 "\"photo\" type=\"file\" accept=\"image/*\" multiple "
		 "aria-describedby=\"f-photo-hint\"></div>\n<p class=\"submit\">"
		 "<button type=\"submit\">登记</button></p>\n</form></section>\n",
		 SV_FILE_MAX_BYTES >> 20, SV_FILES_MAX);
	/* printing a record */
	buf_adds(b, "<section aria-labelledby=\"print\"><h2 id=\"print\">打印公告"
		 "并登记</h2>\n<p>把已公开的信息打印成 A4 公告张贴，并同时登记台账。"
		 "</p>\n<form class=\"form inline\" method=\"get\" action=\""
		 "/admin/print\">");
	input(b, "record", "信息编号或索引号", "text", "", NULL, true);
	buf_adds(b, "<p><button type=\"submit\">下一步</button></p></form>"
		 "</section>\n");
	admin_end(rq, b);
	errors_release(&err);
}

void admin_ledger(struct http_request *rq, struct http_response *rs)
{
	ledger_page(rq, rs, NULL, NULL, 200);
}

void admin_ledger_add(struct http_request *rq, struct http_response *rs)
{
	struct board_input in = { 0 };
	struct sv_upload *photos;
	size_t n = uploads(rq, "photo", &photos);
	struct errors err = ERRORS_INIT;
	int64_t unit = chosen_unit(&rq->form), id = 0;

	if (unit <= 0) {
		errors_addf(&err, "「单位」：请选择单位");
	} else {
		in.unit_id = unit;
		in.title = query_get(&rq->form, "title");
		in.place = query_get(&rq->form, "place");
		in.posted_from = query_get(&rq->form, "posted_from");
		in.posted_to = query_get(&rq->form, "posted_to");
		in.posted_by = query_get(&rq->form, "posted_by");
		in.note = query_get(&rq->form, "note");
		id = ledger_add(rq->wstore, rq->actor, &in, photos, n, &err);
	}
	if (!id) {
		if (!may_keep(rq)) {
			admin_fail(rq, rs, 403, "没有权限", &err);
		} else {
			ledger_page(rq, rs, &rq->form, &err, status_of(&err, 400));
		}
		errors_release(&err);
		return;
	}
	admin_redirect(rq, rs, arena_printf(rq->arena,
		       "/admin/ledger?unit=%lld&done=added#entry-%lld",
		       (long long)unit, (long long)id), NULL);
	errors_release(&err);
}

void admin_ledger_csv(struct http_request *rq, struct http_response *rs)
{
	struct errors err = ERRORS_INIT;
	int64_t unit = chosen_unit(&rq->query);
	const char *from, *to;

	from = supervision_date(rq->arena, query_get(&rq->query, "from"),
				"开始日期", false, &err);
	to = supervision_date(rq->arena, query_get(&rq->query, "to"),
			      "结束日期", false, &err);
	if (unit < 0)
		errors_addf(&err, "「单位」：请从列表中选择单位");
	if (!err.n && !may_keep(rq))
		errors_addf(&err, "没有权限：%s",
			    authz_action_label(AZ_LEDGER_KEEP));
	if (!err.n && is_staff(rq) && !unit)
		unit = rq->user->unit_id;
	if (err.n || ledger_csv(rq->wstore, rq->actor, unit, NULL, from, to,
				&rs->body, &err)) {
		buf_reset(&rs->body);
		admin_fail(rq, rs, status_of(&err, 400), "导出失败", &err);
		errors_release(&err);
		return;
	}
	rs->content_type = "text/csv; charset=utf-8";
	rs->disposition = "attachment; filename=\"ledger.csv\"; "
		"filename*=UTF-8''%E5%85%AC%E7%A4%BA%E6%A0%8F%E5%8F%B0%E8%B4%A6.csv";
	errors_release(&err);
}

void admin_ledger_file(struct http_request *rq, struct http_response *rs)
{
	struct sv_file f;
	struct board_entry e;
	struct zone_inspection z;
	struct unit u;
	struct buf cd = BUF_INIT;
	bool ok = false;
	void *data;
	size_t len;

	if (store_sv_file_get(rq->wstore, strtoll(rq->params[0], NULL, 10),
			      rq->arena, &f) == STORE_OK) {
		if (f.owner == SV_BOARD &&
		    store_board_get(rq->wstore, f.owner_id, rq->arena, &e) ==
		    STORE_OK)
			ok = authz_allows(rq->wstore, rq->actor, AZ_LEDGER_KEEP,
					  e.unit_id, e.region_code);
		else if (f.owner == SV_INSPECTION &&
			 store_zone_inspection_get(rq->wstore, f.owner_id,
						   rq->arena, &z) == STORE_OK &&
			 store_unit_get(rq->wstore, z.unit_id, rq->arena, &u,
					NULL) == STORE_OK)
			ok = authz_allows(rq->wstore, rq->actor, AZ_ZONE_INSPECT,
					  u.id, u.region_code);
	}
	if (!ok || store_blob_get(rq->wstore, f.sha256, &data, &len) !=
	    STORE_OK) {
		refuse(rq, rs, 404, "没有这个文件", "没有这个文件，或没有权限查看");
		return;
	}
	buf_reset(&rs->body);
	buf_add(&rs->body, data, len);
	free(data);
	rs->content_type = arena_strdup(rq->arena, f.mime);
	buf_adds(&cd, "attachment; filename=\"attachment\"; filename*=UTF-8''");
	url_esc(&cd, f.name);
	rs->disposition = arena_strdup(rq->arena, cd.buf);
	buf_release(&cd);
}

/* --- the 政务公开专区 --- */

static void zone_page(struct http_request *rq, struct http_response *rs,
		      const struct query *v, const struct errors *perr,
		      int status)
{
	struct buf *b = &rs->body;
	struct errors err = ERRORS_INIT;
	struct unit *units, *zunits;
	struct zone_inspection *ins;
	struct zone_line *lines = NULL;
	size_t nunits, nz = 0, nins, nlines = 0;
	int64_t unit = v ? chosen_unit(v) : chosen_unit(&rq->query);
	const char *level = NULL;
	char today[CALENDAR_DATE_LEN];

	if (!may_keep(rq)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：只有单位的信息员、审核人"
		       "、签发人和政务公开办可以查看政务公开专区检查");
		return;
	}
	if (unit < 0) {
		refuse(rq, rs, 400, "单位无效", "「单位」：请从列表中选择单位");
		return;
	}
	units = choosable(rq, &nunits);
	zunits = arena_alloc(rq->arena, (nunits + 1) * sizeof(*zunits));
	for (size_t i = 0; i < nunits; i++)
		if (zone_level_of_unit(rq->wstore, units[i].id, rq->arena))
			zunits[nz++] = units[i];
	if (is_staff(rq) && !unit)
		unit = rq->user->unit_id;
	if (unit) {
		struct unit u;

		if (store_unit_get(rq->wstore, unit, rq->arena, &u, NULL) !=
		    STORE_OK || !authz_allows(rq->wstore, rq->actor,
					       AZ_ZONE_INSPECT, u.id,
					       u.region_code)) {
			refuse(rq, rs, 403, "没有权限", "没有权限：登记此单位政务"
			       "公开专区的检查");
			return;
		}
		level = zone_level_of_unit(rq->wstore, unit, rq->arena);
		if (level)
			store_zone_lines(rq->wstore, level, rq->arena, &lines,
					 &nlines);
	}
	store_zone_inspections(rq->wstore, unit, unit ? NULL :
			       rq->user->region_code, rq->arena, &ins, &nins);
	buf_reset(b);
	rs->status = status;
	admin_begin(rq, b, "政务公开专区检查");
	done_notice(rq, b);
	admin_errors(b, perr);
	buf_adds(b, "<p class=\"lead\">按长沙市《基层政务公开专区建设标准与管理"
		 "要求》的公开载体配置清单逐项检查专区，记录达标情况并附照片。"
		 "<a href=\"/admin/ledger\">返回公示栏台账</a></p>\n"
		 "<form class=\"form inline\" method=\"get\" action=\"/admin/zone\">");
	unit_select(b, "q-unit", zunits, nz, unit, !is_staff(rq));
	buf_adds(b, "<p><button type=\"submit\">查看</button></p></form>\n");
	if (unit && !level)
		buf_adds(b, "<p class=\"notice\">该单位不是区县或乡镇（街道）单位，"
			 "没有政务公开专区检查清单。</p>\n");
	if (nlines) {
		supervision_today(today);
		buf_addf(b, "<section aria-labelledby=\"h-list\"><h2 id=\"h-list\">"
			 "%s公开载体配置与应用要求及本次检查</h2>\n<form class=\""
			 "form\" method=\"post\" action=\"/admin/zone\" enctype=\""
			 "multipart/form-data\">\n", zone_level_label(level));
		admin_csrf(rq, b);
		buf_addf(b, "<input type=\"hidden\" name=\"unit\" value=\"%lld\">",
			 (long long)unit);
		buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex="
			 "\"0\" aria-label=\"检查清单\"><table class=\"grid zone\">"
			 "<thead><tr><th scope=\"col\">公开渠道和载体</th><th scope="
			 "\"col\">公开内容</th><th scope=\"col\">公开信息形式</th>"
			 "<th scope=\"col\">内容要求</th><th scope=\"col\">数量要求"
			 "</th><th scope=\"col\">检查结果</th><th scope=\"col\">说明"
			 "</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < nlines; i++) {
			const struct zone_line *l = &lines[i];
			char key[40];
			const char *cur;

			snprintf(key, sizeof(key), "met_%lld", (long long)l->id);
			cur = value(v, key);
			buf_adds(b, "<tr><th scope=\"row\">");
			html_esc(b, l->carrier);
			buf_adds(b, "</th>");
			if (i == 0 || strcmp(l->content, lines[i - 1].content)) {
				size_t span = 1;

				while (i + span < nlines &&
				       !strcmp(lines[i + span].content, l->content))
					span++;
				buf_addf(b, "<td rowspan=\"%zu\">", span);
				html_esc(b, l->content);
				buf_adds(b, "</td>");
			}
			buf_adds(b, "<td>");
			html_esc(b, l->form);
			buf_adds(b, "</td><td>");
			html_esc(b, l->requirement);
			buf_adds(b, "</td><td>");
			html_esc(b, l->quantity);
			buf_addf(b, "</td><td class=\"nw\"><fieldset class=\"bare\">"
				 "<legend class=\"sr\">");
			html_esc(b, l->carrier);
			buf_addf(b, "</legend><label><input type=\"radio\" name=\"%s\""
				 " value=\"1\"%s> 达标</label> <label><input type="
				 "\"radio\" name=\"%s\" value=\"0\"%s> 不达标</label>"
				 "</fieldset></td><td><input type=\"text\" name=\""
				 "note_%lld\" aria-label=\"", key,
				 !strcmp(cur, "1") ? " checked" : "", key,
				 !strcmp(cur, "0") ? " checked" : "",
				 (long long)l->id);
			html_esc(b, l->carrier);
			buf_adds(b, " 的说明\" value=\"");
			snprintf(key, sizeof(key), "note_%lld", (long long)l->id);
			html_esc(b, value(v, key));
			buf_adds(b, "\"></td></tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n<p class=\"meta\">来源：");
		html_esc(b, lines[0].source);
		buf_adds(b, "（种子文件 003）。</p>\n");
		input(b, "day", "检查日期", "date", v ? value(v, "day") : today,
		      NULL, true);
		input(b, "inspector", "检查人", "text", v ? value(v, "inspector") :
		      rq->user->display_name, NULL, true);
		input(b, "note", "检查意见", "text", value(v, "note"), NULL, false);
		buf_addf(b, "<div class=\"field\"><label for=\"f-zphoto\">照片"
			 "</label><p class=\"hint\" id=\"f-zphoto-hint\">JPEG、PNG，"
			 "每张不超过 %u MB，最多 %d 张</p><input id=\"f-zphoto\" "
			 "name=\"photo\" type=\"file\" accept=\"image/*\" multiple "
			 "aria-describedby=\"f-zphoto-hint\"></div>\n<p class=\""
			 "submit\"><button type=\"submit\">登记检查</button></p>\n"
			 "</form></section>\n", SV_FILE_MAX_BYTES >> 20,
			 SV_FILES_MAX);
	}
	buf_adds(b, "<section aria-labelledby=\"h-ins\"><h2 id=\"h-ins\">检查记录"
		 "</h2>\n");
	if (!nins)
		buf_adds(b, "<p class=\"empty\">没有检查记录。</p>\n");
	else
		buf_adds(b, "<ul>\n");
	for (size_t i = 0; i < nins; i++) {
		buf_addf(b, "<li><a href=\"/admin/zone/%lld\">", (long long)ins[i].id);
		html_esc(b, ins[i].day);
		buf_adds(b, " ");
		html_esc(b, ins[i].unit_name);
		buf_addf(b, "</a>：%d 项中 %d 项达标（检查人 ", ins[i].nlines,
			 ins[i].nmet);
		html_esc(b, ins[i].inspector);
		buf_adds(b, "）</li>\n");
	}
	if (nins)
		buf_adds(b, "</ul>\n");
	buf_adds(b, "</section>\n");
	admin_end(rq, b);
	errors_release(&err);
}

void admin_zone(struct http_request *rq, struct http_response *rs)
{
	zone_page(rq, rs, NULL, NULL, 200);
}

void admin_zone_add(struct http_request *rq, struct http_response *rs)
{
	struct errors err = ERRORS_INIT;
	struct sv_upload *photos;
	size_t np = uploads(rq, "photo", &photos), nm = 0;
	struct zone_mark *marks = arena_alloc(rq->arena, (rq->form.n + 1) *
					      sizeof(*marks));
	int64_t unit = chosen_unit(&rq->form), id = 0;

	for (size_t i = 0; i < rq->form.n; i++) {
		const struct query_field *f = &rq->form.fields[i];
		char *end, key[40];
		long long line;

		if (strncmp(f->name, "met_", 4))
			continue;
		line = strtoll(f->name + 4, &end, 10);
		if (*end || line <= 0 || (strcmp(f->value, "1") &&
					  strcmp(f->value, "0"))) {
			errors_addf(&err, "检查结果只能是达标或不达标");
			break;
		}
		snprintf(key, sizeof(key), "note_%lld", line);
		marks[nm].line_id = line;
		marks[nm].met = f->value[0] == '1';
		marks[nm].note = query_get(&rq->form, key);
		nm++;
	}
	if (unit <= 0)
		errors_addf(&err, "「单位」：请选择单位");
	if (!err.n)
		id = zone_inspect(rq->wstore, rq->actor, unit,
				  query_get(&rq->form, "day"),
				  query_get(&rq->form, "inspector"),
				  query_get(&rq->form, "note"), marks, nm, photos,
				  np, &err);
	if (!id) {
		if (status_of(&err, 400) == 403 || unit <= 0)
			admin_fail(rq, rs, status_of(&err, 400), "未能登记", &err);
		else
			zone_page(rq, rs, &rq->form, &err, 400);
		errors_release(&err);
		return;
	}
	admin_redirect(rq, rs, arena_printf(rq->arena,
		       "/admin/zone/%lld?done=inspected", (long long)id), NULL);
	errors_release(&err);
}

void admin_zone_view(struct http_request *rq, struct http_response *rs)
{
	struct zone_inspection z;
	struct zone_result *res;
	struct zone_line *lines;
	struct unit u;
	struct buf *b = &rs->body;
	size_t nres, nlines;

	if (store_zone_inspection_get(rq->wstore, strtoll(rq->params[0], NULL,
							  10), rq->arena, &z) !=
	    STORE_OK || store_unit_get(rq->wstore, z.unit_id, rq->arena, &u,
				       NULL) != STORE_OK) {
		refuse(rq, rs, 404, "没有这条检查记录", "没有这条检查记录");
		return;
	}
	if (!authz_allows(rq->wstore, rq->actor, AZ_ZONE_INSPECT, u.id,
			  u.region_code)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：查看此单位政务公开专区"
		       "的检查");
		return;
	}
	store_zone_results(rq->wstore, z.id, rq->arena, &res, &nres);
	store_zone_lines(rq->wstore, z.level, rq->arena, &lines, &nlines);
	admin_begin(rq, b, arena_printf(rq->arena, "专区检查：%s %s", u.name,
					z.day));
	done_notice(rq, b);
	buf_addf(b, "<p><a href=\"/admin/zone?unit=%lld\">返回专区检查</a></p>\n"
		 "<dl class=\"columns\"><dt>单位</dt><dd>", (long long)u.id);
	html_esc(b, u.name);
	buf_addf(b, "</dd><dt>清单</dt><dd>%s</dd><dt>检查日期</dt><dd>",
		 zone_level_label(z.level));
	html_esc(b, z.day);
	buf_adds(b, "</dd><dt>检查人</dt><dd>");
	html_esc(b, z.inspector);
	buf_addf(b, "</dd><dt>结果</dt><dd>%d 项中 %d 项达标</dd><dt>检查意见</dt>"
		 "<dd>", z.nlines, z.nmet);
	html_esc(b, *z.note ? z.note : "—");
	buf_adds(b, "</dd><dt>照片</dt><dd>");
	photo_links(rq, b, SV_INSPECTION, z.id);
	buf_adds(b, "</dd><dt>登记人</dt><dd>");
	html_esc(b, z.actor);
	buf_adds(b, "</dd></dl>\n<div class=\"table-scroll\" role=\"region\" "
		 "tabindex=\"0\" aria-label=\"检查结果表格\"><table class=\"grid\">"
		 "<thead><tr><th scope=\"col\">公开渠道和载体</th><th scope=\"col\">"
		 "公开信息形式</th><th scope=\"col\">内容要求</th><th scope=\"col\">"
		 "数量要求</th><th scope=\"col\">结果</th><th scope=\"col\">说明"
		 "</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < nres; i++) {
		const struct zone_line *l = NULL;

		for (size_t j = 0; j < nlines; j++)
			if (lines[j].id == res[i].line_id)
				l = &lines[j];
		if (!l)
			continue;
		buf_adds(b, "<tr><th scope=\"row\">");
		html_esc(b, l->carrier);
		buf_adds(b, "</th><td>");
		html_esc(b, l->form);
		buf_adds(b, "</td><td>");
		html_esc(b, l->requirement);
		buf_adds(b, "</td><td>");
		html_esc(b, l->quantity);
		buf_addf(b, "</td><td>%s</td><td>", res[i].met ?
			 "<span class=\"status task-done\">达标</span>" :
			 "<strong class=\"late\">不达标</strong>");
		html_esc(b, *res[i].note ? res[i].note : "—");
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	admin_end(rq, b);
}

/* --- 打印并登记 --- */

/* The record named by ?record= (its id or its 索引号), or 0. */
static int64_t record_of(struct http_request *rq, const char *ref)
{
	char *end;
	long long id;

	if (!ref || !*ref || strlen(ref) > 200)
		return 0;
	id = strtoll(ref, &end, 10);
	if (!*end && id > 0)
		return id;
	return store_record_id_by_index(rq->wstore, ref);
}

static void print_page(struct http_request *rq, struct http_response *rs,
		       int64_t id, const struct query *v,
		       const struct errors *perr, int status)
{
	struct buf *b = &rs->body;
	struct record r;
	char today[CALENDAR_DATE_LEN], week[CALENDAR_DATE_LEN];
	struct calendar cal = { NULL, 0 };

	if (!id || store_record_get(rq->wstore, id, rq->arena, &r) != STORE_OK) {
		refuse(rq, rs, 404, "没有这条信息", "没有这条信息：请填写信息编号"
		       "或完整的索引号");
		return;
	}
	if (!authz_allows(rq->wstore, rq->actor, AZ_LEDGER_KEEP, r.unit_id,
			  r.region_code)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：登记此单位的公示栏台账"
		       "（只能打印本单位的信息）");
		return;
	}
	if (r.status != RECORD_PUBLISHED || r.disclosure != DISCLOSE_ACTIVE ||
	    r.deleted_at) {
		refuse(rq, rs, 400, "不能打印", "这条信息尚未公开：只有已发布、"
		       "主动公开的信息可以打印张贴");
		return;
	}
	supervision_today(today);
	if (calendar_add_days(&cal, today, 7, week))
		week[0] = '\0';
	buf_reset(b);
	rs->status = status;
	admin_begin(rq, b, "打印公告并登记");
	admin_errors(b, perr);
	buf_adds(b, "<dl class=\"columns\"><dt>信息</dt><dd>");
	html_esc(b, r.title);
	buf_adds(b, "</dd><dt>索引号</dt><dd>");
	html_esc(b, r.index_no);
	buf_adds(b, "</dd><dt>发布机构</dt><dd>");
	html_esc(b, *r.publisher ? r.publisher : r.unit_name);
	buf_adds(b, "</dd><dt>发布日期</dt><dd>");
	html_esc(b, r.published_on);
	buf_addf(b, "</dd></dl>\n<p><a href=\"/record/%lld/print\">预览 A4 公告"
		 "</a></p>\n<form class=\"form\" method=\"post\" action=\""
		 "/admin/print\">\n", (long long)r.id);
	admin_csrf(rq, b);
	buf_addf(b, "<input type=\"hidden\" name=\"record\" value=\"%lld\">",
		 (long long)r.id);
	input(b, "place", "张贴位置", "text", value(v, "place"), "如 望月湖街道"
	      "便民服务中心公示栏", true);
	input(b, "posted_from", "张贴开始日期", "date", v ?
	      value(v, "posted_from") : today, NULL, true);
	input(b, "posted_to", "张贴结束日期", "date", v ? value(v, "posted_to") :
	      week, NULL, true);
	input(b, "posted_by", "张贴人", "text", v ? value(v, "posted_by") :
	      rq->user->display_name, NULL, true);
	input(b, "note", "备注", "text", value(v, "note"), NULL, false);
	buf_adds(b, "<p class=\"submit\"><button type=\"submit\">打印并登记"
		 "</button></p>\n<p class=\"meta\">登记后打开 A4 公告页，用浏览器的"
		 "打印功能打印；张贴后可在台账中补充照片说明。</p>\n</form>\n");
	admin_end(rq, b);
}

void admin_print_form(struct http_request *rq, struct http_response *rs)
{
	print_page(rq, rs, record_of(rq, query_get(&rq->query, "record")), NULL,
		   NULL, 200);
}

void admin_print(struct http_request *rq, struct http_response *rs)
{
	struct board_input in = { 0 };
	struct errors err = ERRORS_INIT;
	int64_t record = 0, id;
	struct board_entry e;

	if (query_int(&rq->form, "record", 1, INT64_MAX, 0, &record) ||
	    !record) {
		refuse(rq, rs, 400, "没有这条信息", "没有这条信息");
		return;
	}
	in.place = query_get(&rq->form, "place");
	in.posted_from = query_get(&rq->form, "posted_from");
	in.posted_to = query_get(&rq->form, "posted_to");
	in.posted_by = query_get(&rq->form, "posted_by");
	in.note = query_get(&rq->form, "note");
	id = ledger_print(rq->wstore, rq->actor, record, &in, &err);
	if (!id) {
		if (status_of(&err, 400) == 403)
			admin_fail(rq, rs, 403, "没有权限", &err);
		else
			print_page(rq, rs, record, &rq->form, &err, 400);
		errors_release(&err);
		return;
	}
	/* the notice shows the posting period asked for */
	if (store_board_get(rq->wstore, id, rq->arena, &e) == STORE_OK) {
		struct buf u = BUF_INIT;

		buf_addf(&u, "/record/%lld/print?from=", (long long)record);
		url_esc(&u, e.posted_from);
		buf_adds(&u, "&to=");
		url_esc(&u, e.posted_to);
		admin_redirect(rq, rs, arena_strdup(rq->arena, u.buf), NULL);
		buf_release(&u);
	} else {
		admin_redirect(rq, rs, arena_printf(rq->arena,
			       "/record/%lld/print", (long long)record), NULL);
	}
	errors_release(&err);
}
