/* t.h: the unit-test harness, one header
 *
 * A test file defines TEST(name) functions and ends with
 *	T_MAIN(T(test_a), T(test_b), ...)
 * Each case prints "ok NAME" or "not ok NAME: file:line: what"; tests/run
 * counts those lines across every test program.  A failed CHECK ends its
 * case.  T_TMPDIR gives each program a fresh directory for database files.
 */
#ifndef GK_T_H
#define GK_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct t_case {
	const char *name;
	void (*fn)(void);
};

static int t_failed_now;
static char t_tmpdir[256];

#define TEST(name) static void name(void)
#define T(fn) { #fn, fn }

#define T_FAIL(...) do { \
	printf("not ok %s: %s:%d: ", t_current, __FILE__, __LINE__); \
	printf(__VA_ARGS__); printf("\n"); t_failed_now = 1; return; \
} while (0)

#define CHECK(cond) do { if (!(cond)) T_FAIL("%s", #cond); } while (0)
#define CHECK_INT(a, b) do { long long t_a = (long long)(a), t_b = (long long)(b); \
	if (t_a != t_b) T_FAIL("%s == %lld, expected %lld", #a, t_a, t_b); } while (0)
#define CHECK_STR(a, b) do { const char *t_a = (a), *t_b = (b); \
	if (!t_a || !t_b || strcmp(t_a, t_b)) \
		T_FAIL("%s == \"%s\", expected \"%s\"", #a, t_a ? t_a : "(null)", \
		       t_b ? t_b : "(null)"); } while (0)
#define CHECK_CONTAINS(hay, needle) do { const char *t_h = (hay), *t_n = (needle); \
	if (!t_h || !strstr(t_h, t_n)) \
		T_FAIL("%s does not contain \"%s\": \"%s\"", #hay, t_n, t_h ? t_h : "(null)"); \
} while (0)

static const char *t_current = "";

/* A fresh per-program temporary directory, removed at exit. */
static void t_rmtmp(void)
{
	char cmd[300];
	if (t_tmpdir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t_tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", t_tmpdir);
	}
}

__attribute__((unused))
static const char *t_tmp(const char *name, char *out, size_t n)
{
	if (!t_tmpdir[0]) {
		snprintf(t_tmpdir, sizeof(t_tmpdir), "/tmp/gk-unit-XXXXXX");
		if (!mkdtemp(t_tmpdir)) {
			perror("mkdtemp");
			exit(1);
		}
		atexit(t_rmtmp);
	}
	snprintf(out, n, "%s/%s", t_tmpdir, name);
	return out;
}

static int t_run(const struct t_case *cases, size_t n, int argc, char **argv)
{
	int failed = 0;

	for (size_t i = 0; i < n; i++) {
		if (argc > 1 && !strstr(cases[i].name, argv[1]))
			continue;
		t_current = cases[i].name;
		t_failed_now = 0;
		cases[i].fn();
		if (t_failed_now)
			failed++;
		else
			printf("ok %s\n", cases[i].name);
		fflush(stdout);
	}
	return failed ? 1 : 0;
}

#define T_MAIN(...) int main(int argc, char **argv) { \
	static const struct t_case t_cases[] = { __VA_ARGS__ }; \
	return t_run(t_cases, sizeof(t_cases) / sizeof(t_cases[0]), argc, argv); }

#endif
