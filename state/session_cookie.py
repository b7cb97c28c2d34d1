"""The session's cookies as the state reaches them: read from the Cookie header the tab's
connection arrived with, and set or cleared only by the /api/session routes
(storefront/api/session_cookie.py), which the state opens by posting a form from the browser."""

from __future__ import annotations

import json

from starlette.requests import cookie_parser

from state.shop import shop

# Submits a form to one of our API routes (a top-level navigation: its answer may set cookies
# whatever port the API listens on in dev mode).
_POST_FORM = """(() => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = %s;
  for (const [name, value] of Object.entries(%s)) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
})()"""


def post_form(route: str, fields: dict[str, str]) -> str:
    action = shop().settings.api_base_url + route
    return _POST_FORM % (json.dumps(action), json.dumps(fields))


def cookie_value(header: str, name: str) -> str:
    """One cookie's value from a Cookie header ("" when absent), read as the API routes read
    it (Starlette's parser), so both sides agree when a name appears twice."""
    return cookie_parser(header).get(name, "")
