/* migrations.h: the numbered schema migrations compiled into the program
 *
 * The table is generated at build time from schema/NNNN-name.sql by
 * tools/embed-sql.c; the SQLite store applies, in order, those newer than the
 * database's recorded version.
 */
#ifndef GK_MIGRATIONS_H
#define GK_MIGRATIONS_H

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration migrations[];
extern const int nmigrations;

#endif
