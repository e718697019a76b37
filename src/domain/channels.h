/* channels.h: the controlled vocabulary of 公开渠道和载体
 *
 * The national template lists 13 standard channels (domain-facts §1.4);
 * offices spell several of them differently, and add domain channels of
 * their own (投资项目在线审批监管平台).  A cell such as
 *	"■政府网站 □政府公报 ■投资项目在线审批监管平台"
 * parses into standard channels 1 and 2 and one named channel, with ■
 * meaning required and □ optional; an unmarked channel counts as required.
 */
#ifndef GK_CHANNELS_H
#define GK_CHANNELS_H

#include <stddef.h>

#include "../store/model.h"
#include "../util/arena.h"

#define CHANNEL_STD_COUNT 13

/* Canonical name of standard channel 1..13, or NULL. */
const char *channel_std_name(int std);
/* The standard channel a (folded) name denotes, or 0. */
int channel_std_find(const char *name);

/* Parse a 公开渠道和载体 cell.  Returns the number of channels put into
 * *out (allocated from 'a'); 0 for an empty cell. */
size_t channels_parse(const char *cell, struct arena *a, struct channel **out);
/* Format channels as "■政府网站 □政府公报 ■…", appending to 'b'. */
struct buf;
void channels_format(struct buf *b, const struct channel *v, size_t n);

#endif
