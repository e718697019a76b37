/* fee.h: 信息处理费 — the fee for disclosure on request (依申请公开)
 *
 * 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号, domain-facts §4)
 * lets an agency charge an applicant whose applications go beyond a set
 * number or volume.  There are two methods, both 超额累进 (each band's
 * rate applies to the part inside the band), and one application is
 * charged by one of them, never both (第三条):
 *
 *   按件计收 (第四条): by the count of the same applicant's applications in
 *   one calendar month.  The 1st–10th are free, the 11th–30th cost 100元
 *   each, and from the 31st every band of 10 costs 100元 more per
 *   application than the one before (31st–40th 200元, 41st–50th 300元 …).
 *   The fee of one application is the rate of its band: the 35th costs
 *   200元, and the month's 35 applications together 20×100 + 5×200 = 3000元.
 *
 *   按量计收 (第五条): by the pages of one application.  Pages 1–30 are
 *   free, pages 31–100 cost 10元 a page, 101–200 20元 a page, every page
 *   from the 201st 40元: 250 pages = 70×10 + 100×20 + 50×40 = 4700元.
 *
 * Amounts are integers in fen (分); no floating point.  Each computation
 * comes with its steps in Chinese, one line a clerk can check by hand,
 * the last "合计：N 元".  Pure: no SQL, no HTTP, no allocation.
 */
#ifndef GK_FEE_H
#define GK_FEE_H

#include <stddef.h>
#include <stdint.h>

/* The largest inputs taken: more is a typing mistake, not an application
 * (a month of 1,000 applications is 第三十五条's 明显超过合理范围 long
 * before; 100,000 pages are some 200 boxes of paper). */
#define FEE_ITEMS_MAX 1000
#define FEE_PAGES_MAX 100000

#define FEE_STEPS_MAX 10
#define FEE_STEP_LEN 256	/* bytes of one step, NUL included */

enum fee_method { FEE_PER_ITEM, FEE_BY_PAGES, FEE_METHOD__MAX };

/* One computation.  'steps' hold the explanation, the last one the total
 * in yuan; on refused input nsteps is 0 and 'why' says what is wrong. */
struct fee_calc {
	enum fee_method method;
	int quantity;		/* the Nth application of the month, or pages */
	int64_t fen;		/* the fee, in fen */
	size_t nsteps;
	char steps[FEE_STEPS_MAX][FEE_STEP_LEN];
	char why[FEE_STEP_LEN];	/* "" unless refused */
};

/* 按件计收: the fee of an application that is the applicant's
 * 'nth_in_month'-th in the calendar month (1 for the first).  Returns 0
 * with *out filled, or -1 when nth_in_month is not 1..FEE_ITEMS_MAX (then
 * out->why says so in Chinese and out->fen is 0). */
int fee_per_item(int nth_in_month, struct fee_calc *out);

/* 按量计收: the fee of one application of 'pages' pages.  Returns 0, or -1
 * when pages is not 1..FEE_PAGES_MAX, as fee_per_item(). */
int fee_by_pages(int pages, struct fee_calc *out);

/* The rate in fen of the 'nth' application of a month (0 for the first
 * ten), or -1 when nth is out of range; what fee_per_item() charges. */
int64_t fee_item_rate(int nth);

/* "4700" for 470000 fen, "12.50" for 1250: yuan without a unit. */
void fee_format_yuan(int64_t fen, char *out, size_t n);

/* "按件计收" or "按量计收". */
const char *fee_method_label(enum fee_method m);

#endif
