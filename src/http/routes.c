/* routes — the one route table: every route with its access rule and its OpenAPI
 * operation. The router enforces the rule before the handler runs; the OpenAPI
 * document (/api/v1/openapi.json) and the authorization tests are built from here. */
#include "http/handlers.h"
#include "http/router.h"

#define JSON_OK(schema) "\"200\":{\"description\":\"OK\",\"content\":{\"application/json\":{\"schema\":" schema "}}}"
#define REF(name) "{\"$ref\":\"#/components/schemas/" name "\"}"
#define ID_PARAM "{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"integer\"}}"
/* A person's related body (category related_body) or contractor (category contractor):
 * required with that category, refused with any other; an active one that exists. */
#define PERSON_LINKS                                                                                             \
    "\"related_body_id\":{\"type\":\"integer\",\"description\":\"required for category related_body, "    \
    "refused otherwise\"},\"contractor_id\":{\"type\":\"integer\",\"description\":\"required for "        \
    "category contractor, refused otherwise\"}"
#define IF_MATCH_PARAM "{\"name\":\"If-Match\",\"in\":\"header\",\"required\":true,\"schema\":{\"type\":\"string\"}}"
#define LIST_OF(item) "{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":" item "},\"next_cursor\":{\"type\":[\"string\",\"null\"]}}}"
/* The catalog lists' own parameters (threats, requirements, laws). */
#define CATALOG_LIST_PARAMS                                                                                      \
    "{\"name\":\"q\",\"in\":\"query\",\"schema\":{\"type\":\"string\",\"maxLength\":1024},\"description\":"     \
    "\"words the code, names or text all hold\"},{\"name\":\"active\",\"in\":\"query\",\"schema\":{\"enum\":["   \
    "\"true\",\"false\",\"all\"],\"default\":\"true\"}},{\"name\":\"limit\",\"in\":\"query\",\"schema\":{"      \
    "\"type\":\"integer\",\"minimum\":1,\"maximum\":500,\"default\":50}},{\"name\":\"cursor\",\"in\":\"query\","  \
    "\"schema\":{\"type\":\"string\"}}"
#define THREAT_PROPS                                                                                             \
    "\"code\":{\"type\":\"string\",\"pattern\":\"^[A-Za-z0-9._-]{1,40}$\"},\"kind\":{\"enum\":[\"natural\","      \
    "\"system\",\"human\"]},\"name_ja\":{\"type\":\"string\",\"maxLength\":200},\"name_en\":{\"type\":\"string\"," \
    "\"maxLength\":200},\"description\":{\"type\":\"string\",\"maxLength\":4000},\"active\":{\"type\":\"boolean\"}"
#define REQUIREMENT_PROPS                                                                                        \
    "\"code\":{\"type\":\"string\",\"pattern\":\"^[A-Za-z0-9._-]{1,40}$\"},\"parent_id\":{\"type\":[\"integer\"," \
    "\"null\"],\"description\":\"a requirement of the same measure kind; null: top level\"},\"measure_kind\":{"   \
    "\"enum\":[\"physical\",\"human\",\"technical\",\"development\",\"operational\",\"network\"]},\"scope\":{"    \
    "\"enum\":[\"asset\",\"unit\"]},\"title_ja\":{\"type\":\"string\",\"maxLength\":200},\"title_en\":{\"type\":" \
    "\"string\",\"maxLength\":200},\"text\":{\"type\":\"string\",\"maxLength\":20000,\"description\":\"Markdown\"}," \
    "\"active\":{\"type\":\"boolean\"},\"tags\":{\"type\":\"array\",\"maxItems\":20,\"items\":{\"type\":"        \
    "\"string\",\"maxLength\":50}},\"applies\":{\"type\":\"array\",\"maxItems\":20,\"items\":"                   \
    "{\"$ref\":\"#/components/schemas/RequirementRule\"}},\"threat_ids\":{\"type\":\"array\",\"maxItems\":100,"   \
    "\"items\":{\"type\":\"integer\"}},\"laws\":{\"type\":\"array\",\"maxItems\":100,\"items\":{\"type\":"        \
    "\"object\",\"required\":[\"law_id\"],\"properties\":{\"law_id\":{\"type\":\"integer\"},\"article_id\":{"     \
    "\"type\":[\"integer\",\"null\"]}}}}"
#define PROCEDURE_PROPS                                                                                          \
    "\"code\":{\"type\":\"string\",\"pattern\":\"^[A-Za-z0-9._-]{1,40}$\"},\"title_ja\":{\"type\":\"string\","   \
    "\"maxLength\":200},\"title_en\":{\"type\":\"string\",\"maxLength\":200,\"description\":\"\\\"\\\" clears it\"},"    \
    "\"owner_unit_id\":{\"type\":\"integer\",\"description\":\"a unit whose procedures the caller keeps "          \
    "(procedure.manage there)\"},\"body\":{\"type\":\"string\",\"maxLength\":200000,\"description\":\"Markdown\"},"  \
    "\"status\":{\"enum\":[\"draft\",\"in_force\",\"withdrawn\"],\"default\":\"draft\"},\"disclosure\":{\"enum\":[" \
    "\"internal\"],\"default\":\"internal\"},\"requirement_ids\":{\"type\":\"array\",\"maxItems\":100,\"items\":{"  \
    "\"type\":\"integer\"},\"description\":\"the requirements it carries out (replaces the links)\"}"
#define LAW_PROPS                                                                                                \
    "\"code\":{\"type\":\"string\",\"pattern\":\"^[A-Za-z0-9._-]{1,40}$\"},\"name_ja\":{\"type\":\"string\","     \
    "\"maxLength\":300},\"short_name_ja\":{\"type\":\"string\",\"maxLength\":100},\"name_en\":{\"type\":"         \
    "\"string\",\"maxLength\":300},\"number\":{\"type\":\"string\",\"maxLength\":100},\"description\":{\"type\":"  \
    "\"string\",\"maxLength\":4000},\"active\":{\"type\":\"boolean\"},\"articles\":{\"type\":\"array\","          \
    "\"maxItems\":200,\"items\":{\"type\":\"object\",\"required\":[\"number\",\"title_ja\"],\"properties\":{"     \
    "\"number\":{\"type\":\"string\",\"maxLength\":50},\"title_ja\":{\"type\":\"string\",\"maxLength\":200},"     \
    "\"title_en\":{\"type\":\"string\",\"maxLength\":200}}}}"

#define MAPPING_SCHEMA                                                                                           \
    "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"requirement\":{\"type\":"      \
    "\"object\"},\"catalog\":{\"type\":\"object\"},\"control\":{\"type\":\"object\",\"description\":"        \
    "\"id null when the catalog no longer has the control\"},\"relation\":{\"enum\":[\"equivalent\","          \
    "\"partial\",\"related\"]},\"note\":{\"type\":[\"string\",\"null\"]},\"created_at\":{\"type\":"        \
    "\"string\"},\"created_by\":{\"type\":[\"object\",\"null\"]},\"ended_at\":{\"type\":[\"string\","      \
    "\"null\"]},\"ended_by\":{\"type\":[\"object\",\"null\"]}}}"
#define IMPL_STATUS                                                                                              \
    "{\"enum\":[\"not_started\",\"partial\",\"implemented\",\"not_applicable\",\"excepted\"]}"
#define IMPL_PROPS                                                                                               \
    "\"status\":{\"enum\":[\"not_started\",\"partial\",\"implemented\",\"not_applicable\"],\"description\":"  \
    "\"未着手, 一部実施, 実施済, 対象外 (reason required)\"},\"reason\":{\"type\":\"string\",\"maxLength\":2000},"    \
    "\"owner_id\":{\"type\":[\"integer\",\"null\"]},\"due_on\":{\"type\":[\"string\",\"null\"],\"format\":"     \
    "\"date\"},\"note\":{\"type\":\"string\",\"maxLength\":4000}"

const http_route http_routes[] = {
    {"GET", "/healthz", api_healthz, HTTP_PUBLIC, NULL, "Liveness: the process answers",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"status\":{\"const\":\"ok\"}}}") "}}", 0},
    {"GET", "/readyz", api_readyz, HTTP_PUBLIC, NULL, "Readiness: the store answers",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"status\":{\"type\":\"string\"}}}")
     ",\"503\":{\"description\":\"The store does not answer\"}}}", 0},
    {"GET", "/api/v1/openapi.json", api_openapi, HTTP_PUBLIC, NULL, "This document",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\"}") "}}", 0},
    {"GET", "/api/v1/session", api_session_get, HTTP_PUBLIC, NULL,
     "Who is logged in; when nobody is, a CSRF token for the login (also set as the mamori_csrf cookie)",
     "{\"responses\":{" JSON_OK(REF("Session")) "}}", 0},
    {"POST", "/api/v1/session", api_session_post, HTTP_PUBLIC, NULL,
     "Log in (X-CSRF-Token: the pre-login token); sets the mamori_session cookie",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"login\",\"password\"],\"additionalProperties\":false,\"properties\":{\"login\":{\"type\":"
     "\"string\",\"maxLength\":200},\"password\":{\"type\":\"string\",\"maxLength\":1024}}}}}},"
     "\"responses\":{" JSON_OK(REF("Session")) ",\"401\":{\"description\":\"invalid_credentials: the same answer "
     "for an unknown login and a wrong password\"},\"503\":{\"description\":\"unavailable: a configured "
     "directory (LDAP / Active Directory) did not answer, so the login could not be checked; the same for every "
     "refused login while it lasts\"}}}", 0},
    {"DELETE", "/api/v1/session", api_session_delete, HTTP_SESSION, NULL, "Log out",
     "{\"responses\":{\"204\":{\"description\":\"Logged out\"}}}", HTTP_MFA_STEP},
    {"POST", "/api/v1/session/mfa", api_session_mfa_post, HTTP_SESSION, NULL,
     "The login's second step: the code of the authenticator app, or one recovery code; the "
     "password-only session is replaced by a new one (new cookie)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"additionalProperties\":false,\"properties\":{\"code\":{\"type\":\"string\",\"pattern\":\"^[0-9 ]{6,7}$\"},"
     "\"recovery_code\":{\"type\":\"string\",\"maxLength\":40}}}}}},"
     "\"responses\":{" JSON_OK(REF("Session")) ",\"401\":{\"description\":\"invalid_credentials: wrong, used or "
     "malformed code (counts towards the lock)\"},\"409\":{\"description\":\"This session owes no second "
     "factor\"}}}", HTTP_MFA_STEP},
    {"GET", "/api/v1/account", api_account_get, HTTP_SESSION, NULL,
     "Your login: whether a second factor is required, set up or being set up, recovery codes left",
     "{\"responses\":{" JSON_OK(REF("Account")) "}}", HTTP_MFA_STEP},
    {"POST", "/api/v1/account/password", api_account_password_post, HTTP_SESSION, NULL,
     "Change your password (your other sessions end)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"current_password\",\"new_password\"],\"additionalProperties\":false,\"properties\":{"
     "\"current_password\":{\"type\":\"string\",\"maxLength\":1024},\"new_password\":{\"type\":\"string\","
     "\"minLength\":12,\"maxLength\":1024}}}}}},\"responses\":{\"204\":{\"description\":\"Changed\"},"
     "\"422\":{\"description\":\"current_password wrong (counts towards the lock) or new_password against the "
     "policy\"}}}", 0},
    {"POST", "/api/v1/account/mfa", api_account_mfa_post, HTTP_SESSION, NULL,
     "Start setting up the second factor: a new TOTP secret for your authenticator app (shown once; also as a "
     "QR code at /api/v1/account/mfa/qr until confirmed)",
     "{\"responses\":{\"201\":{\"description\":\"The secret\",\"content\":{\"application/json\":{\"schema\":{"
     "\"type\":\"object\",\"properties\":{\"secret\":{\"type\":\"string\"},\"otpauth_uri\":{\"type\":"
     "\"string\"},\"qr_svg\":{\"type\":\"string\"}}}}}},\"409\":{\"description\":\"A second factor is already "
     "set up\"}}}", HTTP_MFA_STEP},
    {"GET", "/api/v1/account/mfa/qr", api_account_mfa_qr, HTTP_SESSION, NULL,
     "The QR code of the secret being set up, as SVG",
     "{\"responses\":{\"200\":{\"description\":\"The QR code\",\"content\":{\"image/svg+xml\":{}}},"
     "\"404\":{\"description\":\"No set-up in progress\"}}}", HTTP_MFA_STEP},
    {"POST", "/api/v1/account/mfa/confirm", api_account_mfa_confirm, HTTP_SESSION, NULL,
     "Finish setting up the second factor with a current code: ten one-time recovery codes (shown once); "
     "a login waiting for it is complete (new cookie)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"code\"],\"additionalProperties\":false,\"properties\":{\"code\":{\"type\":\"string\"}}}}}},"
     "\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"recovery_codes\":{\"type\":\"array\","
                               "\"items\":{\"type\":\"string\"}},\"csrf_token\":{\"type\":\"string\"}}}")
     ",\"422\":{\"description\":\"The code does not match\"}}}", HTTP_MFA_STEP},
    {"DELETE", "/api/v1/account/mfa", api_account_mfa_delete, HTTP_SESSION, NULL,
     "Remove your second factor (not while a role you hold requires it)",
     "{\"responses\":{\"204\":{\"description\":\"Removed\"},\"409\":{\"description\":\"Required by a role "
     "you hold\"}}}", 0},
    {"POST", "/api/v1/account/mfa/recovery-codes", api_account_recovery_codes_post, HTTP_SESSION, NULL,
     "Ten new recovery codes (shown once); the old ones stop working",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"recovery_codes\":{\"type\":\"array\","
                               "\"items\":{\"type\":\"string\"}}}}") "}}", 0},
    {"GET", "/api/v1/audit-events", api_audit_events_list, HTTP_PERMISSION, "audit_event.read",
     "The audit trail, newest first",
     "{\"parameters\":["
     "{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":500,"
     "\"default\":50}},"
     "{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{\"type\":\"string\"},\"description\":\"next_cursor of the "
     "previous page\"},"
     "{\"name\":\"action\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}},"
     "{\"name\":\"actor_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"}},"
     "{\"name\":\"since\",\"in\":\"query\",\"schema\":{\"type\":\"string\",\"format\":\"date-time\"}},"
     "{\"name\":\"until\",\"in\":\"query\",\"schema\":{\"type\":\"string\",\"format\":\"date-time\"}}],"
     "\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":"
                               REF("AuditEvent") "},\"next_cursor\":{\"type\":[\"string\",\"null\"]}}}") "}}", 0},
    {"POST", "/api/v1/audit-verifications", api_audit_verifications_post, HTTP_PERMISSION, "audit_event.read",
     "Verify the whole audit chain as a job (202 with the job's address)",
     "{\"responses\":{\"202\":{\"description\":\"Started; follow the job at Location\",\"content\":{"
     "\"application/json\":{\"schema\":" REF("JobStarted") "}}}}}", 0},
    {"GET", "/api/v1/jobs/{id}", api_jobs_get, HTTP_SESSION, NULL,
     "A job: state, progress and, when done, its result (only for who started it, or job.read_all)",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("Job")) "}}", 0},
    {"POST", "/api/v1/jobs/{id}/retry", api_jobs_retry, HTTP_SESSION, NULL, "Run a failed job again, as a new job",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{\"202\":{\"description\":\"The new job\",\"content\":{"
     "\"application/json\":{\"schema\":" REF("JobStarted") "}}},\"409\":{\"description\":\"The job has "
     "not failed\"}}}", 0},
    {"GET", "/api/v1/jobs/{id}/file", api_jobs_file, HTTP_SESSION, NULL,
     "The file a job made (an export), as a download; its SHA-256 in X-Content-SHA256",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{\"200\":{\"description\":\"The file\",\"content\":{"
     "\"application/octet-stream\":{}}}}}", 0},
    {"POST", "/api/v1/audit-exports", api_audit_exports_post, HTTP_PERMISSION, "audit_event.read",
     "Export the audit trail as CSV, as a job (202); the file is at /api/v1/jobs/{id}/file when done",
     "{\"requestBody\":{\"required\":false,\"content\":{\"application/json\":{\"schema\":{\"type\":"
     "\"object\",\"additionalProperties\":false,\"properties\":{\"since\":{\"type\":\"string\",\"format\":"
     "\"date-time\"},\"until\":{\"type\":\"string\",\"format\":\"date-time\"},\"action\":{\"type\":"
     "\"string\"}}}}}},\"responses\":{\"202\":{\"description\":\"Started\",\"content\":{"
     "\"application/json\":{\"schema\":" REF("JobStarted") "}}}}}", 0},
    {"POST", "/api/v1/asset-exports", api_asset_exports_post, HTTP_PERMISSION, "asset.read",
     "Export the information asset ledger (as the caller may see it, with the ledger's filters) as CSV (UTF-8 "
     "with a BOM, or CP932) or XLSX, as a job (202); the file (資産台帳_YYYYMMDD.csv/.xlsx) is at "
     "/api/v1/jobs/{id}/file when done. CP932: a character that would change or cannot be written fails the "
     "job, its result listing each (row, column, message), unless substitute, which lists each substitution",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":"
     "\"object\",\"required\":[\"format\"],\"additionalProperties\":false,\"properties\":{\"format\":{"
     "\"enum\":[\"csv\",\"csv-cp932\",\"xlsx\"]},\"substitute\":{\"type\":\"boolean\",\"description\":"
     "\"csv-cp932 only: write the nearest CP932 character (〜 → ～, ¥ → ￥, missing → 〓) and list each\"},"
     "\"org_unit_id\":{\"type\":\"integer\",\"description\":\"this unit and its sub-units\"},"
     "\"kind\":{\"enum\":[\"information\",\"system\",\"network\",\"medium\",\"document\",\"equipment\"]},"
     "\"segment\":{\"enum\":[\"mynumber\",\"lgwan\",\"internet\",\"standalone\",\"other\"]},"
     "\"status\":{\"enum\":[\"in_use\",\"disposed\",\"all\"],\"description\":\"default: all\"},"
     "\"class_id\":{\"type\":\"integer\"},\"personal_data\":{\"enum\":[\"true\",\"false\",\"mynumber\"]}}}}}},"
     "\"responses\":{\"202\":{\"description\":\"Started\",\"content\":{\"application/json\":{\"schema\":"
     REF("JobStarted") "}}},\"422\":{\"description\":\"A field named with the reason\"}}}", 0},
    {"POST", "/api/v1/person-imports", api_person_imports_post, HTTP_PERMISSION, "person.manage",
     "Import the staff list (職員名簿) from CSV, as a job: all rows or none (202)",
     "{\"parameters\":[{\"name\":\"encoding\",\"in\":\"query\",\"schema\":{\"enum\":[\"utf-8\",\"cp932\"]}},"
     "{\"name\":\"dry_run\",\"in\":\"query\",\"schema\":{\"enum\":[\"true\",\"false\"]}}],"
     "\"requestBody\":{\"required\":true,\"content\":{\"text/csv\":{\"schema\":{\"type\":\"string\"}}}},"
     "\"responses\":{\"202\":{\"description\":\"Started; the job's result lists every problem by row and column"
     "\",\"content\":{\"application/json\":{\"schema\":" REF("JobStarted") "}}}}}",
     HTTP_UPLOAD},
    {"POST", "/api/v1/asset-imports", api_asset_imports_post, HTTP_PERMISSION, "asset.write",
     "Import the information asset ledger from CSV (the export's columns), as a job: all rows or none (202). "
     "Rows with an ID change that asset; the importer's units only",
     "{\"parameters\":[{\"name\":\"encoding\",\"in\":\"query\",\"schema\":{\"enum\":[\"utf-8\",\"cp932\"]}},"
     "{\"name\":\"dry_run\",\"in\":\"query\",\"schema\":{\"enum\":[\"true\",\"false\"]}}],"
     "\"requestBody\":{\"required\":true,\"content\":{\"text/csv\":{\"schema\":{\"type\":\"string\"}}}},"
     "\"responses\":{\"202\":{\"description\":\"Started; the job's result lists every problem by row and column,"
     " or counts what was created, updated and disposed of\",\"content\":{\"application/json\":{\"schema\":"
     REF("JobStarted") "}}}}}",
     HTTP_UPLOAD},
    {"GET", "/api/v1/org-units", api_org_units_list, HTTP_SESSION, NULL,
     "The organisation's units, parents before children: now, or as they were on a date",
     "{\"parameters\":["
     "{\"name\":\"as_of\",\"in\":\"query\",\"schema\":{\"type\":\"string\",\"format\":\"date\"},"
     "\"description\":\"the tree as it was on this date (codes, names and parents of then)\"},"
     "{\"name\":\"include_closed\",\"in\":\"query\",\"schema\":{\"enum\":[\"true\",\"false\"],"
     "\"default\":\"false\"},\"description\":\"also the units closed (merged, split or abolished) by then\"}],"
     "\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":"
                               REF("OrgUnit") "},\"next_cursor\":{\"type\":\"null\"}}}") "}}", 0},
    {"GET", "/api/v1/org-units/{id}", api_org_units_get, HTTP_SESSION, NULL,
     "One unit with its history (every dated period of its code, names and parent) and lineage (what it came from "
     "and became); ETag is the version",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("OrgUnitDetail")) "}}", 0},
    {"PATCH", "/api/v1/org-units/{id}", api_org_units_patch, HTTP_PERMISSION, "org.manage",
     "Correct a typo in a unit's names (no new period: dated changes are reorganisations); If-Match required",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],"
     "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"additionalProperties\":false,\"properties\":{\"name_ja\":{\"type\":\"string\",\"maxLength\":100},"
     "\"name_en\":{\"type\":\"string\",\"maxLength\":200}}}}}},"
     "\"responses\":{" JSON_OK(REF("OrgUnitDetail")) "}}", 0},
    {"GET", "/api/v1/reorganisations", api_reorganisations_list, HTTP_PERMISSION, "person.read",
     "Planned reorganisations, latest date first: all of them for org.manage, else the scheduled and applied ones "
     "that touch the caller's units",
     "{\"parameters\":["
     "{\"name\":\"state\",\"in\":\"query\",\"schema\":{\"enum\":[\"draft\",\"scheduled\",\"applied\","
     "\"cancelled\"]}},"
     "{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":500}},"
     "{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],"
     "\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\"},"
                               "\"next_cursor\":{\"type\":[\"string\",\"null\"]}}}") "}}", 0},
    {"POST", "/api/v1/reorganisations", api_reorganisations_post, HTTP_PERMISSION, "org.manage",
     "Start a plan (a draft): title, effective date, operations (201 with Location and ETag)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":" REF("ReorganisationInput")
     "}}},\"responses\":{\"201\":{\"description\":\"The draft\",\"content\":{\"application/json\":{"
     "\"schema\":" REF("Reorganisation") "}}}}}", 0},
    {"GET", "/api/v1/reorganisations/{id}", api_reorganisations_get, HTTP_PERMISSION, "person.read",
     "One plan with the names it refers to, what applying did, and (for planners) what is wrong with it now; "
     "404 for a plan the caller may not see (recorded)",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("Reorganisation")) "}}", 0},
    {"PATCH", "/api/v1/reorganisations/{id}", api_reorganisations_patch, HTTP_PERMISSION, "org.manage",
     "Change a draft (operations replace the whole list); If-Match required",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],"
     "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":" REF("ReorganisationInput")
     "}}},\"responses\":{" JSON_OK(REF("Reorganisation")) ",\"409\":{\"description\":\"Not a draft\"}}}", 0},
    {"POST", "/api/v1/reorganisations/{id}/schedule", api_reorganisations_schedule, HTTP_PERMISSION, "org.manage",
     "Schedule a draft: the whole plan is checked (422 names each operation and field at fault); If-Match required",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],\"responses\":{" JSON_OK(REF("Reorganisation"))
     ",\"409\":{\"description\":\"Not a draft\"}}}", 0},
    {"POST", "/api/v1/reorganisations/{id}/unschedule", api_reorganisations_unschedule, HTTP_PERMISSION, "org.manage",
     "Take a scheduled plan back to draft, to change it; If-Match required",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],\"responses\":{" JSON_OK(REF("Reorganisation"))
     ",\"409\":{\"description\":\"Not scheduled\"}}}", 0},
    {"POST", "/api/v1/reorganisations/{id}/cancel", api_reorganisations_cancel, HTTP_PERMISSION, "org.manage",
     "Cancel a draft or scheduled plan (it is kept); If-Match required",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],\"responses\":{" JSON_OK(REF("Reorganisation"))
     ",\"409\":{\"description\":\"Applied or cancelled already\"}}}", 0},
    {"POST", "/api/v1/reorganisations/{id}/apply", api_reorganisations_apply, HTTP_PERMISSION, "org.manage",
     "Apply a scheduled plan now, on or after its date, in one transaction (the server also does this on a timer); "
     "applying an applied plan changes nothing; If-Match required",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],\"responses\":{" JSON_OK(REF("Reorganisation"))
     ",\"409\":{\"description\":\"Not scheduled, or not due yet\"},\"422\":{\"description\":\"The plan no "
     "longer fits the tree: nothing changed\"}}}", 0},
    {"GET", "/api/v1/persons", api_persons_list, HTTP_PERMISSION, "person.read",
     "People in the caller's units (a role in a unit covers its sub-units), by reading",
     "{\"parameters\":["
     "{\"name\":\"org_unit_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"},\"description\":\"this "
     "unit and its sub-units\"},"
     "{\"name\":\"q\",\"in\":\"query\",\"schema\":{\"type\":\"string\"},\"description\":"
     "\"words (at most 8), each found in the name or its reading; NFKC and case folded, so full-width and "
     "half-width forms and upper and lower case find each other (docs/api.md, Search)\"},"
     "{\"name\":\"active\",\"in\":\"query\",\"schema\":{\"enum\":[\"true\",\"false\",\"all\"],\"default\":"
     "\"true\"}},"
     "{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":500}},"
     "{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],"
     "\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":"
                               REF("PersonSummary") "},\"next_cursor\":{\"type\":[\"string\",\"null\"]}}}") "}}", 0},
    {"GET", "/api/v1/persons/{id}", api_persons_get, HTTP_PERMISSION, "person.read",
     "One person in the caller's units (404 for anyone else, recorded as access.denied); ETag is the version",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("PersonSummary")) "}}", 0},
    {"POST", "/api/v1/persons", api_persons_post, HTTP_PERMISSION, "person.manage",
     "Add a person to one of your units (201 with Location and ETag)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"name\",\"category\",\"org_unit_id\"],\"additionalProperties\":false,\"properties\":{"
     "\"name\":{\"type\":\"string\"},\"name_kana\":{\"type\":\"string\"},\"category\":{\"type\":\"string\"},"
     "\"org_unit_id\":{\"type\":\"integer\"}," PERSON_LINKS "}}}}},\"responses\":{\"201\":{\"description\":\"Added\","
     "\"content\":{\"application/json\":{\"schema\":" REF("PersonSummary") "}}}}}", 0},
    {"PATCH", "/api/v1/persons/{id}", api_persons_patch, HTTP_PERMISSION, "person.manage",
     "Change a person of your units; If-Match with their ETag is required (428 without, 412 when stale)",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],"
     "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"additionalProperties\":false,\"properties\":{\"name\":{\"type\":\"string\"},\"name_kana\":{\"type\":"
     "\"string\"},\"category\":{\"type\":\"string\"},\"org_unit_id\":{\"type\":\"integer\"}," PERSON_LINKS "}}}}},"
     "\"responses\":{" JSON_OK(REF("PersonSummary")) "}}", 0},
    {"POST", "/api/v1/persons/{id}/deactivate", api_persons_deactivate, HTTP_PERMISSION, "person.manage",
     "A person has left (第4条2): the login stops at once, the record stays; If-Match required",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],"
     "\"responses\":{" JSON_OK(REF("PersonSummary")) "}}", 0},
    {"GET", "/api/v1/roles", api_roles_list, HTTP_SESSION, NULL,
     "The roles of 第10条 with their rank and permissions (the role → permission table), and the "
     "permissions' names",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\"},"
                               "\"next_cursor\":{\"type\":\"null\"},\"permissions\":{\"type\":\"array\","
                               "\"items\":{\"type\":\"object\",\"properties\":{\"code\":{\"type\":"
                               "\"string\"},\"name_ja\":{\"type\":\"string\"},\"name_en\":{\"type\":"
                               "\"string\"}}}}}}") "}}", 0},
    {"GET", "/api/v1/role-assignments", api_role_assignments_list, HTTP_PERMISSION, "person.read",
     "Role assignments, past, present and future, of the people in the caller's units, newest first",
     "{\"parameters\":[{\"name\":\"person_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"},"
     "\"description\":\"one person's (404 for a person outside the caller's units)\"},"
     "{\"name\":\"org_unit_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"},\"description\":"
     "\"held in this unit or its sub-units\"},"
     "{\"name\":\"role\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}},"
     "{\"name\":\"state\",\"in\":\"query\",\"schema\":{\"enum\":[\"current\",\"upcoming\",\"ended\","
     "\"all\"],\"default\":\"all\"},\"description\":\"on today's date\"},"
     "{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":500,"
     "\"default\":50}},"
     "{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],"
     "\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\"},"
                               "\"next_cursor\":{\"type\":[\"string\",\"null\"]}}}") "}}", 0},
    {"POST", "/api/v1/role-assignments", api_role_assignments_post, HTTP_PERMISSION, "role.grant",
     "Grant a role in a unit: only roles below your own, inside your units, never to yourself",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"person_id\",\"role\",\"org_unit_id\"],\"additionalProperties\":false,\"properties\":{"
     "\"person_id\":{\"type\":\"integer\"},\"role\":{\"type\":\"string\"},\"org_unit_id\":{\"type\":"
     "\"integer\"},\"valid_from\":{\"type\":\"string\",\"format\":\"date\"},\"valid_to\":{\"type\":"
     "\"string\",\"format\":\"date\"}}}}}},\"responses\":{\"201\":{\"description\":\"Granted\"}}}", 0},
    {"DELETE", "/api/v1/role-assignments/{id}", api_role_assignments_delete, HTTP_PERMISSION, "role.grant",
     "Revoke a role assignment (it ends; the record stays), under the same rules",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{\"204\":{\"description\":\"Revoked\"}}}", 0},
    {"GET", "/api/v1/tokens", api_tokens_list, HTTP_SESSION, NULL, "Your API tokens (never their secrets)",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\"}") "}}", 0},
    {"POST", "/api/v1/tokens", api_tokens_post, HTTP_SESSION, NULL,
     "Make an API token for yourself, read or write, with an expiry; the token is shown only in this answer",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"name\",\"scope\"],\"additionalProperties\":false,\"properties\":{\"name\":{\"type\":"
     "\"string\"},\"scope\":{\"enum\":[\"read\",\"write\"]},\"expires_in_days\":{\"type\":\"integer\","
     "\"minimum\":1,\"maximum\":366,\"default\":90}}}}}},\"responses\":{\"201\":{\"description\":\"The token, "
     "once\"}}}", 0},
    {"DELETE", "/api/v1/tokens/{id}", api_tokens_delete, HTTP_SESSION, NULL, "Revoke one of your API tokens",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{\"204\":{\"description\":\"Revoked\"}}}", 0},
    {"GET", "/api/v1/related-bodies", api_related_bodies_list, HTTP_PERMISSION, "person.read",
     "Related bodies (関係機関) and how many of their people are active",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\"}") "}}", 0},
    {"POST", "/api/v1/related-bodies", api_related_bodies_post, HTTP_PERMISSION, "partner.manage",
     "Add one of the related bodies (201 with ETag)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"additionalProperties\":false,\"properties\":{\"name\":{\"type\":\"string\"},\"contact\":{\"type\":"
     "\"string\"},\"note\":{\"type\":\"string\"},\"active\":{\"type\":\"boolean\"}}}}}},"
     "\"responses\":{\"201\":{\"description\":\"Added\"}}}", 0},
    {"PATCH", "/api/v1/related-bodies/{id}", api_related_bodies_patch, HTTP_PERMISSION, "partner.manage",
     "Change one of the related bodies; If-Match required (428 without, 412 when stale)",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],"
     "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"additionalProperties\":false,\"properties\":{\"name\":{\"type\":\"string\"},\"contact\":{\"type\":"
     "\"string\"},\"note\":{\"type\":\"string\"},\"active\":{\"type\":\"boolean\"}}}}}},"
     "\"responses\":{\"200\":{\"description\":\"Changed\"}}}", 0},
    {"GET", "/api/v1/contractors", api_contractors_list, HTTP_PERMISSION, "person.read",
     "Contractors (委託先) and how many of their people are active",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\"}") "}}", 0},
    {"POST", "/api/v1/contractors", api_contractors_post, HTTP_PERMISSION, "partner.manage",
     "Add one of the contractors (201 with ETag)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"additionalProperties\":false,\"properties\":{\"name\":{\"type\":\"string\"},\"contact\":{\"type\":"
     "\"string\"},\"note\":{\"type\":\"string\"},\"active\":{\"type\":\"boolean\"}}}}}},"
     "\"responses\":{\"201\":{\"description\":\"Added\"}}}", 0},
    {"PATCH", "/api/v1/contractors/{id}", api_contractors_patch, HTTP_PERMISSION, "partner.manage",
     "Change one of the contractors; If-Match required (428 without, 412 when stale)",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],"
     "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"additionalProperties\":false,\"properties\":{\"name\":{\"type\":\"string\"},\"contact\":{\"type\":"
     "\"string\"},\"note\":{\"type\":\"string\"},\"active\":{\"type\":\"boolean\"}}}}}},"
     "\"responses\":{\"200\":{\"description\":\"Changed\"}}}", 0},
    {"GET", "/api/v1/classification", api_classification_get, HTTP_SESSION, NULL,
     "The classification scheme in force (第9条): its classes per axis with rank, definition, handling rules per "
     "aspect and how many assets use each; ETag is the scheme's version",
     "{\"responses\":{" JSON_OK(REF("ClassificationScheme")) "}}", 0},
    {"GET", "/api/v1/classification/schemes", api_classification_schemes, HTTP_SESSION, NULL,
     "Every preset of the scheme (R6.10, pre-2024), the one in force first, with their classes and rules",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":"
                               REF("ClassificationScheme") "},\"next_cursor\":{\"type\":\"null\"}}}") "}}", 0},
    {"PATCH", "/api/v1/classification/classes/{id}", api_classification_class_patch, HTTP_PERMISSION,
     "classification.manage",
     "Change a class's names, definition or handling rules (rules: aspect → {ja, en}); If-Match required",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],"
     "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"additionalProperties\":false,\"properties\":{\"name_ja\":{\"type\":\"string\",\"maxLength\":100},"
     "\"name_en\":{\"type\":\"string\",\"maxLength\":200},\"definition_ja\":{\"type\":\"string\","
     "\"maxLength\":2000},\"definition_en\":{\"type\":\"string\",\"maxLength\":4000},\"rules\":{\"type\":"
     "\"object\",\"propertyNames\":{\"enum\":[\"labelling\",\"storage\",\"transmission\",\"taking_out\","
     "\"copying\",\"printing\",\"disposal\"]},\"additionalProperties\":{\"type\":\"object\","
     "\"additionalProperties\":false,\"properties\":{\"ja\":{\"type\":\"string\",\"maxLength\":2000},"
     "\"en\":{\"type\":\"string\",\"maxLength\":4000}}}}}}}}},"
     "\"responses\":{" JSON_OK(REF("ClassificationClass")) "}}", 0},
    {"POST", "/api/v1/classification/preset-change", api_classification_preset_change, HTTP_PERMISSION,
     "classification.manage",
     "Put another preset in force, in one transaction: every class in use must be mapped (old class id → new "
     "class id, same axis) and every asset's classes move by the mapping (422 names each class left unmapped)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"scheme\",\"mapping\"],\"additionalProperties\":false,\"properties\":{\"scheme\":{"
     "\"type\":\"string\"},\"mapping\":{\"type\":\"object\",\"additionalProperties\":{\"type\":"
     "\"integer\"}}}}}}},\"responses\":{" JSON_OK(REF("ClassificationScheme")) "}}", 0},
    {"GET", "/api/v1/assets", api_assets_list, HTTP_PERMISSION, "asset.read",
     "The ledger as the caller may see it (need-to-know: the highest confidentiality classes only for those who "
     "need to know), by the normalised name",
     "{\"parameters\":["
     "{\"name\":\"org_unit_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"},\"description\":\"this "
     "unit and its sub-units\"},"
     "{\"name\":\"kind\",\"in\":\"query\",\"schema\":{\"enum\":[\"information\",\"system\",\"network\","
     "\"medium\",\"document\",\"equipment\"]}},"
     "{\"name\":\"class_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"},\"description\":\"a "
     "class of any axis\"},"
     "{\"name\":\"segment\",\"in\":\"query\",\"schema\":{\"enum\":[\"mynumber\",\"lgwan\",\"internet\","
     "\"standalone\",\"other\"]}},"
     "{\"name\":\"status\",\"in\":\"query\",\"schema\":{\"enum\":[\"in_use\",\"disposed\",\"all\"],"
     "\"default\":\"in_use\"}},"
     "{\"name\":\"personal_data\",\"in\":\"query\",\"schema\":{\"enum\":[\"true\",\"false\","
     "\"mynumber\"]}},"
     "{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":500,"
     "\"default\":50}},"
     "{\"name\":\"q\",\"in\":\"query\",\"schema\":{\"type\":\"string\",\"maxLength\":1024},"
     "\"description\":\"words the asset's name, description or location all hold (full-width and half-width, "
     "upper and lower case alike; one character or more)\"},"
     "{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],"
     "\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":"
                               REF("Asset") "},\"next_cursor\":{\"type\":[\"string\",\"null\"]}}}") "}}", 0},
    {"POST", "/api/v1/assets", api_assets_post, HTTP_PERMISSION, "asset.write",
     "Register an asset of one of your units (201 with Location and ETag; warnings name the rules a container "
     "breaks)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"kind\",\"name\",\"owner_unit_id\",\"segment\",\"format\",\"c_class_id\",\"i_class_id\","
     "\"a_class_id\",\"class_reason\"],\"additionalProperties\":false,\"properties\":{\"kind\":{\"enum\":[\"information\",\"system\",\"network\",\"medium\",\"document\",\"equipment\"]},\"name\":{\"type\":\"string\",\"maxLength\":200},\"description\":{\"type\":\"string\",\"maxLength\":4000},\"owner_unit_id\":{\"type\":\"integer\"},\"manager_id\":{\"type\":[\"integer\",\"null\"]},\"location\":{\"type\":\"string\",\"maxLength\":200},\"segment\":{\"enum\":[\"mynumber\",\"lgwan\",\"internet\",\"standalone\",\"other\"],\"description\":\"マイナンバー利用事務系, LGWAN接続系, インターネット接続系, standalone, other\"},\"format\":{\"enum\":[\"electronic\",\"paper\"]},\"personal_data\":{\"type\":\"boolean\"},\"mynumber\":{\"type\":\"boolean\",\"description\":\"requires personal_data\"},\"retention\":{\"type\":\"string\",\"maxLength\":100},\"disposal_method\":{\"type\":\"string\",\"maxLength\":200},\"c_class_id\":{\"type\":\"integer\"},\"i_class_id\":{\"type\":\"integer\"},\"a_class_id\":{\"type\":\"integer\"},\"class_reason\":{\"type\":\"string\",\"maxLength\":2000}}}}}},"
     "\"responses\":{\"201\":{\"description\":\"Registered\",\"content\":{\"application/json\":{\"schema\":"
     REF("AssetDetail") "}}},\"422\":{\"description\":\"A field, or a rule (mynumber_not_on_internet; "
     "container_class with asset_container_strict) named with its path\"}}}", 0},
    {"GET", "/api/v1/assets/{id}", api_assets_get, HTTP_PERMISSION, "asset.read",
     "One asset with its history (every version: who owned and managed it when); 404 for one the caller may not "
     "see (recorded); ETag is the version",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("AssetDetail")) "}}", 0},
    {"PATCH", "/api/v1/assets/{id}", api_assets_patch, HTTP_PERMISSION, "asset.write",
     "Change an asset (asset.write in its unit, or its manager); If-Match required; \"\" clears an optional text, "
     "manager_id null clears the manager",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],"
     "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"additionalProperties\":false,\"properties\":{\"kind\":{\"enum\":[\"information\",\"system\",\"network\",\"medium\",\"document\",\"equipment\"]},\"name\":{\"type\":\"string\",\"maxLength\":200},\"description\":{\"type\":\"string\",\"maxLength\":4000},\"owner_unit_id\":{\"type\":\"integer\"},\"manager_id\":{\"type\":[\"integer\",\"null\"]},\"location\":{\"type\":\"string\",\"maxLength\":200},\"segment\":{\"enum\":[\"mynumber\",\"lgwan\",\"internet\",\"standalone\",\"other\"],\"description\":\"マイナンバー利用事務系, LGWAN接続系, インターネット接続系, standalone, other\"},\"format\":{\"enum\":[\"electronic\",\"paper\"]},\"personal_data\":{\"type\":\"boolean\"},\"mynumber\":{\"type\":\"boolean\",\"description\":\"requires personal_data\"},\"retention\":{\"type\":\"string\",\"maxLength\":100},\"disposal_method\":{\"type\":\"string\",\"maxLength\":200},\"c_class_id\":{\"type\":\"integer\"},\"i_class_id\":{\"type\":\"integer\"},\"a_class_id\":{\"type\":\"integer\"},\"class_reason\":{\"type\":\"string\",\"maxLength\":2000}}}}}},"
     "\"responses\":{" JSON_OK(REF("AssetDetail")) ",\"409\":{\"description\":\"Disposed of\"}}}", 0},
    {"POST", "/api/v1/assets/{id}/dispose", api_assets_dispose, HTTP_PERMISSION, "asset.write",
     "Record the disposal (date, method, witness): the asset stays in the ledger as disposed, its relations end; "
     "If-Match required",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],"
     "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"disposed_on\",\"method\",\"witness\"],\"additionalProperties\":false,\"properties\":{"
     "\"disposed_on\":{\"type\":\"string\",\"format\":\"date\"},\"method\":{\"type\":\"string\","
     "\"maxLength\":200},\"witness\":{\"type\":\"string\",\"maxLength\":200}}}}}},"
     "\"responses\":{" JSON_OK(REF("AssetDetail")) ",\"409\":{\"description\":\"Already disposed of\"}}}", 0},
    {"GET", "/api/v1/assets/{id}/relations", api_asset_relations_list, HTTP_PERMISSION, "asset.read",
     "What the asset holds and what holds it, among the assets the caller may see",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{"
     "\"type\":\"array\",\"items\":" REF("AssetRelation") "},\"next_cursor\":{\"type\":\"null\"}}}") "}}", 0},
    {"POST", "/api/v1/assets/{id}/relations", api_asset_relations_post, HTTP_PERMISSION, "asset.write",
     "Relate the asset to a container: stored_in (information → system), runs_on (system, equipment → network), "
     "held_on (information → medium, document, equipment); the rules are checked along the path",
     "{\"parameters\":[" ID_PARAM "],"
     "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"kind\",\"to_asset_id\"],\"additionalProperties\":false,\"properties\":{\"kind\":{"
     "\"enum\":[\"stored_in\",\"runs_on\",\"held_on\"]},\"to_asset_id\":{\"type\":\"integer\"}}}}}},"
     "\"responses\":{\"201\":{\"description\":\"Related (Location: the relation)\"},\"409\":{\"description\":"
     "\"Related so already\"}}}", 0},
    {"DELETE", "/api/v1/asset-relations/{id}", api_asset_relations_delete, HTTP_PERMISSION, "asset.write",
     "End a relation (it is kept, with who ended it), by whoever may change the held asset",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{\"204\":{\"description\":\"Ended\"},\"409\":{"
     "\"description\":\"Ended already\"}}}", 0},
    {"GET", "/api/v1/assets/{id}/requirements", api_asset_requirements_list, HTTP_PERMISSION, "asset.read",
     "The requirements (対策基準) that apply to an asset from its kind, segment, personal data and class ranks; "
     "404 for one the caller may not see (recorded)",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{"
     "\"type\":\"array\",\"items\":" REF("Requirement") "},\"next_cursor\":{\"type\":\"null\"}}}") "}}", 0},
    {"GET", "/api/v1/implementations", api_implementations_list, HTTP_PERMISSION, "asset.read",
     "Implementation records (対策の実施状況) the caller may see: an asset's as the asset itself (need-to-know), a "
     "unit's for asset.read there; a pair without a record is 未着手 (not_started) and is not listed; by id",
     "{\"parameters\":[{\"name\":\"asset_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"}},"
     "{\"name\":\"org_unit_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"},\"description\":"
     "\"the unit the record counts to (an asset's owner unit, or the unit)\"},{\"name\":\"requirement_id\","
     "\"in\":\"query\",\"schema\":{\"type\":\"integer\"}},{\"name\":\"status\",\"in\":\"query\","
     "\"schema\":" IMPL_STATUS "},{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
     "\"minimum\":1,\"maximum\":500,\"default\":50}},{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{"
     "\"type\":\"string\"}}],\"responses\":{" JSON_OK(LIST_OF(REF("Implementation"))) "}}", 0},
    {"POST", "/api/v1/implementations", api_implementations_post, HTTP_PERMISSION, "implementation.write",
     "Record the first state of a requirement for an asset it applies to (asset_id) or for a unit (org_unit_id; "
     "items of scope unit) in the caller's units (201 with Location and ETag); 409 when the pair has a record "
     "already; status excepted (適用除外) is refused: it comes from an approved exception",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"requirement_id\",\"status\"],\"additionalProperties\":false,\"properties\":{"
     "\"requirement_id\":{\"type\":\"integer\"},\"asset_id\":{\"type\":\"integer\"},\"org_unit_id\":{"
     "\"type\":\"integer\"}," IMPL_PROPS "}}}}},\"responses\":{\"201\":{\"description\":\"Recorded\","
     "\"content\":{\"application/json\":{\"schema\":" REF("Implementation") "}}},\"409\":{\"description\":"
     "\"The pair has a record already\"}}}", 0},
    {"GET", "/api/v1/implementations/{id}", api_implementations_get, HTTP_PERMISSION, "asset.read",
     "One implementation record with its history and evidence; ETag is its version; 404 for one of an asset the "
     "caller may not see (recorded)",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("Implementation")) "}}", 0},
    {"PATCH", "/api/v1/implementations/{id}", api_implementations_patch, HTTP_PERMISSION, "implementation.write",
     "Change an implementation record; If-Match required (428 without, 412 when stale); \"\" or null clears an "
     "optional field; 409 while an approved exception holds it (excepted)",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],\"requestBody\":{\"required\":true,\"content\":{"
     "\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
     IMPL_PROPS "}}}}},\"responses\":{" JSON_OK(REF("Implementation")) "}}", 0},
    {"POST", "/api/v1/implementations/{id}/evidence", api_implementations_evidence_post, HTTP_PERMISSION,
     "implementation.write",
     "Add an evidence file to an implementation record (the body is the file; its type is decided by its content); "
     "If-Match required (the record's version moves on); 201 with the record",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM ",{\"name\":\"name\",\"in\":\"query\",\"required\":true,"
     "\"schema\":{\"type\":\"string\",\"maxLength\":200}}],\"requestBody\":{\"required\":true,\"content\":{"
     "\"application/octet-stream\":{\"schema\":{\"type\":\"string\",\"format\":\"binary\"}}}},\"responses\":{"
     "\"201\":{\"description\":\"Added\",\"content\":{\"application/json\":{\"schema\":" REF("Implementation")
     "}}}}}",
     HTTP_UPLOAD},
#define RISK_PROPS                                                                                               \
    "\"likelihood\":{\"type\":\"integer\",\"minimum\":1,\"description\":\"1..risk_matrix_size\"},"               \
    "\"impact\":{\"type\":[\"integer\",\"null\"],\"minimum\":1,\"description\":\"1..risk_matrix_size; absent or "  \
    "null: from the asset's class\"},\"treatment\":{\"enum\":[\"reduce\",\"accept\",\"avoid\",\"transfer\"]},"   \
    "\"note\":{\"type\":[\"string\",\"null\"],\"maxLength\":4000},\"owner_id\":{\"type\":[\"integer\",\"null\"]}," \
    "\"requirement_ids\":{\"type\":\"array\",\"maxItems\":200,\"items\":{\"type\":\"integer\"}}"
#define RISK_LABELS                                                                                              \
    "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"},"         \
    "\"ja\":{\"type\":\"string\"},\"en\":{\"type\":\"string\"}}}}"
#define RISK_MATRIX                                                                                              \
    "{\"type\":\"object\",\"properties\":{\"size\":{\"type\":\"integer\"},\"likelihood\":" RISK_LABELS          \
    ",\"impact\":" RISK_LABELS "}}"
#define RISK_FILTERS                                                                                             \
    "{\"name\":\"asset_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"}},{\"name\":\"threat_id\","        \
    "\"in\":\"query\",\"schema\":{\"type\":\"integer\"}},{\"name\":\"org_unit_id\",\"in\":\"query\",\"schema\":{" \
    "\"type\":\"integer\"},\"description\":\"the asset's owner unit\"}"
    {"GET", "/api/v1/risks", api_risks_list, HTTP_PERMISSION, "asset.read",
     "The risk register (asset × threat) the caller may see, through the asset's need-to-know: likelihood, impact "
     "(from the asset's class unless set), level, treatment and the residual risk computed from the implementation "
     "records of the linked requirements; open risks, or closed=true; by id",
     "{\"parameters\":[" RISK_FILTERS ",{\"name\":\"closed\",\"in\":\"query\",\"schema\":{\"enum\":[\"true\","
     "\"false\"]}},{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,"
     "\"maximum\":500,\"default\":50}},{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],"
     "\"responses\":{" JSON_OK(LIST_OF("{\"type\":\"object\"}")) "}}", 0},
    {"GET", "/api/v1/risks/heatmap", api_risks_heatmap, HTTP_PERMISSION, "asset.read",
     "The heat map of the open risks the caller may see: counts per likelihood (rows, highest first) × impact "
     "(columns, 1 first), inherent and residual; avoided ones (residual 0) counted apart; the matrix with the "
     "words of its steps (the settings risk_likelihood_labels, risk_impact_labels)",
     "{\"parameters\":[" RISK_FILTERS "],\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{"
     "\"size\":{\"type\":\"integer\"},\"total\":{\"type\":\"integer\"},\"avoided\":{\"type\":\"integer\"},"
     "\"inherent\":{\"type\":\"array\"},\"residual\":{\"type\":\"array\"},\"matrix\":" RISK_MATRIX "}}") "}}", 0},
    {"POST", "/api/v1/risks", api_risks_post, HTTP_PERMISSION, "implementation.write",
     "Register a risk of an asset (in the caller's units, which they may see) from a threat (201 with Location and "
     "ETag); 409 when the pair has an open risk already; 404 for an asset the caller may not see (recorded)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"asset_id\",\"threat_id\",\"likelihood\",\"treatment\"],\"additionalProperties\":false,"
     "\"properties\":{\"asset_id\":{\"type\":\"integer\"},\"threat_id\":{\"type\":\"integer\"}," RISK_PROPS "}}}}},"
     "\"responses\":{\"201\":{\"description\":\"Registered\"},\"409\":{\"description\":\"An open risk of the pair "
     "exists\"}}}", 0},
    {"GET", "/api/v1/risks/{id}", api_risks_get, HTTP_PERMISSION, "asset.read",
     "One risk with its linked requirements and their status on the asset (reduces: carried out), its versions "
     "(history, newest first) and the matrix with its words; ETag is its version; 404 for one of an asset the "
     "caller may not see (recorded)",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK("{\"type\":\"object\"}") "}}", 0},
    {"PATCH", "/api/v1/risks/{id}", api_risks_patch, HTTP_PERMISSION, "implementation.write",
     "Change a risk; If-Match required (428 without, 412 when stale); impact null goes back to the class's; "
     "requirement_ids replaces the set; closed=true closes it (kept, never deleted; 409 once closed)",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],\"requestBody\":{\"required\":true,\"content\":{"
     "\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
     RISK_PROPS ",\"closed\":{\"const\":true}}}}}},\"responses\":{" JSON_OK("{\"type\":\"object\"}") "}}", 0},
    {"GET", "/api/v1/evidence/{id}", api_evidence_get, HTTP_PERMISSION, "asset.read",
     "One evidence file of an implementation record, for who sees the record (404 otherwise, recorded)",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{\"200\":{\"description\":\"The file\"}}}", 0},
    {"GET", "/api/v1/compliance", api_compliance_get, HTTP_PERMISSION, "compliance.read",
     "The compliance figures of the caller's units (maintained, not recomputed): the share of applicable "
     "requirements implemented by unit (own and with sub-units), by measure kind and by confidentiality class "
     "(rank 0: unit-level items); rate = implemented / (applicable - not_applicable - excepted); recompute=true "
     "computes them from nothing instead (catalog.manage only), to check they agree",
     "{\"parameters\":[{\"name\":\"recompute\",\"in\":\"query\",\"schema\":{\"enum\":[\"true\","
     "\"false\"]}}],\"responses\":{" JSON_OK(REF("Compliance")) "}}", 0},
    {"GET", "/api/v1/compliance/history", api_compliance_history, HTTP_PERMISSION, "compliance.read",
     "The snapshots of the figures (the caller's units), per month (YYYY-MM, as at its end) and per 年度 (YYYY: "
     "April to March), oldest first",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"months\":{\"type\":\"array\"},"
     "\"fiscal_years\":{\"type\":\"array\"}}}") "}}", 0},
    {"GET", "/api/v1/compliance/soa", api_compliance_soa, HTTP_PERMISSION, "compliance.read",
     "The Statement of Applicability (適用宣言書) of the caller's units, or of one of them with its sub-units "
     "(org_unit_id; 403 outside them): every active requirement of the catalog, whether it applies (to how "
     "many assets or units), why (its rules, with the class in force each rank starts at) and the status counts",
     "{\"parameters\":[{\"name\":\"org_unit_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"}}],"
     "\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"requirements\":{\"type\":\"array\"},"
     "\"items\":{\"type\":\"integer\"},\"items_applying\":{\"type\":\"integer\"}}}") "}}", 0},
    {"GET", "/api/v1/compliance/reference", api_compliance_reference, HTTP_PERMISSION, "compliance.read",
     "Compliance against an imported reference catalog (catalog_id: its id or uuid; 404 for none) through the "
     "mappings, in the caller's units or one of them with its sub-units (org_unit_id; 403 outside them): per "
     "control and enhancement the requirements mapped to it with their figures, per family and in all the "
     "figures of the distinct requirements mapped there; a control with no mapping is not covered (counts null, "
     "not 0 %); read from the maintained per-requirement figures; recompute=true computes them from nothing "
     "(catalog.manage only)",
     "{\"parameters\":[{\"name\":\"catalog_id\",\"in\":\"query\",\"required\":true,\"schema\":{\"type\":"
     "\"string\"},\"description\":\"the reference catalog's id or uuid\"},{\"name\":\"org_unit_id\",\"in\":"
     "\"query\",\"schema\":{\"type\":\"integer\"}},{\"name\":\"recompute\",\"in\":\"query\",\"schema\":{"
     "\"enum\":[\"true\",\"false\"]}}],\"responses\":{" JSON_OK(REF("ComplianceReference")) "}}", 0},
    {"GET", "/api/v1/threats", api_threats_list, HTTP_PERMISSION, "catalog.read",
     "The threat catalog (第2条(6)), by code",
     "{\"parameters\":[{\"name\":\"kind\",\"in\":\"query\",\"schema\":{\"enum\":[\"natural\",\"system\",\"human\"]}},"
     CATALOG_LIST_PARAMS "],\"responses\":{" JSON_OK(LIST_OF(REF("Threat"))) "}}", 0},
    {"POST", "/api/v1/threats", api_threats_post, HTTP_PERMISSION, "catalog.manage",
     "Add a threat (201 with Location and ETag)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"code\",\"kind\",\"name_ja\"],\"additionalProperties\":false,\"properties\":{" THREAT_PROPS
     "}}}}},\"responses\":{\"201\":{\"description\":\"Added\",\"content\":{\"application/json\":{\"schema\":"
     REF("Threat") "}}}}}", 0},
    {"GET", "/api/v1/threats/{id}", api_threats_get, HTTP_PERMISSION, "catalog.read",
     "One threat; ETag is its version",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("Threat")) "}}", 0},
    {"PATCH", "/api/v1/threats/{id}", api_threats_patch, HTTP_PERMISSION, "catalog.manage",
     "Change a threat, or deactivate it (active: false; never deleted); If-Match required (428 without, 412 when "
     "stale); \"\" clears an optional text",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],\"requestBody\":{\"required\":true,\"content\":{"
     "\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
     THREAT_PROPS "}}}}},\"responses\":{" JSON_OK(REF("Threat")) "}}", 0},
    {"GET", "/api/v1/requirements", api_requirements_list, HTTP_PERMISSION, "catalog.read",
     "The standards catalog (対策基準, 第6条), groups and items by code (parent_id and children draw the tree)",
     "{\"parameters\":[{\"name\":\"kind\",\"in\":\"query\",\"schema\":{\"enum\":[\"physical\",\"human\","
     "\"technical\",\"development\",\"operational\",\"network\"]},\"description\":\"the measure kind of 第5条\"},"
     "{\"name\":\"tag\",\"in\":\"query\",\"schema\":{\"type\":\"string\",\"maxLength\":50}},"
     "{\"name\":\"threat_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"},\"description\":\"items "
     "answering this threat\"},{\"name\":\"law_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"},"
     "\"description\":\"items implementing this law\"}," CATALOG_LIST_PARAMS "],"
     "\"responses\":{" JSON_OK(LIST_OF(REF("Requirement"))) "}}", 0},
    {"POST", "/api/v1/requirements", api_requirements_post, HTTP_PERMISSION, "catalog.manage",
     "Add an item or a group (201 with Location and ETag; version 1 in its history)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"code\",\"measure_kind\",\"scope\",\"title_ja\"],\"additionalProperties\":false,"
     "\"properties\":{" REQUIREMENT_PROPS "}}}}},\"responses\":{\"201\":{\"description\":\"Added\",\"content\":{"
     "\"application/json\":{\"schema\":" REF("RequirementDetail") "}}},\"422\":{\"description\":\"A field, or "
     "what it names (parent, threats, laws, articles), at fault\"}}}", 0},
    {"GET", "/api/v1/requirements/export", api_requirements_export, HTTP_PERMISSION, "catalog.read",
     "The standards catalog as an OSCAL 1.1 catalog in JSON (a download), shaped as NIST's files are: a group per "
     "measure kind, requirements as controls; the catalog's uuid is the same at every export. Audited as "
     "catalog.export (the standards are not public, 第11条)",
     "{\"parameters\":[{\"name\":\"format\",\"in\":\"query\",\"required\":true,\"schema\":{\"enum\":["
     "\"oscal\"]}}],\"responses\":{" JSON_OK("{\"type\":\"object\",\"required\":[\"catalog\"]}") ",\"422\":{"
     "\"description\":\"format missing or not oscal\"}}}", 0},
    {"GET", "/api/v1/requirements/{id}", api_requirements_get, HTTP_PERMISSION, "catalog.read",
     "One item with its tags, where it applies, its threats, laws and history; ETag is its version",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("RequirementDetail")) "}}", 0},
    {"PATCH", "/api/v1/requirements/{id}", api_requirements_patch, HTTP_PERMISSION, "catalog.manage",
     "Change an item (a new version), or deactivate it (active: false; never deleted); the lists given (tags, "
     "applies, threat_ids, laws) replace the old; If-Match required (428 without, 412 when stale)",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],\"requestBody\":{\"required\":true,\"content\":{"
     "\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
     REQUIREMENT_PROPS "}}}}},\"responses\":{" JSON_OK(REF("RequirementDetail")) "}}", 0},
    {"GET", "/api/v1/requirements/{id}/implementations", api_requirement_implementations_list, HTTP_PERMISSION,
     "asset.read",
     "Where an item applies and its status there (未着手 without a record), among what the caller may see: for an "
     "item of scope asset, the assets in use it applies to that the ledger's need-to-know shows the caller (with "
     "unit and class label); for one of scope unit, the open units where the caller reads assets. counts (by "
     "status) and total cover all of them whatever status, cursor and limit; writable: the caller may record it "
     "there (implementation.write in the unit). By asset (or unit) id; applicable false for a group or an "
     "inactive item (no pairs)",
     "{\"parameters\":[" ID_PARAM ",{\"name\":\"status\",\"in\":\"query\",\"schema\":" IMPL_STATUS ","
     "\"description\":\"not_started includes the pairs without a record\"},{\"name\":\"org_unit_id\",\"in\":"
     "\"query\",\"schema\":{\"type\":\"integer\"},\"description\":\"the unit a pair counts to (the asset's "
     "owner unit, or the unit)\"},{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
     "\"minimum\":1,\"maximum\":500,\"default\":50}},{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{"
     "\"type\":\"string\"}}],\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{"
     "\"requirement_id\":{\"type\":\"integer\"},\"scope\":{\"enum\":[\"asset\",\"unit\"]},\"applicable\":{"
     "\"type\":\"boolean\"},\"counts\":{\"type\":\"object\",\"additionalProperties\":{\"type\":"
     "\"integer\"}},\"total\":{\"type\":\"integer\"},\"items\":{\"type\":\"array\",\"items\":{\"type\":"
     "\"object\",\"properties\":{\"asset_id\":{\"type\":\"integer\"},\"asset_name\":{\"type\":\"string\"},"
     "\"label\":{\"type\":\"string\"},\"unit_id\":{\"type\":\"integer\"},\"status\":" IMPL_STATUS ","
     "\"implementation_id\":{\"type\":[\"integer\",\"null\"]},\"version\":{\"type\":[\"integer\","
     "\"null\"]},\"writable\":{\"type\":\"boolean\"}}}},\"next_cursor\":{\"type\":[\"string\","
     "\"null\"]}}}") ",\"404\":{\"description\":\"No such requirement\"}}}", 0},
    {"GET", "/api/v1/requirements/{id}/mappings", api_requirement_mappings_list, HTTP_PERMISSION,
     "reference_catalog.read",
     "The reference controls (NIST SP 800-53 …) a requirement is mapped to, open ones (ended=true: the ended too)",
     "{\"parameters\":[" ID_PARAM ",{\"name\":\"ended\",\"in\":\"query\",\"schema\":{\"enum\":[\"true\","
     "\"false\"],\"default\":\"false\"}}],\"responses\":{" JSON_OK(LIST_OF(MAPPING_SCHEMA)) "}}", 0},
    {"POST", "/api/v1/requirements/{id}/mappings", api_requirement_mappings_post, HTTP_PERMISSION, "catalog.manage",
     "Map a requirement to a control or enhancement of a reference catalog (201 with Location); 422 names the "
     "field: no such item, a group, mapped already, relation, note",
     "{\"parameters\":[" ID_PARAM "],\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{"
     "\"schema\":{\"type\":\"object\",\"required\":[\"catalog_item_id\",\"relation\"],"
     "\"additionalProperties\":false,\"properties\":{\"catalog_item_id\":{\"type\":\"integer\"},\"relation\":{"
     "\"enum\":[\"equivalent\",\"partial\",\"related\"]},\"note\":{\"type\":\"string\",\"maxLength\":2000}}}}}},"
     "\"responses\":{\"201\":{\"description\":\"Mapped\",\"content\":{\"application/json\":{\"schema\":"
     MAPPING_SCHEMA "}}},\"422\":{\"description\":\"A field at fault\"}}}", 0},
    {"DELETE", "/api/v1/requirement-mappings/{id}", api_requirement_mappings_delete, HTTP_PERMISSION,
     "catalog.manage", "End a mapping (it is kept, with who ended it and when)",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{\"204\":{\"description\":\"Ended\"},\"409\":{"
     "\"description\":\"Ended already\"}}}", 0},
    {"GET", "/api/v1/procedures", api_procedures_list, HTTP_PERMISSION, "procedure.read",
     "Procedures (実施手順, 第7条) the caller may see, by code, without bodies: those in force to every reader; "
     "drafts and withdrawn ones to the owner unit's keepers (procedure.manage) and catalog.manage holders",
     "{\"parameters\":[{\"name\":\"requirement_id\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"},"
     "\"description\":\"procedures carrying out this requirement\"},{\"name\":\"status\",\"in\":\"query\","
     "\"schema\":{\"enum\":[\"draft\",\"in_force\",\"withdrawn\"]}},{\"name\":\"q\",\"in\":\"query\",\"schema\":{"
     "\"type\":\"string\",\"maxLength\":1024},\"description\":\"words the code, titles or body all hold\"},"
     "{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":500,"
     "\"default\":50}},{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}],"
     "\"responses\":{" JSON_OK(LIST_OF(REF("Procedure"))) "}}", 0},
    {"POST", "/api/v1/procedures", api_procedures_post, HTTP_PERMISSION, "procedure.manage",
     "Write a procedure for a unit whose procedures the caller keeps (201 with Location and ETag; version 1 kept; "
     "the answer holds the body, so it is a read on record too)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"code\",\"title_ja\",\"owner_unit_id\"],\"additionalProperties\":false,\"properties\":{"
     PROCEDURE_PROPS "}}}}},\"responses\":{\"201\":{\"description\":\"Written\",\"content\":{\"application/json\":{"
     "\"schema\":" REF("ProcedureDetail") "}}},\"422\":{\"description\":\"A field, or what it names, at fault\"}}}", 0},
    {"GET", "/api/v1/procedures/{id}", api_procedures_get, HTTP_PERMISSION, "procedure.read",
     "One procedure with its body (Markdown and body_html), requirements and versions; every read is an audit "
     "event (procedure.read, with the version read; 第11条), refused if it cannot be recorded; 404 for one the "
     "caller may not see (recorded); ETag is its current version",
     "{\"parameters\":[" ID_PARAM ",{\"name\":\"version\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
     "\"minimum\":1},\"description\":\"an older saved version (readers who are not its keepers: only versions "
     "that were in force)\"}],\"responses\":{" JSON_OK(REF("ProcedureDetail")) "}}", 0},
    {"PATCH", "/api/v1/procedures/{id}", api_procedures_patch, HTTP_PERMISSION, "procedure.manage",
     "Revise a procedure (a new version, kept whole) of a unit whose procedures the caller keeps (403 otherwise, "
     "404 when they may not see it); If-Match required (428 without, 412 when stale)",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],\"requestBody\":{\"required\":true,\"content\":{"
     "\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
     PROCEDURE_PROPS "}}}}},\"responses\":{" JSON_OK(REF("ProcedureDetail")) "}}", 0},
    {"POST", "/api/v1/markdown/preview", api_markdown_preview, HTTP_PERMISSION, "procedure.manage",
     "The HTML mamori makes of a Markdown text (safe: no raw HTML, only http(s), mailto and relative links, "
     "images of mamori only), for the edit form's preview; writes nothing",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"text\"],\"additionalProperties\":false,\"properties\":{\"text\":{\"type\":\"string\","
     "\"maxLength\":200000}}}}}},\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"html\":{"
     "\"type\":\"string\"}}}") "}}", 0},
    {"GET", "/api/v1/laws", api_laws_list, HTTP_PERMISSION, "catalog.read",
     "The legal register (第13条) with each law's articles and how many requirements implement it",
     "{\"parameters\":[" CATALOG_LIST_PARAMS "],\"responses\":{" JSON_OK(LIST_OF(REF("Law"))) "}}", 0},
    {"POST", "/api/v1/laws", api_laws_post, HTTP_PERMISSION, "catalog.manage",
     "Add a law with its articles (201 with Location and ETag)",
     "{\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"code\",\"name_ja\"],\"additionalProperties\":false,\"properties\":{" LAW_PROPS "}}}}},"
     "\"responses\":{\"201\":{\"description\":\"Added\",\"content\":{\"application/json\":{\"schema\":"
     REF("LawDetail") "}}}}}", 0},
    {"GET", "/api/v1/laws/{id}", api_laws_get, HTTP_PERMISSION, "catalog.read",
     "One law with its articles and the requirements implementing it; ETag is its version",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("LawDetail")) "}}", 0},
    {"PATCH", "/api/v1/laws/{id}", api_laws_patch, HTTP_PERMISSION, "catalog.manage",
     "Change a law, or deactivate it (active: false); articles given are added or changed by number, never "
     "removed; If-Match required (428 without, 412 when stale)",
     "{\"parameters\":[" ID_PARAM "," IF_MATCH_PARAM "],\"requestBody\":{\"required\":true,\"content\":{"
     "\"application/json\":{\"schema\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
     LAW_PROPS "}}}}},\"responses\":{" JSON_OK(REF("LawDetail")) "}}", 0},
    {"GET", "/api/v1/catalogs", api_catalogs_list, HTTP_PERMISSION, "reference_catalog.read",
     "The reference catalogs imported from OSCAL (NIST SP 800-53 baselines …), newest first, with the counts of "
     "their groups, controls and enhancements",
     "{\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":"
                               REF("ReferenceCatalog") "},\"next_cursor\":{\"type\":\"null\"}}}") "}}", 0},
    {"POST", "/api/v1/catalogs", api_catalogs_post, HTTP_PERMISSION, "reference_catalog.manage",
     "Import an OSCAL 1.1 catalog (the JSON file as the body) as a reference catalog keyed by its uuid: 201, or "
     "200 when replace=true replaced the same uuid; a file with problems is refused (422, each field the JSON "
     "path) and nothing is written",
     "{\"parameters\":[{\"name\":\"replace\",\"in\":\"query\",\"schema\":{\"enum\":[\"true\",\"false\"],"
     "\"default\":\"false\"}},{\"name\":\"name\",\"in\":\"query\",\"schema\":{\"type\":\"string\","
     "\"maxLength\":200},\"description\":\"the file's name, kept with the catalog\"}],"
     "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
     "\"required\":[\"catalog\"]}}}},\"responses\":{\"201\":{\"description\":\"Imported\",\"content\":{"
     "\"application/json\":{\"schema\":" REF("ReferenceCatalog") "}}}," JSON_OK(REF("ReferenceCatalog"))
     ",\"409\":{\"description\":\"The uuid is imported already (replace=true to replace it)\"},\"422\":{"
     "\"description\":\"Not JSON, or not a catalog mamori can read: each problem's field is its JSON path\"}}}",
     HTTP_UPLOAD},
    {"GET", "/api/v1/catalogs/{id}", api_catalogs_get, HTTP_PERMISSION, "reference_catalog.read",
     "One reference catalog: its metadata and counts",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("ReferenceCatalog")) "}}", 0},
    {"GET", "/api/v1/catalogs/{id}/items", api_catalog_items_list, HTTP_PERMISSION, "reference_catalog.read",
     "The catalog's groups, controls and enhancements in the file's order (a parent before its children): all, "
     "one level (parent), or those matching q",
     "{\"parameters\":[" ID_PARAM ",{\"name\":\"parent\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"},"
     "\"description\":\"only the items directly under this one; 0 for the top level\"},{\"name\":\"q\",\"in\":"
     "\"query\",\"schema\":{\"type\":\"string\",\"maxLength\":1024},\"description\":\"words the item's id, "
     "title or statement all hold\"},{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
     "\"minimum\":1,\"maximum\":5000,\"default\":2000}},{\"name\":\"cursor\",\"in\":\"query\",\"schema\":{"
     "\"type\":\"string\"}}],\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{\"items\":{"
     "\"type\":\"array\",\"items\":" REF("ReferenceCatalogItem") "},\"next_cursor\":{\"type\":[\"string\","
     "\"null\"]}}}") "}}", 0},
    {"GET", "/api/v1/catalog-items/{id}", api_catalog_items_get, HTTP_PERMISSION, "reference_catalog.read",
     "One group or control: params, props, links and parts as in the file, the statement with the parameters "
     "shown by label, the guidance, its parent and its enhancements",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(REF("ReferenceCatalogItemDetail")) "}}", 0},
    {"GET", "/api/v1/catalog-items/{id}/mappings", api_catalog_item_mappings_list, HTTP_PERMISSION,
     "reference_catalog.read", "The requirements of mamori's catalog mapped to a reference control",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK(LIST_OF(MAPPING_SCHEMA)) "}}", 0},
    {"GET", "/api/v1/catalogs/{id}/coverage", api_catalog_coverage, HTTP_PERMISSION, "reference_catalog.read",
     "A reference catalog against mamori's catalog: every control (and enhancement) with the requirements "
     "mapped to it, the controls covered and not covered by family and in all, and mappings to controls the "
     "catalog no longer has",
     "{\"parameters\":[" ID_PARAM "],\"responses\":{" JSON_OK("{\"type\":\"object\",\"properties\":{"
     "\"catalog\":{\"type\":\"object\"},\"totals\":{\"type\":\"object\",\"properties\":{\"controls\":{"
     "\"type\":\"integer\"},\"covered\":{\"type\":\"integer\"},\"not_covered\":{\"type\":\"integer\"}}},"
     "\"families\":{\"type\":\"array\"},\"controls\":{\"type\":\"array\"},\"missing\":{\"type\":"
     "\"array\"}}}") "}}", 0},
    {"GET", "/*", web_static, HTTP_PUBLIC, NULL, "The UI's static files", NULL, 0},
};
const size_t http_routes_count = sizeof http_routes / sizeof http_routes[0];
