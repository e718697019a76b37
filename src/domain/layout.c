/* layout.c: columns of the standard catalog table and how cells are read
 * and written; see layout.h. */
#include "layout.h"

#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const struct layout_out_col layout_out[] = {
	{ COL_SEQ, 0, "序号", NULL, 6 },
	{ COL_L1, 0, "公开事项", "一级事项", 16 },
	{ COL_L2, 0, "公开事项", "二级事项", 18 },
	{ COL_L3, 0, "公开事项", "三级事项", 14 },
	{ COL_TYPE, 0, "事项类型", NULL, 12 },
	{ COL_SERVICE, 0, "对应本级政务服务事项名称", NULL, 18 },
	{ COL_ELEMENTS, 0, "公开内容（要素）", NULL, 40 },
	{ COL_BASIS, 0, "公开依据", NULL, 36 },
	{ COL_TIMELIMIT, 0, "公开时限", NULL, 20 },
	{ COL_SUBJECT, 0, "公开主体", NULL, 16 },
	{ COL_CHANNELS, 0, "公开渠道和载体", NULL, 28 },
	{ COL_AUD_ALL, 0, "公开对象", "全社会", 7 },
	{ COL_AUD_SPECIFIC, 0, "公开对象", "特定群体", 7 },
	{ COL_MODE_ACTIVE, 0, "公开方式", "主动", 6 },
	{ COL_MODE_REQUEST, 0, "公开方式", "依申请", 6 },
	{ COL_LEVEL, LEVEL_CITY, "公开层级", "市级", 6 },
	{ COL_LEVEL, LEVEL_COUNTY, "公开层级", "县级", 6 },
	{ COL_LEVEL, LEVEL_TOWNSHIP, "公开层级", "乡级", 6 },
	{ COL_LEVEL, LEVEL_VILLAGE, "公开层级", "村级", 6 },
	{ COL_NOTE, 0, "备注", NULL, 14 },
};
const size_t layout_out_n = sizeof(layout_out) / sizeof(layout_out[0]);

static const char *const col_names[COL__MAX] = {
	[COL_NONE] = "",
	[COL_SEQ] = "序号",
	[COL_L1] = "一级事项",
	[COL_L2] = "二级事项",
	[COL_L3] = "三级事项",
	[COL_TYPE] = "事项类型",
	[COL_SERVICE] = "对应本级政务服务事项名称",
	[COL_ELEMENTS] = "公开内容（要素）",
	[COL_BASIS] = "公开依据",
	[COL_TIMELIMIT] = "公开时限",
	[COL_SUBJECT] = "公开主体",
	[COL_CHANNELS] = "公开渠道和载体",
	[COL_AUD_ALL] = "全社会",
	[COL_AUD_SPECIFIC] = "特定群体",
	[COL_MODE_ACTIVE] = "主动",
	[COL_MODE_REQUEST] = "依申请",
	[COL_LEVEL] = "公开层级",
	[COL_NOTE] = "备注",
	[COL_AUDIENCE_TEXT] = "公开对象",
	[COL_MODE_TEXT] = "公开方式",
	[COL_LEVELS_TEXT] = "公开层级",
};

const char *layout_col_name(enum layout_col c)
{
	return c < COL__MAX ? col_names[c] : "";
}

/* The comparison form of a label: folded (see utf8.h) and with brackets,
 * their contents kept, removed: "公开内容（要素）" → "公开内容要素". */
static void label_key(struct buf *b, const char *s)
{
	struct buf f = BUF_INIT;

	utf8_fold(&f, s ? s : "");
	for (const char *p = f.buf; *p;) {
		const char *at = p;
		uint32_t cp = utf8_next(&p);
		if (cp == '(' || cp == ')' || cp == '[' || cp == ']' ||
		    cp == 0x3010 || cp == 0x3011 || cp == ':' || cp == '*')
			continue;
		buf_add(b, at, (size_t)(p - at));
	}
	buf_release(&f);
}

static int key_is(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(key, *names))
			return 1;
	return 0;
}

static const char *const l1_names[] = { "一级事项", "一级", "公开事项一级",
	"一级目录", "一级事项名称", NULL };
static const char *const l2_names[] = { "二级事项", "二级", "公开事项二级",
	"二级目录", "二级事项名称", NULL };
static const char *const l3_names[] = { "三级事项", "三级", "公开事项三级",
	"三级目录", "三级事项名称", NULL };
static const char *const type_names[] = { "事项类型", NULL };
static const char *const service_names[] = { "对应本级政务服务事项名称",
	"对应政务服务事项名称", "政务服务事项名称", "对应本级政务服务事项", NULL };
static const char *const elements_names[] = { "公开内容要素", "公开内容",
	"公开内容要素及要求", "公开内容及要求", "公开要素", NULL };
static const char *const basis_names[] = { "公开依据", "依据", NULL };
static const char *const tl_names[] = { "公开时限", "时限", NULL };
static const char *const subject_names[] = { "公开主体", "主体", "责任主体",
	"公开责任主体", NULL };
static const char *const channel_names[] = { "公开渠道和载体", "公开渠道",
	"渠道和载体", "公开载体", "公开渠道及载体", "公开渠道和载体在标注范围内至少选择其一公开", NULL };
static const char *const aud_all_names[] = { "全社会", NULL };
static const char *const aud_spec_names[] = { "特定群体", "特定群众", "特定对象",
	NULL };
static const char *const mode_active_names[] = { "主动", "主动公开", NULL };
static const char *const mode_request_names[] = { "依申请", "依申请公开", NULL };
static const char *const note_names[] = { "备注", NULL };
static const char *const seq_names[] = { "序号", "编号", NULL };
static const char *const audience_group[] = { "公开对象", NULL };
static const char *const mode_group[] = { "公开方式", NULL };
static const char *const level_group[] = { "公开层级", NULL };

unsigned layout_parse_levels(const char *text)
{
	struct buf k = BUF_INIT;
	unsigned bits = 0;
	const char *s;

	label_key(&k, text);
	s = k.buf;
	if (!strcmp(s, "乡村级")) {	/* "乡(村)级": the village level */
		bits = LEVEL_VILLAGE;
		goto out;
	}
	if (strstr(s, "市"))
		bits |= LEVEL_CITY;
	if (strstr(s, "县") || strstr(s, "区级") || !strcmp(s, "区"))
		bits |= LEVEL_COUNTY;
	if (strstr(s, "乡") || strstr(s, "镇") || strstr(s, "街"))
		bits |= LEVEL_TOWNSHIP;
	if (strstr(s, "村") || strstr(s, "社区") || strstr(s, "居"))
		bits |= LEVEL_VILLAGE;
	/* "县(区)级" names only the county level */
	if (strstr(s, "县区"))
		bits = (bits & ~(unsigned)LEVEL_CITY) | LEVEL_COUNTY;
out:
	buf_release(&k);
	return bits;
}

unsigned layout_parse_audience(const char *text)
{
	unsigned bits = 0;

	if (!text)
		return 0;
	if (strstr(text, "全社会") || strstr(text, "社会公众"))
		bits |= AUDIENCE_ALL;
	if (strstr(text, "特定"))
		bits |= AUDIENCE_SPECIFIC;
	return bits;
}

unsigned layout_parse_mode(const char *text)
{
	unsigned bits = 0;
	const char *p;

	if (!text)
		return 0;
	if (strstr(text, "依申请"))
		bits |= MODE_ON_REQUEST;
	/* "主动" on its own, not only as part of some other word */
	for (p = text; (p = strstr(p, "主动")); p += strlen("主动"))
		bits |= MODE_ACTIVE;
	return bits;
}

int layout_parse_tick(const char *cell)
{
	struct buf k = BUF_INIT;
	int r = -1;

	if (!cell || !*cell)
		return 0;
	if (!strcmp(cell, "√"))
		return 1;

	label_key(&k, cell);
	if (!k.len || key_is(k.buf, (const char *const[]){ "□", "☐", "×",
			"否", "无", "0", "-", "/", "—", "n", "no", NULL }))
		r = 0;
	else if (key_is(k.buf, (const char *const[]){ "√", "✓", "✔", "☑", "●",
			"■", "是", "1", "y", "yes", "v", "○", "〇", "◯", "有", NULL }))
		r = 1;
	else if (strstr(k.buf, "√") || strstr(k.buf, "✓") || strstr(k.buf, "✔"))
		r = 1;	/* "全社会√" as some tables print it */
	buf_release(&k);
	return r;
}

int layout_is_same_as_above(const char *cell)
{
	struct buf k = BUF_INIT;
	int r;

	if (!cell || !strstr(cell, "同上"))
		return 0;
	label_key(&k, cell);
	r = !strcmp(k.buf, "同上") || !strcmp(k.buf, "同上。") ||
	    !strcmp(k.buf, "同上.");
	buf_release(&k);
	return r;
}

/* Map a header label (with its group, which may be the same text) to a
 * layout column.  COL_NONE when unknown. */
static enum layout_col map_label(const char *group, const char *label,
				 int has_sub, unsigned *bits)
{
	struct buf g = BUF_INIT, l = BUF_INIT;
	enum layout_col c = COL_NONE;

	label_key(&g, group);
	label_key(&l, label);
	*bits = 0;
	if (key_is(l.buf, l1_names))
		c = COL_L1;
	else if (key_is(l.buf, l2_names))
		c = COL_L2;
	else if (key_is(l.buf, l3_names))
		c = COL_L3;
	else if (key_is(l.buf, seq_names))
		c = COL_SEQ;
	else if (key_is(l.buf, type_names))
		c = COL_TYPE;
	else if (key_is(l.buf, service_names))
		c = COL_SERVICE;
	else if (key_is(l.buf, elements_names))
		c = COL_ELEMENTS;
	else if (key_is(l.buf, basis_names))
		c = COL_BASIS;
	else if (key_is(l.buf, tl_names))
		c = COL_TIMELIMIT;
	else if (key_is(l.buf, subject_names))
		c = COL_SUBJECT;
	else if (key_is(l.buf, channel_names))
		c = COL_CHANNELS;
	else if (key_is(l.buf, aud_all_names))
		c = COL_AUD_ALL;
	else if (key_is(l.buf, aud_spec_names))
		c = COL_AUD_SPECIFIC;
	else if (key_is(l.buf, mode_active_names))
		c = COL_MODE_ACTIVE;
	else if (key_is(l.buf, mode_request_names))
		c = COL_MODE_REQUEST;
	else if (key_is(l.buf, note_names))
		c = COL_NOTE;
	else if (key_is(l.buf, audience_group) && !has_sub)
		c = COL_AUDIENCE_TEXT;
	else if (key_is(l.buf, mode_group) && !has_sub)
		c = COL_MODE_TEXT;
	else if (key_is(l.buf, level_group) && !has_sub)
		c = COL_LEVELS_TEXT;
	else if (key_is(g.buf, level_group) ||
		 (l.len >= 3 && l.len <= 24 && !strcmp(l.buf + l.len - 3, "级") &&
		  layout_parse_levels(l.buf))) {
		/* a 公开层级 tick column: 县级, 乡、村级, 镇(街)级, … */
		*bits = layout_parse_levels(l.buf);
		if (*bits)
			c = COL_LEVEL;
	} else if (key_is(g.buf, (const char *const[]){ "公开事项", NULL })) {
		/* "公开事项" over an unlabelled column: not ours */
	}
	buf_release(&g);
	buf_release(&l);
	return c;
}

/* Does this row look like a header row (has an item column and content)? */
static int looks_like_header(const struct grid_row *r)
{
	int item = 0, content = 0;
	struct buf k = BUF_INIT;

	for (size_t j = 0; j < r->ncells; j++) {
		if (!r->cells[j] || strlen(r->cells[j]) > 200)
			continue;
		buf_reset(&k);
		label_key(&k, r->cells[j]);
		if (strstr(k.buf, "公开事项") || key_is(k.buf, l1_names) ||
		    key_is(k.buf, l2_names))
			item = 1;
		if (!strncmp(k.buf, "公开内容", strlen("公开内容")) ||
		    key_is(k.buf, elements_names))
			content = 1;
	}
	buf_release(&k);
	return item && content;
}

/* Does 'r' hold the sub-labels of a two-row header under 'top'?  Every
 * non-empty cell must be a sub-label (一级事项, 全社会, 主动, 县级, …) or the
 * same text as the cell above it (a label merged down both rows), and at
 * least one must be a sub-label: a data row never qualifies. */
static int looks_like_subheader(const struct grid_row *r,
				const struct grid_row *top)
{
	struct buf k = BUF_INIT;
	int hits = 0, other = 0;

	for (size_t j = 0; j < r->ncells && !other; j++) {
		const char *t = r->cells[j], *above = grid_cell(top, j);
		if (!t)
			continue;
		if (above && !strcmp(t, above))
			continue;
		buf_reset(&k);
		if (strlen(t) > 60) {
			other = 1;
			break;
		}
		label_key(&k, t);
		if (key_is(k.buf, l1_names) || key_is(k.buf, l2_names) ||
		    key_is(k.buf, l3_names) || key_is(k.buf, aud_all_names) ||
		    key_is(k.buf, aud_spec_names) ||
		    key_is(k.buf, mode_active_names) ||
		    key_is(k.buf, mode_request_names) ||
		    (k.len >= 3 && !strcmp(k.buf + k.len - 3, "级") &&
		     layout_parse_levels(k.buf)))
			hits++;
		else
			other = 1;
	}
	buf_release(&k);
	return hits > 0 && !other;
}

int layout_map_header(const struct grid_sheet *sh, struct arena *a,
		      struct layout_map *m, struct errors *notes,
		      const char *where)
{
	const struct grid_row *top = NULL, *sub = NULL;
	size_t hr = 0, ncols = 0;

	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < sh->nrows && i < 30; i++) {
		if (looks_like_header(&sh->rows[i])) {
			top = &sh->rows[i];
			hr = i;
			break;
		}
	}
	if (!top)
		return -1;
	if (hr + 1 < sh->nrows && looks_like_subheader(&sh->rows[hr + 1], top) &&
	    sh->rows[hr + 1].rownum == top->rownum + 1) {
		sub = &sh->rows[hr + 1];
		hr++;
	}
	ncols = top->ncells;
	if (sub && sub->ncells > ncols)
		ncols = sub->ncells;
	m->header_row = hr;
	m->ncols = ncols;
	m->col = arena_alloc(a, (ncols ? ncols : 1) * sizeof(*m->col));
	m->bits = arena_alloc(a, (ncols ? ncols : 1) * sizeof(*m->bits));
	m->label = arena_alloc(a, (ncols ? ncols : 1) * sizeof(*m->label));

	const char *group = NULL;
	for (size_t j = 0; j < ncols; j++) {
		const char *t = grid_cell(top, j);
		const char *s = sub ? grid_cell(sub, j) : NULL;
		const char *label;
		int has_sub;
		enum layout_col c;
		unsigned bits;

		/* CSV writes a merged group label once; carry it right over
		 * the columns that have a sub-label of their own. */
		if (t)
			group = t;
		else if (!s)
			group = NULL;
		has_sub = s && (!t || strcmp(s, t));
		label = has_sub ? s : t;
		if (!label)
			continue;
		c = map_label(group ? group : label, label, has_sub, &bits);
		/* a group column whose sub-label is not one we know */
		if (c == COL_NONE && has_sub && t && !s)
			c = map_label(t, t, 0, &bits);
		m->col[j] = c;
		m->bits[j] = bits;
		m->label[j] = arena_strdup(a, label);
		if (c == COL_NONE) {
			if (notes)
				errors_addf(notes, "%s: 已忽略不属于标准目录的列「%s」",
					    where, label);
			continue;
		}
		if (m->has[c] && c != COL_LEVEL) {
			if (notes)
				errors_addf(notes, "%s: 列「%s」重复，只读取第一列",
					    where, label);
			m->col[j] = COL_NONE;
			continue;
		}
		m->has[c] = 1;
	}
	return 0;
}

/* --- 公开内容（要素） --- */

static int element_marker(uint32_t cp, int *required)
{
	switch (cp) {
	case 0x25cf: case 0x2022: case 0x25c9:	/* ● • ◉ */
		*required = 1;
		return 1;
	case 0x3007: case 0x25cb: case 0x25ef: case 0x26aa: /* 〇 ○ ◯ ⚪ */
		*required = 0;
		return 1;
	}
	return 0;
}

/* Is the marker at 'at' really one?  ● always; 〇 only where an element can
 * start (the cell's beginning, after white space or a separator), so that the
 * 〇 of "二〇二〇年" stays text. */
static int marker_at(const char *cell, const char *at, uint32_t cp,
		     int *required)
{
	const char *p = cell, *prev = NULL;
	uint32_t pc = 0;

	if (!element_marker(cp, required))
		return 0;
	if (at == cell || *required)
		return 1;	/* ● is never text; 〇 may be a numeral */
	while (p < at) {	/* the code point before 'at' */
		prev = p;
		pc = utf8_next(&p);
	}
	(void)prev;
	return utf8_is_space(pc) || pc == 0x3001 || pc == 0xff1b || pc == ';' ||
	       pc == 0xff0c || pc == ',' || pc == 0x3002 || pc == 0x25cf ||
	       pc == 0x3007 || pc == 0x25cb;
}

static void add_element(struct element **v, size_t *n, size_t *alloc,
			struct arena *a, const char *s, size_t len,
			int required)
{
	struct buf t = BUF_INIT;
	char *raw = xstrndup(s, len);

	utf8_trim(&t, raw);
	free(raw);
	/* drop separators left at either end: "a；" */
	while (t.len) {
		const char *end = t.buf + t.len;
		if (t.len >= 3 && (!strcmp(end - 3, "；") || !strcmp(end - 3, "、") ||
				   !strcmp(end - 3, "，")))
			buf_setlen(&t, t.len - 3);
		else if (end[-1] == ';' || end[-1] == ',')
			buf_setlen(&t, t.len - 1);
		else
			break;
	}
	if (t.len) {
		*v = xgrow(*v, sizeof(**v), *n + 1, alloc);
		(*v)[*n].text = arena_strndup(a, t.buf, t.len);
		(*v)[*n].required = required;
		(*n)++;
	}
	buf_release(&t);
}

/* Split s on any of the separators; returns 1 when the result is a list
 * of short parts (every part at most 'maxcp' characters, at least 2). */
static int split_list(const char *s, const char *const *seps, size_t maxcp,
		      struct arena *a, struct element **v, size_t *n,
		      size_t *alloc)
{
	const char *start = s, *p = s;
	size_t parts = 0, cp = 0;

	/* first pass: check */
	while (*p) {
		size_t sl = 0;
		for (const char *const *q = seps; *q; q++)
			if (!strncmp(p, *q, strlen(*q))) {
				sl = strlen(*q);
				break;
			}
		if (sl) {
			if (cp > maxcp)
				return 0;
			parts++;
			cp = 0;
			p += sl;
			continue;
		}
		utf8_next(&p);
		cp++;
	}
	if (cp > maxcp || parts == 0)
		return 0;
	/* second pass: split */
	p = start;
	while (*p) {
		size_t sl = 0;
		for (const char *const *q = seps; *q; q++)
			if (!strncmp(p, *q, strlen(*q))) {
				sl = strlen(*q);
				break;
			}
		if (sl) {
			add_element(v, n, alloc, a, start, (size_t)(p - start), 1);
			p += sl;
			start = p;
			continue;
		}
		utf8_next(&p);
	}
	add_element(v, n, alloc, a, start, strlen(start), 1);
	return 1;
}

/* Does the text read as sentences (a ，or 。 before its end)?  Then a 、
 * inside it joins words of a sentence rather than separating elements. */
static int has_sentence_marks(const char *s)
{
	size_t n = strlen(s);

	while (n >= 3 && (!strcmp(s + n - 3, "。") || !strcmp(s + n - 3, "，")))
		n -= 3;
	for (size_t i = 0; i + 3 <= n; i++)
		if (!strncmp(s + i, "，", 3) || !strncmp(s + i, "。", 3))
			return 1;
	return 0;
}

size_t elements_parse(const char *cell, struct arena *a, struct element **out)
{
	struct element *v = NULL;
	size_t n = 0, alloc = 0;
	int marked = 0, req;

	*out = NULL;
	if (!cell || !*cell)
		return 0;
	for (const char *q = cell; *q;) {
		const char *at = q;
		uint32_t cp = utf8_next(&q);
		if (marker_at(cell, at, cp, &req)) {
			marked = 1;
			break;
		}
	}
	if (marked) {
		const char *p = cell, *start = NULL;
		int cur = 1;
		while (*p) {
			const char *at = p;
			uint32_t cp = utf8_next(&p);
			if (marker_at(cell, at, cp, &req)) {
				if (start)
					add_element(&v, &n, &alloc, a, start,
						    (size_t)(at - start), cur);
				start = p;
				cur = req;
			} else if (!start && !utf8_is_space(cp)) {
				start = at;
				cur = 1;
			}
		}
		if (start)
			add_element(&v, &n, &alloc, a, start, strlen(start), cur);
	} else if (!split_list(cell, (const char *const[]){ "\n", "；", ";", NULL },
			       120, a, &v, &n, &alloc) &&
		   (has_sentence_marks(cell) ||
		    !split_list(cell, (const char *const[]){ "、", NULL }, 40, a,
				&v, &n, &alloc))) {
		/* one paragraph: keep it whole */
		add_element(&v, &n, &alloc, a, cell, strlen(cell), 1);
	}
	if (n) {
		*out = arena_alloc(a, n * sizeof(**out));
		memcpy(*out, v, n * sizeof(*v));
	}
	free(v);
	return n;
}

void elements_format(struct buf *b, const struct element *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addch(b, ' ');
		buf_adds(b, v[i].required ? "●" : "〇");
		buf_adds(b, v[i].text);
	}
}

/* --- setting item fields from cells --- */

#include "channels.h"
#include "timelimit.h"

static const char *trimmed(const char *cell, struct arena *a)
{
	struct buf t = BUF_INIT;
	const char *r;
	size_t off, n;

	if (!cell)
		return "";
	/* most cells need nothing but their ends trimmed (no CR inside) */
	utf8_trim_span(cell, &off, &n);
	if (!memchr(cell + off, '\r', n)) {
		if (off == 0 && cell[n] == '\0')
			return cell;	/* already clean: share it, no copy */
		return arena_strndup(a, cell + off, n);
	}
	utf8_trim(&t, cell);
	r = arena_strndup(a, t.buf, t.len);
	buf_release(&t);
	return r;
}

static int set_bit(unsigned *set, unsigned bit, const char *cell,
		   const char **why)
{
	int t = layout_parse_tick(cell);

	if (t < 0) {
		*why = "只能填「√」或留空";
		return -1;
	}
	if (t)
		*set |= bit;
	else
		*set &= ~bit;
	return 0;
}

int layout_set_cell(struct item *it, enum layout_col col, unsigned bits,
		    const char *cell, struct arena *a, const char **why)
{
	const char *t = trimmed(cell, a);

	*why = NULL;
	switch (col) {
	case COL_NONE:
	case COL_SEQ:
	case COL__MAX:
		return 0;
	case COL_L1:
	case COL_L2:
	case COL_L3:
		if (utf8_len(t) > 200) {
			*why = "事项名称不能超过 200 个字";
			return -1;
		}
		it->name = t;
		return 0;
	case COL_TYPE:
		if (*t && strcmp(t, "政务服务事项") && strcmp(t, "非政务服务事项")) {
			*why = "只能是「政务服务事项」或「非政务服务事项」";
			return -1;
		}
		it->item_type = t;
		return 0;
	case COL_SERVICE:
		it->service_name = t;
		return 0;
	case COL_ELEMENTS:
		it->nelements = elements_parse(t, a, &it->elements);
		return 0;
	case COL_BASIS:
		it->basis = t;
		return 0;
	case COL_TIMELIMIT:
		it->time_limit = t;
		timelimit_parse(t, &it->tl);
		return 0;
	case COL_SUBJECT:
		it->subject = t;
		return 0;
	case COL_CHANNELS:
		it->nchannels = channels_parse(t, a, &it->channels);
		return 0;
	case COL_AUD_ALL:
		return set_bit(&it->audience, AUDIENCE_ALL, t, why);
	case COL_AUD_SPECIFIC:
		return set_bit(&it->audience, AUDIENCE_SPECIFIC, t, why);
	case COL_MODE_ACTIVE:
		return set_bit(&it->mode, MODE_ACTIVE, t, why);
	case COL_MODE_REQUEST:
		return set_bit(&it->mode, MODE_ON_REQUEST, t, why);
	case COL_LEVEL:
		return set_bit(&it->levels, bits, t, why);
	case COL_NOTE:
		it->note = t;
		return 0;
	case COL_AUDIENCE_TEXT:
		it->audience = layout_parse_audience(t);
		if (*t && !it->audience) {
			*why = "只能是「全社会」或「特定群体」";
			return -1;
		}
		return 0;
	case COL_MODE_TEXT:
		it->mode = layout_parse_mode(t);
		if (*t && !it->mode) {
			*why = "只能是「主动」或「依申请」";
			return -1;
		}
		return 0;
	case COL_LEVELS_TEXT:
		it->levels = layout_parse_levels(t);
		if (*t && !it->levels) {
			*why = "只能是「市级」「县级」「乡级」「村级」中的一个或几个";
			return -1;
		}
		return 0;
	}
	return 0;
}
