// Letopis: the only script of the site. It never inserts markup: it toggles classes and scrolls.
(function () {
  "use strict";

  function evidenceOf(token) {
    var out = [];
    document.querySelectorAll("#article [data-f]").forEach(function (el) {
      if (el.dataset.f.split(" ").indexOf(token) !== -1) out.push(el);
    });
    return out;
  }

  function flash(els) {
    els.forEach(function (el) {
      el.classList.remove("flash");
      void el.offsetWidth; // restart the animation
      el.classList.add("flash");
    });
    window.setTimeout(function () {
      els.forEach(function (el) { el.classList.remove("flash"); });
    }, 2200);
  }

  function show(token, button) {
    var els = evidenceOf(token);
    if (!els.length) return;
    document.querySelectorAll(".fact.active").forEach(function (b) { b.classList.remove("active"); });
    if (button) button.classList.add("active");
    els[0].scrollIntoView({ behavior: "smooth", block: "center" });
    flash(els);
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target.closest ? ev.target.closest(".fact[data-token]") : null;
    if (button) {
      show(button.dataset.token, button);
      return;
    }
    // A click on highlighted text reveals its facts in the side list.
    var span = ev.target.closest ? ev.target.closest("#article [data-f]") : null;
    if (!span) return;
    document.querySelectorAll(".fact.active").forEach(function (b) { b.classList.remove("active"); });
    var first = null;
    span.dataset.f.split(" ").forEach(function (token) {
      document.querySelectorAll('.fact[data-token="' + CSS.escape(token) + '"]').forEach(function (b) {
        b.classList.add("active");
        var group = b.closest("details");
        if (group) group.open = true;
        if (!first) first = b;
      });
    });
    if (first && window.matchMedia("(min-width: 900px)").matches) {
      first.scrollIntoView({ behavior: "smooth", block: "nearest" });
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var target = document.querySelectorAll("#article .k-target");
    if (target.length) {
      target[0].scrollIntoView({ block: "center" });
      flash(Array.prototype.slice.call(target));
    }
  });
})();
