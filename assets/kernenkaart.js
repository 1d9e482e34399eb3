// When the optional PDOK background is on but its tiles cannot be loaded
// (offline), MapLibre reports tile errors and Plotly rejects its map promise
// with "Map error.". That is expected and harmless: the kernen stay on the map.
// Only in that case the rejection is handled here; any other map error still
// surfaces as an error.
window.addEventListener("unhandledrejection", function (event) {
  var reason = event.reason;
  var pdok = document.querySelector("#achtergrond-keuze input:checked");
  if (pdok && reason && reason.message === "Map error.") {
    event.preventDefault();
    console.warn("Kernenkaart: achtergrondkaart PDOK niet bereikbaar (geen internet?).");
  }
});

// The first layout comes with the screen of the page URL in it, taken from the
// Referer of its request (callbacks/router.py initial_layout), so no callback
// runs on load. Should the Referer differ from the address bar (a proxy or a
// browser that trims it), the URL is set here and the router renders the
// screen of the address bar.
(function () {
  var tries = 0;
  var timer = setInterval(function () {
    var node = null;
    try {
      var api = window.dash_component_api;
      node = api && api.getLayout ? api.getLayout("url") : null; // layouts/ids.py URL
    } catch (err) {
      node = null; // the layout is not there yet
    }
    if (!node) {
      if (++tries > 400) clearInterval(timer);
      return;
    }
    var shown = node.props || {};
    var here = { pathname: window.location.pathname, search: window.location.search };
    var bare = shown.pathname === undefined || shown.pathname === null;
    if (!bare && (shown.pathname !== here.pathname || (shown.search || "") !== here.search)) {
      try {
        window.dash_clientside.set_props("url", here);
      } catch (err) {
        // the layout is there before Dash has indexed it ("reading 'url'"):
        // try again on the next tick
        if (++tries > 400) clearInterval(timer);
        return;
      }
    }
    clearInterval(timer);
  }, 50);
})();

// The server re-renders the table under the map after a kern is picked or a
// column sorted, which replaces its buttons, so the focus would fall back to
// the page and a keyboard user would start again at the top. Put it back on
// the new button that does the same (same title: "Kies <kern> op de kaart",
// "Sorteer op <kolom>"). The same for the Vergelijk button, whose page is
// drawn anew with the comparison under it.
(function () {
  var FOCUS_KEPT = "#kern-tabel button[title], #vergelijk-knop[title]";
  var wanted = null;
  document.addEventListener(
    "click",
    function (event) {
      var button = event.target.closest && event.target.closest(FOCUS_KEPT);
      wanted = button ? button.getAttribute("title") : null;
    },
    true
  );
  new MutationObserver(function () {
    if (!wanted) return;
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    var buttons = document.querySelectorAll(FOCUS_KEPT);
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].getAttribute("title") === wanted) {
        wanted = null;
        buttons[i].focus();
        return;
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})();

// Every screen is one page for the browser: name it after the screen's
// heading ("Kernprofiel Beesd - Kernenkaart"), so tabs, history and screen
// readers tell the screens apart (WCAG 2.4.2). A new screen comes with a new
// URL (dcc.Location pushes it, Back pops it): for 3 s after each, the heading
// is looked up every 100 ms; on load, until the first heading is there.
// (The focus keeper's observer above sees added and removed nodes only, and
// React may keep a heading and change just its text, so the title follows
// the URL rather than that observer.)
(function () {
  function name() {
    var h1 = document.querySelector("#pagina h1"); // layouts/ids.py PAGE
    var text = h1 ? h1.textContent.trim() : "";
    var title = text ? text + " - Kernenkaart" : "Kernenkaart";
    if (document.title !== title) document.title = title;
    return Boolean(h1);
  }
  var timer = null;
  function follow(first) {
    var ticks = 0;
    clearInterval(timer);
    timer = setInterval(function () {
      var found = name();
      if ((first && found) || ++ticks >= (first ? 600 : 30)) clearInterval(timer);
    }, 100);
  }
  ["pushState", "replaceState"].forEach(function (method) {
    var original = history[method];
    history[method] = function () {
      var result = original.apply(this, arguments);
      follow(false);
      return result;
    };
  });
  window.addEventListener("popstate", function () {
    follow(false);
  });
  follow(true);
})();
