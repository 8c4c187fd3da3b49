/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function formatRemaining(ms, el) {
    if (ms <= 0) { return el.getAttribute("data-ended-text") || ""; }
    var days = Math.floor(ms / 86400000);
    var hours = Math.floor((ms % 86400000) / 3600000);
    var minutes = Math.floor((ms % 3600000) / 60000);
    var template = el.getAttribute("data-template") || "{d} d {h} h {m} min";
    return template.replace("{d}", days).replace("{h}", hours).replace("{m}", minutes);
  }

  function startCountdowns() {
    var nodes = document.querySelectorAll("[data-countdown]");
    if (!nodes.length) { return; }
    function tick() {
      nodes.forEach(function (el) {
        var end = Date.parse(el.getAttribute("data-countdown"));
        if (!isNaN(end)) { el.textContent = formatRemaining(end - Date.now(), el); }
      });
    }
    tick();
    window.setInterval(tick, 30000);
  }

  function startSharing() {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var input = document.getElementById(button.getAttribute("data-copy-target"));
        var status = document.getElementById(button.getAttribute("data-copy-status"));
        if (!input) { return; }
        var done = function () { if (status) { status.textContent = button.getAttribute("data-copied-text"); } };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
        } else { input.select(); document.execCommand("copy"); done(); }
      });
    });
    document.querySelectorAll("[data-share-url]").forEach(function (button) {
      if (!navigator.share) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({
          title: button.getAttribute("data-share-title"),
          text: button.getAttribute("data-share-text"),
          url: button.getAttribute("data-share-url")
        }).catch(function () {});
      });
    });
  }

  // A form that came back with errors: move focus (and the screen) to the list of what to
  // fix, which sits below the campaign's text, out of sight on a phone.
  function focusErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    startCountdowns();
    startSharing();
  });
})();
