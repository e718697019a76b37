/* grid.c: the in-memory spreadsheet shared by the readers; see grid.h. */
#include "grid.h"

const struct grid_limits grid_default_limits = {
	.max_file_bytes = 50u * 1024 * 1024,
	.max_rows = 200000,
	.max_cols = 512,
	.max_cell_bytes = 32767,
	.max_unpacked_bytes = 1024u * 1024 * 1024,
};

void grid_init(struct grid *g)
{
	arena_init(&g->arena);
	g->nsheets = 0;
	g->sheets = NULL;
}

void grid_release(struct grid *g)
{
	arena_release(&g->arena);
	g->nsheets = 0;
	g->sheets = NULL;
}

const char *grid_cell(const struct grid_row *row, size_t col)
{
	if (!row || col >= row->ncells)
		return NULL;
	return row->cells[col];
}

void grid_colname(size_t col, char out[8])
{
	char tmp[8];
	size_t n = 0, i = 0;

	col++;
	while (col && n < sizeof(tmp) - 1) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	while (n)
		out[i++] = tmp[--n];
	out[i] = '\0';
}
