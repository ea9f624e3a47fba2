/* db — mamori's store: one interface, two backends (SQLite, PostgreSQL).
 *
 * SQL is written once where the dialects agree and always with bound parameters
 * written $1, $2, … (both backends bind them by number, whatever their order of
 * appearance). Every parameter and every result cell is text or NULL: the backends
 * convert, so the domain never deals with per-backend types. What the dialects do
 * differently (migrations, locking, backup, schema inspection) lives in the backend
 * files behind db_backend_ops, never in the domain.
 *
 * A db is a pool of connections; a thread takes one with db_acquire for the length of
 * a request and gives it back with db_release. */
#ifndef MAMORI_DB_H
#define MAMORI_DB_H
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

typedef enum db_kind { DB_SQLITE, DB_POSTGRES } db_kind;

typedef struct db db;
typedef struct db_conn db_conn;

typedef struct db_rows {
    size_t n_rows;
    size_t n_cols;
    char **names; /* n_cols column names */
    char **cells; /* n_rows * n_cols, row-major; NULL for SQL NULL */
} db_rows;

#define DB_OPEN_CREATE 1 /* create the SQLite file when missing (init only) */

/* Opens a pool of pool_size connections to url ("sqlite:PATH", "postgresql://…",
 * "postgres://…"). The db is owned by the caller and freed with db_close. */
err_code db_open(const char *url, int pool_size, int flags, db **out, err *e);
void db_close(db *d);
db_kind db_kind_of(const db *d);
const char *db_kind_name(const db *d);
/* The backend a connection belongs to (for the few modules that keep per-backend SQL
 * tables of their own, as search_index does). */
db_kind db_conn_kind(const db_conn *c);

/* Takes a connection from the pool, waiting for one to be free. */
db_conn *db_acquire(db *d);
/* Gives it back; an open transaction is rolled back first. */
void db_release(db_conn *c);

/* Runs one statement with text parameters (NULL = SQL NULL). When out is not NULL the
 * result rows are returned there, owned by the caller (db_rows_free). */
err_code db_query(db_conn *c, const char *sql, const char *const *params, size_t n_params, db_rows **out,
                  err *e);
void db_rows_free(db_rows *r);
/* The cell at row r, column col (NULL for SQL NULL or out of range). */
const char *db_cell(const db_rows *rows, size_t r, size_t col);
/* An optional text as a parameter: "" (a cleared field) is bound as SQL NULL. */
const char *db_opt_text(const char *s);

/* Parameter-list helper: db_query(c, sql, DB_PARAMS("a", b), &rows, e). */
#define DB_PARAMS(...) ((const char *const[]){__VA_ARGS__}), (sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))
#define DB_NO_PARAMS NULL, 0

/* Transactions. A write transaction takes the write lock at once (SQLite's BEGIN
 * IMMEDIATE), so read-then-write sequences never fail half-way on lock upgrade. */
err_code db_begin_write(db_conn *c, err *e);
err_code db_begin_read(db_conn *c, err *e);
err_code db_commit(db_conn *c, err *e);
void db_rollback(db_conn *c);
bool db_in_transaction(const db_conn *c);
/* Readies a connection, outside a transaction, for one that writes a great deal (an
 * import). On SQLite: a page cache large enough that what the transaction writes stays
 * in memory, and — when no other connection has the store open — the rollback journal
 * instead of the WAL for as long as the connection is in use: the pages are then
 * written once, into the store, where the WAL writes them twice (to the log, then at
 * the checkpoint into the store), and only the few pages that existed before are
 * journalled. Atomic and durable all the same; another connection that opens the store
 * meanwhile waits for the commit to read, as under any rollback journal. db_release
 * puts the WAL back. Nothing on PostgreSQL. */
err_code db_prepare_bulk(db_conn *c, err *e);

/* Staging: many rows handed to the store at once, for set-based statements (INSERT …
 * SELECT) of the same transaction to read — an import writes its rows so, rather than
 * one statement per row and table. db_stage_begin makes the temporary table name
 * (columns: "id BIGINT, name TEXT, …", from the caller's code, never input), with no
 * index and no constraint; db_stage_row appends one row of n_cols cells (text, NULL for
 * SQL NULL; the statements that read them convert them as they would parameters).
 * db_stage_pause lets other statements run on c — those reading the rows staged so far
 * — and the next db_stage_row goes on staging; db_stage_clear (after a pause) empties
 * the table for the rows to come; db_stage_end removes the table (and frees the stage
 * in every case). A rollback removes the table too.
 * SQLite: a virtual table over rows kept in memory (db_sqlite_bulk.c); PostgreSQL: a
 * temp table (ON COMMIT DROP) filled by COPY, which holds the connection until paused
 * or ended. Inside a write transaction. */
typedef struct db_stage db_stage;
err_code db_stage_begin(db_conn *c, const char *name, const char *columns, size_t n_cols, db_stage **out, err *e);
err_code db_stage_row(db_stage *s, const char *const *cells, err *e);
err_code db_stage_pause(db_stage *s, err *e);
err_code db_stage_clear(db_stage *s, err *e);
err_code db_stage_end(db_stage *s, err *e);

/* One statement run once per row of a bulk write (an import's search tokens): prepared
 * once, its parameters ($1 … $n_params, text or NULL) bound on each run, no result
 * rows — what db_query does per call (finding the statement, naming its parameters,
 * building a result) done once. Inside a transaction; sql is the caller's constant. */
typedef struct db_repeat db_repeat;
err_code db_repeat_prepare(db_conn *c, const char *sql, size_t n_params, db_repeat **out, err *e);
err_code db_repeat_run(db_repeat *r, const char *const *params, err *e);
void db_repeat_free(db_repeat *r);

/* n ids for new rows of table (whose key is the column id), ascending, into ids: on
 * SQLite the ones after the largest (consecutive: the write transaction excludes every
 * other writer), on PostgreSQL from the column's sequence. Inside a write
 * transaction; table is a constant of the caller's code. */
err_code db_reserve_ids(db_conn *c, const char *table, size_t n, long *ids, err *e);

/* For a write that at least doubles a table (an import into a young ledger): the named
 * indexes of the table (NULL-ended; not those of its constraints) are set aside, and
 * built again once the rows are in — one sort each instead of a descent per row and
 * index, worth it for keys the rows come in no order of. On SQLite they are dropped and
 * created again in the caller's transaction (readers keep their snapshot, indexes and
 * all; the rollback brings them back); on PostgreSQL nothing is done (dropping an index
 * there locks readers out of the table until the commit). *saved is owned by the caller
 * until db_indexes_restore, which frees it; no statement in between may need them for
 * speed. table and names are constants of the caller's. */
typedef struct db_index_set db_index_set;
err_code db_indexes_set_aside(db_conn *c, const char *table, const char *const *names, db_index_set **saved, err *e);
err_code db_indexes_restore(db_conn *c, db_index_set *saved, err *e);

/* " FOR UPDATE" on backends with row locks, "" where the transaction already holds
 * the write lock (SQLite). Used to lock single rows such as the audit chain head. */
const char *db_row_lock_clause(const db_conn *c);

/* " FOR UPDATE SKIP LOCKED" where rows can be claimed without waiting (PostgreSQL);
 * "" on SQLite, whose write transaction already excludes other claimers. */
const char *db_claim_clause(const db_conn *c);

/* True when the store has mamori's schema (a schema_migration table). */
err_code db_is_initialized(db *d, bool *out, err *e);
/* How many embedded migrations the store has not applied yet. */
err_code db_pending_migrations(db *d, int *pending, err *e);
/* Applies the embedded migrations not yet recorded; *applied counts them. */
err_code db_migrate(db *d, int *applied, err *e);
/* On PostgreSQL: creates the login role the servers connect as (unless it exists)
 * and grants it what the application needs — on the audit trail only INSERT and
 * SELECT. A no-op on SQLite. Run after every migration. */
err_code db_grant_app_role(db *d, const char *role, err *e);
/* A consistent copy of a SQLite store while it is in use (online backup API).
 * PostgreSQL stores are backed up with pg_dump or pg_basebackup (docs/operations.md). */
err_code db_backup(db *d, const char *path, err *e);
/* Copies a backup made by db_backup into this store (SQLite only; the caller checks the
 * store is empty). */
err_code db_restore(db *d, const char *path, err *e);

#endif
