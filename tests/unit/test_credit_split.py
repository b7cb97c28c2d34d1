"""Splitting credit notes into excl. VAT / VAT / incl. VAT per rate: every note adds up to the
cent, no share is negative, and the notes of a wholly refunded invoice carry its figures
exactly, however the refunds were cut."""

from __future__ import annotations

import random

import pytest

from storefront.services.invoices.credit_split import RateTotal, split_credit_notes

ONE_RATE = [RateTotal(2_000, 6_500, 1_083)]  # 65.00 incl. 10.83 VAT at 20 %
TWO_RATES = [RateTotal(2_000, 6_000, 1_000), RateTotal(550, 2_110, 110)]  # 20 % and 5.5 %


def test_one_rate_a_partial_note_carries_its_share_of_the_vat() -> None:
    ((share,),) = split_credit_notes(ONE_RATE, [1_000])
    assert (share.incl_vat_minor, share.vat_minor, share.excl_vat_minor) == (1_000, 167, 833)


def test_thirds_of_an_invoice_add_up_to_its_vat_to_the_cent() -> None:
    notes = split_credit_notes(ONE_RATE, [2_167, 2_167, 2_166])
    assert [note[0].vat_minor for note in notes] == [361, 361, 361]
    notes = split_credit_notes([RateTotal(2_000, 100, 17)], [33, 33, 34])
    # 5.61, 5.61, 5.78 rounded one by one would give 6 + 6 + 6 = 18 cents of 17.
    assert [note[0].vat_minor for note in notes] == [6, 5, 6]
    assert sum(note[0].vat_minor for note in notes) == 17


def test_several_rates_share_a_note_by_what_is_left_at_each() -> None:
    (note,) = split_credit_notes(TWO_RATES, [811])  # 8,110 in all: a tenth
    assert [(s.rate_bp, s.incl_vat_minor, s.vat_minor) for s in note] == [
        (2_000, 600, 100),
        (550, 211, 11),
    ]
    # A first note of a third, then the rest: the rest takes each rate's rest exactly.
    first, rest = split_credit_notes(TWO_RATES, [2_703, 5_407])
    assert [s.incl_vat_minor for s in first] == [2_000, 703]
    assert [s.incl_vat_minor for s in rest] == [4_000, 1_407]
    assert [a.vat_minor + b.vat_minor for a, b in zip(first, rest, strict=True)] == [1_000, 110]


@pytest.mark.parametrize("seed", range(40))
def test_any_cut_of_a_whole_refund_adds_up_and_never_goes_negative(seed: int) -> None:
    pick = random.Random(seed)
    rates = [
        RateTotal(rate, total, round(total * rate / (10_000 + rate)))
        for rate in pick.sample([2_000, 1_000, 550, 210, 0], pick.randint(1, 4))
        for total in [pick.randint(1, 50_000)]
    ]
    whole = sum(r.incl_vat_minor for r in rates)
    cuts = sorted(pick.sample(range(1, whole), min(pick.randint(0, 6), whole - 1)))
    amounts = [b - a for a, b in zip([0, *cuts], [*cuts, whole], strict=True)]
    notes = split_credit_notes(rates, amounts)
    for amount, note in zip(amounts, notes, strict=True):
        assert sum(s.incl_vat_minor for s in note) == amount
        assert all(s.incl_vat_minor >= 0 and 0 <= s.vat_minor <= s.incl_vat_minor for s in note)
    for i, rate in enumerate(rates):
        assert sum(note[i].incl_vat_minor for note in notes) == rate.incl_vat_minor
        assert sum(note[i].vat_minor for note in notes) == rate.vat_minor


def test_a_refund_again_after_a_reversal_goes_past_the_total_by_the_rates_totals() -> None:
    _whole, again = split_credit_notes(TWO_RATES, [8_110, 811])
    assert [s.incl_vat_minor for s in again] == [600, 211]
    assert sum(s.incl_vat_minor for s in again) == 811


def test_a_whole_refund_reversed_then_made_again_carries_the_invoice_s_figures_twice() -> None:
    # Invoice 100.00 (16.67 VAT), note 1 of 100.00, its reversal invoice, note 2 of 100.00.
    first, again = split_credit_notes([RateTotal(2_000, 10_000, 1_667)], [10_000, 10_000], {1: [0]})
    assert (first[0].incl_vat_minor, first[0].vat_minor) == (10_000, 1_667)
    assert (again[0].incl_vat_minor, again[0].vat_minor) == (10_000, 1_667)
    first, again = split_credit_notes(TWO_RATES, [8_110, 8_110], {1: [0]})
    assert [(s.incl_vat_minor, s.vat_minor) for s in first] == [(6_000, 1_000), (2_110, 110)]
    assert [(s.incl_vat_minor, s.vat_minor) for s in again] == [(6_000, 1_000), (2_110, 110)]


def test_a_note_after_a_reversal_invoice_splits_as_if_the_cancelled_note_had_not_been() -> None:
    _cancelled, after = split_credit_notes(TWO_RATES, [1, 319], {1: [0]})
    (alone,) = split_credit_notes(TWO_RATES, [319])
    assert after == alone
    assert [(s.incl_vat_minor, s.vat_minor) for s in after] == [(236, 39), (83, 4)]
    # Not cancelled, the first note's cent is still credited: the VAT so far rounds apart.
    _kept, beside = split_credit_notes(TWO_RATES, [1, 319])
    assert [(s.incl_vat_minor, s.vat_minor) for s in beside] == [(236, 40), (83, 4)]


def test_a_cancelled_note_keeps_its_shares() -> None:
    alone = split_credit_notes(TWO_RATES, [2_703, 500])
    cancelled = split_credit_notes(TWO_RATES, [2_703, 500], {1: [0]})
    assert cancelled[0] == alone[0]


@pytest.mark.parametrize("seed", range(40))
def test_notes_less_the_cancelled_ones_carry_the_invoice_s_figures_exactly(seed: int) -> None:
    pick = random.Random(seed)
    rates = [
        RateTotal(rate, total, round(total * rate / (10_000 + rate)))
        for rate in pick.sample([2_000, 1_000, 550, 210, 0], pick.randint(1, 4))
        for total in [pick.randint(2, 50_000)]
    ]
    whole = sum(r.incl_vat_minor for r in rates)
    cuts = sorted(pick.sample(range(1, whole), min(pick.randint(1, 6), whole - 1)))
    amounts = [b - a for a, b in zip([0, *cuts], [*cuts, whole], strict=True)]
    cancelled = sorted(pick.sample(range(len(amounts)), pick.randint(1, len(amounts))))
    # The cancelled notes' refunds failed: refunded again in one note, after their invoices.
    again = sum(amounts[i] for i in cancelled)
    notes = split_credit_notes(rates, [*amounts, again], {len(amounts): cancelled})
    kept = [note for i, note in enumerate(notes) if i not in cancelled]
    for i, rate in enumerate(rates):
        assert sum(note[i].incl_vat_minor for note in kept) == rate.incl_vat_minor
        assert sum(note[i].vat_minor for note in kept) == rate.vat_minor
    assert all(0 <= s.vat_minor <= s.incl_vat_minor for note in notes for s in note)


def test_a_note_cancelled_before_it_was_issued_is_refused() -> None:
    with pytest.raises(ValueError, match="cancelled before note 0"):
        split_credit_notes(ONE_RATE, [100], {0: [0]})


def test_a_negative_note_or_no_rate_is_refused() -> None:
    with pytest.raises(ValueError, match="credit note"):
        split_credit_notes(ONE_RATE, [-1])
    with pytest.raises(ValueError, match="rates"):
        split_credit_notes([], [1])


def test_a_cent_after_a_cancelled_note_carries_no_negative_vat() -> None:
    # Note 0 (0.02, VAT 0.00) cancelled; note 1 (0.01) rounded up to VAT 0.01 stands: the VAT
    # standing is a cent ahead, so note 2 carries none rather than -0.01.
    notes = split_credit_notes([RateTotal(2_000, 10_000, 1_667)], [2, 1, 1], {2: [0]})
    assert [(n[0].incl_vat_minor, n[0].vat_minor) for n in notes] == [(2, 0), (1, 1), (1, 0)]


@pytest.mark.parametrize("seed", range(300))
def test_notes_and_cancellations_in_any_order_stay_within_their_amounts_and_add_up(
    seed: int,
) -> None:
    pick = random.Random(seed)
    rates = [
        RateTotal(rate, total, round(total * rate / (10_000 + rate)))
        for rate in pick.sample([2_000, 1_000, 550, 210, 0], pick.randint(1, 3))
        for total in [pick.choice([pick.randint(1, 20), pick.randint(1, 50_000)])]
    ]
    whole = sum(r.incl_vat_minor for r in rates)
    amounts: list[int] = []
    cancelled_before: dict[int, list[int]] = {}
    standing: list[int] = []
    for _ in range(pick.randint(1, 12)):
        if standing and pick.random() < 0.4:  # a reversal invoice before the next note
            gone = pick.sample(standing, pick.randint(1, len(standing)))
            cancelled_before.setdefault(len(amounts), []).extend(sorted(gone))
            standing = [i for i in standing if i not in gone]
        left = whole - sum(amounts[i] for i in standing)
        if left == 0:
            continue
        standing.append(len(amounts))
        amounts.append(pick.choice([1, 2, 3, pick.randint(1, left)]) if left > 1 else 1)
        amounts[-1] = min(amounts[-1], left)
    left = whole - sum(amounts[i] for i in standing)
    if left:  # the rest, refunded at last
        standing.append(len(amounts))
        amounts.append(left)
    notes = split_credit_notes(rates, amounts, cancelled_before)
    for amount, note in zip(amounts, notes, strict=True):
        assert sum(s.incl_vat_minor for s in note) == amount
        assert all(s.incl_vat_minor >= 0 and 0 <= s.vat_minor <= s.incl_vat_minor for s in note)
    for i, rate in enumerate(rates):
        assert sum(notes[k][i].incl_vat_minor for k in standing) == rate.incl_vat_minor
        assert sum(notes[k][i].vat_minor for k in standing) == rate.vat_minor
