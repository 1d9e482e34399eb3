// Builds the Kaart's three map scripts into the folder given (assets/vendor):
//   maplibre-gl.min.js         MapLibre GL JS, sets window.maplibregl
//   maplibre-gl-worker.min.js  MapLibre's web worker (plotly.js's own build of it)
//   plotly-kaart.min.js        plotly.js core + choroplethmap + scattermap,
//                              taking MapLibre from window.maplibregl
// The options are those of plotly.js's esbuild-config.js (4.1.1).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { environmentPlugin } from 'esbuild-plugin-environment';
import { glsl } from 'esbuild-plugin-glsl';
import InlineCSSPlugin from 'esbuild-plugin-inline-css';

const require = createRequire(import.meta.url);
const version = (pkg) => require(`${pkg}/package.json`).version;
const out = process.argv[2];
if (!out) throw new Error('usage: node build.mjs OUT_DIR');
// The MapLibre script must be the version that plotly.js was built and tested with.
const wanted = require('plotly.js/package.json').dependencies['maplibre-gl'];
if (wanted !== version('maplibre-gl')) throw new Error(`plotly.js wants maplibre-gl ${wanted}, found ${version('maplibre-gl')}`);

// plotly.js's map module imports MapLibre and the worker's source; here the
// first comes from the separate script, whose worker URL is already set, so
// plotly.js's own setWorkerUrl is a no-op and the worker source is left out.
const replaced = new Set();
const separateMaplibre = {
  name: 'separate-maplibre',
  setup(build) {
    const replace = (path) => () => replaced.add(path) && { path, namespace: 'kaart' };
    build.onResolve({ filter: /^maplibre-gl\/dist\/maplibre-gl\.mjs$/ }, replace('maplibregl'));
    build.onResolve({ filter: /\/build\/maplibre_worker$/ }, replace('worker'));
    build.onLoad({ filter: /.*/, namespace: 'kaart' }, (args) => ({
      loader: 'js',
      contents: args.path === 'worker'
        ? 'module.exports = "";'
        : 'module.exports = Object.assign({}, window.maplibregl, { setWorkerUrl: function () {} });',
    }));
  },
};

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  target: 'es2016',
  define: { global: 'window', 'define.amd': 'false' },
  legalComments: 'eof',
  logLevel: 'info',
};
await esbuild.build({
  ...common,
  entryPoints: ['maplibre-gl.js'],
  banner: { js: `/*! MapLibre GL JS ${version('maplibre-gl')} | BSD-3-Clause | built by jsbuild/ */` },
  outfile: path.join(out, 'maplibre-gl.min.js'),
  format: 'iife',
});
await esbuild.build({
  ...common,
  entryPoints: ['plotly-kaart.js'],
  banner: { js: `/*! plotly.js ${version('plotly.js')} (core, choroplethmap, scattermap) | MIT | built by jsbuild/ */` },
  outfile: path.join(out, 'plotly-kaart.min.js'),
  format: 'iife',
  globalName: 'Plotly',
  plugins: [separateMaplibre, InlineCSSPlugin(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
  alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
});
// A newer plotly.js that imports MapLibre or its worker otherwise would get
// a second MapLibre in its bundle: stop instead.
if (replaced.size !== 2) throw new Error(`plotly.js's map imports changed: replaced only ${[...replaced]}`);
fs.writeFileSync(path.join(out, 'maplibre-gl-worker.min.js'), require('plotly.js/build/maplibre_worker.js'));
const licences = { 'plotly.js': 'LICENSE', 'maplibre-gl': 'LICENSE.txt' };
for (const [pkg, file] of Object.entries(licences)) {
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  fs.copyFileSync(path.join(dir, file), path.join(out, `${pkg.replace('.js', '')}-LICENSE.txt`));
}
