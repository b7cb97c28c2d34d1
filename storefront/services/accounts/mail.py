"""The mails an account sends its owner, as (subject, body): a link to reset the password, the
notice of a changed password, and the receipt of a closed account."""

from __future__ import annotations

CLOSED_MAIL = (
    "Your Boutique account is closed",
    "Your Boutique account is closed: your sign-in, saved addresses, wishlist and cart are "
    "deleted, with what you browsed and searched from the browsers you signed in or ordered "
    "from. The orders you placed stay with the shop, which must keep its sales records, "
    "no longer linked to an account.\n\nIf you did not close it, reply to this email.",
)
CHANGED_MAIL = (
    "Your Boutique password was changed",
    "The password of your Boutique account was just changed, and every other browser signed "
    "in to it was signed out.\n\nIf you did not change it, choose a new one now with "
    '"Forgot your password?" on the sign-in page, and reply to this email.',
)


def reset_mail(link: str, minutes: int) -> tuple[str, str]:
    """The mail carrying a password reset `link`, which works for `minutes`."""
    return (
        "Reset your Boutique password",
        f"Open this link within {minutes} minutes to choose a new password:\n"
        f"{link}\n\nIf you did not ask for this, ignore this email.",
    )
