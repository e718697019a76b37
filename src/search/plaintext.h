/* plaintext.h: the text of a Markdown body as a reader sees it
 *
 * Records' bodies are Markdown (rendered by ui/html.c).  The index keeps
 * what the page shows — no "##", "**" or link targets — so that snippets
 * read as the page does and a search for a word finds what is visible.
 */
#ifndef GK_SEARCH_PLAINTEXT_H
#define GK_SEARCH_PLAINTEXT_H

#include "../util/buf.h"

/* Append the text of 'md' (NULL: nothing) to 'out': paragraphs, headings,
 * list items, quotes and code blocks each end with a line end; inline
 * code and the alternative text of images are kept, raw HTML is not. */
void markdown_plain_text(const char *md, struct buf *out);

#endif
