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
struct user;
struct session;
struct actor;

#define ROUTE_MAX_PARAMS 4

enum http_method {
	HTTP_GET = 1, HTTP_HEAD = 2, HTTP_POST = 4, HTTP_PUT = 8,
	HTTP_PATCH = 16, HTTP_DELETE = 32
};

/* One part of a multipart/form-data body (an uploaded file or a field). */
struct form_part {
	const char *name;
	const char *filename;		/* NULL for plain fields */
	const char *content_type;
	const char *data;		/* points into the request body */
	size_t len;
};

struct http_request {
	enum http_method method;
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

	/* the back office and the write API */
	const char *client;		/* the peer's address */
	const char *body;		/* the request entity, NULL if none */
	size_t body_len;
	const char *content_type;	/* of the entity, "" if none */
	struct query form;		/* url-encoded or multipart fields */
	struct form_part *parts;	/* multipart: every part, files too */
	size_t nparts;
	struct store *wstore;		/* this thread's read-write connection */
	const char *session_token;	/* from the gk_session cookie */
	const char *pre_token;		/* gk_pre cookie: the sign-in form's CSRF */
	bool https;			/* behind TLS (X-Forwarded-Proto) */
	const char *header_csrf;	/* X-CSRF-Token */
	struct user *user;		/* signed in, else NULL */
	struct session *session;
	struct actor *actor;		/* the user as the domain sees it */
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
	const char *allow;		/* Allow header of a 405 */
};

/* Server-wide settings, fixed at start-up. */
struct site_config {
	const char *home_region;	/* the region of "/" */
	const char *static_version;	/* appended to /static/ URLs */
	const char *base_url;		/* "http://host:port", for feeds */
};

#endif
