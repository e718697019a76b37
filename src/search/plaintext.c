/* plaintext.c: see plaintext.h (walks cmark's tree of the document) */
#include "plaintext.h"

#include <cmark.h>
#include <string.h>

void markdown_plain_text(const char *md, struct buf *out)
{
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;

	if (!md || !*md)
		return;
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	if (!doc)
		return;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			lit = cmark_node_get_literal(n);
			if (ev == CMARK_EVENT_ENTER && lit)
				buf_adds(out, lit);
			if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK)
				buf_addch(out, '\n');
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addch(out, '\n');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
		case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_THEMATIC_BREAK:
			if (ev == CMARK_EVENT_EXIT ||
			    cmark_node_get_type(n) == CMARK_NODE_THEMATIC_BREAK)
				buf_addch(out, '\n');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}
