/*
 * Scrolling tables that a keyboard can reach (WCAG 2.1.1, 4.1.2; axe's
 * scrollable-region-focusable).
 *
 * A table wider than its column scrolls inside its `.table-wrap`. Only a focusable
 * wrapper can be scrolled with the arrow keys, and a focused wrapper needs a role
 * and a name that a screen reader announces. Whether a table scrolls depends on the
 * screen, so this is decided here and again whenever the wrapper changes size:
 * a wrapper that scrolls gets tabindex="0", role="region" and aria-labelledby
 * naming the table's caption, or else the nearest heading before it; one that no
 * longer scrolls loses them, so that it adds no stop to the tab order. A wrapper
 * that a template has made a region itself (it has a role) is left alone.
 */
(function () {
  "use strict";
  var HEADING = /^H[1-6]$/;
  var made = 0;

  function idOf(element) {
    if (!element.id) {
      made += 1;
      element.id = "region-name-" + made;
    }
    return element.id;
  }

  function lastHeadingIn(element) {
    if (HEADING.test(element.tagName)) {
      return element;
    }
    var headings = element.querySelectorAll("h1, h2, h3, h4, h5, h6");
    return headings.length ? headings[headings.length - 1] : null;
  }

  function headingBefore(wrap) {
    for (var node = wrap; node && node !== document.body; node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        var heading = lastHeadingIn(before);
        if (heading && heading.textContent.trim()) {
          return heading;
        }
      }
    }
    return null;
  }

  function nameOf(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption;
    }
    return headingBefore(wrap) || document.querySelector("h1");
  }

  function update(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth;
    if (scrolls && !wrap.hasAttribute("data-region")) {
      var name = nameOf(wrap);
      wrap.setAttribute("data-region", "");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (name) {
        wrap.setAttribute("aria-labelledby", idOf(name));
      }
    } else if (!scrolls && wrap.hasAttribute("data-region")) {
      ["data-region", "tabindex", "role", "aria-labelledby"].forEach(function (attribute) {
        wrap.removeAttribute(attribute);
      });
    }
  }

  function start() {
    var wraps = Array.prototype.filter.call(
      document.querySelectorAll(".table-wrap"),
      function (wrap) {
        return !wrap.hasAttribute("role");
      }
    );
    wraps.forEach(update);
    // Both the wrapper and what it holds: the wrapper changes size with the window, the
    // table with its content (an image that loads late, a wider font).
    if ("ResizeObserver" in window) {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          update(entry.target.closest(".table-wrap"));
        });
      });
      wraps.forEach(function (wrap) {
        observer.observe(wrap);
        Array.prototype.forEach.call(wrap.children, function (child) {
          observer.observe(child);
        });
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
