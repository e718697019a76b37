/* utf8.h: UTF-8 checks and the small text normalisations imports need
 *
 * Office files mix full-width and half-width forms (（） and (), ／ and /,
 * the ideographic space U+3000).  Labels are compared after utf8_fold(),
 * which maps full-width ASCII forms to half-width, drops all white space and
 * lower-cases Latin letters; stored text is only trimmed, never folded.
 */
#ifndef GK_UTF8_H
#define GK_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);
/* Decode one code point at *s (well-formed input); advance *s. */
uint32_t utf8_next(const char **s);
void utf8_put(struct buf *b, uint32_t cp);
/* Number of code points in a well-formed string. */
size_t utf8_len(const char *s);
bool utf8_is_space(uint32_t cp);
/* Append 's' with leading and trailing white space (incl. U+3000, NBSP,
 * zero-width space, BOM) removed and CRLF turned into LF. */
void utf8_trim(struct buf *b, const char *s);
/* The part of 's' without white space at either end: s[*off .. *off+*len). */
void utf8_trim_span(const char *s, size_t *off, size_t *len);
/* Columns the string takes on a terminal: 2 for East Asian wide and
 * full-width characters, 1 for the rest. */
size_t utf8_width(const char *s);
/* Append 's' and spaces up to 'width' columns (at least one space). */
void utf8_pad(struct buf *b, const char *s, size_t width);
/* Append the comparison form of 's' (see above). */
void utf8_fold(struct buf *b, const char *s);

#endif
