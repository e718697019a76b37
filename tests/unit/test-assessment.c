/* test-assessment.c: assessment (domain/assessment*.c) on real database
 * files — the Yuelu table of seed 004 imports with its totals (街道（镇）
 * 100, 区直相关部门 100, bonus at most 5) and exports back to the same
 * table as .csv and .xlsx; bad tables are refused with precise messages
 * (文件:工作表:第N行:「列名」: 原因) and nothing written; points as text;
 * automatic scoring on a generated database equals figures computed by
 * hand (coverage, timeliness, requests, the ledger); manual scores are
 * checked (over full points, deductions without a reason, lines the
 * platform scores); a unit responds once; finalising waits for every line;
 * ranks tie; who may do what. */
#include "t.h"

#include "domain/assessment.h"
#include "domain/request.h"
#include "io/grid.h"
#include "store/store.h"

static const struct actor cli_actor = {
	0, "测试员", ACTOR_SYSTEM, 0, NULL, "命令行",
};

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

static size_t table_count(struct store *s)
{
	struct arena a = ARENA_INIT;
	struct assess_table *v;
	size_t n = 0;

	store_assess_table_list(s, &a, &v, &n);
	arena_release(&a);
	return n;
}

/* --- the Yuelu table --- */

TEST(test_assess__yuelu_imports_with_totals)
{
	struct store *s = fresh("yuelu.db");
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct assess_table t;
	int64_t base[ASSESS_MAX_TYPES], bonus[ASSESS_MAX_TYPES], id;
	size_t nbase = 0, nbonus = 0;
	int li;

	CHECK(s);
	id = assess_table_import_file(s, &cli_actor,
				      "data/assessment/yuelu-2021.csv", NULL, &a,
				      &t, &err);
	errors_print(&err, stdout);
	CHECK(id > 0);
	CHECK_STR(t.name, "岳麓区基层政务公开标准化规范化工作考核指标");
	CHECK_INT(t.ntypes, 2);
	CHECK_STR(t.types[0], "街道（镇）");
	CHECK_STR(t.types[1], "区直相关部门");
	assess_table_totals(&t, base, bonus);
	CHECK_INT(base[0], 10000);
	CHECK_INT(base[1], 10000);
	CHECK_INT(bonus[0], 500);
	CHECK_INT(bonus[1], 500);
	CHECK_INT(t.base_total, 10000);
	CHECK_INT(t.bonus_cap, 500);
	CHECK_STR(assess_totals_text(&t, &a),
		  "街道（镇） 100 分、区直相关部门 100 分；加分项最多 5 分");
	for (size_t i = 0; i < t.nlines; i++) {
		nbase += t.lines[i].scored && !t.lines[i].bonus;
		nbonus += t.lines[i].scored && t.lines[i].bonus;
	}
	CHECK_INT(nbase, 24);
	CHECK_INT(nbonus, 1);
	/* six 一级指标, in the seed's order */
	CHECK_STR(t.lines[0].name, "工作组织与推进");
	/* line 2 is for 区直相关部门 only, by 签到表 */
	li = assess_line_by_number(&t, 2);
	CHECK(li >= 0);
	CHECK_INT(t.lines[li].points[0], ASSESS_NOT_ASSESSED);
	CHECK_INT(t.lines[li].points[1], 500);
	CHECK_INT(t.lines[li].evidence, AEV_SIGNIN);
	/* 其它公开平台 is a 二级指标 under 公开渠道 (the seed's merged cell) */
	li = assess_line_by_number(&t, 18);
	CHECK_STR(t.lines[t.lines[li].parent].name, "其它公开平台");
	CHECK_STR(t.lines[t.lines[t.lines[li].parent].parent].name, "公开渠道");
	CHECK_INT(t.lines[li].evidence, AEV_MATERIAL | AEV_PHOTO);
	/* 线上公开专栏: coverage, 10 points, by 网页截图 and 网上察看 */
	li = assess_line_by_number(&t, 17);
	CHECK_STR(t.lines[li].measure, "coverage");
	CHECK_INT(t.lines[li].points[0], 1000);
	CHECK_INT(t.lines[li].evidence, AEV_SCREENSHOT | AEV_ONLINE);
	/* the ledger line, 2 points */
	li = assess_line_by_number(&t, 22);
	CHECK_STR(t.lines[li].name, "线下公示栏的信息发布建立台账。");
	CHECK_STR(t.lines[li].measure, "ledger");
	CHECK_INT(t.lines[li].points[0], 200);
	/* the bonus line names both types without points: up to the cap */
	li = assess_line_by_number(&t, 25);
	CHECK(t.lines[li].bonus);
	CHECK_INT(t.lines[li].points[0], ASSESS_UP_TO_CAP);
	CHECK_INT(assess_line_points(&t, &t.lines[li], 1), 500);
	CHECK_STR(t.lines[li].points_text, "街道（镇） 区直相关部门");
	CHECK_CONTAINS(t.note, "加分项最多5分");
	CHECK_INT(table_count(s), 1);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

/* Two tables hold the same lines, points, methods and note. */
static int same_table(const struct assess_table *x,
		      const struct assess_table *y)
{
	if (strcmp(x->name, y->name) || strcmp(x->note, y->note) ||
	    x->ntypes != y->ntypes || x->nlines != y->nlines ||
	    x->bonus_cap != y->bonus_cap || x->base_total != y->base_total)
		return 0;
	for (size_t i = 0; i < x->nlines; i++) {
		const struct assess_line *a = &x->lines[i], *b = &y->lines[i];

		if (a->level != b->level || a->parent != b->parent ||
		    strcmp(a->name, b->name) || a->scored != b->scored ||
		    a->bonus != b->bonus || strcmp(a->method, b->method) ||
		    a->evidence != b->evidence || strcmp(a->measure, b->measure) ||
		    strcmp(a->points_text, b->points_text))
			return 0;
		for (size_t k = 0; a->scored && k < x->ntypes; k++)
			if (a->points[k] != b->points[k])
				return 0;
	}
	return 1;
}

TEST(test_assess__export_imports_back_the_same)
{
	struct store *s = fresh("roundtrip.db");
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct assess_table t, back;
	struct buf csv = BUF_INIT;
	char xlsx[300];
	int64_t id;

	CHECK(s);
	id = assess_table_import_file(s, &cli_actor,
				      "data/assessment/yuelu-2021.csv", NULL, &a,
				      &t, &err);
	CHECK(id > 0);
	assess_table_write_csv(&t, &csv);
	CHECK(assess_table_import_mem(s, &cli_actor, csv.buf, csv.len,
				      "导出.csv", NULL, &a, &back, &err) > 0);
	errors_print(&err, stdout);
	CHECK(same_table(&t, &back));
	CHECK_INT(assess_table_write_xlsx(&t, t_tmp("yuelu.xlsx", xlsx,
						     sizeof(xlsx)), &err), 0);
	CHECK(assess_table_import_file(s, &cli_actor, xlsx, NULL, &a, &back,
				       &err) > 0);
	errors_print(&err, stdout);
	CHECK(same_table(&t, &back));
	CHECK_INT(table_count(s), 3);
	buf_release(&csv);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

/* --- bad tables --- */

static const char good_csv[] =
	"测试考核指标\n"
	"一级指标,二级指标,三级指标,考核对象及分值,考核方式,备注,平台数据\n"
	"组织,部署,明确责任。,街道（镇） 40分 区直相关部门 50分,提交文字材料,,\n"
	",,参加培训。,区直相关部门 50分,查看培训签到表,,\n"
	",专栏,二级目录均有信息。,街道（镇） 60分,网上察看,,二级事项覆盖率\n"
	"加分项,成效,获得推介。,街道（镇） 区直相关部门,提交网页截图,,\n"
	"说明：考核分数105分，其中基准分100分，加分项最多5分。\n";

/* good_csv with 'from' replaced by 'to' (each once), imported as
 * 坏表.csv: the messages joined by "\n" into 'out'. */
static int import_variant(struct store *s, const char *const *from,
			  const char *const *to, size_t n, char *out,
			  size_t outlen)
{
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct buf b = BUF_INIT;
	int64_t id;

	buf_adds(&b, good_csv);
	for (size_t i = 0; i < n; i++) {
		char *at = strstr(b.buf, from[i]);
		struct buf c = BUF_INIT;

		if (!at)
			return -2;
		buf_add(&c, b.buf, (size_t)(at - b.buf));
		buf_adds(&c, to[i]);
		buf_adds(&c, at + strlen(from[i]));
		buf_release(&b);
		b = c;
	}
	id = assess_table_import_mem(s, &cli_actor, b.buf, b.len, "坏表.csv",
				     NULL, &a, NULL, &err);
	out[0] = '\0';
	for (size_t i = 0; i < err.n; i++)
		snprintf(out + strlen(out), outlen - strlen(out), "%s%s",
			 i ? "\n" : "", err.msg[i]);
	buf_release(&b);
	errors_release(&err);
	arena_release(&a);
	return id ? 0 : -1;
}

#define BAD(from, to, want) do { \
	const char *f_[] = { from }, *t_[] = { to }; \
	char got_[4000]; \
	CHECK_INT(import_variant(s, f_, t_, 1, got_, sizeof(got_)), -1); \
	CHECK_STR(got_, want); \
} while (0)

TEST(test_assess__bad_tables_refused_precisely)
{
	struct store *s = fresh("bad.db");
	char got[4000];

	CHECK(s);
	/* the good one imports */
	CHECK_INT(import_variant(s, NULL, NULL, 0, got, sizeof(got)), 0);
	CHECK_INT(table_count(s), 1);
	BAD("街道（镇） 60分", "街道（镇） 61分",
	    "坏表.csv:坏表: 「街道（镇）」各项分值合计 101 分，与说明中的基准分 100 分不符");
	BAD(",,参加培训。,区直相关部门 50分", ",,参加培训。,区直相关部门",
	    "坏表.csv:坏表:第4行:「考核对象及分值」: 「区直相关部门」没有写分值"
	    "（应写作「区直相关部门 4分」；只有加分项可以只写考核对象）");
	BAD("街道（镇） 40分", "街道（镇） 40.125分",
	    "坏表.csv:坏表:第3行:「考核对象及分值」: 「街道（镇）」的分值写得不对："
	    "应为不超过 1000 的数，最多两位小数");
	BAD("街道（镇） 40分", "街道（镇） 40",
	    "坏表.csv:坏表:第3行:「考核对象及分值」: 「街道（镇）」的分值后面应写"
	    "「分」（如「街道（镇） 4分」）");
	BAD("区直相关部门 50分,查看", "50分,查看",
	    "坏表.csv:坏表:第4行:「考核对象及分值」: 分值前没有写考核对象"
	    "（应写作「街道（镇） 4分」）");
	BAD(",,二级事项覆盖率", ",,覆盖",
	    "坏表.csv:坏表:第5行:「平台数据」: 不认识「覆盖」：只能是 二级事项覆盖率、"
	    "按公开时限发布、依申请按期答复、公示栏台账、自查问题、督办任务按时完成，"
	    "或留空");
	BAD("网上察看", "领导打分",
	    "坏表.csv:坏表:第5行:「考核方式」: 看不出「领导打分」要什么证据：请写明 "
	    "材料、网页截图、照片、签到表、实地察看、网上察看 或 日常考评，或填写"
	    "「证据类型」列");
	BAD(",,参加培训。,", ",,,",
	    "坏表.csv:坏表:第4行:「三级指标」: 缺少指标内容");
	BAD("考核方式", "方式",
	    "坏表.csv:坏表:第2行: 表头中找不到「考核方式」列");
	BAD("加分项最多5分", "另有加分",
	    "坏表.csv:坏表: 有加分项，但说明行没有写加分上限（如「说明：…加分项最多"
	    "5分。」）");
	BAD("街道（镇） 区直相关部门", "街道（镇） 6分 区直相关部门",
	    "坏表.csv:坏表:第6行:「考核对象及分值」: 加分项「街道（镇）」6 分超过加分"
	    "上限 5 分");
	{
		const char *f[] = { ",专栏,", "加分项,成效" };
		const char *t[] = { "其他,专栏,", "组织,成效" };

		CHECK_INT(import_variant(s, f, t, 2, got, sizeof(got)), -1);
		CHECK_STR(got, "坏表.csv:坏表:第6行:「一级指标」: 「组织」在前面已出现"
			  "过，同一个一级指标的各行应连在一起");
	}
	BAD(",,参加培训。,区直相关部门 50分,查看培训签到表,,",
	    ",,参加培训。,区直相关部门 50分,查看培训签到表,,二级事项覆盖率\n"
	    "说明：中间的说明",
	    "坏表.csv:坏表:第6行: 说明行下面不能再有指标\n"
	    "坏表.csv:坏表:第7行: 说明行下面不能再有指标");
	BAD("测试考核指标\n一级指标", "一级",
	    "坏表.csv:坏表:第1行: 表头中找不到「一级指标」列");
	BAD("一级指标,二级指标,三级指标,考核对象及分值,考核方式", "甲,乙,丙,丁,戊",
	    "坏表.csv:坏表: 表头中找不到「考核对象及分值」等列：请使用考核指标表的表头"
	    "（一级指标、二级指标、三级指标、考核对象及分值、考核方式、备注）");
	/* every problem of the file at once */
	{
		const char *f[] = { "网上察看", ",,二级事项覆盖率",
				    "区直相关部门 50分,查看" };
		const char *t[] = { "领导打分", ",,覆盖", "区直相关部门 5O分,查看" };

		CHECK_INT(import_variant(s, f, t, 3, got, sizeof(got)), -1);
		CHECK_STR(got,
			  "坏表.csv:坏表:第4行:「考核对象及分值」: 「区直相关部门」的"
			  "分值后面应写「分」（如「区直相关部门 4分」）\n"
			  "坏表.csv:坏表:第5行:「考核方式」: 看不出「领导打分」要什么证据："
			  "请写明 材料、网页截图、照片、签到表、实地察看、网上察看 或 日常"
			  "考评，或填写「证据类型」列\n"
			  "坏表.csv:坏表:第5行:「平台数据」: 不认识「覆盖」：只能是 二级事项"
			  "覆盖率、按公开时限发布、依申请按期答复、公示栏台账、自查问题、督办"
			  "任务按时完成，或留空");
	}
	/* nothing of any refused file was written */
	CHECK_INT(table_count(s), 1);
	store_close(s);
}

TEST(test_assess__points_text)
{
	char out[32];
	int64_t v;

	CHECK_STR(assess_points_str(925, out), "9.25");
	CHECK_STR(assess_points_str(1000, out), "10");
	CHECK_STR(assess_points_str(250, out), "2.5");
	CHECK_STR(assess_points_str(5, out), "0.05");
	CHECK_STR(assess_points_str(0, out), "0");
	CHECK_INT(assess_points_parse("3.5", &v), 0);
	CHECK_INT(v, 350);
	CHECK_INT(assess_points_parse(" 4分 ", &v), 0);
	CHECK_INT(v, 400);
	CHECK_INT(assess_points_parse("0.25", &v), 0);
	CHECK_INT(v, 25);
	CHECK_INT(assess_points_parse("3.125", &v), -1);
	CHECK_INT(assess_points_parse("-1", &v), -1);
	CHECK_INT(assess_points_parse("三分", &v), -1);
	CHECK_INT(assess_points_parse("", &v), -1);
	CHECK_INT(assess_points_parse("1e3", &v), -1);
	CHECK_INT(assess_points_parse("99999999999999999999", &v), -1);
}

/* --- a generated database and figures computed by hand --- */

/* Regions 湖南 > 长沙 > 岳麓区 > 望月湖街道, 岳麓街道; units 1 望月湖街道
 * 办事处, 2 岳麓街道办事处, 3 岳麓区民政局, 4 岳麓区政务公开办; domain
 * 社会救助; a published catalog of 望月湖街道 with four 二级事项 (the last
 * with two 三级事项), each with 公开时限 "20个工作日内" (deadline), and
 * records of unit 1:
 *   A under 二级 1: written 2021-03-01, published 2021-03-10   in time
 *   B under 二级 2: written 2021-03-01, published 2021-05-10   late (due
 *                   2021-03-29: 20 working days, plain weekends)
 *   C under 三级 of 二级 4: written 2021-04-01, published 2021-04-02
 *   D under 二级 1: written 2020-01-02, published 2020-01-03 (before the
 *                   period: not counted for timeliness; still current)
 *   E a draft with due date 2021-06-01, never published: late
 *   F under 二级 3: written 2021-07-30, published 2021-08-02, in time,
 *                   but repealed (not current)
 * So coverage = 二级 1, 2, 4 covered by current public records (A, B, C,
 * D; not 二级 3, whose only published record F is repealed) = 3/4 → 7.5
 * of 10; timeliness = A, C, F in time of A, B, C, E, F = 3/5 → 1.2 of 2
 * points. */
static int64_t gen_db(struct store *s, int64_t *lines_out)
{
	struct region rs[] = {
		{ "430000", "湖南省", "省", NULL, NULL },
		{ "430100", "长沙市", "市", "430000", NULL },
		{ "430104", "岳麓区", "县", "430100", NULL },
		{ "430104001", "望月湖街道", "乡", "430104", NULL },
		{ "430104002", "岳麓街道", "乡", "430104", NULL },
	};
	struct unit us[] = {
		{ 0, "望月湖街道办事处", "街道办事处", "430104001", NULL },
		{ 0, "岳麓街道办事处", "街道办事处", "430104002", NULL },
		{ 0, "岳麓区民政局", "政府部门", "430104", NULL },
		{ 0, "岳麓区政务公开办", "政府部门", "430104", NULL },
	};
	struct domain d = { 0, "shjz", "社会救助", 18, "民政部" };
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct catalog c = { 0 }, back;
	struct item items[7];
	static const char *const names[7] = { "最低生活保障", "政策文件",
		"审批结果", "资金发放", "办事指南", "申请条件", "办理流程" };
	static const int levels[7] = { 1, 2, 2, 2, 2, 3, 3 };
	static const int parents[7] = { -1, 0, 0, 0, 0, 4, 4 };
	static const struct {
		const char *title, *written, *published, *due;
		int item;
		enum record_status st;
		enum record_validity v;
	} recs[] = {
		{ "A", "2021-03-01", "2021-03-10", "", 1, RECORD_PUBLISHED, VALIDITY_VALID },
		{ "B", "2021-03-01", "2021-05-10", "", 2, RECORD_PUBLISHED, VALIDITY_VALID },
		{ "C", "2021-04-01", "2021-04-02", "", 5, RECORD_PUBLISHED, VALIDITY_VALID },
		{ "D", "2020-01-02", "2020-01-03", "", 1, RECORD_PUBLISHED, VALIDITY_VALID },
		{ "E", "2021-05-01", "", "2021-06-01", 3, RECORD_DRAFT, VALIDITY_VALID },
		{ "F", "2021-07-30", "2021-08-02", "", 3, RECORD_PUBLISHED, VALIDITY_REPEALED },
	};
	int64_t cat = 0;

	for (size_t i = 0; i < sizeof(rs) / sizeof(rs[0]); i++)
		store_region_put(s, &rs[i], &err);
	for (size_t i = 0; i < sizeof(us) / sizeof(us[0]); i++)
		store_unit_add(s, &us[i], &err);
	store_domain_put(s, &d, &err);
	memset(items, 0, sizeof(items));
	for (int i = 0; i < 7; i++) {
		items[i].parent = parents[i];
		items[i].level = levels[i];
		items[i].name = names[i];
		items[i].lineage = arena_printf(&a, "L%d", i);
		items[i].mode = MODE_ACTIVE;
		items[i].item_type = items[i].service_name = items[i].basis = "";
		items[i].subject = items[i].note = items[i].service_url = "";
		items[i].time_limit = "信息形成或变更之日起20个工作日内";
		items[i].tl.kind = "deadline";
		items[i].tl.days = 20;
		items[i].tl.workdays = true;
		items[i].tl.anchor = "形成或变更";
	}
	c.region_code = "430104001";
	c.domain_id = d.id;
	c.version = "2021版";
	c.status = CATALOG_DRAFT;
	c.author = "t";
	c.items = items;
	c.nitems = c.alloc = 7;
	if (store_catalog_insert(s, &c, &err) != STORE_OK ||
	    store_catalog_set_status(s, c.id, CATALOG_PUBLISHED, "", &err) !=
	    STORE_OK || store_catalog_load(s, c.id, &a, &back) != STORE_OK)
		goto out;
	for (size_t i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		struct record r = { 0 };

		r.region_code = "430104001";
		r.domain_id = d.id;
		r.lineage = back.items[recs[i].item].lineage;
		r.item_id = back.items[recs[i].item].id;
		r.unit_id = us[0].id;
		r.title = recs[i].title;
		r.index_no = arena_printf(&a, "IDX-%zu", i);
		r.doc_no = r.publisher = r.topic = r.legal_ground = r.body_md = "";
		r.written_on = recs[i].written;
		r.published_on = recs[i].published;
		r.due_on = recs[i].due;
		r.validity = recs[i].v;
		r.disclosure = DISCLOSE_ACTIVE;
		r.status = recs[i].st;
		if (store_record_insert(s, &r, &err) != STORE_OK)
			goto out;
	}
	cat = c.id;
	if (lines_out) {
		lines_out[0] = us[0].id;
		lines_out[1] = us[1].id;
		lines_out[2] = us[2].id;
		lines_out[3] = us[3].id;
	}
out:
	errors_print(&err, stdout);
	errors_release(&err);
	arena_release(&a);
	return cat;
}

/* Beijing 10:00 on the given day. */
static void now_is(const char *day)
{
	char t[32];

	snprintf(t, sizeof(t), "%sT02:00:00Z", day);
	setenv("GONGKAI_NOW", t, 1);
}

/* File an application in person on 'day' for unit 'unit'; reply on
 * 'reply' (NULL: not yet).  The id, or 0. */
static int64_t application(struct store *s, int64_t unit, const char *day,
			   const char *reply)
{
	struct request_filing f = { 0 };
	struct request_filed out;
	struct request_act_in in = { 0 };
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	int64_t id;

	f.unit_id = unit;
	f.applicant_kind = "person";
	f.name = "张三";
	f.id_type = "居民身份证";
	f.id_number = "11010519491231002x";
	f.phone = "13800000000";
	f.info_name = "低保资金发放情况";
	f.forms = "纸质";
	f.delivery = "自行领取";
	f.channel = "in_person";
	f.submitted_on = day;
	f.registered_on = day;
	id = request_file(s, &cli_actor, &f, &a, &out, &err);
	if (id && reply) {
		in.action = RQ_REVIEW;
		in.day = day;
		if (request_act(s, &cli_actor, id, &in, NULL, &err))
			id = 0;
		in.action = RQ_REPLY;
		in.day = reply;
		in.outcome = "1";
		in.delivered_how = "自行领取";
		if (id && request_act(s, &cli_actor, id, &in, NULL, &err))
			id = 0;
	}
	errors_print(&err, stdout);
	errors_release(&err);
	arena_release(&a);
	return id;
}

static const char table_csv[] =
	"生成库考核指标\n"
	"一级指标,二级指标,三级指标,考核对象及分值,考核方式,平台数据\n"
	"专栏,覆盖,各领域二级目录下均有信息。,街道（镇） 10分 区直相关部门 10分,网上察看,二级事项覆盖率\n"
	",时限,及时公开。,街道（镇） 2分 区直相关部门 10分,实地察看,按公开时限发布\n"
	",申请,依申请公开按期答复。,街道（镇） 10分 区直相关部门 10分,提交文字材料,依申请按期答复\n"
	",台账,公示栏建立台账。,街道（镇） 2分,提交相关照片,公示栏台账\n"
	",任务,按时完成任务。,街道（镇） 10分 区直相关部门 10分,日常考评,督办任务按时完成\n"
	"组织,部署,明确责任。,街道（镇） 66分 区直相关部门 60分,提交文字材料、网页截图,\n"
	"加分项,成效,获得推介。,街道（镇） 区直相关部门,提交网页截图,\n"
	"说明：基准分100分，加分项最多5分。\n";

static int64_t make_round(struct store *s, const int64_t *units, size_t n,
			  int64_t *table)
{
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct assess_round_in in = { 0 };
	int64_t id = 0;

	*table = assess_table_import_mem(s, &cli_actor, table_csv,
					 strlen(table_csv), "生成.csv", "430104",
					 &a, NULL, &err);
	if (*table) {
		in.table_id = *table;
		in.name = "2021年度考核";
		in.region = "430104";
		in.from = "2021-01-01";
		in.to = "2021-12-31";
		in.units = units;
		in.n = n;
		id = assess_round_create(s, &cli_actor, &in, &err);
	}
	errors_print(&err, stdout);
	errors_release(&err);
	arena_release(&a);
	return id;
}

/* The score of (unit, line number) in round 'id', with its figure. */
static const struct assess_score *score_of(struct store *s, int64_t id,
					   int64_t unit, int number,
					   struct arena *a,
					   struct assess_sheet *sh)
{
	struct errors err = ERRORS_INIT;
	int li;

	if (assess_sheet_load(s, id, a, sh, &err)) {
		errors_release(&err);
		return NULL;
	}
	li = assess_line_by_number(&sh->table, number);
	return li < 0 ? NULL : assess_sheet_score(sh, unit,
						  sh->table.lines[li].id);
}

TEST(test_assess__automatic_scores_equal_hand_figures)
{
	struct store *s = fresh("auto.db");
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct assess_sheet sh;
	struct assess_auto_summary sum;
	const struct assess_score *sc;
	int64_t u[4], table, id;

	CHECK(s);
	now_is("2022-01-10");
	CHECK(gen_db(s, u) > 0);
	/* applications of unit 1: one answered in time, one late, one
	 * still within its 20 working days on 2022-01-10, one in 2020 */
	CHECK(application(s, u[0], "2021-03-01", "2021-03-10"));
	CHECK(application(s, u[0], "2021-03-01", "2021-04-30"));
	CHECK(application(s, u[0], "2021-12-20", NULL));
	CHECK(application(s, u[0], "2020-06-01", "2020-06-02"));
	id = make_round(s, u, 3, &table);
	CHECK(id > 0);
	CHECK_INT(assess_score_auto(s, &cli_actor, id, "2022-01-10", &sum, &err),
		  0);
	errors_print(&err, stdout);
	/* coverage: 二级 1, 2, 4 of 4 → 7.5 of 10 */
	sc = score_of(s, id, u[0], 1, &a, &sh);
	CHECK(sc);
	CHECK_INT(sc->score, 750);
	CHECK_INT(sc->num, 3);
	CHECK_INT(sc->den, 4);
	CHECK_STR(sc->source, "auto");
	CHECK_STR(sc->figure, "二级事项覆盖率 3/4 = 75%（有现行公开信息的二级事项 "
		  "3 个，共 4 个），按本项 10 分折算 7.5 分");
	/* timeliness: A, C, F in time of A, B, C, E, F → 1.2 of 2 points */
	sc = score_of(s, id, u[0], 2, &a, &sh);
	CHECK(sc);
	CHECK_INT(sc->score, 120);
	CHECK_STR(sc->figure, "按时公开 3/5 = 60%（期内有公开时限的信息 5 条：按时 3 "
		  "条，逾期发布 1 条，逾期未发布 1 条），按本项 2 分折算 1.2 分");
	/* requests: 1 in time of 2 judged (the third still running) → 5 */
	sc = score_of(s, id, u[0], 3, &a, &sh);
	CHECK(sc);
	CHECK_INT(sc->score, 500);
	CHECK_STR(sc->figure, "按期答复 1/2 = 50%（期内收到申请 3 件：按期答复 1 件，"
		  "逾期 1 件，尚在期限内 1 件不计），按本项 10 分折算 5 分");
	/* the ledger: nothing kept → measured, 0 */
	sc = score_of(s, id, u[0], 4, &a, &sh);
	CHECK(sc);
	CHECK_INT(sc->score, 0);
	CHECK_INT(sc->den, 1);
	/* tasks: none due → left for the assessors */
	CHECK(!score_of(s, id, u[0], 5, &a, &sh));
	/* unit 2 has no catalog, records, applications: only the ledger */
	CHECK(!score_of(s, id, u[1], 1, &a, &sh));
	CHECK(!score_of(s, id, u[1], 2, &a, &sh));
	CHECK(score_of(s, id, u[1], 4, &a, &sh));
	/* unit 3 (区直相关部门) is not assessed on the ledger */
	CHECK(!score_of(s, id, u[2], 4, &a, &sh));
	/* results: unit 1 has 7.5 + 1.2 + 5 + 0 */
	CHECK(assess_sheet_load(s, id, &a, &sh, &err) == 0);
	CHECK_INT(sh.results[0].base, 1370);
	CHECK_INT(sh.results[0].full, 10000);
	CHECK_INT(sh.results[0].rank, 1);
	CHECK_INT(sum.scored, 5);
	/* scoring again gives the same */
	CHECK_INT(assess_score_auto(s, &cli_actor, id, "2022-01-10", &sum, &err),
		  0);
	sc = score_of(s, id, u[0], 1, &a, &sh);
	CHECK(sc && sc->score == 750);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
	unsetenv("GONGKAI_NOW");
}

static int manual(struct store *s, const struct actor *who, int64_t id,
		  int64_t unit, int64_t line, const char *score,
		  const char *comment, char *why, size_t n)
{
	struct assess_manual m = { line, score, comment };
	struct errors err = ERRORS_INIT;
	int rc = assess_score_manual(s, who, id, unit, &m, 1, &err);

	why[0] = '\0';
	for (size_t i = 0; i < err.n; i++)
		snprintf(why + strlen(why), n - strlen(why), "%s%s", i ? "\n" : "",
			 err.msg[i]);
	errors_release(&err);
	return rc;
}

/* The id of line number 'number' of round 'id''s table. */
static int64_t line_id(struct store *s, int64_t id, int number)
{
	struct arena a = ARENA_INIT;
	struct assess_sheet sh;
	struct errors err = ERRORS_INIT;
	int64_t out = 0;
	int li;

	if (assess_sheet_load(s, id, &a, &sh, &err) == 0 &&
	    (li = assess_line_by_number(&sh.table, number)) >= 0)
		out = sh.table.lines[li].id;
	errors_release(&err);
	arena_release(&a);
	return out;
}

TEST(test_assess__manual_scores_response_finalise)
{
	struct store *s = fresh("manual.db");
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct assess_sheet sh;
	struct assess_auto_summary sum;
	char why[2000];
	int64_t u[4], table, id;
	struct actor office = { 9, "yl_office", ROLE_OFFICE, 0, "430104", "::1" };
	struct actor city_office = { 10, "other", ROLE_OFFICE, 0, "430105", "::1" };
	struct actor editor = { 11, "wyh_editor", ROLE_EDITOR, 0, "430104001",
				"::1" };
	struct actor other_editor = { 12, "yl_editor", ROLE_EDITOR, 0,
				      "430104002", "::1" };

	CHECK(s);
	now_is("2022-01-10");
	CHECK(gen_db(s, u) > 0);
	editor.unit_id = u[0];
	other_editor.unit_id = u[1];
	id = make_round(s, u, 3, &table);
	CHECK(id > 0);
	CHECK_INT(assess_score_auto(s, &office, id, "2022-01-10", &sum, &err), 0);
	/* over full points, no reason, a line scored from data, bad text */
	CHECK_INT(manual(s, &office, id, u[0], line_id(s, id, 6), "67", "", why,
			 sizeof(why)), -1);
	CHECK_STR(why, "第6项「明确责任。」：得分 67 分超过本项满分 66 分");
	CHECK_INT(manual(s, &office, id, u[0], line_id(s, id, 6), "60", "", why,
			 sizeof(why)), -1);
	CHECK_STR(why, "第6项「明确责任。」：得分 60 分低于满分 66 分，请在评语中"
		  "写明扣分理由");
	CHECK_INT(manual(s, &office, id, u[0], line_id(s, id, 1), "10", "", why,
			 sizeof(why)), -1);
	CHECK_CONTAINS(why, "第1项「各领域二级目录下均有信息。」：由平台数据自动评分");
	CHECK_INT(manual(s, &office, id, u[0], line_id(s, id, 6), "六十", "",
			 why, sizeof(why)), -1);
	CHECK_STR(why, "第6项「明确责任。」：得分「六十」不是分数（应写作 0 到 66 "
		  "之间的数，最多两位小数）");
	CHECK_INT(manual(s, &office, id, u[2], line_id(s, id, 4), "1", "x", why,
			 sizeof(why)), -1);
	CHECK_STR(why, "第4项「公示栏建立台账。」：不考核区直相关部门（岳麓区民政局）");
	CHECK_INT(manual(s, &office, id, u[0], line_id(s, id, 7), "3", "", why,
			 sizeof(why)), -1);
	CHECK_STR(why, "第7项「获得推介。」：加 3 分，请在评语中写明加分依据");
	/* who may score: the office above, not another district's nor a unit */
	CHECK_INT(manual(s, &city_office, id, u[0], line_id(s, id, 6), "66", "",
			 why, sizeof(why)), -1);
	CHECK_STR(why, "没有权限：为此地区的考核评分");
	CHECK_INT(manual(s, &editor, id, u[0], line_id(s, id, 6), "66", "", why,
			 sizeof(why)), -1);
	CHECK_STR(why, "没有权限：为此地区的考核评分");
	/* a proper score */
	CHECK_INT(manual(s, &office, id, u[0], line_id(s, id, 6), "60.5",
			 "未明确专门工作人员", why, sizeof(why)), 1);
	CHECK_INT(manual(s, &office, id, u[0], line_id(s, id, 7), "3",
			 "经验获省级推介（湘政务公开办〔2021〕5号）", why,
			 sizeof(why)), 1);
	/* finalising waits for every line that applies */
	{
		char msg[4000] = "";

		CHECK_INT(assess_finalise(s, &office, id, &err), -1);
		for (size_t i = 0; i < err.n; i++)
			snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
				 "%s\n", err.msg[i]);
		CHECK_CONTAINS(msg, "望月湖街道办事处：第5项「按时完成任务。」尚未评分");
		CHECK_CONTAINS(msg, "全部评分后才能定稿");
		errors_release(&err);
	}
	/* the unit responds, once; another unit may not respond for it */
	CHECK_INT(assess_respond(s, &other_editor, id, u[0], "不同意", &err), -1);
	CHECK_STR(err.msg[0], "没有权限：为此单位上传考核证明材料或提出意见");
	errors_release(&err);
	CHECK_INT(assess_respond(s, &editor, id, u[0], "  ", &err), -1);
	errors_release(&err);
	CHECK_INT(assess_respond(s, &editor, id, u[0],
				 "第6项：已明确专门工作人员，见材料。", &err), 0);
	CHECK_INT(assess_respond(s, &editor, id, u[0], "再说一次", &err), -1);
	CHECK_CONTAINS(err.msg[0], "望月湖街道办事处已于");
	CHECK_CONTAINS(err.msg[0], "每个单位只能提出一次");
	errors_release(&err);
	/* evidence: a kind the line asks for, a file of a known type */
	{
		static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1"
			"\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89";

		CHECK(!assess_evidence_add(s, &editor, id, u[0], line_id(s, id, 6),
					   AEV_SIGNIN, "a.png", png,
					   sizeof(png) - 1, &err));
		CHECK_STR(err.msg[0], "第6项「明确责任。」：「材料类型」只能是 材料、"
			  "网页截图");
		errors_release(&err);
		CHECK(!assess_evidence_add(s, &editor, id, u[0], line_id(s, id, 5),
					   AEV_MATERIAL, "a.png", png,
					   sizeof(png) - 1, &err));
		CHECK_STR(err.msg[0], "第5项「按时完成任务。」：考核方式为日常考评，"
			  "不需要上传材料");
		errors_release(&err);
		CHECK(assess_evidence_add(s, &editor, id, u[0], line_id(s, id, 6),
					  AEV_SCREENSHOT, "专栏截图.png", png,
					  sizeof(png) - 1, &err) > 0);
		errors_print(&err, stdout);
	}
	/* score everything else of every target, then finalise */
	CHECK(assess_sheet_load(s, id, &a, &sh, &err) == 0);
	for (size_t i = 0; i < sh.ntargets; i++)
		for (size_t k = 0; k < sh.table.nlines; k++) {
			const struct assess_line *l = &sh.table.lines[k];
			int64_t p = assess_line_points(&sh.table, l,
						       (size_t)sh.type_of[i]);
			char text[32];

			if (p == ASSESS_NOT_ASSESSED ||
			    assess_sheet_score(&sh, sh.targets[i].unit_id, l->id))
				continue;
			CHECK_INT(manual(s, &office, id, sh.targets[i].unit_id,
					 l->id, l->bonus ? "0" :
					 assess_points_str(p, text), "", why,
					 sizeof(why)), 1);
		}
	CHECK_INT(assess_finalise(s, &office, id, &err), 0);
	errors_print(&err, stdout);
	CHECK(assess_sheet_load(s, id, &a, &sh, &err) == 0);
	CHECK(assess_round_is_final(&sh.round));
	/* 望月湖: 7.5 + 1 + 10 (task by hand) + 0 + 0 (no application was
	 * judged: scored by hand in full, 10) + 60.5 … */
	CHECK_INT(sh.targets[0].unit_id, u[0]);
	CHECK_INT(sh.results[0].bonus, 300);
	/* after finalising nothing changes */
	CHECK_INT(manual(s, &office, id, u[0], line_id(s, id, 6), "66", "", why,
			 sizeof(why)), -1);
	CHECK_STR(why, "考核「2021年度考核」已定稿，不能再修改评分");
	CHECK_INT(assess_score_auto(s, &office, id, NULL, &sum, &err), -1);
	errors_release(&err);
	errors_release(&err);
	arena_release(&a);
	store_close(s);
	unsetenv("GONGKAI_NOW");
}

TEST(test_assess__rounds_checked_and_ranks_tie)
{
	struct store *s = fresh("rounds.db");
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct assess_round_in in = { 0 };
	struct assess_sheet sh;
	struct unit *v;
	size_t n;
	int64_t u[4], table, id;
	const char *types[2] = { "村（社区）", NULL };
	int64_t two[2];
	char msg[3000] = "";

	CHECK(s);
	CHECK(gen_db(s, u) > 0);
	table = assess_table_import_mem(s, &cli_actor, table_csv,
					strlen(table_csv), "生成.csv", NULL, &a,
					NULL, &err);
	CHECK(table > 0);
	/* default targets: the streets and the department, not the office */
	{
		struct assess_table t;

		CHECK_INT(store_assess_table_load(s, table, &a, &t), STORE_OK);
		CHECK_INT(assess_default_targets(s, &t, "430104", &a, &v, &n), 0);
		CHECK_INT(n, 3);
		for (size_t i = 0; i < n; i++)
			CHECK(v[i].id != u[3]);
	}
	/* every problem of a round at once */
	two[0] = u[0];
	two[1] = u[0];
	in.table_id = table;
	in.name = "";
	in.region = "430104";
	in.from = "2021-13-01";
	in.to = "2021-12-31";
	in.units = two;
	in.types = types;
	in.n = 2;
	CHECK_INT(assess_round_create(s, &cli_actor, &in, &err), 0);
	for (size_t i = 0; i < err.n; i++)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg), "%s\n",
			 err.msg[i]);
	CHECK_STR(msg,
		  "「名称」：请写明本轮考核的名称（如「2021年度基层政务公开考核」）\n"
		  "「考核期间」：开始日期「2021-13-01」不是日期（应写作 2021-01-01）\n"
		  "「考核对象」：望月湖街道办事处 的类型「村（社区）」不在本表中（本表有："
		  "街道（镇）、区直相关部门）\n"
		  "「考核对象」：望月湖街道办事处 列了两次\n");
	errors_release(&err);
	/* the two streets, nothing scored: equal, both first */
	in.name = "并列";
	in.from = "2021-01-01";
	two[1] = u[1];
	in.types = NULL;
	id = assess_round_create(s, &cli_actor, &in, &err);
	CHECK(id > 0);
	CHECK_INT(assess_sheet_load(s, id, &a, &sh, &err), 0);
	CHECK_INT(sh.results[0].rank, 1);
	CHECK_INT(sh.results[1].rank, 1);
	CHECK_STR(sh.targets[0].type_name, "街道（镇）");
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

T_MAIN(T(test_assess__yuelu_imports_with_totals),
       T(test_assess__export_imports_back_the_same),
       T(test_assess__bad_tables_refused_precisely),
       T(test_assess__points_text),
       T(test_assess__automatic_scores_equal_hand_figures),
       T(test_assess__manual_scores_response_finalise),
       T(test_assess__rounds_checked_and_ranks_tie))
