/* demo_risks — the demo union's risk register (issue 6 point 10): a few risks of its
 * assets against the default threat catalog, in every treatment, some reduced by
 * requirements the demo has carried out, so the register and both heat maps show
 * something on the first day. Written by the system (as the rest of the demo) on a 5 × 5
 * matrix; fixed, not random. */
#include <stdio.h>
#include <stdlib.h>

#include "domain/demo.h"
#include "domain/risk.h"

static const struct {
    const char *asset, *threat, *treatment, *note;
    long likelihood;
    const char *requirements[3]; /* codes of the default catalog that reduce it */
} demo_risk_list[] = {
    {"水道料金システム", "不正アクセス", "reduce", "外部からの侵入は閉域網で抑えるが、保守回線が残る", 3, {"TEC-01", "TEC-04", NULL}},
    {"水道料金システム", "機器故障", "reduce", "停止すると調定・収納ができない", 3, {"OPS-01", NULL, NULL}},
    {"水道使用者 顧客データ", "委託先からの漏えい", "transfer", "保守委託先の賠償責任保険と契約条項で移転", 2, {NULL, NULL, NULL}},
    {"検針データ用 暗号化USBメモリ", "紛失・盗難", "reduce", "持ち出しは金庫から台帳記入のうえ", 4, {"PHY-07", "PHY-08", NULL}},
    {"窓口 受付記録", "誤送信", "accept", "件数が少なく影響も限られるため受容(年度末に見直す)", 2, {NULL, NULL, NULL}},
    {"119番 指令システム", "停電", "reduce", "無停電電源と自家発電で指令を継続", 2, {NULL, NULL, NULL}},
    {"浄水場 監視制御システム", "マルウェア感染", "reduce", "保守用PCの接続時にのみ感染経路が生じる", 3, {NULL, NULL, NULL}},
    {"ホームページ管理システム", "DoS攻撃", "avoid", "問い合わせ受付の機能を廃止し、公開情報のみとした", 3, {NULL, NULL, NULL}},
};

static err_code demo_id(db_conn *c, const char *sql, const char *v, long *out, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c, sql, DB_PARAMS(v), &rows, e);
    *out = rc == OK && rows->n_rows == 1 ? atol(db_cell(rows, 0, 0)) : 0;
    db_rows_free(rows);
    return rc;
}

err_code demo_risks(db_conn *c, const audit_actor *system, err *e)
{
    err_code rc = OK;
    for (size_t i = 0; rc == OK && i < sizeof demo_risk_list / sizeof *demo_risk_list; i++) {
        long asset = 0, threat = 0, reqs[3];
        size_t n = 0;
        rc = demo_id(c, "SELECT id FROM asset WHERE name = $1 AND status = 'in_use'", demo_risk_list[i].asset, &asset, e);
        if (rc == OK) rc = demo_id(c, "SELECT id FROM threat WHERE name_ja = $1", demo_risk_list[i].threat, &threat, e);
        for (size_t k = 0; rc == OK && k < 3 && demo_risk_list[i].requirements[k]; k++) {
            long id = 0;
            rc = demo_id(c, "SELECT id FROM requirement WHERE code = $1", demo_risk_list[i].requirements[k], &id, e);
            if (rc == OK && id) reqs[n++] = id;
        }
        if (rc != OK) break;
        if (!asset || !threat) {
            rc = err_set(e, ERR_INTERNAL, "demo: no asset %s or threat %s", demo_risk_list[i].asset,
                         demo_risk_list[i].threat);
            break;
        }
        risk_fields f = {demo_risk_list[i].likelihood, 0, demo_risk_list[i].treatment, demo_risk_list[i].note, 0,
                         reqs, n, n > 0, false};
        long id = 0;
        rc = risk_create(c, system, 5, asset, threat, &f, &id, e);
    }
    return rc;
}
