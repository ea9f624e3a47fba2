/* person_edit — creating, changing and deactivating people through the API, within the
 * editor's units (person.manage scope), with optimistic concurrency: every change names
 * the version it was made against (If-Match), and a stale one changes nothing. */
#ifndef MAMORI_PERSON_EDIT_H
#define MAMORI_PERSON_EDIT_H
#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

typedef struct person_changes {
    const char *name, *name_kana, *category; /* NULL: unchanged ("" clears name_kana) */
    long org_unit_id;                          /* 0: unchanged */
    /* 0: unchanged. Each is required with its category (related_body, contractor) and
     * refused with any other; a person whose category changes away loses the link. */
    long related_body_id, contractor_id;
} person_changes;

/* Creates a person in a unit of the editor's; audited as person.create. */
err_code person_edit_create(db_conn *c, const audit_actor *editor, const person_changes *p, long *id_out, err *e);
/* Applies changes when the person is at `version`; ERR_PRECONDITION_FAILED when not,
 * ERR_NOT_FOUND outside the editor's units. *new_version is the version after. */
err_code person_edit_update(db_conn *c, const audit_actor *editor, long id, long version, const person_changes *ch,
                            long *new_version, err *e);
/* Deactivates (第4条2: the record stays, the login stops, sessions end). */
err_code person_edit_deactivate(db_conn *c, const audit_actor *editor, long id, long version, long *new_version,
                                err *e);

#endif
