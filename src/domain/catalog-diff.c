/* catalog-diff.c: matching items across catalogs, diffs, drift and rebase;
 * see catalog-diff.h for the rules. */
#include "catalog-diff.h"

#include <stdlib.h>
#include <string.h>

#include "channels.h"
#include "../util/buf.h"
#include "../util/hmap.h"
#include "../util/xalloc.h"

static const char *const field_labels[F__MAX] = {
	"事项名称", "所属上级事项", "事项类型", "对应本级政务服务事项名称",
	"公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
	"公开对象", "公开方式", "公开层级", "备注", "办事入口",
};
static const char *const field_codes[F__MAX] = {
	"name", "parent", "item_type", "service_name", "elements", "basis",
	"time_limit", "subject", "channels", "audience", "mode", "levels",
	"note", "service_url",
};

const char *item_field_label(enum item_field f)
{
	return f < F__MAX ? field_labels[f] : "";
}

const char *item_field_code(enum item_field f)
{
	return f < F__MAX ? field_codes[f] : "";
}

static int str_eq(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

unsigned item_fields_differ(const struct item *a, const struct item *b)
{
	unsigned f = 0;

	if (!str_eq(a->item_type, b->item_type))
		f |= 1u << F_TYPE;
	if (!str_eq(a->service_name, b->service_name))
		f |= 1u << F_SERVICE;
	if (a->nelements != b->nelements) {
		f |= 1u << F_ELEMENTS;
	} else {
		for (size_t i = 0; i < a->nelements; i++)
			if (!str_eq(a->elements[i].text, b->elements[i].text) ||
			    a->elements[i].required != b->elements[i].required)
				f |= 1u << F_ELEMENTS;
	}
	if (!str_eq(a->basis, b->basis))
		f |= 1u << F_BASIS;
	if (!str_eq(a->time_limit, b->time_limit))
		f |= 1u << F_TIMELIMIT;
	if (!str_eq(a->subject, b->subject))
		f |= 1u << F_SUBJECT;
	if (a->nchannels != b->nchannels) {
		f |= 1u << F_CHANNELS;
	} else {
		for (size_t i = 0; i < a->nchannels; i++)
			if (a->channels[i].std != b->channels[i].std ||
			    !str_eq(a->channels[i].name, b->channels[i].name) ||
			    a->channels[i].required != b->channels[i].required)
				f |= 1u << F_CHANNELS;
	}
	if (a->audience != b->audience)
		f |= 1u << F_AUDIENCE;
	if (a->mode != b->mode)
		f |= 1u << F_MODE;
	if (a->levels != b->levels)
		f |= 1u << F_LEVELS;
	if (!str_eq(a->note, b->note))
		f |= 1u << F_NOTE;
	if (!str_eq(a->service_url, b->service_url))
		f |= 1u << F_SERVICE_URL;
	return f;
}

/* Copy one column from src to dst (strings are shared). */
static void item_copy_field(struct item *dst, const struct item *src,
			    enum item_field f)
{
	switch (f) {
	case F_NAME: dst->name = src->name; break;
	case F_TYPE: dst->item_type = src->item_type; break;
	case F_SERVICE: dst->service_name = src->service_name; break;
	case F_ELEMENTS:
		dst->elements = src->elements;
		dst->nelements = src->nelements;
		break;
	case F_BASIS: dst->basis = src->basis; break;
	case F_TIMELIMIT:
		dst->time_limit = src->time_limit;
		dst->tl = src->tl;
		break;
	case F_SUBJECT: dst->subject = src->subject; break;
	case F_CHANNELS:
		dst->channels = src->channels;
		dst->nchannels = src->nchannels;
		break;
	case F_AUDIENCE: dst->audience = src->audience; break;
	case F_MODE: dst->mode = src->mode; break;
	case F_LEVELS: dst->levels = src->levels; break;
	case F_NOTE: dst->note = src->note; break;
	case F_SERVICE_URL: dst->service_url = src->service_url; break;
	default: break;
	}
}

static void path_key(const struct catalog *c, size_t i, struct buf *k)
{
	int chain[4], n = 0;

	buf_reset(k);
	for (int p = (int)i; p >= 0 && n < 4; p = c->items[p].parent)
		chain[n++] = p;
	while (n--) {
		buf_adds(k, c->items[chain[n]].name);
		buf_addch(k, '\x1f');
	}
}

const char *catalog_item_path(const struct catalog *c, size_t i,
			      struct arena *ar)
{
	int chain[4], n = 0;
	struct buf b = BUF_INIT;
	const char *r;

	for (int p = (int)i; p >= 0 && n < 4; p = c->items[p].parent)
		chain[n++] = p;
	while (n--) {
		buf_adds(&b, c->items[chain[n]].name);
		if (n)
			buf_adds(&b, " / ");
	}
	r = arena_strndup(ar, b.buf, b.len);
	buf_release(&b);
	return r;
}

void catalog_match(const struct catalog *a, const struct catalog *b,
		   int *b_to_a, int *a_to_b)
{
	struct hmap lin = HMAP_INIT, path = HMAP_INIT;
	struct buf k = BUF_INIT;
	int64_t v;

	for (size_t i = 0; i < a->nitems; i++)
		a_to_b[i] = -1;
	for (size_t i = 0; i < b->nitems; i++)
		b_to_a[i] = -1;
	for (size_t i = 0; i < a->nitems; i++)
		if (a->items[i].lineage && *a->items[i].lineage)
			hmap_put(&lin, a->items[i].lineage,
				 strlen(a->items[i].lineage), (int64_t)i);
	for (size_t i = 0; i < b->nitems; i++) {
		const char *l = b->items[i].lineage;
		if (l && *l && hmap_get(&lin, l, strlen(l), &v) &&
		    a_to_b[v] < 0 && a->items[v].level == b->items[i].level) {
			b_to_a[i] = (int)v;
			a_to_b[v] = (int)i;
		}
	}
	for (size_t i = 0; i < a->nitems; i++) {
		if (a_to_b[i] >= 0)
			continue;
		path_key(a, i, &k);
		hmap_put(&path, k.buf, k.len, (int64_t)i);
	}
	for (size_t i = 0; i < b->nitems; i++) {
		if (b_to_a[i] >= 0)
			continue;
		path_key(b, i, &k);
		if (hmap_get(&path, k.buf, k.len, &v) && a_to_b[v] < 0) {
			b_to_a[i] = (int)v;
			a_to_b[v] = (int)i;
		}
	}
	buf_release(&k);
	hmap_release(&lin);
	hmap_release(&path);
}

static void diff_push(struct catalog_diff *d, size_t *alloc,
		      enum diff_kind kind, int a, int b, unsigned fields)
{
	d->v = xgrow(d->v, sizeof(*d->v), d->n + 1, alloc);
	d->v[d->n].kind = kind;
	d->v[d->n].a = a;
	d->v[d->n].b = b;
	d->v[d->n].fields = fields;
	d->n++;
	if (kind == DIFF_ADDED)
		d->added++;
	else if (kind == DIFF_REMOVED)
		d->removed++;
	else
		d->changed++;
}

void catalog_diff(const struct catalog *a, const struct catalog *b,
		  struct catalog_diff *out)
{
	int *b_to_a = xmalloc((b->nitems ? b->nitems : 1) * sizeof(int));
	int *a_to_b = xmalloc((a->nitems ? a->nitems : 1) * sizeof(int));
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	catalog_match(a, b, b_to_a, a_to_b);
	for (size_t i = 0; i < a->nitems; i++)
		if (a_to_b[i] < 0)
			diff_push(out, &alloc, DIFF_REMOVED, (int)i, -1, 0);
	for (size_t j = 0; j < b->nitems; j++) {
		int i = b_to_a[j];
		unsigned f;
		int pa, pb;

		if (i < 0) {
			diff_push(out, &alloc, DIFF_ADDED, -1, (int)j, 0);
			continue;
		}
		f = item_fields_differ(&a->items[i], &b->items[j]);
		if (strcmp(a->items[i].name, b->items[j].name))
			f |= 1u << F_NAME;
		pa = a->items[i].parent;
		pb = b->items[j].parent;
		if ((pa < 0) != (pb < 0) || (pa >= 0 && a_to_b[pa] != pb))
			f |= 1u << F_PARENT;
		if (f)
			diff_push(out, &alloc, DIFF_CHANGED, i, (int)j, f);
	}
	free(b_to_a);
	free(a_to_b);
}

void catalog_diff_release(struct catalog_diff *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

/* --- drift --- */

int catalog_drift(struct store *s, int64_t child_id, struct arena *a,
		  struct catalog_drift *out, struct errors *err)
{
	memset(out, 0, sizeof(*out));
	if (store_catalog_load(s, child_id, a, &out->child) != STORE_OK) {
		errors_addf(err, "目录 %lld 不存在", (long long)child_id);
		return -1;
	}
	if (!out->child.parent_id)
		return 0;	/* a reference catalog: nothing upstream */
	out->has_parent = 1;
	if (store_catalog_load(s, out->child.parent_id, a, &out->parent) !=
	    STORE_OK) {
		errors_addf(err, "读取上级目录 %lld 失败",
			    (long long)out->child.parent_id);
		return -1;
	}
	if (store_catalog_latest_published(s, out->parent.region_code,
					   out->parent.domain_id, a,
					   &out->latest) != STORE_OK ||
	    out->latest.id == out->parent.id)
		return 0;
	/* only a version published after the one the child derives from */
	if (out->parent.published_at && out->latest.published_at &&
	    strcmp(out->latest.published_at, out->parent.published_at) < 0)
		return 0;
	if (store_catalog_load(s, out->latest.id, a, &out->latest) != STORE_OK) {
		errors_addf(err, "读取目录 %lld 失败", (long long)out->latest.id);
		return -1;
	}
	out->has_newer = 1;
	catalog_diff(&out->parent, &out->latest, &out->diff);
	{
		int *c_to_p = xmalloc((out->child.nitems + 1) * sizeof(int));
		int *p_to_c = xmalloc((out->parent.nitems + 1) * sizeof(int));
		catalog_match(&out->parent, &out->child, c_to_p, p_to_c);
		out->child_has = xmalloc((out->diff.n + 1) * sizeof(int));
		for (size_t i = 0; i < out->diff.n; i++) {
			const struct diff_entry *e = &out->diff.v[i];
			out->child_has[i] = e->a >= 0 ? p_to_c[e->a] >= 0 : -1;
		}
		free(c_to_p);
		free(p_to_c);
	}
	return 0;
}

void catalog_drift_release(struct catalog_drift *d)
{
	catalog_diff_release(&d->diff);
	free(d->child_has);
	d->child_has = NULL;
}

/* --- rebase --- */

static const char *const rb_labels[RB__MAX] = {
	"采用上级修改", "采用上级新增", "随上级删除", "保持本级删减",
	"保留本级新增", "冲突（保留本级）",
};
static const char *const rb_codes[RB__MAX] = {
	"taken_change", "taken_addition", "removed", "kept_subtraction",
	"kept_local", "conflict",
};

const char *rebase_kind_label(enum rebase_kind k)
{
	return k < RB__MAX ? rb_labels[k] : "";
}

const char *rebase_kind_code(enum rebase_kind k)
{
	return k < RB__MAX ? rb_codes[k] : "";
}

struct notes {
	struct rebase_note *v;
	size_t n, alloc, conflicts;
};

static void note(struct notes *ns, enum rebase_kind k, const char *path,
		 const char *detail)
{
	ns->v = xgrow(ns->v, sizeof(*ns->v), ns->n + 1, &ns->alloc);
	ns->v[ns->n].kind = k;
	ns->v[ns->n].path = path;
	ns->v[ns->n].detail = detail ? detail : "";
	ns->n++;
	if (k == RB_CONFLICT)
		ns->conflicts++;
}

static const char *field_list(unsigned f, struct arena *a)
{
	struct buf b = BUF_INIT;
	const char *r;

	for (int i = 0; i < F__MAX; i++)
		if (f & (1u << i)) {
			if (b.len)
				buf_adds(&b, "、");
			buf_adds(&b, field_labels[i]);
		}
	r = arena_strndup(a, b.buf, b.len);
	buf_release(&b);
	return r;
}

int catalog_rebase(struct store *s, int64_t child_id, int64_t onto_id,
		   const char *version, const char *actor, struct arena *a,
		   struct rebase_result *res, struct errors *err)
{
	struct catalog child, base, onto, out;
	int *c2p = NULL, *p2c = NULL, *n2p = NULL, *p2n = NULL, *n2out = NULL;
	int *c2out = NULL;
	struct notes ns = { 0 };
	int ret = -1;

	memset(res, 0, sizeof(*res));
	if (store_catalog_load(s, child_id, a, &child) != STORE_OK) {
		errors_addf(err, "目录 %lld 不存在", (long long)child_id);
		return -1;
	}
	if (!child.parent_id) {
		errors_addf(err, "目录 %lld 是参考目录，不是派生出来的，无需变基",
			    (long long)child_id);
		return -1;
	}
	if (store_catalog_load(s, child.parent_id, a, &base) != STORE_OK ||
	    store_catalog_load(s, onto_id, a, &onto) != STORE_OK) {
		errors_addf(err, "目录 %lld 不存在", (long long)onto_id);
		return -1;
	}
	if (onto.status != CATALOG_PUBLISHED) {
		errors_addf(err, "目录 %lld 尚未发布，只能变基到已发布的上级目录",
			    (long long)onto_id);
		return -1;
	}
	if (strcmp(onto.region_code, base.region_code) ||
	    onto.domain_id != base.domain_id) {
		errors_addf(err, "目录 %lld 不是上级目录 %lld 的另一个版本"
			    "（区划或领域不同）", (long long)onto_id,
			    (long long)base.id);
		return -1;
	}
	if (onto.id == base.id) {
		errors_addf(err, "目录 %lld 已经派生自目录 %lld，无需变基",
			    (long long)child_id, (long long)onto_id);
		return -1;
	}

	c2p = xmalloc((child.nitems + 1) * sizeof(int));
	p2c = xmalloc((base.nitems + 1) * sizeof(int));
	n2p = xmalloc((onto.nitems + 1) * sizeof(int));
	p2n = xmalloc((base.nitems + 1) * sizeof(int));
	n2out = xmalloc((onto.nitems + 1) * sizeof(int));
	c2out = xmalloc((child.nitems + 1) * sizeof(int));
	catalog_match(&base, &child, c2p, p2c);
	catalog_match(&base, &onto, n2p, p2n);

	memset(&out, 0, sizeof(out));
	out.region_code = child.region_code;
	out.domain_id = child.domain_id;
	out.version = version ? version : onto.version;
	out.status = CATALOG_DRAFT;
	out.parent_id = onto.id;
	out.previous_id = child.id;
	out.author = actor;
	out.source = arena_printf(a, "目录 %lld 变基到目录 %lld",
				  (long long)child.id, (long long)onto.id);
	for (size_t i = 0; i < child.nitems; i++)
		c2out[i] = -1;

	/* walk the new parent in order */
	for (size_t j = 0; j < onto.nitems; j++) {
		const struct item *n = &onto.items[j];
		int p = n2p[j], c = p >= 0 ? p2c[p] : -1;
		int parent_out = n->parent >= 0 ? n2out[n->parent] : -1;
		struct item *it;

		n2out[j] = -1;
		if (n->parent >= 0 && parent_out < 0)
			continue;	/* its group was dropped here */
		if (p >= 0 && c < 0) {
			note(&ns, RB_KEPT_SUBTRACTION,
			     catalog_item_path(&onto, j, a), NULL);
			continue;
		}
		it = catalog_push_item(&out, a);
		if (p < 0) {
			*it = *n;
			note(&ns, RB_TAKEN_ADDITION, catalog_item_path(&onto, j, a),
			     NULL);
		} else {
			const struct item *pb = &base.items[p];
			const struct item *cc = &child.items[c];
			unsigned up = item_fields_differ(pb, n);
			unsigned mine = item_fields_differ(pb, cc);
			unsigned both = 0;

			if (strcmp(pb->name, n->name))
				up |= 1u << F_NAME;
			if (strcmp(pb->name, cc->name))
				mine |= 1u << F_NAME;
			*it = *cc;
			for (int f = 0; f < F__MAX; f++) {
				unsigned bit = 1u << f;
				if (!(up & bit))
					continue;
				if (mine & bit) {
					/* both changed: equal is no conflict */
					struct item t = *cc;
					item_copy_field(&t, n, (enum item_field)f);
					if (f == F_NAME ? strcmp(cc->name, n->name) != 0
					    : (item_fields_differ(&t, cc) & bit) != 0)
						both |= bit;
					continue;
				}
				item_copy_field(it, n, (enum item_field)f);
			}
			if (both)
				note(&ns, RB_CONFLICT, catalog_item_path(&onto, j, a),
				     arena_printf(a, "上级和本级都修改了：%s",
						  field_list(both, a)));
			if (up & ~both)
				note(&ns, RB_TAKEN_CHANGE,
				     catalog_item_path(&onto, j, a),
				     field_list(up & ~both, a));
			c2out[c] = (int)(out.nitems - 1);
		}
		it->id = 0;
		it->origin_item = n->id;
		it->lineage = n->lineage;
		it->local_reason = NULL;
		it->parent = parent_out;
		it->level = n->level;
		n2out[j] = (int)(out.nitems - 1);
	}
	/* upstream removals */
	for (size_t p = 0; p < base.nitems; p++) {
		int c = p2c[p];
		if (p2n[p] >= 0)
			continue;
		if (c >= 0 && item_fields_differ(&base.items[p], &child.items[c]))
			note(&ns, RB_CONFLICT, catalog_item_path(&base, p, a),
			     "上级已删除此事项，本级曾修改过它；已随上级删除");
		else if (c >= 0)
			note(&ns, RB_REMOVED, catalog_item_path(&base, p, a), NULL);
	}
	/* local additions, under their (mapped) parent, in the child's order */
	for (size_t i = 0; i < child.nitems; i++) {
		const struct item *ci = &child.items[i];
		int parent_out = -1;
		struct item *it;

		if (!ci->local_reason && c2p[i] >= 0)
			continue;
		if (ci->parent >= 0) {
			parent_out = c2out[ci->parent];
			if (parent_out < 0) {
				note(&ns, RB_CONFLICT, catalog_item_path(&child, i, a),
				     "本级新增事项的上级事项在新的上级目录中已不存在；未带入");
				continue;
			}
		}
		it = catalog_push_item(&out, a);
		*it = *ci;
		it->id = 0;
		it->parent = parent_out;
		if (!it->local_reason)
			it->local_reason = "（变基时保留的本级事项）";
		c2out[i] = (int)(out.nitems - 1);
		note(&ns, RB_KEPT_LOCAL, catalog_item_path(&child, i, a),
		     it->local_reason);
	}
	catalog_sort_tree(&out, a);
	{
		/* groups emptied by subtraction go, as in derivation */
		unsigned char *none = xcalloc(out.nitems + 1, 1);
		catalog_remove_items(&out, none);
		free(none);
	}
	if (store_catalog_insert(s, &out, err) != STORE_OK)
		goto out;
	store_catalog_event(s, out.id, actor, "rebase",
			    arena_printf(a, "由目录 %lld 变基到上级目录 %lld，冲突 %zu 处",
					 (long long)child.id, (long long)onto.id,
					 ns.conflicts), NULL);
	res->id = out.id;
	res->notes = ns.v;
	res->nnotes = ns.n;
	res->nconflicts = ns.conflicts;
	ns.v = NULL;
	ret = 0;
out:
	free(ns.v);
	free(c2p);
	free(p2c);
	free(n2p);
	free(p2n);
	free(n2out);
	free(c2out);
	return ret;
}
