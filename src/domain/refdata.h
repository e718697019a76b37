/* refdata.h: reference data — the 26 domains and administrative regions
 *
 * The 26 domains ship inside the program (data/domains.csv, embedded at
 * build time) and are loaded by 'gongkai init'; later domains and regions
 * come from CSV files in the same shape, so that they are data, not code.
 */
#ifndef GK_REFDATA_H
#define GK_REFDATA_H

#include "../store/store.h"

/* Insert or update the built-in domains.  Returns the count, or -1. */
int refdata_load_domains(struct store *s, struct errors *err);
/* Load domains from a CSV file "code,name,sort,department". */
int refdata_import_domains(struct store *s, const char *path,
			   struct errors *err);
/* Load regions from a CSV file "code,name,level,parent_code"; parents must
 * come before children (or already exist).  All or nothing. */
int refdata_import_regions(struct store *s, const char *path,
			   struct errors *err);
/* Check a region code (6, 9 or 12 digits) and level word (省市县乡村). */
int refdata_region_valid(const char *code, const char *level,
			 struct errors *err, const char *where);

/* Outlines of the regions under 'parent' from a GeoJSON file (for the map):
 * each feature matched to a child region by code (adcode / id), else by
 * name.  All-or-nothing; returns the number of outlines stored, or -1 with
 * every problem in 'err'. */
int refdata_import_outlines(struct store *s, const char *path,
			    const char *parent, struct errors *err);

#endif
