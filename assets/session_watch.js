// A tab opened before the shopper signed in or out in another tab still speaks for the old
// session: the server reads the session cookie from the headers of the tab's connection, and
// only a new page load brings the new one. So an "Add to cart" there went to the guest cart
// the sign-in had just emptied. /api/session and /api/session/end change the
// `boutique_signed` cookie (readable here; the session cookie itself is HttpOnly), and a tab
// that sees it changed since it loaded reloads itself: when it is shown again, or within two
// seconds if it is on screen. Not while the card is being confirmed with the provider.
(() => {
  const read = () => {
    const found = document.cookie.match(/(?:^|;\s*)boutique_signed=([^;]*)/);
    return found ? found[1] : "";
  };
  const seen = read();
  let leaving = false;
  const check = () => {
    if (leaving || document.hidden || read() === seen) return;
    if (window.boutiqueCheckout && window.boutiqueCheckout.confirming) return;
    leaving = true;
    window.location.reload();
  };
  // This tab's own sign-in or sign-out is a navigation already under way.
  window.addEventListener("beforeunload", () => {
    leaving = true;
  });
  window.addEventListener("focus", check);
  document.addEventListener("visibilitychange", check);
  window.setInterval(check, 2000);
})();
