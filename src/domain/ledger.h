/* ledger.h: the ledgers of offline disclosure — the bulletin-board ledger
 * (公示栏台账), notices printed from records, and inspections of the
 * 政务公开专区 against its checklist
 *
 * Seed 004 scores "线下公示栏的信息发布建立台账" (2 points for a 街道（镇）)
 * and the 专区's carriers and materials; seed 003 gives the 专区 checklist
 * per level (载体, 内容, 形式, 内容要求, 数量要求; schema/0010-supervision.sql
 * holds it as data).  A unit's ledger entry says what was posted, where,
 * from and to which date, by whom, with photos; printing a published
 * record as an A4 notice (ui/ui-notice.c) and posting it adds such an
 * entry linked to the record.  An inspection marks every checklist line
 * of the unit's level met or not, with notes and photos.
 *
 * ledger_kept() is what assessment asks: for a unit and a period, whether
 * a ledger was kept and how well, with the figure behind the score.
 * Who may do what is authz.h's AZ_LEDGER_KEEP and AZ_ZONE_INSPECT; every
 * write has its audit entry in the same transaction.  No SQL, no HTTP.
 */
#ifndef GK_LEDGER_H
#define GK_LEDGER_H

#include "supervision.h"
#include "../util/buf.h"

#define LEDGER_TITLE_MAX 600	/* bytes */
#define LEDGER_PLACE_MAX 300
#define LEDGER_BY_MAX 150
#define LEDGER_NOTE_MAX 2000

/* --- the bulletin-board ledger --- */

struct board_input {
	int64_t unit_id;
	const char *title;	/* what was posted (ignored when printing a
				 * record: the record's title) */
	const char *place;	/* where */
	const char *posted_from, *posted_to;	/* dates, required */
	const char *posted_by;	/* who put it up */
	const char *note;
};

/* Check and add an entry with its photos (JPEG, PNG or GIF) and its audit
 * entry in one transaction.  Returns the id, or 0 with every problem in
 * 'err' ("没有权限：…" when 'who' may not keep the unit's ledger). */
int64_t ledger_add(struct store *s, const struct actor *who,
		   const struct board_input *in, const struct sv_upload *photos,
		   size_t nphotos, struct errors *err);

/* 打印并登记: record 'record_id' (published and 主动公开) is printed as a
 * notice and posted: an entry for the record's unit with the record's
 * title, in->place, the dates and in->posted_by (in->unit_id and
 * in->title are ignored).  Returns the entry's id, or 0 with the reasons
 * in 'err'. */
int64_t ledger_print(struct store *s, const struct actor *who,
		     int64_t record_id, const struct board_input *in,
		     struct errors *err);

/* The entries 'who' may see: of 'unit_id' (0: every unit of the office's
 * region, or of 'region' below it), posted during [from, to] (NULL or ""
 * open), newest first.  Returns 0, or -1 with the reason. */
int ledger_list(struct store *s, const struct actor *who, int64_t unit_id,
		const char *region, const char *from, const char *to,
		struct arena *a, struct board_entry **out, size_t *n,
		struct errors *err);

/* The same entries as CSV (with the byte order mark Excel wants; cells
 * starting with = + - @ defused): 序号, 单位, 公示内容, 张贴位置, 开始日期,
 * 结束日期, 张贴人, 关联信息索引号, 打印登记, 照片数, 备注, 登记人,
 * 登记时间.  Returns 0 or -1. */
int ledger_csv(struct store *s, const struct actor *who, int64_t unit_id,
	       const char *region, const char *from, const char *to,
	       struct buf *out, struct errors *err);

/* Was the unit's bulletin-board ledger kept during [from, to], and how
 * well?  Counts the entries whose posting started in the period, those
 * with a photo (a complete entry: every field is required, the photo is
 * the evidence 提交相关照片 asks for), and the calendar months of the
 * period with at least one new entry.  score = 0 when nothing was
 * recorded, else (share with photos + share of months covered) / 2, in
 * [0, 1]; 'figure' says all of it in Chinese.  Dates YYYY-MM-DD, both
 * required, from <= to.  No authorisation (the caller's).  Returns 0, or
 * -1 with the reason. */
struct ledger_kept {
	int64_t unit_id;
	const char *from, *to;
	bool kept;		/* at least one entry */
	size_t nentries;
	size_t nprinted;	/* of which notices printed from records */
	size_t nphotos;		/* entries with at least one photo */
	size_t nmonths;		/* calendar months of the period */
	size_t nmonths_kept;	/* months with a new entry */
	double score;
	const char *figure;
};
int ledger_kept(struct store *s, int64_t unit_id, const char *from,
		const char *to, struct arena *a, struct ledger_kept *out,
		struct errors *err);

/* --- the 政务公开专区 --- */

/* The checklist level of a region level: 县 → "county" (区县（市）级),
 * 乡 → "township" (乡镇（街道）级); NULL for others (the seed has no list
 * for them). */
const char *zone_level_of(const char *region_level);
/* "区县（市）级" or "乡镇（街道）级" ("" for others). */
const char *zone_level_label(const char *level);
/* The level of unit 'unit_id''s zone, or NULL (also for no such unit). */
const char *zone_level_of_unit(struct store *s, int64_t unit_id,
			       struct arena *a);

struct zone_mark {
	int64_t line_id;
	int met;		/* 1 met, 0 not met, -1 not marked */
	const char *note;
};

/* Record an inspection of the unit's zone on 'day' (NULL: today; not in
 * the future) by 'inspector': every line of the unit's level marked met
 * or not (notes optional), photos (images) and a note.  One transaction
 * with its audit entry.  Returns the id, or 0 with every problem. */
int64_t zone_inspect(struct store *s, const struct actor *who,
		     int64_t unit_id, const char *day, const char *inspector,
		     const char *note, const struct zone_mark *marks,
		     size_t nmarks, const struct sv_upload *photos,
		     size_t nphotos, struct errors *err);

/* The latest inspection of the unit with its day in [from, to] (NULL or
 * "": open): lines met of lines checked, and a Chinese figure.  *found
 * false (and the figure saying so) when there is none. */
struct zone_summary {
	bool found;
	int64_t inspection_id;
	const char *day;
	int nlines, nmet;
	const char *figure;
};
int zone_latest(struct store *s, int64_t unit_id, const char *from,
		const char *to, struct arena *a, struct zone_summary *out,
		struct errors *err);

#endif
