/* readfile.h: a whole file read into memory, with a size limit
 *
 * What the command line does with files a user names (attachments,
 * evidence, texts): refused in Chinese when missing, not a regular file,
 * unreadable or over the limit.
 */
#ifndef GK_READFILE_H
#define GK_READFILE_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "errors.h"

/* Read 'path' (at most 'max' bytes) into 'a', NUL-terminated after its
 * *len bytes.  Returns 0, or -1 with a message naming the file. */
int read_whole_file(const char *path, size_t max, struct arena *a,
		    const char **data, size_t *len, struct errors *err);

/* The bytes 'write' writes to a file (libxlsxwriter, say, writes only
 * files): it is given 'what' and a temporary path, and the file is read
 * into 'out' and removed.  0, or -1 when writing or reading failed. */
int file_bytes_of(int (*write)(const void *what, const char *path,
			       struct errors *err),
		  const void *what, struct buf *out);

#endif
