/* Search page: Pagefind UI over HTTP; Sphinx's own index when opened from file://. */
(function () {
  "use strict";
  var me = document.currentScript;
  var query = new URLSearchParams(window.location.search).get("q") || "";

  // Sphinx's index of the Japanese build holds CJK text as overlapping bigrams (気候変動 ->
  // 気候 候変 変動; city_diplomacy.sphinxext.search_ja): cut the query the same way, so a
  // compound matches the pages that contain it. Latin words stay whole.
  var CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff";
  var RUN = new RegExp("[" + CJK + "]+|[^" + CJK + "]+", "g");
  var IS_CJK = new RegExp("^[" + CJK + "]");
  function segment(part) {
    var words = [];
    (part.match(RUN) || []).forEach(function (run) {
      if (!IS_CJK.test(run) || run.length < 3) {
        words.push(run);
        return;
      }
      for (var i = 0; i + 2 <= run.length; i++) words.push(run.slice(i, i + 2));
    });
    return words;
  }
  window.splitQuery = function (query) {
    var words = [];
    query.split(/[^\p{Letter}\p{Number}_]+/u).forEach(function (part) {
      if (part) words = words.concat(segment(part));
    });
    return words;
  };

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
