/* layout.h: the national standard layout of a 公开事项标准目录 table
 *
 * 序号 | 公开事项[一级事项 | 二级事项 | 三级事项] | 事项类型 | 对应本级政务服务事项名称 |
 * 公开内容（要素） | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 |
 * 公开对象[全社会 | 特定群体] | 公开方式[主动 | 依申请] |
 * 公开层级[市级 | 县级 | 乡级 | 村级] | 备注
 *
 * This file knows the columns, how offices label them (two-row merged
 * headers, 特定群众, 依申请公开, 镇级, …), and how the cells of one column
 * are read and written (√ ticks, ●/〇 elements).  Import and export both use
 * it, so that an exported table imports back to the same catalog.
 */
#ifndef GK_LAYOUT_H
#define GK_LAYOUT_H

#include <stddef.h>

#include "../io/grid.h"
#include "../store/model.h"
#include "../util/arena.h"
#include "../util/errors.h"

struct buf;

enum layout_col {
	COL_NONE = 0,
	COL_SEQ,
	COL_L1,
	COL_L2,
	COL_L3,
	COL_TYPE,
	COL_SERVICE,
	COL_ELEMENTS,
	COL_BASIS,
	COL_TIMELIMIT,
	COL_SUBJECT,
	COL_CHANNELS,
	COL_AUD_ALL,
	COL_AUD_SPECIFIC,
	COL_MODE_ACTIVE,
	COL_MODE_REQUEST,
	COL_LEVEL,		/* a 公开层级 tick column; which levels in 'bits' */
	COL_NOTE,
	COL_AUDIENCE_TEXT,	/* one column holding "全社会" / "特定群体" */
	COL_MODE_TEXT,		/* one column holding "主动" / "依申请" */
	COL_LEVELS_TEXT,	/* one column holding "县级、乡级" */
	COL__MAX
};

/* The columns gongkai writes, in order, with their two header rows. */
struct layout_out_col {
	enum layout_col col;
	unsigned bits;		/* for COL_LEVEL */
	const char *group;	/* row 1 (merged over the group) */
	const char *label;	/* row 2, NULL when row 1 spans both rows */
	double width;		/* in Excel character units */
};
extern const struct layout_out_col layout_out[];
extern const size_t layout_out_n;

/* How the columns of one sheet map to layout columns. */
struct layout_map {
	size_t header_row;	/* index into sheet->rows of the last header row */
	size_t ncols;
	enum layout_col *col;	/* per sheet column */
	unsigned *bits;		/* per sheet column, for COL_LEVEL */
	const char **label;	/* header text to name the column in messages */
	int has[COL__MAX];	/* 1 when some sheet column maps to it */
};

/* Find the header of 'sh' and map its columns.  Returns 0, or -1 when the
 * sheet has no recognisable header (nothing is added to 'err' then; the
 * caller decides).  Columns that are not part of the layout are listed in
 * 'notes' as ignored.  Memory from 'a'. */
int layout_map_header(const struct grid_sheet *sh, struct arena *a,
		      struct layout_map *m, struct errors *notes,
		      const char *where);

/* Name of a layout column in Chinese, for messages. */
const char *layout_col_name(enum layout_col c);

/* A tick cell: 1 ticked, 0 empty/unticked, -1 unrecognised. */
int layout_parse_tick(const char *cell);

/* Level bits named by a header label or a cell ("县级", "乡、村级", "镇(街)级").
 * 0 when none is recognised. */
unsigned layout_parse_levels(const char *text);
/* "全社会" → AUDIENCE_ALL etc.; 0 when none.  Both may be named. */
unsigned layout_parse_audience(const char *text);
unsigned layout_parse_mode(const char *text);

/* Split a 公开内容（要素） cell into elements (● required, 〇 optional,
 * unmarked lists split on 、；; and numbering when every part is short).
 * Returns the count; *out from 'a'. */
size_t elements_parse(const char *cell, struct arena *a,
		      struct element **out);
/* "●a ●b 〇c" */
void elements_format(struct buf *b, const struct element *v, size_t n);

/* True when the cell says "the same as above" (同上). */
int layout_is_same_as_above(const char *cell);

#endif

/* Set the part of 'it' that column 'col' holds from the cell text (NULL or
 * "" = empty).  For COL_LEVEL 'bits' says which level the column ticks.
 * The item may point into 'cell' itself (when it needs no trimming), so the
 * cell must live as long as the item; other strings come from 'a'.
 * Returns 0, or -1 with *why pointing at a static Chinese reason. */
int layout_set_cell(struct item *it, enum layout_col col, unsigned bits,
		    const char *cell, struct arena *a, const char **why);
