/* test-xlsx-read.c: the .xlsx reader (src/io/xlsx-read.c)
 *
 * Workbooks come from three places: libxlsxwriter (what a real library
 * writes: shared strings, merges, several sheets, constant-memory inline
 * strings), zips put together here with libzip from XML written out in
 * the tests (the shapes other generators use: no r attributes, rich text,
 * escapes, absolute targets, Strict namespaces, hostile values), and the
 * hostile files of tests/data/bad/ made by tools/make-bad-xlsx.py (read
 * relative to the working directory: run from the top of the tree, as
 * tests/run does).
 *
 * Every file is read twice, by xlsx_read_file() and by xlsx_read_mem(),
 * and the two results must be identical; the grid and messages stay in
 * file statics so that a failed CHECK leaks nothing.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "t.h"

#include "io/xlsx-read.h"
#include "util/buf.h"

static struct grid g;
static struct errors e;

static void cleanup(void)
{
	grid_release(&g);
	errors_release(&e);
}

/* Read all of 'path' into 'b'.  Returns 0 or -1. */
static int slurp(const char *path, struct buf *b)
{
	char tmp[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		buf_add(b, tmp, (size_t)n);
	close(fd);
	return n < 0 ? -1 : 0;
}

static bool grids_equal(const struct grid *a, const struct grid *b)
{
	if (a->nsheets != b->nsheets)
		return false;
	for (size_t i = 0; i < a->nsheets; i++) {
		const struct grid_sheet *x = &a->sheets[i], *y = &b->sheets[i];
		if (strcmp(x->name, y->name) || x->nrows != y->nrows)
			return false;
		for (size_t r = 0; r < x->nrows; r++) {
			const struct grid_row *p = &x->rows[r], *q = &y->rows[r];
			if (p->rownum != q->rownum || p->ncells != q->ncells)
				return false;
			for (size_t c = 0; c < p->ncells; c++) {
				const char *s = p->cells[c], *t = q->cells[c];
				if ((!s) != (!t) || (s && strcmp(s, t)))
					return false;
			}
		}
	}
	return true;
}

static bool errors_equal(const struct errors *a, const struct errors *b)
{
	if (a->n != b->n || a->dropped != b->dropped)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->msg[i], b->msg[i]))
			return false;
	return true;
}

/* Read 'path' with 'lim' (NULL: the defaults) into g/e, by file and by
 * memory.  Returns what xlsx_read_file() returns, or 99 when the two ways
 * disagree. */
static int load_lim(const char *path, const struct grid_limits *lim)
{
	static int registered;
	struct grid g2;
	struct errors e2 = ERRORS_INIT;
	struct buf data = BUF_INIT;
	int rc, rc2 = -1;

	if (!registered++)
		atexit(cleanup);
	cleanup();
	if (!lim)
		lim = &grid_default_limits;
	rc = xlsx_read_file(path, "表.xlsx", lim, &g, &e);
	grid_init(&g2);
	if (slurp(path, &data) == 0) {
		rc2 = xlsx_read_mem(data.buf, data.len, "表.xlsx", lim, &g2,
				    &e2);
		if (rc2 != rc || !grids_equal(&g, &g2) ||
		    !errors_equal(&e, &e2))
			rc = 99;
	}
	grid_release(&g2);
	errors_release(&e2);
	buf_release(&data);
	return rc;
}

static int load(const char *path)
{
	return load_lim(path, NULL);
}

static const struct grid_sheet *sheet(size_t i)
{
	return i < g.nsheets ? &g.sheets[i] : NULL;
}

/* Cell 'c' of kept row 'r' of sheet 's', or "(no row)". */
static const char *cell(size_t s, size_t r, size_t c)
{
	const struct grid_sheet *sh = sheet(s);

	if (!sh || r >= sh->nrows)
		return "(no row)";
	return grid_cell(&sh->rows[r], c);
}

static long rownum(size_t s, size_t r)
{
	const struct grid_sheet *sh = sheet(s);

	return sh && r < sh->nrows ? (long)sh->rows[r].rownum : -1;
}

static long ncells(size_t s, size_t r)
{
	const struct grid_sheet *sh = sheet(s);

	return sh && r < sh->nrows ? (long)sh->rows[r].ncells : -1;
}

static const char *msg(size_t i)
{
	return i < e.n ? e.msg[i] : NULL;
}

/* ---- hand-made packages -------------------------------------------------- */

struct entry {
	const char *name;
	const char *data;
	size_t len;		/* 0: strlen(data) */
};

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

#define CONTENT_TYPES XML_DECL \
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
#define ROOT_RELS XML_DECL "<Relationships xmlns=\"" NS_PKG "\">" \
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" " \
	"Target=\"xl/workbook.xml\"/></Relationships>"
#define WORKBOOK1 XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">" \
	"<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define WB_RELS1 XML_DECL "<Relationships xmlns=\"" NS_PKG "\">" \
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
	"<Relationship Id=\"rId2\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>" \
	"</Relationships>"
#define WS_OPEN XML_DECL "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheetData>"
#define WS_CLOSE "</sheetData></worksheet>"
#define SST_OPEN XML_DECL "<sst xmlns=\"" NS_MAIN "\">"
#define SST_CLOSE "</sst>"

/* Write a zip of 'n' entries to the temporary file 'fname'; its path goes
 * to 'path'. */
static const char *make_zip(const char *fname, const struct entry *ents,
			    size_t n, char *path, size_t pathlen)
{
	zip_t *z;
	int zerr;

	t_tmp(fname, path, pathlen);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		fprintf(stderr, "zip_open %s failed\n", path);
		exit(1);
	}
	for (size_t i = 0; i < n; i++) {
		size_t len = ents[i].len ? ents[i].len : strlen(ents[i].data);
		zip_source_t *src = zip_source_buffer(z, ents[i].data, len, 0);
		if (!src || zip_file_add(z, ents[i].name, src,
					 ZIP_FL_ENC_UTF_8) < 0) {
			fprintf(stderr, "zip_file_add %s failed\n",
				ents[i].name);
			exit(1);
		}
	}
	if (zip_close(z) < 0) {
		fprintf(stderr, "zip_close %s failed\n", path);
		exit(1);
	}
	return path;
}

/* A one-sheet workbook ("Sheet1") with sheet XML 'ws' and, unless NULL,
 * shared strings 'sst'. */
static const char *make_book(const char *fname, const char *ws,
			     const char *sst, char *path, size_t pathlen)
{
	struct entry ents[] = {
		{ "[Content_Types].xml", CONTENT_TYPES, 0 },
		{ "_rels/.rels", ROOT_RELS, 0 },
		{ "xl/workbook.xml", WORKBOOK1, 0 },
		{ "xl/_rels/workbook.xml.rels", WB_RELS1, 0 },
		{ "xl/worksheets/sheet1.xml", ws, 0 },
		{ "xl/sharedStrings.xml", sst, 0 },
	};

	return make_zip(fname, ents, sst ? 6 : 5, path, pathlen);
}

/* ---- written by libxlsxwriter -------------------------------------------- */

TEST(test_xlsx__libxlsxwriter_values)
{
	char path[300];
	lxw_workbook *wb;
	lxw_worksheet *ws;

	t_tmp("values.xlsx", path, sizeof(path));
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, "名单");
	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_string(ws, 0, 1, "金额", NULL);
	worksheet_write_string(ws, 0, 2, "备注", NULL);
	worksheet_write_string(ws, 1, 0, "张三", NULL);
	worksheet_write_number(ws, 1, 1, 100, NULL);
	worksheet_write_boolean(ws, 1, 2, 1, NULL);
	/* row 3 (index 2) stays empty; row 4 has a gap in column B */
	worksheet_write_string(ws, 3, 0, "  李四  ", NULL);
	worksheet_write_number(ws, 3, 2, 2.5, NULL);
	worksheet_write_string(ws, 4, 0, "张三", NULL);	/* shared again */
	worksheet_write_number(ws, 4, 1, 0.001, NULL);
	worksheet_write_formula_str(ws, 4, 2, "=\"a\"&\"b\"", NULL, "ab");
	worksheet_write_string(ws, 5, 3, "", NULL);	/* empty: no row */
	worksheet_write_blank(ws, 6, 0, NULL);
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);

	CHECK_INT(load(path), 0);
	CHECK_INT(errors_count(&e), 0);
	CHECK_INT(g.nsheets, 1);
	CHECK_STR(sheet(0)->name, "名单");
	CHECK_INT(sheet(0)->nrows, 4);
	CHECK_INT(rownum(0, 0), 1);
	CHECK_INT(rownum(0, 1), 2);
	CHECK_INT(rownum(0, 2), 4);
	CHECK_INT(rownum(0, 3), 5);
	CHECK_STR(cell(0, 0, 0), "姓名");
	CHECK_STR(cell(0, 0, 2), "备注");
	CHECK_STR(cell(0, 1, 0), "张三");
	CHECK_STR(cell(0, 1, 1), "100");
	CHECK_STR(cell(0, 1, 2), "TRUE");
	CHECK_STR(cell(0, 2, 0), "  李四  ");	/* never trimmed */
	CHECK(cell(0, 2, 1) == NULL);
	CHECK_STR(cell(0, 2, 2), "2.5");
	CHECK_STR(cell(0, 3, 1), "0.001");
	CHECK_STR(cell(0, 3, 2), "ab");
	CHECK_INT(ncells(0, 3), 3);
	/* a shared string is stored once */
	CHECK(cell(0, 1, 0) == cell(0, 3, 0));
}

TEST(test_xlsx__libxlsxwriter_sheets_in_order)
{
	char path[300];
	lxw_workbook *wb;
	lxw_worksheet *a, *b, *c, *d;

	t_tmp("sheets.xlsx", path, sizeof(path));
	wb = workbook_new(path);
	a = workbook_add_worksheet(wb, "Sheet1");
	b = workbook_add_worksheet(wb, "公开目录（2024）");
	c = workbook_add_worksheet(wb, "隐藏");
	d = workbook_add_worksheet(wb, "空表");
	worksheet_write_string(a, 0, 0, "一", NULL);
	worksheet_write_string(b, 2, 1, "二", NULL);
	worksheet_write_number(c, 0, 0, 3, NULL);
	worksheet_hide(c);
	(void)d;
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);

	CHECK_INT(load(path), 0);
	CHECK_INT(g.nsheets, 4);
	CHECK_STR(sheet(0)->name, "Sheet1");
	CHECK_STR(sheet(1)->name, "公开目录（2024）");
	CHECK_STR(sheet(2)->name, "隐藏");
	CHECK_STR(sheet(3)->name, "空表");
	CHECK_STR(cell(0, 0, 0), "一");
	CHECK_INT(rownum(1, 0), 3);
	CHECK(cell(1, 0, 0) == NULL);
	CHECK_STR(cell(1, 0, 1), "二");
	CHECK_STR(cell(2, 0, 0), "3");
	CHECK_INT(sheet(3)->nrows, 0);
}

TEST(test_xlsx__libxlsxwriter_merged_header)
{
	char path[300];
	lxw_workbook *wb;
	lxw_worksheet *ws, *t;
	lxw_format *f;

	t_tmp("merged.xlsx", path, sizeof(path));
	wb = workbook_new(path);
	f = workbook_add_format(wb);
	format_set_align(f, LXW_ALIGN_CENTER);
	ws = workbook_add_worksheet(wb, "目录");
	/* 公开事项 over 一级事项/二级事项; 公开方式 spans both header rows */
	worksheet_merge_range(ws, 0, 0, 0, 1, "公开事项", f);
	worksheet_merge_range(ws, 0, 2, 1, 2, "公开方式", f);
	worksheet_write_string(ws, 1, 0, "一级事项", NULL);
	worksheet_write_string(ws, 1, 1, "二级事项", NULL);
	/* a category merged down three rows, the last without other data */
	worksheet_merge_range(ws, 2, 0, 4, 0, "行政许可", f);
	worksheet_write_string(ws, 2, 1, "许可事项", NULL);
	worksheet_write_string(ws, 2, 2, "主动", NULL);
	worksheet_write_string(ws, 3, 1, "许可结果", NULL);
	worksheet_write_string(ws, 5, 1, "其他", NULL);
	/* a title merged across the whole width of the sheet */
	t = workbook_add_worksheet(wb, "标题");
	worksheet_merge_range(t, 0, 0, 0, 16383, "某县政务公开目录", f);
	worksheet_write_string(t, 1, 0, "事项", NULL);
	worksheet_write_string(t, 1, 1, "依据", NULL);
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);

	CHECK_INT(load(path), 0);
	CHECK_INT(g.nsheets, 2);
	CHECK_INT(sheet(0)->nrows, 6);
	CHECK_STR(cell(0, 0, 0), "公开事项");
	CHECK_STR(cell(0, 0, 1), "公开事项");
	CHECK_STR(cell(0, 0, 2), "公开方式");
	CHECK_STR(cell(0, 1, 0), "一级事项");
	CHECK_STR(cell(0, 1, 1), "二级事项");
	CHECK_STR(cell(0, 1, 2), "公开方式");
	CHECK(cell(0, 1, 2) == cell(0, 0, 2));	/* shared pointer */
	CHECK_STR(cell(0, 2, 0), "行政许可");
	CHECK_STR(cell(0, 3, 0), "行政许可");
	CHECK_STR(cell(0, 3, 1), "许可结果");
	CHECK_INT(rownum(0, 4), 5);		/* made by the merge alone */
	CHECK_STR(cell(0, 4, 0), "行政许可");
	CHECK_INT(ncells(0, 4), 1);
	CHECK_INT(rownum(0, 5), 6);
	CHECK(cell(0, 5, 0) == NULL);
	CHECK_STR(cell(0, 5, 1), "其他");
	/* the title does not widen the table past its data */
	CHECK_INT(sheet(1)->nrows, 2);
	CHECK_INT(ncells(1, 0), 2);
	CHECK_STR(cell(1, 0, 0), "某县政务公开目录");
	CHECK_STR(cell(1, 0, 1), "某县政务公开目录");
	CHECK_STR(cell(1, 1, 1), "依据");
}

TEST(test_xlsx__libxlsxwriter_inline_strings)
{
	char path[300];
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb;
	lxw_worksheet *ws;

	t_tmp("inline.xlsx", path, sizeof(path));
	wb = workbook_new_opt(path, &opt);
	ws = workbook_add_worksheet(wb, NULL);
	for (lxw_row_t r = 0; r < 100; r++) {
		char s[32];
		snprintf(s, sizeof(s), "第%u行", (unsigned)r + 1);
		worksheet_write_string(ws, r, 0, s, NULL);
		worksheet_write_number(ws, r, 1, r * 1.5, NULL);
	}
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);

	CHECK_INT(load(path), 0);
	CHECK_INT(sheet(0)->nrows, 100);
	CHECK_STR(cell(0, 0, 0), "第1行");
	CHECK_STR(cell(0, 99, 0), "第100行");
	CHECK_STR(cell(0, 99, 1), "148.5");
	CHECK_INT(rownum(0, 99), 100);
}

/* ---- hand-made packages -------------------------------------------------- */

TEST(test_xlsx__no_r_attributes)
{
	char path[300];

	/* LibreOffice and some generators leave out r on rows and cells */
	make_book("nor.xlsx", WS_OPEN
		  "<row><c t=\"s\"><v>0</v></c><c><v>1</v></c></row>"
		  "<row/>"
		  "<row><c/><c t=\"s\"><v>1</v></c></row>"
		  "<row r=\"7\"><c r=\"C7\"><v>3</v></c><c><v>4</v></c></row>"
		  "<row><c><v>5</v></c></row>"
		  WS_CLOSE, SST_OPEN "<si><t>甲</t></si><si><t>乙</t></si>"
		  SST_CLOSE, path, sizeof(path));
	CHECK_INT(load(path), 0);
	CHECK_INT(sheet(0)->nrows, 4);
	CHECK_INT(rownum(0, 0), 1);
	CHECK_STR(cell(0, 0, 0), "甲");
	CHECK_STR(cell(0, 0, 1), "1");
	CHECK_INT(rownum(0, 1), 3);
	CHECK(cell(0, 1, 0) == NULL);
	CHECK_STR(cell(0, 1, 1), "乙");
	CHECK_INT(rownum(0, 2), 7);
	CHECK_STR(cell(0, 2, 2), "3");
	CHECK_STR(cell(0, 2, 3), "4");
	CHECK_INT(rownum(0, 3), 8);
	CHECK_STR(cell(0, 3, 0), "5");
}

TEST(test_xlsx__rich_and_inline_text)
{
	char path[300];

	make_book("rich.xlsx", WS_OPEN
		  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
		  "<c r=\"B1\" t=\"inlineStr\"><is><t>内联</t></is></c>"
		  "<c r=\"C1\" t=\"inlineStr\"><is><r><rPr><b/></rPr><t>粗</t></r>"
		  "<r><t xml:space=\"preserve\"> 体</t></r>"
		  "<rPh sb=\"0\" eb=\"1\"><t>cu</t></rPh></is></c>"
		  "<c r=\"D1\" t=\"s\"><v>1</v></c>"
		  "<c r=\"E1\" t=\"s\"><v>2</v></c>"
		  "<c r=\"F1\" t=\"inlineStr\"><is><t><![CDATA[a<b]]></t></is></c>"
		  "<c r=\"G1\" t=\"s\"><v>3</v></c></row>"
		  WS_CLOSE, SST_OPEN
		  "<si><r><rPr><sz val=\"11\"/></rPr><t>政务</t></r>"
		  "<r><t xml:space=\"preserve\"> 公开</t></r>"
		  "<rPh sb=\"0\" eb=\"2\"><t>ZHENGWU</t></rPh>"
		  "<phoneticPr fontId=\"1\"/></si>"
		  "<si><t/></si>"
		  "<si/>"
		  "<si><t xml:space=\"preserve\">  </t></si>"
		  SST_CLOSE, path, sizeof(path));
	CHECK_INT(load(path), 0);
	CHECK_STR(cell(0, 0, 0), "政务 公开");
	CHECK_STR(cell(0, 0, 1), "内联");
	CHECK_STR(cell(0, 0, 2), "粗 体");
	CHECK(cell(0, 0, 3) == NULL);
	CHECK(cell(0, 0, 4) == NULL);
	CHECK_STR(cell(0, 0, 5), "a<b");
	CHECK_STR(cell(0, 0, 6), "  ");
}

TEST(test_xlsx__escapes_decoded)
{
	char path[300];

	make_book("esc.xlsx", WS_OPEN
		  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
		  "<c r=\"B1\" t=\"s\"><v>1</v></c>"
		  "<c r=\"C1\" t=\"inlineStr\"><is><t>x_x0009_y</t></is></c>"
		  "<c r=\"D1\" t=\"s\"><v>2</v></c>"
		  "<c r=\"E1\" t=\"s\"><v>3</v></c>"
		  "<c r=\"F1\"><v>_x000D_</v></c></row>"
		  WS_CLOSE, SST_OPEN
		  "<si><t>第一行_x000D__x000A_第二行</t></si>"
		  "<si><t>_x005F_x000D_ 与 _x4e2d_ 与 _xD83D__xDE00_</t></si>"
		  "<si><t>_x00_ _xZZZZ_ _xD800_ _x0000_end_</t></si>"
		  "<si><t>_x000d_</t></si>"
		  SST_CLOSE, path, sizeof(path));
	CHECK_INT(load(path), 0);
	CHECK_STR(cell(0, 0, 0), "第一行\r\n第二行");
	CHECK_STR(cell(0, 0, 1), "_x000D_ 与 中 与 \xf0\x9f\x98\x80");
	CHECK_STR(cell(0, 0, 2), "x\ty");
	CHECK_STR(cell(0, 0, 3), "_x00_ _xZZZZ_ _xD800_ end_");
	CHECK_STR(cell(0, 0, 4), "\r");
	/* numbers are not strings: left alone */
	CHECK_STR(cell(0, 0, 5), "_x000D_");
}

TEST(test_xlsx__values_as_written)
{
	char path[300];

	make_book("vals.xlsx", WS_OPEN
		  "<row r=\"2\" spans=\"1:9\">"
		  "<c r=\"A2\"><v>1.0E-3</v></c>"
		  "<c r=\"B2\" t=\"n\"><v>-12</v></c>"
		  "<c r=\"C2\" t=\"b\"><v>0</v></c>"
		  "<c r=\"D2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
		  "<c r=\"E2\" t=\"e\"><v>#N/A</v></c>"
		  "<c r=\"F2\" t=\"str\"><f>A1&amp;\"x\"</f><v>a&amp;b</v></c>"
		  "<c r=\"G2\" t=\"d\"><v>2024-01-31T00:00:00</v></c>"
		  "<c r=\"H2\"><f>SUM(1,2)</f></c>"
		  "<c r=\"I2\" s=\"3\"><v>45322</v></c>"
		  "</row>"
		  WS_CLOSE, NULL, path, sizeof(path));
	CHECK_INT(load(path), 0);
	CHECK_INT(rownum(0, 0), 2);
	CHECK_STR(cell(0, 0, 0), "1.0E-3");
	CHECK_STR(cell(0, 0, 1), "-12");
	CHECK_STR(cell(0, 0, 2), "FALSE");
	CHECK_STR(cell(0, 0, 3), "#DIV/0!");
	CHECK_STR(cell(0, 0, 4), "#N/A");
	CHECK_STR(cell(0, 0, 5), "a&b");
	CHECK_STR(cell(0, 0, 6), "2024-01-31T00:00:00");
	CHECK(cell(0, 0, 7) == NULL);
	CHECK_STR(cell(0, 0, 8), "45322");
}

TEST(test_xlsx__absolute_targets_and_moved_workbook)
{
	char path[300];
	struct entry ents[] = {
		{ "[Content_Types].xml", CONTENT_TYPES, 0 },
		{ "_rels/.rels", XML_DECL "<Relationships xmlns=\"" NS_PKG "\">"
		  "<Relationship Id=\"rId9\" Type=\"" NS_REL "/extended-properties\" "
		  "Target=\"docProps/app.xml\"/>"
		  "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" "
		  "Target=\"/book/wb.xml\"/></Relationships>", 0 },
		{ "book/wb.xml", XML_DECL "<workbook xmlns=\"" NS_MAIN "\" "
		  "xmlns:r=\"" NS_REL "\"><sheets>"
		  "<sheet name=\"甲\" sheetId=\"1\" r:id=\"a\"/>"
		  "<sheet name=\"乙\" sheetId=\"2\" r:id=\"b\"/>"
		  "<sheet name=\"丙\" sheetId=\"3\" r:id=\"c\"/>"
		  "</sheets></workbook>", 0 },
		{ "book/_rels/wb.xml.rels", XML_DECL "<Relationships xmlns=\""
		  NS_PKG "\">"
		  "<Relationship Id=\"c\" Type=\"" NS_REL "/worksheet\" "
		  "Target=\"./sheets/../sheets/%E4%B8%99.xml\"/>"
		  "<Relationship Id=\"a\" Type=\"" NS_REL "/worksheet\" "
		  "Target=\"/book/sheets/one.xml\"/>"
		  "<Relationship Id=\"b\" Type=\"" NS_REL "/worksheet\" "
		  "Target=\"sheets/TWO.xml\"/>"
		  "<Relationship Id=\"s\" Type=\"" NS_REL "/sharedStrings\" "
		  "Target=\"../strings/shared.xml\"/>"
		  "<Relationship Id=\"h\" Type=\"" NS_REL "/hyperlink\" "
		  "Target=\"http://example.com/\" TargetMode=\"External\"/>"
		  "</Relationships>", 0 },
		{ "book/sheets/one.xml", WS_OPEN "<row r=\"1\"><c r=\"A1\" t=\"s\">"
		  "<v>0</v></c></row>" WS_CLOSE, 0 },
		{ "book/sheets/two.xml", WS_OPEN "<row r=\"1\"><c r=\"B1\">"
		  "<v>2</v></c></row>" WS_CLOSE, 0 },
		{ "book/sheets/丙.xml", WS_OPEN "<row r=\"1\"><c r=\"A1\">"
		  "<v>3</v></c></row>" WS_CLOSE, 0 },
		{ "strings/shared.xml", SST_OPEN "<si><t>一</t></si>" SST_CLOSE,
		  0 },
	};

	make_zip("abs.xlsx", ents, sizeof(ents) / sizeof(ents[0]), path,
		 sizeof(path));
	CHECK_INT(load(path), 0);
	CHECK_INT(g.nsheets, 3);
	CHECK_STR(sheet(0)->name, "甲");
	CHECK_STR(cell(0, 0, 0), "一");
	CHECK_STR(sheet(1)->name, "乙");
	CHECK_STR(cell(1, 0, 1), "2");	/* part names ignore case */
	CHECK_STR(cell(2, 0, 0), "3");
}

TEST(test_xlsx__strict_namespaces_and_chartsheet)
{
	char path[300];
#define S_MAIN "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define S_REL "http://purl.oclc.org/ooxml/officeDocument/relationships"
	struct entry ents[] = {
		{ "_rels/.rels", XML_DECL "<Relationships xmlns=\"" NS_PKG "\">"
		  "<Relationship Id=\"rId1\" Type=\"" S_REL "/officeDocument\" "
		  "Target=\"xl/workbook.xml\"/></Relationships>", 0 },
		{ "xl/workbook.xml", XML_DECL "<x:workbook xmlns:x=\"" S_MAIN
		  "\" xmlns:rel=\"" S_REL "\"><x:sheets>"
		  "<x:sheet name=\"图\" sheetId=\"1\" rel:id=\"rId2\"/>"
		  "<x:sheet name=\"数据\" sheetId=\"2\" rel:id=\"rId1\" "
		  "state=\"veryHidden\"/>"
		  "</x:sheets></x:workbook>", 0 },
		{ "xl/_rels/workbook.xml.rels", XML_DECL "<Relationships "
		  "xmlns=\"" NS_PKG "\">"
		  "<Relationship Id=\"rId1\" Type=\"" S_REL "/worksheet\" "
		  "Target=\"worksheets/sheet1.xml\"/>"
		  "<Relationship Id=\"rId2\" Type=\"" S_REL "/chartsheet\" "
		  "Target=\"chartsheets/sheet1.xml\"/>"
		  "</Relationships>", 0 },
		{ "xl/worksheets/sheet1.xml", XML_DECL "<x:worksheet xmlns:x=\""
		  S_MAIN "\"><x:sheetData><x:row x:r=\"5\" r=\"2\">"
		  "<x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>严格</x:t></x:is>"
		  "</x:c></x:row></x:sheetData>"
		  "<x:mergeCells><x:mergeCell ref=\"B2:C2\"/></x:mergeCells>"
		  "</x:worksheet>", 0 },
		{ "xl/chartsheets/sheet1.xml", "not even xml", 0 },
	};

	make_zip("strict.xlsx", ents, sizeof(ents) / sizeof(ents[0]), path,
		 sizeof(path));
	CHECK_INT(load(path), 0);
	CHECK_INT(g.nsheets, 1);
	CHECK_STR(sheet(0)->name, "数据");
	CHECK_INT(rownum(0, 0), 2);
	CHECK_STR(cell(0, 0, 1), "严格");
	CHECK_INT(ncells(0, 0), 2);	/* merge clipped to the data */
}

TEST(test_xlsx__utf16_part)
{
	static const char ws8[] = WS_OPEN "<row r=\"1\"><c r=\"A1\" "
		"t=\"inlineStr\"><is><t>utf16</t></is></c></row>" WS_CLOSE;
	char ws16[2 * sizeof(ws8) + 2];
	char path[300];
	size_t n = 0;

	ws16[n++] = (char)0xff;
	ws16[n++] = (char)0xfe;
	for (size_t i = 0; ws8[i]; i++) {
		ws16[n++] = ws8[i];
		ws16[n++] = 0;
	}
	struct entry ents[] = {
		{ "_rels/.rels", ROOT_RELS, 0 },
		{ "xl/workbook.xml", WORKBOOK1, 0 },
		{ "xl/_rels/workbook.xml.rels", WB_RELS1, 0 },
		{ "xl/worksheets/sheet1.xml", ws16, n },
	};
	make_zip("utf16.xlsx", ents, 4, path, sizeof(path));
	CHECK_INT(load(path), 0);
	CHECK_STR(cell(0, 0, 0), "utf16");

	/* a lone surrogate: libxml2 halts silently; never accept a part
	 * that was cut short */
	n = 2 + 2 * (sizeof(ws8) - 1 - strlen(WS_CLOSE) - 40);
	ws16[n++] = 0;
	ws16[n++] = (char)0xd8;
	ws16[n++] = 'x';
	ws16[n++] = 0;
	ents[3].len = n;
	make_zip("utf16bad.xlsx", ents, 4, path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_CONTAINS(msg(0), "表.xlsx:Sheet1: 工作表含有无效的文字编码或不允许"
		       "的控制字符（第 1 行附近，xl/worksheets/sheet1.xml ");
	CHECK_INT(g.nsheets, 0);
}

TEST(test_xlsx__merges_clipped_and_cleared)
{
	char path[300];

	make_book("merges.xlsx", WS_OPEN
		  "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>大</t></is></c>"
		  "<c r=\"C1\"><v>1</v></c></row>"
		  "<row r=\"2\"><c r=\"B2\"><v>hidden</v></c>"
		  "<c r=\"C2\"><v>2</v></c></row>"
		  "<row r=\"4\"><c r=\"B4\"><v>hidden too</v></c></row>"
		  "</sheetData><mergeCells count=\"3\">"
		  "<mergeCell ref=\"A1:XFD1048576\"/>"	/* clipped to C4 */
		  "<mergeCell ref=\"B3:B2\"/>"		/* empty top-left */
		  "<mergeCell ref=\"D9\"/>"
		  "</mergeCells><sheetData></sheetData></worksheet>",
		  NULL, path, sizeof(path));
	CHECK_INT(load(path), 0);
	CHECK_INT(sheet(0)->nrows, 4);
	for (size_t r = 0; r < 4; r++) {
		CHECK_INT(rownum(0, r), r + 1);
		CHECK_INT(ncells(0, r), 3);
		CHECK_STR(cell(0, r, 0), "大");
		CHECK_STR(cell(0, r, 2), "大");
	}
	/* B2:B3 is inside A1:XFD…, which is applied first; then B2:B3 takes
	 * its own (now 大) top-left */
	CHECK_STR(cell(0, 1, 1), "大");
}

TEST(test_xlsx__merge_with_empty_top_left_clears)
{
	char path[300];

	make_book("clear.xlsx", WS_OPEN
		  "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"C1\"><v>x</v></c></row>"
		  "<row r=\"2\"><c r=\"B2\"><v>y</v></c></row>"
		  "</sheetData><mergeCells><mergeCell ref=\"B1:C2\"/></mergeCells>"
		  "</worksheet>", NULL, path, sizeof(path));
	CHECK_INT(load(path), 0);
	CHECK_INT(sheet(0)->nrows, 1);	/* row 2 is left empty: dropped */
	CHECK_INT(ncells(0, 0), 1);
	CHECK_STR(cell(0, 0, 0), "1");
}

/* ---- problems ------------------------------------------------------------ */

TEST(test_xlsx__broken_refs)
{
	char path[300];

	make_book("refs.xlsx", WS_OPEN
		  "<row r=\"1\"><c r=\"ZZZZZZ1\"><v>1</v></c><c r=\"A0\"><v>2</v></c>"
		  "<c r=\"XFE1\"><v>3</v></c><c r=\"B\"><v>4</v></c>"
		  "<c r=\"B1\"><v>ok</v></c></row>"
		  WS_CLOSE, NULL, path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_INT(errors_count(&e), 4);
	CHECK_STR(msg(0), "表.xlsx:Sheet1: 第 1 行有一个单元格的位置「ZZZZZZ1」"
		  "无效，文件可能已损坏：请用 Excel 或 WPS 打开后另存为 .xlsx 再试");
	CHECK_CONTAINS(msg(1), "「A0」无效");
	CHECK_CONTAINS(msg(2), "「XFE1」无效");
	CHECK_CONTAINS(msg(3), "「B」无效");
	CHECK_INT(g.nsheets, 0);
}

TEST(test_xlsx__bad_row_numbers)
{
	char path[300];

	make_book("rows.xlsx", WS_OPEN
		  "<row r=\"0\"><c><v>1</v></c></row>" WS_CLOSE, NULL, path,
		  sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_CONTAINS(msg(0), "表.xlsx:Sheet1: 行号「0」无效");

	make_book("order.xlsx", WS_OPEN
		  "<row r=\"5\"><c><v>1</v></c></row><row r=\"3\"><c><v>1</v></c>"
		  "</row>" WS_CLOSE, NULL, path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_CONTAINS(msg(0), "第 3 行出现在第 5 行之后");

	make_book("big.xlsx", WS_OPEN
		  "<row r=\"99999999999999999999\"><c><v>1</v></c></row>"
		  WS_CLOSE, NULL, path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_CONTAINS(msg(0), "行号「99999999999999999999」无效");
}

TEST(test_xlsx__missing_shared_string)
{
	char path[300];

	make_book("sst.xlsx", WS_OPEN
		  "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c>"
		  "<c r=\"B3\" t=\"s\"><v>1</v></c>"
		  "<c r=\"C3\" t=\"s\"><v>-1</v></c>"
		  "<c r=\"D3\" t=\"s\"><v>99999999999999999999999</v></c></row>"
		  WS_CLOSE, SST_OPEN "<si><t>有</t></si>" SST_CLOSE, path,
		  sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_INT(errors_count(&e), 3);
	CHECK_STR(msg(0), "表.xlsx:Sheet1: 第 3 行 B 列引用了不存在的共享文字"
		  "（编号「1」），文件可能已损坏：请用 Excel 或 WPS 打开后另存为 "
		  ".xlsx 再试");
	CHECK_CONTAINS(msg(1), "第 3 行 C 列");
	CHECK_CONTAINS(msg(2), "第 3 行 D 列");

	/* no shared string table at all */
	make_book("nosst.xlsx", WS_OPEN "<row><c t=\"s\"><v>0</v></c></row>"
		  WS_CLOSE, NULL, path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_CONTAINS(msg(0), "第 1 行 A 列引用了不存在的共享文字");
}

TEST(test_xlsx__caps)
{
	char path[300];
	struct grid_limits lim = grid_default_limits;

	make_book("caps.xlsx", WS_OPEN
		  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
		  "<c r=\"XFD1\" s=\"1\"/></row>"	/* styled, empty: fine */
		  "<row r=\"2\"><c r=\"D2\"><v>12345</v></c></row>"
		  "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>四个字节</t>"
		  "</is></c></row>"
		  "<row r=\"1048576\" s=\"1\" customFormat=\"1\"/>"
		  WS_CLOSE, SST_OPEN "<si><t>1234567890</t></si>" SST_CLOSE,
		  path, sizeof(path));
	CHECK_INT(load(path), 0);

	lim.max_rows = 2;
	CHECK_INT(load_lim(path, &lim), -1);
	CHECK_STR(msg(0), "表.xlsx:Sheet1: 行数超过 2 行上限：请把表格拆成几个"
		  "较小的文件分别导入");

	lim = grid_default_limits;
	lim.max_cols = 3;
	CHECK_INT(load_lim(path, &lim), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_STR(msg(0), "表.xlsx:Sheet1: 列数超过 3 列上限（第 2 行 D 列有"
		  "内容）：请删去多余的列后重试");

	lim = grid_default_limits;
	lim.max_cell_bytes = 9;
	CHECK_INT(load_lim(path, &lim), -1);
	CHECK_INT(errors_count(&e), 2);
	CHECK_STR(msg(0), "表.xlsx:Sheet1: 第 1 行 A 列的内容超过 9 字节上限："
		  "请缩短这个单元格");
	CHECK_CONTAINS(msg(1), "第 3 行 A 列的内容超过 9 字节上限");

	lim = grid_default_limits;
	lim.max_file_bytes = 100;
	CHECK_INT(load_lim(path, &lim), -1);
	CHECK_STR(msg(0), "表.xlsx: 文件超过 100 字节上限：请把文件拆成几个较小"
		  "的文件分别导入");

	lim = grid_default_limits;
	lim.max_unpacked_bytes = 600;	/* refused by the declared sizes */
	CHECK_INT(load_lim(path, &lim), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_CONTAINS(msg(0), "表.xlsx: 解压后的内容超过上限，文件可能是恶意"
		       "构造的压缩包");
}

TEST(test_xlsx__dtd_refused)
{
	char path[300];

	make_book("dtd.xlsx", XML_DECL "<!DOCTYPE worksheet SYSTEM "
		  "\"file:///etc/passwd\" [<!ENTITY x SYSTEM "
		  "\"file:///etc/passwd\">]><worksheet xmlns=\"" NS_MAIN "\">"
		  "<sheetData><row><c t=\"inlineStr\"><is><t>&x;</t></is></c>"
		  "</row></sheetData></worksheet>", NULL, path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_STR(msg(0), "表.xlsx: 文件含有不允许的 XML 文档类型声明（DTD）"
		  "（位于 xl/worksheets/sheet1.xml），可能是恶意构造的文件："
		  "请确认文件来源，或用 Excel 或 WPS 打开后另存为 .xlsx 再试");
	CHECK_INT(g.nsheets, 0);
}

TEST(test_xlsx__invalid_utf8_named_by_cell)
{
	char path[300];

	make_book("utf8.xlsx", WS_OPEN
		  "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>好</t></is></c></row>"
		  "<row r=\"12\"><c r=\"A12\"><v>1</v></c>"
		  "<c r=\"B12\" t=\"inlineStr\"><is><t>坏\xe5\x85</t></is></c>"
		  "<c r=\"C12\" t=\"s\"><v>0</v></c></row>"
		  "<row r=\"13\"><c r=\"A13\" t=\"str\"><v>\xc0\xaf</v></c></row>"
		  WS_CLOSE, SST_OPEN "<si><t>\xed\xa0\x80</t></si>" SST_CLOSE,
		  path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_INT(errors_count(&e), 3);
	CHECK_STR(msg(0), "表.xlsx:Sheet1: 第 12 行 B 列含有无效的 UTF-8 文字"
		  "编码：请在 Excel 或 WPS 中改正这个单元格的文字，另存为 .xlsx "
		  "后重试");
	CHECK_CONTAINS(msg(1), "第 12 行 C 列含有无效的 UTF-8 文字编码");
	CHECK_CONTAINS(msg(2), "第 13 行 A 列含有无效的 UTF-8 文字编码");

	/* in a tag, where no cell can be named */
	make_book("utf8tag.xlsx", WS_OPEN "<row r=\"7\"><c\xff r=\"A7\"><v>1</v>"
		  "</c></row>" WS_CLOSE, NULL, path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_STR(msg(0), "表.xlsx:Sheet1: 工作表含有无效的 UTF-8 文字编码（第 7 行"
		  "附近，xl/worksheets/sheet1.xml）：请在 Excel 或 WPS 中改正乱码的"
		  "文字，另存为 .xlsx 后重试");
}

TEST(test_xlsx__malformed_xml)
{
	char path[300];

	make_book("xml.xlsx", WS_OPEN "<row r=\"1\"><c><v>1</v></c></row>"
		  "<row r=\"2\"><c><v>2</x></c></row>" WS_CLOSE, NULL, path,
		  sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_STR(msg(0), "表.xlsx:Sheet1: 工作表内容已损坏（第 2 行附近，"
		  "xl/worksheets/sheet1.xml 2:221 处 XML 格式错误）：请用 Excel 或 "
		  "WPS 打开后另存为 .xlsx 再试");

	make_book("xml2.xlsx", WS_OPEN WS_CLOSE, SST_OPEN "<si><t>&bogus;</t>"
		  "</si>" SST_CLOSE, path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_CONTAINS(msg(0), "表.xlsx: 文件已损坏（xl/sharedStrings.xml 2:");
}

TEST(test_xlsx__one_bad_sheet_others_read)
{
	char path[300];
	struct entry ents[] = {
		{ "_rels/.rels", ROOT_RELS, 0 },
		{ "xl/workbook.xml", XML_DECL "<workbook xmlns=\"" NS_MAIN "\" "
		  "xmlns:r=\"" NS_REL "\"><sheets>"
		  "<sheet name=\"好\" sheetId=\"1\" r:id=\"rId1\"/>"
		  "<sheet name=\"坏\" sheetId=\"2\" r:id=\"rId2\"/>"
		  "<sheet name=\"无\" sheetId=\"3\" r:id=\"rId7\"/>"
		  "<sheet name=\"也好\" sheetId=\"4\" r:id=\"rId3\"/>"
		  "</sheets></workbook>", 0 },
		{ "xl/_rels/workbook.xml.rels", XML_DECL "<Relationships xmlns=\""
		  NS_PKG "\">"
		  "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" "
		  "Target=\"worksheets/sheet1.xml\"/>"
		  "<Relationship Id=\"rId2\" Type=\"" NS_REL "/worksheet\" "
		  "Target=\"worksheets/sheet2.xml\"/>"
		  "<Relationship Id=\"rId3\" Type=\"" NS_REL "/worksheet\" "
		  "Target=\"worksheets/sheet1.xml\"/>"
		  "</Relationships>", 0 },
		{ "xl/worksheets/sheet1.xml", WS_OPEN "<row><c><v>1</v></c></row>"
		  WS_CLOSE, 0 },
		{ "xl/worksheets/sheet2.xml", WS_OPEN "<row><c r=\"1A\"><v>1</v>"
		  "</c></row>" WS_CLOSE, 0 },
	};

	make_zip("onebad.xlsx", ents, sizeof(ents) / sizeof(ents[0]), path,
		 sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_INT(errors_count(&e), 2);
	CHECK_CONTAINS(msg(0), "表.xlsx:坏: 第 1 行有一个单元格的位置「1A」无效");
	CHECK_CONTAINS(msg(1), "表.xlsx:无: 工作簿里找不到这个工作表的位置"
		       "（xl/_rels/workbook.xml.rels）");
	CHECK_INT(g.nsheets, 2);
	CHECK_STR(sheet(0)->name, "好");
	CHECK_STR(sheet(1)->name, "也好");
	CHECK_STR(cell(1, 0, 0), "1");
}

TEST(test_xlsx__not_files)
{
	char path[300];

	cleanup();
	CHECK_INT(xlsx_read_file("/nonexistent/表.xlsx", "表.xlsx",
				 &grid_default_limits, &g, &e), -1);
	CHECK_STR(msg(e.n - 1), "表.xlsx: 文件不存在");
	CHECK_INT(xlsx_read_file(t_tmp("", path, sizeof(path)), "表.xlsx",
				 &grid_default_limits, &g, &e), -1);
	CHECK_STR(msg(e.n - 1), "表.xlsx: 这是一个文件夹，不是 Excel 文件");
	CHECK_INT(xlsx_read_mem("", 0, "表.xlsx", &grid_default_limits, &g, &e),
		  -1);
	CHECK_STR(msg(e.n - 1), "表.xlsx: 文件是空的（0 字节）：请确认选择了"
		  "正确的文件");
	CHECK_INT(xlsx_read_mem("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", 10,
				"表.xlsx", &grid_default_limits, &g, &e), -1);
	CHECK_CONTAINS(msg(e.n - 1), "表.xlsx: 这是旧版 Excel 文件（.xls）");
	CHECK_INT(xlsx_read_mem("PK\5\6", 4, "表.xlsx", &grid_default_limits,
				&g, &e), -1);
	CHECK_CONTAINS(msg(e.n - 1), "表.xlsx: 文件已损坏或不完整（zip 数据无法"
		       "读取）");
	CHECK_INT(g.nsheets, 0);
	cleanup();
}

TEST(test_xlsx__other_office_files)
{
	char path[300];
	struct entry docx[] = {
		{ "_rels/.rels", ROOT_RELS, 0 },
		{ "word/document.xml", "<w:document/>", 0 },
	};
	struct entry charts[] = {
		{ "_rels/.rels", ROOT_RELS, 0 },
		{ "xl/workbook.xml", XML_DECL "<workbook xmlns=\"" NS_MAIN "\" "
		  "xmlns:r=\"" NS_REL "\"><sheets>"
		  "<sheet name=\"图\" sheetId=\"1\" r:id=\"rId1\"/>"
		  "</sheets></workbook>", 0 },
		{ "xl/_rels/workbook.xml.rels", XML_DECL "<Relationships xmlns=\""
		  NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
		  "/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
		  "</Relationships>", 0 },
	};

	make_zip("docx.xlsx", docx, 2, path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_STR(msg(0), "表.xlsx: 不是有效的 Excel 文件（.xlsx）：这是 Word "
		  "文档，不是 Excel 工作簿，请用 Excel 或 WPS 另存为 .xlsx 后重试");
	make_zip("charts.xlsx", charts, 3, path, sizeof(path));
	CHECK_INT(load(path), -1);
	CHECK_CONTAINS(msg(0), "表.xlsx: 工作簿里没有工作表（只有图表或对话框）");
}

/* ---- tests/data/bad ------------------------------------------------------ */

#define BAD "tests/data/bad/"

TEST(test_xlsx__bad_not_a_zip)
{
	CHECK_INT(load(BAD "not-a-zip.xlsx"), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_STR(msg(0), "表.xlsx: 不是有效的 Excel 文件（.xlsx）：文件不是 zip "
		  "压缩包，请用 Excel 或 WPS 另存为 .xlsx 后重试");
}

TEST(test_xlsx__bad_truncated)
{
	CHECK_INT(load(BAD "truncated.xlsx"), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_STR(msg(0), "表.xlsx: 文件已损坏或不完整（zip 数据无法读取）：请"
		  "重新下载或重新保存文件后再试");
}

TEST(test_xlsx__bad_xml_bomb)
{
	CHECK_INT(load(BAD "xml-bomb.xlsx"), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_CONTAINS(msg(0), "表.xlsx: 文件含有不允许的 XML 文档类型声明（DTD）"
		       "（位于 xl/sharedStrings.xml）");
}

TEST(test_xlsx__bad_zip_bomb)
{
	CHECK_INT(load(BAD "zip-bomb.xlsx"), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_STR(msg(0), "表.xlsx: 解压后的内容超过上限，文件可能是恶意构造的"
		  "压缩包：请确认文件来源；如果是正常的表格，请拆成几个较小的文件"
		  "分别导入（解压后的 XML 上限为 1024 MB）");
	CHECK_INT(g.nsheets, 0);
}

TEST(test_xlsx__bad_invalid_utf8)
{
	CHECK_INT(load(BAD "invalid-utf8.xlsx"), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_STR(msg(0), "表.xlsx:Sheet1: 第 2 行 B 列含有无效的 UTF-8 文字编码："
		  "请在 Excel 或 WPS 中改正这个单元格的文字，另存为 .xlsx 后重试");
}

TEST(test_xlsx__bad_no_workbook)
{
	CHECK_INT(load(BAD "no-workbook.xlsx"), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_STR(msg(0), "表.xlsx: 不是有效的 Excel 文件（.xlsx）：压缩包里没有"
		  "工作簿（xl/workbook.xml），请用 Excel 或 WPS 另存为 .xlsx 后"
		  "重试");
}

TEST(test_xlsx__bad_missing_sheet)
{
	CHECK_INT(load(BAD "missing-sheet.xlsx"), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_STR(msg(0), "表.xlsx:数据: 找不到这个工作表的内容（xl/worksheets/"
		  "sheet2.xml），文件可能已损坏或不完整：请用 Excel 或 WPS 打开"
		  "后另存为 .xlsx 再试");
	CHECK_INT(g.nsheets, 1);	/* the sheet that is there */
	CHECK_STR(sheet(0)->name, "Sheet1");
}

T_MAIN(T(test_xlsx__libxlsxwriter_values),
       T(test_xlsx__libxlsxwriter_sheets_in_order),
       T(test_xlsx__libxlsxwriter_merged_header),
       T(test_xlsx__libxlsxwriter_inline_strings),
       T(test_xlsx__no_r_attributes),
       T(test_xlsx__rich_and_inline_text),
       T(test_xlsx__escapes_decoded),
       T(test_xlsx__values_as_written),
       T(test_xlsx__absolute_targets_and_moved_workbook),
       T(test_xlsx__strict_namespaces_and_chartsheet),
       T(test_xlsx__utf16_part),
       T(test_xlsx__merges_clipped_and_cleared),
       T(test_xlsx__merge_with_empty_top_left_clears),
       T(test_xlsx__broken_refs),
       T(test_xlsx__bad_row_numbers),
       T(test_xlsx__missing_shared_string),
       T(test_xlsx__caps),
       T(test_xlsx__dtd_refused),
       T(test_xlsx__invalid_utf8_named_by_cell),
       T(test_xlsx__malformed_xml),
       T(test_xlsx__one_bad_sheet_others_read),
       T(test_xlsx__not_files),
       T(test_xlsx__other_office_files),
       T(test_xlsx__bad_not_a_zip),
       T(test_xlsx__bad_truncated),
       T(test_xlsx__bad_xml_bomb),
       T(test_xlsx__bad_zip_bomb),
       T(test_xlsx__bad_invalid_utf8),
       T(test_xlsx__bad_no_workbook),
       T(test_xlsx__bad_missing_sheet))
