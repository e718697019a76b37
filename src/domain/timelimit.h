/* timelimit.h: 公开时限 as written, and as a rule the platform can apply
 *
 * Catalog rows state their deadline in words ("信息形成或者变更之日起20个
 * 工作日内", "实时公开", "本级人民代表大会或其常务委员会批准后20日内").  Known
 * phrases (domain-facts §1.5) are parsed into a struct timelimit so that
 * records can later be given due dates; the text is always kept as written.
 */
#ifndef GK_TIMELIMIT_H
#define GK_TIMELIMIT_H

#include "../store/model.h"

/* Parse 'text'.  Always fills *out; out->kind is "" when the text is not a
 * known phrase.  Strings in *out are static. Returns 1 if understood. */
int timelimit_parse(const char *text, struct timelimit *out);

/* A short Chinese description of the rule ("形成或变更后 20 个工作日"),
 * or "" for an unparsed one.  Writes into 'out' of size 'n'. */
void timelimit_describe(const struct timelimit *tl, char *out, size_t n);

#endif
