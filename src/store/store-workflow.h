/* store-workflow.h: changing records after they are created, and their
 * revision history (part of store.h; implemented in sqlite-workflow.c) */
#ifndef GK_STORE_WORKFLOW_H
#define GK_STORE_WORKFLOW_H

/* Write every field of record r->id (content, status, workflow fields,
 * rev); updated_at is set here.  Element values replace the old ones. */
enum store_rc store_record_update(struct store *s, const struct record *r,
				  struct errors *err);

struct revision {
	int64_t record_id;
	int rev;
	const char *at;
	const char *actor;
	const char *action;	/* create, edit, submit, pass, return, ... */
	const char *note;
	const char *snapshot;	/* the record as JSON */
};
enum store_rc store_revision_add(struct store *s, const struct revision *v,
				 struct errors *err);
/* Revisions of a record, oldest first (snapshots included). */
enum store_rc store_revision_list(struct store *s, int64_t record_id,
				  struct arena *a, struct revision **out,
				  size_t *n);
enum store_rc store_revision_get(struct store *s, int64_t record_id, int rev,
				 struct arena *a, struct revision *out);

/* Ids of scheduled records whose publish_at is at or before 'now'. */
enum store_rc store_record_due_scheduled(struct store *s, const char *now,
					 struct arena *a, int64_t **ids,
					 size_t *n);
/* Remove an attachment from a record. */
enum store_rc store_attachment_delete(struct store *s, int64_t id,
				      struct errors *err);

#endif
