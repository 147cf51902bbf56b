"""PDF out: the call sheets and the one-liner as the pages a production sends and prints.

The PDFs are the plan's own HTML pages (``report.callsheet``, ``report.oneliner``) laid out
for paper by WeasyPrint, an HTML/CSS-to-PDF engine that reads the print rules of the
shared stylesheet (``@page``: A4, 12 mm margins; ``@media print``) and a few of its own
below (a page footer with the page number, landscape for the one-liner). WeasyPrint is an
optional extra (``pip install 'orbitfilm[pdf]'``) with system libraries (Pango);
``orbitfilm plan --pdf`` asks for it before any work.
"""

from __future__ import annotations

import logging

from ..errors import OrbitfilmError

# Paper: the footer names the page; the one-liner's wide table goes landscape. Layout that
# only a screen needs (the page's centred column) is undone.
PRINT_CSS = """
@page { size: A4; margin: 12mm 12mm 14mm;
  @bottom-right { content: "page " counter(page) " of " counter(pages);
                  font: 9px sans-serif; color: #555; } }
@page wide { size: A4 landscape; }
body.landscape { page: wide; }
body { max-width: none; margin: 0; padding: 0; }
.zone-row { display: flex; flex-wrap: wrap; }
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
    return weasyprint.HTML(string=html).write_pdf(
        stylesheets=[weasyprint.CSS(string=PRINT_CSS)])


def pdf_outputs(outputs: dict[str, str | bytes]) -> dict[str, bytes]:
    """Return a PDF for each call sheet and the one-liner among a plan's rendered files."""
    return {name[:-len(".html")] + ".pdf": pdf_of_html(content)
            for name, content in outputs.items()
            if isinstance(content, str) and (name == "oneliner.html" or
                                             (name.startswith("callsheets/")
                                              and name.endswith(".html")))}
