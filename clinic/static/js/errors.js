// A page that comes back with errors moves focus (and the screen) to its error summary, so
// a person on a phone or with a screen reader learns at once what to correct.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]") ||
    document.querySelector(".alert--error[role=alert]");
  if (!summary) { return; }
  if (!summary.hasAttribute("tabindex")) { summary.setAttribute("tabindex", "-1"); }
  summary.focus();
});
