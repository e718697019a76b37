/* test-record.c: the rules of records (公开信息) — record_check, which items
 * list objects, dates as offices write them, a table's rows read into
 * records (defaults, header variants, problems with their places), the
 * formula guard of CSV cells, 索引号 numbering, import into a real database
 * file (all or nothing), attachment types, and a region's completeness. */
#include "t.h"

#include "domain/record-import.h"
#include "domain/record.h"
#include "io/csv-read.h"

/* --- fixtures --- */

static struct element school_el[] = {
	{ "学校名称", true }, { "学校地址", true }, { "办学层次", true },
	{ "办学类型", false },
};
static struct element doc_el[] = {
	{ "文件名称", true }, { "文号", true }, { "发布日期", true },
	{ "正文", false },
};
static struct element list_el[] = { { "低保对象名单及相关信息", true } };

static struct item item_named(const char *name, struct element *el, size_t n)
{
	struct item it;

	memset(&it, 0, sizeof(it));
	it.parent = 0;
	it.level = 2;
	it.name = name;
	it.lineage = name;
	it.elements = el;
	it.nelements = n;
	it.mode = MODE_ACTIVE;
	it.item_type = it.service_name = it.basis = it.time_limit = "";
	it.subject = it.note = it.service_url = "";
	it.tl.kind = it.tl.anchor = "";
	return it;
}

static struct record a_record(void)
{
	struct record r;

	memset(&r, 0, sizeof(r));
	r.title = "关于印发《长沙市最低生活保障工作规程》的通知";
	r.index_no = r.doc_no = r.publisher = r.topic = "";
	r.written_on = r.published_on = r.legal_ground = r.body_md = "";
	return r;
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

/* Region 430100 with a 人民政府 (id 1) and a 民政局 (id 2), domain shjz,
 * and a published catalog: 一级 低保 / 二级 审批信息, 政策文件, 办事指南.
 * Returns the catalog id; the items' ids are in item_ids[0..2]. */
static int64_t seed(struct store *s, int64_t item_ids[3])
{
	struct region top = { "430000", "湖南省", "省", NULL, NULL };
	struct region city = { "430100", "长沙市", "市", "430000", NULL };
	struct domain d = { 0, "shjz", "社会救助", 18, "民政部" };
	struct unit gov = { 0, "长沙市人民政府", "人民政府", "430100", NULL };
	struct unit dept = { 0, "长沙市民政局", "政府部门", "430100", NULL };
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct catalog c, back;
	struct item items[4];

	store_region_put(s, &top, &err);
	store_region_put(s, &city, &err);
	store_domain_put(s, &d, &err);
	store_unit_add(s, &gov, &err);
	store_unit_add(s, &dept, &err);
	memset(&c, 0, sizeof(c));
	c.region_code = "430100";
	c.domain_id = d.id;
	c.version = "2020版";
	c.status = CATALOG_DRAFT;
	c.author = "t";
	items[0] = item_named("最低生活保障", NULL, 0);
	items[0].level = 1;
	items[0].parent = -1;
	items[0].lineage = "L-dibao";
	items[1] = item_named("审批信息", list_el, 1);
	items[1].lineage = "L-approve";
	items[2] = item_named("政策文件", doc_el, 4);
	items[2].lineage = "L-policy";
	items[3] = item_named("办事指南", NULL, 0);
	items[3].lineage = "L-guide";
	c.items = items;
	c.nitems = c.alloc = 4;
	if (store_catalog_insert(s, &c, &err) != STORE_OK ||
	    store_catalog_set_status(s, c.id, CATALOG_PUBLISHED, NULL, &err) !=
		    STORE_OK ||
	    store_catalog_load(s, c.id, &a, &back) != STORE_OK) {
		errors_print(&err, stderr);
		c.id = 0;
	} else {
		for (int i = 0; i < 3; i++)
			item_ids[i] = back.items[i + 1].id;
	}
	arena_release(&a);
	errors_release(&err);
	return c.id;
}

static const char *write_tmp(const char *name, const char *text)
{
	static char path[300];
	FILE *fp = fopen(t_tmp(name, path, sizeof(path)), "wb");

	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
	return path;
}

/* Read CSV text into records for 'it'; 0 or -1. */
static int rows_of(const char *csv, const struct item *it, struct grid *g,
		   struct arena *a, struct record_rows *rows,
		   struct errors *err)
{
	grid_init(g);
	if (csv_read_mem(csv, strlen(csv), "f.csv", "f", &grid_default_limits,
			 g, err))
		return -1;
	return records_from_grid(g, "f.csv", NULL, it, "长沙市民政局",
				 RECORD_GRID_CSV, a, rows, err);
}

/* --- record_check and item_lists_objects --- */

TEST(test_record__check_accepts_a_plain_document)
{
	struct item it = item_named("审批信息", list_el, 1);
	struct record r = a_record();
	struct errors err = ERRORS_INIT;

	r.published_on = "2021-06-30";
	CHECK_INT(record_check(&r, &it, "x:", &err), 0);
	errors_release(&err);
}

TEST(test_record__check_empty_title_and_bad_date)
{
	struct item it = item_named("审批信息", list_el, 1);
	struct record r = a_record();
	struct errors err = ERRORS_INIT;

	r.title = "";
	r.written_on = "2021-02-30";
	CHECK_INT(record_check(&r, &it, "f:第3行:", &err), 2);
	CHECK_CONTAINS(err.msg[0], "f:第3行:「标题」: 不能为空");
	CHECK_CONTAINS(err.msg[1], "2021-02-30");
	errors_release(&err);
}

TEST(test_record__check_withheld_needs_ground)
{
	struct item it = item_named("审批信息", list_el, 1);
	struct record r = a_record();
	struct errors err = ERRORS_INIT;

	r.disclosure = DISCLOSE_NONE;
	CHECK_INT(record_check(&r, &it, "", &err), 1);
	CHECK_CONTAINS(err.msg[0], "不予公开");
	r.legal_ground = "《中华人民共和国政府信息公开条例》第十五条";
	errors_release(&err);
	CHECK_INT(record_check(&r, &it, "", &err), 0);
	errors_release(&err);
}

TEST(test_record__check_unknown_element_and_list_required)
{
	struct item it = item_named("义务教育学校名录", school_el, 4);
	struct record r = a_record();
	struct record_value v[2] = { { "学校名称", "长沙市岳麓区博才小学" },
				     { "校长", "张三" } };
	struct errors err = ERRORS_INIT;

	r.values = v;
	r.nvalues = 2;
	/* 校长 is not an element; 学校地址 and 办学层次 are required */
	CHECK_INT(record_check(&r, &it, "", &err), 3);
	CHECK_CONTAINS(err.msg[0], "「校长」: 不是事项「义务教育学校名录」的公开内容要素");
	CHECK_CONTAINS(err.msg[1], "「学校地址」: 是必填要素");
	errors_release(&err);
}

TEST(test_record__lists_objects)
{
	struct item names = item_named("义务教育学校名录", school_el, 4);
	struct item first_name = item_named("法律法规", doc_el, 4);
	struct item approve = item_named("审批信息", list_el, 1);
	struct item empty_list = item_named("学校名录", NULL, 0);

	CHECK(item_lists_objects(&names));
	CHECK(item_lists_objects(&first_name));	/* 文件名称 … */
	CHECK(!item_lists_objects(&approve));
	CHECK(!item_lists_objects(&empty_list));
}

/* --- dates --- */

TEST(test_record__dates_as_offices_write_them)
{
	static const char *const good[] = {
		"2021-06-30", "2021/6/30", "2021.6.30", "2021年6月30日",
		"2021 年 6 月 30 日", "2021年06月30号", "20210630", "44377",
		"44377.5", "2021/6/30 0:00", "2021-06-30 08:30:00",
		"２０２１－０６－３０", " 2021-6-30 ",
	};
	static const char *const bad[] = {
		"", "2021-02-30", "2021-13-01", "2021-6", "明天", "2021/6-30",
		"1900-01-01", "2101-01-01", "44377x", "2021年6月", "2020-02-30",
		"21-6-30", "100", "2021-06-30T", "2021-06-30 25",
	};
	char out[11];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		memset(out, 0, sizeof(out));
		if (record_parse_date(good[i], out))
			T_FAIL("「%s」 refused", good[i]);
		CHECK_STR(out, "2021-06-30");
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!record_parse_date(bad[i], out))
			T_FAIL("「%s」 accepted as %s", bad[i], out);
	CHECK_INT(record_parse_date("2020-02-29", out), 0);
	CHECK_STR(out, "2020-02-29");
	CHECK_INT(record_parse_date("43890", out), 0);	/* Excel: 2020-02-29 */
	CHECK_STR(out, "2020-02-29");
	CHECK(record_parse_date(NULL, out) < 0);
}

/* --- a table's rows --- */

TEST(test_record__rows_take_defaults_and_normalise)
{
	struct item it = item_named("审批信息", list_el, 1);
	struct grid g;
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct record_rows rows;
	const char *csv =
		"长沙市2021年低保公示\n"	/* a title row above the header */
		"序号, 信息标题 ,发布时间,时效,公开类型,不予公开依据,内容,低保对象名单及相关信息\n"
		"1,2021年第二季度城乡低保对象名单公示,2021/7/5,,,,\"# 公示\n\n名单如下。\",共120户\n"
		"2,2021年6月低保资金发放情况,2021年7月10日,失效,依申请,涉及个人隐私,,\n";

	CHECK_INT(rows_of(csv, &it, &g, &a, &rows, &err), 0);
	CHECK_INT(rows.n, 2);
	CHECK_INT(rows.rownum[0], 3);
	CHECK_STR(rows.v[0].title, "2021年第二季度城乡低保对象名单公示");
	CHECK_STR(rows.v[0].published_on, "2021-07-05");
	CHECK_STR(rows.v[0].written_on, "");
	CHECK_STR(rows.v[0].index_no, "");
	CHECK_STR(rows.v[0].publisher, "长沙市民政局");
	CHECK_INT(rows.v[0].validity, VALIDITY_VALID);
	CHECK_INT(rows.v[0].disclosure, DISCLOSE_ACTIVE);
	CHECK_INT(rows.v[0].status, RECORD_PUBLISHED);
	CHECK_STR(rows.v[0].body_md, "# 公示\n\n名单如下。");
	CHECK_INT(rows.v[0].nvalues, 1);
	CHECK_STR(rows.v[0].values[0].value, "共120户");
	CHECK_STR(rows.v[1].published_on, "2021-07-10");
	CHECK_INT(rows.v[1].validity, VALIDITY_EXPIRED);
	CHECK_INT(rows.v[1].disclosure, DISCLOSE_ON_REQUEST);
	CHECK_STR(rows.v[1].legal_ground, "涉及个人隐私");
	CHECK_INT(rows.v[1].nvalues, 0);	/* empty values are left out */
	grid_release(&g);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_record__element_named_like_a_column_shares_it)
{
	struct item it = item_named("法律法规", doc_el, 4);
	struct grid g;
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct record_rows rows;
	const char *csv =
		"文件名称,文号,发布日期,正文\n"
		"公共租赁住房管理办法,长政发〔2021〕3号,2021.3.1,第一条……\n";

	/* no 标题 column: a list item's title is its first element */
	CHECK_INT(rows_of(csv, &it, &g, &a, &rows, &err), 0);
	CHECK_STR(rows.v[0].title, "公共租赁住房管理办法");
	CHECK_STR(rows.v[0].doc_no, "长政发〔2021〕3号");
	CHECK_STR(rows.v[0].published_on, "2021-03-01");
	CHECK_STR(rows.v[0].body_md, "第一条……");
	CHECK_INT(rows.v[0].nvalues, 4);
	CHECK_STR(rows.v[0].values[1].value, "长政发〔2021〕3号");
	CHECK_STR(rows.v[0].values[2].value, "2021-03-01");
	grid_release(&g);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_record__every_problem_with_its_place)
{
	struct item it = item_named("审批信息", list_el, 1);
	struct grid g;
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct record_rows rows;
	const char *csv =
		"标题,索引号,成文日期,发布日期,有效性,公开属性,状态\n"
		"甲,A-1,2021-07-01,2021-06-30,大概,主动公开,已发布\n"
		",A-1,,明天,,不予公开,完成\n";

	CHECK_INT(rows_of(csv, &it, &g, &a, &rows, &err), -1);
	CHECK_INT(errors_count(&err), 7);
	CHECK_STR(err.msg[0], "f.csv:f:第2行:「成文日期」: 成文日期 2021-07-01 晚于发布日期 2021-06-30");
	CHECK_STR(err.msg[1], "f.csv:f:第2行:「有效性」: 「大概」只能是「有效」「失效」或「废止」");
	CHECK_STR(err.msg[2], "f.csv:f:第3行:「发布日期」: 「明天」不是有效日期（可写作 2021-06-30、2021/6/30、2021年6月30日）");
	CHECK_CONTAINS(err.msg[3], "f.csv:f:第3行:「状态」: 「完成」只能是");
	CHECK_STR(err.msg[4], "f.csv:f:第3行:「标题」: 不能为空");
	CHECK_CONTAINS(err.msg[5], "f.csv:f:第3行:「不公开依据」: 公开属性为「不予公开」时必须写明依据");
	CHECK_STR(err.msg[6], "f.csv:f:第3行:「索引号」: A-1 与第2行重复，索引号不能相同");
	grid_release(&g);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_record__unknown_and_duplicate_columns)
{
	struct item it = item_named("审批信息", list_el, 1);
	struct grid g;
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct record_rows rows;
	const char *csv = "标题,作者,发布日期,发布时间\n甲,乙,2021-01-01,2021-01-01\n";

	CHECK_INT(rows_of(csv, &it, &g, &a, &rows, &err), -1);
	CHECK_INT(errors_count(&err), 2);
	CHECK_CONTAINS(err.msg[0], "f.csv:f:第1行:「作者」: 不认识的列名（第 B 列）；可用的列：「标题」、「索引号」");
	CHECK_CONTAINS(err.msg[0], "「低保对象名单及相关信息」");
	CHECK_CONTAINS(err.msg[1], "「发布时间」: 与第 C 列重复，都是「发布日期」");
	grid_release(&g);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_record__no_header_and_no_rows)
{
	struct item it = item_named("审批信息", list_el, 1);
	struct grid g;
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct record_rows rows;

	CHECK_INT(rows_of("甲,乙\n丙,丁\n", &it, &g, &a, &rows, &err), -1);
	CHECK_CONTAINS(err.msg[0], "找不到表头");
	grid_release(&g);
	errors_release(&err);
	CHECK_INT(rows_of("标题,发布日期\n", &it, &g, &a, &rows, &err), -1);
	CHECK_CONTAINS(err.msg[0], "表头下面没有任何信息行");
	grid_release(&g);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_record__csv_formula_guard_round_trip)
{
	static const char *const cells[] = { "=SUM(A1)", "+86", "-5", "@x",
					     "'quoted", "''", "plain", "" };
	struct item it = item_named("审批信息", list_el, 1);
	struct buf csv = BUF_INIT, cell = BUF_INIT;
	struct grid g;
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct record_rows rows;
	size_t n = sizeof(cells) / sizeof(cells[0]);

	buf_adds(&csv, "标题,文号\n");
	for (size_t i = 0; i < n; i++) {
		buf_reset(&cell);
		record_csv_cell(&cell, cells[i]);
		if (i < 6 && cell.buf[0] != '\'')
			T_FAIL("%s not guarded", cells[i]);
		buf_addf(&csv, "t%zu,\"%s\"\n", i, cell.buf);
	}
	CHECK_INT(rows_of(csv.buf, &it, &g, &a, &rows, &err), 0);
	CHECK_INT(rows.n, n);
	for (size_t i = 0; i < n; i++)
		CHECK_STR(rows.v[i].doc_no, cells[i]);
	buf_release(&csv);
	buf_release(&cell);
	grid_release(&g);
	arena_release(&a);
	errors_release(&err);
}

/* --- the database side --- */

TEST(test_record__index_numbers_follow_the_rule)
{
	struct store *s = fresh("idx.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct unit u = { 2, "长沙市民政局", "政府部门", "430100", NULL };
	struct unit coded = { 1, "长沙市人民政府", "人民政府", "430100",
			      "11430100006179627P" };
	int64_t items[3];
	struct record r = a_record();

	CHECK(s);
	CHECK(seed(s, items));
	CHECK_STR(record_next_index_no(s, &u, 2021, &a), "000000002/2021-00001");
	CHECK_STR(record_next_index_no(s, &coded, 2020, &a),
		  "11430100006179627P/2020-00001");
	r.region_code = "430100";
	r.domain_id = 1;
	r.lineage = "L-policy";
	r.item_id = items[1];
	r.unit_id = 2;
	r.index_no = "000000002/2021-00001";
	CHECK_INT(store_record_insert(s, &r, &err), STORE_OK);
	CHECK_STR(record_next_index_no(s, &u, 2021, &a), "000000002/2021-00002");
	CHECK(store_record_index_taken(s, "000000002/2021-00001"));
	/* the same 索引号 again is a conflict */
	r.id = 0;
	CHECK_INT(store_record_insert(s, &r, &err), STORE_CONFLICT);
	arena_release(&a);
	errors_release(&err);
	store_close(s);
}

TEST(test_record__import_all_or_nothing)
{
	struct store *s = fresh("imp.db");
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct record_import_opts o = { 0 };
	struct record_filter f = { 0 };
	struct record *v;
	size_t n;
	int64_t items[3], total;

	CHECK(s);
	CHECK(seed(s, items));
	o.item_id = items[0];
	/* one bad row: nothing is written */
	o.path = write_tmp("bad.csv", "标题,发布日期\n甲,2021-01-01\n乙,2021-13-01\n");
	CHECK_INT(record_import(s, &o, &err), -1);
	CHECK_INT(errors_count(&err), 1);
	CHECK_CONTAINS(err.msg[0], "bad.csv:bad:第3行:「发布日期」");
	errors_release(&err);
	f.status = -1;
	store_record_list(s, &f, &a, &v, &n, &total);
	CHECK_INT(total, 0);
	/* a good file; a given 索引号 is skipped by the numbering */
	o.path = write_tmp("good.csv",
			   "标题,索引号,发布日期\n"
			   "甲,,2021-01-01\n"
			   "乙,000000001/2021-00002,2021-02-01\n"
			   "丙,,2021-03-01\n"
			   "丁,,2020-03-01\n");
	CHECK_INT(record_import(s, &o, &err), 4);
	store_record_list(s, &f, &a, &v, &n, &total);
	CHECK_INT(total, 4);
	/* newest first: 丙 乙 甲 丁 */
	CHECK_STR(v[0].title, "丙");
	CHECK_STR(v[0].index_no, "000000001/2021-00003");
	CHECK_STR(v[1].index_no, "000000001/2021-00002");
	CHECK_STR(v[2].index_no, "000000001/2021-00001");
	CHECK_STR(v[3].index_no, "000000001/2020-00001");
	CHECK_STR(v[0].publisher, "长沙市人民政府");	/* the default unit */
	CHECK_STR(v[0].unit_name, "长沙市人民政府");
	CHECK_STR(v[0].lineage, "L-approve");
	CHECK_INT(v[0].item_id, items[0]);
	/* the same 索引号 again is refused with its row */
	o.path = write_tmp("again.csv", "标题,索引号\n戊,000000001/2021-00002\n");
	CHECK_INT(record_import(s, &o, &err), -1);
	CHECK_STR(err.msg[0], "again.csv:again:第2行:「索引号」: 000000001/2021-00002 已被其他信息使用");
	errors_release(&err);
	/* a unit of another region, and a group item, are refused */
	o.unit_id = 99;
	CHECK_INT(record_import(s, &o, &err), -1);
	CHECK_CONTAINS(err.msg[0], "不是目录所属区划 430100");
	errors_release(&err);
	o.unit_id = 0;
	o.item_id = items[0] - 1;	/* the 一级 group */
	CHECK_INT(record_import(s, &o, &err), -1);
	CHECK_CONTAINS(err.msg[0], "是分组事项");
	errors_release(&err);
	arena_release(&a);
	store_close(s);
}

TEST(test_record__attachment_types)
{
	static const unsigned char ole[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1,
		0x1a, 0xe1, 0, 0, 'W', 0, 'o', 0, 'r', 0, 'd', 0, 'D', 0, 'o',
		0, 'c', 0, 'u', 0, 'm', 0, 'e', 0, 'n', 0, 't', 0 };
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
					     0x1a, '\n', 0, 0 };
	static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0 };
	static const char ofd[] = "PK\x03\x04....OFD.xml....";
	static const char docx[] = "PK\x03\x04....word/document.xml..";
	static const char zip[] = "PK\x03\x04....readme.txt..";
	static const char gbk[] = "\xb3\xa4\xc9\xb3\xca\xd0";	/* 长沙市 */
	static const char bin[] = "\x01\x02\x03\x04";
	const char *why;

	CHECK_STR(attachment_mime("%PDF-1.4\n", 9, "a.pdf", &why), "application/pdf");
	CHECK_STR(attachment_mime(ole, sizeof(ole), "x", &why), "application/msword");
	CHECK_STR(attachment_mime(ole, 8, "表.xls", &why), "application/vnd.ms-excel");
	CHECK_STR(attachment_mime(png, sizeof(png), "a", &why), "image/png");
	CHECK_STR(attachment_mime(jpeg, sizeof(jpeg), "a", &why), "image/jpeg");
	CHECK_STR(attachment_mime("GIF89a..", 8, "a", &why), "image/gif");
	CHECK_STR(attachment_mime(ofd, sizeof(ofd) - 1, "a.ofd", &why), "application/ofd");
	CHECK_CONTAINS(attachment_mime(docx, sizeof(docx) - 1, "a", &why),
		       "wordprocessingml");
	CHECK_CONTAINS(attachment_mime(zip, sizeof(zip) - 1, "a.xlsx", &why),
		       "spreadsheetml");
	CHECK(!attachment_mime(zip, sizeof(zip) - 1, "a.zip", &why));
	CHECK_CONTAINS(why, "zip");
	CHECK_STR(attachment_mime("序号,姓名\r\n", 15, "名单.csv", &why),
		  "text/csv; charset=utf-8");
	CHECK_STR(attachment_mime("说明\n", 7, "a.txt", &why),
		  "text/plain; charset=utf-8");
	CHECK(!attachment_mime(gbk, 6, "a.txt", &why));
	CHECK_CONTAINS(why, "UTF-8");
	CHECK(!attachment_mime(bin, 4, "a.exe", &why));
	CHECK_CONTAINS(why, "无法识别");
	CHECK(!attachment_mime("", 0, "a", &why));
	CHECK_CONTAINS(why, "空");
}

/* Insert a record under 'lineage' with the given attributes. */
static void put(struct store *s, const char *lineage, const char *no,
		enum record_validity v, enum record_disclosure d,
		enum record_status st)
{
	struct errors err = ERRORS_INIT;
	struct record r = a_record();

	r.region_code = "430100";
	r.domain_id = 1;
	r.lineage = lineage;
	r.unit_id = 1;
	r.index_no = no;
	r.validity = v;
	r.disclosure = d;
	r.legal_ground = d == DISCLOSE_ACTIVE ? "" : "第十五条";
	r.status = st;
	if (store_record_insert(s, &r, &err) != STORE_OK)
		errors_print(&err, stderr);
	errors_release(&err);
}

TEST(test_record__completeness_counts_current_public_records)
{
	struct store *s = fresh("comp.db");
	struct arena a = ARENA_INIT;
	struct region yl = { "430104", "岳麓区", "县", "430100", NULL };
	struct errors err = ERRORS_INIT;
	int64_t items[3];
	int covered = -1, total = -1;

	CHECK(s);
	CHECK(seed(s, items));
	store_region_put(s, &yl, &err);
	CHECK(region_completeness(s, "430104", &a, NULL, NULL) < 0);
	CHECK(region_completeness(s, "430100", &a, &covered, &total) == 0);
	CHECK_INT(total, 3);
	/* none of these counts: expired, on request, draft, withdrawn */
	put(s, "L-approve", "n1", VALIDITY_EXPIRED, DISCLOSE_ACTIVE, RECORD_PUBLISHED);
	put(s, "L-policy", "n2", VALIDITY_VALID, DISCLOSE_ON_REQUEST, RECORD_PUBLISHED);
	put(s, "L-guide", "n3", VALIDITY_VALID, DISCLOSE_ACTIVE, RECORD_DRAFT);
	put(s, "L-guide", "n4", VALIDITY_VALID, DISCLOSE_ACTIVE, RECORD_WITHDRAWN);
	CHECK(region_completeness(s, "430100", &a, &covered, &total) == 0);
	CHECK_INT(covered, 0);
	put(s, "L-approve", "n5", VALIDITY_VALID, DISCLOSE_ACTIVE, RECORD_PUBLISHED);
	put(s, "L-approve", "n6", VALIDITY_VALID, DISCLOSE_ACTIVE, RECORD_PUBLISHED);
	put(s, "L-guide", "n7", VALIDITY_VALID, DISCLOSE_ACTIVE, RECORD_PUBLISHED);
	{
		double p = region_completeness(s, "430100", &a, &covered, &total);
		CHECK_INT(covered, 2);
		CHECK(p > 0.66 && p < 0.67);
	}
	arena_release(&a);
	errors_release(&err);
	store_close(s);
}

T_MAIN(T(test_record__check_accepts_a_plain_document),
       T(test_record__check_empty_title_and_bad_date),
       T(test_record__check_withheld_needs_ground),
       T(test_record__check_unknown_element_and_list_required),
       T(test_record__lists_objects),
       T(test_record__dates_as_offices_write_them),
       T(test_record__rows_take_defaults_and_normalise),
       T(test_record__element_named_like_a_column_shares_it),
       T(test_record__every_problem_with_its_place),
       T(test_record__unknown_and_duplicate_columns),
       T(test_record__no_header_and_no_rows),
       T(test_record__csv_formula_guard_round_trip),
       T(test_record__index_numbers_follow_the_rule),
       T(test_record__import_all_or_nothing),
       T(test_record__attachment_types),
       T(test_record__completeness_counts_current_public_records))
