/* "Use my location" on the Find your legislators page: progressive enhancement only.
   The browser asks the supporter for consent; the coordinates are posted through the
   same form's hidden fields, never put in a URL. */
(function () {
  "use strict";

  function start() {
    var box = document.querySelector("[data-lookup-location]");
    if (!box || !("geolocation" in navigator)) { return; }
    var form = box.closest("form");
    var button = box.querySelector("[data-lookup-locate]");
    var status = box.querySelector("[data-lookup-status]");
    box.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        form.querySelector("[data-lookup-lat]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[data-lookup-lon]").value = position.coords.longitude.toFixed(6);
        form.submit();
      }, function () {
        button.disabled = false;
        status.textContent = button.getAttribute("data-denied-text");
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
