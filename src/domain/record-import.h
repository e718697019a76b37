/* record-import.h: records (公开信息) in and out of spreadsheets, and
 * attachments
 *
 * An office migrating an existing site fills one table per catalog item:
 * one row per record, the columns 标题, 索引号, 文号, 发布机构, 成文日期,
 * 发布日期, 有效性, 主题分类, 公开属性, 不公开依据, 正文, 状态 (common
 * variants of these headers are accepted) and one column per 公开内容要素 of
 * the item, headed by the element's text.  Import is all or nothing: every
 * problem of every row is reported as "文件:工作表:第N行:「列名」: 原因" and
 * only a file without problems is written, in one transaction.  Export
 * writes the same columns, so that an exported file imports back unchanged.
 *
 * The step from a grid to records needs no database (records_from_grid, so
 * that it can be fuzzed); the store is needed only to find the item, check
 * 索引号 against those already used, number the rows left without one and
 * insert.  No SQL and no HTTP here.
 */
#ifndef GK_RECORD_IMPORT_H
#define GK_RECORD_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../io/grid.h"
#include "../store/store.h"
#include "../util/buf.h"

/* The standard columns of a records table, in the order export writes
 * them.  The element columns follow. */
enum record_col {
	RCOL_TITLE,		/* 标题 */
	RCOL_INDEX_NO,		/* 索引号 */
	RCOL_DOC_NO,		/* 文号 */
	RCOL_PUBLISHER,		/* 发布机构 */
	RCOL_WRITTEN_ON,	/* 成文日期 */
	RCOL_PUBLISHED_ON,	/* 发布日期 */
	RCOL_VALIDITY,		/* 有效性 */
	RCOL_TOPIC,		/* 主题分类 */
	RCOL_DISCLOSURE,	/* 公开属性 */
	RCOL_LEGAL_GROUND,	/* 不公开依据 */
	RCOL_BODY,		/* 正文 */
	RCOL_STATUS,		/* 状态 */
	RCOL_ITEM,		/* 公开事项 (written by a region export only) */
	RCOL__MAX
};
/* The header export writes for a standard column. */
const char *record_col_label(enum record_col c);

/* Read a date as offices write it — 2021-06-30, 2021/6/30, 2021.6.30,
 * 2021年6月30日, 20210630, or an Excel serial number such as 44377 (what an
 * .xlsx holds for a date cell) — into YYYY-MM-DD.  Returns 0, or -1 when
 * the text is not a date between 1949 and 2100. */
int record_parse_date(const char *text, char out[11]);

/* A record's 状态 from its label or code (已发布, published, 草稿 …); -1
 * when neither. */
int record_status_parse(const char *s);

/* Records read from one sheet of a grid for one catalog item. */
struct record_rows {
	const char *sheet;	/* the sheet read */
	struct record *v;	/* region, domain, lineage, item and unit unset;
				   index_no "" where the file left it blank */
	uint32_t *rownum;	/* the sheet row of each record */
	size_t n;
};

/* Flags for records_from_grid. */
enum {
	/* the grid came from a CSV written by record_write_csv: a leading
	 * ' put before = + - @ ' to defuse formulas is taken off again */
	RECORD_GRID_CSV = 1,
};

/* Turn the rows of sheet 'want_sheet' of 'g' (NULL: the first sheet with a
 * records header) into records for item 'it' (its name and elements are
 * used).  A blank 发布机构 becomes 'publisher'.  Every record passes
 * record_check(); duplicate 索引号 inside the file are refused.  Every
 * problem is added to 'err' as "display:工作表:第N行:「列名」: 原因".
 * Strings come from 'a' or are shared with the grid, which must outlive the
 * records.  Returns 0, or -1 with at least one problem. */
int records_from_grid(const struct grid *g, const char *display,
		      const char *want_sheet, const struct item *it,
		      const char *publisher, unsigned flags, struct arena *a,
		      struct record_rows *out, struct errors *err);

struct record_import_opts {
	const char *path;	/* .xlsx or .csv */
	int64_t item_id;	/* a leaf item of a published catalog */
	int64_t unit_id;	/* 0: the government of the catalog's region */
	const char *sheet;	/* NULL: the first sheet with a records header */
};

/* Import a file of records under one catalog item.  Returns the number of
 * records written, or -1 with every problem in 'err' and nothing written. */
int64_t record_import(struct store *s, const struct record_import_opts *o,
		      struct errors *err);

/* The item with database id 'item_id' and its catalog (loaded into 'a').
 * Returns the item's index in c->items, or -1 with a message in 'err'. */
int record_find_item(struct store *s, int64_t item_id, struct arena *a,
		     struct catalog *c, struct errors *err);

/* The unit that publishes by default in 'region': its 人民政府 (or 街道办事
 * 处, 乡镇人民政府, …), else its first unit.  STORE_NOTFOUND if none. */
enum store_rc record_default_unit(struct store *s, const char *region,
				  struct arena *a, struct unit *out);

/* --- export (record-export.c) --- */

enum record_format { RECORD_CSV, RECORD_XLSX };

/* Records to export: those of one item (item_id), or of a region and
 * optionally a domain.  Bodies and element values are written too. */
struct record_export_opts {
	int64_t item_id;	/* 0: use region (and domain_id) */
	const char *region;
	int64_t domain_id;	/* 0 = every domain */
};

/* Write the records chosen by 'o' to 'path' ("-" or NULL: CSV to stdout).
 * An item's export has the columns record_import() reads, so it imports
 * back to the same records; a region's adds a 公开事项 column and every
 * element column met.  *count (may be NULL) gets the number written.
 * Returns 0 or -1 with a message in 'err'. */
int record_export(struct store *s, const struct record_export_opts *o,
		  enum record_format fmt, const char *path, size_t *count,
		  struct errors *err);

/* A CSV cell defused for spreadsheet programs: a cell starting with
 * = + - @ or ' gets a ' in front (records_from_grid with RECORD_GRID_CSV
 * takes it off again). */
void record_csv_cell(struct buf *b, const char *cell);

/* --- attachments --- */

#define ATTACHMENT_MAX_BYTES (50u << 20)

/* The MIME type of an attachment by its content (and for zip and OLE
 * containers its name): PDF, Word/Excel/PowerPoint (old and new), OFD, PNG,
 * JPEG, GIF, UTF-8 text and CSV.  NULL for anything else, with a Chinese
 * reason in *why. */
const char *attachment_mime(const void *data, size_t len, const char *name,
			    const char **why);

/* Store 'data' as an attachment named 'name' of record 'record_id' (one
 * transaction: the blob, then the link).  Refuses files over 50 MB, empty
 * ones, unknown types and bad names.  Fills 'out'.  Returns 0 or -1. */
int record_attach(struct store *s, int64_t record_id, const char *name,
		  const void *data, size_t len, struct attachment *out,
		  struct arena *a, struct errors *err);

#endif
