/* supervision.c: see supervision.h */
#include "supervision.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "authz.h"
#include "record-import.h"
#include "../util/buf.h"
#include "../util/timeutil.h"
#include "../util/utf8.h"

/* --- vocabularies --- */

static const struct { const char *code, *label; } states[TS__MAX] = {
	[TS_OVERDUE] = { "overdue", "已逾期" },
	[TS_PENDING] = { "pending", "未报送" },
	[TS_PROGRESS] = { "progress", "进行中" },
	[TS_DONE_LATE] = { "late", "逾期完成" },
	[TS_DONE] = { "done", "已完成" },
};

const char *task_state_label(enum task_state st)
{
	return (unsigned)st < TS__MAX ? states[st].label : "";
}

const char *task_state_code(enum task_state st)
{
	return (unsigned)st < TS__MAX ? states[st].code : "";
}

int task_state_parse(const char *text)
{
	for (int i = 0; text && i < TS__MAX; i++)
		if (!strcmp(text, states[i].code) || !strcmp(text, states[i].label))
			return i;
	return -1;
}

const char *task_role_label(const char *role)
{
	if (role && !strcmp(role, "lead"))
		return "牵头单位";
	if (role && !strcmp(role, "member"))
		return "责任单位";
	return "";
}

static const struct { const char *code, *label; } kinds[] = {
	{ "progress", "进展" },
	{ "done", "完成" },
	{ "returned", "退回" },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

const char *task_report_kind_label(const char *kind)
{
	for (size_t i = 0; kind && i < NKINDS; i++)
		if (!strcmp(kind, kinds[i].code))
			return kinds[i].label;
	return "";
}

const char *task_report_kind_parse(const char *text)
{
	for (size_t i = 0; text && i < NKINDS; i++)
		if (!strcmp(text, kinds[i].code) || !strcmp(text, kinds[i].label))
			return kinds[i].code;
	return NULL;
}

void supervision_today(char out[CALENDAR_DATE_LEN])
{
	char now[TIME_TEXT_LEN];

	time_now_text(now);
	if (time_text_date_cn(now, out))
		snprintf(out, CALENDAR_DATE_LEN, "1970-01-01");
}

/* --- fields --- */

const char *supervision_text(struct arena *a, const char *v, const char *label,
			     size_t max, bool required, bool multiline,
			     struct errors *err)
{
	struct buf b = BUF_INIT;
	const char *out = "";
	size_t n = v ? strlen(v) : 0;

	if (n && !utf8_valid(v, n)) {
		errors_addf(err, "「%s」：不是有效的文字（UTF-8），请重新输入", label);
		return "";
	}
	utf8_trim(&b, v ? v : "");
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.buf[i];

		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t'))) ||
		    c == 0x7f) {
			errors_addf(err, "「%s」：不能含有控制字符%s", label,
				    multiline ? "" : "或换行");
			goto out;
		}
	}
	if (b.len > max) {
		errors_addf(err, "「%s」：太长了（%zu 字节），最多 %zu 字节（约 %zu "
			    "个汉字）", label, b.len, max, max / 3);
		goto out;
	}
	if (required && !b.len) {
		errors_addf(err, "「%s」：必须填写", label);
		goto out;
	}
	out = arena_strdup(a, b.buf);
out:
	buf_release(&b);
	return out;
}

const char *supervision_date(struct arena *a, const char *v, const char *label,
			     bool required, struct errors *err)
{
	char out[CALENDAR_DATE_LEN];
	struct errors local = ERRORS_INIT;
	const char *t = supervision_text(a, v, label, 40, required, false,
					 &local);

	if (local.n) {
		errors_addf(err, "%s", local.msg[0]);
		errors_release(&local);
		return "";
	}
	if (!*t)
		return "";
	if (calendar_normalize_date(t, out)) {
		errors_addf(err, "「%s」：「%s」不是有效的日期，请写成 2021-05-31",
			    label, t);
		return "";
	}
	return arena_strdup(a, out);
}

/* --- 完成时限 --- */

static int number(const char **p)
{
	int v = 0, k = 0;

	while (**p >= '0' && **p <= '9' && k < 6) {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k ? v : -1;
}

static bool word(const char **p, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(*p, w, n))
		return false;
	*p += n;
	return true;
}

static bool ends_with(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);

	return len >= n && !memcmp(s + len - n, w, n);
}

int task_parse_due(const struct calendar *cal, const char *text,
		   const char *issued_on, char out[CALENDAR_DATE_LEN],
		   int *workdays, const char **why)
{
	static const char *const none[] = { "", "无", "长期", "未明确",
		"无明确时限", "未定", "常态化", "持续推进", NULL };
	static const char *const tails[] = { "之前", "以前", "以内", "前", "内",
		NULL };
	struct buf f = BUF_INIT;
	const char *p;
	size_t len;
	int rc = -1, y, m, d, n;
	bool again = true;

	*workdays = 0;
	*why = "看不懂这个完成时限：请写日期（2021-05-31）、「2021年5月底前」、"
		"「2021年底前」或「10个工作日内」";
	utf8_fold(&f, text ? text : "");	/* full-width digits, spaces */
	len = f.len;
	while (again) {
		again = false;
		for (int i = 0; tails[i]; i++)
			if (ends_with(f.buf, len, tails[i])) {
				len -= strlen(tails[i]);
				again = true;
				break;
			}
	}
	f.buf[len] = '\0';
	for (int i = 0; none[i]; i++)
		if (!strcmp(f.buf, none[i])) {
			rc = 0;
			goto out;
		}
	if (!calendar_normalize_date(f.buf, out)) {
		rc = 1;
		goto out;
	}
	p = f.buf;
	if ((y = number(&p)) >= 1900 && y <= 9999 && word(&p, "年")) {
		if (word(&p, "年底") || word(&p, "底") || word(&p, "末")) {
			snprintf(out, CALENDAR_DATE_LEN, "%04d-12-31", y);
			rc = *p ? -1 : 1;
			goto out;
		}
		m = number(&p);
		if (m < 1 || m > 12 || !word(&p, "月"))
			goto out;
		if (word(&p, "底") || word(&p, "末")) {
			snprintf(out, CALENDAR_DATE_LEN, "%04d-%02d-%02d", y, m,
				 calendar_month_days(y, m));
			rc = *p ? -1 : 1;
			goto out;
		}
		d = number(&p);
		if (d < 1 || d > calendar_month_days(y, m) ||
		    !(word(&p, "日") || word(&p, "号")) || *p) {
			if (d < 0 && !*p)
				*why = "只写了月份：请写明「月底前」或具体日期";
			goto out;
		}
		snprintf(out, CALENDAR_DATE_LEN, "%04d-%02d-%02d", y, m, d);
		rc = 1;
		goto out;
	}
	p = f.buf;
	n = number(&p);
	if (n >= 1 && n <= 3650) {
		bool wd = word(&p, "个工作日") || word(&p, "工作日");
		bool cd = !wd && (word(&p, "个自然日") || word(&p, "自然日") ||
				  word(&p, "日") || word(&p, "天"));

		if ((wd || cd) && !*p) {
			if (!issued_on || (wd ? calendar_add_workdays(cal, issued_on,
					    n, out) : calendar_add_days(cal,
					    issued_on, n, out))) {
				*why = "按天数计算完成时限需要有效的下达日期";
				goto out;
			}
			*workdays = wd ? n : 0;
			rc = 1;
		}
	}
out:
	buf_release(&f);
	if (rc >= 0)
		*why = NULL;
	return rc;
}

/* --- uploads --- */

int supervision_check_uploads(const struct sv_upload *v, size_t n,
			      bool images_only, const char **mimes,
			      struct errors *err)
{
	size_t before = errors_count(err);

	if (n > SV_FILES_MAX)
		errors_addf(err, "「文件」：一次最多上传 %d 个文件，现有 %zu 个",
			    SV_FILES_MAX, n);
	for (size_t i = 0; i < n && i < SV_FILES_MAX; i++) {
		const char *name = v[i].name ? v[i].name : "";
		size_t nl = strlen(name);
		const char *why = NULL, *mime;

		if (!nl || nl > 200 || !utf8_valid(name, nl) ||
		    strpbrk(name, "/\\\"") || name[0] == '.') {
			errors_addf(err, "「文件」：文件名「%.60s」不能为空、超过 200 "
				    "字节，或含有 / \\ \" 等字符", name);
			continue;
		}
		for (size_t k = 0; k < nl; k++)
			if ((unsigned char)name[k] < 0x20 || name[k] == 0x7f) {
				errors_addf(err, "「文件」：文件名不能含有控制字符");
				break;
			}
		if (!v[i].len) {
			errors_addf(err, "「文件」：%s 是空文件", name);
			continue;
		}
		if (v[i].len > SV_FILE_MAX_BYTES) {
			errors_addf(err, "「文件」：%s 超过 %u MB", name,
				    SV_FILE_MAX_BYTES >> 20);
			continue;
		}
		mime = attachment_mime(v[i].data, v[i].len, name, &why);
		if (!mime) {
			errors_addf(err, "「文件」：%s：%s", name,
				    why ? why : "无法识别的文件类型");
			continue;
		}
		if (images_only && strncmp(mime, "image/", 6)) {
			errors_addf(err, "「照片」：%s 不是照片，请上传 JPEG、PNG 或 "
				    "GIF 图片", name);
			continue;
		}
		mimes[i] = mime;
	}
	return errors_count(err) > before ? -1 : 0;
}

int supervision_store_uploads(struct store *s, enum sv_owner owner,
			      int64_t owner_id, const struct sv_upload *v,
			      const char *const *mimes, size_t n,
			      struct errors *err)
{
	for (size_t i = 0; i < n; i++)
		if (store_sv_file_add(s, owner, owner_id, v[i].name, mimes[i],
				      v[i].data, v[i].len, NULL, err) !=
		    STORE_OK)
			return -1;
	return 0;
}

/* The files as JSON for the audit trail: name, type, size, SHA-256 (the
 * bytes are in blobs). */
static json_t *files_json(struct store *s, enum sv_owner owner, int64_t id,
			  struct arena *a)
{
	json_t *arr = json_array();
	struct sv_file *v;
	size_t n;

	if (store_sv_files(s, owner, id, a, &v, &n) == STORE_OK)
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:s}",
				"name", v[i].name, "mime", v[i].mime,
				"size", (json_int_t)v[i].size, "sha256",
				v[i].sha256));
	return arr;
}

static char *dump(json_t *o)
{
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return text;
}

static const char *actor_name(const struct actor *who)
{
	return who && who->username && *who->username ? who->username
						      : AUDIT_CLI_ACTOR;
}

/* --- adding a task --- */

static char *task_json(const struct task *t, const struct task_unit *u,
		       size_t n)
{
	json_t *o = json_object(), *units = json_array();

	json_object_set_new(o, "region", json_string(t->region_code));
	json_object_set_new(o, "source", json_string(t->source));
	json_object_set_new(o, "title", json_string(t->title));
	json_object_set_new(o, "body", json_string(t->body));
	json_object_set_new(o, "units_text", json_string(t->units_text));
	json_object_set_new(o, "issued_on", json_string(t->issued_on));
	json_object_set_new(o, "due_on", t->due_on ? json_string(t->due_on)
						   : json_null());
	json_object_set_new(o, "due_rule", json_string(t->due_rule));
	json_object_set_new(o, "due_workdays", json_integer(t->due_workdays));
	json_object_set_new(o, "closed_on", t->closed_on ?
			    json_string(t->closed_on) : json_null());
	for (size_t i = 0; u && i < n; i++)
		json_array_append_new(units, json_pack("{s:I, s:s}", "unit",
			(json_int_t)u[i].unit_id, "role", u[i].role));
	json_object_set_new(o, "units", units);
	return dump(o);
}

/* Unit 'id' checked for a task of 'region': exists, lies in the region
 * or below, named once.  Adds to 'err'. */
static void check_unit(struct store *s, struct arena *a, const char *region,
		       int64_t id, const int64_t *seen, size_t nseen,
		       const char *what, struct errors *err)
{
	struct unit u;

	for (size_t i = 0; i < nseen; i++)
		if (seen[i] == id) {
			errors_addf(err, "「%s」：单位 %lld 重复列出（一个单位只能"
				    "是牵头单位或责任单位之一）", what,
				    (long long)id);
			return;
		}
	if (store_unit_get(s, id, a, &u, NULL) != STORE_OK) {
		errors_addf(err, "「%s」：单位 %lld 不存在", what, (long long)id);
		return;
	}
	if (strcmp(u.region_code, region) &&
	    !store_region_is_below(s, u.region_code, region))
		errors_addf(err, "「%s」：%s 不在本地区（%s）内，不能由本级下达"
			    "任务", what, u.name, region);
}

int64_t task_add(struct store *s, const struct actor *who,
		 const struct task_input *in, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct region reg;
	struct task t = { 0 };
	struct task_unit *units = NULL;
	struct calendar cal;
	char today[CALENDAR_DATE_LEN], due[CALENDAR_DATE_LEN];
	const char *why, *region = in->region ? in->region : "";
	size_t before = errors_count(err), nunits = 0;
	int64_t *seen, id = 0;
	char *after = NULL;
	int k;

	if (!*region || store_region_get(s, region, &a, &reg) != STORE_OK) {
		errors_addf(err, "「地区」：没有行政区划「%.40s」", region);
		goto out;
	}
	if (authz_require(s, who, AZ_TASK_MANAGE, 0, region, err))
		goto out;
	supervision_today(today);
	t.region_code = reg.code;
	t.source = supervision_text(&a, in->source, "任务来源", TASK_SOURCE_MAX,
				    true, false, err);
	t.title = supervision_text(&a, in->title, "任务名称", TASK_TITLE_MAX,
				   false, false, err);
	t.body = supervision_text(&a, in->body, "任务内容", TASK_BODY_MAX, true,
				  true, err);
	t.units_text = supervision_text(&a, in->units_text, "责任单位（原文）",
					TASK_UNITS_TEXT_MAX, false, true, err);
	t.issued_on = supervision_date(&a, in->issued_on, "下达日期", false,
				       err);
	if (!*t.issued_on && errors_count(err) == before)
		t.issued_on = arena_strdup(&a, today);
	t.due_rule = supervision_text(&a, in->due, "完成时限", 200, false,
				      false, err);
	calendar_load(s, &a, &cal);
	k = task_parse_due(&cal, t.due_rule, *t.issued_on ? t.issued_on : NULL,
			   due, &t.due_workdays, &why);
	if (k < 0)
		errors_addf(err, "「完成时限」：%s", why);
	else if (k > 0 && *t.issued_on && strcmp(due, t.issued_on) < 0)
		errors_addf(err, "「完成时限」：%s 早于下达日期 %s", due,
			    t.issued_on);
	t.due_on = k > 0 ? arena_strdup(&a, due) : NULL;
	if (in->nleads + in->nmembers == 0)
		errors_addf(err, "「责任单位」：请至少选择一个牵头单位或责任单位");
	if (in->nleads + in->nmembers > TASK_UNITS_MAX)
		errors_addf(err, "「责任单位」：一个任务最多 %d 个单位",
			    TASK_UNITS_MAX);
	else {
		seen = arena_alloc(&a, (in->nleads + in->nmembers + 1) *
				   sizeof(*seen));
		units = arena_alloc(&a, (in->nleads + in->nmembers + 1) *
				    sizeof(*units));
		for (size_t i = 0; i < in->nleads + in->nmembers; i++) {
			bool lead = i < in->nleads;
			int64_t u = lead ? in->leads[i] : in->members[i - in->nleads];

			check_unit(s, &a, reg.code, u, seen, nunits,
				   lead ? "牵头单位" : "责任单位", err);
			seen[nunits] = u;
			units[nunits].unit_id = u;
			units[nunits].role = lead ? "lead" : "member";
			nunits++;
		}
	}
	if (errors_count(err) > before)
		goto out;
	t.created_by = actor_name(who);
	after = task_json(&t, units, nunits);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_task_insert(s, &t, &id, err) != STORE_OK)
		goto fail;
	for (size_t i = 0; i < nunits; i++)
		if (store_task_unit_add(s, id, units[i].unit_id, units[i].role,
					(int)i + 1, err) != STORE_OK) {
			errors_addf(err, "单位 %lld 未能加入任务",
				    (long long)units[i].unit_id);
			goto fail;
		}
	if (audit_append(s, who, "task.add", "task",
			 arena_printf(&a, "%lld", (long long)id), reg.code, 0,
			 NULL, after, arena_printf(&a, "下达督办任务：%s（%zu 个"
			 "单位）", t.source, nunits), err))
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

/* --- states --- */

/* Days from a to b (b later: positive), in working days when 'work'. */
static int days_between(const struct calendar *cal, const char *a,
			const char *b, bool work)
{
	int32_t za, zb;
	int n = 0;

	if (work) {
		if (calendar_workdays_between(cal, a, b, &n))
			return 0;
		return n;
	}
	if (calendar_parse_date(a, &za) || calendar_parse_date(b, &zb))
		return 0;
	return (int)(zb - za);
}

/* The state of unit 'u' on 't' as of 'as_of', from the task's reports
 * 'v' (every unit's, by day). */
static void unit_state(const struct task *t, const struct calendar *cal,
		       const char *as_of, const struct task_report *v,
		       size_t n, const struct task_unit *u, struct arena *a,
		       struct task_status *out)
{
	bool work = t->due_workdays > 0;
	const char *unit_word = work ? "个工作日" : "天";
	int left;

	memset(out, 0, sizeof(*out));
	out->unit_id = u->unit_id;
	out->unit_name = u->unit_name;
	out->role = u->role;
	out->region_code = u->region_code;
	for (size_t i = 0; i < n; i++) {
		if (v[i].unit_id != u->unit_id || strcmp(v[i].day, as_of) > 0)
			continue;
		out->nreports++;
		out->last_day = v[i].day;
		if (!strcmp(v[i].kind, "done"))
			out->done_on = v[i].day;
		else if (!strcmp(v[i].kind, "returned"))
			out->done_on = NULL;
	}
	if (out->done_on) {
		if (t->due_on && strcmp(out->done_on, t->due_on) > 0) {
			out->state = TS_DONE_LATE;
			out->late = days_between(cal, t->due_on, out->done_on,
						 work);
			out->summary = arena_printf(a, "%s 完成，逾期 %d %s",
						    out->done_on, out->late,
						    unit_word);
		} else {
			out->state = TS_DONE;
			out->summary = arena_printf(a, "%s 完成", out->done_on);
		}
		return;
	}
	if (t->due_on && strcmp(as_of, t->due_on) > 0) {
		out->state = TS_OVERDUE;
		out->late = days_between(cal, t->due_on, as_of, work);
		out->summary = out->last_day ?
			arena_printf(a, "逾期 %d %s未完成（最近报送 %s）",
				     out->late, unit_word, out->last_day) :
			arena_printf(a, "逾期 %d %s未完成，未报送", out->late,
				     unit_word);
		return;
	}
	out->state = out->nreports ? TS_PROGRESS : TS_PENDING;
	out->summary = out->last_day ?
		arena_printf(a, "进行中（最近报送 %s）", out->last_day) : "未报送";
	if (!t->due_on)
		return;
	if (calendar_workdays_between(cal, as_of, t->due_on, &left) == 0 &&
	    left <= 3) {
		out->due_soon = true;
		out->summary = arena_printf(a, "%s，%s", out->summary,
					    !strcmp(as_of, t->due_on) ?
					    "今天到期" :
					    arena_printf(a, "%d 个工作日内到期",
							 left));
	}
}

static int by_state(const void *x, const void *y)
{
	const struct task_status *a = x, *b = y;

	if (a->state != b->state)
		return (int)a->state - (int)b->state;
	if (a->late != b->late)
		return b->late - a->late;
	return 0;
}

/* Fill 'out' for task 't' (loaded), the units 'who' may see. */
static int view_of(struct store *s, const struct actor *who,
		   const struct task *t, const struct calendar *cal,
		   const char *today, struct arena *a, struct task_view *out)
{
	struct task_unit *u;
	struct task_report *v;
	size_t nu, nv, k = 0, kr = 0;
	bool *seen;

	memset(out, 0, sizeof(*out));
	out->t = *t;
	out->as_of = t->closed_on && strcmp(t->closed_on, today) < 0 ?
		t->closed_on : arena_strdup(a, today);
	out->due_text = t->due_on ? (*t->due_rule && strcmp(t->due_rule,
				      t->due_on) ? arena_printf(a, "%s（%s）",
				      t->due_on, t->due_rule) : t->due_on) :
		(*t->due_rule ? arena_printf(a, "未定完成时限（%s）", t->due_rule)
			      : "未定完成时限");
	out->may_manage = authz_allows(s, who, AZ_TASK_MANAGE, 0,
				       t->region_code);
	if (store_task_units(s, t->id, a, &u, &nu) != STORE_OK ||
	    store_task_reports(s, t->id, 0, a, &v, &nv) != STORE_OK)
		return -1;
	out->units = arena_alloc(a, (nu + 1) * sizeof(*out->units));
	seen = arena_alloc(a, (nu + 1) * sizeof(*seen));
	for (size_t i = 0; i < nu; i++) {
		seen[i] = out->may_manage ||
			authz_allows(s, who, AZ_TASK_REPORT, u[i].unit_id,
				     u[i].region_code);
		if (!seen[i])
			continue;
		unit_state(t, cal, out->as_of, v, nv, &u[i], a,
			   &out->units[k]);
		out->count[out->units[k].state]++;
		k++;
	}
	out->nunits = k;
	/* stable: within a state the notice's order stays */
	for (size_t i = 1; i < k; i++) {
		struct task_status x = out->units[i];
		size_t j = i;

		for (; j > 0 && by_state(&out->units[j - 1], &x) > 0; j--)
			out->units[j] = out->units[j - 1];
		out->units[j] = x;
	}
	out->reports = arena_alloc(a, (nv + 1) * sizeof(*out->reports));
	for (size_t i = 0; i < nv; i++)
		for (size_t j = 0; j < nu; j++)
			if (u[j].unit_id == v[i].unit_id && seen[j]) {
				out->reports[kr++] = v[i];
				break;
			}
	out->nreports = kr;
	return 0;
}

int task_view(struct store *s, const struct actor *who, int64_t id,
	      const char *today, struct arena *a, struct task_view *out,
	      struct errors *err)
{
	struct task t;
	struct calendar cal;
	char day[CALENDAR_DATE_LEN];

	if (store_task_get(s, id, a, &t) != STORE_OK) {
		errors_addf(err, "没有这个督办任务（编号 %lld）", (long long)id);
		return -1;
	}
	if (!today || !*today) {
		supervision_today(day);
		today = day;
	}
	calendar_load(s, a, &cal);
	if (view_of(s, who, &t, &cal, today, a, out)) {
		errors_addf(err, "督办任务读取失败，请重试");
		return -1;
	}
	if (!out->may_manage && !out->nunits) {
		errors_addf(err, "没有权限：%s",
			    authz_action_label(AZ_TASK_REPORT));
		return -1;
	}
	return 0;
}

/* How a task sorts on the board: open before closed, then an overdue
 * unit, a unit due soon, a unit not done, all done; then by deadline
 * (none last) and id. */
static int task_rank(const struct task_view *v)
{
	bool soon = false;

	for (size_t i = 0; i < v->nunits; i++)
		soon |= v->units[i].due_soon;
	return (v->t.closed_on ? 10 : 0) +
		(v->count[TS_OVERDUE] ? 0 : soon ? 1 :
		 v->count[TS_PENDING] + v->count[TS_PROGRESS] ? 2 : 3);
}

static int by_rank(const void *x, const void *y)
{
	const struct task_view *a = x, *b = y;
	int ra = task_rank(a), rb = task_rank(b), c;

	if (ra != rb)
		return ra - rb;
	if (!a->t.due_on != !b->t.due_on)
		return a->t.due_on ? -1 : 1;
	if (a->t.due_on && (c = strcmp(a->t.due_on, b->t.due_on)))
		return c;
	return a->t.id < b->t.id ? -1 : a->t.id > b->t.id;
}

int supervision_board(struct store *s, const struct actor *who,
		      const char *region, const char *today, int filter,
		      struct arena *a, struct task_board *out,
		      struct errors *err)
{
	struct task *v;
	struct calendar cal;
	char day[CALENDAR_DATE_LEN];
	size_t n, k = 0;
	const char *scope = NULL;
	int64_t unit = 0;

	memset(out, 0, sizeof(*out));
	if (!who) {
		errors_addf(err, "缺少操作人（程序错误）");
		return -1;
	}
	if (who->roles & ACTOR_SYSTEM) {
		scope = region && *region ? region : NULL;
	} else if (who->roles & ROLE_OFFICE) {
		scope = who->region_code;
		if (region && *region) {
			if (strcmp(region, who->region_code) &&
			    !store_region_is_below(s, region, who->region_code)) {
				errors_addf(err, "没有权限：%s",
					    authz_action_label(AZ_TASK_MANAGE));
				return -1;
			}
			scope = region;
		}
		if (!scope) {
			errors_addf(err, "没有权限：政务公开办账号未关联地区");
			return -1;
		}
	} else if (who->roles & (ROLE_EDITOR | ROLE_REVIEWER | ROLE_SIGNER)) {
		unit = who->unit_id;
		if (!unit) {
			errors_addf(err, "没有权限：账号未关联单位");
			return -1;
		}
	} else {
		errors_addf(err, "没有权限：%s",
			    authz_action_label(AZ_TASK_REPORT));
		return -1;
	}
	if (!today || !*today) {
		supervision_today(day);
		today = day;
	}
	calendar_load(s, a, &cal);
	if (store_task_list(s, scope, unit, a, &v, &n) != STORE_OK) {
		errors_addf(err, "督办任务读取失败，请重试");
		return -1;
	}
	out->tasks = arena_alloc(a, (n + 1) * sizeof(*out->tasks));
	for (size_t i = 0; i < n; i++) {
		struct task_view *tv = &out->tasks[k];
		bool keep = filter < 0;

		if (view_of(s, who, &v[i], &cal, today, a, tv))
			continue;
		if (!tv->nunits)
			continue;
		for (size_t j = 0; j < tv->nunits; j++) {
			if (filter == TS__MAX && tv->units[j].due_soon)
				keep = true;
			else if (filter >= 0 && filter < TS__MAX &&
				 tv->units[j].state == (enum task_state)filter)
				keep = true;
		}
		if (!keep)
			continue;
		for (size_t j = 0; j < tv->nunits; j++) {
			out->count[tv->units[j].state]++;
			out->ndue_soon += tv->units[j].due_soon;
		}
		k++;
	}
	out->ntasks = k;
	qsort(out->tasks, k, sizeof(*out->tasks), by_rank);
	return 0;
}

/* --- reports --- */

/* Is unit 'unit' done on the task, by its reports so far? */
static bool is_done(const struct task_report *v, size_t n, int64_t unit)
{
	bool done = false;

	for (size_t i = 0; i < n; i++)
		if (v[i].unit_id == unit) {
			if (!strcmp(v[i].kind, "done"))
				done = true;
			else if (!strcmp(v[i].kind, "returned"))
				done = false;
		}
	return done;
}

int64_t task_report(struct store *s, const struct actor *who, int64_t task_id,
		    int64_t unit_id, const char *kind_text, const char *day,
		    const char *text, const struct sv_upload *files,
		    size_t nfiles, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct task t;
	struct task_unit *u, *mine = NULL;
	struct task_report r = { 0 }, *v;
	const char *kind, **mimes;
	char today[CALENDAR_DATE_LEN];
	size_t nu, nv, before = errors_count(err);
	int64_t id = 0;
	char *after = NULL;
	json_t *o;

	if (store_task_get(s, task_id, &a, &t) != STORE_OK) {
		errors_addf(err, "没有这个督办任务（编号 %lld）",
			    (long long)task_id);
		goto out;
	}
	if (store_task_units(s, t.id, &a, &u, &nu) != STORE_OK ||
	    store_task_reports(s, t.id, 0, &a, &v, &nv) != STORE_OK) {
		errors_addf(err, "督办任务读取失败，请重试");
		goto out;
	}
	for (size_t i = 0; i < nu; i++)
		if (u[i].unit_id == unit_id)
			mine = &u[i];
	if (!mine) {
		errors_addf(err, "「单位」：单位 %lld 不是此任务的责任单位",
			    (long long)unit_id);
		goto out;
	}
	kind = task_report_kind_parse(kind_text);
	if (!kind) {
		errors_addf(err, "「报送类型」：只能是 进展（progress）、完成（done）"
			    "或 退回（returned）");
		goto out;
	}
	if (!strcmp(kind, "returned") ?
	    authz_require(s, who, AZ_TASK_MANAGE, 0, t.region_code, err) :
	    authz_require(s, who, AZ_TASK_REPORT, unit_id, mine->region_code,
			  err))
		goto out;
	if (t.closed_on) {
		errors_addf(err, "任务已于 %s 办结，不能再报送；如需继续，请政务"
			    "公开办重新打开任务", t.closed_on);
		goto out;
	}
	supervision_today(today);
	r.day = supervision_date(&a, day, "报送日期", false, err);
	if (!*r.day && errors_count(err) == before)
		r.day = arena_strdup(&a, today);
	if (*r.day && strcmp(r.day, today) > 0)
		errors_addf(err, "「报送日期」：%s 还没到，不能提前报送", r.day);
	if (*r.day && strcmp(r.day, t.issued_on) < 0)
		errors_addf(err, "「报送日期」：%s 早于任务下达日期 %s", r.day,
			    t.issued_on);
	r.text = supervision_text(&a, text, !strcmp(kind, "returned") ?
				  "退回理由" : "报送内容", TASK_REPORT_MAX, true,
				  true, err);
	if (!strcmp(kind, "done") && is_done(v, nv, unit_id))
		errors_addf(err, "%s 已报送完成；如需补充材料，请报送「进展」",
			    mine->unit_name);
	if (!strcmp(kind, "returned") && !is_done(v, nv, unit_id))
		errors_addf(err, "%s 尚未报送完成，无需退回", mine->unit_name);
	mimes = arena_alloc(&a, (nfiles + 1) * sizeof(*mimes));
	supervision_check_uploads(files, nfiles, false, mimes, err);
	if (errors_count(err) > before)
		goto out;
	r.task_id = t.id;
	r.unit_id = unit_id;
	r.kind = kind;
	r.actor = actor_name(who);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_task_report_add(s, &r, &id, err) != STORE_OK ||
	    supervision_store_uploads(s, SV_REPORT, id, files, mimes, nfiles,
				      err))
		goto fail;
	o = json_pack("{s:I, s:I, s:s, s:s, s:s}", "task", (json_int_t)t.id,
		      "unit", (json_int_t)unit_id, "kind", kind, "day", r.day,
		      "text", r.text);
	json_object_set_new(o, "files", files_json(s, SV_REPORT, id, &a));
	after = dump(o);
	if (audit_append(s, who, !strcmp(kind, "returned") ? "task.return" :
			 "task.report", "task",
			 arena_printf(&a, "%lld", (long long)t.id),
			 mine->region_code, unit_id, NULL, after,
			 arena_printf(&a, "督办任务「%s」：%s %s（%s%s）", t.source,
				      mine->unit_name,
				      !strcmp(kind, "returned") ? "的完成被退回" :
				      !strcmp(kind, "done") ? "报送完成" :
				      "报送进展", r.day, nfiles ?
				      arena_printf(&a, "，%zu 个文件", nfiles) :
				      ""), err))
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

int task_close(struct store *s, const struct actor *who, int64_t task_id,
	       const char *day, bool reopen, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct task t;
	char today[CALENDAR_DATE_LEN];
	const char *d;
	size_t before = errors_count(err);
	char *bj = NULL, *aj = NULL;
	int rc = -1;

	if (store_task_get(s, task_id, &a, &t) != STORE_OK) {
		errors_addf(err, "没有这个督办任务（编号 %lld）",
			    (long long)task_id);
		goto out;
	}
	if (authz_require(s, who, AZ_TASK_MANAGE, 0, t.region_code, err))
		goto out;
	if (reopen && !t.closed_on) {
		errors_addf(err, "任务尚未办结，无需重新打开");
		goto out;
	}
	if (!reopen && t.closed_on) {
		errors_addf(err, "任务已于 %s 办结", t.closed_on);
		goto out;
	}
	supervision_today(today);
	d = supervision_date(&a, day, "办结日期", false, err);
	if (!*d)
		d = arena_strdup(&a, today);
	if (!reopen && strcmp(d, today) > 0)
		errors_addf(err, "「办结日期」：%s 还没到", d);
	if (!reopen && strcmp(d, t.issued_on) < 0)
		errors_addf(err, "「办结日期」：%s 早于任务下达日期 %s", d,
			    t.issued_on);
	if (errors_count(err) > before)
		goto out;
	bj = task_json(&t, NULL, 0);
	t.closed_on = reopen ? NULL : d;
	aj = task_json(&t, NULL, 0);
	if (store_begin(s, err) != STORE_OK)
		goto out;
	if (store_task_set_closed(s, t.id, t.closed_on, err) != STORE_OK ||
	    audit_append(s, who, reopen ? "task.reopen" : "task.close", "task",
			 arena_printf(&a, "%lld", (long long)t.id),
			 t.region_code, 0, bj, aj,
			 arena_printf(&a, "%s督办任务：%s", reopen ? "重新打开" :
				      "办结", t.source), err)) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s, err) == STORE_OK ? 0 : -1;
out:
	free(bj);
	free(aj);
	arena_release(&a);
	return rc;
}

/* --- for assessment --- */

int supervision_unit_record(struct store *s, int64_t unit_id,
			    const char *from, const char *to,
			    const char *today, struct arena *a,
			    struct task_record *out, struct errors *err)
{
	struct task *v;
	struct calendar cal;
	char day[CALENDAR_DATE_LEN];
	size_t n;

	memset(out, 0, sizeof(*out));
	out->unit_id = unit_id;
	if (!today || !*today) {
		supervision_today(day);
		today = day;
	}
	calendar_load(s, a, &cal);
	if (store_task_list(s, NULL, unit_id, a, &v, &n) != STORE_OK) {
		errors_addf(err, "督办任务读取失败，请重试");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct task_unit *u;
		struct task_report *r;
		struct task_status st;
		size_t nu, nr;
		const char *as_of;

		if (!v[i].due_on || (from && *from && strcmp(v[i].due_on, from) < 0) ||
		    (to && *to && strcmp(v[i].due_on, to) > 0))
			continue;
		if (store_task_units(s, v[i].id, a, &u, &nu) != STORE_OK ||
		    store_task_reports(s, v[i].id, unit_id, a, &r, &nr) !=
		    STORE_OK)
			return -1;
		as_of = v[i].closed_on && strcmp(v[i].closed_on, today) < 0 ?
			v[i].closed_on : today;
		for (size_t j = 0; j < nu; j++) {
			if (u[j].unit_id != unit_id)
				continue;
			unit_state(&v[i], &cal, as_of, r, nr, &u[j], a, &st);
			out->ndue++;
			if (st.state == TS_DONE)
				out->ndone++;
			else if (st.state == TS_DONE_LATE)
				out->nlate++;
			else if (st.state == TS_OVERDUE)
				out->noverdue++;
			else
				out->nopen++;
		}
	}
	/* tasks whose deadline is still ahead are not yet judged */
	out->rate = out->ndue > out->nopen ?
		(double)out->ndone / (double)(out->ndue - out->nopen) : 1.0;
	out->figure = arena_printf(a, "%s至%s期限内的督办任务 %zu 项：按时完成 "
				   "%zu 项，逾期完成 %zu 项，逾期未完成 %zu 项，"
				   "未到期 %zu 项；按时完成率 %.0f%%（按时完成 ÷ "
				   "已到期 %zu 项，截至 %s）",
				   from && *from ? from : "最早", to && *to ? to :
				   "最晚", out->ndue, out->ndone, out->nlate,
				   out->noverdue, out->nopen, out->rate * 100.0,
				   out->ndue - out->nopen, today);
	return 0;
}
