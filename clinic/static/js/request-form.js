// The request form on a phone: only the times when the chosen location is open, and the
// insurance fields only when they apply. Without this script every field shows, and the
// server checks the same rules.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[action$='/consultation/']");
  if (!form) { return; }

  var location = form.querySelector("select[name=preferred_location]");
  var times = form.querySelectorAll("input[name=preferred_times][data-open-at]");
  function showTimes() {
    var chosen = location ? location.value : "";
    var known = Array.prototype.some.call(times, function (box) {
      return box.getAttribute("data-open-at").split(" ").indexOf(chosen) !== -1;
    });
    if (!known) { chosen = ""; }  // a location without opening hours set: every time
    times.forEach(function (box) {
      var open = !chosen || box.getAttribute("data-open-at").split(" ").indexOf(chosen) !== -1;
      var label = box.closest("label") || box.parentNode;
      label.hidden = !open;
      if (!open) { box.checked = false; }
    });
  }
  if (location) { location.addEventListener("change", showTimes); }
  showTimes();

  var insurance = document.getElementById("insurance-fields");
  var payments = form.querySelectorAll("input[name=payment]");
  function showInsurance() {
    if (!insurance) { return; }
    var wanted = insurance.getAttribute("data-shown-for-payment").split(" ");
    var chosen = form.querySelector("input[name=payment]:checked");
    insurance.hidden = !chosen || wanted.indexOf(chosen.value) === -1;
  }
  payments.forEach(function (radio) { radio.addEventListener("change", showInsurance); });
  showInsurance();
});
