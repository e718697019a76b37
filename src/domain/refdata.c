/* refdata.c: loading domains and regions from CSV; see refdata.h. */
#include "refdata.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "geo.h"
#include "../io/csv-read.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

extern const char data_domains_csv[];
extern const size_t data_domains_csv_len;

static const char *cell(const struct grid_row *r, size_t j, struct arena *a)
{
	const char *t = grid_cell(r, j);
	struct buf b = BUF_INIT;
	const char *out;

	if (!t)
		return NULL;
	utf8_trim(&b, t);
	out = b.len ? arena_strndup(a, b.buf, b.len) : NULL;
	buf_release(&b);
	return out;
}

/* The header row must start with these names. */
static int check_header(const struct grid_sheet *sh, const char *const *want,
			const char *where, struct errors *err)
{
	if (!sh->nrows) {
		errors_addf(err, "%s: 文件是空的", where);
		return -1;
	}
	for (size_t j = 0; want[j]; j++) {
		const char *t = grid_cell(&sh->rows[0], j);
		if (!t || strcmp(t, want[j])) {
			errors_addf(err, "%s: 第1行应为表头，第%zu列应是「%s」",
				    where, j + 1, want[j]);
			return -1;
		}
	}
	return 0;
}

static int load_domains(struct store *s, const struct grid *g,
			const char *where, struct errors *err)
{
	static const char *const want[] = { "code", "name", "sort",
					     "department", NULL };
	const struct grid_sheet *sh = &g->sheets[0];
	struct arena a = ARENA_INIT;
	int n = 0;

	if (check_header(sh, want, where, err))
		return -1;
	if (store_begin(s, err) != STORE_OK)
		return -1;
	for (size_t i = 1; i < sh->nrows; i++) {
		const struct grid_row *r = &sh->rows[i];
		struct domain d = { 0 };
		const char *sort;

		d.code = cell(r, 0, &a);
		d.name = cell(r, 1, &a);
		sort = cell(r, 2, &a);
		d.department = cell(r, 3, &a);
		if (!d.code || !d.name) {
			errors_addf(err, "%s:第%u行: 代码和名称不能为空", where,
				    r->rownum);
			continue;
		}
		for (const char *p = d.code; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
			      *p == '-' || *p == '_')) {
				errors_addf(err, "%s:第%u行: 领域代码「%s」只能由小写字母、"
					    "数字、- 和 _ 组成", where, r->rownum, d.code);
				d.code = NULL;
				break;
			}
		if (!d.code)
			continue;
		d.sort = sort ? atoi(sort) : (int)i;
		if (store_domain_put(s, &d, err) != STORE_OK)
			continue;
		n++;
	}
	arena_release(&a);
	if (errors_count(err)) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err) == STORE_OK ? n : -1;
}

int refdata_load_domains(struct store *s, struct errors *err)
{
	struct grid g;
	int n;

	grid_init(&g);
	if (csv_read_mem(data_domains_csv, data_domains_csv_len, "domains.csv",
			 "domains", &grid_default_limits, &g, err)) {
		grid_release(&g);
		return -1;
	}
	n = load_domains(s, &g, "domains.csv", err);
	grid_release(&g);
	return n;
}

int refdata_import_domains(struct store *s, const char *path,
			   struct errors *err)
{
	struct grid g;
	int n;

	grid_init(&g);
	if (csv_read_file(path, path, "domains", &grid_default_limits, &g, err)) {
		grid_release(&g);
		return -1;
	}
	n = load_domains(s, &g, path, err);
	grid_release(&g);
	return n;
}

int refdata_region_valid(const char *code, const char *level,
			 struct errors *err, const char *where)
{
	static const char *const levels[] = { "省", "市", "县", "乡", "村", NULL };
	size_t len = code ? strlen(code) : 0;
	int ok = 1, lv = 0;

	for (size_t i = 0; i < len; i++)
		if (code[i] < '0' || code[i] > '9')
			ok = 0;
	if (!ok || (len != 6 && len != 9 && len != 12)) {
		errors_addf(err, "%s: 行政区划代码「%s」应为 6、9 或 12 位数字",
			    where, code ? code : "");
		return -1;
	}
	for (lv = 0; levels[lv]; lv++)
		if (level && !strcmp(level, levels[lv]))
			break;
	if (!levels[lv]) {
		errors_addf(err, "%s: 层级「%s」只能是 省、市、县、乡、村 之一", where,
			    level ? level : "");
		return -1;
	}
	return 0;
}

int refdata_import_regions(struct store *s, const char *path,
			   struct errors *err)
{
	static const char *const want[] = { "code", "name", "level",
					     "parent_code", NULL };
	struct arena a = ARENA_INIT;
	struct grid g;
	const struct grid_sheet *sh;
	int n = 0;

	grid_init(&g);
	if (csv_read_file(path, path, "regions", &grid_default_limits, &g, err))
		goto fail;
	sh = &g.sheets[0];
	if (check_header(sh, want, path, err))
		goto fail;
	if (store_begin(s, err) != STORE_OK)
		goto fail;
	for (size_t i = 1; i < sh->nrows; i++) {
		const struct grid_row *r = &sh->rows[i];
		struct region reg;
		char *where = arena_printf(&a, "%s:第%u行", path, r->rownum);
		size_t before = errors_count(err);

		reg.code = cell(r, 0, &a);
		reg.name = cell(r, 1, &a);
		reg.level = cell(r, 2, &a);
		reg.parent_code = cell(r, 3, &a);
		if (!reg.name)
			errors_addf(err, "%s: 名称不能为空", where);
		refdata_region_valid(reg.code, reg.level, err, where);
		if (errors_count(err) > before)
			continue;
		if (store_region_put(s, &reg, err) == STORE_OK)
			n++;
	}
	if (errors_count(err)) {
		store_rollback(s);
		goto fail;
	}
	if (store_commit(s, err) != STORE_OK)
		goto fail;
	grid_release(&g);
	arena_release(&a);
	return n;
fail:
	grid_release(&g);
	arena_release(&a);
	return -1;
}

/* Read a whole file (at most 'max' bytes) into 'b'. */
static int slurp(const char *path, size_t max, struct buf *b,
		 struct errors *err)
{
	FILE *fp = fopen(path, "rb");
	char chunk[65536];
	size_t k;

	if (!fp) {
		errors_addf(err, "无法打开文件 %s", path);
		return -1;
	}
	while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0 && b->len <= max)
		buf_add(b, chunk, k);
	fclose(fp);
	if (b->len > max) {
		errors_addf(err, "%s 超过 %zu MB", path, max >> 20);
		return -1;
	}
	return 0;
}

/* Outlines of the regions under 'parent' from a GeoJSON file: each feature
 * is matched to a child region by code (adcode / id), else by name; every
 * problem is reported and nothing is written unless all match. */
int refdata_import_outlines(struct store *s, const char *path,
			    const char *parent, struct errors *err)
{
	struct buf text = BUF_INIT;
	struct geo_collection gc = { 0 };
	struct arena a = ARENA_INIT;
	struct region *kids;
	size_t nkids;
	const char **target = NULL;
	int done = -1;

	if (store_region_children(s, parent, &a, &kids, &nkids) != STORE_OK ||
	    !nkids) {
		errors_addf(err, "行政区划 %s 不存在或没有下级区划", parent);
		goto out;
	}
	if (slurp(path, GEO_MAX_INPUT, &text, err) ||
	    geo_parse(text.buf, text.len, path, &gc, err))
		goto out;
	target = xcalloc(gc.n ? gc.n : 1, sizeof(*target));
	for (size_t i = 0; i < gc.n; i++) {
		const struct geo_feature *f = &gc.features[i];

		for (size_t k = 0; k < nkids && !target[i]; k++)
			if (f->code && !strcmp(f->code, kids[k].code))
				target[i] = kids[k].code;
		for (size_t k = 0; k < nkids && !target[i]; k++)
			if (f->name && !strcmp(f->name, kids[k].name))
				target[i] = kids[k].code;
		if (!target[i])
			errors_addf(err, "%s：第%zu个区域（%s，%s）不是 %s 的下级区划",
				    path, i + 1, f->name ? f->name : "无名称",
				    f->code ? f->code : "无代码", parent);
	}
	if (errors_count(err) || store_begin(s, err) != STORE_OK)
		goto out;
	for (size_t i = 0; i < gc.n; i++)
		if (store_region_set_geometry(s, target[i],
					      gc.features[i].geometry_json,
					      err) != STORE_OK) {
			store_rollback(s);
			goto out;
		}
	if (store_commit(s, err) != STORE_OK)
		goto out;
	done = (int)gc.n;
out:
	free(target);
	geo_collection_free(&gc);
	buf_release(&text);
	arena_release(&a);
	return done;
}
