/* catalog-import.c: a standard-layout table (.xlsx or .csv) → a catalog
 *
 * Reads real files as offices make them: a title row above a one- or
 * two-row header (layout.c maps the columns), 「同上」 cells that repeat the
 * cell above, blank 一级事项 (and 二级事项, under 三级事项) cells that
 * continue the row above, ticks, ■/□ channels and ●/〇 elements.  Every
 * problem of the file is reported, as 文件:工作表:第N行:「列名」: 原因; if
 * there is any, nothing is written.
 */
#include "catalog.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "../io/csv-read.h"
#include "../io/xlsx-read.h"
#include "../util/buf.h"
#include "../util/hmap.h"
#include "../util/progress.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* Where a problem is: "文件:工作表:第N行:「列名」" */
static void row_problem(struct errors *err, const char *display,
			const char *sheet, uint32_t rownum, const char *col,
			const char *why)
{
	if (col)
		errors_addf(err, "%s:%s:第%u行:「%s」: %s", display, sheet,
			    rownum, col, why);
	else
		errors_addf(err, "%s:%s:第%u行: %s", display, sheet, rownum, why);
}

/* The key of an item under a parent, for duplicate and group lookup. */
static size_t child_key(struct buf *k, int parent, const char *name)
{
	buf_reset(k);
	buf_addf(k, "%d\x1f%s", parent, name);
	return k->len;
}

/* Is this row a legend ("●"表示必选项…) or otherwise not a data row? */
static int is_legend_row(const struct grid_row *r)
{
	const char *first = NULL;

	for (size_t j = 0; j < r->ncells; j++) {
		if (!r->cells[j])
			continue;
		if (!first)
			first = r->cells[j];
		else if (strcmp(first, r->cells[j]))
			return 0;
	}
	return first && (strstr(first, "表示") || strstr(first, "说明") ||
			 strstr(first, "注："));
}

/* What 'where' a row continues: the values of the row above. */
struct carry {
	const char *cell[COL__MAX];	/* effective text of each column */
	uint32_t rownum;
	int any;
};

/* Does the sheet's header fit a catalog at all? Adds problems if not. */
static int check_header(const struct layout_map *m, struct errors *err,
			const char *where)
{
	int bad = 0;

	if (!m->has[COL_L1]) {
		errors_addf(err, "%s: 表头中找不到「一级事项」列，请使用标准目录的表头"
			    "（序号、公开事项〔一级事项、二级事项〕、公开内容（要素）…）",
			    where);
		bad = 1;
	}
	if (!m->has[COL_L2]) {
		errors_addf(err, "%s: 表头中找不到「二级事项」列，请使用标准目录的表头",
			    where);
		bad = 1;
	}
	if (!m->has[COL_ELEMENTS]) {
		errors_addf(err, "%s: 表头中找不到「公开内容（要素）」列", where);
		bad = 1;
	}
	if (!m->has[COL_MODE_ACTIVE] && !m->has[COL_MODE_REQUEST] &&
	    !m->has[COL_MODE_TEXT]) {
		errors_addf(err, "%s: 表头中找不到「公开方式」（主动 / 依申请）列",
			    where);
		bad = 1;
	}
	return bad ? -1 : 0;
}

int catalog_from_grid(const struct grid *g, const char *display,
		      const char *want_sheet, struct catalog *c,
		      struct arena *a, struct errors *err,
		      struct errors *notes)
{
	const struct grid_sheet *sh = NULL;
	struct layout_map m;
	struct hmap names = HMAP_INIT;	/* "parent\x1fname" → item index */
	struct hmap rows_of = HMAP_INIT;	/* same key → row number */
	struct buf key = BUF_INIT, where = BUF_INIT;
	struct carry prev;
	struct progress pr;
	size_t before = errors_count(err);
	int ret = -1;

	/* the sheet: the one asked for, else the first with a header */
	for (size_t i = 0; i < g->nsheets; i++) {
		const struct grid_sheet *t = &g->sheets[i];
		if (want_sheet) {
			if (!strcmp(t->name, want_sheet)) {
				sh = t;
				break;
			}
			continue;
		}
		if (layout_map_header(t, a, &m, NULL, "") == 0) {
			if (!sh)
				sh = t;
			else if (notes)
				errors_addf(notes, "%s: 工作表「%s」也有目录表头，"
					    "未导入（需要时用 --sheet 指定）",
					    display, t->name);
		}
	}
	if (!sh) {
		if (want_sheet)
			errors_addf(err, "%s: 没有名为「%s」的工作表", display,
				    want_sheet);
		else if (!g->nsheets || !g->sheets[0].nrows)
			errors_addf(err, "%s: 文件是空的，没有可导入的内容", display);
		else
			errors_addf(err, "%s: 找不到目录表头：需要含有「公开事项」"
				    "（或「一级事项」）和「公开内容（要素）」的表头行",
				    display);
		goto out;
	}
	buf_addf(&where, "%s:%s", display, sh->name);
	if (layout_map_header(sh, a, &m, notes, where.buf)) {
		errors_addf(err, "%s: 找不到目录表头：需要含有「公开事项」（或「一级事项」）"
			    "和「公开内容（要素）」的表头行", where.buf);
		goto out;
	}
	if (check_header(&m, err, where.buf))
		goto out;

	memset(&prev, 0, sizeof(prev));
	/* room for every row as an item, plus groups: no regrowth usually */
	catalog_reserve(c, a, sh->nrows + sh->nrows / 8 + 16);
	progress_start(&pr, "读取目录", sh->nrows);
	for (size_t r = m.header_row + 1; r < sh->nrows; r++) {
		const struct grid_row *row = &sh->rows[r];
		const char *cell[COL__MAX] = { 0 };
		unsigned level_set = 0;
		struct item tmp;
		int row_bad = 0, l1, l2, leaf_parent, l3_given, empty = 1;
		int64_t found;
		struct item *it;

		if (r % 4096 == 0)
			progress_update(&pr, r);
		if (is_legend_row(row))
			continue;
		/* gather the row's cells by layout column, applying 同上 */
		memset(&tmp, 0, sizeof(tmp));
		tmp.name = tmp.item_type = tmp.service_name = tmp.basis = "";
		tmp.time_limit = tmp.subject = tmp.note = tmp.service_url = "";
		tmp.tl.kind = tmp.tl.anchor = "";
		for (size_t j = 0; j < m.ncols; j++) {
			enum layout_col col = m.col[j];
			const char *t = grid_cell(row, j);
			if (col == COL_NONE)
				continue;
			if (t && layout_is_same_as_above(t)) {
				if (!prev.any) {
					row_problem(err, display, sh->name,
						    row->rownum, m.label[j],
						    "「同上」没有可沿用的上一行");
					row_bad = 1;
					continue;
				}
				t = col == COL_LEVEL ? NULL : prev.cell[col];
			}
			if (t && col != COL_SEQ)
				empty = 0;
			if (col == COL_LEVEL) {
				const char *why;
				unsigned bits = 0;
				if (layout_set_cell(&tmp, COL_LEVEL, m.bits[j], t,
						    a, &why)) {
					row_problem(err, display, sh->name,
						    row->rownum, m.label[j], why);
					row_bad = 1;
				}
				bits = tmp.levels & m.bits[j];
				level_set |= bits;
				continue;
			}
			cell[col] = t;
		}
		if (empty)
			continue;
		tmp.levels = level_set;

		/* the item path: 一级 / 二级 / 三级, continuing the row above */
		if (!cell[COL_L1] || !*cell[COL_L1]) {
			if (!prev.cell[COL_L1]) {
				row_problem(err, display, sh->name, row->rownum,
					    "一级事项", "缺少一级事项");
				goto next_bad;
			}
			cell[COL_L1] = prev.cell[COL_L1];
		}
		l3_given = cell[COL_L3] && *cell[COL_L3];
		if (!cell[COL_L2] || !*cell[COL_L2]) {
			if (l3_given && prev.cell[COL_L2] && prev.cell[COL_L1] && cell[COL_L1] &&
			    !strcmp(prev.cell[COL_L1], cell[COL_L1])) {
				cell[COL_L2] = prev.cell[COL_L2];
			} else {
				row_problem(err, display, sh->name, row->rownum,
					    "二级事项", "缺少二级事项");
				goto next_bad;
			}
		}
		for (int lc = COL_L1; lc <= COL_L3; lc++) {
			const char *why;
			if (cell[lc] && *cell[lc] &&
			    layout_set_cell(&tmp, (enum layout_col)lc, 0, cell[lc],
					    a, &why)) {
				row_problem(err, display, sh->name, row->rownum,
					    layout_col_name((enum layout_col)lc), why);
				row_bad = 1;
			}
		}
		/* the leaf's columns */
		for (int col = COL_TYPE; col < COL__MAX; col++) {
			const char *why;
			if (col == COL_LEVEL || !m.has[col])
				continue;
			if (layout_set_cell(&tmp, (enum layout_col)col, 0,
					    cell[col], a, &why)) {
				const char *label = layout_col_name((enum layout_col)col);
				for (size_t j = 0; j < m.ncols; j++)
					if (m.col[j] == (enum layout_col)col)
						label = m.label[j];
				row_problem(err, display, sh->name, row->rownum,
					    label, why);
				row_bad = 1;
			}
		}
		if (!tmp.mode) {
			row_problem(err, display, sh->name, row->rownum, "公开方式",
				    "「主动」和「依申请」至少要勾选一项");
			row_bad = 1;
		}
		if ((m.has[COL_AUD_ALL] || m.has[COL_AUD_SPECIFIC] ||
		     m.has[COL_AUDIENCE_TEXT]) && !tmp.audience) {
			row_problem(err, display, sh->name, row->rownum, "公开对象",
				    "「全社会」和「特定群体」至少要勾选一项");
			row_bad = 1;
		}
		if (!tmp.nelements) {
			row_problem(err, display, sh->name, row->rownum,
				    "公开内容（要素）", "公开内容不能为空");
			row_bad = 1;
		}

		/* place the row in the tree */
		{
			const char *n1 = arena_strdup(a, cell[COL_L1]);
			struct buf t1 = BUF_INIT;
			utf8_trim(&t1, n1);
			n1 = arena_strndup(a, t1.buf, t1.len);
			buf_release(&t1);
			child_key(&key, -1, n1);
			if (hmap_get(&names, key.buf, key.len, &found)) {
				l1 = (int)found;
			} else {
				it = catalog_push_item(c, a);
				it->level = 1;
				it->name = n1;
				l1 = (int)(c->nitems - 1);
				hmap_put(&names, key.buf, key.len, l1);
			}
		}
		{
			struct buf t2 = BUF_INIT;
			const char *n2;
			utf8_trim(&t2, cell[COL_L2]);
			n2 = arena_strndup(a, t2.buf, t2.len);
			buf_release(&t2);
			child_key(&key, l1, n2);
			if (!l3_given) {
				int64_t other = 0;
				if (hmap_get(&names, key.buf, key.len, &found)) {
					hmap_get(&rows_of, key.buf, key.len, &other);
					row_problem(err, display, sh->name,
						    row->rownum, "二级事项",
						    arena_printf(a, "一级事项「%s」下已有二级事项「%s」"
								 "（第%lld行），同一上级下的事项不能重名",
								 c->items[l1].name, n2,
								 (long long)other));
					goto next_bad;
				}
				if (row_bad)
					goto next_bad;
				it = catalog_push_item(c, a);
				*it = tmp;
				it->parent = l1;
				it->level = 2;
				it->name = n2;
				l2 = (int)(c->nitems - 1);
				hmap_put(&names, key.buf, key.len, l2);
				hmap_put(&rows_of, key.buf, key.len, row->rownum);
				leaf_parent = l1;
			} else {
				if (hmap_get(&names, key.buf, key.len, &found)) {
					l2 = (int)found;
					if (c->items[l2].nelements) {
						row_problem(err, display, sh->name,
							    row->rownum, "三级事项",
							    arena_printf(a, "二级事项「%s」已有自己的公开内容，"
									 "不能再分三级事项", n2));
						goto next_bad;
					}
				} else {
					it = catalog_push_item(c, a);
					it->parent = l1;
					it->level = 2;
					it->name = n2;
					l2 = (int)(c->nitems - 1);
					hmap_put(&names, key.buf, key.len, l2);
				}
				leaf_parent = l2;
				struct buf t3 = BUF_INIT;
				const char *n3;
				utf8_trim(&t3, cell[COL_L3]);
				n3 = arena_strndup(a, t3.buf, t3.len);
				buf_release(&t3);
				child_key(&key, leaf_parent, n3);
				if (hmap_get(&names, key.buf, key.len, &found)) {
					int64_t other = 0;
					hmap_get(&rows_of, key.buf, key.len, &other);
					row_problem(err, display, sh->name,
						    row->rownum, "三级事项",
						    arena_printf(a, "二级事项「%s」下已有三级事项「%s」"
								 "（第%lld行），同一上级下的事项不能重名",
								 n2, n3, (long long)other));
					goto next_bad;
				}
				if (row_bad)
					goto next_bad;
				it = catalog_push_item(c, a);
				*it = tmp;
				it->parent = leaf_parent;
				it->level = 3;
				it->name = n3;
				hmap_put(&names, key.buf, key.len, (int64_t)(c->nitems - 1));
				hmap_put(&rows_of, key.buf, key.len, row->rownum);
			}
		}
		goto next;
next_bad:
		row_bad = 1;
next:
		/* the row above, for 同上 and continuation, as the person sees
		 * it: its own cells, or what it continued */
		for (int col = 0; col < COL__MAX; col++)
			if (cell[col])
				prev.cell[col] = cell[col];
		if (cell[COL_L1] && *cell[COL_L1])
			prev.cell[COL_L1] = cell[COL_L1];
		if (cell[COL_L2] && *cell[COL_L2])
			prev.cell[COL_L2] = cell[COL_L2];
		prev.any = 1;
		prev.rownum = row->rownum;
	}
	progress_finish(&pr);
	if (errors_count(err) > before)
		goto out;
	if (!c->nitems) {
		errors_addf(err, "%s: 表头下面没有任何事项行", where.buf);
		goto out;
	}
	catalog_sort_tree(c, a);
	catalog_assign_lineage(c, a);
	ret = 0;
out:
	hmap_release(&names);
	hmap_release(&rows_of);
	buf_release(&key);
	buf_release(&where);
	return ret;
}

/* The file's base name without extension: how Excel names a CSV's sheet. */
static const char *sheet_name_of(const char *path, struct arena *a)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot && dot != base ? arena_strndup(a, base, (size_t)(dot - base))
				  : arena_strdup(a, base);
}

int catalog_read_file(const char *path, struct grid *g, struct errors *err)
{
	const char *display = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	unsigned char magic[4] = { 0 };
	struct stat st;
	FILE *fp;
	size_t n;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		errors_addf(err, "%s: 找不到文件或不是普通文件", path);
		return -1;
	}
	fp = fopen(path, "rb");
	if (!fp) {
		errors_addf(err, "%s: 无法读取文件（权限不足？）", path);
		return -1;
	}
	n = fread(magic, 1, sizeof(magic), fp);
	fclose(fp);
	/* by content, not by name: a zip is an .xlsx, anything else CSV */
	if (n >= 2 && magic[0] == 'P' && magic[1] == 'K')
		return xlsx_read_file(path, display, &grid_default_limits, g, err);
	{
		const char *ext = strrchr(display, '.');
		if (ext && (!strcasecmp(ext, ".xlsx") || !strcasecmp(ext, ".xlsm"))) {
			return xlsx_read_file(path, display, &grid_default_limits,
					      g, err);
		}
		if (ext && !strcasecmp(ext, ".xls")) {
			errors_addf(err, "%s: 不支持旧版 Excel 97-2003（.xls）文件，"
				    "请在 Excel 或 WPS 中另存为 .xlsx 后重试", display);
			return -1;
		}
	}
	return csv_read_file(path, display, sheet_name_of(display, &g->arena),
			     &grid_default_limits, g, err);
}

int64_t catalog_import(struct store *s, const struct catalog_import_opts *o,
		       struct errors *err, struct errors *notes)
{
	struct arena a = ARENA_INIT;
	struct grid g;
	struct catalog c;
	struct domain d;
	struct region r;
	char vbuf[32];
	int64_t id = 0;
	const char *display;

	grid_init(&g);
	memset(&c, 0, sizeof(c));
	/* the target first: no point reading a file we cannot store */
	if (store_region_get(s, o->region, &a, &r) != STORE_OK)
		errors_addf(err, "行政区划代码 %s 不存在（--region）；可用 gongkai region list 查看",
			    o->region);
	if (store_domain_find(s, o->domain, &a, &d) != STORE_OK)
		errors_addf(err, "领域「%s」不存在（--domain 可用代码如 shjz 或名称如 社会救助）；"
			    "可用 gongkai domain list 查看", o->domain);
	if (errors_count(err))
		goto out;
	if (catalog_read_file(o->path, &g, err))
		goto out;
	display = strrchr(o->path, '/') ? strrchr(o->path, '/') + 1 : o->path;
	/* the catalog shares the grid's strings: keep it until written */
	if (catalog_from_grid(&g, display, o->sheet, &c, &a, err, notes))
		goto out;
	if (!o->version) {
		time_t t = time(NULL);
		struct tm tm;
		localtime_r(&t, &tm);
		snprintf(vbuf, sizeof(vbuf), "%d版", tm.tm_year + 1900);
	}
	c.region_code = r.code;
	c.domain_id = d.id;
	c.version = o->version ? o->version : vbuf;
	c.status = CATALOG_DRAFT;
	c.author = o->author;
	c.source = display;
	if (store_catalog_insert(s, &c, err) != STORE_OK)
		goto out;
	id = c.id;
	store_catalog_event(s, id, o->author, "import",
			    arena_printf(&a, "从 %s 导入 %zu 项", display, c.nitems),
			    NULL);
out:
	grid_release(&g);
	arena_release(&a);
	return id;
}
