/* grid.h: a spreadsheet read into memory, whatever file it came from
 *
 * The .xlsx and .csv readers both produce a grid: sheets of rows of cells,
 * every cell either NULL (empty) or well-formed, NUL-terminated UTF-8 text.
 * Merged cells are already expanded: every cell inside a merged range holds
 * the text of the range's top-left cell, so callers never see merges.
 * Everything lives in the grid's arena and goes with grid_release().
 *
 * Row numbers are those a person sees in the spreadsheet program (1-based,
 * counting empty rows), so that messages can point at them.
 */
#ifndef GK_GRID_H
#define GK_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

struct grid_row {
	uint32_t rownum;	/* 1-based, as shown in the spreadsheet */
	uint32_t ncells;	/* cells[0..ncells) ; column A is cells[0] */
	const char **cells;	/* NULL = empty cell */
};

struct grid_sheet {
	const char *name;	/* worksheet name; for CSV the file's base name */
	size_t nrows;		/* only rows with at least one non-empty cell */
	struct grid_row *rows;
};

struct grid {
	struct arena arena;
	size_t nsheets;
	struct grid_sheet *sheets;
};

/* Caps on what a reader accepts; a file over any cap is refused whole. */
struct grid_limits {
	size_t max_file_bytes;		/* size of the file as given */
	size_t max_rows;		/* per sheet */
	size_t max_cols;
	size_t max_cell_bytes;
	size_t max_unpacked_bytes;	/* xlsx: total XML read out of the zip */
};

/* 50 MB file, 200,000 rows, 512 columns, 32,767-byte cells (Excel's own
 * cell limit), 1 GB of XML. */
extern const struct grid_limits grid_default_limits;

void grid_init(struct grid *g);
void grid_release(struct grid *g);

/* Text of cell 'col' of 'row', or NULL when out of range or empty. */
const char *grid_cell(const struct grid_row *row, size_t col);

/* Spreadsheet column name of a 0-based index: 0 → "A", 27 → "AB". */
void grid_colname(size_t col, char out[8]);

#endif
