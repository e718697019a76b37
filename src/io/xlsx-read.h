/* xlsx-read.h: reading an Excel workbook (.xlsx) into a grid
 *
 * Reads what Excel, WPS, LibreOffice and the usual libraries write, in
 * transitional or Strict Office Open XML: every worksheet in workbook order
 * (hidden ones too; chart and dialog sheets are skipped), named as in the
 * workbook.  A cell's text is what the file stores, never trimmed or
 * reformatted: strings as written (_xHHHH_ escapes decoded, rich text runs
 * joined, phonetic guides left out), numbers as their raw text ("2.5",
 * "1.0E-3"; dates are serial numbers such as "45292", since cell styles are
 * not read), formulas as their cached result, booleans as "TRUE"/"FALSE",
 * errors as "#N/A" and the like.  Empty text is a NULL cell; trailing empty
 * cells are not stored.  Merged ranges are expanded (see grid.h), clipped to
 * the rows and columns that hold data, and rows left without a non-empty
 * cell are dropped.
 *
 * The input is treated as hostile: every cap in 'lim' is enforced, the XML
 * read out of the zip is counted (zip bombs), any DOCTYPE is refused (XML
 * bombs, external entities), bytes that are not UTF-8 are reported with the
 * cell that holds them, and libxml2 never prints anything.  Memory is about
 * the size of the cell text: parts are parsed as streams and never held
 * whole.
 *
 * The functions are safe to call from several threads at once, provided the
 * first call has returned before the others start (it initialises libxml2).
 */
#ifndef GK_XLSX_READ_H
#define GK_XLSX_READ_H

#include <stddef.h>

#include "grid.h"
#include "../util/errors.h"

/* Read every worksheet of the .xlsx at 'path' into 'out' (grid_init()ed by the caller).
 * 'display' is the name used at the start of every message (normally the file name as the user typed it).
 * Returns 0, or -1 with one or more Chinese messages in 'err' of the form "<display>: 原因" (or
 * "<display>:<sheet>: 原因" when a sheet is at fault); on -1 'out' may hold partial data and must still be released. */
int xlsx_read_file(const char *path, const char *display, const struct grid_limits *lim, struct grid *out, struct errors *err);
/* The same for a file already in memory (uploads, fuzzing). */
int xlsx_read_mem(const void *data, size_t len, const char *display, const struct grid_limits *lim, struct grid *out, struct errors *err);

/*
 * Details of the contract:
 *  - Sheets are appended to out->sheets (a grid may collect several files).
 *    Only sheets read without any problem are added; a sheet at fault is
 *    reported and the other sheets are still read, so that one run shows
 *    every problem.  File-wide faults (not a zip, damaged zip, zip or XML
 *    bomb, no workbook) stop at the first message.
 *  - Every string in 'out' lives in out->arena.  Cells may share one
 *    pointer (a shared string used many times, a merged range) and may
 *    point to static "TRUE"/"FALSE": never write through or free a cell.
 *  - 'data' of xlsx_read_mem() is only read during the call.
 *  - Row numbers are the spreadsheet's; rows without data are not stored.
 */

#endif
