// The reply screen shows only the fields the chosen outcome needs. Without this script every field shows;
// a field that holds a value or an error always shows.
(function () {
  "use strict";
  var outcome = document.getElementById("id_outcome");
  if (!outcome) {
    return;
  }
  var needs = {
    ground: /^(withheld_|not_processed_)/,
    withheld_parts: /^partially_disclosed$/,
    not_held_ground: /^unavailable_not_held$/,
    responsible_agency: /^unavailable_not_held$/,
    public_interest_reason: /^(partially_)?disclosed$/
  };
  function update() {
    Object.keys(needs).forEach(function (name) {
      var input = document.getElementById("id_" + name);
      if (!input) {
        return;
      }
      var field = input.closest(".field");
      var keep = input.value.trim() !== "" || field.classList.contains("field--error");
      field.hidden = !(keep || needs[name].test(outcome.value));
    });
  }
  outcome.addEventListener("change", update);
  update();
})();
