/* csv-write.h: writing CSV that Excel and WPS on Chinese Windows open right
 *
 * Records follow RFC 4180 with CRLF line ends, and the file should start with
 * csv_bom so that Excel reads it as UTF-8 rather than GBK.  Whatever is
 * written here reads back through csv_read_mem() to the same cells.
 *
 * Cells are written as given: one starting with = + - @ is a formula to
 * Excel, and neutralising it (if wanted) is the caller's business.
 */
#ifndef GK_CSV_WRITE_H
#define GK_CSV_WRITE_H

#include <stddef.h>

#include "../util/buf.h"

/* Append one CSV record (RFC 4180: fields quoted when they hold , " CR LF or
 * leading/trailing space; " doubled; CRLF line end).  Fields holding a TAB
 * or starting with a byte order mark are quoted too, so that the reader's
 * TAB detection and BOM stripping never touch them.
 * NULL cells are written empty. */
void csv_write_row(struct buf *b, const char *const *cells, size_t n);

/* The UTF-8 byte order mark, written first so that Excel on Chinese Windows
 * opens the file as UTF-8. */
extern const char csv_bom[3];

#endif
