"""Launch opportunities for people: one row per opportunity, in UTC."""

from __future__ import annotations

from rich import box
from rich.table import Table

from ..times import format_minute, parse_iso


def opportunity_table(opportunities: list[dict], site_name: str, vehicle_name: str,
                      explained: list[dict] | None = None) -> Table:
    """Return a table of opportunities (their JSON form); later days shown as MM-DD.

    Opportunities marked with the station's traffic (``"traffic"``) get a Station column
    (the port, or "skipped") and the caption says why each skipped one is (of
    ``explained`` when given: a table of the last rows can explain all of them).
    """
    marked = any("traffic" in o for o in opportunities)
    caption = ("phase: how far the station is ahead at orbit insertion; aboard: hatch opening"
               if opportunities else "no opportunity in these days")
    if marked:
        caption = "\n".join([caption, *skip_reasons(explained or opportunities)])
    table = Table(title=f"{vehicle_name} from {site_name} (UTC)", title_justify="left",
                  caption=caption, caption_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    headings = ("Date", "Liftoff", "In plane", "Phase", "Profile", "Docking", "Aboard") + (
        ("Station",) if marked else ())
    for heading in headings:
        table.add_column(heading, justify="right" if heading == "Phase" else "left",
                         no_wrap=True)
    for o in opportunities:
        liftoff = o["liftoff"]
        table.add_row(liftoff[:10], liftoff[11:19], o["in_plane"][11:19],
                      f"{o['phase_deg']:+.1f}°", o["profile"], _clock_after(o["docking"], liftoff),
                      _clock_after(o["hatch_open"], liftoff),
                      *((station_text(o["traffic"]),) if marked else ()))
    return table


def station_text(traffic: dict) -> str:
    """Return where the station takes the arrival (its port, the recorded visit) or "skipped"."""
    if traffic["visit"]:
        return f"{traffic['port']} ({traffic['visit']})"
    return (traffic["port"] or "no record") if traffic["fits"] else "skipped"


def skip_reasons(opportunities: list[dict]) -> list[str]:
    """Return one line per reason for skipping, with the liftoff days it skips."""
    days: dict[str, list[str]] = {}
    for o in opportunities:
        for reason in o["traffic"]["reasons"] if not o["traffic"]["fits"] else ():
            days.setdefault(reason.split(": ", 1)[-1], []).append(o["liftoff"][5:10])
    return [f"skipped {day_ranges(list(dict.fromkeys(when)))}: {reason}"
            for reason, when in days.items()]


def day_ranges(days: list[str]) -> str:
    """Return ``MM-DD`` days with runs of consecutive days as ``MM-DD to MM-DD``."""
    import datetime as dt

    runs: list[list[str]] = []
    for day in days:
        month, date_ = int(day[:2]), int(day[3:])
        if runs:
            last = runs[-1][-1]
            before = dt.date(2001, int(last[:2]), int(last[3:]))
            if (dt.date(2001, month, date_) - before).days == 1:
                runs[-1].append(day)
                continue
        runs.append([day])
    return ", ".join(run[0] if len(run) < 3 else f"{run[0]} to {run[-1]}" for run in runs)


def _clock_after(moment: str, liftoff: str) -> str:
    """Return ``HH:MM``, prefixed by ``MM-DD`` when it falls on a later day than the liftoff."""
    text = format_minute(parse_iso(moment))
    return text[11:] if text[:10] == liftoff[:10] else f"{text[5:10]} {text[11:]}"
