/* assessment.c: assessment rounds (一轮考核) — creating one, the sheet of
 * a round with every target's result and rank, scoring from the platform's
 * data and by assessors, evidence, the unit's one response, finalising
 *
 * Each change here follows one shape: load what it acts on, ask authz.c,
 * check every input (all problems reported, in Chinese, naming the line
 * as people see it: 第5项「…」), then write the change and its audit entry
 * in one transaction.  The measures themselves are assessment-measure.c's,
 * the table's rules assessment-table.c's, the ranking export
 * assessment-export.c's.  See assessment.h.
 */
#include "assessment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "authz.h"
#include "calendar.h"
#include "record-import.h"
#include "request.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"

bool assess_round_is_final(const struct assess_round *r)
{
	return r->status && !strcmp(r->status, "final");
}

/* --- creating a round --- */

/* Does the unit kind read as a township government (街道, 镇, 乡)? */
static bool kind_is_township(const char *kind)
{
	return strstr(kind, "街道") || strstr(kind, "乡镇") ||
		strstr(kind, "镇人民政府");
}

const char *assess_default_type(const struct assess_table *t,
				const struct unit *u)
{
	const char *want[3] = { NULL, NULL, NULL };

	if (kind_is_township(u->kind)) {
		want[0] = "街道";
		want[1] = "镇";
	} else if (strstr(u->kind, "部门")) {
		want[0] = "部门";
	} else if (strstr(u->kind, "居委会") || strstr(u->kind, "村委会")) {
		want[0] = "社区";
		want[1] = "村";
	}
	for (size_t w = 0; w < 3 && want[w]; w++)
		for (size_t k = 0; k < t->ntypes; k++)
			if (strstr(t->types[k], want[w]))
				return t->types[k];
	return NULL;
}

int assess_default_targets(struct store *s, const struct assess_table *t,
			   const char *region, struct arena *a,
			   struct unit **out, size_t *n)
{
	struct unit *all, *v;
	size_t nall, k = 0;

	*out = NULL;
	*n = 0;
	if (store_unit_list(s, NULL, a, &all, &nall) != STORE_OK)
		return -1;
	v = arena_alloc(a, (nall ? nall : 1) * sizeof(*v));
	for (size_t i = 0; i < nall; i++) {
		if (strcmp(all[i].region_code, region) &&
		    !store_region_is_below(s, all[i].region_code, region))
			continue;
		if (strstr(all[i].name, "政务公开办") ||
		    !assess_default_type(t, &all[i]))
			continue;
		v[k++] = all[i];
	}
	*out = v;
	*n = k;
	return 0;
}

/* "街道（镇）、区直相关部门" in 'a'. */
static const char *types_text(const struct assess_table *t, struct arena *a)
{
	struct buf b = BUF_INIT;
	const char *out;

	for (size_t k = 0; k < t->ntypes; k++)
		buf_addf(&b, "%s%s", k ? "、" : "", t->types[k]);
	out = arena_strdup(a, b.buf ? b.buf : "");
	buf_release(&b);
	return out;
}

int64_t assess_round_create(struct store *s, const struct actor *who,
			    const struct assess_round_in *in,
			    struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct assess_table t;
	struct assess_round r = { 0 };
	struct assess_target *tg;
	struct region reg;
	struct buf name = BUF_INIT;
	char from[CALENDAR_DATE_LEN], to[CALENDAR_DATE_LEN];
	size_t before = errors_count(err);
	int64_t id = 0;

	if (!in->region || store_region_get(s, in->region, &a, &reg) !=
	    STORE_OK) {
		errors_addf(err, "没有区划代码为「%s」的地区", in->region ?
			    in->region : "");
		goto out;
	}
	if (authz_require(s, who, AZ_ASSESS_MANAGE, 0, in->region, err))
		goto out;
	if (store_assess_table_load(s, in->table_id, &a, &t) != STORE_OK) {
		errors_addf(err, "「考核指标」：没有编号为 %lld 的考核指标",
			    (long long)in->table_id);
		goto out;
	}
	utf8_trim(&name, in->name ? in->name : "");
	if (!name.len)
		errors_addf(err, "「名称」：请写明本轮考核的名称（如「2021年度基层"
			    "政务公开考核」）");
	else if (utf8_len(name.buf) > 100)
		errors_addf(err, "「名称」：不超过 100 个字");
	if (!in->from || calendar_normalize_date(in->from, from))
		errors_addf(err, "「考核期间」：开始日期「%s」不是日期（应写作 "
			    "2021-01-01）", in->from ? in->from : "");
	if (!in->to || calendar_normalize_date(in->to, to))
		errors_addf(err, "「考核期间」：结束日期「%s」不是日期（应写作 "
			    "2021-12-31）", in->to ? in->to : "");
	else if (in->from && !calendar_normalize_date(in->from, from) &&
		 strcmp(from, to) > 0)
		errors_addf(err, "「考核期间」：结束日期 %s 早于开始日期 %s", to,
			    from);
	if (!in->n)
		errors_addf(err, "「考核对象」：请至少选择一个单位");
	else if (in->n > ASSESS_MAX_TARGETS)
		errors_addf(err, "「考核对象」：一轮最多 %d 个单位",
			    ASSESS_MAX_TARGETS);
	tg = arena_alloc(&a, (in->n ? in->n : 1) * sizeof(*tg));
	for (size_t i = 0; i < in->n && i < ASSESS_MAX_TARGETS; i++) {
		struct unit u;
		struct unit_settings set;
		const char *type = in->types && in->types[i] && *in->types[i] ?
			in->types[i] : NULL;

		if (store_unit_get(s, in->units[i], &a, &u, &set) != STORE_OK) {
			errors_addf(err, "「考核对象」：没有编号为 %lld 的单位",
				    (long long)in->units[i]);
			continue;
		}
		if (strcmp(u.region_code, in->region) &&
		    !store_region_is_below(s, u.region_code, in->region)) {
			errors_addf(err, "「考核对象」：%s 不在%s范围内", u.name,
				    reg.name);
			continue;
		}
		for (size_t k = 0; k < i; k++)
			if (in->units[k] == in->units[i]) {
				errors_addf(err, "「考核对象」：%s 列了两次", u.name);
				break;
			}
		if (!type)
			type = assess_default_type(&t, &u);
		if (!type) {
			errors_addf(err, "「考核对象」：请为 %s（%s）指定考核对象类型"
				    "（本表有：%s）", u.name, u.kind,
				    types_text(&t, &a));
			continue;
		}
		if (assess_type_index(&t, type) < 0) {
			errors_addf(err, "「考核对象」：%s 的类型「%s」不在本表中"
				    "（本表有：%s）", u.name, type,
				    types_text(&t, &a));
			continue;
		}
		tg[i].unit_id = u.id;
		tg[i].type_name = type;
	}
	if (errors_count(err) > before)
		goto out;
	r.table_id = t.id;
	r.name = name.buf;
	r.region_code = in->region;
	r.period_from = from;
	r.period_to = to;
	r.created_by = who && who->username ? who->username : AUDIT_CLI_ACTOR;
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_assess_round_insert(s, &r, tg, in->n, err) != STORE_OK ||
	    audit_append(s, who, "assess.round_create", "assess_round",
			 arena_printf(&a, "%lld", (long long)r.id), in->region,
			 0, NULL, NULL,
			 arena_printf(&a, "新建考核「%s」（%s，%s 至 %s，考核对象 "
				      "%zu 个）", r.name, t.name, from, to, in->n),
			 err)) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, err) == STORE_OK)
		id = r.id;
out:
	buf_release(&name);
	arena_release(&a);
	return id;
}

/* --- the sheet --- */

static int cmp_score(const void *x, const void *y)
{
	const struct assess_score *a = x, *b = y;

	if (a->unit_id != b->unit_id)
		return a->unit_id < b->unit_id ? -1 : 1;
	if (a->line_id != b->line_id)
		return a->line_id < b->line_id ? -1 : 1;
	return 0;
}

const struct assess_score *assess_sheet_score(const struct assess_sheet *sh,
					      int64_t unit_id, int64_t line_id)
{
	struct assess_score key = { 0 };

	key.unit_id = unit_id;
	key.line_id = line_id;
	if (!sh->nscores)
		return NULL;
	return bsearch(&key, sh->scores, sh->nscores, sizeof(key), cmp_score);
}

const struct assess_target *assess_sheet_target(const struct assess_sheet *sh,
						int64_t unit_id, size_t *index)
{
	for (size_t i = 0; i < sh->ntargets; i++)
		if (sh->targets[i].unit_id == unit_id) {
			if (index)
				*index = i;
			return &sh->targets[i];
		}
	return NULL;
}

static void compute_results(struct assess_sheet *sh)
{
	const struct assess_table *t = &sh->table;

	for (size_t i = 0; i < sh->ntargets; i++) {
		struct assess_result *res = &sh->results[i];
		int type = sh->type_of[i];
		int64_t bonus = 0;

		memset(res, 0, sizeof(*res));
		for (size_t k = 0; type >= 0 && k < t->nlines; k++) {
			const struct assess_line *l = &t->lines[k];
			int64_t pts = assess_line_points(t, l, (size_t)type);
			const struct assess_score *sc;

			if (pts == ASSESS_NOT_ASSESSED)
				continue;
			res->nlines++;
			if (!l->bonus)
				res->full += pts;
			sc = assess_sheet_score(sh, sh->targets[i].unit_id, l->id);
			if (!sc)
				continue;
			res->nscored++;
			if (l->bonus)
				bonus += sc->score;
			else
				res->base += sc->score;
		}
		res->bonus = bonus > t->bonus_cap ? t->bonus_cap : bonus;
		res->total = res->base + res->bonus;
	}
	/* competition ranking within each type: 1, 2, 2, 4 */
	for (size_t i = 0; i < sh->ntargets; i++) {
		int better = 0;

		for (size_t k = 0; k < sh->ntargets; k++)
			if (sh->type_of[k] == sh->type_of[i] &&
			    sh->results[k].total > sh->results[i].total)
				better++;
		sh->results[i].rank = better + 1;
	}
}

int assess_sheet_load(struct store *s, int64_t id, struct arena *a,
		      struct assess_sheet *out, struct errors *err)
{
	memset(out, 0, sizeof(*out));
	if (store_assess_round_get(s, id, a, &out->round) != STORE_OK) {
		errors_addf(err, "没有编号为 %lld 的考核", (long long)id);
		return -1;
	}
	if (store_assess_table_load(s, out->round.table_id, a, &out->table) !=
	    STORE_OK ||
	    store_assess_targets(s, id, a, &out->targets, &out->ntargets) !=
	    STORE_OK ||
	    store_assess_scores(s, id, 0, a, &out->scores, &out->nscores) !=
	    STORE_OK) {
		errors_addf(err, "无法读取考核 %lld", (long long)id);
		return -1;
	}
	if (out->nscores)
		qsort(out->scores, out->nscores, sizeof(*out->scores), cmp_score);
	out->results = arena_alloc(a, (out->ntargets + 1) *
				   sizeof(*out->results));
	out->type_of = arena_alloc(a, (out->ntargets + 1) *
				   sizeof(*out->type_of));
	for (size_t i = 0; i < out->ntargets; i++)
		out->type_of[i] = assess_type_index(&out->table,
						    out->targets[i].type_name);
	compute_results(out);
	return 0;
}

/* "第5项「专区有专人提供公开信息咨询服务。」", the text cut at 24
 * characters, in 'a'. */
static const char *line_label(const struct assess_table *t, size_t i,
			      struct arena *a)
{
	const char *name = t->lines[i].name;
	struct buf b = BUF_INIT;
	const char *p = name, *out;
	size_t n = 0;

	while (*p && n < 24) {
		utf8_next(&p);
		n++;
	}
	buf_add(&b, name, (size_t)(p - name));
	out = arena_printf(a, "第%d项「%s%s」", assess_line_number(t, i),
			   b.buf ? b.buf : "", *p ? "…" : "");
	buf_release(&b);
	return out;
}

/* The index of line 'line_id' in the table, or -1. */
static int line_index(const struct assess_table *t, int64_t line_id)
{
	for (size_t i = 0; i < t->nlines; i++)
		if (t->lines[i].id == line_id)
			return (int)i;
	return -1;
}

/* Load a round's sheet and check the round is open: 0, or -1 with the
 * reason. */
static int open_sheet(struct store *s, int64_t round_id, struct arena *a,
		      struct assess_sheet *sh, struct errors *err)
{
	if (assess_sheet_load(s, round_id, a, sh, err))
		return -1;
	if (assess_round_is_final(&sh->round)) {
		errors_addf(err, "考核「%s」已于 %s 定稿，不能再修改", sh->round.name,
			    sh->round.final_at ? sh->round.final_at : "");
		return -1;
	}
	return 0;
}

/* --- automatic lines --- */

int64_t assess_figure_score(const struct assess_figure *f, int64_t points)
{
	if (!f->measured || f->den <= 0 || points <= 0)
		return 0;
	if (f->num >= f->den)
		return points;
	if (f->num <= 0)
		return 0;
	return (f->num * points * 2 + f->den) / (2 * f->den);
}

int assess_score_auto(struct store *s, const struct actor *who,
		      int64_t round_id, const char *today,
		      struct assess_auto_summary *sum, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct assess_sheet sh;
	const struct assess_table *t;
	const char *by = who && who->username ? who->username : AUDIT_CLI_ACTOR;
	char now[CALENDAR_DATE_LEN], stamp[TIME_TEXT_LEN];
	int rc = -1;

	memset(sum, 0, sizeof(*sum));
	if (open_sheet(s, round_id, &a, &sh, err))
		goto out;
	if (authz_require(s, who, AZ_ASSESS_MANAGE, 0, sh.round.region_code,
			  err))
		goto out;
	if (!today) {
		request_today(now);
		today = now;
	}
	t = &sh.table;
	if (store_begin(s, err) != STORE_OK)
		goto out;
	for (size_t i = 0; i < sh.ntargets; i++) {
		const struct assess_target *g = &sh.targets[i];
		struct unit u;
		struct unit_settings set;

		if (sh.type_of[i] < 0 ||
		    store_unit_get(s, g->unit_id, &a, &u, &set) != STORE_OK)
			continue;
		for (size_t k = 0; k < t->nlines; k++) {
			const struct assess_line *l = &t->lines[k];
			int64_t pts = assess_line_points(t, l, (size_t)sh.type_of[i]);
			int m = assess_measure_parse(l->measure);
			const struct assess_score *old;
			struct assess_figure f;
			struct assess_score sc = { 0 };
			char p1[32], p2[32];

			if (pts == ASSESS_NOT_ASSESSED || m <= 0)
				continue;
			if (assess_measure_unit(s, (enum assess_measure)m,
						&sh.round, &u, today, &a, &f, err))
				goto fail;
			old = assess_sheet_score(&sh, u.id, l->id);
			if (!f.measured) {
				sum->unmeasured++;
				if (old && !strcmp(old->source, "auto") &&
				    store_assess_score_delete(s, round_id, u.id,
							      l->id, err) != STORE_OK)
					goto fail;
				continue;
			}
			sc.round_id = round_id;
			sc.unit_id = u.id;
			sc.line_id = l->id;
			sc.score = assess_figure_score(&f, pts);
			sc.source = "auto";
			sc.figure = arena_printf(&a, "%s，按本项 %s 分折算 %s 分",
						 f.text, assess_points_str(pts, p1),
						 assess_points_str(sc.score, p2));
			sc.num = f.num;
			sc.den = f.den;
			sc.comment = "";
			sc.scored_by = by;
			if (store_assess_score_put(s, &sc, err) != STORE_OK)
				goto fail;
			sum->scored++;
		}
	}
	time_now_text(stamp);
	if (store_assess_round_scored(s, round_id, stamp, err) != STORE_OK ||
	    audit_append(s, who, "assess.auto", "assess_round",
			 arena_printf(&a, "%lld", (long long)round_id),
			 sh.round.region_code, 0, NULL, NULL,
			 arena_printf(&a, "按平台数据评分「%s」：%zu 项得出分数，"
				      "%zu 项没有数据，留待人工评分（截至 %s）",
				      sh.round.name, sum->scored, sum->unmeasured,
				      today), err))
		goto fail;
	if (store_commit(s, err) == STORE_OK)
		rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	arena_release(&a);
	return rc;
}

/* --- assessors --- */

int assess_score_manual(struct store *s, const struct actor *who,
			int64_t round_id, int64_t unit_id,
			const struct assess_manual *v, size_t n,
			struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct assess_sheet sh;
	const struct assess_target *g;
	struct assess_score *put;
	struct buf detail = BUF_INIT, tmp = BUF_INIT;
	const char *by = who && who->username ? who->username : AUDIT_CLI_ACTOR;
	size_t before = errors_count(err), nput = 0, ti;
	int rc = -1;

	if (assess_sheet_load(s, round_id, &a, &sh, err))
		goto out;
	g = assess_sheet_target(&sh, unit_id, &ti);
	if (!g) {
		errors_addf(err, "编号为 %lld 的单位不是考核「%s」的考核对象",
			    (long long)unit_id, sh.round.name);
		goto out;
	}
	if (authz_require(s, who, AZ_ASSESS_SCORE, unit_id,
			  sh.round.region_code, err))
		goto out;
	if (assess_round_is_final(&sh.round)) {
		errors_addf(err, "考核「%s」已定稿，不能再修改评分", sh.round.name);
		goto out;
	}
	put = arena_alloc(&a, (n ? n : 1) * sizeof(*put));
	for (size_t i = 0; i < n; i++) {
		const struct assess_manual *m = &v[i];
		int li = line_index(&sh.table, m->line_id);
		const struct assess_line *l;
		const struct assess_score *old;
		const char *label;
		char p1[32], p2[32];
		int64_t pts, score;

		if (li < 0 || !sh.table.lines[li].scored) {
			errors_addf(err, "考核指标中没有编号为 %lld 的指标",
				    (long long)m->line_id);
			continue;
		}
		if (sh.type_of[ti] < 0 ||
		    (pts = assess_line_points(&sh.table, &sh.table.lines[li],
					      (size_t)sh.type_of[ti])) ==
		    ASSESS_NOT_ASSESSED) {
			errors_addf(err, "%s：不考核%s（%s）", line_label(&sh.table,
				    (size_t)li, &a), g->type_name, g->unit_name);
			continue;
		}
		l = &sh.table.lines[li];
		label = line_label(&sh.table, (size_t)li, &a);
		buf_reset(&tmp);
		utf8_trim(&tmp, m->score ? m->score : "");
		if (!tmp.len)
			continue;
		old = assess_sheet_score(&sh, unit_id, l->id);
		if (old && !strcmp(old->source, "auto")) {
			errors_addf(err, "%s：由平台数据自动评分（%s），不能手工改分；"
				    "数据有误请更正后重新计算", label, old->figure);
			continue;
		}
		if (assess_points_parse(tmp.buf, &score)) {
			errors_addf(err, "%s：得分「%s」不是分数（应写作 0 到 %s 之间的"
				    "数，最多两位小数）", label, tmp.buf,
				    assess_points_str(pts, p1));
			continue;
		}
		if (score > pts) {
			errors_addf(err, "%s：得分 %s 分超过本项满分 %s 分", label,
				    assess_points_str(score, p1),
				    assess_points_str(pts, p2));
			continue;
		}
		buf_reset(&tmp);
		utf8_trim(&tmp, m->comment ? m->comment : "");
		if (utf8_len(tmp.buf ? tmp.buf : "") > ASSESS_COMMENT_MAX) {
			errors_addf(err, "%s：评语不超过 %d 个字", label,
				    ASSESS_COMMENT_MAX);
			continue;
		}
		if (!tmp.len && !l->bonus && score < pts) {
			errors_addf(err, "%s：得分 %s 分低于满分 %s 分，请在评语中写明"
				    "扣分理由", label, assess_points_str(score, p1),
				    assess_points_str(pts, p2));
			continue;
		}
		if (!tmp.len && l->bonus && score > 0) {
			errors_addf(err, "%s：加 %s 分，请在评语中写明加分依据", label,
				    assess_points_str(score, p1));
			continue;
		}
		{
			bool twice = false;

			for (size_t k = 0; k < nput; k++)
				twice |= put[k].line_id == l->id;
			if (twice) {
				errors_addf(err, "%s：同一项评了两次", label);
				continue;
			}
		}
		put[nput].round_id = round_id;
		put[nput].unit_id = unit_id;
		put[nput].line_id = l->id;
		put[nput].score = score;
		put[nput].source = "manual";
		put[nput].figure = "";
		put[nput].comment = arena_strdup(&a, tmp.buf ? tmp.buf : "");
		put[nput].scored_by = by;
		buf_addf(&detail, "%s第%d项 %s 分", nput ? "，" : "",
			 assess_line_number(&sh.table, (size_t)li),
			 assess_points_str(score, p1));
		nput++;
	}
	if (errors_count(err) > before)
		goto out;
	if (!nput) {
		rc = 0;
		goto out;
	}
	if (store_begin(s, err) != STORE_OK)
		goto out;
	for (size_t i = 0; i < nput; i++)
		if (store_assess_score_put(s, &put[i], err) != STORE_OK)
			goto fail;
	if (audit_append(s, who, "assess.score", "assess_round",
			 arena_printf(&a, "%lld", (long long)round_id),
			 g->region_code, unit_id, NULL, NULL,
			 arena_printf(&a, "为%s评分（%s）：%s", g->unit_name,
				      sh.round.name, detail.buf), err))
		goto fail;
	if (store_commit(s, err) == STORE_OK)
		rc = (int)nput;
	goto out;
fail:
	store_rollback(s);
out:
	buf_release(&detail);
	buf_release(&tmp);
	arena_release(&a);
	return rc;
}

/* --- the unit --- */

int64_t assess_evidence_add(struct store *s, const struct actor *who,
			    int64_t round_id, int64_t unit_id, int64_t line_id,
			    unsigned kind, const char *name, const void *data,
			    size_t len, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct assess_sheet sh;
	const struct assess_target *g;
	struct assess_evidence_file ev = { 0 };
	const struct assess_line *l;
	const char *mime, *why = NULL, *label;
	struct buf nm = BUF_INIT, kinds = BUF_INIT;
	size_t ti;
	int li;
	int64_t id = 0;

	if (assess_sheet_load(s, round_id, &a, &sh, err))
		goto out;
	g = assess_sheet_target(&sh, unit_id, &ti);
	if (!g) {
		errors_addf(err, "编号为 %lld 的单位不是考核「%s」的考核对象",
			    (long long)unit_id, sh.round.name);
		goto out;
	}
	if (authz_require(s, who, AZ_ASSESS_RESPOND, unit_id, g->region_code,
			  err))
		goto out;
	if (assess_round_is_final(&sh.round)) {
		errors_addf(err, "考核「%s」已定稿，不能再上传材料", sh.round.name);
		goto out;
	}
	li = line_index(&sh.table, line_id);
	if (li < 0 || sh.type_of[ti] < 0 ||
	    assess_line_points(&sh.table, &sh.table.lines[li],
			       (size_t)sh.type_of[ti]) == ASSESS_NOT_ASSESSED) {
		errors_addf(err, "「指标」：请从本单位的考核指标中选择");
		goto out;
	}
	l = &sh.table.lines[li];
	label = line_label(&sh.table, (size_t)li, &a);
	assess_evidence_text(&kinds, l->evidence & AEV_UPLOADS);
	if (!(l->evidence & AEV_UPLOADS)) {
		buf_reset(&kinds);
		assess_evidence_text(&kinds, l->evidence);
		errors_addf(err, "%s：考核方式为%s，不需要上传材料", label,
			    kinds.buf ? kinds.buf : "");
		goto out;
	}
	if (!(kind & l->evidence & AEV_UPLOADS) || (kind & (kind - 1))) {
		errors_addf(err, "%s：「材料类型」只能是 %s", label, kinds.buf);
		goto out;
	}
	utf8_trim(&nm, name ? name : "");
	if (!nm.len || utf8_len(nm.buf) > 200 || strpbrk(nm.buf, "/\\\r\n\t") ||
	    !utf8_valid(nm.buf, nm.len)) {
		errors_addf(err, "%s：文件名不能为空、不超过 200 个字，不能含 / \\ 或"
			    "换行", label);
		goto out;
	}
	if (!len) {
		errors_addf(err, "%s：%s 是空文件", label, nm.buf);
		goto out;
	}
	if (len > ATTACHMENT_MAX_BYTES) {
		errors_addf(err, "%s：%s 超过 %u MB，请压缩或拆分后再上传", label,
			    nm.buf, ATTACHMENT_MAX_BYTES >> 20);
		goto out;
	}
	mime = attachment_mime(data, len, nm.buf, &why);
	if (!mime) {
		errors_addf(err, "%s：%s：%s", label, nm.buf,
			    why ? why : "不支持这种文件");
		goto out;
	}
	ev.round_id = round_id;
	ev.unit_id = unit_id;
	ev.line_id = line_id;
	ev.kind = kind;
	ev.name = nm.buf;
	ev.mime = mime;
	ev.uploaded_by = who && who->username ? who->username : AUDIT_CLI_ACTOR;
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_assess_evidence_add(s, &ev, data, len, err) != STORE_OK ||
	    audit_append(s, who, "assess.evidence", "assess_round",
			 arena_printf(&a, "%lld", (long long)round_id),
			 g->region_code, unit_id, NULL, NULL,
			 arena_printf(&a, "%s上传%s（%s）：%s，%s，%zu 字节",
				      g->unit_name, assess_evidence_label(kind),
				      label, nm.buf, mime, len), err)) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, err) == STORE_OK)
		id = ev.id;
out:
	buf_release(&nm);
	buf_release(&kinds);
	arena_release(&a);
	return id;
}

int assess_respond(struct store *s, const struct actor *who, int64_t round_id,
		   int64_t unit_id, const char *text, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct assess_sheet sh;
	const struct assess_target *g;
	struct buf t = BUF_INIT;
	char now[TIME_TEXT_LEN];
	const char *by = who && who->username ? who->username : AUDIT_CLI_ACTOR;
	enum store_rc src;
	int rc = -1;

	if (assess_sheet_load(s, round_id, &a, &sh, err))
		goto out;
	g = assess_sheet_target(&sh, unit_id, NULL);
	if (!g) {
		errors_addf(err, "编号为 %lld 的单位不是考核「%s」的考核对象",
			    (long long)unit_id, sh.round.name);
		goto out;
	}
	if (authz_require(s, who, AZ_ASSESS_RESPOND, unit_id, g->region_code,
			  err))
		goto out;
	if (assess_round_is_final(&sh.round)) {
		errors_addf(err, "考核「%s」已定稿，不能再提出意见", sh.round.name);
		goto out;
	}
	if (g->response) {
		errors_addf(err, "%s已于 %s 对本轮考核提出过意见，每个单位只能提出"
			    "一次", g->unit_name, g->response_at ? g->response_at :
			    "");
		goto out;
	}
	utf8_trim(&t, text ? text : "");
	if (!t.len) {
		errors_addf(err, "「意见」：请写明对评分的意见（如对某项扣分有异议，"
			    "写明项号和理由）");
		goto out;
	}
	if (!utf8_valid(t.buf, t.len) || utf8_len(t.buf) > ASSESS_RESPONSE_MAX) {
		errors_addf(err, "「意见」：不超过 %d 个字", ASSESS_RESPONSE_MAX);
		goto out;
	}
	time_now_text(now);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	src = store_assess_respond(s, round_id, unit_id, t.buf, by, now, err);
	if (src == STORE_CONFLICT)
		errors_addf(err, "%s已对本轮考核提出过意见，每个单位只能提出一次",
			    g->unit_name);
	if (src != STORE_OK ||
	    audit_append(s, who, "assess.respond", "assess_round",
			 arena_printf(&a, "%lld", (long long)round_id),
			 g->region_code, unit_id, NULL, NULL,
			 arena_printf(&a, "%s对考核「%s」提出意见（%zu 字）",
				      g->unit_name, sh.round.name,
				      utf8_len(t.buf)), err)) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, err) == STORE_OK)
		rc = 0;
out:
	buf_release(&t);
	arena_release(&a);
	return rc;
}

/* --- the office --- */

#define FINALISE_LIST_MAX 20

int assess_finalise(struct store *s, const struct actor *who,
		    int64_t round_id, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct assess_sheet sh;
	const struct assess_table *t;
	char now[TIME_TEXT_LEN];
	size_t missing = 0;
	int rc = -1;

	if (open_sheet(s, round_id, &a, &sh, err))
		goto out;
	if (authz_require(s, who, AZ_ASSESS_MANAGE, 0, sh.round.region_code,
			  err))
		goto out;
	t = &sh.table;
	for (size_t i = 0; i < sh.ntargets; i++)
		for (size_t k = 0; sh.type_of[i] >= 0 && k < t->nlines; k++) {
			const struct assess_line *l = &t->lines[k];

			if (assess_line_points(t, l, (size_t)sh.type_of[i]) ==
			    ASSESS_NOT_ASSESSED ||
			    assess_sheet_score(&sh, sh.targets[i].unit_id, l->id))
				continue;
			if (missing++ < FINALISE_LIST_MAX)
				errors_addf(err, "%s：%s尚未评分",
					    sh.targets[i].unit_name,
					    line_label(t, k, &a));
		}
	if (missing > FINALISE_LIST_MAX)
		errors_addf(err, "另有 %zu 项尚未评分", missing - FINALISE_LIST_MAX);
	if (missing) {
		errors_addf(err, "共 %zu 项尚未评分，全部评分后才能定稿", missing);
		goto out;
	}
	time_now_text(now);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_assess_round_finalise(s, round_id, who && who->username ?
					who->username : AUDIT_CLI_ACTOR, now,
					err) != STORE_OK ||
	    audit_append(s, who, "assess.finalise", "assess_round",
			 arena_printf(&a, "%lld", (long long)round_id),
			 sh.round.region_code, 0, NULL, NULL,
			 arena_printf(&a, "考核「%s」定稿（考核对象 %zu 个）",
				      sh.round.name, sh.ntargets), err)) {
		store_rollback(s);
		goto out;
	}
	if (store_commit(s, err) == STORE_OK)
		rc = 0;
out:
	arena_release(&a);
	return rc;
}
