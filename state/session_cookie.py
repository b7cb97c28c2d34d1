"""The session's cookie is set or cleared only by the /api/session routes
(storefront/api/session_cookie.py), which the state opens by posting a form from the browser
(the state reads it, as every cookie, from its connection's Cookie header: state/cookies.py)."""

from __future__ import annotations

import json

from state.shop import shop

# Builds and submits a form posting `fields` to `action`, its answer loaded in the window
# named `target` ("_self": a top-level navigation, whose answer may set cookies whatever
# port the API listens on in dev mode).
_SUBMIT = """  const form = document.createElement("form");
  form.method = "post";
  form.action = %(action)s;
  form.target = %(target)s;
  for (const [name, value] of Object.entries(%(fields)s)) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();"""


def submit_statements(route: str, fields: dict[str, str], target: str = "_self") -> str:
    """The statements posting `fields` to the API `route` (served by the backend: its own
    origin in dev mode, where pages and API are apart) into the window `target`."""
    return _SUBMIT % {
        "action": json.dumps(shop().settings.api_base_url + route),
        "target": json.dumps(target),
        "fields": json.dumps(fields),
    }


def post_form(route: str, fields: dict[str, str]) -> str:
    """The script leaving the page for the answer of a post of `fields` to `route`."""
    return "(() => {\n" + submit_statements(route, fields) + "\n})()"
