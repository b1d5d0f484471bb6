/* OpenCEN page behaviour. Loaded with `defer`; pages work without it. Never put JavaScript
   inline in templates (no <script> blocks, no on* attributes): the Content Security Policy
   forbids it. */
(function () {
  "use strict";

  // After a form is sent back with errors, move keyboard focus to the first wrong field so
  // that keyboard and screen-reader users land where the work is.
  function focusFirstError() {
    var field = document.querySelector(
      "form [aria-invalid='true'], form .is-invalid"
    );
    if (field && typeof field.focus === "function") {
      field.focus();
    }
  }

  // The skip link targets <main>; make sure focus really moves there in every browser.
  function wireSkipLink() {
    var link = document.querySelector(".skip-link");
    var main = document.getElementById("main");
    if (!link || !main) {
      return;
    }
    link.addEventListener("click", function () {
      main.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusFirstError();
    wireSkipLink();
  });
})();
