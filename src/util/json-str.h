/* json-str.h: the one hand-written piece of JSON output — a string
 *
 * Everything else in JSON goes through jansson.  This exists for hot paths
 * that write small, fixed-shape JSON (the element and channel lists stored
 * with each catalog item), where building jansson objects costs more than
 * the rest of an import.
 */
#ifndef GK_JSON_STR_H
#define GK_JSON_STR_H

struct buf;

/* Append 's' (well-formed UTF-8) as a quoted JSON string: " \ and control
 * characters escaped, U+2028/U+2029 escaped, everything else as is. */
void json_str(struct buf *b, const char *s);

#endif
