// A tab opened before the shopper signed in or out in another tab still speaks for the old
// session: the server reads the session cookie from the headers of the tab's connection, and
// only a new page load brings the new one. So an "Add to cart" there went to the guest cart
// the sign-in had just emptied. /api/session and /api/session/end change the
// `boutique_signed` cookie (readable here; the session cookie itself is HttpOnly), and a tab
// that sees it changed since it loaded reloads itself: when it is shown again, or within two
// seconds if it is on screen. A tab where something was typed in a form is not reloaded (that
// would lose it): it says what happened and offers the reload. Nor is a tab reloaded while
// the card is being confirmed with the provider. `window.Element`, not `Element`: the demo's
// fake Stripe.js declares a global class of that name, which shadowed the DOM's on checkout,
// so nothing typed there counted and the tab reloaded over it (QA).
(() => {
  const read = () => {
    const found = document.cookie.match(/(?:^|;\s*)boutique_signed=([^;]*)/);
    return found ? found[1] : "";
  };
  const seen = read();
  let leaving = false;
  let typed = false;
  let told = false;

  document.addEventListener(
    "input",
    (event) => {
      const field = event.target;
      if (field instanceof window.Element && field.closest("form") && field.type !== "search") {
        typed = true;
      }
    },
    true,
  );

  const tell = () => {
    told = true;
    const french = (document.querySelector("[lang]") || document.documentElement).lang === "fr";
    const note = document.createElement("div");
    note.setAttribute("role", "alert");
    note.className = "session-changed";
    note.dataset.testid = "session-changed";
    note.append(
      french
        ? "Vous vous êtes connecté ou déconnecté dans un autre onglet\u202f: cette page ne le sait pas encore. "
        : "You signed in or out in another tab: this page does not know it yet. ",
    );
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = french ? "Recharger la page" : "Reload the page";
    reload.addEventListener("click", () => window.location.reload());
    note.append(reload);
    document.body.prepend(note);
  };

  const check = () => {
    if (leaving || told || document.hidden || read() === seen) return;
    if (window.boutiqueCheckout && window.boutiqueCheckout.confirming) return;
    if (typed) {
      tell();
      return;
    }
    leaving = true;
    window.location.reload();
  };
  // This tab's own sign-in or sign-out is a navigation already under way; a tab still here
  // a while later (a download, a cancelled navigation) or shown again from the back-forward
  // cache watches again.
  window.addEventListener("beforeunload", () => {
    leaving = true;
    window.setTimeout(() => {
      leaving = false;
    }, 10000);
  });
  window.addEventListener("pageshow", () => {
    leaving = false;
  });
  window.addEventListener("focus", check);
  document.addEventListener("visibilitychange", check);
  window.setInterval(check, 2000);
})();
