/* Seizure forms. Loaded with `defer`; the forms work without it (every field stays shown).
   No inline script anywhere: the Content Security Policy forbids it. */
(function () {
  "use strict";

  // A conveyance row shows the identifiers that suit its type (flight for air, container for
  // sea...), plus any identifier already filled in or marked wrong, so nothing typed is hidden.
  // Until a type is chosen only the type is asked for.
  function fitConveyanceRow(row) {
    var select = row.querySelector("select[name$='-type']");
    var type = select ? select.value : "";
    row.querySelectorAll(".conveyance-field").forEach(function (cell) {
      var input = cell.querySelector("[data-conveyance-types]");
      if (!input) {
        return;
      }
      var suits = (input.getAttribute("data-conveyance-types") || "").split(" ");
      var keep = (type && suits.indexOf(type) !== -1) || input.value ||
        input.getAttribute("aria-invalid") === "true";
      cell.hidden = !keep;
    });
  }

  function fitAll(root) {
    (root || document).querySelectorAll(".conveyance-row").forEach(fitConveyanceRow);
  }

  document.addEventListener("change", function (event) {
    var row = event.target.closest && event.target.closest(".conveyance-row");
    if (row && event.target.matches("select[name$='-type']")) {
      fitConveyanceRow(row);
    }
  });
  // New rows arrive through htmx.
  document.addEventListener("htmx:load", function (event) {
    fitAll(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    fitAll(document);
  });
})();
