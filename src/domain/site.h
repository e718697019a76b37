/* site.h: a region's public column settings, inherited down the tree
 *
 * Each region's column (专栏) has a title, a banner line, the footer lines
 * government sites must show (主办单位, 联系方式, 网站标识码, ICP备案号,
 * 公安机关备案号; domain-facts §5.5) and the online service hall 我要办
 * links go to.  A region without a value takes its parent's; the title
 * falls back to "<region>政务公开专栏".  Keys are validated here so the CLI
 * and (later) the back office share one list.
 */
#ifndef GK_SITE_H
#define GK_SITE_H

#include "../store/store.h"

struct site_info {
	const char *region_code;
	const char *region_name;
	const char *title;	/* 专栏标题 */
	const char *banner;	/* 横幅说明 */
	const char *site_name;	/* SiteName meta; the portal's name */
	const char *site_domain;	/* SiteDomain meta */
	const char *site_code;	/* 网站标识码 */
	const char *host;	/* 主办单位 */
	const char *contact;	/* 联系方式 */
	const char *icp;	/* ICP备案号 */
	const char *police;	/* 公安机关备案号 */
	const char *service_hall;	/* 我要办 default target */
};

struct site_key {
	const char *key;
	const char *label;
};
/* The settable keys with their Chinese labels, NULL-terminated. */
extern const struct site_key site_keys[];
/* The key's label, or NULL if 'key' is not a setting. */
const char *site_key_label(const char *key);

/* Settings of 'region' with inheritance; strings in 'a'.  Unset values are
 * "" (title: the default).  STORE_NOTFOUND for an unknown region. */
enum store_rc site_load(struct store *s, const char *region, struct arena *a,
			struct site_info *out);

/* The four standard entries of a 政府信息公开专栏 (国办公开办函〔2019〕61号). */
struct column_page_kind {
	const char *slug;
	const char *title;
};
extern const struct column_page_kind column_page_kinds[4];
const struct column_page_kind *column_page_kind(const char *slug);

#endif
