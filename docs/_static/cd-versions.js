/* Version menu: links to this page in every version of this language, read from the
   manifest <site root>/versions.js (window.cityDiplomacyVersions; a plain script, so it
   works from file:// too). A version that lacks this page gets a link to its home page. */
(function () {
  "use strict";
  var nav = document.querySelector(".cd-version-switcher");
  var data = window.cityDiplomacyVersions;
  if (!nav || !data || !data.trees || !data.versions) {
    return;
  }
  var language = nav.getAttribute("data-cd-language");
  var current = nav.getAttribute("data-cd-version");
  var page = nav.getAttribute("data-cd-page");
  var root = nav.getAttribute("data-cd-root");
  var trees = data.trees[language] || {};
  var list = document.createElement("ul");
  data.versions.forEach(function (version) {
    var tree = trees[version];
    if (!tree) {
      return;
    }
    var item = document.createElement("li");
    var entry;
    if (version === current) {
      entry = document.createElement("span");
      entry.setAttribute("aria-current", "page");
    } else {
      entry = document.createElement("a");
      var target = tree.pages.indexOf(page) >= 0 ? page : "index.html";
      entry.href = root + tree.path + target;
    }
    entry.setAttribute("data-cd-version", version);
    entry.textContent = version;
    item.appendChild(entry);
    list.appendChild(item);
  });
  if (list.children.length > 1) {
    var shown = nav.querySelector(".cd-version-current");
    if (shown) {
      shown.hidden = true;
    }
    nav.appendChild(list);
  }
})();
