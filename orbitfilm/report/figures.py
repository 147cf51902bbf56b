"""Figures as hand-written inline SVG: rectangles, lines and text, sized by a viewBox.

A report's figures are bars, polylines and labels on plate-carrée or time axes; writing that
SVG directly takes milliseconds where a plotting library took most of the plan's time.
Coordinates are pixels of the viewBox (CSS scales the figure), rounded to 0.1 px. Text
stays ``<text>`` (searchable, selectable, read by screen readers); each figure carries
``role="img"`` and an ``aria-label``, and the few ids a figure needs (a clip path, a hatch)
take the figure's own prefix, so that a page of many figures never holds an id twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np

# Colours the figures share with the stripboard's meaning of light.
LIT_COLOUR = "#e0a100"
DARK_COLOUR = "#1f2a5a"
NIGHT_BAND = "#2d2466"
SUNRISE_BAND = "#f8bbd0"
SUNSET_BAND = "#ffb74d"
CONTACT_COLOUR = "#2e7d32"
LAND_COLOUR = "#e3e0d6"
LAND_EDGE_COLOUR = "#c9c3b3"
SEA_COLOUR = "#f2f7fb"
REST_OF_DAY_COLOUR = "#9aa3b5"
AXIS_COLOUR = "#5b6475"
INK = "#1d2330"

# The font the widths below are measured in; Verdana is close enough where it is missing.
FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif"
TITLE_PX = 13.0
TICK_PX = 10.0
LABEL_PX = 10.5

# Advance widths of DejaVu Sans and DejaVu Sans Bold, thousandths of an em, for the
# characters 32-126 (read with FreeType from Debian's fonts-dejavu-core 2.37, unhinted).
# Label placement and margins need a label's width before a browser lays it out.
_WIDTHS = {
    False: (318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
            636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
            1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
            603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
            500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
            635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838),
    True: (348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
           696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
           1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
           733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
           500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
           716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838),
}
_OTHER_WIDTH = 640  # any other character: about a digit's width


def text_width_px(text: str, size_px: float, bold: bool = False) -> float:
    """Return the width a line of text takes in DejaVu Sans at ``size_px``."""
    table = _WIDTHS[bold]
    thousandths = sum(table[ord(c) - 32] if 32 <= ord(c) < 127 else _OTHER_WIDTH for c in text)
    return thousandths * size_px / 1000.0


def num(value: float) -> str:
    """Return a coordinate to 0.1 px, without a trailing ``.0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def attributes(style: dict) -> str:
    """Return SVG attributes from keywords (``stroke_width`` -> ``stroke-width``)."""
    parts = []
    for key, value in style.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = num(value)
        parts.append(f' {key.rstrip("_").replace("_", "-")}="{escape(str(value), quote=True)}"')
    return "".join(parts)


def rect(x: float, y: float, width: float, height: float, **style) -> str:
    return (f'<rect x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(height)}"'
            f'{attributes(style)}/>')


def line(x1: float, y1: float, x2: float, y2: float, **style) -> str:
    return (f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"'
            f'{attributes(style)}/>')


def text(x: float, y: float, content: str, **style) -> str:
    return f'<text x="{num(x)}" y="{num(y)}"{attributes(style)}>{escape(content)}</text>'


def path(data: str, **style) -> str:
    return f'<path d="{data}"{attributes(style)}/>' if data else ""


def path_data(x_px, y_px, closed: bool = False) -> str:
    """Return path data through the points, broken where a coordinate is NaN."""
    x_px, y_px = np.asarray(x_px, dtype=float), np.asarray(y_px, dtype=float)
    finite = np.isfinite(x_px) & np.isfinite(y_px)
    pieces = []
    for run in _runs(finite):
        if len(run) < 2:
            continue
        xs, ys = np.round(x_px[run], 1), np.round(y_px[run], 1)
        # Repeated points add bytes and nothing else at 0.1 px.
        keep = np.ones(len(run), dtype=bool)
        keep[1:] = (np.diff(xs) != 0) | (np.diff(ys) != 0)
        coordinates = " ".join(f"{num(a)} {num(b)}" for a, b in zip(xs[keep], ys[keep]))
        pieces.append("M" + coordinates + ("Z" if closed else ""))
    return "".join(pieces)


def _runs(mask: np.ndarray) -> list[np.ndarray]:
    """Return the index arrays of each run of true values."""
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [np.arange(a, b) for a, b in zip(starts, ends)]


@dataclass(frozen=True)
class Frame:
    """A plot area: a box of the viewBox (px) showing data limits, y growing upwards."""

    left_px: float
    top_px: float
    width_px: float
    height_px: float
    x_limits: tuple[float, float]
    y_limits: tuple[float, float]

    @property
    def right_px(self) -> float:
        return self.left_px + self.width_px

    @property
    def bottom_px(self) -> float:
        return self.top_px + self.height_px

    def x(self, value):
        """Return the x pixel of data values (a number or an array)."""
        low, high = self.x_limits
        scale = self.width_px / (high - low)
        return self.left_px + (np.asarray(value, dtype=float) - low) * scale

    def y(self, value):
        """Return the y pixel of data values: up is larger."""
        low, high = self.y_limits
        scale = self.height_px / (high - low)
        return self.bottom_px - (np.asarray(value, dtype=float) - low) * scale

    def clip_path(self, ident: str) -> str:
        """Return a clip path of the plot area (for what would spill over its edge)."""
        box = rect(self.left_px, self.top_px, self.width_px, self.height_px)
        return f'<clipPath id="{ident}">{box}</clipPath>'


def title_text(title: str, x_px: float = 4.0) -> str:
    return text(x_px, TITLE_PX + 3.0, title, font_size=TITLE_PX, fill=INK)


def svg_markup(width_px: float, height_px: float, title: str, body: list[str],
               defs: list[str] = ()) -> str:
    """Return an ``<svg>`` element for inlining: sized by its viewBox, titled for readers."""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width_px)} '
            f'{num(height_px)}" role="img" aria-label="{escape(title, quote=True)}" '
            f'font-family="{FONT_FAMILY}" font-size="{num(TICK_PX)}">')
    definitions = f"<defs>{''.join(defs)}</defs>" if defs else ""
    return head + definitions + "".join(part for part in body if part) + "</svg>"
