/* chart.c: inline SVG bar and line charts with their text tables (see
 * chart.h)
 *
 * Bars are horizontal (Chinese labels are long): a label column on the
 * left, the bar, its value after it.  Lines run left to right over the
 * points of x, one colour per series (chart-s0 … chart-s7 in the
 * stylesheet), each point a circle with its own <title>.  Coordinates are
 * written with one decimal.
 */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "../domain/geo.h"
#include "../store/model.h"
#include "../util/arena.h"
#include "../util/utf8.h"

#define BAR_W 480.0	/* viewBox width: legible when a phone shrinks it */
#define LABEL_W 190.0	/* the label column */
#define VALUE_W 90.0	/* the value after the bar */
#define ROW_H 30.0
#define TOP 34.0	/* the axis label above */

/* Ids of the page: keep letters, digits, '-'. */
static void put_id(struct buf *b, const char *id)
{
	for (const char *p = id; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-')
			buf_addch(b, *p);
}

/* A label cut to about 'width' columns, with … when cut. */
static void short_label(struct buf *b, const char *s, size_t width)
{
	const char *p = s, *cut = NULL;
	size_t w = 0;

	while (*p) {
		const char *at = p;
		uint32_t cp = utf8_next(&p);

		w += cp >= 0x1100 ? 2 : 1;
		if (w > width && !cut) {
			cut = at;
			break;
		}
	}
	if (!cut) {
		html_esc(b, s);
		return;
	}
	html_escn(b, s, (size_t)(cut - s));
	buf_adds(b, "…");
}

static void svg_open(struct buf *b, const char *id, const char *title,
		     double w, double h)
{
	buf_adds(b, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
		 "role=\"img\" viewBox=\"0 0 ");
	buf_addf(b, "%.0f %.0f\" aria-labelledby=\"", w, h);
	put_id(b, id);
	buf_adds(b, "-t ");
	put_id(b, id);
	buf_adds(b, "-d\"><title id=\"");
	put_id(b, id);
	buf_adds(b, "-t\">");
	html_esc(b, title);
	buf_adds(b, "</title><desc id=\"");
	put_id(b, id);
	buf_adds(b, "-d\">图中数据见旁边的表格。</desc>\n");
}

void chart_bars(struct buf *b, const char *id, const char *title,
		const struct chart_bar *v, size_t n, double max,
		const char *axis_label)
{
	double h = TOP + ROW_H * (double)(n ? n : 1) + 10;
	double span = BAR_W - LABEL_W - VALUE_W;

	if (!(max > 0))
		max = 1;
	svg_open(b, id, title, BAR_W, h);
	buf_addf(b, "<text class=\"chart-axis\" x=\"%.1f\" y=\"20\">", LABEL_W);
	html_esc(b, axis_label ? axis_label : "");
	buf_adds(b, "</text>\n");
	/* grid lines at 0, ½ and the whole */
	for (int k = 0; k <= 2; k++) {
		double x = LABEL_W + span * k / 2.0;

		buf_addf(b, "<line class=\"chart-grid\" x1=\"%.1f\" y1=\"%.1f\" "
			 "x2=\"%.1f\" y2=\"%.1f\"/>\n", x, TOP - 6, x, h - 6);
	}
	for (size_t i = 0; i < n; i++) {
		double y = TOP + ROW_H * (double)i;
		double val = isfinite(v[i].value) && v[i].value > 0 ?
			v[i].value : 0;
		double w = span * (val > max ? 1.0 : val / max);

		buf_addf(b, "<text class=\"chart-label\" x=\"%.1f\" y=\"%.1f\" "
			 "text-anchor=\"end\">", LABEL_W - 8, y + ROW_H * 0.62);
		short_label(b, v[i].label, 24);
		buf_addf(b, "</text><rect class=\"chart-bar%s\" x=\"%.1f\" "
			 "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>",
			 i % 2 ? " chart-bar-alt" : "", LABEL_W, y + 5, w,
			 ROW_H - 10);
		html_esc(b, v[i].label);
		buf_adds(b, "：");
		html_esc(b, v[i].value_text ? v[i].value_text : "");
		buf_addf(b, "</title></rect><text class=\"chart-value\" "
			 "x=\"%.1f\" y=\"%.1f\">", LABEL_W + w + 6,
			 y + ROW_H * 0.62);
		html_esc(b, v[i].value_text ? v[i].value_text : "");
		buf_adds(b, "</text>\n");
	}
	buf_adds(b, "</svg>\n");
}

void chart_table(struct buf *b, const char *caption, const char *label_head,
		 const char *value_head, const char *note_head,
		 const struct chart_bar *v, size_t n)
{
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"");
	html_esc(b, caption);
	buf_adds(b, "（数据表）\"><table class=\"grid chart-table\"><caption>");
	html_esc(b, caption);
	buf_adds(b, "</caption><thead><tr><th scope=\"col\">");
	html_esc(b, label_head);
	buf_adds(b, "</th><th scope=\"col\">");
	html_esc(b, value_head);
	buf_adds(b, "</th>");
	if (note_head) {
		buf_adds(b, "<th scope=\"col\">");
		html_esc(b, note_head);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<tr><th scope=\"row\">");
		if (v[i].href) {
			buf_adds(b, "<a href=\"");
			html_esc(b, v[i].href);
			buf_adds(b, "\">");
		}
		html_esc(b, v[i].label);
		if (v[i].href)
			buf_adds(b, "</a>");
		buf_adds(b, "</th><td class=\"num\">");
		html_esc(b, v[i].value_text ? v[i].value_text : "");
		buf_adds(b, "</td>");
		if (note_head) {
			buf_adds(b, "<td>");
			html_esc(b, v[i].note ? v[i].note : "");
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

#define LINE_W 560.0
#define LINE_H 300.0	/* plus a line of legend per LEGEND_ROW series */
#define LEGEND_ROW 4
#define PAD_L 50.0
#define PAD_R 20.0
#define PAD_T 30.0
#define PAD_B 60.0

/* A "nice" axis top: 1, 2 or 5 times a power of ten, at least 'v'. */
static double nice_top(double v)
{
	double p = 1;

	if (!(v > 0))
		return 1;
	while (p * 10 <= v)
		p *= 10;
	while (p > v * 10)
		p /= 10;
	if (v <= p)
		return p;
	if (v <= 2 * p)
		return 2 * p;
	if (v <= 5 * p)
		return 5 * p;
	return 10 * p;
}

void chart_lines(struct buf *b, const char *id, const char *title,
		 const char *const *xlabels, size_t nx,
		 const struct chart_series *s, size_t ns, const char *axis_label)
{
	double top = 0, w = LINE_W - PAD_L - PAD_R, h = LINE_H - PAD_T - PAD_B;
	double legend_y = LINE_H - 14;
	size_t rows = ns ? (ns + LEGEND_ROW - 1) / LEGEND_ROW : 1;

	for (size_t k = 0; k < ns; k++)
		for (size_t i = 0; i < nx; i++)
			if (isfinite(s[k].values[i]) && s[k].values[i] > top)
				top = s[k].values[i];
	top = nice_top(top);
	svg_open(b, id, title, LINE_W, LINE_H + 18.0 * (double)(rows - 1));
	buf_addf(b, "<text class=\"chart-axis\" x=\"%.1f\" y=\"18\">", PAD_L);
	html_esc(b, axis_label ? axis_label : "");
	buf_adds(b, "</text>\n");
	for (int g = 0; g <= 4; g++) {
		double y = PAD_T + h - h * g / 4.0;

		buf_addf(b, "<line class=\"chart-grid\" x1=\"%.1f\" y1=\"%.1f\" "
			 "x2=\"%.1f\" y2=\"%.1f\"/><text class=\"chart-tick\" "
			 "x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
			 PAD_L, y, PAD_L + w, y, PAD_L - 6, y + 5, top * g / 4.0);
	}
	for (size_t i = 0; i < nx; i++) {
		double x = PAD_L + (nx > 1 ? w * (double)i / (double)(nx - 1) :
				    w / 2);

		if (nx > 6 && i % ((nx + 5) / 6) && i != nx - 1)
			continue;	/* keep the x labels apart */
		buf_addf(b, "<text class=\"chart-tick\" x=\"%.1f\" y=\"%.1f\" "
			 "text-anchor=\"middle\">", x, PAD_T + h + 20);
		short_label(b, xlabels[i], 12);
		buf_adds(b, "</text>\n");
	}
	for (size_t k = 0; k < ns; k++) {
		buf_addf(b, "<g class=\"chart-s%zu\">", k % 8);
		if (nx > 1) {
			buf_adds(b, "<polyline fill=\"none\" points=\"");
			for (size_t i = 0; i < nx; i++) {
				double val = isfinite(s[k].values[i]) ?
					s[k].values[i] : 0;

				buf_addf(b, "%s%.1f,%.1f", i ? " " : "",
					 PAD_L + w * (double)i / (double)(nx - 1),
					 PAD_T + h - h * val / top);
			}
			buf_adds(b, "\"/>");
		}
		for (size_t i = 0; i < nx; i++) {
			double val = isfinite(s[k].values[i]) ? s[k].values[i] : 0;

			buf_addf(b, "<circle r=\"4\" cx=\"%.1f\" cy=\"%.1f\"><title>",
				 PAD_L + (nx > 1 ? w * (double)i /
					  (double)(nx - 1) : w / 2),
				 PAD_T + h - h * val / top);
			html_esc(b, s[k].name);
			buf_adds(b, " ");
			html_esc(b, xlabels[i]);
			buf_addf(b, "：%g</title></circle>", val);
		}
		/* the legend along the bottom */
		buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"4\"/>"
			 "<text class=\"chart-tick\" x=\"%.1f\" y=\"%.1f\">",
			 PAD_L + 120.0 * (double)(k % LEGEND_ROW),
			 legend_y - 4 + 18.0 * (double)(k / LEGEND_ROW),
			 PAD_L + 120.0 * (double)(k % LEGEND_ROW) + 18,
			 legend_y + 18.0 * (double)(k / LEGEND_ROW));
		short_label(b, s[k].name, 12);
		buf_adds(b, "</text></g>\n");
	}
	buf_adds(b, "</svg>\n");
}

void chart_series_table(struct buf *b, const char *caption,
			const char *x_head, const char *const *xlabels,
			size_t nx, const struct chart_series *s, size_t ns)
{
	buf_adds(b, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		 "aria-label=\"");
	html_esc(b, caption);
	buf_adds(b, "（数据表）\"><table class=\"grid chart-table\"><caption>");
	html_esc(b, caption);
	buf_adds(b, "</caption><thead><tr><th scope=\"col\">");
	html_esc(b, x_head);
	buf_adds(b, "</th>");
	for (size_t k = 0; k < ns; k++) {
		buf_adds(b, "<th scope=\"col\">");
		html_esc(b, s[k].name);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < nx; i++) {
		buf_adds(b, "<tr><th scope=\"row\">");
		html_esc(b, xlabels[i]);
		buf_adds(b, "</th>");
		for (size_t k = 0; k < ns; k++)
			buf_addf(b, "<td class=\"num\">%g</td>",
				 isfinite(s[k].values[i]) ? s[k].values[i] : 0);
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

size_t chart_map(struct buf *b, const char *id, const char *title,
		 const char *klass, const char *what,
		 const struct chart_region *v, size_t n)
{
	struct geo_map_region *m = calloc(n ? n : 1, sizeof(*m));
	struct geo_shape *shapes = calloc(n ? n : 1, sizeof(*shapes));
	struct arena a = ARENA_INIT;
	size_t k = 0, nshapes;

	for (size_t i = 0; i < n; i++) {
		struct errors err = ERRORS_INIT;

		if (!v[i].r->geometry ||
		    geo_shape_from_json(v[i].r->geometry, &shapes[k], &err)) {
			errors_release(&err);
			continue;
		}
		m[k].code = v[i].r->code;
		m[k].name = v[i].r->name;
		m[k].href = v[i].href;
		m[k].shape = &shapes[k];
		m[k].share = v[i].share;
		m[k].title = arena_printf(&a, "%s：%s %s", v[i].r->name, what,
					  v[i].value_text ? v[i].value_text : "");
		k++;
	}
	nshapes = k;
	if (k) {
		buf_adds(b, "<figure class=\"map ");
		html_esc(b, klass);
		buf_adds(b, "\">\n");
		if (geo_svg_map(b, title, id, m, k))
			k = 0;
		buf_adds(b, "<figcaption>颜色越深，");
		html_esc(b, what);
		buf_adds(b, "越高；灰色为暂无数据。<span class=\"legend\">"
			 "<span class=\"gk-share-0\">&lt;20%</span>"
			 "<span class=\"gk-share-1\">20–40%</span>"
			 "<span class=\"gk-share-2\">40–60%</span>"
			 "<span class=\"gk-share-3\">60–80%</span>"
			 "<span class=\"gk-share-4\">≥80%</span></span>"
			 "</figcaption>\n</figure>\n");
	}
	for (size_t i = 0; i < nshapes; i++)
		geo_shape_free(&shapes[i]);
	free(m);
	free(shapes);
	arena_release(&a);
	return k;
}
