// Building DOM nodes without HTML strings.
//
// Everything the UI shows is built with h(), which sets text through text
// nodes and attributes through setAttribute, never innerHTML: data from the
// server (names, object ids, details) can never become markup. Event handlers
// are attached with addEventListener, as the Content-Security-Policy forbids
// inline ones. The one exception is serverHtml(): Markdown the server rendered
// (requirement and procedure texts), see below. Exports h(), clear() and serverHtml().

// Properties that must be set as DOM properties, not attributes, to take effect
// after the element exists.
const PROPERTIES = new Set(['value', 'checked', 'selected']);

/**
 * h('button', { type: 'button', class: 'x', onclick: fn }, 'text', child, [more])
 * Attributes whose value is null, undefined or false are left out; true gives
 * an empty attribute (hidden, disabled, required).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (PROPERTIES.has(name)) {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Removes every child of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

// What serverHtml() keeps: the elements and attributes libcmark writes for Markdown.
const SERVER_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'A', 'IMG', 'CODE', 'PRE',
  'EM', 'STRONG', 'BLOCKQUOTE', 'HR', 'BR', 'DEL', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD']);
const SERVER_ATTRS = new Set(['href', 'src', 'alt', 'title', 'start', 'class']);

function serverClean(el) {
  for (const child of [...el.children]) {
    if (!SERVER_TAGS.has(child.tagName)) {
      child.replaceWith(document.createTextNode(child.textContent));
      continue;
    }
    for (const attr of [...child.attributes]) {
      if (!SERVER_ATTRS.has(attr.name)) child.removeAttribute(attr.name);
    }
    serverClean(child);
  }
}

/**
 * The one place the UI inserts HTML: Markdown rendered by the server (io/markdown.c),
 * wrapped in a <div> with attrs. It is harmless three times over: the server renders
 * with libcmark's safe mode and allows only http(s)/mailto/relative links and images of
 * mamori itself; the HTML is parsed here into an inert document (DOMParser runs no
 * script and loads nothing), and only the elements and attributes Markdown produces
 * are kept (no on* handler, no style); and the page's Content-Security-Policy ('self'
 * only, no inline script) would refuse any script that got past both.
 */
export function serverHtml(html, attrs) {
  const doc = new DOMParser().parseFromString(`<body>${html ?? ''}</body>`, 'text/html');
  serverClean(doc.body);
  const el = h('div', attrs);
  for (const node of [...doc.body.childNodes]) el.appendChild(document.adoptNode(node));
  for (const a of el.querySelectorAll('a[href]')) {
    if (/^\s*(javascript|data|vbscript):/i.test(a.getAttribute('href'))) a.removeAttribute('href');
  }
  return el;
}
