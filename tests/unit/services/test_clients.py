"""The client a request comes from: the socket's peer, or behind proxies X-Forwarded-For."""

from __future__ import annotations

import pytest

from storefront.services.clients import client_address, client_key

PEER = "10.0.0.5"  # the proxy in front, or the client itself


def test_without_trusted_proxies_the_header_is_ignored_whatever_it_says() -> None:
    """A client connecting directly writes what it likes in X-Forwarded-For: a new address
    per attempt would make each one a new client."""
    headers = {"x-forwarded-for": "198.51.100.7, 203.0.113.9"}
    assert client_address(headers, PEER, 0) == PEER
    assert client_address({}, PEER, 0) == PEER


def test_behind_one_proxy_the_client_is_the_last_entry() -> None:
    # The client sent "1.2.3.4" itself; the proxy appended the address it saw.
    headers = {"x-forwarded-for": "1.2.3.4, 203.0.113.9"}
    assert client_address(headers, PEER, 1) == "203.0.113.9"
    assert client_address({"x-forwarded-for": "203.0.113.9"}, PEER, 1) == "203.0.113.9"


def test_an_ipv4_client_a_dual_stack_proxy_wrote_as_ipv6_is_its_ipv4_address() -> None:
    headers = {"x-forwarded-for": "[::ffff:203.0.113.9]:4711"}
    assert client_address(headers, PEER, 1) == "203.0.113.9"


def test_behind_two_proxies_the_client_is_the_second_entry_from_the_right() -> None:
    headers = {"x-forwarded-for": "1.2.3.4, 203.0.113.9, 10.0.0.2"}
    assert client_address(headers, PEER, 2) == "203.0.113.9"


def test_repeated_headers_and_any_spelling_of_the_name_are_one_list() -> None:
    headers = {"X-Forwarded-For": "1.2.3.4", "x-forwarded-for": "203.0.113.9"}
    assert client_address(headers, PEER, 1) == "203.0.113.9"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("203.0.113.9:4711", "203.0.113.9"),  # with the port the proxy saw
        ("[2001:db8::7]:4711", "2001:db8::7"),
        ("[2001:db8::7]", "2001:db8::7"),
        ("2001:DB8::7", "2001:db8::7"),
        (' "203.0.113.9" ', "203.0.113.9"),
    ],
)
def test_addresses_are_read_as_proxies_write_them(forwarded: str, client: str) -> None:
    assert client_address({"x-forwarded-for": forwarded}, PEER, 1) == client


@pytest.mark.parametrize(
    "forwarded",
    ["", "unknown", "203.0.113.9, ", "203.0.113.999", "_hidden", "a" * 500, "1.2.3.4,,"],
)
def test_a_malformed_entry_where_the_client_should_be_gives_the_peer(forwarded: str) -> None:
    assert client_address({"x-forwarded-for": forwarded}, PEER, 1) == PEER


def test_fewer_entries_than_proxies_gives_the_peer() -> None:
    """The request did not come through every proxy: the entries are not theirs."""
    assert client_address({"x-forwarded-for": "203.0.113.9"}, PEER, 2) == PEER
    assert client_address({}, PEER, 1) == PEER


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),  # the same subscriber
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("", "unknown"),
        ("not an address" * 10, ("not an address" * 10)[:64]),
    ],
)
def test_the_key_is_an_ipv4_address_or_an_ipv6_network(address: str, key: str) -> None:
    assert client_key(address) == key
