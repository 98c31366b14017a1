// Every page: on a narrow screen the site's menu folds behind the "Menu" button.
// Without this script the menu stays open and wraps (style.css), so nothing is lost.
"use strict";
(function () {
  const header = document.querySelector("header.site");
  const toggle = document.getElementById("menu-toggle");
  if (!header || !toggle) { return; }
  header.classList.add("foldable");
  toggle.addEventListener("click", () => {
    const open = header.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
