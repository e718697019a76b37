/* xlsx-write.c: one table to .xlsx through libxlsxwriter; see xlsx-write.h.
 *
 * Constant-memory mode writes each row as soon as the next one starts, so
 * merges are recorded in an order libxlsxwriter accepts: merges inside the
 * first header row while it is current, merges spanning both header rows
 * once the second row is current (the merge is checked against its last
 * row, and the top-left text was already written).
 */
#include "xlsx-write.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "../util/xalloc.h"

struct xlsx_writer {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *cell;
	size_t ncols;
	lxw_row_t row;		/* next data row */
	char *path;
};

static void header(struct xlsx_writer *w, const struct xlsx_table_spec *sp,
		   lxw_row_t r0)
{
	size_t n = sp->ncols;

	for (size_t j = 0; j < n; j++)
		worksheet_write_string(w->ws, r0, (lxw_col_t)j, sp->group[j],
				       w->head);
	if (!sp->label)
		return;
	/* groups: runs of equal row-1 labels over sub-labels */
	for (size_t j = 0; j < n;) {
		size_t k = j + 1;
		while (k < n && sp->label[j] && sp->label[k] &&
		       !strcmp(sp->group[k], sp->group[j]))
			k++;
		if (k - j > 1)
			worksheet_merge_range(w->ws, r0, (lxw_col_t)j, r0,
					      (lxw_col_t)(k - 1), sp->group[j],
					      w->head);
		j = k;
	}
	for (size_t j = 0; j < n; j++)
		worksheet_write_string(w->ws, r0 + 1, (lxw_col_t)j,
				       sp->label[j] ? sp->label[j] : "",
				       w->head);
	for (size_t j = 0; j < n; j++)
		if (!sp->label[j])
			worksheet_merge_range(w->ws, r0, (lxw_col_t)j, r0 + 1,
					      (lxw_col_t)j, sp->group[j],
					      w->head);
}

struct xlsx_writer *xlsx_table_open(const char *path,
				    const struct xlsx_table_spec *sp,
				    struct errors *err)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	struct xlsx_writer *w = xcalloc(1, sizeof(*w));
	lxw_row_t r0 = 0;

	w->path = xstrdup(path);
	w->ncols = sp->ncols;
	w->wb = workbook_new_opt(path, &opt);
	if (!w->wb) {
		errors_addf(err, "无法创建文件 %s（目录不存在或没有写权限？）", path);
		free(w->path);
		free(w);
		return NULL;
	}
	w->ws = workbook_add_worksheet(w->wb, sp->sheet);
	if (!w->ws)
		w->ws = workbook_add_worksheet(w->wb, NULL);
	w->head = workbook_add_format(w->wb);
	format_set_bold(w->head);
	format_set_align(w->head, LXW_ALIGN_CENTER);
	format_set_align(w->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(w->head);
	format_set_border(w->head, LXW_BORDER_THIN);
	format_set_bg_color(w->head, 0xDDEBF7);
	w->cell = workbook_add_format(w->wb);
	format_set_text_wrap(w->cell);
	format_set_align(w->cell, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(w->cell, LXW_BORDER_THIN);
	for (size_t j = 0; j < sp->ncols; j++)
		worksheet_set_column(w->ws, (lxw_col_t)j, (lxw_col_t)j,
				     sp->width ? sp->width[j] : 12, NULL);
	if (sp->title) {
		lxw_format *t = workbook_add_format(w->wb);
		format_set_bold(t);
		format_set_font_size(t, 14);
		format_set_align(t, LXW_ALIGN_CENTER);
		worksheet_set_row(w->ws, 0, 24, NULL);
		worksheet_merge_range(w->ws, 0, 0, 0,
				      (lxw_col_t)(sp->ncols - 1), sp->title, t);
		r0 = 1;
	}
	header(w, sp, r0);
	w->row = r0 + (sp->label ? 2 : 1);
	worksheet_freeze_panes(w->ws, w->row, 0);
	return w;
}

void xlsx_table_row(struct xlsx_writer *w, const char *const *cells)
{
	for (size_t j = 0; j < w->ncols; j++)
		if (cells[j] && *cells[j])
			worksheet_write_string(w->ws, w->row, (lxw_col_t)j,
					       cells[j], w->cell);
	w->row++;
}

int xlsx_table_close(struct xlsx_writer *w, struct errors *err)
{
	lxw_error rc = workbook_close(w->wb);
	int ret = 0;

	if (rc != LXW_NO_ERROR) {
		errors_addf(err, "写入 %s 失败：%s", w->path, lxw_strerror(rc));
		ret = -1;
	}
	free(w->path);
	free(w);
	return ret;
}
