/* timeutil.h: the current time as stored text
 *
 * Times are ISO-8601 UTC text ("2026-11-23T10:52:45Z").  The environment
 * variable GONGKAI_NOW, when set to such a text, fixes "now" so that tests and
 * golden files are repeatable.
 */
#ifndef GK_TIMEUTIL_H
#define GK_TIMEUTIL_H

#define TIME_TEXT_LEN 21

/* Write the current time into 'out' (TIME_TEXT_LEN bytes incl. NUL). */
void time_now_text(char out[TIME_TEXT_LEN]);
/* 'in' plus 'seconds' (may be negative) into 'out'; -1 if 'in' is not
 * such a text. */
int time_text_add(const char *in, long seconds, char out[TIME_TEXT_LEN]);
/* The text's local date in China (UTC+8), "YYYY-MM-DD", for dates people
 * see (成文日期, 发布日期 are Beijing dates). */
int time_text_date_cn(const char *in, char out[11]);

#endif
