// Keyboard behaviour the ARIA patterns ask for, where the page's components alone fall short.
(() => {
  // Option pickers drawn as buttons (size, colour; components/variant_picker.py) behave as
  // one radio group: Tab enters the group at its chosen value and leaves it (only that value
  // is a Tab stop, by its tabindex); the arrow keys, Home and End move to a value and choose it.
  // So does the checkout's delivery choice (a Radix radio group, components/checkout_form.py):
  // handled here first, Radix leaves the key alone (it skips a key whose default is prevented).
  const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  const radioKey = (event) => {
    const radio = event.target.closest('[role="radio"]');
    const group = radio && radio.closest('[role="radiogroup"][data-arrow-keys]');
    if (!group) return;
    const radios = [...group.querySelectorAll('[role="radio"]')];
    const at = radios.indexOf(radio);
    let next;
    if (event.key in moves) next = (at + moves[event.key] + radios.length) % radios.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = radios.length - 1;
    else return;
    event.preventDefault();
    radios[next].focus();
    radios[next].click();
  };

  // Filter options are links drawn as checkboxes (role="checkbox", components/facets.py):
  // Space toggles one as it does a checkbox (a link alone would scroll the page), on the
  // key's release as native checkboxes do; Enter follows the link as ever.
  const checkboxLinkKey = (event) => {
    if (event.key !== " ") return;
    const link = event.target.closest('a[role="checkbox"][href]');
    if (!link) return;
    event.preventDefault();
    if (event.type === "keyup") link.click();
  };

  // Escape in the header search while its results are open closes them and keeps the words:
  // the browser's own Escape in a search field would clear them too
  // (components/search_box.py closes the results on the same key).
  const comboboxKey = (event) => {
    const box = event.target.closest('[role="combobox"][aria-expanded="true"]');
    if (box && event.key === "Escape") event.preventDefault();
  };

  // Escape inside an inline confirmation (data-escape-presses: the id of its "keep" or "back"
  // button, components/order_cancel.py and order_withdrawal.py) presses that button, as Escape
  // closes a dialog: the page then moves the focus where that button's press puts it.
  const dismissKey = (event) => {
    // An Escape that ends an input method's composition (Japanese, Chinese...) is not for us.
    if (event.key !== "Escape" || event.isComposing) return;
    const box = event.target.closest("[data-escape-presses]");
    const button = box && document.getElementById(box.dataset.escapePresses);
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  };

  // Captured on the document: it runs before React's own handler, which still runs.
  document.addEventListener(
    "keydown",
    (event) => {
      if (!(event.target instanceof window.Element)) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      radioKey(event);
      comboboxKey(event);
      checkboxLinkKey(event);
      dismissKey(event);
    },
    true,
  );
  document.addEventListener(
    "keyup",
    (event) => {
      if (!(event.target instanceof window.Element)) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      checkboxLinkKey(event);
    },
    true,
  );
})();
