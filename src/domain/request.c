/* request.c: disclosure on request (依申请公开) — see request.h
 *
 * The file has four parts: the vocabularies and the outcomes of table 三
 * (data the pages and the annual report share); intake (checking a
 * filing, 收到申请之日 by 第三十一条, the 查询码, filing in one
 * transaction); the handling steps (one table says from which statuses
 * each step may be taken, one function takes any step: checks, the event,
 * the new state and the audit entry in one transaction); and the clock
 * and the reply letter built on request-clock.c and the region's
 * template.  Every refusal is a Chinese sentence naming the field or the
 * rule; nothing is written when there is one.
 */
#include "request.h"

#include <ctype.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "authz.h"
#include "fee.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"

/* --- vocabularies --- */

const struct request_term request_applicant_kinds[] = {
	{ "person", "自然人" },
	{ "commercial", "商业企业" },
	{ "research", "科研机构" },
	{ "nonprofit", "社会公益组织" },
	{ "legal", "法律服务机构" },
	{ "other", "其他" },
	{ NULL, NULL },
};

const struct request_term request_channels[] = {
	{ "online", "互联网在线申请" },
	{ "in_person", "当面提交" },
	{ "mail_signed", "邮寄（需签收）" },
	{ "mail_plain", "平常信函" },
	{ "fax", "传真" },
	{ "email", "电子邮件" },
	{ NULL, NULL },
};

/* In this order: status_bit() indexes it. */
const struct request_term request_statuses[] = {
	{ "registered", "已登记" },
	{ "reviewing", "审核中" },
	{ "correcting", "待补正" },
	{ "handling", "办理中" },
	{ "replied", "已答复" },
	{ "archived", "已归档" },
	{ NULL, NULL },
};

const char *const request_forms[] = {
	"纸质", "电子邮件", "光盘", "磁盘", NULL,
};
const char *const request_deliveries[] = {
	"邮寄", "快递", "电子邮件", "传真", "自行领取", "当场查阅", NULL,
};

const char *request_term_label(const struct request_term *list,
			       const char *code)
{
	for (size_t i = 0; code && list[i].code; i++)
		if (!strcmp(list[i].code, code))
			return list[i].label;
	return "";
}

const char *request_term_parse(const struct request_term *list,
			       const char *text)
{
	for (size_t i = 0; text && list[i].code; i++)
		if (!strcmp(list[i].code, text) || !strcmp(list[i].label, text))
			return list[i].code;
	return NULL;
}

bool request_kind_is_person(const char *kind)
{
	return kind && !strcmp(kind, "person");
}

/* The labels of a NULL-terminated list joined by 、, in 'a'. */
static const char *joined(const char *const *list, struct arena *a)
{
	struct buf b = BUF_INIT;
	const char *r;

	for (size_t i = 0; list[i]; i++) {
		if (i)
			buf_adds(&b, "、");
		buf_adds(&b, list[i]);
	}
	r = arena_strdup(a, b.buf);
	buf_release(&b);
	return r;
}

static const char *term_labels(const struct request_term *list,
			       struct arena *a)
{
	const char *v[16];
	size_t n = 0;

	for (; list[n].code && n < 15; n++)
		v[n] = list[n].label;
	v[n] = NULL;
	return joined(v, a);
}

/* --- outcomes --- */

const struct request_outcome request_outcomes[REQUEST_OUTCOMES] = {
	{ "1", 1, "（一）予以公开", "（一）予以公开", "予以公开",
	  "第三十六条第（二）项",
	  "您申请获取的政府信息属于公开范围，本机关予以公开，现按您要求的"
	  "形式和获取方式提供。" },
	{ "2", 2, "（二）部分公开",
	  "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
	  "部分公开", "第三十七条",
	  "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，"
	  "本机关向您提供可以公开的部分，其余部分不予公开。" },
	{ "3.1", 3, "（三）不予公开", "1.属于国家秘密", "属于国家秘密",
	  "第十四条",
	  "您申请获取的政府信息属于依法确定的国家秘密，本机关不予公开。" },
	{ "3.2", 3, "（三）不予公开", "2.其他法律行政法规禁止公开",
	  "其他法律行政法规禁止公开", "第十四条",
	  "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，"
	  "本机关不予公开。" },
	{ "3.3", 3, "（三）不予公开", "3.危及“三安全一稳定”",
	  "危及“三安全一稳定”", "第十四条",
	  "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、"
	  "社会稳定，本机关不予公开。" },
	{ "3.4", 3, "（三）不予公开", "4.保护第三方合法权益",
	  "保护第三方合法权益", "第十五条",
	  "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方"
	  "合法权益造成损害，本机关不予公开。" },
	{ "3.5", 3, "（三）不予公开", "5.属于三类内部事务信息",
	  "属于三类内部事务信息", "第十六条第一款",
	  "您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部"
	  "事务信息，本机关不予公开。" },
	{ "3.6", 3, "（三）不予公开", "6.属于四类过程性信息",
	  "属于四类过程性信息", "第十六条第二款",
	  "您申请获取的政府信息属于履行行政管理职能过程中形成的讨论记录、"
	  "过程稿、磋商信函、请示报告等过程性信息，本机关不予公开。" },
	{ "3.7", 3, "（三）不予公开", "7.属于行政执法案卷",
	  "属于行政执法案卷", "第十六条第二款",
	  "您申请获取的政府信息属于行政执法案卷信息，本机关不予公开。" },
	{ "3.8", 3, "（三）不予公开", "8.属于行政查询事项",
	  "属于行政查询事项", "第三十六条第（七）项",
	  "您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对"
	  "信息的获取有特别规定的行政查询事项，请依照有关法律、行政法规的"
	  "规定办理。" },
	{ "4.1", 4, "（四）无法提供", "1.本机关不掌握相关政府信息",
	  "本机关不掌握相关政府信息", "第三十六条第（四）项、第（五）项",
	  "经检索，本机关没有制作或者获取您申请获取的政府信息，无法提供。" },
	{ "4.2", 4, "（四）无法提供", "2.没有现成信息需要另行制作",
	  "没有现成信息需要另行制作", "第三十八条",
	  "您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关"
	  "不予提供。" },
	{ "4.3", 4, "（四）无法提供", "3.补正后申请内容仍不明确",
	  "补正后申请内容仍不明确", "第三十条",
	  "经补正，您的申请内容仍不明确，本机关无法确定您申请获取的政府"
	  "信息，无法提供。" },
	{ "5.1", 5, "（五）不予处理", "1.信访举报投诉类申请",
	  "信访举报投诉类申请", "第三十九条第一款",
	  "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不"
	  "作为政府信息公开申请处理，您可以通过相应渠道提出。" },
	{ "5.2", 5, "（五）不予处理", "2.重复申请", "重复申请",
	  "第三十六条第（六）项",
	  "您申请获取的政府信息本机关已经答复，您重复申请公开相同的政府"
	  "信息，本机关不予重复处理。" },
	{ "5.3", 5, "（五）不予处理", "3.要求提供公开出版物",
	  "要求提供公开出版物", "第三十九条第二款",
	  "您申请获取的是政府公报、报刊、书籍等公开出版物，您可以通过公开"
	  "发行的渠道获取。" },
	{ "5.4", 5, "（五）不予处理", "4.无正当理由大量反复申请",
	  "无正当理由大量反复申请", "第三十五条",
	  "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不"
	  "合理，本机关不予处理。" },
	{ "5.5", 5, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息",
	  "要求行政机关确认或重新出具已获取信息", "",
	  "您要求本机关确认或者重新出具已经获取的信息，不属于政府信息公开"
	  "申请的处理范围，本机关不予处理。" },
	{ "6.1", 6, "（六）其他处理",
	  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	  "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	  "第三十条",
	  "本机关已告知您补正申请，您无正当理由逾期未补正，视为放弃申请，"
	  "本机关不再处理该政府信息公开申请。" },
	{ "6.2", 6, "（六）其他处理",
	  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息"
	  "公开申请",
	  "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息"
	  "公开申请",
	  "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
	  "本机关已向您发出收费通知，您逾期未按收费通知要求缴纳信息处理费，"
	  "本机关不再处理该政府信息公开申请。" },
	{ "6.3", 6, "（六）其他处理", "3.其他", "其他", "",
	  "本机关对您的申请作如下处理：……。" },
};

const struct request_outcome *request_outcome_find(const char *code)
{
	for (size_t i = 0; code && i < REQUEST_OUTCOMES; i++)
		if (!strcmp(request_outcomes[i].code, code))
			return &request_outcomes[i];
	return NULL;
}

#define TIAOLI "《中华人民共和国政府信息公开条例》"

const char *request_article_cite(const char *article, struct arena *a)
{
	if (!article || !*article)
		return TIAOLI;
	if (!strncmp(article, "第", strlen("第")))
		return arena_printf(a, TIAOLI "%s", article);
	return arena_strdup(a, article);
}

/* --- small checks --- */

bool request_credit_code_valid(const char *code)
{
	static const char chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int weight[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29,
					25, 13, 8, 24, 10, 30, 28 };
	int sum = 0, check;

	if (!code || strlen(code) != 18)
		return false;
	for (int i = 0; i < 18; i++) {
		const char *p = code[i] ? strchr(chars, code[i]) : NULL;

		if (!p)
			return false;
		if (i < 17)
			sum += (int)(p - chars) * weight[i];
	}
	check = 31 - sum % 31;
	if (check == 31)
		check = 0;
	return code[17] == chars[check];
}

bool request_id_card_valid(const char *number)
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9,
					10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int sum = 0;

	if (!number || strlen(number) != 18)
		return false;
	for (int i = 0; i < 17; i++) {
		if (number[i] < '0' || number[i] > '9')
			return false;
		sum += (number[i] - '0') * weight[i];
	}
	return number[17] == check[sum % 11];
}

void request_code_new(char out[REQUEST_CODE_LEN + 1])
{
	static const char alphabet[] = REQUEST_CODE_ALPHABET;
	int k = 0;

	for (int i = 0; i < 12; i++) {
		if (i && i % 4 == 0)
			out[k++] = '-';
		out[k++] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	}
	out[k] = '\0';
}

int request_code_normalize(const char *text, char out[REQUEST_CODE_LEN + 1])
{
	static const char alphabet[] = REQUEST_CODE_ALPHABET;
	int n = 0, k = 0;

	if (!text)
		return -1;
	for (const char *p = text; *p; p++) {
		int c = toupper((unsigned char)*p);

		if (c == '-' || c == ' ')
			continue;
		if (n == 12 || !c || !strchr(alphabet, c))
			return -1;
		if (n && n % 4 == 0)
			out[k++] = '-';
		out[k++] = (char)c;
		n++;
	}
	out[k] = '\0';
	return n == 12 ? 0 : -1;
}

const char *request_number(const struct request *r, struct arena *a)
{
	return arena_printf(a, "〔%d〕%d号", r->year, r->serial);
}

void request_today(char out[CALENDAR_DATE_LEN])
{
	char now[TIME_TEXT_LEN];

	time_now_text(now);
	if (time_text_date_cn(now, out))
		snprintf(out, CALENDAR_DATE_LEN, "%.10s", now);
}

const char *request_date_cn(const char *ymd, struct arena *a)
{
	int32_t z;
	int y, m, d;

	if (!ymd || calendar_parse_date(ymd, &z))
		return ymd ? arena_strdup(a, ymd) : "";
	calendar_civil_from_days(z, &y, &m, &d);
	return arena_printf(a, "%d年%d月%d日", y, m, d);
}

/* --- intake --- */

/* Field limits, in characters. */
enum {
	MAX_NAME = 100, MAX_SHORT = 50, MAX_ID = 40, MAX_PHONE = 30,
	MAX_EMAIL = 100, MAX_ADDRESS = 200, MAX_INFO = 200, MAX_DOCNO = 100,
	MAX_LONG = 2000, MAX_IP = 64,
};

/* 'v' trimmed, in 'a' ("" for NULL); checked to be UTF-8 of at most 'max'
 * characters with no control characters but (when 'multiline') line
 * breaks.  A problem is added to 'err' naming 'label'. */
static const char *field(struct arena *a, const char *v, const char *label,
			 size_t max, bool multiline, struct errors *err)
{
	struct buf b = BUF_INIT;
	const char *r;

	if (!v || !*v)
		return "";
	if (!utf8_valid(v, strlen(v))) {
		errors_addf(err, "「%s」：不是有效的 UTF-8 文本", label);
		return "";
	}
	utf8_trim(&b, v);
	for (const unsigned char *p = (const unsigned char *)b.buf; *p; p++)
		if ((*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t'))) ||
		    *p == 0x7f) {
			errors_addf(err, "「%s」：含有不可见的控制字符，请删除",
				    label);
			break;
		}
	if (utf8_len(b.buf) > max)
		errors_addf(err, "「%s」：最多 %zu 个字，现有 %zu 个", label, max,
			    utf8_len(b.buf));
	r = arena_strdup(a, b.buf);
	buf_release(&b);
	return r;
}

static bool phone_ok(const char *p)
{
	size_t digits = 0;

	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-()", *p))
			return false;
	}
	return digits >= 5 && digits <= 20;
}

static bool email_ok(const char *e)
{
	const char *at = strchr(e, '@');

	if (!at || at == e || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    at[1] == '.' || e[strlen(e) - 1] == '.')
		return false;
	for (; *e; e++)
		if ((unsigned char)*e <= ' ' || strchr("<>\",;", *e))
			return false;
	return true;
}

static bool has_choice(const char *list, const char *choice)
{
	return list && strstr(list, choice) != NULL;
}

/* A list of choices separated by 、，, ; ； or white space, each one of
 * 'allowed', as "a、b" in 'a' (no repeats).  Problems name 'label'. */
static const char *choices(struct arena *a, const char *text,
			   const char *const *allowed, const char *label,
			   struct errors *err)
{
	static const char *const seps[] = { "、", "，", "；", ",", ";", " ",
					    "\t", "　", NULL };
	struct buf out = BUF_INIT, word = BUF_INIT;
	bool seen[16] = { false }, bad = false;
	const char *p = text ? text : "", *r;
	size_t n = 0;

	for (;;) {
		size_t sep = 0;

		for (size_t i = 0; seps[i] && *p; i++)
			if (!strncmp(p, seps[i], strlen(seps[i]))) {
				sep = strlen(seps[i]);
				break;
			}
		if (*p && !sep) {
			buf_addch(&word, *p++);
			continue;
		}
		if (word.len) {
			size_t k;

			for (k = 0; allowed[k]; k++)
				if (!strcmp(allowed[k], word.buf))
					break;
			if (!allowed[k]) {
				errors_addf(err, "「%s」：「%s」不是可选的一项，可选：%s",
					    label, word.buf, joined(allowed, a));
				bad = true;
			} else if (!seen[k] && k < 16) {
				seen[k] = true;
				if (n++)
					buf_adds(&out, "、");
				buf_adds(&out, allowed[k]);
			}
			buf_reset(&word);
		}
		if (!*p)
			break;
		p += sep;
	}
	if (!n && !bad)
		errors_addf(err, "「%s」：请至少选择一项（%s）", label,
			    joined(allowed, a));
	r = arena_strdup(a, out.buf);
	buf_release(&out);
	buf_release(&word);
	return r;
}

/* A date field: "" when empty, else YYYY-MM-DD; problems name 'label'. */
static const char *date_field(struct arena *a, const char *v,
			      const char *label, const char *today,
			      struct errors *err)
{
	char d[CALENDAR_DATE_LEN];

	if (!v || !*v)
		return "";
	if (calendar_normalize_date(v, d)) {
		errors_addf(err, "「%s」：「%s」不是有效的日期（如 2026-03-02）",
			    label, v);
		return "";
	}
	if (today && strcmp(d, today) > 0) {
		errors_addf(err, "「%s」：%s 晚于今天（%s）", label, d, today);
		return "";
	}
	return arena_strdup(a, d);
}

int request_receipt_date(const char *channel, const char *submitted_on,
			 const char *signed_on, const char *confirmed_on,
			 const char *today, struct arena *a,
			 char out[CALENDAR_DATE_LEN], const char **note,
			 struct errors *err)
{
	size_t before = errors_count(err);
	const char *sub = date_field(a, submitted_on, "提交日期", today, err);
	const char *sig = date_field(a, signed_on, "签收日期", today, err);
	const char *con = date_field(a, confirmed_on, "确认日期", today, err);
	const char *day = NULL;

	*note = "";
	out[0] = '\0';
	if (errors_count(err) > before)
		return -1;
	if (!channel || !request_term_parse(request_channels, channel)) {
		errors_addf(err, "「提交方式」：请选择 %s 之一",
			    term_labels(request_channels, a));
		return -1;
	}
	if (!strcmp(channel, "in_person")) {
		day = *sub ? sub : today;
		*note = arena_printf(a, "当面提交，以提交之日（%s）为收到申请之日"
				     "（条例第三十一条第一项）", day);
	} else if (!strcmp(channel, "mail_signed")) {
		if (!*sig) {
			errors_addf(err, "「签收日期」：邮寄的申请以本机关签收之日为"
				    "收到申请之日（条例第三十一条第二项），请填写"
				    "签收日期");
			return -1;
		}
		day = sig;
		*note = arena_printf(a, "邮寄提交，以本机关签收之日（%s）为收到"
				     "申请之日（条例第三十一条第二项）", day);
	} else if (!strcmp(channel, "mail_plain")) {
		if (!*con) {
			errors_addf(err, "「确认日期」：以平常信函提交的申请，应于"
				    "收到当日与申请人确认，以确认之日为收到申请之日"
				    "（条例第三十一条第二项），请填写确认日期");
			return -1;
		}
		day = con;
		*note = arena_printf(a, "以平常信函提交，与申请人确认之日（%s）为"
				     "收到申请之日（条例第三十一条第二项）", day);
	} else if (!strcmp(channel, "fax") || !strcmp(channel, "email")) {
		const char *how = !strcmp(channel, "fax") ? "传真" : "电子邮件";

		if (!*con) {
			errors_addf(err, "「确认日期」：通过%s提交的申请以双方确认"
				    "之日为收到申请之日（条例第三十一条第三项），"
				    "请填写确认日期", how);
			return -1;
		}
		day = con;
		*note = arena_printf(a, "通过%s提交，以双方确认之日（%s）为收到"
				     "申请之日（条例第三十一条第三项）", how, day);
	} else {		/* online */
		day = *con ? con : today;
		*note = arena_printf(a, "通过互联网在线提交，系统出具查询码即双方"
				     "确认，以确认之日（%s）为收到申请之日（条例"
				     "第三十一条第三项）", day);
	}
	if (*sub && strcmp(sub, day) > 0) {
		errors_addf(err, "「提交日期」：%s 晚于收到申请之日 %s", sub, day);
		return -1;
	}
	snprintf(out, CALENDAR_DATE_LEN, "%s", day);
	return 0;
}

int request_check_filing(const struct request_filing *in, const char *today,
			 struct arena *a, struct request *out,
			 struct errors *err)
{
	size_t before = errors_count(err);
	char received[CALENDAR_DATE_LEN];
	const char *kind, *channel, *note;
	struct request *r = out;

	memset(r, 0, sizeof(*r));
	r->unit_id = in->unit_id;
	if (in->unit_id <= 0)
		errors_addf(err, "「受理单位」：请选择申请向哪个单位提出");
	kind = request_term_parse(request_applicant_kinds, in->applicant_kind);
	if (!kind) {
		errors_addf(err, "「申请人类型」：只能是 %s 之一",
			    term_labels(request_applicant_kinds, a));
		kind = "person";
	}
	r->applicant_kind = kind;
	r->name = field(a, in->name, request_kind_is_person(kind) ? "姓名"
			: "名称", MAX_NAME, false, err);
	r->phone = field(a, in->phone, "联系电话", MAX_PHONE, false, err);
	r->email = field(a, in->email, "电子邮箱", MAX_EMAIL, false, err);
	r->address = field(a, in->address, "通信地址", MAX_ADDRESS, false, err);
	r->postcode = field(a, in->postcode, "邮政编码", 6, false, err);
	r->id_type = r->id_number = "";
	r->credit_code = r->legal_rep = r->contact_person = "";
	if (request_kind_is_person(kind)) {
		r->id_type = field(a, in->id_type, "证件类型", MAX_SHORT, false,
				   err);
		r->id_number = field(a, in->id_number, "证件号码", MAX_ID,
				     false, err);
		if (!*r->name)
			errors_addf(err, "「姓名」：请填写申请人的姓名");
		if (!*r->id_type)
			errors_addf(err, "「证件类型」：请填写身份证明的证件类型"
				    "（如 居民身份证、护照）");
		if (!*r->id_number)
			errors_addf(err, "「证件号码」：请填写证件号码");
		else if (strstr(r->id_type, "身份证") &&
			 !strstr(r->id_type, "外国人")) {
			char *up = arena_strdup(a, r->id_number);

			for (char *p = up; *p; p++)
				*p = (char)toupper((unsigned char)*p);
			r->id_number = up;
			if (!request_id_card_valid(up))
				errors_addf(err, "「证件号码」：%s 不是有效的18位"
					    "居民身份证号码（位数或最后一位校验码"
					    "不对）", up);
		}
	} else {
		const char *cc = field(a, in->credit_code, "统一社会信用代码",
				       18, false, err);
		char *up = arena_strdup(a, cc);

		for (char *p = up; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		r->credit_code = up;
		r->legal_rep = field(a, in->legal_rep, "法定代表人", MAX_SHORT,
				     false, err);
		r->contact_person = field(a, in->contact_person, "联系人",
					  MAX_SHORT, false, err);
		if (!*r->name)
			errors_addf(err, "「名称」：请填写法人或其他组织的名称");
		if (!*up)
			errors_addf(err, "「统一社会信用代码」：请填写18位统一社会"
				    "信用代码");
		else if (!request_credit_code_valid(up))
			errors_addf(err, "「统一社会信用代码」：%s 不是有效的统一"
				    "社会信用代码（应为18位数字或大写字母，不含 I、"
				    "O、Z、S、V，最后一位为校验码）", up);
		if (!*r->legal_rep)
			errors_addf(err, "「法定代表人」：请填写法定代表人（负责人）"
				    "姓名");
		if (!*r->contact_person)
			errors_addf(err, "「联系人」：请填写联系人姓名");
	}
	if (!*r->phone && !*r->email && !*r->address)
		errors_addf(err, "「联系方式」：请至少填写联系电话、电子邮箱、"
			    "通信地址中的一项");
	if (*r->phone && !phone_ok(r->phone))
		errors_addf(err, "「联系电话」：%s 不是有效的电话号码（只能有数字、"
			    "空格和 + - ( )）", r->phone);
	if (*r->email && !email_ok(r->email))
		errors_addf(err, "「电子邮箱」：%s 不是有效的电子邮箱地址",
			    r->email);
	if (*r->postcode && (strlen(r->postcode) != 6 ||
			     strspn(r->postcode, "0123456789") != 6))
		errors_addf(err, "「邮政编码」：应为6位数字");

	r->info_name = field(a, in->info_name, "所需信息名称", MAX_INFO, false,
			     err);
	r->info_doc_no = field(a, in->info_doc_no, "文号", MAX_DOCNO, false,
			       err);
	r->info_desc = field(a, in->info_desc, "特征性描述", MAX_LONG, true,
			     err);
	if (!*r->info_name && !*r->info_doc_no && !*r->info_desc)
		errors_addf(err, "「所需信息」：请至少填写所需政府信息的名称、文号"
			    "或便于查询的特征性描述之一（条例第二十九条）");
	r->forms = choices(a, in->forms, request_forms, "载体形式", err);
	r->delivery = choices(a, in->delivery, request_deliveries, "获取方式",
			      err);
	if ((has_choice(r->forms, "电子邮件") ||
	     has_choice(r->delivery, "电子邮件")) && !*r->email)
		errors_addf(err, "「电子邮箱」：选择以电子邮件提供或获取时须填写"
			    "电子邮箱");
	if ((has_choice(r->delivery, "邮寄") || has_choice(r->delivery, "快递"))
	    && !*r->address)
		errors_addf(err, "「通信地址」：选择邮寄或快递时须填写通信地址");
	r->fee_waiver = in->fee_waiver;
	r->fee_waiver_reason = field(a, in->fee_waiver_reason, "减免理由",
				     MAX_LONG, true, err);
	if (r->fee_waiver && !*r->fee_waiver_reason)
		errors_addf(err, "「减免理由」：申请减免信息处理费时请说明理由");
	if (!r->fee_waiver)
		r->fee_waiver_reason = "";

	channel = request_term_parse(request_channels, in->channel);
	if (!channel)
		errors_addf(err, "「提交方式」：请选择 %s 之一",
			    term_labels(request_channels, a));
	r->channel = channel ? channel : "";
	r->ip = field(a, in->ip, "来源地址", MAX_IP, false, err);
	if (channel && request_receipt_date(channel, in->submitted_on,
					    in->signed_on, in->confirmed_on,
					    today, a, received, &note,
					    err) == 0) {
		char sub[CALENDAR_DATE_LEN];

		if (in->submitted_on && *in->submitted_on &&
		    calendar_normalize_date(in->submitted_on, sub) == 0)
			r->submitted_on = arena_strdup(a, sub);
		else
			r->submitted_on = arena_strdup(a, received);
		r->received_on = arena_strdup(a, received);
		r->receipt_note = note;
	}
	r->status = "registered";
	r->outcome_article = r->reply_letter = r->delivered_how = "";
	return errors_count(err) > before ? -1 : 0;
}

/* --- audit snapshots --- */

static json_t *jstr(const char *v)
{
	return v ? json_string(v) : json_null();
}

/* What the audit trail keeps of an application: its handling, not the
 * applicant's identity. */
static char *snapshot(const struct request *r)
{
	json_t *o = json_object();
	char *text;

	json_object_set_new(o, "unit_id", json_integer(r->unit_id));
	json_object_set_new(o, "number", json_sprintf("〔%d〕%d号", r->year,
						      r->serial));
	json_object_set_new(o, "applicant_kind", jstr(r->applicant_kind));
	json_object_set_new(o, "info_name", jstr(r->info_name));
	json_object_set_new(o, "channel", jstr(r->channel));
	json_object_set_new(o, "received_on", jstr(r->received_on));
	json_object_set_new(o, "status", jstr(r->status));
	json_object_set_new(o, "outcome", jstr(r->outcome));
	json_object_set_new(o, "outcome_article", jstr(r->outcome_article));
	json_object_set_new(o, "replied_on", jstr(r->replied_on));
	json_object_set_new(o, "delivered_how", jstr(r->delivered_how));
	json_object_set_new(o, "delivered_on", jstr(r->delivered_on));
	json_object_set_new(o, "archived_on", jstr(r->archived_on));
	json_object_set_new(o, "fee_method", jstr(r->fee_method));
	json_object_set_new(o, "fee_units", json_integer(r->fee_units));
	json_object_set_new(o, "fee_fen", json_integer(r->fee_fen));
	json_object_set_new(o, "fee_state", jstr(r->fee_state));
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

static const char *actor_name(const struct actor *who)
{
	return who && who->username && *who->username ? who->username
						      : AUDIT_CLI_ACTOR;
}

int64_t request_file(struct store *s, const struct actor *who,
		     const struct request_filing *in, struct arena *a,
		     struct request_filed *out, struct errors *err)
{
	char today[CALENDAR_DATE_LEN], code[REQUEST_CODE_LEN + 1], idtext[24];
	char registered[CALENDAR_DATE_LEN] = "";
	struct request r;
	struct request_step ev = { 0 };
	struct unit u;
	struct unit_settings set;
	enum store_rc rc = STORE_CONFLICT;
	char *after = NULL;
	int64_t id = 0;

	memset(out, 0, sizeof(*out));
	if (!who) {
		errors_addf(err, "缺少操作人（程序错误），申请未保存");
		return 0;
	}
	request_today(today);
	if (request_check_filing(in, today, a, &r, err))
		return 0;
	if (store_unit_get(s, r.unit_id, a, &u, &set) != STORE_OK) {
		errors_addf(err, "「受理单位」：单位 %lld 不存在",
			    (long long)r.unit_id);
		return 0;
	}
	/* the public files online; staff register the other channels */
	if (who->roles == 0 && strcmp(r.channel, "online")) {
		errors_addf(err, "没有权限：%s",
			    authz_action_label(AZ_REQUEST_HANDLE));
		return 0;
	}
	if (who->roles != 0 && authz_require(s, who, AZ_REQUEST_HANDLE, u.id,
					     u.region_code, err))
		return 0;
	if (in->registered_on && *in->registered_on) {
		if (who->roles == 0) {
			errors_addf(err, "「登记日期」：在线申请以提交之日登记");
			return 0;
		}
		if (calendar_normalize_date(in->registered_on, registered) ||
		    strcmp(registered, today) > 0 ||
		    strcmp(registered, r.submitted_on) < 0) {
			errors_addf(err, "「登记日期」：%s 不是有效日期，或早于提交"
				    "日期（%s）、晚于今天", in->registered_on,
				    r.submitted_on);
			return 0;
		}
	}
	r.created_by = actor_name(who);
	if (store_begin(s, err) != STORE_OK)
		return 0;
	for (int tries = 0; tries < 8 && rc == STORE_CONFLICT; tries++) {
		request_code_new(code);
		r.code = code;
		rc = store_request_insert(s, &r, &id, err);
	}
	if (rc == STORE_CONFLICT)
		errors_addf(err, "未能生成不重复的查询码，请重试");
	if (rc != STORE_OK)
		goto fail;
	r.unit_name = u.name;
	r.region_code = u.region_code;
	ev.request_id = id;
	ev.kind = "registered";
	ev.day = *registered ? registered : today;
	ev.note = r.receipt_note;
	ev.actor = actor_name(who);
	after = snapshot(&r);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if (store_request_step_add(s, &ev, NULL, err) != STORE_OK ||
	    audit_append(s, who, "request.file", "request", idtext,
			 u.region_code, u.id, NULL, after,
			 arena_printf(a, "登记政府信息公开申请〔%d〕%d号（%s，%s）",
				      r.year, r.serial,
				      request_term_label(request_channels,
							 r.channel),
				      r.received_on), err))
		goto fail;
	if (store_commit(s, err) != STORE_OK) {
		id = 0;
		goto out;
	}
	out->id = id;
	out->code = arena_strdup(a, code);
	r.code = out->code;
	out->number = request_number(&r, a);
	out->received_on = r.received_on;
	out->receipt_note = r.receipt_note;
	store_request_same_info(s, &r, 20, a, &out->same, &out->nsame);
	goto out;
fail:
	store_rollback(s);
	id = 0;
out:
	free(after);
	return id;
}

/* --- handling: which step may follow which --- */

static const char *const action_code[RQ__MAX] = {
	"review", "correction_notice", "correction_received",
	"correction_lapsed", "third_party_sent", "third_party_answered",
	"agency_sent", "agency_answered", "extension", "fee_notice",
	"fee_paid", "fee_expired", "fee_waived", "reply", "delivered",
	"archived", "note",
};

static const char *const action_label[RQ__MAX] = {
	"审核通过",		/* RQ_REVIEW */
	"补正告知",		/* RQ_CORRECTION_NOTICE */
	"收到补正",		/* RQ_CORRECTION_RECEIVED */
	"逾期未补正",		/* RQ_CORRECTION_LAPSED */
	"征求第三方意见",	/* RQ_THIRD_PARTY_SENT */
	"收到第三方意见",	/* RQ_THIRD_PARTY_ANSWERED */
	"征求其他机关意见",	/* RQ_AGENCY_SENT */
	"收到其他机关意见",	/* RQ_AGENCY_ANSWERED */
	"延期答复",		/* RQ_EXTENSION */
	"收费通知",		/* RQ_FEE_NOTICE */
	"已缴费",		/* RQ_FEE_PAID */
	"逾期未缴费",		/* RQ_FEE_EXPIRED */
	"减免费用",		/* RQ_FEE_WAIVED */
	"答复",			/* RQ_REPLY */
	"送达",			/* RQ_DELIVERED */
	"归档",			/* RQ_ARCHIVE */
	"备注",			/* RQ_NOTE */
};

const char *request_action_code(enum request_action act)
{
	return (unsigned)act < RQ__MAX ? action_code[act] : "";
}

const char *request_action_label(enum request_action act)
{
	return (unsigned)act < RQ__MAX ? action_label[act] : "";
}

int request_action_parse(const char *text)
{
	for (int i = 0; text && i < RQ__MAX; i++)
		if (!strcmp(text, action_code[i]) ||
		    !strcmp(text, action_label[i]))
			return i;
	/* the step's command-line spelling: archive for archived */
	if (text && !strcmp(text, "archive"))
		return RQ_ARCHIVE;
	return -1;
}

const char *request_step_label(const char *kind)
{
	if (kind && !strcmp(kind, "registered"))
		return "登记";
	for (int i = 0; kind && i < RQ__MAX; i++)
		if (!strcmp(kind, action_code[i]))
			return action_label[i];
	return kind ? kind : "";
}

enum {
	ST_REGISTERED = 1 << 0, ST_REVIEWING = 1 << 1, ST_CORRECTING = 1 << 2,
	ST_HANDLING = 1 << 3, ST_REPLIED = 1 << 4, ST_ARCHIVED = 1 << 5,
	ST_OPEN = ST_REGISTERED | ST_REVIEWING | ST_HANDLING,
};

/* The statuses each step may be taken from. */
static const unsigned from_status[RQ__MAX] = {
	[RQ_REVIEW] = ST_REGISTERED | ST_REVIEWING,
	/* also while handling: unclear content may show only then (still
	 * once, and warned when past the 7 working days) */
	[RQ_CORRECTION_NOTICE] = ST_REGISTERED | ST_REVIEWING | ST_HANDLING,
	[RQ_CORRECTION_RECEIVED] = ST_CORRECTING,
	[RQ_CORRECTION_LAPSED] = ST_CORRECTING,
	[RQ_THIRD_PARTY_SENT] = ST_HANDLING,
	[RQ_THIRD_PARTY_ANSWERED] = ST_HANDLING,
	[RQ_AGENCY_SENT] = ST_HANDLING,
	[RQ_AGENCY_ANSWERED] = ST_HANDLING,
	[RQ_EXTENSION] = ST_OPEN,
	[RQ_FEE_NOTICE] = ST_HANDLING,
	[RQ_FEE_PAID] = ST_HANDLING,
	[RQ_FEE_EXPIRED] = ST_HANDLING,
	[RQ_FEE_WAIVED] = ST_HANDLING,
	[RQ_REPLY] = ST_OPEN,
	[RQ_DELIVERED] = ST_REPLIED,
	[RQ_ARCHIVE] = ST_REPLIED,
	[RQ_NOTE] = ST_OPEN | ST_CORRECTING | ST_REPLIED,
};

static unsigned status_bit(const char *status)
{
	for (unsigned i = 0; status && request_statuses[i].code; i++)
		if (!strcmp(request_statuses[i].code, status))
			return 1u << i;
	return 0;
}

/* The last step of 'kind', or NULL. */
static const struct request_step *last_step(const struct request_step *v,
					    size_t n, const char *kind)
{
	for (size_t i = n; i-- > 0;)
		if (!strcmp(v[i].kind, kind))
			return &v[i];
	return NULL;
}

/* Consultations of one kind sent and not answered. */
static int open_consults(const struct request_step *v, size_t n,
			 const char *sent, const char *answered)
{
	int open = 0;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].kind, sent))
			open++;
		else if (!strcmp(v[i].kind, answered) && open > 0)
			open--;
	return open;
}

static bool is_noticed(const struct request *r)
{
	return r->fee_state && !strcmp(r->fee_state, "noticed");
}

/* Why 'act' cannot be taken now, from the status and the history alone
 * (not the step's own input), in 'a'; NULL when it can. */
static const char *refusal(const struct request *r,
			   const struct request_step *v, size_t n,
			   enum request_action act, struct arena *a)
{
	const struct request_step *e;

	if (!(from_status[act] & status_bit(r->status))) {
		struct buf b = BUF_INIT;
		const char *why;
		unsigned here = status_bit(r->status);

		for (int i = 0; i < RQ__MAX; i++)
			if ((from_status[i] & here) &&
			    !refusal(r, v, n, (enum request_action)i, a)) {
				if (b.len)
					buf_adds(&b, "、");
				buf_adds(&b, action_label[i]);
			}
		why = arena_printf(a, "申请现在是「%s」，不能「%s」%s%s%s",
				   request_term_label(request_statuses,
						      r->status),
				   action_label[act],
				   b.len ? "；现在可以：" : "（已归档的申请不能再办理）",
				   b.buf, b.len ? "" : "");
		buf_release(&b);
		return why;
	}
	switch (act) {
	case RQ_CORRECTION_NOTICE:
		if ((e = last_step(v, n, "correction_notice")))
			return arena_printf(a, "补正应当一次性告知（条例第三十条），"
					    "本申请已于 %s 告知过补正", e->day);
		break;
	case RQ_THIRD_PARTY_ANSWERED:
		if (!open_consults(v, n, "third_party_sent",
				   "third_party_answered"))
			return "没有尚未答复的征求第三方意见，不能记录「收到第三方"
			       "意见」";
		break;
	case RQ_AGENCY_ANSWERED:
		if (!open_consults(v, n, "agency_sent", "agency_answered"))
			return "没有尚未答复的征求其他机关意见，不能记录「收到其他"
			       "机关意见」";
		break;
	case RQ_EXTENSION:
		if ((e = last_step(v, n, "extension")))
			return arena_printf(a, "答复期限只能延长一次（条例第三十三条），"
					    "本申请已于 %s 延期", e->day);
		break;
	case RQ_FEE_NOTICE:
		if (r->fee_state)
			return arena_printf(a, "本申请已发出过收费通知（%s），一件申请"
					    "只收一次费", fee_method_label(
					    r->fee_method && !strcmp(r->fee_method,
					    "by_pages") ? FEE_BY_PAGES
						        : FEE_PER_ITEM));
		break;
	case RQ_FEE_PAID:
	case RQ_FEE_EXPIRED:
	case RQ_FEE_WAIVED:
		if (!is_noticed(r))
			return "本申请没有待缴费的收费通知";
		break;
	case RQ_REPLY:
		if (is_noticed(r))
			return "收费通知尚待缴费，请先记录「已缴费」「减免费用」或"
			       "「逾期未缴费」，再答复";
		break;
	case RQ_ARCHIVE:
		if (!r->delivered_on)
			return "答复尚未送达，请先记录「送达」（送达方式和日期），"
			       "再归档";
		break;
	default:
		break;
	}
	return NULL;
}

/* --- the clock of an application --- */

/* The clock's events from the stored steps (the first closing step ends
 * them), into 'ev' (REQUEST_EVENTS_MAX + 1); how many, or -1 when a day
 * is not a date. */
static int clock_events(const struct request_step *v, size_t n,
			struct clock_event *ev, size_t *nev)
{
	static const struct {
		const char *kind;
		enum clock_event_kind ev;
	} map[] = {
		{ "correction_notice", REQUEST_EV_CORRECTION_SENT },
		{ "correction_received", REQUEST_EV_CORRECTION_RECEIVED },
		{ "third_party_sent", REQUEST_EV_THIRD_PARTY_START },
		{ "third_party_answered", REQUEST_EV_THIRD_PARTY_END },
		{ "agency_sent", REQUEST_EV_AGENCY_START },
		{ "agency_answered", REQUEST_EV_AGENCY_END },
		{ "extension", REQUEST_EV_EXTENSION },
		{ "reply", REQUEST_EV_REPLIED },
		{ "correction_lapsed", REQUEST_EV_REPLIED },
		{ "fee_expired", REQUEST_EV_REPLIED },
	};
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		for (size_t m = 0; m < sizeof(map) / sizeof(map[0]); m++) {
			if (strcmp(v[i].kind, map[m].kind))
				continue;
			if (k > REQUEST_EVENTS_MAX)
				break;	/* the clock reports too many */
			if (calendar_parse_date(v[i].day, &ev[k].day))
				return -1;
			ev[k].kind = map[m].ev;
			ev[k].days = v[i].days;
			k++;
			if (map[m].ev == REQUEST_EV_REPLIED) {
				*nev = k;
				return 0;
			}
		}
	}
	*nev = k;
	return 0;
}

/* The clock of r with steps v[0..n) as of 'today'. */
static int timing_of(const struct calendar *cal, const struct request *r,
		     const struct request_step *v, size_t n, const char *today,
		     struct arena *a, struct request_timing *out,
		     struct errors *err)
{
	struct clock_event ev[REQUEST_EVENTS_MAX + 1];
	struct request_clock *c = &out->clock;
	int32_t received, now;
	size_t nev;
	int year;

	memset(out, 0, sizeof(*out));
	if (calendar_parse_date(r->received_on, &received) ||
	    calendar_parse_date(today, &now) ||
	    clock_events(v, n, ev, &nev)) {
		errors_addf(err, "申请的收到日期或办理步骤的日期无效");
		return -1;
	}
	/* a step recorded for today, seen from a clock set back */
	for (size_t i = 0; i < nev; i++)
		if (ev[i].day > now)
			now = ev[i].day;
	if (received > now)
		now = received;
	if (request_clock(cal, received, ev, nev, now, a, c, err))
		return -1;
	if (c->has_due)
		calendar_format_date(c->due, out->due);
	calendar_format_date(c->correction_due, out->correction_due);
	switch (c->state) {
	case REQUEST_ANSWERED: {
		char d[CALENDAR_DATE_LEN];

		calendar_format_date(c->answered, d);
		out->summary = arena_printf(a, "已答复（%s）%s", d,
					    c->answered_late
					    ? "，超过了答复期限" : "");
		break;
	}
	case REQUEST_PAUSED:
		out->summary = arena_printf(a, "暂停计时：%s（已用%d个工作日，"
					    "共%d个）",
					    request_pause_label(c->pause),
					    c->used, c->limit);
		break;
	case REQUEST_OVERDUE:
		out->summary = arena_printf(a, "已逾期%d个工作日（答复期限 %s）",
					    -c->left, out->due);
		break;
	default:
		out->summary = c->left == 0
			? arena_printf(a, "今天到期（%s）", out->due)
			: arena_printf(a, "剩余%d个工作日（%s到期）", c->left,
				       out->due);
		break;
	}
	year = calendar_missing_year(cal, r->received_on,
				     *out->due ? out->due : today);
	if (year) {
		char text[200];

		calendar_missing_text(year, text, sizeof(text));
		out->missing_year = arena_strdup(a, text);
	}
	return 0;
}

int request_timing(struct store *s, const struct calendar *cal,
		   const struct request *r, const char *today,
		   struct arena *a, struct request_timing *out,
		   struct errors *err)
{
	struct calendar own;
	struct request_step *v;
	char t[CALENDAR_DATE_LEN];
	size_t n;

	if (!cal) {
		calendar_load(s, a, &own);
		cal = &own;
	}
	if (!today) {
		request_today(t);
		today = t;
	}
	if (store_request_steps(s, r->id, a, &v, &n) != STORE_OK) {
		errors_addf(err, "无法读取申请 %lld 的办理步骤", (long long)r->id);
		return -1;
	}
	return timing_of(cal, r, v, n, today, a, out, err);
}

static int by_due(const void *x, const void *y)
{
	const struct request_due *a = x, *b = y;
	int c = strcmp(a->t.due, b->t.due);

	return c ? c : (a->r.id > b->r.id) - (a->r.id < b->r.id);
}

int request_dashboard(struct store *s, int64_t unit_id, const char *region,
		      const char *today, struct arena *a,
		      struct request_dashboard *out, struct errors *err)
{
	struct request_filter f = { 0 };
	struct calendar cal;
	struct request *v;
	char t[CALENDAR_DATE_LEN];
	size_t n, no = 0, nd = 0, np = 0;
	int64_t total;

	memset(out, 0, sizeof(*out));
	if (!today) {
		request_today(t);
		today = t;
	}
	f.unit_id = unit_id;
	f.region = region;
	f.status = "open";
	if (store_request_list(s, &f, a, &v, &n, &total) != STORE_OK) {
		errors_addf(err, "无法读取申请列表");
		return -1;
	}
	calendar_load(s, a, &cal);
	out->overdue = arena_alloc(a, (n + 1) * sizeof(*out->overdue));
	out->due_soon = arena_alloc(a, (n + 1) * sizeof(*out->due_soon));
	out->paused = arena_alloc(a, (n + 1) * sizeof(*out->paused));
	for (size_t i = 0; i < n; i++) {
		struct request_due d;

		d.r = v[i];
		if (request_timing(s, &cal, &v[i], today, a, &d.t, err))
			return -1;
		if (d.t.clock.state == REQUEST_OVERDUE)
			out->overdue[no++] = d;
		else if (d.t.clock.state == REQUEST_PAUSED)
			out->paused[np++] = d;
		else if (d.t.clock.state == REQUEST_RUNNING &&
			 d.t.clock.left <= REQUEST_DUE_SOON)
			out->due_soon[nd++] = d;
	}
	qsort(out->overdue, no, sizeof(*out->overdue), by_due);
	qsort(out->due_soon, nd, sizeof(*out->due_soon), by_due);
	qsort(out->paused, np, sizeof(*out->paused), by_due);
	out->noverdue = no;
	out->ndue_soon = nd;
	out->npaused = np;
	out->nopen = n;
	return 0;
}

/* --- the reply letter --- */

const char request_default_template[] =
	"{单位}\n"
	"政府信息公开申请答复书\n"
	"\n"
	"{编号}\n"
	"\n"
	"{申请人}：\n"
	"\n"
	"本机关于{收到日期}收到您提出的政府信息公开申请，您申请获取：{申请内容}。\n"
	"\n"
	"经审查，现答复如下：{答复意见}\n"
	"\n"
	"依据{依据}，特此告知。\n"
	"\n"
	"如您不服本答复，可以在收到本答复书之日起60日内向{复议机关}申请行政"
	"复议；或者6个月内依法向人民法院提起行政诉讼。\n"
	"\n"
	"{单位}\n"
	"{答复日期}\n";

#define SETTING_TEMPLATE "request_template"
#define SETTING_REVIEW_BODY "request_review_body"
#define SETTING_TEXT_MAX 20000

void request_letter_fill(const char *tmpl, const struct request_letter_vars *v,
			 struct buf *out)
{
	const struct {
		const char *name;
		const char *value;
	} vars[] = {
		{ "{单位}", v->unit }, { "{编号}", v->number },
		{ "{申请人}", v->applicant }, { "{收到日期}", v->received },
		{ "{申请内容}", v->info }, { "{答复意见}", v->opinion },
		{ "{依据}", v->basis }, { "{复议机关}", v->review_body },
		{ "{答复日期}", v->day },
	};
	const char *p = tmpl ? tmpl : "";

	while (*p) {
		size_t k, nvars = sizeof(vars) / sizeof(vars[0]);

		if (*p != '{') {
			buf_addch(out, *p++);
			continue;
		}
		for (k = 0; k < nvars; k++)
			if (!strncmp(p, vars[k].name, strlen(vars[k].name)))
				break;
		if (k == nvars) {
			buf_addch(out, *p++);
			continue;
		}
		buf_adds(out, vars[k].value ? vars[k].value : "");
		p += strlen(vars[k].name);
	}
}

/* The value of 'key' at 'region' or its nearest ancestor, or NULL. */
static const char *inherited(struct store *s, const char *region,
			     const char *key, struct arena *a)
{
	const char *code = region;

	for (int depth = 0; code && *code && depth < 10; depth++) {
		struct region rg;
		const char *v;

		if (store_setting_get(s, code, key, a, &v) == STORE_OK && *v)
			return v;
		if (store_region_get(s, code, a, &rg) != STORE_OK)
			break;
		code = rg.parent_code;
	}
	return NULL;
}

const char *request_template(struct store *s, const char *region,
			     struct arena *a)
{
	const char *t = inherited(s, region, SETTING_TEMPLATE, a);

	return t ? t : request_default_template;
}

static bool is_government(const char *kind)
{
	return kind && (strstr(kind, "人民政府") || strstr(kind, "街道办事处"));
}

/* The name of the people's government of 'region', or NULL. */
static const char *government_of(struct store *s, const char *region,
				 struct arena *a)
{
	struct unit *v;
	struct region rg;
	size_t n;

	if (!region)
		return NULL;
	if (store_unit_list(s, region, a, &v, &n) == STORE_OK)
		for (size_t i = 0; i < n; i++)
			if (v[i].kind && strstr(v[i].kind, "人民政府"))
				return v[i].name;
	if (store_region_get(s, region, a, &rg) == STORE_OK)
		return arena_printf(a, "%s人民政府", rg.name);
	return NULL;
}

const char *request_review_body(struct store *s, const struct unit *u,
				struct arena *a)
{
	const char *v = inherited(s, u->region_code, SETTING_REVIEW_BODY, a);
	const char *region = u->region_code;

	if (v)
		return v;
	if (is_government(u->kind)) {
		struct region rg;

		region = store_region_get(s, u->region_code, a, &rg) == STORE_OK
			? rg.parent_code : NULL;
	}
	v = government_of(s, region, a);
	return v ? v : "……";
}

static int setting_set(struct store *s, const struct actor *who,
		       const char *region, const char *key, const char *text,
		       const char *action, const char *what,
		       struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct region rg;
	const char *old = NULL;
	char *before = NULL, *after = NULL;
	json_t *j;
	int rc = -1;

	if (!region || store_region_get(s, region, &a, &rg) != STORE_OK) {
		errors_addf(err, "行政区划 %s 不存在", region ? region : "");
		goto out;
	}
	if (authz_require(s, who, AZ_REQUEST_SETTINGS, 0, region, err))
		goto out;
	if (text && (strlen(text) > SETTING_TEXT_MAX ||
		     !utf8_valid(text, strlen(text)))) {
		errors_addf(err, "%s应为不超过 %d 字节的 UTF-8 文本", what,
			    SETTING_TEXT_MAX);
		goto out;
	}
	if (text && !*text)
		text = NULL;
	if (store_setting_get(s, region, key, &a, &old) != STORE_OK)
		old = NULL;
	j = old ? json_string(old) : json_null();
	before = json_dumps(j, JSON_ENCODE_ANY);
	json_decref(j);
	j = text ? json_string(text) : json_null();
	after = json_dumps(j, JSON_ENCODE_ANY);
	json_decref(j);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_setting_set(s, region, key, text, err) != STORE_OK ||
	    audit_append(s, who, action, "region", region, region, 0, before,
			 after, arena_printf(&a, "%s%s的%s", text ? "修改"
					     : "恢复默认", rg.name, what),
			 err)) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s, err) == STORE_OK ? 0 : -1;
out:
	free(before);
	free(after);
	arena_release(&a);
	return rc;
}

int request_template_set(struct store *s, const struct actor *who,
			 const char *region, const char *text,
			 struct errors *err)
{
	if (text && *text && (!strstr(text, "行政复议") ||
			      !strstr(text, "行政诉讼"))) {
		errors_addf(err, "答复书模板须告知申请人申请行政复议和提起行政诉讼"
			    "的权利（如：如您不服本答复，可以在收到本答复书之日起"
			    "60日内向{复议机关}申请行政复议；或者6个月内依法向"
			    "人民法院提起行政诉讼。）");
		return -1;
	}
	return setting_set(s, who, region, SETTING_TEMPLATE, text,
			   "request.template", "依申请公开答复书模板", err);
}

int request_review_body_set(struct store *s, const struct actor *who,
			    const char *region, const char *text,
			    struct errors *err)
{
	if (text && utf8_valid(text, strlen(text)) && utf8_len(text) > 100) {
		errors_addf(err, "复议机关名称最多 100 个字");
		return -1;
	}
	return setting_set(s, who, region, SETTING_REVIEW_BODY, text,
			   "request.review_body", "行政复议机关", err);
}

/* What was asked for, as the letter quotes it. */
static const char *info_text(const struct request *r, struct arena *a)
{
	if (*r->info_name && *r->info_doc_no)
		return arena_printf(a, "“%s”（%s）", r->info_name,
				    r->info_doc_no);
	if (*r->info_name)
		return arena_printf(a, "“%s”", r->info_name);
	if (*r->info_doc_no)
		return arena_printf(a, "文号为%s的政府信息", r->info_doc_no);
	return arena_printf(a, "“%s”", r->info_desc);
}

const char *request_letter(struct store *s, const struct request *r,
			   const struct request_outcome *outcome,
			   const char *article, const char *day,
			   struct arena *a)
{
	struct request_letter_vars v;
	struct unit u;
	struct unit_settings set;
	struct buf b = BUF_INIT;
	const char *text;

	memset(&u, 0, sizeof(u));
	if (store_unit_get(s, r->unit_id, a, &u, &set) != STORE_OK) {
		u.name = r->unit_name ? r->unit_name : "";
		u.region_code = r->region_code;
	}
	v.unit = u.name;
	v.number = arena_printf(a, "%s依申请公开答复%s", u.name,
				request_number(r, a));
	v.applicant = r->name;
	v.received = request_date_cn(r->received_on, a);
	v.info = info_text(r, a);
	v.opinion = outcome ? outcome->wording : "";
	v.basis = request_article_cite(article ? article
				       : outcome ? outcome->article : "", a);
	v.review_body = request_review_body(s, &u, a);
	v.day = request_date_cn(day, a);
	request_letter_fill(request_template(s, u.region_code, a), &v, &b);
	text = arena_strdup(a, b.buf);
	buf_release(&b);
	return text;
}

/* --- reading --- */

enum store_rc request_by_code(struct store *s, const char *typed,
			      struct arena *a, struct request *out)
{
	char code[REQUEST_CODE_LEN + 1];

	if (request_code_normalize(typed, code))
		return STORE_NOTFOUND;
	return store_request_by_code(s, code, a, out);
}

int request_load(struct store *s, const struct actor *who, const char *ref,
		 struct arena *a, struct request *out, struct errors *err)
{
	enum store_rc rc;

	if (ref && *ref && strspn(ref, "0123456789") == strlen(ref) &&
	    strlen(ref) < 19)
		rc = store_request_get(s, strtoll(ref, NULL, 10), a, out);
	else
		rc = request_by_code(s, ref, a, out);
	if (rc != STORE_OK) {
		errors_addf(err, "申请「%s」不存在（可用编号或查询码查找）",
			    ref ? ref : "");
		return -1;
	}
	return authz_require(s, who, AZ_REQUEST_VIEW, out->unit_id,
			     out->region_code, err);
}

/* --- taking a step --- */

unsigned request_actions_open(struct store *s, const struct request *r)
{
	struct arena a = ARENA_INIT;
	struct request_step *v;
	unsigned bits = 0;
	size_t n;

	if (store_request_steps(s, r->id, &a, &v, &n) == STORE_OK)
		for (int i = 0; i < RQ__MAX; i++)
			if (!refusal(r, v, n, (enum request_action)i, &a))
				bits |= 1u << i;
	arena_release(&a);
	return bits;
}

/* Working day 'n' after 'day' as text in 'a' ("" if it cannot be). */
static const char *workdays_after(const struct calendar *cal, const char *day,
				  int n, struct arena *a)
{
	char out[CALENDAR_DATE_LEN];

	if (calendar_add_workdays(cal, day, n, out))
		return "";
	return arena_strdup(a, out);
}

/* What a step changes, built by the checks of request_act(). */
struct change {
	struct request r;	/* the application after the step */
	struct request_step ev;	/* the step */
	bool touched;		/* r differs from what is stored */
	const char *detail;	/* for the audit trail */
};

/* The fee notice: one method, the amount from fee.h. */
static void fee_notice(struct store *s, const struct calendar *cal,
		       const struct request_act_in *in, struct change *c,
		       struct arena *a, struct errors *warn,
		       struct errors *err)
{
	struct request *r = &c->r;
	struct fee_calc calc;
	const char *method = in->fee_method && *in->fee_method
		? in->fee_method : in->pages > 0 ? "by_pages" : NULL;
	struct buf steps = BUF_INIT;
	int rcf;

	if (!method) {
		errors_addf(err, "「计费方式」：请选择按件计收（per_item）或按量"
			    "计收（by_pages，并给出页数）");
		return;
	}
	if (!strcmp(method, "per_item") && in->pages > 0) {
		errors_addf(err, "「计费方式」：一件申请只能选择按件计收或按量计收"
			    "中的一种，不能同时按件数和页数计费（国办函〔2020〕"
			    "109号第三条）");
		return;
	}
	if (!strcmp(method, "per_item")) {
		char from[CALENDAR_DATE_LEN];
		int64_t before = 0;

		snprintf(from, sizeof(from), "%.7s-01", r->received_on);
		if (store_request_count_by_applicant(s, r, from, r->received_on,
						     &before) != STORE_OK) {
			errors_addf(err, "无法统计申请人本月的申请件数");
			return;
		}
		rcf = fee_per_item((int)(before + 1 > FEE_ITEMS_MAX
					 ? FEE_ITEMS_MAX + 1 : before + 1),
				   &calc);
	} else if (!strcmp(method, "by_pages")) {
		if (in->pages <= 0) {
			errors_addf(err, "「页数」：按量计收时请给出页数");
			return;
		}
		rcf = fee_by_pages(in->pages, &calc);
	} else {
		errors_addf(err, "「计费方式」：只能是 per_item（按件计收）或 "
			    "by_pages（按量计收），而不是「%s」", method);
		return;
	}
	if (rcf) {
		errors_addf(err, "「计费」：%s", calc.why);
		return;
	}
	for (size_t i = 0; i < calc.nsteps; i++) {
		if (i)
			buf_adds(&steps, "；");
		buf_adds(&steps, calc.steps[i]);
	}
	if (calc.fen == 0) {
		errors_addf(err, "按%s不收费（%s），无需发出收费通知",
			    !strcmp(method, "per_item") ? "件计算" : "页数计算",
			    steps.buf);
		buf_release(&steps);
		return;
	}
	if (in->until && *in->until) {
		char u[CALENDAR_DATE_LEN];

		if (calendar_normalize_date(in->until, u))
			errors_addf(err, "「缴费期限」：「%s」不是有效的日期",
				    in->until);
		else if (strcmp(u, c->ev.day) <= 0)
			errors_addf(err, "「缴费期限」：%s 应晚于通知之日 %s", u,
				    c->ev.day);
		c->ev.until = arena_strdup(a, u);
	} else {
		c->ev.until = workdays_after(cal, c->ev.day, 20, a);
	}
	r->fee_method = method;
	r->fee_units = calc.quantity;
	r->fee_fen = calc.fen;
	r->fee_state = "noticed";
	c->touched = true;
	c->ev.note = *c->ev.note
		? arena_printf(a, "%s；%s", steps.buf, c->ev.note)
		: arena_strdup(a, steps.buf);
	c->detail = arena_printf(a, "发出收费通知：%s", steps.buf);
	if (r->fee_waiver)
		errors_addf(warn, "申请人申请减免信息处理费（理由：%s），请确认是否"
			    "减免", r->fee_waiver_reason);
	buf_release(&steps);
}

/* Close the application with 'code' on the step's day (the letter from
 * the template). */
static void close_as(struct store *s, struct change *c, const char *code,
		     const char *article, const char *letter, struct arena *a)
{
	const struct request_outcome *o = request_outcome_find(code);
	struct request *r = &c->r;

	r->outcome = o->code;
	r->outcome_article = article && *article ? article : o->article;
	r->reply_letter = letter && *letter ? letter
		: request_letter(s, r, o, r->outcome_article, c->ev.day, a);
	r->replied_on = c->ev.day;
	r->status = "replied";
	c->touched = true;
}

int request_act(struct store *s, const struct actor *who, int64_t id,
		const struct request_act_in *in, struct errors *warn,
		struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct request stored;
	struct request_step *v, *all;
	struct calendar cal;
	struct change c;
	struct request_timing before_t, after_t;
	const struct request_step *e;
	char today[CALENDAR_DATE_LEN], day[CALENDAR_DATE_LEN], idtext[24];
	char *before = NULL, *after = NULL;
	const char *why;
	size_t n, nerr = errors_count(err);
	int rc = -1;

	memset(&c, 0, sizeof(c));
	if (!in || (unsigned)in->action >= RQ__MAX) {
		errors_addf(err, "未知的办理步骤");
		goto out;
	}
	if (store_request_get(s, id, &a, &stored) != STORE_OK) {
		errors_addf(err, "申请 %lld 不存在", (long long)id);
		goto out;
	}
	if (authz_require(s, who, AZ_REQUEST_HANDLE, stored.unit_id,
			  stored.region_code, err))
		goto out;
	if (store_request_steps(s, id, &a, &v, &n) != STORE_OK) {
		errors_addf(err, "无法读取申请 %lld 的办理步骤", (long long)id);
		goto out;
	}
	if ((why = refusal(&stored, v, n, in->action, &a))) {
		errors_addf(err, "%s", why);
		goto out;
	}

	/* the day: not after today, not before the receipt or the last step */
	request_today(today);
	if (in->day && *in->day) {
		if (calendar_normalize_date(in->day, day)) {
			errors_addf(err, "「日期」：「%s」不是有效的日期（如 "
				    "2026-03-02）", in->day);
			goto out;
		}
	} else {
		snprintf(day, sizeof(day), "%s", today);
	}
	if (strcmp(day, today) > 0)
		errors_addf(err, "「日期」：%s 晚于今天（%s），只能记录已经发生的"
			    "办理步骤", day, today);
	if (strcmp(day, stored.received_on) < 0)
		errors_addf(err, "「日期」：%s 早于收到申请之日（%s）", day,
			    stored.received_on);
	if (n && strcmp(day, v[n - 1].day) < 0)
		errors_addf(err, "「日期」：%s 早于上一个办理步骤「%s」的日期（%s）",
			    day, request_step_label(v[n - 1].kind), v[n - 1].day);
	if (errors_count(err) > nerr)
		goto out;

	calendar_load(s, &a, &cal);
	if (timing_of(&cal, &stored, v, n, day, &a, &before_t, err))
		goto out;
	c.r = stored;
	c.ev.request_id = id;
	c.ev.kind = action_code[in->action];
	c.ev.day = arena_strdup(&a, day);
	c.ev.actor = actor_name(who);
	c.ev.note = field(&a, in->note, "说明", MAX_LONG, true, err);
	c.ev.approver = "";
	c.detail = arena_printf(&a, "%s（%s）", action_label[in->action], day);

	switch (in->action) {
	case RQ_REVIEW:
		c.r.status = "handling";
		c.touched = true;
		break;
	case RQ_CORRECTION_NOTICE: {
		char until[CALENDAR_DATE_LEN];

		if (!*c.ev.note)
			errors_addf(err, "「补正事项」：请写明需要补正的内容"
				    "（条例第三十条：一次性告知）");
		if (!in->until || !*in->until)
			errors_addf(err, "「补正期限」：请给出合理的补正期限");
		else if (calendar_normalize_date(in->until, until))
			errors_addf(err, "「补正期限」：「%s」不是有效的日期",
				    in->until);
		else if (strcmp(until, day) <= 0)
			errors_addf(err, "「补正期限」：%s 应晚于告知之日 %s",
				    until, day);
		else
			c.ev.until = arena_strdup(&a, until);
		if (strcmp(day, before_t.correction_due) > 0) {
			int late = 0;

			calendar_workdays_between(&cal, before_t.correction_due,
						  day, &late);
			errors_addf(warn, "补正告知应在收到申请之日起7个工作日内"
				    "发出（条例第三十条），期限为 %s，本告知晚了"
				    " %d 个工作日", before_t.correction_due, late);
		}
		c.r.status = "correcting";
		c.touched = true;
		c.detail = arena_printf(&a, "告知补正（%s），补正期限 %s", day,
					c.ev.until ? c.ev.until : "");
		break;
	}
	case RQ_CORRECTION_RECEIVED:
		e = last_step(v, n, "correction_notice");
		if (e && e->until && strcmp(day, e->until) > 0)
			errors_addf(warn, "申请人在补正期限（%s）之后补正", e->until);
		c.r.status = "reviewing";
		c.touched = true;
		break;
	case RQ_CORRECTION_LAPSED:
		e = last_step(v, n, "correction_notice");
		if (e && e->until && strcmp(day, e->until) <= 0) {
			errors_addf(err, "补正期限至 %s，期满之后才能按「申请人"
				    "无正当理由逾期不补正」办结", e->until);
			break;
		}
		close_as(s, &c, "6.1", NULL, NULL, &a);
		break;
	case RQ_THIRD_PARTY_SENT:
	case RQ_AGENCY_SENT:
		c.ev.until = workdays_after(&cal, day, REQUEST_CONSULT_DAYS, &a);
		break;
	case RQ_THIRD_PARTY_ANSWERED:
	case RQ_AGENCY_ANSWERED:
		break;
	case RQ_EXTENSION:
		c.ev.approver = field(&a, in->approver, "批准人", MAX_SHORT,
				      false, err);
		c.ev.days = in->days ? in->days : REQUEST_EXTENSION_MAX;
		if (!*c.ev.approver)
			errors_addf(err, "「批准人」：延长答复期限须经政府信息公开"
				    "工作机构负责人同意（条例第三十三条），请写明"
				    "批准人");
		if (c.ev.days < 1 || c.ev.days > REQUEST_EXTENSION_MAX)
			errors_addf(err, "「延长天数」：延长的期限最长不得超过%d个"
				    "工作日（条例第三十三条），而不是 %d 个",
				    REQUEST_EXTENSION_MAX, c.ev.days);
		if (before_t.clock.state == REQUEST_OVERDUE)
			errors_addf(err, "答复期限已于 %s 届满，不能再延长（延期须"
				    "在期限内决定并告知申请人）", before_t.due);
		c.detail = arena_printf(&a, "延长答复期限%d个工作日，批准人%s",
					c.ev.days, c.ev.approver);
		break;
	case RQ_FEE_NOTICE:
		fee_notice(s, &cal, in, &c, &a, warn, err);
		break;
	case RQ_FEE_PAID:
		e = last_step(v, n, "fee_notice");
		if (e && e->until && strcmp(day, e->until) > 0)
			errors_addf(warn, "缴费日期晚于缴费期限（%s）", e->until);
		c.r.fee_state = "paid";
		c.touched = true;
		break;
	case RQ_FEE_EXPIRED:
		e = last_step(v, n, "fee_notice");
		if (e && e->until && strcmp(day, e->until) <= 0) {
			errors_addf(err, "缴费期限至 %s，期满之后才能按「逾期未"
				    "缴费」办结", e->until);
			break;
		}
		c.r.fee_state = "expired";
		close_as(s, &c, "6.2", NULL, NULL, &a);
		break;
	case RQ_FEE_WAIVED:
		if (!*c.ev.note)
			c.ev.note = stored.fee_waiver_reason;
		if (!*c.ev.note)
			errors_addf(err, "「减免理由」：请写明减免信息处理费的理由");
		c.r.fee_state = "waived";
		c.touched = true;
		break;
	case RQ_REPLY: {
		const struct request_outcome *o =
			request_outcome_find(in->outcome);
		const char *article = field(&a, in->article, "依据", MAX_INFO,
					    false, err);
		const char *letter = field(&a, in->letter, "答复书", 20000, true,
					   err);
		const char *how = field(&a, in->delivered_how, "送达方式",
					MAX_SHORT, false, err);

		if (!in->outcome || !*in->outcome) {
			errors_addf(err, "「答复结果」：请选择年报表三中的一类办理"
				    "结果（如 1 予以公开、3.4 保护第三方合法权益）");
			break;
		}
		if (!o) {
			errors_addf(err, "「答复结果」：「%s」不是年报表三中的办理"
				    "结果，可选 1、2、3.1—3.8、4.1—4.3、5.1—5.5、"
				    "6.3", in->outcome);
			break;
		}
		if (!strcmp(o->code, "6.1") || !strcmp(o->code, "6.2")) {
			errors_addf(err, "「答复结果」：%s 由「%s」步骤办结，"
				    "不能直接答复", o->code, !strcmp(o->code,
				    "6.1") ? "逾期未补正" : "逾期未缴费");
			break;
		}
		if (!strcmp(o->code, "4.3") &&
		    !last_step(v, n, "correction_received")) {
			errors_addf(err, "「答复结果」：「补正后申请内容仍不明确」"
				    "只用于申请人补正之后");
			break;
		}
		if (open_consults(v, n, "third_party_sent",
				  "third_party_answered"))
			errors_addf(warn, "征求第三方意见尚未收到答复");
		if (open_consults(v, n, "agency_sent", "agency_answered"))
			errors_addf(warn, "征求其他机关意见尚未收到答复");
		close_as(s, &c, o->code, article, letter, &a);
		if (*how) {
			c.r.delivered_how = how;
			c.r.delivered_on = c.ev.day;
		}
		c.detail = arena_printf(&a, "答复（%s）：%s%s%s", day,
					o->group_label, o->code[1] ? "：" : "",
					o->code[1] ? o->label : "");
		break;
	}
	case RQ_DELIVERED: {
		const char *how = field(&a, in->delivered_how, "送达方式",
					MAX_SHORT, false, err);

		if (!*how)
			errors_addf(err, "「送达方式」：请写明如何送达（如 邮寄、"
				    "电子邮件、当面领取）");
		if (stored.delivered_on)
			errors_addf(warn, "此前已记录送达（%s，%s），以本次为准",
				    stored.delivered_how, stored.delivered_on);
		c.r.delivered_how = how;
		c.r.delivered_on = c.ev.day;
		c.ev.note = *c.ev.note ? arena_printf(&a, "%s；%s", how,
						      c.ev.note) : how;
		c.touched = true;
		break;
	}
	case RQ_ARCHIVE:
		c.r.archived_on = c.ev.day;
		c.r.status = "archived";
		c.touched = true;
		break;
	case RQ_NOTE:
		if (!*c.ev.note)
			errors_addf(err, "「备注」：请写明备注内容");
		break;
	case RQ__MAX:
		break;
	}
	if (errors_count(err) > nerr)
		goto out;

	/* the clock must accept the new history (it knows the statute) */
	all = arena_alloc(&a, (n + 1) * sizeof(*all));
	if (n)
		memcpy(all, v, n * sizeof(*v));
	all[n] = c.ev;
	if (timing_of(&cal, &c.r, all, n + 1, day, &a, &after_t, err))
		goto out;
	if (in->action == RQ_EXTENSION) {
		c.ev.until = arena_strdup(&a, after_t.due);
		c.detail = arena_printf(&a, "%s，答复期限延至 %s", c.detail,
					after_t.due);
	}
	if ((in->action == RQ_REPLY || in->action == RQ_CORRECTION_LAPSED ||
	     in->action == RQ_FEE_EXPIRED) && after_t.clock.answered_late)
		errors_addf(warn, "答复日期 %s 已超过答复期限 %s", day,
			    before_t.due);

	before = snapshot(&stored);
	after = snapshot(&c.r);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_request_step_add(s, &c.ev, NULL, err) != STORE_OK ||
	    (c.touched && store_request_update(s, &c.r, err) != STORE_OK) ||
	    audit_append(s, who, arena_printf(&a, "request.%s",
					      action_code[in->action]),
			 "request", idtext, stored.region_code, stored.unit_id,
			 before, after,
			 arena_printf(&a, "政府信息公开申请%s：%s",
				      request_number(&stored, &a), c.detail),
			 err)) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s, err) == STORE_OK ? 0 : -1;
out:
	free(before);
	free(after);
	arena_release(&a);
	return rc;
}
