/* assessment-measure.c: what the platform measures itself for the
 * automatic lines of an assessment — each a ratio num/den with a
 * sentence saying where every number came from
 *
 *   二级事项覆盖率   the 二级事项 a unit answers for that hold a current
 *                    public record (check.h's check_unit_coverage(): the
 *                    map's rule split by unit)
 *   按公开时限发布   records of the unit published within their item's
 *                    公开时限 (calendar.h's due dates), over those with a
 *                    fixed due date that were published in the period or
 *                    fell due in it unpublished
 *   依申请按期答复   applications received in the period and answered
 *                    within the statutory clock (request.h), over those
 *                    answered or overdue
 *   公示栏台账       the bulletin-board ledger (ledger.h's ledger_kept():
 *                    entries with photos, months with entries)
 *   自查问题         the unit's 二级事项 less those its newest self-check
 *                    run (check.h) found blank or stale, over its 二级事项
 *   督办任务按时完成 supervision tasks due in the period done by their
 *                    deadline (supervision.h)
 *
 * A measure without data (no catalog, no records with a due date, no
 * application, never checked, no task due) is "not measured": the line is
 * left for the assessors, with the reason.  Coverage per domain (for the
 * charts) is here too.  No SQL and no HTTP.
 */
#include "assessment.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "check.h"
#include "ledger.h"
#include "request.h"
#include "supervision.h"
#include "../util/hmap.h"

/* "37/40 = 92.5%" (one decimal, none when whole), in 'a'. */
static const char *ratio(struct arena *a, int64_t num, int64_t den)
{
	int64_t per_mille = den ? (num * 1000 * 2 + den) / (2 * den) : 0;

	if (per_mille % 10 == 0)
		return arena_printf(a, "%lld/%lld = %lld%%", (long long)num,
				    (long long)den, (long long)(per_mille / 10));
	return arena_printf(a, "%lld/%lld = %lld.%lld%%", (long long)num,
			    (long long)den, (long long)(per_mille / 10),
			    (long long)(per_mille % 10));
}

static void measured(struct assess_figure *f, int64_t num, int64_t den,
		     const char *text)
{
	f->measured = true;
	f->num = num;
	f->den = den;
	f->text = text;
}

static void unmeasured(struct assess_figure *f, const char *why)
{
	f->measured = false;
	f->num = f->den = 0;
	f->text = "";
	f->why_not = why;
}

/* --- 二级事项覆盖率 --- */

static int coverage(struct store *s, const struct unit *u, struct arena *a,
		    struct assess_figure *f)
{
	int covered = 0, total = 0;

	if (check_unit_coverage(s, u->id, a, &covered, &total) < 0 || !total) {
		unmeasured(f, "本单位没有负责的二级事项（所在地区没有已发布的公开"
			   "目录，或目录事项由其他单位负责）");
		return 0;
	}
	measured(f, covered, total,
		 arena_printf(a, "二级事项覆盖率 %s（有现行公开信息的二级事项 %d 个，"
			      "共 %d 个）", ratio(a, covered, total), covered,
			      total));
	return 0;
}

/* --- 按公开时限发布 --- */

static int timeliness(struct store *s, const struct assess_round *r,
		      const struct unit *u, const char *today,
		      struct arena *a, struct assess_figure *f,
		      struct errors *err)
{
	struct assess_timed_record *v;
	struct calendar cal;
	size_t n;
	int64_t due_n = 0, ontime = 0, late_pub = 0, late_open = 0;
	int64_t nofixed = 0;

	if (store_assess_timed_records(s, u->id, r->period_from, r->period_to,
				       a, &v, &n) != STORE_OK) {
		errors_addf(err, "无法读取%s的公开信息", u->name);
		return -1;
	}
	calendar_load(s, a, &cal);
	for (size_t i = 0; i < n; i++) {
		char due[CALENDAR_DATE_LEN];
		const char *why;

		if (*v[i].due_on)
			snprintf(due, sizeof(due), "%s", v[i].due_on);
		else if (!*v[i].tl.kind || !*v[i].written_on ||
			 deadline_for(&cal, &v[i].tl, v[i].written_on, due,
				      &why) != 1) {
			nofixed++;
			continue;
		}
		if (v[i].published) {
			due_n++;
			if (strcmp(v[i].published_on, due) <= 0)
				ontime++;
			else
				late_pub++;
		} else if (strcmp(due, today) < 0) {
			due_n++;
			late_open++;
		}
	}
	if (!due_n) {
		unmeasured(f, nofixed ?
			   "考核期间没有有固定公开时限的信息（均为实时、及时或长期"
			   "公开）" : "考核期间本单位没有发布信息");
		return 0;
	}
	measured(f, ontime, due_n,
		 arena_printf(a, "按时公开 %s（期内有公开时限的信息 %lld 条：按时 "
			      "%lld 条，逾期发布 %lld 条，逾期未发布 %lld 条）",
			      ratio(a, ontime, due_n), (long long)due_n,
			      (long long)ontime, (long long)late_pub,
			      (long long)late_open));
	return 0;
}

/* --- 依申请按期答复 --- */

static int requests(struct store *s, const struct assess_round *r,
		    const struct unit *u, const char *today, struct arena *a,
		    struct assess_figure *f, struct errors *err)
{
	struct request *v;
	struct calendar cal;
	size_t n;
	int64_t counted = 0, intime = 0, late = 0, running = 0;

	if (store_request_received_between(s, u->id, r->period_from,
					   r->period_to, a, &v, &n) !=
	    STORE_OK) {
		errors_addf(err, "无法读取%s的政府信息公开申请", u->name);
		return -1;
	}
	calendar_load(s, a, &cal);
	for (size_t i = 0; i < n; i++) {
		struct request_timing t;
		struct errors ignore = ERRORS_INIT;

		if (request_timing(s, &cal, &v[i], today, a, &t, &ignore)) {
			errors_release(&ignore);
			running++;	/* its steps do not add up: not judged */
			continue;
		}
		errors_release(&ignore);
		if (t.clock.state == REQUEST_ANSWERED) {
			counted++;
			if (t.clock.answered_late)
				late++;
			else
				intime++;
		} else if (t.clock.state == REQUEST_OVERDUE) {
			counted++;
			late++;
		} else {
			running++;
		}
	}
	if (!counted) {
		unmeasured(f, n ? "考核期间收到的申请都还在答复期限内" :
			   "考核期间没有收到政府信息公开申请");
		return 0;
	}
	measured(f, intime, counted,
		 arena_printf(a, "按期答复 %s（期内收到申请 %zu 件：按期答复 %lld "
			      "件，逾期 %lld 件，尚在期限内 %lld 件不计）",
			      ratio(a, intime, counted), n, (long long)intime,
			      (long long)late, (long long)running));
	return 0;
}

/* --- 公示栏台账 --- */

static int ledger(struct store *s, const struct assess_round *r,
		  const struct unit *u, struct arena *a,
		  struct assess_figure *f, struct errors *err)
{
	struct ledger_kept k;
	int64_t num, den;

	if (ledger_kept(s, u->id, r->period_from, r->period_to, a, &k, err))
		return -1;
	if (!k.kept || !k.nentries || !k.nmonths) {
		measured(f, 0, 1, arena_printf(a, "公示栏台账（%s）：未建立台账，%s",
					      k.figure, ratio(a, 0, 1)));
		return 0;
	}
	/* (entries with photos / entries + months kept / months) / 2 */
	num = (int64_t)(k.nphotos * k.nmonths + k.nmonths_kept * k.nentries);
	den = (int64_t)(2 * k.nentries * k.nmonths);
	measured(f, num, den,
		 arena_printf(a, "公示栏台账（%s）：(%zu/%zu + %zu/%zu) ÷ 2 = %s",
			      k.figure, k.nphotos, k.nentries, k.nmonths_kept,
			      k.nmonths, ratio(a, num, den)));
	return 0;
}

/* --- 自查问题 --- */

/* The 二级事项 the unit answers for, less those its newest self-check
 * found blank (no current record) or stale (not updated within the item's
 * cadence): the column's content kept up to date (动态更新).  Other
 * findings are named in the figure; they count on their own lines. */
static int findings(struct store *s, const struct unit *u, struct arena *a,
		    struct assess_figure *f)
{
	struct check_unit_summary c;
	struct buf other = BUF_INIT;
	int64_t blank, stale, clean;

	if (check_unit_latest(s, u->id, a, &c) || !c.run_id) {
		unmeasured(f, "本单位尚未自查（gongkai check 或后台「自查」），没有"
			   "自查结果");
		return 0;
	}
	if (!c.total) {
		unmeasured(f, "最近一次自查中本单位没有负责的二级事项");
		return 0;
	}
	for (int k = 0; k < CHECK__MAX; k++)
		if (c.counts[k] && k != CHECK_BLANK && k != CHECK_STALE)
			buf_addf(&other, "%s%s %lld 个", other.len ? "、" : "",
				 check_kind_label((enum check_kind)k),
				 (long long)c.counts[k]);
	blank = c.counts[CHECK_BLANK];
	stale = c.counts[CHECK_STALE];
	clean = c.total - blank - stale;
	if (clean < 0)
		clean = 0;
	measured(f, clean, c.total,
		 arena_printf(a, "自查（%s）：负责的二级事项 %d 个，%s %lld 个、%s "
			      "%lld 个，内容保障到位 %s%s%s%s", c.today, c.total,
			      check_kind_label(CHECK_BLANK), (long long)blank,
			      check_kind_label(CHECK_STALE), (long long)stale,
			      ratio(a, clean, c.total),
			      other.len ? "（另发现" : "",
			      other.len ? other.buf : "",
			      other.len ? "，不在本项计分）" : ""));
	buf_release(&other);
	return 0;
}

/* --- 督办任务按时完成 --- */

static int tasks(struct store *s, const struct assess_round *r,
		 const struct unit *u, const char *today, struct arena *a,
		 struct assess_figure *f, struct errors *err)
{
	struct task_record t;

	if (supervision_unit_record(s, u->id, r->period_from, r->period_to,
				    today, a, &t, err))
		return -1;
	if (!t.ndue) {
		unmeasured(f, "考核期间没有到期的督办任务");
		return 0;
	}
	measured(f, (int64_t)t.ndone, (int64_t)t.ndue,
		 arena_printf(a, "督办任务按时完成 %s（%s）",
			      ratio(a, (int64_t)t.ndone, (int64_t)t.ndue),
			      t.figure));
	return 0;
}

int assess_measure_unit(struct store *s, enum assess_measure m,
			const struct assess_round *r, const struct unit *u,
			const char *today, struct arena *a,
			struct assess_figure *out, struct errors *err)
{
	char now[CALENDAR_DATE_LEN];

	memset(out, 0, sizeof(*out));
	out->text = out->why_not = "";
	if (!today) {
		request_today(now);
		today = now;
	}
	switch (m) {
	case AM_COVERAGE:
		return coverage(s, u, a, out);
	case AM_TIMELINESS:
		return timeliness(s, r, u, today, a, out, err);
	case AM_REQUESTS:
		return requests(s, r, u, today, a, out, err);
	case AM_LEDGER:
		return ledger(s, r, u, a, out, err);
	case AM_FINDINGS:
		return findings(s, u, a, out);
	case AM_TASKS:
		return tasks(s, r, u, today, a, out, err);
	case AM_NONE:
	case AM__MAX:
		break;
	}
	unmeasured(out, "本项没有平台数据");
	return 0;
}

/* --- coverage per domain (the charts) --- */

int assess_coverage_by_domain(struct store *s, const char *region,
			      const int64_t *domains, size_t ndomains,
			      struct arena *a, struct assess_domain_cover **out,
			      size_t *n)
{
	struct domain *doms;
	struct assess_domain_cover *v;
	size_t ndoms, k = 0;

	*out = NULL;
	*n = 0;
	if (store_domain_list(s, a, &doms, &ndoms) != STORE_OK)
		return -1;
	v = arena_alloc(a, (ndoms ? ndoms : 1) * sizeof(*v));
	for (size_t d = 0; d < ndoms; d++) {
		struct catalog latest, full;
		struct lineage_count *counts;
		struct hmap have = HMAP_INIT;
		size_t ncounts;
		bool wanted = ndomains == 0;

		for (size_t i = 0; i < ndomains; i++)
			wanted |= domains[i] == doms[d].id;
		if (!wanted ||
		    store_catalog_latest_published(s, region, doms[d].id, a,
						   &latest) != STORE_OK ||
		    store_catalog_load(s, latest.id, a, &full) != STORE_OK)
			continue;
		store_record_count_by_lineage(s, region, doms[d].id, true, a,
					      &counts, &ncounts);
		for (size_t i = 0; i < ncounts; i++)
			hmap_put(&have, counts[i].lineage,
				 strlen(counts[i].lineage), 1);
		v[k].domain_id = doms[d].id;
		v[k].name = doms[d].name;
		for (size_t i = 0; i < full.nitems; i++) {
			const struct item *it = &full.items[i];
			int64_t one;
			bool hit;

			if (it->level != 2)
				continue;
			v[k].total++;
			hit = hmap_get(&have, it->lineage, strlen(it->lineage),
				       &one);
			for (size_t j = i + 1; !hit && j < full.nitems &&
			     full.items[j].level > 2; j++)
				hit = hmap_get(&have, full.items[j].lineage,
					       strlen(full.items[j].lineage),
					       &one);
			v[k].covered += hit;
		}
		hmap_release(&have);
		if (v[k].total)
			k++;
	}
	*out = v;
	*n = k;
	return 0;
}
