/* xlsx-sheet.c: free-form workbooks through libxlsxwriter; see
 * xlsx-sheet.h. */
#include "xlsx-sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include "../util/xalloc.h"

#define MAX_SHEETS 16

struct xlsx_sheet {
	lxw_worksheet *ws;
	struct xlsx_book *book;
};

struct xlsx_book {
	lxw_workbook *wb;
	lxw_format *fmt[XS__MAX];
	struct xlsx_sheet sheets[MAX_SHEETS];
	size_t nsheets;
	char *path;
};

static lxw_format *bordered(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

struct xlsx_book *xlsx_book_open(const char *path, struct errors *err)
{
	struct xlsx_book *b;
	lxw_format *f;
	FILE *probe;

	/* libxlsxwriter opens the file only when it closes the book: find a
	 * path that cannot be written now, before any work is done */
	if (!(probe = fopen(path, "wb"))) {
		errors_addf(err, "无法创建文件 %s（目录不存在或没有写权限？）", path);
		return NULL;
	}
	fclose(probe);
	b = xcalloc(1, sizeof(*b));
	b->path = xstrdup(path);
	b->wb = workbook_new(path);
	if (!b->wb) {
		errors_addf(err, "无法创建文件 %s（目录不存在或没有写权限？）", path);
		free(b->path);
		free(b);
		return NULL;
	}
	b->fmt[XS_PLAIN] = NULL;
	f = b->fmt[XS_TITLE] = workbook_add_format(b->wb);
	format_set_bold(f);
	format_set_font_size(f, 16);
	format_set_align(f, LXW_ALIGN_CENTER);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(f);
	f = b->fmt[XS_HEADING] = workbook_add_format(b->wb);
	format_set_bold(f);
	format_set_font_size(f, 12);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	f = b->fmt[XS_HEAD] = bordered(b->wb);
	format_set_bold(f);
	format_set_align(f, LXW_ALIGN_CENTER);
	format_set_bg_color(f, 0xF2F2F2);
	f = b->fmt[XS_LABEL] = bordered(b->wb);
	format_set_align(f, LXW_ALIGN_LEFT);
	f = b->fmt[XS_LABEL_CENTER] = bordered(b->wb);
	format_set_align(f, LXW_ALIGN_CENTER);
	f = b->fmt[XS_NUM] = bordered(b->wb);
	format_set_align(f, LXW_ALIGN_RIGHT);
	f = b->fmt[XS_TEXT] = workbook_add_format(b->wb);
	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	f = b->fmt[XS_NOTE] = workbook_add_format(b->wb);
	format_set_text_wrap(f);
	format_set_font_size(f, 9);
	format_set_font_color(f, 0x595959);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	return b;
}

struct xlsx_sheet *xlsx_book_sheet(struct xlsx_book *b, const char *name,
				   bool landscape)
{
	struct xlsx_sheet *s;

	if (b->nsheets == MAX_SHEETS)
		abort();	/* a programming error: documents are fixed */
	s = &b->sheets[b->nsheets++];
	s->book = b;
	s->ws = workbook_add_worksheet(b->wb, name);
	if (!s->ws)
		s->ws = workbook_add_worksheet(b->wb, NULL);
	worksheet_set_paper(s->ws, 9);	/* A4 */
	if (landscape)
		worksheet_set_landscape(s->ws);
	worksheet_fit_to_pages(s->ws, 1, 0);
	worksheet_center_horizontally(s->ws);
	return s;
}

void xlsx_sheet_width(struct xlsx_sheet *s, size_t col, double width)
{
	worksheet_set_column(s->ws, (lxw_col_t)col, (lxw_col_t)col, width, NULL);
}

void xlsx_sheet_height(struct xlsx_sheet *s, size_t row, double height)
{
	worksheet_set_row(s->ws, (lxw_row_t)row, height, NULL);
}

void xlsx_sheet_text(struct xlsx_sheet *s, size_t row, size_t col,
		     const char *text, enum xlsx_style st)
{
	worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col,
			       text ? text : "", s->book->fmt[st]);
}

void xlsx_sheet_number(struct xlsx_sheet *s, size_t row, size_t col,
		       double v, enum xlsx_style st)
{
	worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v,
			       s->book->fmt[st]);
}

void xlsx_sheet_merge(struct xlsx_sheet *s, size_t r1, size_t c1, size_t r2,
		      size_t c2, const char *text, enum xlsx_style st)
{
	if (r1 == r2 && c1 == c2) {
		xlsx_sheet_text(s, r1, c1, text, st);
		return;
	}
	worksheet_merge_range(s->ws, (lxw_row_t)r1, (lxw_col_t)c1,
			      (lxw_row_t)r2, (lxw_col_t)c2, text ? text : "",
			      s->book->fmt[st]);
}

int xlsx_book_close(struct xlsx_book *b, struct errors *err)
{
	lxw_error rc = workbook_close(b->wb);
	int ret = 0;

	if (rc != LXW_NO_ERROR) {
		errors_addf(err, "写入 %s 失败：%s", b->path, lxw_strerror(rc));
		ret = -1;
	}
	free(b->path);
	free(b);
	return ret;
}
