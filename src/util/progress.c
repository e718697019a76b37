/* progress.c: one redrawn line of progress on a terminal; see progress.h. */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void draw(struct progress *p)
{
	if (p->total)
		fprintf(stderr, "\r%s：%zu / %zu（%zu%%）", p->label, p->done,
			p->total, p->done * 100 / p->total);
	else
		fprintf(stderr, "\r%s：%zu", p->label, p->done);
	fflush(stderr);
}

void progress_start(struct progress *p, const char *label, size_t total)
{
	p->label = label;
	p->total = total;
	p->done = 0;
	p->active = isatty(2);
	p->last_ms = 0;
}

void progress_update(struct progress *p, size_t done)
{
	long long t;

	p->done = done;
	if (!p->active)
		return;
	t = now_ms();
	if (t - p->last_ms < 200)
		return;
	p->last_ms = t;
	draw(p);
}

void progress_finish(struct progress *p)
{
	if (!p->active)
		return;
	if (p->total)
		p->done = p->total;
	draw(p);
	fputs(" 完成\n", stderr);
}
