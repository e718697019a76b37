/* site.c: see site.h */
#include "site.h"

#include <stddef.h>
#include <string.h>

const struct site_key site_keys[] = {
	{ "title", "专栏标题" },
	{ "banner", "横幅说明" },
	{ "site_name", "网站名称" },
	{ "site_domain", "网站域名" },
	{ "site_code", "网站标识码" },
	{ "host", "主办单位" },
	{ "contact", "联系方式" },
	{ "icp", "ICP备案号" },
	{ "police", "公安机关备案号" },
	{ "service_hall", "网上办事大厅地址" },
	{ NULL, NULL },
};

const struct column_page_kind column_page_kinds[4] = {
	{ "guide", "政府信息公开指南" },
	{ "rules", "政府信息公开制度" },
	{ "statutory", "法定主动公开内容" },
	{ "reports", "政府信息公开年报" },
};

const char *site_key_label(const char *key)
{
	for (const struct site_key *k = site_keys; k->key; k++)
		if (!strcmp(k->key, key))
			return k->label;
	return NULL;
}

const struct column_page_kind *column_page_kind(const char *slug)
{
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(column_page_kinds[i].slug, slug))
			return &column_page_kinds[i];
	return NULL;
}

/* The value of 'key' at 'code' or its nearest ancestor that has one. */
static const char *inherited(struct store *s, const char *code,
			     const char *key, struct arena *a)
{
	struct region r;
	const char *v;

	for (int depth = 0; code && depth < 8; depth++) {
		if (store_setting_get(s, code, key, a, &v) == STORE_OK)
			return v;
		if (store_region_get(s, code, a, &r) != STORE_OK)
			break;
		code = r.parent_code;
	}
	return "";
}

enum store_rc site_load(struct store *s, const char *region, struct arena *a,
			struct site_info *out)
{
	struct region r;
	const char *own;

	if (store_region_get(s, region, a, &r) != STORE_OK)
		return STORE_NOTFOUND;
	memset(out, 0, sizeof(*out));
	out->region_code = r.code;
	out->region_name = r.name;
	/* the title and banner belong to one column: not inherited */
	out->title = store_setting_get(s, region, "title", a, &own) == STORE_OK ?
		own : arena_printf(a, "%s政务公开专栏", r.name);
	out->banner = store_setting_get(s, region, "banner", a, &own) == STORE_OK ?
		own : "";
	out->site_name = inherited(s, region, "site_name", a);
	if (!*out->site_name)
		out->site_name = arena_printf(a, "%s人民政府", r.name);
	out->site_domain = inherited(s, region, "site_domain", a);
	out->site_code = inherited(s, region, "site_code", a);
	out->host = inherited(s, region, "host", a);
	out->contact = inherited(s, region, "contact", a);
	out->icp = inherited(s, region, "icp", a);
	out->police = inherited(s, region, "police", a);
	out->service_hall = inherited(s, region, "service_hall", a);
	return STORE_OK;
}
