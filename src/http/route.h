/* route.h: the table of public URLs and their handlers
 *
 * A pattern is a path whose segments are literal or a typed placeholder:
 * :region (6–12 digits), :id (1–18 digits), :code (a–z, 0–9, _ and -; up to
 * 40), :file (an id, a dot and xlsx or csv: two parameters), :name (any
 * segment).  A segment that does not fit its type makes the route not
 * match, so handlers receive only well-formed parameters.  Pure: no h2o.
 */
#ifndef GK_ROUTE_H
#define GK_ROUTE_H

#include "request.h"

typedef void (*route_handler)(struct http_request *rq,
			      struct http_response *rs);

/* What a route needs before its handler runs. */
enum route_kind {
	ROUTE_PUBLIC,		/* cached, anyone */
	ROUTE_SIGNIN,		/* uncached, session looked up, none needed */
	ROUTE_USER,		/* uncached, a signed-in user needed */
};

struct route {
	const char *pattern;
	route_handler handler;
	bool api;		/* errors answered in JSON */
	unsigned methods;	/* enum http_method bits (HEAD with GET) */
	enum route_kind kind;
};

enum route_result { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_ADD_SLASH,
		    ROUTE_BAD_METHOD };

/* Match the raw (percent-encoded) 'path'; on ROUTE_FOUND *out is the route
 * and rq->params/nparams are set (decoded, in rq->arena).  ROUTE_ADD_SLASH:
 * the path with a '/' appended would match (the caller redirects). */
enum route_result route_match(const char *path, struct http_request *rq,
			      const struct route **out);
/* "GET, HEAD, POST" for the methods of the routes matching 'path'. */
const char *route_allow(const char *path, struct http_request *rq);
/* True when 'path' is under /api/ (errors there are JSON). */
bool route_is_api(const char *path);

#endif
