// MapLibre GL JS as a script of its own (window.maplibregl), so that the
// browser compiles it beside plotly.js instead of after it. Its web worker
// starts at once, from the URL in the script tag's data-worker, so that it is
// ready when a map is made (the Kaart's, or the Kernprofiel's small map).
import * as maplibregl from 'maplibre-gl/dist/maplibre-gl.mjs';

window.maplibregl = maplibregl;
const script = document.currentScript;
if (script && script.dataset.worker) {
  maplibregl.setWorkerUrl(new URL(script.dataset.worker, document.baseURI).href);
  maplibregl.prewarm();
}
