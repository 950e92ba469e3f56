// The base map without the internet: the outlines shipped in the jar (the neighbouring countries, Syria, the
// zones) on a plain background. An online tile layer is drawn only when the operator has set TRUCE_MAP_TILES_URL.
import {api, rtl, t} from './app.js';

/** Syria and its surroundings, for the first view. */
export const SYRIA_BOUNDS = [[32.3, 35.6], [37.35, 42.4]];

/**
 * A Leaflet map in element el (which carries data-neighbours, and data-tiles / data-tiles-credit when tiles are
 * set), with the base layers drawn. Resolves to {map, zones} once the outlines are in.
 */
export async function baseMap(el, {onZoneClick} = {}) {
  const map = L.map(el, {zoomControl: false, minZoom: 4, maxZoom: 16, attributionControl: true});
  map.attributionControl.setPrefix(false);
  // controls sit at the start of the reading direction, like the rest of the page
  L.control.zoom({position: rtl ? 'topright' : 'topleft', zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut')})
    .addTo(map);
  map.fitBounds(SYRIA_BOUNDS);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, {attribution: el.dataset.tilesCredit || '', maxZoom: 19}).addTo(map);
  }
  map.attributionControl.addAttribution(t('map.credit'));
  const [neighbours, zones] = await Promise.all([
    fetch(el.dataset.neighbours, {credentials: 'same-origin'}).then(r => r.json()),
    api('/api/v1/zones').then(r => r.body)
  ]);
  const tiled = !!el.dataset.tiles;
  L.geoJSON(neighbours, {interactive: false, style: {color: '#8d99a6', weight: 1, fillColor: '#eceae4',
    fillOpacity: tiled ? 0 : 1}}).addTo(map);
  const area = {type: 'FeatureCollection', features: zones.features.filter(f => f.properties.kind === 'region'
    || f.id === 'area-of-operation')};
  L.geoJSON(area, {interactive: false, style: {color: '#3d4a57', weight: 1.5, fillColor: '#fbfaf6',
    fillOpacity: tiled ? 0 : 1}}).addTo(map);
  const zoneLayer = L.geoJSON({type: 'FeatureCollection', features: zones.features.filter(f => !area.features.includes(f))}, {
    style: {color: '#0d3b66', weight: 2, dashArray: '6 4', fillColor: '#0d3b66', fillOpacity: 0.06},
    onEachFeature: (f, layer) => {
      // the zone's name in the page's language (the server's words), else its own name; as text, never HTML
      const label = document.createElement('span');
      label.textContent = t('zone.' + f.id) !== 'zone.' + f.id ? t('zone.' + f.id) : f.properties.name;
      layer.bindTooltip(label, {sticky: true});
      if (onZoneClick) {
        layer.on('click', () => onZoneClick(f.id));
      }
    }
  }).addTo(map);
  return {map, zones: zoneLayer};
}
