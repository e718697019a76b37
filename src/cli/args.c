/* args.c: long options and positional arguments; see args.h. */
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

int args_parse(int argc, char **argv, struct arg_opt *opts, size_t nopts,
	       struct args *out, char *why, size_t whylen)
{
	int only_pos = 0;

	out->pos = xcalloc((size_t)argc + 1, sizeof(*out->pos));
	out->npos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *eq, *name;
		size_t nlen;
		struct arg_opt *o = NULL;

		if (only_pos || a[0] != '-' || a[1] != '-' || !a[2]) {
			if (!strcmp(a, "--") && !only_pos) {
				only_pos = 1;
				continue;
			}
			out->pos[out->npos++] = argv[i];
			continue;
		}
		name = a + 2;
		eq = strchr(name, '=');
		nlen = eq ? (size_t)(eq - name) : strlen(name);
		for (size_t k = 0; k < nopts; k++)
			if (strlen(opts[k].name) == nlen &&
			    !strncmp(opts[k].name, name, nlen))
				o = &opts[k];
		if (!o) {
			snprintf(why, whylen, "未知选项 --%.*s", (int)nlen, name);
			return -1;
		}
		if (!o->takes_value) {
			if (eq) {
				snprintf(why, whylen, "选项 --%s 不带值", o->name);
				return -1;
			}
			o->value = "1";
			continue;
		}
		if (eq) {
			o->value = eq + 1;
		} else if (i + 1 < argc) {
			o->value = argv[++i];
		} else {
			snprintf(why, whylen, "选项 --%s 需要一个值", o->name);
			return -1;
		}
		o->all = xgrow(o->all, sizeof(*o->all), o->nall + 1, &o->alloc);
		o->all[o->nall++] = o->value;
	}
	return 0;
}

void args_release(struct arg_opt *opts, size_t nopts, struct args *a)
{
	for (size_t k = 0; k < nopts; k++) {
		free(opts[k].all);
		opts[k].all = NULL;
		opts[k].nall = opts[k].alloc = 0;
	}
	free(a->pos);
	a->pos = NULL;
	a->npos = 0;
}

long long args_id(const char *s)
{
	char *end;
	long long v;

	if (!s || !*s || *s < '0' || *s > '9')
		return 0;
	v = strtoll(s, &end, 10);
	return *end || v <= 0 ? 0 : v;
}
