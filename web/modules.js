// The modules of mamori, in navigation order.
//
// Each module has a route (#<path>), a title and a summary in the catalogs
// (module.<key>.title, module.<key>.summary) and, where it needs one, the
// permission that shows it in the navigation and lets its page open: one code,
// or a list of which any one will do (access.js mayUse()). Someone who opens a
// module they may not use by its address sees the "not allowed" page, which
// names the roles that may.
//
// Modules with ready=false show an honest "being prepared" page until they are
// built, and are shown to everyone, marked as being prepared: each has a part
// that every person will use (DESIGN §2, 職員: read what need-to-know grants,
// report incidents, apply for exceptions, pledge to the documents), their
// permissions do not exist yet, so hiding them from some would be a guess, and
// the whole map of the policy tells people what is coming.
// admin=true sets a module apart at the end of the navigation.
// Exports MODULES.

export const MODULES = [
  // The ledger: asset.read (need-to-know decides which assets each sees).
  { key: 'assets', path: '/assets', ready: true, permission: 'asset.read' },
  // The classification scheme (第9条) is for everyone: people handle assets by its rules.
  { key: 'classification', path: '/classification', ready: true },
  // The standards catalog (対策基準): not public (第11条), but everyone must follow it.
  { key: 'standards', path: '/catalog', ready: true, permission: 'catalog.read' },
  // Procedures (実施手順): not public (第11条); every role reads those in force, each read on record.
  { key: 'procedures', path: '/procedures', ready: true, permission: 'procedure.read' },
  // Reference catalogs imported from OSCAL (NIST SP 800-53 …): reference_catalog.read.
  { key: 'catalogs', path: '/catalogs', ready: true, permission: 'reference_catalog.read' },
  // Compliance (遵守状況): the figures of one's units, compliance.read (not staff).
  { key: 'compliance', path: '/compliance', ready: true, permission: 'compliance.read' },
  // The risk register: the risks of the assets one may see (asset.read, need-to-know).
  { key: 'risks', path: '/risks', ready: true, permission: 'asset.read' },
  { key: 'exceptions', path: '/exceptions', ready: false },
  { key: 'incidents', path: '/incidents', ready: false },
  { key: 'audits', path: '/audits', ready: false },
  // person.manage alone (an importer who may not read the list) still opens the page.
  { key: 'people', path: '/people', ready: true, permission: ['person.read', 'person.manage'] },
  // The role → permission table is for everyone (DESIGN §2); assignments need person.read.
  { key: 'roles', path: '/roles', ready: true },
  // The organisation chart is for everyone; plans are read with person.read.
  { key: 'units', path: '/units', ready: true },
  { key: 'reorganisations', path: '/reorganisations', ready: true, permission: 'person.read' },
  { key: 'documents', path: '/documents', ready: false },
  { key: 'audit_trail', path: '/audit', ready: true, permission: 'audit_event.read', admin: true },
];
