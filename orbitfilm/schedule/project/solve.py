"""TEMPORARY stand-in for the project core's solver (replaced by the real one)."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from .problem import PeriodUse, ProjectSchedule, ProjectStatus


def solve_project(problem, *, time_limit_s=10.0, workers=2, seed=0, hint=None, progress=None,
                  deterministic=False) -> ProjectSchedule:
    began = time.perf_counter()
    model, starts, finish = _model(problem)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s * 0.7
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    model.minimize(finish)
    if hint:
        for job, value in hint.items():
            if job in starts:
                model.add_hint(starts[job], value)
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        return ProjectSchedule(ProjectStatus.INFEASIBLE, {}, None, 0, False,
                               wall_s=time.perf_counter() - began)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ProjectSchedule(ProjectStatus.UNKNOWN, {}, None, int(solver.best_objective_bound),
                               False, wall_s=time.perf_counter() - began)
    best = int(solver.objective_value)
    bound = int(solver.best_objective_bound)
    values = {job: solver.value(var) for job, var in starts.items()}
    cost = cost_bound = None
    if problem.costs:
        model2, starts2, finish2 = _model(problem)
        model2.add(finish2 <= best)
        terms = _costs(model2, problem, starts2)
        model2.minimize(sum(terms))
        for job, value in values.items():
            model2.add_hint(starts2[job], value)
        solver2 = cp_model.CpSolver()
        solver2.parameters.max_time_in_seconds = max(0.5, time_limit_s * 0.3)
        solver2.parameters.num_workers = workers
        status2 = solver2.solve(model2)
        if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = {job: solver2.value(var) for job, var in starts2.items()}
            cost, cost_bound = int(solver2.objective_value), int(solver2.best_objective_bound)
    optimal = best == bound
    return ProjectSchedule(ProjectStatus.OPTIMAL if optimal else ProjectStatus.FEASIBLE, values,
                           best, bound, optimal, cost, cost_bound,
                           wall_s=time.perf_counter() - began)


def _model(problem):
    m = cp_model.CpModel()
    horizon = problem.horizon_units
    starts, intervals = {}, {}
    for job in problem.jobs:
        domain = (cp_model.Domain.from_intervals([list(r) for r in job.starts]) if job.starts
                  else cp_model.Domain(0, horizon - job.duration_units))
        starts[job.id] = m.new_int_var_from_domain(domain, job.id)
        intervals[job.id] = m.new_fixed_size_interval_var(starts[job.id], job.duration_units, "")
    for lag in problem.lags:
        m.add(starts[lag.after] - starts[lag.before] >= lag.min_units)
        if lag.max_units is not None:
            m.add(starts[lag.after] - starts[lag.before] <= lag.max_units)
    for resource in problem.resources:
        users = [j for j in problem.jobs if j.demands.get(resource.id, 0) > 0]
        if not users:
            continue
        if resource.period_units is None:
            m.add_cumulative([intervals[j.id] for j in users], [j.demands[resource.id] for j in users],
                             resource.capacity)
            continue
        periods = []
        for job in users:
            var = m.new_int_var(0, horizon // resource.period_units + 1, "")
            m.add_division_equality(var, starts[job.id], resource.period_units)
            periods.append(m.new_fixed_size_interval_var(var, 1, ""))
        m.add_cumulative(periods, [j.demands[resource.id] for j in users], resource.capacity)
    duration = {j.id: j.duration_units for j in problem.jobs}
    finish = m.new_int_var(0, horizon, "finish")
    for job in problem.finish or duration:
        m.add(finish >= starts[job] + duration[job])
    return m, starts, finish


def _costs(m, problem, starts):
    terms = []
    for cost in problem.costs:
        if isinstance(cost, PeriodUse):
            count = problem.horizon_units // cost.period_units + 1
            used = [m.new_bool_var("") for _ in range(count)]
            for job in cost.jobs:
                period = m.new_int_var(0, count - 1, "")
                m.add_division_equality(period, starts[job], cost.period_units)
                m.add_element(period, used, 1)
            terms.append(cost.weight * sum(used))
        else:
            inside = m.new_bool_var("")
            domain = cp_model.Domain.from_intervals([list(r) for r in cost.ranges])
            m.add_linear_expression_in_domain(starts[cost.job], domain.complement()
                                              ).only_enforce_if(~inside)
            terms.append(cost.weight * inside)
    return terms
