/* demo-site.c: the demo's public column — map outlines, column settings
 * and the 专栏 pages (see demo.h) */
#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "../domain/refdata.h"
#include "../domain/site.h"
#include "../util/buf.h"

#define CITY "430100"

static int read_page(const char *path, struct buf *b, struct errors *err)
{
	FILE *fp = fopen(path, "rb");
	char chunk[8192];
	size_t k;

	if (!fp) {
		errors_addf(err, "无法打开演示页面 %s", path);
		return -1;
	}
	while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(b, chunk, k);
	fclose(fp);
	return 0;
}

static int put_pages(struct store *s, const char *datadir, const char *region,
		     struct errors *err)
{
	static const char *const slugs[] = { "guide", "rules", "statutory" };

	for (size_t i = 0; i < 3; i++) {
		struct buf body = BUF_INIT;
		struct column_page p = { 0 };
		char path[1024];
		int rc;

		snprintf(path, sizeof(path), "%s/pages/%s.md", datadir, slugs[i]);
		if (read_page(path, &body, err)) {
			buf_release(&body);
			return -1;
		}
		p.region_code = region;
		p.slug = slugs[i];
		p.title = column_page_kind(slugs[i])->title;
		p.body_md = body.buf;
		rc = store_page_put(s, &p, err) == STORE_OK ? 0 : -1;
		buf_release(&body);
		if (rc)
			return -1;
	}
	return 0;
}

int demo_site(struct store *s, const char *datadir, struct errors *err)
{
	static const struct { const char *key, *value; } city[] = {
		{ "banner", "基层政务公开标准化规范化 · “1+9”政务公开专栏（演示数据）" },
		{ "site_name", "长沙市人民政府（演示）" },
		{ "host", "长沙市人民政府办公厅（演示数据，部署时请设置）" },
		{ "contact", "演示数据：请用 gongkai site set 设置联系方式" },
		{ "service_hall", "https://zwfw-new.hunan.gov.cn/" },
	};
	struct arena a = ARENA_INIT;
	struct region *kids;
	size_t nkids;
	char path[1024];
	int rc = -1;

	snprintf(path, sizeof(path), "%s/regions/changsha-districts.geojson",
		 datadir);
	if (refdata_import_outlines(s, path, CITY, err) < 0)
		goto out;
	for (size_t i = 0; i < sizeof(city) / sizeof(city[0]); i++)
		if (store_setting_set(s, CITY, city[i].key, city[i].value, err) !=
		    STORE_OK)
			goto out;
	if (put_pages(s, datadir, CITY, err) ||
	    store_region_children(s, CITY, &a, &kids, &nkids) != STORE_OK)
		goto out;
	for (size_t i = 0; i < nkids; i++) {
		const char *banner = arena_printf(&a, "%s基层政务公开标准化规范化"
						  "专栏（演示数据）", kids[i].name);

		if (store_setting_set(s, kids[i].code, "banner", banner, err) !=
		    STORE_OK || put_pages(s, datadir, kids[i].code, err))
			goto out;
	}
	rc = 0;
out:
	arena_release(&a);
	return rc;
}
