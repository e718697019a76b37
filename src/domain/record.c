/* record.c: see record.h */
#include "record.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../util/hmap.h"
#include "../util/utf8.h"

static const char *const validity_labels[VALIDITY__MAX] = {
	"有效", "失效", "废止" };
static const char *const validity_codes[VALIDITY__MAX] = {
	"valid", "expired", "repealed" };
static const char *const disclosure_labels[DISCLOSE__MAX] = {
	"主动公开", "依申请公开", "不予公开" };
static const char *const disclosure_codes[DISCLOSE__MAX] = {
	"active", "on_request", "none" };
static const char *const status_labels[RECORD_STATUS__MAX] = {
	"草稿", "已发布", "已撤回", "待审", "待签", "待批", "待发布" };
static const char *const status_codes[RECORD_STATUS__MAX] = {
	"draft", "published", "withdrawn", "review", "sign", "approve",
	"scheduled" };

const char *record_validity_label(enum record_validity v)
{
	return v < VALIDITY__MAX ? validity_labels[v] : "";
}

const char *record_disclosure_label(enum record_disclosure d)
{
	return d < DISCLOSE__MAX ? disclosure_labels[d] : "";
}

const char *record_status_label(enum record_status st)
{
	return st < RECORD_STATUS__MAX ? status_labels[st] : "";
}

const char *record_validity_code(enum record_validity v)
{
	return v < VALIDITY__MAX ? validity_codes[v] : "";
}

const char *record_disclosure_code(enum record_disclosure d)
{
	return d < DISCLOSE__MAX ? disclosure_codes[d] : "";
}

const char *record_status_code(enum record_status st)
{
	return st < RECORD_STATUS__MAX ? status_codes[st] : "";
}

static int parse_either(const char *const *labels, const char *const *codes,
			int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(s, labels[i]) || !strcmp(s, codes[i]))
			return i;
	return -1;
}

int record_validity_parse(const char *s)
{
	return parse_either(validity_labels, validity_codes, VALIDITY__MAX, s);
}

int record_disclosure_parse(const char *s)
{
	/* 不公开 is what many offices write for 不予公开 */
	if (s && !strcmp(s, "不公开"))
		return DISCLOSE_NONE;
	return parse_either(disclosure_labels, disclosure_codes,
			    DISCLOSE__MAX, s);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

bool item_lists_objects(const struct item *it)
{
	static const char *const list_words[] = {
		"名录", "名单", "名册", "一览表", NULL };

	for (int i = 0; list_words[i]; i++)
		if (strstr(it->name, list_words[i]))
			return it->nelements > 0;
	return it->nelements >= 2 && ends_with(it->elements[0].text, "名称");
}

static bool valid_date(const char *s)
{
	int y, m, d, n = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0))
		return false;
	return true;
}

static int check_text(const char *v, size_t max, const char *where,
		      const char *label, struct errors *err)
{
	if (!v)
		return 0;
	if (utf8_len(v) > max) {
		errors_addf(err, "%s「%s」: 超过 %zu 个字", where, label, max);
		return 1;
	}
	return 0;
}

int record_check(const struct record *r, const struct item *it,
		 const char *where, struct errors *err)
{
	int problems = 0;

	if (!r->title || !*r->title) {
		errors_addf(err, "%s「标题」: 不能为空", where);
		problems++;
	}
	problems += check_text(r->title, RECORD_TITLE_MAX, where, "标题", err);
	problems += check_text(r->index_no, 100, where, "索引号", err);
	problems += check_text(r->doc_no, 200, where, "文号", err);
	problems += check_text(r->publisher, 200, where, "发布机构", err);
	problems += check_text(r->topic, 200, where, "主题分类", err);
	problems += check_text(r->legal_ground, RECORD_FIELD_MAX, where,
			       "不公开依据", err);
	if (r->written_on && *r->written_on && !valid_date(r->written_on)) {
		errors_addf(err, "%s「成文日期」: %s 不是有效日期（应为 2021-06-30 "
			    "这样的格式）", where, r->written_on);
		problems++;
	}
	if (r->published_on && *r->published_on &&
	    !valid_date(r->published_on)) {
		errors_addf(err, "%s「发布日期」: %s 不是有效日期（应为 2021-06-30 "
			    "这样的格式）", where, r->published_on);
		problems++;
	}
	if (r->disclosure != DISCLOSE_ACTIVE &&
	    (!r->legal_ground || !*r->legal_ground)) {
		errors_addf(err, "%s「不公开依据」: 公开属性为「%s」时必须写明依据（《政府信息公开"
			    "条例》第十四、十五、十六条等）", where,
			    record_disclosure_label(r->disclosure));
		problems++;
	}
	if (r->body_md && strlen(r->body_md) > RECORD_BODY_MAX) {
		errors_addf(err, "%s「正文」: 超过 4 MB", where);
		problems++;
	}
	for (size_t i = 0; i < r->nvalues; i++) {
		size_t k;

		for (k = 0; k < it->nelements; k++)
			if (!strcmp(it->elements[k].text, r->values[i].element))
				break;
		if (k == it->nelements) {
			errors_addf(err, "%s「%s」: 不是事项「%s」的公开内容要素",
				    where, r->values[i].element, it->name);
			problems++;
		}
		problems += check_text(r->values[i].value, RECORD_FIELD_MAX,
				       where, r->values[i].element, err);
	}
	if (item_lists_objects(it)) {
		/* one object per record: its required elements must be there */
		for (size_t k = 0; k < it->nelements; k++) {
			size_t i;

			if (!it->elements[k].required)
				continue;
			for (i = 0; i < r->nvalues; i++)
				if (!strcmp(r->values[i].element,
					    it->elements[k].text) &&
				    *r->values[i].value)
					break;
			if (i == r->nvalues) {
				errors_addf(err, "%s「%s」: 是必填要素，不能为空",
					    where, it->elements[k].text);
				problems++;
			}
		}
	}
	return problems;
}

const char *record_next_index_no(struct store *s, const struct unit *u,
				 int year, struct arena *a)
{
	char code[64];

	if (u->credit_code && *u->credit_code)
		snprintf(code, sizeof(code), "%s", u->credit_code);
	else
		snprintf(code, sizeof(code), "%09lld", (long long)u->id);
	for (int serial = 1; serial < 100000; serial++) {
		const char *no = arena_printf(a, "%s/%d-%05d", code, year, serial);

		if (!store_record_index_taken(s, no))
			return no;
	}
	return arena_printf(a, "%s/%d-%lld", code, year, (long long)time(NULL));
}

double region_completeness(struct store *s, const char *region,
			   struct arena *a, int *covered_out, int *total_out)
{
	struct catalog *cats;
	size_t ncats, ncounts;
	struct catalog_filter f = { region, 0, CATALOG_PUBLISHED, 0 };
	struct lineage_count *counts;
	struct hmap have = HMAP_INIT;
	int covered = 0, total = 0;

	if (store_catalog_list(s, &f, a, &cats, &ncats) != STORE_OK)
		return -1;
	store_record_count_by_lineage(s, region, 0, true, a, &counts,
				      &ncounts);
	for (size_t i = 0; i < ncounts; i++)
		hmap_put(&have, counts[i].lineage, strlen(counts[i].lineage), 1);
	for (size_t c = 0; c < ncats; c++) {
		struct catalog latest, full;

		/* only the newest published version of each domain counts */
		if (store_catalog_latest_published(s, region, cats[c].domain_id,
						   a, &latest) != STORE_OK ||
		    latest.id != cats[c].id ||
		    store_catalog_load(s, latest.id, a, &full) != STORE_OK)
			continue;
		for (size_t i = 0; i < full.nitems; i++) {
			const struct item *it = &full.items[i];
			int64_t one;
			bool hit;

			if (it->level != 2)
				continue;
			total++;
			hit = hmap_get(&have, it->lineage, strlen(it->lineage),
				       &one);
			for (size_t j = i + 1; !hit && j < full.nitems &&
			     full.items[j].level > 2; j++)
				hit = hmap_get(&have, full.items[j].lineage,
					       strlen(full.items[j].lineage),
					       &one);
			covered += hit;
		}
	}
	hmap_release(&have);
	if (covered_out)
		*covered_out = covered;
	if (total_out)
		*total_out = total;
	return total ? (double)covered / total : -1;
}
