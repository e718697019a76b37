/* fuzz-record-import.c: libFuzzer target for the records importer past the
 * file readers — bytes as a CSV sheet, then header recognition (standard
 * columns, variants, element columns, columns shared by both), dates,
 * labels, the formula guard, record_check and duplicate 索引号, for a plain
 * item and for a list item whose elements are named like standard columns.
 * Anything may be refused; nothing may crash or leak, and accepted records
 * written back as the exporter writes them must read back the same. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/record-import.h"
#include "domain/record.h"
#include "io/csv-read.h"
#include "io/csv-write.h"
#include "util/buf.h"

static struct element plain_el[] = { { "低保对象名单及相关信息", true },
				     { "来源", false } };
static struct element list_el[] = { { "文件名称", true }, { "文号", true },
				    { "发布部门", false }, { "发布日期", true },
				    { "正文", false } };

static struct item make_item(const char *name, struct element *el, size_t n)
{
	struct item it;

	memset(&it, 0, sizeof(it));
	it.level = 2;
	it.name = name;
	it.lineage = "L";
	it.elements = el;
	it.nelements = n;
	return it;
}

static const char *value_of(const struct record *r, const char *element)
{
	for (size_t i = 0; i < r->nvalues; i++)
		if (!strcmp(r->values[i].element, element))
			return r->values[i].value;
	return "";
}

/* The standard columns' text, as record-export.c writes them. */
static const char *std_text(const struct record *r, int c)
{
	switch ((enum record_col)c) {
	case RCOL_TITLE: return r->title;
	case RCOL_INDEX_NO: return r->index_no;
	case RCOL_DOC_NO: return r->doc_no;
	case RCOL_PUBLISHER: return r->publisher;
	case RCOL_WRITTEN_ON: return r->written_on;
	case RCOL_PUBLISHED_ON: return r->published_on;
	case RCOL_VALIDITY: return record_validity_label(r->validity);
	case RCOL_TOPIC: return r->topic;
	case RCOL_DISCLOSURE: return record_disclosure_label(r->disclosure);
	case RCOL_LEGAL_GROUND: return r->legal_ground;
	case RCOL_BODY: return r->body_md;
	case RCOL_STATUS: return record_status_label(r->status);
	default: return "";
	}
}

/* Is the element named like a standard column (then it shares it)? */
static int shared(const char *e)
{
	for (int c = 0; c < RCOL__MAX; c++)
		if (!strcmp(e, record_col_label((enum record_col)c)))
			return 1;
	return 0;
}

static void write_back(const struct record_rows *rows, const struct item *it,
		       struct buf *out)
{
	const char *cells[RCOL_ITEM + 8];
	struct buf cell[RCOL_ITEM + 8];
	size_t n = 0;

	for (size_t j = 0; j < RCOL_ITEM + 8; j++)
		buf_init(&cell[j]);
	buf_add(out, csv_bom, sizeof(csv_bom));
	for (int c = 0; c < RCOL_ITEM; c++)
		cells[n++] = record_col_label((enum record_col)c);
	for (size_t k = 0; k < it->nelements; k++)
		if (!shared(it->elements[k].text))
			cells[n++] = it->elements[k].text;
	csv_write_row(out, cells, n);
	for (size_t i = 0; i < rows->n; i++) {
		const struct record *r = &rows->v[i];
		n = 0;
		for (int c = 0; c < RCOL_ITEM; c++) {
			buf_reset(&cell[n]);
			record_csv_cell(&cell[n], std_text(r, c));
			cells[n] = cell[n].buf;
			n++;
		}
		for (size_t k = 0; k < it->nelements; k++) {
			if (shared(it->elements[k].text))
				continue;
			buf_reset(&cell[n]);
			record_csv_cell(&cell[n], value_of(r, it->elements[k].text));
			cells[n] = cell[n].buf;
			n++;
		}
		csv_write_row(out, cells, n);
	}
	for (size_t j = 0; j < RCOL_ITEM + 8; j++)
		buf_release(&cell[j]);
}

static int same(const struct record *a, const struct record *b)
{
	if (strcmp(a->title, b->title) || strcmp(a->index_no, b->index_no) ||
	    strcmp(a->doc_no, b->doc_no) || strcmp(a->publisher, b->publisher) ||
	    strcmp(a->written_on, b->written_on) ||
	    strcmp(a->published_on, b->published_on) ||
	    a->validity != b->validity || strcmp(a->topic, b->topic) ||
	    a->disclosure != b->disclosure ||
	    strcmp(a->legal_ground, b->legal_ground) ||
	    strcmp(a->body_md, b->body_md) || a->status != b->status ||
	    a->nvalues != b->nvalues)
		return 0;
	for (size_t i = 0; i < a->nvalues; i++)
		if (strcmp(a->values[i].element, b->values[i].element) ||
		    strcmp(a->values[i].value, b->values[i].value))
			return 0;
	return 1;
}

static void one(const uint8_t *data, size_t size, const struct item *it)
{
	struct grid g, g2;
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct record_rows rows, back;
	struct buf out = BUF_INIT;

	grid_init(&g);
	grid_init(&g2);
	if (csv_read_mem(data, size, "f.csv", "f", &grid_default_limits, &g,
			 &err) == 0 &&
	    records_from_grid(&g, "f.csv", NULL, it, "某单位", RECORD_GRID_CSV,
			      &a, &rows, &err) == 0) {
		write_back(&rows, it, &out);
		if (csv_read_mem(out.buf, out.len, "g.csv", "g",
				 &grid_default_limits, &g2, &err) != 0 ||
		    records_from_grid(&g2, "g.csv", NULL, it, "某单位",
				      RECORD_GRID_CSV, &a, &back, &err) != 0 ||
		    back.n != rows.n)
			__builtin_trap();
		for (size_t i = 0; i < rows.n; i++)
			if (!same(&rows.v[i], &back.v[i]))
				__builtin_trap();
	}
	buf_release(&out);
	grid_release(&g);
	grid_release(&g2);
	arena_release(&a);
	errors_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct item plain = make_item("审批信息", plain_el, 2);
	struct item list = make_item("法律法规", list_el, 5);
	char date[11];

	one(data, size, &plain);
	one(data, size, &list);
	/* the date reader alone, on the bytes as one NUL-terminated text */
	if (size < 64) {
		char text[64];
		memcpy(text, data, size);
		text[size] = '\0';
		if (strlen(text) == size && record_parse_date(text, date) == 0 &&
		    (strlen(date) != 10 || date[4] != '-' || date[7] != '-'))
			__builtin_trap();
	}
	return 0;
}
