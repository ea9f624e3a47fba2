/* directory_link — linking accounts to directory accounts (see directory_link.h). */
#include "auth/directory_link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/directory.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

/* The name as stored: checked, then lower case (directory names compare without case,
 * so "Tanaka" and "tanaka" are one account and must not open two). NULL after adding a
 * field error when the name cannot be a directory account. Caller frees. */
static char *directory_link_normalize(const char *name, err *e)
{
    const char *why = directory_name_check(name);
    if (why) {
        err_field_add(e, "directory", "%s", why);
        return NULL;
    }
    char *out = xstrdup(name);
    for (char *p = out; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    return out;
}

/* ERR_CONFLICT when name is linked to an account other than account_id ("" for none). */
static err_code directory_link_check_free(db_conn *c, const char *name, const char *account_id, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT login FROM account WHERE directory_name = $1 AND CAST(id AS TEXT) <> $2",
                           DB_PARAMS(name, account_id), &rows, e);
    if (rc == OK && rows->n_rows > 0)
        rc = err_set(e, ERR_CONFLICT, "the directory account \"%s\" is already linked to the login \"%s\"", name,
                     db_cell(rows, 0, 0));
    db_rows_free(rows);
    return rc;
}

/* Account id, person id and current link of login; ERR_NOT_FOUND when there is none. */
static err_code directory_link_find(db_conn *c, const char *login, db_rows **rows, err *e)
{
    err_code rc = db_query(c, "SELECT id, person_id, directory_name FROM account WHERE login = $1", DB_PARAMS(login),
                           rows, e);
    if (rc == OK && (*rows)->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no account with the login \"%s\"", login);
    return rc;
}

err_code directory_link_create_account(db_conn *c, const audit_actor *actor, long person_id, const char *login,
                                       const char *name, err *e)
{
    if (!login || !*login) err_field_add(e, "login", "a login is required");
    char *stored = directory_link_normalize(name, e);
    if (e && e->n_fields) {
        free(stored);
        return ERR_VALIDATION;
    }
    char now[TIME_CANON_LEN], person[24];
    time_now_canon(now);
    snprintf(person, sizeof person, "%ld", person_id);
    db_rows *rows = NULL;
    err_code rc = directory_link_check_free(c, stored, "", e);
    if (rc != OK) goto cleanup;
    rc = db_query(c,
                  "INSERT INTO account (person_id, login, password_hash, directory_name, created_at)"
                  " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                  DB_PARAMS(person, login, DIRECTORY_NO_LOCAL_PASSWORD, stored, now), &rows, e);
    if (rc == ERR_CONFLICT) {
        /* The name was free a moment ago in this transaction: the login is what is taken. */
        err_clear(e);
        err_field_add(e, "login", "the login \"%s\" is already taken", login);
        rc = ERR_VALIDATION;
    }
    if (rc == OK) {
        json_t *detail = json_pack("{s:s, s:I, s:s}", "login", login, "person_id", (json_int_t)person_id,
                                   "directory_name", stored);
        rc = audit_append(c, actor, "account.create", "account", db_cell(rows, 0, 0), detail, e);
        json_decref(detail);
    }
cleanup:
    db_rows_free(rows);
    free(stored);
    return rc;
}

err_code directory_link_set(db_conn *c, const audit_actor *actor, const char *login, const char *name, err *e)
{
    char *stored = directory_link_normalize(name, e);
    if (!stored) return ERR_VALIDATION;
    db_rows *rows = NULL;
    err_code rc = directory_link_find(c, login, &rows, e);
    const char *id = rc == OK ? db_cell(rows, 0, 0) : NULL, *previous = rc == OK ? db_cell(rows, 0, 2) : NULL;
    if (rc == OK && previous && strcmp(previous, stored) == 0)
        rc = err_set(e, ERR_CONFLICT, "\"%s\" is already linked to the directory account \"%s\"", login, stored);
    if (rc == OK) rc = directory_link_check_free(c, stored, id, e);
    /* The local password goes: a linked person proves who they are to the directory only. */
    if (rc == OK)
        rc = db_query(c,
                      "UPDATE account SET directory_name = $1, password_hash = $2, version = version + 1"
                      " WHERE id = $3",
                      DB_PARAMS(stored, DIRECTORY_NO_LOCAL_PASSWORD, id), NULL, e);
    if (rc == OK) rc = db_query(c, "DELETE FROM session WHERE person_id = $1", DB_PARAMS(db_cell(rows, 0, 1)), NULL, e);
    if (rc == OK) {
        json_t *detail = json_pack("{s:s, s:s}", "login", login, "directory_name", stored);
        if (previous) json_object_set_new(detail, "previous", json_string(previous));
        rc = audit_append(c, actor, "account.directory_link", "account", id, detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    free(stored);
    return rc;
}

err_code directory_link_clear(db_conn *c, const audit_actor *actor, const char *login, err *e)
{
    db_rows *rows = NULL;
    err_code rc = directory_link_find(c, login, &rows, e);
    const char *id = rc == OK ? db_cell(rows, 0, 0) : NULL, *previous = rc == OK ? db_cell(rows, 0, 2) : NULL;
    if (rc == OK && !previous) rc = err_set(e, ERR_CONFLICT, "\"%s\" is not linked to a directory account", login);
    if (rc == OK)
        rc = db_query(c,
                      "UPDATE account SET directory_name = NULL, password_hash = $1, version = version + 1"
                      " WHERE id = $2",
                      DB_PARAMS(DIRECTORY_NO_LOCAL_PASSWORD, id), NULL, e);
    if (rc == OK) rc = db_query(c, "DELETE FROM session WHERE person_id = $1", DB_PARAMS(db_cell(rows, 0, 1)), NULL, e);
    if (rc == OK) {
        json_t *detail = json_pack("{s:s, s:s}", "login", login, "directory_name", previous);
        rc = audit_append(c, actor, "account.directory_unlink", "account", id, detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    return rc;
}

err_code directory_link_refuse_local_password(db_conn *c, const char *login, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT directory_name FROM account WHERE login = $1", DB_PARAMS(login), &rows, e);
    if (rc == OK && rows->n_rows == 1 && db_cell(rows, 0, 0))
        rc = err_set(e, ERR_CONFLICT,
                     "\"%s\" logs in with the directory account \"%s\": the password is the directory's and is"
                     " changed there; mamori keeps none (mamori user unlink-directory first to give a local one)",
                     login, db_cell(rows, 0, 0));
    db_rows_free(rows);
    return rc;
}
