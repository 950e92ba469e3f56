// Signing a drafted bulletin in the browser: the guarantor's private key file (PEM, PKCS#8, as `truce bulletin
// keygen` writes it) is read here and imported into the browser's own Web Crypto as a key that cannot be exported
// again; the bulletin's canonical JSON is fetched and checked against the SHA-256 the page states, signed with
// Ed25519, and only the signature goes to the server in the form. The key never leaves this machine. Where Web
// Crypto has no Ed25519 (or the page is not a secure context), the form still takes a signature made offline.
import {t} from './app.js';

const form = document.getElementById('sign-form');
const file = document.getElementById('key-file');
const keyId = document.getElementById('keyId');
const signature = document.getElementById('signature');
const status = document.getElementById('sign-status');
const submit = document.getElementById('sign-submit');

let key = null;
let loadedId = null;

// SubjectPublicKeyInfo of an Ed25519 key is this prefix and the 32 raw bytes: the key id is derived from it
const SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

function say(text, bad) {
  status.textContent = text;
  status.classList.toggle('field-error', Boolean(bad));
}

function der(pem) {
  const body = pem.replace(/-----BEGIN PRIVATE KEY-----|-----END PRIVATE KEY-----|\s+/g, '');
  const bin = atob(body);
  return Uint8Array.from(bin, c => c.charCodeAt(0));
}

function base64(bytes) {
  let s = '';
  new Uint8Array(bytes).forEach(b => { s += String.fromCharCode(b); });
  return btoa(s);
}

function fromBase64Url(s) {
  return Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), b => b.toString(16).padStart(2, '0')).join('');
}

async function load() {
  key = null;
  loadedId = null;
  const chosen = file.files[0];
  if (!chosen) {
    say('');
    return;
  }
  if (!window.crypto || !crypto.subtle) {
    say(t('sign.noCrypto'), true);
    return;
  }
  say(t('sign.reading'));
  let pair;
  try {
    const text = await chosen.text();
    if (!text.includes('-----BEGIN PRIVATE KEY-----')) {
      throw new Error('not a private key');
    }
    const bytes = der(text);
    // imported once extractable only to read its public half (JWK x), then again for signing alone
    const full = await crypto.subtle.importKey('pkcs8', bytes, {name: 'Ed25519'}, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', full);
    const spki = new Uint8Array([...SPKI_PREFIX, ...fromBase64Url(jwk.x)]);
    const id = hex(await crypto.subtle.digest('SHA-256', spki)).substring(0, 32);
    pair = {id, key: await crypto.subtle.importKey('pkcs8', bytes, {name: 'Ed25519'}, false, ['sign'])};
  } catch (e) {
    say(t('sign.notKey'), true);
    return;
  }
  const option = Array.from(keyId.options).find(o => o.value === pair.id);
  if (!option) {
    say(t('sign.notRegistered', pair.id), true);
    return;
  }
  keyId.value = pair.id;
  key = pair.key;
  loadedId = pair.id;
  signature.value = ''; // the file's signature is made on sending; nothing pasted before stands in for it
  say(t('sign.ready', pair.id));
}

async function signAndSend() {
  submit.disabled = true;
  say(t('sign.signing'));
  try {
    const r = await fetch(form.dataset.content, {credentials: 'same-origin'});
    const content = await r.arrayBuffer();
    const sha = hex(await crypto.subtle.digest('SHA-256', content));
    if (!r.ok || sha !== form.dataset.sha256) {
      say(t('sign.changed'), true);
      submit.disabled = false;
      return;
    }
    signature.value = base64(await crypto.subtle.sign({name: 'Ed25519'}, key, content));
    keyId.value = loadedId; // the key that made the signature, whatever the list shows
    form.submit();
  } catch (e) {
    say(t('sign.failed', e.message || String(e)), true);
    submit.disabled = false;
  }
}

// the page has the form only when the reviewer's guarantor has a registered key
if (form) {
  file.addEventListener('change', () => { load(); });
  form.addEventListener('submit', event => {
    if (signature.value.trim() !== '') {
      return; // a signature made offline: the server checks it
    }
    event.preventDefault();
    if (key === null) {
      say(t('sign.nothing'), true);
      return;
    }
    signAndSend();
  });
}
