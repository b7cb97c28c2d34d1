"""Running `python -m storefront.cli` as the operator does: in a process of its own, or, where
the test is about what the command says and not about the process, in this one (starting
Python and importing the shop took two seconds a command)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from storefront import bootstrap
from storefront.cli.__main__ import main
from storefront.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]


def cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m storefront.cli *args` in a process of its own with only `env` set (and a
    PATH, a HOME of its own)."""
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-m", "storefront.cli", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=180,  # a command that would wait for ever fails the test instead
    )


@dataclass(frozen=True)
class Done:
    """What a command run in this process returned and printed."""

    returncode: int
    stdout: str
    stderr: str


def cli_here(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    home: Path,
    *args: str,
    **env: str,
) -> Done:
    """`python -m storefront.cli *args` run in this process with only `env` set (and a PATH,
    a HOME of its own), as `cli` runs it in a process of its own."""
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(home), **env}
    with monkeypatch.context() as patch:
        for name in list(os.environ):
            patch.delenv(name)
        for name, value in environment.items():
            patch.setenv(name, value)
        # main() marks the process a batch one, and a command builds the process's shop on
        # its settings: this process goes on running tests with its own.
        patch.setattr(bootstrap, "_batch_process", bootstrap._batch_process)
        patch.setattr(bootstrap, "_shop", None)
        get_settings.cache_clear()  # read once a process: each command reads its own
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse refusing an argument
            code = int(exc.code or 0)
        finally:
            get_settings.cache_clear()
            built = bootstrap._shop
            if built is not None and built.engine is not None:
                built.engine.dispose()  # as the command's process ending would
    out = capsys.readouterr()
    return Done(code, out.out, out.err)
