/* record.h: the rules of disclosed records (公开信息)
 *
 * Labels of a record's attributes, which items hold lists of objects (one
 * record per school, shown as a table), the checks every record passes
 * before it is stored (from an import now, from the back office later), the
 * default 索引号 rule, and the completeness of a region's column (the share
 * of its 二级事项 that hold at least one current record), which shades the
 * map.  No SQL and no HTTP here.
 */
#ifndef GK_RECORD_H
#define GK_RECORD_H

#include <stdbool.h>

#include "../store/store.h"

#define RECORD_TITLE_MAX 10000	/* characters */
#define RECORD_FIELD_MAX 2000	/* characters, for short fields */
#define RECORD_BODY_MAX (4 << 20)	/* bytes of Markdown */

const char *record_validity_label(enum record_validity v);	/* 有效 … */
const char *record_disclosure_label(enum record_disclosure d);	/* 主动公开 … */
const char *record_status_label(enum record_status st);	/* 草稿 … */
/* Parse a label or code ("有效"/"valid"); -1 when neither. */
int record_validity_parse(const char *s);
int record_disclosure_parse(const char *s);
const char *record_validity_code(enum record_validity v);
const char *record_disclosure_code(enum record_disclosure d);
const char *record_status_code(enum record_status st);

/* True when the item's records are objects of a list (a 名录: one record
 * per school) rather than documents: the item is named as a list (名录,
 * 名单, 名册, 一览表) or its first 公开内容要素 is a name (…名称). */
bool item_lists_objects(const struct item *it);

/* Check a record against its item before storing it.  Every problem is
 * added to 'err' prefixed by 'where' (e.g. "文件:第3行:"); returns the
 * number of problems. */
int record_check(const struct record *r, const struct item *it,
		 const char *where, struct errors *err);

/* The default 索引号, {unit code}/{year}-{5-digit serial}, with the first
 * serial not yet used; the unit code is its 统一社会信用代码, else its id
 * padded to 9 digits. */
const char *record_next_index_no(struct store *s, const struct unit *u,
				 int year, struct arena *a);

/* Share (0..1) of the 二级事项 of the region's published catalogs holding
 * at least one current public record (有效, 主动公开, published); -1 when
 * the region has no published catalog.  *covered and *total may be NULL. */
double region_completeness(struct store *s, const char *region,
			   struct arena *a, int *covered, int *total);

#endif
