// The server's (English) reasons for refusing a form's field, or a whole
// request, as catalog keys with their parameters, so that the Japanese UI can
// say them in Japanese. A reason not known here is shown as the server wrote
// it. Without the DOM, so that it runs (and is tested) in Node too.
// Exports fieldMessage(), refusalMessage().

// [pattern, key, parameters from the match]; the first that matches wins.
const FIELD_RULES = [
  [/^is required for category (related_body|contractor)$/, 'form.error.link_required', (m) => ({ category: m[1] })],
  [/^is only for people of category (related_body|contractor)$/, 'form.error.link_refused', (m) => ({ category: m[1] })],
  [/^the (related body|contractor) is no longer active$/, 'form.error.link_inactive', () => ({})],
  [/^no such (related body|contractor)$/, 'form.error.no_such', () => ({})],
  [/^must be the id of a/, 'form.error.no_such', () => ({})],
  [/^(is required|must not be empty)$/, 'form.error.required', () => ({})],
  [/^a name is required$/, 'form.error.required', () => ({})],
  [/^must be 1 to (\d+) characters$/, 'form.error.length', (m) => ({ max: m[1] })],
  [/^must be at most (\d+) characters$/, 'form.error.length', (m) => ({ max: m[1] })],
  [/^is not one of your units$/, 'form.error.unit_scope', () => ({})],
  [/^must be a date like/, 'form.error.date', () => ({})],
  [/^is before valid_from$/, 'form.error.date_order', () => ({})],
  [/^no such role$/, 'form.error.no_such_role', () => ({})],
  [/^must be read or write$/, 'form.error.choice', () => ({})],
  [/^must be from (\d+) to (\d+)$/, 'form.error.range', (m) => ({ min: m[1], max: m[2] })],
  // The risk register's (api_risks.c, risk.c): a step of the matrix, a threat, requirement
  // or person that is not there (any more), a treatment, a note's length.
  [/^must be a step of the matrix, from 1 to (\d+)/, 'form.error.range', (m) => ({ min: '1', max: m[1] })],
  [/^no such active (threat|requirement|person)/, 'form.error.no_such_active', () => ({})],
  [/^must be reduce, accept, avoid or transfer$/, 'form.error.choice', () => ({})],
  [/^must be at most (\d+) bytes$/, 'form.error.bytes', (m) => ({ max: m[1] })],
  [/^must be a whole number/, 'form.error.number', () => ({})],
  [/^must be one of /, 'form.error.choice', () => ({})],
  [/^the person whose roles to list is required$/, 'form.error.required', () => ({})],
];

// The password policy's reasons (POST /api/v1/account/password, new_password).
const PASSWORD_RULES = [
  [/12|short|length|characters long/i, 'account.password.error.short'],
  [/distinct|different characters|variety/i, 'account.password.error.distinct'],
  [/login|user ?name/i, 'account.password.error.login'],
  [/common|guess|known|list/i, 'account.password.error.common'],
  [/same|current|reuse/i, 'account.password.error.same'],
];

/**
 * The catalog key and parameters for the server's reason `message` about `field`,
 * or null when it is not one this UI knows.
 */
export function fieldMessage(field, message) {
  const text = String(message ?? '').trim();
  if (field === 'current_password') return { key: 'account.password.error.current', params: {} };
  if (field === 'new_password') {
    for (const [pattern, key] of PASSWORD_RULES) if (pattern.test(text)) return { key, params: {} };
    if (/^(is required|must not be empty)$/.test(text)) return { key: 'form.error.required', params: {} };
    return null;
  }
  for (const [pattern, key, params] of FIELD_RULES) {
    const m = pattern.exec(text);
    if (m) return { key, params: params(m) };
  }
  return null;
}

// Refusals of a whole request by a rule (403) or a scope (404), as the granting
// rules of DESIGN §2 word them.
const REFUSAL_RULES = [
  [/^no one may grant a role to themselves$/, 'roles.refused.self'],
  [/^no one may revoke their own role$/, 'roles.refused.own'],
  [/^the role (\S+) is not below your own in that unit$/, 'roles.refused.rank'],
  [/^no such person or unit among yours$/, 'roles.refused.scope'],
  [/^no such role assignment among yours$/, 'roles.refused.scope_assignment'],
  [/^this role assignment is already revoked$/, 'roles.refused.revoked'],
  [/^no one may deactivate themselves$/, 'person.refused.self'],
  [/^the person has already left$/, 'person.refused.left'],
  [/^treating risks there is not among your units$/, 'risks.refused.scope'],
];

/** The catalog key for a refusal's message (with {role} when it names one), or null. */
export function refusalMessage(message) {
  const text = String(message ?? '').trim();
  for (const [pattern, key] of REFUSAL_RULES) {
    const m = pattern.exec(text);
    if (m) return { key, params: m[1] ? { role: m[1] } : {} };
  }
  return null;
}
