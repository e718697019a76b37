/* catalog-export.c: a catalog → the standard-layout table (.xlsx or .csv)
 *
 * One row per leaf item (二级事项, or 三级事项 under a grouping 二级事项),
 * columns as layout.c lists them.  What is written imports back to the same
 * catalog, column for column.
 */
#include "catalog.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "channels.h"
#include "../io/csv-write.h"
#include "../io/xlsx-write.h"
#include "../util/buf.h"
#include "../util/progress.h"

/* Fill cells[] (layout_out_n entries, texts in 'tmp') for leaf 'i'. */
static void leaf_cells(const struct catalog *c, size_t i, size_t seq,
		       const char **cells, struct buf *tmp)
{
	const struct item *it = &c->items[i];
	const struct item *p1 = NULL, *p2 = NULL;

	if (it->level == 3) {
		p2 = &c->items[it->parent];
		p1 = &c->items[p2->parent];
	} else if (it->level == 2) {
		p1 = &c->items[it->parent];
	}
	for (int k = 0; k < 4; k++)
		buf_reset(&tmp[k]);
	buf_addf(&tmp[0], "%zu", seq);
	elements_format(&tmp[1], it->elements, it->nelements);
	channels_format(&tmp[2], it->channels, it->nchannels);
	for (size_t j = 0; j < layout_out_n; j++) {
		const struct layout_out_col *oc = &layout_out[j];
		const char *v = NULL;

		switch (oc->col) {
		case COL_SEQ: v = tmp[0].buf; break;
		case COL_L1: v = p1 ? p1->name : it->name; break;
		case COL_L2: v = p2 ? p2->name : it->name; break;
		case COL_L3: v = it->level == 3 ? it->name : NULL; break;
		case COL_TYPE: v = it->item_type; break;
		case COL_SERVICE: v = it->service_name; break;
		case COL_ELEMENTS: v = tmp[1].buf; break;
		case COL_BASIS: v = it->basis; break;
		case COL_TIMELIMIT: v = it->time_limit; break;
		case COL_SUBJECT: v = it->subject; break;
		case COL_CHANNELS: v = tmp[2].buf; break;
		case COL_AUD_ALL: v = it->audience & AUDIENCE_ALL ? "√" : NULL; break;
		case COL_AUD_SPECIFIC: v = it->audience & AUDIENCE_SPECIFIC ? "√" : NULL; break;
		case COL_MODE_ACTIVE: v = it->mode & MODE_ACTIVE ? "√" : NULL; break;
		case COL_MODE_REQUEST: v = it->mode & MODE_ON_REQUEST ? "√" : NULL; break;
		case COL_LEVEL: v = it->levels & oc->bits ? "√" : NULL; break;
		case COL_NOTE: v = it->note; break;
		default: break;
		}
		cells[j] = v && *v ? v : NULL;
	}
}

static int is_leaf(const struct catalog *c, size_t i)
{
	/* pre-order: a node's first child, if any, follows it directly */
	return c->items[i].level > 1 &&
	       !(i + 1 < c->nitems && c->items[i + 1].parent == (int)i);
}

/* Write the CSV through 'flush', called whenever 'out' holds 64 KB or more
 * and once at the end (NULL: keep everything in 'out'). */
static int write_csv(const struct catalog *c, struct buf *out,
		     int (*flush)(struct buf *, void *), void *ctx)
{
	const char *cells[32];
	struct buf tmp[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	size_t seq = 0;
	int ret = 0;

	buf_add(out, csv_bom, sizeof(csv_bom));
	/* the two header rows as Excel saves a merged header */
	for (size_t j = 0; j < layout_out_n; j++)
		cells[j] = j && layout_out[j].label &&
			   !strcmp(layout_out[j].group, layout_out[j - 1].group)
			? NULL : layout_out[j].group;
	csv_write_row(out, cells, layout_out_n);
	for (size_t j = 0; j < layout_out_n; j++)
		cells[j] = layout_out[j].label;
	csv_write_row(out, cells, layout_out_n);
	for (size_t i = 0; i < c->nitems && !ret; i++) {
		if (!is_leaf(c, i))
			continue;
		leaf_cells(c, i, ++seq, cells, tmp);
		csv_write_row(out, cells, layout_out_n);
		if (flush && out->len >= 65536)
			ret = flush(out, ctx);
	}
	if (flush && !ret)
		ret = flush(out, ctx);
	for (int k = 0; k < 4; k++)
		buf_release(&tmp[k]);
	return ret;
}

void catalog_write_csv(const struct catalog *c, struct buf *out)
{
	write_csv(c, out, NULL, NULL);
}

static int flush_file(struct buf *b, void *fp)
{
	int bad = fwrite(b->buf, 1, b->len, fp) != b->len;

	buf_reset(b);
	return bad ? -1 : 0;
}

static int write_csv_file(const struct catalog *c, const char *path,
			  struct errors *err)
{
	struct buf b = BUF_INIT;
	FILE *fp = strcmp(path, "-") ? fopen(path, "wb") : stdout;
	int ret = 0;

	if (!fp) {
		errors_addf(err, "无法创建文件 %s：%s", path, strerror(errno));
		return -1;
	}
	if (write_csv(c, &b, flush_file, fp) || fflush(fp)) {
		errors_addf(err, "写入 %s 失败：%s", path, strerror(errno));
		ret = -1;
	}
	if (fp != stdout && fclose(fp) && !ret) {
		errors_addf(err, "写入 %s 失败：%s", path, strerror(errno));
		ret = -1;
	}
	buf_release(&b);
	return ret;
}

static int write_xlsx_file(const struct catalog *c, const char *path,
			   struct errors *err)
{
	const char *group[32], *label[32], *cells[32];
	double width[32];
	struct buf tmp[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	struct buf title = BUF_INIT;
	struct xlsx_table_spec sp;
	struct xlsx_writer *w;
	struct progress pr;
	size_t seq = 0;
	int ret;

	for (size_t j = 0; j < layout_out_n; j++) {
		group[j] = layout_out[j].group;
		label[j] = layout_out[j].label;
		width[j] = layout_out[j].width;
	}
	buf_addf(&title, "%s%s领域基层政务公开标准目录（%s）",
		 c->region_name ? c->region_name : "",
		 c->domain_name ? c->domain_name : "", c->version ? c->version : "");
	memset(&sp, 0, sizeof(sp));
	sp.sheet = c->domain_name && *c->domain_name ? c->domain_name : "目录";
	sp.title = title.buf;
	sp.ncols = layout_out_n;
	sp.group = group;
	sp.label = label;
	sp.width = width;
	w = xlsx_table_open(path, &sp, err);
	buf_release(&title);
	if (!w)
		return -1;
	progress_start(&pr, "导出目录", c->nitems);
	for (size_t i = 0; i < c->nitems; i++) {
		if (i % 4096 == 0)
			progress_update(&pr, i);
		if (!is_leaf(c, i))
			continue;
		leaf_cells(c, i, ++seq, cells, tmp);
		xlsx_table_row(w, cells);
	}
	progress_finish(&pr);
	for (int k = 0; k < 4; k++)
		buf_release(&tmp[k]);
	ret = xlsx_table_close(w, err);
	return ret;
}

int catalog_write_file(const struct catalog *c, enum catalog_format fmt,
		       const char *path, struct errors *err)
{
	return fmt == CATALOG_XLSX ? write_xlsx_file(c, path, err)
				   : write_csv_file(c, path, err);
}
