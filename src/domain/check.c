/* check.c: the self-check (自查); see check.h for what is found and which
 * unit answers for what.
 *
 * A run walks the regions of its units one at a time: the region's newest
 * published catalogs, all its records (one list, element values but no
 * bodies), the counts of current public records per item lineage (the
 * store's query behind the map's shading), then the bodies that hold
 * links.  Items and records found wanting become findings of their unit;
 * addresses to check are gathered over every region, asked once each
 * (io/linkcheck.c), and their failures become findings at the end.
 * Findings are sorted by unit (region, then name), kind, then the order
 * they were found in (catalog order, record order).
 */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "catalog-diff.h"
#include "catalog.h"
#include "record-import.h"
#include "record.h"
#include "site.h"
#include "../util/buf.h"
#include "../util/hmap.h"
#include "../util/xalloc.h"

static const char *const kind_codes[CHECK__MAX] = {
	"blank", "stale", "overdue", "incomplete", "broken_link", "drift",
	"veto",
};
static const char *const kind_labels[CHECK__MAX] = {
	"空白事项",		/* CHECK_BLANK */
	"未按时更新",		/* CHECK_STALE */
	"超过公开时限",		/* CHECK_OVERDUE */
	"要素不全",		/* CHECK_INCOMPLETE */
	"链接失效",		/* CHECK_BROKEN_LINK */
	"目录未跟进上级",	/* CHECK_DRIFT */
	"单项否决预警",		/* CHECK_VETO */
};

const char *check_kind_code(enum check_kind k)
{
	return k < CHECK__MAX ? kind_codes[k] : "";
}

const char *check_kind_label(enum check_kind k)
{
	return k < CHECK__MAX ? kind_labels[k] : "";
}

int check_kind_parse(const char *code)
{
	for (int i = 0; code && i < CHECK__MAX; i++)
		if (!strcmp(code, kind_codes[i]))
			return i;
	return -1;
}

/* --- cadence --- */

static const char *const cadence_labels[CADENCE__MAX] = {
	"动态要闻类（2 周）",
	"通知公告类（6 个月）",
	"政策文件类（6 个月）",
	"按月公开",
	"按季度公开",
	"按年度公开",
	"随信息形成公开（12 个月）",
	"长期有效内容",
};

static const char *const cadence_codes[CADENCE__MAX] = {
	"news", "notice", "policy", "monthly", "quarterly", "yearly", "event",
	"none",
};

const char *cadence_label(enum cadence_kind k)
{
	return k < CADENCE__MAX ? cadence_labels[k] : "";
}

static const char *const news_words[] = { "动态", "要闻", "新闻", "资讯",
	"快讯", "简报", "工作信息", NULL };
static const char *const monthly_words[] = { "每月", "按月", "月度", "月报",
	"逐月", NULL };
static const char *const quarterly_words[] = { "每季", "按季", "季度", "季报",
	NULL };
static const char *const yearly_words[] = { "每年", "按年", "年度", "年报",
	"预算", "决算", NULL };
static const char *const lasting_words[] = { "指南", "名录", "简介", "介绍",
	"职能", "联系方式", "咨询", "机构设置", NULL };
static const char *const notice_words[] = { "通知", "公告", "通告", "公示",
	NULL };
static const char *const policy_words[] = { "政策", "文件", "法规", "规章",
	"解读", "规定", "办法", NULL };

static bool has_word(const char *s, const char *const *words)
{
	for (int i = 0; s && words[i]; i++)
		if (strstr(s, words[i]))
			return true;
	return false;
}

/* Any of the item's own texts that may state a period. */
static bool states_period(const struct item *it, const char *const *words)
{
	return has_word(it->name, words) || has_word(it->time_limit, words) ||
		has_word(it->note, words);
}

static void set_grace(const struct item *it, struct cadence *c)
{
	if (it->tl.kind && !strcmp(it->tl.kind, "deadline")) {
		c->grace = it->tl.days;
		c->grace_workdays = it->tl.workdays;
	}
}

/* The cadence of 'it' from its own words and rule; false when nothing but
 * the default (EVENT) decided it. */
static bool decide(const struct item *it, const struct item *parent,
		   struct cadence *c)
{
	memset(c, 0, sizeof(*c));
	if (has_word(it->name, news_words)) {
		c->kind = CADENCE_NEWS;
		c->days = 14;
		c->why = "属动态、要闻类栏目：2 周内应有更新（国办秘函〔2019〕19号）";
		return true;
	}
	if (states_period(it, monthly_words)) {
		c->kind = CADENCE_MONTHLY;
		c->months = 1;
		c->why = "按月公开：每月应有新信息，另加公开时限";
	} else if (states_period(it, quarterly_words)) {
		c->kind = CADENCE_QUARTERLY;
		c->months = 3;
		c->why = "按季度公开：每季度应有新信息，另加公开时限";
	} else if (states_period(it, yearly_words)) {
		c->kind = CADENCE_YEARLY;
		c->months = 12;
		c->why = "按年度公开（预决算、年度报告等）：每年应有新信息，另加公开时限";
	}
	if (c->months) {
		set_grace(it, c);
		return true;
	}
	if (has_word(it->name, lasting_words)) {
		c->kind = CADENCE_NONE;
		c->why = "办事指南、名录、简介等长期有效的内容：不按时间判断是否更新";
		return true;
	}
	if (has_word(it->name, notice_words)) {
		c->kind = CADENCE_NOTICE;
		c->months = 6;
		c->why = "属通知公告类栏目：6 个月内应有更新（国办秘函〔2019〕19号）";
		return true;
	}
	if (has_word(it->name, policy_words)) {
		c->kind = CADENCE_POLICY;
		c->months = 6;
		c->why = "属政策文件类栏目：6 个月内应有更新（国办秘函〔2019〕19号）";
		return true;
	}
	if (it->tl.kind && !strcmp(it->tl.kind, "permanent")) {
		c->kind = CADENCE_NONE;
		c->why = "公开时限为永久公开：不按时间判断是否更新";
		return true;
	}
	if (it->tl.anchor && (!strcmp(it->tl.anchor, "批准") ||
			      !strcmp(it->tl.anchor, "批复"))) {
		c->kind = CADENCE_YEARLY;
		c->months = 12;
		set_grace(it, c);
		c->why = "公开时限从批准（批复）起算，如预决算每年一次：每年应有新信息，"
			"另加公开时限";
		return true;
	}
	if (parent && has_word(parent->name, news_words)) {
		c->kind = CADENCE_NEWS;
		c->days = 14;
		c->why = "所属一级事项为动态、要闻类：2 周内应有更新（国办秘函〔2019〕19号）";
		return true;
	}
	if (parent && has_word(parent->name, notice_words)) {
		c->kind = CADENCE_NOTICE;
		c->months = 6;
		c->why = "所属一级事项为通知公告类：6 个月内应有更新（国办秘函〔2019〕19号）";
		return true;
	}
	if (parent && has_word(parent->name, policy_words)) {
		c->kind = CADENCE_POLICY;
		c->months = 6;
		c->why = "所属一级事项为政策文件类：6 个月内应有更新（国办秘函〔2019〕19号）";
		return true;
	}
	c->kind = CADENCE_EVENT;
	c->months = 12;
	set_grace(it, c);
	c->why = "随信息形成公开：12 个月（另加公开时限）没有新信息即视为应更新而长期未更新";
	return false;
}

/* Roughly how long a cadence lasts, in days, to find the shortest. */
static int approx_days(const struct cadence *c)
{
	if (c->kind == CADENCE_NONE)
		return 1 << 30;
	return c->days + c->months * 30 +
		(c->grace_workdays ? c->grace * 7 / 5 : c->grace);
}

void check_item_cadence(const struct item *it, const struct item *parent,
			const struct item *const *children, size_t nchildren,
			struct cadence *out)
{
	struct cadence best, one;
	bool have = false;

	if (decide(it, parent, out) || !nchildren)
		return;
	/* a group without words of its own: the shortest of its children */
	for (size_t i = 0; i < nchildren; i++) {
		decide(children[i], it, &one);
		if (!have || approx_days(&one) < approx_days(&best)) {
			best = one;
			have = true;
		}
	}
	if (have)
		*out = best;
}

/* 'from' plus n months, the day kept where the month has it (else its
 * last day). */
static int add_months(const char *from, int n, char out[CALENDAR_DATE_LEN])
{
	int32_t z;
	int y, m, d, md;

	if (calendar_parse_date(from, &z))
		return -1;
	calendar_civil_from_days(z, &y, &m, &d);
	m += n;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	md = calendar_month_days(y, m);
	if (d > md)
		d = md;
	calendar_format_date(calendar_days_from_civil(y, m, d), out);
	return 0;
}

int check_cadence_until(const struct calendar *cal, const struct cadence *c,
			const char *newest, char out[CALENDAR_DATE_LEN])
{
	char mid[CALENDAR_DATE_LEN];

	out[0] = '\0';
	if (c->kind == CADENCE_NONE)
		return 0;
	if (!newest || calendar_parse_date(newest, &(int32_t){ 0 }))
		return -1;
	if (c->months) {
		if (add_months(newest, c->months, mid))
			return -1;
	} else if (calendar_add_days(cal, newest, c->days, mid)) {
		return -1;
	}
	if (!c->grace) {
		memcpy(out, mid, CALENDAR_DATE_LEN);
		return 1;
	}
	if ((c->grace_workdays ? calendar_add_workdays(cal, mid, c->grace, out) :
	     calendar_add_days(cal, mid, c->grace, out)))
		return -1;
	return 1;
}

/* Days from date a to date b (b later: positive); 0 if either is bad. */
static int days_between(const char *a, const char *b)
{
	int32_t za, zb;

	if (calendar_parse_date(a, &za) || calendar_parse_date(b, &zb))
		return 0;
	return (int)(zb - za);
}

/* --- a run --- */

struct pending {
	struct check_finding f;
	int unit;		/* index in the report's units */
	int kind;
	size_t seq;
};

/* Counters of one unit for the 19号 thresholds. */
struct tally {
	int blank;
	int news_stale, notice_stale;	/* 2 weeks / 6 months classes */
	int stale;			/* any cadence */
	int service_items, service_urls;
};

/* An address to check and the finding it makes if it fails. */
struct link_use {
	size_t link;		/* index in ctx.links */
	struct check_finding f;	/* text still to be completed */
	const char *what;	/* 「我要办」地址 / 正文中的链接 */
	int unit;
};

struct ctx {
	struct store *s;
	const struct check_options *o;
	struct arena *a;
	struct errors *err;
	struct calendar cal;
	const char *today;
	struct hmap unit_ix;		/* unit id → index in units */
	struct check_unit_result *units;
	struct tally *tallies;
	size_t nunits;
	struct pending *v;
	size_t n, cap;
	struct domain *domains;
	size_t ndomains;
	struct hmap url_ix;		/* address → index in links */
	struct link_check *links;
	size_t nlinks, linkcap;
	struct link_use *uses;
	size_t nuses, usecap;
};

static int unit_index(const struct ctx *c, int64_t id)
{
	char key[24];
	int64_t ix;
	int k = snprintf(key, sizeof(key), "%lld", (long long)id);

	return hmap_get(&c->unit_ix, key, (size_t)k, &ix) ? (int)ix : -1;
}

static struct check_finding *add(struct ctx *c, int unit, enum check_kind k,
				 const char *code, const char *region)
{
	struct pending *p;

	c->v = xgrow(c->v, sizeof(*c->v), c->n + 1, &c->cap);
	p = &c->v[c->n];
	memset(p, 0, sizeof(*p));
	p->unit = unit;
	p->kind = (int)k;
	p->seq = c->n++;
	p->f.kind = kind_codes[k];
	p->f.code = code ? code : "";
	p->f.unit_id = c->units[unit].unit.id;
	p->f.unit_name = c->units[unit].unit.name;
	p->f.region_code = region ? region : "";
	p->f.subject = "";
	p->f.url = "";
	p->f.text = "";
	p->f.fix = "";
	return &p->f;
}

static const char *domain_department(const struct ctx *c, int64_t id)
{
	for (size_t i = 0; i < c->ndomains; i++)
		if (c->domains[i].id == id)
			return c->domains[i].department;
	return NULL;
}

/* The stem of a department's name that a local unit's name holds:
 * "民政部" → "民政", "国家卫生健康委" → "卫生健康", "财政部/农业农村部" →
 * "财政"; NULL when too short to mean anything. */
static const char *department_stem(const char *dept, struct arena *a)
{
	static const char *const tails[] = { "总局", "部", "委", "办", "局",
		NULL };
	const char *p = dept;
	size_t n;

	if (!p || !*p)
		return NULL;
	if (!strncmp(p, "国家", strlen("国家")))
		p += strlen("国家");
	n = strcspn(p, "/（(");
	for (int i = 0; tails[i]; i++) {
		size_t t = strlen(tails[i]);
		if (n > t && !memcmp(p + n - t, tails[i], t)) {
			n -= t;
			break;
		}
	}
	return n >= 6 ? arena_strndup(a, p, n) : NULL;	/* two characters */
}

/* The unit of 'units' (those of one region) answering for the region's
 * catalog of domain 'domain_id'; see check.h. */
static int owner_of(const struct ctx *c, int64_t domain_id,
		    const struct unit *units, size_t nunits, int def,
		    const struct record *recs, size_t nrecs,
		    const char *region_name)
{
	int64_t *count = xcalloc(nunits + 1, sizeof(*count));
	const char *stem;
	int best = -1;

	for (size_t i = 0; i < nrecs; i++) {
		if (recs[i].domain_id != domain_id)
			continue;
		for (size_t u = 0; u < nunits; u++)
			if (units[u].id == recs[i].unit_id) {
				count[u]++;
				break;
			}
	}
	for (size_t u = 0; u < nunits; u++)
		if (count[u] && (best < 0 || count[u] > count[best]))
			best = (int)u;
	free(count);
	if (best >= 0)
		return best;
	stem = department_stem(domain_department(c, domain_id), c->a);
	for (size_t u = 0; stem && u < nunits; u++) {
		const char *name = units[u].name;
		size_t rn = region_name ? strlen(region_name) : 0;

		if ((int)u == def)
			continue;
		if (rn && !strncmp(name, region_name, rn))
			name += rn;	/* the region's name is no evidence */
		if (strstr(name, stem))
			return (int)u;
	}
	return def;
}

/* What is known of the records under one item lineage of a region. */
struct lineage_stat {
	const char *newest;	/* newest public 发布日期, NULL if none */
	int64_t current;	/* current public records (the map's count) */
	int any;		/* records in any state */
};

static struct lineage_stat *stat_of(struct hmap *m, struct lineage_stat *v,
				    const char *lineage)
{
	int64_t ix;

	if (!lineage || !hmap_get(m, lineage, strlen(lineage), &ix))
		return NULL;
	return &v[ix];
}

/* Queue an address for checking, once per address. */
static struct link_use *use_link(struct ctx *c, const char *url, int unit)
{
	int64_t ix;
	struct link_use *u;

	if (!hmap_get(&c->url_ix, url, strlen(url), &ix)) {
		c->links = xgrow(c->links, sizeof(*c->links), c->nlinks + 1,
				 &c->linkcap);
		memset(&c->links[c->nlinks], 0, sizeof(*c->links));
		c->links[c->nlinks].url = url;
		ix = (int64_t)c->nlinks++;
		hmap_put(&c->url_ix, url, strlen(url), ix);
	}
	c->uses = xgrow(c->uses, sizeof(*c->uses), c->nuses + 1, &c->usecap);
	u = &c->uses[c->nuses++];
	memset(u, 0, sizeof(*u));
	u->link = (size_t)ix;
	u->unit = unit;
	return u;
}

static bool is_service_item(const struct item *it)
{
	return it->item_type && !strcmp(it->item_type, "政务服务事项");
}

/* The leaf item a new record for 二级事项 i is filed under: i itself, or
 * its first 三级事项. */
static int64_t leaf_for(const struct catalog *cat, size_t i)
{
	if (i + 1 < cat->nitems && cat->items[i + 1].parent == (int)i)
		return cat->items[i + 1].id;
	return cat->items[i].id;
}

/* Blank and stale 二级事项, coverage, 我要办 addresses and service items
 * of catalog 'cat', which unit 'u' answers for. */
static void check_items(struct ctx *c, const struct catalog *cat, int u,
			struct hmap *lm, struct lineage_stat *stats)
{
	struct check_unit_result *ur = &c->units[u];
	struct tally *t = &c->tallies[u];
	int cat_total = 0, cat_covered = 0;

	for (size_t i = 0; i < cat->nitems; i++) {
		const struct item *it = &cat->items[i];
		const struct item **kids = NULL;
		size_t nkids = 0, kidcap = 0;
		const char *newest = NULL;
		int64_t current = 0;
		int any = 0;
		struct cadence cad;
		char until[CALENDAR_DATE_LEN];
		const char *path;

		if (is_service_item(it)) {
			t->service_items++;
			if (it->service_url && *it->service_url)
				t->service_urls++;
		}
		if (!c->o->coverage_only && c->o->links && it->service_url &&
		    *it->service_url) {
			struct link_use *lu = use_link(c, it->service_url, u);

			lu->what = "「我要办」地址";
			lu->f.code = "service";
			lu->f.catalog_id = cat->id;
			lu->f.item_id = it->id;
			lu->f.subject = arena_printf(c->a, "%s / %s",
						     cat->domain_name,
						     catalog_item_path(cat, i, c->a));
			lu->f.fix = arena_printf(c->a, "/admin/catalogs/%lld",
						 (long long)cat->id);
			lu->f.region_code = cat->region_code;
		}
		if (it->level != 2)
			continue;
		/* the item and its 三级事项, as region_completeness() counts */
		for (size_t j = i; j < cat->nitems &&
		     (j == i || cat->items[j].level > 2); j++) {
			struct lineage_stat *st = stat_of(lm, stats,
							  cat->items[j].lineage);

			if (j > i) {
				kids = xgrow(kids, sizeof(*kids), nkids + 1,
					     &kidcap);
				kids[nkids++] = &cat->items[j];
			}
			if (!st)
				continue;
			current += st->current;
			any += st->any;
			if (st->newest && (!newest || strcmp(st->newest, newest) > 0))
				newest = st->newest;
		}
		cat_total++;
		path = arena_printf(c->a, "%s / %s", cat->domain_name,
				    catalog_item_path(cat, i, c->a));
		if (!current) {
			struct check_finding *f = add(c, u, CHECK_BLANK, "blank",
						      cat->region_code);

			t->blank++;
			f->catalog_id = cat->id;
			f->item_id = it->id;
			f->subject = path;
			f->fix = arena_printf(c->a, "/admin/records/new?item=%lld",
					      (long long)leaf_for(cat, i));
			f->text = any ?
				arena_printf(c->a, "没有现行有效的公开信息（有 %d 条信息，"
					     "但都未发布、已撤回、不公开或已失效）", any) :
				"没有任何公开信息（空白栏目）";
			free(kids);
			continue;
		}
		cat_covered++;
		check_item_cadence(it, it->parent >= 0 ?
				   &cat->items[it->parent] : NULL,
				   kids, nkids, &cad);
		free(kids);
		if (c->o->coverage_only || !newest ||
		    check_cadence_until(&c->cal, &cad, newest, until) != 1 ||
		    strcmp(c->today, until) <= 0)
			continue;
		{
			struct check_finding *f = add(c, u, CHECK_STALE,
						      cadence_codes[cad.kind],
						      cat->region_code);

			t->stale++;
			if (cad.kind == CADENCE_NEWS)
				t->news_stale++;
			else if (cad.kind == CADENCE_NOTICE ||
				 cad.kind == CADENCE_POLICY)
				t->notice_stale++;
			f->catalog_id = cat->id;
			f->item_id = it->id;
			f->subject = path;
			f->fix = arena_printf(c->a, "/admin/records/new?item=%lld",
					      (long long)leaf_for(cat, i));
			f->text = arena_printf(c->a, "最近一条公开信息发布于 %s，已 %d 天"
					       "没有更新（应在 %s 前更新）。%s", newest,
					       days_between(newest, c->today), until,
					       cad.why);
		}
	}
	ur->total += cat_total;
	ur->covered += cat_covered;
}

/* Upstream drift of catalog 'cat', which unit 'u' answers for. */
static void check_drift(struct ctx *c, const struct catalog *cat, int u)
{
	struct catalog_drift d;
	struct check_finding *f;

	if (catalog_drift(c->s, cat->id, c->a, &d, NULL) || !d.has_newer) {
		catalog_drift_release(&d);
		return;
	}
	f = add(c, u, CHECK_DRIFT, "drift", cat->region_code);
	f->catalog_id = cat->id;
	f->subject = arena_printf(c->a, "%s %s目录", cat->domain_name,
				  cat->version);
	f->fix = arena_printf(c->a, "/admin/catalogs/%lld", (long long)cat->id);
	f->text = arena_printf(c->a, "上级目录（%s %s）已发布新版本「%s」，本目录派生自"
			       "「%s」：上级新增 %zu 项、删除 %zu 项、修改 %zu 项，"
			       "本目录尚未跟进，请生成变基草稿并送审",
			       d.parent.region_name, d.parent.domain_name,
			       d.latest.version, d.parent.version, d.diff.added,
			       d.diff.removed, d.diff.changed);
	catalog_drift_release(&d);
}

/* Catalogs loaded for records filed under items of older versions. */
struct cat_cache {
	struct catalog *v;
	size_t n, cap;
};

/* The item a record is filed under: by lineage in the newest catalogs,
 * else by its item id; NULL when neither is found. */
static const struct item *record_item(struct ctx *c, const struct record *r,
				      const struct catalog *cats,
				      struct hmap *item_of,
				      struct cat_cache *cache)
{
	int64_t key, cid;
	int idx;

	if (r->lineage && hmap_get(item_of, r->lineage, strlen(r->lineage),
				   &key))
		return &cats[key >> 20].items[key & 0xfffff];
	if (!r->item_id || !(cid = store_item_catalog(c->s, r->item_id)))
		return NULL;
	for (size_t i = 0; i < cache->n; i++)
		if (cache->v[i].id == cid) {
			idx = catalog_item_index(&cache->v[i], r->item_id);
			return idx < 0 ? NULL : &cache->v[i].items[idx];
		}
	cache->v = xgrow(cache->v, sizeof(*cache->v), cache->n + 1,
			 &cache->cap);
	if (store_catalog_load(c->s, cid, c->a, &cache->v[cache->n]) !=
	    STORE_OK)
		return NULL;
	idx = catalog_item_index(&cache->v[cache->n], r->item_id);
	cache->n++;
	return idx < 0 ? NULL : &cache->v[cache->n - 1].items[idx];
}

/* A record past its 公开时限: published after the due date, or still not
 * published when it has passed. */
static void check_overdue(struct ctx *c, const struct record *r,
			  const struct item *it, int u)
{
	char due_buf[CALENDAR_DATE_LEN];
	const char *due = r->due_on, *why, *start;
	struct check_finding *f;
	int late = 0;

	if (r->disclosure != DISCLOSE_ACTIVE || r->status == RECORD_WITHDRAWN)
		return;
	if (!due || !*due) {
		/* imported records have none stored: count it as the
		 * workflow does, from 成文日期 */
		if (deadline_for(&c->cal, &it->tl, r->written_on, due_buf,
				 &why) != 1)
			return;
		due = due_buf;
	}
	start = r->written_on && *r->written_on ?
		arena_printf(c->a, "成文日期 %s，", r->written_on) : "";
	if (r->status == RECORD_PUBLISHED) {
		if (!r->published_on || !*r->published_on ||
		    strcmp(r->published_on, due) <= 0)
			return;
		calendar_workdays_between(&c->cal, due, r->published_on, &late);
		f = add(c, u, CHECK_OVERDUE, "late", r->region_code);
		f->text = arena_printf(c->a, "%s公开时限「%s」应于 %s 前公开，实际 %s "
				       "才发布，晚 %d 个工作日", start,
				       it->time_limit, due, r->published_on, late);
	} else {
		if (strcmp(c->today, due) <= 0)
			return;
		calendar_workdays_between(&c->cal, due, c->today, &late);
		f = add(c, u, CHECK_OVERDUE, "unpublished", r->region_code);
		f->text = arena_printf(c->a, "%s公开时限「%s」应于 %s 前公开，至今仍为"
				       "「%s」，已逾期 %d 个工作日", start,
				       it->time_limit, due,
				       record_status_label(r->status), late);
	}
	f->record_id = r->id;
	f->item_id = it->id;
	f->subject = r->title;
	f->fix = arena_printf(c->a, "/admin/records/%lld", (long long)r->id);
}

/* A published record without 索引号 or 发布机构, or failing
 * record_check() against its item. */
static void check_complete(struct ctx *c, const struct record *r,
			   const struct item *it, int u)
{
	struct buf text = BUF_INIT, code = BUF_INIT;
	struct errors e = ERRORS_INIT;
	struct check_finding *f;

	if (r->status != RECORD_PUBLISHED || r->disclosure != DISCLOSE_ACTIVE)
		return;
	if (!r->index_no || !*r->index_no) {
		buf_adds(&text, "缺少索引号");
		buf_adds(&code, "index_no");
	}
	if (!r->publisher || !*r->publisher) {
		buf_adds(&text, text.len ? "、发布机构" : "缺少发布机构");
		buf_adds(&code, code.len ? ",publisher" : "publisher");
	}
	if (it && record_check(r, it, "", &e)) {
		for (size_t i = 0; i < e.n; i++) {
			buf_adds(&text, text.len ? "；" : "");
			buf_adds(&text, e.msg[i]);
		}
		buf_adds(&code, code.len ? ",elements" : "elements");
	}
	if (text.len) {
		f = add(c, u, CHECK_INCOMPLETE, arena_strdup(c->a, code.buf),
			r->region_code);
		f->record_id = r->id;
		f->item_id = it ? it->id : 0;
		f->subject = r->title;
		f->text = arena_strdup(c->a, text.buf);
		f->fix = arena_printf(c->a, "/admin/records/%lld/edit",
				      (long long)r->id);
	}
	errors_release(&e);
	buf_release(&text);
	buf_release(&code);
}

struct body_links {
	struct ctx *c;
	const struct record *r;
	int unit;
	size_t first_use;	/* uses of this record start here */
};

static void body_link(void *arg, const char *url, size_t len)
{
	struct body_links *bl = arg;
	struct ctx *c = bl->c;
	const char *u = arena_strndup(c->a, url, len);
	int64_t ix;
	struct link_use *lu;

	/* the same address twice in one body is one finding */
	if (hmap_get(&c->url_ix, u, len, &ix))
		for (size_t i = bl->first_use; i < c->nuses; i++)
			if (c->uses[i].link == (size_t)ix)
				return;
	lu = use_link(c, u, bl->unit);
	lu->what = "正文中的链接";
	lu->f.code = "body";
	lu->f.record_id = bl->r->id;
	lu->f.item_id = bl->r->item_id;
	lu->f.subject = bl->r->title;
	lu->f.region_code = bl->r->region_code;
	lu->f.fix = arena_printf(c->a, "/admin/records/%lld/edit",
				 (long long)bl->r->id);
}

static void veto(struct ctx *c, int u, const char *code, const char *region,
		 const char *fix, const char *text)
{
	struct check_finding *f = add(c, u, CHECK_VETO, code, region);

	f->subject = "本单位负责的栏目";
	f->fix = fix;
	f->text = text;
}

/* The 19号 thresholds over the columns of unit 'u' (domain-facts §5.2). */
static void check_veto(struct ctx *c, int u, const char *region,
		       const struct site_info *site)
{
	const struct tally *t = &c->tallies[u];

	if (t->blank >= 5)
		veto(c, u, "blank_columns", region, "/admin/check",
		     arena_printf(c->a, "空白栏目 %d 个（本单位负责的二级事项中没有现行"
				  "公开信息的），达到国办秘函〔2019〕19号「栏目不更新」单项"
				  "否决标准（空白栏目 ≥ 5 个）", t->blank));
	if (t->news_stale + t->notice_stale >= 5)
		veto(c, u, "not_updated", region, "/admin/check",
		     arena_printf(c->a, "动态要闻类栏目 2 周内未更新 %d 个、通知公告和"
				  "政策文件类栏目 6 个月内未更新 %d 个，合计 %d 个，达到国办"
				  "秘函〔2019〕19号「栏目不更新」单项否决标准（累计 ≥ 5 个）",
				  t->news_stale, t->notice_stale,
				  t->news_stale + t->notice_stale));
	if (t->stale >= 10)
		veto(c, u, "long_not_updated", region, "/admin/check",
		     arena_printf(c->a, "应更新但长期未更新的栏目 %d 个，达到国办秘函"
				  "〔2019〕19号「栏目不更新」单项否决标准（≥ 10 个）",
				  t->stale));
	if (t->service_items && !t->service_urls &&
	    (!site->service_hall || !*site->service_hall))
		veto(c, u, "no_service", region, "/admin/catalogs",
		     arena_printf(c->a, "政务服务事项 %d 个都没有「我要办」地址，本地区"
				  "也未设置网上办事大厅，达到国办秘函〔2019〕19号「服务不"
				  "实用」单项否决标准（未提供办事服务）",
				  t->service_items));
}

/* Everything of one region for the units of the scope in it. */
static int check_region(struct ctx *c, const char *code)
{
	struct catalog_filter cf = { code, 0, CATALOG_PUBLISHED, 0 };
	struct record_filter rf = { 0 };
	struct region reg;
	struct unit *units, def_unit;
	struct catalog *list, *cats;
	struct record *recs;
	struct lineage_count *counts;
	struct lineage_stat *stats;
	struct check_body *bodies;
	struct site_info site;
	struct hmap lm = HMAP_INIT, item_of = HMAP_INIT, rec_ix = HMAP_INIT;
	struct cat_cache cache = { 0 };
	size_t nunits, nlist, ncats = 0, nrecs, ncounts, nbodies, nstats = 0;
	int64_t total;
	int def = -1, *owner;
	const char *home_newest = NULL;
	int rc = -1;

	if (store_region_get(c->s, code, c->a, &reg) != STORE_OK ||
	    store_unit_list(c->s, code, c->a, &units, &nunits) != STORE_OK) {
		errors_addf(c->err, "读取地区 %s 失败", code);
		return -1;
	}
	if (record_default_unit(c->s, code, c->a, &def_unit) == STORE_OK)
		for (size_t i = 0; i < nunits; i++)
			if (units[i].id == def_unit.id)
				def = (int)i;
	if (store_catalog_list(c->s, &cf, c->a, &list, &nlist) != STORE_OK)
		goto out;
	cats = arena_alloc(c->a, (nlist + 1) * sizeof(*cats));
	for (size_t i = 0; i < nlist; i++) {
		struct catalog latest;

		/* only the newest published version of each domain counts */
		if (store_catalog_latest_published(c->s, code, list[i].domain_id,
						   c->a, &latest) != STORE_OK ||
		    latest.id != list[i].id ||
		    store_catalog_load(c->s, latest.id, c->a, &cats[ncats]) !=
		    STORE_OK)
			continue;
		ncats++;
	}
	rf.region = code;
	rf.status = -1;
	if (store_record_list(c->s, &rf, c->a, &recs, &nrecs, &total) !=
	    STORE_OK ||
	    store_record_count_by_lineage(c->s, code, 0, true, c->a, &counts,
					  &ncounts) != STORE_OK) {
		errors_addf(c->err, "读取地区 %s 的公开信息失败", code);
		goto out;
	}
	stats = arena_alloc(c->a, (nrecs + ncounts + 1) * sizeof(*stats));
	for (size_t i = 0; i < nrecs + ncounts; i++) {
		const char *lin = i < nrecs ? recs[i].lineage :
			counts[i - nrecs].lineage;
		int64_t ix;

		if (!lin)
			continue;
		if (!hmap_get(&lm, lin, strlen(lin), &ix)) {
			ix = (int64_t)nstats++;
			hmap_put(&lm, lin, strlen(lin), ix);
		}
		if (i >= nrecs) {
			stats[ix].current = counts[i - nrecs].count;
			continue;
		}
		stats[ix].any++;
		if (recs[i].status == RECORD_PUBLISHED &&
		    recs[i].disclosure == DISCLOSE_ACTIVE &&
		    recs[i].published_on && *recs[i].published_on) {
			if (!stats[ix].newest ||
			    strcmp(recs[i].published_on, stats[ix].newest) > 0)
				stats[ix].newest = recs[i].published_on;
			if (!home_newest ||
			    strcmp(recs[i].published_on, home_newest) > 0)
				home_newest = recs[i].published_on;
		}
	}
	for (size_t k = 0; k < ncats; k++)
		for (size_t i = 0; i < cats[k].nitems; i++)
			hmap_put(&item_of, cats[k].items[i].lineage,
				 strlen(cats[k].items[i].lineage),
				 (int64_t)(k << 20 | i));
	/* the catalogs: who answers for each, then its items */
	owner = arena_alloc(c->a, (ncats + 1) * sizeof(*owner));
	for (size_t k = 0; k < ncats; k++) {
		int o = owner_of(c, cats[k].domain_id, units, nunits, def, recs,
				 nrecs, reg.name);

		owner[k] = o < 0 ? -1 : unit_index(c, units[o].id);
		if (owner[k] < 0)
			continue;
		check_items(c, &cats[k], owner[k], &lm, stats);
		if (!c->o->coverage_only)
			check_drift(c, &cats[k], owner[k]);
	}
	if (c->o->coverage_only) {
		rc = 0;
		goto out;
	}
	/* the records, each for the unit that filed it */
	for (size_t i = 0; i < nrecs; i++) {
		int u = unit_index(c, recs[i].unit_id);
		const struct item *it;
		char key[24];
		int k = snprintf(key, sizeof(key), "%lld",
				 (long long)recs[i].id);

		hmap_put(&rec_ix, key, (size_t)k, (int64_t)i);
		if (u < 0)
			continue;
		it = record_item(c, &recs[i], cats, &item_of, &cache);
		if (it)
			check_overdue(c, &recs[i], it, u);
		check_complete(c, &recs[i], it, u);
	}
	if (c->o->links &&
	    store_check_record_bodies(c->s, code, c->a, &bodies, &nbodies) ==
	    STORE_OK)
		for (size_t i = 0; i < nbodies; i++) {
			char key[24];
			int k = snprintf(key, sizeof(key), "%lld",
					 (long long)bodies[i].record_id);
			int64_t ix;
			struct body_links bl = { c, NULL, -1, c->nuses };

			if (!hmap_get(&rec_ix, key, (size_t)k, &ix) ||
			    recs[ix].disclosure != DISCLOSE_ACTIVE ||
			    (bl.unit = unit_index(c, recs[ix].unit_id)) < 0)
				continue;
			bl.r = &recs[ix];
			linkcheck_extract(bodies[i].body_md, body_link, &bl);
		}
	/* the 19号 thresholds, unit by unit */
	if (site_load(c->s, code, c->a, &site) != STORE_OK)
		memset(&site, 0, sizeof(site));
	for (size_t i = 0; i < nunits; i++) {
		int u = unit_index(c, units[i].id);

		if (u < 0)
			continue;
		check_veto(c, u, code, &site);
		if ((int)i != def || !ncats)
			continue;
		if (!home_newest)
			veto(c, u, "home_not_updated", code, "/admin/items",
			     arena_printf(c->a, "地区专栏（%s）没有任何公开信息，达到国办"
					  "秘函〔2019〕19号「首页不更新」单项否决标准",
					  reg.name));
		else if (days_between(home_newest, c->today) > 14)
			veto(c, u, "home_not_updated", code, "/admin/items",
			     arena_printf(c->a, "地区专栏（%s）首页最近一条信息发布于 %s，"
					  "已 %d 天没有新信息，达到国办秘函〔2019〕19号「首页"
					  "不更新」单项否决标准（2 周无更新）", reg.name,
					  home_newest,
					  days_between(home_newest, c->today)));
	}
	rc = 0;
out:
	free(cache.v);
	hmap_release(&lm);
	hmap_release(&item_of);
	hmap_release(&rec_ix);
	return rc;
}

static int cmp_pending(const void *pa, const void *pb)
{
	const struct pending *a = pa, *b = pb;

	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void on_link(void *arg, size_t done, size_t total)
{
	const struct check_options *o = arg;

	o->progress(o->arg, "链接", done, total);
}

/* Check the gathered addresses and turn failures into findings. */
static void check_links(struct ctx *c)
{
	struct linkcheck_opts lo = c->o->link;

	if (!c->nlinks)
		return;
	if (c->o->progress) {
		lo.progress = on_link;
		lo.arg = (void *)c->o;
	}
	linkcheck_run(c->links, c->nlinks, &lo);
	for (size_t i = 0; i < c->nuses; i++) {
		const struct link_use *lu = &c->uses[i];
		const struct link_check *lc = &c->links[lu->link];
		struct check_finding *f;

		if (lc->ok)
			continue;
		f = add(c, lu->unit, CHECK_BROKEN_LINK, lu->f.code,
			lu->f.region_code);
		f->catalog_id = lu->f.catalog_id;
		f->item_id = lu->f.item_id;
		f->record_id = lu->f.record_id;
		f->subject = lu->f.subject;
		f->fix = lu->f.fix;
		f->url = lc->url;
		f->http_status = lc->status;
		f->seconds = lc->seconds;
		f->text = lc->status ?
			arena_printf(c->a, "%s %s 无法访问：%s", lu->what, lc->url,
				     lc->error) :
			arena_printf(c->a, "%s %s 无法访问：%s（用时 %.1f 秒）",
				     lu->what, lc->url, lc->error, lc->seconds);
	}
}

static void note(struct check_report *r, struct arena *a, const char *text)
{
	const char **v = arena_alloc(a, (r->nnotes + 1) * sizeof(*v));

	if (r->nnotes)
		memcpy(v, r->notes, r->nnotes * sizeof(*v));
	v[r->nnotes++] = text;
	r->notes = v;
}

/* The units of the scope, by region then name. */
static int scope_units(struct ctx *c, struct unit **out, size_t *n)
{
	const struct check_options *o = c->o;
	struct unit *all, one;
	struct unit_settings set;
	struct region reg;
	size_t nall, k = 0;

	if (o->unit_id) {
		if (store_unit_get(c->s, o->unit_id, c->a, &one, &set) !=
		    STORE_OK) {
			errors_addf(c->err, "单位 %lld 不存在", (long long)o->unit_id);
			return -1;
		}
		if (o->region && *o->region && strcmp(one.region_code, o->region) &&
		    !store_region_is_below(c->s, one.region_code, o->region)) {
			errors_addf(c->err, "单位 %lld（%s）不在地区 %s 内",
				    (long long)o->unit_id, one.name, o->region);
			return -1;
		}
		*out = arena_alloc(c->a, sizeof(**out));
		**out = one;
		*n = 1;
		return 0;
	}
	if (o->region && *o->region &&
	    store_region_get(c->s, o->region, c->a, &reg) != STORE_OK) {
		errors_addf(c->err, "没有行政区划 %s", o->region);
		return -1;
	}
	if (store_unit_list(c->s, NULL, c->a, &all, &nall) != STORE_OK) {
		errors_addf(c->err, "读取单位失败");
		return -1;
	}
	for (size_t i = 0; i < nall; i++)
		if (!o->region || !*o->region ||
		    !strcmp(all[i].region_code, o->region) ||
		    store_region_is_below(c->s, all[i].region_code, o->region))
			all[k++] = all[i];
	*out = all;
	*n = k;
	return 0;
}

int check_run(struct store *s, const struct check_options *o,
	      struct arena *a, struct check_report *out, struct errors *err)
{
	struct ctx c = { 0 };
	struct unit *units;
	size_t nunits, nregions = 0, done = 0;
	char now[TIME_TEXT_LEN];
	int rc = -1;

	memset(out, 0, sizeof(*out));
	c.s = s;
	c.o = o;
	c.a = a;
	c.err = err;
	time_now_text(now);
	memcpy(out->started_at, now, TIME_TEXT_LEN);
	if (o->today && *o->today) {
		if (calendar_normalize_date(o->today, out->today)) {
			errors_addf(err, "日期 %s 无效（应为 2026-06-30 这样的格式）",
				    o->today);
			return -1;
		}
	} else if (time_text_date_cn(now, out->today)) {
		snprintf(out->today, sizeof(out->today), "%.10s", now);
	}
	c.today = out->today;
	out->scope_region = arena_strdup(a, o->region ? o->region : "");
	out->scope_unit = o->unit_id;
	out->links = o->links && !o->coverage_only;
	calendar_load(s, a, &c.cal);
	if (scope_units(&c, &units, &nunits))
		return -1;
	if (store_domain_list(s, a, &c.domains, &c.ndomains) != STORE_OK)
		c.ndomains = 0;
	c.nunits = nunits;
	c.units = arena_alloc(a, (nunits + 1) * sizeof(*c.units));
	c.tallies = arena_alloc(a, (nunits + 1) * sizeof(*c.tallies));
	for (size_t i = 0; i < nunits; i++) {
		char key[24];
		int k = snprintf(key, sizeof(key), "%lld",
				 (long long)units[i].id);
		struct region reg;

		c.units[i].unit = units[i];
		c.units[i].region_name = store_region_get(s, units[i].region_code,
							  a, &reg) == STORE_OK ?
			reg.name : "";
		hmap_put(&c.unit_ix, key, (size_t)k, (int64_t)i);
		if (!i || strcmp(units[i].region_code, units[i - 1].region_code))
			nregions++;
	}
	for (size_t i = 0; i < nunits; i++) {
		if (i && !strcmp(units[i].region_code, units[i - 1].region_code))
			continue;
		if (check_region(&c, units[i].region_code))
			goto out;
		if (o->progress)
			o->progress(o->arg, "地区", ++done, nregions);
	}
	if (out->links)
		check_links(&c);
	out->links_checked = c.nlinks;
	if (c.n)
		qsort(c.v, c.n, sizeof(*c.v), cmp_pending);
	out->findings = arena_alloc(a, (c.n + 1) * sizeof(*out->findings));
	for (size_t i = 0; i < c.n; i++) {
		out->findings[i] = c.v[i].f;
		c.units[c.v[i].unit].counts[c.v[i].kind]++;
		c.units[c.v[i].unit].nfindings++;
		out->counts[c.v[i].kind]++;
	}
	out->nfindings = c.n;
	out->units = c.units;
	out->nunits = c.nunits;
	if (!o->coverage_only) {
		if (!out->links)
			note(out, a, "本次未检查链接：「链接失效」沿用各单位最近一次检查"
			     "链接的结果（链接检查较慢，请在命令行运行 gongkai check）");
		note(out, a, "本平台没有网上咨询、留言栏目，国办秘函〔2019〕19号「互动"
		     "回应差」（超过 3 个月未回应有效留言）不适用，未检查");
	}
	time_now_text(now);
	memcpy(out->finished_at, now, TIME_TEXT_LEN);
	rc = 0;
out:
	free(c.v);
	free(c.links);
	free(c.uses);
	hmap_release(&c.unit_ix);
	hmap_release(&c.url_ix);
	return rc;
}

/* --- keeping runs --- */

/* Sort a report's findings again (after findings were added). */
static void resort(struct check_report *r, struct arena *a)
{
	struct pending *v = xcalloc(r->nfindings + 1, sizeof(*v));
	struct hmap ix = HMAP_INIT;

	for (size_t i = 0; i < r->nunits; i++) {
		char key[24];
		int k = snprintf(key, sizeof(key), "%lld",
				 (long long)r->units[i].unit.id);

		hmap_put(&ix, key, (size_t)k, (int64_t)i);
		memset(r->units[i].counts, 0, sizeof(r->units[i].counts));
		r->units[i].nfindings = 0;
	}
	memset(r->counts, 0, sizeof(r->counts));
	for (size_t i = 0; i < r->nfindings; i++) {
		char key[24];
		int k = snprintf(key, sizeof(key), "%lld",
				 (long long)r->findings[i].unit_id);
		int64_t u = 0;

		hmap_get(&ix, key, (size_t)k, &u);
		v[i].f = r->findings[i];
		v[i].unit = (int)u;
		v[i].kind = check_kind_parse(r->findings[i].kind);
		v[i].seq = i;
	}
	qsort(v, r->nfindings, sizeof(*v), cmp_pending);
	for (size_t i = 0; i < r->nfindings; i++) {
		r->findings[i] = v[i].f;
		if (v[i].kind >= 0) {
			r->units[v[i].unit].counts[v[i].kind]++;
			r->counts[v[i].kind]++;
		}
		r->units[v[i].unit].nfindings++;
	}
	(void)a;
	hmap_release(&ix);
	free(v);
}

/* Take over the broken-link findings of each unit's newest run that
 * checked links. */
static void carry_links(struct store *s, struct check_report *r,
			struct arena *a)
{
	struct check_finding *all = r->findings;
	size_t n = r->nfindings, cap = r->nfindings + 1;
	bool added = false;

	for (size_t i = 0; i < r->nunits; i++) {
		int64_t from = store_check_last_links_run(s, r->units[i].unit.id);
		struct check_finding *v;
		struct check_run_row run;
		size_t nv;

		if (!from || store_check_findings(s, from, r->units[i].unit.id,
						  "broken_link", a, &v, &nv) !=
		    STORE_OK || !nv ||
		    store_check_run_get(s, from, a, &run) != STORE_OK)
			continue;
		for (size_t k = 0; k < nv; k++) {
			if (n + 1 > cap) {
				struct check_finding *bigger;

				cap = 2 * cap + nv;
				bigger = arena_alloc(a, cap * sizeof(*bigger));
				memcpy(bigger, all, n * sizeof(*bigger));
				all = bigger;
			}
			all[n] = v[k];
			all[n].links_run = from;
			all[n].run_id = 0;
			all[n].text = arena_printf(a, "%s（第 %lld 次自查 %s 检查链接的"
						   "结果）", v[k].text, (long long)from,
						   run.today);
			n++;
			added = true;
		}
	}
	if (!added)
		return;
	r->findings = all;
	r->nfindings = n;
	resort(r, a);
}

int64_t check_save(struct store *s, struct check_report *r,
		   const struct actor *who, const char *via, struct arena *a,
		   struct errors *err)
{
	struct check_run_row run = { 0 };
	struct check_run_unit *units;
	int64_t id = 0;
	struct buf detail = BUF_INIT;

	if (!r->links)
		carry_links(s, r, a);
	units = xcalloc(r->nunits + 1, sizeof(*units));
	for (size_t i = 0; i < r->nunits; i++) {
		units[i].unit_id = r->units[i].unit.id;
		units[i].covered = r->units[i].covered;
		units[i].total = r->units[i].total;
	}
	run.started_at = r->started_at;
	run.finished_at = r->finished_at;
	run.today = r->today;
	run.scope_region = r->scope_region;
	run.scope_unit = r->scope_unit;
	run.links = r->links;
	run.via = via;
	run.actor = who && who->username ? who->username : AUDIT_CLI_ACTOR;
	buf_addf(&detail, "自查（%s）：单位 %zu 个，发现 %zu 项", r->today,
		 r->nunits, r->nfindings);
	for (int k = 0; k < CHECK__MAX; k++)
		if (r->counts[k])
			buf_addf(&detail, "，%s %lld", kind_labels[k],
				 (long long)r->counts[k]);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_check_save(s, &run, units, r->nunits, r->findings,
			     r->nfindings, err) != STORE_OK ||
	    audit_append(s, who, "check.run", "check_run",
			 arena_printf(a, "%lld", (long long)run.id),
			 *r->scope_region ? r->scope_region : NULL,
			 r->scope_unit, NULL, NULL, detail.buf, err)) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, err) != STORE_OK)
		goto out;
	id = r->run_id = run.id;
	for (size_t i = 0; i < r->nfindings; i++)
		r->findings[i].run_id = id;
out:
	buf_release(&detail);
	free(units);
	return id;
}

/* --- what others read --- */

int check_unit_latest(struct store *s, int64_t unit_id, struct arena *a,
		      struct check_unit_summary *out)
{
	struct check_run_unit *u;
	struct check_finding *f;
	size_t n, nf;

	memset(out, 0, sizeof(*out));
	if (store_check_latest_units(s, NULL, unit_id, a, &u, &n) != STORE_OK)
		return -1;
	if (!n)
		return 0;
	out->run_id = u[0].run_id;
	out->at = u[0].at;
	out->today = u[0].today;
	out->links = u[0].links;
	out->covered = u[0].covered;
	out->total = u[0].total;
	if (store_check_findings(s, u[0].run_id, unit_id, NULL, a, &f, &nf) !=
	    STORE_OK)
		return -1;
	for (size_t i = 0; i < nf; i++) {
		int k = check_kind_parse(f[i].kind);

		if (k >= 0)
			out->counts[k]++;
		out->nfindings++;
	}
	return 0;
}

double check_unit_coverage(struct store *s, int64_t unit_id, struct arena *a,
			   int *covered, int *total)
{
	struct check_options o = { 0 };
	struct check_report r;
	struct errors err = ERRORS_INIT;
	int rc;

	o.unit_id = unit_id;
	o.coverage_only = true;
	rc = check_run(s, &o, a, &r, &err);
	errors_release(&err);
	if (covered)
		*covered = rc || !r.nunits ? 0 : r.units[0].covered;
	if (total)
		*total = rc || !r.nunits ? 0 : r.units[0].total;
	if (rc || !r.nunits || !r.units[0].total)
		return -1;
	return (double)r.units[0].covered / r.units[0].total;
}

int check_history(struct store *s, const char *region, int64_t unit_id,
		  struct arena *a, struct check_history_point **out,
		  size_t *n)
{
	struct check_run_row *runs;
	struct check_kind_count *counts;
	struct check_history_point *v;
	size_t nruns, ncounts, k = 0;

	*out = NULL;
	*n = 0;
	if (store_check_counts(s, region, unit_id, a, &runs, &nruns, &counts,
			       &ncounts) != STORE_OK)
		return -1;
	v = arena_alloc(a, (nruns + 1) * sizeof(*v));
	for (size_t i = 0; i < nruns; i++) {
		v[i].run_id = runs[i].id;
		v[i].at = runs[i].finished_at;
		v[i].today = runs[i].today;
		v[i].via = runs[i].via;
		v[i].links = runs[i].links;
		/* both lists are by run id */
		while (k < ncounts && counts[k].run_id < runs[i].id)
			k++;
		for (; k < ncounts && counts[k].run_id == runs[i].id; k++) {
			int kind = check_kind_parse(counts[k].kind);

			if (kind >= 0)
				v[i].counts[kind] += counts[k].count;
			v[i].total += counts[k].count;
		}
	}
	*out = v;
	*n = nruns;
	return 0;
}

int check_latest(struct store *s, const char *region, int64_t unit_id,
		 struct arena *a, struct check_report *out)
{
	struct check_run_unit *u;
	size_t n, j = 0;

	memset(out, 0, sizeof(*out));
	out->scope_region = region ? region : "";
	out->scope_unit = unit_id;
	if (store_check_latest_units(s, region, unit_id, a, &u, &n) !=
	    STORE_OK ||
	    store_check_latest_findings(s, region, unit_id, a, &out->findings,
					&out->nfindings) != STORE_OK)
		return -1;
	out->units = arena_alloc(a, (n + 1) * sizeof(*out->units));
	out->nunits = n;
	for (size_t i = 0; i < n; i++) {
		struct check_unit_result *r = &out->units[i];
		struct region reg;

		r->unit.id = u[i].unit_id;
		r->unit.name = u[i].unit_name;
		r->unit.region_code = u[i].region_code;
		r->region_name = store_region_get(s, u[i].region_code, a, &reg) ==
			STORE_OK ? reg.name : "";
		r->covered = u[i].covered;
		r->total = u[i].total;
		r->run_id = u[i].run_id;
		r->at = u[i].at;
		r->run_today = u[i].today;
		r->links = u[i].links;
	}
	/* both lists are by region, unit name, unit id */
	for (size_t i = 0; i < out->nfindings; i++) {
		int k = check_kind_parse(out->findings[i].kind);

		while (j < n && out->units[j].unit.id != out->findings[i].unit_id)
			j++;
		if (j == n)
			break;
		if (k >= 0) {
			out->units[j].counts[k]++;
			out->counts[k]++;
		}
		out->units[j].nfindings++;
	}
	return 0;
}
