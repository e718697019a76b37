/* request-clock.c: the statutory clock of one application; see
 * request-clock.h.
 *
 * The input is checked first, all of it, so that a refused history gets
 * every problem at once.  Then the clock walks the days from the receipt,
 * one at a time: a working day is counted when nothing stops the clock,
 * then the events of that day are applied (so the day a pause starts is
 * still counted and the day it ends is not), then the 15th working day of
 * an unanswered consultation ends its pause.  The walk goes on past today
 * until the count reaches the limit, so that the due date is known; past
 * today only those automatic pause ends can happen.  Each step worth
 * checking by hand becomes a line of the explanation.
 */
#include "request-clock.h"

#include <stdio.h>
#include <string.h>

#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/errors.h"

/* The walk never needs more than this past today: 15 working days of a
 * consultation and 40 of answer, with the longest holidays, fit in 120
 * calendar days; the margin is for calendars entered by hand. */
#define WALK_PAST_TODAY 1000

static const char *const state_label[REQUEST_STATE__MAX] = {
	"计时中",	/* REQUEST_RUNNING */
	"暂停计时",	/* REQUEST_PAUSED */
	"已逾期",	/* REQUEST_OVERDUE */
	"已答复",	/* REQUEST_ANSWERED */
};

static const char *const pause_label[REQUEST_PAUSE__MAX] = {
	"",			/* REQUEST_PAUSE_NONE */
	"等待申请人补正",	/* REQUEST_PAUSE_CORRECTION */
	"征求第三方意见",	/* REQUEST_PAUSE_THIRD_PARTY */
	"征求其他机关意见",	/* REQUEST_PAUSE_AGENCY */
};

static const char *const event_label[REQUEST_EV__MAX] = {
	"发出补正告知",		/* REQUEST_EV_CORRECTION_SENT */
	"收到补正后的申请",	/* REQUEST_EV_CORRECTION_RECEIVED */
	"书面征求第三方意见",	/* REQUEST_EV_THIRD_PARTY_START */
	"收到第三方意见",	/* REQUEST_EV_THIRD_PARTY_END */
	"征求其他机关意见",	/* REQUEST_EV_AGENCY_START */
	"收到其他机关意见",	/* REQUEST_EV_AGENCY_END */
	"延长答复期限",		/* REQUEST_EV_EXTENSION */
	"作出答复",		/* REQUEST_EV_REPLIED */
};

const char *request_state_label(enum request_state s)
{
	return (unsigned)s < REQUEST_STATE__MAX ? state_label[s] : "";
}

const char *request_pause_label(enum request_pause p)
{
	return (unsigned)p < REQUEST_PAUSE__MAX ? pause_label[p] : "";
}

const char *clock_event_label(enum clock_event_kind k)
{
	return (unsigned)k < REQUEST_EV__MAX ? event_label[k] : "";
}

/* --- days --- */

/* YYYY-MM-DD of day z in 'a'. */
static const char *ymd(struct arena *a, int32_t z)
{
	char d[CALENDAR_DATE_LEN];

	calendar_format_date(z, d);
	return arena_strdup(a, d);
}

/* "2025-09-28（周日）" */
static const char *day_text(struct arena *a, int32_t z)
{
	char d[CALENDAR_DATE_LEN];

	calendar_format_date(z, d);
	return arena_printf(a, "%s（%s）", d, calendar_weekday_name(z));
}

/* The n-th working day after z (calendar_add_workdays on day numbers).
 * The range was checked before: it cannot fail. */
static int32_t add_workdays(const struct calendar *cal, int32_t z, int n)
{
	char from[CALENDAR_DATE_LEN], to[CALENDAR_DATE_LEN];
	int32_t r = z;

	calendar_format_date(z, from);
	if (calendar_add_workdays(cal, from, n, to) == 0)
		calendar_parse_date(to, &r);
	return r;
}

/* calendar_workdays_between() on day numbers. */
static int workdays_between(const struct calendar *cal, int32_t a, int32_t b)
{
	char x[CALENDAR_DATE_LEN], y[CALENDAR_DATE_LEN];
	int r = 0;

	calendar_format_date(a, x);
	calendar_format_date(b, y);
	calendar_workdays_between(cal, x, y, &r);
	return r;
}

/* The 调休 entry of weekend day z, or NULL. */
static const struct calendar_entry *worked_weekend(const struct calendar *cal,
						    int32_t z)
{
	const struct calendar_entry *e = calendar_entry_at(cal, z);

	if (e && e->kind == CALENDAR_WORK && calendar_weekday(z) >= 6)
		return e;
	return NULL;
}

/* --- checking the input --- */

/* Range of dates the walk can handle, with room for the projection. */
static bool in_range(int32_t z)
{
	return z >= calendar_days_from_civil(1900, 1, 1) &&
	       z <= calendar_days_from_civil(9998, 12, 31);
}

/* Every problem of the input into 'err'; 0 when there is none. */
static int check_input(int32_t received, const struct clock_event *ev,
		       size_t nev, int32_t today, struct arena *a,
		       struct errors *err)
{
	size_t before = errors_count(err);
	int corr_sent = 0, corr_recv = 0, ext = 0, open[2] = { 0, 0 };
	bool replied = false;
	int32_t prev;

	if (!in_range(received) || !in_range(today)) {
		errors_addf(err, "收到申请之日和今天须在 1900 年至 9998 年之间");
		return -1;
	}
	if (today < received)
		errors_addf(err, "今天（%s）早于收到申请之日（%s）", ymd(a, today),
			    ymd(a, received));
	if (nev > REQUEST_EVENTS_MAX) {
		errors_addf(err, "一件申请最多记录 %d 个办理事项，现有 %zu 个",
			    REQUEST_EVENTS_MAX, nev);
		return -1;
	}
	prev = received;
	for (size_t i = 0; i < nev; i++) {
		const struct clock_event *e = &ev[i];
		const char *what;
		int pair;

		if ((unsigned)e->kind >= REQUEST_EV__MAX) {
			errors_addf(err, "第%zu个办理事项的类型无效", i + 1);
			continue;
		}
		what = arena_printf(a, "第%zu个办理事项「%s」", i + 1,
				    event_label[e->kind]);
		if (!in_range(e->day)) {
			errors_addf(err, "%s的日期超出可计算的范围", what);
			continue;
		}
		if (e->day < received)
			errors_addf(err, "%s的日期 %s 早于收到申请之日 %s", what,
				    ymd(a, e->day), ymd(a, received));
		else if (e->day < prev)
			errors_addf(err, "%s的日期 %s 早于前一个办理事项的日期 %s，"
				    "办理事项须按发生的先后排列", what,
				    ymd(a, e->day), ymd(a, prev));
		if (e->day > today)
			errors_addf(err, "%s的日期 %s 晚于今天 %s", what,
				    ymd(a, e->day), ymd(a, today));
		if (e->day > prev)
			prev = e->day;
		if (replied) {
			errors_addf(err, "%s在作出答复之后，答复后不再有其他办理事项",
				    what);
			continue;
		}
		switch (e->kind) {
		case REQUEST_EV_CORRECTION_SENT:
			if (corr_sent++)
				errors_addf(err, "%s：补正应一次性告知（条例第三十条），"
					    "不能第二次告知补正", what);
			break;
		case REQUEST_EV_CORRECTION_RECEIVED:
			if (!corr_sent)
				errors_addf(err, "%s：此前没有发出补正告知", what);
			else if (corr_recv++)
				errors_addf(err, "%s：已经收到过补正后的申请", what);
			break;
		case REQUEST_EV_THIRD_PARTY_START:
		case REQUEST_EV_AGENCY_START:
			open[e->kind == REQUEST_EV_AGENCY_START]++;
			break;
		case REQUEST_EV_THIRD_PARTY_END:
		case REQUEST_EV_AGENCY_END:
			pair = e->kind == REQUEST_EV_AGENCY_END;
			if (open[pair] == 0)
				errors_addf(err, "%s：此前没有「%s」", what,
					    event_label[pair
						? REQUEST_EV_AGENCY_START
						: REQUEST_EV_THIRD_PARTY_START]);
			else
				open[pair]--;
			break;
		case REQUEST_EV_EXTENSION:
			if (e->days < 1 || e->days > REQUEST_EXTENSION_MAX)
				errors_addf(err, "%s：延长的期限应为 1 到 %d 个工作日"
					    "（条例第三十三条），而不是 %d 个", what,
					    REQUEST_EXTENSION_MAX, e->days);
			if (ext++)
				errors_addf(err, "%s：答复期限只能延长一次（条例第三十"
					    "三条）", what);
			break;
		case REQUEST_EV_REPLIED:
			replied = true;
			break;
		case REQUEST_EV__MAX:
			break;
		}
	}
	return errors_count(err) > before ? -1 : 0;
}

/* --- the walk --- */

struct lines {
	struct arena *a;
	const char **v;
	size_t n, cap;
};

static void line_add(struct lines *l, const char *text)
{
	if (l->n == l->cap) {
		const char **bigger;

		l->cap = l->cap ? 2 * l->cap : 32;
		bigger = arena_alloc(l->a, l->cap * sizeof(*bigger));
		if (l->n)
			memcpy(bigger, l->v, l->n * sizeof(*bigger));
		l->v = bigger;
	}
	l->v[l->n++] = text;
}

#define say(w, ...) line_add(&(w)->l, arena_printf((w)->a, __VA_ARGS__))

/* One consultation: it stops the clock in (start, min(end, cap)]. */
struct consult {
	int32_t start, cap;
	bool ended;		/* its answer came */
	bool capped;		/* its 15 working days ran out unanswered */
};

enum { THIRD, AGENCY };		/* index of consultations by kind */

struct walk {
	const struct calendar *cal;
	struct arena *a;
	struct lines l;
	int32_t received, today;

	int counter, limit;	/* working days counted, allowed */
	int32_t start;		/* day the count is from */
	bool waiting;		/* for the corrected application */
	bool corr_stops;	/* the 补正 notice stopped the clock */
	bool due_fixed;
	int32_t due;
	bool replied;
	int counted_at_reply;
	bool fresh, resumed;	/* the next counted day starts a stretch */
	int seen_year;

	struct consult c[2][REQUEST_EVENTS_MAX];
	size_t nc[2];

	/* consecutive days off met while counting */
	int32_t run_first, run_last;
	int run_days;
	const char *run_notes[4];
	int run_nnotes;
	bool run_holiday;
	int weekend_days, holiday_lines;	/* of the current stretch */
};

static bool consult_open(const struct walk *w, int kind)
{
	for (size_t i = 0; i < w->nc[kind]; i++)
		if (!w->c[kind][i].ended && !w->c[kind][i].capped)
			return true;
	return false;
}

static bool running(const struct walk *w)
{
	return !w->waiting && !consult_open(w, THIRD) &&
	       !consult_open(w, AGENCY);
}

/* The count has reached its limit: on day 'at' if not fixed before. */
static bool expired(const struct walk *w)
{
	return w->due_fixed || w->counter >= w->limit;
}

static void run_add(struct walk *w, int32_t z)
{
	const struct calendar_entry *e = calendar_entry_at(w->cal, z);

	if (!w->run_days)
		w->run_first = z;
	w->run_last = z;
	w->run_days++;
	if (!e || e->kind != CALENDAR_OFF)
		return;
	w->run_holiday = true;
	if (!e->note || !*e->note)
		return;
	for (int i = 0; i < w->run_nnotes; i++)
		if (!strcmp(w->run_notes[i], e->note))
			return;
	if (w->run_nnotes < 4)
		w->run_notes[w->run_nnotes++] = e->note;
}

/* End a run of days off: a holiday gets its line, weekends are summed. */
static void run_flush(struct walk *w)
{
	struct buf b = BUF_INIT;

	if (!w->run_days)
		return;
	if (!w->run_holiday) {
		w->weekend_days += w->run_days;
		w->run_days = 0;
		return;
	}
	buf_adds(&b, day_text(w->a, w->run_first));
	if (w->run_last != w->run_first)
		buf_addf(&b, "至%s", day_text(w->a, w->run_last));
	if (!w->run_nnotes)
		buf_adds(&b, "节假日");
	for (int i = 0; i < w->run_nnotes; i++)
		buf_addf(&b, "%s%s", i ? "、" : "", w->run_notes[i]);
	buf_adds(&b, "放假");
	if (w->run_days > 1)
		buf_addf(&b, "，共%d天", w->run_days);
	buf_adds(&b, "，不计入");
	line_add(&w->l, arena_strdup(w->a, b.buf));
	buf_release(&b);
	w->holiday_lines++;
	w->run_days = 0;
	w->run_nnotes = 0;
	w->run_holiday = false;
}

/* End a stretch of counting (a pause begins, or the count is done). */
static void stretch_end(struct walk *w)
{
	run_flush(w);
	if (w->weekend_days)
		say(w, "%s周六、周日共%d天，不计入",
		    w->holiday_lines ? "其余" : "其间", w->weekend_days);
	w->weekend_days = 0;
	w->holiday_lines = 0;
}

/* Count day 'at' when the clock runs. */
static void count_day(struct walk *w, int32_t at)
{
	const struct calendar_entry *e;
	int y, m, d;

	calendar_civil_from_days(at, &y, &m, &d);
	if (y != w->seen_year) {
		char msg[160];

		w->seen_year = y;
		if (!calendar_covers_year(w->cal, y)) {
			calendar_missing_text(y, msg, sizeof(msg));
			say(w, "注意：%s", msg);
		}
	}
	if (!calendar_workday_at(w->cal, at)) {
		run_add(w, at);
		return;
	}
	run_flush(w);
	w->counter++;
	e = worked_weekend(w->cal, at);
	if (w->fresh)
		say(w, "%s第%d个工作日为 %s（%s%s）",
		    w->resumed ? "恢复计算，" : "自次日起算，", w->counter,
		    ymd(w->a, at), calendar_weekday_name(at),
		    e ? arena_printf(w->a, "，%s调休上班", e->note) : "");
	else if (e)
		say(w, "%s%s调休上班，计为第%d个工作日", day_text(w->a, at),
		    e->note, w->counter);
	w->fresh = false;
}

static const char *const consult_party[2] = { "第三方", "其他机关" };

static void start_consult(struct walk *w, int kind, int32_t at)
{
	struct consult *c;

	if (expired(w)) {
		stretch_end(w);
		say(w, "%s %s，但此时答复期限已届满（%s），不再暂停计算",
		    day_text(w->a, at), event_label[kind == THIRD
			? REQUEST_EV_THIRD_PARTY_START : REQUEST_EV_AGENCY_START],
		    ymd(w->a, w->due_fixed ? w->due : at));
		return;
	}
	if (running(w))
		stretch_end(w);
	c = &w->c[kind][w->nc[kind]++];
	c->start = at;
	c->cap = add_workdays(w->cal, at, REQUEST_CONSULT_DAYS);
	c->ended = c->capped = false;
	if (kind == THIRD)
		say(w, "%s书面征求第三方意见，此时已计%d个工作日；征求意见所需时间"
		    "不计算在答复期限内（第三十三条第三款）。第三方应自收到征求"
		    "意见书之日起15个工作日内提出意见（第三十二条），自发出之日"
		    "计算最迟为 %s", day_text(w->a, at), w->counter,
		    day_text(w->a, c->cap));
	else
		say(w, "%s征求其他机关意见，此时已计%d个工作日；所需时间不计算在"
		    "答复期限内（第三十三条第三款）。被征求意见的机关应在15个工作"
		    "日内提出意见，逾期未提出的视为同意公开（第三十四条），最迟"
		    "为 %s", day_text(w->a, at), w->counter,
		    day_text(w->a, c->cap));
}

/* After a pause ended: what the clock does now. */
static void after_pause(struct walk *w, struct buf *b)
{
	if (running(w)) {
		buf_addf(b, "；自次日起继续计算，还剩%d个工作日",
			 w->limit - w->counter);
		w->fresh = w->resumed = true;
	} else if (w->waiting) {
		buf_adds(b, "；仍在等待申请人补正");
	} else {
		buf_adds(b, "；另有征求意见尚未结束，继续暂停计算");
	}
}

static void end_consult(struct walk *w, int kind, int32_t at)
{
	struct buf b = BUF_INIT;
	struct consult *c = NULL;

	for (size_t i = 0; i < w->nc[kind] && !c; i++)
		if (!w->c[kind][i].ended)
			c = &w->c[kind][i];
	if (!c) {
		/* its start came after the due date and did not pause */
		say(w, "%s收到%s意见", day_text(w->a, at),
		    consult_party[kind]);
		return;
	}
	c->ended = true;
	if (c->capped) {
		say(w, "%s收到%s意见，已超过15个工作日的期限，答复期限已自 %s 起"
		    "恢复计算", day_text(w->a, at), consult_party[kind],
		    ymd(w->a, c->cap + 1));
		return;
	}
	buf_addf(&b, "%s收到%s意见，自 %s 发出起共%d个工作日不计算",
		 day_text(w->a, at), consult_party[kind],
		 ymd(w->a, c->start), workdays_between(w->cal, c->start, at));
	after_pause(w, &b);
	line_add(&w->l, arena_strdup(w->a, b.buf));
	buf_release(&b);
}

/* The 15th working day of a consultation ends it at the end of 'at'. */
static void cap_consults(struct walk *w, int32_t at)
{
	for (int kind = THIRD; kind <= AGENCY; kind++)
		for (size_t i = 0; i < w->nc[kind]; i++) {
			struct consult *c = &w->c[kind][i];
			struct buf b = BUF_INIT;

			if (c->ended || c->capped || c->cap != at)
				continue;
			c->capped = true;
			if (w->replied) {
				/* answered: the rest only finds the due date */
				w->fresh = w->resumed = running(w);
				continue;
			}
			if (at <= w->today)
				buf_addf(&b, "%s已满15个工作日，%s未提出意见，%s",
					 day_text(w->a, at), consult_party[kind],
					 kind == THIRD
					 ? "由本机关依照条例决定是否公开（第三十二条）"
					 : "视为同意公开（第三十四条）");
			else
				buf_addf(&b, "如到 %s（满15个工作日）仍未收到%s"
					 "意见，%s", day_text(w->a, at),
					 consult_party[kind], kind == THIRD
					 ? "由本机关依照条例决定是否公开（第三十二条）"
					 : "视为同意公开（第三十四条）");
			after_pause(w, &b);
			line_add(&w->l, arena_strdup(w->a, b.buf));
			buf_release(&b);
		}
}

static void apply(struct walk *w, const struct clock_event *e,
		  int32_t correction_due, struct request_clock *out)
{
	int32_t at = e->day;
	int k;

	switch (e->kind) {
	case REQUEST_EV_CORRECTION_SENT:
		k = workdays_between(w->cal, w->received, at);
		out->correction_late = at > correction_due;
		if (expired(w)) {
			stretch_end(w);
			say(w, "%s发出补正告知，但答复期限已届满（%s），不能重新计算",
			    day_text(w->a, at), ymd(w->a, w->due_fixed ? w->due : at));
			break;
		}
		if (running(w))
			stretch_end(w);
		say(w, "%s发出补正告知，为收到申请后%s，%s（第三十条）；答复期限"
		    "暂停，自收到补正后的申请之日起重新计算",
		    day_text(w->a, at),
		    k ? arena_printf(w->a, "第%d个工作日", k) : "当日",
		    out->correction_late
		    ? arena_printf(w->a, "晚于补正告知期限 %s",
				   ymd(w->a, correction_due))
		    : "在7个工作日的期限内");
		w->waiting = true;
		w->corr_stops = true;
		break;
	case REQUEST_EV_CORRECTION_RECEIVED:
		if (!w->corr_stops) {
			say(w, "%s收到补正后的申请（补正告知未能使答复期限重新"
			    "计算）", day_text(w->a, at));
			break;
		}
		w->waiting = false;
		w->counter = 0;
		w->start = at;
		say(w, "%s收到补正后的申请，答复期限自该日起重新计算（第三十条），"
		    "此前已计的工作日不再计入；当日不计入，自次日起数%d个工作日",
		    day_text(w->a, at), w->limit);
		if (running(w)) {
			w->fresh = true;
			w->resumed = false;
		}
		break;
	case REQUEST_EV_THIRD_PARTY_START:
		start_consult(w, THIRD, at);
		break;
	case REQUEST_EV_AGENCY_START:
		start_consult(w, AGENCY, at);
		break;
	case REQUEST_EV_THIRD_PARTY_END:
		end_consult(w, THIRD, at);
		break;
	case REQUEST_EV_AGENCY_END:
		end_consult(w, AGENCY, at);
		break;
	case REQUEST_EV_EXTENSION:
		if (w->due_fixed) {
			out->extension_late = true;
			say(w, "%s决定延长答复期限%d个工作日，但答复期限已于 %s "
			    "届满，延期须在届满前决定（第三十三条），不予计入",
			    day_text(w->a, at), e->days, ymd(w->a, w->due));
			break;
		}
		w->limit += e->days;
		say(w, "%s经政府信息公开工作机构负责人同意并告知申请人，延长答复"
		    "期限%d个工作日（第三十三条），答复期限共%d个工作日，此时已计"
		    "%d个工作日", day_text(w->a, at), e->days, w->limit,
		    w->counter);
		break;
	case REQUEST_EV_REPLIED:
		w->replied = true;
		w->counted_at_reply = w->counter;
		out->answered = at;
		if (w->due_fixed && at > w->due) {
			out->answered_late = true;
			say(w, "%s作出答复，已超过答复期限 %s，逾期%d个工作日",
			    day_text(w->a, at), ymd(w->a, w->due),
			    workdays_between(w->cal, w->due, at));
		} else if (w->waiting) {
			say(w, "%s作出答复", day_text(w->a, at));
		} else {
			say(w, "%s作出答复，此时已计%d个工作日，在答复期限内",
			    day_text(w->a, at), w->counter);
		}
		break;
	case REQUEST_EV__MAX:
		break;
	}
}

/* The state today and the last lines. */
static void finish(struct walk *w, struct request_clock *out, int used,
		   enum request_pause paused)
{
	const char *today = day_text(w->a, w->today);

	out->limit = w->limit;
	out->used = used;
	out->start = w->start;
	out->has_due = w->due_fixed;
	out->due = w->due_fixed ? w->due : 0;
	if (w->replied) {
		out->state = REQUEST_ANSWERED;
		out->used = used = w->counted_at_reply;
		out->left = out->has_due
			? workdays_between(w->cal, out->answered, w->due)
			: w->limit - used;
		say(w, "已于 %s 答复%s", ymd(w->a, out->answered),
		    out->answered_late ? "，逾期答复"
		    : out->has_due ? "，在答复期限内" : "");
	} else if (out->has_due && w->today > w->due) {
		out->state = REQUEST_OVERDUE;
		out->left = workdays_between(w->cal, w->today, w->due);
		say(w, "截至今天 %s：已超过答复期限 %s，逾期%d个工作日", today,
		    ymd(w->a, w->due), -out->left);
	} else if (paused != REQUEST_PAUSE_NONE) {
		out->state = REQUEST_PAUSED;
		out->pause = paused;
		if (paused == REQUEST_PAUSE_CORRECTION)
			out->used = used = 0;	/* they start again */
		out->left = w->limit - used;
		if (paused == REQUEST_PAUSE_CORRECTION)
			say(w, "截至今天 %s：等待申请人补正，答复期限暂停；收到补正"
			    "后的申请后，自次日起重新计算%d个工作日", today,
			    w->limit);
		else
			say(w, "截至今天 %s：%s中，暂停计算；已计%d个工作日，还剩"
			    "%d个工作日（答复期限按征求意见用满15个工作日推算，"
			    "提前收到意见的相应提前）", today, pause_label[paused],
			    used, out->left);
	} else {
		out->state = REQUEST_RUNNING;
		out->left = out->has_due
			? workdays_between(w->cal, w->today, w->due)
			: w->limit - used;
		if (out->left == 0)
			say(w, "截至今天 %s：已计%d个工作日，今天是答复期限的最后"
			    "一天", today, used);
		else
			say(w, "截至今天 %s：已计%d个工作日，还剩%d个工作日", today,
			    used, out->left);
	}
	if (out->reviewing)
		say(w, "如需补正，应在 %s前一次性告知申请人（%s）",
		    day_text(w->a, out->correction_due),
		    out->correction_left
		    ? arena_printf(w->a, "还剩%d个工作日", out->correction_left)
		    : "今天是最后一天");
}

int request_clock(const struct calendar *cal, int32_t received,
		  const struct clock_event *ev, size_t nev, int32_t today,
		  struct arena *a, struct request_clock *out,
		  struct errors *err)
{
	struct walk *w;
	size_t ei = 0;
	int used = 0;
	enum request_pause paused = REQUEST_PAUSE_NONE;
	bool corr_sent = false;

	memset(out, 0, sizeof(*out));
	if (check_input(received, ev, nev, today, a, err))
		return -1;
	w = arena_alloc(a, sizeof(*w));
	w->cal = cal;
	w->a = a;
	w->l.a = a;
	w->received = received;
	w->today = today;
	w->limit = REQUEST_REPLY_DAYS;
	w->start = received;
	w->fresh = true;
	out->correction_due = add_workdays(cal, received,
					   REQUEST_CORRECTION_DAYS);

	say(w, "%s收到申请（收到申请之日，条例第三十一条）",
	    day_text(a, received));
	say(w, "补正告知期限：申请内容不明确的，应自收到申请之日起7个工作日内"
	    "一次性告知申请人补正（第三十条），即不晚于 %s",
	    day_text(a, out->correction_due));
	say(w, "答复期限：自收到申请之日起20个工作日内答复（第三十三条），收到"
	    "申请当日不计入");

	for (int32_t at = received;; at++) {
		if (at > received && !w->due_fixed && running(w))
			count_day(w, at);
		for (; ei < nev && ev[ei].day == at; ei++) {
			corr_sent |= ev[ei].kind == REQUEST_EV_CORRECTION_SENT;
			apply(w, &ev[ei], out->correction_due, out);
		}
		cap_consults(w, at);
		if (!w->due_fixed && !w->waiting && w->counter >= w->limit) {
			stretch_end(w);
			w->due_fixed = true;
			w->due = at;
			say(w, "第%d个工作日为 %s，即答复期限", w->limit,
			    day_text(a, at));
		}
		if (at == today) {
			used = w->counter;
			if (w->waiting)
				paused = REQUEST_PAUSE_CORRECTION;
			else if (consult_open(w, THIRD))
				paused = REQUEST_PAUSE_THIRD_PARTY;
			else if (consult_open(w, AGENCY))
				paused = REQUEST_PAUSE_AGENCY;
		}
		if (at >= today && ei == nev && (w->due_fixed || w->waiting))
			break;
		if (at - today > WALK_PAST_TODAY) {
			errors_addf(err, "无法算出答复期限：今天之后 %d 天内数不满"
				    "工作日，请检查工作日历", WALK_PAST_TODAY);
			return -1;
		}
	}
	out->reviewing = !corr_sent && !w->replied &&
			 today <= out->correction_due;
	out->correction_left = workdays_between(cal, today,
						out->correction_due);
	finish(w, out, used, paused);
	out->lines = w->l.v;
	out->n = w->l.n;
	return 0;
}
