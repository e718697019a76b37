/* multipart.h: parsing of multipart/form-data bodies (file uploads)
 *
 * The body stays where it is: each part points into it.  Text fields
 * (parts without a filename) must be valid UTF-8 and are also returned as
 * query fields, so handlers read uploads' companion fields like any form.
 * File names are reduced to their last path component and must be valid
 * UTF-8 without control characters.  Anything malformed refuses the whole
 * body with a reason in Chinese.  Pure: no h2o.
 */
#ifndef GK_MULTIPART_H
#define GK_MULTIPART_H

#include <stddef.h>

#include "query.h"
#include "request.h"

#define MULTIPART_MAX_PARTS 32

/* Parse 'body' given its Content-Type header value.  0, or -1 with *why. */
int multipart_parse(const char *body, size_t len, const char *content_type,
		    struct arena *a, struct form_part **parts, size_t *nparts,
		    struct query *fields, const char **why);
/* The first part named 'name' that carries a file, or NULL. */
const struct form_part *multipart_file(const struct form_part *parts,
				       size_t n, const char *name);

#endif
