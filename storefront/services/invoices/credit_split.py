"""How a credit note's amount (VAT included) splits into excl. VAT / VAT / incl. VAT, per VAT
rate of its invoice, so that every note adds up to the cent and the notes of a wholly refunded
invoice add up to its own figures exactly.

The rule, applied to an invoice's notes in the order they were issued:

1. Across rates: a note's amount is shared between the invoice's rates in proportion to what
   is left to credit at each rate (the rate's total incl. VAT less its shares of the earlier
   notes), whole cents by largest remainder, ties to the rate listed first. A note that takes
   all that is left therefore takes each rate's rest exactly. (Past the invoice's total, which
   only a note issued after a reversal and before its reversal invoice reaches, as before
   migration 0055, the rest goes by the rates' totals.)
2. Within a rate: the VAT credited up to and including a note is that rate's VAT in proportion
   to what was credited at the rate so far, rounded half to even; the note's VAT is that less
   the VAT the earlier notes standing carry at the rate, held between 0 and the note's amount
   at the rate (after a cancellation the VAT standing can be a rounding cent ahead of or
   behind the rate's so far: the next notes take it back). So no note's VAT is off by more
   than a rounding or two, and all of a rate's credits standing carry exactly the rate's VAT.
3. Excl. VAT is incl. VAT less VAT, per rate and in total.
4. A note cancelled by a reversal invoice (its refund failed after it went through) keeps its
   shares, and the invoice carries exactly them: from the notes issued after that invoice on,
   they are no longer credited (there to credit again, incl. VAT and VAT alike).

Today's orders have one rate (the destination's, on every line, shipping and discount), so
step 1 gives the whole note to it; the rule is written for several.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class RateTotal:
    """What an invoice charged at one VAT rate, VAT included, and the VAT of it."""

    rate_bp: int
    incl_vat_minor: int
    vat_minor: int


@dataclass(frozen=True, slots=True)
class RateShare:
    """A credit note's part at one rate."""

    rate_bp: int
    incl_vat_minor: int
    vat_minor: int

    @property
    def excl_vat_minor(self) -> int:
        return self.incl_vat_minor - self.vat_minor


def split_credit_notes(
    rates: Sequence[RateTotal],
    amounts: Sequence[int],
    cancelled_before: Mapping[int, Sequence[int]] | None = None,
) -> list[tuple[RateShare, ...]]:
    """Each note's shares (one per rate of `rates`, in that order), for notes of `amounts`
    (VAT included, in the order they were issued). `cancelled_before[i]`: the earlier notes
    (their positions) a reversal invoice cancelled before note `i` was issued."""
    if not rates or any(r.incl_vat_minor < 0 or r.vat_minor < 0 for r in rates):
        raise ValueError("an invoice's rates are needed, none negative")
    credited = [0] * len(rates)  # incl. VAT, per rate, by the notes so far
    vat_credited = [0] * len(rates)  # VAT, per rate, by the notes so far
    notes: list[tuple[RateShare, ...]] = []
    for at, amount in enumerate(amounts):
        if amount < 0:
            raise ValueError(f"a credit note of {amount}")
        for cancelled in (cancelled_before or {}).get(at, ()):
            if not 0 <= cancelled < at:
                raise ValueError(f"note {cancelled} cancelled before note {at}")
            for i, share in enumerate(notes[cancelled]):
                credited[i] -= share.incl_vat_minor
                vat_credited[i] -= share.vat_minor
        left = [r.incl_vat_minor - c for r, c in zip(rates, credited, strict=True)]
        within = min(amount, max(sum(left), 0))
        parts = _apportion(within, [max(x, 0) for x in left])
        if amount > within:  # past the invoice's total: by the rates' own totals
            extra = _apportion(amount - within, [r.incl_vat_minor for r in rates])
            parts = [a + b for a, b in zip(parts, extra, strict=True)]
        shares = []
        for i, (rate, part) in enumerate(zip(rates, parts, strict=True)):
            credited[i] += part
            vat = _vat_within(rate, part, credited[i], vat_credited[i])
            vat_credited[i] += vat
            shares.append(RateShare(rate.rate_bp, part, vat))
        notes.append(tuple(shares))
    return notes


def _apportion(total: int, weights: Sequence[int]) -> list[int]:
    """`total` cents shared in proportion to `weights` by largest remainder (ties: first)."""
    weight = sum(weights)
    if weight == 0:
        # Nothing to go by: all on the first rate (a zero-total invoice is never refunded).
        return [total] + [0] * (len(weights) - 1)
    exact = [Fraction(total * w, weight) for w in weights]
    parts = [int(x) for x in exact]  # floors: all non-negative
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _vat_within(rate: RateTotal, part: int, credited: int, vat_credited: int) -> int:
    """A share's VAT: the rate's VAT up to `credited` (this share included) less the VAT the
    notes standing carry already, held between 0 and the share's amount, and (within the
    invoice's total) so that the rate's VAT not yet carried still fits in what is left to
    credit. After a cancelled note the VAT standing can be a rounding cent off the rate's so
    far: the notes that follow take that cent back, and the last carries the rest exactly."""
    vat = _vat_up_to(rate, credited) - vat_credited
    if credited <= rate.incl_vat_minor:  # not past the invoice's total
        rest = rate.vat_minor - vat_credited
        vat = min(max(vat, rest - (rate.incl_vat_minor - credited)), rest)
    return min(max(vat, 0), part)


def _vat_up_to(rate: RateTotal, credited_minor: int) -> int:
    """The rate's VAT in proportion to `credited_minor` of its total, half to even."""
    if rate.incl_vat_minor == 0:
        return 0
    return round(Fraction(credited_minor * rate.vat_minor, rate.incl_vat_minor))
