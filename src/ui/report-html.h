/* report-html.h: the annual report (年报) as HTML — one renderer for the
 * public report page, the back office's preview and `gongkai report
 * annual --format html`
 *
 * The six sections in the official order; tables 二, 三 and 四 with the
 * official labels, each a real <table> with a <caption>, th scope (row,
 * col, rowgroup, colgroup) and the official merged cells as rowspan /
 * colspan; wide tables scroll in their own box on a phone.  Section texts
 * are Markdown (html_markdown: raw HTML never passes).  Print rules are in
 * web/static/style.css (the "annual report" block) and, for the
 * standalone document, inline.
 */
#ifndef GK_REPORT_HTML_H
#define GK_REPORT_HTML_H

#include <stdbool.h>

#include "../domain/annual-report.h"
#include "../util/buf.h"

struct report_html_opts {
	const char *xlsx_href;	/* download link of the .xlsx, or NULL */
	bool problems;		/* list data problems (back office, CLI) */
	bool sources;		/* mark where each table 二 figure came from */
};

/* The report's body (no <h1>: the page frame writes the title). */
void report_html_body(struct buf *b, const struct annual_report *r,
		      const struct report_html_opts *o);

/* A complete, self-contained HTML document (inline styles, print rules),
 * for saving to a file. */
void report_html_document(struct buf *b, const struct annual_report *r);

#endif
