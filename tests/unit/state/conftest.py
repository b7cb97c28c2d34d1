"""Every page's state is registered before a test builds a state tree, as in the app (whose
pages import them all): a handler reaching another page's state finds it in the tree."""

import state.address_book
import state.admin.guard
import state.checkout
import state.order_history
import state.restock
import state.wishlist  # noqa: F401
