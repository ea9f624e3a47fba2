/* db_pg — the PostgreSQL store through libpq (see db.h, db_backend.h).
 * Parameters go as text through PQexecParams and the server infers their types from
 * the statement, so the SQL shared with SQLite needs no casts in the common cases.
 * Results come back as text, the same text SQLite gives for the same values. */
#include <libpq-fe.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "db/db_backend.h"

static err_code pg_fail(PGconn *conn, const PGresult *res, err *e, const char *what)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    /* Class 23 is integrity constraint violation; P0001 a trigger's RAISE; 42501 a
     * privilege refusal (the audit table is INSERT/SELECT only). */
    err_code kind = ERR_STORE;
    if (state && (strncmp(state, "23", 2) == 0 || strcmp(state, "P0001") == 0 || strcmp(state, "42501") == 0))
        kind = ERR_CONFLICT;
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    return err_set(e, kind, "%s: %.*s", what, (int)n, msg);
}

static void pg_notice_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* NOTICEs (e.g. "relation already exists, skipping") are not errors */
}

static err_code pg_connect(const char *url, int flags, void **handle, err *e)
{
    (void)flags;
    PGconn *conn = PQconnectdb(url);
    if (PQstatus(conn) != CONNECTION_OK) {
        err_code r = err_set(e, ERR_STORE, "cannot connect to PostgreSQL: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return r;
    }
    PQsetNoticeProcessor(conn, pg_notice_quiet, NULL);
    /* Canonical text for times and no surprises from the server's defaults. */
    PGresult *res = PQexec(conn, "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC';"
                                 " SET standard_conforming_strings = on;");
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        err_code r = pg_fail(conn, res, e, "configure session");
        PQclear(res);
        PQfinish(conn);
        return r;
    }
    PQclear(res);
    *handle = conn;
    return OK;
}

static void pg_disconnect(void *handle)
{
    PQfinish(handle);
}

/* A connection the server closed (a restart, a failover, a terminated backend) is
 * re-opened before the next statement, so the store comes back by itself. */
static void pg_revive(PGconn *conn)
{
    if (PQstatus(conn) == CONNECTION_BAD) PQreset(conn);
}

static err_code pg_query(void *handle, const char *sql, const char *const *params, size_t n_params, db_rows **out,
                         err *e)
{
    PGconn *conn = handle;
    pg_revive(conn);
    PGresult *res = PQexecParams(conn, sql, (int)n_params, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        err_code r = pg_fail(conn, res, e, "query");
        PQclear(res);
        return r;
    }
    if (out) {
        int n_cols = PQnfields(res), n_rows = PQntuples(res);
        db_rows *rows = db_rows_new((size_t)n_cols);
        for (int i = 0; i < n_cols; i++) rows->names[i] = xstrdup(PQfname(res, i));
        const char **cells = xcalloc((size_t)n_cols + 1, sizeof *cells);
        size_t *lens = xcalloc((size_t)n_cols + 1, sizeof *lens);
        for (int r = 0; r < n_rows; r++) {
            for (int i = 0; i < n_cols; i++) {
                cells[i] = PQgetisnull(res, r, i) ? NULL : PQgetvalue(res, r, i);
                lens[i] = (size_t)PQgetlength(res, r, i);
            }
            db_rows_add(rows, cells, lens);
        }
        free(cells);
        free(lens);
        *out = rows;
    }
    PQclear(res);
    return OK;
}

static err_code pg_exec_script(void *handle, const char *sql, err *e)
{
    PGconn *conn = handle;
    pg_revive(conn);
    PGresult *res = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(res);
    err_code rc = OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) rc = pg_fail(conn, res, e, "exec");
    PQclear(res);
    return rc;
}

static err_code pg_is_initialized(void *handle, bool *out, err *e)
{
    db_rows *rows = NULL;
    err_code rc = pg_query(handle, "SELECT to_regclass('schema_migration') IS NOT NULL", NULL, 0, &rows, e);
    if (rc == OK) *out = rows->n_rows > 0 && strcmp(db_cell(rows, 0, 0), "t") == 0;
    db_rows_free(rows);
    return rc;
}

static err_code pg_grant_app_role(void *handle, const char *role, err *e)
{
    PGconn *conn = handle;
    /* role is checked by db_grant_app_role to be a plain identifier; quoted anyway. */
    char *ident = PQescapeIdentifier(conn, role, strlen(role));
    if (!ident) return err_set(e, ERR_STORE, "cannot quote the role name: %s", PQerrorMessage(conn));
    db_rows *rows = NULL;
    err_code rc = pg_query(handle, "SELECT 1 FROM pg_roles WHERE rolname = $1", (const char *const[]){role}, 1, &rows, e);
    bool exists = rc == OK && rows->n_rows > 0;
    db_rows_free(rows);
    if (rc != OK) goto cleanup;
    char *create = exists ? xstrdup("") : xasprintf("CREATE ROLE %s LOGIN;", ident);
    char *sql = xasprintf("%s"
                          "GRANT USAGE ON SCHEMA public TO %s;"
                          "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %s;"
                          "REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM %s;"
                          "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migration FROM %s;"
                          "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %s;",
                          create, ident, ident, ident, ident, ident);
    rc = pg_exec_script(handle, sql, e);
    free(sql);
    free(create);
cleanup:
    PQfreemem(ident);
    return rc;
}

/* ---- staging (db_stage_*): COPY into a temporary table ---- */

#define PG_STAGE_FLUSH (1 << 20) /* bytes of COPY data sent at a time */

typedef struct pg_stage {
    PGconn *conn;
    char *name;     /* owned */
    char *copy_sql; /* owned: COPY pg_temp.name FROM STDIN */
    size_t n_cols;
    buf data; /* COPY text format, not yet sent */
    bool copying; /* a COPY holds the connection */
    bool failed;
} pg_stage;

static err_code pg_stage_copy(pg_stage *st, err *e)
{
    PGresult *res = PQexec(st->conn, st->copy_sql);
    err_code rc = PQresultStatus(res) == PGRES_COPY_IN ? OK : pg_fail(st->conn, res, e, "stage");
    PQclear(res);
    if (rc == OK) st->copying = true;
    return rc;
}

/* Ends the COPY in progress (an error message makes the server refuse it), then reads
 * its result: the connection is usable again only after both. */
static err_code pg_stage_copy_end(pg_stage *st, err_code rc, err *e)
{
    if (!st->copying) return rc;
    st->copying = false;
    if (PQputCopyEnd(st->conn, rc == OK ? NULL : "the staging failed") != 1 && rc == OK)
        rc = err_set(e, ERR_STORE, "stage: %s", PQerrorMessage(st->conn));
    PGresult *res;
    while ((res = PQgetResult(st->conn)) != NULL) {
        if (rc == OK && PQresultStatus(res) != PGRES_COMMAND_OK) rc = pg_fail(st->conn, res, e, "stage");
        PQclear(res);
    }
    return rc;
}

static err_code pg_stage_begin(void *handle, const char *name, const char *columns, size_t n_cols, void **out,
                               err *e)
{
    PGconn *conn = handle;
    pg_revive(conn);
    /* name and columns come from the caller's code (db_stage_begin checks the name). */
    char *sql = xasprintf("DROP TABLE IF EXISTS pg_temp.%s; CREATE TEMP TABLE %s (%s) ON COMMIT DROP", name, name,
                          columns);
    err_code rc = pg_exec_script(conn, sql, e);
    free(sql);
    if (rc != OK) return rc;
    pg_stage *st = xcalloc(1, sizeof *st);
    st->conn = conn;
    st->name = xstrdup(name);
    st->copy_sql = xasprintf("COPY pg_temp.%s FROM STDIN", name);
    st->n_cols = n_cols;
    buf_init(&st->data, 0);
    *out = st;
    return OK;
}

static err_code pg_stage_flush(pg_stage *st, err *e)
{
    if (st->data.len && PQputCopyData(st->conn, st->data.data, (int)st->data.len) != 1) {
        st->failed = true;
        return err_set(e, ERR_STORE, "stage: %s", PQerrorMessage(st->conn));
    }
    buf_reset(&st->data);
    return OK;
}

static err_code pg_stage_row(void *stage, const char *const *cells, err *e)
{
    pg_stage *st = stage;
    if (st->failed) return err_set(e, ERR_STORE, "stage: an earlier row failed");
    if (!st->copying && pg_stage_copy(st, e) != OK) {
        st->failed = true;
        return ERR_STORE;
    }
    for (size_t i = 0; i < st->n_cols; i++) {
        if (i) buf_append(&st->data, "\t", 1);
        if (!cells[i]) {
            buf_append(&st->data, "\\N", 2);
            continue;
        }
        /* COPY's text format: backslash, tab, line feed and carriage return escaped. */
        const char *p = cells[i], *run = p;
        for (; *p; p++) {
            const char *esc = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : NULL;
            if (!esc) continue;
            buf_append(&st->data, run, (size_t)(p - run));
            buf_append(&st->data, esc, 2);
            run = p + 1;
        }
        buf_append(&st->data, run, (size_t)(p - run));
    }
    buf_append(&st->data, "\n", 1);
    return st->data.len >= PG_STAGE_FLUSH ? pg_stage_flush(st, e) : OK;
}

static err_code pg_stage_pause(void *stage, err *e)
{
    pg_stage *st = stage;
    err_code rc = st->failed ? err_set(e, ERR_STORE, "stage: an earlier row failed") : pg_stage_flush(st, e);
    rc = pg_stage_copy_end(st, rc, e);
    if (rc != OK) st->failed = true;
    return rc;
}

static err_code pg_stage_clear(void *stage, err *e)
{
    pg_stage *st = stage;
    err_code rc = pg_stage_pause(st, e);
    if (rc != OK) return rc;
    char *sql = xasprintf("TRUNCATE pg_temp.%s", st->name);
    rc = pg_exec_script(st->conn, sql, e);
    free(sql);
    return rc;
}

static err_code pg_stage_end(void *stage, err *e)
{
    pg_stage *st = stage;
    err_code rc = st->failed ? ERR_STORE : pg_stage_flush(st, e);
    rc = pg_stage_copy_end(st, rc, e);
    if (rc == OK) {
        char *sql = xasprintf("DROP TABLE pg_temp.%s", st->name);
        rc = pg_exec_script(st->conn, sql, e);
        free(sql);
    }
    buf_free(&st->data);
    free(st->name);
    free(st->copy_sql);
    free(st);
    return rc;
}

/* ---- one statement, many runs (db_repeat_*): a prepared statement of the session ---- */

typedef struct pg_repeat {
    PGconn *conn;
    char name[40];
    int n_params;
} pg_repeat;

/* Numbers the prepared statements of the process, so a name is never used twice in a
 * session (one left behind by a failed transaction stays until the session ends).
 * Shared by every thread: atomic. */
static atomic_ulong pg_repeat_seq;

static err_code pg_repeat_prepare(void *handle, const char *sql, size_t n_params, void **out, err *e)
{
    PGconn *conn = handle;
    pg_revive(conn);
    pg_repeat *r = xcalloc(1, sizeof *r);
    r->conn = conn;
    r->n_params = (int)n_params;
    snprintf(r->name, sizeof r->name, "mamori_repeat_%lu", atomic_fetch_add(&pg_repeat_seq, 1) + 1);
    PGresult *res = PQprepare(conn, r->name, sql, r->n_params, NULL);
    err_code rc = PQresultStatus(res) == PGRES_COMMAND_OK ? OK : pg_fail(conn, res, e, "prepare");
    PQclear(res);
    if (rc != OK) {
        free(r);
        return rc;
    }
    *out = r;
    return OK;
}

static err_code pg_repeat_run(void *repeat, const char *const *params, err *e)
{
    pg_repeat *r = repeat;
    PGresult *res = PQexecPrepared(r->conn, r->name, r->n_params, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    err_code rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? OK : pg_fail(r->conn, res, e, "query");
    PQclear(res);
    return rc;
}

static void pg_repeat_free(void *repeat)
{
    pg_repeat *r = repeat;
    /* In a failed transaction DEALLOCATE fails too; the statement then lives until the
     * session ends, harmless under its name used once. */
    char *sql = xasprintf("DEALLOCATE %s", r->name);
    PGresult *res = PQexec(r->conn, sql);
    PQclear(res);
    free(sql);
    free(r);
}

static err_code pg_reserve_ids(void *handle, const char *table, size_t n, long *ids, err *e)
{
    char count[24];
    snprintf(count, sizeof count, "%zu", n);
    db_rows *rows = NULL;
    err_code rc = pg_query(handle,
                           "SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, CAST($2 AS BIGINT))"
                           " ORDER BY 1",
                           (const char *const[]){table, count}, 2, &rows, e);
    if (rc == OK && rows->n_rows != n) rc = err_set(e, ERR_STORE, "%s: %zu ids reserved, not %zu", table, rows->n_rows, n);
    for (size_t i = 0; rc == OK && i < n; i++) ids[i] = atol(db_cell(rows, i, 0));
    db_rows_free(rows);
    return rc;
}

const db_backend_ops db_pg_ops = {
    .kind = DB_POSTGRES,
    .name = "postgresql",
    .migrations_dir = "migrations/postgres/",
    .claim_clause = " FOR UPDATE SKIP LOCKED",
    .row_lock_clause = " FOR UPDATE",
    .connect = pg_connect,
    .disconnect = pg_disconnect,
    .query = pg_query,
    .exec_script = pg_exec_script,
    .begin_write_sql = "BEGIN",
    .begin_read_sql = "BEGIN",
    .is_initialized = pg_is_initialized,
    .backup = NULL,
    .grant_app_role = pg_grant_app_role,
    .stage_begin = pg_stage_begin,
    .stage_row = pg_stage_row,
    .stage_pause = pg_stage_pause,
    .stage_clear = pg_stage_clear,
    .stage_end = pg_stage_end,
    .reserve_ids = pg_reserve_ids,
    .repeat_prepare = pg_repeat_prepare,
    .repeat_run = pg_repeat_run,
    .repeat_free = pg_repeat_free,
};
