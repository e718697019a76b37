/* chart.h: pictures drawn on the server as inline SVG — bar charts and
 * line charts, each with the same figures as a text table beside it
 *
 * No JavaScript: the picture is complete in the page.  Each <svg> has
 * role="img" with a <title> (and a <desc> saying where the table is), its
 * colours come from the stylesheet (.chart-*), and every number it shows
 * is also in a <table> written by chart_table() or chart_series_table(),
 * which is what screen readers and people who cannot read the picture
 * use.  All text is escaped.  Sizes are in a viewBox, so the picture
 * scales to the width of a phone.
 */
#ifndef GK_CHART_H
#define GK_CHART_H

#include <stddef.h>

#include "../util/buf.h"

/* One bar: 'value' of 'max' (a share of the axis), its text as shown at
 * the end of the bar and in the table ("92.5%", "87.25 分"). */
struct chart_bar {
	const char *label;
	double value;
	const char *value_text;
	const char *href;	/* the label links here, or NULL */
	const char *note;	/* a third column of the table, or NULL */
};

/* Horizontal bars, one per item, longest axis 'max' (> 0).  'id' makes
 * the ids unique on the page (letters, digits, '-'). */
void chart_bars(struct buf *b, const char *id, const char *title,
		const struct chart_bar *v, size_t n, double max,
		const char *axis_label);
/* The bars as a table: caption, then label | value (| note). */
void chart_table(struct buf *b, const char *caption, const char *label_head,
		 const char *value_head, const char *note_head,
		 const struct chart_bar *v, size_t n);

/* A line chart: 'nx' points along x ('xlabels'), one line per series. */
struct chart_series {
	const char *name;
	const double *values;	/* nx values */
};
void chart_lines(struct buf *b, const char *id, const char *title,
		 const char *const *xlabels, size_t nx,
		 const struct chart_series *s, size_t ns, const char *axis_label);
/* The same figures as a table: a row per x, a column per series. */
void chart_series_table(struct buf *b, const char *caption,
			const char *x_head, const char *const *xlabels,
			size_t nx, const struct chart_series *s, size_t ns);

/* A map of regions with outlines (domain/geo.h), each shaded by 'share'
 * (0..1, < 0 unknown) and linked to 'href', inside <figure class="map
 * 'klass'"> so the stylesheet can give it its own colours, with a legend
 * naming what the shades mean ('what': "得分率", "完整度").  The map is a
 * group of links (keyboard reachable); the regions and their values are in
 * chart_table() beside it.  Returns the number of regions drawn (0: no
 * outlines, nothing written). */
struct region;
struct chart_region {
	const struct region *r;
	double share;
	const char *href;	/* or NULL */
	const char *value_text;	/* "87.3%" or "暂无" */
};
size_t chart_map(struct buf *b, const char *id, const char *title,
		 const char *klass, const char *what,
		 const struct chart_region *v, size_t n);

#endif
