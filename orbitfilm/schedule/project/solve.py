"""The CP-SAT backend of the project core: ``solve_project`` and the model behind it.

The gain is meant to come from the model, not from time. Before the solver runs, the serial
schedule-generation scheme (``heuristic``) gives a first schedule: its finish becomes the
horizon and the schedule the hint. The lags then give every job a window of starts
(``bounds``: earliest from the chains into it, latest from the chains out of it to the
finish), and the finish a floor (the longest chain, each resource's energy, the periods'
budgets). Redundant constraints help the proof: a no-overlap over every clique of jobs
that cannot run at once (their joint demand exceeds a capacity, or a precedence orders
them), and identical jobs are taken in a fixed order. When the first schedule meets the
floor no solver runs at all.

The goal is lexicographic (see ``problem``): the finish first; then, with the finish fixed
at its best, the costs. ``deterministic`` stops on CP-SAT's deterministic time only and
interleaves the workers, so the schedule depends on the input, ``seed``, ``workers`` and
the time limit alone, on any machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from ... import deadline
from .bounds import resource_energy_bound, windows
from .cliques import disjunctive_cliques, identical_groups
from .energy import energetic_lags, period_energy_bound
from .heuristic import is_plain, list_schedule
from .problem import PeriodUse, ProjectProblem, ProjectSchedule, ProjectStatus
from .timetable import timetable_schedule

FINISH_SHARE = 0.7      # of the time limit, for the finish when there are costs after it
MIN_COST_S = 0.5        # the least time the costs get


@dataclass(frozen=True)
class _Run:
    """How every solve of one call runs: workers, seed, clock or deterministic time."""

    workers: int
    seed: int
    deterministic: bool
    progress: object = None


def solve_project(problem: ProjectProblem, *, time_limit_s: float = 10.0, workers: int = 2,
                  seed: int = 0, hint=None, progress=None,
                  deterministic: bool = False) -> ProjectSchedule:
    """Schedule ``problem``: the earliest finish, then the cheapest costs with it fixed.

    ``hint`` (starts by job id) replaces the serial scheme's first schedule as the hint;
    ``progress``, when given, is called with ``{"objective", "bound"}`` at each better finish.
    """
    began = time.perf_counter()
    run = _Run(max(1, workers), seed, deterministic, progress)
    first = _first_schedule(problem, seed)
    upper = _finish_of(problem, first) if first else problem.horizon_units
    found = windows(problem, upper)
    floor = max(found.finish_floor_units if found else 0, resource_energy_bound(problem),
                period_energy_bound(problem))
    if first is not None and upper <= floor:
        values, finish, bound = first, upper, upper
    else:
        share = FINISH_SHARE if problem.costs else 1.0
        solved = _solve_finish(problem, upper, floor, hint or first, time_limit_s * share, run)
        if solved is None:
            return _without_schedule(problem, first, floor, began)
        if isinstance(solved, ProjectSchedule):
            return solved
        values, finish, bound = solved
    bound = max(bound, floor)
    cost = cost_bound = None
    if problem.costs:
        left_s = max(MIN_COST_S, time_limit_s * (1 - FINISH_SHARE))
        values, cost, cost_bound = _solve_costs(problem, finish, floor, values, left_s, run)
    optimal = finish == bound
    status = ProjectStatus.OPTIMAL if optimal else ProjectStatus.FEASIBLE
    return ProjectSchedule(status, values, finish, bound, optimal, cost, cost_bound,
                           wall_s=time.perf_counter() - began)


def _first_schedule(problem: ProjectProblem, seed: int) -> dict[str, int] | None:
    """The serial scheme's schedule: priority rules on a plain project, calendars else."""
    if is_plain(problem):
        return list_schedule(problem, seed)
    return timetable_schedule(problem)


def _solve_finish(problem, upper, floor, hint, limit_s, run: _Run):
    """Minimise the finish: (starts, finish, bound), a ProjectSchedule without one, or None."""
    built = _Model(problem, upper, floor)
    if built.empty and upper >= problem.horizon_units:
        return ProjectSchedule(ProjectStatus.INFEASIBLE, {}, None, floor, False)
    built.model.minimize(built.finish)
    built.add_hint(hint)
    solver = _solver(limit_s, run)
    status = deadline.solve(solver, built.model,
                            _Reporter(run.progress) if run.progress else None)
    if status == cp_model.INFEASIBLE:
        return ProjectSchedule(ProjectStatus.INFEASIBLE, {}, None, 0, False)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return built.values(solver), int(solver.objective_value), int(solver.best_objective_bound)


def _solve_costs(problem, finish, floor, values, limit_s, run: _Run):
    """Minimise the costs with the finish at ``finish``: (starts, cost, bound)."""
    built = _Model(problem, finish, floor)
    built.model.minimize(sum(built.cost_terms()))
    built.add_hint(values)
    solver = _solver(limit_s, run)
    status = deadline.solve(solver, built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return values, None, None
    return built.values(solver), int(solver.objective_value), int(solver.best_objective_bound)


def _solver(limit_s: float, run: _Run) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = run.workers
    solver.parameters.random_seed = run.seed
    if run.deterministic:
        # CP-SAT's work units, never the clock; interleaving makes the workers' exchange of
        # solutions and bounds happen in a fixed order too.
        solver.parameters.max_deterministic_time = limit_s
        solver.parameters.interleave_search = True
    else:
        solver.parameters.max_time_in_seconds = limit_s
    return solver


def _without_schedule(problem, first, floor, began) -> ProjectSchedule:
    """The solver found nothing in time: the serial scheme's schedule, or nothing at all."""
    wall_s = time.perf_counter() - began
    if first is None:
        return ProjectSchedule(ProjectStatus.UNKNOWN, {}, None, floor, False, wall_s=wall_s)
    finish = _finish_of(problem, first)
    return ProjectSchedule(ProjectStatus.FEASIBLE, first, finish, floor, finish == floor,
                           wall_s=wall_s)


def _finish_of(problem: ProjectProblem, starts) -> int:
    jobs = {job.id: job for job in problem.jobs}
    return max([starts[j] + jobs[j].duration_units for j in problem.finish or jobs] or [0])


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Pass each better finish and the bound to the caller's ``progress``."""

    def __init__(self, progress):
        super().__init__()
        self.progress = progress

    def on_solution_callback(self) -> None:
        self.progress({"objective": self.objective_value, "bound": self.best_objective_bound})


class _Model:
    """The CP-SAT model of a project with the finish in ``[floor, upper]``.

    One method per constraint family, called in this order: starts in their windows, lags,
    resources, disjunctive cliques, identical jobs, the finish.
    """

    def __init__(self, problem: ProjectProblem, upper: int, floor: int):
        self.problem, self.model = problem, cp_model.CpModel()
        self.energy = energetic_lags(problem)
        self.windows = windows(replace(problem, lags=problem.lags + self.energy.lags), upper)
        self.starts, self.intervals = {}, {}
        self.empty = False
        self._starts_in_windows(upper)
        self._lags()
        self._energetic_lags()
        self._resources()
        self._disjunctive_cliques()
        self._identical_jobs_in_order()
        self._finish(upper, floor)

    def _starts_in_windows(self, upper: int) -> None:
        """Each job starts where its calendar allows, inside its window from the lags and
        from the energy before it (its head) and after it (its tail)."""
        horizon = self.problem.horizon_units
        heads, tails = self.energy.heads, self.energy.tails
        for job in self.problem.jobs:
            domain = (cp_model.Domain.from_intervals([list(r) for r in job.starts])
                      if job.starts else cp_model.Domain(0, horizon - job.duration_units))
            if self.windows is not None:
                domain = domain.intersection_with(cp_model.Domain(
                    max(self.windows.earliest[job.id], heads.get(job.id, 0)),
                    min(self.windows.latest[job.id], upper - tails.get(job.id, 0))))
            # An empty domain with the finish at most ``upper``: no schedule finishes by then.
            self.empty = self.empty or domain.is_empty()
            start = self.model.new_int_var_from_domain(domain, job.id)
            self.starts[job.id] = start
            self.intervals[job.id] = self.model.new_fixed_size_interval_var(
                start, job.duration_units, f"run {job.id}")

    def _lags(self) -> None:
        """A job starts at least (and at most) a lag's units after the one before it."""
        for lag in self.problem.lags:
            gap = self.starts[lag.after] - self.starts[lag.before]
            self.model.add(gap >= lag.min_units)
            if lag.max_units is not None:
                self.model.add(gap <= lag.max_units)

    def _energetic_lags(self) -> None:
        """A job starts after the energy of the jobs chained between it and one before it,
        and ends before the finish by the energy of those chained after it (redundant)."""
        for lag in self.energy.lags:
            self.model.add(self.starts[lag.after] - self.starts[lag.before] >= lag.min_units)

    def _resources(self) -> None:
        """The running jobs' demands (or the starting ones', per period) fit the capacity."""
        for resource in self.problem.resources:
            users = [j for j in self.problem.jobs if j.demands.get(resource.id, 0) > 0]
            if not users:
                continue
            demands = [j.demands[resource.id] for j in users]
            if resource.period_units is None:
                self.model.add_cumulative([self.intervals[j.id] for j in users], demands,
                                          resource.capacity)
            else:
                periods = [self._period_of(j, resource.period_units) for j in users]
                self.model.add_cumulative(periods, demands, resource.capacity)

    def _period_of(self, job, period_units: int):
        return self.model.new_fixed_size_interval_var(
            self._period_var(job.id, period_units), 1, "")

    def _period_var(self, job_id: str, period_units: int):
        """The period a job starts in: ``period * P <= start < (period + 1) * P``.

        Two linear constraints instead of a division: the same values, and CP-SAT's presolve
        handles hundreds of them in milliseconds where the divisions took seconds.
        """
        start = self.starts[job_id]
        bounds = list(start.proto.domain)      # its repeated field takes no negative index
        first, last = bounds[0], bounds[-1]
        period = self.model.new_int_var(first // period_units, last // period_units, "")
        self.model.add(start >= period_units * period)
        self.model.add(start <= period_units * period + period_units - 1)
        return period

    def _disjunctive_cliques(self) -> None:
        """Jobs of which no two may run at once never overlap (a redundant no-overlap)."""
        for clique in disjunctive_cliques(self.problem):
            self.model.add_no_overlap([self.intervals[j] for j in clique])

    def _identical_jobs_in_order(self) -> None:
        """Of interchangeable jobs, the first listed starts no later than the next."""
        for group in identical_groups(self.problem):
            for before, after in zip(group, group[1:]):
                self.model.add(self.starts[before] <= self.starts[after])

    def _finish(self, upper: int, floor: int) -> None:
        """The finish is the latest end of the finish jobs, in ``[floor, upper]``."""
        self.finish = self.model.new_int_var(min(floor, upper), upper, "finish")
        jobs = {job.id: job for job in self.problem.jobs}
        for job in self.problem.finish or jobs:
            self.model.add(self.finish >= self.starts[job] + jobs[job].duration_units)
        for job, tail in self.energy.tails.items():
            self.model.add(self.finish >= self.starts[job] + tail)

    def cost_terms(self) -> list:
        """Return one term per cost of the problem (see ``PeriodUse``, ``StartPenalty``)."""
        terms = []
        for cost in self.problem.costs:
            if cost.weight == 0:
                continue
            if isinstance(cost, PeriodUse):
                terms.append(cost.weight * sum(self._periods_used(cost)))
            else:
                inside = self.model.new_bool_var("")
                domain = cp_model.Domain.from_intervals([list(r) for r in cost.ranges])
                self.model.add_linear_expression_in_domain(
                    self.starts[cost.job], domain.complement()).only_enforce_if(~inside)
                terms.append(cost.weight * inside)
        return terms

    def _periods_used(self, cost: PeriodUse) -> list:
        count = self.problem.horizon_units // cost.period_units + 1
        used = [self.model.new_bool_var("") for _ in range(count)]
        for job in cost.jobs:
            self.model.add_element(self._period_var(job, cost.period_units), used, 1)
        return used

    def add_hint(self, starts) -> None:
        for job, value in (starts or {}).items():
            if job in self.starts:
                self.model.add_hint(self.starts[job], value)

    def values(self, solver) -> dict[str, int]:
        return {job: solver.value(var) for job, var in self.starts.items()}
