/* readfile.c: see readfile.h */
#include "readfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int read_whole_file(const char *path, size_t max, struct arena *a,
		    const char **data, size_t *len, struct errors *err)
{
	struct stat st;
	FILE *fp;
	char *buf;
	size_t n;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		errors_addf(err, "%s：找不到文件或不是普通文件", path);
		return -1;
	}
	if ((unsigned long long)st.st_size > max) {
		errors_addf(err, "%s：文件有 %.1f MB，超过 %zu MB 的上限；请压缩"
			    "或拆分后再试", path, (double)st.st_size / (1 << 20),
			    max >> 20);
		return -1;
	}
	if (!(fp = fopen(path, "rb"))) {
		errors_addf(err, "%s：无法读取文件（权限不足？）", path);
		return -1;
	}
	/* one byte more than the size, to tell a file that grew */
	buf = arena_alloc(a, (size_t)st.st_size + 2);
	n = fread(buf, 1, (size_t)st.st_size + 1, fp);
	fclose(fp);
	if (n > max) {
		errors_addf(err, "%s：文件超过 %zu MB 的上限", path, max >> 20);
		return -1;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int file_bytes_of(int (*write)(const void *what, const char *path,
			       struct errors *err),
		  const void *what, struct buf *out)
{
	char path[] = "/tmp/gongkai-file-XXXXXX";
	int fd = mkstemp(path);
	struct errors err = ERRORS_INIT;
	char chunk[65536];
	FILE *fp;
	size_t k;
	int rc = -1;

	if (fd < 0)
		return -1;
	close(fd);
	if (write(what, path, &err) == 0 && (fp = fopen(path, "rb"))) {
		while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_add(out, chunk, k);
		rc = ferror(fp) ? -1 : 0;
		fclose(fp);
	}
	unlink(path);
	errors_release(&err);
	return rc;
}
