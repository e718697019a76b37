/* xlsx-write.h: writing one table to an .xlsx file, row by row
 *
 * A thin layer over libxlsxwriter in constant-memory mode (so a 100,000-row
 * table takes little memory): an optional title row, a one- or two-row
 * header whose groups are merged the way government tables are (a group
 * label over its sub-labels; a label without sub-labels spanning both rows),
 * the header frozen, column widths, wrapped text.  Rows must be written in
 * order.  Only this file and xlsx-sheet.c (free-form workbooks) include
 * xlsxwriter.h.
 */
#ifndef GK_XLSX_WRITE_H
#define GK_XLSX_WRITE_H

#include <stddef.h>

#include "../util/errors.h"

struct xlsx_table_spec {
	const char *sheet;		/* worksheet name (≤ 31 characters) */
	const char *title;		/* NULL = no title row */
	size_t ncols;
	const char *const *group;	/* ncols labels for header row 1 */
	const char *const *label;	/* ncols labels for row 2; NULL entry =
					   row 1 spans both rows; NULL array =
					   a one-row header */
	const double *width;		/* ncols widths, or NULL */
};

struct xlsx_writer;

/* Start 'path'.  Returns NULL with a message in 'err'. */
struct xlsx_writer *xlsx_table_open(const char *path,
				    const struct xlsx_table_spec *spec,
				    struct errors *err);
/* Write one data row of spec->ncols cells (NULL = empty). */
void xlsx_table_row(struct xlsx_writer *w, const char *const *cells);
/* Finish and close the file; frees 'w'.  Returns 0 or -1 with a message. */
int xlsx_table_close(struct xlsx_writer *w, struct errors *err);

#endif
