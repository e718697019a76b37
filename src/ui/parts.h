/* parts.h: pieces several public pages show — lists of records, an item's
 * standard columns, the labels of 公开对象/方式/层级 — and the lookups
 * pages share (a region by code, the units of records).
 */
#ifndef GK_PARTS_H
#define GK_PARTS_H

#include "../http/request.h"
#include "../store/store.h"

/* <ul class="records"> of title links with date and publisher. */
void part_record_list(struct buf *b, const struct record *v, size_t n);
/* A table of list-type records (one column per element). */
void part_record_table(struct buf *b, const struct item *it,
		       const struct record *v, size_t n);
/* 全社会/特定群体, 主动/依申请, 市级、县级… */
void part_audience(struct buf *b, unsigned bits);
void part_mode(struct buf *b, unsigned bits);
void part_levels(struct buf *b, unsigned bits);
/* The item's standard columns as a <dl>. */
void part_item_columns(struct buf *b, const struct item *it,
		       const char *service_hall);
/* 我要办 link of a service item (its own URL, else the region's service
 * hall), nothing for other items. */
void part_service_link(struct buf *b, const struct item *it,
		       const char *service_hall);
struct crumb;
/* Breadcrumb entries from 首页 down to region 'code' (linked when
 * 'link_last'); returns the count (at most 'max'). */
size_t part_region_crumbs(struct http_request *rq, const char *code,
			  bool link_last, struct crumb *out, size_t max);
/* "/r/CODE/" etc. into the arena. */
const char *href_region(struct arena *a, const char *code);
const char *href_domain(struct arena *a, const char *code,
			const char *domain_code);
const char *href_item(struct arena *a, const char *code, int64_t item);
const char *href_record(struct arena *a, int64_t id);

#endif
