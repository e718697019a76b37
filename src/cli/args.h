/* args.h: parsing a command's options and arguments
 *
 * Options are long ("--region 430104" or "--region=430104"); flags take no
 * value.  What is left are positional arguments, in order.  Repeating an
 * option keeps every value (see struct arg_opt.all).
 */
#ifndef GK_ARGS_H
#define GK_ARGS_H

#include <stddef.h>

struct arg_opt {
	const char *name;	/* without the dashes */
	int takes_value;
	const char *value;	/* last value, or "1" for a set flag; NULL unset */
	const char **all;	/* every value, when repeated (may be NULL) */
	size_t nall;
	size_t alloc;
};

struct args {
	char **pos;
	size_t npos;
};

/* Parse argv[0..argc) against opts[0..nopts).  Returns 0, or -1 with a
 * Chinese message in 'why' (static or in 'whybuf'). */
int args_parse(int argc, char **argv, struct arg_opt *opts, size_t nopts,
	       struct args *out, char *whybuf, size_t whylen);
void args_release(struct arg_opt *opts, size_t nopts, struct args *a);

/* Parse a positive decimal id; 0 when not one. */
long long args_id(const char *s);

#endif
