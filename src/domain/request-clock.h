/* request-clock.h: the statutory clock of one 依申请公开 application
 *
 * 《政府信息公开条例》(domain-facts §2) gives an agency 20 working days
 * from 收到申请之日 (第三十一条 says which day that is) to answer
 * (第三十三条), counted on the working-day calendar of calendar.h: the
 * receipt day itself not counted, 调休上班 weekend days counted, holidays
 * and plain weekends not (§2.8).  What happens to the application moves
 * the clock:
 *
 *   补正 (第三十条): the agency may ask once, within 7 working days of
 *   receipt, for the application to be corrected.  The clock then waits
 *   for the applicant; when the corrected application arrives the 20
 *   working days start again from zero, counted from that day.
 *
 *   征求第三方意见 (第三十二条, 第三十三条第三款): the time the
 *   consultation takes is not counted.  The third party has 15 working
 *   days to answer; after that the agency decides alone, so the clock runs
 *   again from the day after the 15th working day even without an answer.
 *
 *   征求其他机关意见 (第三十三条第三款, 第三十四条): likewise not counted;
 *   the other agency has 15 working days, after which silence counts as
 *   consent and the clock runs again.
 *
 *   延期 (第三十三条第二款): once, at most 20 more working days, approved
 *   before the answer is overdue.
 *
 * A pause covers the days after the day it starts up to and including the
 * day it ends (a consultation sent on day S and answered on day E stops
 * the working days of (S, E]), the convention the statute's own counting
 * uses.  request_clock() is a pure function of (receipt day, events,
 * calendar, today): no SQL, no HTTP, no clock of its own.  It gives the
 * due date, the state today, the working days left, the due date of the
 * 补正 notice, and the computation step by step in Chinese for a case page.
 */
#ifndef GK_REQUEST_CLOCK_H
#define GK_REQUEST_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"

#define REQUEST_REPLY_DAYS 20		/* 第三十三条 */
#define REQUEST_CORRECTION_DAYS 7	/* 第三十条 */
#define REQUEST_CONSULT_DAYS 15		/* 第三十二条, 第三十四条 */
#define REQUEST_EXTENSION_MAX 20	/* 第三十三条第二款 */
#define REQUEST_EVENTS_MAX 64		/* events of one application */

enum clock_event_kind {
	REQUEST_EV_CORRECTION_SENT,	/* 补正告知 sent to the applicant */
	REQUEST_EV_CORRECTION_RECEIVED,	/* the corrected application received */
	REQUEST_EV_THIRD_PARTY_START,	/* 征求第三方意见书 sent */
	REQUEST_EV_THIRD_PARTY_END,	/* the third party's opinion received */
	REQUEST_EV_AGENCY_START,	/* another agency consulted */
	REQUEST_EV_AGENCY_END,		/* its opinion received */
	REQUEST_EV_EXTENSION,		/* 延期 approved; 'days' 1..20 */
	REQUEST_EV_REPLIED,		/* 答复 given */
	REQUEST_EV__MAX
};

struct clock_event {
	enum clock_event_kind kind;
	int32_t day;		/* day number, as calendar.h */
	int days;		/* REQUEST_EV_EXTENSION only: working days */
};

enum request_state {
	REQUEST_RUNNING,	/* 计时中 */
	REQUEST_PAUSED,		/* 暂停计时 */
	REQUEST_OVERDUE,	/* 已逾期 */
	REQUEST_ANSWERED,	/* 已答复 */
	REQUEST_STATE__MAX
};

enum request_pause {
	REQUEST_PAUSE_NONE,
	REQUEST_PAUSE_CORRECTION,	/* 等待申请人补正 */
	REQUEST_PAUSE_THIRD_PARTY,	/* 征求第三方意见 */
	REQUEST_PAUSE_AGENCY,		/* 征求其他机关意见 */
	REQUEST_PAUSE__MAX
};

struct request_clock {
	enum request_state state;	/* today */
	enum request_pause pause;	/* why, when REQUEST_PAUSED */

	/* 答复期限: the last day to answer.  While a consultation is open it
	 * assumes the consultation takes its full 15 working days (an earlier
	 * answer brings it forward); there is none while waiting for 补正. */
	bool has_due;
	int32_t due;
	int limit;		/* working days allowed: 20, plus an extension */
	int used;		/* working days counted up to today (the reply) */
	/* Working days left after today: > 0 left, 0 due today; < 0 overdue
	 * by -left working days (today included), as
	 * calendar_workdays_between(today, due).  When paused, limit - used;
	 * when answered, counted from the day of the answer. */
	int left;
	int32_t start;		/* the day the clock counts from: receipt, or
				   the corrected application's arrival */

	/* 补正告知期限: receipt + 7 working days. */
	int32_t correction_due;
	bool reviewing;		/* no 补正 notice yet, not answered, and today
				   still within correction_due */
	int correction_left;	/* calendar_workdays_between(today,
				   correction_due) */
	bool correction_late;	/* the notice was sent after correction_due */
	bool extension_late;	/* approved after the due date: not applied */

	bool answered_late;	/* REQUEST_ANSWERED after the due date */
	int32_t answered;	/* the day of the answer, if any */

	/* The computation, one step a line (Chinese), in the arena given. */
	const char **lines;
	size_t n;
};

/* Compute the clock of an application received on day 'received', with
 * 'ev[0..nev)' in the order they happened (a day never before the one of
 * the event before it), as of day 'today'.  Returns 0 with *out filled
 * (lines in 'a'), or -1 with every problem of the input in 'err' (Chinese:
 * an event before the receipt or after today, out of order, a second 补正
 * or extension, an end without its start, an extension of more than 20
 * working days, anything after the answer, today before the receipt, more
 * than REQUEST_EVENTS_MAX events, a date out of range). */
int request_clock(const struct calendar *cal, int32_t received,
		  const struct clock_event *ev, size_t nev, int32_t today,
		  struct arena *a, struct request_clock *out,
		  struct errors *err);

/* "计时中", "暂停计时", "已逾期", "已答复". */
const char *request_state_label(enum request_state s);
/* "等待申请人补正", "征求第三方意见", "征求其他机关意见"; "" for none. */
const char *request_pause_label(enum request_pause p);
/* "发出补正告知", "收到补正后的申请", … */
const char *clock_event_label(enum clock_event_kind k);

#endif
