/* store_init — what `mamori init` puts into a new store: the root unit (the union),
 * and the first person, the CISO, with an account. Everything after that is done by
 * people through mamori, audited. */
#ifndef MAMORI_STORE_INIT_H
#define MAMORI_STORE_INIT_H
#include "core/err.h"
#include "db/db.h"

typedef struct store_init_params {
    const char *union_name_ja; /* the root unit */
    const char *union_name_en;
    const char *admin_login;
    const char *admin_name;
    const char *admin_password;
} store_init_params;

/* Applies the migrations and creates the root unit and the CISO, all audited. The
 * store must be empty (the caller checks). *root_unit_id and *ciso_id may be NULL. */
err_code store_init(db *d, const store_init_params *p, long *root_unit_id, long *ciso_id, err *e);

#endif
