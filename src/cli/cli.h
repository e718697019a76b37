/* cli.h: the command line — the table of commands and what they share
 *
 * main() hands argv to cli_main(), which takes the global options (--db,
 * --as; allowed anywhere before "--"), finds the command in the table in
 * cli.c and calls it.  Each command lives in its own cmd-<verb>.c with its
 * usage text beside it.  Exit status: 0 ok, 1 failure (Chinese message on
 * stderr saying what to fix), 2 bad usage.
 */
#ifndef GK_CLI_H
#define GK_CLI_H

#include <stdio.h>

#include "../store/store.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli {
	const char *db;		/* --db, $GONGKAI_DB, or gongkai.db */
	const char *actor;	/* --as, $GONGKAI_USER, $USER, or 命令行 */
	const char *prog;	/* "gongkai" */
};

/* How a command wants the store opened. */
enum cli_store { CLI_NO_STORE, CLI_STORE_RO, CLI_STORE_RW, CLI_STORE_CREATE };

struct cli_command {
	const char *name;
	int (*run)(struct cli *cli, struct store *s, int argc, char **argv);
	enum cli_store store;
	const char *summary;	/* one line, Chinese */
	const char *usage;	/* full help, Chinese */
};

int cli_main(int argc, char **argv);

/* Print 'err' (every message) to stderr; returns EXIT_FAIL. */
struct errors;
int cli_fail(const struct errors *err);
/* Print a usage problem and the command's usage; returns EXIT_USAGE. */
int cli_usage(const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The command table entries, defined in the cmd-*.c files. */
extern const struct cli_command cmd_init, cmd_catalog, cmd_region,
	cmd_domain, cmd_unit, cmd_record, cmd_site, cmd_serve, cmd_demo,
	cmd_user, cmd_calendar, cmd_fee, cmd_request, cmd_report, cmd_audit,
	cmd_search, cmd_help;
extern const struct cli_command cmd_task;	/* cmd-task.c */
extern const struct cli_command cmd_ledger;	/* cmd-ledger.c */
extern const struct cli_command cmd_check;	/* cmd-check.c */
extern const struct cli_command cmd_assess;	/* cmd-assess.c */

#endif
