/* db_backend — what each store backend provides to db.c. Internal to src/db/. */
#ifndef MAMORI_DB_BACKEND_H
#define MAMORI_DB_BACKEND_H
#include "db/db.h"

typedef struct db_backend_ops {
    db_kind kind;
    const char *name;
    const char *migrations_dir; /* embedded path prefix, e.g. "migrations/sqlite/" */
    const char *row_lock_clause;
    const char *claim_clause;
    /* Opens one connection; the returned handle is owned by the pool. */
    err_code (*connect)(const char *target, int flags, void **handle, err *e);
    void (*disconnect)(void *handle);
    err_code (*query)(void *handle, const char *sql, const char *const *params, size_t n_params, db_rows **out,
                      err *e);
    /* Runs a script of several statements without parameters (migrations). */
    err_code (*exec_script)(void *handle, const char *sql, err *e);
    const char *begin_write_sql;
    /* Run on a connection about to write a great deal in one transaction (NULL: none). */
    const char *bulk_sql;
    const char *begin_read_sql;
    err_code (*is_initialized)(void *handle, bool *out, err *e);
    err_code (*backup)(void *handle, const char *path, err *e);
    /* Lets role use the store as the application does: everything but UPDATE, DELETE
     * and TRUNCATE of the audit trail (NULL where the backend has no roles). */
    err_code (*grant_app_role)(void *handle, const char *role, err *e);
    /* Replaces the (empty) store's content with the backup file at path. */
    err_code (*restore)(void *handle, const char *path, err *e);
} db_backend_ops;

extern const db_backend_ops db_sqlite_ops;
extern const db_backend_ops db_pg_ops;

/* Shared by the backends: a result set with n_cols columns and no rows yet. */
db_rows *db_rows_new(size_t n_cols);
/* Appends a row; cells are copied (NULL stays NULL). */
void db_rows_add(db_rows *r, const char *const *cells, const size_t *lens);

#endif
