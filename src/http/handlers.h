/* handlers — every HTTP handler, listed once for the route table (routes.c). */
#ifndef MAMORI_HANDLERS_H
#define MAMORI_HANDLERS_H
#include "http/http.h"

void api_healthz(http_request *r);
void api_readyz(http_request *r);
void api_openapi(http_request *r);
void api_session_get(http_request *r);
void api_session_post(http_request *r);
void api_session_delete(http_request *r);
/* The session's description as GET and POST /api/v1/session answer it (for a session
 * that owes its second factor: only who it is and what is owed). */
void api_session_reply(http_request *r, const session_info *s);
/* Sets the session cookie of a new session and spends the pre-login CSRF cookie. */
void api_session_set_cookie(http_request *r, const char *token);
void api_session_mfa_post(http_request *r);
void api_account_get(http_request *r);
void api_account_password_post(http_request *r);
void api_account_mfa_post(http_request *r);
void api_account_mfa_qr(http_request *r);
void api_account_mfa_confirm(http_request *r);
void api_account_mfa_delete(http_request *r);
void api_account_recovery_codes_post(http_request *r);
void api_audit_events_list(http_request *r);
void api_audit_verifications_post(http_request *r);
void api_jobs_get(http_request *r);
void api_jobs_retry(http_request *r);
void api_jobs_file(http_request *r);
void api_audit_exports_post(http_request *r);
void api_asset_exports_post(http_request *r);
void api_person_imports_post(http_request *r);
void api_catalogs_list(http_request *r);
void api_catalogs_post(http_request *r);
void api_catalogs_get(http_request *r);
void api_catalog_items_list(http_request *r);
void api_catalog_items_get(http_request *r);
void api_asset_imports_post(http_request *r);
void api_org_units_list(http_request *r);
void api_org_units_get(http_request *r);
void api_org_units_patch(http_request *r);
void api_reorganisations_list(http_request *r);
void api_reorganisations_post(http_request *r);
void api_reorganisations_get(http_request *r);
void api_reorganisations_patch(http_request *r);
void api_reorganisations_schedule(http_request *r);
void api_reorganisations_unschedule(http_request *r);
void api_reorganisations_cancel(http_request *r);
void api_reorganisations_apply(http_request *r);
void api_persons_list(http_request *r);
void api_persons_get(http_request *r);
void api_persons_post(http_request *r);
void api_persons_patch(http_request *r);
void api_persons_deactivate(http_request *r);
void api_roles_list(http_request *r);
void api_role_assignments_list(http_request *r);
void api_role_assignments_post(http_request *r);
void api_role_assignments_delete(http_request *r);
void api_tokens_list(http_request *r);
void api_tokens_post(http_request *r);
void api_tokens_delete(http_request *r);
void api_related_bodies_list(http_request *r);
void api_related_bodies_post(http_request *r);
void api_related_bodies_patch(http_request *r);
void api_contractors_list(http_request *r);
void api_contractors_post(http_request *r);
void api_contractors_patch(http_request *r);
void api_classification_get(http_request *r);
void api_classification_schemes(http_request *r);
void api_classification_class_patch(http_request *r);
void api_classification_preset_change(http_request *r);
void api_assets_list(http_request *r);
void api_assets_post(http_request *r);
void api_assets_get(http_request *r);
void api_assets_patch(http_request *r);
void api_assets_dispose(http_request *r);
void api_asset_relations_list(http_request *r);
void api_asset_relations_post(http_request *r);
void api_asset_relations_delete(http_request *r);
void api_asset_requirements_list(http_request *r);
void api_implementations_list(http_request *r);
void api_implementations_post(http_request *r);
void api_implementations_get(http_request *r);
void api_implementations_patch(http_request *r);
void api_implementations_evidence_post(http_request *r);
void api_requirement_implementations_list(http_request *r);
void api_risks_list(http_request *r);
void api_risks_heatmap(http_request *r);
void api_risks_post(http_request *r);
void api_risks_get(http_request *r);
void api_risks_patch(http_request *r);
void api_evidence_get(http_request *r);
void api_compliance_get(http_request *r);
void api_compliance_history(http_request *r);
void api_compliance_soa(http_request *r);
void api_compliance_reference(http_request *r);
void api_threats_list(http_request *r);
void api_threats_post(http_request *r);
void api_threats_get(http_request *r);
void api_threats_patch(http_request *r);
void api_requirements_list(http_request *r);
void api_requirements_post(http_request *r);
void api_requirements_get(http_request *r);
void api_requirements_patch(http_request *r);
/* api_mappings.c: the OSCAL export, mappings to reference controls, coverage. */
void api_requirements_export(http_request *r);
void api_requirement_mappings_list(http_request *r);
void api_requirement_mappings_post(http_request *r);
void api_requirement_mappings_delete(http_request *r);
void api_catalog_item_mappings_list(http_request *r);
void api_catalog_coverage(http_request *r);
void api_procedures_list(http_request *r);
void api_procedures_post(http_request *r);
void api_procedures_get(http_request *r);
void api_procedures_patch(http_request *r);
void api_markdown_preview(http_request *r);
/* The procedures of a requirement viewer may see, as JSON (no bodies) into *out. */
err_code api_procedures_of_requirement(db_conn *c, long viewer, long requirement_id, json_t **out, err *e);
void api_laws_list(http_request *r);
void api_laws_post(http_request *r);
void api_laws_get(http_request *r);
void api_laws_patch(http_request *r);
void web_static(http_request *r);

#endif
