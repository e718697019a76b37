/* ledger.c: see ledger.h */
#include "ledger.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "authz.h"
#include "record-import.h"
#include "../io/csv-write.h"
#include "../util/timeutil.h"

static const char *actor_name(const struct actor *who)
{
	return who && who->username && *who->username ? who->username
						      : AUDIT_CLI_ACTOR;
}

static char *dump(json_t *o)
{
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return text;
}

static char *entry_json(const struct board_entry *e, struct store *s,
			int64_t id, struct arena *a)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b}",
			      "unit", (json_int_t)e->unit_id, "title", e->title,
			      "place", e->place, "posted_from", e->posted_from,
			      "posted_to", e->posted_to, "posted_by",
			      e->posted_by, "note", e->note, "printed",
			      e->printed);
	json_t *files = json_array();
	struct sv_file *v;
	size_t n;

	if (e->record_id)
		json_object_set_new(o, "record", json_integer(e->record_id));
	if (id && store_sv_files(s, SV_BOARD, id, a, &v, &n) == STORE_OK)
		for (size_t i = 0; i < n; i++)
			json_array_append_new(files, json_pack("{s:s, s:s, s:I, "
				"s:s}", "name", v[i].name, "mime", v[i].mime,
				"size", (json_int_t)v[i].size, "sha256",
				v[i].sha256));
	json_object_set_new(o, "photos", files);
	return dump(o);
}

/* The checked fields of 'in' into 'e' (not unit, title or record). */
static void entry_fields(struct arena *a, const struct board_input *in,
			 struct board_entry *e, struct errors *err)
{
	size_t before = errors_count(err);

	e->place = supervision_text(a, in->place, "张贴位置", LEDGER_PLACE_MAX,
				    true, false, err);
	e->posted_from = supervision_date(a, in->posted_from, "张贴开始日期",
					  true, err);
	e->posted_to = supervision_date(a, in->posted_to, "张贴结束日期", true,
					err);
	e->posted_by = supervision_text(a, in->posted_by, "张贴人",
					LEDGER_BY_MAX, true, false, err);
	e->note = supervision_text(a, in->note, "备注", LEDGER_NOTE_MAX, false,
				   true, err);
	if (errors_count(err) == before && *e->posted_from && *e->posted_to &&
	    strcmp(e->posted_to, e->posted_from) < 0)
		errors_addf(err, "「张贴结束日期」：%s 早于开始日期 %s",
			    e->posted_to, e->posted_from);
}

int64_t ledger_add(struct store *s, const struct actor *who,
		   const struct board_input *in, const struct sv_upload *photos,
		   size_t nphotos, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct unit u;
	struct board_entry e = { 0 };
	const char **mimes;
	size_t before = errors_count(err);
	int64_t id = 0;
	char *after = NULL;

	if (!in->unit_id || store_unit_get(s, in->unit_id, &a, &u, NULL) !=
	    STORE_OK) {
		errors_addf(err, "「单位」：单位 %lld 不存在",
			    (long long)in->unit_id);
		goto out;
	}
	if (authz_require(s, who, AZ_LEDGER_KEEP, u.id, u.region_code, err))
		goto out;
	e.unit_id = u.id;
	e.title = supervision_text(&a, in->title, "公示内容", LEDGER_TITLE_MAX,
				   true, false, err);
	entry_fields(&a, in, &e, err);
	mimes = arena_alloc(&a, (nphotos + 1) * sizeof(*mimes));
	supervision_check_uploads(photos, nphotos, true, mimes, err);
	if (errors_count(err) > before)
		goto out;
	e.actor = actor_name(who);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_board_add(s, &e, &id, err) != STORE_OK ||
	    supervision_store_uploads(s, SV_BOARD, id, photos, mimes, nphotos,
				      err))
		goto fail;
	after = entry_json(&e, s, id, &a);
	if (audit_append(s, who, "ledger.add", "board_ledger",
			 arena_printf(&a, "%lld", (long long)id), u.region_code,
			 u.id, NULL, after, arena_printf(&a, "登记公示栏台账：%s"
			 "（%s，%s至%s）", e.title, e.place, e.posted_from,
			 e.posted_to), err))
		goto fail;
	if (store_commit(s, err) != STORE_OK)
		id = 0;
	goto out;
fail:
	store_rollback(s);
	id = 0;
out:
	free(after);
	arena_release(&a);
	return id;
}

int64_t ledger_print(struct store *s, const struct actor *who,
		     int64_t record_id, const struct board_input *in,
		     struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct record r;
	struct board_entry e = { 0 };
	size_t before = errors_count(err);
	int64_t id = 0;
	char *after = NULL;

	if (store_record_get(s, record_id, &a, &r) != STORE_OK) {
		errors_addf(err, "没有这条信息（编号 %lld）", (long long)record_id);
		goto out;
	}
	if (authz_require(s, who, AZ_LEDGER_KEEP, r.unit_id, r.region_code,
			  err))
		goto out;
	if (r.status != RECORD_PUBLISHED || r.disclosure != DISCLOSE_ACTIVE ||
	    r.deleted_at) {
		errors_addf(err, "「%s」尚未公开（只有已发布、主动公开的信息可以"
			    "打印张贴）", r.title);
		goto out;
	}
	e.unit_id = r.unit_id;
	e.record_id = r.id;
	e.title = r.title;
	e.printed = true;
	entry_fields(&a, in, &e, err);
	if (errors_count(err) > before)
		goto out;
	e.actor = actor_name(who);
	after = entry_json(&e, s, 0, &a);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_board_add(s, &e, &id, err) != STORE_OK ||
	    audit_append(s, who, "ledger.print", "board_ledger",
			 arena_printf(&a, "%lld", (long long)id), r.region_code,
			 r.unit_id, NULL, after,
			 arena_printf(&a, "打印公告并登记公示栏台账：%s（索引号 %s，"
				      "%s，%s至%s）", r.title, r.index_no,
				      e.place, e.posted_from, e.posted_to),
			 err)) {
		store_rollback(s);
		id = 0;
		goto out;
	}
	if (store_commit(s, err) != STORE_OK)
		id = 0;
out:
	free(after);
	arena_release(&a);
	return id;
}

/* The unit or region a list covers for 'who': 0 or -1. */
static int list_scope(struct store *s, const struct actor *who,
		      int64_t *unit_id, const char **region, struct arena *a,
		      struct errors *err)
{
	if (*unit_id) {
		struct unit u;

		if (store_unit_get(s, *unit_id, a, &u, NULL) != STORE_OK) {
			errors_addf(err, "「单位」：单位 %lld 不存在",
				    (long long)*unit_id);
			return -1;
		}
		*region = NULL;
		return authz_require(s, who, AZ_LEDGER_KEEP, u.id,
				     u.region_code, err);
	}
	if (!who) {
		errors_addf(err, "缺少操作人（程序错误）");
		return -1;
	}
	if (who->roles & ACTOR_SYSTEM)
		return 0;
	if (!(who->roles & ROLE_OFFICE)) {
		/* unit staff: their own unit */
		if (!who->unit_id) {
			errors_addf(err, "没有权限：%s",
				    authz_action_label(AZ_LEDGER_KEEP));
			return -1;
		}
		*unit_id = who->unit_id;
		return list_scope(s, who, unit_id, region, a, err);
	}
	if (!*region || !**region)
		*region = who->region_code;
	if (!*region || (strcmp(*region, who->region_code) &&
			 !store_region_is_below(s, *region, who->region_code))) {
		errors_addf(err, "没有权限：%s",
			    authz_action_label(AZ_LEDGER_KEEP));
		return -1;
	}
	return 0;
}

int ledger_list(struct store *s, const struct actor *who, int64_t unit_id,
		const char *region, const char *from, const char *to,
		struct arena *a, struct board_entry **out, size_t *n,
		struct errors *err)
{
	*out = NULL;
	*n = 0;
	if (list_scope(s, who, &unit_id, &region, a, err))
		return -1;
	if (store_board_list(s, unit_id, region, from, to, a, out, n) !=
	    STORE_OK) {
		errors_addf(err, "台账读取失败，请重试");
		return -1;
	}
	return 0;
}

static void cell(struct buf *tmp, const char **slot, const char *v,
		 struct arena *a)
{
	buf_reset(tmp);
	record_csv_cell(tmp, v);
	*slot = arena_strdup(a, tmp->buf);
}

int ledger_csv(struct store *s, const struct actor *who, int64_t unit_id,
	       const char *region, const char *from, const char *to,
	       struct buf *out, struct errors *err)
{
	static const char *const head[] = { "序号", "单位", "公示内容",
		"张贴位置", "开始日期", "结束日期", "张贴人", "关联信息索引号",
		"打印登记", "照片数", "备注", "登记人", "登记时间" };
	struct arena a = ARENA_INIT;
	struct buf tmp = BUF_INIT;
	struct board_entry *v;
	size_t n;
	int rc = -1;

	if (ledger_list(s, who, unit_id, region, from, to, &a, &v, &n, err))
		goto out;
	buf_add(out, csv_bom, sizeof(csv_bom));
	csv_write_row(out, head, sizeof(head) / sizeof(head[0]));
	for (size_t i = 0; i < n; i++) {
		const char *c[13];

		c[0] = arena_printf(&a, "%zu", i + 1);
		cell(&tmp, &c[1], v[i].unit_name, &a);
		cell(&tmp, &c[2], v[i].title, &a);
		cell(&tmp, &c[3], v[i].place, &a);
		c[4] = v[i].posted_from;
		c[5] = v[i].posted_to;
		cell(&tmp, &c[6], v[i].posted_by, &a);
		cell(&tmp, &c[7], v[i].record_index_no, &a);
		c[8] = v[i].printed ? "是" : "否";
		c[9] = arena_printf(&a, "%d", v[i].nphotos);
		cell(&tmp, &c[10], v[i].note, &a);
		cell(&tmp, &c[11], v[i].actor, &a);
		c[12] = v[i].created_at;
		csv_write_row(out, c, 13);
	}
	rc = 0;
out:
	buf_release(&tmp);
	arena_release(&a);
	return rc;
}

int ledger_kept(struct store *s, int64_t unit_id, const char *from,
		const char *to, struct arena *a, struct ledger_kept *out,
		struct errors *err)
{
	struct board_entry *v;
	int32_t zf, zt;
	int yf, mf, df, yt, mt, dt;
	size_t n;
	bool *month;
	double photo_share, month_share;

	memset(out, 0, sizeof(*out));
	out->unit_id = unit_id;
	if (!from || !to || calendar_parse_date(from, &zf) ||
	    calendar_parse_date(to, &zt) || zt < zf) {
		errors_addf(err, "台账统计期间须为两个日期（YYYY-MM-DD），开始不晚"
			    "于结束");
		return -1;
	}
	out->from = arena_strdup(a, from);
	out->to = arena_strdup(a, to);
	calendar_civil_from_days(zf, &yf, &mf, &df);
	calendar_civil_from_days(zt, &yt, &mt, &dt);
	out->nmonths = (size_t)((yt - yf) * 12 + (mt - mf) + 1);
	if (out->nmonths > 1200) {
		errors_addf(err, "台账统计期间不能超过 100 年");
		return -1;
	}
	month = arena_alloc(a, out->nmonths * sizeof(*month));
	memset(month, 0, out->nmonths * sizeof(*month));
	if (store_board_list(s, unit_id, NULL, from, to, a, &v, &n) !=
	    STORE_OK) {
		errors_addf(err, "台账读取失败，请重试");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		int32_t z;
		int y, m, d;

		/* entries whose posting started in the period */
		if (strcmp(v[i].posted_from, from) < 0 ||
		    strcmp(v[i].posted_from, to) > 0 ||
		    calendar_parse_date(v[i].posted_from, &z))
			continue;
		out->nentries++;
		out->nprinted += v[i].printed;
		out->nphotos += v[i].nphotos > 0;
		calendar_civil_from_days(z, &y, &m, &d);
		month[(y - yf) * 12 + (m - mf)] = true;
	}
	for (size_t i = 0; i < out->nmonths; i++)
		out->nmonths_kept += month[i];
	out->kept = out->nentries > 0;
	photo_share = out->nentries ? (double)out->nphotos / out->nentries : 0;
	month_share = (double)out->nmonths_kept / out->nmonths;
	out->score = out->kept ? (photo_share + month_share) / 2 : 0;
	out->figure = out->kept ?
		arena_printf(a, "%s至%s：公示栏台账 %zu 条（其中打印公告登记 %zu "
			     "条），有照片的 %zu 条（%.0f%%）；%zu 个月中 %zu 个月"
			     "有登记（%.0f%%）；得分率 %.0f%%（照片率与月份覆盖率"
			     "各占一半）", from, to, out->nentries, out->nprinted,
			     out->nphotos, photo_share * 100, out->nmonths,
			     out->nmonths_kept, month_share * 100,
			     out->score * 100) :
		arena_printf(a, "%s至%s：没有公示栏台账登记（%zu 个月），得分率 "
			     "0%%", from, to, out->nmonths);
	return 0;
}

/* --- the 政务公开专区 --- */

const char *zone_level_of(const char *region_level)
{
	if (region_level && !strcmp(region_level, "县"))
		return "county";
	if (region_level && !strcmp(region_level, "乡"))
		return "township";
	return NULL;
}

const char *zone_level_label(const char *level)
{
	if (level && !strcmp(level, "county"))
		return "区县（市）级";
	if (level && !strcmp(level, "township"))
		return "乡镇（街道）级";
	return "";
}

const char *zone_level_of_unit(struct store *s, int64_t unit_id,
			       struct arena *a)
{
	struct unit u;
	struct region r;

	if (store_unit_get(s, unit_id, a, &u, NULL) != STORE_OK ||
	    store_region_get(s, u.region_code, a, &r) != STORE_OK)
		return NULL;
	return zone_level_of(r.level);
}

int64_t zone_inspect(struct store *s, const struct actor *who,
		     int64_t unit_id, const char *day, const char *inspector,
		     const char *note, const struct zone_mark *marks,
		     size_t nmarks, const struct sv_upload *photos,
		     size_t nphotos, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct unit u;
	struct zone_inspection z = { 0 };
	struct zone_line *lines;
	struct zone_result *res;
	const char **mimes, *level;
	char today[CALENDAR_DATE_LEN];
	size_t nlines, before = errors_count(err), nmet = 0;
	int64_t id = 0;
	char *after = NULL;
	json_t *o, *arr;

	if (!unit_id || store_unit_get(s, unit_id, &a, &u, NULL) != STORE_OK) {
		errors_addf(err, "「单位」：单位 %lld 不存在", (long long)unit_id);
		goto out;
	}
	if (authz_require(s, who, AZ_ZONE_INSPECT, u.id, u.region_code, err))
		goto out;
	level = zone_level_of_unit(s, u.id, &a);
	if (!level) {
		errors_addf(err, "%s 不是区县或乡镇（街道）单位，没有政务公开专区"
			    "检查清单", u.name);
		goto out;
	}
	if (store_zone_lines(s, level, &a, &lines, &nlines) != STORE_OK ||
	    !nlines) {
		errors_addf(err, "没有%s政务公开专区检查清单", zone_level_label(level));
		goto out;
	}
	supervision_today(today);
	z.unit_id = u.id;
	z.level = level;
	z.day = supervision_date(&a, day, "检查日期", false, err);
	if (!*z.day && errors_count(err) == before)
		z.day = arena_strdup(&a, today);
	if (*z.day && strcmp(z.day, today) > 0)
		errors_addf(err, "「检查日期」：%s 还没到", z.day);
	z.inspector = supervision_text(&a, inspector, "检查人", LEDGER_BY_MAX,
				       true, false, err);
	z.note = supervision_text(&a, note, "检查意见", LEDGER_NOTE_MAX, false,
				  true, err);
	res = arena_alloc(&a, (nlines + 1) * sizeof(*res));
	for (size_t i = 0; i < nmarks; i++) {
		bool known = false;

		for (size_t j = 0; j < nlines; j++)
			known |= lines[j].id == marks[i].line_id;
		if (!known)
			errors_addf(err, "检查项 %lld 不在%s清单中",
				    (long long)marks[i].line_id,
				    zone_level_label(level));
	}
	for (size_t j = 0; j < nlines; j++) {
		const struct zone_mark *m = NULL;

		for (size_t i = 0; i < nmarks; i++)
			if (marks[i].line_id == lines[j].id)
				m = &marks[i];
		res[j].line_id = lines[j].id;
		res[j].met = m && m->met == 1;
		res[j].note = supervision_text(&a, m ? m->note : NULL,
			arena_printf(&a, "%s 的说明", lines[j].carrier),
			LEDGER_NOTE_MAX, false, true, err);
		if (!m || (m->met != 0 && m->met != 1))
			errors_addf(err, "「%s」：请选择达标或不达标",
				    lines[j].carrier);
		nmet += res[j].met;
	}
	mimes = arena_alloc(&a, (nphotos + 1) * sizeof(*mimes));
	supervision_check_uploads(photos, nphotos, true, mimes, err);
	if (errors_count(err) > before)
		goto out;
	z.actor = actor_name(who);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_zone_inspection_add(s, &z, res, nlines, &id, err) !=
	    STORE_OK ||
	    supervision_store_uploads(s, SV_INSPECTION, id, photos, mimes,
				      nphotos, err))
		goto fail;
	o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "unit", (json_int_t)u.id,
		      "level", level, "day", z.day, "inspector", z.inspector,
		      "note", z.note);
	arr = json_array();
	for (size_t j = 0; j < nlines; j++)
		json_array_append_new(arr, json_pack("{s:I, s:b, s:s}", "line",
			(json_int_t)res[j].line_id, "met", res[j].met, "note",
			res[j].note));
	json_object_set_new(o, "results", arr);
	after = dump(o);
	if (audit_append(s, who, "zone.inspect", "zone_inspection",
			 arena_printf(&a, "%lld", (long long)id), u.region_code,
			 u.id, NULL, after, arena_printf(&a, "登记政务公开专区检查："
			 "%s（%s，%zu 项中 %zu 项达标）", u.name, z.day, nlines,
			 nmet), err))
		goto fail;
	if (store_commit(s, err) != STORE_OK)
		id = 0;
	goto out;
fail:
	store_rollback(s);
	id = 0;
out:
	free(after);
	arena_release(&a);
	return id;
}

int zone_latest(struct store *s, int64_t unit_id, const char *from,
		const char *to, struct arena *a, struct zone_summary *out,
		struct errors *err)
{
	struct zone_inspection *v;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (store_zone_inspections(s, unit_id, NULL, a, &v, &n) != STORE_OK) {
		errors_addf(err, "专区检查记录读取失败，请重试");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if ((from && *from && strcmp(v[i].day, from) < 0) ||
		    (to && *to && strcmp(v[i].day, to) > 0))
			continue;
		out->found = true;
		out->inspection_id = v[i].id;
		out->day = v[i].day;
		out->nlines = v[i].nlines;
		out->nmet = v[i].nmet;
		out->figure = arena_printf(a, "%s 检查（%s）：%d 项中 %d 项达标",
					   v[i].day, v[i].inspector, v[i].nlines,
					   v[i].nmet);
		return 0;
	}
	out->figure = "期间内没有政务公开专区检查记录";
	return 0;
}
