/* csv-read.h: reading a CSV file, as Chinese offices make them, into a grid
 *
 * Accepts what Excel and WPS on Chinese Windows actually save: UTF-8 with or
 * without a byte order mark, GBK/GB18030 (Excel's plain "CSV (逗号分隔)"),
 * UTF-16LE with a BOM (Excel's "Unicode 文本", TAB-separated); comma or TAB
 * separated; CRLF, LF or lone CR line ends; RFC 4180 quoting.
 *
 * The result is one sheet whose rows carry the record's 1-based index as
 * rownum (a newline inside quotes stays inside its cell, so this is the row
 * Excel shows).  Rows whose cells are all empty are dropped but still count;
 * empty cells are NULL; trailing empty cells are not stored (ncells ends at
 * the last non-empty cell); cell text is otherwise kept byte for byte, with
 * no trimming.  A file over any cap in 'lim' is refused whole.
 */
#ifndef GK_CSV_READ_H
#define GK_CSV_READ_H

#include <stddef.h>

#include "grid.h"
#include "../util/errors.h"

/* Read the CSV file at 'path' into 'out' (grid_init()ed by caller) as one
 * sheet named 'sheet' (callers pass the file's base name without extension,
 * as Excel names it).  The size cap is checked before the file is read.
 * Returns 0, or -1 with Chinese messages "<display>: 原因" or
 * "<display>:<sheet>:第N行: 原因" in 'err'; on failure no sheet is added
 * (memory already taken from out->arena goes with grid_release()). */
int csv_read_file(const char *path, const char *display, const char *sheet,
		  const struct grid_limits *lim, struct grid *out,
		  struct errors *err);

/* The same for the 'len' bytes at 'data' (not NUL-terminated; not kept:
 * every cell is copied into out->arena). */
int csv_read_mem(const void *data, size_t len, const char *display,
		 const char *sheet, const struct grid_limits *lim,
		 struct grid *out, struct errors *err);

#endif
