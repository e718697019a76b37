/* demo.h: the parts of 'gongkai demo' that live in their own files
 *
 * cmd-demo.c builds regions, units and catalogs; the functions here add
 * what hangs under them.  Each is deterministic (a seeded generator, never
 * the clock or rand()) and returns 0, or -1 with a message in 'err'.
 */
#ifndef GK_DEMO_H
#define GK_DEMO_H

#include "../store/store.h"
#include "../util/errors.h"

/* Records (公开信息) for the city, every district and some townships under
 * the items of their published catalogs: documents, notices, guides and
 * lists of objects (schools, cultural venues), with element values,
 * Markdown bodies, a few attachments and an uneven completeness per
 * region.  One transaction. */
int demo_records(struct store *s, struct errors *err);

/* The public column's settings and pages: the districts' outlines for the
 * map (data/regions/changsha-districts.geojson), banners, footer lines and
 * the online service hall, and the 公开指南 / 公开制度 / 法定主动公开内容
 * pages (data/pages/) of the city and each district. */
int demo_site(struct store *s, const char *datadir, struct errors *err);

/* Back-office accounts: sysadmin, secadmin, auditor, cs_office, yl_office,
 * wyh_editor, wyh_reviewer, wyh_signer, ylmz_editor — with the password
 * demo_password() ($GONGKAI_DEMO_PASSWORD or Demo-Pass-2026), to be
 * changed at first sign-in. */
int demo_accounts(struct store *s, struct errors *err);
const char *demo_password(void);

/* 'n' more records after the demonstration data (gongkai demo --records N),
 * a deterministic corpus for the search benchmark: under every leaf item
 * of the newest published catalogs of the regions, words drawn from
 * data/search/corpus-words.txt with Zipf-like weights.  Written in large
 * transactions with the search index deferred, then the index is rebuilt
 * once (progress on a terminal).  Prints one line of figures. */
int demo_corpus(struct store *s, int64_t n, struct errors *err);

/* Applications to 岳麓区民政局 through 2025 and 2026, taken through the
 * real handling steps, and its published 2025 annual report
 * (demo-requests.c). */
int demo_requests(struct store *s, struct errors *err);

/* Supervision tasks of seeds 000 and 002 (岳麓区, 芙蓉区) mapped onto the
 * demo's units (adding the offices they name that the demo lacks), some
 * reports on them, and 望月湖街道办事处's bulletin-board ledger and
 * 政务公开专区 inspection (demo-supervision.c). */
int demo_supervision(struct store *s, struct errors *err);

#endif
