// Shared by the page scripts: the page's language and words, numbers and dates in the reader's locale, and calls
// to the API with the session cookie (and its CSRF token on changes). Text from the server is only ever put into
// the page as text (textContent, attributes), never as HTML.

/** The page's language code (en, ar, ru, fa, tr). */
export const lang = document.documentElement.lang || 'en';
export const rtl = document.documentElement.dir === 'rtl';

// the server's locale tag: the Gregorian calendar and the language's digits, as the server writes them; and UTC for
// every date, so the record reads the same for every party
const locale = document.documentElement.dataset.locale || lang;
const numberFormat = new Intl.NumberFormat(locale);
const dateTimeFormat = new Intl.DateTimeFormat(locale, {dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC'});
const dateFormat = new Intl.DateTimeFormat(locale, {dateStyle: 'medium', timeZone: 'UTC'});

export function formatNumber(n) {
  return numberFormat.format(n);
}

export function formatDateTime(iso) {
  return iso ? dateTimeFormat.format(new Date(iso)) + ' UTC' : '';
}

export function formatDate(isoOrDate) {
  return dateFormat.format(isoOrDate instanceof Date ? isoOrDate : new Date(isoOrDate));
}

let words = null;

/** The words the page's script needs, printed by the server into <ul id="messages" hidden>. */
export function t(key, ...args) {
  if (words === null) {
    words = new Map();
    for (const li of document.querySelectorAll('#messages > li')) {
      words.set(li.dataset.key, li.textContent);
    }
  }
  let s = words.has(key) ? words.get(key) : key;
  args.forEach((a, i) => { s = s.replaceAll('{' + i + '}', a); });
  return s;
}

/** The session's CSRF token, which the API wants in X-CSRF-Token on anything but GET. */
export function csrf() {
  const m = document.querySelector('meta[name="csrf-token"]');
  return m ? m.content : '';
}

/**
 * A call to /api/v1 with the session cookie: resolves to {status, body} (body parsed when JSON); a signed-out
 * session (401) sends the reader to the sign-in page.
 */
export async function api(path, {method = 'GET', body = undefined, signal = undefined} = {}) {
  const headers = {'Accept': 'application/json'};
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrf();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin', signal});
  if (r.status === 401) {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
  }
  const type = r.headers.get('Content-Type') || '';
  const parsed = type.includes('json') ? await r.json() : await r.text();
  return {status: r.status, body: parsed};
}

/** A new element with a class and text (never HTML). */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) {
    e.className = className;
  }
  if (text !== undefined && text !== null) {
    e.textContent = String(text);
  }
  return e;
}

/** The findings in their order, as the server names them. */
export const FINDINGS = ['open', 'under_review', 'verified', 'disputed', 'not_verified', 'dismissed'];
