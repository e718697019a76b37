/* cmd-init.c: gongkai init — create the database or bring it up to date,
 * and load the built-in reference data (the 26 domains). */
#include <stdio.h>

#include "cli.h"
#include "../domain/refdata.h"

static int init_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct errors err = ERRORS_INIT;
	int before = store_schema_version(s), n, rc = EXIT_OK;

	(void)argv;
	if (argc > 1)
		return cli_usage(&cmd_init, "init 不接受参数");
	if (store_migrate(s, &err) != STORE_OK ||
	    (n = refdata_load_domains(s, &err)) < 0) {
		rc = cli_fail(&err);
	} else if (before == 0) {
		printf("已创建数据库 %s（结构版本 %d），载入 %d 个领域\n", cli->db,
		       store_schema_version(s), n);
	} else if (before < store_schema_version(s)) {
		printf("已将数据库 %s 从结构版本 %d 升级到 %d\n", cli->db, before,
		       store_schema_version(s));
	} else {
		printf("数据库 %s 已是最新（结构版本 %d）\n", cli->db, before);
	}
	errors_release(&err);
	return rc;
}

const struct cli_command cmd_init = {
	"init", init_run, CLI_STORE_CREATE, "创建或升级数据库",
	"用法：gongkai [--db 文件] init\n\n"
	"创建数据库文件（不存在时），按顺序执行尚未执行的结构升级，并载入内置的\n"
	"26 个领域。数据库比本程序新时拒绝执行。可以重复运行。\n",
};
