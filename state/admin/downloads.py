"""An audited download handed to the browser: the admin action that wrote the audit entry
returns this script, which posts the download's single-use ticket to its API route
(services/admin/download_tickets.py).

The form is posted into a hidden frame, not the page: a top-level post would start the
page's unloading, on which Reflex closes the event socket for good (the page then answered
nothing more), even though the answer, an attachment, leaves the page in place. A download
loads no document into the frame: a document loaded there is the route's refusal (a ticket
expired, a session ended), read out to the merchant."""

from __future__ import annotations

import json

from state.shop import shop

FRAME = "boutique-download"
_POST_INTO_FRAME = """(() => {
  let frame = document.getElementsByName(%(frame)s)[0];
  if (!frame) {
    frame = document.createElement("iframe");
    frame.name = %(frame)s;
    frame.title = %(frame)s;
    frame.hidden = true;
    frame.addEventListener("load", () => {
      let said = "";
      try { said = frame.contentDocument?.body?.innerText || ""; } catch (e) {}
      if (said) window.alert(said);
    });
    document.body.appendChild(frame);
  }
  const form = document.createElement("form");
  form.method = "post";
  form.action = %(action)s;
  form.target = %(frame)s;
  for (const [name, value] of Object.entries(%(fields)s)) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
  form.remove();
})()"""


def post_download(route: str, fields: dict[str, str]) -> str:
    """The script posting `fields` to the API `route` into a hidden frame."""
    return _POST_INTO_FRAME % {
        "frame": json.dumps(FRAME),
        # Served by the backend: its own origin in dev mode, where pages and API are apart.
        "action": json.dumps(shop().settings.api_base_url + route),
        "fields": json.dumps(fields),
    }
