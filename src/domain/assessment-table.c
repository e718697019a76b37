/* assessment-table.c: indicator tables (考核指标) as data — the evidence
 * and measure vocabularies, points as text, a spreadsheet → a table with
 * every problem reported, the totals per target type, the import with its
 * audit entry, and the export in the layout the importer reads
 *
 * The layout is seed 004's: an optional title row, the header 一级指标 |
 * 二级指标 | 三级指标 | 考核对象及分值 | 考核方式 | 备注, then the lines,
 * then a 说明 row ("…考核分数105分，其中基准分100分，加分项最多5分。").
 * gongkai reads two more columns when present: 证据类型 (else the evidence
 * is read from 考核方式) and 平台数据 (the measure that scores the line
 * from the platform's data).  A blank 一级 cell continues the 一级 above,
 * and a blank 二级 cell the 二级 above when the 一级 cell is blank too; a
 * 二级 cell written out again continues it, a new text starts a new one.
 * Points are written "街道（镇） 4分 区直相关部门 5分"; a 加分项 line may
 * name types without points ("街道（镇） 区直相关部门": up to the cap).
 * Problems are collected for the whole sheet, as catalog-import.c does,
 * and nothing is written when there is any.
 */
#include "assessment.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "authz.h"
#include "catalog.h"
#include "../io/csv-read.h"
#include "../io/csv-write.h"
#include "../io/xlsx-read.h"
#include "../io/xlsx-sheet.h"
#include "../util/utf8.h"

/* --- vocabulary --- */

static const struct {
	unsigned bit;
	const char *label, *code;
	const char *words[4];	/* what 考核方式 says for it */
} evidence[AEV__COUNT] = {
	{ AEV_MATERIAL, "材料", "material", { "材料", NULL } },
	{ AEV_SCREENSHOT, "网页截图", "screenshot", { "截图", NULL } },
	{ AEV_PHOTO, "照片", "photo", { "照片", "图片", NULL } },
	{ AEV_SIGNIN, "签到表", "signin", { "签到表", NULL } },
	{ AEV_ONSITE, "实地察看", "onsite", { "实地察看", "实地查看", NULL } },
	{ AEV_ONLINE, "网上察看", "online", { "网上察看", "网上查看", "网站察看",
					     NULL } },
	{ AEV_DAILY, "日常考评", "daily", { "日常考评", "日常考核", NULL } },
};

const char *assess_evidence_label(unsigned bit)
{
	for (size_t i = 0; i < AEV__COUNT; i++)
		if (evidence[i].bit == bit)
			return evidence[i].label;
	return "";
}

void assess_evidence_text(struct buf *b, unsigned bits)
{
	bool first = true;

	for (size_t i = 0; i < AEV__COUNT; i++)
		if (bits & evidence[i].bit) {
			if (!first)
				buf_adds(b, "、");
			buf_adds(b, evidence[i].label);
			first = false;
		}
}

unsigned assess_evidence_parse(const char *text)
{
	for (size_t i = 0; text && i < AEV__COUNT; i++)
		if (!strcmp(text, evidence[i].label) ||
		    !strcmp(text, evidence[i].code) ||
		    (evidence[i].bit == AEV_MATERIAL && !strcmp(text, "文字材料")) ||
		    (evidence[i].bit == AEV_PHOTO && !strcmp(text, "图片")))
			return evidence[i].bit;
	return 0;
}

/* The evidence 考核方式 names. */
static unsigned evidence_of_method(const char *method)
{
	unsigned bits = 0;

	for (size_t i = 0; i < AEV__COUNT; i++)
		for (size_t k = 0; evidence[i].words[k]; k++)
			if (strstr(method, evidence[i].words[k]))
				bits |= evidence[i].bit;
	return bits;
}

static const struct {
	const char *code, *label, *alias;
} measures[AM__MAX] = {
	[AM_NONE] = { "", "", "" },
	[AM_COVERAGE] = { "coverage", "二级事项覆盖率", "覆盖率" },
	[AM_TIMELINESS] = { "timeliness", "按公开时限发布", "及时率" },
	[AM_REQUESTS] = { "requests", "依申请按期答复", "按期答复率" },
	[AM_LEDGER] = { "ledger", "公示栏台账", "台账" },
	[AM_FINDINGS] = { "findings", "自查问题", "自查" },
	[AM_TASKS] = { "tasks", "督办任务按时完成", "督办任务" },
};

const char *assess_measure_code(enum assess_measure m)
{
	return m < AM__MAX ? measures[m].code : "";
}

const char *assess_measure_label(enum assess_measure m)
{
	return m < AM__MAX ? measures[m].label : "";
}

int assess_measure_parse(const char *text)
{
	if (!text || !*text)
		return AM_NONE;
	for (int i = 1; i < AM__MAX; i++)
		if (!strcmp(text, measures[i].code) ||
		    !strcmp(text, measures[i].label) ||
		    !strcmp(text, measures[i].alias))
			return i;
	return -1;
}

/* --- points --- */

const char *assess_points_str(int64_t v, char out[32])
{
	bool neg = v < 0;
	uint64_t a = neg ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;

	if (a % 100 == 0)
		snprintf(out, 32, "%s%llu", neg ? "-" : "",
			 (unsigned long long)(a / 100));
	else if (a % 10 == 0)
		snprintf(out, 32, "%s%llu.%llu", neg ? "-" : "",
			 (unsigned long long)(a / 100),
			 (unsigned long long)(a % 100 / 10));
	else
		snprintf(out, 32, "%s%llu.%02llu", neg ? "-" : "",
			 (unsigned long long)(a / 100),
			 (unsigned long long)(a % 100));
	return out;
}

/* Read a number of points at *p ("4", "2.5", "0.25"): hundredths in *v,
 * *p moved past it.  -1 when there are no digits, more than two decimals
 * or it is too large. */
static int read_number(const char **p, int64_t *v)
{
	const char *s = *p;
	int64_t whole = 0, frac = 0;
	int nd = 0, nf = 0;

	while (*s >= '0' && *s <= '9') {
		if (whole > ASSESS_MAX_POINTS)
			return -1;
		whole = whole * 10 + (*s++ - '0');
		nd++;
	}
	if (!nd)
		return -1;
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9') {
			if (++nf > 2)
				return -1;
			frac = frac * 10 + (*s++ - '0');
		}
		if (!nf)
			return -1;
		if (nf == 1)
			frac *= 10;
	}
	*v = whole * 100 + frac;
	*p = s;
	return *v > ASSESS_MAX_POINTS ? -1 : 0;
}

int assess_points_parse(const char *text, int64_t *v)
{
	struct buf t = BUF_INIT;
	const char *p;
	int rc = -1;

	if (!text)
		return -1;
	utf8_trim(&t, text);
	p = t.buf;
	if (read_number(&p, v) == 0 && (!*p || !strcmp(p, "分")))
		rc = 0;
	buf_release(&t);
	return rc;
}

/* --- a spreadsheet → a table --- */

enum acol { C_L1, C_L2, C_L3, C_POINTS, C_METHOD, C_EVIDENCE, C_MEASURE,
	    C_NOTE, C__MAX };

static const struct {
	const char *names[5];	/* folded header texts */
	bool required;
} acols[C__MAX] = {
	[C_L1] = { { "一级指标", NULL }, true },
	[C_L2] = { { "二级指标", NULL }, false },
	[C_L3] = { { "三级指标", "考核内容", "考核要点", "指标内容", NULL }, false },
	[C_POINTS] = { { "考核对象及分值", "考核对象和分值", "分值", "考核对象及分数",
			 NULL }, true },
	[C_METHOD] = { { "考核方式", "考核方法", "评分方式", NULL }, true },
	[C_EVIDENCE] = { { "证据类型", "佐证材料类型", NULL }, false },
	[C_MEASURE] = { { "平台数据", "自动评分", NULL }, false },
	[C_NOTE] = { { "备注", NULL }, false },
};

struct header {
	int col[C__MAX];	/* column index, -1 absent */
	const char *label[C__MAX];	/* as written */
	size_t row;		/* index in sheet rows */
};

/* Which column a header text names, or -1. */
static int header_kind(const char *text)
{
	struct buf f = BUF_INIT;
	int kind = -1;

	utf8_fold(&f, text);
	for (int c = 0; c < C__MAX && kind < 0; c++)
		for (size_t k = 0; acols[c].names[k]; k++)
			if (!strcmp(f.buf, acols[c].names[k])) {
				kind = c;
				break;
			}
	buf_release(&f);
	return kind;
}

/* Find the header among the first rows of 'sh'; 0 or -1. */
static int find_header(const struct grid_sheet *sh, struct header *h)
{
	for (size_t r = 0; r < sh->nrows && r < 12; r++) {
		const struct grid_row *row = &sh->rows[r];
		int found = 0;

		for (int c = 0; c < C__MAX; c++)
			h->col[c] = -1;
		for (size_t j = 0; j < row->ncells; j++) {
			int k;

			if (!row->cells[j])
				continue;
			k = header_kind(row->cells[j]);
			if (k >= 0 && h->col[k] < 0) {
				h->col[k] = (int)j;
				h->label[k] = row->cells[j];
				found++;
			}
		}
		if (h->col[C_POINTS] >= 0 && found >= 3) {
			h->row = r;
			return 0;
		}
	}
	return -1;
}

/* The whole parse's state. */
struct parse {
	const char *display, *sheet;
	struct arena *a;
	struct errors *err;
	struct header h;
	struct assess_table *t;
	size_t cap;
	/* the groups the next row may continue */
	int l1, l2;		/* line indices, -1 none */
	const char *l1_name, *l2_name;
	int l2_leaf;		/* the current 二级 is a scoring line */
	struct buf note;
	struct buf tmp;
};

static void problem(struct parse *p, uint32_t rownum, int col,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(struct parse *p, uint32_t rownum, int col,
		    const char *fmt, ...)
{
	struct buf why = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&why, fmt, ap);
	va_end(ap);
	if (col >= 0)
		errors_addf(p->err, "%s:%s:第%u行:「%s」: %s", p->display,
			    p->sheet, rownum, p->h.label[col] ? p->h.label[col] :
			    acols[col].names[0], why.buf);
	else if (rownum)
		errors_addf(p->err, "%s:%s:第%u行: %s", p->display, p->sheet,
			    rownum, why.buf);
	else
		errors_addf(p->err, "%s:%s: %s", p->display, p->sheet, why.buf);
	buf_release(&why);
}

/* Cell 'col' of 'row' trimmed, in the arena; "" when empty or absent.  A
 * CSV cell defused with a leading ' loses it. */
static const char *cell(struct parse *p, const struct grid_row *row, int col)
{
	const char *c;

	if (p->h.col[col] < 0)
		return "";
	c = grid_cell(row, (size_t)p->h.col[col]);
	if (!c)
		return "";
	buf_reset(&p->tmp);
	utf8_trim(&p->tmp, c);
	c = p->tmp.buf;
	if (c[0] == '\'' && c[1] && strchr("=+-@'", c[1]))
		c++;
	return arena_strdup(p->a, c);
}

static struct assess_line *new_line(struct parse *p, int parent, int level,
				    const char *name, uint32_t rownum)
{
	struct assess_table *t = p->t;
	struct assess_line *l;

	if (t->nlines == p->cap) {
		struct assess_line *v;

		p->cap = p->cap ? 2 * p->cap : 64;
		v = arena_alloc(p->a, p->cap * sizeof(*v));
		if (t->nlines)
			memcpy(v, t->lines, t->nlines * sizeof(*v));
		t->lines = v;
	}
	l = &t->lines[t->nlines++];
	memset(l, 0, sizeof(*l));
	l->parent = parent;
	l->level = level;
	l->name = name;
	l->points_text = l->method = l->measure = l->note = "";
	l->rownum = rownum;
	return l;
}

/* Does 'name' already name a child of 'parent' (other than 'except')? */
static bool name_taken(const struct assess_table *t, int parent, int level,
		       const char *name, int except)
{
	for (size_t i = 0; i < t->nlines; i++)
		if ((int)i != except && t->lines[i].parent == parent &&
		    t->lines[i].level == level &&
		    !strcmp(t->lines[i].name, name))
			return true;
	return false;
}

static bool is_sep(uint32_t cp)
{
	return utf8_is_space(cp) || cp == 0x3001 /* 、 */ || cp == 0xff0c ||
		cp == ',' || cp == 0xff1b || cp == ';' || cp == 0xff1a ||
		cp == ':' || cp == '/' || cp == 0xff0f;
}

/* One "type N分" pair of a points cell. */
struct pt {
	const char *type;
	int64_t points;		/* ASSESS_UP_TO_CAP when not written */
};

/* Parse 考核对象及分值 into at most ASSESS_MAX_TYPES pairs.  Problems are
 * reported on the row; returns the count, or -1. */
static int parse_points(struct parse *p, uint32_t rownum, const char *text,
			struct pt *out)
{
	const char *s = text;
	struct buf name = BUF_INIT;
	int n = 0, bad = 0;

	while (*s && !bad) {
		const char *at = s;
		uint32_t cp = utf8_next(&s);

		if (cp >= 0xff10 && cp <= 0xff19) {
			problem(p, rownum, C_POINTS, "请用半角数字写分值（「%s」）",
				text);
			bad = 1;
			break;
		}
		if (cp >= '0' && cp <= '9') {
			int64_t v;
			const char *q = at;

			const char *who;

			if (!n || out[n - 1].points != ASSESS_UP_TO_CAP) {
				problem(p, rownum, C_POINTS, "分值前没有写考核对象"
					"（应写作「街道（镇） 4分」）");
				bad = 1;
				break;
			}
			who = out[n - 1].type;
			if (read_number(&q, &v)) {
				problem(p, rownum, C_POINTS, "「%s」的分值写得不对："
					"应为不超过 1000 的数，最多两位小数", who);
				bad = 1;
				break;
			}
			while (*q == ' ' || *q == '\t')
				q++;
			if (strncmp(q, "分", strlen("分"))) {
				problem(p, rownum, C_POINTS, "「%s」的分值后面应写「分」"
					"（如「%s 4分」）", who, who);
				bad = 1;
				break;
			}
			if (v == 0) {
				problem(p, rownum, C_POINTS, "「%s」的分值不能为 0", who);
				bad = 1;
				break;
			}
			s = q + strlen("分");
			out[n - 1].points = v;
			buf_reset(&name);
			continue;
		}
		if (is_sep(cp)) {
			if (name.len)
				buf_reset(&name);	/* a type named, no points */
			continue;
		}
		if (!name.len) {
			if (n == ASSESS_MAX_TYPES) {
				problem(p, rownum, C_POINTS, "考核对象类型不能超过 %d 种",
					ASSESS_MAX_TYPES);
				bad = 1;
				break;
			}
			out[n].type = NULL;
			out[n].points = ASSESS_UP_TO_CAP;
			n++;
		}
		buf_add(&name, at, (size_t)(s - at));
		out[n - 1].type = arena_strdup(p->a, name.buf);
	}
	buf_release(&name);
	if (bad)
		return -1;
	for (int i = 0; i < n; i++) {
		if (utf8_len(out[i].type) > 50) {
			problem(p, rownum, C_POINTS, "考核对象「%s」太长（不超过 50 个字）",
				out[i].type);
			return -1;
		}
		for (int k = 0; k < i; k++)
			if (!strcmp(out[i].type, out[k].type)) {
				problem(p, rownum, C_POINTS, "考核对象「%s」写了两次",
					out[i].type);
				return -1;
			}
	}
	if (!n)
		problem(p, rownum, C_POINTS, "不能为空：请写明考核对象及分值"
			"（如「街道（镇） 4分 区直相关部门 5分」）");
	return n ? n : -1;
}

/* The index of type 'name', added when new; -1 past the cap. */
static int type_slot(struct parse *p, const char *name, uint32_t rownum)
{
	struct assess_table *t = p->t;

	for (size_t i = 0; i < t->ntypes; i++)
		if (!strcmp(t->types[i], name))
			return (int)i;
	if (t->ntypes == ASSESS_MAX_TYPES) {
		problem(p, rownum, C_POINTS, "整张表的考核对象类型不能超过 %d 种"
			"（「%s」是第 %d 种）", ASSESS_MAX_TYPES, name,
			ASSESS_MAX_TYPES + 1);
		return -1;
	}
	t->types[t->ntypes] = name;
	return (int)t->ntypes++;
}

/* The number after 'key' in 'text' up to "分": 0 and *v, or -1. */
static int number_after(const char *text, const char *key, int64_t *v)
{
	const char *at = strstr(text, key);

	if (!at)
		return -1;
	at += strlen(key);
	while (*at == ' ')
		at++;
	if (read_number(&at, v))
		return -1;
	return strncmp(at, "分", strlen("分")) ? -1 : 0;
}

/* Is this row the 说明 (or a 注) under the table? */
static bool is_note_row(struct parse *p, const struct grid_row *row,
			const char **text)
{
	const char *first = NULL;

	for (size_t j = 0; j < row->ncells; j++)
		if (row->cells[j]) {
			first = row->cells[j];
			break;
		}
	if (!first)
		return false;
	buf_reset(&p->tmp);
	utf8_trim(&p->tmp, first);
	if (strncmp(p->tmp.buf, "说明", strlen("说明")) &&
	    strncmp(p->tmp.buf, "注：", strlen("注：")) &&
	    strncmp(p->tmp.buf, "注:", strlen("注:")))
		return false;
	*text = arena_strdup(p->a, p->tmp.buf);
	return true;
}

/* Check a text cell's length. */
static bool too_long(struct parse *p, uint32_t rownum, int col,
		     const char *text)
{
	if (utf8_len(text) <= ASSESS_MAX_TEXT)
		return false;
	problem(p, rownum, col, "太长（不超过 %d 个字）", ASSESS_MAX_TEXT);
	return true;
}

/* One data row. */
static void parse_row(struct parse *p, const struct grid_row *row)
{
	struct assess_table *t = p->t;
	uint32_t rn = row->rownum;
	const char *l1 = cell(p, row, C_L1), *l2 = cell(p, row, C_L2);
	const char *l3 = cell(p, row, C_L3), *pts = cell(p, row, C_POINTS);
	const char *method = cell(p, row, C_METHOD);
	const char *ev = cell(p, row, C_EVIDENCE);
	const char *measure = cell(p, row, C_MEASURE);
	const char *note = cell(p, row, C_NOTE);
	size_t before = errors_count(p->err);
	struct assess_line *l;
	const char *text;
	struct pt pv[ASSESS_MAX_TYPES];
	int parent, level, np, m;
	unsigned evbits = 0;
	bool bonus;

	if (too_long(p, rn, C_L1, l1) || too_long(p, rn, C_L2, l2) ||
	    too_long(p, rn, C_L3, l3) || too_long(p, rn, C_METHOD, method) ||
	    too_long(p, rn, C_NOTE, note) || too_long(p, rn, C_POINTS, pts))
		return;
	if (t->nlines >= ASSESS_MAX_LINES) {
		problem(p, rn, -1, "指标太多（一张表不超过 %d 行）", ASSESS_MAX_LINES);
		return;
	}
	/* 一级 */
	if (*l1) {
		if (!p->l1_name || strcmp(l1, p->l1_name)) {
			if (name_taken(t, -1, 1, l1, -1)) {
				problem(p, rn, C_L1, "「%s」在前面已出现过，同一个一级指标"
					"的各行应连在一起", l1);
				return;
			}
			p->l1 = (int)(new_line(p, -1, 1, l1, rn) - t->lines);
			p->l1_name = l1;
			p->l2 = -1;
			p->l2_name = NULL;
		} else if (!*l2) {
			/* 一级 written out again, no 二级: a line under it */
			p->l2 = -1;
			p->l2_name = NULL;
		}
	} else if (p->l1 < 0) {
		problem(p, rn, C_L1, "第一行指标须写明一级指标");
		return;
	}
	/* 二级 */
	if (*l2 && (!p->l2_name || strcmp(l2, p->l2_name))) {
		if (name_taken(t, p->l1, 2, l2, -1)) {
			problem(p, rn, C_L2, "「%s」在本一级指标下已出现过，同一个二级"
				"指标的各行应连在一起", l2);
			return;
		}
		if (*l3 || !*pts) {
			p->l2 = (int)(new_line(p, p->l1, 2, l2, rn) - t->lines);
			p->l2_name = l2;
			p->l2_leaf = 0;
		}
	} else if (*l2 && p->l2_leaf) {
		problem(p, rn, C_L2, "「%s」本身有分值，下面不能再有三级指标", l2);
		return;
	}
	/* the line itself */
	if (!*l3 && !*pts && !*method) {
		if (!*l1 && !*l2)
			problem(p, rn, C_L3, "这一行没有指标内容");
		return;		/* a row naming groups only */
	}
	if (*l3) {
		if (p->l2 >= 0 && p->l2_leaf) {
			problem(p, rn, C_L3, "上面的二级指标「%s」本身有分值，下面不能再"
				"有三级指标", p->l2_name);
			return;
		}
		parent = p->l2 >= 0 ? p->l2 : p->l1;
		level = p->l2 >= 0 ? 3 : 2;
		text = l3;
	} else if (*l2 && !(p->l2_name && !strcmp(l2, p->l2_name) &&
			    !p->l2_leaf)) {
		parent = p->l1;
		level = 2;
		text = l2;
	} else {
		problem(p, rn, C_L3, "缺少指标内容");
		return;
	}
	if (name_taken(t, parent, level, text, -1)) {
		problem(p, rn, *l3 ? C_L3 : C_L2, "「%s」与同一组中上面的指标重复",
			text);
		return;
	}
	bonus = strstr(t->lines[p->l1].name, "加分") != NULL;
	if (!*pts) {
		problem(p, rn, C_POINTS, "不能为空：请写明考核对象及分值"
			"（如「街道（镇） 4分 区直相关部门 5分」）");
		return;
	}
	np = parse_points(p, rn, pts, pv);
	if (!*method)
		problem(p, rn, C_METHOD, "不能为空：请写明考核方式（如「提交文字"
			"材料、网页截图」）");
	m = assess_measure_parse(measure);
	/* evidence: the column, else what 考核方式 says */
	if (*ev) {
		const char *q = ev;
		struct buf w = BUF_INIT;

		while (1) {
			const char *at = q;
			uint32_t cp = *q ? utf8_next(&q) : 0;

			if (!cp || is_sep(cp)) {
				if (w.len) {
					unsigned bit = assess_evidence_parse(w.buf);

					if (!bit)
						problem(p, rn, C_EVIDENCE, "不认识「%s」："
							"只能是 材料、网页截图、照片、签到表、"
							"实地察看、网上察看、日常考评", w.buf);
					evbits |= bit;
					buf_reset(&w);
				}
				if (!cp)
					break;
				continue;
			}
			buf_add(&w, at, (size_t)(q - at));
		}
		buf_release(&w);
	}
	if (!evbits && *method && errors_count(p->err) == before) {
		evbits = evidence_of_method(method);
		if (!evbits)
			problem(p, rn, C_METHOD, "看不出「%s」要什么证据：请写明 材料、"
				"网页截图、照片、签到表、实地察看、网上察看 或 日常考评，"
				"或填写「证据类型」列", method);
	}
	if (m < 0)
		problem(p, rn, C_MEASURE, "不认识「%s」：只能是 二级事项覆盖率、"
			"按公开时限发布、依申请按期答复、公示栏台账、自查问题、"
			"督办任务按时完成，或留空", measure);
	else if (m != AM_NONE && bonus)
		problem(p, rn, C_MEASURE, "加分项不能由平台数据自动评分");
	for (int i = 0; i < np; i++)
		if (pv[i].points == ASSESS_UP_TO_CAP && !bonus)
			problem(p, rn, C_POINTS, "「%s」没有写分值（应写作「%s 4分」；"
				"只有加分项可以只写考核对象）", pv[i].type, pv[i].type);
	if (errors_count(p->err) > before)
		return;
	l = new_line(p, parent, level, text, rn);
	if (level == 2 && !*l3) {
		p->l2 = (int)(l - t->lines);
		p->l2_name = l2;
		p->l2_leaf = 1;
	}
	l->scored = true;
	l->bonus = bonus;
	l->points_text = pts;
	l->method = method;
	l->measure = assess_measure_code((enum assess_measure)m);
	l->note = note;
	l->evidence = evbits;
	l->points = arena_alloc(p->a, ASSESS_MAX_TYPES * sizeof(*l->points));
	for (size_t k = 0; k < ASSESS_MAX_TYPES; k++)
		l->points[k] = ASSESS_NOT_ASSESSED;
	for (int i = 0; i < np; i++) {
		int slot = type_slot(p, pv[i].type, rn);

		if (slot >= 0)
			l->points[slot] = pv[i].points;
	}
}

/* The sheet with the header: the first one that has it. */
static const struct grid_sheet *pick_sheet(const struct grid *g,
					   struct header *h)
{
	for (size_t i = 0; i < g->nsheets; i++)
		if (find_header(&g->sheets[i], h) == 0)
			return &g->sheets[i];
	return NULL;
}

void assess_table_totals(const struct assess_table *t, int64_t *base,
			 int64_t *bonus)
{
	for (size_t k = 0; k < t->ntypes; k++) {
		base[k] = 0;
		bonus[k] = 0;
	}
	for (size_t i = 0; i < t->nlines; i++) {
		const struct assess_line *l = &t->lines[i];

		if (!l->scored || !l->points)
			continue;
		for (size_t k = 0; k < t->ntypes; k++) {
			int64_t v = l->points[k];

			if (v == ASSESS_NOT_ASSESSED)
				continue;
			if (l->bonus)
				bonus[k] += v == ASSESS_UP_TO_CAP ? t->bonus_cap : v;
			else
				base[k] += v;
		}
	}
	for (size_t k = 0; k < t->ntypes; k++)
		if (bonus[k] > t->bonus_cap)
			bonus[k] = t->bonus_cap;
}

const char *assess_totals_text(const struct assess_table *t, struct arena *a)
{
	int64_t base[ASSESS_MAX_TYPES], bonus[ASSESS_MAX_TYPES];
	struct buf b = BUF_INIT;
	char n1[32];
	const char *out;

	assess_table_totals(t, base, bonus);
	for (size_t k = 0; k < t->ntypes && k < ASSESS_MAX_TYPES; k++)
		buf_addf(&b, "%s%s %s 分", k ? "、" : "", t->types[k],
			 assess_points_str(base[k], n1));
	if (t->bonus_cap)
		buf_addf(&b, "；加分项最多 %s 分", assess_points_str(t->bonus_cap,
								   n1));
	out = arena_strdup(a, b.buf);
	buf_release(&b);
	return out;
}

int64_t assess_line_points(const struct assess_table *t,
			   const struct assess_line *l, size_t type)
{
	int64_t v;

	if (!l->scored || !l->points || type >= t->ntypes)
		return ASSESS_NOT_ASSESSED;
	v = l->points[type];
	if (v == ASSESS_UP_TO_CAP)
		return t->bonus_cap;
	return v;
}

int assess_type_index(const struct assess_table *t, const char *type)
{
	for (size_t k = 0; type && k < t->ntypes; k++)
		if (!strcmp(t->types[k], type))
			return (int)k;
	return -1;
}

int assess_line_number(const struct assess_table *t, size_t i)
{
	int n = 0;

	if (i >= t->nlines || !t->lines[i].scored)
		return 0;
	for (size_t k = 0; k <= i; k++)
		n += t->lines[k].scored;
	return n;
}

int assess_line_by_number(const struct assess_table *t, int number)
{
	int n = 0;

	for (size_t i = 0; i < t->nlines; i++)
		if (t->lines[i].scored && ++n == number)
			return (int)i;
	return -1;
}

const char *assess_line_path(const struct assess_table *t, size_t i,
			     struct arena *a)
{
	const char *parts[3] = { NULL, NULL, NULL };
	int k = 0, at;

	if (i >= t->nlines)
		return "";
	at = t->lines[i].parent;
	while (at >= 0 && k < 3) {
		parts[k++] = t->lines[at].name;
		at = t->lines[at].parent;
	}
	if (k == 0)
		return "";
	if (k == 1)
		return parts[0];
	return arena_printf(a, "%s › %s", parts[1], parts[0]);
}

/* Leave out groups (一级, 二级) without a scoring line under them: rows
 * that only named a group. */
static void drop_empty_groups(struct assess_table *t, struct arena *a)
{
	bool *keep = arena_alloc(a, (t->nlines + 1) * sizeof(*keep));
	int *to = arena_alloc(a, (t->nlines + 1) * sizeof(*to));
	size_t k = 0;

	for (size_t i = t->nlines; i-- > 0; ) {
		keep[i] |= t->lines[i].scored;
		if (keep[i] && t->lines[i].parent >= 0)
			keep[t->lines[i].parent] = true;
	}
	for (size_t i = 0; i < t->nlines; i++) {
		if (!keep[i]) {
			to[i] = -1;
			continue;
		}
		to[i] = (int)k;
		t->lines[k] = t->lines[i];
		if (t->lines[k].parent >= 0)
			t->lines[k].parent = to[t->lines[k].parent];
		k++;
	}
	t->nlines = k;
}

int assess_table_from_grid(const struct grid *g, const char *display,
			   struct arena *a, struct assess_table *out,
			   struct errors *err)
{
	struct parse p;
	const struct grid_sheet *sh;
	size_t before = errors_count(err);
	size_t nscored = 0;
	int64_t base[ASSESS_MAX_TYPES], bonus[ASSESS_MAX_TYPES], v;
	bool any_bonus = false;

	memset(&p, 0, sizeof(p));
	memset(out, 0, sizeof(*out));
	p.display = display;
	p.a = a;
	p.err = err;
	p.t = out;
	p.l1 = p.l2 = -1;
	buf_init(&p.note);
	buf_init(&p.tmp);
	out->name = out->source = out->note = "";
	out->types = arena_alloc(a, ASSESS_MAX_TYPES * sizeof(*out->types));
	sh = pick_sheet(g, &p.h);
	if (!sh) {
		if (!g->nsheets || !g->sheets[0].nrows)
			errors_addf(err, "%s: 文件是空的，没有可导入的考核指标", display);
		else
			errors_addf(err, "%s:%s: 表头中找不到「考核对象及分值」等列："
				    "请使用考核指标表的表头（一级指标、二级指标、三级指标、"
				    "考核对象及分值、考核方式、备注）", display,
				    g->sheets[0].name);
		goto out;
	}
	p.sheet = sh->name;
	for (int c = 0; c < C__MAX; c++)
		if (acols[c].required && p.h.col[c] < 0)
			problem(&p, sh->rows[p.h.row].rownum, -1, "表头中找不到「%s」列",
				acols[c].names[0]);
	if (p.h.col[C_L2] < 0 && p.h.col[C_L3] < 0)
		problem(&p, sh->rows[p.h.row].rownum, -1, "表头中找不到「三级指标」列");
	if (errors_count(err) > before)
		goto out;
	/* a title above the header */
	for (size_t r = 0; r < p.h.row; r++) {
		const struct grid_row *row = &sh->rows[r];

		for (size_t j = 0; j < row->ncells; j++)
			if (row->cells[j]) {
				buf_reset(&p.tmp);
				utf8_trim(&p.tmp, row->cells[j]);
				if (p.tmp.len && !*out->name)
					out->name = arena_strdup(a, p.tmp.buf);
				break;
			}
	}
	for (size_t r = p.h.row + 1; r < sh->nrows; r++) {
		const struct grid_row *row = &sh->rows[r];
		const char *text;

		if (is_note_row(&p, row, &text)) {
			if (p.note.len)
				buf_addch(&p.note, '\n');
			buf_adds(&p.note, text);
			continue;
		}
		if (p.note.len) {
			problem(&p, row->rownum, -1, "说明行下面不能再有指标");
			continue;
		}
		parse_row(&p, row);
	}
	out->note = arena_strdup(a, p.note.buf ? p.note.buf : "");
	drop_empty_groups(out, a);
	for (size_t i = 0; i < out->nlines; i++) {
		nscored += out->lines[i].scored;
		any_bonus |= out->lines[i].scored && out->lines[i].bonus;
	}
	if (errors_count(err) > before)
		goto out;
	if (!nscored) {
		problem(&p, 0, -1, "没有任何有分值的考核指标");
		goto out;
	}
	if (number_after(out->note, "基准分", &v) == 0)
		out->base_total = v;
	if (number_after(out->note, "加分项最多", &v) == 0 ||
	    number_after(out->note, "加分最多", &v) == 0 ||
	    number_after(out->note, "加分项不超过", &v) == 0)
		out->bonus_cap = v;
	if (any_bonus && !out->bonus_cap) {
		problem(&p, 0, -1, "有加分项，但说明行没有写加分上限（如「说明：…"
			"加分项最多5分。」）");
		goto out;
	}
	if (!any_bonus && out->bonus_cap) {
		problem(&p, 0, -1, "说明行写了加分项上限，但表中没有加分项"
			"（一级指标为「加分项」的行）");
		goto out;
	}
	for (size_t i = 0; i < out->nlines; i++) {
		const struct assess_line *l = &out->lines[i];

		for (size_t k = 0; l->scored && l->bonus && k < out->ntypes; k++)
			if (l->points[k] > out->bonus_cap) {
				char n1[32], n2[32];

				problem(&p, l->rownum, C_POINTS, "加分项「%s」%s 分超过"
					"加分上限 %s 分", out->types[k],
					assess_points_str(l->points[k], n1),
					assess_points_str(out->bonus_cap, n2));
			}
	}
	assess_table_totals(out, base, bonus);
	for (size_t k = 0; k < out->ntypes; k++) {
		char n1[32], n2[32];

		if (!base[k]) {
			problem(&p, 0, -1, "考核对象「%s」只在加分项中出现，没有基本"
				"分值", out->types[k]);
			continue;
		}
		if (out->base_total && base[k] != out->base_total)
			problem(&p, 0, -1, "「%s」各项分值合计 %s 分，与说明中的基准分 "
				"%s 分不符", out->types[k],
				assess_points_str(base[k], n1),
				assess_points_str(out->base_total, n2));
	}
	if (out->base_total && number_after(out->note, "考核分数", &v) == 0 &&
	    v != out->base_total + out->bonus_cap) {
		char n1[32], n2[32], n3[32];

		problem(&p, 0, -1, "说明中的考核分数 %s 分不等于基准分 %s 分加"
			"加分上限 %s 分", assess_points_str(v, n1),
			assess_points_str(out->base_total, n2),
			assess_points_str(out->bonus_cap, n3));
	}
	if (!*out->name) {
		const char *base_name = strrchr(display, '/');

		out->name = arena_strdup(a, base_name ? base_name + 1 : display);
	}
out:
	buf_release(&p.note);
	buf_release(&p.tmp);
	return errors_count(err) > before ? -1 : 0;
}

int assess_table_read_mem(const void *data, size_t len, const char *display,
			  struct grid *g, struct errors *err)
{
	const unsigned char *d = data;
	const char *dot = strrchr(display, '.');
	const char *sheet;

	if (len >= 2 && d[0] == 'P' && d[1] == 'K')
		return xlsx_read_mem(data, len, display, &grid_default_limits, g,
				     err);
	if (dot && (!strcmp(dot, ".xls") || !strcmp(dot, ".XLS"))) {
		errors_addf(err, "%s: 不支持旧版 Excel 97-2003（.xls）文件，请在 "
			    "Excel 或 WPS 中另存为 .xlsx 后重试", display);
		return -1;
	}
	sheet = dot && dot != display ? arena_strndup(&g->arena, display,
						      (size_t)(dot - display)) :
		display;
	return csv_read_mem(data, len, display, sheet, &grid_default_limits, g,
			    err);
}

/* --- import --- */

/* The table as JSON text for the audit entry's "after": name, totals and
 * the number of lines (the file itself is named in the detail). */
static int write_table(struct store *s, const struct actor *who,
		       struct assess_table *t, const char *region,
		       struct arena *a, struct errors *err)
{
	size_t nscored = 0;
	const char *detail;

	for (size_t i = 0; i < t->nlines; i++)
		nscored += t->lines[i].scored;
	t->region_code = region;
	t->created_by = who && who->username ? who->username : AUDIT_CLI_ACTOR;
	if (store_begin(s, err) != STORE_OK)
		return -1;
	detail = arena_printf(a, "导入考核指标「%s」（%s，%zu 项指标；%s）",
			      t->name, t->source, nscored,
			      assess_totals_text(t, a));
	if (store_assess_table_insert(s, t, err) != STORE_OK ||
	    audit_append(s, who, "assess.table_import", "assess_table",
			 arena_printf(a, "%lld", (long long)t->id), region, 0,
			 NULL, NULL, detail, err)) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err) == STORE_OK ? 0 : -1;
}

static int64_t import_grid(struct store *s, const struct actor *who,
			   const struct grid *g, const char *display,
			   const char *region, struct arena *a,
			   struct assess_table *out, struct errors *err)
{
	struct assess_table t;
	struct region r;

	if (authz_require(s, who, AZ_ASSESS_MANAGE, 0, region, err))
		return 0;
	if (region && store_region_get(s, region, a, &r) != STORE_OK) {
		errors_addf(err, "没有区划代码为「%s」的地区", region);
		return 0;
	}
	if (assess_table_from_grid(g, display, a, &t, err))
		return 0;
	t.source = arena_strdup(a, display);
	if (write_table(s, who, &t, region, a, err))
		return 0;
	if (out)
		*out = t;
	return t.id;
}

int64_t assess_table_import_file(struct store *s, const struct actor *who,
				 const char *path, const char *region,
				 struct arena *a, struct assess_table *out,
				 struct errors *err)
{
	struct grid g;
	const char *display = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	int64_t id = 0;

	if (authz_require(s, who, AZ_ASSESS_MANAGE, 0, region, err))
		return 0;
	grid_init(&g);
	if (catalog_read_file(path, &g, err) == 0)
		id = import_grid(s, who, &g, display, region, a, out, err);
	/* the table's strings may live in the grid: copy what is kept */
	if (id && out) {
		struct assess_table kept;

		if (store_assess_table_load(s, id, a, &kept) == STORE_OK)
			*out = kept;
	}
	grid_release(&g);
	return id;
}

int64_t assess_table_import_mem(struct store *s, const struct actor *who,
				const void *data, size_t len,
				const char *display, const char *region,
				struct arena *a, struct assess_table *out,
				struct errors *err)
{
	struct grid g;
	int64_t id = 0;

	if (authz_require(s, who, AZ_ASSESS_MANAGE, 0, region, err))
		return 0;
	grid_init(&g);
	if (assess_table_read_mem(data, len, display, &g, err) == 0)
		id = import_grid(s, who, &g, display, region, a, out, err);
	if (id && out) {
		struct assess_table kept;

		if (store_assess_table_load(s, id, a, &kept) == STORE_OK)
			*out = kept;
	}
	grid_release(&g);
	return id;
}

/* --- export --- */

enum { OUT_COLS = 8 };
static const char *const out_header[OUT_COLS] = {
	"一级指标", "二级指标", "三级指标", "考核对象及分值", "考核方式", "证据类型",
	"平台数据", "备注",
};

/* The cells of scoring line 'i' as the importer reads them back: the 一级
 * cell on the first line of its group (and again for a line directly under
 * it after a 二级), the 二级 cell on the first line of its group. */
static void line_cells(const struct assess_table *t, size_t i, int *prev_l1,
		       int *prev_l2, struct buf *ev, const char **cells)
{
	const struct assess_line *l = &t->lines[i];
	int l1 = -1, l2 = -1, m;

	if (l->level == 3) {
		l2 = l->parent;
		l1 = t->lines[l2].parent;
	} else {
		l1 = l->parent;
	}
	for (int k = 0; k < OUT_COLS; k++)
		cells[k] = "";
	if (l1 != *prev_l1 || (l->level == 2 && *prev_l2 >= 0))
		cells[0] = t->lines[l1].name;
	if (l->level == 3 && l2 != *prev_l2)
		cells[1] = t->lines[l2].name;
	if (l->level == 3)
		cells[2] = l->name;
	else
		cells[1] = l->name;
	cells[3] = l->points_text;
	cells[4] = l->method;
	buf_reset(ev);
	assess_evidence_text(ev, l->evidence);
	cells[5] = ev->buf ? ev->buf : "";
	m = assess_measure_parse(l->measure);
	cells[6] = m > 0 ? assess_measure_label((enum assess_measure)m) : "";
	cells[7] = l->note;
	*prev_l1 = l1;
	*prev_l2 = l->level == 3 ? l2 : -1;
}

/* A cell defused for spreadsheet programs (a leading = + - @ '). */
static const char *defuse(const char *c, struct arena *a)
{
	if (c && c[0] && strchr("=+-@'", c[0]))
		return arena_printf(a, "'%s", c);
	return c;
}

void assess_table_write_csv(const struct assess_table *t, struct buf *out)
{
	struct arena a = ARENA_INIT;
	struct buf ev = BUF_INIT;
	const char *cells[OUT_COLS];
	int p1 = -1, p2 = -1;

	buf_add(out, csv_bom, sizeof(csv_bom));
	cells[0] = defuse(t->name, &a);
	csv_write_row(out, cells, 1);
	csv_write_row(out, out_header, OUT_COLS);
	for (size_t i = 0; i < t->nlines; i++) {
		if (!t->lines[i].scored)
			continue;
		line_cells(t, i, &p1, &p2, &ev, cells);
		for (int k = 0; k < OUT_COLS; k++)
			cells[k] = defuse(cells[k], &a);
		csv_write_row(out, cells, OUT_COLS);
	}
	if (t->note && *t->note) {
		cells[0] = defuse(t->note, &a);
		csv_write_row(out, cells, 1);
	}
	buf_release(&ev);
	arena_release(&a);
}

int assess_table_write_xlsx(const struct assess_table *t, const char *path,
			    struct errors *err)
{
	static const double widths[OUT_COLS] = { 14, 16, 60, 24, 26, 18, 16, 12 };
	struct xlsx_book *b = xlsx_book_open(path, err);
	struct xlsx_sheet *sh;
	struct buf ev = BUF_INIT;
	const char *cells[OUT_COLS];
	size_t row = 2;
	int p1 = -1, p2 = -1;

	if (!b)
		return -1;
	sh = xlsx_book_sheet(b, "考核指标", true);
	for (size_t k = 0; k < OUT_COLS; k++)
		xlsx_sheet_width(sh, k, widths[k]);
	xlsx_sheet_merge(sh, 0, 0, 0, OUT_COLS - 1, t->name, XS_TITLE);
	for (size_t k = 0; k < OUT_COLS; k++)
		xlsx_sheet_text(sh, 1, k, out_header[k], XS_HEAD);
	for (size_t i = 0; i < t->nlines; i++) {
		if (!t->lines[i].scored)
			continue;
		line_cells(t, i, &p1, &p2, &ev, cells);
		for (size_t k = 0; k < OUT_COLS; k++)
			xlsx_sheet_text(sh, row, k, cells[k], XS_LABEL);
		row++;
	}
	if (t->note && *t->note)
		xlsx_sheet_merge(sh, row, 0, row, OUT_COLS - 1, t->note, XS_TEXT);
	buf_release(&ev);
	return xlsx_book_close(b, err);
}
