/* Search page: Pagefind UI over HTTP; Sphinx's own index when opened from file://. */
(function () {
  "use strict";
  var me = document.currentScript;
  var query = new URLSearchParams(window.location.search).get("q") || "";

  // Sphinx indexes Japanese text cut into words (気候 / 変動) but splits a query only at
  // spaces and punctuation, so a compound such as 気候変動 would match nothing. Cut CJK
  // runs of the query greedily into the longest words the index knows.
  var CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
  function knownWord(word) {
    // searchtools.js declares `const Search`: a global binding, not a window property.
    var index = typeof Search === "undefined" ? null : Search._index;
    return !!index && (word in index.terms || word in index.titleterms);
  }
  function segment(part) {
    if (!CJK.test(part) || knownWord(part)) return [part];
    var words = [];
    for (var start = 0; start < part.length; ) {
      var end = part.length;
      while (end > start + 1 && !knownWord(part.slice(start, end))) end--;
      if (knownWord(part.slice(start, end))) words.push(part.slice(start, end));
      start = end;
    }
    return words.length ? words : [part];
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
