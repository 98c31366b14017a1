// Every page: on a narrow screen the site's menu folds behind the "Menu" button, and a
// table wider than the screen (it scrolls inside its own box: style.css) can be scrolled
// from the keyboard. Without this script the menu stays open and wraps, so nothing is lost.
"use strict";
(function () {
  const header = document.querySelector("header.site");
  const toggle = document.getElementById("menu-toggle");
  if (header && toggle) {
    header.classList.add("foldable");
    toggle.addEventListener("click", () => {
      const open = header.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  function focusableWhenScrolling() {
    for (const table of document.querySelectorAll("main table")) {
      if (table.scrollWidth > table.clientWidth + 1) {
        table.tabIndex = 0;  // arrow keys scroll it once focused
      } else if (table.tabIndex === 0) {
        table.removeAttribute("tabindex");
      }
    }
  }
  focusableWhenScrolling();
  window.addEventListener("resize", focusableWhenScrolling);
})();
