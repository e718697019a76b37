/* linkcheck.h: are these web addresses alive? — checked over HTTP with
 * libcurl, and the addresses found in a Markdown text
 *
 * The self-check (domain/check.c) hands over the 我要办 addresses of
 * catalog items and the links inside records; this file knows nothing of
 * either.  Every address is asked with HEAD; when HEAD is refused or
 * fails with an HTTP error or a reply that is not HTTP, with GET (whose
 * body is read and dropped, at most 256 KB).  Redirects are followed up
 * to a limit; only http and https are spoken, also after a redirect.  A
 * bounded number of requests run at once on one libcurl multi handle, in
 * the calling thread, each with a connect and a total timeout.  The
 * outcome of each address is a verdict and, when it failed, the reason in
 * Chinese (the HTTP status, or what went wrong in curl's terms).  Each
 * run sets up and tears down libcurl's global state, so one thread at a
 * time may run it: the command line does; the server checks no links.
 */
#ifndef GK_LINKCHECK_H
#define GK_LINKCHECK_H

#include <stdbool.h>
#include <stddef.h>

#define LINKCHECK_URL_MAX 2048	/* longer addresses are not checked */

struct link_check {
	const char *url;	/* in: the address (not copied) */
	/* out */
	bool ok;		/* answered with a status below 400 */
	int status;		/* last HTTP status, 0 if none came */
	int curl_code;		/* CURLcode of the last request, 0 = OK */
	const char *method;	/* "HEAD" or "GET": the last request */
	double seconds;		/* time spent on it, both requests */
	char error[200];	/* Chinese reason when not ok, else "" */
};

struct linkcheck_opts {
	int concurrency;	/* requests at once; default 8 */
	long connect_timeout_ms;	/* default 5000 */
	long timeout_ms;	/* whole request; default 10000 */
	int max_redirects;	/* default 3 */
	/* called after each address is done (may be NULL) */
	void (*progress)(void *arg, size_t done, size_t total);
	void *arg;
};

/* Check v[0..n).  Fields left 0 in 'o' take their defaults; 'o' may be
 * NULL.  Returns the number of addresses that are not ok, or -1 when
 * libcurl could not be started (every entry then says so). */
int linkcheck_run(struct link_check *v, size_t n,
		  const struct linkcheck_opts *o);

/* True when 'url' is an http:// or https:// address with a host, no
 * space or control character, at most LINKCHECK_URL_MAX bytes. */
bool linkcheck_is_web_url(const char *url);

/* Call found(arg, start, len) for each http:// or https:// address in
 * the Markdown text 's', in order: [text](url "title"), <url> and bare
 * addresses.  An address ends at a space, a control character, a
 * non-ASCII character (Chinese punctuation often follows), one of < > "
 * ' ` ] or a ) that closes nothing opened inside it; trailing . , ; : ! ?
 * are left out.  Only addresses that pass linkcheck_is_web_url() are
 * reported.  Returns how many were. */
size_t linkcheck_extract(const char *s,
			 void (*found)(void *arg, const char *url, size_t len),
			 void *arg);

#endif
