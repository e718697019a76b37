/* catalog.c: catalog lifecycle — the item tree in memory, derivation by
 * subtraction, yearly versions, review states and item edits
 *
 * See catalog.h for the rules.  Everything here goes through store.h; a
 * change is made to a catalog loaded in memory and written back in one
 * transaction, so a failed check leaves the database as it was.
 */
#include "catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "../util/buf.h"
#include "../util/xalloc.h"

static const char *const status_labels[CATALOG__MAX] = {
	"草稿", "已提交", "已审核", "已发布",
};
static const char *const status_codes[CATALOG__MAX] = {
	"draft", "submitted", "approved", "published",
};

const char *catalog_status_label(enum catalog_status st)
{
	return st < CATALOG__MAX ? status_labels[st] : "?";
}

const char *catalog_status_code(enum catalog_status st)
{
	return st < CATALOG__MAX ? status_codes[st] : "?";
}

int catalog_status_parse(const char *s)
{
	for (int i = 0; i < CATALOG__MAX; i++)
		if (s && (!strcmp(s, status_codes[i]) ||
			  !strcmp(s, status_labels[i])))
			return i;
	return -1;
}

/* --- the tree in memory --- */

void catalog_reserve(struct catalog *c, struct arena *a, size_t n)
{
	struct item *v;

	if (n <= c->alloc)
		return;
	v = arena_alloc(a, n * sizeof(*v));
	if (c->nitems)
		memcpy(v, c->items, c->nitems * sizeof(*v));
	c->items = v;
	c->alloc = n;
}

struct item *catalog_push_item(struct catalog *c, struct arena *a)
{
	struct item *it;

	if (c->nitems == c->alloc)
		catalog_reserve(c, a, c->alloc ? c->alloc * 2 : 64);
	it = &c->items[c->nitems++];
	memset(it, 0, sizeof(*it));
	it->parent = -1;
	it->name = it->item_type = it->service_name = it->basis = "";
	it->time_limit = it->subject = it->note = it->service_url = "";
	it->tl.kind = it->tl.anchor = "";
	return it;
}

int catalog_item_index(const struct catalog *c, int64_t id)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].id == id)
			return (int)i;
	return -1;
}

int catalog_item_has_children(const struct catalog *c, size_t i)
{
	for (size_t j = i + 1; j < c->nitems; j++)
		if (c->items[j].parent == (int)i)
			return 1;
	return 0;
}

void catalog_sort_tree(struct catalog *c, struct arena *a)
{
	(void)a;
	size_t n = c->nitems, k = 0;
	int *first = xmalloc((n + 1) * sizeof(int)); /* first child; [n] = roots */
	int *next = xmalloc((n ? n : 1) * sizeof(int));
	int *last = xmalloc((n + 1) * sizeof(int));
	int *order = xmalloc((n ? n : 1) * sizeof(int));
	int *newidx = xmalloc((n ? n : 1) * sizeof(int));
	int *stack = xmalloc((n + 1) * sizeof(int));
	struct item *v;
	size_t sp = 0;

	for (size_t i = 0; i <= n; i++)
		first[i] = last[i] = -1;
	for (size_t i = 0; i < n; i++) {
		int p = c->items[i].parent;
		size_t slot = p >= 0 && (size_t)p < n ? (size_t)p : n;
		next[i] = -1;
		if (last[slot] < 0)
			first[slot] = (int)i;
		else
			next[last[slot]] = (int)i;
		last[slot] = (int)i;
	}
	/* depth-first walk, pushing siblings in reverse */
	for (int r = first[n]; r >= 0; r = next[r]) {
		sp = 0;
		stack[sp++] = r;
		while (sp) {
			int i = stack[--sp];
			size_t base = sp;

			order[k++] = i;
			/* push the children, then reverse them on the stack
			 * so that the first child is walked first */
			for (int ch = first[i]; ch >= 0; ch = next[ch])
				stack[sp++] = ch;
			for (size_t lo = base, hi = sp; lo + 1 < hi; lo++, hi--) {
				int t = stack[lo];
				stack[lo] = stack[hi - 1];
				stack[hi - 1] = t;
			}
		}
	}
	/* reorder in place through a scratch copy (no arena growth) */
	v = xmalloc((k ? k : 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		newidx[i] = -1;
	for (size_t i = 0; i < k; i++)
		newidx[order[i]] = (int)i;
	for (size_t i = 0; i < k; i++) {
		v[i] = c->items[order[i]];
		if (v[i].parent >= 0)
			v[i].parent = newidx[v[i].parent];
	}
	if (k)
		memcpy(c->items, v, k * sizeof(*v));
	c->nitems = k;
	free(v);
	free(first);
	free(next);
	free(last);
	free(order);
	free(newidx);
	free(stack);
}

void catalog_remove_items(struct catalog *c, const unsigned char *drop)
{
	size_t n = c->nitems, k = 0;
	unsigned char *gone = xcalloc(n ? n : 1, 1);
	int *newidx = xmalloc((n ? n : 1) * sizeof(int));
	int changed = 1;

	/* pre-order: a parent is decided before its children */
	for (size_t i = 0; i < n; i++) {
		int p = c->items[i].parent;
		gone[i] = drop[i] || (p >= 0 && gone[p]);
	}
	/* groups left empty go too (repeat: a 一级 may empty after its 二级) */
	while (changed) {
		changed = 0;
		for (size_t i = 0; i < n; i++) {
			int has_kid = 0, had_kid = 0;
			if (gone[i] || c->items[i].level == 3)
				continue;
			for (size_t j = i + 1; j < n; j++) {
				if (c->items[j].parent != (int)i)
					continue;
				had_kid = 1;
				if (!gone[j])
					has_kid = 1;
			}
			if (had_kid && !has_kid) {
				gone[i] = 1;
				changed = 1;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (gone[i]) {
			newidx[i] = -1;
			continue;
		}
		newidx[i] = (int)k;
		c->items[k] = c->items[i];
		if (c->items[k].parent >= 0)
			c->items[k].parent = newidx[c->items[k].parent];
		k++;
	}
	c->nitems = k;
	free(gone);
	free(newidx);
}

void catalog_assign_lineage(struct catalog *c, struct arena *a)
{
	for (size_t i = 0; i < c->nitems; i++) {
		unsigned char r[8];
		if (c->items[i].lineage && *c->items[i].lineage)
			continue;
		/* random, so that it needs no id and never repeats in practice */
		if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
			perror("getrandom");
			abort();
		}
		c->items[i].lineage = arena_printf(a,
			"%02x%02x%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2],
			r[3], r[4], r[5], r[6], r[7]);
	}
}

void catalog_copy_items(struct catalog *to, const struct catalog *from,
			int link_origin, struct arena *a)
{
	for (size_t i = 0; i < from->nitems; i++) {
		struct item *it = catalog_push_item(to, a);
		*it = from->items[i];
		it->id = 0;
		if (link_origin) {
			it->origin_item = from->items[i].id;
			it->local_reason = NULL;
		}
	}
}

/* --- derivation and versions --- */

static void default_version(char *out, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(out, n, "%d版", tm.tm_year + 1900);
}

int64_t catalog_derive(struct store *s, int64_t parent_id, const char *region,
		       const int64_t *drop, size_t ndrop, const char *version,
		       const char *author, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog parent, child;
	struct region r;
	unsigned char *mark = NULL;
	int64_t id = 0;
	enum store_rc rc;

	rc = store_catalog_load(s, parent_id, &a, &parent);
	if (rc == STORE_NOTFOUND) {
		errors_addf(err, "目录 %lld 不存在", (long long)parent_id);
		goto out;
	} else if (rc != STORE_OK) {
		errors_addf(err, "读取目录 %lld 失败", (long long)parent_id);
		goto out;
	}
	if (parent.status != CATALOG_PUBLISHED) {
		errors_addf(err, "目录 %lld 尚未发布（当前：%s），只能从已发布的目录派生",
			    (long long)parent_id,
			    catalog_status_label(parent.status));
		goto out;
	}
	if (store_region_get(s, region, &a, &r) != STORE_OK) {
		errors_addf(err, "行政区划代码 %s 不存在，请先添加该区划", region);
		goto out;
	}
	if (!store_region_is_below(s, region, parent.region_code)) {
		errors_addf(err, "%s（%s）不在%s（%s）的辖区内，不能从该目录派生",
			    r.name, region, parent.region_name,
			    parent.region_code);
		goto out;
	}
	mark = xcalloc(parent.nitems ? parent.nitems : 1, 1);
	for (size_t i = 0; i < ndrop; i++) {
		int k = catalog_item_index(&parent, drop[i]);
		if (k < 0) {
			errors_addf(err, "要删减的事项 %lld 不在目录 %lld 中",
				    (long long)drop[i], (long long)parent_id);
			continue;
		}
		mark[k] = 1;
	}
	if (errors_count(err))
		goto out;

	memset(&child, 0, sizeof(child));
	child.region_code = region;
	child.domain_id = parent.domain_id;
	child.version = version ? version : parent.version;
	child.status = CATALOG_DRAFT;
	child.parent_id = parent.id;
	child.author = author;
	child.source = arena_printf(&a, "派生自目录 %lld", (long long)parent.id);
	catalog_copy_items(&child, &parent, 1, &a);
	catalog_remove_items(&child, mark);
	if (store_catalog_insert(s, &child, err) != STORE_OK)
		goto out;
	id = child.id;
	store_catalog_event(s, id, author, "derive",
			    arena_printf(&a, "从目录 %lld 派生，删减 %zu 项",
					 (long long)parent.id,
					 parent.nitems - child.nitems), NULL);
out:
	free(mark);
	arena_release(&a);
	return id;
}

int64_t catalog_new_version(struct store *s, int64_t id, const char *version,
			    const char *author, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog old, nc;
	char vbuf[32];
	int64_t nid = 0;

	if (store_catalog_load(s, id, &a, &old) != STORE_OK) {
		errors_addf(err, "目录 %lld 不存在", (long long)id);
		goto out;
	}
	if (!version) {
		default_version(vbuf, sizeof(vbuf));
		version = vbuf;
	}
	memset(&nc, 0, sizeof(nc));
	nc.region_code = old.region_code;
	nc.domain_id = old.domain_id;
	nc.version = version;
	nc.status = CATALOG_DRAFT;
	nc.parent_id = old.parent_id;
	nc.previous_id = old.id;
	nc.author = author;
	nc.source = arena_printf(&a, "由目录 %lld（%s）修订", (long long)old.id,
				 old.version);
	/* same lineage, same origin links: a new version is the same list */
	catalog_copy_items(&nc, &old, 0, &a);
	if (store_catalog_insert(s, &nc, err) != STORE_OK)
		goto out;
	nid = nc.id;
	store_catalog_event(s, nid, author, "new-version",
			    arena_printf(&a, "由 %s 修订为 %s", old.version,
					 version), NULL);
out:
	arena_release(&a);
	return nid;
}

static const struct {
	enum catalog_status from, from2, to;
	const char *code, *verb;
} transitions[ACT__MAX] = {
	[ACT_SUBMIT] = { CATALOG_DRAFT, CATALOG_DRAFT, CATALOG_SUBMITTED,
			 "submit", "提交审核" },
	[ACT_APPROVE] = { CATALOG_SUBMITTED, CATALOG_SUBMITTED, CATALOG_APPROVED,
			  "approve", "审核通过" },
	[ACT_REJECT] = { CATALOG_SUBMITTED, CATALOG_APPROVED, CATALOG_DRAFT,
			 "reject", "退回" },
	[ACT_PUBLISH] = { CATALOG_APPROVED, CATALOG_APPROVED, CATALOG_PUBLISHED,
			  "publish", "发布" },
};

int catalog_transition(struct store *s, int64_t id, enum catalog_action act,
		       const char *actor, const char *reason,
		       struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog c;
	int ret = -1;

	if (act >= ACT__MAX)
		return -1;
	if (store_catalog_head(s, id, &a, &c) != STORE_OK) {
		errors_addf(err, "目录 %lld 不存在", (long long)id);
		goto out;
	}
	if (c.status != transitions[act].from &&
	    c.status != transitions[act].from2) {
		errors_addf(err, "目录 %lld 当前为「%s」，不能%s",
			    (long long)id, catalog_status_label(c.status),
			    transitions[act].verb);
		goto out;
	}
	if (act == ACT_REJECT && (!reason || !*reason)) {
		errors_addf(err, "退回必须说明理由（--reason）");
		goto out;
	}
	if (act == ACT_SUBMIT) {
		/* an empty catalog is not worth reviewing */
		struct catalog full;
		if (store_catalog_load(s, id, &a, &full) == STORE_OK &&
		    full.nitems == 0) {
			errors_addf(err, "目录 %lld 没有任何事项，不能提交", (long long)id);
			goto out;
		}
	}
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_catalog_set_status(s, id, transitions[act].to,
				     act == ACT_REJECT ? reason : "",
				     err) != STORE_OK ||
	    store_catalog_event(s, id, actor, transitions[act].code,
				reason ? reason : "", err) != STORE_OK) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, err) != STORE_OK)
		goto out;
	ret = 0;
out:
	arena_release(&a);
	return ret;
}

/* --- item edits on drafts --- */

/* Load draft 'id' for editing; -1 with a message when it is not a draft. */
static int load_draft(struct store *s, int64_t id, struct arena *a,
		      struct catalog *c, struct errors *err)
{
	if (store_catalog_load(s, id, a, c) != STORE_OK) {
		errors_addf(err, "目录 %lld 不存在", (long long)id);
		return -1;
	}
	if (c->status != CATALOG_DRAFT) {
		errors_addf(err, "目录 %lld 当前为「%s」，只有草稿可以修改%s",
			    (long long)id, catalog_status_label(c->status),
			    c->status == CATALOG_PUBLISHED
				    ? "；请用 catalog new-version 开始下一版本"
				    : "；请先退回为草稿");
		return -1;
	}
	return 0;
}

/* Set cells on an item; a leaf must end with a 公开方式. */
static int apply_cells(struct item *it, int leaf, const struct item_cell *cells,
		       size_t n, struct arena *a, struct errors *err)
{
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		const char *why;
		if (layout_set_cell(it, cells[i].col, 0, cells[i].text, a,
				    &why)) {
			errors_addf(err, "「%s」%s", layout_col_name(cells[i].col),
				    why);
			bad = 1;
		}
	}
	if (!bad && leaf && !it->mode) {
		errors_addf(err, "「公开方式」「主动」和「依申请」至少要有一项");
		bad = 1;
	}
	return bad ? -1 : 0;
}

static int sibling_named(const struct catalog *c, int parent, const char *name,
			 int except)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].parent == parent && (int)i != except &&
		    !strcmp(c->items[i].name, name))
			return 1;
	return 0;
}

int64_t catalog_add_local_item(struct store *s, int64_t id,
			       int64_t parent_item, const char *name,
			       const struct item_cell *cells, size_t ncells,
			       const char *reason, const char *actor,
			       struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog c;
	struct item *it;
	int parent = -1, fresh = 0;
	int64_t nid = 0;

	if (!reason || !*reason) {
		errors_addf(err, "本级新增事项必须说明理由（--reason）");
		goto out;
	}
	if (!name || !*name) {
		errors_addf(err, "请给出事项名称（--name）");
		goto out;
	}
	if (load_draft(s, id, &a, &c, err))
		goto out;
	if (parent_item) {
		parent = catalog_item_index(&c, parent_item);
		if (parent < 0) {
			errors_addf(err, "上级事项 %lld 不在目录 %lld 中",
				    (long long)parent_item, (long long)id);
			goto out;
		}
		if (c.items[parent].level >= 3) {
			errors_addf(err, "三级事项下不能再添加事项");
			goto out;
		}
		if (!catalog_item_has_children(&c, (size_t)parent)) {
			errors_addf(err, "事项「%s」本身是末级事项，不能在其下添加事项",
				    c.items[parent].name);
			goto out;
		}
	}
	if (sibling_named(&c, parent, name, -1)) {
		errors_addf(err, "同一上级下已有名为「%s」的事项", name);
		goto out;
	}
	it = catalog_push_item(&c, &a);
	it->parent = parent;
	it->level = parent < 0 ? 1 : c.items[parent].level + 1;
	it->name = arena_strdup(&a, name);
	it->local_reason = arena_strdup(&a, reason);
	if (it->level == 1) {
		if (ncells) {
			errors_addf(err, "一级事项只有名称；请在其下添加二级事项后再填写各列");
			goto out;
		}
	} else if (apply_cells(it, 1, cells, ncells, &a, err)) {
		goto out;
	}
	catalog_sort_tree(&c, &a);
	catalog_assign_lineage(&c, &a);
	for (size_t i = 0; i < c.nitems; i++)
		if (!c.items[i].id)
			fresh = (int)i;	/* the one new item */
	if (store_catalog_replace_items(s, &c, err) != STORE_OK)
		goto out;
	nid = c.items[fresh].id;
	store_catalog_event(s, id, actor, "add-item",
			    arena_printf(&a, "新增「%s」：%s", name, reason), NULL);
out:
	arena_release(&a);
	return nid;
}

int catalog_drop_item(struct store *s, int64_t id, int64_t item_id,
		      const char *actor, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog c;
	unsigned char *mark = NULL;
	int k, ret = -1;
	const char *name;

	if (load_draft(s, id, &a, &c, err))
		goto out;
	k = catalog_item_index(&c, item_id);
	if (k < 0) {
		errors_addf(err, "事项 %lld 不在目录 %lld 中", (long long)item_id,
			    (long long)id);
		goto out;
	}
	name = c.items[k].name;
	mark = xcalloc(c.nitems, 1);
	mark[k] = 1;
	catalog_remove_items(&c, mark);
	if (store_catalog_replace_items(s, &c, err) != STORE_OK)
		goto out;
	store_catalog_event(s, id, actor, "drop-item",
			    arena_printf(&a, "删减「%s」", name), NULL);
	ret = 0;
out:
	free(mark);
	arena_release(&a);
	return ret;
}

int catalog_edit_item(struct store *s, int64_t id, int64_t item_id,
		      const struct item_cell *cells, size_t ncells,
		      const char *actor, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog c;
	struct item *it;
	int k, ret = -1;

	if (load_draft(s, id, &a, &c, err))
		goto out;
	k = catalog_item_index(&c, item_id);
	if (k < 0) {
		errors_addf(err, "事项 %lld 不在目录 %lld 中", (long long)item_id,
			    (long long)id);
		goto out;
	}
	it = &c.items[k];
	if (!ncells) {
		errors_addf(err, "没有要修改的列");
		goto out;
	}
	if (catalog_item_has_children(&c, (size_t)k) || it->level == 1) {
		for (size_t i = 0; i < ncells; i++)
			if (cells[i].col != COL_L1 && cells[i].col != COL_L2 &&
			    cells[i].col != COL_L3) {
				errors_addf(err, "「%s」是分组事项，只能修改名称",
					    it->name);
				goto out;
			}
	}
	if (apply_cells(it, it->level > 1 &&
			!catalog_item_has_children(&c, (size_t)k), cells, ncells,
			&a, err))
		goto out;
	if (!*it->name) {
		errors_addf(err, "事项名称不能为空");
		goto out;
	}
	if (sibling_named(&c, it->parent, it->name, k)) {
		errors_addf(err, "同一上级下已有名为「%s」的事项", it->name);
		goto out;
	}
	if (store_catalog_replace_items(s, &c, err) != STORE_OK)
		goto out;
	store_catalog_event(s, id, actor, "edit-item",
			    arena_printf(&a, "修改「%s」", it->name), NULL);
	ret = 0;
out:
	arena_release(&a);
	return ret;
}

/* --- the same work for a signed-in person (see catalog.h) ---
 *
 * Added with the back office's catalog pages and the catalog write API:
 * authorisation, the change and its audit entry in one transaction, so
 * that the browser and the API cannot differ.  Only composes the functions
 * above with authz.h, audit.h and the in-memory readers of io/. */

#include <jansson.h>
#include <sodium.h>
#include <strings.h>

#include "audit.h"
#include "authz.h"
#include "catalog-diff.h"
#include "channels.h"
#include "../io/csv-read.h"
#include "../io/xlsx-read.h"
#include "../util/utf8.h"

static const char *const action_codes[ACT__MAX] = {
	"submit", "approve", "reject", "publish",
};
static const char *const action_labels[ACT__MAX] = {
	"送审", "审核通过", "退回", "发布",
};

const char *catalog_action_code(enum catalog_action act)
{
	return act < ACT__MAX ? action_codes[act] : "";
}

const char *catalog_action_label(enum catalog_action act)
{
	return act < ACT__MAX ? action_labels[act] : "";
}

int catalog_action_parse(const char *code)
{
	for (int i = 0; code && i < ACT__MAX; i++)
		if (!strcmp(code, action_codes[i]))
			return i;
	return -1;
}

int catalog_may_view(struct store *s, const struct actor *who,
		     const struct catalog *c)
{
	if (!who)
		return 0;
	return c->status == CATALOG_PUBLISHED ||
		authz_allows(s, who, AZ_CATALOG_EDIT, 0, c->region_code) ||
		authz_allows(s, who, AZ_CATALOG_REVIEW, 0, c->region_code);
}

static const char *who_name(const struct actor *who)
{
	return who && who->username && *who->username ? who->username : "命令行";
}

/* Commit when 'ok', else roll back; 0 or -1. */
static int finish(struct store *s, int ok, struct errors *err)
{
	if (!ok) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err) == STORE_OK ? 0 : -1;
}

static int audit_catalog(struct store *s, const struct actor *who,
			 const char *action, int64_t id, const char *region,
			 const char *before, const char *after,
			 const char *detail, struct errors *err)
{
	char oid[24];

	snprintf(oid, sizeof(oid), "%lld", (long long)id);
	return audit_append(s, who, action, "catalog", oid, region, 0, before,
			    after, detail, err);
}

static char *json_text(json_t *o)
{
	char *t = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return t;
}

/* One item's columns as the audit trail keeps them (cells as written). */
static char *item_snapshot(const struct catalog *c, int i)
{
	const struct item *it = &c->items[i];
	struct buf el = BUF_INIT, ch = BUF_INIT;
	json_t *o;

	elements_format(&el, it->elements, it->nelements);
	channels_format(&ch, it->channels, it->nchannels);
	o = json_pack("{s:I, s:I, s:i, s:s, s:s}", "catalog", (json_int_t)c->id,
		      "id", (json_int_t)it->id, "level", it->level, "name",
		      it->name ? it->name : "", "lineage",
		      it->lineage ? it->lineage : "");
	json_object_set_new(o, "local_reason", it->local_reason ?
			    json_string(it->local_reason) : json_null());
	json_object_set_new(o, "item_type", json_string(it->item_type ?
							it->item_type : ""));
	json_object_set_new(o, "service_name", json_string(it->service_name ?
							   it->service_name : ""));
	json_object_set_new(o, "elements", json_string(el.buf));
	json_object_set_new(o, "basis", json_string(it->basis ? it->basis : ""));
	json_object_set_new(o, "time_limit", json_string(it->time_limit ?
							 it->time_limit : ""));
	json_object_set_new(o, "subject", json_string(it->subject ?
						      it->subject : ""));
	json_object_set_new(o, "channels", json_string(ch.buf));
	json_object_set_new(o, "audience", json_integer(it->audience));
	json_object_set_new(o, "mode", json_integer(it->mode));
	json_object_set_new(o, "levels", json_integer(it->levels));
	json_object_set_new(o, "note", json_string(it->note ? it->note : ""));
	buf_release(&el);
	buf_release(&ch);
	return json_text(o);
}

/* A catalog's head as the audit trail keeps it, with its number of items
 * unless NO_COUNT. */
#define NO_COUNT ((size_t)-1)
static char *head_snapshot(const struct catalog *c, size_t nitems)
{
	json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s}", "id",
			      (json_int_t)c->id, "region", c->region_code,
			      "domain_id", (json_int_t)c->domain_id, "version",
			      c->version ? c->version : "", "status",
			      catalog_status_code(c->status));

	if (nitems != NO_COUNT)
		json_object_set_new(o, "items", json_integer((json_int_t)nitems));

	json_object_set_new(o, "parent_id", c->parent_id ?
			    json_integer(c->parent_id) : json_null());
	json_object_set_new(o, "previous_id", c->previous_id ?
			    json_integer(c->previous_id) : json_null());
	json_object_set_new(o, "review_note", c->review_note && *c->review_note ?
			    json_string(c->review_note) : json_null());
	return json_text(o);
}

/* The head of catalog 'id', or -1 with "目录 N 不存在". */
static int head_of(struct store *s, int64_t id, struct arena *a,
		   struct catalog *c, struct errors *err)
{
	if (store_catalog_head(s, id, a, c) != STORE_OK) {
		errors_addf(err, "目录 %lld 不存在", (long long)id);
		return -1;
	}
	return 0;
}

int64_t catalog_user_derive(struct store *s, const struct actor *who,
			    int64_t parent_id, const char *region,
			    const int64_t *drop, size_t ndrop,
			    const char *version, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog parent, nc;
	int64_t nid = 0;
	char *after = NULL;
	int ok;

	if (!region || !*region) {
		errors_addf(err, "请给出本级行政区划代码");
		return 0;
	}
	if (version && !*version)
		version = NULL;
	if (authz_require(s, who, AZ_CATALOG_EDIT, 0, region, err))
		goto out;
	if (version && utf8_len(version) > 40) {
		errors_addf(err, "版本名称不能超过 40 个字");
		goto out;
	}
	if (head_of(s, parent_id, &a, &parent, err) ||
	    store_begin(s, err) != STORE_OK)
		goto out;
	nid = catalog_derive(s, parent_id, region, drop, ndrop, version,
			     who_name(who), err);
	ok = nid && store_catalog_load(s, nid, &a, &nc) == STORE_OK;
	if (ok) {
		after = head_snapshot(&nc, nc.nitems);
		ok = audit_catalog(s, who, "catalog.derive", nid, region, NULL,
				   after, arena_printf(&a, "从目录 %lld（%s %s %s）派生"
				   "本级目录 %s，删减 %zu 项，保留 %zu 项",
				   (long long)parent.id, parent.region_name,
				   parent.domain_name, parent.version, nc.version,
				   ndrop, nc.nitems), err) == 0;
	}
	if (finish(s, ok, err))
		nid = 0;
out:
	free(after);
	arena_release(&a);
	return nid;
}

int64_t catalog_user_add_item(struct store *s, const struct actor *who,
			      int64_t id, int64_t parent_item, const char *name,
			      const struct item_cell *cells, size_t ncells,
			      const char *reason, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog c;
	int64_t nid = 0;
	char *after = NULL;
	int ok, k;

	if (head_of(s, id, &a, &c, err) ||
	    authz_require(s, who, AZ_CATALOG_EDIT, 0, c.region_code, err))
		goto out;
	if (name && utf8_len(name) > 200) {
		errors_addf(err, "事项名称不能超过 200 个字");
		goto out;
	}
	if (parent_item) {
		/* an item people file records under says what, when and who */
		static const enum layout_col need[] = { COL_ELEMENTS,
			COL_TIMELIMIT, COL_SUBJECT };

		for (size_t j = 0; j < sizeof(need) / sizeof(need[0]); j++) {
			int given = 0;

			for (size_t i = 0; i < ncells; i++)
				if (cells[i].col == need[j] && cells[i].text &&
				    cells[i].text[strspn(cells[i].text, " \t\r\n")])
					given = 1;
			if (!given)
				errors_addf(err, "本级新增事项须填写「%s」",
					    layout_col_name(need[j]));
		}
		if (errors_count(err))
			goto out;
	}
	if (store_begin(s, err) != STORE_OK)
		goto out;
	nid = catalog_add_local_item(s, id, parent_item, name, cells, ncells,
				     reason, who_name(who), err);
	ok = nid && store_catalog_load(s, id, &a, &c) == STORE_OK &&
		(k = catalog_item_index(&c, nid)) >= 0;
	if (ok) {
		after = item_snapshot(&c, k);
		ok = audit_catalog(s, who, "catalog.item_add", id, c.region_code,
				   NULL, after, arena_printf(&a, "本级新增「%s」，理由：%s",
				   name, reason), err) == 0;
	}
	if (finish(s, ok, err))
		nid = 0;
out:
	free(after);
	arena_release(&a);
	return nid;
}

int catalog_user_drop_items(struct store *s, const struct actor *who,
			    int64_t id, const int64_t *items, size_t n,
			    struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog c;
	int ok = 1, ret = -1;

	if (store_catalog_load(s, id, &a, &c) != STORE_OK) {
		errors_addf(err, "目录 %lld 不存在", (long long)id);
		goto out;
	}
	if (authz_require(s, who, AZ_CATALOG_EDIT, 0, c.region_code, err))
		goto out;
	if (!n) {
		errors_addf(err, "请勾选要删减的事项");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (catalog_item_index(&c, items[i]) < 0)
			errors_addf(err, "事项 %lld 不在目录 %lld 中",
				    (long long)items[i], (long long)id);
	if (errors_count(err) || store_begin(s, err) != STORE_OK)
		goto out;
	for (size_t i = 0; i < n && ok; i++) {
		int k = catalog_item_index(&c, items[i]);
		char *before;

		/* gone already with a group dropped before it */
		if (store_item_catalog(s, items[i]) != id)
			continue;
		if (catalog_drop_item(s, id, items[i], who_name(who), err)) {
			ok = 0;
			break;
		}
		before = item_snapshot(&c, k);
		ok = audit_catalog(s, who, "catalog.item_drop", id, c.region_code,
				   before, NULL, arena_printf(&a, "删减「%s」%s",
				   catalog_item_path(&c, (size_t)k, &a),
				   catalog_item_has_children(&c, (size_t)k) ?
				   "（连同其下事项）" : ""), err) == 0;
		free(before);
	}
	ret = finish(s, ok, err);
out:
	arena_release(&a);
	return ret;
}

int catalog_user_edit_item(struct store *s, const struct actor *who,
			   int64_t id, int64_t item_id,
			   const struct item_cell *cells, size_t ncells,
			   struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog c, after_c;
	struct buf cols = BUF_INIT;
	char *before = NULL, *after = NULL;
	int k, k2, ok, ret = -1;

	if (store_catalog_load(s, id, &a, &c) != STORE_OK) {
		errors_addf(err, "目录 %lld 不存在", (long long)id);
		goto out;
	}
	if (authz_require(s, who, AZ_CATALOG_EDIT, 0, c.region_code, err))
		goto out;
	if ((k = catalog_item_index(&c, item_id)) < 0) {
		errors_addf(err, "事项 %lld 不在目录 %lld 中", (long long)item_id,
			    (long long)id);
		goto out;
	}
	before = item_snapshot(&c, k);
	for (size_t i = 0; i < ncells; i++) {
		if (cols.len)
			buf_adds(&cols, "、");
		buf_adds(&cols, cells[i].col == COL_L1 || cells[i].col == COL_L2 ||
			 cells[i].col == COL_L3 ? "事项名称" :
			 layout_col_name(cells[i].col));
	}
	if (store_begin(s, err) != STORE_OK)
		goto out;
	ok = catalog_edit_item(s, id, item_id, cells, ncells, who_name(who),
			       err) == 0 &&
		store_catalog_load(s, id, &a, &after_c) == STORE_OK &&
		(k2 = catalog_item_index(&after_c, item_id)) >= 0;
	if (ok) {
		after = item_snapshot(&after_c, k2);
		ok = audit_catalog(s, who, "catalog.item_edit", id, c.region_code,
				   before, after, arena_printf(&a, "修改「%s」：%s",
				   catalog_item_path(&c, (size_t)k, &a), cols.buf),
				   err) == 0;
	}
	ret = finish(s, ok, err);
out:
	free(before);
	free(after);
	buf_release(&cols);
	arena_release(&a);
	return ret;
}

/* An uploaded file's name without any directory part. */
static const char *upload_display(const char *filename, struct arena *a)
{
	const char *base = filename ? filename : "";

	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	return *base ? arena_strdup(a, base) : "上传的文件";
}

/* The grid of an uploaded table, chosen by content as catalog_read_file. */
static int read_upload(const char *display, const void *data, size_t len,
		       struct grid *g, struct errors *err)
{
	const unsigned char *d = data;
	const char *ext = strrchr(display, '.');
	const char *sheet;

	if (!len) {
		errors_addf(err, "%s: 文件是空的", display);
		return -1;
	}
	if ((len >= 2 && d[0] == 'P' && d[1] == 'K') ||
	    (ext && (!strcasecmp(ext, ".xlsx") || !strcasecmp(ext, ".xlsm"))))
		return xlsx_read_mem(data, len, display, &grid_default_limits, g,
				     err);
	if (ext && !strcasecmp(ext, ".xls")) {
		errors_addf(err, "%s: 不支持旧版 Excel 97-2003（.xls）文件，"
			    "请在 Excel 或 WPS 中另存为 .xlsx 后重试", display);
		return -1;
	}
	/* Excel names a CSV's sheet after the file */
	sheet = ext && ext != display ?
		arena_strndup(&g->arena, display, (size_t)(ext - display)) :
		display;
	return csv_read_mem(data, len, display, sheet, &grid_default_limits, g,
			    err);
}

int catalog_user_import(struct store *s, const struct actor *who, int64_t id,
			const char *filename, const void *data, size_t len,
			struct errors *err, struct errors *notes)
{
	struct arena a = ARENA_INIT;
	struct catalog old, nc;
	struct grid g;
	const char *display;
	int *n2o = NULL, *o2n = NULL, ok, ret = -1;
	char *before = NULL, *after = NULL;
	unsigned char sum[crypto_hash_sha256_BYTES];
	char hex[crypto_hash_sha256_BYTES * 2 + 1];

	grid_init(&g);
	memset(&nc, 0, sizeof(nc));
	if (head_of(s, id, &a, &old, err) ||
	    authz_require(s, who, AZ_CATALOG_EDIT, 0, old.region_code, err) ||
	    load_draft(s, id, &a, &old, err))
		goto out;
	display = upload_display(filename, &a);
	if (read_upload(display, data, len, &g, err) ||
	    catalog_from_grid(&g, display, NULL, &nc, &a, err, notes))
		goto out;
	/* what lines up with the draft keeps its identity */
	n2o = xmalloc((nc.nitems + 1) * sizeof(int));
	o2n = xmalloc((old.nitems + 1) * sizeof(int));
	catalog_match(&old, &nc, n2o, o2n);
	for (size_t i = 0; i < nc.nitems; i++) {
		struct item *it = &nc.items[i];

		it->id = 0;
		if (n2o[i] >= 0) {
			const struct item *o = &old.items[n2o[i]];

			it->lineage = o->lineage;
			it->origin_item = o->origin_item;
			if (!it->local_reason)
				it->local_reason = o->local_reason;
		} else if (old.parent_id && !it->local_reason) {
			it->local_reason = arena_printf(&a, "导入 %s 时新增",
							display);
		}
	}
	nc.id = id;
	crypto_hash_sha256(sum, data, len);
	sodium_bin2hex(hex, sizeof(hex), sum, sizeof(sum));
	before = head_snapshot(&old, old.nitems);
	after = head_snapshot(&old, nc.nitems);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	ok = store_catalog_replace_items(s, &nc, err) == STORE_OK &&
		store_catalog_event(s, id, who_name(who), "import",
				    arena_printf(&a, "从 %s 导入 %zu 项（替换原有事项）",
						 display, nc.nitems),
				    err) == STORE_OK &&
		audit_catalog(s, who, "catalog.import", id, old.region_code,
			      before, after, arena_printf(&a, "从 %s（%zu 字节，"
			      "SHA-256 %s）导入 %zu 项，替换草稿原有事项", display,
			      len, hex, nc.nitems), err) == 0;
	if (finish(s, ok, err) == 0)
		ret = (int)nc.nitems;
out:
	free(n2o);
	free(o2n);
	free(before);
	free(after);
	grid_release(&g);
	arena_release(&a);
	return ret;
}

int catalog_user_transition(struct store *s, const struct actor *who,
			    int64_t id, enum catalog_action act,
			    const char *reason, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct catalog c, now;
	char *before = NULL, *after = NULL;
	int ok, ret = -1;

	if (act >= ACT__MAX) {
		errors_addf(err, "没有这个操作");
		return -1;
	}
	if (reason && !*reason)
		reason = NULL;
	if (head_of(s, id, &a, &c, err) ||
	    authz_require(s, who, act == ACT_SUBMIT ? AZ_CATALOG_EDIT :
			  AZ_CATALOG_REVIEW, 0, c.region_code, err))
		goto out;
	if (act == ACT_REJECT && !reason) {
		errors_addf(err, "退回必须说明理由");
		goto out;
	}
	if (store_begin(s, err) != STORE_OK)
		goto out;
	before = head_snapshot(&c, NO_COUNT);
	ok = catalog_transition(s, id, act, who_name(who),
				act == ACT_REJECT ? reason : NULL, err) == 0 &&
		head_of(s, id, &a, &now, err) == 0;
	if (ok) {
		after = head_snapshot(&now, NO_COUNT);
		ok = audit_catalog(s, who, arena_printf(&a, "catalog.%s",
				   action_codes[act]), id, c.region_code, before,
				   after, act == ACT_REJECT ?
				   arena_printf(&a, "退回目录 %lld（%s %s），理由：%s",
						(long long)id, c.domain_name,
						c.version, reason) :
				   arena_printf(&a, "%s目录 %lld（%s %s）",
						action_labels[act], (long long)id,
						c.domain_name, c.version), err) == 0;
	}
	ret = finish(s, ok, err);
out:
	free(before);
	free(after);
	arena_release(&a);
	return ret;
}

const char *catalog_rebase_version(struct store *s, int64_t child_id,
				   int64_t onto_id, struct arena *a)
{
	struct catalog c, onto, *v;
	struct catalog_filter f = { NULL, 0, -1, 0 };
	const char *try;
	size_t n;

	if (store_catalog_head(s, child_id, a, &c) != STORE_OK ||
	    store_catalog_head(s, onto_id, a, &onto) != STORE_OK)
		return NULL;
	f.region = c.region_code;
	f.domain_id = c.domain_id;
	if (store_catalog_list(s, &f, a, &v, &n) != STORE_OK)
		return onto.version;
	try = onto.version;
	for (int k = 1; k < 100; k++) {
		int taken = 0;

		for (size_t i = 0; i < n; i++)
			if (!strcmp(v[i].version, try))
				taken = 1;
		if (!taken)
			return try;
		try = k == 1 ? arena_printf(a, "%s（按上级更新）", onto.version) :
			arena_printf(a, "%s（按上级更新%d）", onto.version, k);
	}
	return onto.version;
}

int catalog_user_rebase(struct store *s, const struct actor *who,
			int64_t child_id, int64_t onto_id, const char *version,
			struct arena *a, struct rebase_result *res,
			struct errors *err)
{
	struct catalog c, nc;
	char *after = NULL;
	int ok;

	memset(res, 0, sizeof(*res));
	if (version && !*version)
		version = NULL;
	if (head_of(s, child_id, a, &c, err) ||
	    authz_require(s, who, AZ_CATALOG_EDIT, 0, c.region_code, err))
		return -1;
	if (version && utf8_len(version) > 40) {
		errors_addf(err, "版本名称不能超过 40 个字");
		return -1;
	}
	if (!version)
		version = catalog_rebase_version(s, child_id, onto_id, a);
	if (store_begin(s, err) != STORE_OK)
		return -1;
	ok = catalog_rebase(s, child_id, onto_id, version, who_name(who), a, res,
			    err) == 0 &&
		store_catalog_load(s, res->id, a, &nc) == STORE_OK;
	if (ok && res->nconflicts) {
		/* the conflicts stay with the draft, for whoever checks it */
		struct buf d = BUF_INIT;

		for (size_t i = 0; i < res->nnotes; i++) {
			if (res->notes[i].kind != RB_CONFLICT)
				continue;
			if (d.len)
				buf_adds(&d, "；");
			buf_adds(&d, res->notes[i].path);
			if (res->notes[i].detail && *res->notes[i].detail) {
				buf_adds(&d, "——");
				buf_adds(&d, res->notes[i].detail);
			}
		}
		ok = store_catalog_event(s, res->id, who_name(who), "conflicts",
					 d.buf, err) == STORE_OK;
		buf_release(&d);
	}
	if (ok) {
		after = head_snapshot(&nc, nc.nitems);
		ok = audit_catalog(s, who, "catalog.rebase", res->id, c.region_code,
				   NULL, after, arena_printf(a, "目录 %lld（%s %s）"
				   "按上级目录 %lld 变基，生成草稿 %lld（%s），冲突 %zu 处",
				   (long long)child_id, c.domain_name, c.version,
				   (long long)onto_id, (long long)res->id,
				   nc.version, res->nconflicts), err) == 0;
	}
	free(after);
	if (finish(s, ok, err)) {
		free(res->notes);
		memset(res, 0, sizeof(*res));
		return -1;
	}
	return 0;
}

int catalog_rebase_preview(struct store *s, int64_t child_id, int64_t onto_id,
			   const char *version, struct arena *a,
			   struct rebase_result *res, struct errors *err)
{
	int rc;

	memset(res, 0, sizeof(*res));
	if (!version || !*version)
		version = catalog_rebase_version(s, child_id, onto_id, a);
	if (store_begin(s, err) != STORE_OK)
		return -1;
	rc = catalog_rebase(s, child_id, onto_id, version, "预览", a, res, err);
	store_rollback(s);	/* nothing of it is kept */
	res->id = 0;
	return rc;
}

int64_t catalog_previous(struct store *s, const struct catalog *c,
			 struct arena *a)
{
	struct catalog latest;

	if (c->previous_id)
		return c->previous_id;
	if (c->status != CATALOG_PUBLISHED &&
	    store_catalog_latest_published(s, c->region_code, c->domain_id, a,
					   &latest) == STORE_OK &&
	    latest.id != c->id)
		return latest.id;
	return 0;
}
