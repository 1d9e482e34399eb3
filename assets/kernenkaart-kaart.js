// Kaart: colours, selection, hover label and clicks of the live map's kernen,
// without Plotly re-plots.
//
// Why: Plotly converts a choroplethmap's GeoJSON on the main thread and hands
// MapLibre a second copy of it, and a restyle (new z or hover text) rebuilds
// the GeoJSON source of every trace: 250 ms for 26 kernen with software WebGL,
// seconds for 14,000 areas. So the live map's kernen are layers of its own map
// style (layouts/map_figure.py base_style: MapLibre loads the GeoJSON, the
// fill and the outline layer with the map), and this script
//
// - paints their colours as MapLibre feature-state ('c') on the source keyed
//   by kern_slug (promoteId), so a repaint re-tiles nothing. The server sends
//   the colours of *every* overlay for the current filters (store
//   "kaart-kleuren", map_paint.paint_payload): an overlay switch repaints at
//   once; when a filter or the indicator changes, this script asks
//   /kaart-kleuren/<gemeente>.json itself at that moment (not through a Dash
//   callback, so the map waits neither for Dash's dispatch nor for the table)
//   and gets only the overlays that use the changed filter;
// - marks the selected kern of the page state on the outline layer of the
//   style (map_figure.kernen_line_layer; feature-state 's': a thick black
//   outline);
// - paints wijken on layers it adds when a wijk-level overlay needs them;
// - draws the hover label (text only, never HTML); its text is fetched once
//   per overlay and filters on the first hover (/kaart-hover/<gemeente>.json,
//   hover_payload), so switches need not carry the text of every kern;
// - writes a clicked kern to the store "kaart-klik" (callbacks/kaart.py).
//
// Plotly keeps the map itself and the traces of the opgaven and kern names.
// When the map has been painted, the graph gets data-kk-geschilderd="<overlay>
// <rev>" (tests and benchmarks/dashboard.py wait for it).
(function () {
  "use strict";
  var CLICK_STORE = "kaart-klik"; // layouts/ids.py MAP_CLICK
  var PAINT_STORE = "kaart-kleuren"; // layouts/ids.py MAP_PAINT
  var STATE_STORE = "kaart-status"; // layouts/ids.py STATE
  var OVERLAY_INPUT = "overlay-kiezer"; // layouts/ids.py OVERLAY
  var KERNEN = "kk-kernen"; // map_figure.PAINT_SOURCE
  var TRANSPARENT = "rgba(0,0,0,0)";
  var FILL = ["to-color", ["feature-state", "c"], TRANSPARENT];
  var LAYERS = {
    kernen: "kk-kernen-vlak", // map_figure.PAINT_LAYER
    outline: "kk-kernen-grens", // map_figure.LINE_LAYER
    wijken: "kk-wijken-vlak",
    wijkgrens: "kk-wijken-grens",
  };
  // Plotly gives all kern names (trace "namen", layouts/map_figure.py) one
  // text position, and MapLibre leaves out a name that would collide with
  // another: Buren at 1280 px showed 13 of its 16 names. Let MapLibre try
  // places around the point (centre first, then beside, above and below).
  var NAMES_LAYER = "plotly-trace-layer-namen-symbol";
  var NAME_PLACES = [
    "center", [0, 0],
    "top", [0, 0.6], "bottom", [0, -0.6], "left", [0.6, 0], "right", [-0.6, 0],
    "top-left", [0.4, 0.4], "top-right", [-0.4, 0.4],
    "bottom-left", [0.4, -0.4], "bottom-right", [-0.4, -0.4],
  ];
  var want = { overlay: null, paint: null, selected: null };
  var hovers = {}; // hover URL -> payload, or "laden" while it is fetched
  var lastHover = null; // [gd, kern] under the mouse
  var clicks = 0;
  var asked = 0; // number of the last colours request (older answers are dropped)
  var timer = null;
  var pageColours = null; // the colour store's data last read from the layout

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

  // The map shows the style of this payload (same kernen URL); a new gemeente
  // (new style) starts with no colours and no selection set.
  function styleReady(gd, m, p) {
    if (!m.getLayer(LAYERS.kernen) || !m.getSource(KERNEN)) return false;
    var style = gd.layout && gd.layout.map && gd.layout.map.style;
    var source = style && style.sources && style.sources[KERNEN];
    if (!source || source.data !== p.kern_url) return false;
    if (m._kkKernUrl !== p.kern_url) {
      m._kkKernUrl = p.kern_url;
      m._kkColours = null;
      m._kkLabel = null;
      m._kkSelected = null;
    }
    return true;
  }

  // The wijken: source and layers added only when a wijk-level overlay needs
  // them (so they do not compete with the kernen on first display), under the
  // kernen outlines.
  function ensureWijkLayers(m, p, wijk) {
    if (!wijk && !m.getSource("kk-wijken")) return;
    var href = absolute(p.wijk_url);
    if (!m.getSource("kk-wijken")) {
      m.addSource("kk-wijken", { type: "geojson", data: href, promoteId: p.wijk_key });
    } else if (m._kkWijkUrl !== href) {
      m.removeFeatureState({ source: "kk-wijken" });
      m.getSource("kk-wijken").setData(href);
      m._kkColours = null;
    }
    m._kkWijkUrl = href;
    var specs = [
      { id: LAYERS.wijken, type: "fill", source: "kk-wijken",
        paint: { "fill-color": FILL, "fill-opacity": p.opacity } },
      { id: LAYERS.wijkgrens, type: "line", source: "kk-wijken",
        layout: { visibility: "none" },
        paint: { "line-color": "#333333", "line-width": 1.2 } },
    ];
    var before = m.getLayer(LAYERS.outline) ? LAYERS.outline : firstPlotlyLayer(m);
    specs.forEach(function (spec) {
      if (!m.getLayer(spec.id)) m.addLayer(spec, before);
    });
  }

  // Plotly's trace layers (opgaven, names) stay on top of ours.
  function firstPlotlyLayer(m) {
    var order = m.getLayersOrder();
    for (var i = 0; i < order.length; i++) {
      if (order[i].indexOf("plotly-trace-layer") === 0) return order[i];
    }
    return undefined;
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

  function spreadNames(m) {
    if (!m.getLayer(NAMES_LAYER)) return; // Plotly adds it after the map's load
    if (m.getLayoutProperty(NAMES_LAYER, "text-variable-anchor-offset")) return;
    m.setLayoutProperty(NAMES_LAYER, "text-variable-anchor-offset", NAME_PLACES);
    // a light halo keeps a name readable over borders and darker classes
    m.setPaintProperty(NAMES_LAYER, "text-halo-color", "rgba(255,255,255,0.85)");
    m.setPaintProperty(NAMES_LAYER, "text-halo-width", 1.2);
  }

  function select(m) {
    var kern = want.selected || null;
    if (m._kkSelected === kern) return;
    if (m._kkSelected) m.setFeatureState({ source: KERNEN, id: m._kkSelected }, { s: false });
    if (kern) m.setFeatureState({ source: KERNEN, id: kern }, { s: true });
    m._kkSelected = kern;
    m.triggerRepaint();
  }

  // Mark the graph on the first frame drawn with these colours (and their
  // GeoJSON loaded): that is when a person sees them.
  function markWhenDrawn(gd, m, label, wijk) {
    function drawn() {
      if (m._kkLabel !== label) return m.off("render", drawn);
      var loaded = m.isSourceLoaded(KERNEN) && (!wijk || m.isSourceLoaded("kk-wijken"));
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
    watch(gd, m);
    if (!styleReady(gd, m, p)) return false;
    spreadNames(m);
    select(m);
    var view = p.views[want.overlay] || null;
    var wijk = Boolean(view && view.level === "wijk");
    ensureWijkLayers(m, p, wijk);
    var label = want.overlay + " " + p.rev;
    if (m._kkLabel === label) return true;
    m._kkColours = m._kkColours || {};
    colour(m, KERNEN, p.kern_codes, wijk ? null : view, m._kkColours);
    if (m.getLayer(LAYERS.wijken)) {
      colour(m, "kk-wijken", p.wijk_codes, wijk ? view : null, m._kkColours);
      m.setLayoutProperty(LAYERS.wijkgrens, "visibility", wijk ? "visible" : "none");
    }
    m._kkLabel = label;
    markWhenDrawn(gd, m, label, wijk);
    m.triggerRepaint();
    return true;
  }

  // A Kaart page that Dash has rendered (the first page, or a new one from
  // the router) has its overlay, colours and selected kern in its layout:
  // they are read from there when its colour store is new, so that no Dash
  // callback runs on load. kaart.paint and kaart.select follow later changes.
  // True when it took up a new page; never throws (it runs inside Plotly.react
  // and event handlers).
  function readPage() {
    var api = window.dash_component_api;
    if (!api || typeof api.getLayout !== "function") return false;
    // another screen (Vergelijken, say): no Kaart stores to read
    if (!document.getElementById("kaart")) return false; // layouts/ids.py MAP
    var props = function (id) {
      var node = api.getLayout(id);
      return (node && node.props) || {};
    };
    try {
      var colours = props(PAINT_STORE).data;
      if (!colours || colours === pageColours || colours === want.paint) return false;
      var state = props(STATE_STORE).data;
      var overlay = props(OVERLAY_INPUT).value;
    } catch (err) {
      console.warn("Kernenkaart: pagina niet gelezen", err);
      return false;
    }
    pageColours = colours;
    asked += 1; // answers to colour requests of an earlier page are out of date
    want.selected = (state && state.kern) || null;
    want.overlay = overlay;
    want.paint = colours;
    return true;
  }

  function tryApply() {
    var gd = graph();
    if (!gd || typeof gd.on !== "function") return false;
    try {
      readPage();
      hook(gd);
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

  // --- hover label and clicks ----------------------------------------------

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
  function hoverText(kern) {
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
    var i = want.paint.kern_codes.indexOf(kern);
    return i < 0 ? null : { name: h.names[i], text: h.texts[i] };
  }

  function hideTip(gd) {
    lastHover = null;
    tip(gd).hidden = true;
  }

  function showTip(gd, kern) {
    var el = tip(gd);
    var info = hoverText(kern);
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
    // beside the mouse, always inside the map box
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

  function kernAt(event) {
    var f = event.features && event.features[0];
    return f && typeof f.id === "string" ? f.id : null;
  }

  // Hover and click on the kernen layer, and paint again whenever the style
  // is loaded or replaced (not only when Plotly has finished plotting).
  function watch(gd, m) {
    if (m._kkWatched) return;
    m._kkWatched = true;
    m.getCanvas().setAttribute("aria-label", "Kaart"); // MapLibre's is English
    m.on("styledata", schedule);
    m.on("mousemove", LAYERS.kernen, function (event) {
      var kern = kernAt(event);
      if (!kern) return;
      m.getCanvas().style.cursor = "pointer";
      var e = event.originalEvent;
      if (e) gd._kkMouse = [e.clientX, e.clientY];
      if (!lastHover || lastHover[1] !== kern || tip(gd).hidden) {
        lastHover = [gd, kern];
        showTip(gd, kern);
      } else {
        showTip(gd, kern); // follow the mouse
      }
    });
    m.on("mouseleave", LAYERS.kernen, function () {
      m.getCanvas().style.cursor = "";
      hideTip(gd);
    });
    m.on("click", LAYERS.kernen, function (event) {
      var kern = kernAt(event);
      var dash = window.dash_clientside;
      if (kern && dash && dash.set_props) {
        clicks += 1;
        dash.set_props(CLICK_STORE, { data: { kern: kern, n: clicks } });
      }
    });
  }

  // dcc.Graph resizes the plot once more after its first drawing, also when
  // the size has not changed; for a map that is a full re-plot (every GeoJSON
  // source rebuilt). Skip resizes of the Kaart to the size it has.
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
    gd.on("plotly_afterplot", function () {
      schedule();
    });
    gd.addEventListener("mouseleave", function () {
      hideTip(gd);
    });
  }

  // A filter change sends only the new colours of the overlays that use it
  // (map_paint.paint_update): keep the areas and URLs of the full payload
  // that came with the page, and the colours of the other overlays.
  function merged(old, p) {
    if (!p) return old;
    if (p.kern_codes || !old) return p;
    var out = {};
    Object.keys(old).forEach(function (k) { out[k] = old[k]; });
    Object.keys(p).forEach(function (k) { out[k] = p[k]; });
    out.views = {};
    [old.views || {}, p.views || {}].forEach(function (views) {
      Object.keys(views).forEach(function (k) { out.views[k] = views[k]; });
    });
    return out;
  }

  // --- new colours when a filter or the indicator changes -------------------

  function askColours() {
    var p = want.paint;
    var query = new URLSearchParams();
    Object.keys(p.controls).forEach(function (key) {
      var el = document.getElementById(p.controls[key]);
      query.set(key, el && el.value ? el.value : "");
    });
    query.set("rev", p.rev);
    var number = ++asked;
    fetch(p.colours_url + "&" + query.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (update) {
        // a page rendered since (another gemeente, Back) makes it out of date
        if (readPage()) schedule();
        if (number !== asked) return; // or a later change is on its way
        want.paint = merged(want.paint, update);
        // the store keeps what the map shows, for the next overlay switch
        var dash = window.dash_clientside;
        if (dash && dash.set_props) dash.set_props(PAINT_STORE, { data: want.paint });
        schedule();
      })
      .catch(function (err) {
        console.warn("Kernenkaart: nieuwe kaartkleuren niet geladen", err);
      });
  }

  // Capture phase: runs before React handles the change, with the new value.
  // Also before the map is plotted: the page is then read from the layout.
  document.addEventListener("change", function (event) {
    var id = event.target && event.target.id;
    if (!id) return;
    readPage();
    var p = want.paint;
    if (!p || !p.controls || !p.colours_url) return;
    var ours = Object.keys(p.controls).some(function (key) {
      return p.controls[key] === id;
    });
    if (ours) askColours();
  }, true);

  // The server cannot know the map's size (it differs from a phone to a
  // projector), so its zoom fits a small map and would leave most of a large
  // one empty, with kern names dropped for lack of room. Before Plotly makes
  // the map, fit the gemeente's bounds (layout.meta.kk_bounds) to the map's
  // real size, as MapLibre measures zoom: 512 px tiles, Web Mercator (the
  // formula of layouts/map_figure.py center_zoom, which fits a fixed size).
  function fitToSize(gd, figure) {
    var layout = figure && figure.layout;
    var bounds = layout && layout.meta && layout.meta.kk_bounds;
    var width = gd.clientWidth;
    var height = gd.clientHeight;
    if (!bounds || !layout.map || !width || !height) return;
    var mercator = function (lat) {
      return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    };
    var zoomX = Math.log2(((width / 512) * 360) / Math.max(bounds[2] - bounds[0], 1e-4));
    var spanY = Math.max(mercator(bounds[3]) - mercator(bounds[1]), 1e-6);
    var zoomY = Math.log2(((height / 512) * 2 * Math.PI) / spanY);
    // a margin of ~10% so the outermost kernen and their names stay inside
    layout.map.zoom = Math.round((Math.min(zoomX, zoomY) - 0.15) * 100) / 100;
    layout.map.center = { lon: (bounds[0] + bounds[2]) / 2, lat: (bounds[1] + bounds[3]) / 2 };
  }

  // Whenever Dash plots the Kaart (a new page, or a patched figure), paint it.
  function watchPlots() {
    var plotly = window.Plotly;
    if (!plotly || plotly._kkWatched) return;
    ["newPlot", "react"].forEach(function (name) {
      var plot = plotly[name];
      plotly[name] = function (gd, figure) {
        var kaart = Boolean(gd && gd.closest && gd.closest("#kaart"));
        try {
          // dcc.Graph calls react(gd, {data, layout, config}) with its own copy
          if (kaart) fitToSize(gd, figure);
        } catch (err) {
          console.warn("Kernenkaart: kaart niet passend gemaakt", err);
        }
        var result = plot.apply(this, arguments);
        try {
          if (kaart) schedule();
        } catch (err) {
          console.warn("Kernenkaart: kaart niet bijgewerkt", err);
        }
        return result;
      };
    });
    plotly._kkWatched = true;
  }
  // plotly.js is a plain script before this one (app.INDEX): wrap it now.
  skipSameSizeResize();
  watchPlots();

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.kaart = {
    paint: function (overlay, paint) {
      want.overlay = overlay;
      // another page's colours: answers to earlier requests are out of date
      if (paint && want.paint && paint.rev !== want.paint.rev) asked += 1;
      want.paint = merged(want.paint, paint);
      schedule();
      return overlay + " " + (want.paint ? want.paint.rev : "");
    },
    select: function (state) {
      want.selected = (state && state.kern) || null;
      schedule();
      return window.dash_clientside.no_update;
    },
  };
})();
