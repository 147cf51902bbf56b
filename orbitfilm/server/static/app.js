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

// The stripboard: a strip dragged onto another shooting day of the stay is moved there
// (its "move to" choice set, the row placed before that day's break); the form sends it.
function dragStrips(board) {
  let dragged = null;
  board.querySelectorAll("tr[draggable=true]").forEach((row) => {
    row.addEventListener("dragstart", (event) => {
      dragged = row;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.dataset.scene);
    });
    row.addEventListener("dragend", () => { dragged = null; });
  });
  board.querySelectorAll("tbody.day").forEach((day) => {
    const accepts = () => dragged !== null && day.dataset.kind !== "ground" &&
      (day.dataset.date === dragged.dataset.date ||
       dragged.querySelector(`option[value="${day.dataset.date}"]`) !== null);
    day.addEventListener("dragover", (event) => {
      if (!accepts()) return;
      event.preventDefault();
      day.classList.add("drop-target");
    });
    day.addEventListener("dragleave", () => day.classList.remove("drop-target"));
    day.addEventListener("drop", (event) => {
      event.preventDefault();
      day.classList.remove("drop-target");
      if (!accepts()) return;
      const select = dragged.querySelector("select");
      const home = day.dataset.date === dragged.dataset.date;
      select.value = home ? "" : day.dataset.date;
      dragged.classList.toggle("moved", !home);
      day.insertBefore(dragged, day.querySelector("tr.strip-day-break"));
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const board = document.querySelector("#replan-form .strips");
  if (board) dragStrips(board);
  const box = document.getElementById("job");
  if (box && !["done", "failed"].includes(document.getElementById("job-status").textContent)) {
    followJob(box);
  }
});
