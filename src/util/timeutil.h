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

#endif
