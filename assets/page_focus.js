// A page opened by a link inside the shop (no page load: the app draws the new page in place)
// left the focus on the page's body, and a screen reader said nothing of the new page (QA). As
// a page load would, the focus goes to the new page's h1, which is read out. Only while the
// focus is on the body, or still on the link that was followed (one that stays, in the header
// or the breadcrumbs: QA): a page that puts the focus somewhere itself (a form's first field,
// the note of an action), or a reader who moved on, keeps it. Not before the new page's state has
// loaded (<main data-ready>, components/layout.py): a listing keeps its h1 element from one
// category to the next, and its words change only then; nor, when the h1 is still the one of
// the page before, until the address has been the new one for a moment.
(() => {
  const TRIES = 30; // every 100 ms: the new page has three seconds to draw its title
  let run = 0;

  const focusTitle = () => {
    const mine = ++run;
    const before = document.querySelector("h1");
    const followed = document.activeElement?.closest?.("a") ?? null;
    const page = location.pathname; // its parameters may change meanwhile (?sku= of a product)
    let tries = 0;
    const look = () => {
      if (mine !== run || location.pathname !== page || ++tries > TRIES) return;
      const title = document.querySelector("h1");
      const at = document.activeElement;
      const body = !at || at === document.body || (followed !== null && at === followed);
      const loading = document.querySelector('main[data-ready="false"]');
      if (body && title && !loading && (title !== before || tries > 3)) {
        if (!title.hasAttribute("tabindex")) title.setAttribute("tabindex", "-1");
        title.focus({ preventScroll: true });
        return;
      }
      setTimeout(look, 100);
    };
    setTimeout(look, 100);
  };

  // Another page, not the same one with other parameters (a filter, a sort): those keep
  // the focus on what the reader used.
  let path = location.pathname;
  const moved = () => {
    const changed = location.pathname !== path;
    path = location.pathname;
    if (changed) focusTitle();
  };
  for (const name of ["pushState", "replaceState"]) {
    const original = history[name];
    history[name] = function () {
      const result = original.apply(this, arguments);
      moved();
      return result;
    };
  }
  window.addEventListener("popstate", moved);
})();
