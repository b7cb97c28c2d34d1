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

from state.session_cookie import submit_statements

FRAME = "boutique-download"
_FRAME = """  let frame = document.getElementsByName(%(frame)s)[0];
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
  }"""


def post_download(route: str, fields: dict[str, str]) -> str:
    """The script posting `fields` to the API `route` into a hidden frame."""
    frame = _FRAME % {"frame": json.dumps(FRAME)}
    submit = submit_statements(route, fields, target=FRAME)
    return f"(() => {{\n{frame}\n{submit}\n  form.remove();\n}})()"
