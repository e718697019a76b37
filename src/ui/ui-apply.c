/* ui-apply.c: disclosure on request (依申请公开) for the public —
 * "/r/CODE/apply/" (the form: choose one of the region's agencies, fill
 * in who you are, what you want and how; attachments), its confirmation
 * (查询码, 编号, 收到申请之日 and the statutory due date with how it was
 * computed, what happens next), and "/apply/track" (the applicant follows
 * the case with the 查询码: status, steps, clock, the reply letter)
 *
 * The form is plain HTML: complete without JavaScript, one column on a
 * phone, every control labelled, the 申请人类型 and choice groups in
 * fieldsets, problems listed at the top (each linked to its field) and
 * again beside their fields, values kept when refused.  The rules of a
 * valid application are domain/request.c's (request_check_filing); this
 * file adds what only the edge knows: the honeypot, the rate limit per
 * address (store_request_intake_*: 5 filings an hour, a filled honeypot
 * counting as one; 10 unknown 查询码 an hour on the tracking page; a
 * refused form does not count, so a citizen correcting mistakes is never
 * locked out), the files and their caps.  Filing and files are one
 * transaction.  The form itself is cached like any public page; its
 * answers and the tracking page are personal and never are.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "layout.h"
#include "parts.h"
#include "ui-apply.h"
#include "../domain/audit.h"
#include "../domain/fee.h"
#include "../domain/record-import.h"
#include "../domain/site.h"
#include "../util/errors.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"

#define FILE_LIMIT 5		/* filings per address per hour */
#define TRACK_LIMIT 10		/* unknown 查询码 per address per hour */
#define WINDOW 3600		/* seconds */
#define OTHER_FORM_MAX 50	/* characters of 其他 (所需信息的形式) */
#define HONEYPOT "website"	/* the field people never see */

/* --- the fields --- */

struct field {
	const char *name;	/* form field; its control's id is f-NAME */
	const char *label;	/* shown, and how request.c names it */
	const char *type;	/* text tel email textarea */
	int max;		/* characters, as request.c allows */
	const char *autocomplete;
	const char *hint;	/* or NULL */
	bool required;		/* within its group */
};

static const struct field f_p_name = { "p_name", "姓名", "text", 100,
	"name", NULL, true };
static const struct field f_id_number = { "id_number", "证件号码", "text", 40,
	"off", "居民身份证号码为 18 位，最后一位可能是 X", true };
static const struct field f_o_name = { "o_name", "名称", "text", 100,
	"organization", "与营业执照或登记证书一致", true };
static const struct field f_credit = { "credit_code", "统一社会信用代码",
	"text", 18, "off", "18 位数字或大写字母", true };
static const struct field f_legal = { "legal_rep", "法定代表人", "text", 50,
	"off", "或负责人", true };
static const struct field f_contact = { "contact_person", "联系人", "text", 50,
	"name", NULL, true };
static const struct field f_phone = { "phone", "联系电话", "tel", 30, "tel",
	NULL, false };
static const struct field f_email = { "email", "电子邮箱", "email", 100,
	"email", "选择以电子邮件提供或获取时必填", false };
static const struct field f_address = { "address", "通信地址", "text", 200,
	"street-address", "选择邮寄或快递时必填", false };
static const struct field f_postcode = { "postcode", "邮政编码", "text", 6,
	"postal-code", "6 位数字", false };
static const struct field f_info_name = { "info_name", "所需信息名称", "text",
	200, "off", "如：2025年岳麓区城乡低保资金发放情况", false };
static const struct field f_doc_no = { "info_doc_no", "文号", "text", 100,
	"off", "如：岳政办发〔2025〕12号", false };
static const struct field f_desc = { "info_desc", "特征性描述", "textarea",
	2000, "off", "便于查找的其他描述：制作机关、大致时间、内容要点等",
	false };
static const struct field f_other = { "forms_other", "其他形式", "text",
	OTHER_FORM_MAX, "off", "选择「其他」时填写", false };
static const struct field f_reason = { "fee_waiver_reason", "减免理由",
	"textarea", 2000, "off", "如：享受城乡低保、特困人员救助供养等",
	false };

/* Which control a message of request.c belongs to: its 「label」 prefix. */
static const struct { const char *label, *id; } anchors[] = {
	{ "受理单位", "f-unit" }, { "申请人类型", "f-kind" },
	{ "姓名", "f-p_name" }, { "证件类型", "f-id_type" },
	{ "证件号码", "f-id_number" }, { "名称", "f-o_name" },
	{ "统一社会信用代码", "f-credit_code" }, { "法定代表人", "f-legal_rep" },
	{ "联系人", "f-contact_person" }, { "联系方式", "f-phone" },
	{ "联系电话", "f-phone" }, { "电子邮箱", "f-email" },
	{ "通信地址", "f-address" }, { "邮政编码", "f-postcode" },
	{ "所需信息名称", "f-info_name" }, { "所需信息", "f-info_name" },
	{ "文号", "f-info_doc_no" }, { "特征性描述", "f-info_desc" },
	{ "载体形式", "f-forms" }, { "其他形式", "f-forms_other" },
	{ "获取方式", "f-delivery" }, { "减免理由", "f-fee_waiver_reason" },
	{ "附件", "f-files" }, { "提交方式", "f-channel" },
	{ "提交日期", "f-submitted_on" }, { "签收日期", "f-signed_on" },
	{ "确认日期", "f-confirmed_on" },
};

/* The id of the control message 'msg' names, or NULL. */
static const char *anchor_of(const char *msg)
{
	for (size_t i = 0; i < sizeof(anchors) / sizeof(anchors[0]); i++) {
		size_t n = strlen(anchors[i].label);

		if (!strncmp(msg, "「", 3) &&
		    !strncmp(msg + 3, anchors[i].label, n) &&
		    !strncmp(msg + 3 + n, "」", 3))
			return anchors[i].id;
	}
	return NULL;
}

/* The messages of 'err' for control 'id' as a <p> with id ID-err;
 * whether there were any. */
static bool field_errors(struct buf *b, const char *id,
			 const struct errors *err)
{
	bool any = false;

	for (size_t i = 0; err && i < err->n; i++) {
		const char *a = anchor_of(err->msg[i]);

		if (!a || strcmp(a, id))
			continue;
		if (!any)
			buf_addf(b, "<p class=\"field-error\" id=\"%s-err\">", id);
		else
			buf_adds(b, "<br>");
		html_esc(b, err->msg[i]);
		any = true;
	}
	if (any)
		buf_adds(b, "</p>\n");
	return any;
}

static bool has_errors(const char *id, const struct errors *err)
{
	for (size_t i = 0; err && i < err->n; i++) {
		const char *a = anchor_of(err->msg[i]);

		if (a && !strcmp(a, id))
			return true;
	}
	return false;
}

/* Whether form 'v' has name=value among its fields (tick boxes). */
static bool has_value(const struct query *v, const char *name,
		      const char *value)
{
	for (size_t i = 0; v && i < v->n; i++)
		if (!strcmp(v->fields[i].name, name) &&
		    !strcmp(v->fields[i].value, value))
			return true;
	return false;
}

static const char *value_of(const struct query *v, const char *name)
{
	const char *s = v ? query_get(v, name) : NULL;

	return s ? s : "";
}

/* A labelled text control with its hint and messages. */
static void input(struct buf *b, const struct field *f, const struct query *v,
		  const struct errors *err)
{
	char id[64];
	bool bad;

	snprintf(id, sizeof(id), "f-%s", f->name);
	bad = has_errors(id, err);
	buf_addf(b, "<div class=\"field%s\">\n<label for=\"%s\">%s%s</label>\n",
		 bad ? " invalid" : "", id, f->label, f->required ?
		 "<span class=\"req\" aria-hidden=\"true\">*</span>" : "");
	if (f->hint)
		buf_addf(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", id,
			 f->hint);
	field_errors(b, id, err);
	if (!strcmp(f->type, "textarea"))
		buf_addf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"4\" "
			 "maxlength=\"%d\"", id, f->name, f->max);
	else
		buf_addf(b, "<input id=\"%s\" name=\"%s\" type=\"%s\" "
			 "maxlength=\"%d\" autocomplete=\"%s\"", id, f->name,
			 f->type, f->max, f->autocomplete);
	if (f->required)
		buf_adds(b, " aria-required=\"true\"");
	if (!strcmp(f->name, "postcode"))
		buf_adds(b, " inputmode=\"numeric\"");
	if (bad)
		buf_adds(b, " aria-invalid=\"true\"");
	if (f->hint || bad) {
		buf_adds(b, " aria-describedby=\"");
		if (bad)
			buf_addf(b, "%s-err", id);
		if (f->hint)
			buf_addf(b, "%s%s-hint", bad ? " " : "", id);
		buf_adds(b, "\"");
	}
	if (!strcmp(f->type, "textarea")) {
		buf_adds(b, ">");
		html_esc(b, value_of(v, f->name));
		buf_adds(b, "</textarea>\n</div>\n");
	} else {
		buf_adds(b, " value=\"");
		html_esc(b, value_of(v, f->name));
		buf_adds(b, "\">\n</div>\n");
	}
}

/* A fieldset of radio buttons (radio) or tick boxes: one control for each
 * of values[] (NULL-terminated; labels[] shown, or the values), checked
 * as in 'v' or, for an empty form, 'dflt'; its messages under the
 * legend. */
static void choices(struct buf *b, const char *name, const char *legend,
		    const char *hint, bool radio, const char *const *values,
		    const char *const *labels, const char *dflt,
		    const struct query *v, const struct errors *err)
{
	char id[64];
	bool bad;

	snprintf(id, sizeof(id), "f-%s", name);
	bad = has_errors(id, err);
	buf_addf(b, "<fieldset class=\"choices%s\" id=\"%s\" tabindex=\"-1\">\n"
		 "<legend>%s<span class=\"req\" aria-hidden=\"true\">*</span>"
		 "<span class=\"sr\">（必填）</span></legend>\n",
		 bad ? " invalid" : "", id, legend);
	if (hint)
		buf_addf(b, "<p class=\"hint\">%s</p>\n", hint);
	field_errors(b, id, err);
	for (size_t i = 0; values[i]; i++) {
		bool on = v ? has_value(v, name, values[i]) :
			dflt && !strcmp(dflt, values[i]);

		buf_addf(b, "<span class=\"choice\"><input type=\"%s\" "
			 "id=\"%s-%zu\" name=\"%s\" value=\"", radio ? "radio" :
			 "checkbox", id, i, name);
		html_esc(b, values[i]);
		buf_addf(b, "\"%s%s> <label for=\"%s-%zu\">", on ? " checked" : "",
			 bad ? " aria-invalid=\"true\"" : "", id, i);
		html_esc(b, labels ? labels[i] : values[i]);
		buf_adds(b, "</label></span>\n");
	}
}

static const char *const id_types[] = {
	"居民身份证", "护照", "港澳居民来往内地通行证",
	"台湾居民来往大陆通行证", "港澳台居民居住证", "外国人永久居留身份证",
	"其他有效身份证件", NULL,
};

static void id_type_select(struct buf *b, const struct query *v,
			   const struct errors *err)
{
	const char *cur = v ? value_of(v, "id_type") : "居民身份证";
	bool bad = has_errors("f-id_type", err);

	buf_addf(b, "<div class=\"field%s\">\n<label for=\"f-id_type\">证件类型"
		 "<span class=\"req\" aria-hidden=\"true\">*</span></label>\n",
		 bad ? " invalid" : "");
	field_errors(b, "f-id_type", err);
	buf_addf(b, "<select id=\"f-id_type\" name=\"id_type\" "
		 "aria-required=\"true\"%s>\n", bad ? " aria-invalid=\"true\" "
		 "aria-describedby=\"f-id_type-err\"" : "");
	for (size_t i = 0; id_types[i]; i++)
		buf_addf(b, "<option%s>%s</option>\n",
			 !strcmp(cur, id_types[i]) ? " selected" : "",
			 id_types[i]);
	buf_adds(b, "</select>\n</div>\n");
}

void apply_unit_select(struct buf *b, const struct unit *units, size_t n,
		       int64_t selected, const struct errors *err)
{
	bool bad = has_errors("f-unit", err);

	buf_addf(b, "<div class=\"field%s\">\n<label for=\"f-unit\">受理单位"
		 "<span class=\"req\" aria-hidden=\"true\">*</span></label>\n"
		 "<p class=\"hint\" id=\"f-unit-hint\">向哪个行政机关申请："
		 "请选择制作或保存所需信息的机关</p>\n", bad ? " invalid" : "");
	field_errors(b, "f-unit", err);
	buf_addf(b, "<select id=\"f-unit\" name=\"unit\" aria-required=\"true\" "
		 "aria-describedby=\"%sf-unit-hint\"%s>\n<option value=\"\">"
		 "请选择</option>\n", bad ? "f-unit-err " : "",
		 bad ? " aria-invalid=\"true\"" : "");
	for (size_t i = 0; i < n; i++) {
		buf_addf(b, "<option value=\"%lld\"%s>", (long long)units[i].id,
			 units[i].id == selected ? " selected" : "");
		html_esc(b, units[i].name);
		buf_adds(b, "</option>\n");
	}
	buf_adds(b, "</select>\n</div>\n");
}

void apply_fields(struct buf *b, const struct query *v,
		  const struct errors *err, bool with_files)
{
	static const char *const org_kinds[] = { "commercial", "research",
		"nonprofit", "legal", "other", NULL };
	static const char *const org_labels[] = { "商业企业", "科研机构",
		"社会公益组织", "法律服务机构", "其他组织", NULL };
	static const char *const person[] = { "person", NULL };
	static const char *const person_label[] = { "自然人（公民）", NULL };
	static const char *const waiver[] = { "1", NULL };
	static const char *const waiver_label[] = {
		"申请减免信息处理费", NULL };
	const char *forms[8];
	size_t nforms = 0;

	/* 申请人类型: 自然人, or one of the kinds of 法人或其他组织 */
	choices(b, "kind", "申请人类型", NULL, true, person, person_label,
		"person", v, err);
	buf_adds(b, "<fieldset class=\"choices nested\">\n<legend>法人或其他组织"
		 "</legend>\n");
	for (size_t i = 0; org_kinds[i]; i++) {
		bool on = v && has_value(v, "kind", org_kinds[i]);

		buf_addf(b, "<span class=\"choice\"><input type=\"radio\" "
			 "id=\"f-kind-o%zu\" name=\"kind\" value=\"%s\"%s> "
			 "<label for=\"f-kind-o%zu\">%s</label></span>\n", i,
			 org_kinds[i], on ? " checked" : "", i, org_labels[i]);
	}
	buf_adds(b, "</fieldset>\n</fieldset>\n");

	buf_adds(b, "<fieldset id=\"g-person\">\n<legend>自然人（公民）</legend>\n"
		 "<p class=\"hint\">申请人是自然人时填写本栏。</p>\n");
	input(b, &f_p_name, v, err);
	id_type_select(b, v, err);
	input(b, &f_id_number, v, err);
	buf_adds(b, "</fieldset>\n");

	buf_adds(b, "<fieldset id=\"g-org\">\n<legend>法人或其他组织</legend>\n"
		 "<p class=\"hint\">申请人是法人或其他组织时填写本栏。</p>\n");
	input(b, &f_o_name, v, err);
	input(b, &f_credit, v, err);
	input(b, &f_legal, v, err);
	input(b, &f_contact, v, err);
	buf_adds(b, "</fieldset>\n");

	buf_adds(b, "<fieldset id=\"g-contact\">\n<legend>联系方式</legend>\n"
		 "<p class=\"hint\">联系电话、电子邮箱、通信地址至少填写一项，"
		 "用于告知补正、送达答复。</p>\n");
	input(b, &f_phone, v, err);
	input(b, &f_email, v, err);
	input(b, &f_address, v, err);
	input(b, &f_postcode, v, err);
	buf_adds(b, "</fieldset>\n");

	buf_adds(b, "<fieldset id=\"g-info\">\n<legend>所需政府信息</legend>\n"
		 "<p class=\"hint\">名称、文号、特征性描述至少填写一项，便于行政机关"
		 "查找（条例第二十九条）。</p>\n");
	input(b, &f_info_name, v, err);
	input(b, &f_doc_no, v, err);
	input(b, &f_desc, v, err);
	buf_adds(b, "</fieldset>\n");

	for (size_t i = 0; request_forms[i] && nforms < 6; i++)
		forms[nforms++] = request_forms[i];
	forms[nforms++] = "其他";
	forms[nforms] = NULL;
	choices(b, "forms", "所需信息的形式", "可多选", false, forms, NULL,
		NULL, v, err);
	input(b, &f_other, v, err);
	buf_adds(b, "</fieldset>\n");

	choices(b, "delivery", "获取信息的方式", "选择一种", true,
		(const char *const *)request_deliveries, NULL, NULL, v, err);
	buf_adds(b, "</fieldset>\n");

	buf_adds(b, "<fieldset id=\"g-fee\">\n<legend>信息处理费</legend>\n"
		 "<p class=\"hint\">依申请提供政府信息一般不收费；申请数量、频次"
		 "明显超过合理范围的，可以收取信息处理费（条例第四十二条）。"
		 "确有困难的可以申请减免。</p>\n");
	for (size_t i = 0; waiver[i]; i++) {
		bool on = v && has_value(v, "fee_waiver", waiver[i]);

		buf_addf(b, "<p class=\"choice\"><input type=\"checkbox\" "
			 "id=\"f-fee_waiver\" name=\"fee_waiver\" value=\"1\"%s> "
			 "<label for=\"f-fee_waiver\">%s</label></p>\n",
			 on ? " checked" : "", waiver_label[i]);
	}
	input(b, &f_reason, v, err);
	buf_adds(b, "</fieldset>\n");

	if (with_files) {
		bool bad = has_errors("f-files", err);

		buf_addf(b, "<fieldset id=\"g-files\">\n<legend>附件（可选）"
			 "</legend>\n<div class=\"field%s\">\n<label for=\"f-files\">"
			 "选择文件</label>\n<p class=\"hint\" id=\"f-files-hint\">"
			 "如身份证明、委托书等。最多 %d 个，每个不超过 %u MB，合计不"
			 "超过 %u MB；PDF、OFD、Word、Excel、图片（PNG、JPEG）或"
			 "文本文件。</p>\n", bad ? " invalid" : "",
			 APPLY_MAX_FILES, APPLY_MAX_FILE_BYTES >> 20,
			 APPLY_MAX_TOTAL_BYTES >> 20);
		field_errors(b, "f-files", err);
		buf_addf(b, "<input id=\"f-files\" name=\"files\" type=\"file\" "
			 "multiple aria-describedby=\"%sf-files-hint\"%s>\n</div>\n"
			 "</fieldset>\n", bad ? "f-files-err " : "",
			 bad ? " aria-invalid=\"true\"" : "");
	}
}

void apply_error_summary(struct buf *b, const struct errors *err,
			 bool files_sent)
{
	if (!err || !err->n)
		return;
	buf_addf(b, "<div class=\"notice error\" role=\"alert\" id=\"problems\" "
		 "tabindex=\"-1\">\n<h2>未能提交：请修改以下 %zu 处</h2>\n<ul>\n",
		 err->n);
	for (size_t i = 0; i < err->n; i++) {
		const char *a = anchor_of(err->msg[i]);

		buf_adds(b, "<li>");
		if (a)
			buf_addf(b, "<a href=\"#%s\">", a);
		html_esc(b, err->msg[i]);
		buf_adds(b, a ? "</a></li>\n" : "</li>\n");
	}
	buf_adds(b, "</ul>\n");
	if (files_sent)
		buf_adds(b, "<p>您填写的内容已保留；为安全起见，附件需要重新选择。"
			 "</p>\n");
	buf_adds(b, "</div>\n");
}

void apply_check_sizes(const struct query *v, struct errors *err)
{
	const char *other = value_of(v, "forms_other");

	/* 其他 is not one of request.c's forms: its text goes along */
	if (has_value(v, "forms", "其他") && !*other)
		errors_addf(err, "「其他形式」：选择「其他」时请写明所需信息的形式");
	if (*other && utf8_len(other) > OTHER_FORM_MAX)
		errors_addf(err, "「其他形式」：最多 %d 个字，现有 %zu 个",
			    OTHER_FORM_MAX, utf8_len(other));
}

/* A choice as request.c is shown it: a value longer than any choice is
 * cut (request.c quotes what it refuses). */
static const char *choice_value(struct arena *a, const char *s)
{
	size_t n = 0;

	if (!s || strlen(s) <= 40)
		return s;
	while (n < 36 && s[n]) {
		size_t k = 1;

		while (((unsigned char)s[n + k] & 0xc0) == 0x80)
			k++;
		if (n + k > 36)
			break;
		n += k;
	}
	return arena_printf(a, "%.*s…", (int)n, s);
}

void apply_filing_from_form(const struct query *v, struct arena *a,
			    struct request_filing *f)
{
	const char *kind = query_get(v, "kind");
	const char *other = value_of(v, "forms_other");
	bool person = kind && !strcmp(kind, "person");
	struct buf forms = BUF_INIT;

	memset(f, 0, sizeof(*f));
	f->applicant_kind = choice_value(a, kind);
	if (person || !kind)
		f->name = *value_of(v, "p_name") || person ?
			value_of(v, "p_name") : value_of(v, "o_name");
	else
		f->name = value_of(v, "o_name");
	if (person) {
		f->id_type = value_of(v, "id_type");
		f->id_number = value_of(v, "id_number");
	} else {
		f->credit_code = value_of(v, "credit_code");
		f->legal_rep = value_of(v, "legal_rep");
		f->contact_person = value_of(v, "contact_person");
	}
	f->phone = value_of(v, "phone");
	f->email = value_of(v, "email");
	f->address = value_of(v, "address");
	f->postcode = value_of(v, "postcode");
	f->info_name = value_of(v, "info_name");
	f->info_doc_no = value_of(v, "info_doc_no");
	f->info_desc = value_of(v, "info_desc");
	for (size_t i = 0; v && i < v->n; i++) {
		if (strcmp(v->fields[i].name, "forms") ||
		    !strcmp(v->fields[i].value, "其他"))
			continue;
		if (forms.len)
			buf_adds(&forms, "、");
		buf_adds(&forms, choice_value(a, v->fields[i].value));
	}
	f->forms = arena_strdup(a, forms.buf);
	buf_release(&forms);
	/* 其他 is no choice of request.c's: it travels with the description */
	if (has_value(v, "forms", "其他") && *other)
		f->info_desc = arena_printf(a, "%s%s所需信息的其他形式：%s",
					    f->info_desc, *f->info_desc ? "\n" : "",
					    other);
	f->delivery = choice_value(a, value_of(v, "delivery"));
	f->fee_waiver = has_value(v, "fee_waiver", "1");
	f->fee_waiver_reason = value_of(v, "fee_waiver_reason");
}

/* The uploaded parts of field "files" that carry a file. */
static bool is_upload(const struct form_part *p)
{
	return p->filename && !strcmp(p->name, "files") &&
		(*p->filename || p->len);
}

int apply_check_files(const struct http_request *rq, size_t max,
		      struct errors *err)
{
	size_t count = 0, total = 0, before = errors_count(err);

	for (size_t i = 0; i < rq->nparts; i++) {
		const struct form_part *p = &rq->parts[i];
		const char *why = NULL;

		if (!is_upload(p))
			continue;
		count++;
		total += p->len;
		if (!*p->filename)
			errors_addf(err, "「附件」：第 %zu 个文件没有文件名", count);
		else if (!p->len)
			errors_addf(err, "「附件」：%s 是空文件", p->filename);
		else if (p->len > APPLY_MAX_FILE_BYTES)
			errors_addf(err, "「附件」：%s 超过 %u MB，请压缩或拆分后"
				    "再上传", p->filename, APPLY_MAX_FILE_BYTES >> 20);
		else if (!attachment_mime(p->data, p->len, p->filename, &why))
			errors_addf(err, "「附件」：%s：%s", p->filename,
				    why ? why : "不支持这种文件");
	}
	if (count > max)
		errors_addf(err, "「附件」：最多上传 %zu 个文件，现有 %zu 个", max,
			    count);
	if (total > APPLY_MAX_TOTAL_BYTES)
		errors_addf(err, "「附件」：附件合计不能超过 %u MB",
			    APPLY_MAX_TOTAL_BYTES >> 20);
	return errors_count(err) > before ? -1 : (int)count;
}

int apply_store_files(struct http_request *rq, const struct actor *who,
		      int64_t id, int64_t unit_id, const char *region,
		      const char *role, struct errors *err)
{
	const char *idtext = arena_printf(rq->arena, "%lld", (long long)id);
	const char *what = !strcmp(role, "application") ? "申请材料" :
		!strcmp(role, "reply") ? "答复材料" : "其他材料";

	for (size_t i = 0; i < rq->nparts; i++) {
		const struct form_part *p = &rq->parts[i];
		const char *why, *mime;

		if (!is_upload(p))
			continue;
		mime = attachment_mime(p->data, p->len, p->filename, &why);
		if (!mime) {
			errors_addf(err, "「附件」：%s：%s", p->filename, why);
			return -1;
		}
		if (store_request_file_add(rq->wstore, id, role, p->filename,
					   mime, p->data, p->len, NULL, err) !=
		    STORE_OK ||
		    audit_append(rq->wstore, who, "request.file", "request",
				 idtext, region, unit_id, NULL, NULL,
				 arena_printf(rq->arena, "上传%s %s（%s，%zu 字节）",
					      what, p->filename, mime, p->len),
				 err))
			return -1;
	}
	return 0;
}

void apply_clock(struct buf *b, const struct request_timing *t,
		 const char *heading_id)
{
	buf_addf(b, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">答复期限"
		 "</h2>\n<p class=\"clock-summary\"><strong>", heading_id,
		 heading_id);
	html_esc(b, t->summary);
	buf_adds(b, "</strong></p>\n");
	if (t->missing_year) {
		buf_adds(b, "<p class=\"notice\">");
		html_esc(b, t->missing_year);
		buf_adds(b, "</p>\n");
	}
	if (t->clock.n) {
		buf_adds(b, "<h3>期限是怎样算出来的</h3>\n<ol class=\"clock-lines\">\n");
		for (size_t i = 0; i < t->clock.n; i++) {
			buf_adds(b, "<li>");
			html_esc(b, t->clock.lines[i]);
			buf_adds(b, "</li>\n");
		}
		buf_adds(b, "</ol>\n");
	}
	buf_adds(b, "</section>\n");
}

void apply_letter(struct buf *b, const char *text)
{
	buf_adds(b, "<div class=\"letter\">");
	html_esc(b, text);
	buf_adds(b, "</div>\n");
}

/* --- abuse control: a rate limit per address --- */

/* Seconds until 'key' may act again under 'limit' acts an hour: 0 when
 * it may now.  The log keeps the time of each act; the answer is when the
 * limit-th newest falls out of the hour (found by bisection on the
 * count, which only falls as 'since' moves on). */
static long rate_wait(struct store *s, const char *key, int64_t limit)
{
	char now[TIME_TEXT_LEN], since[TIME_TEXT_LEN];
	long lo = -WINDOW, hi = 0;
	int64_t n = 0;

	time_now_text(now);
	if (time_text_add(now, -WINDOW, since) ||
	    store_request_intake_count(s, key, since, &n) != STORE_OK ||
	    n < limit)
		return 0;
	while (lo < hi) {
		long mid = lo + (hi - lo + 1) / 2;

		if (time_text_add(now, mid, since) == 0 &&
		    store_request_intake_count(s, key, since, &n) == STORE_OK &&
		    n >= limit)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo + WINDOW + 1;
}

/* "12 分钟后（北京时间 15:40 以后）", in 'a'. */
static const char *wait_text(struct arena *a, long wait)
{
	char now[TIME_TEXT_LEN], then[TIME_TEXT_LEN];

	time_now_text(now);
	if (time_text_add(now, wait + 8 * 3600, then))
		return arena_printf(a, "%ld 分钟后", (wait + 59) / 60);
	return arena_printf(a, "%ld 分钟后（北京时间 %.5s 以后）",
			    (wait + 59) / 60, then + 11);
}

static void log_act(struct store *s, const char *key)
{
	char now[TIME_TEXT_LEN];

	time_now_text(now);
	store_request_intake_log(s, key, now, NULL);
}

/* --- the form page --- */

struct apply_ctx {
	const char *code;
	struct region r;
	struct site_info si;
	struct unit *units;
	size_t nunits;
	struct crumb crumbs[10];
	size_t ncrumbs;
	struct page_frame f;
};

static int load_ctx(struct http_request *rq, struct http_response *rs,
		    struct apply_ctx *c, const char *last)
{
	memset(c, 0, sizeof(*c));
	c->code = rq->params[0];
	if (store_region_get(rq->store, c->code, rq->arena, &c->r) !=
	    STORE_OK ||
	    site_load(rq->store, c->code, rq->arena, &c->si) != STORE_OK) {
		layout_error(rq, rs, 404, "没有这个地区",
			     "没有找到这个行政区划的专栏，请从首页进入。");
		return -1;
	}
	if (store_unit_list(rq->store, c->code, rq->arena, &c->units,
			    &c->nunits) != STORE_OK)
		c->nunits = 0;
	c->ncrumbs = part_region_crumbs(rq, c->code, true, c->crumbs, 8);
	c->crumbs[c->ncrumbs++] = (struct crumb){ "依申请公开", last ?
		arena_printf(rq->arena, "/r/%s/apply/", c->code) : NULL };
	if (last)
		c->crumbs[c->ncrumbs++] = (struct crumb){ last, NULL };
	c->f.title = last ? last : "依申请公开：提出政府信息公开申请";
	c->f.column_name = "依申请公开";
	c->f.column_type = "依申请公开";
	c->f.site = &c->si;
	c->f.crumbs = c->crumbs;
	c->f.ncrumbs = c->ncrumbs;
	return 0;
}

static void subregions(struct http_request *rq, struct buf *b,
		       const char *code)
{
	struct region *kids;
	size_t n;

	if (store_region_children(rq->store, code, rq->arena, &kids, &n) !=
	    STORE_OK || !n)
		return;
	buf_adds(b, "<section aria-labelledby=\"below\">\n<h2 id=\"below\">"
		 "向下级地区的行政机关申请</h2>\n<ul class=\"regions\">\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<li><a href=\"/r/");
		html_esc(b, kids[i].code);
		buf_adds(b, "/apply/\">");
		html_esc(b, kids[i].name);
		buf_adds(b, "</a></li>\n");
	}
	buf_adds(b, "</ul>\n</section>\n");
}

static void form_page(struct http_request *rq, struct http_response *rs,
		      struct apply_ctx *c, const struct query *v,
		      const struct errors *err, bool files_sent)
{
	struct buf *b = &rs->body;
	int64_t unit = 0;

	if (v)
		query_int(v, "unit", 1, INT64_MAX, 0, &unit);
	else if (query_int(&rq->query, "unit", 1, INT64_MAX, 0, &unit))
		unit = 0;
	buf_reset(b);
	layout_begin(rq, b, &c->f);
	buf_adds(b, "<p class=\"lead\">向");
	html_esc(b, c->r.name);
	buf_adds(b, "的行政机关申请获取政府信息（《中华人民共和国政府信息公开条例》"
		 "第二十七条至第四十五条）。</p>\n<ul class=\"facts\">\n"
		 "<li>行政机关自收到申请之日起 <strong>20 个工作日</strong>内答复；"
		 "需要延长的，经负责人同意并告知您，最多延长 20 个工作日（第三十三条）。"
		 "</li>\n<li>申请内容不明确的，行政机关在 7 个工作日内一次性告知您"
		 "补正（第三十条）。</li>\n<li>依申请提供政府信息不收费；申请数量、"
		 "频次明显超过合理范围的，可以收取信息处理费（第四十二条）。</li>\n"
		 "<li>提交后您会得到<strong>查询码</strong>，凭查询码可随时"
		 "<a href=\"/apply/track\">查询办理进度</a>。</li>\n</ul>\n");
	apply_error_summary(b, err, files_sent);
	if (!c->nunits) {
		buf_adds(b, "<p class=\"empty\">本地区没有登记可以受理申请的行政"
			 "机关，请向下级或上级地区的行政机关申请。</p>\n");
	} else {
		buf_adds(b, "<form class=\"form apply\" method=\"post\" action=\"/r/");
		html_esc(b, c->code);
		buf_adds(b, "/apply/\" enctype=\"multipart/form-data\" novalidate>\n"
			 "<p class=\"meta\">带 <span class=\"req\">*</span> 的为"
			 "必填项；自然人和法人或其他组织只需填写与自己相符的一栏。"
			 "</p>\n");
		apply_unit_select(b, c->units, c->nunits, unit, err);
		apply_fields(b, v, err, true);
		/* the honeypot: hidden from people (CSS) and from screen
		 * readers; a program filling every field fills it */
		buf_adds(b, "<div class=\"hp\" aria-hidden=\"true\">\n"
			 "<label for=\"f-" HONEYPOT "\">网址（请勿填写）</label>\n"
			 "<input id=\"f-" HONEYPOT "\" name=\"" HONEYPOT "\" "
			 "type=\"text\" tabindex=\"-1\" autocomplete=\"off\" "
			 "value=\"\">\n</div>\n"
			 "<p class=\"submit\"><button type=\"submit\">提交申请</button>"
			 "</p>\n</form>\n");
	}
	subregions(rq, b, c->code);
	layout_end(rq, b, &c->f);
}

void ui_apply_form(struct http_request *rq, struct http_response *rs)
{
	struct apply_ctx c;

	if (load_ctx(rq, rs, &c, NULL))
		return;
	form_page(rq, rs, &c, NULL, NULL, false);
}

/* --- filing --- */

static void done_page(struct http_request *rq, struct http_response *rs,
		      struct apply_ctx *c, const struct request_filed *filed)
{
	struct buf *b = &rs->body;
	struct request r;
	struct request_timing t;
	struct errors err = ERRORS_INIT;
	bool timed;

	timed = store_request_get(rq->wstore, filed->id, rq->arena, &r) ==
		STORE_OK && request_timing(rq->wstore, NULL, &r, NULL,
					   rq->arena, &t, &err) == 0;
	errors_release(&err);
	c->f.title = "申请已提交";
	c->crumbs[c->ncrumbs - 1].href = arena_printf(rq->arena, "/r/%s/apply/",
						      c->code);
	c->crumbs[c->ncrumbs++] = (struct crumb){ "申请已提交", NULL };
	c->f.ncrumbs = c->ncrumbs;
	buf_reset(b);
	layout_begin(rq, b, &c->f);
	buf_adds(b, "<div class=\"notice ok\" role=\"status\">\n<p>您的政府信息"
		 "公开申请已经提交。<strong>请记下查询码</strong>，凭它查询办理"
		 "进度和答复。</p>\n<p class=\"code-box\">查询码：<strong "
		 "class=\"code\" id=\"code\">");
	html_esc(b, filed->code);
	buf_adds(b, "</strong></p>\n</div>\n<dl class=\"columns\">\n<dt>编号</dt><dd>");
	html_esc(b, timed ? r.unit_name : "");
	html_esc(b, filed->number);
	buf_adds(b, "</dd>\n<dt>受理单位</dt><dd>");
	html_esc(b, timed ? r.unit_name : "");
	buf_adds(b, "</dd>\n<dt>收到申请之日</dt><dd>");
	html_esc(b, request_date_cn(filed->received_on, rq->arena));
	buf_adds(b, "<br><span class=\"meta\">");
	html_esc(b, filed->receipt_note);
	buf_adds(b, "</span></dd>\n");
	if (timed && *t.due) {
		buf_adds(b, "<dt>答复期限</dt><dd>");
		html_esc(b, request_date_cn(t.due, rq->arena));
		buf_adds(b, "（收到申请之日起 20 个工作日）</dd>\n");
	}
	buf_adds(b, "</dl>\n<h2>接下来</h2>\n<ol class=\"next\">\n<li><strong>审核"
		 "</strong>：受理单位审核申请是否完整、明确。需要补正的，");
	if (timed) {
		buf_adds(b, "最迟在");
		html_esc(b, request_date_cn(t.correction_due, rq->arena));
	} else {
		buf_adds(b, "在 7 个工作日内");
	}
	buf_adds(b, "一次性告知您需要补正的内容和期限（第三十条）；补正期间暂停"
		 "计时，收到补正后重新计算 20 个工作日。</li>\n<li><strong>办理"
		 "</strong>：涉及第三方合法权益或需要征求其他机关意见的，征求意见"
		 "的时间不计算在答复期限内（第三十二条、第三十三条）；需要延长答复"
		 "期限的，会告知您。</li>\n<li><strong>答复</strong>：受理单位");
	if (timed && *t.due) {
		buf_adds(b, "最迟在");
		html_esc(b, request_date_cn(t.due, rq->arena));
	} else {
		buf_adds(b, "在答复期限内");
	}
	buf_adds(b, "作出书面答复，按您选择的方式送达。</li>\n<li><strong>查询"
		 "</strong>：随时在<a href=\"/apply/track?code=");
	url_esc(b, filed->code);
	buf_adds(b, "\">办理进度查询</a>页面输入查询码查看。</li>\n</ol>\n");
	if (timed)
		apply_clock(b, &t, "clock");
	buf_adds(b, "<p><a href=\"/r/");
	html_esc(b, c->code);
	buf_adds(b, "/apply/\">再提交一件申请</a></p>\n");
	layout_end(rq, b, &c->f);
}

void ui_apply_submit(struct http_request *rq, struct http_response *rs)
{
	struct apply_ctx c;
	struct errors err = ERRORS_INIT;
	struct request_filing f;
	struct request_filed filed;
	struct request check;
	struct actor who = { 0 };
	const struct query *v = &rq->form;
	const char *hp = query_get(v, HONEYPOT);
	char today[CALENDAR_DATE_LEN];
	bool files_sent = false, unit_ok = false;
	int64_t unit = 0, id = 0;
	int nfiles;
	long wait;

	rs->cache_control = "no-store";
	rs->uncacheable = true;
	if (load_ctx(rq, rs, &c, NULL))
		return;
	if (!rq->wstore) {
		layout_error(rq, rs, 503, "暂时无法提交",
			     "系统暂时无法保存申请，请稍后再试，或当面、邮寄提交。");
		return;
	}
	for (size_t i = 0; i < rq->nparts; i++)
		files_sent |= is_upload(&rq->parts[i]);
	/* a filled honeypot: a program, told nothing it could learn from;
	 * it counts against the address like a filing */
	if (hp && *hp) {
		log_act(rq->wstore, rq->client);
		layout_error(rq, rs, 400, "未能提交",
			     "申请未能提交，请返回申请页面重新填写后提交。");
		return;
	}
	wait = rate_wait(rq->wstore, rq->client, FILE_LIMIT);
	if (wait) {
		errors_addf(&err, "提交过于频繁：同一网络地址 1 小时内最多在线提交 "
			    "%d 件申请。请在%s再提交；也可以当面、邮寄或传真提交"
			    "申请。", FILE_LIMIT, wait_text(rq->arena, wait));
		rs->status = 429;
		form_page(rq, rs, &c, v, &err, files_sent);
		goto out;
	}
	if (query_int(v, "unit", 1, INT64_MAX, 0, &unit) == 0)
		for (size_t i = 0; i < c.nunits; i++)
			unit_ok |= c.units[i].id == unit;
	apply_filing_from_form(v, rq->arena, &f);
	f.unit_id = unit_ok ? unit : 0;
	f.channel = "online";
	f.ip = rq->client;
	apply_check_sizes(v, &err);
	nfiles = apply_check_files(rq, APPLY_MAX_FILES, &err);
	if (err.n) {
		/* every other problem too, in one answer */
		request_today(today);
		request_check_filing(&f, today, rq->arena, &check, &err);
		rs->status = 400;
		form_page(rq, rs, &c, v, &err, files_sent);
		goto out;
	}
	who.username = arena_printf(rq->arena, "申请人：%s", f.name);
	who.client = rq->client;
	if (store_begin(rq->wstore, &err) == STORE_OK) {
		id = request_file(rq->wstore, &who, &f, rq->arena, &filed, &err);
		if (id && nfiles > 0 &&
		    apply_store_files(rq, &who, id, unit, c.r.code,
				      "application", &err))
			id = 0;
		if (id && store_commit(rq->wstore, &err) != STORE_OK)
			id = 0;
		else if (!id)
			store_rollback(rq->wstore);
	}
	if (!id) {
		rs->status = 400;
		form_page(rq, rs, &c, v, &err, files_sent);
		goto out;
	}
	log_act(rq->wstore, rq->client);
	done_page(rq, rs, &c, &filed);
out:
	errors_release(&err);
}

/* --- tracking --- */

/* What the applicant is told of one step (internal notes stay inside). */
static const char *step_detail(struct arena *a, const struct request *r,
			       const struct request_step *e)
{
	const char *k = e->kind;

	if (!strcmp(k, "registered"))
		return e->note;
	if (!strcmp(k, "correction_notice"))
		return arena_printf(a, "需要补正：%s；补正期限：%s", e->note,
				    e->until ? e->until : "");
	if (!strcmp(k, "correction_received"))
		return "收到补正后的申请，答复期限重新计算";
	if (!strcmp(k, "correction_lapsed"))
		return "逾期未补正，视为放弃申请（条例第三十条）";
	if (!strcmp(k, "third_party_sent"))
		return arena_printf(a, "书面征求第三方意见，第三方应于 %s 前提出"
				    "意见；征求意见的时间不计算在答复期限内",
				    e->until ? e->until : "");
	if (!strcmp(k, "agency_sent"))
		return arena_printf(a, "征求其他机关意见，应于 %s 前答复；征求意见"
				    "的时间不计算在答复期限内",
				    e->until ? e->until : "");
	if (!strcmp(k, "extension"))
		return arena_printf(a, "经负责人同意，答复期限延长 %d 个工作日，"
				    "延至 %s", e->days, e->until ? e->until : "");
	if (!strcmp(k, "fee_notice")) {
		char yuan[32];

		fee_format_yuan(r->fee_fen, yuan, sizeof(yuan));
		return arena_printf(a, "信息处理费 %s 元，缴费期限 %s", yuan,
				    e->until ? e->until : "");
	}
	if (!strcmp(k, "reply")) {
		const struct request_outcome *o = request_outcome_find(r->outcome);

		return o ? arena_printf(a, "%s%s%s", o->group_label,
					o->code[1] ? "：" : "",
					o->code[1] ? o->label : "") : "";
	}
	if (!strcmp(k, "delivered"))
		return e->note;
	return "";
}

static void track_result(struct http_request *rq, struct buf *b,
			 const struct request *r)
{
	struct request_step *v;
	struct request_timing t;
	struct errors err = ERRORS_INIT;
	const struct request_outcome *o = request_outcome_find(r->outcome);
	size_t n = 0;

	buf_adds(b, "<section aria-labelledby=\"case\">\n<h2 id=\"case\">办理情况"
		 "</h2>\n<dl class=\"columns\">\n<dt>编号</dt><dd>");
	html_esc(b, r->unit_name);
	html_esc(b, request_number(r, rq->arena));
	buf_adds(b, "</dd>\n<dt>受理单位</dt><dd>");
	html_esc(b, r->unit_name);
	buf_adds(b, "</dd>\n<dt>所需信息</dt><dd>");
	html_esc(b, *r->info_name ? r->info_name : *r->info_doc_no ?
		 r->info_doc_no : r->info_desc);
	buf_adds(b, "</dd>\n<dt>收到申请之日</dt><dd>");
	html_esc(b, request_date_cn(r->received_on, rq->arena));
	buf_adds(b, "</dd>\n<dt>当前状态</dt><dd><strong class=\"status\">");
	html_esc(b, request_term_label(request_statuses, r->status));
	buf_adds(b, "</strong></dd>\n</dl>\n</section>\n");

	if (store_request_steps(rq->store, r->id, rq->arena, &v, &n) ==
	    STORE_OK && n) {
		buf_adds(b, "<section aria-labelledby=\"steps\">\n<h2 id=\"steps\">"
			 "办理过程</h2>\n<div class=\"table-scroll\" role=\"region\" "
			 "tabindex=\"0\" aria-label=\"办理过程表格\"><table class=\"grid\">"
			 "<thead><tr><th scope=\"col\">日期</th><th scope=\"col\">办理"
			 "步骤</th><th scope=\"col\">说明</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < n; i++) {
			if (!strcmp(v[i].kind, "note"))
				continue;
			buf_adds(b, "<tr><td class=\"nw\">");
			html_esc(b, v[i].day);
			buf_adds(b, "</td><th scope=\"row\">");
			html_esc(b, request_step_label(v[i].kind));
			buf_adds(b, "</th><td>");
			html_esc(b, step_detail(rq->arena, r, &v[i]));
			buf_adds(b, "</td></tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n</section>\n");
	}
	if (request_timing(rq->store, NULL, r, NULL, rq->arena, &t, &err) == 0)
		apply_clock(b, &t, "clock");
	errors_release(&err);
	if (r->replied_on && *r->reply_letter) {
		buf_adds(b, "<section aria-labelledby=\"reply\">\n<h2 id=\"reply\">"
			 "答复</h2>\n<dl class=\"columns\">\n<dt>答复日期</dt><dd>");
		html_esc(b, request_date_cn(r->replied_on, rq->arena));
		buf_adds(b, "</dd>\n");
		if (o) {
			buf_adds(b, "<dt>办理结果</dt><dd>");
			html_esc(b, o->group_label);
			if (o->code[1]) {
				buf_adds(b, "：");
				html_esc(b, o->label);
			}
			buf_adds(b, "</dd>\n<dt>依据</dt><dd>");
			html_esc(b, request_article_cite(r->outcome_article,
							 rq->arena));
			buf_adds(b, "</dd>\n");
		}
		if (r->delivered_on) {
			buf_adds(b, "<dt>送达</dt><dd>");
			html_esc(b, r->delivered_how);
			buf_adds(b, "（");
			html_esc(b, request_date_cn(r->delivered_on, rq->arena));
			buf_adds(b, "）</dd>\n");
		}
		buf_adds(b, "</dl>\n<h3>答复书</h3>\n");
		apply_letter(b, r->reply_letter);
		buf_adds(b, "</section>\n");
	}
}

void ui_apply_track(struct http_request *rq, struct http_response *rs)
{
	const char *code = query_get(&rq->query, "code");
	struct page_frame f = { 0 };
	struct site_info si;
	struct crumb crumbs[2] = { { "首页", "/" }, { "依申请公开办理进度查询",
						    NULL } };
	struct buf *b = &rs->body;
	struct request r;
	const char *key = arena_printf(rq->arena, "track:%s", rq->client);
	const char *problem = NULL;
	bool found = false;
	long wait = 0;

	rs->cache_control = "no-store";
	rs->uncacheable = true;
	if (code && *code) {
		if (!rq->wstore) {
			layout_error(rq, rs, 503, "暂时无法查询",
				     "系统暂时无法查询，请稍后再试。");
			return;
		}
		wait = rate_wait(rq->wstore, key, TRACK_LIMIT);
		if (wait) {
			rs->status = 429;
			problem = arena_printf(rq->arena, "查询过于频繁：同一网络"
					       "地址 1 小时内最多可以查询 %d 次不存在"
					       "的查询码。请在%s再查询。", TRACK_LIMIT,
					       wait_text(rq->arena, wait));
		} else if (request_by_code(rq->store, code, rq->arena, &r) ==
			   STORE_OK) {
			found = true;
		} else {
			if (!rq->head)
				log_act(rq->wstore, key);
			rs->status = 404;
			problem = "没有找到这个查询码对应的申请。请核对后重新输入："
				"查询码共 12 位，由字母和数字组成（不含 0、O、1、I），"
				"如 ABCD-EFGH-JKLM。";
		}
	}
	f.title = "依申请公开办理进度查询";
	f.column_name = "依申请公开";
	f.column_type = "依申请公开";
	if (site_load(rq->store, rq->site->home_region, rq->arena, &si) ==
	    STORE_OK)
		f.site = &si;
	f.crumbs = crumbs;
	f.ncrumbs = 2;
	layout_begin(rq, b, &f);
	if (problem) {
		buf_adds(b, "<div class=\"notice error\" role=\"alert\"><p>");
		html_esc(b, problem);
		buf_adds(b, "</p></div>\n");
	}
	buf_adds(b, "<form class=\"form inline track\" method=\"get\" "
		 "action=\"/apply/track\">\n<div class=\"field\">\n"
		 "<label for=\"f-code\">查询码</label>\n<p class=\"hint\" "
		 "id=\"f-code-hint\">提交申请时得到的 12 位字母和数字，如 "
		 "ABCD-EFGH-JKLM（不区分大小写，短横线可不输入）</p>\n"
		 "<input id=\"f-code\" name=\"code\" type=\"text\" maxlength=\"40\" "
		 "autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" "
		 "aria-describedby=\"f-code-hint\"");
	if (problem)
		buf_adds(b, " aria-invalid=\"true\"");
	buf_adds(b, " value=\"");
	if (code && strlen(code) <= 40)
		html_esc(b, code);
	buf_adds(b, "\">\n</div>\n<p><button type=\"submit\">查询</button></p>\n"
		 "</form>\n");
	if (found)
		track_result(rq, b, &r);
	else if (!code || !*code)
		buf_adds(b, "<p class=\"meta\">还没有提交申请？请到所在地区专栏的"
			 "「依申请公开」栏目提出申请。</p>\n");
	layout_end(rq, b, &f);
}
