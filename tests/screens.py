"""Screenshots the browser tests take: kept in ``tests/artifacts/`` (and, with
``ORBITFILM_UPDATE_DOCS=1``, in ``docs/`` for the README), checked neither blank nor
clipped."""

from __future__ import annotations

import io
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
DOCS = ROOT / "docs"


def check_screenshot(png: bytes, name: str, width: int, *, min_colours: int = 500,
                     edge_colours: int = 2) -> None:
    """Save the screenshot; fail if it is blank (fewer than ``min_colours``, little
    contrast) or its content runs off the right edge (more than ``edge_colours`` there)."""
    from PIL import Image, ImageStat

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_bytes(png)
    if os.environ.get("ORBITFILM_UPDATE_DOCS") == "1":
        DOCS.mkdir(exist_ok=True)
        (DOCS / name).write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width == width
    # Not blank: a page of text, tables and figures has hundreds of colours and contrast.
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > min_colours, f"{name} looks blank"
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 20, f"{name} looks blank"
    # Not clipped: the rightmost 8 pixels are the page's margin, plain colours only.
    edge = image.crop((width - 8, 0, width, image.height))
    assert len(edge.getcolors(maxcolors=1 << 16) or []) <= edge_colours, \
        f"{name}: content runs off the right edge"
