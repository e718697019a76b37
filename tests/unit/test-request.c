/* test-request.c: disclosure on request (domain/request.c) on a real
 * database file — intake checks (every missing field named, nothing
 * written), 收到申请之日 per channel (第三十一条), the 查询码, the
 * 统一社会信用代码 and 身份证 checks, the state machine refusing steps out
 * of order with nothing written, one extension only, one fee method only,
 * outcomes only from table 三, the reply letter, repeated requests and
 * who may act. */
#include "t.h"

#include "domain/request.h"
#include "store/store.h"

/* Beijing 10:00 on the given day. */
static void now_is(const char *day)
{
	char t[32];

	snprintf(t, sizeof(t), "%sT02:00:00Z", day);
	setenv("GONGKAI_NOW", t, 1);
}

static struct store *fresh(const char *name)
{
	char path[300];
	struct errors err = ERRORS_INIT;
	struct store *s = store_open(t_tmp(name, path, sizeof(path)),
				     STORE_OPEN_CREATE, &err);

	if (s && store_migrate(s, &err) != STORE_OK) {
		store_close(s);
		s = NULL;
	}
	errors_print(&err, stderr);
	errors_release(&err);
	return s;
}

/* Regions 湖南 > 长沙 > 岳麓区 > 望月湖街道 and units: 1 岳麓区人民政府,
 * 2 岳麓区民政局, 3 望月湖街道办事处, 4 长沙市民政局. */
static struct store *seeded(const char *name)
{
	struct store *s = fresh(name);
	struct region rs[] = {
		{ "430000", "湖南省", "省", NULL, NULL },
		{ "430100", "长沙市", "市", "430000", NULL },
		{ "430104", "岳麓区", "县", "430100", NULL },
		{ "430104001", "望月湖街道", "乡", "430104", NULL },
	};
	struct unit us[] = {
		{ 0, "岳麓区人民政府", "人民政府", "430104", NULL },
		{ 0, "岳麓区民政局", "政府部门", "430104", NULL },
		{ 0, "望月湖街道办事处", "街道办事处", "430104001", NULL },
		{ 0, "长沙市民政局", "政府部门", "430100", NULL },
	};
	struct errors err = ERRORS_INIT;

	if (!s)
		return NULL;
	for (size_t i = 0; i < sizeof(rs) / sizeof(rs[0]); i++)
		store_region_put(s, &rs[i], &err);
	for (size_t i = 0; i < sizeof(us) / sizeof(us[0]); i++)
		store_unit_add(s, &us[i], &err);
	errors_print(&err, stderr);
	errors_release(&err);
	return s;
}

static const struct actor cli_actor = {
	0, "测试员", ACTOR_SYSTEM, 0, NULL, "命令行",
};

/* A complete filing by a citizen, in person. */
static struct request_filing citizen(int64_t unit)
{
	struct request_filing f = { 0 };

	f.unit_id = unit;
	f.applicant_kind = "person";
	f.name = "张三";
	f.id_type = "居民身份证";
	f.id_number = "11010519491231002x";
	f.phone = "138 0000 0000";
	f.info_name = "2025年最低生活保障资金发放情况";
	f.forms = "纸质、电子邮件";
	f.email = "zhang@example.cn";
	f.delivery = "自行领取";
	f.channel = "in_person";
	return f;
}

static int64_t file_one(struct store *s, const struct request_filing *f)
{
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct request_filed out;
	int64_t id = request_file(s, &cli_actor, f, &a, &out, &err);

	errors_print(&err, stderr);
	errors_release(&err);
	arena_release(&a);
	return id;
}

/* Take a step; 0 or -1, the first error (or warning) copied to 'why'. */
static int step(struct store *s, int64_t id, struct request_act_in in,
		char *why, size_t n)
{
	struct errors err = ERRORS_INIT, warn = ERRORS_INIT;
	int rc = request_act(s, &cli_actor, id, &in, &warn, &err);

	if (why) {
		why[0] = '\0';
		if (err.n)
			snprintf(why, n, "%s", err.msg[0]);
		else if (warn.n)
			snprintf(why, n, "%s", warn.msg[0]);
	}
	errors_release(&err);
	errors_release(&warn);
	return rc;
}

static struct request_act_in act(enum request_action a, const char *day)
{
	struct request_act_in in = { 0 };

	in.action = a;
	in.day = day;
	return in;
}

static const char *status_of(struct store *s, int64_t id, struct arena *a)
{
	struct request r;

	if (store_request_get(s, id, a, &r) != STORE_OK)
		return "(none)";
	return r.status;
}

static int64_t nsteps(struct store *s, int64_t id)
{
	struct arena a = ARENA_INIT;
	struct request_step *v;
	size_t n = 0;

	store_request_steps(s, id, &a, &v, &n);
	arena_release(&a);
	return (int64_t)n;
}

static int64_t naudit(struct store *s)
{
	int64_t n = -1;

	store_audit_count(s, &n);
	return n;
}

/* Every message of 'err' in one string, in 'a'. */
static const char *all_msgs(const struct errors *err, struct arena *a)
{
	struct buf b = BUF_INIT;
	const char *r;

	for (size_t i = 0; i < err->n; i++) {
		buf_adds(&b, err->msg[i]);
		buf_addch(&b, '\n');
	}
	r = arena_strdup(a, b.buf);
	buf_release(&b);
	return r;
}

/* --- small checks --- */

TEST(test_request__credit_code_check_character)
{
	CHECK(request_credit_code_valid("91350100M000100Y43"));
	CHECK(request_credit_code_valid("91430100MA4L16JQ9D"));
	CHECK(!request_credit_code_valid("91350100M000100Y44"));
	CHECK(!request_credit_code_valid("91350100M000100Y4"));
	CHECK(!request_credit_code_valid("91350100M000100I43"));	/* no I */
	CHECK(!request_credit_code_valid("91350100m000100y43"));
	CHECK(!request_credit_code_valid(""));
	CHECK(!request_credit_code_valid(NULL));
}

TEST(test_request__id_card_check_digit)
{
	CHECK(request_id_card_valid("11010519491231002X"));
	CHECK(request_id_card_valid("110101199003074477"));
	CHECK(!request_id_card_valid("110101199003074478"));
	CHECK(!request_id_card_valid("11010519491231002"));
	CHECK(!request_id_card_valid("1101051949123100AX"));
}

TEST(test_request__code_format_and_normalize)
{
	char code[REQUEST_CODE_LEN + 1], again[REQUEST_CODE_LEN + 1];
	char lower[REQUEST_CODE_LEN + 1];
	int same = 0;

	for (int i = 0; i < 200; i++) {
		char prev[REQUEST_CODE_LEN + 1];

		snprintf(prev, sizeof(prev), "%s", i ? code : "");
		request_code_new(code);
		CHECK_INT(strlen(code), 14);
		CHECK(code[4] == '-' && code[9] == '-');
		for (int k = 0; k < 14; k++)
			if (k != 4 && k != 9)
				CHECK(strchr(REQUEST_CODE_ALPHABET, code[k]));
		CHECK(!strpbrk(code, "01OI"));
		same += !strcmp(prev, code);
	}
	CHECK_INT(same, 0);
	/* typed in lower case, without dashes, with spaces */
	snprintf(lower, sizeof(lower), "%s", code);
	for (char *p = lower; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	CHECK_INT(request_code_normalize(lower, again), 0);
	CHECK_STR(again, code);
	CHECK_INT(request_code_normalize("abcd efgh jkLM", again), 0);
	CHECK_STR(again, "ABCD-EFGH-JKLM");
	CHECK_INT(request_code_normalize("ABCD-EFGH-JKL", again), -1);
	CHECK_INT(request_code_normalize("ABCD-EFGH-JKLMN", again), -1);
	CHECK_INT(request_code_normalize("ABCD-EFGH-JKL0", again), -1);
	CHECK_INT(request_code_normalize("ABCD-EFGH-JKLI", again), -1);
	CHECK_INT(request_code_normalize("' OR 1=1 --", again), -1);
}

/* --- intake --- */

TEST(test_request__intake_names_every_missing_field)
{
	struct request_filing f = { 0 };
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct request r;
	const char *m;

	f.applicant_kind = "person";
	CHECK_INT(request_check_filing(&f, "2026-03-02", &a, &r, &err), -1);
	m = all_msgs(&err, &a);
	CHECK_CONTAINS(m, "「受理单位」");
	CHECK_CONTAINS(m, "「姓名」");
	CHECK_CONTAINS(m, "「证件类型」");
	CHECK_CONTAINS(m, "「证件号码」");
	CHECK_CONTAINS(m, "「联系方式」");
	CHECK_CONTAINS(m, "「所需信息」");
	CHECK_CONTAINS(m, "「载体形式」");
	CHECK_CONTAINS(m, "「获取方式」");
	CHECK_CONTAINS(m, "「提交方式」");
	errors_release(&err);
	arena_release(&a);
}

TEST(test_request__intake_organisation_fields)
{
	struct request_filing f = citizen(1);
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct request r;
	const char *m;

	f.applicant_kind = "商业企业";	/* a label works as well */
	f.name = "某某科技有限公司";
	f.credit_code = "91350100M000100Y44";	/* check character wrong */
	CHECK_INT(request_check_filing(&f, "2026-03-02", &a, &r, &err), -1);
	m = all_msgs(&err, &a);
	CHECK_CONTAINS(m, "「统一社会信用代码」：91350100M000100Y44 不是有效的");
	CHECK_CONTAINS(m, "「法定代表人」");
	CHECK_CONTAINS(m, "「联系人」");
	CHECK(!strstr(m, "「证件号码」"));
	errors_release(&err);

	f.credit_code = "91350100m000100y43";	/* lower case is taken */
	f.legal_rep = "王五";
	f.contact_person = "赵六";
	CHECK_INT(request_check_filing(&f, "2026-03-02", &a, &r, &err), 0);
	CHECK_STR(r.applicant_kind, "commercial");
	CHECK_STR(r.credit_code, "91350100M000100Y43");
	CHECK_STR(r.id_number, "");
	errors_release(&err);
	arena_release(&a);
}

TEST(test_request__intake_checks_choices_and_contacts)
{
	struct request_filing f = citizen(1);
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct request r;
	const char *m;

	f.id_number = "110105194912310021";	/* check digit wrong */
	f.email = "";			/* 电子邮件 chosen */
	f.forms = "纸质，羊皮卷";
	f.delivery = "邮寄";		/* no address */
	f.fee_waiver = true;		/* no reason */
	f.info_name = "";
	f.info_desc = "关于\x01";
	CHECK_INT(request_check_filing(&f, "2026-03-02", &a, &r, &err), -1);
	m = all_msgs(&err, &a);
	CHECK_CONTAINS(m, "「证件号码」：110105194912310021 不是有效的18位居民身份证号码");
	CHECK_CONTAINS(m, "「载体形式」：「羊皮卷」不是可选的一项");
	CHECK_CONTAINS(m, "「通信地址」：选择邮寄或快递时须填写通信地址");
	CHECK_CONTAINS(m, "「减免理由」");
	CHECK_CONTAINS(m, "「特征性描述」：含有不可见的控制字符");
	errors_release(&err);

	/* a 文号 alone is enough; the lists are normalised */
	f = citizen(1);
	f.info_name = "";
	f.info_doc_no = "岳政办发〔2025〕3号";
	f.forms = "电子邮件, 纸质 纸质";
	CHECK_INT(request_check_filing(&f, "2026-03-02", &a, &r, &err), 0);
	CHECK_STR(r.forms, "电子邮件、纸质");
	CHECK_STR(r.id_number, "11010519491231002X");
	errors_release(&err);
	arena_release(&a);
}

/* --- 收到申请之日 (第三十一条) --- */

TEST(test_request__receipt_date_per_channel)
{
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	char d[CALENDAR_DATE_LEN];
	const char *note;
	const char *today = "2026-03-10";

	/* 当面: the day handed in, today by default */
	CHECK_INT(request_receipt_date("in_person", "2026-03-09", NULL, NULL,
				       today, &a, d, &note, &err), 0);
	CHECK_STR(d, "2026-03-09");
	CHECK_CONTAINS(note, "第三十一条第一项");
	CHECK_INT(request_receipt_date("in_person", NULL, NULL, NULL, today,
				       &a, d, &note, &err), 0);
	CHECK_STR(d, today);
	/* 邮寄 with 签收: the signing day, not the posting day */
	CHECK_INT(request_receipt_date("mail_signed", "2026-03-02",
				       "2026/3/5", NULL, today, &a, d, &note,
				       &err), 0);
	CHECK_STR(d, "2026-03-05");
	CHECK_CONTAINS(note, "签收之日");
	/* 平信: the day confirmed with the applicant */
	CHECK_INT(request_receipt_date("mail_plain", "2026-03-02", NULL,
				       "2026-03-06", today, &a, d, &note, &err),
		  0);
	CHECK_STR(d, "2026-03-06");
	CHECK_CONTAINS(note, "确认之日");
	/* 传真 and 电子邮件: the day both sides confirmed */
	CHECK_INT(request_receipt_date("fax", NULL, NULL, "2026-03-04", today,
				       &a, d, &note, &err), 0);
	CHECK_STR(d, "2026-03-04");
	CHECK_CONTAINS(note, "第三十一条第三项");
	CHECK_INT(request_receipt_date("email", NULL, NULL, "2026-03-03",
				       today, &a, d, &note, &err), 0);
	CHECK_STR(d, "2026-03-03");
	/* online through the form: the day the 查询码 is issued */
	CHECK_INT(request_receipt_date("online", NULL, NULL, NULL, today, &a,
				       d, &note, &err), 0);
	CHECK_STR(d, today);
	CHECK_CONTAINS(note, "查询码");
	CHECK_INT(errors_count(&err), 0);
	errors_release(&err);
	arena_release(&a);
}

TEST(test_request__receipt_date_refusals)
{
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	char d[CALENDAR_DATE_LEN];
	const char *note;
	const char *today = "2026-03-10";

	CHECK_INT(request_receipt_date("mail_signed", "2026-03-02", NULL, NULL,
				       today, &a, d, &note, &err), -1);
	CHECK_CONTAINS(err.msg[0], "「签收日期」");
	errors_release(&err);
	CHECK_INT(request_receipt_date("mail_plain", NULL, NULL, NULL, today,
				       &a, d, &note, &err), -1);
	CHECK_CONTAINS(err.msg[0], "「确认日期」");
	errors_release(&err);
	CHECK_INT(request_receipt_date("fax", NULL, NULL, NULL, today, &a, d,
				       &note, &err), -1);
	CHECK_CONTAINS(err.msg[0], "「确认日期」");
	errors_release(&err);
	CHECK_INT(request_receipt_date("in_person", "2026-03-11", NULL, NULL,
				       today, &a, d, &note, &err), -1);
	CHECK_CONTAINS(err.msg[0], "晚于今天");
	errors_release(&err);
	CHECK_INT(request_receipt_date("mail_signed", "2026-03-08",
				       "2026-03-05", NULL, today, &a, d, &note,
				       &err), -1);
	CHECK_CONTAINS(err.msg[0], "「提交日期」：2026-03-08 晚于收到申请之日");
	errors_release(&err);
	CHECK_INT(request_receipt_date("in_person", "2026-02-30", NULL, NULL,
				       today, &a, d, &note, &err), -1);
	CHECK_CONTAINS(err.msg[0], "不是有效的日期");
	errors_release(&err);
	CHECK_INT(request_receipt_date("pigeon", NULL, NULL, NULL, today, &a,
				       d, &note, &err), -1);
	CHECK_CONTAINS(err.msg[0], "「提交方式」");
	errors_release(&err);
	arena_release(&a);
}

TEST(test_request__file_writes_request_step_and_audit)
{
	struct store *s = seeded("file.db");
	struct request_filing f;
	struct request_filed out;
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct request r;
	int64_t id, audits;

	CHECK(s);
	now_is("2026-03-10");
	f = citizen(2);
	f.channel = "mail_signed";
	f.submitted_on = "2026-03-05";
	f.signed_on = "2026-03-09";
	audits = naudit(s);
	id = request_file(s, &cli_actor, &f, &a, &out, &err);
	CHECK(id > 0);
	CHECK_STR(out.received_on, "2026-03-09");
	CHECK_STR(out.number, "〔2026〕1号");
	CHECK_INT(strlen(out.code), 14);
	CHECK_INT(out.nsame, 0);
	CHECK_INT(store_request_get(s, id, &a, &r), STORE_OK);
	CHECK_STR(r.status, "registered");
	CHECK_STR(r.submitted_on, "2026-03-05");
	CHECK_STR(r.unit_name, "岳麓区民政局");
	CHECK_STR(r.created_by, "测试员");
	CHECK_INT(nsteps(s, id), 1);
	CHECK_INT(naudit(s), audits + 1);
	/* the applicant finds it by the code as typed */
	{
		char typed[32];
		struct request byc;

		snprintf(typed, sizeof(typed), "%.4s %.4s %.4s", out.code,
			 out.code + 5, out.code + 10);
		CHECK_INT(request_by_code(s, typed, &a, &byc), STORE_OK);
		CHECK_INT(byc.id, id);
	}
	/* the same information again: pointed out (第四十四条), numbered on */
	f.name = "李四";
	f.id_number = "110101199003074477";
	f.info_name = " 2025年最低生活保障资金发放情况 ";
	id = request_file(s, &cli_actor, &f, &a, &out, &err);
	CHECK(id > 0);
	CHECK_STR(out.number, "〔2026〕2号");
	CHECK_INT(out.nsame, 1);
	CHECK_STR(out.same[0].name, "张三");
	CHECK_INT(errors_count(&err), 0);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

TEST(test_request__file_refused_writes_nothing)
{
	struct store *s = seeded("refuse.db");
	struct request_filing f;
	struct request_filed out;
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct request_filter flt = { 0 };
	struct request *v;
	size_t n;
	int64_t total, audits;

	CHECK(s);
	now_is("2026-03-10");
	audits = naudit(s);
	f = citizen(2);
	f.phone = f.email = "";
	f.forms = "纸质";
	CHECK_INT(request_file(s, &cli_actor, &f, &a, &out, &err), 0);
	CHECK_CONTAINS(err.msg[0], "「联系方式」");
	errors_release(&err);
	f = citizen(99);	/* no such unit */
	CHECK_INT(request_file(s, &cli_actor, &f, &a, &out, &err), 0);
	CHECK_CONTAINS(err.msg[0], "「受理单位」：单位 99 不存在");
	errors_release(&err);
	CHECK_INT(store_request_list(s, &flt, &a, &v, &n, &total), STORE_OK);
	CHECK_INT(total, 0);
	CHECK_INT(naudit(s), audits);
	arena_release(&a);
	store_close(s);
}

/* --- the state machine --- */

TEST(test_request__steps_follow_the_statute)
{
	struct store *s = seeded("steps.db");
	struct request_filing f;
	struct request_act_in in;
	struct arena a = ARENA_INIT;
	struct request r;
	char why[600];
	int64_t id;

	CHECK(s);
	now_is("2026-03-02");
	f = citizen(2);
	id = file_one(s, &f);
	CHECK(id > 0);
	now_is("2026-03-20");
	/* nothing to correct yet, no reply letter to deliver, not handling */
	CHECK_INT(step(s, id, act(RQ_CORRECTION_RECEIVED, "2026-03-03"), why,
		       sizeof(why)), -1);
	CHECK_CONTAINS(why, "申请现在是「已登记」，不能「收到补正」");
	CHECK_INT(step(s, id, act(RQ_ARCHIVE, NULL), why, sizeof(why)), -1);
	CHECK_INT(step(s, id, act(RQ_THIRD_PARTY_SENT, NULL), why,
		       sizeof(why)), -1);
	CHECK_INT(step(s, id, act(RQ_FEE_PAID, NULL), why, sizeof(why)), -1);
	/* a 补正 notice needs what and by when; late notices are warned */
	CHECK_INT(step(s, id, act(RQ_CORRECTION_NOTICE, "2026-03-12"), why,
		       sizeof(why)), -1);
	CHECK_CONTAINS(why, "「补正事项」");
	in = act(RQ_CORRECTION_NOTICE, "2026-03-12");
	in.note = "请写明所需信息的年份";
	in.until = "2026-03-11";
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "「补正期限」：2026-03-11 应晚于告知之日");
	in.until = "2026-03-19";
	CHECK_INT(step(s, id, in, why, sizeof(why)), 0);
	/* received 03-02 (Mon): 7 working days end 03-11 (Wed) */
	CHECK_CONTAINS(why, "期限为 2026-03-11，本告知晚了 1 个工作日");
	CHECK_STR(status_of(s, id, &a), "correcting");
	/* only once (第三十条) */
	CHECK_INT(step(s, id, act(RQ_REVIEW, NULL), why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "不能「审核通过」；现在可以：收到补正、逾期未补正、备注");
	/* the deadline has not passed: cannot close as lapsed */
	CHECK_INT(step(s, id, act(RQ_CORRECTION_LAPSED, "2026-03-19"), why,
		       sizeof(why)), -1);
	CHECK_CONTAINS(why, "补正期限至 2026-03-19");
	/* a step before the previous one is refused */
	CHECK_INT(step(s, id, act(RQ_CORRECTION_RECEIVED, "2026-03-10"), why,
		       sizeof(why)), -1);
	CHECK_CONTAINS(why, "早于上一个办理步骤「补正告知」");
	CHECK_INT(step(s, id, act(RQ_CORRECTION_RECEIVED, "2026-03-21"), why,
		       sizeof(why)), -1);
	CHECK_CONTAINS(why, "晚于今天");
	CHECK_INT(step(s, id, act(RQ_CORRECTION_RECEIVED, "2026-03-16"), why,
		       sizeof(why)), 0);
	CHECK_STR(status_of(s, id, &a), "reviewing");
	CHECK_INT(step(s, id, act(RQ_CORRECTION_NOTICE, "2026-03-17"), why,
		       sizeof(why)), -1);
	CHECK_CONTAINS(why, "补正应当一次性告知");
	CHECK_INT(step(s, id, act(RQ_REVIEW, "2026-03-17"), why, sizeof(why)),
		  0);
	CHECK_STR(status_of(s, id, &a), "handling");
	CHECK_INT(step(s, id, act(RQ_THIRD_PARTY_ANSWERED, NULL), why,
		       sizeof(why)), -1);
	CHECK_CONTAINS(why, "没有尚未答复的征求第三方意见");
	in = act(RQ_THIRD_PARTY_SENT, "2026-03-17");
	in.note = "某物业公司";
	CHECK_INT(step(s, id, in, why, sizeof(why)), 0);
	CHECK_INT(step(s, id, act(RQ_THIRD_PARTY_ANSWERED, "2026-03-20"), why,
		       sizeof(why)), 0);
	/* reply, deliver, archive; nothing after the archive */
	in = act(RQ_REPLY, "2026-03-20");
	in.outcome = "1";
	CHECK_INT(step(s, id, in, why, sizeof(why)), 0);
	CHECK_INT(step(s, id, act(RQ_ARCHIVE, "2026-03-20"), why, sizeof(why)),
		  -1);
	CHECK_CONTAINS(why, "答复尚未送达");
	in = act(RQ_DELIVERED, "2026-03-20");
	in.delivered_how = "当面领取";
	CHECK_INT(step(s, id, in, why, sizeof(why)), 0);
	CHECK_INT(step(s, id, act(RQ_ARCHIVE, "2026-03-20"), why, sizeof(why)),
		  0);
	CHECK_INT(store_request_get(s, id, &a, &r), STORE_OK);
	CHECK_STR(r.status, "archived");
	CHECK_STR(r.outcome, "1");
	CHECK_STR(r.outcome_article, "第三十六条第（二）项");
	CHECK_STR(r.delivered_how, "当面领取");
	CHECK_STR(r.archived_on, "2026-03-20");
	in = act(RQ_NOTE, NULL);
	in.note = "补记";
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "已归档的申请不能再办理");
	arena_release(&a);
	store_close(s);
}

TEST(test_request__refused_step_writes_nothing)
{
	struct store *s = seeded("nothing.db");
	struct request_filing f = citizen(2);
	struct request_act_in in;
	struct arena a = ARENA_INIT;
	struct request before, after;
	int64_t id, steps, audits;
	char why[600];

	CHECK(s);
	now_is("2026-03-02");
	id = file_one(s, &f);
	CHECK(id > 0);
	CHECK_INT(store_request_get(s, id, &a, &before), STORE_OK);
	steps = nsteps(s, id);
	audits = naudit(s);
	in = act(RQ_EXTENSION, NULL);	/* no approver */
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	in = act(RQ_REPLY, NULL);
	in.outcome = "6.1";		/* only by its own step */
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "由「逾期未补正」步骤办结");
	CHECK_INT(step(s, id, act(RQ_DELIVERED, NULL), why, sizeof(why)), -1);
	CHECK_INT(nsteps(s, id), steps);
	CHECK_INT(naudit(s), audits);
	CHECK_INT(store_request_get(s, id, &a, &after), STORE_OK);
	CHECK_STR(after.status, before.status);
	CHECK_STR(after.updated_at, before.updated_at);
	arena_release(&a);
	store_close(s);
}

TEST(test_request__extension_once_with_approver)
{
	struct store *s = seeded("ext.db");
	struct request_filing f = citizen(2);
	struct request_act_in in;
	struct request_timing t;
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct request r;
	char why[600];
	int64_t id;

	CHECK(s);
	now_is("2026-03-02");
	id = file_one(s, &f);
	now_is("2026-03-05");
	CHECK_INT(step(s, id, act(RQ_REVIEW, "2026-03-03"), why, sizeof(why)),
		  0);
	in = act(RQ_EXTENSION, "2026-03-05");
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "「批准人」");
	in.approver = "王主任";
	in.days = 21;
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "最长不得超过20个工作日");
	in.days = 10;
	CHECK_INT(step(s, id, in, why, sizeof(why)), 0);
	/* received Mon 03-02: 20 working days → Mon 03-30; 10 more: 03-31,
	 * 04-01, 04-02, 04-03 are the 21st–24th, 清明 04-04–04-06 is off
	 * (the built-in 2026 calendar), 04-07 … 04-10 the 25th–28th, 04-13
	 * the 29th, Tue 04-14 the 30th */
	CHECK_INT(store_request_get(s, id, &a, &r), STORE_OK);
	CHECK_INT(request_timing(s, NULL, &r, "2026-03-05", &a, &t, &err), 0);
	CHECK_STR(t.due, "2026-04-14");
	CHECK_INT(t.clock.limit, 30);
	in.days = 5;
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "答复期限只能延长一次");
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

TEST(test_request__extension_refused_when_overdue)
{
	struct store *s = seeded("late.db");
	struct request_filing f = citizen(2);
	struct request_act_in in;
	char why[600];
	int64_t id;

	CHECK(s);
	now_is("2026-03-02");
	id = file_one(s, &f);
	now_is("2026-04-10");
	in = act(RQ_EXTENSION, NULL);
	in.approver = "王主任";
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "答复期限已于 2026-03-30 届满");
	/* a late reply is allowed, and warned */
	in = act(RQ_REPLY, NULL);
	in.outcome = "4.1";
	CHECK_INT(step(s, id, in, why, sizeof(why)), 0);
	CHECK_CONTAINS(why, "已超过答复期限 2026-03-30");
	store_close(s);
}

TEST(test_request__fee_one_method_only)
{
	struct store *s = seeded("fee.db");
	struct request_filing f = citizen(2);
	struct request_act_in in;
	struct arena a = ARENA_INIT;
	struct request r;
	char why[600];
	int64_t id;

	CHECK(s);
	now_is("2026-03-02");
	id = file_one(s, &f);
	CHECK_INT(step(s, id, act(RQ_REVIEW, NULL), why, sizeof(why)), 0);
	in = act(RQ_FEE_NOTICE, NULL);
	in.fee_method = "per_item";
	in.pages = 40;
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "不能同时按件数和页数计费");
	in.fee_method = NULL;
	in.pages = 0;
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "「计费方式」");
	/* the first application of the month is free: no notice */
	in.fee_method = "per_item";
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "不收费");
	in.fee_method = "by_pages";
	in.pages = 30;
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	in.pages = 31;
	CHECK_INT(step(s, id, in, why, sizeof(why)), 0);
	CHECK_INT(store_request_get(s, id, &a, &r), STORE_OK);
	CHECK_STR(r.fee_method, "by_pages");
	CHECK_INT(r.fee_units, 31);
	CHECK_INT(r.fee_fen, 1000);
	CHECK_STR(r.fee_state, "noticed");
	/* one notice only; no reply while it waits for payment */
	in.fee_method = "per_item";
	in.pages = 0;
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "已发出过收费通知");
	in = act(RQ_REPLY, NULL);
	in.outcome = "1";
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "收费通知尚待缴费");
	/* unpaid past the deadline (20 working days: 03-30): （六）2 */
	CHECK_INT(step(s, id, act(RQ_FEE_EXPIRED, NULL), why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "缴费期限至 2026-03-30");
	now_is("2026-03-31");
	CHECK_INT(step(s, id, act(RQ_FEE_EXPIRED, NULL), why, sizeof(why)), 0);
	CHECK_INT(store_request_get(s, id, &a, &r), STORE_OK);
	CHECK_STR(r.status, "replied");
	CHECK_STR(r.outcome, "6.2");
	CHECK_STR(r.fee_state, "expired");
	CHECK_CONTAINS(r.reply_letter, "逾期未按收费通知要求缴纳信息处理费");
	arena_release(&a);
	store_close(s);
}

TEST(test_request__fee_per_item_counts_the_month)
{
	struct store *s = seeded("items.db");
	struct request_filing f = citizen(2);
	struct request_act_in in;
	struct arena a = ARENA_INIT;
	struct request r;
	char why[600];
	int64_t id = 0;

	CHECK(s);
	now_is("2026-03-02");
	for (int i = 0; i < 11; i++)
		id = file_one(s, &f);
	CHECK_INT(step(s, id, act(RQ_REVIEW, NULL), why, sizeof(why)), 0);
	in = act(RQ_FEE_NOTICE, NULL);
	in.fee_method = "per_item";
	CHECK_INT(step(s, id, in, why, sizeof(why)), 0);
	CHECK_INT(store_request_get(s, id, &a, &r), STORE_OK);
	CHECK_INT(r.fee_units, 11);
	CHECK_INT(r.fee_fen, 10000);
	arena_release(&a);
	store_close(s);
}

TEST(test_request__outcome_outside_table_refused)
{
	struct store *s = seeded("outcome.db");
	struct request_filing f = citizen(2);
	struct request_act_in in;
	struct arena a = ARENA_INIT;
	char why[600];
	int64_t id;

	CHECK(s);
	now_is("2026-03-02");
	id = file_one(s, &f);
	in = act(RQ_REPLY, NULL);
	in.outcome = "3.9";
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "「答复结果」：「3.9」不是年报表三中的办理结果");
	in.outcome = "7";
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	in.outcome = "";
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	in.outcome = "4.3";	/* only after a correction */
	CHECK_INT(step(s, id, in, why, sizeof(why)), -1);
	CHECK_CONTAINS(why, "只用于申请人补正之后");
	CHECK_STR(status_of(s, id, &a), "registered");
	/* answered at once (5.1 信访), with the article and the letter */
	in.outcome = "5.1";
	CHECK_INT(step(s, id, in, why, sizeof(why)), 0);
	CHECK_STR(status_of(s, id, &a), "replied");
	arena_release(&a);
	store_close(s);
}

TEST(test_request__outcome_table_is_table_three)
{
	static const char *const codes[] = { "1", "2", "3.1", "3.2", "3.3",
		"3.4", "3.5", "3.6", "3.7", "3.8", "4.1", "4.2", "4.3", "5.1",
		"5.2", "5.3", "5.4", "5.5", "6.1", "6.2", "6.3" };
	const struct request_outcome *o;

	CHECK_INT(sizeof(codes) / sizeof(codes[0]), REQUEST_OUTCOMES);
	for (size_t i = 0; i < REQUEST_OUTCOMES; i++) {
		CHECK_STR(request_outcomes[i].code, codes[i]);
		CHECK(request_outcome_find(codes[i]) == &request_outcomes[i]);
		CHECK_INT(request_outcomes[i].group, codes[i][0] - '0');
		CHECK(*request_outcomes[i].wording);
	}
	o = request_outcome_find("2");
	CHECK_STR(o->row, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
	o = request_outcome_find("3.3");
	CHECK_STR(o->row, "3.危及“三安全一稳定”");
	CHECK_STR(o->article, "第十四条");
	CHECK_STR(request_outcome_find("3.4")->article, "第十五条");
	CHECK_STR(request_outcome_find("5.2")->row, "2.重复申请");
	CHECK_STR(request_outcome_find("6.1")->row,
		  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");
	CHECK_STR(request_outcome_find("4.3")->group_label, "（四）无法提供");
	CHECK(request_outcome_find("3.9") == NULL);
	CHECK(request_outcome_find(NULL) == NULL);
}

/* --- the letter --- */

TEST(test_request__letter_from_template)
{
	struct store *s = seeded("letter.db");
	struct request_filing f = citizen(3);	/* 望月湖街道办事处 */
	struct request_act_in in;
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct request r;
	struct buf b = BUF_INIT;
	struct request_letter_vars v = { "某局", "〔2026〕1号", "张三",
		"2026年3月2日", "“甲”", "予以公开。", "依据甲", "某政府",
		"2026年3月9日" };
	char why[600];
	int64_t id;

	CHECK(s);
	request_letter_fill("{申请人}：{答复意见}{未知}{复议机关}", &v, &b);
	CHECK_STR(b.buf, "张三：予以公开。{未知}某政府");
	buf_release(&b);

	now_is("2026-03-02");
	id = file_one(s, &f);
	now_is("2026-03-09");
	in = act(RQ_REPLY, NULL);
	in.outcome = "3.4";
	CHECK_INT(step(s, id, in, why, sizeof(why)), 0);
	CHECK_INT(store_request_get(s, id, &a, &r), STORE_OK);
	CHECK_CONTAINS(r.reply_letter, "张三：");
	CHECK_CONTAINS(r.reply_letter, "2026年3月2日收到");
	CHECK_CONTAINS(r.reply_letter, "“2025年最低生活保障资金发放情况”");
	CHECK_CONTAINS(r.reply_letter, "《中华人民共和国政府信息公开条例》第十五条");
	/* a 街道办事处's 复议机关 is the district government */
	CHECK_CONTAINS(r.reply_letter, "如您不服本答复，可以在收到本答复书之日起"
		       "60日内向岳麓区人民政府申请行政复议；或者6个月内依法向"
		       "人民法院提起行政诉讼。");
	CHECK_CONTAINS(r.reply_letter, "2026年3月9日");

	/* the office edits its region's template and names the body */
	CHECK_INT(request_template_set(s, &cli_actor, "430104", "没有救济", &err),
		  -1);
	errors_release(&err);
	CHECK_INT(request_template_set(s, &cli_actor, "430104",
		"{申请人}：{答复意见}不服可申请行政复议或提起行政诉讼（{复议机关}）",
		&err), 0);
	CHECK_INT(request_review_body_set(s, &cli_actor, "430100",
					  "长沙市某某机关", &err), 0);
	CHECK_STR(request_letter(s, &r, request_outcome_find("1"), NULL,
				 "2026-03-09", &a),
		  "张三：您申请获取的政府信息属于公开范围，本机关予以公开，现按您要求"
		  "的形式和获取方式提供。不服可申请行政复议或提起行政诉讼（长沙市某某"
		  "机关）");
	CHECK_INT(errors_count(&err), 0);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

/* --- who may act --- */

TEST(test_request__authorisation)
{
	struct store *s = seeded("authz.db");
	struct request_filing f = citizen(2);
	struct request_filed out;
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct request r;
	struct actor own = { 7, "ylmz", ROLE_EDITOR, 2, "430104", "127.0.0.1" };
	struct actor other = { 8, "wyh", ROLE_EDITOR | ROLE_REVIEWER, 3,
			       "430104001", "127.0.0.1" };
	struct actor office = { 9, "cs_office", ROLE_OFFICE, 0, "430100",
				"127.0.0.1" };
	struct actor below = { 10, "wyh_office", ROLE_OFFICE, 0, "430104001",
			       "127.0.0.1" };
	struct actor public = { 0, "申请人", 0, 0, NULL, "203.0.113.9" };
	struct request_act_in in = act(RQ_REVIEW, NULL);
	int64_t id;

	CHECK(s);
	now_is("2026-03-02");
	/* the public files online only; staff of the unit register */
	CHECK_INT(request_file(s, &public, &f, &a, &out, &err), 0);
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	f.channel = "online";
	f.ip = "203.0.113.9";
	CHECK(request_file(s, &public, &f, &a, &out, &err) > 0);
	f.channel = "in_person";
	CHECK_INT(request_file(s, &other, &f, &a, &out, &err), 0);
	errors_release(&err);
	id = request_file(s, &own, &f, &a, &out, &err);
	CHECK(id > 0);
	/* another unit's staff and an office below cannot see or act */
	CHECK_INT(request_load(s, &other, "1", &a, &r, &err), -1);
	errors_release(&err);
	CHECK_INT(request_act(s, &other, id, &in, NULL, &err), -1);
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	CHECK_INT(request_act(s, &below, id, &in, NULL, &err), -1);
	errors_release(&err);
	/* the office of the city above may */
	CHECK_INT(request_load(s, &office, out.code, &a, &r, &err), 0);
	CHECK_INT(request_act(s, &office, id, &in, NULL, &err), 0);
	CHECK_INT(request_act(s, &own, id, &(struct request_act_in){
		.action = RQ_NOTE, .note = "已电话联系" }, NULL, &err), 0);
	CHECK_INT(errors_count(&err), 0);
	/* the template: the office of the region or above only */
	CHECK_INT(request_template_set(s, &own, "430104", NULL, &err), -1);
	errors_release(&err);
	CHECK_INT(request_template_set(s, &office, "430104", NULL, &err), 0);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

TEST(test_request__dashboard_lists)
{
	struct store *s = seeded("dash.db");
	struct request_filing f = citizen(2);
	struct request_dashboard d;
	struct request_act_in in;
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	int64_t late, soon, paused;
	char why[600];

	CHECK(s);
	now_is("2026-02-02");
	late = file_one(s, &f);		/* due 2026-03-02 */
	now_is("2026-03-02");
	soon = file_one(s, &f);		/* due 2026-03-30 */
	paused = file_one(s, &f);
	in = act(RQ_CORRECTION_NOTICE, NULL);
	in.note = "写明年份";
	in.until = "2026-03-16";
	CHECK_INT(step(s, paused, in, why, sizeof(why)), 0);
	CHECK_INT(request_dashboard(s, 2, NULL, "2026-03-26", &a, &d, &err), 0);
	CHECK_INT(d.nopen, 3);
	CHECK_INT(d.noverdue, 1);
	CHECK_INT(d.overdue[0].r.id, late);
	CHECK_INT(d.ndue_soon, 1);
	CHECK_INT(d.due_soon[0].r.id, soon);
	CHECK_CONTAINS(d.due_soon[0].t.summary, "剩余2个工作日");
	CHECK_INT(d.npaused, 1);
	CHECK_INT(d.paused[0].r.id, paused);
	CHECK_CONTAINS(d.paused[0].t.summary, "等待申请人补正");
	CHECK_INT(request_dashboard(s, 1, NULL, "2026-03-26", &a, &d, &err), 0);
	CHECK_INT(d.nopen, 0);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

T_MAIN(T(test_request__credit_code_check_character),
       T(test_request__id_card_check_digit),
       T(test_request__code_format_and_normalize),
       T(test_request__intake_names_every_missing_field),
       T(test_request__intake_organisation_fields),
       T(test_request__intake_checks_choices_and_contacts),
       T(test_request__receipt_date_per_channel),
       T(test_request__receipt_date_refusals),
       T(test_request__file_writes_request_step_and_audit),
       T(test_request__file_refused_writes_nothing),
       T(test_request__steps_follow_the_statute),
       T(test_request__refused_step_writes_nothing),
       T(test_request__extension_once_with_approver),
       T(test_request__extension_refused_when_overdue),
       T(test_request__fee_one_method_only),
       T(test_request__fee_per_item_counts_the_month),
       T(test_request__outcome_outside_table_refused),
       T(test_request__outcome_table_is_table_three),
       T(test_request__letter_from_template),
       T(test_request__authorisation),
       T(test_request__dashboard_lists))
