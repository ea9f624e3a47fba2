/* demo — the invented union that `make run` shows (DESIGN §4b). Each module adds its
 * part here, so every page has something real to show. */
#ifndef MAMORI_DEMO_H
#define MAMORI_DEMO_H
#include <stddef.h>

#include "core/err.h"
#include "db/db.h"
#include "files/filestore.h"

typedef struct demo_login {
    char *login;    /* owned */
    char *password; /* owned */
    char *name;     /* owned */
    char *role;     /* owned; role code */
    char *unit;     /* owned */
    char *totp;     /* owned; the TOTP secret where the role requires a second factor, else NULL */
} demo_login;

/* Initialises an empty store as the demo union; the logins created are returned in
 * *logins (caller frees with demo_logins_free). files: the file store `serve` will use
 * (evidence files are kept there); NULL: a demo without evidence. */
err_code demo_create(db *d, filestore *files, demo_login **logins, size_t *n_logins, err *e);
void demo_logins_free(demo_login *logins, size_t n);

/* The demo's information asset ledger (demo_assets.c), inside demo_create's transaction;
 * it_person manages the union's networks and 料金課's billing system. */
#include "audit/audit.h"
err_code demo_assets(db_conn *c, const audit_actor *system, long it_person, err *e);
/* The demo's procedures (demo_procedures.c), inside demo_create's transaction, written by
 * its 統括; after the people and their roles. */
err_code demo_procedures(db_conn *c, err *e);
/* Its implementation records and a year of compliance snapshots (demo_compliance.c). */
err_code demo_compliance(db_conn *c, const audit_actor *system, err *e);
/* A few evidence files on its implementation records, kept in the file store (after
 * demo_compliance). */
err_code demo_evidence(db_conn *c, filestore *files, err *e);
/* Its risk register (demo_risks.c): a few risks in every treatment; after the compliance
 * records, which some of them are reduced by. */
err_code demo_risks(db_conn *c, const audit_actor *system, err *e);

#endif
