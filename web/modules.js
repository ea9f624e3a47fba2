// The modules of mamori, in navigation order.
//
// Each module has a route (#<path>), a title and a summary in the catalogs
// (module.<key>.title, module.<key>.summary) and, where it needs one, the
// permission that shows it in the navigation (People & contractors and
// Reorganisations have none: they tell those who may not use them who may). Modules with ready=false show an
// honest "being prepared" page until they are built. Exports MODULES.

export const MODULES = [
  { key: 'assets', path: '/assets', ready: false },
  { key: 'standards', path: '/standards', ready: false },
  { key: 'risks', path: '/risks', ready: false },
  { key: 'exceptions', path: '/exceptions', ready: false },
  { key: 'incidents', path: '/incidents', ready: false },
  { key: 'audits', path: '/audits', ready: false },
  { key: 'people', path: '/people', ready: true },
  { key: 'units', path: '/units', ready: true },
  { key: 'reorganisations', path: '/reorganisations', ready: true },
  { key: 'documents', path: '/documents', ready: false },
  { key: 'audit_trail', path: '/audit', ready: true, permission: 'audit_event.read' },
];
