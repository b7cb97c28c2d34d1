"""Account pages follow the session: what a tab shows of an account goes when it does."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from models.orders import SalesOrder
from models.types import utc_now
from state.account import AccountState
from state.account_security import AccountSecurityState
from state.address_book import AddressBookState, AddressItem
from state.admin.guard import AdminState
from state.admin.orders import AdminOrdersState
from state.checkout import CheckoutState
from state.locale import LocaleState
from state.order import OrderState
from state.order_history import OrderHistoryState, OrderSummary
from state.visitor import visitor_of
from state.wishlist import WishlistState
from storefront.bootstrap import Shop
from storefront.i18n import translations
from tests.integration.admin_fixtures import PASSWORD, sign_up
from tests.integration.test_admin_authorization import state_at


def last_subject(shop: Shop, email: str) -> str | None:
    """The subject of the last mail to `email` in the shop's outbox."""
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return connection.execute(
            text("select subject from mail_outbox where recipient = :e order by id desc"),
            {"e": email},
        ).scalar()


async def test_orders_stop_showing_once_the_session_has_ended(current_shop: Shop) -> None:
    session = sign_up(current_shop, "ada@example.com")
    assert current_shop.accounts is not None
    assert current_shop.engine is not None
    account_id = current_shop.accounts.session(session, utc_now())
    with Session(current_shop.engine) as db:
        db.add(SalesOrder(reference="B7K2", account_id=account_id, email="ada@example.com"))
        db.commit()
    page = state_at(OrderHistoryState, session, {})
    await page.load()  # type: ignore[attr-defined]
    assert [o.reference for o in page.orders] == ["B7K2"]  # type: ignore[attr-defined]
    current_shop.accounts.sign_out(session, utc_now())  # elsewhere (a password reset ends them all)
    await page.load()  # type: ignore[attr-defined]  # the tab asks again
    assert page.orders == []  # type: ignore[attr-defined]


async def test_a_form_sent_after_signing_out_elsewhere_says_so_and_changes_nothing(
    current_shop: Shop,
) -> None:
    session = sign_up(current_shop, "ada@example.com")
    assert current_shop.accounts is not None
    security: Any = state_at(AccountSecurityState, session, {})
    account: Any = await security.get_state(AccountState)
    await account.load()
    current_shop.accounts.sign_out(session, utc_now())  # in another tab
    signed_out = translations("account.error.signed_out")
    await account.rename({"name": "Someone Else"})
    assert (account.account_id, account.error) == (0, signed_out)
    account.error = {}
    await security.change_password({"current_password": PASSWORD, "password": "a new password"})
    assert (account.error, security.password_changes) == (signed_out, 0)
    found = current_shop.accounts.account_by_email("ada@example.com")
    assert found is not None
    assert found.name != "Someone Else"
    signed = current_shop.accounts.sign_in("ada@example.com", PASSWORD, utc_now())
    assert signed.account_id == found.id  # the old password still works


async def test_signing_out_leaves_nothing_of_the_account_in_the_tab(current_shop: Shop) -> None:
    """Reflex sends the tab's whole state again on a reconnect: after signing out, the next
    person at this tab must not find the last one's orders, addresses or admin lists."""
    session = sign_up(current_shop, "ada@example.com")
    account = state_at(AccountState, session, {})
    await account.load()  # type: ignore[attr-defined]
    shown = {
        OrderHistoryState: ("orders", [OrderSummary(reference="B7K2")]),
        AddressBookState: ("addresses", [AddressItem(1, {"en": "12 rue des Lilas, Paris"})]),
        WishlistState: ("product_ids", [12]),
        CheckoutState: ("email", "ada@example.com"),
        OrderState: ("address_lines", ["Ada Lovelace", "12 rue des Lilas"]),
        AdminState: ("staff_email", "ada@example.com"),
        AdminOrdersState: ("total", 3),
    }
    for page, (name, value) in shown.items():
        setattr(await account.get_state(page), name, value)
    checkout = await account.get_state(CheckoutState)
    checkout._order_id = 42  # type: ignore[attr-defined]  # an unpaid order of this tab
    await account.sign_out()  # type: ignore[attr-defined]
    for page, (name, value) in shown.items():
        assert getattr(await account.get_state(page), name) != value, page
    # Let go of: the order stays with the account's cart, whose next Pay settles it; the
    # next person's Pay (another cart) must not cancel it, nor a step answer show it.
    assert checkout._order_id == 0  # type: ignore[attr-defined]


async def test_closing_the_account_signs_the_tab_out_and_a_wrong_password_says_so_in_its_form(
    current_shop: Shop,
) -> None:
    session = sign_up(current_shop, "ada@example.com")
    assert current_shop.accounts is not None
    security: Any = state_at(AccountSecurityState, session, {})
    account = await security.get_state(AccountState)
    await account.load()  # type: ignore[attr-defined]
    refused = await security.close_account({"password": "not the password at all"})
    assert refused is None
    assert security.close_error == translations("account.error.close_password")
    assert "redirect" in str(security.load_closed())  # nothing closed: not said so (QA)
    assert current_shop.accounts.session(session, utc_now()) is not None
    (await security.get_state(LocaleState)).lang = "fr"  # the page is read in French
    left = await security.close_account({"password": PASSWORD})
    assert last_subject(current_shop, "ada@example.com") == "Votre compte Boutique est fermé"
    assert "/api/session/end" in str(left)
    assert "/account/closed" in str(left)
    assert (account.account_id, security.close_error) == (0, {})  # type: ignore[attr-defined]
    assert current_shop.accounts.account_by_email("ada@example.com") is None
    assert current_shop.accounts.session(session, utc_now()) is None
    assert security.load_closed() is None  # the closing's page, for this tab


async def test_changing_the_password_keeps_this_tab_in_and_signs_the_others_out(
    current_shop: Shop,
) -> None:
    session = sign_up(current_shop, "ada@example.com")
    assert current_shop.accounts is not None
    other = current_shop.accounts.sign_in("ada@example.com", PASSWORD, utc_now())
    security: Any = state_at(AccountSecurityState, session, {})
    account: Any = await security.get_state(AccountState)
    await account.load()
    await security.change_password({"current_password": "not it", "password": "a new password"})
    assert security.password_error == translations("account.error.current_password")
    assert (account.invalid, security.password_changes) == (["password-form/current_password"], 0)
    assert current_shop.accounts.session(other.session_token, utc_now()) is not None
    (await security.get_state(LocaleState)).lang = "fr"
    await security.change_password({"current_password": PASSWORD, "password": "a new password"})
    assert (security.password_error, account.invalid, security.password_changes) == ({}, [], 1)
    assert last_subject(current_shop, "ada@example.com") == (
        "Votre mot de passe Boutique a été modifié"
    )
    assert current_shop.accounts.session(session, utc_now()) is not None
    assert current_shop.accounts.session(other.session_token, utc_now()) is None
    signed = current_shop.accounts.sign_in("ada@example.com", "a new password", utc_now())
    assert signed.account_id == account.account_id


async def test_signing_in_remembers_the_tabs_browser_with_the_account(
    current_shop: Shop,
) -> None:
    """What a browser browses is kept by its visitor id: the account remembers the browsers
    that signed in to it, for closing it to delete what they browsed."""
    sign_up(current_shop, "ada@example.com")
    page: Any = state_at(AccountState, "", {})
    visitor = await visitor_of(page)
    await page.sign_in({"email": "ada@example.com", "password": PASSWORD})
    assert current_shop.engine is not None
    with current_shop.engine.connect() as connection:
        linked = connection.execute(text("select account_id, visitor_id from account_visitor"))
        assert [tuple(row) for row in linked] == [(page.account_id, visitor)]

    # Another account signing in from this browser browses as a new visitor.
    sign_up(current_shop, "bob@example.com")
    await page.sign_in({"email": "bob@example.com", "password": PASSWORD})
    assert await visitor_of(page) != visitor


async def test_crafted_ids_get_a_message_not_an_error(current_shop: Shop) -> None:
    session = sign_up(current_shop, "ada@example.com")
    wishlist = state_at(WishlistState, session, {})
    addresses = state_at(AddressBookState, session, {})
    for crafted in ("9" * 30, "²", "-1", "1e3"):
        wishlist.message, addresses.message = {}, {}  # type: ignore[attr-defined]
        await wishlist.toggle(crafted)  # type: ignore[attr-defined]
        assert wishlist.message["en"]  # type: ignore[attr-defined]
        await wishlist.remove(crafted)  # type: ignore[attr-defined]
        await addresses.remove(crafted)  # type: ignore[attr-defined]
        assert addresses.message["en"]  # type: ignore[attr-defined]


async def test_an_address_holding_a_control_character_is_refused_with_a_message(
    current_shop: Shop,
) -> None:
    """PostgreSQL refuses NUL in text: the address is refused before it is saved."""
    session = sign_up(current_shop, "ada@example.com")
    page: Any = state_at(AddressBookState, session, {})
    typed = {
        "name": "Ada\x00 Lovelace",
        "line1": "12 rue des Lilas",
        "postal_code": "75011",
        "city": "Paris",
        "country": "FR",
    }
    await page.add(typed)
    assert (page.message, page.addresses) == (translations("form.error.control"), [])
    await page.add(typed | {"name": "Ada Lovelace"})
    assert [item.fields["name"] for item in page.addresses] == ["Ada Lovelace"]


async def test_crafted_sign_in_forms_get_a_message_and_messages_stay_on_their_page(
    current_shop: Shop,
) -> None:
    sign_up(current_shop, "ada@example.com")
    page: Any = state_at(AccountState, "", {})
    await page.sign_in({"email": "ada\x00@example.com", "password": "long enough password"})
    assert page.error == translations("form.error.control")
    await page.sign_in(["not", "a", "form"])
    assert page.error == translations("account.error.credentials")
    await page.sign_up({"email": 1, "password": 2, "name": None})
    assert page.error == translations("account.error.email")
    await page.load_reset_page().__anext__()  # "Forgot your password?": a fresh page
    assert (page.error, page.notice) == ({}, {})


async def test_the_address_books_refusal_is_not_shown_again_on_a_later_visit(
    current_shop: Shop,
) -> None:
    session = sign_up(current_shop, "ada@example.com")
    book = state_at(AddressBookState, session, {})
    await book.add({"name": "Ada", "line1": "", "postal_code": "x", "city": "", "country": "FR"})  # type: ignore[attr-defined]
    assert book.errors  # type: ignore[attr-defined]
    await book.load()  # type: ignore[attr-defined]  # the account page opened again
    assert (book.errors, book.message) == ({}, {})  # type: ignore[attr-defined]


HOME = {
    "name": "Ada Lovelace",
    "line1": "12 rue des Lilas",
    "line2": "",
    "postal_code": "75011",
    "city": "Paris",
    "country": "FR",
}


async def test_a_saved_address_is_edited_in_place_through_the_form(current_shop: Shop) -> None:
    session = sign_up(current_shop, "ada@example.com")
    page: Any = state_at(AddressBookState, session, {})
    await page.add(HOME)
    await page.add(HOME | {"line1": "3 quai Voltaire"})
    home, office = page.addresses
    await page.edit(str(home.id))
    assert (page.editing, page.form_values) == (home.id, home.fields)
    # Bad input: said beside its field, the form stays open, nothing changes.
    changes = page.changes
    await page.save(HOME | {"postal_code": "7501"})
    assert page.errors == {"postal_code": translations("checkout.error.postal_code")}
    assert (page.editing, page.changes, page.addresses) == (home.id, changes, [home, office])
    await page.save(HOME | {"line2": "Bât. B; 3e étage"})
    assert page.message == translations("account.address_updated")
    assert (page.editing, page.errors, page.changes) == (0, {}, changes + 1)
    assert [(i.id, i.fields["line2"]) for i in page.addresses] == [
        (home.id, "Bât. B; 3e étage"),
        (office.id, ""),
    ]
    # Cancel: the form closes, the address is as it was.
    await page.edit(office.id)
    page.cancel_edit()
    assert page.message == translations("account.address_unchanged")
    assert (page.editing, page.form_values["line1"]) == (0, "")
    assert [i.fields["line1"] for i in page.addresses] == ["12 rue des Lilas", "3 quai Voltaire"]
    await page.save(HOME | {"line1": "9 rue Neuve"})  # the form adds again
    assert len(page.addresses) == 3


async def test_an_address_added_again_is_kept_once_and_said_to_be_there_already(
    current_shop: Shop,
) -> None:
    session = sign_up(current_shop, "ada@example.com")
    page: Any = state_at(AddressBookState, session, {})
    await page.add(HOME)
    assert page.message == translations("account.address_saved")
    await page.add(HOME | {"postal_code": " 75011 "})
    assert page.message == translations("account.address_known")
    assert len(page.addresses) == 1


async def test_opening_the_page_again_closes_an_edit_and_leaves_an_empty_form_alone(
    current_shop: Shop,
) -> None:
    session = sign_up(current_shop, "ada@example.com")
    page: Any = state_at(AddressBookState, session, {})
    await page.add(HOME)
    # Drawn again, the form would lose what the shopper typed while the page loaded.
    key = page.form_key
    await page.load()
    assert page.form_key == key
    await page.edit(page.addresses[0].id)
    await page.load()  # the edit of an earlier visit is over: the form adds again
    assert (page.editing, page.form_values["line1"]) == (0, "")
    assert page.form_key > key + 1


async def test_an_edit_of_an_address_changed_or_removed_in_another_tab_is_refused(
    current_shop: Shop,
) -> None:
    session = sign_up(current_shop, "ada@example.com")
    page: Any = state_at(AddressBookState, session, {})
    other_tab: Any = state_at(AddressBookState, session, {})
    await page.add(HOME)
    await other_tab.load()
    (home,) = page.addresses
    await page.edit(home.id)
    await other_tab.edit(home.id)
    await other_tab.save(HOME | {"line2": "Porte 2"})
    await page.save(HOME | {"line2": "Porte 7"})
    assert page.message == translations("account.error.address_changed")
    assert page.editing == 0
    assert [i.fields["line2"] for i in page.addresses] == ["Porte 2"]  # as it is now
    await page.edit(home.id)
    await other_tab.remove(home.id)
    await page.save(HOME | {"line2": "Porte 7"})
    assert page.message == translations("account.error.address_unknown")
    assert (page.editing, page.addresses) == (0, [])  # not recreated
    assert current_shop.address_book is not None
    assert current_shop.address_book.addresses(await page._account()) == []


async def test_crafted_edits_get_a_message_not_an_error(current_shop: Shop) -> None:
    session = sign_up(current_shop, "ada@example.com")
    page: Any = state_at(AddressBookState, session, {})
    await page.add(HOME)
    for crafted in ("9" * 30, "²", "-1", None):
        page.message = {}
        await page.edit(crafted)
        assert (page.message, page.editing) == (translations("account.error.address_unknown"), 0)
    await page.edit(page.addresses[0].id)
    await page.save(["not", "a", "form"])
    assert page.errors  # every field missing, said field by field
    await page.save(HOME | {"city": "Par\x00is"})
    assert page.message == translations("form.error.control")
    assert [i.fields["city"] for i in page.addresses] == ["Paris"]
