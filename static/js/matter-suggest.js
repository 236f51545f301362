// The item form suggests the 公开事项 its column and title point at, as the edit page does on the server
// (disclosure/standard_catalogue/selectors.suggest): one of the column's 事项 whose 标题关键词 occur in the title,
// the most found winning, else the column's only 事项. A choice the editor made is never changed.
(function () {
  "use strict";
  var matter = document.getElementById("id_matter");
  var column = document.getElementById("id_column");
  var title = document.getElementById("id_title");
  if (!matter || !column || !title) {
    return;
  }
  var chosenByHand = matter.value !== "";
  var suggested = "";
  matter.addEventListener("change", function () {
    chosenByHand = true;
  });
  function suggest() {
    var ofColumn = Array.prototype.filter.call(matter.options, function (option) {
      return option.value !== "" && option.dataset.column === column.value;
    });
    var best = null;
    var bestScore = 0;
    ofColumn.forEach(function (option) {
      var words = (option.dataset.keywords || "").split("、").filter(Boolean);
      var score = words.filter(function (word) { return title.value.indexOf(word) !== -1; }).length;
      if (score > bestScore) {
        best = option;
        bestScore = score;
      }
    });
    if (!best && ofColumn.length === 1) {
      best = ofColumn[0];
    }
    return best ? best.value : "";
  }
  function update() {
    if (chosenByHand) {
      return;
    }
    var found = suggest();
    if (found !== "" || matter.value === suggested) {
      matter.value = found;
      suggested = found;
    }
  }
  column.addEventListener("change", update);
  title.addEventListener("input", update);
})();
