/* admin-requests.c: 依申请公开 in the back office (see admin-requests.h)
 *
 * The list shows the applications a user may handle — the unit's for its
 * 信息员, 审核人 and 签发人, the region's and below for the 政务公开办 —
 * filtered by status or by the clock (overdue, due within 3 working days,
 * paused).  Staff register applications that came in person, by post,
 * by fax or by e-mail, with the dates 第三十一条 needs.  The case page
 * shows the applicant, the request, the receipt, the clock with its
 * explanation, every step taken, a note when the same information was
 * asked for before (第四十四条), the files, and one form for each step
 * request_actions_open() allows now.  The reply is two forms: choose the
 * outcome (a row of table 三) and generate the letter from the region's
 * template (GET), then edit it and send (POST).  Nothing here decides a
 * rule: request.c refuses what may not be done, in Chinese.
 */
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "admin-requests.h"
#include "html.h"
#include "layout.h"
#include "ui-apply.h"
#include "../domain/authz.h"
#include "../domain/fee.h"
#include "../util/errors.h"
#include "../util/timeutil.h"

#define PER_PAGE 20

/* --- what a user's lists cover --- */

/* The office its region and below, unit staff their unit; false for the
 * three administrators. */
static bool scope(const struct http_request *rq, int64_t *unit,
		  const char **region)
{
	*unit = 0;
	*region = NULL;
	if (rq->user->roles & ROLE_OFFICE) {
		*region = rq->user->region_code;
		return *region != NULL;
	}
	if (rq->user->roles & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) {
		*unit = rq->user->unit_id;
		return *unit != 0;
	}
	return false;
}

static void refuse(struct http_request *rq, struct http_response *rs,
		   int status, const char *title, const char *msg)
{
	struct errors err = ERRORS_INIT;

	errors_addf(&err, "%s", msg);
	admin_fail(rq, rs, status, title, &err);
	errors_release(&err);
}

/* The status of an application and its clock, as a table cell's text. */
static void status_text(struct buf *b, const struct request *r)
{
	buf_addf(b, "<span class=\"status status-%s\">", r->status);
	html_esc(b, request_term_label(request_statuses, r->status));
	buf_adds(b, "</span>");
}

static void clock_text(struct buf *b, const struct request_timing *t)
{
	bool late = t->clock.state == REQUEST_OVERDUE ||
		(t->clock.state == REQUEST_ANSWERED && t->clock.answered_late);

	if (late)
		buf_adds(b, "<strong class=\"late\">");
	html_esc(b, t->summary);
	if (late)
		buf_adds(b, "</strong>");
}

/* --- the dashboard's block --- */

static void tile(struct buf *b, const char *href, const char *label,
		 size_t n)
{
	buf_addf(b, "<li><a href=\"%s\"><span class=\"name\">%s</span> "
		 "<span class=\"count\">", href, label);
	html_count(b, (int64_t)n);
	buf_adds(b, "</span></a></li>\n");
}

void admin_requests_block(struct http_request *rq, struct buf *b)
{
	struct request_dashboard d;
	struct errors err = ERRORS_INIT;
	const char *region;
	int64_t unit;

	if (!scope(rq, &unit, &region))
		return;
	buf_adds(b, "<section aria-labelledby=\"rq\"><h2 id=\"rq\">依申请公开"
		 "</h2>\n");
	if (request_dashboard(rq->wstore, unit, region, NULL, rq->arena, &d,
			      &err)) {
		admin_errors(b, &err);
	} else {
		buf_adds(b, "<ul class=\"domains queues\">\n");
		tile(b, "/admin/requests?status=open", "未办结", d.nopen);
		tile(b, "/admin/requests?due=overdue", "已逾期", d.noverdue);
		tile(b, "/admin/requests?due=soon", "3 个工作日内到期",
		     d.ndue_soon);
		tile(b, "/admin/requests?due=paused", "暂停计时", d.npaused);
		buf_adds(b, "</ul>\n");
	}
	buf_adds(b, "<p><a href=\"/admin/requests\">全部申请</a> · "
		 "<a href=\"/admin/requests/new\">登记申请（当面、邮寄、传真、"
		 "电子邮件）</a></p>\n</section>\n");
	errors_release(&err);
}

/* --- the list --- */

static const struct { const char *code, *label; } dues[] = {
	{ "overdue", "已逾期" },
	{ "soon", "3 个工作日内到期" },
	{ "paused", "暂停计时" },
};
#define NDUES (sizeof(dues) / sizeof(dues[0]))

/* The list's URL with its filters (for the pager), in the arena. */
static const char *list_url(struct http_request *rq, const char *status,
			    const char *due, const char *q)
{
	struct buf u = BUF_INIT;
	const char *out;

	buf_adds(&u, "/admin/requests?");
	if (status && *status) {
		buf_adds(&u, "status=");
		url_esc(&u, status);
		buf_addch(&u, '&');
	}
	if (due && *due) {
		buf_adds(&u, "due=");
		url_esc(&u, due);
		buf_addch(&u, '&');
	}
	if (q && *q) {
		buf_adds(&u, "q=");
		url_esc(&u, q);
		buf_addch(&u, '&');
	}
	buf_setlen(&u, u.len - 1);	/* the last & or ? */
	out = arena_strdup(rq->arena, u.buf);
	buf_release(&u);
	return out;
}

static void filter_form(struct buf *b, const char *status, const char *due,
			const char *q)
{
	buf_adds(b, "<form class=\"form inline\" method=\"get\" "
		 "action=\"/admin/requests\" role=\"search\" aria-label=\"筛选申请\">\n"
		 "<p><label for=\"f-status\">状态</label><select id=\"f-status\" "
		 "name=\"status\">\n<option value=\"\">全部</option>\n");
	buf_addf(b, "<option value=\"open\"%s>未办结</option>\n",
		 status && !strcmp(status, "open") ? " selected" : "");
	for (size_t i = 0; request_statuses[i].code; i++)
		buf_addf(b, "<option value=\"%s\"%s>%s</option>\n",
			 request_statuses[i].code, status &&
			 !strcmp(status, request_statuses[i].code) ?
			 " selected" : "", request_statuses[i].label);
	buf_adds(b, "</select></p>\n<p><label for=\"f-due\">期限</label><select "
		 "id=\"f-due\" name=\"due\">\n<option value=\"\">不限</option>\n");
	for (size_t i = 0; i < NDUES; i++)
		buf_addf(b, "<option value=\"%s\"%s>%s</option>\n", dues[i].code,
			 due && !strcmp(due, dues[i].code) ? " selected" : "",
			 dues[i].label);
	buf_adds(b, "</select></p>\n<p><label for=\"f-q\">申请人、信息名称或"
		 "查询码</label><input id=\"f-q\" name=\"q\" type=\"search\" "
		 "maxlength=\"100\" value=\"");
	html_esc(b, q ? q : "");
	buf_adds(b, "\"></p>\n<p><button type=\"submit\">筛选</button></p>\n"
		 "</form>\n");
}

static void list_rows(struct http_request *rq, struct buf *b,
		      const struct request *v, const struct request_timing *t,
		      size_t n, const char *caption)
{
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"申请列表\"><table class=\"grid\"><caption>");
	html_esc(b, caption);
	buf_adds(b, "</caption><thead><tr><th scope=\"col\">编号</th>"
		 "<th scope=\"col\">申请人</th><th scope=\"col\">所需信息</th>"
		 "<th scope=\"col\">受理单位</th><th scope=\"col\">收到日期</th>"
		 "<th scope=\"col\">状态</th><th scope=\"col\">期限</th>"
		 "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		buf_addf(b, "<tr><th scope=\"row\" class=\"nw\"><a href=\""
			 "/admin/requests/%lld\">", (long long)v[i].id);
		html_esc(b, request_number(&v[i], rq->arena));
		buf_adds(b, "</a></th><td>");
		html_esc(b, v[i].name);
		buf_adds(b, " <span class=\"meta\">");
		html_esc(b, request_term_label(request_applicant_kinds,
					       v[i].applicant_kind));
		buf_adds(b, "</span></td><td>");
		html_esc(b, *v[i].info_name ? v[i].info_name :
			 *v[i].info_doc_no ? v[i].info_doc_no : v[i].info_desc);
		buf_adds(b, "</td><td>");
		html_esc(b, v[i].unit_name);
		buf_adds(b, "</td><td class=\"nw\">");
		html_esc(b, v[i].received_on);
		buf_adds(b, "</td><td>");
		status_text(b, &v[i]);
		buf_adds(b, "</td><td>");
		if (t)
			clock_text(b, &t[i]);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

void admin_requests(struct http_request *rq, struct http_response *rs)
{
	const char *status = query_get(&rq->query, "status");
	const char *due = query_get(&rq->query, "due");
	const char *q = query_get(&rq->query, "q");
	const char *region, *caption = "全部申请";
	struct buf *b = &rs->body;
	struct errors err = ERRORS_INIT;
	struct request *v = NULL;
	struct request_timing *t = NULL;
	struct calendar cal;
	size_t n = 0;
	int64_t unit, page, total = 0;
	bool ok_status = !status || !*status || !strcmp(status, "open") ||
		*request_term_label(request_statuses, status);
	bool ok_due = !due || !*due;

	for (size_t i = 0; i < NDUES; i++)
		if (due && !strcmp(due, dues[i].code)) {
			ok_due = true;
			caption = dues[i].label;
		}
	if (!scope(rq, &unit, &region)) {
		refuse(rq, rs, 403, "没有权限", "没有权限：三员账号不办理政府信息"
		       "公开申请");
		return;
	}
	if (query_int(&rq->query, "page", 1, 100000, 1, &page) || !ok_status ||
	    !ok_due || (q && strlen(q) > 300)) {
		refuse(rq, rs, 400, "参数错误", "筛选条件不对：状态、期限请从列表"
		       "中选择，页码须为正整数，检索词不超过 100 个字");
		return;
	}
	calendar_load(rq->wstore, rq->arena, &cal);
	if (due && *due) {
		struct request_dashboard d;
		struct request_due *list;
		size_t all;

		if (request_dashboard(rq->wstore, unit, region, NULL, rq->arena,
				      &d, &err) == 0) {
			list = !strcmp(due, "overdue") ? d.overdue :
				!strcmp(due, "soon") ? d.due_soon : d.paused;
			all = !strcmp(due, "overdue") ? d.noverdue :
				!strcmp(due, "soon") ? d.ndue_soon : d.npaused;
			v = arena_alloc(rq->arena, (all + 1) * sizeof(*v));
			t = arena_alloc(rq->arena, (all + 1) * sizeof(*t));
			/* the other filters, then the page */
			for (size_t i = 0; i < all; i++) {
				const struct request *x = &list[i].r;

				if ((status && *status && strcmp(status, "open") &&
				     strcmp(status, x->status)) ||
				    (q && *q && !strstr(x->name, q) &&
				     !strstr(x->info_name, q) && !strstr(x->code, q)))
					continue;
				if (total >= (page - 1) * PER_PAGE &&
				    n < PER_PAGE) {
					v[n] = *x;
					t[n++] = list[i].t;
				}
				total++;
			}
		}
	} else {
		struct request_filter f = { 0 };

		f.unit_id = unit;
		f.region = region;
		f.status = status && *status ? status : NULL;
		f.text = q && *q ? q : NULL;
		f.limit = PER_PAGE;
		f.offset = (page - 1) * PER_PAGE;
		if (store_request_list(rq->wstore, &f, rq->arena, &v, &n,
				       &total) != STORE_OK)
			errors_addf(&err, "无法读取申请列表");
		t = arena_alloc(rq->arena, (n + 1) * sizeof(*t));
		for (size_t i = 0; i < n; i++)
			if (request_timing(rq->wstore, &cal, &v[i], NULL,
					   rq->arena, &t[i], &err))
				t[i].summary = "";
		if (status && *status)
			caption = !strcmp(status, "open") ? "未办结" :
				request_term_label(request_statuses, status);
	}

	admin_begin(rq, b, "依申请公开：申请列表");
	admin_errors(b, &err);
	buf_adds(b, "<p><a class=\"button\" href=\"/admin/requests/new\">登记申请"
		 "</a> <span class=\"meta\">当面、邮寄、平常信函、传真、电子邮件"
		 "收到的申请；在线申请由申请人在公开专栏提交</span></p>\n");
	buf_adds(b, "<nav aria-label=\"按期限\"><ul class=\"inline tabs\">");
	buf_addf(b, "<li><a href=\"/admin/requests\"%s>全部</a></li>",
		 (!due || !*due) && (!status || !*status) ?
		 " aria-current=\"page\"" : "");
	buf_addf(b, "<li><a href=\"/admin/requests?status=open\"%s>未办结</a></li>",
		 (!due || !*due) && status && !strcmp(status, "open") ?
		 " aria-current=\"page\"" : "");
	for (size_t i = 0; i < NDUES; i++)
		buf_addf(b, "<li><a href=\"/admin/requests?due=%s\"%s>%s</a></li>",
			 dues[i].code, due && !strcmp(due, dues[i].code) ?
			 " aria-current=\"page\"" : "", dues[i].label);
	buf_adds(b, "</ul></nav>\n");
	filter_form(b, status, due, q);
	if (!n)
		buf_adds(b, "<p class=\"empty\">没有符合条件的申请。</p>\n");
	else
		list_rows(rq, b, v, t, n, caption);
	layout_pager(b, list_url(rq, status, due, q), page, PER_PAGE, total);
	admin_end(rq, b);
	errors_release(&err);
}

/* --- registering an application from another channel --- */

static const char *const other_channels[] = { "in_person", "mail_signed",
	"mail_plain", "fax", "email", NULL };

/* The units 'rq->actor' may register applications for. */
static struct unit *handled_units(struct http_request *rq, size_t *n)
{
	struct unit *all, *out;
	size_t nall, k = 0;

	*n = 0;
	if (store_unit_list(rq->wstore, NULL, rq->arena, &all, &nall) !=
	    STORE_OK)
		return NULL;
	out = arena_alloc(rq->arena, (nall + 1) * sizeof(*out));
	for (size_t i = 0; i < nall; i++)
		if (authz_allows(rq->wstore, rq->actor, AZ_REQUEST_HANDLE,
				 all[i].id, all[i].region_code))
			out[k++] = all[i];
	*n = k;
	return out;
}

static void date_input(struct buf *b, const char *name, const char *label,
		       const char *hint, const char *value)
{
	buf_addf(b, "<div class=\"field\">\n<label for=\"f-%s\">%s</label>\n"
		 "<p class=\"hint\" id=\"f-%s-hint\">%s</p>\n"
		 "<input id=\"f-%s\" name=\"%s\" type=\"date\" "
		 "aria-describedby=\"f-%s-hint\" value=\"", name, label, name,
		 hint, name, name, name);
	html_esc(b, value ? value : "");
	buf_adds(b, "\">\n</div>\n");
}

static void register_page(struct http_request *rq, struct http_response *rs,
			  const struct unit *units, size_t nunits,
			  const struct query *v, const struct errors *err)
{
	struct buf *b = &rs->body;
	const char *channel = v ? query_get(v, "channel") : "in_person";
	int64_t unit = nunits == 1 ? units[0].id : 0;
	char today[CALENDAR_DATE_LEN];

	request_today(today);
	if (v)
		query_int(v, "unit", 1, INT64_MAX, 0, &unit);
	buf_reset(b);
	admin_begin(rq, b, "登记政府信息公开申请");
	buf_adds(b, "<p class=\"lead\">登记当面、邮寄、平常信函、传真或电子邮件"
		 "提交的申请。收到申请之日按条例第三十一条确定：当面提交以提交之日"
		 "为准；邮寄以本机关签收之日为准；平常信函应于收到当日与申请人确认，"
		 "以确认之日为准；传真、电子邮件以双方确认之日为准。</p>\n");
	apply_error_summary(b, err, false);
	buf_adds(b, "<form class=\"form apply\" method=\"post\" "
		 "action=\"/admin/requests\" novalidate>\n");
	admin_csrf(rq, b);
	apply_unit_select(b, units, nunits, unit, err);
	buf_adds(b, "<fieldset class=\"choices\" id=\"f-channel\" tabindex=\"-1\">"
		 "\n<legend>提交方式<span class=\"req\" aria-hidden=\"true\">*"
		 "</span><span class=\"sr\">（必填）</span></legend>\n");
	for (size_t i = 0; other_channels[i]; i++)
		buf_addf(b, "<span class=\"choice\"><input type=\"radio\" "
			 "id=\"f-channel-%zu\" name=\"channel\" value=\"%s\"%s> "
			 "<label for=\"f-channel-%zu\">%s</label></span>\n", i,
			 other_channels[i], channel && !strcmp(channel,
			 other_channels[i]) ? " checked" : "", i,
			 request_term_label(request_channels, other_channels[i]));
	buf_adds(b, "</fieldset>\n<fieldset id=\"g-dates\">\n<legend>日期"
		 "</legend>\n");
	date_input(b, "submitted_on", "提交日期", "当面提交之日或寄出之日；当面"
		   "提交不填则为今天", v ? query_get(v, "submitted_on") : today);
	date_input(b, "signed_on", "签收日期", "邮寄（需签收）：本机关签收之日",
		   v ? query_get(v, "signed_on") : NULL);
	date_input(b, "confirmed_on", "确认日期", "平常信函、传真、电子邮件：与"
		   "申请人确认之日", v ? query_get(v, "confirmed_on") : NULL);
	buf_adds(b, "</fieldset>\n");
	apply_fields(b, v, err, false);
	buf_adds(b, "<p class=\"submit\"><button type=\"submit\">登记</button>"
		 "</p>\n</form>\n<p class=\"meta\">申请材料（扫描件等）可在登记后"
		 "的申请页面上传。</p>\n");
	admin_end(rq, b);
}

void admin_request_new(struct http_request *rq, struct http_response *rs)
{
	size_t n;
	struct unit *units = handled_units(rq, &n);

	if (!n) {
		refuse(rq, rs, 403, "没有权限", "没有权限：只有单位的信息员、审核人、"
		       "签发人和政务公开办可以登记政府信息公开申请");
		return;
	}
	register_page(rq, rs, units, n, NULL, NULL);
}

void admin_request_create(struct http_request *rq, struct http_response *rs)
{
	size_t nunits;
	struct unit *units = handled_units(rq, &nunits);
	struct request_filing f;
	struct request_filed filed;
	struct errors err = ERRORS_INIT;
	const char *channel = query_get(&rq->form, "channel");
	int64_t unit = 0, id;

	if (!nunits) {
		refuse(rq, rs, 403, "没有权限", "没有权限：只有单位的信息员、审核人、"
		       "签发人和政务公开办可以登记政府信息公开申请");
		return;
	}
	apply_filing_from_form(&rq->form, rq->arena, &f);
	if (query_int(&rq->form, "unit", 1, INT64_MAX, 0, &unit))
		unit = 0;
	f.unit_id = unit;
	/* staff register the other channels; online is the public form's */
	f.channel = channel && strcmp(channel, "online") ? channel : "";
	f.submitted_on = query_get(&rq->form, "submitted_on");
	f.signed_on = query_get(&rq->form, "signed_on");
	f.confirmed_on = query_get(&rq->form, "confirmed_on");
	apply_check_sizes(&rq->form, &err);
	if (err.n) {
		struct request check;
		char today[CALENDAR_DATE_LEN];

		request_today(today);
		request_check_filing(&f, today, rq->arena, &check, &err);
		id = 0;
	} else {
		id = request_file(rq->wstore, rq->actor, &f, rq->arena, &filed,
				  &err);
	}
	if (!id) {
		bool denied = err.n && !strncmp(err.msg[0], "没有权限", 12);

		register_page(rq, rs, units, nunits, &rq->form, &err);
		rs->status = denied ? 403 : 400;
		errors_release(&err);
		return;
	}
	admin_redirect(rq, rs, arena_printf(rq->arena,
		       "/admin/requests/%lld?done=registered", (long long)id),
		       NULL);
	errors_release(&err);
}

/* --- the case page --- */

/* The application of the route's :id as the user may see it: 0, or -1
 * with the error page written (404 unknown, 403 not theirs). */
static int load_case(struct http_request *rq, struct http_response *rs,
		     struct request *r)
{
	struct errors err = ERRORS_INIT;
	int64_t id = strtoll(rq->params[0], NULL, 10);

	if (store_request_get(rq->wstore, id, rq->arena, r) != STORE_OK) {
		refuse(rq, rs, 404, "没有这件申请", "没有这件申请，请从申请列表进入");
		return -1;
	}
	if (authz_require(rq->wstore, rq->actor, AZ_REQUEST_VIEW, r->unit_id,
			  r->region_code, &err)) {
		admin_fail(rq, rs, 403, "没有权限", &err);
		errors_release(&err);
		return -1;
	}
	return 0;
}

static void dl_row(struct buf *b, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	buf_addf(b, "<dt>%s</dt><dd>", label);
	html_esc(b, value);
	buf_adds(b, "</dd>\n");
}

static void applicant_block(struct http_request *rq, struct buf *b,
			    const struct request *r)
{
	bool person = request_kind_is_person(r->applicant_kind);

	buf_adds(b, "<section aria-labelledby=\"who\">\n<h2 id=\"who\">申请人"
		 "</h2>\n<dl class=\"columns\">\n");
	dl_row(b, "申请人类型", person ? "自然人" : arena_printf(rq->arena,
	       "法人或其他组织（%s）", request_term_label(
	       request_applicant_kinds, r->applicant_kind)));
	dl_row(b, person ? "姓名" : "名称", r->name);
	dl_row(b, "证件类型", r->id_type);
	dl_row(b, "证件号码", r->id_number);
	dl_row(b, "统一社会信用代码", r->credit_code);
	dl_row(b, "法定代表人", r->legal_rep);
	dl_row(b, "联系人", r->contact_person);
	dl_row(b, "联系电话", r->phone);
	dl_row(b, "电子邮箱", r->email);
	dl_row(b, "通信地址", r->address);
	dl_row(b, "邮政编码", r->postcode);
	buf_adds(b, "</dl>\n</section>\n<section aria-labelledby=\"what\">\n"
		 "<h2 id=\"what\">申请内容</h2>\n<dl class=\"columns\">\n");
	dl_row(b, "所需信息名称", r->info_name);
	dl_row(b, "文号", r->info_doc_no);
	dl_row(b, "特征性描述", r->info_desc);
	dl_row(b, "所需信息的形式", r->forms);
	dl_row(b, "获取方式", r->delivery);
	dl_row(b, "申请减免费用", r->fee_waiver ? arena_printf(rq->arena,
	       "是（理由：%s）", r->fee_waiver_reason) : "否");
	buf_adds(b, "</dl>\n</section>\n<section aria-labelledby=\"recv\">\n"
		 "<h2 id=\"recv\">收到申请</h2>\n<dl class=\"columns\">\n");
	dl_row(b, "受理单位", r->unit_name);
	dl_row(b, "提交方式", request_term_label(request_channels, r->channel));
	dl_row(b, "提交日期", r->submitted_on);
	dl_row(b, "收到申请之日", r->received_on);
	dl_row(b, "如何确定", r->receipt_note);
	dl_row(b, "查询码", r->code);
	dl_row(b, "来源地址", r->ip);
	dl_row(b, "登记人", r->created_by);
	buf_adds(b, "</dl>\n</section>\n");
}

/* Earlier applications of the unit for the same information. */
static void repeats_block(struct http_request *rq, struct buf *b,
			  const struct request *r)
{
	struct request *same;
	size_t n = 0;

	if (store_request_same_info(rq->wstore, r, 10, rq->arena, &same, &n) !=
	    STORE_OK || !n)
		return;
	buf_adds(b, "<section class=\"notice repeat\" aria-labelledby=\"same\">\n"
		 "<h2 id=\"same\">重复申请提示</h2>\n<p>");
	buf_addf(b, "本单位另有 %zu 件申请要求公开相同的信息。多个申请人就相同"
		 "政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，"
		 "可以纳入主动公开的范围（条例第四十四条）：请考虑主动公开。</p>\n"
		 "<ul>\n", n);
	for (size_t i = 0; i < n; i++) {
		buf_addf(b, "<li><a href=\"/admin/requests/%lld\">",
			 (long long)same[i].id);
		html_esc(b, request_number(&same[i], rq->arena));
		buf_adds(b, "</a> ");
		html_esc(b, same[i].name);
		buf_adds(b, " · ");
		html_esc(b, same[i].received_on);
		buf_adds(b, " · ");
		html_esc(b, request_term_label(request_statuses, same[i].status));
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ul>\n</section>\n");
}

static void steps_block(struct http_request *rq, struct buf *b,
			const struct request *r)
{
	struct request_step *v;
	size_t n = 0;

	buf_adds(b, "<section aria-labelledby=\"steps\">\n<h2 id=\"steps\">办理"
		 "过程</h2>\n");
	if (store_request_steps(rq->wstore, r->id, rq->arena, &v, &n) !=
	    STORE_OK || !n) {
		buf_adds(b, "<p class=\"empty\">还没有办理步骤。</p>\n</section>\n");
		return;
	}
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"办理过程表格\"><table class=\"grid\"><thead><tr>"
		 "<th scope=\"col\">日期</th><th scope=\"col\">步骤</th>"
		 "<th scope=\"col\">期限</th><th scope=\"col\">说明</th>"
		 "<th scope=\"col\">操作人</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<tr><td class=\"nw\">");
		html_esc(b, v[i].day);
		buf_adds(b, "</td><th scope=\"row\">");
		html_esc(b, request_step_label(v[i].kind));
		buf_adds(b, "</th><td class=\"nw\">");
		html_esc(b, v[i].until ? v[i].until : "");
		buf_adds(b, "</td><td>");
		if (v[i].days)
			buf_addf(b, "延长 %d 个工作日；", v[i].days);
		if (*v[i].approver) {
			buf_adds(b, "批准人：");
			html_esc(b, v[i].approver);
			buf_adds(b, "；");
		}
		html_esc(b, v[i].note);
		buf_adds(b, "</td><td>");
		html_esc(b, v[i].actor);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n</section>\n");
}

static void fee_block(struct buf *b, const struct request *r)
{
	char yuan[32];
	static const struct request_term states[] = {
		{ "noticed", "已发出收费通知，待缴费" }, { "paid", "已缴费" },
		{ "expired", "逾期未缴费" }, { "waived", "已减免" },
		{ NULL, NULL },
	};

	if (!r->fee_method)
		return;
	fee_format_yuan(r->fee_fen, yuan, sizeof(yuan));
	buf_adds(b, "<section aria-labelledby=\"fee\">\n<h2 id=\"fee\">信息处理费"
		 "</h2>\n<dl class=\"columns\">\n");
	buf_addf(b, "<dt>计费方式</dt><dd>%s（%s %lld）</dd>\n",
		 fee_method_label(!strcmp(r->fee_method, "by_pages") ?
				  FEE_BY_PAGES : FEE_PER_ITEM),
		 !strcmp(r->fee_method, "by_pages") ? "页数" : "本月第几件",
		 (long long)r->fee_units);
	buf_addf(b, "<dt>金额</dt><dd>%s 元</dd>\n<dt>状态</dt><dd>", yuan);
	html_esc(b, request_term_label(states, r->fee_state));
	buf_adds(b, "</dd>\n</dl>\n</section>\n");
}

static void reply_block(struct http_request *rq, struct buf *b,
			const struct request *r)
{
	const struct request_outcome *o = request_outcome_find(r->outcome);

	if (!r->replied_on)
		return;
	buf_adds(b, "<section aria-labelledby=\"reply\">\n<h2 id=\"reply\">答复"
		 "</h2>\n<dl class=\"columns\">\n");
	dl_row(b, "答复日期", r->replied_on);
	if (o) {
		dl_row(b, "办理结果（年报表三）", arena_printf(rq->arena, "%s%s%s",
		       o->group_label, o->code[1] ? "：" : "",
		       o->code[1] ? o->row : ""));
		dl_row(b, "依据", request_article_cite(r->outcome_article,
						       rq->arena));
	}
	if (r->delivered_on)
		dl_row(b, "送达", arena_printf(rq->arena, "%s（%s）",
		       r->delivered_how, r->delivered_on));
	dl_row(b, "归档日期", r->archived_on);
	buf_adds(b, "</dl>\n<h3>答复书</h3>\n");
	apply_letter(b, r->reply_letter);
	buf_adds(b, "</section>\n");
}

static void files_block(struct http_request *rq, struct buf *b,
			const struct request *r, bool can_handle)
{
	static const struct request_term roles[] = {
		{ "application", "申请材料" }, { "reply", "答复材料" },
		{ "other", "其他材料" }, { NULL, NULL },
	};
	struct request_file *v;
	size_t n = 0;

	buf_adds(b, "<section aria-labelledby=\"files\">\n<h2 id=\"files\">材料"
		 "</h2>\n");
	if (store_request_files(rq->wstore, r->id, rq->arena, &v, &n) !=
	    STORE_OK || !n) {
		buf_adds(b, "<p class=\"empty\">没有材料。</p>\n");
	} else {
		buf_adds(b, "<ul class=\"attachments\">\n");
		for (size_t i = 0; i < n; i++) {
			buf_addf(b, "<li><a href=\"/admin/requests/%lld/files/%lld\">",
				 (long long)r->id, (long long)v[i].id);
			html_esc(b, v[i].name);
			buf_adds(b, "</a> <span class=\"meta\">");
			html_esc(b, request_term_label(roles, v[i].role));
			buf_addf(b, "，%s，%lld 字节</span></li>\n", v[i].mime,
				 (long long)v[i].size);
		}
		buf_adds(b, "</ul>\n");
	}
	if (can_handle) {
		buf_addf(b, "<form class=\"form\" method=\"post\" action=\""
			 "/admin/requests/%lld/files\" enctype=\"multipart/form-data\">\n",
			 (long long)r->id);
		admin_csrf(rq, b);
		buf_adds(b, "<div class=\"field\"><label for=\"f-role\">材料类别"
			 "</label><select id=\"f-role\" name=\"role\">\n");
		for (size_t i = 0; roles[i].code; i++)
			buf_addf(b, "<option value=\"%s\">%s</option>\n",
				 roles[i].code, roles[i].label);
		buf_addf(b, "</select></div>\n<div class=\"field\"><label "
			 "for=\"f-files\">选择文件</label><p class=\"hint\" "
			 "id=\"f-files-hint\">最多 %d 个，每个不超过 %u MB；按文件内容"
			 "识别类型</p><input id=\"f-files\" name=\"files\" type=\"file\" "
			 "multiple aria-describedby=\"f-files-hint\"></div>\n"
			 "<p><button type=\"submit\" class=\"secondary\">上传</button>"
			 "</p>\n</form>\n", APPLY_MAX_FILES,
			 APPLY_MAX_FILE_BYTES >> 20);
	}
	buf_adds(b, "</section>\n");
}

/* --- the forms of the steps --- */

/* A value for a step form: what was sent back for this action, else
 * 'dflt'. */
static const char *sent(const struct query *v, const char *name,
			const char *dflt)
{
	const char *s = v ? query_get(v, name) : NULL;

	return s ? s : dflt ? dflt : "";
}

static void step_field(struct buf *b, const char *act, const char *name,
		       const char *label, const char *type, const char *hint,
		       const char *value, bool required)
{
	buf_addf(b, "<div class=\"field\">\n<label for=\"s-%s-%s\">%s%s</label>\n",
		 act, name, label, required ? "<span class=\"req\" "
		 "aria-hidden=\"true\">*</span>" : "");
	if (hint)
		buf_addf(b, "<p class=\"hint\" id=\"s-%s-%s-hint\">%s</p>\n", act,
			 name, hint);
	if (!strcmp(type, "textarea"))
		buf_addf(b, "<textarea id=\"s-%s-%s\" name=\"%s\" rows=\"3\" "
			 "maxlength=\"2000\"", act, name, name);
	else
		buf_addf(b, "<input id=\"s-%s-%s\" name=\"%s\" type=\"%s\"%s", act,
			 name, name, type, !strcmp(type, "number") ?
			 " min=\"1\" max=\"100000\" step=\"1\"" :
			 !strcmp(type, "text") ? " maxlength=\"200\"" : "");
	if (required)
		buf_adds(b, " aria-required=\"true\"");
	if (hint)
		buf_addf(b, " aria-describedby=\"s-%s-%s-hint\"", act, name);
	if (!strcmp(type, "textarea")) {
		buf_adds(b, ">");
		html_esc(b, value);
		buf_adds(b, "</textarea>\n</div>\n");
	} else {
		buf_adds(b, " value=\"");
		html_esc(b, value);
		buf_adds(b, "\">\n</div>\n");
	}
}

/* The outcome chooser: a GET form that reloads the page with the letter
 * generated for the chosen outcome. */
static void outcome_select(struct buf *b, const char *cur)
{
	int group = 0;

	buf_adds(b, "<select id=\"s-reply-outcome\" name=\"outcome\" "
		 "aria-required=\"true\">\n<option value=\"\">请选择</option>\n");
	for (size_t i = 0; i < REQUEST_OUTCOMES; i++) {
		const struct request_outcome *o = &request_outcomes[i];

		/* （六）1 and 2 close through their own steps */
		if (!strcmp(o->code, "6.1") || !strcmp(o->code, "6.2"))
			continue;
		if (o->group != group) {
			if (group)
				buf_adds(b, "</optgroup>\n");
			buf_addf(b, "<optgroup label=\"%s\">\n", o->group_label);
			group = o->group;
		}
		buf_addf(b, "<option value=\"%s\"%s>%s %s</option>\n", o->code,
			 cur && !strcmp(cur, o->code) ? " selected" : "", o->code,
			 o->code[1] ? o->row : o->label);
	}
	if (group)
		buf_adds(b, "</optgroup>\n");
	buf_adds(b, "</select>\n");
}

static void reply_forms(struct http_request *rq, struct buf *b,
			const struct request *r, const struct query *back,
			const char *today, bool open)
{
	const char *code = back ? query_get(back, "outcome") :
		query_get(&rq->query, "outcome");
	const char *article = back ? query_get(back, "article") :
		query_get(&rq->query, "article");
	const struct request_outcome *o = request_outcome_find(code);
	const char *letter;

	if (article && strlen(article) > 600)
		article = NULL;
	buf_addf(b, "<details class=\"step\" id=\"act-reply\"%s>\n<summary>答复"
		 "</summary>\n<form class=\"form\" "
		 "method=\"get\" action=\"/admin/requests/%lld#act-reply\">\n"
		 "<div class=\"field\">\n<label for=\"s-reply-outcome\">办理结果"
		 "（年报表三）<span class=\"req\" aria-hidden=\"true\">*</span>"
		 "</label>\n", open ? " open" : "", (long long)r->id);
	outcome_select(b, o ? o->code : NULL);
	buf_adds(b, "</div>\n<div class=\"field\">\n<label for=\"s-reply-article\">"
		 "依据</label>\n<p class=\"hint\" id=\"s-reply-article-hint\">不填则"
		 "用该办理结果对应的条例条款</p>\n<input id=\"s-reply-article\" "
		 "name=\"article\" type=\"text\" maxlength=\"200\" "
		 "aria-describedby=\"s-reply-article-hint\" value=\"");
	html_esc(b, article ? article : "");
	buf_adds(b, "\">\n</div>\n<p><button type=\"submit\" class=\"secondary\">"
		 "生成答复书</button></p>\n</form>\n");
	if (!o || !strcmp(o->code, "6.1") || !strcmp(o->code, "6.2")) {
		buf_adds(b, "<p class=\"meta\">选择办理结果后生成答复书，修改后再发出。"
			 "</p>\n</details>\n");
		return;
	}
	letter = back && query_get(back, "letter") ? query_get(back, "letter") :
		request_letter(rq->wstore, r, o, article && *article ? article :
			       NULL, today, rq->arena);
	buf_addf(b, "<form class=\"form\" method=\"post\" action=\""
		 "/admin/requests/%lld/act\">\n", (long long)r->id);
	admin_csrf(rq, b);
	buf_adds(b, "<input type=\"hidden\" name=\"action\" value=\"reply\">\n"
		 "<input type=\"hidden\" name=\"outcome\" value=\"");
	html_esc(b, o->code);
	buf_adds(b, "\">\n<input type=\"hidden\" name=\"article\" value=\"");
	html_esc(b, article ? article : "");
	buf_adds(b, "\">\n<p>办理结果：<strong>");
	html_esc(b, o->group_label);
	if (o->code[1]) {
		buf_adds(b, " ");
		html_esc(b, o->row);
	}
	buf_adds(b, "</strong>；依据：");
	html_esc(b, request_article_cite(article && *article ? article :
					 o->article, rq->arena));
	buf_adds(b, "</p>\n<div class=\"field\">\n<label for=\"s-reply-letter\">"
		 "答复书（可修改）</label>\n<p class=\"hint\" id=\"s-reply-letter-hint\">"
		 "按本地区的答复书模板生成；发出前请核对申请人、申请内容和答复意见。"
		 "</p>\n<textarea id=\"s-reply-letter\" name=\"letter\" "
		 "class=\"letter-edit\" rows=\"22\" maxlength=\"20000\" "
		 "aria-describedby=\"s-reply-letter-hint\">");
	html_esc(b, letter);
	buf_adds(b, "</textarea>\n</div>\n");
	step_field(b, "reply", "day", "答复日期", "date", NULL,
		   sent(back, "day", today), true);
	step_field(b, "reply", "delivered_how", "送达方式", "text",
		   "已送达的可一并填写（如 电子邮件、邮寄、当面领取）；否则答复后另行"
		   "记录送达", sent(back, "delivered_how", NULL), false);
	buf_adds(b, "<p><button type=\"submit\">发出答复</button></p>\n</form>\n"
		 "</details>\n");
}

static void step_form(struct http_request *rq, struct buf *b,
		      const struct request *r, enum request_action act,
		      const struct query *back, const char *today, bool open)
{
	const char *code = request_action_code(act);

	buf_addf(b, "<details class=\"step\" id=\"act-%s\"%s>\n<summary>%s"
		 "</summary>\n<form class=\"form\" method=\"post\" "
		 "action=\"/admin/requests/%lld/act\">\n", code, open ? " open" : "",
		 request_action_label(act), (long long)r->id);
	admin_csrf(rq, b);
	buf_addf(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">\n",
		 code);
	step_field(b, code, "day", "日期", "date", "这一步发生的日期",
		   sent(back, "day", today), true);
	switch (act) {
	case RQ_CORRECTION_NOTICE:
		step_field(b, code, "note", "需要补正的事项", "textarea",
			   "一次性告知申请人需要补正的全部内容（条例第三十条）",
			   sent(back, "note", NULL), true);
		step_field(b, code, "until", "补正期限", "date",
			   "给申请人的合理补正期限", sent(back, "until", NULL),
			   true);
		break;
	case RQ_THIRD_PARTY_SENT:
		step_field(b, code, "note", "第三方及征求意见的内容", "textarea",
			   "第三方应自收到征求意见书之日起 15 个工作日内提出意见"
			   "（条例第三十二条）；其间不计算在答复期限内",
			   sent(back, "note", NULL), false);
		break;
	case RQ_AGENCY_SENT:
		step_field(b, code, "note", "被征求意见的机关", "textarea",
			   "其他机关应在 15 个工作日内提出意见，逾期视为同意公开"
			   "（条例第三十四条）；其间不计算在答复期限内",
			   sent(back, "note", NULL), false);
		break;
	case RQ_EXTENSION:
		step_field(b, code, "approver", "批准人", "text",
			   "政府信息公开工作机构负责人（条例第三十三条）",
			   sent(back, "approver", NULL), true);
		step_field(b, code, "days", "延长的工作日数", "number",
			   "最长 20 个工作日", sent(back, "days", "20"), true);
		step_field(b, code, "note", "延期理由", "textarea", NULL,
			   sent(back, "note", NULL), false);
		break;
	case RQ_FEE_NOTICE: {
		const char *m = sent(back, "fee_method", "per_item");

		buf_addf(b, "<fieldset class=\"choices\">\n<legend>计费方式"
			 "（只能选一种）</legend>\n<span class=\"choice\"><input "
			 "type=\"radio\" id=\"s-fee-item\" name=\"fee_method\" "
			 "value=\"per_item\"%s> <label for=\"s-fee-item\">按件计收"
			 "（申请人本月第 11 件起）</label></span>\n<span class="
			 "\"choice\"><input type=\"radio\" id=\"s-fee-pages\" "
			 "name=\"fee_method\" value=\"by_pages\"%s> <label "
			 "for=\"s-fee-pages\">按量计收（超过 30 页）</label></span>\n"
			 "</fieldset>\n", strcmp(m, "by_pages") ? " checked" : "",
			 strcmp(m, "by_pages") ? "" : " checked");
		step_field(b, code, "pages", "页数", "number",
			   "按量计收时填写；按件计收不填", sent(back, "pages", NULL),
			   false);
		step_field(b, code, "until", "缴费期限", "date",
			   "不填则为通知之日起 20 个工作日", sent(back, "until",
			   NULL), false);
		step_field(b, code, "note", "说明", "textarea", NULL,
			   sent(back, "note", NULL), false);
		break;
	}
	case RQ_FEE_WAIVED:
		step_field(b, code, "note", "减免理由", "textarea", NULL,
			   sent(back, "note", r->fee_waiver_reason), true);
		break;
	case RQ_DELIVERED:
		step_field(b, code, "delivered_how", "送达方式", "text",
			   "如 电子邮件、邮寄（附单号）、当面领取",
			   sent(back, "delivered_how", r->delivery), true);
		step_field(b, code, "note", "说明", "textarea", NULL,
			   sent(back, "note", NULL), false);
		break;
	case RQ_NOTE:
		step_field(b, code, "note", "备注", "textarea",
			   "只在后台显示，申请人看不到", sent(back, "note", NULL),
			   true);
		break;
	default:
		step_field(b, code, "note", "说明", "textarea", NULL,
			   sent(back, "note", NULL), false);
		break;
	}
	buf_addf(b, "<p><button type=\"submit\">%s</button></p>\n</form>\n"
		 "</details>\n", act == RQ_CORRECTION_LAPSED ?
		 "按逾期未补正办结" : act == RQ_FEE_EXPIRED ? "按逾期未缴费办结" :
		 arena_printf(rq->arena, "记录「%s」", request_action_label(act)));
}

/* The forms of every step allowed now; 'back' and 'back_act' keep what
 * was sent when a step was refused. */
static void step_forms(struct http_request *rq, struct buf *b,
		       const struct request *r, const struct query *back,
		       int back_act)
{
	unsigned open = request_actions_open(rq->wstore, r);
	char today[CALENDAR_DATE_LEN];

	request_today(today);
	buf_adds(b, "<section class=\"step-forms\" aria-labelledby=\"next\">\n"
		 "<h2 id=\"next\">办理</h2>\n");
	if (!open) {
		buf_adds(b, "<p class=\"empty\">这件申请已办结归档，没有可以进行的"
			 "步骤。</p>\n</section>\n");
		return;
	}
	buf_adds(b, "<p class=\"meta\">只列出现在可以进行的步骤（点击展开）；每一步"
		 "都记入审计日志。</p>\n");
	/* the likely next steps come open: 审核 of a new application, 收到
	 * 补正 while waiting, 答复 while handling, 送达 and 归档 after it;
	 * a step just refused stays open with what was typed */
	if (open & (1u << RQ_REPLY))
		reply_forms(rq, b, r, back_act == RQ_REPLY ? back : NULL, today,
			    back_act == RQ_REPLY || query_get(&rq->query,
			    "outcome") || (back_act < 0 &&
			    !strcmp(r->status, "handling")));
	for (int i = 0; i < RQ__MAX; i++) {
		bool likely = i == RQ_REVIEW || i == RQ_CORRECTION_RECEIVED ||
			i == RQ_DELIVERED || i == RQ_ARCHIVE;

		if (i == RQ_REPLY || !(open & (1u << i)))
			continue;
		step_form(rq, b, r, (enum request_action)i,
			  back_act == i ? back : NULL, today,
			  back_act == i || (back_act < 0 && likely));
	}
	buf_adds(b, "</section>\n");
}

/* The case page, with the messages of a step just tried: refused ('err')
 * or taken with warnings ('warn'). */
static void case_page(struct http_request *rq, struct http_response *rs,
		      const struct request *r, const struct errors *err,
		      const struct errors *warn, const struct query *back,
		      int back_act)
{
	struct buf *b = &rs->body;
	struct request_timing t;
	struct errors terr = ERRORS_INIT;
	const char *done = query_get(&rq->query, "done");
	bool can_handle = authz_allows(rq->wstore, rq->actor, AZ_REQUEST_HANDLE,
				       r->unit_id, r->region_code);
	bool timed = request_timing(rq->wstore, NULL, r, NULL, rq->arena, &t,
				    &terr) == 0;

	buf_reset(b);
	admin_begin(rq, b, arena_printf(rq->arena, "政府信息公开申请 %s%s",
					r->unit_name, request_number(r,
					rq->arena)));
	if (done && !err && !warn) {
		int act = request_action_parse(done);

		buf_adds(b, "<p class=\"notice ok\" role=\"status\">");
		if (!strcmp(done, "registered"))
			buf_adds(b, "申请已登记，查询码已生成，请告知申请人。");
		else if (!strcmp(done, "files"))
			buf_adds(b, "材料已上传。");
		else if (act >= 0)
			buf_addf(b, "已记录「%s」。", request_action_label(
				 (enum request_action)act));
		else
			buf_adds(b, "已保存。");
		buf_adds(b, "</p>\n");
	}
	admin_errors(b, err);
	if (warn && warn->n) {
		buf_adds(b, "<div class=\"notice ok\" role=\"status\"><p>已记录。"
			 "请注意：</p><ul>");
		for (size_t i = 0; i < warn->n; i++) {
			buf_adds(b, "<li>");
			html_esc(b, warn->msg[i]);
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ul></div>\n");
	}
	buf_adds(b, "<p class=\"lead\">");
	status_text(b, r);
	if (timed) {
		buf_adds(b, " · ");
		clock_text(b, &t);
	}
	buf_adds(b, " · <a href=\"/admin/requests\">返回申请列表</a></p>\n");
	repeats_block(rq, b, r);
	applicant_block(rq, b, r);
	if (timed)
		apply_clock(b, &t, "clock");
	else
		admin_errors(b, &terr);
	steps_block(rq, b, r);
	fee_block(b, r);
	reply_block(rq, b, r);
	if (can_handle)
		step_forms(rq, b, r, back, back_act);
	files_block(rq, b, r, can_handle);
	admin_end(rq, b);
	errors_release(&terr);
}

void admin_request_view(struct http_request *rq, struct http_response *rs)
{
	struct request r;

	if (load_case(rq, rs, &r))
		return;
	case_page(rq, rs, &r, NULL, NULL, NULL, -1);
}

/* An integer field: 0 when empty; *bad when not an integer. */
static int int_field(const struct query *v, const char *name, bool *bad)
{
	const char *s = query_get(v, name);
	char *end;
	long n;

	if (!s || !*s)
		return 0;
	n = strtol(s, &end, 10);
	if (*end || n < -1000000 || n > 1000000) {
		*bad = true;
		return 0;
	}
	return (int)n;
}

void admin_request_act(struct http_request *rq, struct http_response *rs)
{
	struct request r;
	struct request_act_in in = { 0 };
	struct errors err = ERRORS_INIT, warn = ERRORS_INIT;
	const struct query *v = &rq->form;
	int act = request_action_parse(query_get(v, "action"));
	bool bad = false;

	if (load_case(rq, rs, &r))
		return;
	if (act < 0) {
		refuse(rq, rs, 400, "未知的办理步骤", "未知的办理步骤，请从申请页面"
		       "选择");
		return;
	}
	if (authz_require(rq->wstore, rq->actor, AZ_REQUEST_HANDLE, r.unit_id,
			  r.region_code, &err)) {
		admin_fail(rq, rs, 403, "没有权限", &err);
		errors_release(&err);
		return;
	}
	in.action = (enum request_action)act;
	in.day = query_get(v, "day");
	in.until = query_get(v, "until");
	in.note = query_get(v, "note");
	in.approver = query_get(v, "approver");
	in.days = int_field(v, "days", &bad);
	if (bad)
		errors_addf(&err, "「延长天数」：请填写 1—20 的整数");
	bad = false;
	in.pages = int_field(v, "pages", &bad);
	if (bad)
		errors_addf(&err, "「页数」：请填写正整数");
	if (act == RQ_FEE_NOTICE)
		in.fee_method = query_get(v, "fee_method");
	in.outcome = query_get(v, "outcome");
	in.article = query_get(v, "article");
	if (in.article && !*in.article)
		in.article = NULL;
	in.letter = query_get(v, "letter");
	if (in.letter && !*in.letter)
		in.letter = NULL;
	in.delivered_how = query_get(v, "delivered_how");
	if (!err.n && request_act(rq->wstore, rq->actor, r.id, &in, &warn,
				  &err) == 0) {
		if (!warn.n) {
			admin_redirect(rq, rs, arena_printf(rq->arena,
				       "/admin/requests/%lld?done=%s", (long long)r.id,
				       request_action_code(in.action)), NULL);
		} else {
			store_request_get(rq->wstore, r.id, rq->arena, &r);
			case_page(rq, rs, &r, NULL, &warn, NULL, -1);
		}
	} else {
		case_page(rq, rs, &r, &err, NULL, v, act);
		rs->status = 400;
	}
	errors_release(&err);
	errors_release(&warn);
}

void admin_request_attach(struct http_request *rq, struct http_response *rs)
{
	struct request r;
	struct errors err = ERRORS_INIT;
	const char *role = query_get(&rq->form, "role");
	int n;

	if (load_case(rq, rs, &r))
		return;
	if (authz_require(rq->wstore, rq->actor, AZ_REQUEST_HANDLE, r.unit_id,
			  r.region_code, &err)) {
		admin_fail(rq, rs, 403, "没有权限", &err);
		goto out;
	}
	if (!role || (strcmp(role, "application") && strcmp(role, "reply") &&
		      strcmp(role, "other")))
		errors_addf(&err, "「材料类别」：请选择申请材料、答复材料或其他材料");
	n = apply_check_files(rq, APPLY_MAX_FILES, &err);
	if (!err.n && n == 0)
		errors_addf(&err, "「附件」：请选择要上传的文件");
	if (!err.n && store_begin(rq->wstore, &err) == STORE_OK) {
		if (apply_store_files(rq, rq->actor, r.id, r.unit_id,
				      r.region_code, role, &err) == 0 &&
		    store_commit(rq->wstore, &err) == STORE_OK) {
			admin_redirect(rq, rs, arena_printf(rq->arena,
				       "/admin/requests/%lld?done=files#files",
				       (long long)r.id), NULL);
			goto out;
		}
		store_rollback(rq->wstore);
	}
	case_page(rq, rs, &r, &err, NULL, NULL, -1);
	rs->status = 400;
out:
	errors_release(&err);
}

void admin_request_file(struct http_request *rq, struct http_response *rs)
{
	struct request r;
	struct request_file *v;
	struct buf cd = BUF_INIT;
	int64_t fid = strtoll(rq->params[1], NULL, 10);
	size_t n = 0;
	void *data;
	size_t len;

	if (load_case(rq, rs, &r))
		return;
	if (store_request_files(rq->wstore, r.id, rq->arena, &v, &n) ==
	    STORE_OK)
		for (size_t i = 0; i < n; i++)
			if (v[i].id == fid &&
			    store_blob_get(rq->wstore, v[i].sha256, &data, &len) ==
			    STORE_OK) {
				buf_reset(&rs->body);
				buf_add(&rs->body, data, len);
				free(data);
				rs->content_type = arena_strdup(rq->arena, v[i].mime);
				buf_adds(&cd, "attachment; filename=\"attachment\"; "
					 "filename*=UTF-8''");
				url_esc(&cd, v[i].name);
				rs->disposition = arena_strdup(rq->arena, cd.buf);
				buf_release(&cd);
				return;
			}
	refuse(rq, rs, 404, "没有这个材料", "没有这个材料");
}
