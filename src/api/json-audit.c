/* json-audit.c: audit entries and verification as JSON; see json-audit.h. */
#include "json-audit.h"

#include <string.h>

#include "../util/utf8.h"

/* A string, null for NULL; text that is not UTF-8 (jansson would refuse
 * it) becomes U+FFFD. */
static json_t *str(const char *s)
{
	if (!s)
		return json_null();
	if (!utf8_valid(s, strlen(s)))
		return json_string("\xEF\xBF\xBD");
	return json_string(s);
}

static json_t *id_or_null(int64_t v)
{
	return v ? json_integer((json_int_t)v) : json_null();
}

static json_t *stored_json(const char *s)
{
	json_t *v;

	if (!s)
		return json_null();
	v = json_loads(s, JSON_DECODE_ANY, NULL);
	return v ? v : str(s);
}

json_t *json_audit_entry(const struct audit_entry *e)
{
	json_t *o = json_object();
	const char *label = audit_action_label(e->action);

	json_object_set_new(o, "id", json_integer((json_int_t)e->id));
	json_object_set_new(o, "at", str(e->at));
	json_object_set_new(o, "actor", str(e->actor));
	json_object_set_new(o, "actor_id", id_or_null(e->actor_id));
	json_object_set_new(o, "client", str(e->client));
	json_object_set_new(o, "action", str(e->action));
	json_object_set_new(o, "action_label", str(label));
	json_object_set_new(o, "object_type", str(e->object_type));
	json_object_set_new(o, "object_id", str(e->object_id));
	json_object_set_new(o, "region", str(e->region_code));
	json_object_set_new(o, "unit_id", id_or_null(e->unit_id));
	json_object_set_new(o, "before", stored_json(e->before));
	json_object_set_new(o, "after", stored_json(e->after));
	json_object_set_new(o, "detail", str(e->detail ? e->detail : ""));
	json_object_set_new(o, "prev_hash", str(e->prev_hash));
	json_object_set_new(o, "hash", str(e->hash));
	return o;
}

json_t *json_audit_verify(const struct audit_problem *p, size_t n,
			  const struct audit_summary *sum)
{
	json_t *o = json_object(), *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:o, s:o}", "id",
			id_or_null(p[i].id), "message", str(p[i].msg)));
	json_object_set_new(o, "intact", json_boolean(n == 0 &&
						       sum->unlisted == 0));
	json_object_set_new(o, "count", json_integer((json_int_t)sum->count));
	json_object_set_new(o, "last_id",
			    json_integer((json_int_t)sum->last_id));
	json_object_set_new(o, "last_hash", str(sum->last_hash));
	json_object_set_new(o, "problems", arr);
	json_object_set_new(o, "unlisted",
			    json_integer((json_int_t)sum->unlisted));
	return o;
}
