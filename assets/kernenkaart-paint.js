// Kaart: recolour on an overlay or filter switch without a Plotly re-plot.
//
// A Plotly restyle of a choroplethmap's z rebuilds its GeoJSON source in
// MapLibre (200-300 ms with software WebGL for 26 kernen, seconds for 14,000
// buurten). Instead our own MapLibre fill layers (one per choropleth trace,
// same cached GeoJSON URL, features keyed by kern_slug / wijkcode) are
// repainted. The layers' 'fill-color' reads a MapLibre feature-state ('c') and
// never changes: changing a data-driven paint expression would make MapLibre
// re-tile the source, while a feature-state change only updates the colours
// of the drawn features. Plotly's own fill is made transparent; its outlines, hover, click
// and selection stay as they are. Hover text is patched into the figure after
// the new colours have been drawn (that patch does re-plot, but later).
// Without a MapLibre map (or on any error) the colours go into the figure as
// before. See docs/dashboard.md, "How it stays fast".
(function () {
  "use strict";
  var TRACES = [0, 1]; // wijken, kernen (layouts/map_figure.py)
  var TRANSPARENT = "rgba(0,0,0,0)";
  var CLEAR = [[0, TRANSPARENT], [1, TRANSPARENT]];
  var FILL = ["to-color", ["feature-state", "c"], TRANSPARENT];

  function graph() {
    return document.querySelector("#kaart.js-plotly-plot, #kaart .js-plotly-plot");
  }

  function mapOf(gd) {
    var map = gd && gd._fullLayout && gd._fullLayout.map;
    var m = map && map._subplot && map._subplot.map;
    return m && typeof m.setPaintProperty === "function" ? m : null;
  }

  function plotlyLayer(gd, trace, part) {
    var full = gd._fullData && gd._fullData[trace];
    return full ? "plotly-trace-layer-" + full.uid + "-" + part : null;
  }

  function ourLayer(trace) {
    return "kk-fill-" + trace;
  }

  function ourSource(trace) {
    return "kk-" + trace;
  }

  function idKey(data) {
    return String(data.featureidkey || "id").replace(/^properties\./, "");
  }

  // Our source and fill layer for one trace, just below Plotly's outline layer.
  function ensureLayer(m, gd, trace) {
    var data = gd.data && gd.data[trace];
    var before = plotlyLayer(gd, trace, "line");
    if (!data || typeof data.geojson !== "string" || !m.getLayer(before)) {
      return false;
    }
    var url = new URL(data.geojson, window.location.href).href;
    var id = ourLayer(trace);
    var source = ourSource(trace);
    m._kkUrls = m._kkUrls || {};
    if (!m.getSource(source)) {
      m.addSource(source, { type: "geojson", data: url, promoteId: idKey(data) });
    } else if (m._kkUrls[source] !== url) {
      m.removeFeatureState({ source: source });
      m.getSource(source).setData(url);
    }
    m._kkUrls[source] = url;
    var opacity = ((gd._fullData[trace] || {}).marker || {}).opacity;
    if (!m.getLayer(id)) {
      m.addLayer(
        {
          id: id,
          type: "fill",
          source: source,
          paint: { "fill-color": FILL, "fill-opacity": opacity || 0.85 },
        },
        before
      );
    } else {
      m.moveLayer(id, before);
    }
    return true;
  }

  // Colour of each area (feature-state 'c'); none: all transparent.
  function setColours(m, trace, data, spec) {
    var source = ourSource(trace);
    m.removeFeatureState({ source: source });
    if (!spec) return;
    var locations = data.locations || [];
    for (var i = 0; i < locations.length; i++) {
      var colour = spec.colours[spec.z[i]];
      if (colour !== undefined) {
        m.setFeatureState({ source: source, id: String(locations[i]) }, { c: colour });
      }
    }
  }

  // Paint ``payload`` on our layers; false when the map cannot be painted.
  function paint(gd, payload) {
    var m = mapOf(gd);
    if (!m || !TRACES.every(function (t) { return ensureLayer(m, gd, t); })) {
      return false;
    }
    TRACES.forEach(function (t) {
      var spec = payload ? payload.paint[String(t)] : null;
      var opacity = ((gd._fullData[t] || {}).marker || {}).opacity;
      setColours(m, t, gd.data[t], spec);
      m.setPaintProperty(plotlyLayer(gd, t, "fill"), "fill-opacity", payload ? 0 : opacity);
    });
    gd._kkPaint = payload;
    listen(m, gd);
    return true;
  }

  // A reloaded map style drops our layers: add them again with the last colours.
  function listen(m, gd) {
    if (m._kkListening) return;
    m._kkListening = true;
    m.on("styledata", function () {
      var g = graph();
      if (!g || mapOf(g) !== m || !g._kkPaint || m.getLayer(ourLayer(1))) return;
      try {
        paint(g, g._kkPaint);
      } catch (err) {
        console.warn("Kernenkaart: kleuren niet opnieuw gezet", err);
      }
    });
  }

  // First display: the figure is coloured itself; add our (transparent) layers
  // once the map is there so the first switch need not load the GeoJSON.
  function prepare(tries) {
    var gd = graph();
    var m = mapOf(gd);
    try {
      if (m && m.loaded() && paint(gd, null)) return;
    } catch (err) {
      console.warn("Kernenkaart: kaartlagen niet voorbereid", err);
      return;
    }
    if (tries > 0) setTimeout(function () { prepare(tries - 1); }, 200);
  }

  function afterDrawn(m) {
    return new Promise(function (resolve) {
      var done = false;
      function finish() {
        if (done) return;
        done = true;
        window.requestAnimationFrame(function () { setTimeout(resolve, 0); });
      }
      m.once("render", finish);
      m.triggerRepaint();
      setTimeout(finish, 1000);
    });
  }

  function figurePatch(payload, painted, gd) {
    var patch = new window.dash_clientside.Patch();
    Object.keys(payload.patch).forEach(function (trace) {
      var props = payload.patch[trace];
      Object.keys(props).forEach(function (key) {
        patch.assign(["data", Number(trace), key], props[key]);
      });
    });
    TRACES.forEach(function (t) {
      var spec = painted ? null : payload.paint[String(t)];
      var n = ((gd && gd.data && gd.data[t]) || {}).locations;
      var clear = { z: new Array((n || []).length).fill(0), zmax: 0.5, colorscale: CLEAR };
      var props = spec || clear;
      ["z", "zmax", "colorscale"].forEach(function (key) {
        if (props[key] !== undefined) patch.assign(["data", t, key], props[key]);
      });
    });
    patch.assign(["layout", "map", "layers"], payload.layers);
    return patch.build();
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.kaart = {
    paint: function (payload) {
      var gd = graph();
      if (!payload) {
        prepare(50);
        return window.dash_clientside.no_update;
      }
      var painted = false;
      try {
        painted = paint(gd, payload);
      } catch (err) {
        console.warn("Kernenkaart: kleuren via de figuur", err);
      }
      var patch = figurePatch(payload, painted, gd);
      return painted ? afterDrawn(mapOf(gd)).then(function () { return patch; }) : patch;
    },
  };
})();
