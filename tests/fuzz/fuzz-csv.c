/* fuzz-csv.c: libFuzzer target for the CSV reader and writer
 *
 * Any input either is refused with a message or gives a grid that keeps the
 * reader's promises (rows in order, cells non-empty valid UTF-8 within the
 * caps, no empty rows, no trailing empty cells).  A grid read is then
 * written back with csv_write_row() (a blank record for every dropped row,
 * so row numbers survive) and read again: it must give the same cells.
 * The caps are small so that the fuzzer reaches them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv-read.h"
#include "io/csv-write.h"
#include "util/buf.h"
#include "util/utf8.h"

static const struct grid_limits lim = {
	.max_file_bytes = 1024 * 1024,
	.max_rows = 5000,
	.max_cols = 64,
	.max_cell_bytes = 4096,
	.max_unpacked_bytes = 0,
};

#define FAIL(...) do { \
	fprintf(stderr, "fuzz-csv: " __VA_ARGS__); \
	fprintf(stderr, "\n"); \
	abort(); \
} while (0)

static void check_sheet(const struct grid *g)
{
	const struct grid_sheet *sh;
	uint32_t prev = 0;

	if (g->nsheets != 1)
		FAIL("%zu sheets", g->nsheets);
	sh = &g->sheets[0];
	if (!sh->name || strcmp(sh->name, "fuzz"))
		FAIL("sheet name");
	for (size_t i = 0; i < sh->nrows; i++) {
		const struct grid_row *r = &sh->rows[i];

		if (r->rownum <= prev || r->rownum > lim.max_rows)
			FAIL("row %zu: rownum %u after %u", i, r->rownum, prev);
		prev = r->rownum;
		if (!r->ncells || r->ncells > lim.max_cols)
			FAIL("row %zu: %u cells", i, r->ncells);
		if (!r->cells[r->ncells - 1])
			FAIL("row %zu: trailing empty cell", i);
		for (size_t j = 0; j < r->ncells; j++) {
			const char *c = r->cells[j];
			size_t n;

			if (!c)
				continue;
			n = strlen(c);
			if (!n || n > lim.max_cell_bytes || !utf8_valid(c, n))
				FAIL("row %zu cell %zu: bad text", i, j);
		}
	}
}

static void write_sheet(struct buf *b, const struct grid_sheet *sh)
{
	uint32_t prev = 0;

	buf_add(b, csv_bom, sizeof(csv_bom));
	for (size_t i = 0; i < sh->nrows; i++) {
		const struct grid_row *r = &sh->rows[i];

		while (++prev < r->rownum)
			csv_write_row(b, NULL, 0);
		csv_write_row(b, r->cells, r->ncells);
	}
}

static void compare(const struct grid_sheet *a, const struct grid_sheet *b)
{
	if (a->nrows != b->nrows)
		FAIL("round trip: %zu rows, then %zu", a->nrows, b->nrows);
	for (size_t i = 0; i < a->nrows; i++) {
		const struct grid_row *ra = &a->rows[i], *rb = &b->rows[i];

		if (ra->rownum != rb->rownum || ra->ncells != rb->ncells)
			FAIL("round trip: row %zu: %u/%u cells, then %u/%u", i,
			     ra->rownum, ra->ncells, rb->rownum, rb->ncells);
		for (size_t j = 0; j < ra->ncells; j++) {
			const char *x = ra->cells[j], *y = rb->cells[j];

			if (!x != !y || (x && strcmp(x, y)))
				FAIL("round trip: row %zu cell %zu differs", i,
				     j);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct grid g, g2;
	struct errors e = ERRORS_INIT;
	struct buf b = BUF_INIT;
	struct grid_limits lim2 = lim;

	grid_init(&g);
	grid_init(&g2);
	if (csv_read_mem(data, size, "fuzz.csv", "fuzz", &lim, &g, &e) < 0) {
		if (errors_count(&e) != 1 || g.nsheets)
			FAIL("refused with %zu messages, %zu sheets",
			     errors_count(&e), g.nsheets);
		goto out;
	}
	if (errors_count(&e))
		FAIL("accepted with %zu messages", errors_count(&e));
	check_sheet(&g);

	write_sheet(&b, &g.sheets[0]);
	lim2.max_file_bytes = SIZE_MAX;	/* quoting makes the file longer */
	if (csv_read_mem(b.buf, b.len, "fuzz.csv", "fuzz", &lim2, &g2,
			 &e) < 0)
		FAIL("round trip refused: %s", e.msg ? e.msg[0] : "?");
	compare(&g.sheets[0], &g2.sheets[0]);
out:
	buf_release(&b);
	errors_release(&e);
	grid_release(&g);
	grid_release(&g2);
	return 0;
}
