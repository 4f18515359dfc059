/* The search page's search box: Pagefind's own interface, loaded from this site's pagefind/
   folder. Both places come from relative links in the page, so the site works under any
   sub-path. Without the index (the live preview, a site opened from disk), a note says so and
   the tracker's filters below stay the way to find a commitment. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) {
    return;
  }
  var unavailable = document.getElementById("search-unavailable");
  if (typeof window.PagefindUI !== "function") {
    if (unavailable) {
      unavailable.hidden = false;
    }
    return;
  }
  new window.PagefindUI({
    element: "#search",
    bundlePath: new URL(box.getAttribute("data-bundle"), document.baseURI).pathname,
    baseUrl: new URL(box.getAttribute("data-base"), document.baseURI).pathname,
    showImages: false,
    showSubResults: true
  });
})();
