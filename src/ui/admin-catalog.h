/* admin-catalog.h: the standard catalogs in the back office (issue 4,
 * item 4: "Catalog work in the browser")
 *
 * 信息员 derive their region's catalog from a published parent by ticking
 * what does not apply (做减法), add local items with a reason, edit an
 * item's columns, replace a draft's items from an .xlsx/.csv, send it for
 * review and take up a newer parent version (drift, rebase); the
 * 政务公开办 reviews (the diff against the parent and the previous
 * version), approves, rejects with a reason and publishes.  Every change
 * goes through the catalog_user_* functions of domain/catalog.h, which
 * check authorisation and write the audit trail; pages work without
 * JavaScript.
 */
#ifndef GK_ADMIN_CATALOG_H
#define GK_ADMIN_CATALOG_H

#include "../http/request.h"

/* GET /admin/catalogs[?status=draft|submitted|approved|published] */
void admin_catalogs(struct http_request *rq, struct http_response *rs);
/* GET /admin/catalogs/:id — items, review, drift, the forms of a draft */
void admin_catalog_view(struct http_request *rq, struct http_response *rs);
/* GET /admin/catalogs/:id/export.xlsx and export.csv */
void admin_catalog_export(struct http_request *rq, struct http_response *rs);
/* GET and POST /admin/catalogs/:id/derive (派生本级目录) */
void admin_catalog_derive_form(struct http_request *rq,
			       struct http_response *rs);
void admin_catalog_derive(struct http_request *rq, struct http_response *rs);
/* POST /admin/catalogs/:id/drop (drop=ID…, 做减法) */
void admin_catalog_drop(struct http_request *rq, struct http_response *rs);
/* POST /admin/catalogs/:id/items (a local item with its reason) */
void admin_catalog_add_item(struct http_request *rq, struct http_response *rs);
/* GET and POST /admin/catalogs/:id/items/:item/edit */
void admin_catalog_item_form(struct http_request *rq,
			     struct http_response *rs);
void admin_catalog_item_edit(struct http_request *rq,
			     struct http_response *rs);
/* POST /admin/catalogs/:id/import (multipart, field "file") */
void admin_catalog_import(struct http_request *rq, struct http_response *rs);
/* POST /admin/catalogs/:id/action (action=submit|approve|reject|publish) */
void admin_catalog_action(struct http_request *rq, struct http_response *rs);
/* GET /admin/catalogs/:id/diff?against=parent|previous */
void admin_catalog_diff(struct http_request *rq, struct http_response *rs);
/* POST /admin/catalogs/:id/rebase (onto, version) */
void admin_catalog_rebase(struct http_request *rq, struct http_response *rs);

#endif
