/* assessment-export.c: the ranking of an assessment round as .xlsx and
 * CSV — what the office sends up or posts when the round is final
 *
 * The workbook has one sheet per target type (街道（镇）, 区直相关部门 …):
 * a title row, then 名次, 单位 and each line's score in table order (the
 * header row gives each line's number and full points), 基础得分, 加分,
 * 总分; and a sheet 评分明细 with every score, where it came from (平台
 * 数据 with its figure, or 人工评分 with the assessor's comment) and the
 * unit's response, so that every number can be traced.  A provisional
 * ranking (round not final) says so in its title.  Built with
 * io/xlsx-sheet.h; see assessment.h.
 */
#include "assessment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/csv-write.h"
#include "../io/xlsx-sheet.h"

/* Indices of the targets of type 'type', best first (then by name). */
static size_t ranked(const struct assess_sheet *sh, int type, size_t *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < sh->ntargets; i++)
		if (sh->type_of[i] == type)
			idx[n++] = i;
	/* insertion sort: rounds are small */
	for (size_t i = 1; i < n; i++) {
		size_t k = idx[i], j = i;

		while (j > 0 && (sh->results[idx[j - 1]].rank >
				 sh->results[k].rank ||
				 (sh->results[idx[j - 1]].rank ==
				  sh->results[k].rank &&
				  strcmp(sh->targets[idx[j - 1]].unit_name,
					 sh->targets[k].unit_name) > 0))) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = k;
	}
	return n;
}

/* A worksheet name Excel accepts: at most 31 characters, none of
 * [ ] : * ? / \. */
static const char *sheet_name(const char *name, char out[128])
{
	size_t o = 0, chars = 0;

	for (const char *p = name; *p && chars < 31 && o + 5 < 128; ) {
		unsigned char c = (unsigned char)*p;
		size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

		if (!strchr("[]:*?/\\", *p)) {
			memcpy(out + o, p, len);
			o += len;
			chars++;
		}
		for (size_t k = 0; k < len && *p; k++)
			p++;
	}
	out[o] = '\0';
	return out;
}

static double pts(int64_t v)
{
	return (double)v / 100.0;
}

static void type_sheet(struct xlsx_book *b, const struct assess_sheet *sh,
		       int type, const char *title)
{
	const struct assess_table *t = &sh->table;
	char name[128], n1[32];
	struct xlsx_sheet *ws = xlsx_book_sheet(b, sheet_name(t->types[type],
							      name), true);
	size_t *idx = calloc(sh->ntargets + 1, sizeof(*idx));
	size_t n = ranked(sh, type, idx), col = 2, ncols;
	size_t nlines = 0;

	for (size_t k = 0; k < t->nlines; k++)
		nlines += assess_line_points(t, &t->lines[k], (size_t)type) !=
			ASSESS_NOT_ASSESSED;
	ncols = 2 + nlines + 3;
	xlsx_sheet_merge(ws, 0, 0, 0, ncols - 1, title, XS_TITLE);
	xlsx_sheet_text(ws, 1, 0, "名次", XS_HEAD);
	xlsx_sheet_text(ws, 1, 1, "单位", XS_HEAD);
	xlsx_sheet_width(ws, 0, 6);
	xlsx_sheet_width(ws, 1, 28);
	for (size_t k = 0; k < t->nlines; k++) {
		const struct assess_line *l = &t->lines[k];
		int64_t p = assess_line_points(t, l, (size_t)type);
		char head[96];

		if (p == ASSESS_NOT_ASSESSED)
			continue;
		snprintf(head, sizeof(head), "第%d项%s（%s分）",
			 assess_line_number(t, k), l->bonus ? "加分" : "",
			 assess_points_str(p, n1));
		xlsx_sheet_text(ws, 1, col, head, XS_HEAD);
		xlsx_sheet_width(ws, col, 9);
		col++;
	}
	xlsx_sheet_text(ws, 1, col, "基础得分", XS_HEAD);
	xlsx_sheet_text(ws, 1, col + 1, "加分", XS_HEAD);
	xlsx_sheet_text(ws, 1, col + 2, "总分", XS_HEAD);
	xlsx_sheet_height(ws, 1, 45);
	for (size_t r = 0; r < n; r++) {
		size_t i = idx[r];
		const struct assess_result *res = &sh->results[i];

		xlsx_sheet_number(ws, 2 + r, 0, res->rank, XS_NUM);
		xlsx_sheet_text(ws, 2 + r, 1, sh->targets[i].unit_name, XS_LABEL);
		col = 2;
		for (size_t k = 0; k < t->nlines; k++) {
			const struct assess_line *l = &t->lines[k];
			const struct assess_score *sc;

			if (assess_line_points(t, l, (size_t)type) ==
			    ASSESS_NOT_ASSESSED)
				continue;
			sc = assess_sheet_score(sh, sh->targets[i].unit_id, l->id);
			if (sc)
				xlsx_sheet_number(ws, 2 + r, col, pts(sc->score),
						  XS_NUM);
			else
				xlsx_sheet_text(ws, 2 + r, col, "未评", XS_LABEL);
			col++;
		}
		xlsx_sheet_number(ws, 2 + r, col, pts(res->base), XS_NUM);
		xlsx_sheet_number(ws, 2 + r, col + 1, pts(res->bonus), XS_NUM);
		xlsx_sheet_number(ws, 2 + r, col + 2, pts(res->total), XS_NUM);
	}
	free(idx);
}

static void detail_sheet(struct xlsx_book *b, const struct assess_sheet *sh)
{
	static const char *const head[] = { "单位", "考核对象类型", "序号",
		"一级指标", "二级指标", "指标", "满分", "得分", "来源",
		"依据（平台数据）或评语", "评分人", "评分时间" };
	static const double widths[] = { 24, 14, 6, 14, 16, 50, 7, 7, 10, 60,
		12, 20 };
	enum { NH = sizeof(head) / sizeof(head[0]) };
	const struct assess_table *t = &sh->table;
	struct xlsx_sheet *ws = xlsx_book_sheet(b, "评分明细", true);
	size_t row = 1;

	for (size_t k = 0; k < NH; k++) {
		xlsx_sheet_text(ws, 0, k, head[k], XS_HEAD);
		xlsx_sheet_width(ws, k, widths[k]);
	}
	for (size_t i = 0; i < sh->ntargets; i++) {
		const struct assess_target *g = &sh->targets[i];

		for (size_t k = 0; sh->type_of[i] >= 0 && k < t->nlines; k++) {
			const struct assess_line *l = &t->lines[k];
			int64_t p = assess_line_points(t, l, (size_t)sh->type_of[i]);
			const struct assess_score *sc;
			const char *l1 = "", *l2 = "";
			char num[16];

			if (p == ASSESS_NOT_ASSESSED)
				continue;
			if (l->level == 3) {
				l2 = t->lines[l->parent].name;
				l1 = t->lines[t->lines[l->parent].parent].name;
			} else {
				l1 = t->lines[l->parent].name;
			}
			sc = assess_sheet_score(sh, g->unit_id, l->id);
			snprintf(num, sizeof(num), "%d", assess_line_number(t, k));
			xlsx_sheet_text(ws, row, 0, g->unit_name, XS_LABEL);
			xlsx_sheet_text(ws, row, 1, g->type_name, XS_LABEL);
			xlsx_sheet_text(ws, row, 2, num, XS_LABEL);
			xlsx_sheet_text(ws, row, 3, l1, XS_LABEL);
			xlsx_sheet_text(ws, row, 4, l2, XS_LABEL);
			xlsx_sheet_text(ws, row, 5, l->name, XS_LABEL);
			xlsx_sheet_number(ws, row, 6, pts(p), XS_NUM);
			if (sc) {
				xlsx_sheet_number(ws, row, 7, pts(sc->score), XS_NUM);
				xlsx_sheet_text(ws, row, 8, !strcmp(sc->source, "auto") ?
						"平台数据" : "人工评分", XS_LABEL);
				xlsx_sheet_text(ws, row, 9, !strcmp(sc->source, "auto") ?
						sc->figure : sc->comment, XS_LABEL);
				xlsx_sheet_text(ws, row, 10, sc->scored_by, XS_LABEL);
				xlsx_sheet_text(ws, row, 11, sc->scored_at, XS_LABEL);
			} else {
				xlsx_sheet_text(ws, row, 7, "未评", XS_LABEL);
			}
			row++;
		}
		if (g->response) {
			xlsx_sheet_text(ws, row, 0, g->unit_name, XS_LABEL);
			xlsx_sheet_text(ws, row, 1, g->type_name, XS_LABEL);
			xlsx_sheet_text(ws, row, 5, "单位意见", XS_LABEL);
			xlsx_sheet_text(ws, row, 9, g->response, XS_LABEL);
			xlsx_sheet_text(ws, row, 10, g->response_by ?
					g->response_by : "", XS_LABEL);
			xlsx_sheet_text(ws, row, 11, g->response_at ?
					g->response_at : "", XS_LABEL);
			row++;
		}
	}
}

int assess_ranking_write_xlsx(const struct assess_sheet *sh, const char *path,
			      struct errors *err)
{
	const struct assess_table *t = &sh->table;
	struct xlsx_book *b = xlsx_book_open(path, err);
	struct arena a = ARENA_INIT;
	int used = 0, rc;

	if (!b)
		return -1;
	for (size_t k = 0; k < t->ntypes && used < 14; k++) {
		bool any = false;

		for (size_t i = 0; i < sh->ntargets; i++)
			any |= sh->type_of[i] == (int)k;
		if (!any)
			continue;
		type_sheet(b, sh, (int)k,
			   arena_printf(&a, "%s：%s排名%s（%s 至 %s）", sh->round.name,
					t->types[k],
					assess_round_is_final(&sh->round) ? "" :
					"（未定稿）", sh->round.period_from,
					sh->round.period_to));
		used++;
	}
	detail_sheet(b, sh);
	rc = xlsx_book_close(b, err);
	arena_release(&a);
	return rc;
}

void assess_ranking_write_csv(const struct assess_sheet *sh, struct buf *out)
{
	static const char *const head[] = { "考核对象类型", "名次", "单位",
		"基础得分", "加分", "总分", "已评项数", "应评项数" };
	const struct assess_table *t = &sh->table;
	size_t *idx = calloc(sh->ntargets + 1, sizeof(*idx));

	buf_add(out, csv_bom, sizeof(csv_bom));
	csv_write_row(out, head, 8);
	for (size_t k = 0; k < t->ntypes; k++) {
		size_t n = ranked(sh, (int)k, idx);

		for (size_t r = 0; r < n; r++) {
			const struct assess_result *res = &sh->results[idx[r]];
			char rank[16], b1[32], b2[32], b3[32], c1[16], c2[16];
			const char *cells[8];

			snprintf(rank, sizeof(rank), "%d", res->rank);
			snprintf(c1, sizeof(c1), "%zu", res->nscored);
			snprintf(c2, sizeof(c2), "%zu", res->nlines);
			cells[0] = t->types[k];
			cells[1] = rank;
			cells[2] = sh->targets[idx[r]].unit_name;
			cells[3] = assess_points_str(res->base, b1);
			cells[4] = assess_points_str(res->bonus, b2);
			cells[5] = assess_points_str(res->total, b3);
			cells[6] = c1;
			cells[7] = c2;
			csv_write_row(out, cells, 8);
		}
	}
	free(idx);
}
