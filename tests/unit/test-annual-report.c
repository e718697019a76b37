/* test-annual-report.c: the annual report (domain/annual-report.c) on a
 * real database file filled through the store API — a generated year of a
 * few hundred applications (fixed seed: every applicant kind, every leaf
 * row of table 三, applications received the year before and answered in
 * the year, some still open at its end, some answered after it) and of
 * review and litigation cases.  Every column must balance and every
 * figure must equal a count made here directly from the generated data;
 * table 四 likewise; a region's report counts its own units and not those
 * of the regions below; fees, table 二 (entered and derived from records
 * under a 规范性文件 item, with dates from the revision history), saving,
 * publishing, and data that does not balance.
 */
#include "t.h"

#include "domain/annual-report.h"
#include "domain/request.h"
#include "store/store.h"

#define YEAR 2025
#define NAPPS 420
#define NSTREET 40
#define NCASES 60

/* --- dates as day numbers (proleptic Gregorian, days from 1970-01-01) --- */

static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_text(long z, char out[11])
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	snprintf(out, 11, "%04ld-%02ld-%02ld", y, m, d);
}

/* --- a fixed-seed generator --- */

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static const char *const kinds[6] = { "person", "commercial", "research",
				      "nonprofit", "legal", "other" };
static const char *const leaves[21] = {
	"1", "2", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8",
	"4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "5.4", "5.5", "6.1", "6.2",
	"6.3",
};

struct gen_app {
	int64_t unit;
	int kind;
	long recv, rep;		/* rep -1: not answered */
	int leaf;
	int64_t fee_fen;	/* paid fee, 0 if none */
	long fee_day;		/* day of the fee_paid step, -1 if none */
};

struct gen_case {
	int64_t unit;
	int kind, result;	/* result 3 = pending */
	long filed, decided;	/* decided -1: none */
};

struct world {
	struct store *s;
	int64_t gov, dept, street;	/* unit ids */
	struct gen_app apps[NAPPS + NSTREET];
	size_t napps;
	struct gen_case cases[NCASES];
	size_t ncases;
};

static struct store *fresh(const char *name)
{
	char path[300];
	struct errors err = ERRORS_INIT;
	struct store *s = store_open(t_tmp(name, path, sizeof(path)),
				     STORE_OPEN_CREATE, &err);

	if (s && store_migrate(s, &err) != STORE_OK) {
		store_close(s);
		s = NULL;
	}
	errors_print(&err, stderr);
	errors_release(&err);
	return s;
}

static int64_t add_unit(struct store *s, const char *name, const char *kind,
			const char *region)
{
	struct unit u = { 0 };
	struct errors err = ERRORS_INIT;

	u.name = name;
	u.kind = kind;
	u.region_code = region;
	if (store_unit_add(s, &u, &err) != STORE_OK)
		errors_print(&err, stderr);
	errors_release(&err);
	return u.id;
}

static int insert_app(struct store *s, const struct gen_app *g, size_t i)
{
	struct request r = { 0 };
	struct errors err = ERRORS_INIT;
	char recv[11], rep[11], code[16], fee[11];
	int64_t id;
	int rc = 0;

	civil_text(g->recv, recv);
	snprintf(code, sizeof(code), "T%05zu", i);
	r.unit_id = g->unit;
	r.code = code;
	r.applicant_kind = kinds[g->kind];
	r.name = g->kind ? "某某有限公司" : "张三";
	r.info_name = "某项政府信息";
	r.forms = "纸质";
	r.delivery = "邮寄";
	r.channel = "online";
	r.submitted_on = recv;
	r.received_on = recv;
	r.created_by = "test";
	r.status = "handling";
	if (g->rep >= 0) {
		civil_text(g->rep, rep);
		r.replied_on = rep;
		r.outcome = leaves[g->leaf];
		r.status = "replied";
	}
	if (g->fee_fen) {
		r.fee_method = "per_item";
		r.fee_units = 11;
		r.fee_fen = g->fee_fen;
		r.fee_state = "paid";
	}
	if (store_request_insert(s, &r, &id, &err) != STORE_OK)
		rc = -1;
	if (!rc && g->fee_day >= 0) {
		struct request_step st = { 0 };

		civil_text(g->fee_day, fee);
		st.request_id = id;
		st.kind = "fee_paid";
		st.day = fee;
		st.actor = "test";
		if (store_request_step_add(s, &st, NULL, &err) != STORE_OK)
			rc = -1;
	}
	errors_print(&err, stderr);
	errors_release(&err);
	return rc;
}

static int insert_case(struct store *s, const struct gen_case *g)
{
	static const char *const ck[3] = { "review", "suit_direct",
					   "suit_after_review" };
	static const char *const cr[4] = { "upheld", "corrected", "other",
					   "pending" };
	struct request_case c = { 0 };
	struct errors err = ERRORS_INIT;
	char f[11], d[11];
	int rc = 0;

	civil_text(g->filed, f);
	c.unit_id = g->unit;
	c.kind = ck[g->kind];
	c.result = cr[g->result];
	c.filed_on = f;
	if (g->decided >= 0) {
		civil_text(g->decided, d);
		c.decided_on = d;
	}
	if (store_request_case_add(s, &c, NULL, &err) != STORE_OK)
		rc = -1;
	errors_print(&err, stderr);
	errors_release(&err);
	return rc;
}

/* Receipt and reply (0: none) on the edges of the year. */
static const struct edge {
	int ry, rm, rd, py, pm, pd;
} edges[] = {
	{ 2024, 12, 31, 2025, 1, 1 },	/* carried in, answered in the year */
	{ 2024, 12, 20, 2024, 12, 31 },	/* done before the year: nowhere */
	{ 2025, 1, 1, 2025, 12, 31 },	/* first day in, last day out */
	{ 2025, 12, 31, 2026, 1, 1 },	/* last day in, answered next year */
	{ 2025, 12, 31, 0, 0, 0 },	/* last day in, open */
	{ 2026, 1, 1, 2026, 1, 5 },	/* next year's: nowhere */
	{ 2024, 11, 1, 2025, 12, 31 },	/* carried in, answered on the last day */
	{ 2024, 11, 1, 0, 0, 0 },	/* carried in and out */
};
#define NEDGES (sizeof(edges) / sizeof(edges[0]))

/* Regions 430104 (岳麓区) and 430104002 (望月湖街道, below it); units: the
 * district government, a department, the street's office.  Then the
 * generated year. */
static int build(struct world *w, const char *name)
{
	struct region top = { "430000", "湖南省", "省", NULL, NULL };
	struct region city = { "430100", "长沙市", "市", "430000", NULL };
	struct region dist = { "430104", "岳麓区", "县", "430100", NULL };
	struct region street = { "430104002", "望月湖街道", "乡", "430104",
				 NULL };
	struct errors err = ERRORS_INIT;
	long S = days_from_civil(YEAR, 1, 1);

	memset(w, 0, sizeof(*w));
	if (!(w->s = fresh(name)))
		return -1;
	store_region_put(w->s, &top, &err);
	store_region_put(w->s, &city, &err);
	store_region_put(w->s, &dist, &err);
	store_region_put(w->s, &street, &err);
	errors_release(&err);
	w->gov = add_unit(w->s, "岳麓区人民政府", "人民政府", "430104");
	w->dept = add_unit(w->s, "岳麓区民政局", "政府部门", "430104");
	w->street = add_unit(w->s, "望月湖街道办事处", "街道办事处", "430104002");
	if (!w->gov || !w->dept || !w->street)
		return -1;

	rng_state = 20250131;
	for (size_t i = 0; i < NAPPS + NSTREET; i++) {
		struct gen_app *g = &w->apps[w->napps++];

		g->unit = i >= NAPPS ? w->street : rnd(3) ? w->gov : w->dept;
		g->kind = (int)rnd(6);
		g->leaf = (int)rnd(21);
		g->fee_day = -1;
		if (i < 63) {
			/* every leaf row, three times, answered in the year */
			g->leaf = (int)(i % 21);
			g->kind = (int)(i % 6);
			g->recv = S + 10 + (long)rnd(280);
			g->rep = g->recv + 1 + (long)rnd(30);
			continue;
		}
		if (i >= 63 && i < 63 + NEDGES) {
			/* the year's edges, day by day */
			const struct edge *e = &edges[i - 63];

			g->recv = days_from_civil(e->ry, e->rm, e->rd);
			g->rep = e->py ? days_from_civil(e->py, e->pm, e->pd) : -1;
			continue;
		}
		/* from 2024-10-01 to the end of the year */
		g->recv = days_from_civil(2024, 10, 1) + (long)rnd(457);
		switch (rnd(10)) {
		case 0: case 1:
			g->rep = -1;	/* still open */
			break;
		default:
			/* 0–45 days: some before the year, some after it */
			g->rep = g->recv + (long)rnd(46);
			break;
		}
		if (rnd(8) == 0) {
			g->fee_fen = 10000 * (1 + (long)rnd(5));
			if (rnd(2))
				g->fee_day = g->recv + (long)rnd(20);
		}
	}
	for (size_t i = 0; i < NCASES; i++) {
		struct gen_case *c = &w->cases[w->ncases++];

		c->unit = i % 7 == 6 ? w->street : i % 2 ? w->gov : w->dept;
		c->kind = (int)(i % 3);
		c->result = (int)rnd(4);
		c->filed = days_from_civil(2024, 6, 1) + (long)rnd(579);
		c->decided = c->result == 3 ? -1 : c->filed + 10 + (long)rnd(200);
		switch (i) {	/* the year's edges */
		case 0:
			c->filed = days_from_civil(YEAR, 12, 31);
			c->decided = days_from_civil(YEAR + 1, 1, 1);
			c->result = 0;
			break;
		case 2:
			c->filed = days_from_civil(YEAR - 1, 5, 1);
			c->decided = days_from_civil(YEAR - 1, 12, 31);
			c->result = 1;
			break;
		case 4:
			c->filed = days_from_civil(YEAR - 1, 5, 1);
			c->decided = days_from_civil(YEAR, 1, 1);
			c->result = 2;
			break;
		case 8:
			c->filed = days_from_civil(YEAR - 1, 1, 1);
			c->decided = -1;
			c->result = 3;
			break;
		case 10:
			c->filed = days_from_civil(YEAR, 6, 1);
			c->decided = days_from_civil(YEAR, 12, 31);
			c->result = 0;
			break;
		}
	}
	if (store_begin(w->s, &err) != STORE_OK)
		return -1;
	for (size_t i = 0; i < w->napps; i++)
		if (insert_app(w->s, &w->apps[i], i))
			return -1;
	for (size_t i = 0; i < w->ncases; i++)
		if (insert_case(w->s, &w->cases[i]))
			return -1;
	if (store_commit(w->s, &err) != STORE_OK)
		return -1;
	errors_release(&err);
	return 0;
}

/* Table 三 counted here, straight from the generated applications of the
 * units 'in' (the definitions of annual-report.h, by day numbers). */
static void direct_t3(const struct world *w, bool (*in)(const struct world *,
							int64_t),
		      int64_t t[ANNUAL_T3_NROWS][AC__MAX])
{
	long S = days_from_civil(YEAR, 1, 1), E = days_from_civil(YEAR, 12, 31);
	int recv = annual_t3_index("received"), cin = annual_t3_index("carried_in");
	int tot = annual_t3_index("total"), cout = annual_t3_index("carried_out");

	memset(t, 0, sizeof(int64_t) * ANNUAL_T3_NROWS * AC__MAX);
	for (size_t i = 0; i < w->napps; i++) {
		const struct gen_app *g = &w->apps[i];

		if (!in(w, g->unit) || g->recv > E)
			continue;
		if (g->recv >= S)
			t[recv][g->kind]++;
		else if (g->rep < 0 || g->rep >= S)
			t[cin][g->kind]++;
		if (g->rep >= S && g->rep <= E) {
			t[annual_t3_index(leaves[g->leaf])][g->kind]++;
			t[tot][g->kind]++;
		}
		if (g->rep < 0 || g->rep > E)
			t[cout][g->kind]++;
	}
	for (int r = 0; r < ANNUAL_T3_NROWS; r++)
		for (int c = 0; c < AC_TOTAL; c++)
			t[r][AC_TOTAL] += t[r][c];
}

static void direct_t4(const struct world *w, bool (*in)(const struct world *,
							int64_t),
		      int64_t t[AK__MAX][AR__MAX])
{
	long S = days_from_civil(YEAR, 1, 1), E = days_from_civil(YEAR, 12, 31);

	memset(t, 0, sizeof(int64_t) * AK__MAX * AR__MAX);
	for (size_t i = 0; i < w->ncases; i++) {
		const struct gen_case *c = &w->cases[i];
		int col;

		if (!in(w, c->unit) || c->filed > E ||
		    (c->decided >= 0 && c->decided < S))
			continue;
		col = c->decided >= 0 && c->decided <= E && c->result != 3 ?
			c->result : AR_PENDING;
		t[c->kind][col]++;
		t[c->kind][AR_TOTAL]++;
	}
}

static bool in_district(const struct world *w, int64_t unit)
{
	return unit == w->gov || unit == w->dept;
}

static bool in_dept(const struct world *w, int64_t unit)
{
	return unit == w->dept;
}

static bool in_street(const struct world *w, int64_t unit)
{
	return unit == w->street;
}

static int compare_t3(const int64_t want[ANNUAL_T3_NROWS][AC__MAX],
		      int64_t got[ANNUAL_T3_NROWS][AC__MAX], char *why,
		      size_t n)
{
	for (int r = 0; r < ANNUAL_T3_NROWS; r++)
		for (int c = 0; c < AC__MAX; c++)
			if (annual_t3_rows[r].figures && want[r][c] != got[r][c]) {
				snprintf(why, n, "row %s column %s: %lld, counted "
					 "directly %lld", annual_t3_rows[r].code,
					 annual_col_label[c], (long long)got[r][c],
					 (long long)want[r][c]);
				return -1;
			}
	return 0;
}

/* --- the tests --- */

TEST(test_annual__region_balances_and_matches_direct_count)
{
	struct world *w = calloc(1, sizeof(*w));
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct annual_report r;
	int64_t want[ANNUAL_T3_NROWS][AC__MAX];
	char why[300];
	int64_t carried_in = 0, open_end = 0, after = 0;

	CHECK(build(w, "region.db") == 0);
	CHECK(annual_report_for_region(w->s, "430104", YEAR, &a, &r, &err) == 0);
	CHECK(r.region_wide);
	CHECK_INT(r.unit_id, w->gov);
	CHECK_INT(r.nunits, 2);		/* not the street below */
	CHECK_STR(r.title, "岳麓区人民政府2025年政府信息公开工作年度报告");
	CHECK(r.balanced);
	for (int c = 0; c < AC__MAX; c++) {
		CHECK(r.balance[c].ok);
		CHECK_INT(r.balance[c].received + r.balance[c].carried_in,
			  r.balance[c].total + r.balance[c].carried_out);
	}
	direct_t3(w, in_district, want);
	if (compare_t3(want, r.t3, why, sizeof(why)))
		T_FAIL("%s", why);
	/* the generated year exercises what it should */
	for (int i = 0; i < ANNUAL_T3_NROWS; i++)
		if (annual_t3_rows[i].figures && r.t3[i][AC_TOTAL] == 0 &&
		    strcmp(annual_t3_rows[i].code, "carried_in"))
			T_FAIL("row %s is empty", annual_t3_rows[i].code);
	for (int c = 0; c < AC_TOTAL; c++)
		CHECK(r.t3[annual_t3_index("received")][c] > 0);
	carried_in = r.t3[annual_t3_index("carried_in")][AC_TOTAL];
	open_end = r.t3[annual_t3_index("carried_out")][AC_TOTAL];
	for (size_t i = 0; i < w->napps; i++)
		if (in_district(w, w->apps[i].unit) && w->apps[i].rep >
		    days_from_civil(YEAR, 12, 31) &&
		    w->apps[i].recv <= days_from_civil(YEAR, 12, 31))
			after++;
	CHECK(carried_in > 10);
	CHECK(open_end > 10);
	CHECK(after > 0);	/* answered next year: carried out, not done */
	CHECK_INT(r.nproblems, 0);
	store_close(w->s);
	free(w);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_annual__unit_and_lower_region_counted_apart)
{
	struct world *w = calloc(1, sizeof(*w));
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct annual_report r, st, gov;
	int64_t want[ANNUAL_T3_NROWS][AC__MAX];
	char why[300];

	CHECK(build(w, "unit.db") == 0);
	CHECK(annual_report_for_unit(w->s, w->dept, YEAR, &a, &r, &err) == 0);
	CHECK(!r.region_wide);
	CHECK_INT(r.nunits, 1);
	CHECK(r.balanced);
	direct_t3(w, in_dept, want);
	if (compare_t3(want, r.t3, why, sizeof(why)))
		T_FAIL("department: %s", why);
	/* the street reports for its own region */
	CHECK(annual_report_for_unit(w->s, w->street, YEAR, &a, &st, &err) == 0);
	CHECK(st.region_wide);
	CHECK(st.balanced);
	direct_t3(w, in_street, want);
	if (compare_t3(want, st.t3, why, sizeof(why)))
		T_FAIL("street: %s", why);
	/* --unit of the government is the region's report */
	CHECK(annual_report_for_unit(w->s, w->gov, YEAR, &a, &gov, &err) == 0);
	CHECK(gov.region_wide);
	direct_t3(w, in_district, want);
	if (compare_t3(want, gov.t3, why, sizeof(why)))
		T_FAIL("government: %s", why);
	/* a region with no unit has an empty, balanced report */
	{
		struct region none = { "430105", "开福区", "县", "430100", NULL };
		struct annual_report e;

		store_region_put(w->s, &none, &err);
		CHECK(annual_report_for_region(w->s, "430105", YEAR, &a, &e,
					       &err) == 0);
		CHECK(e.balanced);
		CHECK_INT(e.unit_id, 0);
		CHECK_STR(e.title, "开福区2025年政府信息公开工作年度报告");
	}
	CHECK(annual_report_for_region(w->s, "999999", YEAR, &a, &r, &err) == -1);
	CHECK(annual_report_for_unit(w->s, 9999, YEAR, &a, &r, &err) == -1);
	CHECK(annual_report_for_unit(w->s, w->dept, 1999, &a, &r, &err) == -1);
	store_close(w->s);
	free(w);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_annual__table4_matches_cases)
{
	struct world *w = calloc(1, sizeof(*w));
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct annual_report r;
	int64_t want[AK__MAX][AR__MAX];
	int64_t pending = 0, decided = 0;

	CHECK(build(w, "cases.db") == 0);
	CHECK(annual_report_for_region(w->s, "430104", YEAR, &a, &r, &err) == 0);
	direct_t4(w, in_district, want);
	for (int j = 0; j < AK__MAX; j++)
		for (int k = 0; k < AR__MAX; k++) {
			if (want[j][k] != r.t4[j][k])
				T_FAIL("%s %s: %lld, counted directly %lld",
				       annual_case_kind_label[j],
				       annual_case_result_label[k],
				       (long long)r.t4[j][k],
				       (long long)want[j][k]);
			if (k == AR_PENDING)
				pending += r.t4[j][k];
			else if (k != AR_TOTAL)
				decided += r.t4[j][k];
		}
	for (int j = 0; j < AK__MAX; j++)
		CHECK_INT(r.t4[j][AR_TOTAL], r.t4[j][AR_UPHELD] +
			  r.t4[j][AR_CORRECTED] + r.t4[j][AR_OTHER] +
			  r.t4[j][AR_PENDING]);
	CHECK(pending > 0 && decided > 0);
	store_close(w->s);
	free(w);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_annual__fees_of_the_year)
{
	struct world *w = calloc(1, sizeof(*w));
	struct arena a = ARENA_INIT;
	struct errors err = ERRORS_INIT;
	struct annual_report r;
	long S = days_from_civil(YEAR, 1, 1), E = days_from_civil(YEAR, 12, 31);
	int64_t fen = 0;
	char want[200];

	CHECK(build(w, "fees.db") == 0);
	for (size_t i = 0; i < w->napps; i++) {
		const struct gen_app *g = &w->apps[i];
		long day = g->fee_day >= 0 ? g->fee_day : g->rep >= 0 ? g->rep :
			g->recv;

		if (in_district(w, g->unit) && g->fee_fen && day >= S && day <= E)
			fen += g->fee_fen;
	}
	CHECK(fen > 0);
	CHECK(annual_report_for_region(w->s, "430104", YEAR, &a, &r, &err) == 0);
	CHECK_INT(r.fees_fen, fen);
	snprintf(want, sizeof(want), "依据《政府信息公开信息处理费管理办法》规定，"
		 "2025年全区实际收取信息处理费共计%lld元。", (long long)fen / 100);
	CHECK_STR(r.fee_sentence, want);
	CHECK(annual_report_for_unit(w->s, w->street, 2019, &a, &r, &err) == 0);
	CHECK_STR(r.fee_sentence, "依据《政府信息公开信息处理费管理办法》规定，"
		  "2019年全街道未收取信息处理费。");
	store_close(w->s);
	free(w);
	arena_release(&a);
	errors_release(&err);
}

/* Data changed behind the platform's back: a reply dated before the
 * receipt, and a reply with no outcome.  Both columns are named. */
TEST(test_annual__imbalance_is_reported)
{
	struct store *s = fresh("bad.db");
	struct region dist = { "430104", "岳麓区", "县", NULL, NULL };
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct annual_report r;
	struct request q = { 0 };
	int64_t unit, id;

	CHECK(s);
	store_region_put(s, &dist, &err);
	unit = add_unit(s, "岳麓区民政局", "政府部门", "430104");
	q.unit_id = unit;
	q.name = q.info_name = q.forms = q.delivery = "x";
	q.channel = "online";
	q.created_by = "test";
	q.code = "B1";
	q.applicant_kind = "legal";
	q.submitted_on = q.received_on = "2025-03-01";
	q.replied_on = "2024-12-20";	/* before it was received */
	q.outcome = "1";
	q.status = "replied";
	CHECK(store_request_insert(s, &q, &id, &err) == STORE_OK);
	memset(&q.id, 0, sizeof(q.id));
	q.code = "B2";
	q.applicant_kind = "person";
	q.submitted_on = q.received_on = "2025-04-01";
	q.replied_on = "2025-04-10";
	q.outcome = NULL;		/* answered with no outcome */
	CHECK(store_request_insert(s, &q, &id, &err) == STORE_OK);
	CHECK(annual_report_for_unit(s, unit, YEAR, &a, &r, &err) == 0);
	CHECK(!r.balanced);
	CHECK(!r.balance[AC_LEGAL].ok);
	CHECK(!r.balance[AC_PERSON].ok);
	CHECK(!r.balance[AC_TOTAL].ok);
	CHECK(r.balance[AC_COMMERCIAL].ok);
	CHECK_INT(r.balance[AC_LEGAL].received, 1);
	CHECK_INT(r.balance[AC_LEGAL].total, 0);
	CHECK_INT(r.balance[AC_LEGAL].carried_out, 0);
	CHECK(r.nproblems >= 4);
	{
		bool early = false, none = false, col = false;

		for (size_t i = 0; i < r.nproblems; i++) {
			early |= strstr(r.problems_found[i], "早于收到申请日期") != NULL;
			none |= strstr(r.problems_found[i], "不是表三的分类") != NULL;
			col |= strstr(r.problems_found[i], "「法律服务机构」列不平衡")
				!= NULL;
		}
		CHECK(early && none && col);
	}
	store_close(s);
	arena_release(&a);
	errors_release(&err);
}

/* request.c's table of outcomes and this module's layout say the same. */
TEST(test_annual__labels_match_request_outcomes)
{
	size_t leaves_seen = 0;

	CHECK_INT(ANNUAL_T3_NROWS, 30);
	for (size_t i = 0; i < REQUEST_OUTCOMES; i++) {
		int k = annual_t3_index(request_outcomes[i].code);

		CHECK(k >= 0);
		CHECK(annual_outcome_is_known(request_outcomes[i].code));
		CHECK_STR(annual_t3_rows[k].label, request_outcomes[i].row);
	}
	for (int i = 0; i < ANNUAL_T3_NROWS; i++)
		if (annual_outcome_is_known(annual_t3_rows[i].code)) {
			CHECK(request_outcome_find(annual_t3_rows[i].code));
			leaves_seen++;
		}
	CHECK_INT(leaves_seen, REQUEST_OUTCOMES);
	CHECK(!annual_outcome_is_known("3"));
	CHECK(!annual_outcome_is_known("total"));
	CHECK(!annual_outcome_is_known(NULL));
	/* the spans of the headings cover their rows of numbers */
	CHECK_INT(annual_t3_rows[annual_t3_index("results")].span, 22);
	CHECK_INT(annual_t3_rows[annual_t3_index("3")].span, 8);
	CHECK_STR(annual_t3_rows[annual_t3_index("3.3")].label,
		  "3.危及“三安全一稳定”");
	CHECK_STR(annual_col_label[AC_NONPROFIT], "社会公益组织");
}

TEST(test_annual__money_text)
{
	struct arena a = ARENA_INIT;

	CHECK_STR(annual_yuan(&a, 40000), "400");
	CHECK_STR(annual_yuan(&a, 40050), "400.50");
	CHECK_STR(annual_yuan(&a, 5), "0.05");
	CHECK_STR(annual_wan_yuan(&a, 0), "0");
	CHECK_STR(annual_wan_yuan(&a, 12500000), "12.5");
	CHECK_STR(annual_wan_yuan(&a, 1), "0.000001");
	CHECK_STR(annual_wan_yuan(&a, 3000000), "3");
	arena_release(&a);
}

/* A published catalog with a 规范性文件 item, records under it (one made
 * this year, one repealed this year according to its revisions, one made
 * last year and still valid) and under another item. */
static int64_t norms_fixture(struct store *s, int64_t unit, struct arena *a)
{
	struct domain d = { 0, "zcwj", "政策文件", 1, "" };
	struct catalog c = { 0 };
	struct item items[3];
	struct errors err = ERRORS_INIT;
	static const struct { const char *title, *written; int item;
			      enum record_validity v; const char *repealed; }
	recs[] = {
		{ "关于甲的规定", "2025-03-01", 1, VALIDITY_VALID, NULL },
		{ "关于乙的规定", "2025-05-01", 1, VALIDITY_VALID, NULL },
		{ "关于丙的规定", "2023-05-01", 1, VALIDITY_REPEALED, "2025-06-30T04:00:00Z" },
		{ "关于丁的规定", "2024-02-01", 1, VALIDITY_VALID, NULL },
		{ "关于戊的规定", "2024-02-01", 1, VALIDITY_EXPIRED, "2026-01-05T04:00:00Z" },
		{ "工作动态", "2025-02-01", 2, VALIDITY_VALID, NULL },
	};

	store_domain_put(s, &d, &err);
	memset(items, 0, sizeof(items));
	items[0] = (struct item){ .parent = -1, .level = 1, .lineage = "L-policy",
				  .name = "政策文件" };
	items[1] = (struct item){ .parent = 0, .level = 2, .lineage = "L-norms",
				  .name = "规范性文件" };
	items[2] = (struct item){ .parent = -1, .level = 1, .lineage = "L-news",
				  .name = "工作动态" };
	c.region_code = "430104";
	c.domain_id = d.id;
	c.version = "2025版";
	c.status = CATALOG_DRAFT;
	c.author = "t";
	c.items = items;
	c.nitems = c.alloc = 3;
	if (store_catalog_insert(s, &c, &err) != STORE_OK ||
	    store_catalog_set_status(s, c.id, CATALOG_PUBLISHED, "", &err) !=
	    STORE_OK)
		goto fail;
	for (size_t i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		struct record r = { 0 };

		r.region_code = "430104";
		r.domain_id = d.id;
		r.lineage = items[recs[i].item].lineage;
		r.item_id = items[recs[i].item].id;
		r.unit_id = unit;
		r.title = recs[i].title;
		r.index_no = arena_printf(a, "IDX-%zu", i);
		r.written_on = recs[i].written;
		r.published_on = recs[i].written;
		r.validity = recs[i].v;
		r.status = RECORD_PUBLISHED;
		if (store_record_insert(s, &r, &err) != STORE_OK)
			goto fail;
		if (recs[i].repealed) {
			struct revision v = { 0 };

			v.record_id = r.id;
			v.rev = 1;
			v.at = "2023-05-02T00:00:00Z";
			v.actor = v.action = "create";
			v.snapshot = "{\"validity\":\"valid\"}";
			if (store_revision_add(s, &v, &err) != STORE_OK)
				goto fail;
			v.rev = 2;
			v.at = recs[i].repealed;
			v.action = "edit";
			v.snapshot = r.validity == VALIDITY_REPEALED ?
				"{\"validity\":\"repealed\"}" :
				"{\"validity\":\"expired\"}";
			if (store_revision_add(s, &v, &err) != STORE_OK)
				goto fail;
		}
	}
	errors_release(&err);
	return c.id;
fail:
	errors_print(&err, stderr);
	errors_release(&err);
	return 0;
}

TEST(test_annual__table2_derived_and_entered)
{
	struct store *s = fresh("t2.db");
	struct region dist = { "430104", "岳麓区", "县", NULL, NULL };
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct annual_report r;
	struct actor cli = { 0, "test", ACTOR_SYSTEM, 0, NULL, "命令行" };
	struct annual_input in = { 0 };
	int64_t unit;

	CHECK(s);
	store_region_put(s, &dist, &err);
	unit = add_unit(s, "岳麓区司法局", "政府部门", "430104");
	CHECK(norms_fixture(s, unit, &a) > 0);
	CHECK(annual_report_for_unit(s, unit, YEAR, &a, &r, &err) == 0);
	CHECK_INT(r.t2[T2_NORMS_MADE].source, AS_DATA);
	CHECK_INT(r.t2[T2_NORMS_MADE].value, 2);	/* 甲, 乙 */
	CHECK_INT(r.t2[T2_NORMS_REPEALED].source, AS_DATA);
	CHECK_INT(r.t2[T2_NORMS_REPEALED].value, 1);	/* 丙, 2025-06-30 */
	CHECK_INT(r.t2[T2_NORMS_CURRENT].source, AS_DATA);
	CHECK_INT(r.t2[T2_NORMS_CURRENT].value, 4);	/* 甲 乙 丁 戊 (失效 2026) */
	CHECK_INT(r.t2[T2_RULES_MADE].source, AS_NONE);
	CHECK_INT(r.t2[T2_PERMITS].source, AS_NONE);
	/* a year earlier: 丙 still valid at its end, 戊 too */
	CHECK(annual_report_for_unit(s, unit, 2024, &a, &r, &err) == 0);
	CHECK_INT(r.t2[T2_NORMS_MADE].value, 2);	/* 丁 戊 */
	CHECK_INT(r.t2[T2_NORMS_REPEALED].value, 0);
	CHECK_INT(r.t2[T2_NORMS_CURRENT].value, 3);	/* 丙 丁 戊 */

	/* the office enters the rest; an entry wins over the count */
	in.overview = "总体情况";
	in.problems = "存在的问题";
	in.other = "";
	in.t2[T2_RULES_MADE] = "0";
	in.t2[T2_RULES_REPEALED] = " 0 ";
	in.t2[T2_RULES_CURRENT] = "0";
	in.t2[T2_NORMS_MADE] = "5";
	in.t2[T2_PERMITS] = "1200";
	in.t2[T2_PENALTIES] = "34";
	in.t2[T2_COERCION] = "0";
	in.t2[T2_FEES] = "12.5";
	CHECK(annual_report_save(s, &cli, unit, YEAR, &in, &err) == 0);
	CHECK(annual_report_for_unit(s, unit, YEAR, &a, &r, &err) == 0);
	CHECK(r.have_text);
	CHECK_STR(r.overview, "总体情况");
	CHECK_INT(r.t2[T2_NORMS_MADE].source, AS_ENTERED);
	CHECK_INT(r.t2[T2_NORMS_MADE].value, 5);
	CHECK_INT(r.t2[T2_NORMS_MADE].value_data, 2);
	CHECK_INT(r.t2[T2_NORMS_CURRENT].source, AS_DATA);
	CHECK_INT(r.t2[T2_FEES].value, 12500000);
	CHECK_INT(r.t2[T2_PERMITS].value, 1200);
	{
		bool data = false, entered = false;

		for (size_t i = 0; i < r.nnotes; i++) {
			data |= strstr(r.notes[i], "由平台统计的数字：行政规范性文件 "
				       "本年废止件数、行政规范性文件 现行有效件数")
				!= NULL;
			entered |= strstr(r.notes[i], "由单位填报的数字：规章 "
					  "本年制发件数") != NULL;
		}
		CHECK(data && entered);
	}
	/* bad figures are refused, each named, and nothing is written */
	in.t2[T2_PERMITS] = "-3";
	in.t2[T2_FEES] = "1.2345678";
	in.t2[T2_PENALTIES] = "三十";
	errors_release(&err);
	CHECK(annual_report_save(s, &cli, unit, YEAR, &in, &err) == -1);
	CHECK_INT(err.n, 3);
	CHECK_CONTAINS(err.msg[0], "行政许可 本年处理决定数量");
	CHECK(annual_report_for_unit(s, unit, YEAR, &a, &r, &err) == 0);
	CHECK_INT(r.t2[T2_PERMITS].value, 1200);
	store_close(s);
	arena_release(&a);
	errors_release(&err);
}

TEST(test_annual__publish_rules_and_authz)
{
	struct store *s = fresh("pub.db");
	struct region dist = { "430104", "岳麓区", "县", NULL, NULL };
	struct region other = { "430105", "开福区", "县", NULL, NULL };
	struct errors err = ERRORS_INIT;
	struct arena a = ARENA_INIT;
	struct annual_report_text t;
	struct actor cli = { 0, "test", ACTOR_SYSTEM, 0, NULL, "命令行" };
	struct actor editor = { 7, "ed", ROLE_EDITOR, 0, "430104", "127.0.0.1" };
	struct actor stranger = { 8, "st", ROLE_EDITOR, 0, "430105", "127.0.0.1" };
	struct actor office = { 9, "of", ROLE_OFFICE, 0, "430105", "127.0.0.1" };
	struct annual_input in = { 0 };
	int64_t unit;

	CHECK(s);
	store_region_put(s, &dist, &err);
	store_region_put(s, &other, &err);
	unit = add_unit(s, "岳麓区教育局", "政府部门", "430104");
	editor.unit_id = unit;
	stranger.unit_id = add_unit(s, "开福区教育局", "政府部门", "430105");
	/* nothing saved yet */
	CHECK(annual_report_publish(s, &cli, unit, YEAR, true, &err) == -1);
	errors_release(&err);
	in.overview = "总体";
	CHECK(annual_report_save(s, &editor, unit, YEAR, &in, &err) == 0);
	/* 五 and every table 二 figure are missing */
	CHECK(annual_report_publish(s, &editor, unit, YEAR, true, &err) == -1);
	CHECK_INT(err.n, 1 + T2__MAX);
	errors_release(&err);
	in.problems = "问题";
	for (int k = 0; k < T2__MAX; k++)
		in.t2[k] = "0";
	CHECK(annual_report_save(s, &editor, unit, YEAR, &in, &err) == 0);
	/* another region's editor and office may not */
	CHECK(annual_report_publish(s, &stranger, unit, YEAR, true, &err) == -1);
	CHECK_CONTAINS(err.msg[0], "没有权限");
	errors_release(&err);
	CHECK(annual_report_save(s, &office, unit, YEAR, &in, &err) == -1);
	errors_release(&err);
	CHECK(annual_report_publish(s, &editor, unit, YEAR, true, &err) == 0);
	CHECK(store_annual_report_get(s, unit, YEAR, &a, &t) == STORE_OK);
	CHECK(t.published_at != NULL);
	/* saving again keeps it published */
	in.other = "其他事项";
	CHECK(annual_report_save(s, &editor, unit, YEAR, &in, &err) == 0);
	CHECK(store_annual_report_get(s, unit, YEAR, &a, &t) == STORE_OK);
	CHECK(t.published_at != NULL);
	CHECK_STR(t.other, "其他事项");
	CHECK(annual_report_publish(s, &editor, unit, YEAR, false, &err) == 0);
	CHECK(store_annual_report_get(s, unit, YEAR, &a, &t) == STORE_OK);
	CHECK(t.published_at == NULL);
	store_close(s);
	arena_release(&a);
	errors_release(&err);
}

T_MAIN(T(test_annual__region_balances_and_matches_direct_count),
       T(test_annual__unit_and_lower_region_counted_apart),
       T(test_annual__table4_matches_cases),
       T(test_annual__fees_of_the_year),
       T(test_annual__imbalance_is_reported),
       T(test_annual__labels_match_request_outcomes),
       T(test_annual__money_text),
       T(test_annual__table2_derived_and_entered),
       T(test_annual__publish_rules_and_authz))
