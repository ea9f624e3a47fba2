// The place on the account page for multi-factor authentication (TOTP): the
// enrolment of an authenticator app and its state. MFA is built on main, and
// its part of the page goes here, inside <section id="account-mfa">, between
// the password and the API tokens. Until then the section is empty and hidden,
// so the page shows nothing that does not work. Exports mfaSection().

import { h } from '../dom.js';

/** The section for MFA enrolment; ctx as every page gets it. */
export function mfaSection(ctx) { // eslint-disable-line no-unused-vars
  return h('section', { class: 'card account-mfa', id: 'account-mfa', hidden: true });
}
