/* record-import.c: a table of records (.xlsx or .csv) → records under one
 * catalog item, and attachments
 *
 * The header row is found among the first rows of the sheet (a title row
 * above it is fine); each header cell is a standard column (标题, 发布日期 …
 * or a common variant), a 公开内容要素 of the item, or 序号 (ignored).
 * Anything else is a problem.  Cells are trimmed; dates are normalised;
 * blank cells take their defaults (有效, 主动公开, 已发布, the unit as
 * 发布机构).  Every problem of every row is collected; only a file without
 * any is written, in one transaction, numbering the rows left without a
 * 索引号 by the default rule.  See record-import.h.
 */
#include "record-import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "record.h"
#include "../util/hmap.h"
#include "../util/progress.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* The header of each standard column and the other ways offices write it
 * (compared after utf8_fold()). */
static const struct {
	const char *label;
	const char *const variants[8];
} std_cols[RCOL__MAX] = {
	[RCOL_TITLE] = { "标题", { "信息标题", "文件标题", "信息名称",
				   "文件名称", "名称", "题目" } },
	[RCOL_INDEX_NO] = { "索引号", { "索引", "索引编号", "信息索引号" } },
	[RCOL_DOC_NO] = { "文号", { "发文字号", "发文文号", "文件编号",
				    "文件字号", "字号" } },
	[RCOL_PUBLISHER] = { "发布机构", { "发布单位", "发文机关", "发文单位",
					   "发布部门", "信息来源", "来源",
					   "发布机关" } },
	[RCOL_WRITTEN_ON] = { "成文日期", { "成文时间", "印发日期", "印发时间",
					    "发文日期", "生成日期" } },
	[RCOL_PUBLISHED_ON] = { "发布日期", { "发布时间", "公开日期",
					      "公开时间", "日期", "发布日" } },
	[RCOL_VALIDITY] = { "有效性", { "时效", "时效性", "效力", "效力状态",
					"有效状态", "是否有效" } },
	[RCOL_TOPIC] = { "主题分类", { "信息分类", "主题", "分类",
				       "主题词", "类别" } },
	[RCOL_DISCLOSURE] = { "公开属性", { "公开类型", "公开方式",
					    "公开形式" } },
	[RCOL_LEGAL_GROUND] = { "不公开依据", { "不予公开依据", "不公开理由",
						"不予公开理由", "依申请公开依据",
						"公开属性依据" } },
	[RCOL_BODY] = { "正文", { "内容", "正文内容", "信息内容", "全文",
				  "正文(markdown)" } },
	[RCOL_STATUS] = { "状态", { "发布状态", "信息状态" } },
	[RCOL_ITEM] = { "公开事项", { "事项", "所属事项", "目录事项" } },
};

const char *record_col_label(enum record_col c)
{
	return c < RCOL__MAX ? std_cols[c].label : "";
}

/* --- dates --- */

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100) || y % 400 == 0;
}

static bool date_ok(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };

	if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return false;
	return !(m == 2 && d == 29 && !leap(y));
}

/* Days since 1970-01-01 → civil date (Howard Hinnant's algorithm). */
static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Read 1..max digits at *p; -1 when none. */
static int digits(const char **p, int max)
{
	int v = 0, n = 0;

	while (n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

/* Skip an optional time of day "H:MM" or "H:MM:SS" after white space. */
static const char *skip_time(const char *p)
{
	const char *q = p;

	if (*q != ' ' && *q != 'T')
		return p;
	while (*q == ' ' || *q == 'T')
		q++;
	if (digits(&q, 2) < 0 || *q++ != ':' || digits(&q, 2) < 0)
		return p;
	if (*q == ':' && (q++, digits(&q, 2) < 0))
		return p;
	return q;
}

int record_parse_date(const char *text, char out[11])
{
	struct buf b = BUF_INIT;
	const char *p, *s;
	int y = -1, m = -1, d = -1, ret = -1;
	size_t ndig = 0;

	if (!text)
		return -1;
	/* full-width digits and separators as ASCII */
	for (s = text; *s;) {
		uint32_t cp = utf8_next(&s);
		if (cp >= 0xff10 && cp <= 0xff19)
			cp = '0' + (cp - 0xff10);
		else if (cp == 0xff0d || cp == 0xff0f || cp == 0xff0e)
			cp = cp == 0xff0d ? '-' : cp == 0xff0f ? '/' : '.';
		else if (cp == 0x3000)
			cp = ' ';
		utf8_put(&b, cp);
	}
	p = b.buf;
	while (*p == ' ')
		p++;
	for (s = p; *s >= '0' && *s <= '9'; s++)
		ndig++;
	if (ndig == 8 && (!*s || *s == ' ')) {
		/* 20210630 */
		y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
		    (p[2] - '0') * 10 + (p[3] - '0');
		m = (p[4] - '0') * 10 + (p[5] - '0');
		d = (p[6] - '0') * 10 + (p[7] - '0');
		p = s;
	} else if (ndig == 5 && (!*s || *s == '.' || *s == ' ')) {
		/* an Excel serial day (1900 system), maybe with a time */
		long serial = strtol(p, NULL, 10);
		p = s;
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
		civil_from_days(serial - 25569, &y, &m, &d);
	} else if (ndig == 4) {
		const char *q;
		y = digits(&p, 4);
		for (q = p; *q == ' '; q++)
			;
		if (!strncmp(q, "年", 3)) {
			p = q + 3;
			while (*p == ' ')
				p++;
			m = digits(&p, 2);
			while (*p == ' ')
				p++;
			if (m < 0 || strncmp(p, "月", 3))
				goto out;
			p += 3;
			while (*p == ' ')
				p++;
			d = digits(&p, 2);
			while (*p == ' ')
				p++;
			if (d < 0)
				goto out;
			if (!strncmp(p, "日", 3) || !strncmp(p, "号", 3))
				p += 3;
			else
				goto out;
		} else if (*p == '-' || *p == '/' || *p == '.') {
			char sep = *p++;
			m = digits(&p, 2);
			if (m < 0 || *p++ != sep)
				goto out;
			d = digits(&p, 2);
			if (d < 0)
				goto out;
			p = skip_time(p);
		} else {
			goto out;
		}
	} else {
		goto out;
	}
	while (*p == ' ')
		p++;
	if (*p || !date_ok(y, m, d))
		goto out;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	ret = 0;
out:
	buf_release(&b);
	return ret;
}

/* --- labels --- */

int record_status_parse(const char *s)
{
	static const struct {
		const char *text;
		enum record_status st;
	} names[] = {
		{ "已发布", RECORD_PUBLISHED }, { "发布", RECORD_PUBLISHED },
		{ "published", RECORD_PUBLISHED }, { "已公开", RECORD_PUBLISHED },
		{ "草稿", RECORD_DRAFT }, { "draft", RECORD_DRAFT },
		{ "未发布", RECORD_DRAFT }, { "待发布", RECORD_DRAFT },
		{ "已撤回", RECORD_WITHDRAWN }, { "撤回", RECORD_WITHDRAWN },
		{ "withdrawn", RECORD_WITHDRAWN }, { "已撤销", RECORD_WITHDRAWN },
	};

	for (size_t i = 0; s && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].text))
			return names[i].st;
	return -1;
}

static int validity_parse(const char *s)
{
	int v = record_validity_parse(s);

	if (v >= 0)
		return v;
	if (!strcmp(s, "现行有效") || !strcmp(s, "是") || !strcmp(s, "现行"))
		return VALIDITY_VALID;
	if (!strcmp(s, "已失效") || !strcmp(s, "否") || !strcmp(s, "过期"))
		return VALIDITY_EXPIRED;
	if (!strcmp(s, "已废止"))
		return VALIDITY_REPEALED;
	return -1;
}

static int disclosure_parse(const char *s)
{
	int v = record_disclosure_parse(s);

	if (v >= 0)
		return v;
	if (!strcmp(s, "主动"))
		return DISCLOSE_ACTIVE;
	if (!strcmp(s, "依申请"))
		return DISCLOSE_ON_REQUEST;
	if (!strcmp(s, "不予") || !strcmp(s, "免予公开"))
		return DISCLOSE_NONE;
	return -1;
}

/* --- the header --- */

enum col_kind { K_UNKNOWN, K_STD, K_ELEMENT, K_SEQ };

struct colmap {
	size_t header;		/* index into sheet->rows */
	size_t ncols;
	enum col_kind *kind;
	int *std;		/* enum record_col, or -1 */
	int *elem;		/* element index, or -1 (with K_STD: shared) */
	const char **label;	/* trimmed header text */
	int have[RCOL__MAX];	/* sheet column + 1 */
	int elem_col_of_first;	/* sheet column + 1 holding element 0 */
};

static bool folded_eq(const char *a, const char *b)
{
	struct buf fa = BUF_INIT, fb = BUF_INIT;
	bool eq;

	utf8_fold(&fa, a);
	utf8_fold(&fb, b);
	/* "*标题" and "标题*" mark required columns in many templates */
	while (fa.len && fa.buf[fa.len - 1] == '*')
		fa.buf[--fa.len] = '\0';
	eq = !strcmp(fa.buf[0] == '*' ? fa.buf + 1 : fa.buf, fb.buf);
	buf_release(&fa);
	buf_release(&fb);
	return eq;
}

/* Classify one header cell: a standard column by its own label first,
 * then an element of the item, then a variant of a standard label. */
static enum col_kind classify(const char *text, const struct item *it,
			      int *std, int *elem)
{
	*std = *elem = -1;
	for (size_t k = 0; k < it->nelements; k++)
		if (folded_eq(text, it->elements[k].text)) {
			*elem = (int)k;
			break;
		}
	for (int c = 0; c < RCOL__MAX; c++)
		if (folded_eq(text, std_cols[c].label)) {
			*std = c;
			return K_STD;	/* with *elem >= 0: both at once */
		}
	if (*elem >= 0)
		return K_ELEMENT;
	for (int c = 0; c < RCOL__MAX; c++)
		for (int v = 0; v < 8 && std_cols[c].variants[v]; v++)
			if (folded_eq(text, std_cols[c].variants[v])) {
				*std = c;
				return K_STD;
			}
	if (folded_eq(text, "序号") || folded_eq(text, "编号"))
		return K_SEQ;
	return K_UNKNOWN;
}

/* Does row 'r' look like the header?  At least one cell recognised and no
 * more unrecognised than recognised. */
static bool is_header_row(const struct grid_row *r, const struct item *it)
{
	size_t known = 0, filled = 0;

	for (size_t j = 0; j < r->ncells; j++) {
		int std, elem;
		struct buf t = BUF_INIT;

		if (!r->cells[j])
			continue;
		utf8_trim(&t, r->cells[j]);
		if (t.len) {
			filled++;
			known += classify(t.buf, it, &std, &elem) != K_UNKNOWN;
		}
		buf_release(&t);
	}
	return known && known * 2 >= filled;
}

#define HEADER_SEARCH_ROWS 10

static int find_header(const struct grid_sheet *sh, const struct item *it)
{
	for (size_t r = 0; r < sh->nrows && r < HEADER_SEARCH_ROWS; r++)
		if (is_header_row(&sh->rows[r], it))
			return (int)r;
	return -1;
}

/* The columns a records table for 'it' may have, for messages. */
static const char *accepted_columns(const struct item *it, struct arena *a)
{
	struct buf b = BUF_INIT;
	const char *res;

	for (int c = 0; c < RCOL__MAX; c++)
		buf_addf(&b, "%s「%s」", c ? "、" : "", std_cols[c].label);
	for (size_t k = 0; k < it->nelements; k++)
		buf_addf(&b, "、「%s」", it->elements[k].text);
	res = arena_strndup(a, b.buf, b.len);
	buf_release(&b);
	return res;
}

static void row_problem(struct errors *err, const char *display,
			const char *sheet, uint32_t rownum, const char *col,
			const char *why)
{
	if (col)
		errors_addf(err, "%s:%s:第%u行:「%s」: %s", display, sheet,
			    rownum, col, why);
	else
		errors_addf(err, "%s:%s:第%u行: %s", display, sheet, rownum,
			    why);
}

static int map_header(const struct grid_sheet *sh, size_t hr,
		      const struct item *it, const char *display,
		      struct arena *a, struct colmap *m, struct errors *err)
{
	const struct grid_row *row = &sh->rows[hr];
	int elem_seen_col[1024];
	size_t nelem_seen = it->nelements < 1024 ? it->nelements : 1024;
	int bad = 0;

	memset(m, 0, sizeof(*m));
	memset(elem_seen_col, 0, sizeof(elem_seen_col));
	m->header = hr;
	m->ncols = row->ncells;
	m->kind = arena_alloc(a, (m->ncols + 1) * sizeof(*m->kind));
	m->std = arena_alloc(a, (m->ncols + 1) * sizeof(*m->std));
	m->elem = arena_alloc(a, (m->ncols + 1) * sizeof(*m->elem));
	m->label = arena_alloc(a, (m->ncols + 1) * sizeof(*m->label));
	for (size_t j = 0; j < m->ncols; j++) {
		struct buf t = BUF_INIT;
		char colname[8];
		int std, elem;

		m->std[j] = m->elem[j] = -1;
		if (!row->cells[j])
			continue;
		utf8_trim(&t, row->cells[j]);
		m->label[j] = arena_strndup(a, t.buf, t.len);
		buf_release(&t);
		if (!*m->label[j])
			continue;
		grid_colname(j, colname);
		m->kind[j] = classify(m->label[j], it, &std, &elem);
		m->std[j] = std;
		m->elem[j] = elem;
		if (m->kind[j] == K_UNKNOWN) {
			row_problem(err, display, sh->name, row->rownum,
				    m->label[j], arena_printf(a,
				    "不认识的列名（第 %s 列）；可用的列：%s",
				    colname, accepted_columns(it, a)));
			bad = 1;
			continue;
		}
		if (std >= 0) {
			if (m->have[std]) {
				char other[8];
				grid_colname((size_t)m->have[std] - 1, other);
				row_problem(err, display, sh->name, row->rownum,
					    m->label[j], arena_printf(a,
					    "与第 %s 列重复，都是「%s」", other,
					    std_cols[std].label));
				bad = 1;
				m->kind[j] = K_UNKNOWN;
				continue;
			}
			m->have[std] = (int)j + 1;
		}
		if (elem >= 0 && (size_t)elem < nelem_seen) {
			if (elem_seen_col[elem] && m->kind[j] == K_ELEMENT) {
				char other[8];
				grid_colname((size_t)elem_seen_col[elem] - 1,
					     other);
				row_problem(err, display, sh->name, row->rownum,
					    m->label[j], arena_printf(a,
					    "与第 %s 列重复", other));
				bad = 1;
				m->kind[j] = K_UNKNOWN;
				continue;
			}
			if (!elem_seen_col[elem])
				elem_seen_col[elem] = (int)j + 1;
		}
		if (elem == 0 && !m->elem_col_of_first)
			m->elem_col_of_first = (int)j + 1;
	}
	if (!m->have[RCOL_TITLE] &&
	    !(item_lists_objects(it) && m->elem_col_of_first)) {
		errors_addf(err, "%s:%s:第%u行: 表头中没有「标题」列；可用的列：%s",
			    display, sh->name, row->rownum,
			    accepted_columns(it, a));
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* --- rows --- */

/* The text of cell j, trimmed, with the CSV formula guard taken off. */
static const char *cell_text(const struct grid_row *row, size_t j,
			     unsigned flags, struct arena *a)
{
	const char *t = grid_cell(row, j);
	struct buf b = BUF_INIT;
	const char *res;

	if (!t)
		return "";
	if ((flags & RECORD_GRID_CSV) && t[0] == '\'' && t[1] &&
	    strchr("=+-@'", t[1]))
		t++;
	utf8_trim(&b, t);
	res = b.len ? arena_strndup(a, b.buf, b.len) : "";
	buf_release(&b);
	return res;
}

/* Does the 公开事项 cell name item 'it' (its name, or a path ending in it)? */
static bool names_item(const char *cell, const struct item *it)
{
	const char *last = cell, *p;
	struct buf b = BUF_INIT;
	bool eq;

	for (p = cell; *p; p++)
		if (*p == '/')
			last = p + 1;
	utf8_trim(&b, last);
	eq = !strcmp(b.buf, it->name);
	buf_release(&b);
	return eq;
}

/* Parse one data row into 'r'.  Problems go to 'err'; returns their count. */
static int parse_row(const struct grid_row *row, const struct colmap *m,
		     const struct item *it, const char *publisher,
		     unsigned flags, const char *display, const char *sheet,
		     struct arena *a, struct record *r, struct errors *err)
{
	const char *cell[RCOL__MAX];
	int problems = 0;
	size_t nv = 0;

	memset(r, 0, sizeof(*r));
	for (int c = 0; c < RCOL__MAX; c++)
		cell[c] = m->have[c] ? cell_text(row, (size_t)m->have[c] - 1,
						 flags, a) : "";
	r->title = cell[RCOL_TITLE];
	r->index_no = cell[RCOL_INDEX_NO];
	r->doc_no = cell[RCOL_DOC_NO];
	r->publisher = *cell[RCOL_PUBLISHER] ? cell[RCOL_PUBLISHER] : publisher;
	r->topic = cell[RCOL_TOPIC];
	r->legal_ground = cell[RCOL_LEGAL_GROUND];
	r->body_md = cell[RCOL_BODY];
	r->written_on = r->published_on = "";
	for (int c = RCOL_WRITTEN_ON; c <= RCOL_PUBLISHED_ON; c++) {
		char d[11];
		if (!*cell[c])
			continue;
		if (record_parse_date(cell[c], d)) {
			row_problem(err, display, sheet, row->rownum,
				    m->label[m->have[c] - 1], arena_printf(a,
				    "「%s」不是有效日期（可写作 2021-06-30、2021/6/30、"
				    "2021年6月30日）", cell[c]));
			problems++;
			continue;
		}
		cell[c] = arena_strdup(a, d);
		if (c == RCOL_WRITTEN_ON)
			r->written_on = cell[c];
		else
			r->published_on = cell[c];
	}
	if (*r->written_on && *r->published_on &&
	    strcmp(r->written_on, r->published_on) > 0) {
		row_problem(err, display, sheet, row->rownum,
			    m->label[m->have[RCOL_WRITTEN_ON] - 1], arena_printf(a,
			    "成文日期 %s 晚于发布日期 %s", r->written_on,
			    r->published_on));
		problems++;
	}
	r->validity = VALIDITY_VALID;
	if (*cell[RCOL_VALIDITY]) {
		int v = validity_parse(cell[RCOL_VALIDITY]);
		if (v < 0) {
			row_problem(err, display, sheet, row->rownum,
				    m->label[m->have[RCOL_VALIDITY] - 1],
				    arena_printf(a, "「%s」只能是「有效」「失效」或「废止」",
						 cell[RCOL_VALIDITY]));
			problems++;
		} else {
			r->validity = (enum record_validity)v;
		}
	}
	r->disclosure = DISCLOSE_ACTIVE;
	if (*cell[RCOL_DISCLOSURE]) {
		int v = disclosure_parse(cell[RCOL_DISCLOSURE]);
		if (v < 0) {
			row_problem(err, display, sheet, row->rownum,
				    m->label[m->have[RCOL_DISCLOSURE] - 1],
				    arena_printf(a, "「%s」只能是「主动公开」「依申请公开」"
						 "或「不予公开」", cell[RCOL_DISCLOSURE]));
			problems++;
		} else {
			r->disclosure = (enum record_disclosure)v;
		}
	}
	r->status = RECORD_PUBLISHED;
	if (*cell[RCOL_STATUS]) {
		int v = record_status_parse(cell[RCOL_STATUS]);
		if (v < 0) {
			row_problem(err, display, sheet, row->rownum,
				    m->label[m->have[RCOL_STATUS] - 1],
				    arena_printf(a, "「%s」只能是「已发布」「草稿」或「已撤回」",
						 cell[RCOL_STATUS]));
			problems++;
		} else {
			r->status = (enum record_status)v;
		}
	}
	if (*cell[RCOL_ITEM] && !names_item(cell[RCOL_ITEM], it)) {
		row_problem(err, display, sheet, row->rownum,
			    m->label[m->have[RCOL_ITEM] - 1], arena_printf(a,
			    "本行属于事项「%s」，不是要导入的事项「%s」",
			    cell[RCOL_ITEM], it->name));
		problems++;
	}

	/* the element values, in the item's order */
	r->values = arena_alloc(a, (it->nelements + 1) * sizeof(*r->values));
	for (size_t k = 0; k < it->nelements; k++) {
		const char *v = NULL;
		for (size_t j = 0; j < m->ncols && !v; j++) {
			if (m->elem[j] != (int)k || m->kind[j] == K_UNKNOWN)
				continue;
			/* a column shared with a standard one holds the
			 * standard field's (normalised) value */
			v = m->std[j] >= 0 ? cell[m->std[j]]
					   : cell_text(row, j, flags, a);
		}
		if (v && *v) {
			r->values[nv].element = it->elements[k].text;
			r->values[nv].value = v;
			nv++;
		}
	}
	r->nvalues = nv;
	/* a list's object is named by its first element */
	if (!*r->title && item_lists_objects(it) && nv &&
	    r->values[0].element == it->elements[0].text)
		r->title = r->values[0].value;
	return problems;
}

int records_from_grid(const struct grid *g, const char *display,
		      const char *want_sheet, const struct item *it,
		      const char *publisher, unsigned flags, struct arena *a,
		      struct record_rows *out, struct errors *err)
{
	const struct grid_sheet *sh = NULL;
	struct colmap m;
	struct hmap seen = HMAP_INIT;	/* 索引号 → row */
	struct buf where = BUF_INIT;
	struct progress pr;
	size_t before = errors_count(err);
	int hr = -1, ret = -1;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < g->nsheets; i++) {
		const struct grid_sheet *t = &g->sheets[i];
		if (want_sheet) {
			if (!strcmp(t->name, want_sheet)) {
				sh = t;
				hr = find_header(t, it);
				break;
			}
			continue;
		}
		if ((hr = find_header(t, it)) >= 0) {
			sh = t;
			break;
		}
	}
	if (!sh) {
		if (want_sheet)
			errors_addf(err, "%s: 没有名为「%s」的工作表", display,
				    want_sheet);
		else if (!g->nsheets || !g->sheets[0].nrows)
			errors_addf(err, "%s: 文件是空的，没有可导入的内容", display);
		else
			errors_addf(err, "%s: 找不到表头：第一行应为列名，如「标题」"
				    "「发布日期」「正文」；可用的列：%s", display,
				    accepted_columns(it, a));
		goto out;
	}
	if (hr < 0) {
		errors_addf(err, "%s:%s: 找不到表头：第一行应为列名，如「标题」"
			    "「发布日期」「正文」；可用的列：%s", display, sh->name,
			    accepted_columns(it, a));
		goto out;
	}
	out->sheet = sh->name;
	if (map_header(sh, (size_t)hr, it, display, a, &m, err))
		goto out;
	out->v = arena_alloc(a, (sh->nrows - m.header + 1) * sizeof(*out->v));
	out->rownum = arena_alloc(a, (sh->nrows - m.header + 1) *
				  sizeof(*out->rownum));
	progress_start(&pr, "读取信息", sh->nrows);
	for (size_t ri = m.header + 1; ri < sh->nrows; ri++) {
		const struct grid_row *row = &sh->rows[ri];
		struct record *r = &out->v[out->n];
		bool any = false;

		if (ri % 4096 == 0)
			progress_update(&pr, ri);
		/* rows with nothing in a known column are not records */
		for (size_t j = 0; j < m.ncols && !any; j++)
			any = m.kind[j] != K_UNKNOWN && m.kind[j] != K_SEQ &&
			      grid_cell(row, j);
		if (!any)
			continue;
		parse_row(row, &m, it, publisher, flags, display, sh->name, a,
			  r, err);
		buf_reset(&where);
		buf_addf(&where, "%s:%s:第%u行:", display, sh->name, row->rownum);
		record_check(r, it, where.buf, err);
		if (*r->index_no) {
			int64_t other;
			if (hmap_get(&seen, r->index_no, strlen(r->index_no),
				     &other))
				row_problem(err, display, sh->name, row->rownum,
					    m.label[m.have[RCOL_INDEX_NO] - 1],
					    arena_printf(a, "%s 与第%lld行重复，索引号不能相同",
							 r->index_no, (long long)other));
			else
				hmap_put(&seen, r->index_no, strlen(r->index_no),
					 row->rownum);
		}
		out->rownum[out->n++] = row->rownum;
	}
	progress_finish(&pr);
	if (errors_count(err) > before)
		goto out;
	if (!out->n) {
		errors_addf(err, "%s:%s: 表头下面没有任何信息行", display, sh->name);
		goto out;
	}
	ret = 0;
out:
	hmap_release(&seen);
	buf_release(&where);
	return ret;
}

/* --- the store side --- */

int record_find_item(struct store *s, int64_t item_id, struct arena *a,
		     struct catalog *c, struct errors *err)
{
	int64_t cid = item_id > 0 ? store_item_catalog(s, item_id) : 0;
	int idx;

	if (!cid || store_catalog_load(s, cid, a, c) != STORE_OK ||
	    (idx = catalog_item_index(c, item_id)) < 0) {
		errors_addf(err, "事项 %lld 不存在；可用 gongkai catalog show 目录编号 "
			    "查看事项编号", (long long)item_id);
		return -1;
	}
	return idx;
}

enum store_rc record_default_unit(struct store *s, const char *region,
				  struct arena *a, struct unit *out)
{
	static const char *const kinds[] = { "人民政府", "街道办事处",
		"乡镇人民政府", "镇人民政府", "乡人民政府", "村委会",
		"居委会" };
	struct unit *v;
	size_t n;

	if (store_unit_list(s, region, a, &v, &n) != STORE_OK || !n)
		return STORE_NOTFOUND;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		for (size_t i = 0; i < n; i++)
			if (v[i].kind && !strcmp(v[i].kind, kinds[k])) {
				*out = v[i];
				return STORE_OK;
			}
	*out = v[0];
	return STORE_OK;
}

/* Default 索引号 for many rows at once: record_next_index_no() gives the
 * first free serial of a year; later rows of the same year continue from
 * there, skipping numbers used in the database or given in the file. */
struct index_gen {
	const char *prefix[2101 - 1949];	/* "code/year-" */
	int last[2101 - 1949];
};

static const char *next_index(struct store *s, const struct unit *u,
			      int year, const struct hmap *in_file,
			      struct index_gen *g, struct arena *a)
{
	int64_t dummy;
	int k = year - 1949;
	const char *no;

	if (k < 0 || k >= 2101 - 1949)
		k = 0, year = 1949;
	if (!g->prefix[k]) {
		const char *dash;

		no = record_next_index_no(s, u, year, a);
		dash = strrchr(no, '-');
		if (!dash)
			return no;
		g->prefix[k] = arena_strndup(a, no, (size_t)(dash + 1 - no));
		g->last[k] = atoi(dash + 1);
		if (!hmap_get(in_file, no, strlen(no), &dummy))
			return no;
	}
	for (;;) {
		int serial = ++g->last[k];
		no = arena_printf(a, serial < 100000 ? "%s%05d" : "%s%d",
				  g->prefix[k], serial);
		if (!hmap_get(in_file, no, strlen(no), &dummy) &&
		    !store_record_index_taken(s, no))
			return no;
	}
}

/* The current year (GONGKAI_NOW fixes it for tests). */
static int this_year(void)
{
	char now[TIME_TEXT_LEN];

	time_now_text(now);
	return atoi(now);
}

static bool file_is_zip(const char *path)
{
	unsigned char magic[2] = { 0 };
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (!fp)
		return false;
	n = fread(magic, 1, 2, fp);
	fclose(fp);
	return n == 2 && magic[0] == 'P' && magic[1] == 'K';
}

int64_t record_import(struct store *s, const struct record_import_opts *o,
		      struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct grid g;
	struct catalog c;
	struct record_rows rows;
	struct unit u;
	struct hmap given = HMAP_INIT;
	struct index_gen *gen = NULL;
	struct progress pr;
	const struct item *it;
	const char *display;
	int64_t ret = -1;
	int idx;

	grid_init(&g);
	/* the target first: no point reading a file we cannot store */
	if ((idx = record_find_item(s, o->item_id, &a, &c, err)) < 0)
		goto out;
	it = &c.items[idx];
	if (c.status != CATALOG_PUBLISHED) {
		errors_addf(err, "事项 %lld 所在的目录 %lld（%s%s %s）是%s，"
			    "只能向已发布目录的事项导入信息", (long long)o->item_id,
			    (long long)c.id, c.region_name ? c.region_name : "",
			    c.domain_name ? c.domain_name : "", c.version,
			    catalog_status_label(c.status));
		goto out;
	}
	if (it->level == 1 || catalog_item_has_children(&c, (size_t)idx)) {
		errors_addf(err, "事项 %lld「%s」是分组事项，信息要归入其下的末级事项",
			    (long long)o->item_id, it->name);
		goto out;
	}
	if (o->unit_id) {
		struct unit *v;
		size_t n, i;

		if (store_unit_list(s, c.region_code, &a, &v, &n) != STORE_OK)
			n = 0;
		for (i = 0; i < n && v[i].id != o->unit_id; i++)
			;
		if (i == n) {
			errors_addf(err, "单位 %lld 不是目录所属区划 %s（%s）的单位；"
				    "可用 gongkai unit list --region %s 查看",
				    (long long)o->unit_id, c.region_code,
				    c.region_name ? c.region_name : "",
				    c.region_code);
			goto out;
		}
		u = v[i];
	} else if (record_default_unit(s, c.region_code, &a, &u) != STORE_OK) {
		errors_addf(err, "区划 %s 还没有任何单位；先用 gongkai unit add 添加",
			    c.region_code);
		goto out;
	}

	if (catalog_read_file(o->path, &g, err))
		goto out;
	display = strrchr(o->path, '/') ? strrchr(o->path, '/') + 1 : o->path;
	if (records_from_grid(&g, display, o->sheet, it, u.name,
			      file_is_zip(o->path) ? 0 : RECORD_GRID_CSV, &a,
			      &rows, err))
		goto out;
	for (size_t i = 0; i < rows.n; i++) {
		const char *no = rows.v[i].index_no;
		if (!*no)
			continue;
		hmap_put(&given, no, strlen(no), 1);
		if (store_record_index_taken(s, no))
			errors_addf(err, "%s:%s:第%u行:「索引号」: %s 已被其他信息使用",
				    display, rows.sheet, rows.rownum[i], no);
	}
	if (errors_count(err))
		goto out;

	gen = xcalloc(1, sizeof(*gen));
	if (store_begin(s, err) != STORE_OK)
		goto out;
	progress_start(&pr, "写入信息", rows.n);
	for (size_t i = 0; i < rows.n; i++) {
		struct record *r = &rows.v[i];

		if (i % 256 == 0)
			progress_update(&pr, i);
		r->region_code = c.region_code;
		r->domain_id = c.domain_id;
		r->lineage = it->lineage;
		r->item_id = it->id;
		r->unit_id = u.id;
		if (!*r->index_no) {
			int year = *r->published_on ? atoi(r->published_on)
				 : *r->written_on ? atoi(r->written_on)
				 : this_year();
			r->index_no = next_index(s, &u, year, &given, gen, &a);
		}
		if (store_record_insert(s, r, err) != STORE_OK) {
			errors_addf(err, "%s:%s:第%u行: 写入失败", display,
				    rows.sheet, rows.rownum[i]);
			store_rollback(s);
			progress_finish(&pr);
			goto out;
		}
	}
	progress_finish(&pr);
	if (store_commit(s, err) != STORE_OK)
		goto out;
	ret = (int64_t)rows.n;
out:
	free(gen);
	hmap_release(&given);
	grid_release(&g);
	arena_release(&a);
	return ret;
}

/* --- attachments --- */

static bool ends_with_ci(const char *name, const char *ext)
{
	size_t n = strlen(name), m = strlen(ext);

	return n >= m && !strcasecmp(name + n - m, ext);
}

/* Is the ASCII 'needle' in 'data', as bytes or (utf16) as UTF-16LE? */
static bool contains(const void *data, size_t len, const char *needle,
		     bool utf16)
{
	unsigned char pat[64];
	size_t m = 0;

	for (const char *p = needle; *p && m + 2 <= sizeof(pat); p++) {
		pat[m++] = (unsigned char)*p;
		if (utf16)
			pat[m++] = 0;
	}
	return memmem(data, len, pat, m) != NULL;
}

/* Text a person wrote: UTF-8 without NUL and control characters other
 * than TAB, LF, CR and FF. */
static bool is_text(const unsigned char *d, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' &&
		    d[i] != '\r' && d[i] != '\f')
			return false;
	return utf8_valid((const char *)d, len);
}

#define MIME_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define MIME_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define MIME_PPTX "application/vnd.openxmlformats-officedocument.presentationml.presentation"

static bool looks_like_markup(const unsigned char *d, size_t len);

const char *attachment_mime(const void *data, size_t len, const char *name,
			    const char **why)
{
	const unsigned char *d = data;
	static const unsigned char ole[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1,
					      0xb1, 0x1a, 0xe1 };
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
					      0x1a, '\n' };

	*why = NULL;
	if (!len) {
		*why = "文件是空的";
		return NULL;
	}
	if (len >= 5 && !memcmp(d, "%PDF-", 5))
		return "application/pdf";
	if (len >= 8 && !memcmp(d, png, 8))
		return "image/png";
	if (len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return "image/jpeg";
	if (len >= 6 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6)))
		return "image/gif";
	if (len >= 8 && !memcmp(d, ole, 8)) {
		/* Office 97-2003: the main stream's name says which */
		if (contains(d, len, "WordDocument", true))
			return "application/msword";
		if (contains(d, len, "Workbook", true) ||
		    contains(d, len, "Book", true))
			return "application/vnd.ms-excel";
		if (contains(d, len, "PowerPoint Document", true))
			return "application/vnd.ms-powerpoint";
		if (ends_with_ci(name, ".doc"))
			return "application/msword";
		if (ends_with_ci(name, ".xls"))
			return "application/vnd.ms-excel";
		if (ends_with_ci(name, ".ppt"))
			return "application/vnd.ms-powerpoint";
		*why = "无法识别的 Office 97-2003 文件（不是 Word、Excel 或 PowerPoint）";
		return NULL;
	}
	if (len >= 4 && d[0] == 'P' && d[1] == 'K' && d[2] == 3 && d[3] == 4) {
		/* a zip: OFD by its OFD.xml, Office by name or by part */
		if (contains(d, len, "OFD.xml", false))
			return "application/ofd";
		if (ends_with_ci(name, ".docx"))
			return MIME_DOCX;
		if (ends_with_ci(name, ".xlsx"))
			return MIME_XLSX;
		if (ends_with_ci(name, ".pptx"))
			return MIME_PPTX;
		if (contains(d, len, "word/document.xml", false))
			return MIME_DOCX;
		if (contains(d, len, "xl/workbook.xml", false))
			return MIME_XLSX;
		if (contains(d, len, "ppt/presentation.xml", false))
			return MIME_PPTX;
		*why = "压缩文件（zip）只接受 Word、Excel、PowerPoint（docx、xlsx、"
		       "pptx）和 OFD 文件";
		return NULL;
	}
	if (is_text(d, len)) {
		/* text is only what says so: a page of HTML named .pdf would
		 * otherwise be published under a name that lies */
		if (!ends_with_ci(name, ".txt") && !ends_with_ci(name, ".csv")) {
			*why = "文件内容是文本（不是文件名所示的类型），"
			       "只有 .txt 和 .csv 文件可以是文本";
			return NULL;
		}
		if (looks_like_markup(d, len)) {
			*why = "文件内容是 HTML 或脚本，不能作为附件";
			return NULL;
		}
		return ends_with_ci(name, ".csv") ? "text/csv; charset=utf-8"
						  : "text/plain; charset=utf-8";
	}
	if (ends_with_ci(name, ".txt") || ends_with_ci(name, ".csv"))
		*why = "文本文件不是 UTF-8 编码（或含有控制字符），请另存为 UTF-8 后再上传";
	else
		*why = "无法识别的文件类型；只接受 PDF、Word（doc、docx）、Excel（xls、"
		       "xlsx）、PowerPoint（ppt、pptx）、OFD、PNG、JPEG、GIF 图片和 "
		       "UTF-8 编码的文本（txt、csv）";
	return NULL;
}

/* True when text starts (after white space) like HTML, XML or a script. */
static bool looks_like_markup(const unsigned char *d, size_t len)
{
	static const char *const starts[] = { "<!doctype", "<html", "<script",
		"<?xml", "<svg", "<body", "<head", "<iframe" };
	size_t i = 0;

	if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
		i = 3;
	while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' ||
			   d[i] == '\n'))
		i++;
	for (size_t k = 0; k < sizeof(starts) / sizeof(starts[0]); k++) {
		size_t n = strlen(starts[k]);

		if (len - i >= n && !strncasecmp((const char *)d + i, starts[k], n))
			return true;
	}
	return false;
}

/* A file name as shown and downloaded: no path, no control characters. */
static const char *bad_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (!n)
		return "附件名称不能为空";
	if (n > 255)
		return "附件名称太长（最多 255 字节）";
	if (!utf8_valid(name, n))
		return "附件名称不是有效的 UTF-8 文本";
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return "附件名称不能是 . 或 ..";
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
			return "附件名称不能含有 / \\ 或控制字符";
	return NULL;
}

int record_attach(struct store *s, int64_t record_id, const char *name,
		  const void *data, size_t len, struct attachment *out,
		  struct arena *a, struct errors *err)
{
	struct record r;
	const char *why, *mime;
	char sha[65];

	if (store_record_get(s, record_id, a, &r) != STORE_OK) {
		errors_addf(err, "信息 %lld 不存在", (long long)record_id);
		return -1;
	}
	if ((why = bad_name(name))) {
		errors_addf(err, "%s", why);
		return -1;
	}
	if (len > ATTACHMENT_MAX_BYTES) {
		errors_addf(err, "%s: 文件有 %.1f MB，超过 50 MB 的上限；请压缩或拆分后再上传",
			    name, (double)len / (1 << 20));
		return -1;
	}
	if (!(mime = attachment_mime(data, len, name, &why))) {
		errors_addf(err, "%s: %s", name, why);
		return -1;
	}
	if (store_begin(s, err) != STORE_OK)
		return -1;
	if (store_blob_put(s, data, len, sha, err) != STORE_OK)
		goto fail;
	memset(out, 0, sizeof(*out));
	out->record_id = record_id;
	out->name = arena_strdup(a, name);
	out->mime = mime;
	out->sha256 = arena_strdup(a, sha);
	out->size = (int64_t)len;
	if (store_attachment_add(s, out, err) != STORE_OK)
		goto fail;
	return store_commit(s, err) == STORE_OK ? 0 : -1;
fail:
	store_rollback(s);
	return -1;
}
