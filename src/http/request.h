/* request.h: a request as handlers see it, and the response they fill
 *
 * server.c (the only file that includes h2o.h) turns each h2o request into a
 * struct http_request whose every field is already validated: the path is
 * decoded UTF-8, the query is parsed (query.h), route placeholders are
 * split out.  Handlers in ui/ and api/ fill a struct http_response; the
 * server adds ETag, caching, HEAD and the access log.
 */
#ifndef GK_REQUEST_H
#define GK_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "query.h"
#include "../util/buf.h"

struct store;
struct arena;
struct site_config;

#define ROUTE_MAX_PARAMS 4

struct http_request {
	bool head;			/* HEAD: the server drops the body */
	const char *path;		/* as sent (still percent-encoded) */
	const char *raw_query;		/* after '?', "" if none */
	struct query query;
	const char *params[ROUTE_MAX_PARAMS];	/* route placeholders, decoded */
	int nparams;
	bool elder;			/* 长者模式 chosen (cookie) */
	struct store *store;		/* this thread's read connection */
	struct arena *arena;		/* dies with the request */
	const struct site_config *site;	/* server-wide settings */
};

struct http_response {
	int status;
	const char *content_type;	/* NULL = text/html; charset=utf-8 */
	struct buf body;
	const char *disposition;	/* Content-Disposition, or NULL */
	const char *location;		/* redirects */
	const char *set_cookie;
	const char *cache_control;	/* NULL = the server's default */
	bool uncacheable;		/* never keep in the response cache */
};

/* Server-wide settings, fixed at start-up. */
struct site_config {
	const char *home_region;	/* the region of "/" */
	const char *static_version;	/* appended to /static/ URLs */
	const char *base_url;		/* "http://host:port", for feeds */
};

#endif
