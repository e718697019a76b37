/* fuzz-indicators.c: libFuzzer target for the indicator-table (考核指标)
 * parser past the file readers — bytes as a CSV sheet, then header
 * recognition, 一级/二级 continuation, 考核对象及分值 (types and points),
 * evidence from 考核方式, 平台数据, the 说明 row with 基准分 and the bonus
 * cap, and the totals.  Anything may be refused; nothing may crash or
 * leak, and an accepted table must export and re-import to the same
 * lines, points and totals. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/assessment.h"
#include "io/csv-read.h"
#include "util/buf.h"

static int same(const struct assess_table *x, const struct assess_table *y)
{
	int64_t b1[ASSESS_MAX_TYPES], b2[ASSESS_MAX_TYPES];
	int64_t c1[ASSESS_MAX_TYPES], c2[ASSESS_MAX_TYPES];

	if (x->nlines != y->nlines || x->ntypes != y->ntypes ||
	    x->bonus_cap != y->bonus_cap)
		return 0;
	for (size_t i = 0; i < x->nlines; i++) {
		const struct assess_line *a = &x->lines[i], *b = &y->lines[i];

		if (a->level != b->level || a->parent != b->parent ||
		    a->scored != b->scored || a->evidence != b->evidence ||
		    strcmp(a->name, b->name))
			return 0;
	}
	assess_table_totals(x, b1, c1);
	assess_table_totals(y, b2, c2);
	for (size_t k = 0; k < x->ntypes; k++)
		if (b1[k] != b2[k] || c1[k] != c2[k] ||
		    strcmp(x->types[k], y->types[k]))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct grid g, g2;
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct assess_table t, t2;
	struct buf out = BUF_INIT;

	grid_init(&g);
	grid_init(&g2);
	if (csv_read_mem(data, size, "f.csv", "f", &grid_default_limits, &g,
			 &err) == 0 &&
	    assess_table_from_grid(&g, "f.csv", &a, &t, &err) == 0) {
		assess_table_write_csv(&t, &out);
		if (csv_read_mem(out.buf, out.len, "g.csv", "g",
				 &grid_default_limits, &g2, &err) != 0 ||
		    assess_table_from_grid(&g2, "g.csv", &a, &t2, &err) != 0 ||
		    !same(&t, &t2))
			__builtin_trap();
	}
	buf_release(&out);
	grid_release(&g);
	grid_release(&g2);
	arena_release(&a);
	errors_release(&err);
	return 0;
}
