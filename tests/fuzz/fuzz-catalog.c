/* fuzz-catalog.c: libFuzzer target for the catalog importer past the file
 * readers — bytes as a CSV sheet, then header recognition, 同上 and
 * continuation, cell parsing (ticks, channels, elements, 公开时限) and tree
 * building.  Anything may be refused; nothing may crash or leak, and an
 * accepted catalog must export and re-import to the same number of items. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/catalog.h"
#include "io/csv-read.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct grid g, g2;
	struct errors err = ERRORS_INIT, notes = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct catalog c, c2;
	struct buf out = BUF_INIT;

	grid_init(&g);
	grid_init(&g2);
	memset(&c, 0, sizeof(c));
	memset(&c2, 0, sizeof(c2));
	if (csv_read_mem(data, size, "f.csv", "f", &grid_default_limits, &g,
			 &err) == 0 &&
	    catalog_from_grid(&g, "f.csv", NULL, &c, &a, &err, &notes) == 0) {
		catalog_write_csv(&c, &out);
		if (csv_read_mem(out.buf, out.len, "g.csv", "g",
				 &grid_default_limits, &g2, &err) != 0 ||
		    catalog_from_grid(&g2, "g.csv", NULL, &c2, &a, &err,
				      &notes) != 0 ||
		    c2.nitems != c.nitems)
			__builtin_trap();
	}
	buf_release(&out);
	grid_release(&g);
	grid_release(&g2);
	arena_release(&a);
	errors_release(&err);
	errors_release(&notes);
	return 0;
}
