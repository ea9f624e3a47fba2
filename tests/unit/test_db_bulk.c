/* Unit tests for what db offers writes of many rows, on a real SQLite store: staging
 * tables (rows with NULLs read by INSERT … SELECT, staged in parts, emptied between
 * them, gone at the end and after a rollback), ids reserved after the largest, a
 * statement run per row, indexes set aside and built again as they were, and the
 * rollback journal of a bulk write on a store no one else has open. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "db/db.h"

typedef struct fixture {
    char dir[64];
    db *store;
    db_conn *c;
} fixture;

static int setup(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/mamori-unit-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    char *url = xasprintf("sqlite:%s/m.db", f->dir);
    err e = ERR_INIT;
    int rc = db_open(url, 1, DB_OPEN_CREATE, &f->store, &e) == OK ? 0 : -1;
    free(url);
    if (rc != 0) return -1;
    f->c = db_acquire(f->store);
    if (db_query(f->c, "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER, note TEXT)",
                 DB_NO_PARAMS, NULL, &e) != OK ||
        db_query(f->c, "CREATE INDEX item_name ON item (name, id)", DB_NO_PARAMS, NULL, &e) != OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    db_release(f->c);
    db_close(f->store);
    char *cmd = xasprintf("rm -rf %s", f->dir);
    int rc = system(cmd);
    free(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

static const char *cell(fixture *f, const char *sql)
{
    static char out[256];
    db_rows *rows = NULL;
    err e = ERR_INIT;
    if (db_query(f->c, sql, DB_NO_PARAMS, &rows, &e) != OK) fail_msg("%s: %s", sql, e.message);
    snprintf(out, sizeof out, "%s", rows->n_rows && db_cell(rows, 0, 0) ? db_cell(rows, 0, 0) : "(null)");
    db_rows_free(rows);
    return out;
}

static void test_stage(void **state)
{
    fixture *f = *state;
    err e = ERR_INIT;
    assert_int_equal(db_begin_write(f->c, &e), OK);
    db_stage *st = NULL;
    assert_int_equal(db_stage_begin(f->c, "item_stage", "id BIGINT, name TEXT, n INTEGER, note TEXT", 4, &st, &e), OK);
    /* Two parts: each staged, written, the stage emptied. */
    for (int part = 0; part < 2; part++) {
        for (int i = 0; i < 1000; i++) {
            char id[24], n[24];
            snprintf(id, sizeof id, "%d", part * 1000 + i + 1);
            snprintf(n, sizeof n, "%d", i);
            const char *row[] = {id, i % 2 ? "奇数, \"引用\"\n改行" : "偶数", i % 3 ? n : NULL, i % 5 ? "" : NULL};
            assert_int_equal(db_stage_row(st, row, &e), OK);
        }
        assert_int_equal(db_stage_pause(st, &e), OK);
        assert_string_equal(cell(f, "SELECT count(*) FROM item_stage"), "1000");
        assert_int_equal(db_query(f->c, "INSERT INTO item (id, name, n, note) SELECT id, name, n, note FROM item_stage",
                                  DB_NO_PARAMS, NULL, &e),
                         OK);
        assert_int_equal(db_stage_clear(st, &e), OK);
        assert_string_equal(cell(f, "SELECT count(*) FROM item_stage"), "0");
    }
    assert_int_equal(db_stage_end(st, &e), OK);
    assert_int_equal(db_commit(f->c, &e), OK);
    assert_string_equal(cell(f, "SELECT count(*) FROM item"), "2000");
    /* Integers staged as text land as integers; NULL and the empty text stay apart. */
    assert_string_equal(cell(f, "SELECT typeof(n) FROM item WHERE id = 2"), "integer");
    assert_string_equal(cell(f, "SELECT count(*) FROM item WHERE n IS NULL"), "668");
    assert_string_equal(cell(f, "SELECT count(*) FROM item WHERE note IS NULL"), "400");
    assert_string_equal(cell(f, "SELECT name FROM item WHERE id = 1002"), "奇数, \"引用\"\n改行");
    assert_string_equal(cell(f, "SELECT count(*) FROM sqlite_temp_master WHERE name = 'item_stage'"), "0");

    /* A rollback takes the stage away too; the name can be staged again. */
    assert_int_equal(db_begin_write(f->c, &e), OK);
    assert_int_equal(db_stage_begin(f->c, "item_stage", "id BIGINT, name TEXT, n INTEGER, note TEXT", 4, &st, &e), OK);
    const char *row[] = {"9999", "x", NULL, NULL};
    assert_int_equal(db_stage_row(st, row, &e), OK);
    db_rollback(f->c);
    assert_int_equal(db_stage_end(st, &e), OK); /* nothing left to drop: ends all the same */
    assert_int_equal(db_begin_write(f->c, &e), OK);
    assert_int_equal(db_stage_begin(f->c, "item_stage", "id BIGINT, name TEXT, n INTEGER, note TEXT", 4, &st, &e), OK);
    assert_string_equal(cell(f, "SELECT count(*) FROM item_stage"), "0");
    assert_int_equal(db_stage_end(st, &e), OK);
    db_rollback(f->c);
}

static void test_reserve_repeat_and_indexes(void **state)
{
    fixture *f = *state;
    err e = ERR_INIT;
    assert_int_equal(db_query(f->c, "INSERT INTO item (id, name) VALUES (41, 'a'), (7, 'b')", DB_NO_PARAMS, NULL, &e),
                     OK);
    long ids[3];
    assert_int_equal(db_reserve_ids(f->c, "item", 3, ids, &e), ERR_INTERNAL); /* outside a transaction */
    err_clear(&e);
    assert_int_equal(db_begin_write(f->c, &e), OK);
    assert_int_equal(db_reserve_ids(f->c, "item", 3, ids, &e), OK);
    assert_int_equal(ids[0], 42);
    assert_int_equal(ids[2], 44);

    /* The index set aside is gone meanwhile and comes back as it was. */
    char *before = xstrdup(cell(f, "SELECT sql FROM sqlite_master WHERE name = 'item_name'"));
    assert_string_equal(before, "CREATE INDEX item_name ON item (name, id)");
    db_index_set *aside = NULL;
    static const char *const names[] = {"item_name", "no_such_index", NULL};
    assert_int_equal(db_indexes_set_aside(f->c, "item", names, &aside, &e), OK);
    assert_string_equal(cell(f, "SELECT count(*) FROM sqlite_master WHERE name = 'item_name'"), "0");
    db_repeat *r = NULL;
    assert_int_equal(db_repeat_prepare(f->c, "INSERT INTO item (name, id) VALUES ($2, CAST($1 AS INTEGER))", 2, &r, &e),
                     OK);
    for (int i = 0; i < 3; i++) {
        char id[24];
        snprintf(id, sizeof id, "%ld", ids[i]);
        assert_int_equal(db_repeat_run(r, (const char *const[]){id, i == 1 ? "z" : "c"}, &e), OK);
    }
    db_repeat_free(r);
    assert_int_equal(db_indexes_restore(f->c, aside, &e), OK);
    assert_int_equal(db_commit(f->c, &e), OK);
    assert_string_equal(cell(f, "SELECT sql FROM sqlite_master WHERE name = 'item_name'"), before);
    free(before);
    assert_string_equal(cell(f, "SELECT group_concat(id) FROM (SELECT id FROM item INDEXED BY item_name"
                                " WHERE name > 'a' ORDER BY name, id)"),
                        "7,42,44,43");
    assert_string_equal(cell(f, "PRAGMA integrity_check"), "ok");
}

/* A bulk write on the store's only connection uses the rollback journal, and the WAL
 * is back at the release; with another connection open the WAL stays; a connection
 * that opens the store meanwhile is not refused. */
static void test_bulk_journal(void **state)
{
    fixture *f = *state;
    err e = ERR_INIT;
    assert_string_equal(cell(f, "PRAGMA journal_mode"), "wal");
    assert_int_equal(db_prepare_bulk(f->c, &e), OK);
    assert_string_equal(cell(f, "PRAGMA journal_mode"), "delete");
    assert_int_equal(db_begin_write(f->c, &e), OK);
    assert_int_equal(db_query(f->c, "INSERT INTO item (name) VALUES ('bulk')", DB_NO_PARAMS, NULL, &e), OK);
    /* Another store handle opens meanwhile (a server started during an import). */
    char *url = xasprintf("sqlite:%s/m.db", f->dir);
    db *other = NULL;
    assert_int_equal(db_open(url, 1, 0, &other, &e), OK);
    assert_int_equal(db_commit(f->c, &e), OK);
    db_conn *oc = db_acquire(other);
    db_rows *rows = NULL;
    assert_int_equal(db_query(oc, "SELECT count(*) FROM item WHERE name = 'bulk'", DB_NO_PARAMS, &rows, &e), OK);
    assert_string_equal(db_cell(rows, 0, 0), "1");
    db_rows_free(rows);
    db_release(oc);
    db_close(other);
    /* The release puts the WAL back. */
    db_release(f->c);
    f->c = db_acquire(f->store);
    assert_string_equal(cell(f, "PRAGMA journal_mode"), "wal");

    /* With another connection open, the WAL stays (and nothing waits). */
    assert_int_equal(db_open(url, 1, 0, &other, &e), OK);
    oc = db_acquire(other);
    assert_int_equal(db_query(oc, "SELECT count(*) FROM item", DB_NO_PARAMS, &rows, &e), OK);
    db_rows_free(rows);
    assert_int_equal(db_prepare_bulk(f->c, &e), OK);
    assert_string_equal(cell(f, "PRAGMA journal_mode"), "wal");
    db_release(oc);
    db_close(other);
    db_release(f->c);
    f->c = db_acquire(f->store);
    free(url);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reserve_repeat_and_indexes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk_journal, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
