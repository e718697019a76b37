/* server.h: start the public web server (gongkai serve) */
#ifndef GK_SERVER_H
#define GK_SERVER_H

#include <stddef.h>

#include "../util/errors.h"

struct serve_opts {
	const char *db;
	const char *host;	/* listen address */
	int port;
	int threads;
	const char *static_dir;
	const char *access_log;	/* file, "-" for stderr, NULL for none */
	const char *home;	/* region of "/", NULL = pick */
	const char *base_url;	/* for absolute links in feeds and sitemap */
	size_t cache_bytes;	/* per thread */
	size_t max_body;	/* request body limit */
	int idle_seconds;	/* idle connection timeout */
};

/* Serve until SIGTERM or SIGINT.  0 after a clean stop; -1 with a message
 * when the server could not start. */
int server_run(const struct serve_opts *o, struct errors *err);

#endif
