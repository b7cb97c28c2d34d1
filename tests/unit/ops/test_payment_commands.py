"""`reconcile-payments` refuses windows that would cancel unpaid orders at their first look."""

from __future__ import annotations

import pytest

from storefront import bootstrap
from storefront.cli.__main__ import build_parser, main


@pytest.mark.parametrize(
    "args",
    [
        ["--settle-after-minutes", "-5"],
        ["--settle-after-minutes", "0"],
        ["--give-up-after-minutes", "0"],
        ["--give-up-after-minutes", "soon"],
    ],
)
def test_minutes_below_one_are_refused_by_the_parser(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["reconcile-payments", *args])
    assert exited.value.code == 2
    assert f"{args[1]!r} is not a number of minutes (1 or more)" in capsys.readouterr().err


def test_giving_up_no_later_than_settling_is_refused_before_the_shop_is_built(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bootstrap, "_batch_process", bootstrap._batch_process)
    monkeypatch.setattr(bootstrap, "_shop", None)
    for give_up in ("10", "5"):
        code = main(
            [
                "reconcile-payments",
                "--settle-after-minutes",
                "10",
                "--give-up-after-minutes",
                give_up,
            ]
        )
        assert code == 2
        assert capsys.readouterr().err == (
            f"reconcile-payments: --give-up-after-minutes ({give_up}) must be above "
            "--settle-after-minutes (10)\n"
        )
    assert bootstrap._shop is None  # nothing was looked at, let alone canceled
