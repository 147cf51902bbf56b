"""The checks that need the orbit, and the whole check of a production file.

``window_mistakes`` asks of each scene aboard whether its conditions, and then its cast and
a camera unit free, can ever give it a window long enough, by the same rule the scheduler
plans with (``schedule.grid.holds``: whole minutes from docking, cut at GMT midnight), so
that a scene ``check`` passes is a scene the scheduler can place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..intervals import IntervalSet
from ..production.checks import reserve_warnings
from ..production.loader import load_production
from ..production.mistakes import Mistake, raise_mistakes
from ..production.model import Production, Scene
from ..schedule.grid import Grid, holds, whole_minutes
from ..times import DAY_S, MINUTE_S, format_minute
from ..words import plural
from .flight import Flight


def window_mistakes(flight: Flight) -> list[Mistake]:
    """Return the scenes longer than any window their conditions (and people) could give."""
    production, environment = flight.production, flight.environment
    if environment is None:
        return []
    free, grid = flight.availability(), Grid(environment.span_s)
    mistakes = []
    for index, scene in enumerate(production.scenes):
        if scene.is_ground:
            continue
        by_conditions, with_people = free.scene_windows_s(environment, scene)
        message = _too_long(scene, by_conditions, "its conditions", grid) or _too_long(
            scene, with_people, "its conditions with its cast and unit free", grid)
        if message:
            mistakes.append(Mistake(message, ("scenes", index, "shoot_min")))
    return mistakes


def _too_long(scene: Scene, windows: IntervalSet, what: str, grid: Grid) -> str | None:
    if holds(grid, windows, scene.min_piece_s, scene.shoot_s):
        return None
    names = " + ".join(scene.condition_names()) or "no condition"
    lengths = grid.window_minutes(windows)
    longest_min, whole = windows.longest_s() / MINUTE_S, int(lengths.max(initial=0))
    piece = whole_minutes(scene.min_piece_s)
    on_grid = (f" (shots start on whole minutes: the longest window holds {whole} whole "
               f"minute{'s' if whole != 1 else ''})" if longest_min >= piece else "")
    if whole < piece:
        return (f"scene {scene.id!r} needs {piece} min in one go ({names}) but {what} never "
                f"give more than {longest_min:.1f} min during the mission{on_grid}")
    usable = int(lengths[lengths >= piece].sum())
    return (f"scene {scene.id!r} needs {whole_minutes(scene.shoot_s)} min ({names}) but {what} "
            f"give only {usable} whole minutes in pieces of {piece} min or more during the "
            f"mission")


@dataclass
class CheckReport:
    """A production that passed every check, with its flight, a short summary and warnings."""

    flight: Flight

    @property
    def production(self) -> Production:
        return self.flight.production

    @property
    def warnings(self) -> list[str]:
        return list(self.flight.warnings) + reserve_warnings(self.production)

    def _mission_line(self) -> str:
        if self.production.mission is None:
            return "no mission: a ground production"
        low, high = self.production.span_s
        return (f"mission: docking {format_minute(low)} UTC, undocking {format_minute(high)} UTC "
                f"({(high - low) / DAY_S:.1f} days)")

    def summary_lines(self) -> list[str]:
        """Return a few lines that say what the production holds."""
        production = self.production
        orbital, ground = production.orbital_scenes(), production.ground_scenes()
        aboard = [p for p in production.people if p.is_aboard]
        used = sorted({n for s in orbital for n in s.condition_names()})
        return [
            f"{production.title}: {plural(len(production.scenes), 'scene')} ({len(orbital)} "
            f"aboard, {len(ground)} on the ground), {plural(len(production.people), 'person')} "
            f"({len(aboard)} aboard), {plural(len({s.location for s in production.scenes}), 'location')}",
            self._mission_line(),
            f"to shoot: {sum(s.shoot_min for s in orbital):g} min aboard, "
            f"{plural(sum(s.days for s in ground), 'day')} on the ground",
            f"conditions used: {', '.join(used) or 'none'}",
            *self._station_lines(),
        ]

    def _station_lines(self) -> list[str]:
        station = self.flight.station
        if station is None:
            return []
        lines = [f"station traffic: {station.note}"] if station.note else []
        if station.check is not None:
            low, high = self.production.span_s
            most = max((s.count for s in station.check.aboard
                        if s.start_s < high and s.end_s > low), default=0)
            flight = (f"{station.visit.id} ({'added to' if station.added else 'a visit of'} "
                      f"the record, at {station.visit.port})" if station.visit else "no flight")
            lines.append(f"station traffic: {Path(station.traffic.source).name}, {flight}; "
                         f"at most {most} aboard during the mission (the limit is "
                         f"{station.traffic.station.max_aboard})")
        return lines


def check_file(path: str | Path, *, orbit: bool = True, allow_stale: bool = False,
               progress=None, time_limit_s: float = 30.0) -> CheckReport:
    """Check a production file through and through; raise ``InputErrors`` listing every mistake.

    With ``orbit``, also find the launch, compute the environment over the mission and check
    that each scene can get a window long enough. A launch that waits for the training
    takes the road every command takes (``plan.stage.settle_flight``): the training planned
    in its share of ``time_limit_s``.
    """
    from ..plan.stage import settle_flight  # the road sits above the orbit's checks
    from ..schedule.problem import SolveOptions

    production = load_production(path)
    flight, _ = settle_flight(production, SolveOptions(time_limit_s=time_limit_s),
                              allow_stale, progress or (lambda label: None),
                              environment=orbit)
    raise_mistakes(flight.production, window_mistakes(flight))
    return CheckReport(flight)
