/* linkcheck.c: checking web addresses with libcurl's multi interface, and
 * finding them in Markdown; see linkcheck.h. */
#include "linkcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#define GET_BODY_MAX (256 * 1024)	/* bytes of a GET body read, then cut */

struct job {
	struct link_check *lc;
	bool get;		/* the request under way is the GET retry */
	size_t body;		/* bytes of body read */
};

static size_t discard(char *data, size_t size, size_t n, void *arg)
{
	struct job *j = arg;

	(void)data;
	j->body += size * n;
	/* enough to know it answers: stop reading (CURLE_WRITE_ERROR) */
	return j->body > GET_BODY_MAX ? 0 : size * n;
}

static CURL *easy_for(struct job *j, const struct linkcheck_opts *o)
{
	CURL *e = curl_easy_init();

	if (!e)
		return NULL;
	curl_easy_setopt(e, CURLOPT_URL, j->lc->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)o->max_redirects);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(e, CURLOPT_USERAGENT,
			 "Mozilla/5.0 (compatible; gongkai-check/1.0)");
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
	if (j->get)
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	else
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
	return e;
}

/* HEAD "refused": an HTTP error, or a reply that was not (good) HTTP —
 * worth one GET.  Not after a timeout, a refused connection or an
 * unknown host: GET would fail the same way, only later. */
static bool retry_with_get(CURLcode rc, long status)
{
	if (rc == CURLE_OK)
		return status >= 400;
	return rc == CURLE_GOT_NOTHING || rc == CURLE_WEIRD_SERVER_REPLY ||
		rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR ||
		rc == CURLE_HTTP2 || rc == CURLE_PARTIAL_FILE;
}

static void status_text(char *out, size_t n, long st)
{
	if (st == 404)
		snprintf(out, n, "页面不存在（HTTP 404）");
	else if (st == 410)
		snprintf(out, n, "页面已删除（HTTP 410）");
	else if (st == 401)
		snprintf(out, n, "需要登录才能访问（HTTP 401）");
	else if (st == 403)
		snprintf(out, n, "禁止访问（HTTP 403）");
	else if (st == 429)
		snprintf(out, n, "请求过多，被服务器拒绝（HTTP 429）");
	else if (st >= 500)
		snprintf(out, n, "服务器出错（HTTP %ld）", st);
	else
		snprintf(out, n, "请求被拒绝（HTTP %ld）", st);
}

static void curl_text(char *out, size_t n, CURLcode rc, CURL *e,
		      const struct linkcheck_opts *o)
{
	curl_off_t connect_us = 0;

	switch (rc) {
	case CURLE_UNSUPPORTED_PROTOCOL:
		snprintf(out, n, "不支持的协议（只检查 http:// 和 https:// 地址）");
		break;
	case CURLE_URL_MALFORMAT:
		snprintf(out, n, "地址格式不正确");
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(out, n, "域名无法解析（查不到这个网站）");
		break;
	case CURLE_COULDNT_RESOLVE_PROXY:
		snprintf(out, n, "代理服务器的域名无法解析");
		break;
	case CURLE_COULDNT_CONNECT:
		snprintf(out, n, "无法连接服务器（连接被拒绝或网络不通）");
		break;
	case CURLE_OPERATION_TIMEDOUT:
		curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &connect_us);
		if (connect_us == 0)
			snprintf(out, n, "连接超时，%ld 秒内未能连上服务器",
				 (o->connect_timeout_ms < o->timeout_ms ?
				  o->connect_timeout_ms : o->timeout_ms) / 1000);
		else
			snprintf(out, n, "响应超时，%ld 秒内服务器没有答复完毕",
				 o->timeout_ms / 1000);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		snprintf(out, n, "重定向超过 %d 次", o->max_redirects);
		break;
	case CURLE_GOT_NOTHING:
		snprintf(out, n, "服务器没有返回任何内容");
		break;
	case CURLE_SSL_CONNECT_ERROR:
		snprintf(out, n, "HTTPS 连接失败（加密握手出错）");
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
		snprintf(out, n, "HTTPS 证书无效或与域名不符");
		break;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
		snprintf(out, n, "连接中断（收发数据失败）");
		break;
	case CURLE_WEIRD_SERVER_REPLY:
		snprintf(out, n, "服务器的答复不是有效的 HTTP");
		break;
	default:
		snprintf(out, n, "访问失败（curl 错误 %d：%s）", (int)rc,
			 curl_easy_strerror(rc));
		break;
	}
}

/* Record the outcome of the request 'e' made for j; true when j is done
 * (false: retry with GET). */
static bool conclude(struct job *j, CURL *e, CURLcode rc,
		     const struct linkcheck_opts *o)
{
	struct link_check *lc = j->lc;
	long status = 0;
	curl_off_t us = 0;

	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &us);
	lc->seconds += (double)us / 1e6;
	lc->status = (int)status;
	lc->curl_code = (int)rc;
	lc->method = j->get ? "GET" : "HEAD";
	/* a GET cut short on purpose still answered */
	if (j->get && rc == CURLE_WRITE_ERROR && j->body > GET_BODY_MAX)
		rc = CURLE_OK, lc->curl_code = 0;
	if (!j->get && retry_with_get(rc, status))
		return false;
	if (rc == CURLE_OK && status > 0 && status < 400) {
		lc->ok = true;
		lc->error[0] = '\0';
	} else if (rc == CURLE_OK) {
		status_text(lc->error, sizeof(lc->error), status);
	} else {
		curl_text(lc->error, sizeof(lc->error), rc, e, o);
	}
	return true;
}

bool linkcheck_is_web_url(const char *url)
{
	size_t len, skip;
	const char *host;

	if (!url)
		return false;
	len = strlen(url);
	if (len > LINKCHECK_URL_MAX)
		return false;
	if (!strncasecmp(url, "http://", 7))
		skip = 7;
	else if (!strncasecmp(url, "https://", 8))
		skip = 8;
	else
		return false;
	host = url + skip;
	if (!*host || *host == '/' || *host == '?' || *host == '#' ||
	    *host == ':' || *host == '@')
		return false;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

int linkcheck_run(struct link_check *v, size_t n,
		  const struct linkcheck_opts *given)
{
	struct linkcheck_opts o = { 0 };
	struct job *jobs;
	CURLM *m;
	size_t next = 0, done = 0;
	int active = 0, bad = 0;

	if (given)
		o = *given;
	if (o.concurrency <= 0)
		o.concurrency = 8;
	if (o.connect_timeout_ms <= 0)
		o.connect_timeout_ms = 5000;
	if (o.timeout_ms <= 0)
		o.timeout_ms = 10000;
	if (o.max_redirects <= 0)
		o.max_redirects = 3;
	for (size_t i = 0; i < n; i++) {
		v[i].ok = false;
		v[i].status = 0;
		v[i].curl_code = 0;
		v[i].method = "HEAD";
		v[i].seconds = 0;
		v[i].error[0] = '\0';
	}
	if (!n)
		return 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    !(m = curl_multi_init())) {
		for (size_t i = 0; i < n; i++)
			snprintf(v[i].error, sizeof(v[i].error),
				 "无法启动链接检查（libcurl 初始化失败）");
		return -1;
	}
	jobs = calloc(n, sizeof(*jobs));
	if (!jobs)
		abort();
	while (done < n) {
		int running = 0;
		CURLMsg *msg;
		int left;

		/* keep up to 'concurrency' requests under way */
		while (active < o.concurrency && next < n) {
			struct job *j = &jobs[next];
			CURL *e;

			j->lc = &v[next++];
			if (!linkcheck_is_web_url(j->lc->url)) {
				snprintf(j->lc->error, sizeof(j->lc->error),
					 "地址格式不正确（应为 http:// 或 https:// 开头的完整网址）");
				bad++;
				done++;
				if (o.progress)
					o.progress(o.arg, done, n);
				continue;
			}
			if (!(e = easy_for(j, &o)) ||
			    curl_multi_add_handle(m, e) != CURLM_OK) {
				snprintf(j->lc->error, sizeof(j->lc->error),
					 "无法发起请求（libcurl）");
				if (e)
					curl_easy_cleanup(e);
				bad++;
				done++;
				if (o.progress)
					o.progress(o.arg, done, n);
				continue;
			}
			active++;
		}
		if (!active)
			continue;
		curl_multi_perform(m, &running);
		while ((msg = curl_multi_info_read(m, &left))) {
			struct job *j = NULL;
			CURL *e = msg->easy_handle;
			CURLcode rc = msg->data.result;
			CURL *again;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&j);
			curl_multi_remove_handle(m, e);
			if (!conclude(j, e, rc, &o)) {
				curl_easy_cleanup(e);
				j->get = true;
				j->body = 0;
				if ((again = easy_for(j, &o)) &&
				    curl_multi_add_handle(m, again) == CURLM_OK)
					continue;	/* still active */
				if (again)
					curl_easy_cleanup(again);
				snprintf(j->lc->error, sizeof(j->lc->error),
					 "无法发起请求（libcurl）");
			} else {
				curl_easy_cleanup(e);
			}
			active--;
			done++;
			if (!j->lc->ok)
				bad++;
			if (o.progress)
				o.progress(o.arg, done, n);
		}
		if (active)
			curl_multi_poll(m, NULL, 0, 200, NULL);
	}
	free(jobs);
	curl_multi_cleanup(m);
	curl_global_cleanup();
	return bad;
}

/* --- addresses in Markdown --- */

static bool ends_url(unsigned char c)
{
	return c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"' ||
		c == '\'' || c == '`' || c == ']';
}

size_t linkcheck_extract(const char *s,
			 void (*found)(void *arg, const char *url, size_t len),
			 void *arg)
{
	size_t count = 0;
	const char *p = s;

	while (p && *p) {
		const char *start = NULL, *q;
		char *url;
		int depth = 0;
		size_t len;

		/* the next "http://" or "https://", either case */
		for (; *p; p++)
			if ((*p == 'h' || *p == 'H') &&
			    (!strncasecmp(p, "http://", 7) ||
			     !strncasecmp(p, "https://", 8))) {
				start = p;
				break;
			}
		if (!start)
			break;
		for (q = start; *q && !ends_url((unsigned char)*q); q++) {
			if (*q == '(')
				depth++;
			else if (*q == ')' && depth-- == 0)
				break;
		}
		len = (size_t)(q - start);
		while (len && strchr(".,;:!?", start[len - 1]))
			len--;
		p = q;
		if (len > LINKCHECK_URL_MAX)
			continue;
		url = malloc(len + 1);
		if (!url)
			abort();
		memcpy(url, start, len);
		url[len] = '\0';
		if (linkcheck_is_web_url(url)) {
			found(arg, start, len);
			count++;
		}
		free(url);
		if (!*p)
			break;
		if (q == start)
			p++;
	}
	return count;
}
