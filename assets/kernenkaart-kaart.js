// Kaart: colours and hover label of the live map, without Plotly re-plots.
//
// Why: a Plotly restyle of a choroplethmap (new z or hover text) makes Plotly
// rebuild the GeoJSON source of every trace in MapLibre, 250 ms for 26 kernen
// with software WebGL and seconds for 14,000 areas. So the live figure keeps
// its kernen trace transparent (outlines, hover events and clicks only) and
// this script paints the colours on its own MapLibre fill layers, under
// Plotly's outlines and names. The kernen layer is part of the map style
// (map_figure.base_style), so MapLibre loads it with the map and the colours
// are drawn without waiting for Plotly to finish plotting its traces:
//
// - the server sends the colours of *every* overlay for the current filters
//   (store "kaart-kleuren", layouts/map_figure.py paint_payload);
// - an overlay switch repaints at once from what is already here; a filter
//   switch repaints when the new colours arrive;
// - colours are MapLibre feature-state ('c') on sources keyed by kern_slug /
//   wijkcode (promoteId), so a repaint re-tiles nothing;
// - the hover label is drawn here (text only, never HTML), from Plotly's
//   hover events on the kernen trace; its text is fetched once per overlay and
//   filters on the first hover (/kaart-hover/<gemeente>.json, hover_payload),
//   so switches need not carry the text of every kern.
//
// When the map has been painted, the graph gets data-kk-geschilderd="<overlay>
// <rev>" (tests and benchmarks/dashboard.py wait for it).
(function () {
  "use strict";
  var KERN_TRACE = 1; // layouts/map_figure.py: WIJK_TRACE, KERN_TRACE, ...
  var PLOTLY_KERN_FILL = "plotly-trace-layer-kernen-fill"; // trace uid "kernen"
  var TRANSPARENT = "rgba(0,0,0,0)";
  var FILL = ["to-color", ["feature-state", "c"], TRANSPARENT];
  var LAYERS = {
    kernen: "kk-kernen-vlak",
    wijken: "kk-wijken-vlak",
    wijkgrens: "kk-wijken-grens",
  };
  var want = { overlay: null, paint: null };
  var hovers = {}; // hover URL -> payload, or "laden" while it is fetched
  var lastHover = null; // [gd, event] of the kern under the mouse
  var timer = null;

  function graph() {
    return document.querySelector("#kaart .js-plotly-plot");
  }

  function mapOf(gd) {
    var map = gd && gd._fullLayout && gd._fullLayout.map;
    var m = map && map._subplot && map._subplot.map;
    return m && typeof m.setFeatureState === "function" ? m : null;
  }

  function absolute(url) {
    return new URL(url, window.location.href).href;
  }

  // The wijken source (the URL Plotly also uses, so the browser cache has it).
  function ensureSource(m, id, url, key) {
    var href = absolute(url);
    var cached = (window.PlotlyGeoAssets || {})[url];
    m._kkUrls = m._kkUrls || {};
    if (!m.getSource(id)) {
      m.addSource(id, { type: "geojson", data: cached || href, promoteId: key });
    } else if (m._kkUrls[id] !== href) {
      m.removeFeatureState({ source: id });
      m.getSource(id).setData(cached || href);
      m._kkColours = null;
    }
    m._kkUrls[id] = href;
  }

  // The kernen source and fill layer are part of the map style (MapLibre loads
  // them with the map, layouts/map_figure.py base_style). Paint when the map
  // shows the figure of this payload (same kernen URL); a new gemeente (new
  // style) starts with no colours set.
  function styleReady(gd, m, p) {
    if (!m.getLayer(LAYERS.kernen) || !m.getSource("kk-kernen")) return false;
    var style = gd.layout && gd.layout.map && gd.layout.map.style;
    var source = style && style.sources && style.sources["kk-kernen"];
    if (!source || source.data !== p.kern_url) return false;
    if (m._kkKernUrl !== p.kern_url) {
      m._kkKernUrl = p.kern_url;
      m._kkColours = null;
      m._kkLabel = null;
    }
    return true;
  }

  // The wijken layers, just under Plotly's kernen (outlines and names stay on
  // top), added only when a wijk-level overlay needs them, so they do not
  // compete with the kernen on first display.
  function ensureWijkLayers(m, p, wijk) {
    if (!wijk && !m.getSource("kk-wijken")) return;
    ensureSource(m, "kk-wijken", p.wijk_url, p.wijk_key);
    var specs = [
      { id: LAYERS.wijken, type: "fill", source: "kk-wijken",
        paint: { "fill-color": FILL, "fill-opacity": p.opacity } },
      { id: LAYERS.wijkgrens, type: "line", source: "kk-wijken",
        layout: { visibility: "none" },
        paint: { "line-color": "#333333", "line-width": 1.2 } },
    ];
    // Before Plotly has added its layers, ours go on top and Plotly's above.
    var before = m.getLayer(PLOTLY_KERN_FILL) ? PLOTLY_KERN_FILL : undefined;
    specs.forEach(function (spec) {
      if (!m.getLayer(spec.id)) m.addLayer(spec, before);
    });
  }

  // Feature-state colour per area; only areas whose colour changed are set.
  function colour(m, source, codes, view, done) {
    for (var i = 0; i < codes.length; i++) {
      var c = view ? view.colours[view.classes[i]] || TRANSPARENT : TRANSPARENT;
      var key = source + "\u0000" + codes[i];
      if (done[key] !== c) {
        m.setFeatureState({ source: source, id: codes[i] }, { c: c });
        done[key] = c;
      }
    }
  }

  // Mark the graph on the first frame drawn with these colours (and their
  // GeoJSON loaded): that is when a person sees them.
  function markWhenDrawn(gd, m, label, wijk) {
    function drawn() {
      if (m._kkLabel !== label) return m.off("render", drawn);
      var loaded = m.isSourceLoaded("kk-kernen") &&
        (!wijk || m.isSourceLoaded("kk-wijken"));
      if (!loaded) return;
      m.off("render", drawn);
      gd.setAttribute("data-kk-geschilderd", label);
      if (window.performance && performance.mark) performance.mark("kk-geschilderd");
    }
    m.on("render", drawn);
  }

  // Paint ``want`` on the map of ``gd``; false when the map is not ready yet.
  function apply(gd) {
    var m = mapOf(gd);
    var p = want.paint;
    if (!m || !p) return false;
    watch(m);
    if (!styleReady(gd, m, p)) return false;
    var view = p.views[want.overlay] || null;
    var wijk = Boolean(view && view.level === "wijk");
    ensureWijkLayers(m, p, wijk);
    var label = want.overlay + " " + p.rev;
    if (m._kkLabel === label && m.getLayer(LAYERS.kernen)) return true;
    m._kkColours = m._kkColours || {};
    colour(m, "kk-kernen", p.kern_codes, wijk ? null : view, m._kkColours);
    if (m.getLayer(LAYERS.wijken)) {
      colour(m, "kk-wijken", p.wijk_codes, wijk ? view : null, m._kkColours);
      m.setLayoutProperty(LAYERS.wijkgrens, "visibility", wijk ? "visible" : "none");
    }
    m._kkLabel = label;
    markWhenDrawn(gd, m, label, wijk);
    m.triggerRepaint();
    return true;
  }

  // Paint as soon as the style is loaded (or replaced), not only when Plotly
  // has finished plotting.
  function watch(m) {
    if (m._kkWatched) return;
    m._kkWatched = true;
    m.on("styledata", schedule);
  }

  function tryApply() {
    var gd = graph();
    if (!gd || typeof gd.on !== "function") return false;
    hook(gd);
    try {
      return apply(gd);
    } catch (err) {
      console.warn("Kernenkaart: kaartkleuren niet gezet", err);
      return true; // do not retry forever; the table still shows every figure
    }
  }

  // Try now, else every 50 ms until the map is there (Plotly loads lazily).
  function schedule() {
    if (tryApply() || timer) return;
    var tries = 0;
    timer = setInterval(function () {
      if (tryApply() || ++tries > 600) {
        clearInterval(timer);
        timer = null;
      }
    }, 50);
  }

  // --- hover label ---------------------------------------------------------

  function tip(gd) {
    var box = gd.parentNode;
    var el = box.querySelector(".kk-hover");
    if (!el) {
      el = document.createElement("div");
      el.className = "kk-hover";
      el.setAttribute("role", "tooltip");
      el.hidden = true;
      box.appendChild(el);
    }
    return el;
  }

  function hoverUrl() {
    var p = want.paint;
    return p && p.hover_url ? p.hover_url + "&overlay=" + encodeURIComponent(want.overlay) : null;
  }

  // Name and text of a kern for the shown overlay; null while being fetched.
  function hoverText(location) {
    var url = hoverUrl();
    if (!url) return null;
    var h = hovers[url];
    if (h === undefined) {
      hovers[url] = "laden";
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (payload) {
          hovers[url] = payload;
          if (lastHover) showTip(lastHover[0], lastHover[1]);
        })
        .catch(function () { delete hovers[url]; });
      return null;
    }
    if (h === "laden") return null;
    var i = want.paint.kern_codes.indexOf(location);
    return i < 0 ? null : { name: h.names[i], text: h.texts[i] };
  }

  function showTip(gd, event) {
    var point = (event.points || []).filter(function (pt) {
      return pt.curveNumber === KERN_TRACE;
    })[0];
    var el = tip(gd);
    var info = point && hoverText(point.location);
    if (!info) {
      el.hidden = true;
      return;
    }
    el.textContent = "";
    var name = document.createElement("strong");
    name.textContent = info.name;
    el.appendChild(name);
    String(info.text || "").split("\n").forEach(function (line) {
      if (!line) return;
      el.appendChild(document.createElement("br"));
      el.appendChild(document.createTextNode(line));
    });
    // Plotly's map hover event carries no mouse position: use the last one
    // seen over the graph (``hook``), always inside the map box.
    var box = gd.parentNode.getBoundingClientRect();
    var mouse = gd._kkMouse || [box.left + box.width / 2, box.top + box.height / 2];
    el.hidden = false;
    var x = mouse[0] - box.left + 14;
    var y = mouse[1] - box.top + 14;
    x = Math.min(x, box.width - el.offsetWidth - 4);
    if (y + el.offsetHeight > box.height) y = mouse[1] - box.top - el.offsetHeight - 10;
    el.style.left = Math.max(4, x) + "px";
    el.style.top = Math.max(4, y) + "px";
  }

  // dcc.Graph resizes the plot once more after its first drawing, also when
  // the size has not changed; for a map that is a full re-plot (every GeoJSON
  // source rebuilt, ~200 ms). Skip resizes of the Kaart to the size it has.
  function skipSameSizeResize() {
    var plots = window.Plotly && window.Plotly.Plots;
    if (!plots || plots._kkGuarded) return;
    var resize = plots.resize;
    plots.resize = function (gd) {
      var full = gd && gd._fullLayout;
      var kaart = gd && gd.closest && gd.closest("#kaart");
      var same = full && Math.abs(gd.clientWidth - full.width) < 1 &&
        Math.abs(gd.clientHeight - full.height) < 1;
      if (kaart && same) {
        return Promise.resolve(gd);
      }
      return resize.apply(this, arguments);
    };
    plots._kkGuarded = true;
  }

  function hook(gd) {
    if (gd._kkHooked) return;
    gd._kkHooked = true;
    skipSameSizeResize();
    gd.on("plotly_afterplot", function () {
      schedule();
    });
    gd.on("plotly_hover", function (event) {
      lastHover = [gd, event];
      showTip(gd, event);
    });
    gd.on("plotly_unhover", function () {
      lastHover = null;
      tip(gd).hidden = true;
    });
    gd.addEventListener("mousemove", function (event) {
      gd._kkMouse = [event.clientX, event.clientY];
    });
    gd.addEventListener("mouseleave", function () {
      lastHover = null;
      tip(gd).hidden = true;
    });
  }

  // A filter change sends only the new colours (map_figure.paint_update): keep
  // the areas and URLs of the full payload that came with the page.
  function merged(old, p) {
    if (!p) return old;
    if (p.kern_codes || !old) return p;
    var out = {};
    Object.keys(old).forEach(function (k) { out[k] = old[k]; });
    Object.keys(p).forEach(function (k) { out[k] = p[k]; });
    return out;
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.kaart = {
    paint: function (overlay, paint) {
      want.overlay = overlay;
      want.paint = merged(want.paint, paint);
      schedule();
      return overlay + " " + (want.paint ? want.paint.rev : "");
    },
    repaint: function (paint, overlay) {
      return window.dash_clientside.kaart.paint(overlay, paint);
    },
  };
})();
