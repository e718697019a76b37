/* cmd-serve.c: gongkai serve — the public column (专栏) over HTTP */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "../http/server.h"

static const char serve_usage[] =
"用法：gongkai [--db 文件] serve [选项]\n"
"\n"
"  --listen 地址:端口    默认 127.0.0.1:8080（[::1]:8080 这样写 IPv6）\n"
"  --threads N           事件循环线程数，默认为 CPU 核数\n"
"  --home 代码           首页显示的行政区划，默认为有已发布目录的最上级\n"
"  --base-url URL        订阅和站点地图中的绝对地址，默认 http://监听地址\n"
"  --static 目录         静态文件目录，默认为程序旁的 web/static\n"
"  --access-log 文件     访问日志，- 为标准错误（默认），none 为不记录\n"
"  --cache-mb N          每个线程缓存页面的内存上限，默认 64\n"
"  --idle-timeout 秒     空闲连接超时，默认 30\n"
"\n"
"按 Ctrl+C 或发送 SIGTERM 停止：不再接受新连接，处理完进行中的请求后退出。\n";

/* web/static beside the executable (or two levels up, for the test
 * build in build/asan/), else ./web/static */
static const char *default_static(char *out, size_t n)
{
	static const char *const up[] = { "", "/../.." };
	char exe[PATH_MAX];
	ssize_t k = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (k > 0) {
		exe[k] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			for (size_t i = 0; i < 2; i++) {
				snprintf(out, n, "%s%s/web/static", exe, up[i]);
				if (access(out, R_OK) == 0)
					return out;
			}
		}
	}
	snprintf(out, n, "web/static");
	return out;
}

static int parse_listen(const char *s, char *host, size_t hn, int *port)
{
	const char *colon = strrchr(s, ':');
	char *end;
	long p;

	if (!colon || colon == s)
		return -1;
	p = strtol(colon + 1, &end, 10);
	if (*end || p < 1 || p > 65535)
		return -1;
	if (s[0] == '[' && colon[-1] == ']')
		snprintf(host, hn, "%.*s", (int)(colon - s - 2), s + 1);
	else
		snprintf(host, hn, "%.*s", (int)(colon - s), s);
	*port = (int)p;
	return 0;
}

static int positive(const char *s, long max, long def, long *out)
{
	char *end;
	long v;

	if (!s) {
		*out = def;
		return 0;
	}
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > max)
		return -1;
	*out = v;
	return 0;
}

static int serve_run(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct arg_opt o[] = { { "listen", 1 }, { "threads", 1 }, { "home", 1 },
			       { "base-url", 1 }, { "static", 1 },
			       { "access-log", 1 }, { "cache-mb", 1 },
			       { "idle-timeout", 1 } };
	enum { N = sizeof(o) / sizeof(o[0]) };
	struct serve_opts so = { 0 };
	struct errors err = ERRORS_INIT;
	struct args a;
	char why[200], host[256], dir[PATH_MAX], base[400];
	long threads, cache_mb, idle;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int rc = EXIT_OK;

	(void)s;
	if (args_parse(argc - 1, argv + 1, o, N, &a, why, sizeof(why)))
		return cli_usage(&cmd_serve, "%s", why);
	if (a.npos) {
		rc = cli_usage(&cmd_serve, "多余的参数「%s」", a.pos[0]);
		goto out;
	}
	if (parse_listen(o[0].value ? o[0].value : "127.0.0.1:8080", host,
			 sizeof(host), &so.port)) {
		rc = cli_usage(&cmd_serve, "--listen 应为 地址:端口，例如 "
			       "127.0.0.1:8080");
		goto out;
	}
	if (positive(o[1].value, 256, ncpu > 0 ? ncpu : 2, &threads) ||
	    positive(o[6].value, 65536, 64, &cache_mb) ||
	    positive(o[7].value, 3600, 30, &idle)) {
		rc = cli_usage(&cmd_serve, "--threads、--cache-mb 和 --idle-timeout "
			       "须为正整数（线程不超过 256）");
		goto out;
	}
	if (o[2].value && args_id(o[2].value) == 0) {
		rc = cli_usage(&cmd_serve, "--home 应为行政区划代码");
		goto out;
	}
	so.db = cli->db;
	so.host = host;
	so.threads = (int)threads;
	so.home = o[2].value;
	if (o[3].value) {
		snprintf(base, sizeof(base), "%s", o[3].value);
		if (strncmp(base, "http://", 7) && strncmp(base, "https://", 8)) {
			rc = cli_usage(&cmd_serve, "--base-url 应以 http:// 或 "
				       "https:// 开头");
			goto out;
		}
		if (strlen(base) > 1 && base[strlen(base) - 1] == '/')
			base[strlen(base) - 1] = '\0';
	} else if (strchr(host, ':')) {
		snprintf(base, sizeof(base), "http://[%s]:%d", host, so.port);
	} else {
		snprintf(base, sizeof(base), "http://%s:%d", host, so.port);
	}
	so.base_url = base;
	so.static_dir = o[4].value ? o[4].value : default_static(dir, sizeof(dir));
	so.access_log = o[5].value ? (!strcmp(o[5].value, "none") ? NULL :
				      o[5].value) : "-";
	so.cache_bytes = (size_t)cache_mb << 20;
	so.max_body = 55u << 20;	/* attachments up to 50 MB */
	so.idle_seconds = (int)idle;
	if (server_run(&so, &err))
		rc = cli_fail(&err);
out:
	errors_release(&err);
	args_release(o, N, &a);
	return rc;
}

const struct cli_command cmd_serve = {
	"serve", serve_run, CLI_NO_STORE, "启动公开专栏网站（HTTP 服务）",
	serve_usage,
};
