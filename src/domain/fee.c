/* fee.c: 信息处理费 by item or by pages (国办函〔2020〕109号); see fee.h.
 *
 * Both methods are tables of bands walked in order; the per-item bands
 * above the 30th are open-ended (every ten one band more), so their rate
 * is computed rather than listed.  Steps are written into fixed arrays in
 * the result: a computation has at most eight of them.
 */
#include "fee.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define FEN_PER_YUAN 100

/* 第四条: applications of a month */
#define ITEMS_FREE 10		/* the 1st–10th */
#define ITEMS_FLAT_LAST 30	/* the 11th–30th at ITEM_BASE_FEN */
#define ITEM_BASE_FEN 10000	/* 100元 */
#define ITEM_BAND 10		/* from the 31st, bands of ten … */
#define ITEM_STEP_FEN 10000	/* … each 100元 more per application */

/* 第五条: pages of one application; the last band is open */
static const struct {
	int first, last;
	int64_t fen_per_page;
} page_bands[] = {
	{ 1, 30, 0 },
	{ 31, 100, 1000 },
	{ 101, 200, 2000 },
	{ 201, INT_MAX, 4000 },
};
#define NPAGE_BANDS (sizeof(page_bands) / sizeof(page_bands[0]))

static const char *const method_label[FEE_METHOD__MAX] = {
	"按件计收",	/* FEE_PER_ITEM */
	"按量计收",	/* FEE_BY_PAGES */
};

const char *fee_method_label(enum fee_method m)
{
	return (unsigned)m < FEE_METHOD__MAX ? method_label[m] : "";
}

void fee_format_yuan(int64_t fen, char *out, size_t n)
{
	const char *sign = fen < 0 ? "-" : "";
	int64_t v = fen < 0 ? -fen : fen;

	if (v % FEN_PER_YUAN)
		snprintf(out, n, "%s%lld.%02lld", sign,
			 (long long)(v / FEN_PER_YUAN),
			 (long long)(v % FEN_PER_YUAN));
	else
		snprintf(out, n, "%s%lld", sign, (long long)(v / FEN_PER_YUAN));
}

static void step(struct fee_calc *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void step(struct fee_calc *c, const char *fmt, ...)
{
	va_list ap;

	if (c->nsteps == FEE_STEPS_MAX)
		return;		/* cannot happen: at most eight steps */
	va_start(ap, fmt);
	vsnprintf(c->steps[c->nsteps++], FEE_STEP_LEN, fmt, ap);
	va_end(ap);
}

static void start(struct fee_calc *c, enum fee_method m, int quantity)
{
	memset(c, 0, sizeof(*c));
	c->method = m;
	c->quantity = quantity;
}

/* The closing line every computation ends with. */
static void total(struct fee_calc *c)
{
	char y[32];

	fee_format_yuan(c->fen, y, sizeof(y));
	step(c, "合计：%s 元", y);
}

/* --- 按件计收 --- */

/* The band above the 30th that holds nth (1 for the 31st–40th). */
static int item_band(int nth)
{
	return (nth - ITEMS_FLAT_LAST - 1) / ITEM_BAND + 1;
}

int64_t fee_item_rate(int nth)
{
	if (nth < 1 || nth > FEE_ITEMS_MAX)
		return -1;
	if (nth <= ITEMS_FREE)
		return 0;
	if (nth <= ITEMS_FLAT_LAST)
		return ITEM_BASE_FEN;
	return ITEM_BASE_FEN + (int64_t)item_band(nth) * ITEM_STEP_FEN;
}

int fee_per_item(int nth_in_month, struct fee_calc *out)
{
	int n = nth_in_month;
	char y[32];

	start(out, FEE_PER_ITEM, n);
	if (n < 1 || n > FEE_ITEMS_MAX) {
		snprintf(out->why, sizeof(out->why),
			 "件数应为 1 到 %d 之间的整数，即本申请是该申请人本自然月"
			 "的第几件（本件计入在内），而不是 %d",
			 FEE_ITEMS_MAX, n);
		return -1;
	}
	out->fen = fee_item_rate(n);
	step(out, "按件计收（《政府信息公开信息处理费管理办法》第四条）：按同一"
	     "申请人一个自然月内累计申请的件数，超额累进计收");
	step(out, "收费标准：第1—%d件不收费；第%d—%d件每件100元；第%d件起每"
	     "%d件为一档，每增加一档每件提高100元",
	     ITEMS_FREE, ITEMS_FREE + 1, ITEMS_FLAT_LAST, ITEMS_FLAT_LAST + 1,
	     ITEM_BAND);
	step(out, "本申请是该申请人本自然月的第%d件", n);
	if (n <= ITEMS_FREE) {
		step(out, "第%d件在第1—%d件之内，不收费", n, ITEMS_FREE);
	} else if (n <= ITEMS_FLAT_LAST) {
		step(out, "第%d件在第%d—%d件之内，每件100元", n, ITEMS_FREE + 1,
		     ITEMS_FLAT_LAST);
	} else {
		int band = item_band(n);
		int first = ITEMS_FLAT_LAST + (band - 1) * ITEM_BAND + 1;

		fee_format_yuan(out->fen, y, sizeof(y));
		step(out, "第%d件在第%d—%d件之内，为第%d件起的第%d档，每件 "
		     "100元 + %d×100元 = %s元", n, first, first + ITEM_BAND - 1,
		     ITEMS_FLAT_LAST + 1, band, band, y);
	}
	total(out);
	return 0;
}

/* --- 按量计收 --- */

int fee_by_pages(int pages, struct fee_calc *out)
{
	char sum[FEE_STEP_LEN] = "", y[32];
	size_t used = 0, nbands = 0;

	start(out, FEE_BY_PAGES, pages);
	if (pages < 1 || pages > FEE_PAGES_MAX) {
		snprintf(out->why, sizeof(out->why),
			 "页数应为 1 到 %d 之间的整数，而不是 %d", FEE_PAGES_MAX,
			 pages);
		return -1;
	}
	step(out, "按量计收（《政府信息公开信息处理费管理办法》第五条）：按页数"
	     "分档超额累进计收，每一档只对落在该档内的页数按该档标准收费");
	step(out, "本申请共%d页", pages);
	for (size_t i = 0; i < NPAGE_BANDS && pages >= page_bands[i].first;
	     i++) {
		int last = pages < page_bands[i].last ? pages
						      : page_bands[i].last;
		int k = last - page_bands[i].first + 1;
		int64_t fen = (int64_t)k * page_bands[i].fen_per_page;

		out->fen += fen;
		if (!page_bands[i].fen_per_page) {
			step(out, "第%d—%d页：%d页，不收费", page_bands[i].first,
			     last, k);
			fee_format_yuan(fen, y, sizeof(y));
		} else {
			char rate[32];

			fee_format_yuan(page_bands[i].fen_per_page, rate,
					sizeof(rate));
			fee_format_yuan(fen, y, sizeof(y));
			step(out, "第%d—%d页：%d页 × %s元/页 = %s元",
			     page_bands[i].first, last, k, rate, y);
		}
		used += (size_t)snprintf(sum + used, sizeof(sum) - used, "%s%s元",
					 nbands ? " + " : "", y);
		nbands++;
	}
	if (nbands > 1) {
		fee_format_yuan(out->fen, y, sizeof(y));
		step(out, "各档相加：%s = %s元", sum, y);
	}
	total(out);
	return 0;
}
