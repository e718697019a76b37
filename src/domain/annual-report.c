/* annual-report.c: the annual report's tables computed from the data, the
 * office's texts and entered figures, and their publication; see
 * annual-report.h for what a report covers.
 *
 * Table 三 is counted from the applications themselves (requests): their
 * applicant kind gives the column, received_on / replied_on put them in
 * the year's rows, outcome gives the row of 三.  Table 四 comes from
 * request_cases.  Of table 二, the records can honestly give only part:
 *   - a record has no "kind of document" field, so 规章 and 行政规范性文件
 *     cannot be told from other documents by the record alone; but records
 *     are filed under catalog items, and an item named 规范性文件 (or under
 *     one) holds exactly the unit's normative documents.  Those records
 *     (published) give 行政规范性文件 本年制发件数 (成文日期, else 发布日期, in
 *     the year), 现行有效件数 (made by the year's end and still 有效 then)
 *     and 本年废止件数 (有效性 became 废止 in the year);
 *   - a record keeps its 有效性 but not the day it changed: that day is read
 *     from the revision history (the first revision whose snapshot is no
 *     longer 有效).  A record imported already 废止 or 失效 has no such
 *     revision; when one exists the figure it would change is not
 *     derivable and must be entered;
 *   - 规章 are made only by provincial and 设区的市 governments (立法法),
 *     and nothing records 行政许可/处罚/强制 decisions or 行政事业性收费
 *     amounts: those are always entered.
 * A figure the office enters wins over the count (an office may hold
 * documents made before the platform), and every figure says which it is.
 */
#include "annual-report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "authz.h"
#include "../util/buf.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"

/* --- the layout --- */

const char *const annual_col_code[AC__MAX] = {
	"person", "commercial", "research", "nonprofit", "legal", "other", "",
};
const char *const annual_col_label[AC__MAX] = {
	"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
	"总计",
};

const struct annual_t3_row annual_t3_rows[ANNUAL_T3_NROWS] = {
	{ "received", "一、本年新收政府信息公开申请数量", 0, true, 0 },
	{ "carried_in", "二、上年结转政府信息公开申请数量", 0, true, 0 },
	{ "results", "三、本年度办理结果", 0, false, 22 },
	{ "1", "（一）予以公开", 1, true, 0 },
	{ "2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1,
	  true, 0 },
	{ "3", "（三）不予公开", 1, false, 8 },
	{ "3.1", "1.属于国家秘密", 2, true, 0 },
	{ "3.2", "2.其他法律行政法规禁止公开", 2, true, 0 },
	{ "3.3", "3.危及“三安全一稳定”", 2, true, 0 },
	{ "3.4", "4.保护第三方合法权益", 2, true, 0 },
	{ "3.5", "5.属于三类内部事务信息", 2, true, 0 },
	{ "3.6", "6.属于四类过程性信息", 2, true, 0 },
	{ "3.7", "7.属于行政执法案卷", 2, true, 0 },
	{ "3.8", "8.属于行政查询事项", 2, true, 0 },
	{ "4", "（四）无法提供", 1, false, 3 },
	{ "4.1", "1.本机关不掌握相关政府信息", 2, true, 0 },
	{ "4.2", "2.没有现成信息需要另行制作", 2, true, 0 },
	{ "4.3", "3.补正后申请内容仍不明确", 2, true, 0 },
	{ "5", "（五）不予处理", 1, false, 5 },
	{ "5.1", "1.信访举报投诉类申请", 2, true, 0 },
	{ "5.2", "2.重复申请", 2, true, 0 },
	{ "5.3", "3.要求提供公开出版物", 2, true, 0 },
	{ "5.4", "4.无正当理由大量反复申请", 2, true, 0 },
	{ "5.5", "5.要求行政机关确认或重新出具已获取信息", 2, true, 0 },
	{ "6", "（六）其他处理", 1, false, 3 },
	{ "6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	  2, true, 0 },
	{ "6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府"
	  "信息公开申请", 2, true, 0 },
	{ "6.3", "3.其他", 2, true, 0 },
	{ "total", "（七）总计", 1, true, 0 },
	{ "carried_out", "四、结转下年度继续办理", 0, true, 0 },
};

/* Row indexes the counting needs. */
enum { R_RECEIVED = 0, R_CARRIED_IN = 1, R_FIRST_OUTCOME = 3,
       R_TOTAL = 28, R_CARRIED_OUT = 29 };

int annual_t3_index(const char *code)
{
	for (int i = 0; code && i < ANNUAL_T3_NROWS; i++)
		if (!strcmp(annual_t3_rows[i].code, code))
			return i;
	return -1;
}

/* The outcome rows are the rows of numbers between 三 and （七）. */
static bool is_outcome_row(int i)
{
	return i >= R_FIRST_OUTCOME && i < R_TOTAL && annual_t3_rows[i].figures;
}

bool annual_outcome_is_known(const char *code)
{
	int i = annual_t3_index(code);

	return i >= 0 && is_outcome_row(i);
}

const char *const annual_case_kind_code[AK__MAX] = {
	"review", "suit_direct", "suit_after_review",
};
const char *const annual_case_kind_label[AK__MAX] = {
	"行政复议", "未经复议直接起诉", "复议后起诉",
};
const char *const annual_case_result_code[AR__MAX] = {
	"upheld", "corrected", "other", "pending", "total",
};
const char *const annual_case_result_label[AR__MAX] = {
	"结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
};

const char *const annual_t2_key[T2__MAX] = {
	"rules_made", "rules_repealed", "rules_current",
	"norms_made", "norms_repealed", "norms_current",
	"permits", "penalties", "coercion", "fees_wan",
};

const struct annual_t2_block annual_t2_blocks[ANNUAL_T2_NBLOCKS] = {
	{ "第二十条第（一）项",
	  { "信息内容", "本年制发件数", "本年废止件数", "现行有效件数" }, 3,
	  { { "规章", { T2_RULES_MADE, T2_RULES_REPEALED, T2_RULES_CURRENT } },
	    { "行政规范性文件", { T2_NORMS_MADE, T2_NORMS_REPEALED,
				  T2_NORMS_CURRENT } } }, 2 },
	{ "第二十条第（五）项", { "信息内容", "本年处理决定数量" }, 1,
	  { { "行政许可", { T2_PERMITS, -1, -1 } } }, 1 },
	{ "第二十条第（六）项", { "信息内容", "本年处理决定数量" }, 1,
	  { { "行政处罚", { T2_PENALTIES, -1, -1 } },
	    { "行政强制", { T2_COERCION, -1, -1 } } }, 2 },
	{ "第二十条第（八）项", { "信息内容", "本年收费金额（单位：万元）" }, 1,
	  { { "行政事业性收费", { T2_FEES, -1, -1 } } }, 1 },
};

const char *const annual_source_code[3] = { "none", "data", "entered" };
const char *const annual_source_label[3] = { "未填报", "平台统计", "单位填报" };

/* "规章 本年制发件数": the label of a cell, for messages. */
static const char *t2_cell_label(int cell, struct arena *a)
{
	for (size_t b = 0; b < ANNUAL_T2_NBLOCKS; b++) {
		const struct annual_t2_block *bl = &annual_t2_blocks[b];

		for (size_t r = 0; r < bl->nrows; r++)
			for (size_t c = 0; c < bl->ncolumns; c++)
				if (bl->rows[r].cells[c] == cell)
					return arena_printf(a, "%s %s",
						bl->rows[r].label,
						bl->columns[c + 1]);
	}
	return "";
}

/* --- money --- */

const char *annual_yuan(struct arena *a, int64_t fen)
{
	int64_t y = fen / 100, f = fen % 100;

	if (fen < 0)
		return arena_printf(a, "-%s", annual_yuan(a, -fen));
	return f ? arena_printf(a, "%lld.%02lld", (long long)y, (long long)f) :
		arena_printf(a, "%lld", (long long)y);
}

/* 1 万元 = 10,000 元 = 1,000,000 fen. */
const char *annual_wan_yuan(struct arena *a, int64_t fen)
{
	char frac[8];
	int64_t w = fen / 1000000, r = fen % 1000000;
	int k;

	if (fen < 0)
		return arena_printf(a, "-%s", annual_wan_yuan(a, -fen));
	if (!r)
		return arena_printf(a, "%lld", (long long)w);
	snprintf(frac, sizeof(frac), "%06lld", (long long)r);
	for (k = 5; k > 0 && frac[k] == '0'; k--)
		frac[k] = 0;
	return arena_printf(a, "%lld.%s", (long long)w, frac);
}

/* --- lists of notes in an arena --- */

struct notes {
	const char **v;
	size_t n, alloc;
};

static void note_add(struct arena *a, struct notes *l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void note_add(struct arena *a, struct notes *l, const char *fmt, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (l->n == l->alloc) {
		size_t na = l->alloc ? 2 * l->alloc : 8;
		const char **nv = arena_alloc(a, na * sizeof(*nv));

		if (l->n)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
		l->alloc = na;
	}
	l->v[l->n++] = arena_strdup(a, b.buf);
	buf_release(&b);
}

/* Append to an (array, count) pair owned by the caller's arena. */
static void list_add(struct arena *a, const char ***v, size_t *n,
		     const char *s)
{
	const char **nv;

	if (!v || !n)
		return;
	nv = arena_alloc(a, (*n + 1) * sizeof(*nv));
	if (*n)
		memcpy(nv, *v, *n * sizeof(*nv));
	nv[(*n)++] = s;
	*v = nv;
}

/* --- counting --- */

/* The first 10 characters (YYYY-MM-DD) of a date or time text, or "". */
static void day_of(const char *s, char out[11])
{
	size_t n = s ? strnlen(s, 10) : 0;

	memcpy(out, s ? s : "", n);
	out[n] = 0;
}

static int col_of(const char *kind)
{
	for (int c = 0; kind && c < AC_TOTAL; c++)
		if (!strcmp(annual_col_code[c], kind))
			return c;
	return -1;
}

/*
 * Why 一 + 二 = （七）总计 + 四 always holds for the platform's data.
 *
 * Take one application with receipt r and reply p (p may be absent), and
 * the year [S, E].  Let A = "r <= E and not (p < S)": received by the
 * year's end and not answered before the year began.
 *   Left:  一 counts it when S <= r <= E, 二 when r < S and not p < S.
 *          Since p >= r, r >= S implies not p < S; so exactly one of 一
 *          and 二 counts it when A holds, and neither otherwise.
 *   Right: （七） counts it when S <= p <= E (which implies A: r <= p),
 *          四 when r <= E and not p <= E (absent or after the year; this
 *          implies A too).  When A holds, p is absent, in the year or after
 *          it — exactly one of the two.  When A fails, neither.
 * So every application adds 1 to both sides or to neither, column by
 * column, provided (a) an answer is never dated before the receipt and
 * (b) every answered application has exactly one outcome of table 三.
 * The request module guarantees both when it records a reply:
 * request_act() (domain/request.c) refuses a step dated before
 * received_on, and close_as() takes the outcome from request_outcomes,
 * whose codes and labels are exactly the leaf rows above (checked by
 * test-annual-report).  A column that does not balance therefore means the
 * data was changed behind the platform's back; the report then names the
 * column, its four figures and the applications that caused it, and
 * publication is refused until it balances.
 */
void annual_count_requests(const struct request *v, size_t n, int year,
			   int64_t t3[ANNUAL_T3_NROWS][AC__MAX],
			   struct arena *a, const char ***problems,
			   size_t *nproblems)
{
	char S[11], E[11], r[11], p[11];

	snprintf(S, sizeof(S), "%04d-01-01", year);
	snprintf(E, sizeof(E), "%04d-12-31", year);
	for (size_t i = 0; i < n; i++) {
		const struct request *q = &v[i];
		int col = col_of(q->applicant_kind);
		bool replied;

		day_of(q->received_on, r);
		day_of(q->replied_on, p);
		replied = *p != 0;
		if (col < 0) {
			list_add(a, problems, nproblems, arena_printf(a,
				"申请 %lld（编号〔%d〕%d）的申请人类型「%s」不是表三的"
				"列，未计入", (long long)q->id, q->year, q->serial,
				q->applicant_kind ? q->applicant_kind : ""));
			continue;
		}
		if (!*r || strcmp(r, E) > 0)
			continue;	/* not received by the year's end */
		if (replied && strcmp(p, r) < 0)
			list_add(a, problems, nproblems, arena_printf(a,
				"申请 %lld（编号〔%d〕%d）的答复日期 %s 早于收到申请"
				"日期 %s", (long long)q->id, q->year, q->serial, p, r));
		if (strcmp(r, S) >= 0)
			t3[R_RECEIVED][col]++;
		else if (!(replied && strcmp(p, S) < 0))
			t3[R_CARRIED_IN][col]++;
		if (replied && strcmp(p, S) >= 0 && strcmp(p, E) <= 0) {
			int row = annual_t3_index(q->outcome);

			if (row >= 0 && is_outcome_row(row))
				t3[row][col]++;
			else
				list_add(a, problems, nproblems, arena_printf(a,
					"申请 %lld（编号〔%d〕%d）已于 %s 答复，但办理"
					"结果「%s」不是表三的分类，未计入办理结果",
					(long long)q->id, q->year, q->serial, p,
					q->outcome ? q->outcome : "（空）"));
		}
		if (!replied || strcmp(p, E) > 0)
			t3[R_CARRIED_OUT][col]++;
	}
}

bool annual_check(int64_t t3[ANNUAL_T3_NROWS][AC__MAX],
		  struct annual_balance balance[AC__MAX])
{
	bool all = true;

	for (int c = 0; c < AC_TOTAL; c++) {
		t3[R_TOTAL][c] = 0;
		for (int i = 0; i < ANNUAL_T3_NROWS; i++)
			if (is_outcome_row(i))
				t3[R_TOTAL][c] += t3[i][c];
	}
	for (int i = 0; i < ANNUAL_T3_NROWS; i++) {
		t3[i][AC_TOTAL] = 0;
		if (annual_t3_rows[i].figures)
			for (int c = 0; c < AC_TOTAL; c++)
				t3[i][AC_TOTAL] += t3[i][c];
	}
	for (int c = 0; c < AC__MAX; c++) {
		struct annual_balance *b = &balance[c];

		b->received = t3[R_RECEIVED][c];
		b->carried_in = t3[R_CARRIED_IN][c];
		b->total = t3[R_TOTAL][c];
		b->carried_out = t3[R_CARRIED_OUT][c];
		b->ok = b->received + b->carried_in == b->total + b->carried_out;
		all &= b->ok;
	}
	return all;
}

void annual_count_cases(const struct request_case *c, size_t n, int year,
			int64_t t4[AK__MAX][AR__MAX], struct arena *a,
			const char ***problems, size_t *nproblems)
{
	char S[11], E[11], f[11], d[11];

	snprintf(S, sizeof(S), "%04d-01-01", year);
	snprintf(E, sizeof(E), "%04d-12-31", year);
	for (size_t i = 0; i < n; i++) {
		int k = -1, res = -1;

		for (int j = 0; j < AK__MAX; j++)
			if (c[i].kind && !strcmp(c[i].kind, annual_case_kind_code[j]))
				k = j;
		for (int j = 0; j < AR_TOTAL; j++)
			if (c[i].result &&
			    !strcmp(c[i].result, annual_case_result_code[j]))
				res = j;
		day_of(c[i].filed_on, f);
		day_of(c[i].decided_on, d);
		if (k < 0 || res < 0) {
			list_add(a, problems, nproblems, arena_printf(a,
				"案件 %lld 的类型或结果无法识别，未计入表四",
				(long long)c[i].id));
			continue;
		}
		if (!*f || strcmp(f, E) > 0)
			continue;	/* filed after the year */
		if (*d && strcmp(d, S) < 0)
			continue;	/* decided before the year */
		if (res != AR_PENDING && !*d) {
			list_add(a, problems, nproblems, arena_printf(a,
				"案件 %lld 有结果「%s」但没有审结日期，按尚未审结计",
				(long long)c[i].id, annual_case_result_label[res]));
			res = AR_PENDING;
		}
		if (*d && strcmp(d, E) > 0)
			res = AR_PENDING;	/* decided after the year */
		t4[k][res]++;
		t4[k][AR_TOTAL]++;
	}
}

/* --- table 二 from the records --- */

/* Is item i of c, or an item above it, named 规范性文件? */
static bool item_is_norms(const struct catalog *c, int i)
{
	for (; i >= 0 && (size_t)i < c->nitems; i = c->items[i].parent)
		if (c->items[i].name && strstr(c->items[i].name, "规范性文件"))
			return true;
	return false;
}

/* Lineages of the items of 'region''s published catalogs that hold
 * normative documents. */
static void norms_lineages(struct store *s, const char *region,
			   struct arena *a, const char ***out, size_t *n)
{
	struct catalog_filter f = { region, 0, CATALOG_PUBLISHED, 0 };
	struct catalog *v;
	size_t nv;

	*out = NULL;
	*n = 0;
	if (store_catalog_list(s, &f, a, &v, &nv) != STORE_OK)
		return;
	for (size_t k = 0; k < nv; k++) {
		struct catalog c;

		if (store_catalog_load(s, v[k].id, a, &c) != STORE_OK)
			continue;
		for (size_t i = 0; i < c.nitems; i++) {
			bool seen = false;

			if (!c.items[i].lineage || !item_is_norms(&c, (int)i))
				continue;
			for (size_t j = 0; j < *n && !seen; j++)
				seen = !strcmp((*out)[j], c.items[i].lineage);
			if (!seen)
				list_add(a, out, n, c.items[i].lineage);
		}
	}
}

/* The China date on which record r stopped being 有效 (first revision whose
 * snapshot says so), into out; "" when no revision tells. */
static void validity_change_day(struct store *s, const struct record *r,
				struct arena *a, char out[11])
{
	struct revision *v;
	size_t n;

	out[0] = 0;
	if (store_revision_list(s, r->id, a, &v, &n) != STORE_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_loads(v[i].snapshot ? v[i].snapshot : "", 0, NULL);
		const char *val = o ? json_string_value(json_object_get(o,
							"validity")) : NULL;
		bool changed = val && strcmp(val, "valid");

		json_decref(o);
		if (changed) {
			if (time_text_date_cn(v[i].at, out))
				day_of(v[i].at, out);
			return;
		}
	}
}

struct norms_count {
	int64_t made, repealed, current;
	int64_t unknown_repealed;	/* 废止 with no date of change */
	int64_t unknown_current;	/* made by E, not 有效, no date */
	size_t lineages;
};

static void count_norms(struct store *s, const struct unit *u, int year,
			const char *const *lin, size_t nlin, struct arena *a,
			struct norms_count *nc)
{
	char S[11], E[11], made[11], chg[11];

	snprintf(S, sizeof(S), "%04d-01-01", year);
	snprintf(E, sizeof(E), "%04d-12-31", year);
	for (size_t l = 0; l < nlin; l++) {
		struct record_filter f = { 0 };
		struct record *v;
		size_t n;
		int64_t total;

		f.lineage = lin[l];
		f.unit_id = u->id;
		f.status = RECORD_PUBLISHED;
		if (store_record_list(s, &f, a, &v, &n, &total) != STORE_OK)
			continue;
		for (size_t i = 0; i < n; i++) {
			const struct record *r = &v[i];

			day_of(r->written_on && *r->written_on ? r->written_on :
			       r->published_on, made);
			if (!*made || strcmp(made, E) > 0)
				continue;
			if (strcmp(made, S) >= 0)
				nc->made++;
			if (r->validity == VALIDITY_VALID) {
				nc->current++;
				continue;
			}
			validity_change_day(s, r, a, chg);
			if (!*chg) {
				nc->unknown_current++;
				if (r->validity == VALIDITY_REPEALED)
					nc->unknown_repealed++;
				continue;
			}
			if (strcmp(chg, E) > 0)
				nc->current++;
			else if (r->validity == VALIDITY_REPEALED &&
				 strcmp(chg, S) >= 0)
				nc->repealed++;
		}
	}
}

/* --- parsing what offices type --- */

/* A count: ASCII digits, at most 12 of them.  -1 if not. */
static int64_t parse_count(const char *s)
{
	int64_t v = 0;
	size_t n = 0;

	for (; *s >= '0' && *s <= '9' && n < 13; s++, n++)
		v = v * 10 + (*s - '0');
	return *s || !n || n > 12 ? -1 : v;
}

/* 万元 with up to 6 decimals → fen; -1 if not. */
static int64_t parse_wan(const char *s)
{
	int64_t w = 0, frac = 0;
	size_t n = 0, d = 0;

	for (; *s >= '0' && *s <= '9' && n < 13; s++, n++)
		w = w * 10 + (*s - '0');
	if (!n || n > 10)
		return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9' && d < 7; s++, d++)
			frac = frac * 10 + (*s - '0');
		if (!d || d > 6)
			return -1;
	}
	if (*s)
		return -1;
	for (; d < 6; d++)
		frac *= 10;
	return w * 1000000 + frac;
}

int annual_t2_parse(const char *json, struct annual_figure t2[T2__MAX],
		    struct errors *err)
{
	json_t *o = json_loads(json && *json ? json : "{}", 0, NULL);
	int rc = 0;

	memset(t2, 0, T2__MAX * sizeof(*t2));
	if (!json_is_object(o)) {
		errors_addf(err, "年报表二的填报数据不是 JSON 对象");
		json_decref(o);
		return -1;
	}
	for (int k = 0; k < T2__MAX; k++) {
		json_t *v = json_object_get(o, annual_t2_key[k]);
		int64_t x = -1;

		if (!v || json_is_null(v))
			continue;
		if (json_is_integer(v) && k != T2_FEES)
			x = json_integer_value(v);
		else if (json_is_string(v) && k == T2_FEES)
			x = parse_wan(json_string_value(v));
		else if (json_is_integer(v))
			x = json_integer_value(v) * 1000000;
		if (x < 0) {
			errors_addf(err, "年报表二的填报数据「%s」无效",
				    annual_t2_key[k]);
			rc = -1;
			continue;
		}
		t2[k].value = x;
		t2[k].source = AS_ENTERED;
	}
	json_decref(o);
	return rc;
}

/* --- the report --- */

static const char *const government_kinds[] = {
	"人民政府", "乡镇人民政府", "镇人民政府", "乡人民政府", "街道办事处",
};

bool annual_unit_is_government(const struct unit *u)
{
	for (size_t i = 0; u->kind && i < sizeof(government_kinds) /
	     sizeof(government_kinds[0]); i++)
		if (!strcmp(u->kind, government_kinds[i]))
			return true;
	return false;
}

/* "全区", "全市", "全县", "全街道" … for a region's fee sentence. */
static const char *whole_region(const char *name, struct arena *a)
{
	static const char *const ends[] = { "街道", "区", "市", "县", "镇", "乡",
					    "省", "旗" };
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t k = strlen(ends[i]);

		if (n >= k && !strcmp(name + n - k, ends[i]))
			return arena_printf(a, "全%s", ends[i]);
	}
	return "本地区";
}

/* The year a paid fee belongs to: the day of its fee_paid step, else the
 * reply, else the receipt. */
static void fee_day(struct store *s, const struct request *q, struct arena *a,
		    char out[11])
{
	struct request_step *ev;
	size_t n;

	day_of(q->replied_on ? q->replied_on : q->received_on, out);
	if (store_request_steps(s, q->id, a, &ev, &n) != STORE_OK)
		return;
	for (size_t i = 0; i < n; i++)
		if (ev[i].kind && !strcmp(ev[i].kind, "fee_paid")) {
			day_of(ev[i].day, out);
			return;
		}
}

static int compute(struct store *s, int year, struct arena *a,
		   struct annual_report *out, struct errors *err)
{
	char S[11], E[11], to[11], day[11];
	struct notes notes = { 0 };
	struct norms_count nc = { 0 };
	const char **lin;
	size_t nlin;
	const char *scope;

	snprintf(S, sizeof(S), "%04d-01-01", year);
	snprintf(E, sizeof(E), "%04d-12-31", year);
	snprintf(to, sizeof(to), "%04d-12-31", year);

	/* the office's texts and entered figures */
	out->overview = out->problems = out->other = "";
	if (out->unit_id) {
		struct annual_report_text t;
		enum store_rc rc = store_annual_report_get(s, out->unit_id, year,
							   a, &t);

		if (rc == STORE_OK) {
			out->have_text = true;
			out->overview = t.overview ? t.overview : "";
			out->problems = t.problems ? t.problems : "";
			out->other = t.other ? t.other : "";
			out->published_at = t.published_at;
			out->updated_at = t.updated_at;
			if (annual_t2_parse(t.table2, out->t2, err))
				return -1;
		} else if (rc != STORE_NOTFOUND) {
			errors_addf(err, "读取年报内容失败");
			return -1;
		}
	}

	/* tables 三 and 四, the fees, table 二's counts */
	if (out->nunits)
		norms_lineages(s, out->units[0].region_code, a, &lin, &nlin);
	else
		lin = NULL, nlin = 0;
	for (size_t u = 0; u < out->nunits; u++) {
		struct request *rq;
		struct request_case *cs;
		size_t nrq, ncs;

		if (store_request_received_between(s, out->units[u].id,
						   "0000-01-01", to, a, &rq,
						   &nrq) != STORE_OK ||
		    store_request_cases(s, out->units[u].id, "0000-01-01", to, a,
					&cs, &ncs) != STORE_OK) {
			errors_addf(err, "读取%s的依申请公开记录失败",
				    out->units[u].name);
			return -1;
		}
		annual_count_requests(rq, nrq, year, out->t3, a,
				      &out->problems_found, &out->nproblems);
		annual_count_cases(cs, ncs, year, out->t4, a,
				   &out->problems_found, &out->nproblems);
		for (size_t i = 0; i < nrq; i++) {
			if (!rq[i].fee_state || strcmp(rq[i].fee_state, "paid") ||
			    rq[i].fee_fen <= 0)
				continue;
			fee_day(s, &rq[i], a, day);
			if (strcmp(day, S) >= 0 && strcmp(day, E) <= 0)
				out->fees_fen += rq[i].fee_fen;
		}
		count_norms(s, &out->units[u], year, lin, nlin, a, &nc);
	}
	out->balanced = annual_check(out->t3, out->balance);
	for (int c = 0; c < AC__MAX; c++) {
		const struct annual_balance *b = &out->balance[c];

		if (!b->ok)
			list_add(a, &out->problems_found, &out->nproblems,
				 arena_printf(a, "表三「%s」列不平衡：本年新收 %lld + "
					      "上年结转 %lld ≠ 办理结果总计 %lld + "
					      "结转下年度 %lld", annual_col_label[c],
					      (long long)b->received,
					      (long long)b->carried_in,
					      (long long)b->total,
					      (long long)b->carried_out));
	}

	/* table 二: the counts where the records can give them */
	if (nlin) {
		out->t2[T2_NORMS_MADE].derivable = true;
		out->t2[T2_NORMS_MADE].value_data = nc.made;
		out->t2[T2_NORMS_REPEALED].derivable = nc.unknown_repealed == 0;
		out->t2[T2_NORMS_REPEALED].value_data = nc.repealed;
		out->t2[T2_NORMS_CURRENT].derivable = nc.unknown_current == 0;
		out->t2[T2_NORMS_CURRENT].value_data = nc.current;
	}
	for (int k = 0; k < T2__MAX; k++)
		if (out->t2[k].source != AS_ENTERED && out->t2[k].derivable) {
			out->t2[k].value = out->t2[k].value_data;
			out->t2[k].source = AS_DATA;
		}

	/* where the figures come from */
	scope = out->region_wide ?
		arena_printf(a, "%s本级各单位（%zu 个，不含下级地区）",
			     out->region_name, out->nunits) : "本单位";
	note_add(a, &notes, "表三、表四由平台根据%s的依申请公开记录统计：申请按收到"
		 "申请之日计入本年新收，按答复日期计入本年度办理结果；行政复议、"
		 "行政诉讼案件按立案和审结日期统计。", scope);
	if (nlin)
		note_add(a, &notes, "表二“行政规范性文件”一行可由平台统计：%s归入"
			 "“规范性文件”目录事项并已发布的信息，按成文日期计本年制发，"
			 "按有效性及其修改记录计本年废止和现行有效。", scope);
	else
		note_add(a, &notes, "本地区已发布的公开目录中没有“规范性文件”事项，"
			 "表二各项均由单位填报。");
	if (nc.unknown_repealed || nc.unknown_current)
		note_add(a, &notes, "有 %lld 件规范性文件已失效或废止，但平台没有其"
			 "有效性变化的日期（如导入时即为废止），相应数字须由单位"
			 "填报。", (long long)nc.unknown_current);
	{
		struct buf d = BUF_INIT, e = BUF_INIT, m = BUF_INIT;

		for (int k = 0; k < T2__MAX; k++) {
			struct buf *b = out->t2[k].source == AS_DATA ? &d :
				out->t2[k].source == AS_ENTERED ? &e : &m;

			buf_adds(b, b->len ? "、" : "");
			buf_adds(b, t2_cell_label(k, a));
		}
		if (d.len)
			note_add(a, &notes, "表二中由平台统计的数字：%s。", d.buf);
		if (e.len)
			note_add(a, &notes, "表二中由单位填报的数字：%s。", e.buf);
		if (m.len)
			note_add(a, &notes, "表二中尚未填报的数字（暂按 0 显示）：%s。",
				 m.buf);
		buf_release(&d);
		buf_release(&e);
		buf_release(&m);
	}
	out->notes = notes.v;
	out->nnotes = notes.n;

	/* section 六's sentence on 信息处理费 */
	scope = out->region_wide ? whole_region(out->region_name, a) : "本机关";
	out->fee_sentence = out->fees_fen > 0 ?
		arena_printf(a, "依据《政府信息公开信息处理费管理办法》规定，%d年%s"
			     "实际收取信息处理费共计%s元。", year, scope,
			     annual_yuan(a, out->fees_fen)) :
		arena_printf(a, "依据《政府信息公开信息处理费管理办法》规定，%d年%s"
			     "未收取信息处理费。", year, scope);
	return 0;
}

static int check_year(int year, struct errors *err)
{
	if (year < ANNUAL_YEAR_MIN || year > ANNUAL_YEAR_MAX) {
		errors_addf(err, "年份 %d 不在 %d 到 %d 之间", year,
			    ANNUAL_YEAR_MIN, ANNUAL_YEAR_MAX);
		return -1;
	}
	return 0;
}

static void frame(struct annual_report *out, int year, struct arena *a)
{
	out->title = arena_printf(a, "%s%d年政府信息公开工作年度报告",
				  out->unit_id ? out->unit_name :
				  out->region_name, year);
}

int annual_report_for_unit(struct store *s, int64_t unit_id, int year,
			   struct arena *a, struct annual_report *out,
			   struct errors *err)
{
	struct unit u;
	struct region r;

	memset(out, 0, sizeof(*out));
	if (check_year(year, err))
		return -1;
	if (store_unit_get(s, unit_id, a, &u, NULL) != STORE_OK) {
		errors_addf(err, "没有编号为 %lld 的单位", (long long)unit_id);
		return -1;
	}
	out->year = year;
	out->unit_id = u.id;
	out->unit_name = u.name;
	out->region_code = u.region_code;
	out->region_name = store_region_get(s, u.region_code, a, &r) ==
		STORE_OK ? r.name : u.region_code;
	out->region_wide = annual_unit_is_government(&u);
	if (out->region_wide) {
		if (store_unit_list(s, u.region_code, a, &out->units,
				    &out->nunits) != STORE_OK) {
			errors_addf(err, "读取%s的单位失败", out->region_name);
			return -1;
		}
	} else {
		out->units = arena_alloc(a, sizeof(*out->units));
		out->units[0] = u;
		out->nunits = 1;
	}
	frame(out, year, a);
	return compute(s, year, a, out, err);
}

int annual_report_for_region(struct store *s, const char *code, int year,
			     struct arena *a, struct annual_report *out,
			     struct errors *err)
{
	struct region r;
	struct unit *v;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (check_year(year, err))
		return -1;
	if (!code || store_region_get(s, code, a, &r) != STORE_OK) {
		errors_addf(err, "没有区划代码为 %s 的地区", code ? code : "");
		return -1;
	}
	if (store_unit_list(s, code, a, &v, &n) != STORE_OK) {
		errors_addf(err, "读取%s的单位失败", r.name);
		return -1;
	}
	for (size_t k = 0; k < sizeof(government_kinds) /
	     sizeof(government_kinds[0]); k++)
		for (size_t i = 0; i < n; i++)
			if (v[i].kind && !strcmp(v[i].kind, government_kinds[k]))
				return annual_report_for_unit(s, v[i].id, year,
							      a, out, err);
	out->year = year;
	out->region_wide = true;
	out->region_code = r.code;
	out->region_name = r.name;
	out->units = v;
	out->nunits = n;
	frame(out, year, a);
	return compute(s, year, a, out, err);
}

/* --- writing --- */

static json_t *text_json(const struct annual_report_text *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "overview", json_string(t->overview));
	json_object_set_new(o, "problems", json_string(t->problems));
	json_object_set_new(o, "other", json_string(t->other));
	json_object_set_new(o, "table2", json_loads(t->table2, 0, NULL));
	json_object_set_new(o, "published_at", t->published_at ?
			    json_string(t->published_at) : json_null());
	return o;
}

static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return s;
}

/* The unit, with authorisation; fills the current text (empty when none)
 * and whether it existed. */
static int load_for_write(struct store *s, const struct actor *who,
			  int64_t unit_id, int year, struct arena *a,
			  struct unit *u, struct annual_report_text *t,
			  struct errors *err)
{
	enum store_rc rc;

	if (check_year(year, err))
		return -1;
	if (store_unit_get(s, unit_id, a, u, NULL) != STORE_OK) {
		errors_addf(err, "没有编号为 %lld 的单位", (long long)unit_id);
		return -1;
	}
	if (authz_require(s, who, AZ_REPORT_EDIT, u->id, u->region_code, err))
		return -1;
	rc = store_annual_report_get(s, unit_id, year, a, t);
	if (rc == STORE_NOTFOUND) {
		memset(t, 0, sizeof(*t));
		t->unit_id = unit_id;
		t->year = year;
		t->overview = t->problems = t->other = "";
		t->table2 = "{}";
	} else if (rc != STORE_OK) {
		errors_addf(err, "读取年报内容失败");
		return -1;
	}
	return 0;
}

static const char *checked_text(const char *v, const char *old,
				const char *label, struct errors *err)
{
	if (!v)
		return old;
	if (strlen(v) > ANNUAL_TEXT_MAX) {
		errors_addf(err, "「%s」太长（最多 %u 字节）", label,
			    ANNUAL_TEXT_MAX);
		return old;
	}
	if (!utf8_valid(v, strlen(v))) {
		errors_addf(err, "「%s」不是有效的 UTF-8 文字", label);
		return old;
	}
	return v;
}

static int write_text(struct store *s, const struct actor *who,
		      const struct unit *u, const struct annual_report_text *old,
		      const struct annual_report_text *t, bool existed,
		      const char *action, const char *detail,
		      struct errors *err)
{
	char *before = existed ? dump(text_json(old)) : NULL;
	char *after = dump(text_json(t));
	char id[48];
	int rc = -1;

	snprintf(id, sizeof(id), "%lld/%d", (long long)u->id, t->year);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_annual_report_put(s, t, err) == STORE_OK &&
	    audit_append(s, who, action, "annual_report", id, u->region_code,
			 u->id, before, after, detail, err) == 0 &&
	    store_commit(s, err) == STORE_OK)
		rc = 0;
	else
		store_rollback(s);
out:
	free(before);
	free(after);
	return rc;
}

int annual_report_save(struct store *s, const struct actor *who,
		       int64_t unit_id, int year, const struct annual_input *in,
		       struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct unit u;
	struct annual_report_text old, t;
	json_t *t2;
	char *t2text;
	size_t before = errors_count(err);
	bool existed;
	int rc = -1;

	if (load_for_write(s, who, unit_id, year, &a, &u, &old, err))
		goto out;
	existed = old.updated_at != NULL;
	t = old;
	t.overview = checked_text(in->overview, old.overview, ANNUAL_SEC1, err);
	t.problems = checked_text(in->problems, old.problems,
				  ANNUAL_SEC5, err);
	t.other = checked_text(in->other, old.other, ANNUAL_SEC6, err);
	t2 = json_object();
	for (int k = 0; k < T2__MAX; k++) {
		struct buf v = BUF_INIT;
		int64_t x;

		utf8_trim(&v, in->t2[k] ? in->t2[k] : "");
		if (!v.len) {
			buf_release(&v);
			continue;
		}
		x = k == T2_FEES ? parse_wan(v.buf) : parse_count(v.buf);
		if (x < 0)
			errors_addf(err, "表二「%s」应为%s，而不是「%s」",
				    t2_cell_label(k, &a), k == T2_FEES ?
				    "不小于 0 的金额（万元，最多 6 位小数）" :
				    "不小于 0 的整数", v.buf);
		else if (k == T2_FEES)
			json_object_set_new(t2, annual_t2_key[k],
				json_string(annual_wan_yuan(&a, x)));
		else
			json_object_set_new(t2, annual_t2_key[k],
					    json_integer(x));
		buf_release(&v);
	}
	t2text = json_dumps(t2, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(t2);
	t.table2 = arena_strdup(&a, t2text);
	free(t2text);
	if (errors_count(err) > before)
		goto out;
	rc = write_text(s, who, &u, &old, &t, existed, "report.save",
			arena_printf(&a, "保存%s%d年政府信息公开工作年度报告", u.name,
				     year), err);
out:
	arena_release(&a);
	return rc;
}

static bool blank(const char *s)
{
	struct buf b = BUF_INIT;
	bool r;

	utf8_trim(&b, s ? s : "");
	r = b.len == 0;
	buf_release(&b);
	return r;
}

int annual_report_publish(struct store *s, const struct actor *who,
			  int64_t unit_id, int year, bool publish,
			  struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct unit u;
	struct annual_report_text old, t;
	struct annual_report rep;
	char now[TIME_TEXT_LEN];
	size_t before = errors_count(err);
	int rc = -1;

	if (load_for_write(s, who, unit_id, year, &a, &u, &old, err))
		goto out;
	if (!publish) {
		if (!old.published_at) {
			errors_addf(err, "该年报尚未发布");
			goto out;
		}
		t = old;
		t.published_at = NULL;
		rc = write_text(s, who, &u, &old, &t, true, "report.unpublish",
				arena_printf(&a, "撤回%s%d年政府信息公开工作年度报告",
					     u.name, year), err);
		goto out;
	}
	if (!old.updated_at) {
		errors_addf(err, "请先填写并保存年报的总体情况等内容");
		goto out;
	}
	if (annual_report_for_unit(s, unit_id, year, &a, &rep, err))
		goto out;
	if (blank(old.overview))
		errors_addf(err, "「" ANNUAL_SEC1 "」尚未填写");
	if (blank(old.problems))
		errors_addf(err, "「" ANNUAL_SEC5 "」尚未填写");
	for (int k = 0; k < T2__MAX; k++)
		if (rep.t2[k].source == AS_NONE)
			errors_addf(err, "表二「%s」尚未填报（没有则填 0）",
				    t2_cell_label(k, &a));
	if (!rep.balanced) {
		for (size_t i = 0; i < rep.nproblems; i++)
			errors_addf(err, "%s", rep.problems_found[i]);
		errors_addf(err, "表三不平衡，请核对上述申请的日期和办理结果");
	}
	if (errors_count(err) > before)
		goto out;
	time_now_text(now);
	t = old;
	t.published_at = now;
	rc = write_text(s, who, &u, &old, &t, true, "report.publish",
			arena_printf(&a, "发布%s", rep.title), err);
out:
	arena_release(&a);
	return rc;
}
