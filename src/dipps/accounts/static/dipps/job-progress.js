// The job page: ask the job's status every second and move the progress bar; when the job
// has finished, load the page again, which then shows the result or the error. Without
// script, the page reloads itself instead (a <meta refresh> inside <noscript>).
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-status-url");
  var every = parseInt(box.getAttribute("data-poll-ms"), 10) || 1000;
  var bar = box.querySelector("[data-job=bar]");
  var text = box.querySelector("[data-job=text]");
  var badge = box.querySelector("[data-job=status]");
  var lang = document.documentElement.lang || "sv";
  var number = new Intl.NumberFormat(lang);
  var of = lang === "sv" ? " av " : " of ";

  function show(s) {
    badge.textContent = s.status_label.charAt(0).toUpperCase() + s.status_label.slice(1);
    if (s.total > 0) {
      bar.max = s.total;
      bar.value = s.done;
      bar.textContent = s.percent + " %";
      text.textContent = number.format(s.done) + of + number.format(s.total) +
        " (" + s.percent + " %)" + (s.message ? " · " + s.message : "");
    } else if (s.message) {
      text.textContent = s.message;
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (s) {
        if (s.finished) {
          window.location.reload();
          return;
        }
        show(s);
        window.setTimeout(poll, every);
      })
      .catch(function () {
        window.setTimeout(poll, every * 5);
      });
  }
  window.setTimeout(poll, every);
})();
