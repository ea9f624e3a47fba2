/* asset_columns — the ledger's file columns and value labels (see asset_columns.h). */
#include <string.h>

#include "domain/asset_columns.h"

const asset_column asset_columns[ASSET_COL_COUNT] = {
    [ASSET_COL_ID] = {"ID", "id", 8, false},
    [ASSET_COL_VERSION] = {"版", "version", 5, false},
    [ASSET_COL_NAME] = {"資産名", "name", 32, false},
    [ASSET_COL_KIND] = {"資産の種類", "kind", 12, false},
    [ASSET_COL_DESCRIPTION] = {"説明", "description", 40, false},
    [ASSET_COL_UNIT_CODE] = {"所有部署コード", "owner_unit_code", 10, false},
    [ASSET_COL_UNIT] = {"所有部署", "owner_unit", 16, false},
    [ASSET_COL_MANAGER] = {"管理者", "manager", 14, false},
    [ASSET_COL_LOCATION] = {"保管場所", "location", 20, false},
    [ASSET_COL_SEGMENT] = {"ネットワーク区分", "segment", 22, false},
    [ASSET_COL_FORMAT] = {"電子/紙", "format", 8, false},
    [ASSET_COL_PERSONAL_DATA] = {"個人情報", "personal_data", 9, false},
    [ASSET_COL_MYNUMBER] = {"マイナンバー", "mynumber", 12, false},
    [ASSET_COL_RETENTION] = {"保存期間", "retention", 12, false},
    [ASSET_COL_DISPOSAL_METHOD] = {"廃棄方法", "disposal_method", 20, false},
    [ASSET_COL_CONFIDENTIALITY] = {"機密性", "confidentiality", 8, false},
    [ASSET_COL_INTEGRITY] = {"完全性", "integrity", 8, false},
    [ASSET_COL_AVAILABILITY] = {"可用性", "availability", 8, false},
    [ASSET_COL_CLASS_LABEL] = {"分類", "class_label", 12, true},
    [ASSET_COL_CLASS_REASON] = {"分類の理由", "class_reason", 30, false},
    [ASSET_COL_STATUS] = {"状態", "status", 8, false},
    [ASSET_COL_DISPOSED_ON] = {"廃棄日", "disposed_on", 12, false},
    [ASSET_COL_DISPOSED_ON_WAREKI] = {"廃棄日(和暦)", "disposed_on_wareki", 16, true},
    [ASSET_COL_DISPOSED_METHOD] = {"廃棄の方法", "disposed_method", 20, false},
    [ASSET_COL_DISPOSAL_WITNESS] = {"廃棄の立会者", "disposal_witness", 14, false},
    [ASSET_COL_UPDATED_AT] = {"更新日時", "updated_at", 17, true},
};


const asset_label asset_kind_labels[6] = {
    {"information", "情報"}, {"system", "情報システム"}, {"network", "ネットワーク"},
    {"medium", "記録媒体"},  {"document", "文書"},        {"equipment", "機器"},
};
const asset_label asset_segment_labels[5] = {
    {"mynumber", "マイナンバー利用事務系"}, {"lgwan", "LGWAN接続系"}, {"internet", "インターネット接続系"},
    {"standalone", "スタンドアロン"},      {"other", "その他"},
};
const asset_label asset_format_labels[2] = {{"electronic", "電子"}, {"paper", "紙"}};
const asset_label asset_status_labels[2] = {{"in_use", "使用中"}, {"disposed", "廃棄済"}};

#define ASSET_N(t) (sizeof t / sizeof t[0])

static const char *asset_label_of(const asset_label *t, size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(t[i].code, code) == 0) return t[i].ja;
    return code;
}

static const char *asset_code_of(const asset_label *t, size_t n, const char *label)
{
    for (size_t i = 0; label && i < n; i++)
        if (strcmp(t[i].ja, label) == 0 || strcmp(t[i].code, label) == 0) return t[i].code;
    return NULL;
}

const char *asset_kind_label(const char *code) { return asset_label_of(asset_kind_labels, ASSET_N(asset_kind_labels), code); }
const char *asset_segment_label(const char *code) { return asset_label_of(asset_segment_labels, ASSET_N(asset_segment_labels), code); }
const char *asset_format_label(const char *code) { return asset_label_of(asset_format_labels, ASSET_N(asset_format_labels), code); }
const char *asset_status_label(const char *code) { return asset_label_of(asset_status_labels, ASSET_N(asset_status_labels), code); }
const char *asset_yes_no_label(bool v) { return v ? "あり" : "なし"; }
const char *asset_kind_code(const char *label) { return asset_code_of(asset_kind_labels, ASSET_N(asset_kind_labels), label); }
const char *asset_segment_code(const char *label) { return asset_code_of(asset_segment_labels, ASSET_N(asset_segment_labels), label); }
const char *asset_format_code(const char *label) { return asset_code_of(asset_format_labels, ASSET_N(asset_format_labels), label); }
const char *asset_status_code(const char *label) { return asset_code_of(asset_status_labels, ASSET_N(asset_status_labels), label); }
