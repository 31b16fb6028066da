// Chair board: reload every minute so time left stays true, unless the person pauses it
// (WCAG 2.2.1: a time limit the user can turn off). The choice lasts for the browser tab.
(function () {
  "use strict";
  var button = document.getElementById("board-refresh");
  if (!button) { return; }
  var paused = window.sessionStorage.getItem("board-paused") === "1";
  var timer = null;
  function show() {
    button.textContent = paused ? "Resume updating every minute" : "Pause updating";
    button.setAttribute("aria-pressed", paused ? "true" : "false");
  }
  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    if (!paused) { timer = window.setTimeout(function () { window.location.reload(); }, 60000); }
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    paused = !paused;
    window.sessionStorage.setItem("board-paused", paused ? "1" : "0");
    show();
    schedule();
  });
  show();
  schedule();
})();
