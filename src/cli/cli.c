/* cli.c: the command table, global options and dispatch; see cli.h. */
#include "cli.h"

#include "../domain/account.h"
#include "../domain/audit.h"
#include "../util/buf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/errors.h"

static const struct cli_command *const commands[] = {
	&cmd_init,
	&cmd_catalog,
	&cmd_region,
	&cmd_domain,
	&cmd_unit,
	&cmd_record,
	&cmd_search,
	&cmd_user,
	&cmd_calendar,
	&cmd_fee,
	&cmd_request,
	&cmd_report,
	&cmd_task,
	&cmd_ledger,
	&cmd_assess,
	&cmd_check,
	&cmd_audit,
	&cmd_site,
	&cmd_serve,
	&cmd_demo,
	&cmd_help,
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_overview(FILE *fp)
{
	fprintf(fp, "用法：gongkai [--db 文件] [--as 操作人] 命令 [参数…]\n\n"
		"基层政务公开标准化规范化平台。命令：\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-10s %s\n", commands[i]->name,
			commands[i]->summary);
	fprintf(fp, "\n全局选项（可放在任何位置）：\n"
		"  --db 文件    数据库文件（默认 gongkai.db，或环境变量 GONGKAI_DB）\n"
		"  --as 操作人  记录在审核记录中的操作人（默认环境变量 GONGKAI_USER 或 USER）\n"
		"\n用 gongkai help 命令 查看某个命令的详细用法。\n");
}

int cli_fail(const struct errors *err)
{
	if (!errors_count(err))
		fprintf(stderr, "gongkai: 操作失败\n");
	errors_print(err, stderr);
	return EXIT_FAIL;
}

int cli_usage(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("gongkai: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n\n", stderr);
	if (cmd)
		fputs(cmd->usage, stderr);
	else
		print_overview(stderr);
	return EXIT_USAGE;
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

static int help_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	const struct cli_command *c;

	(void)cli;
	(void)s;
	if (argc < 2) {
		print_overview(stdout);
		return EXIT_OK;
	}
	c = find_command(argv[1]);
	if (!c)
		return cli_usage(NULL, "没有命令「%s」", argv[1]);
	fputs(c->usage, stdout);
	return EXIT_OK;
}

const struct cli_command cmd_help = {
	"help", help_run, CLI_NO_STORE, "显示帮助",
	"用法：gongkai help [命令]\n\n显示全部命令，或某个命令的详细用法。\n",
};

/* Options whose values are an applicant's personal data: the audit trail
 * keeps that the option was given, not the value (the application itself
 * holds it, behind its own access rules). */
static bool personal_option(const char *opt)
{
	static const char *const personal[] = { "--id-number", "--phone",
		"--email", "--address", "--postcode", NULL };

	for (int i = 0; personal[i]; i++)
		if (!strcmp(opt, personal[i]))
			return true;
	return false;
}

/* One audit entry for a command that changed the database: who ran it
 * (--as) and the command line as typed (passwords never appear there:
 * they come from a file or the environment).  Domain functions that keep
 * detailed entries of their own (accounts, the record workflow) add theirs
 * as well. */
static void audit_command(struct store *s, const struct cli *cli, int n,
			  char **args)
{
	struct actor who;
	struct buf line = BUF_INIT;
	char action[64];

	actor_cli(cli->actor, &who);
	buf_adds(&line, "gongkai");
	for (int i = 0; i < n && line.len < 2000; i++) {
		buf_addch(&line, ' ');
		if (i > 0 && personal_option(args[i - 1]))
			buf_adds(&line, "***");
		else
			buf_adds(&line, args[i]);
	}
	snprintf(action, sizeof(action), "cli.%s", args[0]);
	audit_append(s, &who, action, "command", args[0], NULL, 0, NULL, NULL,
		     line.buf, NULL);
	buf_release(&line);
}

int cli_main(int argc, char **argv)
{
	struct cli cli = { 0 };
	struct errors err = ERRORS_INIT;
	const struct cli_command *cmd;
	struct store *s = NULL;
	char **rest = calloc((size_t)argc + 1, sizeof(*rest));
	int n = 0, rc, dashdash = 0;

	cli.prog = "gongkai";
	cli.db = getenv("GONGKAI_DB");
	cli.actor = getenv("GONGKAI_USER");
	/* global options anywhere before "--" */
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && !strcmp(a, "--")) {
			dashdash = 1;
			rest[n++] = argv[i];
			continue;
		}
		if (!dashdash && (!strcmp(a, "--db") || !strcmp(a, "--as"))) {
			if (i + 1 >= argc) {
				free(rest);
				return cli_usage(NULL, "选项 %s 需要一个值", a);
			}
			if (a[2] == 'd')
				cli.db = argv[++i];
			else
				cli.actor = argv[++i];
			continue;
		}
		if (!dashdash && !strncmp(a, "--db=", 5)) {
			cli.db = a + 5;
			continue;
		}
		if (!dashdash && !strncmp(a, "--as=", 5)) {
			cli.actor = a + 5;
			continue;
		}
		rest[n++] = argv[i];
	}
	if (!cli.db || !*cli.db)
		cli.db = "gongkai.db";
	if (!cli.actor || !*cli.actor)
		cli.actor = getenv("USER");
	if (!cli.actor || !*cli.actor)
		cli.actor = "命令行";
	if (n == 0) {
		free(rest);
		return cli_usage(NULL, "缺少命令");
	}
	if (!strcmp(rest[0], "--help") || !strcmp(rest[0], "-h")) {
		print_overview(stdout);
		free(rest);
		return EXIT_OK;
	}
	cmd = find_command(rest[0]);
	if (!cmd) {
		rc = cli_usage(NULL, "没有命令「%s」", rest[0]);
		free(rest);
		return rc;
	}
	if (n > 1 && (!strcmp(rest[1], "--help") || !strcmp(rest[1], "-h"))) {
		fputs(cmd->usage, stdout);
		free(rest);
		return EXIT_OK;
	}
	if (cmd->store != CLI_NO_STORE) {
		enum store_open_mode mode = cmd->store == CLI_STORE_CREATE
			? STORE_OPEN_CREATE
			: cmd->store == CLI_STORE_RO ? STORE_OPEN_READONLY
						     : STORE_OPEN_EXISTING;
		s = store_open(cli.db, mode, &err);
		if (!s) {
			rc = cli_fail(&err);
			errors_release(&err);
			free(rest);
			return rc;
		}
	}
	rc = cmd->run(&cli, s, n, rest);
	if (rc == EXIT_OK && s && cmd->store != CLI_STORE_RO &&
	    store_changes(s) > 0)
		audit_command(s, &cli, n, rest);
	store_close(s);
	errors_release(&err);
	free(rest);
	return rc;
}
