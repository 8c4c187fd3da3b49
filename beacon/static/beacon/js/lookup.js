/* "Use my location" on every address form: progressive enhancement only.
   The browser asks the supporter for consent; the coordinates are posted through the
   same form's hidden lat and lon fields, never put in a URL. Without JavaScript or
   geolocation the boxes stay hidden and the address fields do the work. */
(function () {
  "use strict";

  function field(form, name) {
    return form.querySelector("[data-lookup-" + name + "]") ||
      form.querySelector("input[name='" + name + "']");
  }

  function enhance(box) {
    var form = box.closest("form");
    var button = box.querySelector("[data-lookup-locate]");
    var status = box.querySelector("[data-lookup-status]");
    if (!form || !button || !field(form, "lat") || !field(form, "lon")) { return; }
    box.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        field(form, "lat").value = position.coords.latitude.toFixed(6);
        field(form, "lon").value = position.coords.longitude.toFixed(6);
        form.submit();
      }, function () {
        button.disabled = false;
        status.textContent = button.getAttribute("data-denied-text");
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
  }

  function start() {
    if (!("geolocation" in navigator)) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-lookup-location]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
