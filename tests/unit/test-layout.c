/* test-layout.c: reading cells of the standard catalog layout — channels,
 * elements, ticks, levels and 公开时限 rules. */
#include "t.h"

#include "domain/channels.h"
#include "domain/layout.h"
#include "domain/timelimit.h"
#include "util/buf.h"

TEST(test_channels__marked_standard_and_custom)
{
	struct arena a = ARENA_INIT;
	struct channel *v;
	size_t n = channels_parse("■政府网站 □政府公报 ■投资项目在线审批监管平台", &a, &v);

	CHECK_INT(n, 3);
	CHECK_INT(v[0].std, 1);
	CHECK_INT(v[0].required, 1);
	CHECK_INT(v[1].std, 2);
	CHECK_INT(v[1].required, 0);
	CHECK_INT(v[2].std, 0);
	CHECK_STR(v[2].name, "投资项目在线审批监管平台");
	arena_release(&a);
}

TEST(test_channels__variants_fold_to_standard)
{
	struct arena a = ARENA_INIT;
	struct channel *v;
	size_t n = channels_parse("■发布会听证会 ■政府服务中心 ■社区/企事业单位/村公示栏(电子屏)", &a, &v);

	CHECK_INT(n, 3);
	CHECK_INT(v[0].std, 4);
	CHECK_INT(v[1].std, 8);
	CHECK_INT(v[2].std, 11);
	CHECK_STR(v[2].name, "社区/企事业单位/村公示栏（电子屏）");
	arena_release(&a);
}

TEST(test_channels__unmarked_list_keeps_multipart_names)
{
	struct arena a = ARENA_INIT;
	struct channel *v;
	size_t n = channels_parse("行政村公示栏、乡镇公示栏", &a, &v);

	CHECK_INT(n, 2);
	CHECK_STR(v[0].name, "行政村公示栏");
	CHECK_STR(v[1].name, "乡镇公示栏");
	n = channels_parse("政府网站 社区/企事业单位、村公示栏(电子屏)", &a, &v);
	CHECK_INT(n, 2);
	CHECK_INT(v[1].std, 11);
	arena_release(&a);
}

TEST(test_channels__format_round_trip)
{
	struct arena a = ARENA_INIT;
	struct buf b = BUF_INIT;
	struct channel *v, *w;
	size_t n = channels_parse("■政府网站 □两微一端 ■街道文化站/(社区)综合性文化服务中心公示栏", &a, &v);

	channels_format(&b, v, n);
	CHECK_INT(channels_parse(b.buf, &a, &w), n);
	for (size_t i = 0; i < n; i++) {
		CHECK_STR(w[i].name, v[i].name);
		CHECK_INT(w[i].required, v[i].required);
	}
	buf_release(&b);
	arena_release(&a);
}

TEST(test_elements__markers)
{
	struct arena a = ARENA_INIT;
	struct element *v;
	size_t n = elements_parse("●财务管理及监督办法 ●年度经费预决算信息 〇收费项目及收费标准", &a, &v);

	CHECK_INT(n, 3);
	CHECK_STR(v[0].text, "财务管理及监督办法");
	CHECK_INT(v[0].required, 1);
	CHECK_INT(v[2].required, 0);
	arena_release(&a);
}

TEST(test_elements__short_list_splits_long_paragraph_does_not)
{
	struct arena a = ARENA_INIT;
	struct element *v;

	CHECK_INT(elements_parse("学校名称、学校地址、办学层次、办学类型、办公电话", &a, &v), 5);
	CHECK_STR(v[4].text, "办公电话");
	CHECK_INT(elements_parse("一般公共预算:①一般公共预算收支预算表。本级一般公共预算支出应当公开到经济性质分类款级科目、没有数据的表格应当列出空表并说明。", &a, &v), 1);
	CHECK_INT(elements_parse("政策依据;申请指南:包括补贴对象、补贴范围;补贴结果;监督渠道:包括举报电话、地址等。", &a, &v), 4);
	CHECK_STR(v[3].text, "监督渠道:包括举报电话、地址等。");
	arena_release(&a);
}

TEST(test_elements__chinese_zero_is_not_a_marker)
{
	struct arena a = ARENA_INIT;
	struct element *v;

	CHECK_INT(elements_parse("●二〇二〇年度预算 〇二〇二一年计划", &a, &v), 2);
	CHECK_STR(v[0].text, "二〇二〇年度预算");
	CHECK_INT(v[1].required, 0);
	CHECK_STR(v[1].text, "二〇二一年计划");
	CHECK_INT(elements_parse("●文件名称●文号", &a, &v), 2);
	arena_release(&a);
}

TEST(test_ticks)
{
	CHECK_INT(layout_parse_tick("√"), 1);
	CHECK_INT(layout_parse_tick(" ✓ "), 1);
	CHECK_INT(layout_parse_tick("全社会√"), 1);
	CHECK_INT(layout_parse_tick(""), 0);
	CHECK_INT(layout_parse_tick(NULL), 0);
	CHECK_INT(layout_parse_tick("□"), 0);
	CHECK_INT(layout_parse_tick("也许"), -1);
}

TEST(test_levels__variants)
{
	CHECK_INT(layout_parse_levels("县级"), LEVEL_COUNTY);
	CHECK_INT(layout_parse_levels("乡、村级"), LEVEL_TOWNSHIP | LEVEL_VILLAGE);
	CHECK_INT(layout_parse_levels("乡(村)级"), LEVEL_VILLAGE);
	CHECK_INT(layout_parse_levels("镇(街)级"), LEVEL_TOWNSHIP);
	CHECK_INT(layout_parse_levels("县(区)级"), LEVEL_COUNTY);
	CHECK_INT(layout_parse_levels("市级"), LEVEL_CITY);
	CHECK_INT(layout_parse_levels("镇级"), LEVEL_TOWNSHIP);
	CHECK_INT(layout_parse_levels("社区(村)级"), LEVEL_VILLAGE);
}

TEST(test_timelimit__known_phrases)
{
	struct timelimit t;

	CHECK(timelimit_parse("信息形成或者变更之日起20个工作日内", &t));
	CHECK_STR(t.kind, "deadline");
	CHECK_INT(t.days, 20);
	CHECK_INT(t.workdays, 1);
	CHECK_STR(t.anchor, "形成或变更");
	CHECK(timelimit_parse("制定或获取信息之日起10个工作日内，公示7个工作日", &t));
	CHECK_INT(t.days, 10);
	CHECK_INT(t.notice_days, 7);
	CHECK_STR(t.anchor, "制定或获取");
	CHECK(timelimit_parse("本级人民代表大会或其常务委员会批准后20日内", &t));
	CHECK_INT(t.workdays, 0);
	CHECK_STR(t.anchor, "批准");
	CHECK(timelimit_parse("实时公开", &t));
	CHECK_STR(t.kind, "realtime");
	CHECK(timelimit_parse("及时公开,公告期限为5个工作日", &t));
	CHECK_STR(t.kind, "timely");
	CHECK_INT(t.notice_days, 5);
	CHECK(timelimit_parse("永久公开", &t));
	CHECK_STR(t.kind, "permanent");
	CHECK(timelimit_parse("信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示", &t));
	CHECK_INT(t.days, 20);
	CHECK_STR(t.anchor, "形成");
	CHECK(timelimit_parse("信息形成或变更之日起２０个工作日内", &t)); /* full-width digits */
	CHECK_INT(t.days, 20);
	CHECK(!timelimit_parse("按上级要求", &t));
	CHECK_STR(t.kind, "");
}

T_MAIN(T(test_channels__marked_standard_and_custom),
       T(test_channels__variants_fold_to_standard),
       T(test_channels__unmarked_list_keeps_multipart_names),
       T(test_channels__format_round_trip),
       T(test_elements__markers),
       T(test_elements__short_list_splits_long_paragraph_does_not),
       T(test_elements__chinese_zero_is_not_a_marker),
       T(test_ticks), T(test_levels__variants),
       T(test_timelimit__known_phrases))
