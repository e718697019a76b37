/* test-fee.c: 信息处理费 (国办函〔2020〕109号, domain-facts §4) — every
 * band edge of 按件计收 (the 10th, 11th, 30th, 31st, 40th, 41st … of a
 * month) and of 按量计收 (30, 31, 100, 101, 200, 201 pages), the worked
 * examples of §4 (35 applications in a month = 3000元, 250 pages =
 * 4700元), the explanation a clerk checks by hand, and refused input.
 *
 * Expected amounts were worked out by hand from §4: per item the fee of
 * the Nth application is its band's rate; by pages each band's rate
 * applies only to the pages inside that band. */
#include "t.h"

#include "domain/fee.h"

/* The fee in fen of the Nth application of a month. */
static int64_t item(int nth)
{
	struct fee_calc c;

	if (fee_per_item(nth, &c))
		return -1;
	return c.fen;
}

static int64_t pages(int n)
{
	struct fee_calc c;

	if (fee_by_pages(n, &c))
		return -1;
	return c.fen;
}

static const char *last_step(const struct fee_calc *c)
{
	return c->nsteps ? c->steps[c->nsteps - 1] : "";
}

/* --- 按件计收 --- */

TEST(test_item__band_edges)
{
	/* 1–10 free; 11–30 100元; 31–40 200元; 41–50 300元; 51–60 400元 */
	static const struct { int nth; int64_t fen; } v[] = {
		{ 1, 0 }, { 9, 0 }, { 10, 0 },
		{ 11, 10000 }, { 12, 10000 }, { 29, 10000 }, { 30, 10000 },
		{ 31, 20000 }, { 35, 20000 }, { 39, 20000 }, { 40, 20000 },
		{ 41, 30000 }, { 50, 30000 },
		{ 51, 40000 }, { 60, 40000 }, { 61, 50000 },
		{ 100, 80000 },		/* 91–100: the 7th band: 100 + 7×100 */
		{ 101, 90000 },
		/* 991–1000: band (1000-31)/10+1 = 97 → 100 + 9700 = 9800元 */
		{ FEE_ITEMS_MAX, 980000 },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (item(v[i].nth) != v[i].fen)
			T_FAIL("application %d: %lld fen, expected %lld", v[i].nth,
			       (long long)item(v[i].nth), (long long)v[i].fen);
		if (fee_item_rate(v[i].nth) != v[i].fen)
			T_FAIL("rate of %d", v[i].nth);
	}
}

TEST(test_item__month_of_35_is_3000_yuan)
{
	/* §4: 35 applications in a month = 20×100 + 5×200 = 3000元; and
	 * 10 → 0, 30 → 2000, 40 → 2000 + 10×200 = 4000, 41 → 4300 */
	int64_t sum = 0;

	for (int n = 1; n <= 41; n++) {
		sum += item(n);
		if (n == 10)
			CHECK_INT(sum, 0);
		if (n == 30)
			CHECK_INT(sum, 200000);
		if (n == 35)
			CHECK_INT(sum, 300000);
		if (n == 40)
			CHECK_INT(sum, 400000);
	}
	CHECK_INT(sum, 430000);
}

TEST(test_item__steps_free)
{
	struct fee_calc c;

	CHECK_INT(fee_per_item(10, &c), 0);
	CHECK_INT(c.method, FEE_PER_ITEM);
	CHECK_INT(c.quantity, 10);
	CHECK_STR(c.why, "");
	CHECK_CONTAINS(c.steps[0], "第四条");
	CHECK_CONTAINS(c.steps[1], "第1—10件不收费；第11—30件每件100元；第31件起每"
		       "10件为一档，每增加一档每件提高100元");
	CHECK_STR(c.steps[2], "本申请是该申请人本自然月的第10件");
	CHECK_STR(c.steps[3], "第10件在第1—10件之内，不收费");
	CHECK_STR(last_step(&c), "合计：0 元");
	CHECK_INT(c.nsteps, 5);
}

TEST(test_item__steps_11_and_30)
{
	struct fee_calc c;

	CHECK_INT(fee_per_item(11, &c), 0);
	CHECK_STR(c.steps[3], "第11件在第11—30件之内，每件100元");
	CHECK_STR(last_step(&c), "合计：100 元");
	CHECK_INT(fee_per_item(30, &c), 0);
	CHECK_STR(c.steps[3], "第30件在第11—30件之内，每件100元");
	CHECK_STR(last_step(&c), "合计：100 元");
}

TEST(test_item__steps_above_30)
{
	struct fee_calc c;

	CHECK_INT(fee_per_item(31, &c), 0);
	CHECK_STR(c.steps[3], "第31件在第31—40件之内，为第31件起的第1档，每件 "
		  "100元 + 1×100元 = 200元");
	CHECK_STR(last_step(&c), "合计：200 元");
	CHECK_INT(fee_per_item(40, &c), 0);
	CHECK_STR(c.steps[3], "第40件在第31—40件之内，为第31件起的第1档，每件 "
		  "100元 + 1×100元 = 200元");
	CHECK_INT(fee_per_item(41, &c), 0);
	CHECK_STR(c.steps[3], "第41件在第41—50件之内，为第31件起的第2档，每件 "
		  "100元 + 2×100元 = 300元");
	CHECK_STR(last_step(&c), "合计：300 元");
	CHECK_INT(fee_per_item(1000, &c), 0);
	CHECK_STR(c.steps[3], "第1000件在第991—1000件之内，为第31件起的第97档，"
		  "每件 100元 + 97×100元 = 9800元");
	CHECK_STR(last_step(&c), "合计：9800 元");
}

TEST(test_item__refused)
{
	static const int bad[] = { 0, -1, -30, FEE_ITEMS_MAX + 1, 1000000,
				   2147483647, -2147483647 - 1 };
	struct fee_calc c;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (fee_per_item(bad[i], &c) != -1)
			T_FAIL("accepted %d", bad[i]);
		if (c.nsteps || c.fen)
			T_FAIL("steps or fee for %d", bad[i]);
		CHECK_CONTAINS(c.why, "件数应为 1 到 1000 之间的整数");
		if (fee_item_rate(bad[i]) != -1)
			T_FAIL("rate of %d", bad[i]);
	}
	fee_per_item(0, &c);
	CHECK_CONTAINS(c.why, "而不是 0");
}

/* --- 按量计收 --- */

TEST(test_pages__band_edges)
{
	/* 31–100 at 10元: 70 pages = 700元; 101–200 at 20元: 100 pages =
	 * 2000元; from 201 at 40元 */
	static const struct { int pages; int64_t yuan; } v[] = {
		{ 1, 0 }, { 29, 0 }, { 30, 0 },
		{ 31, 10 }, { 32, 20 }, { 99, 690 }, { 100, 700 },
		{ 101, 720 }, { 102, 740 }, { 199, 2680 }, { 200, 2700 },
		{ 201, 2740 }, { 202, 2780 },
		{ 250, 4700 },		/* §4's example: 700 + 2000 + 2000 */
		{ 1000, 34700 },	/* 2700 + 800×40 */
		{ FEE_PAGES_MAX, 3994700 },	/* 2700 + 99800×40 */
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (pages(v[i].pages) != v[i].yuan * 100)
			T_FAIL("%d pages: %lld fen, expected %lld元", v[i].pages,
			       (long long)pages(v[i].pages), (long long)v[i].yuan);
}

TEST(test_pages__steps_250)
{
	struct fee_calc c;

	CHECK_INT(fee_by_pages(250, &c), 0);
	CHECK_INT(c.method, FEE_BY_PAGES);
	CHECK_INT(c.fen, 470000);
	CHECK_CONTAINS(c.steps[0], "第五条");
	CHECK_STR(c.steps[1], "本申请共250页");
	CHECK_STR(c.steps[2], "第1—30页：30页，不收费");
	CHECK_STR(c.steps[3], "第31—100页：70页 × 10元/页 = 700元");
	CHECK_STR(c.steps[4], "第101—200页：100页 × 20元/页 = 2000元");
	CHECK_STR(c.steps[5], "第201—250页：50页 × 40元/页 = 2000元");
	CHECK_STR(c.steps[6], "各档相加：0元 + 700元 + 2000元 + 2000元 = 4700元");
	CHECK_STR(c.steps[7], "合计：4700 元");
	CHECK_INT(c.nsteps, 8);
}

TEST(test_pages__steps_at_edges)
{
	struct fee_calc c;

	CHECK_INT(fee_by_pages(30, &c), 0);
	CHECK_STR(c.steps[2], "第1—30页：30页，不收费");
	CHECK_STR(c.steps[3], "合计：0 元");
	CHECK_INT(c.nsteps, 4);
	CHECK_INT(fee_by_pages(31, &c), 0);
	CHECK_STR(c.steps[3], "第31—31页：1页 × 10元/页 = 10元");
	CHECK_STR(c.steps[4], "各档相加：0元 + 10元 = 10元");
	CHECK_STR(last_step(&c), "合计：10 元");
	CHECK_INT(fee_by_pages(100, &c), 0);
	CHECK_STR(c.steps[3], "第31—100页：70页 × 10元/页 = 700元");
	CHECK_STR(last_step(&c), "合计：700 元");
	CHECK_INT(fee_by_pages(101, &c), 0);
	CHECK_STR(c.steps[4], "第101—101页：1页 × 20元/页 = 20元");
	CHECK_STR(last_step(&c), "合计：720 元");
	CHECK_INT(fee_by_pages(200, &c), 0);
	CHECK_STR(last_step(&c), "合计：2700 元");
	CHECK_INT(fee_by_pages(201, &c), 0);
	CHECK_STR(c.steps[5], "第201—201页：1页 × 40元/页 = 40元");
	CHECK_STR(c.steps[6], "各档相加：0元 + 700元 + 2000元 + 40元 = 2740元");
	CHECK_STR(last_step(&c), "合计：2740 元");
	CHECK_INT(fee_by_pages(1, &c), 0);
	CHECK_STR(c.steps[2], "第1—1页：1页，不收费");
}

TEST(test_pages__refused)
{
	static const int bad[] = { 0, -1, -250, FEE_PAGES_MAX + 1, 2147483647,
				   -2147483647 - 1 };
	struct fee_calc c;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (fee_by_pages(bad[i], &c) != -1)
			T_FAIL("accepted %d", bad[i]);
		if (c.nsteps || c.fen)
			T_FAIL("steps or fee for %d", bad[i]);
		CHECK_CONTAINS(c.why, "页数应为 1 到 100000 之间的整数");
	}
}

/* --- formatting --- */

TEST(test_format__yuan)
{
	char y[32];

	fee_format_yuan(0, y, sizeof(y));
	CHECK_STR(y, "0");
	fee_format_yuan(470000, y, sizeof(y));
	CHECK_STR(y, "4700");
	fee_format_yuan(1250, y, sizeof(y));
	CHECK_STR(y, "12.50");
	fee_format_yuan(5, y, sizeof(y));
	CHECK_STR(y, "0.05");
	fee_format_yuan(-1250, y, sizeof(y));
	CHECK_STR(y, "-12.50");
	CHECK_STR(fee_method_label(FEE_PER_ITEM), "按件计收");
	CHECK_STR(fee_method_label(FEE_BY_PAGES), "按量计收");
}

T_MAIN(T(test_item__band_edges), T(test_item__month_of_35_is_3000_yuan),
       T(test_item__steps_free), T(test_item__steps_11_and_30),
       T(test_item__steps_above_30), T(test_item__refused),
       T(test_pages__band_edges), T(test_pages__steps_250),
       T(test_pages__steps_at_edges), T(test_pages__refused),
       T(test_format__yuan))
