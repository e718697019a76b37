/* report-html.c: the annual report as HTML; see report-html.h. */
#include "report-html.h"

#include <stdio.h>
#include <string.h>

#include "html.h"
#include "../util/timeutil.h"

static void num(struct buf *b, int64_t v)
{
	buf_addf(b, "<td class=\"num\">%lld</td>", (long long)v);
}

static void text_section(struct buf *b, const char *id, const char *title,
			 const char *md, const char *extra)
{
	buf_addf(b, "<section class=\"report-section\" aria-labelledby=\"%s\">\n"
		 "<h2 id=\"%s\">%s</h2>\n", id, id, title);
	if (md && *md) {
		buf_adds(b, "<div class=\"body\">\n");
		html_markdown(b, md);
		buf_adds(b, "</div>\n");
	} else if (!extra) {
		buf_adds(b, "<p class=\"empty\">（未填写）</p>\n");
	}
	if (extra) {
		buf_adds(b, "<p>");
		html_esc(b, extra);
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "</section>\n");
}

static void table2(struct buf *b, const struct annual_report *r,
		   const struct report_html_opts *o)
{
	struct arena a = ARENA_INIT;

	buf_adds(b, "<section class=\"report-section\" aria-labelledby=\"s2\">\n"
		 "<h2 id=\"s2\">" ANNUAL_SEC2 "</h2>\n");
	for (size_t k = 0; k < ANNUAL_T2_NBLOCKS; k++) {
		const struct annual_t2_block *bl = &annual_t2_blocks[k];

		buf_addf(b, "<div class=\"table-scroll\" role=\"region\" "
			 "tabindex=\"0\" aria-labelledby=\"t2-%zu\">"
			 "<table class=\"grid report-table t2\">\n"
			 "<caption id=\"t2-%zu\">%s</caption>\n<thead><tr>",
			 k, k, bl->heading);
		for (size_t c = 0; c <= bl->ncolumns; c++)
			buf_addf(b, "<th scope=\"col\">%s</th>", bl->columns[c]);
		buf_adds(b, "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < bl->nrows; i++) {
			buf_addf(b, "<tr><th scope=\"row\">%s</th>",
				 bl->rows[i].label);
			for (size_t c = 0; c < bl->ncolumns; c++) {
				int cell = bl->rows[i].cells[c];
				const struct annual_figure *f = &r->t2[cell];

				buf_adds(b, "<td class=\"num\">");
				if (cell == T2_FEES)
					html_esc(b, annual_wan_yuan(&a, f->value));
				else
					buf_addf(b, "%lld", (long long)f->value);
				if (o->sources)
					buf_addf(b, "<span class=\"src src-%s\">%s"
						 "</span>",
						 annual_source_code[f->source],
						 annual_source_label[f->source]);
				buf_adds(b, "</td>");
			}
			buf_adds(b, "</tr>\n");
		}
		buf_adds(b, "</tbody></table></div>\n");
	}
	buf_adds(b, "<ul class=\"report-notes\">\n");
	for (size_t i = 0; i < r->nnotes; i++)
		if (strstr(r->notes[i], "表二")) {
			buf_adds(b, "<li>");
			html_esc(b, r->notes[i]);
			buf_adds(b, "</li>\n");
		}
	buf_adds(b, "</ul>\n</section>\n");
	arena_release(&a);
}

static void table3(struct buf *b, const struct annual_report *r)
{
	const char *pending[2] = { NULL, NULL };
	int pspan[2] = { 0, 0 };

	buf_adds(b, "<section class=\"report-section\" aria-labelledby=\"s3\">\n"
		 "<h2 id=\"s3\">" ANNUAL_SEC3 "</h2>\n"
		 "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-labelledby=\"t3\"><table class=\"grid report-table t3\">\n"
		 "<caption id=\"t3\">收到和处理政府信息公开申请情况</caption>\n"
		 "<thead>\n<tr><th scope=\"col\" rowspan=\"3\" colspan=\"3\" "
		 "class=\"note\">" ANNUAL_T3_NOTE "</th>"
		 "<th scope=\"colgroup\" colspan=\"7\">" ANNUAL_COL_APPLICANT
		 "</th></tr>\n<tr>");
	buf_addf(b, "<th scope=\"col\" rowspan=\"2\">%s</th>"
		 "<th scope=\"colgroup\" colspan=\"5\">" ANNUAL_COL_ORG "</th>"
		 "<th scope=\"col\" rowspan=\"2\">%s</th></tr>\n<tr>",
		 annual_col_label[AC_PERSON], annual_col_label[AC_TOTAL]);
	for (int c = AC_COMMERCIAL; c <= AC_OTHER; c++)
		buf_addf(b, "<th scope=\"col\">%s</th>", annual_col_label[c]);
	buf_adds(b, "</tr>\n</thead>\n<tbody>\n");
	for (int i = 0; i < ANNUAL_T3_NROWS; i++) {
		const struct annual_t3_row *t = &annual_t3_rows[i];

		if (!t->figures) {
			/* a heading: its cell opens the next row of numbers */
			pending[t->level] = t->label;
			pspan[t->level] = t->span;
			continue;
		}
		buf_addf(b, "<tr class=\"lv%d\">", t->level);
		for (int l = 0; l < 2; l++)
			if (pending[l]) {
				buf_addf(b, "<th scope=\"rowgroup\" rowspan=\"%d\" "
					 "class=\"group\">%s</th>", pspan[l],
					 pending[l]);
				pending[l] = NULL;
			}
		buf_addf(b, "<th scope=\"row\"%s>%s</th>",
			 t->level == 0 ? " colspan=\"3\"" :
			 t->level == 1 ? " colspan=\"2\"" : "", t->label);
		for (int c = 0; c < AC__MAX; c++)
			num(b, r->t3[i][c]);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	if (r->balanced) {
		buf_adds(b, "<p class=\"check ok\">勾稽关系检查：各列均满足"
			 "“第一项加第二项之和，等于第三项加第四项之和”。</p>\n");
	} else {
		buf_adds(b, "<div class=\"check bad\" role=\"note\"><p>勾稽关系检查："
			 "以下各列不平衡：</p><ul>\n");
		for (int c = 0; c < AC__MAX; c++) {
			const struct annual_balance *k = &r->balance[c];

			if (k->ok)
				continue;
			buf_addf(b, "<li>%s：%lld + %lld ≠ %lld + %lld</li>\n",
				 annual_col_label[c], (long long)k->received,
				 (long long)k->carried_in, (long long)k->total,
				 (long long)k->carried_out);
		}
		buf_adds(b, "</ul></div>\n");
	}
	buf_adds(b, "</section>\n");
}

static void table4(struct buf *b, const struct annual_report *r)
{
	buf_adds(b, "<section class=\"report-section\" aria-labelledby=\"s4\">\n"
		 "<h2 id=\"s4\">" ANNUAL_SEC4 "</h2>\n"
		 "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-labelledby=\"t4\"><table class=\"grid report-table t4\">\n"
		 "<caption id=\"t4\">政府信息公开行政复议、行政诉讼情况</caption>\n"
		 "<thead>\n<tr><th scope=\"colgroup\" colspan=\"5\">"
		 ANNUAL_T4_REVIEW "</th><th scope=\"colgroup\" colspan=\"10\">"
		 ANNUAL_T4_SUIT "</th></tr>\n<tr>");
	for (int k = 0; k < AR__MAX; k++)
		buf_addf(b, "<th scope=\"col\" rowspan=\"2\">%s</th>",
			 annual_case_result_label[k]);
	for (int j = AK_SUIT_DIRECT; j < AK__MAX; j++)
		buf_addf(b, "<th scope=\"colgroup\" colspan=\"5\">%s</th>",
			 annual_case_kind_label[j]);
	buf_adds(b, "</tr>\n<tr>");
	for (int j = AK_SUIT_DIRECT; j < AK__MAX; j++)
		for (int k = 0; k < AR__MAX; k++)
			buf_addf(b, "<th scope=\"col\">%s</th>",
				 annual_case_result_label[k]);
	buf_adds(b, "</tr>\n</thead>\n<tbody><tr>");
	for (int j = 0; j < AK__MAX; j++)
		for (int k = 0; k < AR__MAX; k++)
			num(b, r->t4[j][k]);
	buf_adds(b, "</tr></tbody></table></div>\n</section>\n");
}

void report_html_body(struct buf *b, const struct annual_report *r,
		      const struct report_html_opts *o)
{
	buf_adds(b, "<article class=\"annual-report\">\n<p class=\"meta\">");
	if (r->region_wide) {
		buf_adds(b, "统计范围：");
		html_esc(b, r->region_name);
		buf_addf(b, "本级各单位（%zu 个，不含下级地区）", r->nunits);
	} else {
		buf_adds(b, "统计范围：");
		html_esc(b, r->unit_name);
	}
	if (r->published_at) {
		char day[11];

		/* a Beijing date, as every date people see */
		if (time_text_date_cn(r->published_at, day))
			snprintf(day, sizeof(day), "%.10s", r->published_at);
		buf_adds(b, " · 发布日期：");
		html_esc(b, day);
	}
	buf_adds(b, "</p>\n");
	if (o->xlsx_href) {
		buf_adds(b, "<p class=\"report-tools\"><a class=\"button\" href=\"");
		html_esc(b, o->xlsx_href);
		buf_adds(b, "\" download>下载 Excel 文件<span class=\"sr\">：");
		html_esc(b, r->title);
		buf_adds(b, "</span></a> <span class=\"meta\">打印本页即为报告全文"
			 "（已为打印排版）。</span></p>\n");
	}
	text_section(b, "s1", ANNUAL_SEC1, r->overview, NULL);
	table2(b, r, o);
	table3(b, r);
	table4(b, r);
	text_section(b, "s5", ANNUAL_SEC5, r->problems, NULL);
	text_section(b, "s6", ANNUAL_SEC6, r->other, r->fee_sentence);
	buf_adds(b, "<section class=\"report-section report-about\" "
		 "aria-labelledby=\"s-notes\">\n<h2 id=\"s-notes\">数据说明</h2>\n"
		 "<ul class=\"report-notes\">\n");
	for (size_t i = 0; i < r->nnotes; i++) {
		buf_adds(b, "<li>");
		html_esc(b, r->notes[i]);
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ul>\n");
	if (o->problems && r->nproblems) {
		buf_adds(b, "<div class=\"notice error\" role=\"note\"><p>数据问题：</p>"
			 "<ul>\n");
		for (size_t i = 0; i < r->nproblems; i++) {
			buf_adds(b, "<li>");
			html_esc(b, r->problems_found[i]);
			buf_adds(b, "</li>\n");
		}
		buf_adds(b, "</ul></div>\n");
	}
	buf_adds(b, "</section>\n</article>\n");
}

/* The styles of a saved report: the tables and the print rules, a small
 * copy of what web/static/style.css gives the site's pages. */
static const char standalone_css[] =
"body{font-family:\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\","
"sans-serif;line-height:1.7;color:#1d1d1f;max-width:72rem;margin:0 auto;"
"padding:1rem}"
"h1{font-size:1.6rem;text-align:center}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}"
".meta,.report-notes,.src{color:#595959;font-size:.9em}"
".table-scroll{overflow-x:auto;margin:.5rem 0 1rem}"
"table.report-table{border-collapse:collapse;width:100%}"
"table.report-table caption{font-weight:bold;text-align:left;padding:.25rem 0}"
"table.report-table th,table.report-table td{border:1px solid #888;"
"padding:.3rem .5rem;vertical-align:middle}"
"table.report-table thead th{background:#f2f2f2;text-align:center}"
"table.report-table tbody th{text-align:left;font-weight:normal}"
"table.report-table th.group{text-align:center}"
"td.num{text-align:right;white-space:nowrap}.src{display:block;font-size:.75em}"
".empty{color:#595959}.sr{position:absolute;width:1px;height:1px;"
"overflow:hidden;clip:rect(0 0 0 0)}"
"@media print{body{max-width:none;padding:0;font-size:10.5pt;color:#000}"
".table-scroll{overflow:visible}table.report-table{page-break-inside:avoid}"
"table.report-table th,table.report-table td{border-color:#000}"
"h2{break-after:avoid}@page{size:A4;margin:15mm}}";

void report_html_document(struct buf *b, const struct annual_report *r)
{
	struct report_html_opts o = { NULL, true, true };

	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		 "content=\"width=device-width, initial-scale=1\">\n<title>");
	html_esc(b, r->title);
	buf_adds(b, "</title>\n<style>");
	buf_adds(b, standalone_css);
	buf_adds(b, "</style>\n</head>\n<body>\n<main>\n<h1>");
	html_esc(b, r->title);
	buf_adds(b, "</h1>\n");
	report_html_body(b, r, &o);
	buf_adds(b, "</main>\n</body>\n</html>\n");
}
