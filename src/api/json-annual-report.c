/* json-annual-report.c: annual reports as JSON; see json-annual-report.h. */
#include "json-annual-report.h"

static const char *const col_key[AC__MAX] = {
	"person", "commercial", "research", "nonprofit", "legal", "other",
	"total",
};

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *table2(const struct annual_report *r)
{
	json_t *blocks = json_array();
	struct arena a = ARENA_INIT;

	for (size_t k = 0; k < ANNUAL_T2_NBLOCKS; k++) {
		const struct annual_t2_block *bl = &annual_t2_blocks[k];
		json_t *cols = json_array(), *rows = json_array();

		for (size_t c = 0; c <= bl->ncolumns; c++)
			json_array_append_new(cols, json_string(bl->columns[c]));
		for (size_t i = 0; i < bl->nrows; i++) {
			json_t *cells = json_array();

			for (size_t c = 0; c < bl->ncolumns; c++) {
				int cell = bl->rows[i].cells[c];
				const struct annual_figure *f = &r->t2[cell];
				bool fee = cell == T2_FEES;
				json_t *o = json_object();

				json_object_set_new(o, "key",
					json_string(annual_t2_key[cell]));
				json_object_set_new(o, "column",
					json_string(bl->columns[c + 1]));
				json_object_set_new(o, "value", fee ?
					json_real((double)f->value / 1e6) :
					json_integer(f->value));
				json_object_set_new(o, "text", json_string(fee ?
					annual_wan_yuan(&a, f->value) :
					arena_printf(&a, "%lld",
						     (long long)f->value)));
				json_object_set_new(o, "source", json_string(
					annual_source_code[f->source]));
				json_object_set_new(o, "source_label", json_string(
					annual_source_label[f->source]));
				json_object_set_new(o, "data_value", f->derivable ?
					json_integer(f->value_data) :
					json_null());
				json_array_append_new(cells, o);
			}
			json_array_append_new(rows, json_pack("{s:s, s:o}",
				"label", bl->rows[i].label, "cells", cells));
		}
		json_array_append_new(blocks, json_pack("{s:s, s:o, s:o}",
			"heading", bl->heading, "columns", cols, "rows", rows));
	}
	arena_release(&a);
	return json_pack("{s:o}", "blocks", blocks);
}

static json_t *table3(const struct annual_report *r)
{
	json_t *cols = json_array(), *rows = json_array(), *check = json_array();

	for (int c = 0; c < AC__MAX; c++)
		json_array_append_new(cols, json_pack("{s:s, s:s, s:o}", "key",
			col_key[c], "label", annual_col_label[c], "group",
			c >= AC_COMMERCIAL && c <= AC_OTHER ?
			json_string(ANNUAL_COL_ORG) : json_null()));
	for (int i = 0; i < ANNUAL_T3_NROWS; i++) {
		const struct annual_t3_row *t = &annual_t3_rows[i];
		json_t *v = json_null();

		if (t->figures) {
			v = json_object();
			for (int c = 0; c < AC__MAX; c++)
				json_object_set_new(v, col_key[c],
						    json_integer(r->t3[i][c]));
		}
		json_array_append_new(rows, json_pack("{s:s, s:s, s:i, s:b, s:i, s:o}",
			"code", t->code, "label", t->label, "level", t->level,
			"figures", t->figures, "span", t->span, "values", v));
	}
	for (int c = 0; c < AC__MAX; c++) {
		const struct annual_balance *b = &r->balance[c];

		json_array_append_new(check, json_pack(
			"{s:s, s:s, s:I, s:I, s:I, s:I, s:b}", "key", col_key[c],
			"label", annual_col_label[c],
			"received", (json_int_t)b->received,
			"carried_in", (json_int_t)b->carried_in,
			"total", (json_int_t)b->total,
			"carried_out", (json_int_t)b->carried_out,
			"balanced", b->ok));
	}
	return json_pack("{s:s, s:o, s:o, s:b, s:o}", "note", ANNUAL_T3_NOTE,
			 "columns", cols, "rows", rows, "balanced", r->balanced,
			 "check", check);
}

static json_t *table4(const struct annual_report *r)
{
	json_t *cols = json_array(), *rows = json_array();

	for (int k = 0; k < AR__MAX; k++)
		json_array_append_new(cols, json_pack("{s:s, s:s}", "key",
			annual_case_result_code[k], "label",
			annual_case_result_label[k]));
	for (int j = 0; j < AK__MAX; j++) {
		json_t *v = json_object();

		for (int k = 0; k < AR__MAX; k++)
			json_object_set_new(v, annual_case_result_code[k],
					    json_integer(r->t4[j][k]));
		json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:o}",
			"key", annual_case_kind_code[j], "label",
			annual_case_kind_label[j], "group", j == AK_REVIEW ?
			ANNUAL_T4_REVIEW : ANNUAL_T4_SUIT, "values", v));
	}
	return json_pack("{s:o, s:o}", "columns", cols, "rows", rows);
}

static json_t *strings(const char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

json_t *json_annual_report(const struct annual_report *r)
{
	json_t *o = json_object(), *units = json_array();
	struct arena a = ARENA_INIT;

	json_object_set_new(o, "title", json_string(r->title));
	json_object_set_new(o, "year", json_integer(r->year));
	json_object_set_new(o, "unit", r->unit_id ?
		json_pack("{s:I, s:s}", "id", (json_int_t)r->unit_id, "name",
			  r->unit_name) : json_null());
	json_object_set_new(o, "region", json_pack("{s:s, s:s}", "code",
		r->region_code, "name", r->region_name));
	json_object_set_new(o, "region_wide", json_boolean(r->region_wide));
	for (size_t i = 0; i < r->nunits; i++)
		json_array_append_new(units, json_pack("{s:I, s:s}", "id",
			(json_int_t)r->units[i].id, "name", r->units[i].name));
	json_object_set_new(o, "units", units);
	json_object_set_new(o, "published_at", str_or_null(r->published_at));
	json_object_set_new(o, "updated_at", str_or_null(r->updated_at));
	json_object_set_new(o, "sections", json_pack("{s:s, s:s, s:s, s:s}",
		"overview", r->overview, "problems", r->problems, "other",
		r->other, "fee_sentence", r->fee_sentence));
	json_object_set_new(o, "fees_fen", json_integer(r->fees_fen));
	json_object_set_new(o, "fees_yuan", json_string(annual_yuan(&a,
								  r->fees_fen)));
	json_object_set_new(o, "table2", table2(r));
	json_object_set_new(o, "table3", table3(r));
	json_object_set_new(o, "table4", table4(r));
	json_object_set_new(o, "notes", strings(r->notes, r->nnotes));
	json_object_set_new(o, "problems", strings(r->problems_found,
						   r->nproblems));
	arena_release(&a);
	return o;
}
