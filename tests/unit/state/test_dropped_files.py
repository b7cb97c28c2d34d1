"""What an admin drop zone says of a file the browser refused (react-dropzone's report)."""

from __future__ import annotations

from state.admin.dropped_files import refusal


def rejected(path: str, *codes: str) -> list[dict[str, object]]:
    return [{"file": {"path": path}, "errors": [{"code": c, "message": c} for c in codes]}]


def test_too_many_then_too_big_then_an_svg_then_any_other_kind() -> None:
    two = rejected("./a.png", "too-many-files") + rejected("./b.png", "too-many-files")
    assert refusal(two) == "too_many"
    assert refusal(rejected("./big.png", "file-too-large")) == "too_large"
    assert refusal(rejected("./big.svg", "file-invalid-type", "file-too-large")) == "too_large"
    assert refusal(rejected("./Plain.SVG", "file-invalid-type")) == "svg"
    assert refusal(rejected("./notes.pdf", "file-invalid-type")) == "type"


def test_a_report_the_browser_made_up_is_read_as_a_kind_not_taken() -> None:
    odd_ones = (None, "x", {"file": 1}, [1, "a", {"errors": "no"}], [{"file": None}])
    odd_ones += ([{"file": "x"}], [{"file": 1}], [{"errors": 5}], [{"errors": [1, "x"]}])
    for odd in odd_ones:
        assert refusal(odd) == "type"
