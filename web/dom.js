// Building DOM nodes without HTML strings.
//
// Everything the UI shows is built with h(), which sets text through text
// nodes and attributes through setAttribute, never innerHTML: data from the
// server (names, object ids, details) can never become markup. Event handlers
// are attached with addEventListener, as the Content-Security-Policy forbids
// inline ones. Exports h() and clear().

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
