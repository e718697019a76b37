/* cmd-fee.c: gongkai fee — the 信息处理费 of one application, by item
 * (--per-item N: the applicant's Nth application this month) or by pages
 * (--pages N), printed step by step so that a clerk can check it by hand.
 * The rules live in domain/fee.c; no database is opened.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "../domain/fee.h"

extern const struct cli_command cmd_fee;

static const char fee_usage[] =
"用法：gongkai fee --per-item N | --pages N\n"
"\n"
"计算一件政府信息公开申请的信息处理费（《政府信息公开信息处理费管理办法》，\n"
"国办函〔2020〕109号），逐步列出计算过程，最后一行为合计金额。按件计收和\n"
"按量计收只能选一种，同一申请不能同时按两种方式收费。\n"
"\n"
"  --per-item N   按件计收：本申请是该申请人本自然月的第 N 件（本件计入）。\n"
"                 第1—10件不收费，第11—30件每件100元，第31件起每10件为一档，\n"
"                 每增加一档每件提高100元（N 为 1 到 1000）\n"
"  --pages N      按量计收：本申请共 N 页。30页以下不收费，31—100页的部分\n"
"                 每页10元，101—200页的部分每页20元，201页以上的部分每页\n"
"                 40元（N 为 1 到 100000）\n"
"\n"
"示例：\n"
"  gongkai fee --per-item 35      # 第35件：200 元\n"
"  gongkai fee --pages 250        # 700 + 2000 + 2000 = 4700 元\n";

/* A decimal integer, optionally signed, nothing else: 0 and *out; 1 when
 * it is one but beyond int; -1 when it is not one. */
static int parse_int(const char *s, int *out)
{
	const char *p = s;
	long long v;

	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	v = strtoll(s, NULL, 10);	/* clamped to LLONG_MIN/MAX */
	if (v > INT_MAX || v < INT_MIN)
		return 1;
	*out = (int)v;
	return 0;
}

static int fee_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "per-item", 1 }, { "pages", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct fee_calc c;
	struct args a;
	char why[200];
	const char *text;
	int n, rc = EXIT_USAGE;

	(void)cli;
	(void)s;
	if (args_parse(argc - 1, argv + 1, o, N, &a, why, sizeof(why))) {
		args_release(o, N, &a);
		return cli_usage(&cmd_fee, "%s", why);
	}
	if (a.npos) {
		cli_usage(&cmd_fee, "多余的参数「%s」", a.pos[0]);
		goto out;
	}
	if (o[0].value && o[1].value) {
		cli_usage(&cmd_fee, "--per-item 和 --pages 只能选一个：同一申请只能"
			  "按件或按量一种方式计收（国办函〔2020〕109号第三条）");
		goto out;
	}
	if (!o[0].value && !o[1].value) {
		cli_usage(&cmd_fee, "需要 --per-item N（按件计收）或 --pages N"
			  "（按量计收）");
		goto out;
	}
	text = o[0].value ? o[0].value : o[1].value;
	switch (parse_int(text, &n)) {
	case -1:
		cli_usage(&cmd_fee, "%s 的值「%s」不是整数", o[0].value
			  ? "--per-item" : "--pages", text);
		goto out;
	case 1:
		cli_usage(&cmd_fee, "%s 的值「%s」太大，应为 1 到 %d 之间的整数",
			  o[0].value ? "--per-item" : "--pages", text,
			  o[0].value ? FEE_ITEMS_MAX : FEE_PAGES_MAX);
		goto out;
	}
	if (o[0].value ? fee_per_item(n, &c) : fee_by_pages(n, &c)) {
		cli_usage(&cmd_fee, "%s", c.why);
		goto out;
	}
	for (size_t i = 0; i < c.nsteps; i++)
		printf("%s\n", c.steps[i]);
	rc = EXIT_OK;
out:
	args_release(o, N, &a);
	return rc;
}

const struct cli_command cmd_fee = {
	"fee", fee_run, CLI_NO_STORE,
	"信息处理费：按件或按量计算，逐步列出计算过程", fee_usage,
};
