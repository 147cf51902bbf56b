"""Time the rendering of the Challenge's plan folder: orbitfilm's own SVG against matplotlib.

Run from the repository root: ``.venv/bin/python bench/report.py``. The Challenge plan
document is built once, by ``make_plan`` on the bundled production with a 2 s CP-SAT solve
(a short solve: every scene is placed, which is all the rendering needs), written to a
temporary folder and read back with ``load_plan``. Then ``render_outputs(document)``, every
file of the plan folder in memory, is timed twice in this one process: with orbitfilm's
figures, and with the matplotlib figures orbitfilm drew before (``bench/report_matplotlib``,
swapped in for the report's map, timeline and beta chart). Each is timed on its first call,
as ``orbitfilm plan`` pays it (outlines simplified, matplotlib imported), and as the best of
a few calls after it. matplotlib is not a dependency of orbitfilm: without it (``pip install
'.[bench]'``) the peer is reported missing.
"""

from __future__ import annotations

import importlib.util
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

SOLVE_S = 2.0
REPEATS = 3


def challenge_document() -> dict:
    """Return the Challenge's plan document from a short solve (see the module's docstring)."""
    from orbitfilm.plan import make_plan
    from orbitfilm.report.plan_json import load_plan
    from orbitfilm.schedule import SolveOptions

    with tempfile.TemporaryDirectory() as folder:
        make_plan(None, folder, options=SolveOptions(time_limit_s=SOLVE_S))
        return load_plan(Path(folder) / "plan.json")


def forget_outlines() -> None:
    """Drop the drawing outlines cached in this process, so a first call pays for them."""
    from orbitfilm.report import geo

    geo.land_outlines.cache_clear()
    geo.land_path_data.cache_clear()


def timed(document: dict) -> tuple[float, float, int]:
    """Return the first call's seconds, the best later call's, and report.html's size."""
    from orbitfilm.report.writer import REPORT_FILE, render_outputs

    forget_outlines()
    began = time.perf_counter()
    outputs = render_outputs(document)
    first_s = time.perf_counter() - began
    best_s = float("inf")
    for _ in range(REPEATS):
        began = time.perf_counter()
        render_outputs(document)
        best_s = min(best_s, time.perf_counter() - began)
    return first_s, best_s, len(outputs[REPORT_FILE].encode("utf-8"))


@contextmanager
def matplotlib_figures():
    """Draw the report's figures with the old matplotlib code while inside."""
    import report_matplotlib as old

    from orbitfilm.report import report_html

    saved = (report_html.day_map_svg, report_html.day_timeline_svg, report_html.beta_svg)
    report_html.day_map_svg = old.day_map_svg
    report_html.day_timeline_svg = old.day_timeline_svg
    report_html.beta_svg = old.beta_svg
    try:
        yield
    finally:
        report_html.day_map_svg, report_html.day_timeline_svg, report_html.beta_svg = saved


def row(name: str, first_s: float, best_s: float, size_bytes: int) -> str:
    return f"{name:34s} {first_s:8.3f}s {best_s:8.3f}s {size_bytes / 1024:9.0f} KiB"


def main() -> None:
    began = time.perf_counter()
    document = challenge_document()
    days = len(document["days"])
    aboard = sum(day["kind"] != "ground" for day in document["days"])
    print(f"The Challenge plan document ({SOLVE_S:g} s solve, built in "
          f"{time.perf_counter() - began:.1f} s): {len(document['scenes'])} scenes, "
          f"{days} shooting days ({aboard} aboard)\n")
    print(f"{'render_outputs(document)':34s} {'first':>9s} {'best of ' + str(REPEATS):>9s} "
          f"{'report.html':>13s}")
    first_s, best_s, size = timed(document)
    print(row("orbitfilm SVG figures", first_s, best_s, size))
    if importlib.util.find_spec("matplotlib") is None:
        print("matplotlib figures (peer)          missing: pip install '.[bench]' to compare")
        return
    with matplotlib_figures():
        peer_first_s, peer_best_s, peer_size = timed(document)
    print(row("matplotlib figures (peer)", peer_first_s, peer_best_s, peer_size))
    print(f"\nspeed-up: {peer_first_s / first_s:.1f}x on the first call, "
          f"{peer_best_s / best_s:.1f}x after it; report.html {peer_size / size:.1f}x smaller")


if __name__ == "__main__":
    main()
