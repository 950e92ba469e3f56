// The report form: a map picker (a click or a place found by name sets the coordinates), then the report is sent
// to POST /api/v1/reports as JSON with the session's CSRF token. The server's answer, good or bad, is shown as text.
import {api, el, t} from './app.js';
import {baseMap} from './map.js';

const form = document.getElementById('report-form');
const lat = document.getElementById('lat');
const lon = document.getElementById('lon');
const placeName = document.getElementById('place-name');
const search = document.getElementById('place-search');
const results = document.getElementById('place-results');
const errorsBox = document.getElementById('report-errors');
const done = document.getElementById('report-done');
const submit = document.getElementById('report-submit');

// one id per filled-in form: sending it again (a double click, a retry after a lost answer) stores nothing twice.
// crypto.randomUUID exists only on HTTPS and localhost; getRandomValues everywhere
function uuid4() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
const reportId = uuid4();

// the time typed is the reporter's own clock time; what is sent carries its offset
const offsetMinutes = -new Date().getTimezoneOffset();
const sign = offsetMinutes >= 0 ? '+' : '-';
const abs = Math.abs(offsetMinutes);
document.getElementById('tz').textContent = 'UTC' + sign + String(Math.floor(abs / 60)).padStart(2, '0') + ':'
  + String(abs % 60).padStart(2, '0');

let map;
let marker = null;

function place(latitude, longitude, zoom) {
  lat.value = latitude.toFixed(5);
  lon.value = longitude.toFixed(5);
  showMarker(zoom);
}

function showMarker(zoom) {
  const la = Number(lat.value);
  const lo = Number(lon.value);
  if (lat.value === '' || lon.value === '' || !Number.isFinite(la) || !Number.isFinite(lo)) {
    return;
  }
  if (marker === null) {
    marker = L.marker([la, lo], {icon: L.divIcon({className: 'point finding-open', iconSize: [16, 16]}), keyboard: false})
      .addTo(map);
  } else {
    marker.setLatLng([la, lo]);
  }
  if (zoom) {
    map.setView([la, lo], zoom);
  }
}

lat.addEventListener('change', () => showMarker(0));
lon.addEventListener('change', () => showMarker(0));

// ---- place-name search over the gazetteer

let searchTimer = null;

async function findPlaces() {
  const q = search.value.trim();
  if (q === '') {
    results.replaceChildren();
    return;
  }
  const r = await api('/api/v1/places?limit=8&q=' + encodeURIComponent(q));
  results.replaceChildren();
  if (r.status !== 200) {
    return;
  }
  if (r.body.items.length === 0) {
    results.append(el('li', 'hint', t('report.js.noPlace')));
  }
  for (const p of r.body.items) {
    const li = document.createElement('li');
    const b = el('button', null, p.matched === p.name ? p.name : p.name + ' (' + p.matched + ')');
    b.type = 'button';
    b.dataset.lat = p.lat;
    b.dataset.lon = p.lon;
    b.addEventListener('click', () => {
      placeName.value = p.name;
      place(p.lat, p.lon, 10);
      results.replaceChildren();
      search.value = p.name;
      placeName.focus();
    });
    li.append(b);
    results.append(li);
  }
}

search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(findPlaces, 300);
});
search.addEventListener('keydown', e => {
  if (e.key === 'Enter') {
    e.preventDefault();
    findPlaces();
  }
});
document.getElementById('place-search-go').addEventListener('click', findPlaces);

// ---- sending

function value(id) {
  return document.getElementById(id).value.trim();
}

function report() {
  const r = {id: reportId, source: {type: value('source-type'), party: value('source-party')}, location: {}};
  if (value('reference')) {
    r.source.reference = value('reference');
  }
  if (value('occurred-at')) {
    const at = new Date(value('occurred-at'));
    r.occurredAt = Number.isNaN(at.getTime()) ? value('occurred-at') : at.toISOString();
  }
  r.timePrecision = value('precision');
  if (value('lat') !== '' || value('lon') !== '') {
    r.location.lat = Number(value('lat'));
    r.location.lon = Number(value('lon'));
  }
  if (value('place-name')) {
    r.location.placeName = value('place-name');
  }
  if (value('precision-km')) {
    r.location.precisionKm = Number(value('precision-km'));
  }
  if (value('type')) {
    r.type = value('type');
  }
  r.allegedPerpetrator = value('perpetrator');
  const weapons = value('weapons').split(',').map(w => w.trim()).filter(w => w !== '');
  if (weapons.length > 0) {
    r.weapons = weapons;
  }
  const casualties = {};
  for (const input of document.querySelectorAll('input.casualty')) {
    if (input.value.trim() !== '') {
      casualties[input.id] = Number(input.value);
    }
  }
  if (Object.keys(casualties).length > 0) {
    r.casualties = casualties;
  }
  if (value('description')) {
    r.description = document.getElementById('description').value;
  }
  if (value('language')) {
    r.language = value('language');
  }
  return r;
}

function clearErrors() {
  errorsBox.hidden = true;
  errorsBox.querySelector('ul').replaceChildren();
  for (const e of form.querySelectorAll('[aria-invalid]')) {
    e.removeAttribute('aria-invalid');
  }
  for (const e of form.querySelectorAll('.field-error')) {
    e.remove();
  }
}

function showErrors(problem) {
  const list = errorsBox.querySelector('ul');
  const errors = problem.errors && problem.errors.length > 0 ? problem.errors : [{field: '', message: problem.detail || problem.title}];
  for (const e of errors) {
    // the field as the API names it (source.party, casualties.civiliansKilled, weapons[2]) → the input
    const name = e.field.replace(/\[\d+\]$/, '');
    const input = form.querySelector('[data-field="' + CSS.escape(name) + '"]')
      || (name === 'location' ? lat : null);
    const item = el('li');
    if (input) {
      const label = form.querySelector('label[for="' + input.id + '"]');
      const link = el('a', null, (label ? label.textContent : e.field) + ': ' + e.message);
      link.href = '#' + input.id;
      item.append(link);
      input.setAttribute('aria-invalid', 'true');
      const msg = el('p', 'field-error', e.message);
      msg.id = input.id + '-error';
      input.setAttribute('aria-errormessage', msg.id);
      input.after(msg);
    } else {
      item.textContent = (e.field ? e.field + ': ' : '') + e.message;
    }
    list.append(item);
  }
  errorsBox.hidden = false;
  errorsBox.focus();
}

form.addEventListener('submit', async e => {
  e.preventDefault();
  clearErrors();
  submit.disabled = true;
  try {
    const r = await api('/api/v1/reports', {method: 'POST', body: report()});
    if (r.status === 201 || r.status === 200) {
      form.hidden = true;
      document.getElementById('report-done-text').textContent = t(r.body.link === 'new' ? 'report.js.new' : 'report.js.joined',
        r.body.zone ? t('zone.' + r.body.zone) : t('zone.none'));
      const link = document.getElementById('report-done-link');
      link.href = '/incidents/' + encodeURIComponent(r.body.incidentId);
      link.dataset.incident = r.body.incidentId;
      done.hidden = false;
      done.focus();
    } else {
      showErrors(r.body && typeof r.body === 'object' ? r.body : {title: String(r.status)});
    }
  } catch (err) {
    showErrors({title: t('report.js.network')});
  } finally {
    submit.disabled = false;
  }
});

async function start() {
  ({map} = await baseMap(document.getElementById('picker')));
  map.on('click', e => place(e.latlng.lat, e.latlng.lng, 0));
  document.getElementById('picker').dataset.ready = 'true';
}

start();
