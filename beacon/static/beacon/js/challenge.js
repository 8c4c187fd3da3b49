/* Solves Beacon's proof-of-work challenge (ALTCHA v1 format) before the form is sent
   again: find n in [0, maxnumber] with SHA-256(salt + n) == challenge. Runs in pages
   past a per-client limit only; nothing leaves this site. */
(function () {
  "use strict";
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  async function solve(challenge) {
    var encoder = new TextEncoder();
    for (var n = 0; n <= challenge.maxnumber; n++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) { return n; }
    }
    return null;
  }
  document.querySelectorAll("form[data-challenge]").forEach(function (form) {
    var field = form.querySelector("input[name=altcha]");
    var status = form.querySelector(".challenge-status");
    form.addEventListener("submit", function (event) {
      if (field.value) { return; }
      event.preventDefault();
      var challenge = JSON.parse(form.getAttribute("data-challenge"));
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      status.textContent = status.getAttribute("data-working-text");
      var started = Date.now();
      solve(challenge).then(function (number) {
        if (number === null) {
          status.textContent = status.getAttribute("data-failed-text");
          button.disabled = false;
          return;
        }
        field.value = btoa(JSON.stringify({
          algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
          salt: challenge.salt, signature: challenge.signature, took: Date.now() - started
        }));
        form.submit();
      });
    });
  });
})();
