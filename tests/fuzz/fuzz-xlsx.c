/* fuzz-xlsx.c: libFuzzer target for the .xlsx reader (src/io/xlsx-read.c)
 *
 * An input that starts with "PK" is read as an .xlsx file.  Any other
 * input is XML: the first worksheet of a fixed package, up to where "<sst"
 * starts the shared string table; wrap() zips it (stored, in memory) so
 * that mutations reach the XML handlers instead of dying in inflate or on
 * a CRC.  Either way xlsx_read_mem() reads it under caps a little tighter
 * than the defaults (so that one input stays fast), and the result is
 * checked against grid.h's promises: every cell NULL or well-formed UTF-8,
 * rows in increasing order, no trailing empty cell, no empty row, and
 * every message naming the file.  A broken promise traps, so the fuzzer
 * reports it as a crash.  Seeds are in tests/fuzz/corpus/xlsx
 * (tools/make-bad-xlsx.py --corpus writes them).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "io/xlsx-read.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct grid_limits fuzz_limits = {
	.max_file_bytes = 4u * 1024 * 1024,
	.max_rows = 20000,
	.max_cols = 512,
	.max_cell_bytes = 32767,
	.max_unpacked_bytes = 16u * 1024 * 1024,
};

static const char root_rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
	"openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
	"Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook[] =
	"<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/"
	"2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" "
	"r:id=\"rId1\"/></sheets></workbook>";
static const char workbook_rels[] =
	"<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
	"Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"</Relationships>";

/* A stored zip of the fixed package around the sheet XML d[0..n) (and
 * the shared strings from "<sst" on, if any), malloc'd in *out; NULL when
 * libzip fails. */
static void *wrap(const uint8_t *d, size_t n, size_t *out)
{
	const uint8_t *sst = memmem(d, n, "<sst", 4);
	size_t nsheet = sst ? (size_t)(sst - d) : n;
	const struct {
		const char *name;
		const void *data;
		size_t len;
	} ents[] = {
		{ "_rels/.rels", root_rels, sizeof(root_rels) - 1 },
		{ "xl/workbook.xml", workbook, sizeof(workbook) - 1 },
		{ "xl/_rels/workbook.xml.rels", workbook_rels,
		  sizeof(workbook_rels) - 1 },
		{ "xl/worksheets/sheet1.xml", d, nsheet },
		{ "xl/sharedStrings.xml", sst, sst ? n - nsheet : 0 },
	};
	zip_source_t *src;
	zip_stat_t st;
	zip_t *z;
	void *buf = NULL;

	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	if (!src)
		return NULL;
	z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!z) {
		zip_source_free(src);
		return NULL;
	}
	zip_source_keep(src);
	for (size_t i = 0; i < sizeof(ents) / sizeof(ents[0]); i++) {
		zip_source_t *s;
		zip_int64_t idx;

		if (!ents[i].data)
			continue;
		s = zip_source_buffer(z, ents[i].data, ents[i].len, 0);
		idx = s ? zip_file_add(z, ents[i].name, s, 0) : -1;
		if (idx < 0) {
			zip_source_free(s);
			continue;
		}
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE,
					 0);
	}
	if (zip_close(z) < 0) {
		zip_discard(z);
		goto out;
	}
	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0)
		goto out;
	buf = malloc(st.size ? st.size : 1);
	if (buf && zip_source_read(src, buf, st.size) != (zip_int64_t)st.size) {
		free(buf);
		buf = NULL;
	}
	*out = st.size;
	zip_source_close(src);
out:
	zip_source_free(src);
	return buf;
}

static void check_grid(const struct grid *g)
{
	for (size_t s = 0; s < g->nsheets; s++) {
		const struct grid_sheet *sh = &g->sheets[s];
		uint32_t prev = 0;

		if (!sh->name || !utf8_valid(sh->name, strlen(sh->name)))
			__builtin_trap();
		for (size_t r = 0; r < sh->nrows; r++) {
			const struct grid_row *row = &sh->rows[r];

			if (row->rownum <= prev || !row->ncells ||
			    row->ncells > fuzz_limits.max_cols ||
			    row->rownum > fuzz_limits.max_rows ||
			    !row->cells[row->ncells - 1])
				__builtin_trap();
			prev = row->rownum;
			for (size_t c = 0; c < row->ncells; c++) {
				const char *t = row->cells[c];
				size_t n;

				if (!t)
					continue;
				n = strlen(t);
				if (!n || n > fuzz_limits.max_cell_bytes ||
				    !utf8_valid(t, n))
					__builtin_trap();
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct grid g;
	struct errors e = ERRORS_INIT;
	void *zip = NULL;
	size_t len = size;
	int rc;

	if (size < 2 || data[0] != 'P' || data[1] != 'K') {
		zip = wrap(data, size, &len);
		if (!zip)
			return 0;
		data = zip;
	}
	grid_init(&g);
	rc = xlsx_read_mem(data, len, "fuzz.xlsx", &fuzz_limits, &g, &e);
	check_grid(&g);
	if ((rc < 0) != (errors_count(&e) > 0))
		__builtin_trap();
	for (size_t i = 0; i < e.n; i++)
		if (strncmp(e.msg[i], "fuzz.xlsx:", 10) ||
		    !utf8_valid(e.msg[i], strlen(e.msg[i])))
			__builtin_trap();
	grid_release(&g);
	errors_release(&e);
	free(zip);
	return 0;
}
