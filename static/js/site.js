// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  function init() {
    // DKFDS's character limit: "Du har N tegn tilbage" as the person types. The limit itself is
    // written in the page already, so without JavaScript it is still stated.
    if (window.DKFDS && window.DKFDS.CharacterLimit) {
      document.querySelectorAll(".form-limit").forEach(function (container) {
        // The texts come from the page (components/field.html), so English reads English; DKFDS's
        // own are Danish only.
        var texts = container.dataset.manyLeft ? {
          character_remaining: container.dataset.oneLeft,
          characters_remaining: container.dataset.manyLeft,
          character_too_many: container.dataset.oneOver,
          characters_too_many: container.dataset.manyOver
        } : undefined;
        new window.DKFDS.CharacterLimit(container, texts).init();
      });
    }
    // The error summary gets focus, so a screen reader reads it first and the keyboard starts
    // there. The server also marks it autofocus; this covers browsers that ignore that on a div.
    var summary = document.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) {
      summary.focus();
    }
    // A link in the error summary moves focus to its field, not only the scroll position.
    document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (target) {
          event.preventDefault();
          target.scrollIntoView({ block: "center" });
          target.focus();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
