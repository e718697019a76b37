/* demo-corpus.c: `gongkai demo --records N` — N more records after the
 * demonstration data, a corpus for the search benchmark (bench/search)
 *
 * The records go under every leaf item of the newest published catalog of
 * each domain in every region that has one (the city, its districts and
 * counties, the townships), published by the region's department for the
 * domain (民政局 for 社会救助 …) or else its government.  Regions weigh by
 * level (the city and the counties publish most) and, within a region,
 * items by a Zipf-like law over a fixed shuffled order, so some items hold
 * thousands of records and others a handful.
 *
 * Each record looks like what a county's column holds: a title cut to the
 * item's kind (policy document 关于印发《…》的通知, 公示 of subsidy
 * recipients, 办事指南, budget, project approval, tender notice, an
 * institution's page, work news), a 文号 for documents, a Markdown body of
 * a few paragraphs, a value for every 公开内容要素 of its item, dates from
 * 2019 to 2026 (more in recent years), and mostly 有效 / 主动公开 / 已发布
 * with a few 失效, 废止, 依申请公开, 不予公开, drafts and withdrawals.
 *
 * The words come from data/search/corpus-words.txt (embedded): domain
 * topics, names and places, and sentence pieces of the seed documents,
 * each drawn with Zipf-like weights, so that the text is skewed as real
 * text is — a few words are in most records, many in very few — and names
 * of people, companies and projects make a long tail of rare words.
 *
 * Everything is deterministic: a splitmix64 generator per record, seeded
 * from the region, the item and the record's number; never the clock
 * (which only times the run) and never rand().  Fast: the records are
 * written in transactions of 25,000 with the search index switched off
 * (store_search_set_deferred), then the index is rebuilt once.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo.h"
#include "../domain/record-import.h"
#include "../util/buf.h"
#include "../util/hmap.h"
#include "../util/progress.h"
#include "../util/xalloc.h"

extern const char data_corpus_words_txt[];
extern const size_t data_corpus_words_txt_len;

#define BATCH 25000		/* records per transaction */
#define YEAR0 2019
#define NYEARS 8		/* 2019 … 2026 */

/* --- a deterministic generator --- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned below(struct rng *r, unsigned n)
{
	return n ? (unsigned)(rng_next(r) % n) : 0;
}

/* Uniform in [0, 1). */
static double unit_real(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static bool chance(struct rng *r, unsigned per_mille)
{
	return below(r, 1000) < per_mille;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	if (!h)
		h = 0xcbf29ce484222325ull;
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

#define PICK(r, arr) ((arr)[below((r), sizeof(arr) / sizeof((arr)[0]))])

/* --- word lists with Zipf-like weights --- */

struct list {
	const char **v;
	double *cum;		/* cumulative weights 1/(rank+1)^s */
	size_t n, cap;
	double s;
};

static void list_add(struct list *l, const char *w)
{
	l->v = xgrow(l->v, sizeof(*l->v), l->n + 1, &l->cap);
	l->v[l->n++] = w;
}

static void list_weigh(struct list *l, double s)
{
	double sum = 0;

	l->s = s;
	l->cum = xmalloc((l->n + 1) * sizeof(*l->cum));
	for (size_t i = 0; i < l->n; i++) {
		sum += 1.0 / pow((double)(i + 1), s);
		l->cum[i] = sum;
	}
}

/* An entry drawn with the list's weights ("" for an empty list). */
static const char *draw(const struct list *l, struct rng *r)
{
	double u;
	size_t lo = 0, hi;

	if (!l->n)
		return "";
	u = unit_real(r) * l->cum[l->n - 1];
	hi = l->n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (l->cum[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return l->v[lo];
}

static void list_free(struct list *l)
{
	free(l->v);
	free(l->cum);
}

#define MAX_TOPICS 40

struct vocab {
	char *text;
	struct list clause, surname, given, firm, industry, road, area;
	struct list general;	/* @topic * */
	struct {
		const char *code;
		struct list l;
	} topic[MAX_TOPICS];
	size_t ntopic;
};

/* Parse the embedded word file (format in its header). */
static int vocab_load(struct vocab *v, struct errors *err)
{
	struct list *cur = NULL;
	char *line, *next;

	memset(v, 0, sizeof(*v));
	v->text = xstrndup(data_corpus_words_txt, data_corpus_words_txt_len);
	for (line = v->text; line && *line; line = next) {
		size_t len;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		len = strlen(line);
		while (len && (line[len - 1] == '\r' || line[len - 1] == ' '))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		if (line[0] != '@') {
			if (cur)
				list_add(cur, line);
			continue;
		}
		cur = NULL;
		if (!strcmp(line, "@clause"))
			cur = &v->clause;
		else if (!strcmp(line, "@surname"))
			cur = &v->surname;
		else if (!strcmp(line, "@given"))
			cur = &v->given;
		else if (!strcmp(line, "@firm"))
			cur = &v->firm;
		else if (!strcmp(line, "@industry"))
			cur = &v->industry;
		else if (!strcmp(line, "@road"))
			cur = &v->road;
		else if (!strcmp(line, "@area"))
			cur = &v->area;
		else if (!strcmp(line, "@topic *"))
			cur = &v->general;
		else if (!strncmp(line, "@topic ", 7) && v->ntopic < MAX_TOPICS) {
			v->topic[v->ntopic].code = line + 7;
			cur = &v->topic[v->ntopic++].l;
		}
	}
	if (v->clause.n < 10 || !v->surname.n || !v->given.n || !v->firm.n ||
	    !v->industry.n || !v->road.n || !v->area.n || !v->general.n) {
		errors_addf(err, "内置词表 corpus-words.txt 不完整（程序构建有误）");
		return -1;
	}
	/* exponents: how steep each list's skew is */
	list_weigh(&v->clause, 0.7);
	list_weigh(&v->surname, 1.0);
	list_weigh(&v->given, 0.6);
	list_weigh(&v->firm, 0.3);
	list_weigh(&v->industry, 0.8);
	list_weigh(&v->road, 0.6);
	list_weigh(&v->area, 0.6);
	list_weigh(&v->general, 0.9);
	for (size_t i = 0; i < v->ntopic; i++)
		list_weigh(&v->topic[i].l, 0.8);
	return 0;
}

static void vocab_free(struct vocab *v)
{
	list_free(&v->clause);
	list_free(&v->surname);
	list_free(&v->given);
	list_free(&v->firm);
	list_free(&v->industry);
	list_free(&v->road);
	list_free(&v->area);
	list_free(&v->general);
	for (size_t i = 0; i < v->ntopic; i++)
		list_free(&v->topic[i].l);
	free(v->text);
}

static const struct list *topics_of(const struct vocab *v, const char *code)
{
	for (size_t i = 0; i < v->ntopic; i++)
		if (!strcmp(v->topic[i].code, code))
			return &v->topic[i].l;
	return &v->general;
}

/* --- domains --- */

struct dom {
	const char *code;
	const char *dept;	/* the publishing department, "" = the government */
	const char *doc;	/* 文号 word: 长民发, 岳教发 */
	const char *theme;	/* 主题分类 */
	const char *basis;	/* the law a notice cites */
	const char *material;	/* 申请材料 of a guide */
	const char *process;	/* 办理流程 */
	const char *who;	/* the people it concerns */
};

static const struct dom doms[] = {
	{ "shjz", "民政局", "民发", "民政、扶贫、救灾",
	  "《社会救助暂行办法》《湖南省最低生活保障工作规程》",
	  "申请书、居民身份证、户口簿、家庭收入及财产状况申报表、家庭经济状况核对授权书",
	  "申请、受理、家庭经济状况调查、审核、公示、确认、资金发放",
	  "困难群众" },
	{ "ywjy", "教育局", "教发", "教育",
	  "《中华人民共和国义务教育法》《湖南省实施〈中华人民共和国义务教育法〉办法》",
	  "户口簿、房产证明或居住证明、儿童预防接种证、监护人居民身份证",
	  "网上报名、资格审核、学位分配、结果公布、报到注册",
	  "适龄儿童少年及其家长" },
	{ "czyjs", "财政局", "财发", "财政、金融、审计",
	  "《中华人民共和国预算法》《地方预决算公开操作规程》",
	  "预算申报表、绩效目标表、项目支出明细表",
	  "编制、审核、批复、公开、执行、决算",
	  "社会公众" },
	{ "zdjsxm", "发展和改革局", "发改投资", "城乡建设、环境保护",
	  "《政府投资条例》《湖南省政府投资管理办法》",
	  "项目申请报告、可行性研究报告、用地预审意见、环境影响评价文件",
	  "申报、受理、评估论证、审批、批复公开",
	  "项目单位" },
	{ "ggzyjy", "发展和改革局", "发改", "综合政务",
	  "《中华人民共和国招标投标法》《中华人民共和国政府采购法》",
	  "营业执照、资质证书、法定代表人授权书、投标保证金缴纳凭证",
	  "发布公告、获取文件、投标、开标、评标、定标、公示、签订合同",
	  "潜在投标人" },
	{ "snbt", "", "政发", "农业、林业、水利",
	  "《农业相关转移支付资金管理办法》《湖南省耕地地力保护补贴实施方案》",
	  "补贴申请表、土地承包经营权证明、居民身份证、银行账户信息",
	  "申报、村级公示、乡镇审核、县级审定、资金兑付",
	  "种粮农民和新型农业经营主体" },
	{ "ylfw", "民政局", "民发", "民政、扶贫、救灾",
	  "《中华人民共和国老年人权益保障法》《养老机构管理办法》",
	  "申请表、居民身份证、户口簿、老年人能力评估报告",
	  "申请、审核、评估、公示、审批、发放",
	  "老年人" },
	{ "bzxzf", "", "政发", "城乡建设、环境保护",
	  "《公共租赁住房管理办法》《湖南省保障性住房管理办法》",
	  "申请表、家庭成员居民身份证和户口簿、收入证明、住房情况证明",
	  "申请、受理、审核、公示、轮候、配租、签约入住",
	  "住房困难家庭" },
	{ "ggwhfw", "", "政发", "文化、广电、新闻出版",
	  "《中华人民共和国公共文化服务保障法》《公共图书馆法》",
	  "活动申请表、组织单位证明、活动方案",
	  "预约、审核、安排场地、开展活动",
	  "城乡居民" },
	{ "cxgh", "自然资源和规划局", "自然资规", "城乡建设、环境保护",
	  "《中华人民共和国城乡规划法》《湖南省实施〈中华人民共和国城乡规划法〉办法》",
	  "建设工程规划许可申请表、建设项目批准文件、土地权属证明、设计方案图纸",
	  "申请、受理、审查、批前公示、核发许可",
	  "建设单位和利害关系人" },
};

static const struct dom generic_dom = {
	"", "", "政发", "综合政务",
	"《中华人民共和国政府信息公开条例》",
	"申请表、居民身份证、相关证明材料",
	"申请、受理、审核、办结、公开",
	"人民群众",
};

static const struct dom *dom_of(const char *code)
{
	for (size_t i = 0; i < sizeof(doms) / sizeof(doms[0]); i++)
		if (!strcmp(doms[i].code, code))
			return &doms[i];
	return &generic_dom;
}

/* --- places and the items records go under --- */

struct place {
	struct region r;
	int level;		/* 0 city, 1 county, 2 township */
	const char *county;	/* its county's (or the city's) name */
	const char *abbr;	/* 文号 prefix: 长, 岳, 长县, 岳望街 */
	struct unit gov;
	struct unit *units;
	size_t nunits;
	const char **kids;	/* names of its children (areas in notices) */
	size_t nkids;
};

struct slot {
	struct place *p;
	const struct catalog *cat;
	const struct item *it;
	const char *group;	/* the 一级事项's name */
	const char *topic;	/* the item's own subject, NULL if generic */
	const struct dom *dom;
	const struct list *topics;
	const struct unit *unit;
	const char *unit_code;
	const char *doc_prefix;	/* 岳民发, NULL: no 文号 */
	char kind;
	double w;
	int64_t count;
};

/* The first character of a UTF-8 name (Han: 3 bytes). */
static const char *first_char(struct arena *a, const char *s)
{
	size_t n = 1;

	if ((unsigned char)s[0] >= 0xf0)
		n = 4;
	else if ((unsigned char)s[0] >= 0xe0)
		n = 3;
	else if ((unsigned char)s[0] >= 0xc0)
		n = 2;
	return arena_strndup(a, s, strnlen(s, n));
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* What kind of record an item holds, from its name and its group's. */
static char kind_of(const char *domain, const char *group, const char *item)
{
#define HAS(w) (strstr(item, w) != NULL)
	(void)group;
	if (HAS("招标") || HAS("采购") || HAS("资格预审") || HAS("交易"))
		return 'T';
	if (HAS("建议书") || HAS("可行性") || HAS("初步设计") || HAS("核准") ||
	    HAS("征收土地") || HAS("征地") ||
	    (!strcmp(domain, "cxgh") && HAS("规划")))
		return 'P';
	if (HAS("预算") || HAS("决算") || HAS("财务") || HAS("经费") ||
	    HAS("统计") || HAS("数据") || HAS("主要情况"))
		return 'R';
	if (HAS("指南") || HAS("办事") || HAS("办理") || HAS("备案"))
		return 'G';
	if (HAS("名录") || HAS("介绍") || HAS("免费开放") || HAS("办学"))
		return 'O';
	if (HAS("审核") || HAS("审批") || HAS("名单") || HAS("结果") ||
	    HAS("补贴") || HAS("培育") || HAS("保护") || HAS("救助") ||
	    HAS("供养"))
		return 'N';
	if (HAS("政策") || HAS("法规") || HAS("文件") || HAS("招生") ||
	    HAS("资助"))
		return 'D';
	return 'W';
#undef HAS
}

/* The item's own subject for titles, or NULL when its name is generic
 * (政策法规文件, 监督检查, 办事指南 …). */
static const char *specific(const char *name)
{
	static const char *const generic[] = { "政策", "法规", "文件", "监督",
		"检查", "办事", "指南", "审核", "审批", "信息", "综合", "业务",
		"互动", "服务", "过程", "咨询", "公告", "介绍", "情况", "数据",
		"编制", "结果" };

	if (!name || strlen(name) < 6)
		return NULL;
	for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++)
		if (strstr(name, generic[i]))
			return NULL;
	return name;
}

struct corpus {
	struct store *s;
	struct errors *err;
	struct arena a;		/* places, catalogs, slots: the whole run */
	struct vocab v;
	struct place *places;
	size_t nplaces;
	struct slot *slots;
	size_t nslots, slots_cap;
	struct hmap serials;	/* "key" → last number used */
};

static int next_serial(struct corpus *c, const char *key, int first)
{
	int64_t v = first - 1;

	hmap_get(&c->serials, key, strlen(key), &v);
	hmap_put(&c->serials, key, strlen(key), ++v);
	return (int)v;
}

static const struct unit *unit_for(struct corpus *c, struct place *p,
				   const struct dom *d)
{
	if (p->level < 2 && *d->dept) {
		const char *want = arena_printf(&c->a, "%s%s", p->r.name, d->dept);

		for (size_t i = 0; i < p->nunits; i++)
			if (!strcmp(p->units[i].name, want))
				return &p->units[i];
	}
	return &p->gov;
}

/* The slots (leaf items) of one place's newest published catalogs. */
static int place_slots(struct corpus *c, struct place *p)
{
	static const double level_weight[] = { 10.0, 5.0, 1.2 };
	struct catalog_filter f = { p->r.code, 0, CATALOG_PUBLISHED, 0 };
	struct catalog *cats;
	struct hmap done = HMAP_INIT;
	size_t n, first = c->nslots, k;
	double h = 0;

	if (store_catalog_list(c->s, &f, &c->a, &cats, &n) != STORE_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct catalog *cat = arena_alloc(&c->a, sizeof(*cat));
		struct catalog latest;
		const struct dom *d;
		const struct unit *u;
		const char *ucode, *group = "";
		char key[24];
		int64_t one;

		snprintf(key, sizeof(key), "%lld", (long long)cats[i].domain_id);
		if (hmap_get(&done, key, strlen(key), &one))
			continue;
		hmap_put(&done, key, strlen(key), 1);
		if (store_catalog_latest_published(c->s, p->r.code,
						   cats[i].domain_id, &c->a,
						   &latest) != STORE_OK ||
		    store_catalog_load(c->s, latest.id, &c->a, cat) != STORE_OK)
			continue;
		d = dom_of(cat->domain_code);
		u = unit_for(c, p, d);
		ucode = u->credit_code && *u->credit_code ? u->credit_code
			: arena_printf(&c->a, "%09lld", (long long)u->id);
		for (size_t j = 0; j < cat->nitems; j++) {
			const struct item *it = &cat->items[j];
			struct slot *sl;
			bool leaf = true;

			if (it->level == 1) {
				group = it->name;
				continue;
			}
			for (size_t q = j + 1; q < cat->nitems && leaf; q++)
				leaf = cat->items[q].parent != (int)j;
			if (!leaf)
				continue;
			c->slots = xgrow(c->slots, sizeof(*c->slots), c->nslots + 1,
					 &c->slots_cap);
			sl = &c->slots[c->nslots++];
			memset(sl, 0, sizeof(*sl));
			sl->p = p;
			sl->cat = cat;
			sl->it = it;
			sl->group = it->parent >= 0 ? cat->items[it->parent].name
				: group;
			sl->topic = specific(it->name) ? it->name : specific(sl->group);
			sl->dom = d;
			sl->topics = topics_of(&c->v, cat->domain_code);
			sl->unit = u;
			sl->unit_code = ucode;
			sl->kind = kind_of(cat->domain_code, sl->group, it->name);
			/* a score for the Zipf rank of the item in its place */
			sl->w = (double)(hash_str(hash_str(hash_str(0, p->r.code),
							   cat->domain_code),
						  it->lineage) >> 11);
			if (p->level == 2)
				sl->doc_prefix = arena_printf(&c->a, "%s%s%s发",
					p->abbr, first_char(&c->a, p->r.name),
					ends_with(p->r.name, "街道") ? "街" :
					ends_with(p->r.name, "乡") ? "乡" : "镇");
			else
				sl->doc_prefix = arena_printf(&c->a, "%s%s", p->abbr,
					u == &p->gov ? "政发" : d->doc);
		}
	}
	hmap_release(&done);
	k = c->nslots - first;
	if (!k)
		return 0;
	/* rank the place's items by their score: weight 1/(rank+1)^0.8,
	 * the place's share split among them */
	{
		struct slot *v = c->slots + first;
		double *score = xmalloc(k * sizeof(*score));
		size_t *rank = xmalloc(k * sizeof(*rank));

		for (size_t i = 0; i < k; i++)
			score[i] = v[i].w;
		for (size_t i = 0; i < k; i++) {
			rank[i] = 0;
			for (size_t j = 0; j < k; j++)
				rank[i] += score[j] > score[i] ||
					(score[j] == score[i] && j < i);
		}
		for (size_t i = 0; i < k; i++)
			h += 1.0 / pow((double)(rank[i] + 1), 0.8);
		for (size_t i = 0; i < k; i++)
			v[i].w = level_weight[p->level] / h /
				pow((double)(rank[i] + 1), 0.8);
		free(score);
		free(rank);
	}
	return 0;
}

/* Every region with a published catalog, top down. */
static int load_places(struct corpus *c)
{
	struct region *top, *kids;
	size_t ntop, nkids, cap = 0;
	const char **queue = NULL;
	size_t qn = 0, qcap = 0;
	struct hmap idx = HMAP_INIT;
	int ret = -1;

	if (store_region_children(c->s, NULL, &c->a, &top, &ntop) != STORE_OK)
		return -1;
	for (size_t i = 0; i < ntop; i++) {
		queue = xgrow(queue, sizeof(*queue), qn + 1, &qcap);
		queue[qn++] = top[i].code;
	}
	for (size_t qi = 0; qi < qn; qi++) {
		struct place p;
		int64_t parent_at;

		memset(&p, 0, sizeof(p));
		if (store_region_get(c->s, queue[qi], &c->a, &p.r) != STORE_OK)
			continue;
		if (store_region_children(c->s, p.r.code, &c->a, &kids,
					  &nkids) != STORE_OK)
			nkids = 0;
		p.kids = arena_alloc(&c->a, (nkids + 1) * sizeof(*p.kids));
		for (size_t k = 0; k < nkids; k++) {
			p.kids[p.nkids++] = kids[k].name;
			queue = xgrow(queue, sizeof(*queue), qn + 1, &qcap);
			queue[qn++] = kids[k].code;
		}
		if (!strcmp(p.r.level, "市"))
			p.level = 0;
		else if (!strcmp(p.r.level, "县"))
			p.level = 1;
		else if (!strcmp(p.r.level, "乡"))
			p.level = 2;
		else
			continue;	/* provinces and villages: no catalogs here */
		p.county = p.r.name;
		p.abbr = first_char(&c->a, p.r.name);
		if (p.level == 1 && ends_with(p.r.name, "县"))
			p.abbr = arena_printf(&c->a, "%s县", p.abbr);
		if (p.level == 2 && p.r.parent_code &&
		    hmap_get(&idx, p.r.parent_code, strlen(p.r.parent_code),
			     &parent_at)) {
			p.county = c->places[parent_at].r.name;
			p.abbr = c->places[parent_at].abbr;
		}
		if (record_default_unit(c->s, p.r.code, &c->a, &p.gov) != STORE_OK)
			continue;	/* nobody to publish */
		if (store_unit_list(c->s, p.r.code, &c->a, &p.units,
				    &p.nunits) != STORE_OK)
			p.nunits = 0;
		c->places = xgrow(c->places, sizeof(*c->places), c->nplaces + 1,
				  &cap);
		hmap_put(&idx, p.r.code, strlen(p.r.code), (int64_t)c->nplaces);
		c->places[c->nplaces++] = p;
	}
	/* slots point into places[]: fill them once it no longer moves */
	for (size_t i = 0; i < c->nplaces; i++)
		if (place_slots(c, &c->places[i]))
			goto out;
	ret = 0;
out:
	free(queue);
	hmap_release(&idx);
	return ret;
}

/* --- one record --- */

struct date {
	int y, m, d;
};

static struct date date_of_days(long z)
{
	long era, yoe, doy, mp;
	struct date t;

	z += 719468;
	era = z / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	t.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	t.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	t.y = (int)(yoe + era * 400 + (t.m <= 2));
	return t;
}

static long days_of(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static const char *const cn_digit[] = { "〇", "一", "二", "三", "四", "五",
					"六", "七", "八", "九" };

/* 1..99 in Chinese numerals. */
static void put_cn_number(struct buf *b, int n)
{
	if (n < 10) {
		buf_adds(b, cn_digit[n]);
	} else {
		if (n >= 20)
			buf_adds(b, cn_digit[n / 10]);
		buf_adds(b, "十");
		if (n % 10)
			buf_adds(b, cn_digit[n % 10]);
	}
}

/* What one record's texts share; names are made when first asked for. */
struct rec {
	struct corpus *c;
	const struct slot *sl;
	struct rng r;
	struct arena *a;
	long day;		/* days since 1970-01-01 */
	struct date d;
	const char *topic, *project, *firm, *area, *person, *doc_no;
	struct buf tmp;
};

static const char *pick_topic(struct rec *x)
{
	const struct slot *sl = x->sl;

	if (sl->topic && chance(&x->r, 450))
		return sl->topic;
	if (chance(&x->r, 750))
		return draw(sl->topics, &x->r);
	return draw(&x->c->v.general, &x->r);
}

static const char *person(struct rec *x, bool masked)
{
	struct vocab *v = &x->c->v;
	const char *sur = draw(&v->surname, &x->r);
	const char *g1 = draw(&v->given, &x->r);
	const char *g2 = chance(&x->r, 600) ? draw(&v->given, &x->r) : "";

	if (masked)
		return arena_printf(x->a, "%s*%s", sur, *g2 ? g2 : g1);
	return arena_printf(x->a, "%s%s%s", sur, g1, g2);
}

static const char *firm(struct rec *x)
{
	struct vocab *v = &x->c->v;

	if (!x->firm)
		x->firm = arena_printf(x->a, "%s%s%s%s%s",
			chance(&x->r, 600) ? "湖南" : "长沙",
			draw(&v->firm, &x->r), draw(&v->firm, &x->r),
			draw(&v->industry, &x->r),
			chance(&x->r, 850) ? "有限公司" : "有限责任公司");
	return x->firm;
}

static const char *area(struct rec *x)
{
	const struct place *p = x->sl->p;

	if (!x->area)
		x->area = p->nkids && chance(&x->r, 500)
			? p->kids[below(&x->r, (unsigned)p->nkids)]
			: draw(&x->c->v.area, &x->r);
	return x->area;
}

static const char *project(struct rec *x)
{
	static const char *const road_work[] = { "提质改造工程", "拓宽改造工程",
		"新建工程", "雨污分流改造工程", "人行道及附属设施改造工程" };
	static const char *const area_work[] = { "片区棚户区改造项目",
		"安置小区建设项目", "污水处理厂提标改造工程", "老旧小区改造项目",
		"综合管廊建设项目", "农贸市场提质改造项目", "公园建设工程",
		"学校新建工程", "社区卫生服务中心建设项目", "停车场建设项目",
		"防洪排涝工程", "高标准农田建设项目" };
	struct vocab *v = &x->c->v;

	if (x->project)
		return x->project;
	if (chance(&x->r, 450))
		x->project = arena_printf(x->a, "%s%s%s", x->sl->p->county,
					  draw(&v->road, &x->r), PICK(&x->r, road_work));
	else
		x->project = arena_printf(x->a, "%s%s%s", x->sl->p->county,
					  area(x), PICK(&x->r, area_work));
	return x->project;
}

static const char *phone(struct rec *x)
{
	return arena_printf(x->a, "0731-8%07u", below(&x->r, 10000000));
}

static const char *address(struct rec *x)
{
	return arena_printf(x->a, "%s%s%u号", x->sl->p->county,
			    draw(&x->c->v.road, &x->r), 1 + below(&x->r, 599));
}

static void put_date_cn(struct buf *b, long day)
{
	struct date t = date_of_days(day);

	buf_addf(b, "%d年%d月%d日", t.y, t.m, t.d);
}

/* Expand a template into 'b':
 *   {R} the place   {C} its county   {U} the unit   {T} a topic
 *   {K} a topic drawn again   {I} the item   {G} its group
 *   {Y} the year   {Y-} the year before   {Q} the quarter (一…四)
 *   {M} the month   {N} a small number in Chinese   {P} a project
 *   {F} a company   {A} an area   {D} the date in Chinese   {X} a clause
 *   {B} the domain's law */
static void put(struct rec *x, struct buf *b, const char *t)
{
	static const char *const quarter[] = { "一", "二", "三", "四" };

	for (const char *p = t; *p;) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		const char *q;
		size_t n;

		if (!end) {
			q = strchr(p, '{');
			n = q ? (size_t)(q - p) : strlen(p);
			if (!n)
				n = 1;
			buf_add(b, p, n);
			p += n;
			continue;
		}
		n = (size_t)(end - p + 1);
		switch (n == 3 ? p[1] : n == 4 && p[2] == '-' ? '-' : '?') {
		case 'R': buf_adds(b, x->sl->p->r.name); break;
		case 'C': buf_adds(b, x->sl->p->county); break;
		case 'U': buf_adds(b, x->sl->unit->name); break;
		case 'T': buf_adds(b, x->topic); break;
		case 'K': buf_adds(b, pick_topic(x)); break;
		case 'I': buf_adds(b, x->sl->it->name); break;
		case 'G': buf_adds(b, x->sl->group); break;
		case 'Y': buf_addf(b, "%d", x->d.y); break;
		case '-': buf_addf(b, "%d", x->d.y - 1); break;
		case 'Q': buf_adds(b, quarter[(x->d.m - 1) / 3]); break;
		case 'M': buf_addf(b, "%d", x->d.m); break;
		case 'N': put_cn_number(b, 1 + (int)below(&x->r, 12)); break;
		case 'P': buf_adds(b, project(x)); break;
		case 'F': buf_adds(b, firm(x)); break;
		case 'A': buf_adds(b, area(x)); break;
		case 'D': put_date_cn(b, x->day); break;
		case 'X': buf_adds(b, draw(&x->c->v.clause, &x->r)); break;
		case 'B': buf_adds(b, x->sl->dom->basis); break;
		default: buf_add(b, p, n); break;
		}
		p += n;
	}
}

/* A sentence of 1 to 3 clauses. */
static void sentence(struct rec *x, struct buf *b)
{
	unsigned n = 1 + below(&x->r, 3);

	for (unsigned i = 0; i < n; i++) {
		if (i)
			buf_adds(b, "，");
		buf_adds(b, draw(&x->c->v.clause, &x->r));
	}
	buf_adds(b, "。");
}

/* A paragraph: a templated opening, then 1 to 3 sentences. */
static void paragraph(struct rec *x, struct buf *b, const char *opening)
{
	unsigned n = 1 + below(&x->r, 3);

	if (opening)
		put(x, b, opening);
	for (unsigned i = 0; i < n; i++)
		sentence(x, b);
	buf_adds(b, "\n\n");
}

static const char *const ord[] = { "一", "二", "三", "四", "五", "六" };

static const char *title_of(struct rec *x)
{
	static const char *const t_doc[] = {
		"关于印发《{R}{T}实施办法》的通知",
		"关于印发《{R}{T}管理办法》的通知",
		"关于印发《{R}{T}实施细则》的通知",
		"关于印发《{R}{Y}年{T}工作方案》的通知",
		"{R}关于进一步加强{T}工作的通知",
		"关于做好{Y}年{T}工作的通知",
		"{R}关于调整{T}标准的通知",
		"关于进一步规范{T}工作的实施意见",
		"{U}关于{T}有关事项的通知",
		"《{R}{T}管理办法》政策解读",
	};
	static const char *const t_notice[] = {
		"{R}{Y}年第{Q}季度{T}对象公示",
		"{R}{Y}年{M}月{T}资金发放情况公示",
		"关于{Y}年第{N}批{T}对象名单的公示",
		"{A}{Y}年{T}审核结果公示",
		"{R}{Y}年{T}拟享受对象公示",
		"{R}{Y}年{M}月{T}新增和退出情况",
		"{U}关于{Y}年{T}发放情况的公告",
	};
	static const char *const t_guide[] = {
		"{T}办事指南",
		"{R}{T}申请指南",
		"{I}办理流程",
		"{T}服务指南（{Y}年版）",
		"一图读懂{T}",
		"{R}{T}常见问题解答",
	};
	static const char *const t_report[] = {
		"{U}{Y}年部门预算公开",
		"{U}{Y-}年部门决算公开",
		"{R}{Y}年{T}工作总结",
		"{R}{Y}年上半年{T}执行情况",
		"{R}关于{Y-}年{T}情况的报告",
		"{R}{Y-}年政府信息公开工作年度报告",
		"{R}{Y}年{M}月{T}统计数据",
	};
	static const char *const t_project[] = {
		"关于{P}可行性研究报告的批复",
		"关于{P}初步设计的批复",
		"关于{P}项目建议书的批复",
		"{P}建设用地批前公示",
		"{P}环境影响评价公众参与公示",
		"{P}竣工验收公示",
		"关于{P}征收土地的公告",
		"{P}规划许可批前公示",
	};
	static const char *const t_tender[] = {
		"{P}施工招标公告",
		"{P}中标候选人公示",
		"{P}监理服务招标公告",
		"{U}{T}项目竞争性磋商公告",
		"{P}中标结果公告（{F}）",
		"{U}{Y}年{T}政府采购意向公开",
		"{U}{K}设备采购项目询价公告",
	};
	static const char *const t_school[] = {
		"{C}{A}小学办学基本信息",
		"{C}{A}中学办学基本信息",
		"{C}{A}实验学校基本情况",
		"{A}第{N}小学招生简章",
		"{C}{A}九年一贯制学校介绍",
	};
	static const char *const t_elderly[] = {
		"{A}社区居家养老服务中心",
		"{C}{A}敬老院基本情况",
		"{A}养老服务站服务信息",
		"{C}{A}养老院备案信息",
	};
	static const char *const t_culture[] = {
		"{A}综合文化站基本信息",
		"{R}图书馆免费开放公告",
		"{C}{A}文化馆活动安排",
		"{A}农家书屋开放信息",
	};
	static const char *const t_object[] = {
		"{A}{T}服务点",
		"{R}{T}服务机构名录",
		"{A}{T}服务窗口信息",
	};
	static const char *const t_work[] = {
		"{R}召开{T}工作推进会",
		"{R}开展{T}专项行动",
		"{R}部署{Y}年{T}工作",
		"{U}举办{T}业务培训班",
		"{R}{T}工作取得阶段性成效",
		"关于开展{Y}年{T}检查的通知",
		"{R}扎实推进{T}",
		"{U}深入{A}调研{T}工作",
	};
	const char *const *v;
	size_t n;
	struct buf *b = &x->tmp;

	switch (x->sl->kind) {
	case 'D': v = t_doc; n = sizeof(t_doc) / sizeof(*v); break;
	case 'N': v = t_notice; n = sizeof(t_notice) / sizeof(*v); break;
	case 'G': v = t_guide; n = sizeof(t_guide) / sizeof(*v); break;
	case 'R': v = t_report; n = sizeof(t_report) / sizeof(*v); break;
	case 'P': v = t_project; n = sizeof(t_project) / sizeof(*v); break;
	case 'T': v = t_tender; n = sizeof(t_tender) / sizeof(*v); break;
	case 'O':
		if (!strcmp(x->sl->cat->domain_code, "ywjy")) {
			v = t_school;
			n = sizeof(t_school) / sizeof(*v);
		} else if (!strcmp(x->sl->cat->domain_code, "ylfw")) {
			v = t_elderly;
			n = sizeof(t_elderly) / sizeof(*v);
		} else if (!strcmp(x->sl->cat->domain_code, "ggwhfw")) {
			v = t_culture;
			n = sizeof(t_culture) / sizeof(*v);
		} else {
			v = t_object;
			n = sizeof(t_object) / sizeof(*v);
		}
		break;
	default: v = t_work; n = sizeof(t_work) / sizeof(*v); break;
	}
	buf_reset(b);
	put(x, b, v[below(&x->r, (unsigned)n)]);
	return arena_strndup(x->a, b->buf, b->len);
}

static void body_document(struct rec *x, struct buf *b)
{
	static const char *const kinds[] = { "办法", "方案", "意见", "细则" };
	const char *k = PICK(&x->r, kinds);
	unsigned sections = 2 + below(&x->r, 3);

	buf_addf(b, "%s：\n\n", x->sl->p->level == 2 ? "各社区（村）、各有关单位"
		 : x->sl->p->level == 1 ? "各街道办事处、镇人民政府，区直各有关单位"
		 : "各区县（市）人民政府，市直各有关单位");
	put(x, b, "为{X}，根据{B}等规定，结合");
	buf_addf(b, "%s实际，制定本%s。", x->sl->p->level ? "本地" : "我市", k);
	sentence(x, b);
	buf_adds(b, "\n\n");
	for (unsigned i = 0; i < sections; i++) {
		static const char *const heads[] = { "总体要求", "主要任务",
			"保障措施", "工作要求", "职责分工", "实施步骤" };
		buf_addf(b, "## %s、%s\n\n", ord[i], heads[(i + below(&x->r, 2)) % 6]);
		paragraph(x, b, below(&x->r, 2) ? "要围绕{T}，" : "各单位要");
	}
	buf_addf(b, "本%s自", k);
	put_date_cn(b, x->day + 30);
	buf_adds(b, "起施行。\n\n");
	put(x, b, "{U}  \n{D}\n");
}

static void body_notice(struct rec *x, struct buf *b)
{
	unsigned n = 4 + below(&x->r, 10);
	const struct place *p = x->sl->p;

	put(x, b, "根据{B}的规定，经个人申请、");
	buf_adds(b, p->level == 2 ? "社区（村）初审、" : "街道（镇）审核、");
	put(x, b, "{U}确认，现将{Y}年{T}有关情况予以公示。公示期为7天（");
	put_date_cn(b, x->day);
	buf_adds(b, "至");
	put_date_cn(b, x->day + 7);
	buf_adds(b, "）。\n\n");
	for (unsigned i = 1; i <= n; i++) {
		unsigned people = 1 + below(&x->r, 4);
		const char *where = p->nkids ? p->kids[below(&x->r, (unsigned)p->nkids)]
					     : p->r.name;

		buf_addf(b, "%u. %s，%s，保障人数%u人，月发放金额%u元\n", i,
			 person(x, true), where, people,
			 people * (300 + below(&x->r, 500)));
	}
	buf_adds(b, "\n");
	paragraph(x, b, NULL);
	put(x, b, "如对公示对象有异议，请在公示期内向{U}反映。");
	buf_addf(b, "监督电话：%s\n", phone(x));
}

static void body_guide(struct rec *x, struct buf *b)
{
	const struct dom *d = x->sl->dom;

	put(x, b, "## 一、办理依据\n\n{B}\n\n## 二、申请条件\n\n");
	buf_addf(b, "%s", d->who);
	buf_adds(b, "，");
	sentence(x, b);
	buf_addf(b, "\n\n## 三、申请材料\n\n%s。\n\n## 四、办理流程\n\n%s。\n\n",
		 d->material, d->process);
	buf_addf(b, "## 五、办理时限\n\n自受理之日起%u个工作日内办结。\n\n"
		 "## 六、收费标准\n\n不收费。\n\n", 5 + below(&x->r, 16));
	buf_addf(b, "## 七、办理地点和咨询电话\n\n%s政务服务中心（%s），%s\n",
		 x->sl->p->r.name, address(x), phone(x));
}

static void body_report(struct rec *x, struct buf *b)
{
	unsigned total = 2000 + below(&x->r, 200000);
	unsigned basic = total * (30 + below(&x->r, 40)) / 100;

	put(x, b, "{U}{Y}年{T}情况公开如下。\n\n## 基本情况\n\n");
	paragraph(x, b, "一年来，{U}认真落实{B}，");
	buf_addf(b, "## 主要数据\n\n- 收入合计%u.%u万元，支出合计%u.%u万元\n"
		 "- 其中基本支出%u.%u万元，项目支出%u.%u万元\n"
		 "- “三公”经费%u.%u万元，比上年下降%u.%u%%\n\n",
		 total, below(&x->r, 10), total - below(&x->r, 500), below(&x->r, 10),
		 basic, below(&x->r, 10), total - basic, below(&x->r, 10),
		 5 + below(&x->r, 80), below(&x->r, 10), below(&x->r, 20),
		 below(&x->r, 10));
	buf_adds(b, "## 有关说明\n\n");
	paragraph(x, b, NULL);
}

static void body_project(struct rec *x, struct buf *b)
{
	unsigned invest = 500 + below(&x->r, 80000);

	put(x, b, "{F}：\n\n你单位报来的关于{P}的请示及有关材料收悉。经研究，"
	    "现批复如下：\n\n");
	buf_addf(b, "1. 项目代码：%d-%s-48-01-%06u。\n", x->d.y, x->sl->p->r.code,
		 below(&x->r, 1000000));
	buf_addf(b, "2. 建设地点：%s。\n", address(x));
	buf_addf(b, "3. 建设规模和内容：总建筑面积约%u平方米，包括主体工程及"
		 "配套道路、给排水、电气、绿化等附属工程。\n",
		 1000 + below(&x->r, 90000));
	buf_addf(b, "4. 总投资及资金来源：项目估算总投资%u万元，资金由财政资金"
		 "和项目单位自筹解决。\n\n", invest);
	paragraph(x, b, "请据此抓紧开展下一阶段工作，");
	put(x, b, "{U}  \n{D}\n");
}

static void body_tender(struct rec *x, struct buf *b)
{
	put(x, b, "## 一、招标条件\n\n{P}已由{U}批准建设，建设资金来自财政资金，"
	    "项目已具备招标条件，现对该项目进行公开招标。\n\n"
	    "## 二、项目概况与招标范围\n\n");
	buf_addf(b, "建设地点：%s；计划工期：%u日历天；招标估算金额%u万元。\n\n",
		 address(x), 60 + below(&x->r, 600), 100 + below(&x->r, 20000));
	buf_adds(b, "## 三、投标人资格要求\n\n");
	paragraph(x, b, "投标人须具备独立法人资格，");
	buf_adds(b, "## 四、招标文件的获取\n\n");
	put_date_cn(b, x->day);
	buf_adds(b, "至");
	put_date_cn(b, x->day + 5);
	buf_adds(b, "，在长沙市公共资源交易电子服务平台下载。\n\n## 五、联系方式\n\n");
	put(x, b, "招标人：{U}  \n招标代理机构：{F}  \n");
	buf_addf(b, "联系人：%s  \n电话：%s\n", person(x, false), phone(x));
}

static void body_object(struct rec *x, struct buf *b)
{
	buf_addf(b, "## 基本情况\n\n本机构位于%s，", address(x));
	sentence(x, b);
	buf_addf(b, "\n\n## 服务内容\n\n");
	paragraph(x, b, "主要提供{K}等服务，");
	buf_addf(b, "## 开放时间\n\n%s\n\n联系电话：%s\n",
		 chance(&x->r, 500) ? "周二至周日9:00—17:00（周一闭馆）"
				    : "每天8:30—17:30", phone(x));
}

static void body_work(struct rec *x, struct buf *b)
{
	unsigned n = 1 + below(&x->r, 3);

	put_date_cn(b, x->day);
	put(x, b, "，{R}召开{T}工作会议。");
	sentence(x, b);
	buf_adds(b, "\n\n");
	paragraph(x, b, "会议指出，");
	for (unsigned i = 0; i < n; i++)
		paragraph(x, b, below(&x->r, 2) ? "会议强调，" : "会议要求，各单位要");
	paragraph(x, b, "下一步，{R}将");
}

static const char *body_of(struct rec *x)
{
	struct buf *b = &x->tmp;

	buf_reset(b);
	switch (x->sl->kind) {
	case 'D': body_document(x, b); break;
	case 'N': body_notice(x, b); break;
	case 'G': body_guide(x, b); break;
	case 'R': body_report(x, b); break;
	case 'P': body_project(x, b); break;
	case 'T': body_tender(x, b); break;
	case 'O': body_object(x, b); break;
	default: body_work(x, b); break;
	}
	while (b->len && b->buf[b->len - 1] == '\n')
		b->len--;
	return arena_strndup(x->a, b->buf, b->len);
}

/* The value of element 'e' of the item. */
static const char *element_value(struct rec *x, const char *e,
				 const struct record *rec)
{
	struct buf *b = &x->tmp;
#define HAS(w) (strstr(e, w) != NULL)
	if (HAS("文号"))
		return *rec->doc_no ? rec->doc_no : "无";
	if (HAS("名称") || HAS("标题"))
		return rec->title;
	if (HAS("日期") || HAS("时间") || HAS("期限")) {
		buf_reset(b);
		put_date_cn(b, x->day - below(&x->r, 20));
		return arena_strndup(x->a, b->buf, b->len);
	}
	if (HAS("电话") || HAS("联系"))
		return phone(x);
	if (HAS("地址") || HAS("地点"))
		return address(x);
	if (HAS("部门") || HAS("单位") || HAS("机构") || HAS("主体"))
		return rec->publisher;
	if (HAS("金额") || HAS("标准") || HAS("资金") || HAS("经费") ||
	    HAS("预算") || HAS("决算"))
		return chance(&x->r, 500)
			? arena_printf(x->a, "%u.%u万元", 10 + below(&x->r, 90000),
				       below(&x->r, 10))
			: arena_printf(x->a, "每人每月%u元", 300 + below(&x->r, 700));
	if (HAS("名单") || HAS("对象") || HAS("结果"))
		return arena_printf(x->a, "%s、%s等%u户%u人", person(x, true),
				    person(x, true), 2 + below(&x->r, 40),
				    3 + below(&x->r, 90));
	if (HAS("依据") || HAS("政策") || HAS("法规") || HAS("文件") ||
	    HAS("办法") || HAS("《"))
		return x->sl->dom->basis;
	if (HAS("流程") || HAS("程序"))
		return x->sl->dom->process;
	if (HAS("材料"))
		return x->sl->dom->material;
	if (HAS("项目"))
		return project(x);
	if (chance(&x->r, 300))
		return "详见正文";
	return draw(&x->c->v.clause, &x->r);
#undef HAS
}

/* Attributes that vary: mostly 有效, 主动公开, 已发布. */
static void vary(struct rec *x, struct record *rec)
{
	static const char *const on_request[] = {
		"涉及特定群体的个人信息，根据《中华人民共和国政府信息公开条例》第二十七条依申请公开",
		"属于专项信息，依《中华人民共和国政府信息公开条例》第二十七条依申请公开",
	};
	static const char *const withheld[] = {
		"涉及个人隐私，根据《中华人民共和国政府信息公开条例》第十五条不予公开",
		"属于内部事务信息，根据《中华人民共和国政府信息公开条例》第十六条第一款不予公开",
		"属于过程性信息，根据《中华人民共和国政府信息公开条例》第十六条第二款不予公开",
	};
	struct rng *r = &x->r;
	unsigned age = (unsigned)(2026 - x->d.y);

	rec->validity = VALIDITY_VALID;
	rec->disclosure = DISCLOSE_ACTIVE;
	rec->legal_ground = "";
	rec->status = RECORD_PUBLISHED;
	/* older documents have more often lapsed or been repealed */
	if (chance(r, 15 + 18 * age))
		rec->validity = chance(r, 650) ? VALIDITY_EXPIRED : VALIDITY_REPEALED;
	if (chance(r, 35)) {
		rec->disclosure = DISCLOSE_ON_REQUEST;
		rec->legal_ground = PICK(r, on_request);
	} else if (chance(r, 15)) {
		rec->disclosure = DISCLOSE_NONE;
		rec->legal_ground = PICK(r, withheld);
	}
	if (chance(r, 30))
		rec->status = RECORD_DRAFT;
	else if (chance(r, 15))
		rec->status = RECORD_WITHDRAWN;
}

/* Days into the years 2019…2026: later years hold more records. */
static long pick_day(struct rng *r)
{
	static const unsigned weight[NYEARS] = { 8, 10, 11, 12, 13, 14, 15, 14 };
	unsigned total = 0, u;
	int y = 0;

	for (int i = 0; i < NYEARS; i++)
		total += weight[i];
	u = below(r, total);
	while (u >= weight[y])
		u -= weight[y++];
	return days_of(YEAR0 + y, 1, 1) +
		(long)below(r, (unsigned)(days_of(YEAR0 + y + 1, 1, 1) -
					  days_of(YEAR0 + y, 1, 1)));
}

static int one_record(struct corpus *c, const struct slot *sl, int64_t k,
		      struct arena *a, struct buf *tmp)
{
	struct rec x;
	struct record rec;
	struct record_value *vals;
	char key[96];
	long written;

	memset(&x, 0, sizeof(x));
	x.c = c;
	x.sl = sl;
	x.a = a;
	x.tmp = *tmp;
	x.r.s = hash_str(hash_str(hash_str(0, sl->p->r.code), sl->it->lineage),
			 sl->cat->domain_code) ^ ((uint64_t)k * 0xd1342543de82ef95ull);
	rng_next(&x.r);
	x.day = pick_day(&x.r);
	x.d = date_of_days(x.day);
	x.topic = pick_topic(&x);

	memset(&rec, 0, sizeof(rec));
	rec.region_code = sl->p->r.code;
	rec.domain_id = sl->cat->domain_id;
	rec.lineage = sl->it->lineage;
	rec.item_id = sl->it->id;
	rec.unit_id = sl->unit->id;
	rec.publisher = sl->unit->name;
	rec.topic = sl->dom->theme;
	rec.title = title_of(&x);
	rec.published_on = arena_printf(a, "%04d-%02d-%02d", x.d.y, x.d.m, x.d.d);
	written = x.day - below(&x.r, 8);
	{
		struct date w = date_of_days(written);

		rec.written_on = arena_printf(a, "%04d-%02d-%02d", w.y, w.m, w.d);
	}
	snprintf(key, sizeof(key), "idx/%s/%d", sl->unit_code, x.d.y);
	rec.index_no = arena_printf(a, "%s/%d-%05d", sl->unit_code, x.d.y,
				    next_serial(c, key, 20001));
	rec.doc_no = "";
	if ((sl->kind == 'D' || sl->kind == 'P' ||
	     (sl->kind == 'W' && chance(&x.r, 300))) && sl->doc_prefix) {
		snprintf(key, sizeof(key), "doc/%s/%d", sl->doc_prefix, x.d.y);
		rec.doc_no = arena_printf(a, "%s〔%d〕%d号", sl->doc_prefix, x.d.y,
					  next_serial(c, key, 1));
	}
	vary(&x, &rec);
	rec.body_md = body_of(&x);
	vals = arena_alloc(a, (sl->it->nelements + 1) * sizeof(*vals));
	for (size_t i = 0; i < sl->it->nelements; i++) {
		vals[i].element = sl->it->elements[i].text;
		vals[i].value = element_value(&x, sl->it->elements[i].text, &rec);
	}
	rec.values = vals;
	rec.nvalues = sl->it->nelements;
	*tmp = x.tmp;		/* the buffer may have grown */
	return store_record_insert(c->s, &rec, c->err) == STORE_OK ? 0 : -1;
}

/* --- the run --- */

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void show_progress(void *arg, int64_t done, int64_t total)
{
	struct progress *p = arg;

	p->total = (size_t)total;
	progress_update(p, (size_t)done);
}

/* How many records each slot gets: n draws by the slots' weights. */
static void allocate(struct corpus *c, int64_t n)
{
	double *cum = xmalloc(c->nslots * sizeof(*cum)), sum = 0;
	struct rng r = { 0x5eed2026ull };

	for (size_t i = 0; i < c->nslots; i++) {
		sum += c->slots[i].w;
		cum[i] = sum;
	}
	for (int64_t k = 0; k < n; k++) {
		double u = unit_real(&r) * sum;
		size_t lo = 0, hi = c->nslots - 1;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (cum[mid] > u)
				hi = mid;
			else
				lo = mid + 1;
		}
		c->slots[lo].count++;
	}
	free(cum);
}

int demo_corpus(struct store *s, int64_t n, struct errors *err)
{
	struct corpus c;
	struct progress pr;
	struct arena ra = ARENA_INIT;
	struct buf tmp = BUF_INIT;
	int64_t done = 0, rows, bytes;
	double t0 = seconds(), t1, t2;
	bool in_tx = false;
	int ret = -1;

	if (n <= 0)
		return 0;
	memset(&pr, 0, sizeof(pr));
	memset(&c, 0, sizeof(c));
	c.s = s;
	c.err = err;
	arena_init(&c.a);
	if (vocab_load(&c.v, err))
		goto out;
	if (load_places(&c)) {
		if (!err->n)
			errors_addf(err, "读取地区和目录失败");
		goto out;
	}
	if (!c.nslots) {
		errors_addf(err, "没有已发布的目录事项，无法生成检索语料");
		goto out;
	}
	allocate(&c, n);
	if (!store_search_set_deferred(s, true)) {
		errors_addf(err, "无法暂停全文索引更新");
		goto out;
	}
	progress_start(&pr, "生成检索语料", (size_t)n);
	for (size_t i = 0; i < c.nslots; i++) {
		for (int64_t k = 0; k < c.slots[i].count; k++) {
			if (!in_tx) {
				if (store_begin(s, err) != STORE_OK)
					goto fail;
				in_tx = true;
			}
			if (one_record(&c, &c.slots[i], k, &ra, &tmp))
				goto fail;
			done++;
			if (done % 64 == 0) {
				arena_release(&ra);
				progress_update(&pr, (size_t)done);
			}
			if (done % BATCH == 0) {
				in_tx = false;
				if (store_commit(s, err) != STORE_OK)
					goto fail_out;
			}
		}
	}
	if (in_tx) {
		in_tx = false;
		if (store_commit(s, err) != STORE_OK)
			goto fail_out;
	}
	progress_finish(&pr);
	t1 = seconds();
	store_search_set_deferred(s, false);
	progress_start(&pr, "重建全文索引", 0);
	if (store_search_reindex(s, show_progress, &pr, err) != STORE_OK)
		goto out;
	progress_finish(&pr);
	t2 = seconds();
	store_search_size(s, &rows, &bytes);
	printf("检索语料：新增信息 %lld 条（%zu 个地区的 %zu 个事项），用时 %.1f 秒；"
	       "全文索引重建 %lld 条，用时 %.1f 秒，约 %.1f MB\n",
	       (long long)n, c.nplaces, c.nslots, t1 - t0, (long long)rows,
	       t2 - t1, bytes / 1048576.0);
	ret = 0;
	goto out;
fail:
	if (in_tx)
		store_rollback(s);
fail_out:
	if (pr.active)
		fputc('\n', stderr);
out:
	store_search_set_deferred(s, false);
	arena_release(&ra);
	buf_release(&tmp);
	hmap_release(&c.serials);
	free(c.slots);
	free(c.places);
	if (c.v.text)
		vocab_free(&c.v);
	arena_release(&c.a);
	return ret;
}
