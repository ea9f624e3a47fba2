/* audit_verify — walks the trail from the first event and checks every link:
 * consecutive sequence numbers, each prev_hash equal to the previous event's hash,
 * each hash equal to SHA-256(prev_hash ‖ canonical content), what an event's detail
 * vouches for beyond its own bytes (audit_check_detail: the rows an import wrote, by
 * their digest), and the head row equal to the last event. The first discrepancy is
 * named by sequence number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/xalloc.h"
#include "domain/asset_import.h"

/* The events whose detail vouches for rows beyond the event's own bytes, and who checks
 * them (audit.h, audit_check_detail). */
static const struct {
    const char *action;
    err_code (*check)(db_conn *c, const char *detail, char **problem, err *e);
} audit_detail_checks[] = {
    {"asset.import", asset_import_check_event},
};

err_code audit_check_detail(db_conn *c, const char *action, const char *detail, char **problem, err *e)
{
    *problem = NULL;
    for (size_t i = 0; i < sizeof audit_detail_checks / sizeof audit_detail_checks[0]; i++)
        if (strcmp(action, audit_detail_checks[i].action) == 0) return audit_detail_checks[i].check(c, detail, problem, e);
    return OK;
}

#define AUDIT_VERIFY_BATCH "1000"

static void verify_fail(audit_verify_result *out, long seq, char *problem)
{
    out->ok = false;
    out->broken_seq = seq;
    out->problem = problem;
}

err_code audit_verify(db *d, audit_verify_result *out, err *e)
{
    return audit_verify_progress(d, out, NULL, NULL, e);
}

err_code audit_verify_progress(db *d, audit_verify_result *out, void (*progress)(void *arg, long done), void *arg,
                               err *e)
{
    memset(out, 0, sizeof *out);
    out->ok = true;
    char prev[AUDIT_HASH_HEX];
    memset(prev, '0', 64);
    prev[64] = '\0';
    long expected = 1;
    err_code rc = OK;
    db_rows *rows = NULL;
    db_conn *c = db_acquire(d);
    /* One read transaction: a consistent snapshot even while a server appends. */
    if ((rc = db_begin_read(c, e)) != OK) goto cleanup;

    for (;;) {
        char after[24];
        snprintf(after, sizeof after, "%ld", expected - 1);
        db_rows_free(rows);
        rows = NULL;
        rc = db_query(c,
                      "SELECT seq, occurred_at, actor_id, actor, action, object_type, object_id, ip, detail,"
                      " prev_hash, hash FROM audit_event WHERE seq > CAST($1 AS BIGINT) ORDER BY seq LIMIT " AUDIT_VERIFY_BATCH,
                      DB_PARAMS(after), &rows, e);
        if (rc != OK) goto cleanup;
        if (rows->n_rows == 0) break;
        for (size_t i = 0; i < rows->n_rows; i++) {
            const char *seq = db_cell(rows, i, 0);
            long s = atol(seq);
            if (s != expected) {
                verify_fail(out, expected,
                            xasprintf("event %ld is missing (the next stored event is %ld)", expected, s));
                goto cleanup;
            }
            const char *stored_prev = db_cell(rows, i, 9), *stored_hash = db_cell(rows, i, 10);
            if (!stored_prev || strcmp(stored_prev, prev) != 0) {
                verify_fail(out, s,
                            xasprintf("event %ld does not link to event %ld (prev_hash differs)", s, s - 1));
                goto cleanup;
            }
            const char *fields[9];
            for (int f = 0; f < 9; f++) fields[f] = db_cell(rows, i, (size_t)f);
            for (int f = 0; f < 9; f++) {
                if (!fields[f] && f != 2) {
                    verify_fail(out, s, xasprintf("event %ld has an empty %s", s, rows->names[f]));
                    goto cleanup;
                }
            }
            size_t len;
            char *canon = audit_canonical(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
                                          fields[6], fields[7], fields[8], &len);
            char computed[AUDIT_HASH_HEX];
            audit_chain_hash(prev, canon, len, computed);
            free(canon);
            if (!stored_hash || strcmp(computed, stored_hash) != 0) {
                verify_fail(out, s, xasprintf("event %ld has been altered (its hash does not match its content)", s));
                goto cleanup;
            }
            char *problem = NULL;
            if ((rc = audit_check_detail(c, fields[4], fields[8], &problem, e)) != OK) goto cleanup;
            if (problem) {
                verify_fail(out, s, xasprintf("event %ld (%s): %s", s, fields[4], problem));
                free(problem);
                goto cleanup;
            }
            memcpy(prev, stored_hash, AUDIT_HASH_HEX);
            out->n_events++;
            expected++;
        }
        if (progress) progress(arg, out->n_events);
    }

    db_rows_free(rows);
    rows = NULL;
    rc = db_query(c, "SELECT seq, hash FROM audit_head WHERE id = 1", DB_NO_PARAMS, &rows, e);
    if (rc != OK) goto cleanup;
    if (rows->n_rows != 1) {
        verify_fail(out, expected, xstrdup("the chain head row is missing"));
        goto cleanup;
    }
    long head_seq = atol(db_cell(rows, 0, 0));
    if (head_seq != out->n_events) {
        verify_fail(out, head_seq > out->n_events ? out->n_events + 1 : head_seq + 1,
                    head_seq > out->n_events
                        ? xasprintf("events %ld to %ld are missing (the head records %ld events)", out->n_events + 1,
                                    head_seq, head_seq)
                        : xasprintf("event %ld is not recorded by the chain head (the head records %ld events)",
                                    head_seq + 1, head_seq));
        goto cleanup;
    }
    if (strcmp(db_cell(rows, 0, 1), prev) != 0) {
        verify_fail(out, head_seq, xasprintf("the chain head does not match event %ld", head_seq));
        goto cleanup;
    }
    memcpy(out->head_hash, prev, AUDIT_HASH_HEX);
cleanup:
    db_rows_free(rows);
    db_release(c);
    return rc;
}

void audit_verify_result_free(audit_verify_result *r)
{
    free(r->problem);
    r->problem = NULL;
}
