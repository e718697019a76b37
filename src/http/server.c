/* server.c: the HTTP server (gongkai serve) on h2o — the only file that
 * includes h2o.h
 *
 * One event loop per thread, each with its own listening socket on the same
 * address (SO_REUSEPORT: the kernel spreads connections), its own read-only
 * database connection and its own response cache, so threads share nothing
 * and take no locks of ours (SQLite keeps its own shared-memory lock per
 * database file).  A request is validated here (method, path, query,
 * header size), looked up in the cache, otherwise routed (route.c) to a
 * handler in ui/ or api/ whose response is cached when it may be.  Every
 * response carries an ETag (If-None-Match answers 304) and security headers;
 * HEAD gets the headers only.  The cache is dropped whenever the thread's
 * connection sees another connection's commit (PRAGMA data_version), read
 * at the first request of each event-loop pass, so a page requested after
 * a write has finished never shows the data from before it.  SIGTERM and
 * SIGINT stop accepting, let open requests finish (up to 5 s) and exit.
 */
#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <h2o.h>
#include <libxml/parser.h>

#include <sodium.h>

#include "cache.h"
#include "multipart.h"
#include "route.h"
#include "static.h"
#include "../api/api.h"
#include "../domain/account.h"
#include "../domain/workflow.h"
#include "../ui/html.h"
#include "../store/store.h"
#include "../ui/layout.h"
#include "../ui/pages.h"
#include "../util/arena.h"
#include "../util/timeutil.h"
#include "../util/xalloc.h"

#define MAX_HEADER_BYTES (16 * 1024)
#define MAX_PATH_BYTES 4096
#define SHUTDOWN_GRACE_MS 5000

struct server;

struct worker {
	struct server *srv;
	int index;
	pthread_t thread;
	h2o_context_t ctx;
	h2o_accept_ctx_t accept_ctx;
	h2o_socket_t *listener;
	int listen_fd;
	struct store *store;	/* read-only: the public column */
	struct store *wstore;	/* read-write: the back office, sessions */
	struct http_cache *cache;
	int64_t data_version;
	int inflight;		/* responses not yet fully sent */
	bool disposed;		/* h2o context torn down at exit */
	time_t next_publish;	/* scheduled publishing (thread 0) */
	struct buf log;		/* access-log lines not yet written */
	time_t log_flushed;
	time_t log_sec;		/* the second log_when shows */
	char log_when[32];
	unsigned long batch;	/* event-loop passes */
	unsigned long checked_batch;	/* the pass data_version was read in */
};

/* The handler h2o calls, with a pointer back to its server. */
struct gk_handler {
	h2o_handler_t super;
	struct server *srv;
};

struct server {
	struct serve_opts opt;
	h2o_globalconf_t config;
	struct static_files statics;
	struct site_config site;
	struct worker *workers;
	int log_fd;		/* -1: no access log */
};

static atomic_int stopping;
static struct worker *all_workers;	/* reachable until exit, see worker_main */
static __thread struct worker *this_worker;

static const char security_csp[] =
	"default-src 'self'; img-src 'self' data:; style-src 'self'; "
	"script-src 'self'; object-src 'none'; base-uri 'none'; "
	"form-action 'self'; frame-ancestors 'self'";

/* --- access log --- */

static void log_flush(struct worker *w)
{
	if (w->srv->log_fd >= 0 && w->log.len) {
		ssize_t k = write(w->srv->log_fd, w->log.buf, w->log.len);
		(void)k;	/* a full disk must not stop the site */
	}
	buf_reset(&w->log);
	w->log_flushed = time(NULL);
}

static void log_request(struct worker *w, h2o_req_t *req, int status,
			size_t bytes, const char *how)
{
	struct sockaddr_storage sa;
	char host[INET6_ADDRSTRLEN] = "-";
	struct timeval now;
	long us;
	int n;

	if (w->srv->log_fd < 0)
		return;
	if (req->conn->callbacks->get_peername(req->conn, (struct sockaddr *)&sa)) {
		if (sa.ss_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)&sa)->sin_addr,
				  host, sizeof(host));
		else if (sa.ss_family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&sa)->sin6_addr,
				  host, sizeof(host));
	}
	gettimeofday(&now, NULL);
	if (now.tv_sec != w->log_sec) {	/* the time text, once a second */
		struct tm tm;

		gmtime_r(&now.tv_sec, &tm);
		strftime(w->log_when, sizeof(w->log_when), "%Y-%m-%dT%H:%M:%SZ",
			 &tm);
		w->log_sec = now.tv_sec;
	}
	us = (now.tv_sec - req->timestamps.request_begin_at.tv_sec) * 1000000L +
		(now.tv_usec - req->timestamps.request_begin_at.tv_usec);
	/* one formatting pass into room made beforehand: the path is cut at
	 * 512 bytes, so a line is far below 1 KB */
	buf_grow(&w->log, 1024);
	n = snprintf(w->log.buf + w->log.len, w->log.alloc - w->log.len,
		     "%s %s %.*s %.*s %d %zu %ldus %s\n", w->log_when, host,
		     (int)(req->method.len > 16 ? 16 : req->method.len),
		     req->method.base,
		     (int)(req->path.len > 512 ? 512 : req->path.len),
		     req->path.base, status, bytes, us, how);
	if (n > 0 && (size_t)n < w->log.alloc - w->log.len)
		buf_setlen(&w->log, w->log.len + (size_t)n);
	if (w->log.len > 16384)
		log_flush(w);
}

/* --- sending --- */

struct held {
	struct http_cached *entry;
};

static void release_held(void *p)
{
	cache_release(((struct held *)p)->entry);
	this_worker->inflight--;
}

static void add_header(h2o_req_t *req, const h2o_token_t *token,
		       const char *value)
{
	if (value)
		h2o_add_header(&req->pool, &req->res.headers, token, NULL, value,
			       strlen(value));
}

static void add_header_by_name(h2o_req_t *req, const char *name,
			       const char *value)
{
	h2o_add_header_by_str(&req->pool, &req->res.headers, name, strlen(name),
			      0, NULL, value, strlen(value));
}

static const char *reason_of(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "OK";
	}
}

/* True when the request's If-None-Match names 'etag'. */
static bool etag_matches(h2o_req_t *req, const char *etag)
{
	ssize_t i = h2o_find_header(&req->headers, H2O_TOKEN_IF_NONE_MATCH, -1);
	size_t elen = strlen(etag);

	if (i < 0)
		return false;
	{
		h2o_iovec_t v = req->headers.entries[i].value;

		if (v.len == 1 && v.base[0] == '*')
			return true;
		for (size_t k = 0; k + elen <= v.len; k++)
			if (!memcmp(v.base + k, etag, elen))
				return true;
		/* weak comparison: W/"..." */
	}
	return false;
}

/* Send entry 'e' (the caller's reference passes to the request). */
static void send_entry(struct worker *w, h2o_req_t *req, struct http_cached *e,
		       const char *set_cookie, const char *how)
{
	static h2o_generator_t generator = { NULL, NULL };
	struct held *h = h2o_mem_alloc_shared(&req->pool, sizeof(*h),
					      release_held);
	bool head = h2o_memis(req->method.base, req->method.len,
			      H2O_STRLIT("HEAD"));
	bool not_modified = e->status == 200 && etag_matches(req, e->etag);
	h2o_iovec_t body = h2o_iovec_init(e->body, e->len);

	h->entry = e;
	w->inflight++;
	req->res.status = not_modified ? 304 : e->status;
	req->res.reason = reason_of(req->res.status);
	add_header(req, H2O_TOKEN_CONTENT_TYPE, e->content_type);
	add_header(req, H2O_TOKEN_ETAG, e->etag);
	add_header(req, H2O_TOKEN_CACHE_CONTROL, e->cache_control);
	add_header(req, H2O_TOKEN_LOCATION, e->location);
	add_header(req, H2O_TOKEN_CONTENT_DISPOSITION, e->disposition);
	add_header(req, H2O_TOKEN_SET_COOKIE, set_cookie);
	add_header(req, H2O_TOKEN_VARY, "Cookie");
	add_header_by_name(req, "x-content-type-options", "nosniff");
	add_header_by_name(req, "x-frame-options", "SAMEORIGIN");
	add_header_by_name(req, "referrer-policy", "same-origin");
	add_header_by_name(req, "content-security-policy", security_csp);
	log_request(w, req, req->res.status, not_modified ? 0 : e->len, how);
	if (not_modified || head) {
		if (head && !not_modified)
			req->res.content_length = e->len;
		body.len = 0;
	} else {
		req->res.content_length = e->len;
	}
	h2o_start_response(req, &generator);
	h2o_send(req, &body, body.len ? 1 : 0, H2O_SEND_STATE_FINAL);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Turn a handler's response into a (cacheable) entry. */
static struct http_cached *entry_from(struct http_response *rs)
{
	struct http_cached *e = xcalloc(1, sizeof(*e));
	char etag[40];

	e->refs = 1;
	e->status = rs->status;
	e->content_type = xstrdup(rs->content_type ? rs->content_type :
				  "text/html; charset=utf-8");
	snprintf(etag, sizeof(etag), "\"%016llx\"", (unsigned long long)
		 cache_hash(rs->body.buf, rs->body.len, (uint64_t)rs->status));
	e->etag = xstrdup(etag);
	e->disposition = dup_or_null(rs->disposition);
	e->location = dup_or_null(rs->location);
	e->cache_control = xstrdup(rs->cache_control ? rs->cache_control :
				   "no-cache");
	e->len = rs->body.len;
	e->body = buf_detach(&rs->body, NULL);
	return e;
}

/* --- requests --- */

static bool cookie_has(h2o_req_t *req, const char *pair)
{
	ssize_t i = -1;
	size_t plen = strlen(pair);

	while ((i = h2o_find_header(&req->headers, H2O_TOKEN_COOKIE, i)) >= 0) {
		h2o_iovec_t v = req->headers.entries[i].value;

		for (size_t k = 0; k + plen <= v.len; k++)
			if (!memcmp(v.base + k, pair, plen) &&
			    (k == 0 || v.base[k - 1] == ' ' || v.base[k - 1] == ';') &&
			    (k + plen == v.len || v.base[k + plen] == ';'))
				return true;
	}
	return false;
}

static size_t header_bytes(h2o_req_t *req)
{
	size_t n = 0;

	for (size_t i = 0; i < req->headers.size; i++)
		n += req->headers.entries[i].name->len +
			req->headers.entries[i].value.len + 4;
	return n;
}

/* An answer made here, not by a handler (errors before routing). */
static void send_plain_error(struct worker *w, h2o_req_t *req,
			     struct http_request *rq, int status,
			     const char *title, const char *detail, bool api)
{
	struct http_response rs = { 0 };

	buf_init(&rs.body);
	if (api)
		api_error(&rs, status, detail);
	else if (rq)
		layout_error(rq, &rs, status, title, detail);
	else {
		buf_addf(&rs.body, "%s：%s\n", title, detail);
		rs.content_type = "text/plain; charset=utf-8";
	}
	rs.status = status;
	rs.cache_control = "no-store";
	send_entry(w, req, entry_from(&rs), NULL, "error");
	buf_release(&rs.body);
}

static int serve_static(struct worker *w, h2o_req_t *req, const char *path,
			size_t len, bool versioned)
{
	const struct static_file *f = static_find(&w->srv->statics, path, len);
	struct http_cached *e;

	if (!f)
		return -1;
	/* static entries are rebuilt per request from the loaded bytes: the
	 * body is copied into the pool, the files are small */
	e = xcalloc(1, sizeof(*e));
	e->refs = 1;
	e->status = 200;
	e->content_type = xstrdup(f->mime);
	e->etag = xstrdup(f->etag);
	e->cache_control = xstrdup(versioned ?
				   "public, max-age=31536000, immutable" :
				   "public, max-age=3600");
	e->len = f->len;
	e->body = xmalloc(f->len ? f->len : 1);
	memcpy(e->body, f->data, f->len);
	send_entry(w, req, e, NULL, "static");
	return 0;
}

static enum http_method method_of(h2o_req_t *req)
{
	static const struct { const char *name; enum http_method m; } v[] = {
		{ "GET", HTTP_GET }, { "HEAD", HTTP_HEAD }, { "POST", HTTP_POST },
		{ "PUT", HTTP_PUT }, { "PATCH", HTTP_PATCH },
		{ "DELETE", HTTP_DELETE },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (req->method.len == strlen(v[i].name) &&
		    !memcmp(req->method.base, v[i].name, req->method.len))
			return v[i].m;
	return 0;
}

/* The value of cookie 'name', or NULL. */
static const char *cookie_value(h2o_req_t *req, const char *name,
				struct arena *a)
{
	ssize_t i = -1;
	size_t nlen = strlen(name);

	while ((i = h2o_find_header(&req->headers, H2O_TOKEN_COOKIE, i)) >= 0) {
		h2o_iovec_t v = req->headers.entries[i].value;

		for (size_t k = 0; k + nlen + 1 <= v.len; k++)
			if ((k == 0 || v.base[k - 1] == ' ' || v.base[k - 1] == ';') &&
			    !memcmp(v.base + k, name, nlen) && v.base[k + nlen] == '=') {
				size_t start = k + nlen + 1, end = start;

				while (end < v.len && v.base[end] != ';')
					end++;
				return arena_strndup(a, v.base + start, end - start);
			}
	}
	return NULL;
}

static const char *header_value(h2o_req_t *req, const char *name,
				struct arena *a)
{
	ssize_t i = h2o_find_header_by_str(&req->headers, name, strlen(name), -1);

	if (i < 0)
		return NULL;
	return arena_strndup(a, req->headers.entries[i].value.base,
			     req->headers.entries[i].value.len);
}

static const char *peer_address(h2o_req_t *req, struct arena *a)
{
	struct sockaddr_storage sa;
	char host[INET6_ADDRSTRLEN] = "unknown";

	if (req->conn->callbacks->get_peername(req->conn, (struct sockaddr *)&sa)) {
		if (sa.ss_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)&sa)->sin_addr,
				  host, sizeof(host));
		else if (sa.ss_family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&sa)->sin6_addr,
				  host, sizeof(host));
	}
	return arena_strdup(a, host);
}

/* Paths whose answers are never cached (and never looked up there). */
static bool private_path(const char *path, size_t len)
{
	return (len >= 6 && !memcmp(path, "/admin", 6)) ||
		(len >= 15 && !memcmp(path, "/api/v1/session", 15)) ||
		(len >= 13 && !memcmp(path, "/api/v1/admin", 13));
}

/* Parse a form body (url-encoded or multipart) into rq; -1 with *why. */
static int read_form(struct http_request *rq, const char **why)
{
	if (!rq->body)
		return 0;
	if (!strncmp(rq->content_type, "application/x-www-form-urlencoded", 33))
		return query_parse_form(rq->body, rq->body_len, rq->arena,
					&rq->form, why);
	if (!strncmp(rq->content_type, "multipart/form-data", 19))
		return multipart_parse(rq->body, rq->body_len, rq->content_type,
				       rq->arena, &rq->parts, &rq->nparts,
				       &rq->form, why);
	return 0;		/* JSON and others: the handler reads them */
}

/* Sign-in state and the CSRF check for the back office and the write API.
 * Returns 0 to go on to the handler, else the response is filled. */
static int guard(struct worker *w, const struct route *route,
		 struct http_request *rq, struct http_response *rs)
{
	struct user *u = arena_alloc(rq->arena, sizeof(*u));
	struct session *se = arena_alloc(rq->arena, sizeof(*se));
	const char *token;
	bool unsafe = rq->method & (HTTP_POST | HTTP_PUT | HTTP_PATCH |
				    HTTP_DELETE);

	if (!w->wstore) {
		if (route->api)
			api_error(rs, 503, "后台暂不可用：数据库无法写入");
		else
			layout_error(rq, rs, 503, "后台暂不可用",
				     "数据库无法写入，请联系系统管理员。");
		return -1;
	}
	if (rq->session_token &&
	    account_session(w->wstore, rq->session_token, rq->arena, u, se) == 0) {
		struct actor *who = arena_alloc(rq->arena, sizeof(*who));

		actor_from_user(u, rq->client, who);
		rq->user = u;
		rq->session = se;
		rq->actor = who;
	}
	if (route->kind == ROUTE_SIGNIN)
		return 0;
	if (!rq->user) {
		if (route->api) {
			api_error(rs, 401, "请先登录（POST /api/v1/session），"
				  "会话空闲 30 分钟后失效");
		} else {
			struct buf next = BUF_INIT;

			buf_adds(&next, "/admin/login?next=");
			url_esc(&next, rq->path);
			rs->status = 303;
			rs->location = arena_strdup(rq->arena, next.buf);
			buf_release(&next);
		}
		return -1;
	}
	if (unsafe) {
		token = query_get(&rq->form, "csrf");
		if (!token)
			token = rq->header_csrf;
		if (!token || strlen(token) != strlen(rq->session->csrf) ||
		    sodium_memcmp(token, rq->session->csrf, strlen(token)) != 0) {
			if (route->api)
				api_error(rs, 403, "缺少或错误的安全令牌：写操作须带 "
					  "X-CSRF-Token 请求头（登录时返回的 csrf_token）");
			else
				layout_error(rq, rs, 403, "请求已过期",
					     "页面的安全令牌（CSRF）不对或已过期，"
					     "请返回刷新页面后再提交。");
			return -1;
		}
	}
	if (rq->user->must_change && !route->api &&
	    strcmp(rq->path, "/admin/password") && strcmp(rq->path, "/admin/logout")) {
		rs->status = 303;
		rs->location = "/admin/password";
		return -1;
	}
	return 0;
}

static int on_req(h2o_handler_t *self, h2o_req_t *req)
{
	struct server *srv = ((struct gk_handler *)self)->srv;
	struct worker *w = this_worker;
	struct arena arena = ARENA_INIT;
	struct http_request rq = { 0 };
	struct http_response rs = { 0 };
	const struct route *route = NULL;
	struct http_cached *e = NULL;
	size_t path_len, key_len;
	char *path, *key;
	const char *why;
	bool elder, api, priv, cacheable = false;
	enum http_method method = method_of(req);
	int64_t v;

	(void)srv;
	path_len = req->query_at == SIZE_MAX ? req->path.len : req->query_at;
	api = path_len >= 5 && !memcmp(req->path.base, "/api/", 5);
	priv = private_path(req->path.base, path_len);
	if (!method) {
		add_header(req, H2O_TOKEN_ALLOW, "GET, HEAD, POST, PATCH, DELETE");
		send_plain_error(w, req, NULL, 405, "不支持的请求方法",
				 "不支持这种请求方法", api);
		return 0;
	}
	if (header_bytes(req) > MAX_HEADER_BYTES) {
		send_plain_error(w, req, NULL, 431, "请求头过大",
				 "请求头超过 16 KB，请清除本站 Cookie 后重试", api);
		return 0;
	}
	if (req->path.len > MAX_PATH_BYTES || memchr(req->path.base, 0,
						     req->path.len)) {
		send_plain_error(w, req, NULL, 414, "地址过长",
				 "请求的地址超过 4096 字节", api);
		return 0;
	}
	if ((method & (HTTP_GET | HTTP_HEAD)) && path_len > 8 &&
	    !memcmp(req->path.base, "/static/", 8)) {
		bool versioned = req->query_at != SIZE_MAX;

		if (serve_static(w, req, req->path.base + 8, path_len - 8,
				 versioned) == 0)
			return 0;
	}

	/* the cache first: the database's change counter decides validity.
	 * It is read once per event-loop pass, at the first request handled
	 * in the pass, so the query is paid per batch, not per request.  A
	 * request sent after a commit finished wakes a later pass (the loop
	 * was already awake for this one) and so sees the commit; only a
	 * request pipelined behind an unanswered one on the same connection
	 * could be read in the pass that began before the commit. */
	if (w->checked_batch != w->batch) {
		w->checked_batch = w->batch;
		v = store_data_version(w->store);
		if (v != w->data_version) {
			cache_clear(w->cache);
			w->data_version = v;
		}
	}
	elder = cookie_has(req, "gk_elder=1");
	key_len = req->path.len + (elder ? 2 : 0);
	key = h2o_mem_alloc_pool(&req->pool, key_len + 1);
	memcpy(key, req->path.base, req->path.len);
	if (elder)
		memcpy(key + req->path.len, "\001E", 2);
	key[key_len] = 0;
	if ((method & (HTTP_GET | HTTP_HEAD)) && !priv)
		e = cache_get(w->cache, key, key_len);
	if (e) {
		send_entry(w, req, e, NULL, "hit");
		return 0;
	}

	arena_init(&arena);
	path = arena_strndup(&arena, req->path.base, path_len);
	rq.method = method == HTTP_HEAD ? HTTP_HEAD : method;
	rq.head = method == HTTP_HEAD;
	rq.path = path;
	rq.raw_query = req->query_at == SIZE_MAX ? "" :
		arena_strndup(&arena, req->path.base + req->query_at + 1,
			      req->path.len - req->query_at - 1);
	rq.elder = elder;
	rq.store = w->store;
	rq.wstore = w->wstore;
	rq.arena = &arena;
	rq.site = &w->srv->site;
	rq.client = peer_address(req, &arena);
	rq.content_type = header_value(req, "content-type", &arena);
	if (!rq.content_type)
		rq.content_type = "";
	if (req->entity.base) {
		rq.body = req->entity.base;
		rq.body_len = req->entity.len;
	}
	rq.session_token = cookie_value(req, "gk_session", &arena);
	rq.pre_token = cookie_value(req, "gk_pre", &arena);
	{
		const char *proto = header_value(req, "x-forwarded-proto", &arena);

		rq.https = proto && !strcmp(proto, "https");
	}
	rq.header_csrf = header_value(req, "x-csrf-token", &arena);
	buf_init(&rs.body);
	rs.status = 200;

	if (query_parse(rq.raw_query, strlen(rq.raw_query), &arena, &rq.query,
			&why) || read_form(&rq, &why)) {
		send_plain_error(w, req, &rq, 400, "参数错误", why, api);
		goto out;
	}
	switch (route_match(path, &rq, &route)) {
	case ROUTE_FOUND:
		if (route->kind == ROUTE_PUBLIC || guard(w, route, &rq, &rs) == 0)
			route->handler(&rq, &rs);
		cacheable = route->kind == ROUTE_PUBLIC;
		break;
	case ROUTE_ADD_SLASH:
		rs.status = 301;
		rs.location = *rq.raw_query ?
			arena_printf(&arena, "%s/?%s", path, rq.raw_query) :
			arena_printf(&arena, "%s/", path);
		cacheable = !priv;
		break;
	case ROUTE_BAD_METHOD:
		rs.allow = route_allow(path, &rq);
		if (api)
			api_error(&rs, 405, "这个地址不支持这种请求方法");
		else
			layout_error(&rq, &rs, 405, "不支持的请求方法",
				     "这个地址不支持这种请求方法。");
		break;
	case ROUTE_NOT_FOUND:
		if (route_is_api(path))
			api_error(&rs, 404, "没有这个接口，接口说明见 /api/v1/openapi.json");
		else
			ui_not_found(&rq, &rs);
		cacheable = !priv;
		break;
	}
	if (!cacheable && !rs.cache_control)
		rs.cache_control = "no-store";
	if (rs.allow)
		add_header(req, H2O_TOKEN_ALLOW, rs.allow);
	{
		const char *set_cookie = rs.set_cookie ?
			h2o_strdup(&req->pool, rs.set_cookie, SIZE_MAX).base : NULL;

		cacheable = cacheable && !rs.uncacheable && !rs.set_cookie &&
			(method & (HTTP_GET | HTTP_HEAD)) &&
			(rs.status == 200 || rs.status == 301 || rs.status == 404);
		e = entry_from(&rs);
		if (cacheable) {
			e->key = xmalloc(key_len + 1);
			memcpy(e->key, key, key_len + 1);
			e->klen = key_len;
			cache_put(w->cache, e);
		}
		send_entry(w, req, e, set_cookie, cacheable ? "miss" : "private");
	}
out:
	buf_release(&rs.body);
	arena_release(&arena);
	return 0;
}

/* --- threads and sockets --- */

static void on_accept(h2o_socket_t *listener, const char *err)
{
	struct worker *w = listener->data;
	h2o_socket_t *sock;

	if (err)
		return;
	if ((sock = h2o_evloop_socket_accept(listener)) == NULL)
		return;
	h2o_accept(&w->accept_ctx, sock);
}

/* SO_REUSEPORT lets another program bind the same port silently (and the
 * kernel would then split connections between us): a plain bind first
 * tells whether the port is free. */
static int port_taken(const struct addrinfo *ai)
{
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1, taken;

	if (fd < 0)
		return 0;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	taken = bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 && errno == EADDRINUSE;
	close(fd);
	return taken;
}

static int open_listener(const struct serve_opts *o, bool first,
			 struct errors *err)
{
	struct addrinfo hints = { 0 }, *res = NULL;
	char port[16];
	int fd, one = 1, rc;

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(port, sizeof(port), "%d", o->port);
	rc = getaddrinfo(o->host, port, &hints, &res);
	if (rc) {
		errors_addf(err, "无法解析监听地址 %s：%s", o->host,
			    gai_strerror(rc));
		return -1;
	}
	if (first && port_taken(res)) {
		errors_addf(err, "端口 %d 已被占用（可能已有一个 gongkai 在运行），"
			    "请用 --listen 换一个端口", o->port);
		freeaddrinfo(res);
		return -1;
	}
	fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) ||
	    bind(fd, res->ai_addr, res->ai_addrlen) ||
	    listen(fd, SOMAXCONN)) {
		if (errno == EADDRINUSE)
			errors_addf(err, "端口 %d 已被占用，请用 --listen 换一个端口",
				    o->port);
		else
			errors_addf(err, "无法在 %s:%d 监听：%s", o->host, o->port,
				    strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
		return -1;
	}
	freeaddrinfo(res);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

static bool idle(struct worker *w)
{
	return h2o_linklist_is_empty(&w->ctx.http1._conns) &&
		h2o_linklist_is_empty(&w->ctx.http2._conns);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	h2o_evloop_t *loop = h2o_evloop_create();
	int grace = 0;

	this_worker = w;
	h2o_context_init(&w->ctx, loop, &w->srv->config);
	w->accept_ctx.ctx = &w->ctx;
	w->accept_ctx.hosts = w->srv->config.hosts;
	w->listener = h2o_evloop_socket_create(loop, w->listen_fd,
					       H2O_SOCKET_FLAG_DONT_READ);
	w->listener->data = w;
	h2o_socket_read_start(w->listener, on_accept);

	while (!atomic_load(&stopping)) {
		w->batch++;
		h2o_evloop_run(loop, 200);
		if (w->log.len && time(NULL) != w->log_flushed)
			log_flush(w);
		/* the first thread publishes what was scheduled, every 30 s */
		if (w->index == 0 && w->wstore && time(NULL) >= w->next_publish) {
			char now[TIME_TEXT_LEN];

			time_now_text(now);
			workflow_publish_due(w->wstore, now, NULL);
			w->next_publish = time(NULL) + 30;
		}
	}
	/* stop accepting; let the responses under way finish */
	h2o_socket_read_stop(w->listener);
	h2o_socket_close(w->listener);
	w->listener = NULL;
	while (w->inflight > 0 && grace < SHUTDOWN_GRACE_MS) {
		h2o_evloop_run(loop, 50);
		grace += 50;
	}
	log_flush(w);
	/* idle keep-alive connections still hold timers that h2o will not
	 * dispose of; the process is ending, so leave them (the worker stays
	 * reachable through all_workers) */
	if (idle(w)) {
		h2o_context_dispose(&w->ctx);
		h2o_evloop_destroy(loop);
		w->disposed = true;
	}
	return NULL;
}

/* The region "/" shows: the highest one with a published catalog. */
static const char *pick_home(struct store *s, struct arena *a)
{
	static const char *const levels[] = { "省", "市", "县", "乡", "村" };
	struct catalog_filter f = { NULL, 0, CATALOG_PUBLISHED, 0 };
	struct catalog *v;
	size_t n;

	if (store_catalog_list(s, &f, a, &v, &n) != STORE_OK || !n)
		return NULL;
	for (size_t l = 0; l < 5; l++)
		for (size_t i = 0; i < n; i++) {
			struct region r;

			if (store_region_get(s, v[i].region_code, a, &r) ==
			    STORE_OK && !strcmp(r.level, levels[l]))
				return r.code;
		}
	return v[0].region_code;
}

static void on_stop_signal(int sig)
{
	(void)sig;
	atomic_store(&stopping, 1);
}

/* Static, not on the stack: when idle connections keep an h2o context from
 * being disposed at exit, what it points to must stay reachable. */
static struct server srv;

int server_run(const struct serve_opts *opt, struct errors *err)
{
	struct arena a = ARENA_INIT;
	struct store *probe;
	h2o_hostconf_t *host;
	h2o_pathconf_t *pathconf;
	struct gk_handler *handler;
	struct sigaction sa = { 0 };
	const char *home;
	int rc = -1;
	bool all_disposed = true;

	memset(&srv, 0, sizeof(srv));
	srv.opt = *opt;
	srv.log_fd = -1;
	probe = store_open(opt->db, STORE_OPEN_READONLY, err);
	if (!probe)
		return -1;
	home = opt->home ? opt->home : pick_home(probe, &a);
	if (!home) {
		errors_addf(err, "数据库中还没有已发布的目录，专栏无内容可显示；"
			    "可先运行 gongkai demo 生成演示数据库");
		store_close(probe);
		goto out;
	}
	{
		struct region r;
		if (store_region_get(probe, home, &a, &r) != STORE_OK) {
			errors_addf(err, "行政区划 %s 不存在（--home）", home);
			store_close(probe);
			goto out;
		}
	}
	srv.site.home_region = arena_strdup(&a, home);
	store_close(probe);

	if (static_load(opt->static_dir, &srv.statics, err))
		goto out;
	srv.site.static_version = srv.statics.version;
	srv.site.base_url = opt->base_url;
	if (opt->access_log) {
		if (!strcmp(opt->access_log, "-"))
			srv.log_fd = dup(STDERR_FILENO);
		else
			srv.log_fd = open(opt->access_log, O_WRONLY | O_CREAT |
					  O_APPEND | O_CLOEXEC, 0640);
		if (srv.log_fd < 0) {
			errors_addf(err, "无法打开访问日志 %s：%s", opt->access_log,
				    strerror(errno));
			goto out_static;
		}
	}

	h2o_config_init(&srv.config);
	srv.config.max_request_entity_size = opt->max_body;
	srv.config.http1.req_timeout = (uint64_t)opt->idle_seconds * 1000;
	srv.config.http2.idle_timeout = (uint64_t)opt->idle_seconds * 1000;
	srv.config.server_name = h2o_iovec_init(H2O_STRLIT("gongkai"));
	/* libxml2 (catalog uploads) must be initialised before threads use it */
	xmlInitParser();
	host = h2o_config_register_host(&srv.config,
					h2o_iovec_init(H2O_STRLIT("default")),
					65535);
	pathconf = h2o_config_register_path(host, "/", 0);
	handler = (struct gk_handler *)h2o_create_handler(pathconf,
							  sizeof(*handler));
	handler->super.on_req = on_req;
	handler->srv = &srv;

	srv.workers = xcalloc((size_t)opt->threads, sizeof(*srv.workers));
	all_workers = srv.workers;
	for (int i = 0; i < opt->threads; i++) {
		struct worker *w = &srv.workers[i];

		w->srv = &srv;
		w->index = i;
		w->data_version = -1;
		buf_init(&w->log);
		w->listen_fd = open_listener(opt, i == 0, err);
		if (w->listen_fd < 0)
			goto out_workers;
		w->store = store_open(opt->db, STORE_OPEN_READONLY, err);
		if (!w->store)
			goto out_workers;
		/* without a writable file the public column still works */
		w->wstore = store_open(opt->db, STORE_OPEN_EXISTING, NULL);
		w->cache = cache_new(opt->cache_bytes);
	}

	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	printf("gongkai 正在服务 %s ，请在浏览器中打开 %s/ （%d 个线程；"
	       "按 Ctrl+C 停止）\n", opt->db, opt->base_url, opt->threads);
	fflush(stdout);
	for (int i = 0; i < opt->threads; i++)
		pthread_create(&srv.workers[i].thread, NULL, worker_main,
			       &srv.workers[i]);
	for (int i = 0; i < opt->threads; i++) {
		pthread_join(srv.workers[i].thread, NULL);
		all_disposed &= srv.workers[i].disposed;
	}
	printf("gongkai 已停止\n");
	rc = 0;
out_workers:
	for (int i = 0; i < opt->threads; i++) {
		struct worker *w = &srv.workers[i];

		if (w->listen_fd > 0 && rc)
			close(w->listen_fd);
		store_close(w->store);
		store_close(w->wstore);
		cache_free(w->cache);
		buf_release(&w->log);
	}
	if (all_disposed) {
		free(srv.workers);
		all_workers = NULL;
		h2o_config_dispose(&srv.config);
	}
	if (srv.log_fd >= 0)
		close(srv.log_fd);
out_static:
	static_free(&srv.statics);
out:
	arena_release(&a);
	return rc;
}
