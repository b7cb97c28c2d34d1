// The card field of the checkout page, on Stripe.js (or a Stripe.js-compatible script such as
// localstripe's in test mode). Card details go from this page to the payment provider only;
// the shop's server receives the card's reference and, for 3-D Secure, nothing at all.
window.boutiqueCheckout = {
  stripe: null,
  card: null,

  load(url) {
    if (window.Stripe) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = () => reject(new Error("payment script unavailable"));
      document.head.appendChild(script);
    });
  },

  async mount(key, url) {
    try {
      await this.load(url);
    } catch (error) {
      return { error: String(error.message || error) };
    }
    const target = document.getElementById("card-element");
    if (!target) return { error: "no card field" };
    if (target.dataset.mounted === "1") return { ok: true };
    this.stripe = window.Stripe(key);
    this.card = this.stripe.elements().create("card");
    this.card.mount(target);
    target.dataset.mounted = "1";
    return { ok: true };
  },

  // Both steps always answer, with a card or an error: the shop waits for that answer with
  // Pay busy, so a throw or an answer without a token (localstripe's, for an empty card
  // field) left the page "Paying..." for good.
  async tokenize() {
    if (!this.stripe || !this.card) return { error: "The card field is not ready." };
    try {
      const result = await this.stripe.createToken(this.card);
      const card = result && result.token && result.token.card;
      if (card && card.id) return { card: card.id };
      return { error: (result && result.error && result.error.message) || "card refused" };
    } catch (error) {
      return { error: String((error && error.message) || error) };
    }
  },

  confirming: false, // the bank's check is on screen: session_watch.js does not reload

  async authenticate(clientSecret) {
    this.confirming = true;
    try {
      const result = await this.stripe.confirmCardPayment(clientSecret);
      if (result && result.error) return { error: result.error.message || "authentication failed" };
      return { ok: true };
    } catch (error) {
      return { error: String((error && error.message) || error) };
    } finally {
      this.confirming = false;
    }
  },
};
