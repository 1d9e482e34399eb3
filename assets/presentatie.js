// Presentation mode of the Kaart: keyboard shortcuts for a projector or clicker.
// ArrowRight/PageDown: next overlay, ArrowLeft/PageUp: previous, Escape: leave.
// Clicks the overlay radio or the toggle button, so the app's own callbacks do
// the work. Never fires while focus is in a form control.
(function () {
  function inForm(target) {
    if (!target || !target.closest) { return false; }
    return Boolean(target.closest("input, select, textarea, [contenteditable]"));
  }
  function stepOverlay(delta) {
    var radios = Array.prototype.slice.call(
      document.querySelectorAll("#overlay-kiezer input[type=radio]"));
    if (!radios.length) { return false; }
    var current = radios.findIndex(function (r) { return r.checked; });
    var next = (current + delta + radios.length) % radios.length;
    radios[next].click();
    return true;
  }
  document.addEventListener("keydown", function (event) {
    var page = document.querySelector(".kaart-pagina.presentatie");
    if (!page || event.altKey || event.ctrlKey || event.metaKey || inForm(event.target)) {
      return;
    }
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown") {
      if (stepOverlay(1)) { event.preventDefault(); }
    } else if (key === "ArrowLeft" || key === "PageUp") {
      if (stepOverlay(-1)) { event.preventDefault(); }
    } else if (key === "Escape") {
      var toggle = document.getElementById("presentatie-knop");
      if (toggle) { toggle.click(); event.preventDefault(); }
    }
  });
})();
