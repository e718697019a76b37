/* record-export.c: records → a .csv or .xlsx table that imports back
 *
 * The columns are those record-import.c reads, under their standard
 * labels: 标题 … 状态, then one column per 公开内容要素 (an element named like
 * a standard column, such as 文号 or 发布日期, shares that column).  Rows go
 * oldest first (发布日期, then id), the order in which a re-import numbers
 * them, so that exporting the re-imported records gives the same file.
 * CSV is UTF-8 with a byte order mark, and cells that a spreadsheet would
 * take for a formula get a leading '.  A region's export adds a 公开事项
 * column and the element columns of every item met.  See record-import.h.
 */
#include "record-import.h"

#include <stdio.h>
#include <string.h>

#include "catalog-diff.h"
#include "catalog.h"
#include "record.h"
#include "../io/csv-write.h"
#include "../io/xlsx-write.h"
#include "../util/hmap.h"
#include "../util/progress.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define XLSX_CELL_MAX 32767

void record_csv_cell(struct buf *b, const char *cell)
{
	if (cell && *cell && strchr("=+-@'", cell[0]))
		buf_addch(b, '\'');
	if (cell)
		buf_adds(b, cell);
}

/* Is 'text' (an element) the label of a standard column?  Then it shares
 * that column; returns the column or -1. */
static int std_col_of(const char *text)
{
	struct buf f = BUF_INIT, g = BUF_INIT;
	int found = -1;

	utf8_fold(&f, text);
	for (int c = 0; c < RCOL__MAX && found < 0; c++) {
		buf_reset(&g);
		utf8_fold(&g, record_col_label((enum record_col)c));
		if (!strcmp(f.buf, g.buf))
			found = c;
	}
	buf_release(&f);
	buf_release(&g);
	return found;
}

struct columns {
	const char **element;	/* element columns, in order */
	size_t nelement, alloc;
	struct hmap seen;	/* element text → 1 */
	bool with_item;		/* the 公开事项 column */
};

static void add_element(struct columns *cols, const char *text,
			struct arena *a)
{
	int64_t one;

	if (!text || !*text || std_col_of(text) >= 0 ||
	    hmap_get(&cols->seen, text, strlen(text), &one))
		return;
	hmap_put(&cols->seen, text, strlen(text), 1);
	cols->element = xgrow(cols->element, sizeof(*cols->element),
			      cols->nelement + 1, &cols->alloc);
	cols->element[cols->nelement++] = arena_strdup(a, text);
}

static const char *value_of(const struct record *r, const char *element)
{
	for (size_t i = 0; i < r->nvalues; i++)
		if (!strcmp(r->values[i].element, element))
			return r->values[i].value;
	return "";
}

/* The value of standard column c, or of an element sharing it when the
 * record's own field is empty. */
static const char *std_value(const struct record *r, int c, const char *item)
{
	const char *v = "";

	switch ((enum record_col)c) {
	case RCOL_TITLE: v = r->title; break;
	case RCOL_INDEX_NO: v = r->index_no; break;
	case RCOL_DOC_NO: v = r->doc_no; break;
	case RCOL_PUBLISHER: v = r->publisher; break;
	case RCOL_WRITTEN_ON: v = r->written_on; break;
	case RCOL_PUBLISHED_ON: v = r->published_on; break;
	case RCOL_VALIDITY: v = record_validity_label(r->validity); break;
	case RCOL_TOPIC: v = r->topic; break;
	case RCOL_DISCLOSURE: v = record_disclosure_label(r->disclosure); break;
	case RCOL_LEGAL_GROUND: v = r->legal_ground; break;
	case RCOL_BODY: v = r->body_md; break;
	case RCOL_STATUS: v = record_status_label(r->status); break;
	case RCOL_ITEM: v = item; break;
	case RCOL__MAX: break;
	}
	if (!v || !*v)
		v = value_of(r, record_col_label((enum record_col)c));
	return v ? v : "";
}

/* Item id → "一级 / 二级" for a region's export, loading each catalog once. */
struct item_names {
	struct hmap catalogs;	/* catalog id (text) → 1 */
	struct hmap items;	/* item id (text) → index in names */
	const char **names;
	size_t n, alloc;
};

static const char *item_name(struct store *s, struct item_names *in,
			     int64_t item_id, struct arena *a)
{
	char key[24];
	int64_t idx, one;
	int64_t cid;
	struct catalog c;

	if (!item_id)
		return "";
	snprintf(key, sizeof(key), "%lld", (long long)item_id);
	if (hmap_get(&in->items, key, strlen(key), &idx))
		return in->names[idx];
	cid = store_item_catalog(s, item_id);
	snprintf(key, sizeof(key), "%lld", (long long)cid);
	if (!cid || hmap_get(&in->catalogs, key, strlen(key), &one) ||
	    store_catalog_load(s, cid, a, &c) != STORE_OK)
		return "";
	hmap_put(&in->catalogs, key, strlen(key), 1);
	for (size_t i = 0; i < c.nitems; i++) {
		snprintf(key, sizeof(key), "%lld", (long long)c.items[i].id);
		in->names = xgrow(in->names, sizeof(*in->names), in->n + 1,
				  &in->alloc);
		in->names[in->n] = catalog_item_path(&c, i, a);
		hmap_put(&in->items, key, strlen(key), (int64_t)in->n);
		in->n++;
	}
	snprintf(key, sizeof(key), "%lld", (long long)item_id);
	return hmap_get(&in->items, key, strlen(key), &idx) ? in->names[idx]
							     : "";
}

/* A worksheet name Excel accepts: ≤ 31 characters, none of []:*?/\ . */
static const char *sheet_name(const char *name, struct arena *a)
{
	if (!name || !*name || utf8_len(name) > 31 || strpbrk(name, "[]:*?/\\"))
		return "公开信息";
	return arena_strdup(a, name);
}

int record_export(struct store *s, const struct record_export_opts *o,
		  enum record_format fmt, const char *path, size_t *count,
		  struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct record_filter f = { 0 };
	struct columns cols = { 0 };
	struct item_names names = { 0 };
	struct record *v;
	struct catalog c;
	const struct item *it = NULL;
	struct xlsx_writer *xw = NULL;
	struct buf out = BUF_INIT, cellbuf = BUF_INIT;
	const char **labels = NULL, **cells = NULL;
	struct progress pr;
	size_t n, ncols, nstd;
	int64_t total;
	int ret = -1;
	bool to_stdout = !path || !strcmp(path, "-");

	f.status = -1;
	if (o->item_id) {
		int idx = record_find_item(s, o->item_id, &a, &c, err);
		if (idx < 0)
			goto out;
		it = &c.items[idx];
		f.region = c.region_code;
		f.lineage = it->lineage;
	} else {
		struct region r;
		if (!o->region || store_region_get(s, o->region, &a, &r) != STORE_OK) {
			errors_addf(err, "行政区划代码 %s 不存在；可用 gongkai region list 查看",
				    o->region ? o->region : "");
			goto out;
		}
		f.region = o->region;
		f.domain_id = o->domain_id;
		cols.with_item = true;
	}
	if (fmt == RECORD_XLSX && to_stdout) {
		errors_addf(err, "xlsx 不能输出到标准输出，请用 -o 指定文件");
		goto out;
	}
	if (store_record_list(s, &f, &a, &v, &n, &total) != STORE_OK) {
		errors_addf(err, "读取信息失败");
		goto out;
	}

	/* the columns */
	if (it)
		for (size_t k = 0; k < it->nelements; k++)
			add_element(&cols, it->elements[k].text, &a);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i].nvalues; k++)
			add_element(&cols, v[i].values[k].element, &a);
	nstd = cols.with_item ? RCOL__MAX : RCOL_ITEM;
	ncols = nstd + cols.nelement;
	labels = xcalloc(ncols, sizeof(*labels));
	cells = xcalloc(ncols, sizeof(*cells));
	for (size_t j = 0; j < nstd; j++)
		labels[j] = record_col_label((enum record_col)j);
	for (size_t k = 0; k < cols.nelement; k++)
		labels[nstd + k] = cols.element[k];

	if (fmt == RECORD_XLSX) {
		double *width = arena_alloc(&a, ncols * sizeof(*width));
		struct xlsx_table_spec spec = { 0 };
		for (size_t j = 0; j < ncols; j++)
			width[j] = j == RCOL_TITLE ? 48 : j == RCOL_BODY ? 60
				 : j == RCOL_INDEX_NO ? 26 : 16;
		spec.sheet = sheet_name(it ? it->name : NULL, &a);
		spec.ncols = ncols;
		spec.group = labels;
		spec.width = width;
		if (!(xw = xlsx_table_open(path, &spec, err)))
			goto out;
	} else {
		buf_add(&out, csv_bom, sizeof(csv_bom));
		csv_write_row(&out, labels, ncols);
	}

	/* oldest first: the list comes newest first */
	progress_start(&pr, "导出信息", n);
	for (size_t i = n; i-- > 0;) {
		struct arena ra = ARENA_INIT;
		struct record full;
		const char *item = "";

		progress_update(&pr, n - i);
		if (store_record_get(s, v[i].id, &ra, &full) != STORE_OK)
			full = v[i];
		if (cols.with_item)
			item = item_name(s, &names, full.item_id, &a);
		for (size_t j = 0; j < ncols; j++) {
			const char *t = j < nstd ? std_value(&full, (int)j, item)
						 : value_of(&full, labels[j]);
			if (fmt == RECORD_CSV) {
				buf_reset(&cellbuf);
				record_csv_cell(&cellbuf, t);
				t = arena_strndup(&ra, cellbuf.buf, cellbuf.len);
			} else if (strlen(t) > XLSX_CELL_MAX) {
				errors_addf(err, "信息 %lld 的「%s」超过 Excel 单元格的上限"
					    "（32767 字），请导出为 CSV", (long long)full.id,
					    labels[j]);
				arena_release(&ra);
				progress_finish(&pr);
				xlsx_table_close(xw, err);
				xw = NULL;
				remove(path);
				goto out;
			}
			cells[j] = t;
		}
		if (fmt == RECORD_XLSX)
			xlsx_table_row(xw, cells);
		else
			csv_write_row(&out, cells, ncols);
		arena_release(&ra);
	}
	progress_finish(&pr);

	if (fmt == RECORD_XLSX) {
		int rc = xlsx_table_close(xw, err);
		xw = NULL;
		if (rc)
			goto out;
	} else if (to_stdout) {
		if (fwrite(out.buf, 1, out.len, stdout) != out.len ||
		    fflush(stdout)) {
			errors_addf(err, "写入标准输出失败");
			goto out;
		}
	} else {
		FILE *fp = fopen(path, "wb");
		if (!fp) {
			errors_addf(err, "%s: 无法写入文件（目录不存在或权限不足？）", path);
			goto out;
		}
		if (fwrite(out.buf, 1, out.len, fp) != out.len) {
			fclose(fp);
			errors_addf(err, "%s: 写入失败（磁盘已满？）", path);
			goto out;
		}
		if (fclose(fp)) {
			errors_addf(err, "%s: 写入失败（磁盘已满？）", path);
			goto out;
		}
	}
	if (count)
		*count = n;
	ret = 0;
out:
	free(labels);
	free(cells);
	free(cols.element);
	hmap_release(&cols.seen);
	free(names.names);
	hmap_release(&names.catalogs);
	hmap_release(&names.items);
	buf_release(&out);
	buf_release(&cellbuf);
	arena_release(&a);
	return ret;
}
