"""Matplotlib figures as inline SVG: text kept as text, ids unique within a page.

Figures are drawn with matplotlib's Agg-free SVG backend and embedded in the HTML, so the
report needs no script and no file beside it. Each figure's ids get a prefix of their own:
a page holds many figures, and an id used twice would send a clip path to the wrong one.
"""

from __future__ import annotations

import io
import re

# Colours the figures share with the stripboard's meaning of light.
LIT_COLOUR = "#e0a100"
DARK_COLOUR = "#1f2a5a"
NIGHT_BAND = "#2d2466"
SUNRISE_BAND = "#f8bbd0"
SUNSET_BAND = "#ffb74d"
CONTACT_COLOUR = "#2e7d32"
LAND_COLOUR = "#e3e0d6"
SEA_COLOUR = "#f2f7fb"

_STYLE = {
    "svg.fonttype": "none",        # text stays text: smaller, searchable, selectable
    "svg.hashsalt": "orbitfilm",   # the same plan draws the same ids every time
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def style():
    """Return a context in which figures take the report's style (draw inside it)."""
    import matplotlib

    return matplotlib.rc_context(_STYLE)


def new_figure(width_in: float, height_in: float):
    """Return a figure and its axes, without pyplot (no global state, no GUI backend)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_in, height_in))
    return figure, figure.add_subplot()


def svg_markup(figure, prefix: str, title: str) -> str:
    """Return the figure as an ``<svg>`` element for inlining, ids prefixed, titled."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({**_STYLE, "svg.hashsalt": prefix}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', text)
    text = re.sub(r'url\(#([^)]+)\)', rf'url(#{prefix}-\1)', text)
    text = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{prefix}-\1"', text)
    text = re.sub(r'href="#([^"]+)"', lambda m: m.group(0) if m.group(1).startswith(prefix)
                  else f'href="#{prefix}-{m.group(1)}"', text)
    text = re.sub(r' d="([^"]*)"', _rounded_path, text)
    # Drop the fixed size in points: the viewBox stays, and CSS sizes the figure.
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1', text, count=1)
    return text.replace("<svg", f'<svg role="img" aria-label="{_attr(title)}"', 1)


def _rounded_path(match) -> str:
    """Return a path's data to 0.1 pt (0.04 mm), repeated line-tos implied: a third the bytes."""
    out, previous = [], ""
    for token in re.findall(r"[A-Za-z]|-?\d+(?:\.\d+)?(?:e-?\d+)?", match.group(1)):
        if token.isalpha():
            # After a move-to or line-to, more coordinates are line-tos without the letter.
            if not (token == "L" and previous in ("M", "L")):
                out.append(token)
            previous = token
        else:
            out.append(f"{float(token):.1f}".rstrip("0").rstrip("."))
    return ' d="' + " ".join(out) + '"'


def _attr(text: str) -> str:
    from html import escape

    return escape(text, quote=True)
