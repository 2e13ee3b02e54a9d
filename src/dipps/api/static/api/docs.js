// Starts Swagger UI on the API documentation page (api/docs.html). A file of its own
// because the Content-Security-Policy allows no inline script; the settings come from
// the page's data-settings attribute.
(function () {
  "use strict";
  var holder = document.getElementById("swagger-ui");
  var settings = JSON.parse(holder.dataset.settings);
  settings.dom_id = "#swagger-ui";
  settings.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  window.dippsApiDocs = SwaggerUIBundle(settings);
})();
