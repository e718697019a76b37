/* xlsx-sheet.h: free-form .xlsx workbooks — cells anywhere, merged ranges,
 * a few fixed styles — for documents laid out like printed government
 * forms (the annual report's tables), where xlsx-write.h's one streamed
 * table does not fit.
 *
 * The whole workbook is kept in memory until xlsx_book_close (these
 * documents are small), so cells may be written in any order and merged
 * afterwards.  Like xlsx-write.c, this is a thin layer: only these two
 * files include xlsxwriter.h.
 */
#ifndef GK_XLSX_SHEET_H
#define GK_XLSX_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/errors.h"

enum xlsx_style {
	XS_PLAIN,	/* no border */
	XS_TITLE,	/* bold, large, centred */
	XS_HEADING,	/* bold, left */
	XS_HEAD,	/* table header: bold, centred, wrapped, bordered, tinted */
	XS_LABEL,	/* row label: wrapped, bordered, left, middle */
	XS_LABEL_CENTER,	/* a label spanning rows: centred */
	XS_NUM,		/* a number, bordered, right */
	XS_TEXT,	/* a paragraph: wrapped, top-left */
	XS_NOTE,	/* a remark: small, grey, wrapped */
	XS__MAX
};

struct xlsx_book;
struct xlsx_sheet;

/* Start a workbook to be written to 'path' on close.  NULL with a message
 * in 'err' when the file cannot be created. */
struct xlsx_book *xlsx_book_open(const char *path, struct errors *err);
/* Add a worksheet ('name' ≤ 31 characters, none of []:*?/\); printed one
 * page wide, landscape when asked.  Owned by the book. */
struct xlsx_sheet *xlsx_book_sheet(struct xlsx_book *b, const char *name,
				   bool landscape);
void xlsx_sheet_width(struct xlsx_sheet *s, size_t col, double width);
void xlsx_sheet_height(struct xlsx_sheet *s, size_t row, double height);
void xlsx_sheet_text(struct xlsx_sheet *s, size_t row, size_t col,
		     const char *text, enum xlsx_style st);
void xlsx_sheet_number(struct xlsx_sheet *s, size_t row, size_t col,
		       double v, enum xlsx_style st);
/* Merge rows r1..r2 × columns c1..c2 holding 'text'. */
void xlsx_sheet_merge(struct xlsx_sheet *s, size_t r1, size_t c1, size_t r2,
		      size_t c2, const char *text, enum xlsx_style st);
/* Write the file and free the book.  0, or -1 with a message. */
int xlsx_book_close(struct xlsx_book *b, struct errors *err);

#endif
