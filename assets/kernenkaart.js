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
