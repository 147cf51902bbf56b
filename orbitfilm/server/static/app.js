// The office's only script (the policy allows no inline one): the session's CSRF token on
// every htmx request, and a re-plan's progress followed as Server-Sent Events.
"use strict";

document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) event.detail.headers["X-CSRF-Token"] = meta.content;
});

function followJob(box) {
  const stages = document.getElementById("job-stages");
  const status = document.getElementById("job-status");
  const best = document.getElementById("job-best");
  const result = document.getElementById("job-result");
  const seen = stages.children.length;
  let count = 0;
  const source = new EventSource(box.dataset.events);
  const add = (text) => {
    const item = document.createElement("li");
    item.textContent = text;
    stages.appendChild(item);
  };
  source.addEventListener("progress", (message) => {
    count += 1;
    if (count <= seen) return;           // already on the page when it was served
    const event = JSON.parse(message.data);
    status.textContent = "running";
    if (event.stage) add(`${event.stage} (${event.at_s} s)`);
    else best.textContent = `best schedule so far: ${event.objective.toLocaleString()}` +
      (event.bound != null ? ` (bound ${event.bound.toLocaleString()})` : "");
  });
  source.addEventListener("done", (message) => {
    source.close();
    const done = JSON.parse(message.data);
    status.textContent = "done";
    const link = document.createElement("a");
    link.href = `/p/${box.dataset.production}/versions/${done.version}`;
    link.id = "review";
    link.textContent = `Review version ${done.version}: ${done.diff.moved.length} moved, ` +
      `${done.diff.dropped.length} dropped (solved in ${done.solve_s} s)`;
    result.replaceChildren(link);
  });
  source.addEventListener("failed", (message) => {
    source.close();
    status.textContent = "failed";
    const line = document.createElement("span");
    line.className = "error";
    line.textContent = JSON.parse(message.data).error;
    result.replaceChildren(line);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("job");
  if (box && !["done", "failed"].includes(document.getElementById("job-status").textContent)) {
    followJob(box);
  }
});
