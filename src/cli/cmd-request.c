/* cmd-request.c: gongkai request … — disclosure on request (依申请公开) on
 * the command line: register an application that came by another channel
 * (当面, 邮寄, 平信, 传真, 电子邮件), list and show applications with their
 * statutory clock, take the handling steps (审核 … 答复, 归档), the due
 * list of a unit, the reply letter and its template, and the outcomes of
 * table 三.  Each subcommand is one function in the table below; the rules
 * are domain/request.c's.  Input the rules refuse exits with status 2 and
 * writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "cli.h"
#include "../api/json-model.h"
#include "../domain/account.h"
#include "../domain/fee.h"
#include "../domain/request.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define PER_PAGE_DEFAULT 20
#define PER_PAGE_MAX 1000
#define TEXT_FILE_MAX (1u << 20)

static const char request_usage[] =
"用法：gongkai request 子命令 [参数…]\n"
"\n"
"依申请公开：登记、审核、办理、答复、归档，以及每件申请的法定答复期限。\n"
"\n"
"  file --unit 单位编号 --channel 方式 [申请人] [所需信息] [日期] [--json]\n"
"        登记一件申请。方式：in_person（当面）、mail_signed（邮寄，需签收）、\n"
"        mail_plain（平常信函）、fax（传真）、email（电子邮件）、online（在线）。\n"
"        申请人：--kind 类型（自然人 商业企业 科研机构 社会公益组织 法律服务机构\n"
"        其他，默认自然人）--name 姓名或名称；自然人 --id-type 证件类型\n"
"        --id-number 证件号码；法人或其他组织 --credit-code 统一社会信用代码\n"
"        --legal-rep 法定代表人 --contact-person 联系人；联系方式 --phone\n"
"        --email --address --postcode（至少一项）。\n"
"        所需信息：--info-name 名称 --doc-no 文号 --desc 描述（至少一项），\n"
"        --forms 载体形式（纸质、电子邮件、光盘、磁盘，可多选，用、分隔），\n"
"        --delivery 获取方式（邮寄、快递、电子邮件、传真、自行领取、当场查阅），\n"
"        --fee-waiver 减免信息处理费的理由。\n"
"        日期（条例第三十一条）：--submitted 提交日期；邮寄 --signed 签收日期；\n"
"        平常信函、传真、电子邮件 --confirmed 与申请人确认的日期；当面提交以\n"
"        提交之日为收到申请之日（默认今天）。补录以往的申请（如纸质台账）：\n"
"        --registered 登记日期（不早于提交日期，默认今天）。\n"
"  list [--unit 单位编号] [--region 区划代码] [--status 状态|open] [--text 文字]\n"
"       [--from 日期] [--to 日期] [--page 页码] [--per-page 条数] [--json]\n"
"        列出申请（按收到日期从新到旧）及其答复期限。\n"
"  show 编号|查询码 [--json]      一件申请的全部内容、办理步骤、期限的计算过程\n"
"  step 编号|查询码 --step 步骤 [--day 日期] [选项…]\n"
"        办理一步（日期默认今天）：\n"
"          review               审核通过\n"
"          correction_notice    补正告知：--note 需补正的内容 --until 补正期限\n"
"          correction_received  收到补正（答复期限重新计算）\n"
"          correction_lapsed    逾期未补正（按（六）1 办结）\n"
"          third_party_sent / third_party_answered   征求第三方意见 / 收到意见\n"
"          agency_sent / agency_answered             征求其他机关意见 / 收到意见\n"
"          extension            延期答复：--approver 批准人 [--days 工作日，≤20]\n"
"          fee_notice           收费通知：--per-item（按件）或 --pages 页数（按量），\n"
"                               [--until 缴费期限，默认20个工作日]\n"
"          fee_paid / fee_waived / fee_expired       已缴费 / 减免 / 逾期未缴费\n"
"          reply                答复：--outcome 结果代码（见 outcomes）\n"
"                               [--article 依据] [--letter 答复书文件]\n"
"                               [--delivered-how 送达方式]\n"
"          delivered            送达：--delivered-how 送达方式\n"
"          archive              归档\n"
"          note                 备注：--note 内容\n"
"  due [--unit 单位编号] [--region 区划代码] [--json]\n"
"        未办结的申请中已逾期、3个工作日内到期、暂停计时的。\n"
"  letter 编号|查询码 [--outcome 结果代码] [--day 日期]\n"
"        显示答复书；尚未答复时按模板预览。\n"
"  template --region 区划代码 [--set 文件 | --reset] [--review-body 名称 |\n"
"           --reset-review-body]\n"
"        查看或修改本地区的答复书模板（占位符 {单位} {编号} {申请人} {收到日期}\n"
"        {申请内容} {答复意见} {依据} {复议机关} {答复日期}）和复议机关。\n"
"  outcomes [--json]               年报表三的办理结果及其条例依据\n"
"\n"
"日期写作 2026-03-02 或 2026/3/2。输入有误或步骤不允许时说明原因，退出码为 2，\n"
"不写入任何数据。\n";

const struct cli_command cmd_request;

struct sub {
	const char *name;
	int (*run)(struct cli *cli, struct store *s, int argc, char **argv);
};

static int parse(int argc, char **argv, struct arg_opt *o, size_t n,
		 struct args *a)
{
	char why[200];

	if (args_parse(argc - 1, argv + 1, o, n, a, why, sizeof(why))) {
		args_release(o, n, a);
		cli_usage(&cmd_request, "%s", why);
		return -1;
	}
	return 0;
}

/* Print the domain's refusal; EXIT_USAGE (bad input, nothing written). */
static int refused(const struct errors *err)
{
	if (!errors_count(err))
		fprintf(stderr, "gongkai: 操作失败\n");
	errors_print(err, stderr);
	return EXIT_USAGE;
}

static void print_warnings(const struct errors *warn)
{
	for (size_t i = 0; i < warn->n; i++)
		fprintf(stderr, "提醒：%s\n", warn->msg[i]);
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "—";
}

static const char *yuan(int64_t fen, struct arena *a)
{
	char y[32];

	fee_format_yuan(fen, y, sizeof(y));
	return arena_strdup(a, y);
}

/* Read a text file of at most TEXT_FILE_MAX bytes into 'a'. */
static const char *read_text(const char *path, struct arena *a,
			     struct errors *err)
{
	struct stat st;
	FILE *fp;
	char *data;
	size_t n;

	if (stat(path, &st) || !S_ISREG(st.st_mode)) {
		errors_addf(err, "%s: 找不到文件或不是普通文件", path);
		return NULL;
	}
	if ((unsigned long long)st.st_size > TEXT_FILE_MAX) {
		errors_addf(err, "%s: 文件超过 1 MB", path);
		return NULL;
	}
	if (!(fp = fopen(path, "rb"))) {
		errors_addf(err, "%s: 无法读取文件", path);
		return NULL;
	}
	data = arena_alloc(a, (size_t)st.st_size + 1);
	n = fread(data, 1, (size_t)st.st_size, fp);
	fclose(fp);
	data[n] = '\0';
	if (!utf8_valid(data, n)) {
		errors_addf(err, "%s: 不是 UTF-8 文本", path);
		return NULL;
	}
	return data;
}

/* --- JSON --- */

static json_t *js(const char *v)
{
	return v ? json_string(v) : json_null();
}

static json_t *json_request(const struct request *r, struct arena *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "number", json_string(request_number(r, a)));
	json_object_set_new(o, "code", js(r->code));
	json_object_set_new(o, "unit", json_pack("{s:I, s:s, s:s}", "id",
		(json_int_t)r->unit_id, "name", r->unit_name ? r->unit_name : "",
		"region", r->region_code ? r->region_code : ""));
	json_object_set_new(o, "year", json_integer(r->year));
	json_object_set_new(o, "serial", json_integer(r->serial));
	json_object_set_new(o, "applicant_kind", js(r->applicant_kind));
	json_object_set_new(o, "applicant_kind_label", json_string(
		request_term_label(request_applicant_kinds, r->applicant_kind)));
	json_object_set_new(o, "name", js(r->name));
	json_object_set_new(o, "id_type", js(r->id_type));
	json_object_set_new(o, "id_number", js(r->id_number));
	json_object_set_new(o, "credit_code", js(r->credit_code));
	json_object_set_new(o, "legal_rep", js(r->legal_rep));
	json_object_set_new(o, "contact_person", js(r->contact_person));
	json_object_set_new(o, "phone", js(r->phone));
	json_object_set_new(o, "email", js(r->email));
	json_object_set_new(o, "address", js(r->address));
	json_object_set_new(o, "postcode", js(r->postcode));
	json_object_set_new(o, "info_name", js(r->info_name));
	json_object_set_new(o, "info_doc_no", js(r->info_doc_no));
	json_object_set_new(o, "info_desc", js(r->info_desc));
	json_object_set_new(o, "forms", js(r->forms));
	json_object_set_new(o, "delivery", js(r->delivery));
	json_object_set_new(o, "fee_waiver", json_boolean(r->fee_waiver));
	json_object_set_new(o, "fee_waiver_reason", js(r->fee_waiver_reason));
	json_object_set_new(o, "channel", js(r->channel));
	json_object_set_new(o, "channel_label", json_string(
		request_term_label(request_channels, r->channel)));
	json_object_set_new(o, "submitted_on", js(r->submitted_on));
	json_object_set_new(o, "received_on", js(r->received_on));
	json_object_set_new(o, "receipt_note", js(r->receipt_note));
	json_object_set_new(o, "status", js(r->status));
	json_object_set_new(o, "status_label", json_string(
		request_term_label(request_statuses, r->status)));
	json_object_set_new(o, "outcome", js(r->outcome));
	json_object_set_new(o, "outcome_article", js(r->outcome_article));
	json_object_set_new(o, "replied_on", js(r->replied_on));
	json_object_set_new(o, "delivered_how", js(r->delivered_how));
	json_object_set_new(o, "delivered_on", js(r->delivered_on));
	json_object_set_new(o, "archived_on", js(r->archived_on));
	json_object_set_new(o, "fee_method", js(r->fee_method));
	json_object_set_new(o, "fee_units", json_integer(r->fee_units));
	json_object_set_new(o, "fee_fen", json_integer(r->fee_fen));
	json_object_set_new(o, "fee_state", js(r->fee_state));
	json_object_set_new(o, "created_by", js(r->created_by));
	json_object_set_new(o, "created_at", js(r->created_at));
	json_object_set_new(o, "updated_at", js(r->updated_at));
	return o;
}

static json_t *json_timing(const struct request_timing *t)
{
	json_t *lines = json_array();

	for (size_t i = 0; i < t->clock.n; i++)
		json_array_append_new(lines, json_string(t->clock.lines[i]));
	return json_pack("{s:s, s:s, s:s?, s:s, s:i, s:i, s:i, s:s, s:o, s:s?}",
			 "state", request_state_label(t->clock.state),
			 "pause", request_pause_label(t->clock.pause),
			 "due", *t->due ? t->due : NULL,
			 "correction_due", t->correction_due,
			 "limit", t->clock.limit, "used", t->clock.used,
			 "left", t->clock.left, "summary", t->summary,
			 "lines", lines, "missing_year", t->missing_year);
}

/* --- file --- */

enum {
	F_UNIT, F_KIND, F_NAME, F_ID_TYPE, F_ID_NUMBER, F_CREDIT, F_LEGAL_REP,
	F_CONTACT, F_PHONE, F_EMAIL, F_ADDRESS, F_POSTCODE, F_INFO_NAME,
	F_DOC_NO, F_DESC, F_FORMS, F_DELIVERY, F_WAIVER, F_CHANNEL,
	F_SUBMITTED, F_SIGNED, F_CONFIRMED, F_REGISTERED, F_JSON, F__MAX
};

static int sub_file(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[F__MAX] = {
		[F_UNIT] = { "unit", 1 }, [F_KIND] = { "kind", 1 },
		[F_NAME] = { "name", 1 }, [F_ID_TYPE] = { "id-type", 1 },
		[F_ID_NUMBER] = { "id-number", 1 },
		[F_CREDIT] = { "credit-code", 1 },
		[F_LEGAL_REP] = { "legal-rep", 1 },
		[F_CONTACT] = { "contact-person", 1 },
		[F_PHONE] = { "phone", 1 }, [F_EMAIL] = { "email", 1 },
		[F_ADDRESS] = { "address", 1 }, [F_POSTCODE] = { "postcode", 1 },
		[F_INFO_NAME] = { "info-name", 1 }, [F_DOC_NO] = { "doc-no", 1 },
		[F_DESC] = { "desc", 1 }, [F_FORMS] = { "forms", 1 },
		[F_DELIVERY] = { "delivery", 1 },
		[F_WAIVER] = { "fee-waiver", 1 },
		[F_CHANNEL] = { "channel", 1 },
		[F_SUBMITTED] = { "submitted", 1 },
		[F_SIGNED] = { "signed", 1 },
		[F_CONFIRMED] = { "confirmed", 1 },
		[F_REGISTERED] = { "registered", 1 }, [F_JSON] = { "json", 0 },
	};
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct request_filing in = { 0 };
	struct request_filed out;
	struct actor who;
	struct args a;
	int rc = EXIT_OK;

	if (parse(argc, argv, o, F__MAX, &a))
		return EXIT_USAGE;
	if (a.npos) {
		rc = cli_usage(&cmd_request, "file 不接受参数「%s」", a.pos[0]);
		goto out;
	}
	if (!o[F_UNIT].value || !(in.unit_id = args_id(o[F_UNIT].value))) {
		rc = cli_usage(&cmd_request, "file 需要 --unit 单位编号（正整数）");
		goto out;
	}
	if (!o[F_CHANNEL].value) {
		rc = cli_usage(&cmd_request, "file 需要 --channel 提交方式");
		goto out;
	}
	in.applicant_kind = o[F_KIND].value ? o[F_KIND].value : "person";
	in.name = o[F_NAME].value;
	in.id_type = o[F_ID_TYPE].value;
	in.id_number = o[F_ID_NUMBER].value;
	in.credit_code = o[F_CREDIT].value;
	in.legal_rep = o[F_LEGAL_REP].value;
	in.contact_person = o[F_CONTACT].value;
	in.phone = o[F_PHONE].value;
	in.email = o[F_EMAIL].value;
	in.address = o[F_ADDRESS].value;
	in.postcode = o[F_POSTCODE].value;
	in.info_name = o[F_INFO_NAME].value;
	in.info_doc_no = o[F_DOC_NO].value;
	in.info_desc = o[F_DESC].value;
	in.forms = o[F_FORMS].value;
	in.delivery = o[F_DELIVERY].value;
	in.fee_waiver = o[F_WAIVER].value != NULL;
	in.fee_waiver_reason = o[F_WAIVER].value;
	in.channel = o[F_CHANNEL].value;
	in.submitted_on = o[F_SUBMITTED].value;
	in.signed_on = o[F_SIGNED].value;
	in.confirmed_on = o[F_CONFIRMED].value;
	in.registered_on = o[F_REGISTERED].value;
	actor_cli(cli->actor, &who);
	if (!request_file(s, &who, &in, &ar, &out, &err)) {
		fprintf(stderr, "申请未登记（共 %zu 个问题，数据库未作任何修改）：\n",
			errors_count(&err));
		rc = refused(&err);
		goto out;
	}
	if (o[F_JSON].value) {
		json_t *same = json_array();

		for (size_t i = 0; i < out.nsame; i++)
			json_array_append_new(same, json_pack("{s:I, s:s, s:s}",
				"id", (json_int_t)out.same[i].id, "number",
				request_number(&out.same[i], &ar), "received_on",
				out.same[i].received_on));
		json_print(json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id",
				     (json_int_t)out.id, "code", out.code,
				     "number", out.number, "received_on",
				     out.received_on, "receipt_note",
				     out.receipt_note, "same_info", same));
		goto out;
	}
	printf("已登记申请 %lld（%s）\n", (long long)out.id, out.number);
	printf("查询码：%s\n", out.code);
	printf("收到申请之日：%s（%s）\n", out.received_on, out.receipt_note);
	if (out.nsame) {
		printf("注意：本单位此前已收到 %zu 件申请相同信息的申请：", out.nsame);
		for (size_t i = 0; i < out.nsame; i++)
			printf("%s%lld（%s）", i ? "、" : "",
			       (long long)out.same[i].id, out.same[i].received_on);
		printf("。可考虑纳入主动公开范围（条例第四十四条）\n");
	}
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, F__MAX, &a);
	return rc;
}

/* --- list --- */

static int count_opt(const char *v, const char *what, int64_t max,
		     int64_t *out)
{
	int64_t n = args_id(v);

	if (!n || n > max) {
		cli_usage(&cmd_request, "%s应为 1 到 %lld 之间的整数，而不是「%s」",
			  what, (long long)max, v);
		return -1;
	}
	*out = n;
	return 0;
}

static int sub_list(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "region", 1 }, { "status", 1 },
			       { "text", 1 }, { "from", 1 }, { "to", 1 },
			       { "page", 1 }, { "per-page", 1 }, { "json", 0 } };
	const size_t no = sizeof(o) / sizeof(o[0]);
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct request_filter f = { 0 };
	struct calendar cal;
	struct request *v;
	struct args a;
	char from[CALENDAR_DATE_LEN], to[CALENDAR_DATE_LEN];
	int64_t page = 1, per = PER_PAGE_DEFAULT, total;
	size_t n;
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, no, &a))
		return EXIT_USAGE;
	if (a.npos) {
		rc = cli_usage(&cmd_request, "list 不接受参数「%s」", a.pos[0]);
		goto out;
	}
	if ((o[0].value && !(f.unit_id = args_id(o[0].value))) ) {
		rc = cli_usage(&cmd_request, "--unit 应为单位编号（正整数）");
		goto out;
	}
	if ((o[6].value && count_opt(o[6].value, "--page ", 1000000000, &page)) ||
	    (o[7].value && count_opt(o[7].value, "--per-page ", PER_PAGE_MAX,
				     &per))) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (o[2].value) {
		f.status = !strcmp(o[2].value, "open") ? "open"
			: request_term_parse(request_statuses, o[2].value);
		if (!f.status) {
			rc = cli_usage(&cmd_request, "未知状态「%s」（可用 open、"
				       "registered、reviewing、correcting、handling、"
				       "replied、archived 或其中文名称）", o[2].value);
			goto out;
		}
	}
	if ((o[4].value && calendar_normalize_date(o[4].value, from)) ||
	    (o[5].value && calendar_normalize_date(o[5].value, to))) {
		rc = cli_usage(&cmd_request, "--from、--to 应为日期（如 2026-03-02）");
		goto out;
	}
	f.received_from = o[4].value ? from : NULL;
	f.received_to = o[5].value ? to : NULL;
	f.region = o[1].value;
	f.text = o[3].value;
	f.limit = per;
	f.offset = (page - 1) * per;
	if (store_request_list(s, &f, &ar, &v, &n, &total) != STORE_OK) {
		fprintf(stderr, "读取申请列表失败\n");
		rc = EXIT_FAIL;
		goto out;
	}
	calendar_load(s, &ar, &cal);
	if (o[8].value) {
		json_t *arr = json_array();

		for (size_t i = 0; i < n; i++) {
			struct request_timing t;
			json_t *j = json_request(&v[i], &ar);

			json_object_del(j, "id_number");
			json_object_del(j, "reply_letter");
			if (request_timing(s, &cal, &v[i], NULL, &ar, &t, &err) == 0)
				json_object_set_new(j, "timing", json_pack(
					"{s:s, s:s?, s:s}", "state",
					request_state_label(t.clock.state), "due",
					*t.due ? t.due : NULL, "summary", t.summary));
			json_array_append_new(arr, j);
		}
		json_print(json_pack("{s:o, s:I, s:I, s:I}", "requests", arr,
				     "total", (json_int_t)total, "page",
				     (json_int_t)page, "per_page", (json_int_t)per));
		goto out;
	}
	if (!total) {
		printf("没有符合条件的申请\n");
		goto out;
	}
	{
		static const size_t w[] = { 6, 14, 12, 8, 16 };
		static const char *const head[] = { "编号", "文号", "收到日期",
						     "状态", "申请人", "期限" };
		struct buf line = BUF_INIT;

		for (int k = 0; k < 5; k++)
			utf8_pad(&line, head[k], w[k]);
		printf("%s%s\n", line.buf, head[5]);
		for (size_t i = 0; i < n; i++) {
			struct request_timing t;
			char id[24];

			buf_reset(&line);
			snprintf(id, sizeof(id), "%lld", (long long)v[i].id);
			utf8_pad(&line, id, w[0]);
			utf8_pad(&line, request_number(&v[i], &ar), w[1]);
			utf8_pad(&line, v[i].received_on, w[2]);
			utf8_pad(&line, request_term_label(request_statuses,
							   v[i].status), w[3]);
			utf8_pad(&line, v[i].name, w[4]);
			printf("%s%s\n", line.buf,
			       request_timing(s, &cal, &v[i], NULL, &ar, &t,
					      &err) ? "—" : t.summary);
		}
		buf_release(&line);
		printf("共 %lld 件，第 %lld 页（每页 %lld 件）\n", (long long)total,
		       (long long)page, (long long)per);
	}
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, no, &a);
	return rc;
}

/* --- show --- */

static void print_request(struct store *s, const struct request *r,
			  const struct request_step *v, size_t n,
			  const struct request_timing *t, int have_t,
			  const struct request *same, size_t nsame,
			  struct arena *ar)
{
	const struct request_outcome *o = request_outcome_find(r->outcome);

	printf("申请 %lld：%s　%s\n", (long long)r->id, request_number(r, ar),
	       r->unit_name);
	printf("查询码：%s\n", r->code);
	printf("状态：%s\n", request_term_label(request_statuses, r->status));
	printf("申请人：%s（%s）\n", r->name,
	       request_term_label(request_applicant_kinds, r->applicant_kind));
	if (request_kind_is_person(r->applicant_kind)) {
		printf("证件：%s %s\n", r->id_type, r->id_number);
	} else {
		printf("统一社会信用代码：%s\n", r->credit_code);
		printf("法定代表人：%s　联系人：%s\n", r->legal_rep,
		       r->contact_person);
	}
	printf("联系电话：%s　电子邮箱：%s\n", or_dash(r->phone), or_dash(r->email));
	printf("通信地址：%s　邮政编码：%s\n", or_dash(r->address),
	       or_dash(r->postcode));
	printf("所需信息：%s\n", or_dash(r->info_name));
	printf("文号：%s\n", or_dash(r->info_doc_no));
	printf("描述：%s\n", or_dash(r->info_desc));
	printf("载体形式：%s　获取方式：%s\n", r->forms, r->delivery);
	if (r->fee_waiver)
		printf("申请减免费用：%s\n", r->fee_waiver_reason);
	printf("提交方式：%s　提交日期：%s\n",
	       request_term_label(request_channels, r->channel), r->submitted_on);
	printf("收到申请之日：%s（%s）\n", r->received_on, r->receipt_note);
	if (have_t) {
		printf("答复期限：%s\n", *t->due ? t->due : "—");
		printf("计时：%s\n", t->summary);
		if (t->missing_year)
			printf("注意：%s\n", t->missing_year);
	}
	if (r->fee_method)
		printf("信息处理费：%s %lld，%s 元（%s）\n",
		       fee_method_label(!strcmp(r->fee_method, "by_pages")
					? FEE_BY_PAGES : FEE_PER_ITEM),
		       (long long)r->fee_units, yuan(r->fee_fen, ar),
		       !r->fee_state ? "" : !strcmp(r->fee_state, "noticed")
		       ? "待缴费" : !strcmp(r->fee_state, "paid") ? "已缴费"
		       : !strcmp(r->fee_state, "waived") ? "已减免" : "逾期未缴费");
	if (o)
		printf("答复结果：%s %s%s%s（依据：%s）\n", o->code, o->group_label,
		       o->code[1] ? "：" : "", o->code[1] ? o->label : "",
		       request_article_cite(r->outcome_article, ar));
	if (r->replied_on)
		printf("答复日期：%s\n", r->replied_on);
	if (r->delivered_on)
		printf("送达：%s，%s\n", r->delivered_how, r->delivered_on);
	if (r->archived_on)
		printf("归档日期：%s\n", r->archived_on);
	printf("办理步骤：\n");
	for (size_t i = 0; i < n; i++) {
		printf("  %s  %s", v[i].day, request_step_label(v[i].kind));
		if (v[i].until)
			printf("（期限 %s）", v[i].until);
		if (v[i].days)
			printf("（%d个工作日）", v[i].days);
		if (*v[i].approver)
			printf("（批准人：%s）", v[i].approver);
		if (*v[i].note)
			printf("：%s", v[i].note);
		printf("　[%s]\n", v[i].actor);
	}
	if (have_t && t->clock.n) {
		printf("期限的计算：\n");
		for (size_t i = 0; i < t->clock.n; i++)
			printf("  %s\n", t->clock.lines[i]);
	}
	if (nsame) {
		printf("相同信息的其他申请（可考虑主动公开，条例第四十四条）：\n");
		for (size_t i = 0; i < nsame; i++)
			printf("  %lld %s %s %s\n", (long long)same[i].id,
			       request_number(&same[i], ar), same[i].received_on,
			       same[i].name);
	}
	if (*r->reply_letter)
		printf("答复书：\n%s\n", r->reply_letter);
	(void)s;
}

static int sub_show(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct request r, *same = NULL;
	struct request_step *v = NULL;
	struct request_timing t;
	struct actor who;
	struct args a;
	size_t n = 0, nsame = 0;
	int rc = EXIT_OK, have_t;

	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		rc = cli_usage(&cmd_request, "show 需要一个申请编号或查询码");
		goto out;
	}
	actor_cli(cli->actor, &who);
	if (request_load(s, &who, a.pos[0], &ar, &r, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	store_request_steps(s, r.id, &ar, &v, &n);
	store_request_same_info(s, &r, 20, &ar, &same, &nsame);
	have_t = request_timing(s, NULL, &r, NULL, &ar, &t, &err) == 0;
	if (o[0].value) {
		json_t *j = json_request(&r, &ar), *steps = json_array(),
		       *sj = json_array();

		json_object_set_new(j, "reply_letter", json_string(r.reply_letter));
		for (size_t i = 0; i < n; i++)
			json_array_append_new(steps, json_pack(
				"{s:I, s:s, s:s, s:s, s:s?, s:i, s:s, s:s, s:s}",
				"id", (json_int_t)v[i].id, "kind", v[i].kind,
				"label", request_step_label(v[i].kind),
				"day", v[i].day, "until", v[i].until,
				"days", v[i].days, "approver", v[i].approver,
				"note", v[i].note, "actor", v[i].actor));
		json_object_set_new(j, "steps", steps);
		for (size_t i = 0; i < nsame; i++)
			json_array_append_new(sj, json_pack("{s:I, s:s, s:s}",
				"id", (json_int_t)same[i].id, "number",
				request_number(&same[i], &ar), "received_on",
				same[i].received_on));
		json_object_set_new(j, "same_info", sj);
		json_object_set_new(j, "timing", have_t ? json_timing(&t)
				    : json_null());
		json_print(j);
		goto out;
	}
	print_request(s, &r, v, n, &t, have_t, same, nsame, &ar);
	if (!have_t)
		errors_print(&err, stderr);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 1, &a);
	return rc;
}

/* --- step --- */

enum {
	S_STEP, S_DAY, S_UNTIL, S_NOTE, S_APPROVER, S_DAYS, S_PER_ITEM,
	S_PAGES, S_OUTCOME, S_ARTICLE, S_LETTER, S_HOW, S__MAX
};

static int sub_step(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[S__MAX] = {
		[S_STEP] = { "step", 1 }, [S_DAY] = { "day", 1 },
		[S_UNTIL] = { "until", 1 }, [S_NOTE] = { "note", 1 },
		[S_APPROVER] = { "approver", 1 }, [S_DAYS] = { "days", 1 },
		[S_PER_ITEM] = { "per-item", 0 }, [S_PAGES] = { "pages", 1 },
		[S_OUTCOME] = { "outcome", 1 }, [S_ARTICLE] = { "article", 1 },
		[S_LETTER] = { "letter", 1 }, [S_HOW] = { "delivered-how", 1 },
	};
	struct errors err = ERRORS_INIT, warn = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct request_act_in in = { 0 };
	struct request r;
	struct request_timing t;
	struct actor who;
	struct args a;
	int act, rc = EXIT_OK;

	if (parse(argc, argv, o, S__MAX, &a))
		return EXIT_USAGE;
	if (a.npos != 1 || !o[S_STEP].value) {
		rc = cli_usage(&cmd_request, "step 需要一个申请编号或查询码和 "
			       "--step 步骤");
		goto out;
	}
	if ((act = request_action_parse(o[S_STEP].value)) < 0) {
		rc = cli_usage(&cmd_request, "没有办理步骤「%s」", o[S_STEP].value);
		goto out;
	}
	if (o[S_DAYS].value && !(in.days = (int)args_id(o[S_DAYS].value))) {
		rc = cli_usage(&cmd_request, "--days 应为正整数（工作日数）");
		goto out;
	}
	if (o[S_PAGES].value && (args_id(o[S_PAGES].value) <= 0 ||
				 args_id(o[S_PAGES].value) > FEE_PAGES_MAX)) {
		rc = cli_usage(&cmd_request, "--pages 应为 1 到 %d 之间的整数",
			       FEE_PAGES_MAX);
		goto out;
	}
	actor_cli(cli->actor, &who);
	if (request_load(s, &who, a.pos[0], &ar, &r, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	in.action = (enum request_action)act;
	in.day = o[S_DAY].value;
	in.until = o[S_UNTIL].value;
	in.note = o[S_NOTE].value;
	in.approver = o[S_APPROVER].value;
	in.fee_method = o[S_PER_ITEM].value ? "per_item"
		: o[S_PAGES].value ? "by_pages" : NULL;
	in.pages = o[S_PAGES].value ? (int)args_id(o[S_PAGES].value) : 0;
	in.outcome = o[S_OUTCOME].value;
	in.article = o[S_ARTICLE].value;
	in.delivered_how = o[S_HOW].value;
	if (o[S_LETTER].value &&
	    !(in.letter = read_text(o[S_LETTER].value, &ar, &err))) {
		rc = refused(&err);
		goto out;
	}
	if (request_act(s, &who, r.id, &in, &warn, &err)) {
		fprintf(stderr, "未办理（数据库未作任何修改）：\n");
		rc = refused(&err);
		goto out;
	}
	print_warnings(&warn);
	store_request_get(s, r.id, &ar, &r);
	printf("申请 %lld（%s）：已记录「%s」，现在「%s」\n", (long long)r.id,
	       request_number(&r, &ar), request_action_label(in.action),
	       request_term_label(request_statuses, r.status));
	if (request_timing(s, NULL, &r, NULL, &ar, &t, &err) == 0)
		printf("计时：%s\n", t.summary);
	if (r.fee_method && in.action == RQ_FEE_NOTICE)
		printf("信息处理费：%s 元\n", yuan(r.fee_fen, &ar));
out:
	errors_release(&err);
	errors_release(&warn);
	arena_release(&ar);
	args_release(o, S__MAX, &a);
	return rc;
}

/* --- due --- */

static json_t *json_dues(const struct request_due *v, size_t n,
			 struct arena *ar)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s?, "
			"s:s}", "id", (json_int_t)v[i].r.id, "number",
			request_number(&v[i].r, ar), "name", v[i].r.name,
			"received_on", v[i].r.received_on, "due",
			*v[i].t.due ? v[i].t.due : NULL, "summary",
			v[i].t.summary));
	return arr;
}

static void print_dues(const char *title, const struct request_due *v,
		       size_t n, struct arena *ar)
{
	printf("%s（%zu 件）\n", title, n);
	for (size_t i = 0; i < n; i++)
		printf("  %lld %s %s %s：%s\n", (long long)v[i].r.id,
		       request_number(&v[i].r, ar), v[i].r.unit_name,
		       v[i].r.name, v[i].t.summary);
}

static int sub_due(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "unit", 1 }, { "region", 1 }, { "json", 0 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct request_dashboard d;
	struct args a;
	int64_t unit = 0;
	int rc = EXIT_OK;

	(void)cli;
	if (parse(argc, argv, o, 3, &a))
		return EXIT_USAGE;
	if (a.npos || (o[0].value && !(unit = args_id(o[0].value)))) {
		rc = cli_usage(&cmd_request, "due 只接受 --unit 单位编号、--region "
			       "和 --json");
		goto out;
	}
	if (request_dashboard(s, unit, o[1].value, NULL, &ar, &d, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (o[2].value) {
		json_print(json_pack("{s:o, s:o, s:o, s:I}", "overdue",
				     json_dues(d.overdue, d.noverdue, &ar),
				     "due_soon", json_dues(d.due_soon, d.ndue_soon,
							   &ar),
				     "paused", json_dues(d.paused, d.npaused, &ar),
				     "open", (json_int_t)d.nopen));
		goto out;
	}
	printf("未办结的申请 %zu 件\n", d.nopen);
	print_dues("已逾期", d.overdue, d.noverdue, &ar);
	print_dues("3个工作日内到期", d.due_soon, d.ndue_soon, &ar);
	print_dues("暂停计时", d.paused, d.npaused, &ar);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 3, &a);
	return rc;
}

/* --- letter, template, outcomes --- */

static int sub_letter(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "outcome", 1 }, { "day", 1 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	const struct request_outcome *oc = NULL;
	struct request r;
	struct actor who;
	struct args a;
	char day[CALENDAR_DATE_LEN];
	int rc = EXIT_OK;

	if (parse(argc, argv, o, 2, &a))
		return EXIT_USAGE;
	if (a.npos != 1) {
		rc = cli_usage(&cmd_request, "letter 需要一个申请编号或查询码");
		goto out;
	}
	if (o[0].value && !(oc = request_outcome_find(o[0].value))) {
		rc = cli_usage(&cmd_request, "「%s」不是年报表三中的办理结果（见 "
			       "gongkai request outcomes）", o[0].value);
		goto out;
	}
	if (o[1].value && calendar_normalize_date(o[1].value, day)) {
		rc = cli_usage(&cmd_request, "--day 应为日期（如 2026-03-02）");
		goto out;
	}
	if (!o[1].value)
		request_today(day);
	actor_cli(cli->actor, &who);
	if (request_load(s, &who, a.pos[0], &ar, &r, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (*r.reply_letter && !oc) {
		fputs(r.reply_letter, stdout);
		goto out;
	}
	if (!oc && !(oc = request_outcome_find(r.outcome))) {
		rc = cli_usage(&cmd_request, "申请尚未答复，预览答复书需要 --outcome "
			       "结果代码");
		goto out;
	}
	fputs(request_letter(s, &r, oc, NULL, day, &ar), stdout);
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 2, &a);
	return rc;
}

static int sub_template(struct cli *cli, struct store *s, int argc,
			char **argv)
{
	struct arg_opt o[] = { { "region", 1 }, { "set", 1 }, { "reset", 0 },
			       { "review-body", 1 },
			       { "reset-review-body", 0 } };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct region rg;
	struct actor who;
	struct args a;
	const char *text;
	int rc = EXIT_OK, changed = 0;

	if (parse(argc, argv, o, 5, &a))
		return EXIT_USAGE;
	if (a.npos || !o[0].value) {
		rc = cli_usage(&cmd_request, "template 需要 --region 区划代码");
		goto out;
	}
	if ((o[1].value && o[2].value) || (o[3].value && o[4].value)) {
		rc = cli_usage(&cmd_request, "--set 与 --reset、--review-body 与 "
			       "--reset-review-body 只能选一个");
		goto out;
	}
	if (store_region_get(s, o[0].value, &ar, &rg) != STORE_OK) {
		fprintf(stderr, "行政区划 %s 不存在\n", o[0].value);
		rc = EXIT_FAIL;
		goto out;
	}
	actor_cli(cli->actor, &who);
	if (o[1].value || o[2].value) {
		text = o[1].value ? read_text(o[1].value, &ar, &err) : NULL;
		if ((o[1].value && !text) ||
		    request_template_set(s, &who, o[0].value, text, &err)) {
			rc = refused(&err);
			goto out;
		}
		changed = 1;
		printf("%s的答复书模板已%s\n", rg.name, text ? "修改" : "恢复默认");
	}
	if (o[3].value || o[4].value) {
		if (request_review_body_set(s, &who, o[0].value, o[3].value,
					    &err)) {
			rc = refused(&err);
			goto out;
		}
		changed = 1;
		printf("%s的复议机关已%s\n", rg.name, o[3].value ? "设为 " : "恢复默认");
		if (o[3].value)
			printf("%s\n", o[3].value);
	}
	if (!changed) {
		struct unit u = { 0 };

		u.region_code = rg.code;
		u.kind = "政府部门";
		printf("%s的复议机关（本级政府部门）：%s\n", rg.name,
		       request_review_body(s, &u, &ar));
		printf("%s的答复书模板：\n%s", rg.name,
		       request_template(s, rg.code, &ar));
	}
out:
	errors_release(&err);
	arena_release(&ar);
	args_release(o, 5, &a);
	return rc;
}

static int sub_outcomes(struct cli *cli, struct store *s, int argc,
			char **argv)
{
	struct arg_opt o[] = { { "json", 0 } };
	struct arena ar = ARENA_INIT;
	struct args a;
	int rc = EXIT_OK;

	(void)cli;
	(void)s;
	if (parse(argc, argv, o, 1, &a))
		return EXIT_USAGE;
	if (a.npos) {
		rc = cli_usage(&cmd_request, "outcomes 不接受参数「%s」", a.pos[0]);
		goto out;
	}
	if (o[0].value) {
		json_t *arr = json_array();

		for (size_t i = 0; i < REQUEST_OUTCOMES; i++) {
			const struct request_outcome *x = &request_outcomes[i];

			json_array_append_new(arr, json_pack("{s:s, s:i, s:s, s:s, "
				"s:s, s:s, s:s}", "code", x->code, "group",
				x->group, "group_label", x->group_label, "row",
				x->row, "label", x->label, "article", x->article,
				"wording", x->wording));
		}
		json_print(arr);
		goto out;
	}
	for (size_t i = 0; i < REQUEST_OUTCOMES; i++) {
		const struct request_outcome *x = &request_outcomes[i];

		printf("%-4s %s %s（%s）\n", x->code, x->group_label,
		       x->code[1] ? x->row : "",
		       request_article_cite(x->article, &ar));
	}
out:
	arena_release(&ar);
	args_release(o, 1, &a);
	return rc;
}

static const struct sub subs[] = {
	{ "file", sub_file },
	{ "list", sub_list },
	{ "show", sub_show },
	{ "step", sub_step },
	{ "due", sub_due },
	{ "letter", sub_letter },
	{ "template", sub_template },
	{ "outcomes", sub_outcomes },
};

static int request_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_request, "缺少子命令");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(cli, s, argc - 1, argv + 1);
	return cli_usage(&cmd_request, "没有子命令「%s」", argv[1]);
}

const struct cli_command cmd_request = {
	"request", request_run, CLI_STORE_RW,
	"依申请公开：登记、办理、答复、归档和答复期限", request_usage,
};
