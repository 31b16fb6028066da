// The session chart at the chair. Nothing typed is lost:
// - every form with data-draft keeps what is typed in this tab's storage, so a refresh or a
//   failed send puts it back; it is cleared only once the server has saved it;
// - forms are sent in the background: if the server cannot be reached the form says so
//   plainly and keeps the entry, to be sent again (its key makes a second send harmless);
//   once saved, the server names the page to open; any other answer (a refusal, a sign-in)
//   is fetched again by sending the form the ordinary way, so the page shows it.
// Drafts live in this tab only (sessionStorage), go when the tab closes, and are cleared at
// sign-out. The clock since the dose started counts up without reloading the page.
(function () {
  "use strict";
  var store = window.sessionStorage;
  var page = window.location.pathname;

  function draftKey(form) { return "draft:" + page + ":" + form.getAttribute("data-draft"); }

  function save(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "step") { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { (values[el.name] = values[el.name] || []).push(el.value); }
      } else if (el.type !== "submit" && el.type !== "button") {
        values[el.name] = [el.value];
      }
    });
    try { store.setItem(draftKey(form), JSON.stringify(values)); } catch (e) { /* full: skip */ }
  }

  function restore(form) {
    var raw = store.getItem(draftKey(form));
    if (!raw) { return; }
    var values;
    try { values = JSON.parse(raw); } catch (e) { return; }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in values)) { return; }
      var wanted = values[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = wanted.indexOf(el.value) !== -1;
      } else if (el.type !== "submit" && el.type !== "button") {
        el.value = wanted[0];
      }
    });
    var state = form.querySelector(".save-state");
    if (state) { state.textContent = "Restored what was typed before; not saved yet."; }
  }

  function say(form, text, bad) {
    var state = form.querySelector(".save-state");
    if (!state) { return; }
    state.textContent = text;
    state.classList.toggle("save-state--bad", !!bad);
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-chair-form]"), function (form) {
    var drafted = form.hasAttribute("data-draft");
    // A page showing the server's refusal already holds what was sent: keep it, not the draft.
    if (drafted && !form.querySelector(".field--invalid") && !document.getElementById("form-errors")) {
      restore(form);
    }
    if (drafted) {
      form.addEventListener("input", function () { save(form); });
      form.addEventListener("change", function () { save(form); });
    }
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sending") === "native") { return; }
      event.preventDefault();
      if (drafted) { save(form); }
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      say(form, "Saving…", false);
      window.fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Chair-Form": "1" }
      }).then(function (response) {
        var next = response.headers.get("X-Next");
        if (response.status === 204 && next) {
          if (drafted) { store.removeItem(draftKey(form)); }
          window.location.assign(next);
          if (next.split("#")[0] === window.location.pathname) { window.location.reload(); }
          return;
        }
        // Refused or invalid: nothing was stored. Send it the ordinary way so the page shows
        // the server's answer with what was typed.
        form.setAttribute("data-sending", "native");
        form.submit();
      }).catch(function () {
        if (button) { button.disabled = false; }
        say(form, "Not saved: the clinic's server cannot be reached. What you typed is kept " +
          "here. Press the button again when the connection is back.", true);
      });
    });
  });

  var clock = document.querySelector("[data-started]");
  if (clock && clock.getAttribute("data-running")) {
    var started = Number(clock.getAttribute("data-started"));
    var shown = clock.querySelector("[data-minutes]");
    window.setInterval(function () {
      shown.textContent = String(Math.max(0, Math.floor((Date.now() - started) / 60000)));
    }, 15000);
  }

  // Signing out leaves nothing typed behind in this tab.
  Array.prototype.forEach.call(document.querySelectorAll("form[action*='logout']"), function (out) {
    out.addEventListener("submit", function () {
      for (var i = store.length - 1; i >= 0; i -= 1) {
        var name = store.key(i);
        if (name && name.indexOf("draft:") === 0) { store.removeItem(name); }
      }
    });
  });

  var printer = document.querySelector("[data-print]");
  if (printer) { printer.addEventListener("click", function () { window.print(); }); }
})();
