/* demo-requests.c: applications for disclosure (依申请公开) and a published
 * annual report (年报) in the demonstration database
 *
 * 岳麓区民政局 receives applications through 2025 and 2026 by every
 * channel, from citizens and organisations, and takes them through the
 * real domain functions (request_file, request_act) exactly as its staff
 * would: 补正, third-party consultation, an extension, a page fee, replies
 * of many of table 三's outcomes, and some still open at "today" (one
 * overdue, one paused for a third party's opinion).  Its 2025 report is then written and published,
 * so the public column's 政府信息公开年报 and the back office's dashboard
 * have something true to show.  Nothing is written around the rules.
 */
#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "../domain/actor.h"
#include "../domain/annual-report.h"
#include "../domain/request.h"

/* One application and what happens to it.  Dates are YYYY-MM-DD; steps
 * are "code@day" separated by spaces, with the reply's outcome after a
 * colon (reply@2025-03-20:1). */
struct demo_application {
	const char *kind;	/* applicant_kind label */
	const char *name, *id_number, *credit_code;
	const char *channel, *submitted;
	const char *info_name, *info_desc;
	const char *steps;
};

/* Identity numbers and credit codes with valid check characters (made
 * up; no real person or organisation). */
static const struct demo_application apps[] = {
	{ "自然人", "李明", "430104198503120010", NULL, "in_person", "2025-01-08",
	  "2024年度岳麓区城乡低保资金发放情况", NULL,
	  "review@2025-01-09 reply@2025-01-22:1 delivered@2025-01-23 archive@2025-01-24" },
	{ "自然人", "王芳", "430104199001011230", NULL, "online", "2025-02-17",
	  "望月湖街道临时救助审批名单", "2025年1月的审批结果",
	  "review@2025-02-18 reply@2025-03-05:2 delivered@2025-03-05" },
	{ "商业企业", "湖南麓山养老服务有限公司", NULL, "91430104MA4L0Y3B2L",
	  "mail_signed", "2025-03-03", "养老机构运营补贴发放标准", NULL,
	  "review@2025-03-04 third_party_sent@2025-03-06 third_party_answered@2025-03-20 reply@2025-04-02:1 delivered@2025-04-03" },
	{ "自然人", "赵强", "430104197707070030", NULL, "in_person", "2025-03-24",
	  "某社区低保户家庭收入核查材料", "邻居家的核查记录",
	  "review@2025-03-25 reply@2025-04-10:3.4 delivered@2025-04-10" },
	{ "自然人", "陈静", "430104199212250020", NULL, "online", "2025-04-14",
	  "关于民政工作的情况", NULL,
	  "correction_notice@2025-04-16 correction_lapsed@2025-05-20" },
	{ "法律服务机构", "湖南岳麓律师事务所", NULL, "31430000MD01876251",
	  "fax", "2025-05-06", "2024年殡葬服务收费标准调整的批复", NULL,
	  "review@2025-05-07 reply@2025-05-21:4.1 delivered@2025-05-22" },
	{ "自然人", "刘洋", "43010419881111005X", NULL, "email", "2025-06-09",
	  "婚姻登记处窗口工作人员名单", NULL,
	  "review@2025-06-10 reply@2025-06-20:3.5 delivered@2025-06-20" },
	{ "科研机构", "湖南省社会科学院社会学研究所", NULL, "124300004448765519",
	  "mail_signed", "2025-07-01", "2020—2024年岳麓区特困人员供养统计数据", NULL,
	  "review@2025-07-02 extension@2025-07-25 reply@2025-08-15:4.2 delivered@2025-08-18" },
	{ "自然人", "李明", "430104198503120010", NULL, "in_person", "2025-08-04",
	  "2024年度岳麓区城乡低保资金发放情况", "与上次申请相同",
	  "reply@2025-08-05:5.2 delivered@2025-08-05" },
	{ "社会公益组织", "长沙市岳麓区阳光助残服务中心", NULL, "52430104MJJ120456E",
	  "online", "2025-09-15", "残疾人两项补贴申领流程及2025年发放名单", NULL,
	  "review@2025-09-16 fee_notice@2025-09-18 fee_paid@2025-09-22 reply@2025-10-13:2 delivered@2025-10-14" },
	{ "自然人", "孙丽", "430104196605050042", NULL, "mail_plain", "2025-10-27",
	  "岳麓区养老服务设施布局规划", NULL,
	  "review@2025-10-28 reply@2025-11-10:1 delivered@2025-11-11" },
	{ "自然人", "周杰", "430104199809090015", NULL, "in_person", "2025-12-22",
	  "2025年第四季度临时救助资金使用情况", NULL,
	  "review@2025-12-23 reply@2026-01-12:1 delivered@2026-01-13" },
	{ "商业企业", "长沙星城物业管理有限公司", NULL, "91430104MA4QP7W83Q",
	  "online", "2025-12-29", "社区养老服务站运营补贴申报条件", NULL,
	  "review@2025-12-30 reply@2026-01-20:1" },
	{ "自然人", "吴敏", "430104198001010030", NULL, "online", "2026-03-02",
	  "2025年度低保边缘家庭认定名单", NULL,
	  "review@2026-03-03 reply@2026-03-24:2 delivered@2026-03-25" },
	{ "自然人", "郑伟", "430104197305050037", NULL, "in_person", "2026-06-15",
	  "某养老院消防检查记录", NULL,
	  "review@2026-06-16" },
	{ "自然人", "王芳", "430104199001011230", NULL, "online", "2026-11-02",
	  "望月湖街道2026年临时救助审批名单", NULL,
	  "review@2026-11-03 third_party_sent@2026-11-16" },
	{ "自然人", "钱红", "43010419950606002X", NULL, "online", "2026-11-16",
	  "2026年高龄津贴发放标准", NULL, "" },
};

static int64_t unit_named(struct store *s, const char *region,
			  const char *name, struct arena *a)
{
	struct unit *v;
	size_t n;

	if (store_unit_list(s, region, a, &v, &n) != STORE_OK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return v[i].id;
	return 0;
}

/* Take the steps "code@day[:outcome] …" of application 'id' that have
 * happened by 'today' (the demo is made on any day: GONGKAI_NOW). */
static int take_steps(struct store *s, const struct actor *who, int64_t id,
		      const char *steps, const char *today,
		      struct errors *err)
{
	char buf[512];
	char *save = NULL;

	snprintf(buf, sizeof(buf), "%s", steps);
	for (char *t = strtok_r(buf, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		struct request_act_in in = { 0 };
		struct errors warn = ERRORS_INIT;
		char *day = strchr(t, '@'), *outcome;
		int act;

		if (!day)
			continue;
		*day++ = '\0';
		outcome = strchr(day, ':');
		if (outcome)
			*outcome++ = '\0';
		if (strcmp(day, today) > 0)
			break;
		act = request_action_parse(t);
		if (act < 0) {
			errors_addf(err, "演示申请：未知步骤 %s", t);
			return -1;
		}
		in.action = (enum request_action)act;
		in.day = day;
		in.outcome = outcome;
		switch (in.action) {
		case RQ_CORRECTION_NOTICE:
			in.note = "请补充所需信息的名称、文号或者便于查询的特征性描述";
			in.until = "2025-05-16";
			break;
		case RQ_EXTENSION:
			in.approver = "岳麓区民政局政务公开工作负责人";
			in.days = 15;
			break;
		case RQ_FEE_NOTICE:
			in.fee_method = "by_pages";
			in.pages = 60;
			break;
		case RQ_REPLY:
			in.delivered_how = "";
			break;
		case RQ_DELIVERED:
			in.delivered_how = "邮寄";
			break;
		default:
			break;
		}
		if (request_act(s, who, id, &in, &warn, err) < 0) {
			errors_release(&warn);
			return -1;
		}
		errors_release(&warn);
	}
	return 0;
}

int demo_requests(struct store *s, struct errors *err)
{
	struct actor who = { 0, "演示数据", ACTOR_SYSTEM, 0, NULL, "命令行" };
	struct arena a = ARENA_INIT;
	char today[CALENDAR_DATE_LEN];
	int64_t unit;
	int rc = -1;

	request_today(today);
	unit = unit_named(s, "430104", "岳麓区民政局", &a);
	if (!unit) {
		errors_addf(err, "演示数据中没有岳麓区民政局");
		goto out;
	}
	for (size_t i = 0; i < sizeof(apps) / sizeof(apps[0]); i++) {
		const struct demo_application *d = &apps[i];
		bool person = !strcmp(d->kind, "自然人");
		struct request_filing f = {
			.unit_id = unit, .applicant_kind = d->kind,
			.name = d->name,
			.id_type = person ? "居民身份证" : NULL,
			.id_number = person ? d->id_number : NULL,
			.credit_code = person ? NULL : d->credit_code,
			.legal_rep = person ? NULL : "张建国",
			.contact_person = person ? NULL : "刘晓",
			.phone = "0731-88880000", .address = "长沙市岳麓区麓山南路1号",
			.postcode = "410006", .info_name = d->info_name,
			.info_desc = d->info_desc, .forms = "纸质",
			.delivery = "邮寄", .channel = d->channel,
			.submitted_on = d->submitted, .signed_on = d->submitted,
			.confirmed_on = d->submitted,
			.registered_on = d->submitted,
		};
		struct request_filed filed;
		int64_t id;

		if (strcmp(d->submitted, today) > 0)
			continue;
		id = request_file(s, &who, &f, &a, &filed, err);
		if (id <= 0 || take_steps(s, &who, id, d->steps, today, err))
			goto out;
	}
	/* the 2025 report, once 2025 is over */
	if (strcmp(today, "2026-01-01") >= 0) {
		struct annual_input in = {
			.overview = "2025年，岳麓区民政局认真贯彻《中华人民共和国政府"
				"信息公开条例》，围绕社会救助、养老服务等重点领域做好"
				"主动公开，规范依申请公开的登记、审核、办理、答复、归档，"
				"全年依申请公开答复均在法定期限内完成。",
			.problems = "依申请公开答复书的说理还需加强，部分答复未附"
				"获取信息的具体途径。2026年将统一使用答复书模板，"
				"并对信息员开展专题培训。",
			.other = "无。",
		};
		static const char *const t2[T2__MAX] = {
			[T2_RULES_MADE] = "0", [T2_RULES_REPEALED] = "0",
			[T2_RULES_CURRENT] = "0", [T2_NORMS_MADE] = "1",
			[T2_NORMS_REPEALED] = "0", [T2_NORMS_CURRENT] = "6",
			[T2_PERMITS] = "214", [T2_PENALTIES] = "3",
			[T2_COERCION] = "0", [T2_FEES] = "0",
		};

		for (int i = 0; i < T2__MAX; i++)
			in.t2[i] = t2[i];
		if (annual_report_save(s, &who, unit, 2025, &in, err) ||
		    annual_report_publish(s, &who, unit, 2025, true, err))
			goto out;
	}
	rc = 0;
out:
	arena_release(&a);
	return rc;
}
