/* admin-catalog.c: the standard catalogs in the back office — the list of
 * what a person may work on, a catalog's item tree with every standard
 * column, derivation by ticking (做减法), local items, item edits, import
 * of a table, review with the diffs, drift and rebase (see admin-catalog.h)
 *
 * Every change goes through the catalog_user_* functions of
 * domain/catalog.h (authorisation, one transaction, the audit entry); these
 * pages read, show what the person may do, turn form fields into cells and
 * report what the domain refused.  No JavaScript: each action is a form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin-catalog.h"
#include "admin.h"
#include "html.h"
#include "parts.h"
#include "../domain/account.h"
#include "../domain/authz.h"
#include "../domain/catalog-diff.h"
#include "../domain/catalog.h"
#include "../domain/channels.h"
#include "../domain/layout.h"
#include "../util/readfile.h"
#include "../util/errors.h"
#include "../util/timeutil.h"

/* --- small helpers --- */

static int64_t param_id(struct http_request *rq, int i)
{
	return strtoll(rq->params[i], NULL, 10);
}

/* 403 for authorisation, 404 for missing things, else 400. */
static int status_of(const struct errors *err)
{
	for (size_t i = 0; i < err->n; i++)
		if (strstr(err->msg[i], "没有权限"))
			return 403;
	for (size_t i = 0; i < err->n; i++)
		if (strstr(err->msg[i], "不存在"))
			return 404;
	return 400;
}

static const char *cat_href(struct http_request *rq, int64_t id)
{
	return arena_printf(rq->arena, "/admin/catalogs/%lld", (long long)id);
}

static const char *cat_title(struct http_request *rq, const struct catalog *c)
{
	return arena_printf(rq->arena, "%s%s目录（%s）", c->region_name,
			    c->domain_name, c->version);
}

static void status_tag(struct buf *b, enum catalog_status st)
{
	buf_addf(b, "<span class=\"status status-%s\">%s</span>",
		 catalog_status_code(st), catalog_status_label(st));
}

/* The Beijing date of a stored UTC time. */
static void date_of(struct buf *b, const char *t)
{
	char d[11];

	if (!t || !*t || time_text_date_cn(t, d)) {
		buf_adds(b, "—");
		return;
	}
	buf_adds(b, d);
}

/* "YYYY-MM-DD HH:MM" in Beijing time of a stored UTC time, NULL if none. */
static const char *bj_time(struct arena *a, const char *utc)
{
	char t[TIME_TEXT_LEN];

	if (!utc || !*utc || time_text_add(utc, 8 * 3600, t))
		return NULL;
	t[10] = ' ';
	return arena_strndup(a, t, 16);
}

/* 303 to catalog 'id' with a notice, then a fragment (after the query). */
static void redirect_cat(struct http_request *rq, struct http_response *rs,
			 int64_t id, const char *msg, const char *frag)
{
	admin_redirect(rq, rs, cat_href(rq, id), msg);
	if (frag)
		rs->location = arena_printf(rq->arena, "%s#%s", rs->location, frag);
}

/* A failure page that links back to the catalog. */
static void fail_back(struct http_request *rq, struct http_response *rs,
		      const char *title, int64_t id, const struct errors *err)
{
	struct buf *b = &rs->body;

	rs->status = status_of(err);
	buf_reset(b);
	admin_begin(rq, b, title);
	admin_errors(b, err);
	if (id)
		buf_addf(b, "<p><a href=\"/admin/catalogs/%lld\">返回目录</a></p>\n",
			 (long long)id);
	else
		buf_adds(b, "<p><a href=\"/admin/catalogs\">返回目录列表</a></p>\n");
	admin_end(rq, b);
}

/* Load catalog params[0] with its items, if this person may see it; on
 * failure the response is filled. */
static int load_visible(struct http_request *rq, struct http_response *rs,
			struct catalog *c)
{
	struct errors err = ERRORS_INIT;
	int64_t id = param_id(rq, 0);

	if (store_catalog_load(rq->wstore, id, rq->arena, c) != STORE_OK) {
		errors_addf(&err, "目录 %lld 不存在", (long long)id);
		fail_back(rq, rs, "没有这个目录", 0, &err);
	} else if (!catalog_may_view(rq->wstore, rq->actor, c)) {
		errors_addf(&err, "没有权限：查看%s尚未发布的目录", c->region_name);
		fail_back(rq, rs, "没有权限", 0, &err);
	}
	errors_release(&err);
	return rs->status >= 400 ? -1 : 0;
}

/* Before reading a form that edits catalog params[0]: 404 if it does not
 * exist, 403 if this person may not edit it (authorisation comes before
 * any other answer; the domain checks again).  0 to go on. */
static int edit_guard(struct http_request *rq, struct http_response *rs)
{
	struct errors err = ERRORS_INIT;
	struct catalog c;
	int64_t id = param_id(rq, 0);

	if (store_catalog_head(rq->wstore, id, rq->arena, &c) != STORE_OK) {
		errors_addf(&err, "目录 %lld 不存在", (long long)id);
		fail_back(rq, rs, "没有这个目录", 0, &err);
	} else if (authz_require(rq->wstore, rq->actor, AZ_CATALOG_EDIT, 0,
				 c.region_code, &err)) {
		fail_back(rq, rs, "没有权限", id, &err);
	}
	errors_release(&err);
	return rs->status >= 400 ? -1 : 0;
}

static bool may_edit(struct http_request *rq, const struct catalog *c)
{
	return authz_allows(rq->wstore, rq->actor, AZ_CATALOG_EDIT, 0,
			    c->region_code);
}

static bool may_review(struct http_request *rq, const struct catalog *c)
{
	return authz_allows(rq->wstore, rq->actor, AZ_CATALOG_REVIEW, 0,
			    c->region_code);
}

/* A 信息员 whose region lies below the catalog's may derive from it. */
static bool may_derive(struct http_request *rq, const struct catalog *c)
{
	return c->status == CATALOG_PUBLISHED && rq->user->region_code &&
		(rq->user->roles & ROLE_EDITOR) &&
		store_region_is_below(rq->wstore, rq->user->region_code,
				      c->region_code);
}

/* Is 'value' among the values of field 'name' of q? */
static bool form_has(const struct query *q, const char *name,
		     const char *value)
{
	for (size_t i = 0; q && i < q->n; i++)
		if (!strcmp(q->fields[i].name, name) &&
		    !strcmp(q->fields[i].value, value))
			return true;
	return false;
}

/* Every value of 'name' as an id; -1 with a message on one that is not. */
static int form_ids(struct http_request *rq, const char *name, int64_t **out,
		    size_t *n, struct errors *err)
{
	*out = arena_alloc(rq->arena, (rq->form.n + 1) * sizeof(**out));
	*n = 0;
	for (size_t i = 0; i < rq->form.n; i++) {
		const char *v = rq->form.fields[i].value;
		char *end;
		long long x;

		if (strcmp(rq->form.fields[i].name, name))
			continue;
		x = strtoll(v, &end, 10);
		if (!*v || *end || x <= 0) {
			errors_addf(err, "「%s」不是事项编号", v);
			return -1;
		}
		(*out)[(*n)++] = x;
	}
	return 0;
}

/* --- the columns of an item, as text --- */

struct bit_opt {
	const char *code, *label;
	unsigned bit;
};

static const struct bit_opt audience_opts[] = {
	{ "全社会", "全社会", AUDIENCE_ALL },
	{ "特定群体", "特定群体", AUDIENCE_SPECIFIC },
}, mode_opts[] = {
	{ "主动", "主动公开", MODE_ACTIVE },
	{ "依申请", "依申请公开", MODE_ON_REQUEST },
}, level_opts[] = {
	{ "市级", "市级", LEVEL_CITY },
	{ "县级", "县级", LEVEL_COUNTY },
	{ "乡级", "乡级", LEVEL_TOWNSHIP },
	{ "村级", "村级", LEVEL_VILLAGE },
};

struct bit_group {
	const char *field, *legend;
	enum layout_col col;
	const struct bit_opt *opts;
	size_t nopts;
	bool required;
};

static const struct bit_group bit_groups[] = {
	{ "audience", "公开对象", COL_AUDIENCE_TEXT, audience_opts, 2, false },
	{ "mode", "公开方式", COL_MODE_TEXT, mode_opts, 2, true },
	{ "levels", "公开层级", COL_LEVELS_TEXT, level_opts, 4, false },
};
#define NBIT_GROUPS (sizeof(bit_groups) / sizeof(bit_groups[0]))

static const struct {
	const char *field;
	enum layout_col col;
	bool required, area;
	const char *hint;
} text_cols[] = {
	{ "service", COL_SERVICE, false, false, "政务服务事项才填" },
	{ "elements", COL_ELEMENTS, true, true,
	  "每个要素前加 ● 表示必须公开、〇 表示可选，如：●办理条件 ●申请材料 〇咨询电话" },
	{ "basis", COL_BASIS, false, true, NULL },
	{ "time_limit", COL_TIMELIMIT, true, false,
	  "如：信息形成或者变更之日起20个工作日内" },
	{ "subject", COL_SUBJECT, true, false, "如：县级政府民政部门、乡镇政府（街道办事处）" },
	{ "channels", COL_CHANNELS, false, false, NULL },
	{ "note", COL_NOTE, false, false, NULL },
};
#define NTEXT_COLS (sizeof(text_cols) / sizeof(text_cols[0]))

static unsigned item_bits(const struct item *it, enum layout_col col)
{
	return col == COL_AUDIENCE_TEXT ? it->audience :
		col == COL_MODE_TEXT ? it->mode : it->levels;
}

/* "全社会、特定群体" for the bits of a group. */
static void bits_text(struct buf *t, const struct bit_group *g, unsigned bits)
{
	const struct bit_opt *o = g->opts;

	for (size_t i = 0; i < g->nopts; i++)
		if (bits & o[i].bit) {
			if (t->len)
				buf_adds(t, "、");
			buf_adds(t, o[i].code);
		}
}

/* The text of one layout column of an item, as a cell would hold it. */
static void col_text(struct buf *t, const struct item *it, enum layout_col col)
{
	buf_reset(t);
	switch (col) {
	case COL_TYPE: buf_adds(t, it->item_type ? it->item_type : ""); break;
	case COL_SERVICE: buf_adds(t, it->service_name ? it->service_name : "");
		break;
	case COL_ELEMENTS: elements_format(t, it->elements, it->nelements); break;
	case COL_BASIS: buf_adds(t, it->basis ? it->basis : ""); break;
	case COL_TIMELIMIT: buf_adds(t, it->time_limit ? it->time_limit : "");
		break;
	case COL_SUBJECT: buf_adds(t, it->subject ? it->subject : ""); break;
	case COL_CHANNELS: channels_format(t, it->channels, it->nchannels); break;
	case COL_NOTE: buf_adds(t, it->note ? it->note : ""); break;
	default:
		for (size_t g = 0; g < NBIT_GROUPS; g++)
			if (bit_groups[g].col == col)
				bits_text(t, &bit_groups[g], item_bits(it, col));
		break;
	}
}

/* Text with surrounding blanks removed, into the arena. */
static const char *trim(struct arena *a, const char *s)
{
	size_t n;

	if (!s)
		return "";
	s += strspn(s, " \t\r\n");
	n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

/* The cells the form sets: with 'cur', only those that differ from it. */
static size_t form_cells(struct http_request *rq, const struct item *cur,
			 struct item_cell *cells)
{
	struct buf t = BUF_INIT;
	size_t n = 0;
	const char *v;

	v = query_get(&rq->form, "type");
	if (v && !(cur && !strcmp(trim(rq->arena, v), cur->item_type ?
				  cur->item_type : "")))
		cells[n++] = (struct item_cell){ COL_TYPE, v };
	for (size_t k = 0; k < NTEXT_COLS; k++) {
		v = query_get(&rq->form, text_cols[k].field);
		if (!v)
			continue;
		if (cur) {
			col_text(&t, cur, text_cols[k].col);
			if (!strcmp(trim(rq->arena, v), t.buf))
				continue;
		} else if (!*trim(rq->arena, v)) {
			continue;
		}
		cells[n++] = (struct item_cell){ text_cols[k].col, v };
	}
	for (size_t g = 0; g < NBIT_GROUPS; g++) {
		const struct bit_opt *o = bit_groups[g].opts;
		struct buf want = BUF_INIT;

		for (size_t i = 0; i < bit_groups[g].nopts; i++)
			if (form_has(&rq->form, bit_groups[g].field, o[i].code)) {
				if (want.len)
					buf_adds(&want, "、");
				buf_adds(&want, o[i].code);
			}
		if (cur)
			col_text(&t, cur, bit_groups[g].col);
		if ((cur && strcmp(want.buf, t.buf)) || (!cur && want.len) ||
		    (!cur && bit_groups[g].required))
			cells[n++] = (struct item_cell){ bit_groups[g].col,
				arena_strdup(rq->arena, want.buf) };
		buf_release(&want);
	}
	buf_release(&t);
	return n;
}

/* --- the item table --- */

/* Every standard column of the items; with 'pick' a first column of
 * checkboxes named "drop" (ticked from 'ticked'), with 'edit_base' a last
 * column of edit links. */
static void item_table(struct http_request *rq, struct buf *b,
		       const struct catalog *c, const char *caption, bool pick,
		       const struct query *ticked, const char *edit_base)
{
	struct buf t = BUF_INIT;

	if (!c->nitems) {
		buf_adds(b, "<p class=\"empty\">目录中没有事项。</p>\n");
		return;
	}
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"");
	html_esc(b, caption);
	buf_adds(b, "（可左右滚动）\"><table class=\"grid catalog admin-items\">"
		 "<caption>");
	html_esc(b, caption);
	buf_adds(b, "</caption>\n<thead><tr>");
	if (pick)
		buf_adds(b, "<th scope=\"col\">删减</th>");
	buf_adds(b, "<th scope=\"col\">编号</th><th scope=\"col\">公开事项</th>"
		 "<th scope=\"col\">事项类型</th>"
		 "<th scope=\"col\">对应本级政务服务事项名称</th>"
		 "<th scope=\"col\">公开内容（要素）</th><th scope=\"col\">公开依据</th>"
		 "<th scope=\"col\">公开时限</th><th scope=\"col\">公开主体</th>"
		 "<th scope=\"col\">公开渠道和载体</th><th scope=\"col\">公开对象</th>"
		 "<th scope=\"col\">公开方式</th><th scope=\"col\">公开层级</th>"
		 "<th scope=\"col\">备注</th>");
	if (edit_base)
		buf_adds(b, "<th scope=\"col\">操作</th>");
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];
		bool group = it->level == 1 || catalog_item_has_children(c, i);
		char idtext[24];

		snprintf(idtext, sizeof(idtext), "%lld", (long long)it->id);
		buf_addf(b, "<tr class=\"lv%d%s\">", it->level,
			 group ? " group" : "");
		if (pick) {
			buf_addf(b, "<td><input type=\"checkbox\" id=\"pick-%s\" "
				 "name=\"drop\" value=\"%s\"%s><label for=\"pick-%s\">"
				 "<span class=\"sr\">删减：", idtext, idtext,
				 form_has(ticked, "drop", idtext) ? " checked" : "",
				 idtext);
			html_esc(b, catalog_item_path(c, i, rq->arena));
			buf_adds(b, "</span></label></td>");
		}
		buf_addf(b, "<td class=\"nw\">%s</td><th scope=\"row\" class=\"name\">"
			 "<span class=\"level\">%s</span> ", idtext,
			 it->level == 1 ? "一级" : it->level == 2 ? "二级" : "三级");
		html_esc(b, it->name);
		if (it->local_reason) {
			buf_adds(b, " <span class=\"tag\">本级新增</span>"
				 "<span class=\"meta reason\">理由：");
			html_esc(b, it->local_reason);
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</th>");
		if (group) {
			buf_adds(b, pick ? "<td colspan=\"11\" class=\"meta\">分组事项"
				 "（删减时连同其下全部事项）</td>" :
				 "<td colspan=\"11\" class=\"meta\">分组事项</td>");
		} else {
			static const enum layout_col cols[] = {
				COL_TYPE, COL_SERVICE, COL_ELEMENTS, COL_BASIS,
				COL_TIMELIMIT, COL_SUBJECT, COL_CHANNELS,
			};

			for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
				col_text(&t, it, cols[k]);
				buf_adds(b, "<td>");
				html_esc(b, t.buf);
				buf_adds(b, "</td>");
			}
			buf_adds(b, "<td>");
			part_audience(b, it->audience);
			buf_adds(b, "</td><td>");
			part_mode(b, it->mode);
			buf_adds(b, "</td><td>");
			part_levels(b, it->levels);
			buf_adds(b, "</td><td>");
			html_esc(b, it->note);
			buf_adds(b, "</td>");
		}
		if (edit_base) {
			buf_addf(b, "<td><a href=\"%s/items/%s/edit\">修改<span "
				 "class=\"sr\">", edit_base, idtext);
			html_esc(b, it->name);
			buf_adds(b, "</span></a></td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	buf_release(&t);
}

/* --- diffs --- */

/* The text of one compared field of item i of c, for showing a change. */
static void field_text(struct buf *t, struct arena *a, const struct catalog *c,
		       int i, enum item_field f)
{
	const struct item *it = &c->items[i];
	static const enum layout_col by_field[F__MAX] = {
		[F_TYPE] = COL_TYPE, [F_SERVICE] = COL_SERVICE,
		[F_ELEMENTS] = COL_ELEMENTS, [F_BASIS] = COL_BASIS,
		[F_TIMELIMIT] = COL_TIMELIMIT, [F_SUBJECT] = COL_SUBJECT,
		[F_CHANNELS] = COL_CHANNELS, [F_AUDIENCE] = COL_AUDIENCE_TEXT,
		[F_MODE] = COL_MODE_TEXT, [F_LEVELS] = COL_LEVELS_TEXT,
		[F_NOTE] = COL_NOTE,
	};

	buf_reset(t);
	if (f == F_NAME)
		buf_adds(t, it->name);
	else if (f == F_PARENT)
		buf_adds(t, it->parent >= 0 ?
			 catalog_item_path(c, (size_t)it->parent, a) : "（一级）");
	else if (f == F_SERVICE_URL)
		buf_adds(t, it->service_url ? it->service_url : "");
	else
		col_text(t, it, by_field[f]);
}

/* A table of what changed from a to bc.  'vs_parent': a is the catalog bc
 * was derived from (删减, 本级新增); 'child_has' as catalog_drift. */
static void diff_table(struct http_request *rq, struct buf *b,
		       const char *caption, const struct catalog *a,
		       const struct catalog *bc, const struct catalog_diff *d,
		       const int *child_has, bool vs_parent)
{
	struct buf t1 = BUF_INIT, t2 = BUF_INIT;

	buf_addf(b, "<p>新增 %zu 项、%s %zu 项、修改 %zu 项。</p>\n", d->added,
		 vs_parent ? "删减" : "删除", d->removed, d->changed);
	if (!d->n) {
		buf_adds(b, "<p class=\"empty\">没有差别。</p>\n");
		return;
	}
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"");
	html_esc(b, caption);
	buf_adds(b, "\"><table class=\"grid diff\"><caption>");
	html_esc(b, caption);
	buf_adds(b, "</caption><thead><tr><th scope=\"col\">变化</th>"
		 "<th scope=\"col\">事项</th><th scope=\"col\">说明</th></tr>"
		 "</thead><tbody>\n");
	for (size_t i = 0; i < d->n; i++) {
		const struct diff_entry *e = &d->v[i];
		const struct catalog *c = e->b >= 0 ? bc : a;
		int idx = e->b >= 0 ? e->b : e->a;
		static const char *const kind[] = { "新增", "删除", "修改" };
		const char *label = kind[e->kind];

		if (vs_parent && e->kind == DIFF_ADDED)
			label = "本级新增";
		else if (vs_parent && e->kind == DIFF_REMOVED)
			label = "删减";
		buf_addf(b, "<tr class=\"diff-%s\"><td class=\"nw\">%s</td>"
			 "<th scope=\"row\">", e->kind == DIFF_ADDED ? "added" :
			 e->kind == DIFF_REMOVED ? "removed" : "changed", label);
		html_esc(b, catalog_item_path(c, (size_t)idx, rq->arena));
		buf_addf(b, " <span class=\"meta\">（编号 %lld）</span></th><td>",
			 (long long)c->items[idx].id);
		if (child_has && child_has[i] == 0)
			buf_adds(b, "<p class=\"meta\">本级已删减此事项。</p>");
		if (e->kind == DIFF_ADDED && c->items[idx].local_reason) {
			buf_adds(b, "理由：");
			html_esc(b, c->items[idx].local_reason);
		}
		if (e->kind == DIFF_CHANGED) {
			buf_adds(b, "<ul class=\"changes\">");
			for (int f = 0; f < F__MAX; f++) {
				if (!(e->fields & (1u << f)))
					continue;
				field_text(&t1, rq->arena, a, e->a, (enum item_field)f);
				field_text(&t2, rq->arena, bc, e->b, (enum item_field)f);
				buf_adds(b, "<li>「");
				buf_adds(b, item_field_label((enum item_field)f));
				buf_adds(b, "」：<del>");
				html_esc(b, t1.len ? t1.buf : "（空）");
				buf_adds(b, "</del> → <ins>");
				html_esc(b, t2.len ? t2.buf : "（空）");
				buf_adds(b, "</ins></li>");
			}
			buf_adds(b, "</ul>");
		}
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	buf_release(&t1);
	buf_release(&t2);
}

/* "与上级目录比较" (against = "parent") or "与上一版本比较" ("previous") of c,
 * under a heading with id 'hid'. */
static void diff_section(struct http_request *rq, struct buf *b,
			 const struct catalog *c, bool vs_parent)
{
	int64_t other = vs_parent ? c->parent_id :
		catalog_previous(rq->wstore, c, rq->arena);
	const char *hid = vs_parent ? "diff-parent" : "diff-previous";
	struct catalog o;
	struct catalog_diff d;

	buf_addf(b, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>\n",
		 hid, hid, vs_parent ? "与上级目录比较" : "与上一版本比较");
	if (!other || store_catalog_load(rq->wstore, other, rq->arena, &o) !=
	    STORE_OK) {
		buf_adds(b, vs_parent ?
			 "<p class=\"empty\">这是参考目录，不是从上级目录派生的。</p>\n" :
			 "<p class=\"empty\">没有上一版本。</p>\n");
		buf_adds(b, "</section>\n");
		return;
	}
	buf_adds(b, "<p class=\"meta\">比较对象：<a href=\"");
	buf_adds(b, cat_href(rq, o.id));
	buf_adds(b, "\">");
	html_esc(b, cat_title(rq, &o));
	buf_adds(b, "</a>（");
	buf_adds(b, catalog_status_label(o.status));
	buf_adds(b, "）</p>\n");
	catalog_diff(&o, c, &d);
	diff_table(rq, b, vs_parent ? "与上级目录相比的删减、本级新增和修改" :
		   "与上一版本相比的变化", &o, c, &d, NULL, vs_parent);
	catalog_diff_release(&d);
	buf_adds(b, "</section>\n");
}

/* --- the parts of the catalog page --- */

static void meta_row(struct buf *b, const char *label, const char *value)
{
	buf_adds(b, "<tr><th scope=\"row\">");
	buf_adds(b, label);
	buf_adds(b, "</th><td>");
	html_esc(b, value && *value ? value : "—");
	buf_adds(b, "</td></tr>\n");
}

static void link_row(struct http_request *rq, struct buf *b, const char *label,
		     int64_t id)
{
	struct catalog o;

	buf_adds(b, "<tr><th scope=\"row\">");
	buf_adds(b, label);
	buf_adds(b, "</th><td>");
	if (!id) {
		buf_adds(b, "—");
	} else if (store_catalog_head(rq->wstore, id, rq->arena, &o) == STORE_OK) {
		buf_addf(b, "<a href=\"%s\">", cat_href(rq, id));
		html_esc(b, cat_title(rq, &o));
		buf_addf(b, "</a>（编号 %lld，%s）", (long long)id,
			 catalog_status_label(o.status));
	} else {
		buf_addf(b, "目录 %lld", (long long)id);
	}
	buf_adds(b, "</td></tr>\n");
}

static void head_block(struct http_request *rq, struct buf *b,
		       const struct catalog *c)
{
	buf_adds(b, "<p class=\"lead\">");
	status_tag(b, c->status);
	buf_addf(b, " 编号 %lld · ", (long long)c->id);
	html_esc(b, c->region_name);
	buf_adds(b, "（");
	html_esc(b, c->region_code);
	buf_adds(b, "）· ");
	html_esc(b, c->domain_name);
	buf_adds(b, " · ");
	html_esc(b, c->version);
	if (c->status == CATALOG_PUBLISHED) {
		buf_adds(b, " · <a href=\"");
		html_esc(b, href_domain(rq->arena, c->region_code, c->domain_code));
		buf_adds(b, "\">在公开专栏查看</a>");
	}
	buf_adds(b, "</p>\n");
	if (c->review_note && *c->review_note && c->status == CATALOG_DRAFT) {
		buf_adds(b, "<p class=\"notice error\" role=\"alert\">已退回，理由：");
		html_esc(b, c->review_note);
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "<table class=\"docmeta\"><caption>目录信息</caption>\n");
	meta_row(b, "状态", catalog_status_label(c->status));
	link_row(rq, b, "上级目录", c->parent_id);
	link_row(rq, b, "上一版本", c->previous_id);
	meta_row(b, "来源", c->source);
	meta_row(b, "编制人", c->author);
	meta_row(b, "更新时间（北京时间）", bj_time(rq->arena, c->updated_at));
	if (c->status != CATALOG_DRAFT) {
		meta_row(b, "送审时间", bj_time(rq->arena, c->submitted_at));
		meta_row(b, "审核时间", bj_time(rq->arena, c->approved_at));
		meta_row(b, "发布时间", bj_time(rq->arena, c->published_at));
	}
	if (c->review_note && *c->review_note)
		meta_row(b, "退回理由", c->review_note);
	buf_adds(b, "</table>\n");
	buf_addf(b, "<p>下载：<a href=\"/admin/catalogs/%lld/export.xlsx\">Excel"
		 "（.xlsx）</a> · <a href=\"/admin/catalogs/%lld/export.csv\">CSV"
		 "</a></p>\n", (long long)c->id, (long long)c->id);
}

static void action_form(struct http_request *rq, struct buf *b,
			const struct catalog *c, enum catalog_action act,
			const char *button, bool secondary)
{
	const char *code = catalog_action_code(act);

	buf_addf(b, "<form method=\"post\" action=\"/admin/catalogs/%lld/action\" "
		 "class=\"form action-%s\">", (long long)c->id, code);
	admin_csrf(rq, b);
	buf_addf(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">", code);
	if (act == ACT_REJECT)
		buf_adds(b, "<p><label for=\"reason-reject\">退回理由（必填，信息员"
			 "会看到）</label><textarea id=\"reason-reject\" "
			 "name=\"reason\" rows=\"2\" required maxlength=\"500\">"
			 "</textarea></p>");
	buf_addf(b, "<p><button type=\"submit\"%s>%s</button></p></form>\n",
		 secondary ? " class=\"secondary\"" : "", button);
}

static void actions_block(struct http_request *rq, struct buf *b,
			  const struct catalog *c)
{
	bool edit = may_edit(rq, c), review = may_review(rq, c);
	bool derive = may_derive(rq, c);
	bool any = (c->status == CATALOG_DRAFT && edit) ||
		((c->status == CATALOG_SUBMITTED ||
		  c->status == CATALOG_APPROVED) && review) || derive;

	if (!any)
		return;
	buf_adds(b, "<section aria-labelledby=\"act\" class=\"actions\">"
		 "<h2 id=\"act\">办理</h2>\n");
	if (c->status == CATALOG_DRAFT && edit) {
		buf_adds(b, "<p class=\"meta\">改好后送交本级政务公开办审核；审核通过"
			 "并发布后才在公开专栏显示。</p>\n");
		action_form(rq, b, c, ACT_SUBMIT, "送审", false);
	}
	if (c->status == CATALOG_SUBMITTED && review) {
		action_form(rq, b, c, ACT_APPROVE, "审核通过", false);
		action_form(rq, b, c, ACT_REJECT, "退回", true);
	}
	if (c->status == CATALOG_APPROVED && review) {
		action_form(rq, b, c, ACT_PUBLISH, "发布", false);
		action_form(rq, b, c, ACT_REJECT, "退回", true);
	}
	if (derive)
		buf_addf(b, "<p><a class=\"button\" href=\"/admin/catalogs/%lld/"
			 "derive\">派生本级目录</a> <span class=\"meta\">以本目录为"
			 "底稿，勾选本级不适用的事项（做减法）</span></p>\n",
			 (long long)c->id);
	buf_adds(b, "</section>\n");
}

static void rebase_notes(struct buf *b, const struct rebase_result *res)
{
	buf_addf(b, "<p>冲突 <strong>%zu</strong> 处（上级和本级改了同一列时保留"
		 "本级的内容，请逐一核对）。</p>\n<ul class=\"rebase-notes\">",
		 res->nconflicts);
	for (size_t i = 0; i < res->nnotes; i++) {
		const struct rebase_note *nt = &res->notes[i];

		buf_addf(b, "<li class=\"rb-%s\"><strong>%s</strong>：",
			 rebase_kind_code(nt->kind), rebase_kind_label(nt->kind));
		html_esc(b, nt->path);
		if (nt->detail && *nt->detail) {
			buf_adds(b, "——");
			html_esc(b, nt->detail);
		}
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ul>\n");
}

static void drift_block(struct http_request *rq, struct buf *b,
			const struct catalog *c)
{
	struct catalog_drift dr;
	struct errors err = ERRORS_INIT;
	struct rebase_result res;
	const char *version;

	if (!c->parent_id || (c->status != CATALOG_DRAFT &&
			      c->status != CATALOG_PUBLISHED))
		return;
	if (catalog_drift(rq->wstore, c->id, rq->arena, &dr, &err)) {
		errors_release(&err);
		return;
	}
	if (!dr.has_newer) {
		catalog_drift_release(&dr);
		return;
	}
	buf_adds(b, "<section aria-labelledby=\"drift\" class=\"drift\">"
		 "<h2 id=\"drift\">上级目录有新版本</h2>\n<p>本目录派生自<a href=\"");
	buf_adds(b, cat_href(rq, dr.parent.id));
	buf_adds(b, "\">");
	html_esc(b, cat_title(rq, &dr.parent));
	buf_adds(b, "</a>，上级已发布<a href=\"");
	buf_adds(b, cat_href(rq, dr.latest.id));
	buf_adds(b, "\">");
	html_esc(b, cat_title(rq, &dr.latest));
	buf_adds(b, "</a>。上级的变化：</p>\n");
	diff_table(rq, b, "上级目录两个版本之间的变化", &dr.parent, &dr.latest,
		   &dr.diff, dr.child_has, false);
	if (may_edit(rq, c)) {
		version = catalog_rebase_version(rq->wstore, c->id, dr.latest.id,
						 rq->arena);
		if (!version)
			version = dr.latest.version;
		buf_adds(b, "<h3>生成变基草稿</h3>\n<p class=\"meta\">以新的上级目录为"
			 "底稿生成本级新草稿：采纳上级的变化，保留本级的删减、新增和"
			 "修改；本目录不变。</p>\n");
		memset(&res, 0, sizeof(res));
		if (catalog_rebase_preview(rq->wstore, c->id, dr.latest.id, version,
					   rq->arena, &res, &err) == 0) {
			buf_adds(b, "<details open><summary>变基预览</summary>\n");
			rebase_notes(b, &res);
			buf_adds(b, "</details>\n");
		} else {
			admin_errors(b, &err);
		}
		free(res.notes);
		buf_addf(b, "<form method=\"post\" action=\"/admin/catalogs/%lld/"
			 "rebase\" class=\"form\">", (long long)c->id);
		admin_csrf(rq, b);
		buf_addf(b, "<input type=\"hidden\" name=\"onto\" value=\"%lld\">"
			 "<p><label for=\"f-rb-version\">新草稿的版本</label>"
			 "<input id=\"f-rb-version\" name=\"version\" required "
			 "maxlength=\"40\" value=\"", (long long)dr.latest.id);
		html_esc(b, version);
		buf_adds(b, "\"></p><p><button type=\"submit\">生成变基草稿</button>"
			 "</p></form>\n");
	}
	buf_adds(b, "</section>\n");
	catalog_drift_release(&dr);
	errors_release(&err);
}

/* The column fields of an item form (values from 'prefill' when given,
 * else from 'it', else the defaults of a new item). */
static void column_fields(struct buf *b, const struct item *it,
			  const struct query *prefill)
{
	struct buf t = BUF_INIT;
	const char *type = prefill ? query_get(prefill, "type") :
		it ? it->item_type : "";
	static const char *const types[] = { "", "政务服务事项", "非政务服务事项" };

	buf_adds(b, "<fieldset><legend>各列内容</legend>\n"
		 "<p><label for=\"f-type\">事项类型</label><select id=\"f-type\" "
		 "name=\"type\">");
	for (size_t i = 0; i < 3; i++)
		buf_addf(b, "<option value=\"%s\"%s>%s</option>", types[i],
			 type && !strcmp(type, types[i]) ? " selected" : "",
			 *types[i] ? types[i] : "（不填）");
	buf_adds(b, "</select></p>\n");
	for (size_t k = 0; k < NTEXT_COLS; k++) {
		const char *name = text_cols[k].field;
		const char *label = layout_col_name(text_cols[k].col);
		const char *v;
		bool req = text_cols[k].required;

		if (prefill) {
			v = query_get(prefill, name);
		} else if (it) {
			col_text(&t, it, text_cols[k].col);
			v = t.buf;
		} else {
			v = "";
		}
		buf_addf(b, "<p><label for=\"f-%s\">%s%s</label>\n", name, label,
			 req ? "<span class=\"req\" aria-hidden=\"true\">*</span>" : "");
		if (text_cols[k].area)
			buf_addf(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"3\"%s",
				 name, name, req ? " required" : "");
		else
			buf_addf(b, "<input id=\"f-%s\" name=\"%s\"%s", name, name,
				 req ? " required" : "");
		if (text_cols[k].hint || text_cols[k].col == COL_CHANNELS)
			buf_addf(b, " aria-describedby=\"h-%s\"", name);
		buf_adds(b, text_cols[k].area ? ">" : " value=\"");
		html_esc(b, v ? v : "");
		if (text_cols[k].area)
			buf_adds(b, "</textarea>");
		else
			buf_adds(b, "\">");
		buf_adds(b, "</p>\n");
		if (text_cols[k].hint)
			buf_addf(b, "<p id=\"h-%s\" class=\"meta\">%s</p>\n", name,
				 text_cols[k].hint);
		if (text_cols[k].col == COL_CHANNELS) {
			buf_adds(b, "<p id=\"h-channels\" class=\"meta\">■ 表示必选、□ 表示"
				 "可选，如：■政府网站 □政务服务中心。标准渠道：");
			for (int s = 1; s <= CHANNEL_STD_COUNT; s++) {
				if (s > 1)
					buf_adds(b, "、");
				html_esc(b, channel_std_name(s));
			}
			buf_adds(b, "。</p>\n");
		}
	}
	for (size_t g = 0; g < NBIT_GROUPS; g++) {
		const struct bit_opt *o = bit_groups[g].opts;

		buf_addf(b, "<fieldset class=\"choices\"><legend>%s%s</legend>",
			 bit_groups[g].legend, bit_groups[g].required ?
			 "（至少选一项）" : "");
		for (size_t i = 0; i < bit_groups[g].nopts; i++) {
			bool on = prefill ? form_has(prefill, bit_groups[g].field,
						     o[i].code) :
				it ? (item_bits(it, bit_groups[g].col) & o[i].bit) :
				(bit_groups[g].col == COL_MODE_TEXT &&
				 o[i].bit == MODE_ACTIVE) ||
				(bit_groups[g].col == COL_AUDIENCE_TEXT &&
				 o[i].bit == AUDIENCE_ALL);

			buf_addf(b, "<span class=\"choice\"><input type=\"checkbox\" "
				 "id=\"f-%s-%zu\" name=\"%s\" value=\"%s\"%s> <label "
				 "for=\"f-%s-%zu\">%s</label></span> ",
				 bit_groups[g].field, i, bit_groups[g].field,
				 o[i].code, on ? " checked" : "", bit_groups[g].field,
				 i, o[i].label);
		}
		buf_adds(b, "</fieldset>\n");
	}
	buf_adds(b, "</fieldset>\n");
	buf_release(&t);
}

static void add_item_block(struct http_request *rq, struct buf *b,
			   const struct catalog *c, const struct query *prefill,
			   const struct errors *err)
{
	const char *parent = prefill ? query_get(prefill, "parent") : NULL;
	const char *name = prefill ? query_get(prefill, "name") : "";
	const char *reason = prefill ? query_get(prefill, "reason") : "";

	buf_adds(b, "<section aria-labelledby=\"add\"><h2 id=\"add\">本级新增事项"
		 "</h2>\n<p class=\"meta\">上级目录没有、本级确需公开的事项；必须说明"
		 "理由，审核时会看到。</p>\n");
	admin_errors(b, err);
	buf_addf(b, "<form method=\"post\" action=\"/admin/catalogs/%lld/items\" "
		 "class=\"form\">\n", (long long)c->id);
	admin_csrf(rq, b);
	buf_adds(b, "<fieldset><legend>位置、名称和理由</legend>\n"
		 "<p><label for=\"f-parent\">上级事项<span class=\"req\" "
		 "aria-hidden=\"true\">*</span></label><select id=\"f-parent\" "
		 "name=\"parent\" required>");
	for (size_t i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];
		char idtext[24];

		if (!(it->level == 1 || (it->level == 2 &&
					 catalog_item_has_children(c, i))))
			continue;
		snprintf(idtext, sizeof(idtext), "%lld", (long long)it->id);
		buf_addf(b, "<option value=\"%s\"%s>%s：", idtext,
			 parent && !strcmp(parent, idtext) ? " selected" : "",
			 it->level == 1 ? "一级" : "二级");
		html_esc(b, catalog_item_path(c, i, rq->arena));
		buf_adds(b, "</option>");
	}
	buf_adds(b, "</select></p>\n<p><label for=\"f-name\">事项名称<span "
		 "class=\"req\" aria-hidden=\"true\">*</span></label><input "
		 "id=\"f-name\" name=\"name\" required maxlength=\"200\" value=\"");
	html_esc(b, name ? name : "");
	buf_adds(b, "\"></p>\n<p><label for=\"f-reason\">新增理由<span class=\"req\" "
		 "aria-hidden=\"true\">*</span></label><textarea id=\"f-reason\" "
		 "name=\"reason\" rows=\"2\" required maxlength=\"500\">");
	html_esc(b, reason ? reason : "");
	buf_adds(b, "</textarea></p>\n</fieldset>\n");
	column_fields(b, NULL, prefill);
	buf_adds(b, "<p><button type=\"submit\">新增事项</button></p>\n</form>\n"
		 "</section>\n");
}

static void import_block(struct http_request *rq, struct buf *b,
			 const struct catalog *c)
{
	buf_addf(b, "<section aria-labelledby=\"imp\"><h2 id=\"imp\">从文件导入"
		 "</h2>\n<form method=\"post\" action=\"/admin/catalogs/%lld/import\" "
		 "enctype=\"multipart/form-data\" class=\"form\">", (long long)c->id);
	admin_csrf(rq, b);
	buf_adds(b, "<p><label for=\"f-file\">标准目录表格（.xlsx 或 .csv，CSV 可为 "
		 "UTF-8 或 GBK）</label><input id=\"f-file\" name=\"file\" "
		 "type=\"file\" required accept=\".xlsx,.csv\" "
		 "aria-describedby=\"h-file\"></p>\n<p id=\"h-file\" class=\"meta\">"
		 "导入后草稿的全部事项由文件替换；与原有事项同名同位置的事项保持"
		 "与上级目录的对应关系。文件有任何问题时逐条列出（文件:工作表:第N行:"
		 "「列名」: 原因），草稿不作任何修改。可先下载本目录的 Excel，改好后"
		 "再导入。</p>\n<p><button type=\"submit\">导入并替换事项</button></p>"
		 "</form>\n</section>\n");
}

static const char *event_label(const char *action)
{
	static const struct { const char *code, *label; } v[] = {
		{ "derive", "派生" }, { "import", "导入" },
		{ "add-item", "本级新增事项" }, { "drop-item", "删减事项" },
		{ "edit-item", "修改事项" }, { "submit", "送审" },
		{ "approve", "审核通过" }, { "reject", "退回" },
		{ "publish", "发布" }, { "new-version", "新建版本" },
		{ "rebase", "变基" }, { "conflicts", "变基冲突（保留了本级内容）" },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (!strcmp(v[i].code, action))
			return v[i].label;
	return action;
}

static void history_block(struct http_request *rq, struct buf *b,
			  const struct catalog *c)
{
	struct catalog_event *ev;
	size_t n;

	if (store_catalog_events(rq->wstore, c->id, rq->arena, &ev, &n) !=
	    STORE_OK || !n)
		return;
	buf_adds(b, "<section aria-labelledby=\"hist\"><h2 id=\"hist\">审核与修改"
		 "记录</h2>\n<div class=\"table-scroll\" role=\"region\" "
		 "tabindex=\"0\" aria-label=\"记录表（可左右滚动）\"><table class=\"grid\">"
		 "<caption>审核与修改记录</caption><thead><tr><th scope=\"col\">时间"
		 "（北京时间）"
		 "</th><th scope=\"col\">操作人</th><th scope=\"col\">操作</th>"
		 "<th scope=\"col\">说明</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<tr><td class=\"nw\">");
		html_esc(b, bj_time(rq->arena, ev[i].at));
		buf_adds(b, "</td><td>");
		html_esc(b, ev[i].actor);
		buf_adds(b, "</td><th scope=\"row\">");
		html_esc(b, event_label(ev[i].action));
		buf_adds(b, "</th><td>");
		html_esc(b, ev[i].detail);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div></section>\n");
}

/* The whole catalog page; 'add_err' goes with the add form, 'prefill'
 * holds the values typed into it. */
static void catalog_page(struct http_request *rq, struct http_response *rs,
			 const struct catalog *c, const struct errors *add_err,
			 const struct query *prefill)
{
	struct buf *b = &rs->body;
	bool edit = c->status == CATALOG_DRAFT && may_edit(rq, c);
	const char *base = cat_href(rq, c->id);

	buf_reset(b);
	admin_begin(rq, b, cat_title(rq, c));
	buf_adds(b, "<p><a href=\"/admin/catalogs\">返回目录列表</a></p>\n");
	if (add_err && add_err->n)
		buf_adds(b, "<p class=\"notice error\" role=\"alert\"><a href=\"#add\">"
			 "新增事项未完成，请看下方的提示。</a></p>\n");
	head_block(rq, b, c);
	actions_block(rq, b, c);
	drift_block(rq, b, c);
	if (c->status == CATALOG_SUBMITTED || c->status == CATALOG_APPROVED) {
		diff_section(rq, b, c, true);
		diff_section(rq, b, c, false);
	} else {
		buf_adds(b, "<p>");
		if (c->parent_id)
			buf_addf(b, "<a href=\"%s/diff?against=parent\">与上级目录比较"
				 "</a> · ", base);
		buf_addf(b, "<a href=\"%s/diff?against=previous\">与上一版本比较</a>"
			 "</p>\n", base);
	}
	buf_adds(b, "<section aria-labelledby=\"items\"><h2 id=\"items\">事项</h2>\n");
	if (edit && c->nitems) {
		buf_addf(b, "<form method=\"post\" action=\"%s/drop\" class=\"form\">",
			 base);
		admin_csrf(rq, b);
		buf_adds(b, "<p class=\"meta\">做减法：勾选本级不适用的事项后点“删减所选"
			 "事项”；删减分组事项会连同其下全部事项。每次最多勾选 1900 项。"
			 "</p>\n");
		item_table(rq, b, c, "目录事项（勾选要删减的事项）", true, NULL, base);
		buf_adds(b, "<p><button type=\"submit\" class=\"secondary\">删减所选事项"
			 "</button></p></form>\n");
	} else {
		item_table(rq, b, c, "目录事项", false, NULL, NULL);
	}
	buf_adds(b, "</section>\n");
	if (edit) {
		add_item_block(rq, b, c, prefill, add_err);
		import_block(rq, b, c);
	}
	history_block(rq, b, c);
	admin_end(rq, b);
}

/* --- the list --- */

static void catalog_rows(struct http_request *rq, struct buf *b,
			 const char *caption, struct catalog **v, size_t n,
			 bool region_col)
{
	if (!n) {
		buf_adds(b, "<p class=\"empty\">没有目录。</p>\n");
		return;
	}
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"");
	html_esc(b, caption);
	buf_adds(b, "\"><table class=\"grid\"><caption>");
	html_esc(b, caption);
	buf_adds(b, "</caption><thead><tr><th scope=\"col\">领域</th>");
	if (region_col)
		buf_adds(b, "<th scope=\"col\">区划</th>");
	buf_adds(b, "<th scope=\"col\">版本</th><th scope=\"col\">状态</th>"
		 "<th scope=\"col\">上级目录</th><th scope=\"col\">更新时间</th>"
		 "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct catalog *c = v[i];

		buf_addf(b, "<tr><th scope=\"row\"><a href=\"%s\">",
			 cat_href(rq, c->id));
		html_esc(b, c->domain_name);
		buf_adds(b, "<span class=\"sr\">（");
		html_esc(b, c->version);
		buf_addf(b, "，编号 %lld）</span></a></th>", (long long)c->id);
		if (region_col) {
			buf_adds(b, "<td>");
			html_esc(b, c->region_name);
			buf_adds(b, "</td>");
		}
		buf_adds(b, "<td>");
		html_esc(b, c->version);
		buf_adds(b, "</td><td>");
		status_tag(b, c->status);
		if (c->status == CATALOG_DRAFT && c->review_note &&
		    *c->review_note)
			buf_adds(b, " <span class=\"tag\">已退回</span>");
		buf_adds(b, "</td><td>");
		if (c->parent_id) {
			struct catalog p;

			buf_addf(b, "<a href=\"%s\">", cat_href(rq, c->parent_id));
			if (store_catalog_head(rq->wstore, c->parent_id, rq->arena,
					       &p) == STORE_OK) {
				html_esc(b, p.region_name);
				buf_adds(b, " ");
				html_esc(b, p.version);
			}
			buf_addf(b, "<span class=\"sr\">（目录 %lld）</span></a>",
				 (long long)c->parent_id);
		} else
			buf_adds(b, "—（参考目录）");
		buf_adds(b, "</td><td class=\"nw\">");
		date_of(b, c->updated_at);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

/* The catalogs this person works on: the office its region and below,
 * the others their own region (drafts only when they may edit them). */
static int scope_list(struct http_request *rq, int status,
		      struct catalog ***out, size_t *n)
{
	struct catalog_filter f = { NULL, 0, status, 0 };
	struct catalog *v;
	size_t nv;
	unsigned r = rq->user->roles;

	*n = 0;
	if (!(r & (ROLE_OFFICE | ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) ||
	    !rq->user->region_code)
		return -1;
	if (!(r & ROLE_OFFICE))
		f.region = rq->user->region_code;
	if (store_catalog_list(rq->wstore, &f, rq->arena, &v, &nv) != STORE_OK)
		return -1;
	*out = arena_alloc(rq->arena, (nv + 1) * sizeof(**out));
	for (size_t i = 0; i < nv; i++) {
		bool in = !strcmp(v[i].region_code, rq->user->region_code) ||
			((r & ROLE_OFFICE) && may_review(rq, &v[i]));

		if (in && catalog_may_view(rq->wstore, rq->actor, &v[i]))
			(*out)[(*n)++] = &v[i];
	}
	return 0;
}

static void derive_sources(struct http_request *rq, struct buf *b)
{
	struct region r;
	const char *up;
	bool any = false;

	if (!(rq->user->roles & ROLE_EDITOR) || !rq->user->region_code ||
	    store_region_get(rq->wstore, rq->user->region_code, rq->arena, &r) !=
	    STORE_OK)
		return;
	buf_adds(b, "<section aria-labelledby=\"derive\"><h2 id=\"derive\">派生本级"
		 "目录</h2>\n<p class=\"meta\">从上级已发布的目录派生本地区的目录："
		 "勾选本级不适用的事项（做减法），生成草稿后再补充本级事项、送审。"
		 "</p>\n");
	for (up = r.parent_code; up; up = r.parent_code) {
		struct catalog_filter f = { up, 0, CATALOG_PUBLISHED, 0 };
		struct catalog *v;
		size_t n;

		if (store_region_get(rq->wstore, up, rq->arena, &r) != STORE_OK)
			break;
		if (store_catalog_list(rq->wstore, &f, rq->arena, &v, &n) !=
		    STORE_OK || !n)
			continue;
		any = true;
		buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
			 "aria-label=\"");
		html_esc(b, r.name);
		buf_adds(b, "已发布的目录\"><table class=\"grid\"><caption>");
		html_esc(b, r.name);
		buf_adds(b, "已发布的目录</caption><thead><tr><th scope=\"col\">领域"
			 "</th><th scope=\"col\">版本</th><th scope=\"col\">发布日期</th>"
			 "<th scope=\"col\">操作</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < n; i++) {
			buf_addf(b, "<tr><th scope=\"row\"><a href=\"%s\">",
				 cat_href(rq, v[i].id));
			html_esc(b, v[i].domain_name);
			buf_adds(b, "</a></th><td>");
			html_esc(b, v[i].version);
			buf_adds(b, "</td><td class=\"nw\">");
			date_of(b, v[i].published_at);
			buf_addf(b, "</td><td><a href=\"/admin/catalogs/%lld/derive\">"
				 "派生本级目录<span class=\"sr\">：", (long long)v[i].id);
			html_esc(b, v[i].domain_name);
			html_esc(b, v[i].version);
			buf_adds(b, "</span></a></td></tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n");
	}
	if (!any)
		buf_adds(b, "<p class=\"empty\">上级地区还没有已发布的目录。</p>\n");
	buf_adds(b, "</section>\n");
}

void admin_catalogs(struct http_request *rq, struct http_response *rs)
{
	static const char *const tabs[][2] = {
		{ "", "全部" }, { "draft", "草稿" }, { "submitted", "已提交" },
		{ "approved", "已审核" }, { "published", "已发布" },
	};
	const char *code = query_get(&rq->query, "status");
	int status = -1;
	struct catalog **v, **all;
	size_t n, nall;
	struct buf *b = &rs->body;
	struct errors err = ERRORS_INIT;
	bool office = rq->user->roles & ROLE_OFFICE;

	if (code && *code && (status = catalog_status_parse(code)) < 0) {
		errors_addf(&err, "状态只能是 draft、submitted、approved、published");
		fail_back(rq, rs, "参数错误", 0, &err);
		errors_release(&err);
		return;
	}
	if (scope_list(rq, status, &v, &n) || scope_list(rq, -1, &all, &nall)) {
		errors_addf(&err, "没有权限：三员账号不处理公开事项目录");
		fail_back(rq, rs, "没有权限", 0, &err);
		errors_release(&err);
		return;
	}
	admin_begin(rq, b, "公开事项标准目录");
	if (office) {
		struct catalog **q = arena_alloc(rq->arena,
						 (nall + 1) * sizeof(*q));
		size_t nq;

		for (int st = CATALOG_SUBMITTED; st <= CATALOG_APPROVED; st++) {
			const char *hid = st == CATALOG_SUBMITTED ? "todo" : "topub";

			nq = 0;
			for (size_t i = 0; i < nall; i++)
				if ((int)all[i]->status == st)
					q[nq++] = all[i];
			buf_addf(b, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s"
				 "<span class=\"count\">（%zu）</span></h2>\n", hid, hid,
				 st == CATALOG_SUBMITTED ? "待审核" : "待发布", nq);
			if (nq)
				catalog_rows(rq, b, st == CATALOG_SUBMITTED ?
					     "已送审、待审核的目录" :
					     "已审核、待发布的目录", q, nq, true);
			else
				buf_adds(b, "<p class=\"empty\">没有。</p>\n");
			buf_adds(b, "</section>\n");
		}
	}
	buf_adds(b, "<section aria-labelledby=\"mine\"><h2 id=\"mine\">");
	buf_adds(b, office ? "本地区及下级地区的目录" : "本地区的目录");
	buf_adds(b, "</h2>\n<nav aria-label=\"按状态筛选\"><ul class=\"inline tabs\">");
	for (size_t i = 0; i < sizeof(tabs) / sizeof(tabs[0]); i++) {
		bool cur = (i == 0 && status < 0) ||
			(i && status == catalog_status_parse(tabs[i][0]));

		buf_addf(b, "<li><a href=\"/admin/catalogs%s%s\"%s>%s</a></li>",
			 i ? "?status=" : "", tabs[i][0],
			 cur ? " aria-current=\"page\"" : "", tabs[i][1]);
	}
	buf_adds(b, "</ul></nav>\n");
	catalog_rows(rq, b, status < 0 ? "目录" : arena_printf(rq->arena,
		     "%s的目录", catalog_status_label(status)), v, n, office);
	buf_adds(b, "</section>\n");
	derive_sources(rq, b);
	admin_end(rq, b);
}

/* --- the catalog page and its actions --- */

void admin_catalog_view(struct http_request *rq, struct http_response *rs)
{
	struct catalog c;

	if (load_visible(rq, rs, &c))
		return;
	catalog_page(rq, rs, &c, NULL, NULL);
}

/* catalog_write_file() as file_bytes_of() calls it. */
static int write_catalog_xlsx(const void *c, const char *path,
			      struct errors *err)
{
	return catalog_write_file(c, CATALOG_XLSX, path, err);
}

void admin_catalog_export(struct http_request *rq, struct http_response *rs)
{
	struct catalog c;
	size_t len = strlen(rq->path);
	bool csv = len > 4 && !strcmp(rq->path + len - 4, ".csv");
	const char *ext = csv ? "csv" : "xlsx";
	struct buf cd = BUF_INIT;
	struct errors err = ERRORS_INIT;

	if (load_visible(rq, rs, &c))
		return;
	rs->uncacheable = true;
	if (csv) {
		catalog_write_csv(&c, &rs->body);
		rs->content_type = "text/csv; charset=utf-8";
	} else if (file_bytes_of(write_catalog_xlsx, &c, &rs->body)) {
		errors_addf(&err, "生成 Excel 文件失败，请稍后再试或下载 CSV");
		fail_back(rq, rs, "暂时无法生成文件", c.id, &err);
		rs->status = 500;
		errors_release(&err);
		return;
	} else {
		rs->content_type = "application/vnd.openxmlformats-officedocument"
			".spreadsheetml.sheet";
	}
	buf_addf(&cd, "attachment; filename=\"catalog-%lld.%s\"; "
		 "filename*=UTF-8''", (long long)c.id, ext);
	url_esc(&cd, arena_printf(rq->arena, "%s%s公开事项标准目录%s（%s）.%s",
				  c.region_name, c.domain_name, c.version,
				  catalog_status_label(c.status), ext));
	rs->disposition = arena_strdup(rq->arena, cd.buf);
	buf_release(&cd);
}

void admin_catalog_drop(struct http_request *rq, struct http_response *rs)
{
	int64_t id = param_id(rq, 0), *items;
	size_t n;
	struct errors err = ERRORS_INIT;

	if (edit_guard(rq, rs))
		return;
	if (form_ids(rq, "drop", &items, &n, &err) == 0 &&
	    catalog_user_drop_items(rq->wstore, rq->actor, id, items, n,
				    &err) == 0)
		admin_redirect(rq, rs, cat_href(rq, id), "dropped");
	else
		fail_back(rq, rs, "未能删减", id, &err);
	errors_release(&err);
}

void admin_catalog_add_item(struct http_request *rq, struct http_response *rs)
{
	int64_t id = param_id(rq, 0), parent;
	struct item_cell cells[NTEXT_COLS + NBIT_GROUPS + 2];
	size_t ncells;
	struct errors err = ERRORS_INIT;
	struct catalog c;

	if (edit_guard(rq, rs))
		return;
	if (query_int(&rq->form, "parent", 1, INT64_MAX, 0, &parent) || !parent) {
		errors_addf(&err, "请选择上级事项");
	} else {
		ncells = form_cells(rq, NULL, cells);
		if (catalog_user_add_item(rq->wstore, rq->actor, id, parent,
					  trim(rq->arena, query_get(&rq->form, "name")),
					  cells, ncells,
					  trim(rq->arena, query_get(&rq->form, "reason")),
					  &err)) {
			redirect_cat(rq, rs, id, "item_added", "items");
			goto out;
		}
	}
	/* show the page again with what was typed, if it may be seen */
	if (status_of(&err) == 400 &&
	    store_catalog_load(rq->wstore, id, rq->arena, &c) == STORE_OK &&
	    c.status == CATALOG_DRAFT && may_edit(rq, &c)) {
		catalog_page(rq, rs, &c, &err, &rq->form);
		rs->status = 400;
	} else {
		fail_back(rq, rs, "未能新增事项", id, &err);
	}
out:
	errors_release(&err);
}

/* The item params[1] of catalog c; -1 after answering 404. */
static int item_of(struct http_request *rq, struct http_response *rs,
		   const struct catalog *c)
{
	struct errors err = ERRORS_INIT;
	int k = catalog_item_index(c, param_id(rq, 1));

	if (k < 0) {
		errors_addf(&err, "事项 %s 不存在于目录 %lld 中", rq->params[1],
			    (long long)c->id);
		fail_back(rq, rs, "没有这个事项", c->id, &err);
	}
	errors_release(&err);
	return k;
}

static void item_form_page(struct http_request *rq, struct http_response *rs,
			   const struct catalog *c, int k,
			   const struct query *prefill, const struct errors *err)
{
	struct buf *b = &rs->body;
	const struct item *it = &c->items[k];
	bool group = it->level == 1 || catalog_item_has_children(c, (size_t)k);
	const char *name = prefill ? query_get(prefill, "name") : it->name;

	buf_reset(b);
	admin_begin(rq, b, arena_printf(rq->arena, "修改事项：%s", it->name));
	buf_adds(b, "<p class=\"lead\">");
	html_esc(b, cat_title(rq, c));
	buf_adds(b, " · ");
	html_esc(b, catalog_item_path(c, (size_t)k, rq->arena));
	buf_addf(b, "（编号 %lld）</p>\n<p><a href=\"%s#items\">返回目录</a></p>\n",
		 (long long)it->id, cat_href(rq, c->id));
	admin_errors(b, err);
	buf_addf(b, "<form method=\"post\" action=\"%s/items/%lld/edit\" "
		 "class=\"form\">\n", cat_href(rq, c->id), (long long)it->id);
	admin_csrf(rq, b);
	buf_adds(b, "<fieldset><legend>名称</legend><p><label for=\"f-name\">事项"
		 "名称<span class=\"req\" aria-hidden=\"true\">*</span></label>"
		 "<input id=\"f-name\" name=\"name\" required maxlength=\"200\" "
		 "value=\"");
	html_esc(b, name ? name : "");
	buf_adds(b, "\"></p></fieldset>\n");
	if (group)
		buf_adds(b, "<p class=\"meta\">这是分组事项，只有名称；各列内容在其下"
			 "的事项中填写。</p>\n");
	else
		column_fields(b, it, prefill);
	buf_adds(b, "<p><button type=\"submit\">保存修改</button></p>\n</form>\n");
	admin_end(rq, b);
}

void admin_catalog_item_form(struct http_request *rq, struct http_response *rs)
{
	struct catalog c;
	struct errors err = ERRORS_INIT;
	int k;

	if (load_visible(rq, rs, &c) || (k = item_of(rq, rs, &c)) < 0)
		return;
	if (authz_require(rq->wstore, rq->actor, AZ_CATALOG_EDIT, 0,
			  c.region_code, &err)) {
		fail_back(rq, rs, "没有权限", c.id, &err);
	} else if (c.status != CATALOG_DRAFT) {
		errors_addf(&err, "目录当前为「%s」，只有草稿可以修改",
			    catalog_status_label(c.status));
		fail_back(rq, rs, "不能修改", c.id, &err);
	} else {
		item_form_page(rq, rs, &c, k, NULL, NULL);
	}
	errors_release(&err);
}

void admin_catalog_item_edit(struct http_request *rq, struct http_response *rs)
{
	struct catalog c;
	struct item_cell cells[NTEXT_COLS + NBIT_GROUPS + 2];
	struct errors err = ERRORS_INIT;
	const char *name;
	size_t n;
	int k;

	if (load_visible(rq, rs, &c) || (k = item_of(rq, rs, &c)) < 0)
		return;
	name = trim(rq->arena, query_get(&rq->form, "name"));
	n = 0;
	if (*name && strcmp(name, c.items[k].name))
		cells[n++] = (struct item_cell){ COL_L2, name };
	else if (!*name)
		cells[n++] = (struct item_cell){ COL_L2, "" };
	if (!(c.items[k].level == 1 ||
	      catalog_item_has_children(&c, (size_t)k)))
		n += form_cells(rq, &c.items[k], cells + n);
	if (catalog_user_edit_item(rq->wstore, rq->actor, c.id, c.items[k].id,
				   cells, n, &err) == 0) {
		redirect_cat(rq, rs, c.id, "item_saved", "items");
	} else if (status_of(&err) == 400) {
		item_form_page(rq, rs, &c, k, &rq->form, &err);
		rs->status = 400;
	} else {
		fail_back(rq, rs, "未能修改事项", c.id, &err);
	}
	errors_release(&err);
}

void admin_catalog_import(struct http_request *rq, struct http_response *rs)
{
	int64_t id = param_id(rq, 0);
	const struct form_part *f = NULL;
	struct errors err = ERRORS_INIT, notes = ERRORS_INIT;
	struct buf *b = &rs->body;
	int n;

	if (edit_guard(rq, rs))
		return;
	for (size_t i = 0; i < rq->nparts && !f; i++)
		if (rq->parts[i].filename && !strcmp(rq->parts[i].name, "file"))
			f = &rq->parts[i];
	if (!f || !f->len) {
		errors_addf(&err, "请选择要导入的 .xlsx 或 .csv 文件");
		fail_back(rq, rs, "导入失败", id, &err);
		goto out;
	}
	n = catalog_user_import(rq->wstore, rq->actor, id, f->filename, f->data,
				f->len, &err, &notes);
	if (n >= 0) {
		redirect_cat(rq, rs, id, "imported", "items");
		goto out;
	}
	if (status_of(&err) != 400) {
		fail_back(rq, rs, "导入失败", id, &err);
		goto out;
	}
	/* every problem, as `gongkai catalog import` lists them */
	rs->status = 422;
	buf_reset(b);
	admin_begin(rq, b, "导入失败");
	buf_addf(b, "<div class=\"notice error\" role=\"alert\"><p>导入失败，共 %zu "
		 "个问题，目录未作任何修改：</p><ol class=\"problems\">",
		 errors_count(&err));
	for (size_t i = 0; i < err.n; i++) {
		buf_adds(b, "<li>");
		html_esc(b, err.msg[i]);
		buf_adds(b, "</li>");
	}
	buf_adds(b, "</ol>");
	if (err.dropped)
		buf_addf(b, "<p>另有 %zu 个问题未列出。</p>", err.dropped);
	buf_adds(b, "</div>\n");
	if (notes.n) {
		buf_adds(b, "<div class=\"notice\"><p>提示：</p><ul>");
		for (size_t i = 0; i < notes.n; i++) {
			buf_adds(b, "<li>");
			html_esc(b, notes.msg[i]);
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ul></div>\n");
	}
	buf_addf(b, "<p>请改正文件后重新导入。<a href=\"%s#imp\">返回目录</a></p>\n",
		 cat_href(rq, id));
	admin_end(rq, b);
out:
	errors_release(&err);
	errors_release(&notes);
}

void admin_catalog_action(struct http_request *rq, struct http_response *rs)
{
	int64_t id = param_id(rq, 0);
	int act = catalog_action_parse(query_get(&rq->form, "action"));
	struct errors err = ERRORS_INIT;

	if (act < 0)
		errors_addf(&err, "没有这个操作（送审、审核通过、退回、发布）");
	else if (catalog_user_transition(rq->wstore, rq->actor, id, act,
					 trim(rq->arena,
					      query_get(&rq->form, "reason")),
					 &err) == 0) {
		admin_redirect(rq, rs, cat_href(rq, id), arena_printf(rq->arena,
			       "cat_%s", catalog_action_code(act)));
		goto out;
	}
	fail_back(rq, rs, "未能办理", id, &err);
out:
	errors_release(&err);
}

/* --- derive --- */

static void derive_page(struct http_request *rq, struct http_response *rs,
			const struct catalog *c, const struct query *prefill,
			const struct errors *err)
{
	struct buf *b = &rs->body;
	const char *version = prefill ? query_get(prefill, "version") : NULL;

	buf_reset(b);
	admin_begin(rq, b, "派生本级目录");
	buf_adds(b, "<p class=\"lead\">底稿：<a href=\"");
	buf_adds(b, cat_href(rq, c->id));
	buf_adds(b, "\">");
	html_esc(b, cat_title(rq, c));
	buf_adds(b, "</a>；本级：");
	html_esc(b, rq->user->unit_name);
	buf_adds(b, "所在地区（");
	html_esc(b, rq->user->region_code);
	buf_adds(b, "）</p>\n");
	admin_errors(b, err);
	buf_addf(b, "<form method=\"post\" action=\"%s/derive\" class=\"form\">\n",
		 cat_href(rq, c->id));
	admin_csrf(rq, b);
	buf_adds(b, "<fieldset><legend>新目录</legend><p><label for=\"f-version\">"
		 "版本<span class=\"req\" aria-hidden=\"true\">*</span></label>"
		 "<input id=\"f-version\" name=\"version\" required maxlength=\"40\" "
		 "aria-describedby=\"h-version\" value=\"");
	html_esc(b, version ? version : c->version);
	buf_adds(b, "\"></p><p id=\"h-version\" class=\"meta\">如 2026版；须与本地区"
		 "这个领域已有目录的版本不同。</p></fieldset>\n"
		 "<fieldset class=\"pick\"><legend>做减法：勾选本级不适用的事项"
		 "</legend>\n"
		 "<p class=\"meta\">未勾选的事项全部带入本级草稿；删减分组事项会连同其"
		 "下全部事项，分组下的事项全部删减时分组也一并删减。每次最多勾选 1900 "
		 "项，其余可在草稿中继续删减。</p>\n");
	item_table(rq, b, c, "上级目录的事项", true, prefill, NULL);
	buf_adds(b, "</fieldset>\n<p><button type=\"submit\">生成本级草稿</button>"
		 "</p>\n</form>\n");
	admin_end(rq, b);
}

/* May this person derive from c?  Fills the response when not. */
static int derive_allowed(struct http_request *rq, struct http_response *rs,
			  const struct catalog *c)
{
	struct errors err = ERRORS_INIT;

	if (c->status != CATALOG_PUBLISHED)
		errors_addf(&err, "目录 %lld 尚未发布，只能从已发布的目录派生",
			    (long long)c->id);
	else if (!(rq->user->roles & ROLE_EDITOR) || !rq->user->region_code)
		errors_addf(&err, "没有权限：只有信息员可以派生本级目录");
	else if (!may_derive(rq, c))
		errors_addf(&err, "没有权限：本单位所在地区不在%s的辖区内，不能从这个"
			    "目录派生", c->region_name);
	if (err.n)
		fail_back(rq, rs, "不能派生", c->id, &err);
	errors_release(&err);
	return rs->status >= 400 ? -1 : 0;
}

void admin_catalog_derive_form(struct http_request *rq,
			       struct http_response *rs)
{
	struct catalog c;

	if (load_visible(rq, rs, &c) || derive_allowed(rq, rs, &c))
		return;
	derive_page(rq, rs, &c, NULL, NULL);
}

void admin_catalog_derive(struct http_request *rq, struct http_response *rs)
{
	struct catalog c;
	struct errors err = ERRORS_INIT;
	int64_t *drop, nid;
	size_t n;

	if (load_visible(rq, rs, &c) || derive_allowed(rq, rs, &c))
		return;
	if (form_ids(rq, "drop", &drop, &n, &err) == 0 &&
	    (nid = catalog_user_derive(rq->wstore, rq->actor, c.id,
				       rq->user->region_code, drop, n,
				       trim(rq->arena,
					    query_get(&rq->form, "version")),
				       &err))) {
		admin_redirect(rq, rs, cat_href(rq, nid), "derived");
	} else if (status_of(&err) == 400) {
		derive_page(rq, rs, &c, &rq->form, &err);
		rs->status = 400;
	} else {
		fail_back(rq, rs, "未能派生", c.id, &err);
	}
	errors_release(&err);
}

/* --- diff, rebase --- */

void admin_catalog_diff(struct http_request *rq, struct http_response *rs)
{
	const char *against = query_get(&rq->query, "against");
	struct catalog c;
	struct errors err = ERRORS_INIT;
	struct buf *b = &rs->body;
	bool parent;

	if (load_visible(rq, rs, &c))
		return;
	if (against && strcmp(against, "parent") && strcmp(against, "previous")) {
		errors_addf(&err, "against 只能是 parent（上级目录）或 previous"
			    "（上一版本）");
		fail_back(rq, rs, "参数错误", c.id, &err);
		errors_release(&err);
		return;
	}
	parent = !against || !strcmp(against, "parent");
	admin_begin(rq, b, arena_printf(rq->arena, "%s：%s", cat_title(rq, &c),
					parent ? "与上级目录比较" : "与上一版本比较"));
	buf_addf(b, "<p><a href=\"%s\">返回目录</a> · <a href=\"%s/diff?against=%s"
		 "\">%s</a></p>\n", cat_href(rq, c.id), cat_href(rq, c.id),
		 parent ? "previous" : "parent",
		 parent ? "与上一版本比较" : "与上级目录比较");
	diff_section(rq, b, &c, parent);
	admin_end(rq, b);
}

void admin_catalog_rebase(struct http_request *rq, struct http_response *rs)
{
	int64_t id = param_id(rq, 0), onto;
	struct errors err = ERRORS_INIT;
	struct rebase_result res;

	memset(&res, 0, sizeof(res));
	if (edit_guard(rq, rs))
		return;
	if (query_int(&rq->form, "onto", 1, INT64_MAX, 0, &onto) || !onto) {
		errors_addf(&err, "缺少新的上级目录编号");
	} else if (catalog_user_rebase(rq->wstore, rq->actor, id, onto,
				       trim(rq->arena,
					    query_get(&rq->form, "version")),
				       rq->arena, &res, &err) == 0) {
		admin_redirect(rq, rs, cat_href(rq, res.id), "rebased");
		free(res.notes);
		goto out;
	}
	fail_back(rq, rs, "未能生成变基草稿", id, &err);
out:
	errors_release(&err);
}
