#!/usr/bin/env bash
# Copy the workbench's pinned front-end packages (warledger/serve/static/vendor/package.json) from the
# npm registry into warledger/serve/static/vendor/, each with its licence.  Run it when a pin changes;
# the copied files are committed, so neither Node nor the network is needed to install or run warledger.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=warledger/serve/static/vendor
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for spec in leaflet@1.9.4 leaflet.markercluster@1.5.3 topojson-client@3.1.0 world-atlas@2.0.2; do
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
done
for f in "$tmp"/*.tgz; do d="$tmp/x/$(basename "$f" .tgz)"; mkdir -p "$d"; tar xzf "$f" -C "$d"; done
rm -rf "$dest/leaflet" "$dest/markercluster" "$dest/topojson" "$dest/world-atlas"
mkdir -p "$dest/leaflet/images" "$dest/markercluster" "$dest/topojson" "$dest/world-atlas"
src="$tmp/x/leaflet-1.9.4/package"
cp "$src/dist/leaflet.js" "$src/dist/leaflet.css" "$src/LICENSE" "$dest/leaflet/"
cp "$src"/dist/images/*.png "$dest/leaflet/images/"
src="$tmp/x/leaflet.markercluster-1.5.3/package"
cp "$src/dist/leaflet.markercluster.js" "$src/dist/MarkerCluster.css" "$src/dist/MarkerCluster.Default.css" \
   "$src/MIT-LICENCE.txt" "$dest/markercluster/"
src="$tmp/x/topojson-client-3.1.0/package"
cp "$src/dist/topojson-client.min.js" "$src/LICENSE" "$dest/topojson/"
src="$tmp/x/world-atlas-2.0.2/package"
cp "$src/countries-50m.json" "$src/LICENSE" "$dest/world-atlas/"
echo "vendored into $dest:"; find "$dest" -type f | sort
