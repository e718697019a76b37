/* json-model.c: model records as JSON; see json-model.h. */
#include "json-model.h"

#include <stdio.h>

#include "../domain/catalog.h"
#include "../domain/channels.h"
#include "../domain/timelimit.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *json_region(const struct region *r)
{
	return json_pack("{s:s, s:s, s:s, s:o}", "code", r->code, "name",
			 r->name, "level", r->level, "parent",
			 str_or_null(r->parent_code));
}

json_t *json_domain(const struct domain *d)
{
	return json_pack("{s:I, s:s, s:s, s:i, s:s}", "id", (json_int_t)d->id,
			 "code", d->code, "name", d->name, "sort", d->sort,
			 "department", d->department ? d->department : "");
}

json_t *json_unit(const struct unit *u)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)u->id,
			 "name", u->name, "kind", u->kind, "region",
			 u->region_code, "credit_code",
			 str_or_null(u->credit_code));
}

static json_t *bits_array(unsigned bits, const char *const *names, int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		if (bits & (1u << i))
			json_array_append_new(a, json_string(names[i]));
	return a;
}

json_t *json_item(const struct catalog *c, size_t i)
{
	static const char *const aud[] = { "全社会", "特定群体" };
	static const char *const mode[] = { "主动", "依申请" };
	static const char *const lv[] = { "市级", "县级", "乡级", "村级" };
	const struct item *it = &c->items[i];
	json_t *o, *el, *ch, *tl;
	char desc[128];

	o = json_pack("{s:I, s:i, s:s, s:s}", "id", (json_int_t)it->id,
		      "level", it->level, "name", it->name, "lineage",
		      it->lineage ? it->lineage : "");
	json_object_set_new(o, "parent_id", it->parent >= 0
		? json_integer(c->items[it->parent].id) : json_null());
	json_object_set_new(o, "origin_item", it->origin_item
		? json_integer(it->origin_item) : json_null());
	json_object_set_new(o, "local_reason", str_or_null(it->local_reason));
	if (catalog_item_has_children(c, i) || it->level == 1)
		return o;	/* a group: name only */
	json_object_set_new(o, "item_type", json_string(it->item_type));
	json_object_set_new(o, "service_name", json_string(it->service_name));
	el = json_array();
	for (size_t k = 0; k < it->nelements; k++)
		json_array_append_new(el, json_pack("{s:s, s:b}", "text",
			it->elements[k].text, "required",
			it->elements[k].required));
	json_object_set_new(o, "elements", el);
	json_object_set_new(o, "basis", json_string(it->basis));
	timelimit_describe(&it->tl, desc, sizeof(desc));
	tl = json_pack("{s:s, s:s}", "text", it->time_limit, "kind",
		       it->tl.kind ? it->tl.kind : "");
	if (it->tl.kind && *it->tl.kind) {
		json_object_set_new(tl, "days", json_integer(it->tl.days));
		json_object_set_new(tl, "workdays", json_boolean(it->tl.workdays));
		json_object_set_new(tl, "anchor", json_string(it->tl.anchor));
		json_object_set_new(tl, "notice_days",
				    json_integer(it->tl.notice_days));
		json_object_set_new(tl, "rule", json_string(desc));
	}
	json_object_set_new(o, "time_limit", tl);
	json_object_set_new(o, "subject", json_string(it->subject));
	ch = json_array();
	for (size_t k = 0; k < it->nchannels; k++)
		json_array_append_new(ch, json_pack("{s:s, s:o, s:b}", "name",
			it->channels[k].name, "standard",
			it->channels[k].std ? json_integer(it->channels[k].std)
					    : json_null(),
			"required", it->channels[k].required));
	json_object_set_new(o, "channels", ch);
	json_object_set_new(o, "audience", bits_array(it->audience, aud, 2));
	json_object_set_new(o, "mode", bits_array(it->mode, mode, 2));
	json_object_set_new(o, "levels", bits_array(it->levels, lv, 4));
	json_object_set_new(o, "note", json_string(it->note));
	json_object_set_new(o, "service_url", json_string(it->service_url));
	return o;
}

json_t *json_catalog(const struct catalog *c, int with_items)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
			      "id", (json_int_t)c->id,
			      "region", c->region_code,
			      "region_name", c->region_name ? c->region_name : "",
			      "domain", c->domain_code ? c->domain_code : "",
			      "domain_name", c->domain_name ? c->domain_name : "",
			      "version", c->version,
			      "status", catalog_status_code(c->status),
			      "status_label", catalog_status_label(c->status));

	json_object_set_new(o, "parent_id", c->parent_id
		? json_integer(c->parent_id) : json_null());
	json_object_set_new(o, "previous_id", c->previous_id
		? json_integer(c->previous_id) : json_null());
	json_object_set_new(o, "author", str_or_null(c->author));
	json_object_set_new(o, "source", str_or_null(c->source));
	json_object_set_new(o, "review_note", str_or_null(c->review_note));
	json_object_set_new(o, "created_at", str_or_null(c->created_at));
	json_object_set_new(o, "updated_at", str_or_null(c->updated_at));
	json_object_set_new(o, "submitted_at", str_or_null(c->submitted_at));
	json_object_set_new(o, "approved_at", str_or_null(c->approved_at));
	json_object_set_new(o, "published_at", str_or_null(c->published_at));
	if (with_items) {
		json_t *items = json_array();
		for (size_t i = 0; i < c->nitems; i++)
			json_array_append_new(items, json_item(c, i));
		json_object_set_new(o, "items", items);
	}
	return o;
}

int json_print(json_t *v)
{
	int rc = json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
			    JSON_ENSURE_ASCII * 0);
	fputc('\n', stdout);
	json_decref(v);
	return rc;
}
