"""axe-core in Chromium, shared by the accessibility audits: run it on a page as it stands
and keep its serious and critical violations; report them by rule, help, nodes and why.

axe-core comes from npm into .tools (scripts/lib.sh's ensure_axe, run by scripts/test)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.missing import missing
from tests.shop_server import ROOT

AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")
PHONE = {"width": 390, "height": 844}
# Resolves once the DOM has not changed for 400 ms (5 s at most).
SETTLED = """() => new Promise(resolve => {
  let timer;
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(done, 400);
  });
  const done = () => { observer.disconnect(); clearTimeout(cap); resolve(true); };
  const cap = setTimeout(done, 5000);
  const all = {subtree: true, childList: true, attributes: true, characterData: true};
  observer.observe(document.body, all);
  timer = setTimeout(done, 400);
})"""

FINISHED = """() => document.getAnimations().every(
  a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)"""

Found = dict[str, list[dict[str, Any]]]


def audit(page: Page, name: str, found: Found) -> None:
    """Run axe on the page as it stands; keep its serious and critical violations under `name`."""
    if not AXE.exists():
        missing(f"{AXE} missing (scripts/test installs axe-core)")
    page.wait_for_load_state("load")
    # A listing is dimmed (aria-busy) until the page is hydrated and its results loaded; and
    # axe takes its time: a page still changing under it mixes two states (half dimmed).
    page.wait_for_function("() => !document.querySelector('[aria-busy=true]')")
    page.evaluate(SETTLED)
    # A dialog fades in: read halfway, its text is paler than it will be. Endless animations
    # (a spinner) are not waited for.
    page.wait_for_function(FINISHED)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
    if bad:
        found[name] = bad


def report(found: Found) -> str:
    lines = []
    for name, violations in found.items():
        for v in violations:
            targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:4]]
            # The first node's reason, e.g. the two colours and their contrast ratio.
            why = v["nodes"][0].get("failureSummary", "").splitlines()[1:2]
            lines.append(
                f"{name}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}\n"
                f"    {v['helpUrl']}\n    at: {' | '.join(targets)}"
                + "".join(f"\n    why: {line.strip()}" for line in why)
            )
    return "\n".join(lines)


def assert_clean(found: Found) -> None:
    assert not found, "accessibility violations:\n" + report(found)


def shown(page: Page, test_id: str) -> None:
    """Wait until the page is drawn with its data (axe audits what is on screen)."""
    expect(page.get_by_test_id(test_id).first).to_be_visible()
