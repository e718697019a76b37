/* errors.c: the problem list; see errors.h. */
#include "errors.h"

#include <stdarg.h>
#include <stdlib.h>

#include "buf.h"
#include "xalloc.h"

void errors_init(struct errors *e)
{
	e->msg = NULL;
	e->n = e->alloc = e->dropped = 0;
}

void errors_release(struct errors *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->msg[i]);
	free(e->msg);
	errors_init(e);
}

void errors_addf(struct errors *e, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (!e)			/* the caller does not want the message */
		return;
	if (e->n >= ERRORS_CAP) {
		e->dropped++;
		return;
	}
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	e->msg = xgrow(e->msg, sizeof(*e->msg), e->n + 1, &e->alloc);
	e->msg[e->n++] = buf_detach(&b, NULL);
}

size_t errors_count(const struct errors *e)
{
	return e->n + e->dropped;
}

void errors_print(const struct errors *e, FILE *fp)
{
	for (size_t i = 0; i < e->n; i++)
		fprintf(fp, "%s\n", e->msg[i]);
	if (e->dropped)
		fprintf(fp, "……另有 %zu 个问题未列出，请先修正以上问题。\n",
			e->dropped);
}
