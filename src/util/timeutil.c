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
