"""The CLI's checks before serving: worker count, folders, URLs shown without secrets."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest

from storefront import bootstrap
from storefront.cli.__main__ import build_parser, main
from storefront.cli.check_commands import directory_problems
from storefront.cli.db_commands import _redacted


def test_a_bad_worker_count_breaks_no_other_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRANIAN_WORKERS", "four")
    assert build_parser().parse_args(["bus-status"]).command == "bus-status"
    assert build_parser().parse_args(["check-settings"]).workers is None


def test_a_bad_worker_count_is_named_by_check_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GRANIAN_WORKERS", "four")
    # main() marks the process a batch one (no statement timeout): not the tests' process.
    monkeypatch.setattr(bootstrap, "_batch_process", bootstrap._batch_process)
    assert main(["check-settings"]) == 2
    assert capsys.readouterr().err == (
        "Invalid Boutique settings:\n"
        "  GRANIAN_WORKERS: 'four' is not a number of web workers (1 or more)\n"
    )


def test_a_bad_workers_option_is_refused_by_the_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["check-settings", "--workers", "0"])
    assert exited.value.code == 2
    assert "'0' is not a number of web workers (1 or more; GRANIAN_WORKERS)" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://shop:p@ss@db.internal:5432/shop", "postgresql://***@db.internal:5432/shop"),
        ("redis://:a@b@c@redis.internal:6379/0", "redis://***@redis.internal:6379/0"),
        ("postgresql://nobody@127.0.0.1:1/shop", "postgresql://***@127.0.0.1:1/shop"),
        ("redis://redis.internal:6379/0", "redis://redis.internal:6379/0"),
        ("sqlite:////var/lib/a@b/shop.db", "sqlite:////var/lib/a@b/shop.db"),
    ],
)
def test_urls_are_shown_without_user_or_password(url: str, shown: str) -> None:
    assert _redacted(url) == shown


def test_folders_that_exist_or_can_be_made_pass(tmp_path: Path) -> None:
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    assert directory_problems(tmp_path / "media", str(metrics)) == []
    assert directory_problems(tmp_path / "not" / "yet" / "media", "") == []


def test_a_missing_metrics_folder_is_refused(tmp_path: Path) -> None:
    """A worker's first counter write would raise FileNotFoundError."""
    [problem] = directory_problems(tmp_path, str(tmp_path / "gone"))
    assert problem.startswith(f"PROMETHEUS_MULTIPROC_DIR: {tmp_path / 'gone'} does not exist;")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes everywhere")
def test_folders_this_user_cannot_write_to_are_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    (locked / "media").mkdir(parents=True)
    (locked / "metrics").mkdir()
    locked.chmod(0o500)
    (locked / "media").chmod(0o500)
    (locked / "metrics").chmod(0o500)
    try:
        problems = directory_problems(locked / "media", str(locked / "metrics"))
        missing = directory_problems(locked / "other", "")
    finally:
        for path in (locked / "media", locked / "metrics", locked):
            path.chmod(0o700)
    assert [p.split(":")[0] for p in problems] == [
        "BOUTIQUE_MEDIA_DIR",
        "PROMETHEUS_MULTIPROC_DIR",
    ]
    assert "is not a folder this user" in problems[0]
    assert "cannot write to" in problems[1]
    [problem] = missing
    assert problem.startswith(f"BOUTIQUE_MEDIA_DIR: {locked / 'other'} does not exist and")


def test_a_file_in_place_of_the_media_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "media").write_text("")
    [problem] = directory_problems(tmp_path / "media", "")
    assert problem.startswith(f"BOUTIQUE_MEDIA_DIR: {tmp_path / 'media'} is not a folder")


def test_folders_the_system_denies_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, also where the tests run as root, whom modes never stop: os.access is the
    system's answer, here a read-only mount's."""
    (tmp_path / "media").mkdir()
    (tmp_path / "metrics").mkdir()
    denied = {tmp_path, tmp_path / "media", tmp_path / "metrics"}
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: Path(path) not in denied and real_access(path, mode)
    )
    problems = directory_problems(tmp_path / "media", str(tmp_path / "metrics"))
    missing = directory_problems(tmp_path / "other", "")
    user = pwd.getpwuid(os.geteuid()).pw_name
    assert problems == [
        f"BOUTIQUE_MEDIA_DIR: {tmp_path / 'media'} is not a folder this user ({user}) can write to",
        f"PROMETHEUS_MULTIPROC_DIR: this user ({user}) cannot write to {tmp_path / 'metrics'}",
    ]
    [problem] = missing
    assert problem.startswith(
        f"BOUTIQUE_MEDIA_DIR: {tmp_path / 'other'} does not exist and this user ({user}) "
        f"cannot create it in {tmp_path}; create it"
    )
