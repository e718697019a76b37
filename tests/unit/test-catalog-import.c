/* test-catalog-import.c: reading catalog tables as offices make them —
 * an .xlsx written by libxlsxwriter the way Excel users lay these tables
 * out (title row, merged two-row header, 一级事项 merged down the rows,
 * 三级事项, Changsha's 事项类型 and 对应本级政务服务事项名称 columns, a
 * legend row, 同上), and the problems such files carry. */
#include "t.h"

#include <xlsxwriter.h>

#include "domain/catalog.h"
#include "io/csv-read.h"
#include "io/xlsx-read.h"

/* Write a Changsha-style three-level table to 'path'. */
static void write_office_xlsx(const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "重大建设项目");
	static const char *const head1[] = { "序号", "公开事项", "公开事项",
		"公开事项", "事项类型", "对应本级政务服务事项名称",
		"公开内容（要素）", "公开依据", "公开时限", "公开主体",
		"公开渠道和载体", "公开对象", "公开对象", "公开方式", "公开方式",
		"公开层级", "公开层级", "公开内容标题", "备注" };
	static const char *const head2[] = { NULL, "一级事项", "二级事项",
		"三级事项", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "全社会",
		"特定群体", "主动", "依申请", "县级", "乡、村级", NULL, NULL };
	const int ncol = 19;

	worksheet_merge_range(ws, 0, 0, 0, ncol - 1,
			      "重大建设项目领域基层政务公开目录", NULL);
	/* the header, merged as Excel users do */
	worksheet_merge_range(ws, 1, 1, 1, 3, "公开事项", NULL);
	worksheet_merge_range(ws, 1, 11, 1, 12, "公开对象", NULL);
	worksheet_merge_range(ws, 1, 13, 1, 14, "公开方式", NULL);
	worksheet_merge_range(ws, 1, 15, 1, 16, "公开层级", NULL);
	for (int j = 0; j < ncol; j++) {
		if (head2[j])
			worksheet_write_string(ws, 2, j, head2[j], NULL);
		else
			worksheet_merge_range(ws, 1, j, 2, j, head1[j], NULL);
	}
	worksheet_merge_range(ws, 3, 0, 3, ncol - 1,
			      "（“●”表示必选项，“〇”表示可选项）", NULL);
	/* 一级 批准服务信息 merged down rows 5-6 (0-based 4-5) */
	worksheet_merge_range(ws, 4, 1, 5, 1, "批准服务信息", NULL);
	worksheet_write_number(ws, 4, 0, 1, NULL);
	worksheet_write_string(ws, 4, 2, "办事指南", NULL);
	worksheet_write_string(ws, 4, 4, "政务服务事项", NULL);
	worksheet_write_string(ws, 4, 5, "企业投资项目核准", NULL);
	worksheet_write_string(ws, 4, 6, "申报材料清单、批准流程、办理时限、受理机构联系方式、申报要求", NULL);
	worksheet_write_string(ws, 4, 7, "《关于推进重大建设项目批准和实施领域政务信息公开的意见》(国办发〔2017〕94号)", NULL);
	worksheet_write_string(ws, 4, 8, "实时公开", NULL);
	worksheet_write_string(ws, 4, 9, "相关审批部门", NULL);
	worksheet_write_string(ws, 4, 10, "■政府网站 ■公开查阅点 ■政务服务中心 ■投资项目在线审批监管平台", NULL);
	worksheet_write_string(ws, 4, 11, "√", NULL);
	worksheet_write_string(ws, 4, 13, "√", NULL);
	worksheet_write_string(ws, 4, 15, "√", NULL);
	worksheet_write_string(ws, 4, 17, "办事指南", NULL);
	worksheet_write_number(ws, 5, 0, 2, NULL);
	worksheet_write_string(ws, 5, 2, "办理过程", NULL);
	worksheet_write_string(ws, 5, 4, "非政务服务事项", NULL);
	worksheet_write_string(ws, 5, 6, "●事项名称 ●事项办理部门 〇办理进展", NULL);
	worksheet_write_string(ws, 5, 7, "同上", NULL);
	worksheet_write_string(ws, 5, 8, "及时公开", NULL);
	worksheet_write_string(ws, 5, 9, "同上", NULL);
	worksheet_write_string(ws, 5, 10, "■政府网站", NULL);
	worksheet_write_string(ws, 5, 11, "√", NULL);
	worksheet_write_string(ws, 5, 13, "√", NULL);
	worksheet_write_string(ws, 5, 14, "√", NULL);
	worksheet_write_string(ws, 5, 16, "√", NULL);
	/* 一级 批准结果信息 / 二级 审批结果 with two 三级 (二级 merged down) */
	worksheet_write_number(ws, 6, 0, 3, NULL);
	worksheet_merge_range(ws, 6, 1, 7, 1, "批准结果信息", NULL);
	worksheet_merge_range(ws, 6, 2, 7, 2, "审批结果", NULL);
	worksheet_write_string(ws, 6, 3, "政府投资项目建议书审批", NULL);
	worksheet_write_string(ws, 6, 6, "审批结果、批复时间、批复文号、批复单位、项目名称、项目统一代码", NULL);
	worksheet_write_string(ws, 6, 8, "信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示", NULL);
	worksheet_write_string(ws, 6, 9, "武汉市武昌区发展和改革局", NULL);
	worksheet_write_string(ws, 6, 10, "■投资项目在线审批监管平台", NULL);
	worksheet_write_string(ws, 6, 11, "√", NULL);
	worksheet_write_string(ws, 6, 13, "√", NULL);
	worksheet_write_string(ws, 6, 15, "√", NULL);
	worksheet_write_number(ws, 7, 0, 4, NULL);
	worksheet_write_string(ws, 7, 3, "政府投资项目可行性研究报告审批", NULL);
	worksheet_write_string(ws, 7, 6, "同上", NULL);
	worksheet_write_string(ws, 7, 8, "同上", NULL);
	worksheet_write_string(ws, 7, 9, "同上", NULL);
	worksheet_write_string(ws, 7, 10, "同上", NULL);
	worksheet_write_string(ws, 7, 11, "√", NULL);
	worksheet_write_string(ws, 7, 13, "√", NULL);
	worksheet_write_string(ws, 7, 15, "√", NULL);
	worksheet_write_string(ws, 7, 18, "备注：按项目逐个公开", NULL);
	workbook_close(wb);
}

static const struct item *find(const struct catalog *c, const char *name)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (!strcmp(c->items[i].name, name))
			return &c->items[i];
	return NULL;
}

TEST(test_import__office_xlsx_every_column)
{
	char path[300];
	struct grid g;
	struct catalog c;
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT, notes = ERRORS_INIT;
	const struct item *it, *p;

	write_office_xlsx(t_tmp("office.xlsx", path, sizeof(path)));
	grid_init(&g);
	memset(&c, 0, sizeof(c));
	CHECK_INT(catalog_read_file(path, &g, &err), 0);
	if (catalog_from_grid(&g, "office.xlsx", NULL, &c, &a, &err, &notes)) {
		errors_print(&err, stdout);
		T_FAIL("import refused");
	}
	/* 2 一级, 办事指南 + 办理过程, 审批结果 group + 2 三级 */
	CHECK_INT(c.nitems, 7);
	CHECK_INT(notes.n, 1);
	CHECK_CONTAINS(notes.msg[0], "公开内容标题");

	it = find(&c, "办事指南");
	CHECK(it);
	CHECK_INT(it->level, 2);
	CHECK_STR(c.items[it->parent].name, "批准服务信息");
	CHECK_STR(it->item_type, "政务服务事项");
	CHECK_STR(it->service_name, "企业投资项目核准");
	CHECK_INT(it->nelements, 5);
	CHECK_STR(it->elements[4].text, "申报要求");
	CHECK_STR(it->tl.kind, "realtime");
	CHECK_INT(it->nchannels, 4);
	CHECK_INT(it->channels[3].std, 0);
	CHECK_STR(it->channels[3].name, "投资项目在线审批监管平台");
	CHECK_INT(it->audience, AUDIENCE_ALL);
	CHECK_INT(it->mode, MODE_ACTIVE);
	CHECK_INT(it->levels, LEVEL_COUNTY);

	it = find(&c, "办理过程");
	CHECK(it);
	CHECK_STR(c.items[it->parent].name, "批准服务信息"); /* merged cell */
	CHECK_STR(it->basis, "《关于推进重大建设项目批准和实施领域政务信息公开的意见》(国办发〔2017〕94号)");
	CHECK_STR(it->subject, "相关审批部门");
	CHECK_INT(it->elements[2].required, 0);
	CHECK_INT(it->mode, MODE_ACTIVE | MODE_ON_REQUEST);
	CHECK_INT(it->levels, LEVEL_TOWNSHIP | LEVEL_VILLAGE);
	CHECK_STR(it->tl.kind, "timely");

	it = find(&c, "政府投资项目可行性研究报告审批");
	CHECK(it);
	CHECK_INT(it->level, 3);
	p = &c.items[it->parent];
	CHECK_STR(p->name, "审批结果");
	CHECK_INT(p->nelements, 0);	/* a group */
	CHECK_STR(c.items[p->parent].name, "批准结果信息");
	CHECK_INT(it->nelements, 6);	/* 同上 of a 、 list */
	CHECK_INT(it->tl.days, 20);
	CHECK_STR(it->subject, "武汉市武昌区发展和改革局");
	CHECK_STR(it->note, "备注：按项目逐个公开");

	grid_release(&g);
	arena_release(&a);
	errors_release(&err);
	errors_release(&notes);
}

/* Import the same table from CSV text; return the error list. */
static int from_csv(const char *text, struct errors *err, struct catalog *c,
		    struct arena *a, struct grid *g)
{
	grid_init(g);
	memset(c, 0, sizeof(*c));
	if (csv_read_mem(text, strlen(text), "t.csv", "t", &grid_default_limits,
			 g, err))
		return -1;
	return catalog_from_grid(g, "t.csv", NULL, c, a, err, NULL);
}

#define H "序号,一级事项,二级事项,公开内容,公开方式\n"

TEST(test_import__single_row_header_with_text_columns)
{
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct catalog c;
	struct grid g;

	CHECK_INT(from_csv(H "1,综合,法规,●文件,主动\n2,,指南,●条件,依申请\n",
			   &err, &c, &a, &g), 0);
	CHECK_INT(c.nitems, 3);
	CHECK_INT(c.items[2].mode, MODE_ON_REQUEST);
	grid_release(&g);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_import__three_level_and_leaf_clash)
{
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct catalog c;
	struct grid g;

	CHECK_INT(from_csv("一级事项,二级事项,三级事项,公开内容,公开方式\n"
			   "甲,乙,,●内容,主动\n甲,乙,丙,●内容,主动\n",
			   &err, &c, &a, &g), -1);
	CHECK_CONTAINS(err.msg[0], "t.csv:t:第3行:「三级事项」");
	grid_release(&g);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_import__short_header_labels_are_safe)
{
	/* found by fuzz-catalog: one- and two-byte labels under 公开层级 */
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct catalog c;
	struct grid g;

	from_csv("公开事项,公开事项,公开内容,公开方式,a,级\n"
		 "一级事项,二级事项,,,b,\n甲,乙,●x,主动,,\n", &err, &c, &a, &g);
	grid_release(&g);
	arena_release(&a);
	errors_release(&err);
}

T_MAIN(T(test_import__office_xlsx_every_column),
       T(test_import__single_row_header_with_text_columns),
       T(test_import__three_level_and_leaf_clash),
       T(test_import__short_header_labels_are_safe))
