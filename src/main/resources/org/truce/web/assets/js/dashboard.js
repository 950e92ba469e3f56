// The map of incidents: filters and the map's view kept in the address (so a view can be shared as a link),
// incidents counted per grid cell by the server (GET /api/v1/incidents/clusters) and drawn as clusters coloured
// by finding, or one by one when few, counts by finding, a time slider, and the latest incidents as a list.
import {api, el, formatDate, formatDateTime, formatNumber, t, FINDINGS} from './app.js';
import {baseMap} from './map.js';

const DAY = 86400000;
const form = document.getElementById('filters');
const mapEl = document.getElementById('map');
const status = document.getElementById('map-status');
const slider = document.getElementById('time-slider');
const sliderOut = document.getElementById('time-slider-value');
const fromInput = document.getElementById('from');
const toInput = document.getElementById('to');

/** The filters as query parameters, as the form would send them (empty ones left out). */
function filterParams() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form)) {
    if (v !== '') {
      p.append(k, v);
    }
  }
  return p;
}

/** Writes the filters and the map's view into the address, without a new history entry. */
function keepInAddress(map) {
  const p = filterParams();
  const lang = new URLSearchParams(location.search).get('lang');
  if (lang) {
    p.set('lang', lang);
  }
  if (map) {
    const c = map.getCenter();
    p.set('zoom', String(map.getZoom()));
    p.set('lat', c.lat.toFixed(4));
    p.set('lon', c.lng.toFixed(4));
  }
  const url = location.pathname + '?' + p.toString();
  history.replaceState(null, '', url);
  // the language links keep the same view
  for (const a of document.querySelectorAll('.langs a[hreflang]')) {
    const q = new URLSearchParams(p);
    q.set('lang', a.hreflang);
    a.href = location.pathname + '?' + q.toString();
  }
}

// ---- time slider: moves the window [from, to] over the days that hold incidents, keeping its length

const first = Date.parse(slider.dataset.first);
const days = Number(slider.max);

function dayOf(input) {
  return input.value ? Math.round((Date.parse(input.value + 'T00:00:00Z') - first) / DAY) : null;
}

function iso(day) {
  return new Date(first + day * DAY).toISOString().slice(0, 10);
}

function showSlider() {
  const from = fromInput.value ? formatDate(fromInput.value + 'T00:00:00Z') : '…';
  const to = toInput.value ? formatDate(toInput.value + 'T00:00:00Z') : '…';
  sliderOut.textContent = from + ' – ' + to;
}

function syncSlider() {
  const to = dayOf(toInput);
  slider.value = String(to === null ? days : Math.max(0, Math.min(days, to)));
  showSlider();
}

slider.addEventListener('input', () => {
  const oldTo = dayOf(toInput);
  const oldFrom = dayOf(fromInput);
  const length = oldTo !== null && oldFrom !== null ? Math.max(0, oldTo - oldFrom) : 29;
  const to = Number(slider.value);
  toInput.value = iso(to);
  fromInput.value = iso(to - length);
  showSlider();
  changed();
});

// ---- the map

let map;
let layer;
let pending = null;
let timer = null;

function changed() {
  keepInAddress(map);
  clearTimeout(timer);
  timer = setTimeout(() => { refresh(); latest(); }, 250);
}

function bbox() {
  const b = map.getBounds().pad(0.1);
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  return [clamp(b.getWest(), -180, 179.999), clamp(b.getSouth(), -90, 89.999), clamp(b.getEast(), -179.999, 180),
    clamp(b.getNorth(), -89.999, 90)].map(v => v.toFixed(4)).join(',');
}

async function refresh() {
  if (pending) {
    pending.abort();
  }
  pending = new AbortController();
  const p = filterParams();
  p.set('zoom', String(map.getZoom()));
  p.set('bbox', bbox());
  status.textContent = t('map.loading');
  mapEl.setAttribute('aria-busy', 'true');
  delete mapEl.dataset.ready;
  let r;
  try {
    r = await api('/api/v1/incidents/clusters?' + p, {signal: pending.signal});
  } catch (e) {
    if (e.name !== 'AbortError') {
      status.textContent = t('map.failed');
    }
    return;
  }
  mapEl.removeAttribute('aria-busy');
  if (r.status !== 200) {
    status.textContent = t('map.failed') + ' ' + (r.body.errors || []).map(e => e.field + ': ' + e.message).join('; ');
    return;
  }
  draw(r.body);
}

function draw(view) {
  layer.clearLayers();
  for (const c of view.cells) {
    layer.addLayer(cluster(c));
  }
  for (const p of view.points) {
    layer.addLayer(point(p));
  }
  status.textContent = t('map.inView', formatNumber(view.total));
  mapEl.dataset.total = String(view.total);
  mapEl.dataset.ready = 'true';
  for (const f of FINDINGS) {
    const out = document.querySelector('#counts [data-finding="' + f + '"] .n');
    out.textContent = formatNumber(view.findings[f] || 0);
  }
}

/** A cluster: a disc whose sectors show its findings, with its count; choosing it zooms in. */
function cluster(c) {
  const size = Math.round(22 + 7 * Math.log10(c.count));
  const pie = el('div', 'cluster-pie');
  let at = 0;
  const stops = [];
  for (const f of FINDINGS) {
    const n = c.findings[f] || 0;
    if (n > 0) {
      const to = at + 360 * n / c.count;
      stops.push('var(--f-' + f + ') ' + at.toFixed(1) + 'deg ' + to.toFixed(1) + 'deg');
      at = to;
    }
  }
  // a style set through the DOM, which the content security policy allows (unlike a style attribute in HTML)
  pie.style.background = 'conic-gradient(' + stops.join(', ') + ')';
  pie.append(el('span', null, formatNumber(c.count)));
  const icon = L.divIcon({html: pie, className: 'cluster', iconSize: [size, size]});
  const label = t('map.cluster', formatNumber(c.count));
  const m = L.marker([c.lat, c.lon], {icon, title: label, keyboard: true});
  const zoomIn = () => map.setView([c.lat, c.lon], Math.min(map.getMaxZoom(), map.getZoom() + 2));
  m.on('click', zoomIn);
  m.on('add', () => {
    const e = m.getElement();
    e.setAttribute('aria-label', label);
    e.addEventListener('keydown', k => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); zoomIn(); } });
  });
  return m;
}

/** One incident: a dot in its finding's colour; choosing it opens the incident's page. */
function point(p) {
  const icon = L.divIcon({className: 'point finding-' + p.finding, iconSize: [16, 16]});
  const label = t('type.' + p.type) + ', ' + formatDateTime(p.start) + ' — ' + t('finding.' + p.finding);
  const m = L.marker([p.lat, p.lon], {icon, title: label, keyboard: true});
  const open = () => location.assign('/incidents/' + encodeURIComponent(p.id));
  m.on('click', open);
  m.on('add', () => {
    const e = m.getElement();
    e.dataset.id = p.id;
    e.dataset.finding = p.finding;
    e.setAttribute('aria-label', label);
    e.addEventListener('keydown', k => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); open(); } });
  });
  return m;
}

// ---- the latest incidents under the filters, as a list (also the map's keyboard-friendly twin)

async function latest() {
  const p = filterParams();
  p.set('limit', '10');
  const r = await api('/api/v1/incidents?' + p);
  const body = document.querySelector('#latest tbody');
  body.replaceChildren();
  if (r.status !== 200) {
    return;
  }
  for (const i of r.body.items) {
    const tr = document.createElement('tr');
    const when = el('td');
    const a = el('a', null, formatDateTime(i.start));
    a.href = '/incidents/' + encodeURIComponent(i.id);
    when.append(a);
    const finding = el('td');
    finding.append(el('span', 'finding finding-' + i.finding, t('finding.' + i.finding)));
    tr.append(when, el('td', null, t('type.' + i.type)), el('td', null, i.zone ? t('zone.' + i.zone) : t('zone.none')),
      el('td', null, t('party.' + i.allegedPerpetrator)), el('td', 'num', formatNumber(i.reportCount)), finding);
    body.append(tr);
  }
  document.getElementById('latest-empty').hidden = r.body.items.length > 0;
}

// ---- start

async function start() {
  const q = new URLSearchParams(location.search);
  ({map} = await baseMap(mapEl));
  if (q.has('zoom') && q.has('lat') && q.has('lon')) {
    const z = Number(q.get('zoom'));
    const lat = Number(q.get('lat'));
    const lon = Number(q.get('lon'));
    if ([z, lat, lon].every(Number.isFinite)) {
      map.setView([lat, lon], z);
    }
  }
  layer = L.layerGroup().addTo(map);
  map.on('moveend', () => { keepInAddress(map); refresh(); });
  form.addEventListener('change', changed);
  form.addEventListener('submit', e => { e.preventDefault(); changed(); });
  syncSlider();
  fromInput.addEventListener('change', syncSlider);
  toInput.addEventListener('change', syncSlider);
  keepInAddress(map);
  await Promise.all([refresh(), latest()]);
}

start();
