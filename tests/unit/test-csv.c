/* test-csv.c: the CSV reader and writer (src/io/csv-read.c, csv-write.c)
 *
 * Inputs are written here as C byte strings, so the GBK and UTF-16 cases
 * hold exactly the bytes Excel on Chinese Windows writes.  Every case reads
 * through load(), which keeps the grid and the messages in file statics so
 * that a failed CHECK leaks nothing.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>

#include "t.h"

#include "io/csv-read.h"
#include "io/csv-write.h"
#include "util/buf.h"

static struct grid g;
static struct errors e;
static const struct grid_sheet *sh;

static void cleanup(void)
{
	grid_release(&g);
	errors_release(&e);
}

/* Parse 'n' bytes with 'lim' (NULL: the defaults) into g/e; sh is the
 * sheet on success.  Returns what csv_read_mem() returns. */
static int load_lim(const char *data, size_t n, const struct grid_limits *lim)
{
	static int registered;
	int rc;

	if (!registered++)
		atexit(cleanup);
	cleanup();
	rc = csv_read_mem(data, n, "名单.csv", "名单",
			  lim ? lim : &grid_default_limits, &g, &e);
	sh = rc == 0 && g.nsheets == 1 ? &g.sheets[0] : NULL;
	return rc;
}

#define LOAD(s) load_lim((s), sizeof(s) - 1, NULL)
#define LOAD_LIM(s, lim) load_lim((s), sizeof(s) - 1, (lim))

/* Cell 'c' of kept row 'r', or "(no row)" when there is no such row. */
static const char *cell(size_t r, size_t c)
{
	if (!sh || r >= sh->nrows)
		return "(no row)";
	return grid_cell(&sh->rows[r], c);
}

static const char *msg(void)
{
	return e.n ? e.msg[0] : NULL;
}

TEST(test_csv__plain_utf8)
{
	CHECK_INT(LOAD("姓名,事项,金额\n张三,低保,100\n李四,特困,200\n"), 0);
	CHECK_INT(errors_count(&e), 0);
	CHECK_INT(g.nsheets, 1);
	CHECK_STR(sh->name, "名单");
	CHECK_INT(sh->nrows, 3);
	for (size_t i = 0; i < 3; i++) {
		CHECK_INT(sh->rows[i].rownum, i + 1);
		CHECK_INT(sh->rows[i].ncells, 3);
	}
	CHECK_STR(cell(0, 0), "姓名");
	CHECK_STR(cell(1, 1), "低保");
	CHECK_STR(cell(2, 2), "200");
	CHECK(cell(2, 3) == NULL);
}

TEST(test_csv__bom_stripped)
{
	CHECK_INT(LOAD("\xef\xbb\xbf事项,依据\r\n低保,条例\r\n"), 0);
	CHECK_INT(sh->nrows, 2);
	CHECK_STR(cell(0, 0), "事项");
	CHECK_STR(cell(1, 1), "条例");
}

TEST(test_csv__bom_only_is_empty)
{
	CHECK_INT(LOAD("\xef\xbb\xbf"), 0);
	CHECK_INT(g.nsheets, 1);
	CHECK_INT(sh->nrows, 0);
	CHECK_INT(LOAD(""), 0);
	CHECK_INT(sh->nrows, 0);
	CHECK_INT(load_lim(NULL, 0, NULL), 0);
	CHECK_INT(sh->nrows, 0);
}

TEST(test_csv__gbk)
{
	/* 社会救助,金额 / 低保,100 in GBK, as Excel's "CSV (逗号分隔)" */
	CHECK_INT(LOAD("\xc9\xe7\xbb\xe1\xbe\xc8\xd6\xfa,\xbd\xf0\xb6\xee\r\n"
		       "\xb5\xcd\xb1\xa3,100\r\n"), 0);
	CHECK_INT(sh->nrows, 2);
	CHECK_STR(cell(0, 0), "社会救助");
	CHECK_STR(cell(0, 1), "金额");
	CHECK_STR(cell(1, 0), "低保");
}

TEST(test_csv__gb18030_four_byte)
{
	/* 𠀀 needs GB18030's four-byte form */
	CHECK_INT(LOAD("\xc9\xe7,\x95\x32\x82\x36\n"), 0);
	CHECK_STR(cell(0, 0), "社");
	CHECK_STR(cell(0, 1), "𠀀");
}

TEST(test_csv__cp936_euro)
{
	/* 0x80 is not GB18030, but code page 936 writes the euro sign so */
	CHECK_INT(LOAD("\xc9\xe7,\x80" "5\n"), 0);
	CHECK_STR(cell(0, 1), "€5");
}

TEST(test_csv__utf16le_bom_tab)
{
	/* Excel's "Unicode 文本": 事项<TAB>依据 / 低保<TAB>《条例》 */
	static const char d[] =
		"\xff\xfe\x8b\x4e\x79\x98\x09\x00\x9d\x4f\x6e\x63\x0d\x00"
		"\x0a\x00\x4e\x4f\xdd\x4f\x09\x00\x0a\x30\x61\x67\x8b\x4f"
		"\x0b\x30\x0d\x00\x0a\x00";

	CHECK_INT(LOAD(d), 0);
	CHECK_INT(sh->nrows, 2);
	CHECK_INT(sh->rows[0].ncells, 2);
	CHECK_STR(cell(0, 0), "事项");
	CHECK_STR(cell(0, 1), "依据");
	CHECK_STR(cell(1, 1), "《条例》");
	CHECK_INT(sh->rows[1].rownum, 2);
}

TEST(test_csv__utf16_bad)
{
	/* odd length, then a lone surrogate */
	CHECK_INT(LOAD("\xff\xfe\x41\x00\x42"), -1);
	CHECK_CONTAINS(msg(), "无法识别文件的文字编码");
	CHECK_INT(LOAD("\xff\xfe\x00\xd8\x41\x00"), -1);
	CHECK_CONTAINS(msg(), "无法识别文件的文字编码");
	/* U+0000 inside UTF-16 is not text either */
	CHECK_INT(LOAD("\xff\xfe\x41\x00\x00\x00\x42\x00"), -1);
	CHECK_CONTAINS(msg(), "不是文本文件");
}

TEST(test_csv__quoted_fields)
{
	CHECK_INT(LOAD("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\n"
		       "x,\"\",\"\"\"\"\r\n"
		       "\"crlf\r\ninside\",\"cr\ronly\"\n"), 0);
	CHECK_INT(sh->nrows, 3);
	CHECK_STR(cell(0, 0), "a,b");
	CHECK_STR(cell(0, 1), "say \"hi\"");
	CHECK_STR(cell(0, 2), "line1\nline2");
	CHECK_INT(sh->rows[1].rownum, 2);
	CHECK_STR(cell(1, 0), "x");
	CHECK(cell(1, 1) == NULL);	/* "" is an empty cell */
	CHECK_STR(cell(1, 2), "\"");
	CHECK_INT(sh->rows[2].rownum, 3);
	CHECK_STR(cell(2, 0), "crlf\r\ninside");	/* kept exactly */
	CHECK_STR(cell(2, 1), "cr\ronly");
}

TEST(test_csv__stray_quotes_literal)
{
	CHECK_INT(LOAD("ab\"c,d\"e\n\"ab\"cd,e\n \"a,b\"\n"), 0);
	CHECK_STR(cell(0, 0), "ab\"c");
	CHECK_STR(cell(0, 1), "d\"e");
	CHECK_STR(cell(1, 0), "abcd");	/* Excel keeps text after the quote */
	CHECK_STR(cell(1, 1), "e");
	CHECK_STR(cell(2, 0), " \"a");	/* a quote opens only at the start */
	CHECK_STR(cell(2, 1), "b\"");
}

TEST(test_csv__line_ends)
{
	CHECK_INT(LOAD("a,1\r\nb,2\nc,3\rd,4"), 0);
	CHECK_INT(sh->nrows, 4);
	for (size_t i = 0; i < 4; i++) {
		CHECK_INT(sh->rows[i].rownum, i + 1);
		CHECK_INT(sh->rows[i].ncells, 2);
	}
	CHECK_STR(cell(2, 0), "c");
	CHECK_STR(cell(3, 1), "4");
	/* \r\r\n is a lone CR then a CRLF: an empty record between */
	CHECK_INT(LOAD("a\r\r\nb\r\n"), 0);
	CHECK_INT(sh->nrows, 2);
	CHECK_INT(sh->rows[1].rownum, 3);
}

TEST(test_csv__trailing_newline_or_not)
{
	CHECK_INT(LOAD("a,b"), 0);
	CHECK_INT(sh->nrows, 1);
	CHECK_STR(cell(0, 1), "b");
	CHECK_INT(LOAD("a,b\n"), 0);
	CHECK_INT(sh->nrows, 1);
	CHECK_STR(cell(0, 1), "b");
	CHECK_INT(LOAD("a,b\r\n\r\n\n"), 0);
	CHECK_INT(sh->nrows, 1);
	CHECK_INT(LOAD("a,\"b\""), 0);
	CHECK_STR(cell(0, 1), "b");
}

TEST(test_csv__ragged_rows)
{
	CHECK_INT(LOAD("a,b,c\nd\ne,,f,g\nh,i,,,\n"), 0);
	CHECK_INT(sh->nrows, 4);
	CHECK_INT(sh->rows[0].ncells, 3);
	CHECK_INT(sh->rows[1].ncells, 1);
	CHECK_INT(sh->rows[2].ncells, 4);
	CHECK(cell(2, 1) == NULL);
	CHECK_STR(cell(2, 3), "g");
	CHECK_INT(sh->rows[3].ncells, 2);	/* no trailing empties */
	CHECK(cell(3, 4) == NULL);
}

TEST(test_csv__empty_rows_dropped_rownums_kept)
{
	CHECK_INT(LOAD("标题\n\n,,\n\"\",\"\"\n  \nb\n\n"), 0);
	CHECK_INT(sh->nrows, 3);
	CHECK_INT(sh->rows[0].rownum, 1);
	CHECK_STR(cell(1, 0), "  ");		/* spaces are content */
	CHECK_INT(sh->rows[1].rownum, 5);
	CHECK_STR(cell(2, 0), "b");
	CHECK_INT(sh->rows[2].rownum, 6);
	/* a quoted newline does not start a new row */
	CHECK_INT(LOAD("\"a\n\nb\"\n\nc\n"), 0);
	CHECK_INT(sh->nrows, 2);
	CHECK_INT(sh->rows[1].rownum, 3);
}

TEST(test_csv__text_kept_exactly)
{
	CHECK_INT(LOAD("  a  ,\xe3\x80\x80" "b\t\n"), 0);
	CHECK_STR(cell(0, 0), "  a  ");
	CHECK_STR(cell(0, 1), "\xe3\x80\x80" "b\t");
}

TEST(test_csv__tab_delimiter)
{
	CHECK_INT(LOAD("a\tb\tc\nd,x\te\tf\n"), 0);
	CHECK_INT(sh->rows[0].ncells, 3);
	CHECK_STR(cell(1, 0), "d,x");
	/* a comma in the first record, outside quotes, wins */
	CHECK_INT(LOAD("a,b\tc\n"), 0);
	CHECK_INT(sh->rows[0].ncells, 2);
	CHECK_STR(cell(0, 1), "b\tc");
	/* a quoted comma does not count; a quoted TAB does not either */
	CHECK_INT(LOAD("\"x,y\"\tz\n"), 0);
	CHECK_STR(cell(0, 0), "x,y");
	CHECK_STR(cell(0, 1), "z");
	CHECK_INT(LOAD("\"x\ty\"\nz\n"), 0);
	CHECK_INT(sh->rows[0].ncells, 1);
	CHECK_STR(cell(0, 0), "x\ty");
	/* leading blank lines are skipped when looking */
	CHECK_INT(LOAD("\n\r\na\tb\n"), 0);
	CHECK_INT(sh->rows[0].rownum, 3);
	CHECK_STR(cell(0, 1), "b");
	/* a first record with neither: comma */
	CHECK_INT(LOAD("标题\na\tb,c\n"), 0);
	CHECK_STR(cell(1, 0), "a\tb");
}

TEST(test_csv__unterminated_quote)
{
	CHECK_INT(LOAD("a,b\n\"x\ny\",c\nd,\"e\nf\ng\n"), -1);
	CHECK_INT(errors_count(&e), 1);
	CHECK_CONTAINS(msg(), "名单.csv:名单:第3行: ");
	CHECK_CONTAINS(msg(), "双引号");
	CHECK_INT(g.nsheets, 0);
	CHECK_INT(LOAD("\""), -1);
	CHECK_CONTAINS(msg(), "名单.csv:名单:第1行: ");
}

TEST(test_csv__invalid_encoding)
{
	/* GBK, then 0xff, which neither UTF-8 nor GB18030 allows */
	CHECK_INT(LOAD("\xc9\xe7\xbb\xe1,\xff\n"), -1);
	CHECK_STR(msg(), "名单.csv: 无法识别文件的文字编码：请在 Excel 或 WPS "
		  "中另存为「CSV UTF-8（逗号分隔）」后重试");
	CHECK_INT(g.nsheets, 0);
	/* a truncated GBK character at the end */
	CHECK_INT(LOAD("a,\xc9"), -1);
	CHECK_CONTAINS(msg(), "无法识别文件的文字编码");
	/* a UTF-8 mark on bytes that are not UTF-8 */
	CHECK_INT(LOAD("\xef\xbb\xbf\xc9\xe7\xbb\xe1\n"), -1);
	CHECK_CONTAINS(msg(), "无法识别文件的文字编码");
}

TEST(test_csv__nul_refused)
{
	CHECK_INT(LOAD("a,b\0c\n"), -1);
	CHECK_CONTAINS(msg(), "名单.csv: ");
	CHECK_CONTAINS(msg(), "不是文本文件");
	/* GBK with a NUL: refused before any conversion */
	CHECK_INT(LOAD("\xc9\xe7\0"), -1);
	CHECK_CONTAINS(msg(), "不是文本文件");
}

TEST(test_csv__workbook_refused)
{
	CHECK_INT(LOAD("PK\3\4\x14\0\0\0"), -1);
	CHECK_CONTAINS(msg(), "工作簿");
	CHECK_INT(LOAD("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0"), -1);
	CHECK_CONTAINS(msg(), "工作簿");
}

TEST(test_csv__cap_file_bytes)
{
	static const char big[2049];
	struct grid_limits lim = grid_default_limits;

	lim.max_file_bytes = 10;
	CHECK_INT(LOAD_LIM("0123456789", &lim), 0);
	CHECK_INT(LOAD_LIM("0123456789a", &lim), -1);
	CHECK_STR(msg(), "名单.csv: 文件超过 10 字节上限：请把文件拆成几个较小"
		  "的文件分别导入");
	lim.max_file_bytes = 2048;
	CHECK_INT(load_lim(big, sizeof(big), &lim), -1);
	CHECK_CONTAINS(msg(), "文件超过 2 KB 上限");
}

TEST(test_csv__cap_file_bytes_sparse_file)
{
	char path[300];
	int fd;

	/* 50 MB + 1 byte of hole: refused from its size, without reading */
	t_tmp("big.csv", path, sizeof(path));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_INT(ftruncate(fd, 50 * 1024 * 1024 + 1), 0);
	close(fd);
	cleanup();
	CHECK_INT(csv_read_file(path, "big.csv", "big", &grid_default_limits,
				&g, &e), -1);
	CHECK_STR(msg(), "big.csv: 文件超过 50 MB 上限：请把文件拆成几个较小"
		  "的文件分别导入");
	unlink(path);
}

TEST(test_csv__cap_rows)
{
	struct grid_limits lim = grid_default_limits;

	lim.max_rows = 2;
	CHECK_INT(LOAD_LIM("a\nb\n\n\n,,\n", &lim), 0);	/* blank rows free */
	CHECK_INT(LOAD_LIM("a\nb\nc\n", &lim), -1);
	CHECK_STR(msg(), "名单.csv: 行数超过 2 行上限：请把文件拆成几个较小的"
		  "文件分别导入");
	/* the row number counts, not the rows kept */
	CHECK_INT(LOAD_LIM("a\n\nc\n", &lim), -1);
	CHECK_CONTAINS(msg(), "行数超过 2 行上限");
}

TEST(test_csv__cap_cols)
{
	struct grid_limits lim = grid_default_limits;

	lim.max_cols = 3;
	CHECK_INT(LOAD_LIM("a,b,c\n", &lim), 0);
	CHECK_INT(LOAD_LIM("a,b,c,,,,,\n", &lim), 0);	/* trailing empties */
	CHECK_INT(LOAD_LIM("a,b,c\nd,e,f,g\n", &lim), -1);
	CHECK_STR(msg(), "名单.csv: 第 2 行的列数超过 3 列上限：请删去多余的"
		  "列后重试");
}

TEST(test_csv__cap_cell_bytes)
{
	struct grid_limits lim = grid_default_limits;

	lim.max_cell_bytes = 6;
	CHECK_INT(LOAD_LIM("社会,\"a\"\"b\"\"c\"\n", &lim), 0);	/* 6 and 5 */
	CHECK_STR(cell(0, 0), "社会");
	CHECK_INT(LOAD_LIM("x\nok,社会救\n", &lim), -1);
	CHECK_STR(msg(), "名单.csv: 第 2 行第 2 列（B 列）的内容超过 6 字节"
		  "上限：请缩短这个单元格");
	CHECK_INT(LOAD_LIM("\"1234\n67\"\n", &lim), -1);	/* quoted */
	CHECK_CONTAINS(msg(), "第 1 行第 1 列（A 列）的内容超过 6 字节上限");
	/* the cap is on the UTF-8 text, after conversion from GBK */
	CHECK_INT(LOAD_LIM("\xc9\xe7\xbb\xe1\xbe\xc8\n", &lim), -1);
	CHECK_CONTAINS(msg(), "超过 6 字节上限");
}

TEST(test_csv__big_cells)
{
	struct grid_limits lim = grid_default_limits;
	struct buf b = BUF_INIT;
	static const size_t sizes[] = { 70000, 5, 300000, 1, 65535, 200000 };
	size_t n = sizeof(sizes) / sizeof(sizes[0]);

	lim.max_cell_bytes = 1000000;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < sizes[i]; k++)
			buf_addch(&b, 'a' + (int)i);
		buf_adds(&b, i % 2 ? "\n" : ",");
	}
	CHECK_INT(load_lim(b.buf, b.len, &lim), 0);
	buf_release(&b);
	CHECK_INT(sh->nrows, n / 2);
	for (size_t i = 0; i < n; i++) {
		const char *c = cell(i / 2, i % 2);
		CHECK(c != NULL);
		CHECK_INT(strlen(c), sizes[i]);
		CHECK_INT(c[0], 'a' + (int)i);
		CHECK_INT(c[sizes[i] - 1], 'a' + (int)i);
	}
}

TEST(test_csv__read_file)
{
	static const char d[] = "\xc9\xe7\xbb\xe1\xbe\xc8\xd6\xfa,1\r\n";
	char path[300];
	FILE *fp;

	t_tmp("社会救助.csv", path, sizeof(path));
	fp = fopen(path, "wb");
	CHECK(fp != NULL);
	CHECK_INT(fwrite(d, 1, sizeof(d) - 1, fp), sizeof(d) - 1);
	fclose(fp);
	cleanup();
	CHECK_INT(csv_read_file(path, "社会救助.csv", "社会救助",
				&grid_default_limits, &g, &e), 0);
	CHECK_INT(g.nsheets, 1);
	CHECK_STR(g.sheets[0].name, "社会救助");
	CHECK_STR(grid_cell(&g.sheets[0].rows[0], 0), "社会救助");
	unlink(path);

	cleanup();
	CHECK_INT(csv_read_file(path, "社会救助.csv", "社会救助",
				&grid_default_limits, &g, &e), -1);
	CHECK_STR(msg(), "社会救助.csv: 文件不存在");
	cleanup();
	CHECK_INT(csv_read_file("/tmp", "tmp", "tmp", &grid_default_limits,
				&g, &e), -1);
	CHECK_CONTAINS(msg(), "不是 CSV 文件");
}

/* Path of tests/data/bad/'name', found from this file's own path (__FILE__):
 * the test runs from the directory the compiler was run in, as make does. */
static const char *bad_file(const char *name, char *out, size_t n)
{
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash ? (int)(slash - __FILE__) : 0;

	snprintf(out, n, "%.*s%s../data/bad/%s", dir, __FILE__,
		 slash ? "/" : "", name);
	return out;
}

TEST(test_csv__bad_files)
{
	char path[512];

	cleanup();
	CHECK_INT(csv_read_file(bad_file("invalid-utf8.csv", path,
					 sizeof(path)),
				"invalid-utf8.csv", "invalid-utf8",
				&grid_default_limits, &g, &e), -1);
	CHECK_STR(msg(), "invalid-utf8.csv: 无法识别文件的文字编码：请在 Excel "
		  "或 WPS 中另存为「CSV UTF-8（逗号分隔）」后重试");
	cleanup();
	CHECK_INT(csv_read_file(bad_file("binary.csv", path, sizeof(path)),
				"binary.csv", "binary", &grid_default_limits,
				&g, &e), -1);
	CHECK_STR(msg(), "binary.csv: 文件中有空字节（NUL），不是文本文件："
		  "请确认选的是 CSV 文件，或在 Excel 或 WPS 中另存为"
		  "「CSV UTF-8（逗号分隔）」后重试");
}

TEST(test_csv__second_sheet_appended)
{
	CHECK_INT(LOAD("a\n"), 0);
	CHECK_INT(csv_read_mem("b\n", 2, "二.csv", "二", &grid_default_limits,
			       &g, &e), 0);
	CHECK_INT(g.nsheets, 2);
	CHECK_STR(g.sheets[0].name, "名单");
	CHECK_STR(grid_cell(&g.sheets[0].rows[0], 0), "a");
	CHECK_STR(g.sheets[1].name, "二");
	CHECK_STR(grid_cell(&g.sheets[1].rows[0], 0), "b");
}

TEST(test_csv__write_quoting)
{
	static const char *const cells[] = {
		"plain", "a,b", "say \"hi\"", "x\r\ny", " lead", "trail ",
		NULL, "", "tab\there", "lf\n", "cr\r", "中文", "\xef\xbb\xbfx",
	};
	struct buf b = BUF_INIT;

	csv_write_row(&b, cells, sizeof(cells) / sizeof(cells[0]));
	csv_write_row(&b, cells, 0);
	csv_write_row(&b, cells + 6, 1);
	CHECK_STR(b.buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"x\r\ny\","
		  "\" lead\",\"trail \",,,\"tab\there\",\"lf\n\",\"cr\r\","
		  "中文,\"\xef\xbb\xbfx\"\r\n\r\n\r\n");
	buf_release(&b);
	CHECK_INT(sizeof(csv_bom), 3);
	CHECK(!memcmp(csv_bom, "\xef\xbb\xbf", 3));
}

TEST(test_csv__write_read_round_trip_hostile)
{
	static const char *const row1[] = {
		"<script>alert(\"x\")</script>'&", "𠀀𠀀", "\xe2\x80\xae" "cba",
		"a\r\nb", "  leading", "trailing  ", "\"", "\"\"", ",", "\r",
		"\n", "=1+2", "\xef\xbb\xbf" "bom", "x\ty", "\"quoted\" then",
		"\xe2\x80\x8f\xe2\x80\xaa" "mixed\xe2\x80\xac",
	};
	static const char *const row3[] = { NULL, "only B", NULL, "" };
	static const char *const tab1[] = { "a\tb" };
	size_t n1 = sizeof(row1) / sizeof(row1[0]);
	struct buf b = BUF_INIT;

	buf_add(&b, csv_bom, sizeof(csv_bom));
	csv_write_row(&b, row1, n1);
	csv_write_row(&b, NULL, 0);
	csv_write_row(&b, row3, 4);
	CHECK_INT(load_lim(b.buf, b.len, NULL), 0);
	buf_release(&b);
	CHECK_INT(sh->nrows, 2);
	CHECK_INT(sh->rows[0].ncells, n1);
	for (size_t i = 0; i < n1; i++)
		CHECK_STR(cell(0, i), row1[i]);
	CHECK_INT(sh->rows[1].rownum, 3);
	CHECK_INT(sh->rows[1].ncells, 2);
	CHECK(cell(1, 0) == NULL);
	CHECK_STR(cell(1, 1), "only B");

	/* one column holding a TAB must not turn into two */
	csv_write_row(&b, tab1, 1);
	CHECK_INT(load_lim(b.buf, b.len, NULL), 0);
	buf_release(&b);
	CHECK_INT(sh->rows[0].ncells, 1);
	CHECK_STR(cell(0, 0), "a\tb");
}

T_MAIN(T(test_csv__plain_utf8), T(test_csv__bom_stripped),
       T(test_csv__bom_only_is_empty), T(test_csv__gbk),
       T(test_csv__gb18030_four_byte), T(test_csv__cp936_euro),
       T(test_csv__utf16le_bom_tab), T(test_csv__utf16_bad),
       T(test_csv__quoted_fields), T(test_csv__stray_quotes_literal),
       T(test_csv__line_ends), T(test_csv__trailing_newline_or_not),
       T(test_csv__ragged_rows),
       T(test_csv__empty_rows_dropped_rownums_kept),
       T(test_csv__text_kept_exactly), T(test_csv__tab_delimiter),
       T(test_csv__unterminated_quote), T(test_csv__invalid_encoding),
       T(test_csv__nul_refused), T(test_csv__workbook_refused),
       T(test_csv__cap_file_bytes), T(test_csv__cap_file_bytes_sparse_file),
       T(test_csv__cap_rows), T(test_csv__cap_cols),
       T(test_csv__cap_cell_bytes), T(test_csv__big_cells),
       T(test_csv__read_file), T(test_csv__bad_files),
       T(test_csv__second_sheet_appended), T(test_csv__write_quoting),
       T(test_csv__write_read_round_trip_hostile))
