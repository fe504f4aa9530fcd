/* Search page: Pagefind UI over HTTP; Sphinx's own index when opened from file://. */
(function () {
  "use strict";
  var me = document.currentScript;
  var query = new URLSearchParams(window.location.search).get("q") || "";

  function sphinxFallback() {
    // Script tags load from file:// where fetch() (used by Pagefind) cannot.
    var sources = (me.dataset.sphinxScripts || "").split(" ").filter(Boolean);
    (function next() {
      var src = sources.shift();
      if (!src) return;
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = next;
      document.body.appendChild(tag);
    })();
  }

  if (window.location.protocol === "file:" || typeof PagefindUI === "undefined") {
    sphinxFallback();
    return;
  }
  var root = document.documentElement.dataset.content_root || "./";
  var ui = new PagefindUI({
    element: "#cd-search",
    baseUrl: new URL(root, window.location.href).pathname,
    showImages: false,
    showSubResults: true,
    autofocus: !query,
  });
  if (query) ui.triggerSearch(query);
})();
