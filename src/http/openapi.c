/* openapi — builds /api/v1/openapi.json from the route table (see openapi.h). */
#include "http/openapi.h"

#include <ctype.h>
#include <string.h>

#include "core/xalloc.h"
#include "http/router.h"

#ifndef MAMORI_VERSION
#define MAMORI_VERSION "0.1.0-dev"
#endif

/* Shapes shared by several operations. */
static const char openapi_components[] =
    "{\"securitySchemes\":{"
    "\"session\":{\"type\":\"apiKey\",\"in\":\"cookie\",\"name\":\"mamori_session\"},"
    "\"token\":{\"type\":\"http\",\"scheme\":\"bearer\",\"description\":\"An API token (POST /api/v1/tokens); "
    "a read token may only read\"},"
    "\"csrf\":{\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"X-CSRF-Token\","
    "\"description\":\"Required on POST, PUT, PATCH and DELETE: the csrf_token of GET /api/v1/session\"}},"
    "\"schemas\":{"
    "\"Error\":{\"type\":\"object\",\"required\":[\"error\"],\"properties\":{\"error\":{\"type\":\"object\","
    "\"required\":[\"code\",\"message\"],\"properties\":{\"code\":{\"type\":\"string\"},\"message\":{\"type\":"
    "\"string\"},\"fields\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"field\":{\"type\":"
    "\"string\"},\"message\":{\"type\":\"string\"},\"row\":{\"type\":\"integer\"},\"column\":{\"type\":\"string\"},"
    "\"path\":{\"type\":\"string\"}}}}}}}},"
    "\"Person\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"},"
    "\"login\":{\"type\":\"string\"},\"roles\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
    "\"role\":{\"type\":\"string\"},\"role_ja\":{\"type\":\"string\"},\"role_en\":{\"type\":\"string\"},"
    "\"org_unit_id\":{\"type\":\"integer\"},\"org_unit\":{\"type\":\"string\"}}}}}},"
    "\"Session\":{\"type\":\"object\",\"required\":[\"authenticated\",\"csrf_token\"],\"properties\":{"
    "\"authenticated\":{\"type\":\"boolean\"},\"csrf_token\":{\"type\":\"string\"},\"person\":{\"$ref\":"
    "\"#/components/schemas/Person\"},\"permissions\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
    "\"expires_at\":{\"type\":\"string\",\"format\":\"date-time\"},\"mfa\":{\"description\":\"none, passed or "
    "token for a usable session; for one that owes its second factor (mfa_pending true, authenticated false) "
    "an object saying whether it is set up (enrolled) and required\"},\"mfa_pending\":{\"type\":\"boolean\"},"
    "\"login\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"}}},"
    "\"Account\":{\"type\":\"object\",\"properties\":{\"person_id\":{\"type\":\"integer\"},\"login\":{\"type\":"
    "\"string\"},\"name\":{\"type\":\"string\"},\"mfa\":{\"type\":\"object\",\"properties\":{\"required\":{"
    "\"type\":\"boolean\"},\"enrolled\":{\"type\":\"boolean\"},\"enrolling\":{\"type\":\"boolean\"},"
    "\"recovery_codes_left\":{\"type\":\"integer\"},\"pending\":{\"type\":\"boolean\"}}}}},"
    "\"AuditEvent\":{\"type\":\"object\",\"properties\":{\"seq\":{\"type\":\"integer\"},\"occurred_at\":{\"type\":"
    "\"string\",\"format\":\"date-time\"},\"actor_id\":{\"type\":[\"integer\",\"null\"]},\"actor\":{\"type\":"
    "\"string\"},\"action\":{\"type\":\"string\"},\"object_type\":{\"type\":\"string\"},\"object_id\":{\"type\":"
    "\"string\"},\"ip\":{\"type\":\"string\"},\"detail\":{\"type\":\"object\"},\"prev_hash\":{\"type\":\"string\"},"
    "\"hash\":{\"type\":\"string\"}}},"
    "\"JobStarted\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"url\":{\"type\":"
    "\"string\"},\"kind\":{\"type\":\"string\"},\"state\":{\"type\":\"string\"}}},"
    "\"OrgUnit\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"code\":{\"type\":"
    "\"string\"},\"name_ja\":{\"type\":\"string\"},\"name_en\":{\"type\":[\"string\",\"null\"]},"
    "\"parent_id\":{\"type\":[\"integer\",\"null\"]},\"valid_from\":{\"type\":[\"string\",\"null\"],"
    "\"format\":\"date\",\"description\":\"null: there before the records began\"},\"valid_to\":{\"type\":"
    "[\"string\",\"null\"],\"format\":\"date\",\"description\":\"the last day of a closed unit\"},"
    "\"closed\":{\"type\":\"boolean\"},\"version\":{\"type\":\"integer\"}}},"
    "\"OrgUnitDetail\":{\"allOf\":[{\"$ref\":\"#/components/schemas/OrgUnit\"},{\"type\":\"object\","
    "\"properties\":{\"history\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},\"predecessors\":{"
    "\"type\":\"array\"},\"successors\":{\"type\":\"array\"}}}]},"
    "\"ReorganisationInput\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
    "\"title\":{\"type\":\"string\",\"maxLength\":200},\"effective_date\":{\"type\":\"string\",\"format\":"
    "\"date\"},\"operations\":{\"type\":\"array\",\"maxItems\":500,\"items\":{\"type\":\"object\","
    "\"required\":[\"op\"],\"properties\":{\"op\":{\"enum\":[\"create\",\"rename\",\"move\",\"merge\","
    "\"split\",\"close\",\"move_person\"]}},\"description\":\"docs/api.md: a unit is an id, or \\\"new:CODE\\\" "
    "for the unit an earlier create operation makes\"}}}},"
    "\"Reorganisation\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"title\":{"
    "\"type\":\"string\"},\"effective_date\":{\"type\":\"string\",\"format\":\"date\"},\"state\":{\"enum\":["
    "\"draft\",\"scheduled\",\"applied\",\"cancelled\"]},\"operations\":{\"type\":\"array\"},\"result\":{"
    "\"type\":[\"array\",\"null\"]},\"problems\":{\"type\":\"array\"},\"units\":{\"type\":\"array\"},"
    "\"persons\":{\"type\":\"array\"},\"last_error\":{\"type\":[\"string\",\"null\"]},\"version\":{"
    "\"type\":\"integer\"}}},"
    "\"PersonSummary\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{"
    "\"type\":\"string\"},\"name_kana\":{\"type\":[\"string\",\"null\"]},\"category\":{\"enum\":["
    "\"regular\",\"temporary\",\"part_timer\",\"non_regular\",\"related_body\",\"contractor\"]},"
    "\"org_unit_id\":{\"type\":\"integer\"},\"org_unit\":{\"type\":\"string\"},\"active\":{\"type\":"
    "\"boolean\"},\"login\":{\"type\":[\"string\",\"null\"]},\"version\":{\"type\":\"integer\"},"
    "\"roles\":{\"type\":\"array\"},\"employed_from\":{\"type\":[\"string\",\"null\"],\"format\":"
    "\"date\"},\"employed_to\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},"
    "\"related_body_id\":{\"type\":[\"integer\",\"null\"]},\"related_body\":{\"type\":[\"string\","
    "\"null\"]},\"contractor_id\":{\"type\":[\"integer\",\"null\"]},\"contractor\":{\"type\":["
    "\"string\",\"null\"]},\"memberships\":{\"type\":\"array\",\"description\":\"the periods "
    "of membership, oldest first (only on GET /api/v1/persons/{id})\"}}},"
    "\"ClassificationClass\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
    "\"axis\":{\"enum\":[\"C\",\"I\",\"A\"]},\"code\":{\"type\":\"string\"},\"label\":{\"type\":"
    "\"string\",\"description\":\"axis and code: C3A, I2, A1\"},\"rank\":{\"type\":\"integer\","
    "\"description\":\"the same meaning in every preset (confidentiality 5 = 3A or pre-2024 3, 4 = 3B, 3 = 3C)\"},"
    "\"name_ja\":{\"type\":\"string\"},\"name_en\":{\"type\":\"string\"},\"definition_ja\":{\"type\":"
    "\"string\"},\"definition_en\":{\"type\":[\"string\",\"null\"]},\"version\":{\"type\":\"integer\"},"
    "\"assets\":{\"type\":\"integer\",\"description\":\"assets classified with it\"},\"rules\":{\"type\":"
    "\"object\",\"description\":\"aspect (labelling, storage, transmission, taking_out, copying, printing, "
    "disposal) → {ja, en}\"}}},"
    "\"ClassificationScheme\":{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"},"
    "\"name_ja\":{\"type\":\"string\"},\"name_en\":{\"type\":\"string\"},\"in_force\":{\"type\":"
    "\"boolean\"},\"version\":{\"type\":\"integer\"},\"classes\":{\"type\":\"array\",\"items\":{"
    "\"$ref\":\"#/components/schemas/ClassificationClass\"}}}},"
    "\"Asset\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"kind\":{\"type\":"
    "\"string\"},\"name\":{\"type\":\"string\"},\"description\":{\"type\":[\"string\",\"null\"]},"
    "\"owner_unit_id\":{\"type\":\"integer\"},\"owner_unit\":{\"type\":\"string\"},\"owner_unit_code\":{"
    "\"type\":\"string\"},\"manager_id\":{\"type\":[\"integer\",\"null\"]},\"manager\":{\"type\":[\"string\","
    "\"null\"]},\"location\":{\"type\":[\"string\",\"null\"]},\"segment\":{\"type\":\"string\"},\"format\":"
    "{\"type\":\"string\"},\"personal_data\":{\"type\":\"boolean\"},\"mynumber\":{\"type\":\"boolean\"},"
    "\"retention\":{\"type\":[\"string\",\"null\"]},\"disposal_method\":{\"type\":[\"string\",\"null\"]},"
    "\"label\":{\"type\":\"string\",\"description\":\"the classes as one label: C3A-I2-A2\"},\"restricted\":{"
    "\"type\":\"boolean\",\"description\":\"of the highest confidentiality classes (need-to-know)\"},"
    "\"c_class_id\":{\"type\":\"integer\"},\"i_class_id\":{\"type\":\"integer\"},\"a_class_id\":{\"type\":"
    "\"integer\"},\"classes\":{\"type\":\"object\"},\"class_reason\":{\"type\":[\"string\",\"null\"]},"
    "\"status\":{\"enum\":[\"in_use\",\"disposed\"]},\"disposed_on\":{\"type\":[\"string\",\"null\"]},"
    "\"disposed_method\":{\"type\":[\"string\",\"null\"]},\"disposal_witness\":{\"type\":[\"string\","
    "\"null\"]},\"created_at\":{\"type\":\"string\"},\"updated_at\":{\"type\":\"string\"},\"version\":{"
    "\"type\":\"integer\"}}},"
    "\"AssetDetail\":{\"allOf\":[{\"$ref\":\"#/components/schemas/Asset\"},{\"type\":\"object\",\"properties\":{"
    "\"history\":{\"type\":\"array\",\"description\":\"every version, oldest first: change, changed_at, "
    "changed_by, owner unit, manager, label, status\"},\"warnings\":{\"type\":\"array\",\"items\":{\"type\":"
    "\"string\"},\"description\":\"on a write's answer: the rules a container breaks, with the path\"}}}]},"
    "\"AssetRelation\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"kind\":{"
    "\"enum\":[\"stored_in\",\"runs_on\",\"held_on\"]},\"direction\":{\"enum\":[\"held_by\",\"holds\"]},"
    "\"asset_id\":{\"type\":\"integer\"},\"asset_name\":{\"type\":\"string\"},\"asset_kind\":{\"type\":"
    "\"string\"},\"label\":{\"type\":\"string\"},\"created_at\":{\"type\":\"string\"}}},"
    "\"Threat\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"code\":{\"type\":\"string\"},"
    "\"kind\":{\"enum\":[\"natural\",\"system\",\"human\"],\"description\":\"自然, 情報システム, 人的\"},"
    "\"name_ja\":{\"type\":\"string\"},\"name_en\":{\"type\":[\"string\",\"null\"]},\"description\":{\"type\":"
    "[\"string\",\"null\"]},\"active\":{\"type\":\"boolean\"},\"requirements\":{\"type\":\"integer\","
    "\"description\":\"active items answering it\"},\"version\":{\"type\":\"integer\"}}},"
    "\"Requirement\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"parent_id\":{\"type\":"
    "[\"integer\",\"null\"]},\"code\":{\"type\":\"string\"},\"measure_kind\":{\"enum\":[\"physical\",\"human\","
    "\"technical\",\"development\",\"operational\",\"network\"]},\"scope\":{\"enum\":[\"asset\",\"unit\"]},"
    "\"title_ja\":{\"type\":\"string\"},\"title_en\":{\"type\":[\"string\",\"null\"]},\"text\":{\"type\":["
    "\"string\",\"null\"],\"description\":\"Markdown source\"},\"active\":{\"type\":\"boolean\"},\"children\":{"
    "\"type\":\"integer\",\"description\":\"active items below it (a group when > 0)\"},\"tags\":{\"type\":"
    "\"array\",\"items\":{\"type\":\"string\"}},\"version\":{\"type\":\"integer\"},\"updated_at\":{\"type\":"
    "\"string\"}}},"
    "\"RequirementRule\":{\"type\":\"object\",\"description\":\"every condition given must hold\",\"properties\":{"
    "\"asset_kind\":{\"type\":[\"string\",\"null\"]},\"segment\":{\"type\":[\"string\",\"null\"]},\"axis\":{"
    "\"enum\":[\"C\",\"I\",\"A\",null]},\"min_rank\":{\"type\":[\"integer\",\"null\"]},\"personal_data\":{"
    "\"type\":[\"boolean\",\"null\"]},\"min_class\":{\"type\":[\"object\",\"null\"],\"description\":\"the "
    "lowest class in force of at least that rank\"}}},"
    "\"RequirementDetail\":{\"allOf\":[{\"$ref\":\"#/components/schemas/Requirement\"},{\"type\":\"object\","
    "\"properties\":{\"applies\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/RequirementRule\"},"
    "\"description\":\"any rule holding makes it apply; none: every asset\"},\"threats\":{\"type\":\"array\"},"
    "\"laws\":{\"type\":\"array\"},\"history\":{\"type\":\"array\",\"description\":\"every version, newest first\"},"
    "\"text_html\":{\"type\":\"string\",\"description\":\"the text rendered (safe HTML)\"},\"procedures\":{"
    "\"type\":\"array\",\"description\":\"the procedures carrying it out the caller may see (no bodies)\"}}}]},"
    "\"Procedure\":{\"type\":\"object\",\"description\":\"実施手順 (第7条), without its body\",\"properties\":{"
    "\"id\":{\"type\":\"integer\"},\"code\":{\"type\":\"string\"},\"title_ja\":{\"type\":\"string\"},\"title_en\":{"
    "\"type\":[\"string\",\"null\"]},\"owner_unit\":{\"type\":\"object\"},\"disclosure\":{\"type\":\"string\"},"
    "\"status\":{\"enum\":[\"draft\",\"in_force\",\"withdrawn\"]},\"version\":{\"type\":\"integer\"},"
    "\"updated_at\":{\"type\":\"string\"},\"requirements\":{\"type\":\"integer\",\"description\":\"how many it "
    "carries out\"}}},"
    "\"ProcedureDetail\":{\"allOf\":[{\"$ref\":\"#/components/schemas/Procedure\"},{\"type\":\"object\","
    "\"properties\":{\"read_version\":{\"type\":\"integer\"},\"body\":{\"type\":\"string\",\"description\":"
    "\"Markdown source of read_version\"},\"body_html\":{\"type\":\"string\",\"description\":\"rendered safe\"},"
    "\"requirements_linked\":{\"type\":\"array\"},\"versions\":{\"type\":\"array\",\"description\":\"newest "
    "first\"},\"can_manage\":{\"type\":\"boolean\"}}}]},"
    "\"Implementation\":{\"type\":\"object\",\"description\":\"How a requirement is carried out for an asset "
    "(asset_id) or a unit (org_unit_id)\",\"properties\":{\"id\":{\"type\":\"integer\"},\"requirement_id\":{"
    "\"type\":\"integer\"},\"requirement_code\":{\"type\":\"string\"},\"asset_id\":{\"type\":[\"integer\","
    "\"null\"]},\"org_unit_id\":{\"type\":[\"integer\",\"null\"]},\"unit_id\":{\"type\":\"integer\","
    "\"description\":\"the unit it counts to\"},\"status\":{\"enum\":[\"not_started\",\"partial\","
    "\"implemented\",\"not_applicable\",\"excepted\"]},\"reason\":{\"type\":[\"string\",\"null\"]},"
    "\"owner_id\":{\"type\":[\"integer\",\"null\"]},\"due_on\":{\"type\":[\"string\",\"null\"]},\"note\":{"
    "\"type\":[\"string\",\"null\"]},\"version\":{\"type\":\"integer\"},\"history\":{\"type\":\"array\","
    "\"description\":\"every version, newest first: who (changed_by), when (changed_at), the fields as they "
    "became, and what made it (change: create, update, or evidence with file_id and file_name; null for versions "
    "from before it was kept)\"},"
    "\"evidence\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"file_id\":{\"type\":"
    "\"integer\"},\"name\":{\"type\":\"string\"},\"content_type\":{\"type\":\"string\"},\"size\":{\"type\":"
    "\"integer\"},\"added_at\":{\"type\":\"string\"},\"added_by\":{\"type\":[\"string\",\"null\"]}}}},"
    "\"writable\":{\"type\":\"boolean\",\"description\":\"one record: the caller may change it and add "
    "evidence\"}}},"
    "\"ComplianceCounts\":{\"type\":\"object\",\"properties\":{\"applicable\":{\"type\":\"integer\"},"
    "\"not_started\":{\"type\":\"integer\"},\"partial\":{\"type\":\"integer\"},\"implemented\":{\"type\":"
    "\"integer\"},\"not_applicable\":{\"type\":\"integer\"},\"excepted\":{\"type\":\"integer\"},\"rate\":{"
    "\"type\":[\"number\",\"null\"]}}},"
    "\"Compliance\":{\"type\":\"object\",\"properties\":{\"recomputed\":{\"type\":\"boolean\"},\"total\":{"
    "\"$ref\":\"#/components/schemas/ComplianceCounts\"},\"by_unit\":{\"type\":\"array\"},\"by_kind\":{"
    "\"type\":\"array\"},\"by_class\":{\"type\":\"array\"}}},"
    "\"ComplianceReference\":{\"type\":\"object\",\"properties\":{\"catalog\":{\"type\":\"object\",\"properties\":{"
    "\"id\":{\"type\":\"integer\"},\"uuid\":{\"type\":\"string\"},\"title\":{\"type\":\"string\"},\"version\":{"
    "\"type\":[\"string\",\"null\"]}}},\"org_unit_id\":{\"type\":[\"integer\",\"null\"]},\"recomputed\":{"
    "\"type\":\"boolean\"},\"totals\":{\"type\":\"object\",\"properties\":{\"controls\":{\"type\":\"integer\"},"
    "\"covered\":{\"type\":\"integer\"},\"not_covered\":{\"type\":\"integer\"},\"requirements\":{\"type\":"
    "\"integer\",\"description\":\"distinct requirements mapped\"},\"missing\":{\"type\":\"integer\","
    "\"description\":\"open mappings to controls the catalog no longer has\"},\"counts\":{\"oneOf\":[{\"$ref\":"
    "\"#/components/schemas/ComplianceCounts\"},{\"type\":\"null\"}]}}},\"families\":{\"type\":\"array\","
    "\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"item_id\":{\"type\":"
    "\"string\"},\"label\":{\"type\":[\"string\",\"null\"]},\"title\":{\"type\":\"string\"},\"controls\":{\"type\":\"integer\"},\"covered\":{\"type\":"
    "\"integer\"},\"not_covered\":{\"type\":\"integer\"},\"requirements\":{\"type\":\"integer\"},\"counts\":{"
    "\"oneOf\":[{\"$ref\":\"#/components/schemas/ComplianceCounts\"},{\"type\":\"null\"}],\"description\":"
    "\"null when no control of the family is covered\"}}}},\"controls\":{\"type\":\"array\",\"items\":{\"type\":"
    "\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"item_id\":{\"type\":\"string\"},\"label\":{"
    "\"type\":[\"string\",\"null\"],\"description\":\"as the file labels it: AC-2, AC-2(1)\"},\"title\":{"
    "\"type\":\"string\"},\"family\":{\"type\":\"string\"},\"enhancement\":{\"type\":\"boolean\"},"
    "\"parent_id\":{\"type\":[\"integer\",\"null\"]},\"covered\":{\"type\":\"boolean\"},\"counts\":{\"oneOf\":[{"
    "\"$ref\":\"#/components/schemas/ComplianceCounts\"},{\"type\":\"null\"}],\"description\":\"null when not "
    "covered (no requirement mapped): not 0 %\"},\"requirements\":{\"type\":\"array\",\"items\":{\"type\":"
    "\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"mapping_id\":{\"type\":\"integer\"},\"code\":{"
    "\"type\":\"string\"},\"title_ja\":{\"type\":\"string\"},\"title_en\":{\"type\":[\"string\",\"null\"]},"
    "\"relation\":{\"enum\":[\"equivalent\",\"partial\",\"related\"]},\"active\":{\"type\":\"boolean\"},"
    "\"counts\":{\"$ref\":\"#/components/schemas/ComplianceCounts\"}}}}}}}}},"
    "\"Law\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"code\":{\"type\":\"string\"},"
    "\"name_ja\":{\"type\":\"string\"},\"short_name_ja\":{\"type\":[\"string\",\"null\"]},\"name_en\":{\"type\":"
    "[\"string\",\"null\"]},\"number\":{\"type\":[\"string\",\"null\"]},\"description\":{\"type\":[\"string\","
    "\"null\"]},\"active\":{\"type\":\"boolean\"},\"requirements\":{\"type\":\"integer\"},\"version\":{\"type\":"
    "\"integer\"},\"articles\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"id\":{"
    "\"type\":\"integer\"},\"number\":{\"type\":\"string\"},\"title_ja\":{\"type\":\"string\"},\"title_en\":{"
    "\"type\":[\"string\",\"null\"]}}}}}},"
    "\"LawDetail\":{\"allOf\":[{\"$ref\":\"#/components/schemas/Law\"},{\"type\":\"object\",\"properties\":{"
    "\"implemented_by\":{\"type\":\"array\",\"description\":\"the active requirements implementing it, with "
    "the article\"}}}]},"
    "\"ReferenceCatalog\":{\"type\":\"object\",\"description\":\"A catalog imported from OSCAL\","
    "\"properties\":{\"id\":{\"type\":\"integer\"},\"uuid\":{\"type\":\"string\"},\"title\":{\"type\":"
    "\"string\"},\"version\":{\"type\":\"string\"},\"oscal_version\":{\"type\":\"string\"},"
    "\"last_modified\":{\"type\":\"string\"},\"source_name\":{\"type\":\"string\"},\"source_sha256\":{"
    "\"type\":\"string\"},\"imported_at\":{\"type\":\"string\"},\"imported_by\":{\"type\":[\"integer\","
    "\"null\"]},\"groups\":{\"type\":\"integer\"},\"controls\":{\"type\":\"integer\",\"description\":"
    "\"base controls\"},\"enhancements\":{\"type\":\"integer\",\"description\":\"controls nested in a "
    "control\"}}},"
    "\"ReferenceCatalogItem\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
    "\"catalog_id\":{\"type\":\"integer\"},\"parent_id\":{\"type\":[\"integer\",\"null\"]},\"kind\":{"
    "\"enum\":[\"group\",\"control\"]},\"item_id\":{\"type\":\"string\",\"description\":\"the file's id: "
    "ac-2.1\"},\"label\":{\"type\":[\"string\",\"null\"],\"description\":\"AC-2(1)\"},\"class\":{\"type\":"
    "[\"string\",\"null\"]},\"title\":{\"type\":\"string\"},\"depth\":{\"type\":\"integer\"},"
    "\"enhancement\":{\"type\":\"boolean\"},\"children\":{\"type\":\"integer\"}}},"
    "\"ReferenceCatalogItemDetail\":{\"allOf\":[{\"$ref\":\"#/components/schemas/ReferenceCatalogItem\"},{"
    "\"type\":\"object\",\"properties\":{\"params\":{\"type\":[\"array\",\"null\"]},\"props\":{\"type\":"
    "[\"array\",\"null\"]},\"links\":{\"type\":[\"array\",\"null\"]},\"parts\":{\"type\":[\"array\","
    "\"null\"],\"description\":\"as in the file\"},\"statement\":{\"type\":[\"string\",\"null\"],"
    "\"description\":\"the statement's prose, one line a part, with {{ insert: param, ID }} as written\"},"
    "\"statement_display\":{\"type\":[\"string\",\"null\"],\"description\":\"the same with each parameter "
    "shown by its values, choices or label\"},\"guidance\":{\"type\":[\"string\",\"null\"]},\"catalog\":{"
    "\"type\":\"object\"},\"parent\":{\"type\":[\"object\",\"null\"]},\"children\":{\"type\":\"array\","
    "\"description\":\"the items directly under it (a control's enhancements)\"},\"related\":{\"type\":"
    "\"array\",\"description\":\"the items of the same catalog its links name as related (#ac-3)\"}}}]},"
    "\"Job\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"url\":{\"type\":"
    "\"string\"},\"kind\":{\"type\":\"string\"},\"state\":{\"enum\":[\"queued\",\"running\",\"succeeded\","
    "\"failed\"]},\"params\":{\"type\":\"object\"},\"progress\":{\"type\":\"object\",\"properties\":{"
    "\"done\":{\"type\":\"integer\"},\"total\":{\"type\":\"integer\"}}},\"result\":{},\"error\":{"
    "\"type\":[\"string\",\"null\"]},\"created_by\":{\"type\":\"integer\"},\"created_at\":{\"type\":"
    "\"string\"},\"started_at\":{\"type\":[\"string\",\"null\"]},\"finished_at\":{\"type\":[\"string\","
    "\"null\"]},\"retry_of\":{\"type\":[\"integer\",\"null\"]}}}},"
    "\"responses\":{"
    "\"Error\":{\"description\":\"An error (see the code and fields)\",\"content\":{\"application/json\":{"
    "\"schema\":{\"$ref\":\"#/components/schemas/Error\"}}}}}}";

static void openapi_lower(char *s)
{
    for (; *s; s++) *s = (char)tolower((unsigned char)*s);
}

err_code openapi_document(json_t **out, err *e)
{
    json_error_t jerr;
    json_t *components = json_loads(openapi_components, 0, &jerr);
    if (!components) return err_set(e, ERR_INTERNAL, "openapi components: %s", jerr.text);
    json_t *paths = json_object();
    for (size_t i = 0; i < http_routes_count; i++) {
        const http_route *r = &http_routes[i];
        if (!r->openapi) continue; /* the UI's static files are not part of the API */
        json_t *op = json_loads(r->openapi, 0, &jerr);
        if (!op) {
            json_decref(paths);
            json_decref(components);
            return err_set(e, ERR_INTERNAL, "openapi description of %s %s: %s", r->method, r->pattern, jerr.text);
        }
        json_object_set_new(op, "summary", json_string(r->summary));
        json_object_set_new(op, "operationId", json_sprintf("%s %s", r->method, r->pattern));
        json_t *security = json_array();
        if (r->access != HTTP_PUBLIC) {
            json_array_append_new(security, json_pack("{s:[]}", "session"));
            json_array_append_new(security, json_pack("{s:[]}", "token"));
        }
        json_object_set_new(op, "security", security);
        json_object_set_new(op, "x-access", json_string(r->access == HTTP_PUBLIC    ? "public"
                                                        : r->access == HTTP_SESSION ? "session"
                                                                                    : "permission"));
        if (r->permission) json_object_set_new(op, "x-permission", json_string(r->permission));
        json_t *responses = json_object_get(op, "responses");
        if (!responses) {
            responses = json_object();
            json_object_set_new(op, "responses", responses);
        }
        json_object_set_new(responses, "default", json_pack("{s:s}", "$ref", "#/components/responses/Error"));
        json_t *item = json_object_get(paths, r->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        char *method = xstrdup(r->method);
        openapi_lower(method);
        json_object_set_new(item, method, op);
        free(method);
    }
    *out = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:o}", "openapi", "3.1.0", "info", "title",
                     "mamori API", "version", MAMORI_VERSION, "description",
                     "mamori (守り): information security management for a local government body. "
                     "Errors, paging and CSRF: docs/api.md.",
                     "servers", "url", "/", "paths", paths, "components", components);
    return OK;
}
