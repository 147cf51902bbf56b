"""The training plan for people: milestones, the launch and its margin, why that date, the
activities week by week. Reads only the plan's JSON form (``RoadToOrbit.to_json``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from rich import box
from rich.table import Table

from ..words import plural


def summary_lines(road: dict) -> list[str]:
    """Return the lines that answer "when is the crew ready, and is the launch safe?"."""
    if road["cleared"] is None:
        return [f"{road['status']}: no training plan", *[f"  {r}" for r in road["reasons"]]]
    lines = [f"{road['status']}: cleared {_day(road['cleared'])} (bound {_day(road['bound'])}),"
             f" ready to fly {road['ready']}; {road['facility_days']} facility-days; "
             f"{road['wall_s']:.1f} s"]
    launch = road.get("launch")
    if launch:
        how = ("fixed by the production" if road["launch_fixed"] else
               f"set by {road.get('launch_set_by') or 'the day the crew is ready to fly'}")
        lines.append(f"launch {launch['liftoff'][:16].replace('T', ' ')} UTC from "
                     f"{launch['site']} ({launch['profile']} rendezvous, {how}); margin "
                     f"{plural(road['margin_days'], 'day')}"
                     + (": the launch must move" if road["margin_days"] < 0 else ""))
    instead = road.get("first_possible_launch")
    if instead:
        lines.append(f"the first launch that works: {instead['liftoff'][:16].replace('T', ' ')}"
                     f" UTC from {instead['site']} ({instead['profile']} rendezvous)")
    skipped = road.get("skipped_for_traffic") or []
    if skipped:
        first, last = skipped[0], skipped[-1]
        lines.append(f"the station's traffic refused "
                     f"{plural(len(skipped), 'earlier opportunity', 'earlier opportunities')} "
                     f"(liftoff {_day(first['liftoff'])} to {_day(last['liftoff'])}): "
                     + _reasons(first, last))
    return lines


def milestone_table(road: dict) -> Table:
    table = _table("Milestones")
    for heading in ("Milestone", "When", "Set by"):
        table.add_column(heading, no_wrap=heading != "Milestone")
    for milestone in sorted(road["milestones"].values(), key=lambda m: m["at"]):
        table.add_row(milestone["name"], milestone["at"][:16].replace("T", " "),
                      "the agency (fixed)" if milestone["fixed"] else "its prerequisites")
    return table


def why_table(road: dict) -> Table:
    """Return the chain that sets the cleared date, as stretches held by one thing."""
    table = _table(f"Why {_day(road['cleared'])}: what holds the cleared date, latest last")
    table.add_column("From", no_wrap=True)
    table.add_column("To", no_wrap=True)
    table.add_column("What holds it")
    for first, last, what in chain_stretches(road["critical"]):
        table.add_row(first, last, what)
    return table


def chain_stretches(critical: list[dict]) -> list[tuple[str, str, str]]:
    """Return the chain as (first day, last day, what held it), one row per stretch.

    A session that follows the one before it of its own activity holds nothing new: it
    joins the stretch it is in. Stretches where trainees' days are full (sessions back to
    back, their hours used up) join into one, naming everyone whose days held the date and
    the facilities that were full in between.
    """
    stretches: list[dict] = []
    for link in critical:
        kind, key, words = _holder(link)
        day = link["start"][:10]
        last = stretches[-1] if stretches else None
        if last is not None and (kind == "same" or (kind == last["kind"] and (
                kind == "people" or key == last["key"]))):
            last["to"] = day
            if kind == last["kind"]:
                last["keys"].add(key)
            continue
        stretches.append({"from": day, "to": day, "kind": kind, "key": key, "keys": {key},
                          "words": words})
    return [(s["from"], s["to"], _stretch_words(s)) for s in _fold_facilities(stretches)]


def _holder(link: dict) -> tuple[str, str, str]:
    """Return (kind, key, words) for what held one link of the chain."""
    reason, resource = link.get("reason"), link.get("resource") or ""
    kind, _, key = resource.partition(":")
    name = link.get("milestone") or link.get("activity") or link["job"]
    if reason == "lag" and (link.get("after") or "").split("/")[0] == link["job"].split("/")[0]:
        return "same", "", ""
    if kind in ("person", "hours-day", "hours-week"):
        return "people", key, ""
    if kind in ("facility", "facility-day"):
        # "could not start by D (X was taken: ...)" or "X was taken: ...": keep "X was full".
        held = link["why"].split(":")[0].rsplit("(", 1)[-1]
        return "facility", key, held.replace(" was taken", " was full")
    return "other", name, f"{name}: {link['why']}"


def _fold_facilities(stretches: list[dict]) -> list[dict]:
    """Return the stretches with a facility's single day between two stretches of full
    days folded into them (the facility is named there)."""
    folded: list[dict] = []
    for stretch in stretches:
        if folded and folded[-1]["kind"] == "people" and stretch["kind"] in ("people",
                                                                             "facility"):
            previous = folded[-1]
            previous["to"] = stretch["to"]
            previous.setdefault("facilities", [])
            if stretch["kind"] == "facility":
                previous["facilities"].append(stretch["words"].replace(" was full", ""))
            else:
                previous["keys"] |= stretch["keys"]
            continue
        folded.append(stretch)
    return folded


def _stretch_words(stretch: dict) -> str:
    if stretch["kind"] == "people":
        names = ", ".join(sorted(k for k in stretch["keys"] if k))
        words = f"the trainees' days are full, sessions back to back ({names})"
        facilities = list(dict.fromkeys(stretch.get("facilities", [])))
        if facilities:
            words += f"; full at times: {', '.join(facilities)}"
        return words
    return stretch["words"] or stretch["key"]


def bottleneck_table(road: dict) -> Table:
    table = _table("What would clear the crew earlier (each planned again the repeatable "
                   "way; proven: both plans optimal)")
    table.add_column("Change")
    table.add_column("Cleared", no_wrap=True)
    table.add_column("Gain", justify="right", no_wrap=True)
    for item in road["bottlenecks"]:
        gain = item["gain_days"]
        table.add_row(item["change"], _day(item["cleared"]),
                      (plural(gain, "day") if gain else "none")
                      + (" (proven)" if item.get("proven") else ""))
    return table


def activity_table(road: dict) -> Table:
    """Return each activity's sessions week by week (a count per week)."""
    weeks = _weeks(road["sessions"])
    table = _table("Sessions a week (weeks from Monday)")
    table.add_column("Activity")
    for monday in weeks:
        table.add_column(monday.strftime("%d %b"), justify="right", no_wrap=True)
    counts: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    names = {}
    for session in road["sessions"]:
        counts[session["activity"]][_monday(session["start"])] += 1
        names[session["activity"]] = session["name"]
    for activity, by_week in counts.items():
        table.add_row(names[activity], *[str(by_week.get(w, "")) for w in weeks])
    return table


def _weeks(sessions: list[dict]) -> list[date]:
    if not sessions:
        return []
    first = min(_monday(s["start"]) for s in sessions)
    last = max(_monday(s["start"]) for s in sessions)
    return [first + timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]


def _monday(moment: str) -> date:
    day = date.fromisoformat(moment[:10])
    return day - timedelta(days=day.weekday())


def _reasons(first: dict, last: dict) -> str:
    """Return why the first and the last refused opportunity were refused (once if alike)."""
    said = [", ".join(fit["traffic"]["reasons"]) for fit in (first, last)]
    if said[0] == said[1]:
        return said[0]
    return f"first {said[0]}; last {said[1]}"


def _day(moment: str | None) -> str:
    return "none" if moment is None else moment[:10]


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                 pad_edge=False)


def training_tables(road: dict) -> list[Table]:
    """Return every table of the plan, in reading order."""
    if road["cleared"] is None:
        return []
    tables = [milestone_table(road), why_table(road)]
    if road["bottlenecks"]:
        tables.append(bottleneck_table(road))
    tables.append(activity_table(road))
    return tables
