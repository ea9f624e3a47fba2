/* store_init — a new store's first records (see store_init.h). */
#include "domain/store_init.h"

#include <sodium.h>

#include "audit/audit.h"
#include "auth/account.h"
#include "auth/password.h"
#include "core/timeutil.h"
#include "domain/compliance.h"
#include "domain/org_unit.h"
#include "domain/person.h"
#include "search/search_reindex.h"

err_code store_init(db *d, const store_init_params *p, long *root_unit_id, long *ciso_id, err *e)
{
    const char *why = password_policy_check(p->admin_password, p->admin_login);
    if (why) return err_set(e, ERR_VALIDATION, "the administrator's password is not acceptable: %s", why);
    int applied = 0;
    err_code rc = db_migrate(d, &applied, e);
    if (rc != OK) return rc;
    /* What the migrations shipped (the catalog of 0018) goes into the search index. */
    long indexed = 0;
    if ((rc = search_reindex_missing(d, &indexed, e)) != OK) return rc;
    /* The figures start maintained (every unit made below adds its own). */
    if ((rc = compliance_refresh_if_stale(d, e)) != OK) return rc;

    db_conn *c = db_acquire(d);
    audit_actor system = {0, "system", ""};
    long unit = 0, person = 0;
    char today[11];
    time_today_local(today);
    if ((rc = db_begin_write(c, e)) != OK) goto cleanup;
    unsigned char raw[16];
    char store_id[33], now[TIME_CANON_LEN];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(store_id, sizeof store_id, raw, sizeof raw);
    time_now_canon(now);
    rc = db_query(c, "INSERT INTO store_info (id, store_id, created_at) VALUES (1, $1, $2)", DB_PARAMS(store_id, now),
                  NULL, e);
    if (rc != OK) goto cleanup;
    json_t *detail = json_pack("{s:s, s:i, s:s}", "backend", db_kind_name(d), "migrations", applied, "store_id",
                               store_id);
    rc = audit_append(c, &system, "store.init", "store", "-", detail, e);
    json_decref(detail);
    if (rc != OK) goto cleanup;
    rc = org_unit_create(c, &system, "0", p->union_name_ja, p->union_name_en, 0, &unit, e);
    if (rc != OK) goto cleanup;
    person_new np = {p->admin_name, NULL, "regular", unit, 0, 0};
    if ((rc = person_create(c, &system, &np, &person, e)) != OK) goto cleanup;
    if ((rc = account_create(c, &system, person, p->admin_login, p->admin_password, e)) != OK) goto cleanup;
    if ((rc = person_grant_role(c, &system, person, "ciso", unit, today, e)) != OK) goto cleanup;
    rc = db_commit(c, e);
    if (rc == OK) {
        if (root_unit_id) *root_unit_id = unit;
        if (ciso_id) *ciso_id = person;
    }
cleanup:
    db_release(c);
    return rc;
}
