/* test-check.c: the self-check's rules that need no database — how often
 * an item's column must be updated (check_item_cadence: 19号's 2 weeks and
 * 6 months by the item's words, periods written in the item, lasting
 * content, the 公开时限 rule, the 一级事项's words, a group's children),
 * the last day a column is up to date (check_cadence_until: months that
 * end early, the 公开时限 added in working or calendar days), the kinds'
 * codes, and the addresses found in record bodies (linkcheck_extract). */
#include "t.h"

#include "domain/check.h"
#include "domain/timelimit.h"

static const struct calendar plain = { NULL, 0 };	/* plain weekends */

static struct item item(const char *name, const char *time_limit)
{
	struct item it;

	memset(&it, 0, sizeof(it));
	it.level = 2;
	it.parent = -1;
	it.name = name;
	it.time_limit = time_limit ? time_limit : "";
	it.note = "";
	it.lineage = name;
	timelimit_parse(time_limit, &it.tl);
	if (!it.tl.kind)
		it.tl.kind = "";
	return it;
}

static enum cadence_kind kind_of(const struct item *it,
				 const struct item *parent)
{
	struct cadence c;

	check_item_cadence(it, parent, NULL, 0, &c);
	return c.kind;
}

static const char *until(const struct item *it, const char *newest)
{
	static char out[CALENDAR_DATE_LEN];
	struct cadence c;

	check_item_cadence(it, NULL, NULL, 0, &c);
	if (check_cadence_until(&plain, &c, newest, out) != 1)
		return "none";
	return out;
}

TEST(test_cadence__news_is_two_weeks)
{
	struct item it = item("工作动态", "信息形成之日起20个工作日内");

	CHECK_INT(kind_of(&it, NULL), CADENCE_NEWS);
	/* 14 calendar days, the 公开时限 not added */
	CHECK_STR(until(&it, "2021-12-30"), "2022-01-13");
	it = item("要闻", NULL);
	CHECK_INT(kind_of(&it, NULL), CADENCE_NEWS);
}

TEST(test_cadence__notices_and_policies_six_months)
{
	struct item notice = item("招标公告", "及时公开,公告期限为5个工作日");
	struct item policy = item("政策法规文件", "制定或获取信息之日起10个工作日内");
	struct item rules = item("规范性文件", "信息形成或者变更之日起20个工作日内");

	CHECK_INT(kind_of(&notice, NULL), CADENCE_NOTICE);
	CHECK_INT(kind_of(&policy, NULL), CADENCE_POLICY);
	CHECK_INT(kind_of(&rules, NULL), CADENCE_POLICY);
	CHECK_STR(until(&policy, "2021-06-11"), "2021-12-11");
	/* a month without the day ends on its last day */
	CHECK_STR(until(&notice, "2021-08-31"), "2022-02-28");
	CHECK_STR(until(&notice, "2023-08-31"), "2024-02-29");
}

TEST(test_cadence__periods_written_in_the_item)
{
	struct item monthly = item("低保资金发放情况", "每月10个工作日内公开");
	struct item quarterly = item("救助资金", "制定或获取信息之日起10个工作日内");
	struct item budget = item("政府预算", "本级人民代表大会或其常务委员会批准后20日内");

	quarterly.note = "按季度公开";
	CHECK_INT(kind_of(&monthly, NULL), CADENCE_MONTHLY);
	CHECK_INT(kind_of(&quarterly, NULL), CADENCE_QUARTERLY);
	CHECK_INT(kind_of(&budget, NULL), CADENCE_YEARLY);
	/* a month, then 10 working days: 2021-12-15 (Wed) → 2022-01-15
	 * (Sat) → 10 working days → 2022-01-28 (Fri) */
	CHECK_STR(until(&monthly, "2021-12-15"), "2022-01-28");
	/* a year, then 20 calendar days */
	CHECK_STR(until(&budget, "2021-01-20"), "2022-02-09");
	/* a period beats the words that follow */
	monthly = item("每月政策解读", NULL);
	CHECK_INT(kind_of(&monthly, NULL), CADENCE_MONTHLY);
}

TEST(test_cadence__approval_clock_is_yearly)
{
	struct item it = item("部门收支情况", "本级财政部门批复后20日内");

	CHECK_STR(it.tl.anchor, "批复");
	CHECK_INT(kind_of(&it, NULL), CADENCE_YEARLY);
}

TEST(test_cadence__lasting_content_never_stale)
{
	struct item guide = item("办事指南", "制定或获取信息之日起10个工作日内");
	struct item list = item("义务教育学校名录", "信息形成或者变更之日起20个工作日内");
	struct item forever = item("公共文化机构免费开放信息", "永久公开");

	CHECK_INT(kind_of(&guide, NULL), CADENCE_NONE);
	CHECK_INT(kind_of(&list, NULL), CADENCE_NONE);
	CHECK_INT(kind_of(&forever, NULL), CADENCE_NONE);
	CHECK_STR(until(&guide, "2001-01-01"), "none");
	/* news words come first */
	guide = item("新闻发布会介绍", NULL);
	CHECK_INT(kind_of(&guide, NULL), CADENCE_NEWS);
}

TEST(test_cadence__parent_words_then_event)
{
	struct item parent = item("工作动态", NULL);
	struct item child = item("街道工作情况", "信息形成之日起20个工作日内");
	struct item notices = item("通知公告", NULL);

	parent.level = 1;
	notices.level = 1;
	CHECK_INT(kind_of(&child, &parent), CADENCE_NEWS);
	CHECK_INT(kind_of(&child, &notices), CADENCE_NOTICE);
	/* nothing but the 公开时限: as things happen, 12 months + the limit */
	CHECK_INT(kind_of(&child, NULL), CADENCE_EVENT);
	/* 2020-01-02 + 12 months = 2021-01-02 (Sat) → 20 working days
	 * → 2021-01-29 (Fri) */
	CHECK_STR(until(&child, "2020-01-02"), "2021-01-29");
	child = item("审核信息", NULL);
	CHECK_INT(kind_of(&child, NULL), CADENCE_EVENT);
	CHECK_STR(until(&child, "2020-02-29"), "2021-02-28");
}

TEST(test_cadence__group_takes_shortest_child)
{
	struct item group = item("最低生活保障", NULL);
	struct item guide = item("办事指南", NULL);
	struct item review = item("审核信息", "制定或获取信息之日起10个工作日内，公示7个工作日");
	struct item policy = item("政策法规文件", NULL);
	const struct item *kids[] = { &guide, &review, &policy };
	struct cadence c;

	check_item_cadence(&group, NULL, kids, 3, &c);
	CHECK_INT(c.kind, CADENCE_POLICY);
	check_item_cadence(&group, NULL, kids, 2, &c);
	CHECK_INT(c.kind, CADENCE_EVENT);
	CHECK_INT(c.grace, 10);
	CHECK(c.grace_workdays);
	check_item_cadence(&group, NULL, kids, 1, &c);
	CHECK_INT(c.kind, CADENCE_NONE);
	/* a group whose own words decide keeps them */
	group = item("政策文件", NULL);
	check_item_cadence(&group, NULL, kids, 2, &c);
	CHECK_INT(c.kind, CADENCE_POLICY);
}

TEST(test_cadence__bad_date)
{
	struct item it = item("招标公告", NULL);
	struct cadence c;
	char out[CALENDAR_DATE_LEN];

	check_item_cadence(&it, NULL, NULL, 0, &c);
	CHECK_INT(check_cadence_until(&plain, &c, "2021-02-30", out), -1);
	CHECK_INT(check_cadence_until(&plain, &c, NULL, out), -1);
	CHECK_INT(check_cadence_until(&plain, &c, "", out), -1);
	CHECK(c.why && strstr(c.why, "19号"));
	CHECK(*cadence_label(c.kind));
}

TEST(test_kinds__codes_round_trip)
{
	for (int k = 0; k < CHECK__MAX; k++) {
		CHECK_INT(check_kind_parse(check_kind_code(k)), k);
		CHECK(*check_kind_label(k));
	}
	CHECK_INT(check_kind_parse("nope"), -1);
	CHECK_INT(check_kind_parse(NULL), -1);
	CHECK_STR(check_kind_code(CHECK_BROKEN_LINK), "broken_link");
}

/* --- addresses in bodies --- */

static char found[8][256];
static int nfound;

static void on_url(void *arg, const char *url, size_t len)
{
	(void)arg;
	if (nfound < 8 && len < sizeof(found[0])) {
		memcpy(found[nfound], url, len);
		found[nfound][len] = '\0';
	}
	nfound++;
}

static size_t extract(const char *s)
{
	nfound = 0;
	memset(found, 0, sizeof(found));
	return linkcheck_extract(s, on_url, NULL);
}

TEST(test_links__markdown_forms)
{
	CHECK_INT(extract("见[通知](http://a.gov.cn/x.pdf \"标题\")和"
			  "<https://b.gov.cn/y?q=1&r=2>。"), 2);
	CHECK_STR(found[0], "http://a.gov.cn/x.pdf");
	CHECK_STR(found[1], "https://b.gov.cn/y?q=1&r=2");
	/* a bare address ends at Chinese punctuation or trailing dots */
	CHECK_INT(extract("详见 http://c.gov.cn/a/b，或 HTTP://D.GOV.CN/z. 谢谢"), 2);
	CHECK_STR(found[0], "http://c.gov.cn/a/b");
	CHECK_STR(found[1], "HTTP://D.GOV.CN/z");
	/* parentheses inside an address are kept when balanced */
	CHECK_INT(extract("[维基](https://zh.wikipedia.org/wiki/A_(B))"), 1);
	CHECK_STR(found[0], "https://zh.wikipedia.org/wiki/A_(B)");
}

TEST(test_links__what_is_not_an_address)
{
	CHECK_INT(extract("ftp://a.gov.cn/ javascript:alert(1) mailto:x@y.cn"), 0);
	CHECK_INT(extract("http:// 和 https://?q 和 http:///x"), 0);
	CHECK_INT(extract(""), 0);
	CHECK(linkcheck_is_web_url("http://127.0.0.1:8080/a"));
	CHECK(!linkcheck_is_web_url("http://a b"));
	CHECK(!linkcheck_is_web_url("https://"));
	CHECK(!linkcheck_is_web_url("file:///etc/passwd"));
	CHECK(!linkcheck_is_web_url(NULL));
}

TEST(test_links__bad_addresses_fail_without_network)
{
	struct link_check v[2] = { { .url = "gopher://x" }, { .url = "http://" } };

	CHECK_INT(linkcheck_run(v, 2, NULL), 2);
	CHECK(!v[0].ok && strstr(v[0].error, "地址格式不正确"));
	CHECK(!v[1].ok && *v[1].error);
	CHECK_INT(linkcheck_run(v, 0, NULL), 0);
}

T_MAIN(T(test_cadence__news_is_two_weeks),
       T(test_cadence__notices_and_policies_six_months),
       T(test_cadence__periods_written_in_the_item),
       T(test_cadence__approval_clock_is_yearly),
       T(test_cadence__lasting_content_never_stale),
       T(test_cadence__parent_words_then_event),
       T(test_cadence__group_takes_shortest_child),
       T(test_cadence__bad_date),
       T(test_kinds__codes_round_trip),
       T(test_links__markdown_forms),
       T(test_links__what_is_not_an_address),
       T(test_links__bad_addresses_fail_without_network))
