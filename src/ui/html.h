/* html.h: escaping for HTML and URLs, and small markup helpers
 *
 * Every string that reaches a page passes through html_esc (text and
 * attribute values alike: & < > " ' are all escaped) or url_esc (a value
 * placed inside a URL).  Markdown bodies go through html_markdown, which
 * uses cmark with raw HTML suppressed.
 */
#ifndef GK_HTML_H
#define GK_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

void html_esc(struct buf *b, const char *s);
void html_escn(struct buf *b, const char *s, size_t n);
/* Percent-encode everything but unreserved characters (RFC 3986). */
void url_esc(struct buf *b, const char *s);
/* Render Markdown as HTML; raw HTML and dangerous links never pass. */
void html_markdown(struct buf *b, const char *md);
/* "1,234" style grouping for counts. */
void html_count(struct buf *b, int64_t n);

#endif
