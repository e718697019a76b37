/* json-check.c: see json-check.h */
#include "json-check.h"

#include <string.h>

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *counts_json(const int64_t *counts)
{
	json_t *o = json_object();

	for (int k = 0; k < CHECK__MAX; k++)
		json_object_set_new(o, check_kind_code(k), json_integer(counts[k]));
	return o;
}

json_t *json_check_finding(const struct check_finding *f)
{
	json_t *o = json_object();
	int k = check_kind_parse(f->kind);

	json_object_set_new(o, "kind", json_string(f->kind));
	json_object_set_new(o, "kind_label",
			    json_string(k >= 0 ? check_kind_label(k) : ""));
	json_object_set_new(o, "code", json_string(f->code ? f->code : ""));
	json_object_set_new(o, "unit_id", json_integer(f->unit_id));
	json_object_set_new(o, "region", json_string(f->region_code ?
						     f->region_code : ""));
	json_object_set_new(o, "catalog_id", id_or_null(f->catalog_id));
	json_object_set_new(o, "item_id", id_or_null(f->item_id));
	json_object_set_new(o, "record_id", id_or_null(f->record_id));
	json_object_set_new(o, "subject", json_string(f->subject ?
						      f->subject : ""));
	if (f->url && *f->url) {
		json_object_set_new(o, "url", json_string(f->url));
		json_object_set_new(o, "http_status", f->http_status ?
				    json_integer(f->http_status) : json_null());
		json_object_set_new(o, "seconds", json_real(f->seconds));
	} else {
		json_object_set_new(o, "url", json_null());
		json_object_set_new(o, "http_status", json_null());
		json_object_set_new(o, "seconds", json_null());
	}
	json_object_set_new(o, "text", json_string(f->text ? f->text : ""));
	json_object_set_new(o, "fix", json_string(f->fix ? f->fix : ""));
	json_object_set_new(o, "links_run", id_or_null(f->links_run));
	return o;
}

json_t *json_check_report(const struct check_report *r)
{
	json_t *o = json_object(), *scope = json_object();
	json_t *notes = json_array(), *units = json_array();
	size_t f = 0;

	json_object_set_new(o, "run_id", id_or_null(r->run_id));
	json_object_set_new(o, "started_at", json_string(r->started_at));
	json_object_set_new(o, "finished_at", json_string(r->finished_at));
	json_object_set_new(o, "today", json_string(r->today));
	json_object_set_new(scope, "region", r->scope_region &&
			    *r->scope_region ? json_string(r->scope_region) :
			    json_null());
	json_object_set_new(scope, "unit", id_or_null(r->scope_unit));
	json_object_set_new(o, "scope", scope);
	json_object_set_new(o, "links_checked", json_boolean(r->links));
	json_object_set_new(o, "addresses_checked",
			    json_integer((json_int_t)r->links_checked));
	json_object_set_new(o, "counts", counts_json(r->counts));
	json_object_set_new(o, "total", json_integer((json_int_t)r->nfindings));
	for (size_t i = 0; i < r->nnotes; i++)
		json_array_append_new(notes, json_string(r->notes[i]));
	json_object_set_new(o, "notes", notes);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct check_unit_result *u = &r->units[i];
		json_t *uo = json_object(), *cov = json_object();
		json_t *list = json_array();

		json_object_set_new(uo, "id", json_integer(u->unit.id));
		json_object_set_new(uo, "name", json_string(u->unit.name));
		json_object_set_new(uo, "region", json_string(u->unit.region_code));
		json_object_set_new(uo, "region_name", json_string(u->region_name ?
								    u->region_name : ""));
		json_object_set_new(cov, "covered", json_integer(u->covered));
		json_object_set_new(cov, "total", json_integer(u->total));
		json_object_set_new(uo, "coverage", cov);
		json_object_set_new(uo, "counts", counts_json(u->counts));
		json_object_set_new(uo, "total", json_integer(u->nfindings));
		/* findings are grouped by unit in the units' order */
		for (; f < r->nfindings && r->findings[f].unit_id == u->unit.id;
		     f++)
			json_array_append_new(list,
					      json_check_finding(&r->findings[f]));
		json_object_set_new(uo, "findings", list);
		json_array_append_new(units, uo);
	}
	json_object_set_new(o, "units", units);
	return o;
}
