/* json-model.h: JSON representations of regions, domains, units, catalogs
 * and items
 *
 * One place decides what a catalog looks like in JSON, so that the command
 * line's --json output and (later) the HTTP API agree.  Built with jansson;
 * nothing is formatted by hand.  The caller owns the returned json_t.
 */
#ifndef GK_JSON_MODEL_H
#define GK_JSON_MODEL_H

#include <jansson.h>

#include "../store/model.h"

json_t *json_region(const struct region *r);
json_t *json_domain(const struct domain *d);
json_t *json_unit(const struct unit *u);
/* The catalog's head; with its item tree when 'with_items'. */
json_t *json_catalog(const struct catalog *c, int with_items);
/* One item: every standard column (no children). */
json_t *json_item(const struct catalog *c, size_t i);

/* Print 'v' to stdout, indented, and release it; returns 0 or -1. */
int json_print(json_t *v);

#endif
