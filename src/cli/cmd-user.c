/* cmd-user.c: gongkai user — accounts of the back office (the 系统管理员's
 * work, done on the server's command line), and a unit's workflow steps */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "../domain/account.h"
#include "../domain/workflow.h"
#include "../util/buf.h"

static const char user_usage[] =
"用法：gongkai user 子命令\n"
"\n"
"  add 用户名 --name 姓名 --roles 角色[,角色] [--unit 单位编号] [--password-file 文件]\n"
"        角色：系统管理员 安全管理员 审计员（三员分立，不属于单位）、\n"
"              政务公开办管理员 信息员 审核人 签发人（须属于单位）\n"
"        密码从 --password-file 读取（第一行），否则从环境变量\n"
"        GONGKAI_PASSWORD 读取；至少 10 位，含大写、小写、数字、其他字符中的\n"
"        三类；首次登录须修改\n"
"  passwd 用户名 [--password-file 文件]   重置密码（下次登录须修改）\n"
"  disable 用户名 | enable 用户名\n"
"  unlock user:用户名 | addr:地址         解除登录锁定\n"
"  list [--unit 单位编号] [--json]\n"
"  workflow 单位编号 --steps review,sign,approve [--index-rule 规则]\n"
"        设置单位的发布流程（可省略步骤）和索引号规则，\n"
"        规则如 {unit}/{year}-{serial5}\n";

/* The password from a file's first line, else $GONGKAI_PASSWORD. */
static const char *read_password(const char *file, char *buf, size_t n,
				 struct errors *err)
{
	FILE *fp;
	const char *env;

	if (file) {
		fp = fopen(file, "r");
		if (!fp || !fgets(buf, (int)n, fp)) {
			errors_addf(err, "无法从 %s 读取密码", file);
			if (fp)
				fclose(fp);
			return NULL;
		}
		fclose(fp);
		buf[strcspn(buf, "\r\n")] = '\0';
		return buf;
	}
	env = getenv("GONGKAI_PASSWORD");
	if (!env || !*env) {
		errors_addf(err, "请用 --password-file 或环境变量 GONGKAI_PASSWORD "
			    "给出密码（不在命令行上写密码，以免留在历史记录里）");
		return NULL;
	}
	snprintf(buf, n, "%s", env);
	return buf;
}

static int user_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "name", 1 }, { "roles", 1 }, { "unit", 1 },
			       { "password-file", 1 }, { "json", 0 },
			       { "steps", 1 }, { "index-rule", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct errors err = ERRORS_INIT;
	struct arena ar = ARENA_INIT;
	struct actor who;
	struct args a;
	struct user u;
	char why[200], pw[256];
	int rc = EXIT_OK;

	actor_cli(cli->actor, &who);
	if (argc < 2)
		return cli_usage(&cmd_user, "缺少子命令");
	if (args_parse(argc - 2, argv + 2, o, N, &a, why, sizeof(why)))
		return cli_usage(&cmd_user, "%s", why);
	if (!strcmp(argv[1], "add")) {
		unsigned roles;
		long long unit = o[2].value ? args_id(o[2].value) : 0;
		const char *password;
		int64_t id;

		if (a.npos != 1 || !o[0].value || !o[1].value) {
			rc = cli_usage(&cmd_user, "add 需要用户名、--name 和 --roles");
			goto out;
		}
		if (o[2].value && !unit) {
			rc = cli_usage(&cmd_user, "--unit 应为单位编号（gongkai unit list）");
			goto out;
		}
		if (roles_parse(o[1].value, &roles, &err) ||
		    !(password = read_password(o[3].value, pw, sizeof(pw), &err))) {
			rc = cli_fail(&err);
			goto out;
		}
		id = account_add(s, &who, a.pos[0], o[0].value, unit, roles,
				 password, &err);
		if (!id) {
			rc = cli_fail(&err);
			goto out;
		}
		printf("已添加用户 %s（编号 %lld），首次登录须修改密码\n", a.pos[0],
		       (long long)id);
	} else if (!strcmp(argv[1], "passwd") || !strcmp(argv[1], "disable") ||
		   !strcmp(argv[1], "enable")) {
		if (a.npos != 1) {
			rc = cli_usage(&cmd_user, "%s 需要用户名", argv[1]);
			goto out;
		}
		if (store_user_by_name(s, a.pos[0], &ar, &u) != STORE_OK) {
			errors_addf(&err, "没有用户 %s", a.pos[0]);
			rc = cli_fail(&err);
			goto out;
		}
		if (!strcmp(argv[1], "passwd")) {
			const char *password = read_password(o[3].value, pw,
							     sizeof(pw), &err);
			if (!password || account_set_password(s, &who, u.id, NULL,
							      password, &err)) {
				rc = cli_fail(&err);
				goto out;
			}
			printf("已重置 %s 的密码，下次登录须修改\n", u.username);
		} else {
			bool off = !strcmp(argv[1], "disable");

			if (account_set_disabled(s, &who, u.id, off, &err)) {
				rc = cli_fail(&err);
				goto out;
			}
			printf("已%s用户 %s\n", off ? "停用" : "启用", u.username);
		}
	} else if (!strcmp(argv[1], "unlock")) {
		if (a.npos != 1 || account_unlock(s, &who, a.pos[0], &err)) {
			rc = a.npos != 1 ? cli_usage(&cmd_user, "unlock 需要锁定对象") :
				cli_fail(&err);
			goto out;
		}
		printf("已解除 %s 的锁定\n", a.pos[0]);
	} else if (!strcmp(argv[1], "list")) {
		struct user *v;
		size_t n;
		long long unit = o[2].value ? args_id(o[2].value) : 0;

		store_user_list(s, unit, &ar, &v, &n);
		if (o[4].value) {
			printf("{\"users\":[");
			for (size_t i = 0; i < n; i++) {
				struct buf r = BUF_INIT;

				roles_format(&r, v[i].roles);
				printf("%s{\"id\":%lld,\"username\":\"%s\",\"unit_id\":%lld,"
				       "\"roles\":%u,\"roles_label\":\"%s\","
				       "\"disabled\":%s,\"must_change\":%s}",
				       i ? "," : "", (long long)v[i].id, v[i].username,
				       (long long)v[i].unit_id, v[i].roles, r.buf,
				       v[i].disabled ? "true" : "false",
				       v[i].must_change ? "true" : "false");
				buf_release(&r);
			}
			printf("],\"total\":%zu}\n", n);
		} else {
			for (size_t i = 0; i < n; i++) {
				struct buf r = BUF_INIT;

				roles_format(&r, v[i].roles);
				printf("%-5lld %-16s %-10s %-24s %s%s\n",
				       (long long)v[i].id, v[i].username,
				       v[i].display_name, v[i].unit_name, r.buf,
				       v[i].disabled ? "（已停用）" : "");
				buf_release(&r);
			}
			printf("共 %zu 个用户\n", n);
		}
	} else if (!strcmp(argv[1], "workflow")) {
		long long unit = a.npos == 1 ? args_id(a.pos[0]) : 0;

		if (!unit || !o[5].value) {
			rc = cli_usage(&cmd_user, "workflow 需要单位编号和 --steps");
			goto out;
		}
		if (workflow_set_unit(s, &who, unit, o[5].value, o[6].value, &err)) {
			rc = cli_fail(&err);
			goto out;
		}
		printf("已设置单位 %lld 的发布流程\n", unit);
	} else {
		rc = cli_usage(&cmd_user, "没有子命令「%s」", argv[1]);
	}
out:
	explicit_bzero(pw, sizeof(pw));
	errors_release(&err);
	arena_release(&ar);
	args_release(o, N, &a);
	return rc;
}

const struct cli_command cmd_user = {
	"user", user_run, CLI_STORE_RW, "后台账号：添加、重置密码、停用、解锁、列出",
	user_usage,
};
