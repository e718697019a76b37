/* timeutil.c: current time as ISO-8601 text; see timeutil.h. */
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void time_now_text(char out[TIME_TEXT_LEN])
{
	const char *fixed = getenv("GONGKAI_NOW");
	time_t t;
	struct tm tm;

	if (fixed && strlen(fixed) == TIME_TEXT_LEN - 1) {
		memcpy(out, fixed, TIME_TEXT_LEN);
		return;
	}
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(out, TIME_TEXT_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int parse_text(const char *in, time_t *t)
{
	struct tm tm = { 0 };
	int n = 0;

	if (!in || strlen(in) != TIME_TEXT_LEN - 1 ||
	    sscanf(in, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 ||
	    n != TIME_TEXT_LEN - 1)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	return 0;
}

int time_text_add(const char *in, long seconds, char out[TIME_TEXT_LEN])
{
	time_t t;
	struct tm tm;

	if (parse_text(in, &t))
		return -1;
	t += seconds;
	gmtime_r(&t, &tm);
	strftime(out, TIME_TEXT_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

int time_text_date_cn(const char *in, char out[11])
{
	time_t t;
	struct tm tm;

	if (parse_text(in, &t))
		return -1;
	t += 8 * 3600;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return 0;
}
