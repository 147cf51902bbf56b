"""PDF out: the call sheets and the one-liner as the pages a production sends and prints.

The PDFs are the plan's own HTML pages (``report.callsheet``, ``report.oneliner``) laid out
for paper by WeasyPrint, an HTML/CSS-to-PDF engine that reads the print rules of the
shared stylesheet (``@page``: A4, 12 mm margins; ``@media print``) and a few of its own
below (smaller type for A4 columns, a footer with the page number). WeasyPrint is an
optional extra (``pip install 'orbitfilm[pdf]'``) with system libraries (Pango);
``orbitfilm plan --pdf`` asks for it before any work.
"""

from __future__ import annotations

import logging

from ..errors import OrbitfilmError

# Paper: type sized for A4 (a day's scene table has nine columns), the footer names the
# page; layout that only a screen needs (the page's centred column) is undone.
PRINT_CSS = """
@page { size: A4; margin: 12mm 12mm 14mm;
  @bottom-right { content: "page " counter(page) " of " counter(pages);
                  font: 9px sans-serif; color: #555; } }
body { max-width: none; margin: 0; padding: 0; font-size: 10.5px; }
h1 { font-size: 22px; } h2 { font-size: 15px; margin: 16px 0 6px; } h3 { font-size: 12px; }
th, td { padding: 3px 4px; }
th { font-size: 8.5px; letter-spacing: 0; }
td { font-size: 9.5px; }
h3 { break-after: avoid; }
tr.strip td, table.oneliner td, .conditions, .needs { font-size: 9px; }
table.scenes td:nth-child(2) { width: 24%; }
.card { padding: 6px 10px; } .card .value { font-size: 20px; }
.day-of { font-size: 24px; }
/* A scene's synopsis and what lies below may wrap; the clock times stay whole. */
table.scenes td { overflow-wrap: break-word; }
"""


class PdfUnavailable(OrbitfilmError):
    """WeasyPrint (or the system libraries under it) is not installed."""


def require_weasyprint():
    """Return the ``weasyprint`` module, or raise ``PdfUnavailable`` saying how to install it."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(f"PDF output needs WeasyPrint: pip install 'orbitfilm[pdf]' "
                             f"(and Debian's libpango-1.0-0, libpangoft2-1.0-0): {error}") \
            from None
    # WeasyPrint reports CSS it ignores through logging; the pages are ours and tested.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def pdf_of_html(html: str) -> bytes:
    """Return a page of the plan (self-contained HTML) laid out as a PDF."""
    weasyprint = require_weasyprint()
    # Into the page, after its own style: WeasyPrint's ``stylesheets`` are user style,
    # which the page's author style would override.
    paper = html.replace("</head>", f"<style>\n{PRINT_CSS}</style>\n</head>", 1)
    return weasyprint.HTML(string=paper).write_pdf()


def pdf_outputs(outputs: dict[str, str | bytes]) -> dict[str, bytes]:
    """Return a PDF for each call sheet and the one-liner among a plan's rendered files."""
    return {name[:-len(".html")] + ".pdf": pdf_of_html(content)
            for name, content in outputs.items()
            if isinstance(content, str) and (name == "oneliner.html" or
                                             (name.startswith("callsheets/")
                                              and name.endswith(".html")))}
