/* annual-report-xlsx.c: the annual report as an .xlsx workbook, with the
 * official row and column labels of 国办公开办函〔2021〕30号 (see
 * annual-report.h for the layout tables this walks).
 *
 * Four sheets rather than one: the first, 年度报告, has the title and the
 * six sections in the official order (the texts of 一, 五, 六 and the fee
 * sentence; 二, 三, 四 point to their sheets), and each table has a sheet
 * named by its section.  The tables need different columns — table 三
 * three label columns and seven numbers, table 四 fifteen numbers, table
 * 二 four — so on one sheet their widths would fight and none would print
 * well; on its own sheet each prints on one page (table 四 landscape) and
 * can be copied into the office's Word template or summed by the office
 * above one table at a time.
 */
#include "annual-report.h"

#include <string.h>

#include "../io/xlsx-sheet.h"
#include "../util/buf.h"
#include "../util/utf8.h"

#define SHEET_MAIN "年度报告"
#define SEC2 ANNUAL_SEC2
#define SEC3 ANNUAL_SEC3
#define SEC4 ANNUAL_SEC4
#define TEXT_COLS 8		/* columns a paragraph spans on sheet 1 */
#define CHARS_PER_LINE 46	/* about, at the widths below */
#define CELL_MAX 30000		/* bytes per cell (Excel: 32,767 characters) */

/* One paragraph into merged rows of at most CELL_MAX bytes each, cut at
 * character boundaries; returns the next free row. */
static size_t paragraph(struct xlsx_sheet *sh, size_t row, const char *p,
			size_t n, enum xlsx_style st)
{
	while (n) {
		size_t k = n > CELL_MAX ? CELL_MAX : n, chars, lines;
		struct buf b = BUF_INIT;

		while (k < n && ((unsigned char)p[k] & 0xC0) == 0x80)
			k--;	/* do not split a character */
		buf_add(&b, p, k);
		chars = utf8_len(b.buf);
		lines = chars / CHARS_PER_LINE + 1;
		xlsx_sheet_height(sh, row, lines * 16.0 > 409 ? 409 :
				  lines * 16.0);
		xlsx_sheet_merge(sh, row, 0, row, TEXT_COLS - 1, b.buf, st);
		buf_release(&b);
		row++;
		p += k;
		n -= k;
	}
	return row;
}

/* A text, a paragraph per line (blank lines dropped); "（未填写）" when
 * empty. */
static size_t text_block(struct xlsx_sheet *sh, size_t row, const char *t)
{
	const char *p = t ? t : "";
	bool any = false;

	while (*p) {
		size_t n = strcspn(p, "\n");
		size_t m = n;

		while (m && (p[m - 1] == '\r' || p[m - 1] == ' ' ||
			     p[m - 1] == '\t'))
			m--;
		if (m) {
			row = paragraph(sh, row, p, m, XS_TEXT);
			any = true;
		}
		p += n;
		if (*p)
			p++;
	}
	if (!any)
		row = paragraph(sh, row, "（未填写）", strlen("（未填写）"), XS_NOTE);
	return row;
}

static size_t heading(struct xlsx_sheet *sh, size_t row, const char *h)
{
	xlsx_sheet_height(sh, row, 22);
	xlsx_sheet_merge(sh, row, 0, row, TEXT_COLS - 1, h, XS_HEADING);
	return row + 1;
}

static void main_sheet(struct xlsx_book *bk, const struct annual_report *r)
{
	struct xlsx_sheet *sh = xlsx_book_sheet(bk, SHEET_MAIN, false);
	struct buf b = BUF_INIT;
	size_t row = 0;

	for (size_t c = 0; c < TEXT_COLS; c++)
		xlsx_sheet_width(sh, c, 11);
	xlsx_sheet_height(sh, row, 42);
	xlsx_sheet_merge(sh, row, 0, row, TEXT_COLS - 1, r->title, XS_TITLE);
	row++;
	if (r->region_wide) {
		buf_addf(&b, "统计范围：%s本级各单位（不含下级地区）：", r->region_name);
		for (size_t i = 0; i < r->nunits; i++)
			buf_addf(&b, "%s%s", i ? "、" : "", r->units[i].name);
		buf_adds(&b, "。");
	} else {
		buf_addf(&b, "统计范围：%s。", r->unit_name);
	}
	row = paragraph(sh, row, b.buf, b.len, XS_NOTE);
	buf_release(&b);

	row = heading(sh, row, ANNUAL_SEC1);
	row = text_block(sh, row, r->overview);
	row = heading(sh, row, SEC2);
	row = paragraph(sh, row, "见工作表「" SEC2 "」。",
			strlen("见工作表「" SEC2 "」。"), XS_NOTE);
	row = heading(sh, row, SEC3);
	row = paragraph(sh, row, "见工作表「" SEC3 "」。",
			strlen("见工作表「" SEC3 "」。"), XS_NOTE);
	row = heading(sh, row, SEC4);
	row = paragraph(sh, row, "见工作表「" SEC4 "」。",
			strlen("见工作表「" SEC4 "」。"), XS_NOTE);
	row = heading(sh, row, ANNUAL_SEC5);
	row = text_block(sh, row, r->problems);
	row = heading(sh, row, ANNUAL_SEC6);
	if (r->other && *r->other)
		row = text_block(sh, row, r->other);
	row = paragraph(sh, row, r->fee_sentence, strlen(r->fee_sentence),
			XS_TEXT);
	row++;
	row = heading(sh, row, "数据说明");
	for (size_t i = 0; i < r->nnotes; i++)
		row = paragraph(sh, row, r->notes[i], strlen(r->notes[i]),
				XS_NOTE);
	for (size_t i = 0; i < r->nproblems; i++)
		row = paragraph(sh, row, r->problems_found[i],
				strlen(r->problems_found[i]), XS_NOTE);
}

static void table2_sheet(struct xlsx_book *bk, const struct annual_report *r)
{
	struct xlsx_sheet *sh = xlsx_book_sheet(bk, SEC2, false);
	size_t row = 0;

	xlsx_sheet_width(sh, 0, 30);
	for (size_t c = 1; c <= 3; c++)
		xlsx_sheet_width(sh, c, 18);
	xlsx_sheet_height(sh, row, 30);
	xlsx_sheet_merge(sh, row, 0, row, 3, SEC2, XS_TITLE);
	row++;
	for (size_t k = 0; k < ANNUAL_T2_NBLOCKS; k++) {
		const struct annual_t2_block *bl = &annual_t2_blocks[k];

		xlsx_sheet_merge(sh, row, 0, row, 3, bl->heading, XS_HEAD);
		row++;
		xlsx_sheet_text(sh, row, 0, bl->columns[0], XS_HEAD);
		if (bl->ncolumns == 1)
			xlsx_sheet_merge(sh, row, 1, row, 3, bl->columns[1],
					 XS_HEAD);
		else
			for (size_t c = 1; c <= bl->ncolumns; c++)
				xlsx_sheet_text(sh, row, c, bl->columns[c],
						XS_HEAD);
		row++;
		for (size_t i = 0; i < bl->nrows; i++) {
			const struct annual_t2_row *rw = &bl->rows[i];

			xlsx_sheet_text(sh, row, 0, rw->label, XS_LABEL);
			if (bl->ncolumns == 1) {
				const struct annual_figure *f = &r->t2[rw->cells[0]];
				double v = rw->cells[0] == T2_FEES ?
					(double)f->value / 1e6 : (double)f->value;

				xlsx_sheet_merge(sh, row, 1, row, 3, "", XS_NUM);
				xlsx_sheet_number(sh, row, 1, v, XS_NUM);
			} else {
				for (size_t c = 0; c < bl->ncolumns; c++)
					xlsx_sheet_number(sh, row, c + 1,
						(double)r->t2[rw->cells[c]].value,
						XS_NUM);
			}
			row++;
		}
	}
	row++;
	for (size_t i = 0; i < r->nnotes; i++)
		if (strstr(r->notes[i], "表二")) {
			xlsx_sheet_height(sh, row, 32);
			xlsx_sheet_merge(sh, row, 0, row, 3, r->notes[i], XS_NOTE);
			row++;
		}
}

static void table3_sheet(struct xlsx_book *bk, const struct annual_report *r)
{
	struct xlsx_sheet *sh = xlsx_book_sheet(bk, SEC3, false);
	size_t row = 0, first = 4;

	xlsx_sheet_width(sh, 0, 8);
	xlsx_sheet_width(sh, 1, 12);
	xlsx_sheet_width(sh, 2, 42);
	for (size_t c = 3; c < 3 + AC__MAX; c++)
		xlsx_sheet_width(sh, c, 9);
	xlsx_sheet_height(sh, row, 30);
	xlsx_sheet_merge(sh, row, 0, row, 2 + AC__MAX, SEC3, XS_TITLE);
	/* the header: three rows */
	xlsx_sheet_merge(sh, 1, 0, 3, 2, ANNUAL_T3_NOTE, XS_HEAD);
	xlsx_sheet_merge(sh, 1, 3, 1, 2 + AC__MAX, ANNUAL_COL_APPLICANT, XS_HEAD);
	xlsx_sheet_merge(sh, 2, 3, 3, 3, annual_col_label[AC_PERSON], XS_HEAD);
	xlsx_sheet_merge(sh, 2, 4, 2, 3 + AC_OTHER, ANNUAL_COL_ORG, XS_HEAD);
	for (int c = AC_COMMERCIAL; c <= AC_OTHER; c++)
		xlsx_sheet_text(sh, 3, 3 + (size_t)c, annual_col_label[c], XS_HEAD);
	xlsx_sheet_merge(sh, 2, 3 + AC_TOTAL, 3, 3 + AC_TOTAL,
			 annual_col_label[AC_TOTAL], XS_HEAD);
	xlsx_sheet_height(sh, 3, 30);
	/* the body: headings span the rows of numbers below them */
	row = first;
	for (int i = 0; i < ANNUAL_T3_NROWS; i++) {
		const struct annual_t3_row *t = &annual_t3_rows[i];

		if (!t->figures) {
			size_t col = (size_t)t->level;

			xlsx_sheet_merge(sh, row, col, row + (size_t)t->span - 1,
					 col, t->label, XS_LABEL_CENTER);
			continue;
		}
		if (t->level == 0)
			xlsx_sheet_merge(sh, row, 0, row, 2, t->label, XS_LABEL);
		else if (t->level == 1)
			xlsx_sheet_merge(sh, row, 1, row, 2, t->label, XS_LABEL);
		else
			xlsx_sheet_text(sh, row, 2, t->label, XS_LABEL);
		for (int c = 0; c < AC__MAX; c++)
			xlsx_sheet_number(sh, row, 3 + (size_t)c,
					  (double)r->t3[i][c], XS_NUM);
		if (utf8_len(t->label) > 24)
			xlsx_sheet_height(sh, row, 30);
		row++;
	}
	row++;
	xlsx_sheet_merge(sh, row, 0, row, 2 + AC__MAX, r->balanced ?
			 "勾稽关系检查：各列均满足 一 + 二 = （七）总计 + 四。" :
			 "勾稽关系检查：有列不平衡，见「年度报告」工作表的数据说明。",
			 XS_NOTE);
}

static void table4_sheet(struct xlsx_book *bk, const struct annual_report *r)
{
	struct xlsx_sheet *sh = xlsx_book_sheet(bk, SEC4, true);

	for (size_t c = 0; c < 15; c++)
		xlsx_sheet_width(sh, c, 9);
	xlsx_sheet_height(sh, 0, 30);
	xlsx_sheet_merge(sh, 0, 0, 0, 14, SEC4, XS_TITLE);
	xlsx_sheet_merge(sh, 1, 0, 1, 4, ANNUAL_T4_REVIEW, XS_HEAD);
	xlsx_sheet_merge(sh, 1, 5, 1, 14, ANNUAL_T4_SUIT, XS_HEAD);
	for (int k = 0; k < AR__MAX; k++)
		xlsx_sheet_merge(sh, 2, (size_t)k, 3, (size_t)k,
				 annual_case_result_label[k], XS_HEAD);
	for (int j = AK_SUIT_DIRECT; j < AK__MAX; j++) {
		size_t c0 = 5 + (size_t)(j - AK_SUIT_DIRECT) * AR__MAX;

		xlsx_sheet_merge(sh, 2, c0, 2, c0 + AR__MAX - 1,
				 annual_case_kind_label[j], XS_HEAD);
		for (int k = 0; k < AR__MAX; k++)
			xlsx_sheet_text(sh, 3, c0 + (size_t)k,
					annual_case_result_label[k], XS_HEAD);
	}
	for (int j = 0; j < AK__MAX; j++)
		for (int k = 0; k < AR__MAX; k++)
			xlsx_sheet_number(sh, 4, (size_t)(j * AR__MAX + k),
					  (double)r->t4[j][k], XS_NUM);
}

int annual_report_write_xlsx(const struct annual_report *r, const char *path,
			     struct errors *err)
{
	struct xlsx_book *bk = xlsx_book_open(path, err);

	if (!bk)
		return -1;
	main_sheet(bk, r);
	table2_sheet(bk, r);
	table3_sheet(bk, r);
	table4_sheet(bk, r);
	return xlsx_book_close(bk, err);
}
