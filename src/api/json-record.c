/* json-record.c: records as JSON; see json-record.h. */
#include "json-record.h"

#include "../domain/record.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Dates: "" (not set) is null. */
static json_t *date_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *text(const char *s)
{
	return json_string(s ? s : "");
}

json_t *json_record(const struct record *r)
{
	json_t *o = json_object(), *el = json_array(), *att = json_array();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "region", str_or_null(r->region_code));
	json_object_set_new(o, "domain_id", json_integer(r->domain_id));
	json_object_set_new(o, "item_id", r->item_id ? json_integer(r->item_id)
						     : json_null());
	json_object_set_new(o, "lineage", text(r->lineage));
	json_object_set_new(o, "unit", json_pack("{s:I, s:o}", "id",
		(json_int_t)r->unit_id, "name", str_or_null(r->unit_name)));
	json_object_set_new(o, "title", text(r->title));
	json_object_set_new(o, "index_no", text(r->index_no));
	json_object_set_new(o, "doc_no", text(r->doc_no));
	json_object_set_new(o, "publisher", text(r->publisher));
	json_object_set_new(o, "written_on", date_or_null(r->written_on));
	json_object_set_new(o, "published_on", date_or_null(r->published_on));
	json_object_set_new(o, "validity",
			    json_string(record_validity_code(r->validity)));
	json_object_set_new(o, "validity_label",
			    json_string(record_validity_label(r->validity)));
	json_object_set_new(o, "topic", text(r->topic));
	json_object_set_new(o, "disclosure",
			    json_string(record_disclosure_code(r->disclosure)));
	json_object_set_new(o, "disclosure_label",
			    json_string(record_disclosure_label(r->disclosure)));
	json_object_set_new(o, "legal_ground", text(r->legal_ground));
	for (size_t i = 0; i < r->nvalues; i++)
		json_array_append_new(el, json_pack("{s:s, s:s}", "element",
			r->values[i].element ? r->values[i].element : "",
			"value", r->values[i].value ? r->values[i].value : ""));
	json_object_set_new(o, "elements", el);
	json_object_set_new(o, "body_md", text(r->body_md));
	json_object_set_new(o, "status",
			    json_string(record_status_code(r->status)));
	json_object_set_new(o, "status_label",
			    json_string(record_status_label(r->status)));
	for (size_t i = 0; i < r->nattachments; i++) {
		const struct attachment *a = &r->attachments[i];
		json_array_append_new(att, json_pack("{s:I, s:s, s:s, s:I, s:s}",
			"id", (json_int_t)a->id, "name", a->name ? a->name : "",
			"mime", a->mime ? a->mime : "", "size",
			(json_int_t)a->size, "sha256", a->sha256 ? a->sha256 : ""));
	}
	json_object_set_new(o, "attachments", att);
	json_object_set_new(o, "created_at", str_or_null(r->created_at));
	json_object_set_new(o, "updated_at", str_or_null(r->updated_at));
	return o;
}
