/* db — the connection pool, transactions and migrations, shared by both backends
 * (see db.h). Backend-specific work is delegated through db_backend_ops. */
#include "db/db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "db/db_backend.h"

struct db_conn {
    db *owner;
    void *handle;
    bool in_tx;
    bool bulk; /* db_prepare_bulk ran: end_bulk at release */
};

struct db {
    const db_backend_ops *ops;
    db_conn *conns;      /* pool_size connections, owned */
    db_conn **free_list; /* guarded by lock */
    size_t n_free;
    size_t pool_size;
    pthread_mutex_t lock;
    pthread_cond_t available;
};

err_code db_open(const char *url, int pool_size, int flags, db **out, err *e)
{
    const db_backend_ops *ops = NULL;
    const char *target = NULL;
    if (strncmp(url, "sqlite:", 7) == 0) {
        ops = &db_sqlite_ops;
        target = url + 7;
    } else if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        ops = &db_pg_ops;
        target = url;
    } else {
        return err_set(e, ERR_VALIDATION, "store URL must start with sqlite: or postgresql:// (got \"%s\")", url);
    }
    if (*target == '\0') return err_set(e, ERR_VALIDATION, "store URL names no database");
    if (pool_size < 1) pool_size = 1;

    db *d = xcalloc(1, sizeof *d);
    d->ops = ops;
    d->pool_size = (size_t)pool_size;
    d->conns = xcalloc(d->pool_size, sizeof *d->conns);
    d->free_list = xcalloc(d->pool_size, sizeof *d->free_list);
    pthread_mutex_init(&d->lock, NULL);
    pthread_cond_init(&d->available, NULL);
    for (size_t i = 0; i < d->pool_size; i++) {
        err_code rc = ops->connect(target, flags, &d->conns[i].handle, e);
        if (rc != OK) {
            db_close(d);
            return rc;
        }
        d->conns[i].owner = d;
        d->free_list[d->n_free++] = &d->conns[i];
        /* Only the first connection may create the file; the rest open it. */
        flags &= ~DB_OPEN_CREATE;
    }
    *out = d;
    return OK;
}

void db_close(db *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->pool_size; i++)
        if (d->conns[i].handle) d->ops->disconnect(d->conns[i].handle);
    pthread_mutex_destroy(&d->lock);
    pthread_cond_destroy(&d->available);
    free(d->conns);
    free(d->free_list);
    free(d);
}

db_kind db_kind_of(const db *d)
{
    return d->ops->kind;
}

db_kind db_conn_kind(const db_conn *c)
{
    return c->owner->ops->kind;
}

const char *db_kind_name(const db *d)
{
    return d->ops->name;
}

db_conn *db_acquire(db *d)
{
    pthread_mutex_lock(&d->lock);
    while (d->n_free == 0) pthread_cond_wait(&d->available, &d->lock);
    db_conn *c = d->free_list[--d->n_free];
    pthread_mutex_unlock(&d->lock);
    return c;
}

void db_release(db_conn *c)
{
    if (!c) return;
    if (c->in_tx) db_rollback(c);
    if (c->bulk && c->owner->ops->end_bulk) c->owner->ops->end_bulk(c->handle);
    c->bulk = false;
    db *d = c->owner;
    pthread_mutex_lock(&d->lock);
    d->free_list[d->n_free++] = c;
    pthread_cond_signal(&d->available);
    pthread_mutex_unlock(&d->lock);
}

err_code db_query(db_conn *c, const char *sql, const char *const *params, size_t n_params, db_rows **out, err *e)
{
    if (out) *out = NULL;
    return c->owner->ops->query(c->handle, sql, params, n_params, out, e);
}

db_rows *db_rows_new(size_t n_cols)
{
    db_rows *r = xcalloc(1, sizeof *r);
    r->n_cols = n_cols;
    r->names = xcalloc(n_cols ? n_cols : 1, sizeof *r->names);
    return r;
}

void db_rows_add(db_rows *r, const char *const *cells, const size_t *lens)
{
    /* Grow by doubling; the capacity is implied by n_rows being a power of two. */
    size_t n = r->n_rows;
    if (n == 0 || (n & (n - 1)) == 0) {
        size_t cap = n ? n * 2 : 1;
        r->cells = xrealloc(r->cells, cap * (r->n_cols ? r->n_cols : 1) * sizeof *r->cells);
    }
    for (size_t i = 0; i < r->n_cols; i++)
        r->cells[n * r->n_cols + i] = cells[i] ? xstrndup(cells[i], lens[i]) : NULL;
    r->n_rows++;
}

void db_rows_free(db_rows *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n_rows * r->n_cols; i++) free(r->cells[i]);
    for (size_t i = 0; i < r->n_cols; i++) free(r->names[i]);
    free(r->cells);
    free(r->names);
    free(r);
}

const char *db_opt_text(const char *s)
{
    return s && *s ? s : NULL;
}

const char *db_cell(const db_rows *rows, size_t r, size_t col)
{
    if (!rows || r >= rows->n_rows || col >= rows->n_cols) return NULL;
    return rows->cells[r * rows->n_cols + col];
}

static err_code db_begin(db_conn *c, const char *sql, err *e)
{
    if (c->in_tx) return err_set(e, ERR_INTERNAL, "transaction already open");
    err_code rc = c->owner->ops->exec_script(c->handle, sql, e);
    if (rc == OK) c->in_tx = true;
    return rc;
}

err_code db_begin_write(db_conn *c, err *e)
{
    return db_begin(c, c->owner->ops->begin_write_sql, e);
}

err_code db_begin_read(db_conn *c, err *e)
{
    return db_begin(c, c->owner->ops->begin_read_sql, e);
}

err_code db_commit(db_conn *c, err *e)
{
    if (!c->in_tx) return err_set(e, ERR_INTERNAL, "commit without a transaction");
    err_code rc = c->owner->ops->exec_script(c->handle, "COMMIT", e);
    if (rc != OK) {
        db_rollback(c);
        return rc;
    }
    c->in_tx = false;
    return OK;
}

void db_rollback(db_conn *c)
{
    if (!c->in_tx) return;
    err ignored = ERR_INIT;
    c->owner->ops->exec_script(c->handle, "ROLLBACK", &ignored);
    err_clear(&ignored);
    c->in_tx = false;
}

err_code db_prepare_bulk(db_conn *c, err *e)
{
    if (c->in_tx) return err_set(e, ERR_INTERNAL, "db_prepare_bulk inside a transaction");
    if (!c->owner->ops->prepare_bulk) return OK;
    err_code rc = c->owner->ops->prepare_bulk(c->handle, e);
    if (rc == OK) c->bulk = true;
    return rc;
}

/* A table or column name from the caller's code: [a-z_][a-z0-9_]*. */
static bool db_identifier(const char *s)
{
    if (!*s) return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_' || (p != s && *p >= '0' && *p <= '9'))) return false;
    return true;
}

struct db_stage {
    db_conn *c;
    void *handle; /* the backend's, owned until db_stage_end */
};

err_code db_stage_begin(db_conn *c, const char *name, const char *columns, size_t n_cols, db_stage **out, err *e)
{
    *out = NULL;
    if (!c->in_tx) return err_set(e, ERR_INTERNAL, "db_stage_begin outside a transaction");
    if (!db_identifier(name) || n_cols == 0) return err_set(e, ERR_INTERNAL, "staging table \"%s\" is not a name", name);
    void *handle = NULL;
    err_code rc = c->owner->ops->stage_begin(c->handle, name, columns, n_cols, &handle, e);
    if (rc != OK) return rc;
    db_stage *s = xcalloc(1, sizeof *s);
    s->c = c;
    s->handle = handle;
    *out = s;
    return OK;
}

err_code db_stage_row(db_stage *s, const char *const *cells, err *e)
{
    return s->c->owner->ops->stage_row(s->handle, cells, e);
}

err_code db_stage_pause(db_stage *s, err *e)
{
    return s->c->owner->ops->stage_pause(s->handle, e);
}

err_code db_stage_clear(db_stage *s, err *e)
{
    return s->c->owner->ops->stage_clear(s->handle, e);
}

err_code db_stage_end(db_stage *s, err *e)
{
    if (!s) return OK;
    err_code rc = s->c->owner->ops->stage_end(s->handle, e);
    free(s);
    return rc;
}

struct db_repeat {
    db_conn *c;
    void *handle; /* the backend's, owned */
};

err_code db_repeat_prepare(db_conn *c, const char *sql, size_t n_params, db_repeat **out, err *e)
{
    *out = NULL;
    void *handle = NULL;
    err_code rc = c->owner->ops->repeat_prepare(c->handle, sql, n_params, &handle, e);
    if (rc != OK) return rc;
    db_repeat *r = xcalloc(1, sizeof *r);
    r->c = c;
    r->handle = handle;
    *out = r;
    return OK;
}

err_code db_repeat_run(db_repeat *r, const char *const *params, err *e)
{
    return r->c->owner->ops->repeat_run(r->handle, params, e);
}

void db_repeat_free(db_repeat *r)
{
    if (!r) return;
    r->c->owner->ops->repeat_free(r->handle);
    free(r);
}

err_code db_reserve_ids(db_conn *c, const char *table, size_t n, long *ids, err *e)
{
    if (!c->in_tx) return err_set(e, ERR_INTERNAL, "db_reserve_ids outside a transaction");
    if (!db_identifier(table)) return err_set(e, ERR_INTERNAL, "\"%s\" is not a table name", table);
    if (n == 0) return OK;
    return c->owner->ops->reserve_ids(c->handle, table, n, ids, e);
}

struct db_index_set {
    char **sql; /* owned, NULL-ended: each index's CREATE statement */
};

err_code db_indexes_set_aside(db_conn *c, const char *table, const char *const *names, db_index_set **saved, err *e)
{
    *saved = NULL;
    if (!c->in_tx) return err_set(e, ERR_INTERNAL, "db_indexes_set_aside outside a transaction");
    if (!db_identifier(table)) return err_set(e, ERR_INTERNAL, "\"%s\" is not a table name", table);
    for (size_t i = 0; names[i]; i++)
        if (!db_identifier(names[i])) return err_set(e, ERR_INTERNAL, "\"%s\" is not an index name", names[i]);
    if (!c->owner->ops->indexes_set_aside) return OK;
    char **sql = NULL;
    err_code rc = c->owner->ops->indexes_set_aside(c->handle, table, names, &sql, e);
    if (rc != OK) return rc;
    *saved = xcalloc(1, sizeof **saved);
    (*saved)->sql = sql;
    return OK;
}

err_code db_indexes_restore(db_conn *c, db_index_set *saved, err *e)
{
    if (!saved) return OK;
    err_code rc = OK;
    for (size_t i = 0; saved->sql[i]; i++) {
        if (rc == OK) rc = c->owner->ops->exec_script(c->handle, saved->sql[i], e);
        free(saved->sql[i]);
    }
    free(saved->sql);
    free(saved);
    return rc;
}

bool db_in_transaction(const db_conn *c)
{
    return c->in_tx;
}

const char *db_row_lock_clause(const db_conn *c)
{
    return c->owner->ops->row_lock_clause;
}

const char *db_claim_clause(const db_conn *c)
{
    return c->owner->ops->claim_clause;
}

err_code db_is_initialized(db *d, bool *out, err *e)
{
    db_conn *c = db_acquire(d);
    err_code rc = d->ops->is_initialized(c->handle, out, e);
    db_release(c);
    return rc;
}

static int db_cmp_embedded(const void *a, const void *b)
{
    const embedded_file *const *x = a, *const *y = b;
    return strcmp((*x)->path, (*y)->path);
}

err_code db_pending_migrations(db *d, int *pending, err *e)
{
    *pending = 0;
    const char *prefix = d->ops->migrations_dir;
    size_t plen = strlen(prefix);
    db_conn *c = db_acquire(d);
    err_code rc = OK;
    for (size_t i = 0; rc == OK && i < embedded_files_count; i++) {
        if (strncmp(embedded_files[i].path, prefix, plen) != 0) continue;
        char vtext[16];
        snprintf(vtext, sizeof vtext, "%d", atoi(embedded_files[i].path + plen));
        db_rows *seen = NULL;
        rc = db_query(c, "SELECT 1 FROM schema_migration WHERE version = $1", DB_PARAMS(vtext), &seen, e);
        if (rc == OK && seen->n_rows == 0) (*pending)++;
        db_rows_free(seen);
    }
    db_release(c);
    return rc;
}

err_code db_migrate(db *d, int *applied, err *e)
{
    *applied = 0;
    const char *prefix = d->ops->migrations_dir;
    size_t plen = strlen(prefix);
    const embedded_file **files = xcalloc(embedded_files_count + 1, sizeof *files);
    size_t n_files = 0;
    for (size_t i = 0; i < embedded_files_count; i++)
        if (strncmp(embedded_files[i].path, prefix, plen) == 0) files[n_files++] = &embedded_files[i];
    qsort(files, n_files, sizeof *files, db_cmp_embedded);

    err_code rc = OK;
    db_conn *c = db_acquire(d);
    bool initialized = false;
    rc = d->ops->is_initialized(c->handle, &initialized, e);
    if (rc != OK) goto cleanup;

    for (size_t i = 0; i < n_files; i++) {
        const char *base = files[i]->path + plen;
        int version = atoi(base);
        if (version <= 0) {
            rc = err_set(e, ERR_INTERNAL, "migration %s has no version number", files[i]->path);
            goto cleanup;
        }
        if ((rc = db_begin_write(c, e)) != OK) goto cleanup;
        if (initialized || i > 0) {
            char vtext[16];
            snprintf(vtext, sizeof vtext, "%d", version);
            db_rows *seen = NULL;
            rc = db_query(c, "SELECT 1 FROM schema_migration WHERE version = $1", DB_PARAMS(vtext), &seen, e);
            bool done = rc == OK && seen->n_rows > 0;
            db_rows_free(seen);
            if (rc != OK) goto cleanup;
            if (done) {
                db_rollback(c);
                continue;
            }
        }
        rc = d->ops->exec_script(c->handle, (const char *)files[i]->data, e);
        if (rc != OK) {
            err_set(e, rc, "migration %s failed: %s", base, e && e->message ? e->message : "");
            goto cleanup;
        }
        char vtext[16], now[TIME_CANON_LEN];
        snprintf(vtext, sizeof vtext, "%d", version);
        time_now_canon(now);
        rc = db_query(c, "INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)",
                      DB_PARAMS(vtext, base, now), NULL, e);
        if (rc != OK) goto cleanup;
        if ((rc = db_commit(c, e)) != OK) goto cleanup;
        (*applied)++;
    }
cleanup:
    db_release(c); /* rolls back whatever is open */
    free(files);
    return rc;
}

err_code db_backup(db *d, const char *path, err *e)
{
    if (!d->ops->backup)
        return err_set(e, ERR_VALIDATION,
                       "%s stores are backed up with pg_dump or pg_basebackup; see docs/operations.md",
                       d->ops->name);
    db_conn *c = db_acquire(d);
    err_code rc = d->ops->backup(c->handle, path, e);
    db_release(c);
    return rc;
}

err_code db_restore(db *d, const char *path, err *e)
{
    if (!d->ops->restore)
        return err_set(e, ERR_VALIDATION,
                       "%s stores are restored with pg_restore; then run mamori audit verify (docs/operations.md)",
                       d->ops->name);
    db_conn *c = db_acquire(d);
    err_code rc = d->ops->restore(c->handle, path, e);
    db_release(c);
    return rc;
}

err_code db_grant_app_role(db *d, const char *role, err *e)
{
    if (!d->ops->grant_app_role || !role || !*role) return OK;
    for (const char *p = role; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_' || (p != role && *p >= '0' && *p <= '9')))
            return err_set(e, ERR_VALIDATION, "pg_app_role \"%s\": use lowercase letters, digits and _", role);
    db_conn *c = db_acquire(d);
    err_code rc = d->ops->grant_app_role(c->handle, role, e);
    db_release(c);
    return rc;
}
