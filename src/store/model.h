/* model.h: the plain data gongkai stores — regions, units, domains,
 * catalogs and their items
 *
 * These are records with no behaviour; the rules live in src/domain/ and the
 * storage in store.h.  Strings are borrowed: whoever fills a record says
 * where they live (normally an arena owned by the caller).
 */
#ifndef GK_MODEL_H
#define GK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct region {
	const char *code;	/* 行政区划代码 */
	const char *name;
	const char *level;	/* 省 市 县 乡 村 */
	const char *parent_code;	/* NULL at the top */
	const char *geometry;	/* GeoJSON geometry of its outline, or NULL */
};

struct unit {
	int64_t id;
	const char *name;
	const char *kind;	/* 人民政府, 政府部门, 街道办事处, ... */
	const char *region_code;
	const char *credit_code;	/* 统一社会信用代码 or NULL */
};

struct domain {
	int64_t id;
	const char *code;	/* stable, e.g. "shjz" */
	const char *name;	/* 社会救助 */
	int sort;
	const char *department;
};

enum catalog_status {
	CATALOG_DRAFT,
	CATALOG_SUBMITTED,
	CATALOG_APPROVED,
	CATALOG_PUBLISHED,
	CATALOG__MAX
};

/* 公开对象, 公开方式 and 公开层级 are small sets kept as bits. */
enum { AUDIENCE_ALL = 1, AUDIENCE_SPECIFIC = 2 };
enum { MODE_ACTIVE = 1, MODE_ON_REQUEST = 2 };
enum { LEVEL_CITY = 1, LEVEL_COUNTY = 2, LEVEL_TOWNSHIP = 4, LEVEL_VILLAGE = 8 };

/* 公开时限 understood as a rule (see domain/timelimit.h); kind "" when the
 * text is not a known phrase. */
struct timelimit {
	const char *kind;	/* "", "deadline", "realtime", "timely", "permanent" */
	int days;		/* deadline length */
	bool workdays;		/* days are 工作日 (else calendar days) */
	const char *anchor;	/* what starts the clock: "形成或变更", "批准", ... */
	int notice_days;	/* 公示/公告期限 in 工作日, 0 if none */
};

struct element {		/* one 公开内容要素 */
	const char *text;
	bool required;		/* ● required, 〇 optional */
};

struct channel {		/* one 公开渠道和载体 */
	int std;		/* 1..13 = standard channel (domain/channels.h), 0 = named */
	const char *name;
	bool required;		/* ■ required, □ optional */
};

/* One node of a catalog's item tree.  一级 items group 二级 items, which may
 * group 三级 items; a node with children carries only its name. */
struct item {
	int64_t id;
	int parent;		/* index of the parent in catalog.items, -1 for 一级 */
	int level;		/* 1, 2 or 3 */
	const char *lineage;	/* identity kept across derivation and versions */
	int64_t origin_item;	/* the parent catalog's item this came from, 0 if none */
	const char *local_reason;	/* non-NULL: a local addition, and why */
	const char *name;
	const char *item_type;	/* 政务服务事项 / 非政务服务事项 / "" */
	const char *service_name;	/* 对应本级政务服务事项名称 */
	const char *basis;	/* 公开依据 */
	const char *time_limit;	/* 公开时限 as written */
	struct timelimit tl;
	const char *subject;	/* 公开主体 */
	unsigned audience, mode, levels;
	const char *note;	/* 备注 */
	const char *service_url;	/* 我要办 */
	struct element *elements;
	size_t nelements;
	struct channel *channels;
	size_t nchannels;
};

struct catalog {
	int64_t id;
	const char *region_code;
	const char *region_name;
	int64_t domain_id;
	const char *domain_code;
	const char *domain_name;
	const char *version;	/* 2020版 */
	enum catalog_status status;
	int64_t parent_id;	/* derived from, 0 if a reference catalog */
	int64_t previous_id;	/* earlier version, 0 if none */
	const char *author;
	const char *source;
	const char *review_note;
	const char *created_at, *updated_at;
	const char *submitted_at, *approved_at, *published_at;
	/* the item tree in pre-order: a parent always comes before its children */
	struct item *items;
	size_t nitems;
	size_t alloc;
};

struct catalog_event {
	const char *at;
	const char *actor;
	const char *action;
	const char *detail;
};

/* --- records (公开信息) --- */

enum record_validity { VALIDITY_VALID, VALIDITY_EXPIRED, VALIDITY_REPEALED,
		       VALIDITY__MAX };	/* 有效 失效 废止 */
enum record_disclosure { DISCLOSE_ACTIVE, DISCLOSE_ON_REQUEST, DISCLOSE_NONE,
			 DISCLOSE__MAX };	/* 主动公开 依申请公开 不予公开 */
/* 草稿, 已发布, 已撤回, then the workflow's steps: 待审 (the unit's 审核人),
 * 待签 (签发人), 待批 (the disclosure office), 待发布 (scheduled). */
enum record_status { RECORD_DRAFT, RECORD_PUBLISHED, RECORD_WITHDRAWN,
		     RECORD_REVIEW, RECORD_SIGN, RECORD_APPROVE,
		     RECORD_SCHEDULED, RECORD_STATUS__MAX };

struct record_value {		/* the value of one 公开内容要素 */
	const char *element;
	const char *value;
};

struct attachment {
	int64_t id;
	int64_t record_id;
	const char *name;	/* file name as shown and downloaded */
	const char *mime;
	const char *sha256;	/* hex; the content is stored once by this */
	int64_t size;
};

struct record {
	int64_t id;
	const char *region_code;
	int64_t domain_id;
	const char *lineage;	/* of the catalog item it is filed under */
	int64_t item_id;	/* that item, 0 if it no longer exists */
	int64_t unit_id;
	const char *unit_name;	/* filled when loaded */
	const char *title;
	const char *index_no;	/* 索引号, unique */
	const char *doc_no;	/* 文号 */
	const char *publisher;	/* 发布机构 */
	const char *written_on;	/* 成文日期 YYYY-MM-DD or "" */
	const char *published_on;	/* 发布日期 YYYY-MM-DD or "" */
	enum record_validity validity;
	const char *topic;	/* 主题分类 */
	enum record_disclosure disclosure;
	const char *legal_ground;	/* why not 主动公开 */
	struct record_value *values;
	size_t nvalues;
	const char *body_md;
	enum record_status status;
	const char *created_at, *updated_at;
	struct attachment *attachments;	/* filled by store_record_get */
	size_t nattachments;
	/* the workflow */
	const char *publish_at;	/* scheduled publication (UTC text) or NULL */
	const char *return_reason;	/* why it was last sent back */
	const char *withdraw_reason;
	const char *deleted_at;	/* in the recycle bin since, or NULL */
	int64_t created_by;	/* user id, 0 for imports */
	const char *due_on;	/* 公开时限 due date, "" if none */
	int rev;		/* revision number, from 1 */
};

#endif
