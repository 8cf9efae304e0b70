// Switchyard board: reads the REST API with the token the user pasted (kept in sessionStorage only) and redraws
// itself every two seconds. Everything from the API goes into the page as text (textContent, DOM nodes); nothing
// from it is parsed as HTML.
"use strict";

(function () {
  const POLL_MS = 2000;
  const AUDIT_WINDOW_MS = 24 * 3600 * 1000;
  const AUDIT_KEEP = 2000;
  const TOKEN_KEY = "switchyard.token";

  const state = {
    token: sessionStorage.getItem(TOKEN_KEY) || "",
    models: [],
    pools: [],
    units: [],
    failover: null,
    plans: {},       // model -> plan in force
    defaultPlans: {}, // model -> plan of the model's default strategy, every pool healthy
    demand: {},      // model -> ModelDemand
    transitions: {}, // model -> adaptive state (adaptive models only)
    audit: new Map(), // seq -> event
    auditSince: null,
    lastUpdate: null,
    timer: null,
    polling: false,
  };

  // MARK: DOM helpers

  function $(id) { return document.getElementById(id); }

  /// Builds an element; attributes are set as properties or attributes, children as nodes or text.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = String(value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    return node;
  }

  /// Replaces a container's children, keeping keyboard focus on the element with the same data-key.
  function redraw(container, ...children) {
    const active = document.activeElement;
    const key = active && container.contains(active) ? active.getAttribute("data-key") : null;
    container.replaceChildren();
    append(container, children);
    if (key) {
      const again = Array.from(container.querySelectorAll("[data-key]")).find((n) => n.getAttribute("data-key") === key);
      if (again) again.focus();
    }
  }

  function table(caption, headers, rows, numeric) {
    const head = el("tr", {}, headers.map((h, i) => el("th", { scope: "col", class: numeric && numeric[i] ? "num" : null, text: h })));
    const body = rows.map((cells) => el("tr", {}, cells.map((cell, i) => {
      const td = el("td", { class: numeric && numeric[i] ? "num" : null });
      append(td, [cell]);
      return td;
    })));
    return el("div", { class: "table-wrap" }, el("table", {}, caption ? el("caption", { text: caption }) : null, el("thead", {}, head), el("tbody", {}, body)));
  }

  function fact(label, value) {
    return el("li", {}, el("span", { class: "label", text: label }), el("span", { class: "value", text: value }));
  }

  // MARK: formatting

  function usd(value, digits) {
    if (typeof value !== "number" || !isFinite(value)) return "—";
    return "$" + value.toFixed(digits === undefined ? 4 : digits);
  }
  function rps(value) {
    if (typeof value !== "number" || !isFinite(value)) return "—";
    return (Math.round(value * 10) / 10).toString();
  }
  function when(text) {
    if (!text) return "—";
    const date = new Date(text);
    if (isNaN(date)) return String(text);
    return date.toLocaleString();
  }
  function ago(text) {
    if (!text) return "";
    const seconds = Math.max(0, Math.round((Date.now() - new Date(text).getTime()) / 1000));
    if (seconds < 90) return seconds + " s ago";
    if (seconds < 5400) return Math.round(seconds / 60) + " min ago";
    if (seconds < 172800) return Math.round(seconds / 3600) + " h ago";
    return Math.round(seconds / 86400) + " d ago";
  }
  function healthBadge(text) {
    const tone = text === "healthy" || text === "cost" ? "good" : text === "short" ? "bad" : "warn";
    return el("span", { class: "badge " + tone, text: text });
  }
  function bar(weight, cls) {
    const span = el("span", { class: "bar" + (cls ? " " + cls : ""), "aria-hidden": "true" });
    // Widths come from numbers, set through the CSSOM, which the style-src policy allows.
    span.style.width = Math.max(0, Math.min(100, Number(weight) || 0)) + "px";
    return span;
  }

  // MARK: API

  class SignedOut extends Error {}

  async function api(path, options) {
    const init = Object.assign({ headers: {} }, options || {});
    init.headers = Object.assign({ Authorization: "Bearer " + state.token, Accept: "application/json" }, init.headers);
    const response = await fetch(path, init);
    if (response.status === 401) throw new SignedOut("The token was not accepted.");
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      let detail = response.status + " " + response.statusText;
      if (type.includes("json")) {
        const problem = await response.json().catch(() => null);
        if (problem && problem.detail) detail = problem.detail + (problem.field ? " (" + problem.field + ")" : "");
      }
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    if (type.includes("json")) return response.json();
    return response.text();
  }

  async function listAll(path) {
    let items = [];
    let cursor = null;
    for (let page = 0; page < 20; page++) {
      const separator = path.includes("?") ? "&" : "?";
      const body = await api(path + separator + "limit=500" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
      items = items.concat(body.items || []);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  // MARK: polling

  async function refresh() {
    if (state.polling || !state.token) return;
    state.polling = true;
    try {
      const [models, pools, units, failover] = await Promise.all([
        listAll("/v1/models"), listAll("/v1/pools"), listAll("/v1/units"), api("/v1/failover"),
      ]);
      state.models = models;
      state.pools = pools;
      state.units = units;
      state.failover = failover;
      await Promise.all(models.map(async (model) => {
        const name = encodeURIComponent(model.name);
        const strategy = (model.routing && model.routing.defaultStrategy) || "cost";
        const [inForce, planned, demand, transition] = await Promise.all([
          api("/v1/models/" + name + "/plan").catch(() => null),
          // The plan of the model's default strategy with every pool healthy: what it runs on when nothing is short.
          api("/v1/what-if", {
            method: "POST", headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ model: model.name, strategy: strategy }),
          }).catch(() => null),
          api("/v1/models/" + name + "/demand?limit=120").catch(() => null),
          model.routing && model.routing.adaptive ? api("/v1/models/" + name + "/transition").catch(() => null) : null,
        ]);
        state.plans[model.name] = inForce;
        state.defaultPlans[model.name] = planned;
        state.demand[model.name] = demand;
        state.transitions[model.name] = transition;
      }));
      await refreshAudit();
      state.lastUpdate = new Date();
      setStatus("Updated " + state.lastUpdate.toLocaleTimeString());
      render();
    } catch (error) {
      if (error instanceof SignedOut) {
        signOut(error.message);
      } else {
        setStatus("Update failed: " + error.message);
      }
    } finally {
      state.polling = false;
    }
  }

  /// Reads the audit from the newest event already held (its time, whole seconds), so each poll asks only for what
  /// is new; the first asks for the last day.
  async function refreshAudit() {
    const since = state.auditSince || new Date(Date.now() - AUDIT_WINDOW_MS).toISOString().replace(/\.\d+Z$/, "Z");
    const events = await listAll("/v1/audit?since=" + encodeURIComponent(since));
    for (const event of events) state.audit.set(event.seq, event);
    if (state.audit.size > AUDIT_KEEP) {
      const keep = Array.from(state.audit.keys()).sort((a, b) => b - a).slice(0, AUDIT_KEEP);
      const kept = new Set(keep);
      for (const seq of Array.from(state.audit.keys())) if (!kept.has(seq)) state.audit.delete(seq);
    }
    const newest = events.length ? events[events.length - 1] : null;
    if (newest && newest.at) state.auditSince = newest.at;
  }

  function newestAudit() {
    return Array.from(state.audit.values()).sort((a, b) => b.seq - a.seq);
  }

  function setStatus(text) { $("status").textContent = text; }

  // MARK: sign-in

  function signIn(token) {
    state.token = token.trim();
    sessionStorage.setItem(TOKEN_KEY, state.token);
    $("sign-in-error").textContent = "";
    showSignedIn();
    refresh();
  }

  function signOut(message) {
    state.token = "";
    sessionStorage.removeItem(TOKEN_KEY);
    state.audit.clear();
    state.auditSince = null;
    clearInterval(state.timer);
    state.timer = null;
    $("sign-in").hidden = false;
    $("nav").hidden = true;
    $("sign-out").hidden = true;
    for (const view of document.querySelectorAll(".view")) view.hidden = true;
    $("sign-in-error").textContent = message || "";
    setStatus("");
    $("token").focus();
  }

  function showSignedIn() {
    $("sign-in").hidden = true;
    $("nav").hidden = false;
    $("sign-out").hidden = false;
    if (!state.timer) state.timer = setInterval(refresh, POLL_MS);
    route();
  }

  // MARK: routing

  function currentRoute() {
    const hash = location.hash.replace(/^#\/?/, "");
    const [section, ...rest] = hash.split("/");
    return { section: section || "fleet", name: rest.length ? decodeURIComponent(rest.join("/")) : null };
  }

  function route() {
    if (!state.token) return;
    const { section } = currentRoute();
    const views = { fleet: "view-fleet", model: "view-model", audit: "view-audit", "what-if": "view-what-if", replay: "view-replay" };
    const active = views[section] || "view-fleet";
    for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== active;
    for (const link of document.querySelectorAll("#nav a")) {
      if (link.getAttribute("href") === "#/" + section) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    render(true);
  }

  // MARK: views

  let lastSignature = "";
  let lastRender = 0;

  /// What the views show, without what changes on every read (the forecast's own time), so an unchanged board is
  /// not rebuilt under the reader's focus and open details.
  function signature() {
    const demand = {};
    for (const [model, d] of Object.entries(state.demand)) {
      const samples = (d && d.samples) || [];
      demand[model] = d ? [samples.length, samples[samples.length - 1], d.forecast && d.forecast.provisionRPS, d.forecast && d.forecast.expectedRPS] : null;
    }
    const seqs = Array.from(state.audit.keys());
    return JSON.stringify([location.hash, state.models, state.pools, state.units, state.failover, state.plans,
      state.defaultPlans, state.transitions, demand, seqs.length, seqs.length ? Math.max(...seqs) : 0]);
  }

  function render(force) {
    if (!state.token || !state.failover) return;
    const now = Date.now();
    const sig = signature();
    // Relative times ("3 min ago") are redrawn at least every half minute.
    if (!force && sig === lastSignature && now - lastRender < 30000) return;
    lastSignature = sig;
    lastRender = now;
    const { section, name } = currentRoute();
    fillModelSelects();
    if (section === "model" && name) renderModel(name);
    else if (section === "audit") renderAudit();
    else if (section === "what-if") renderWhatIfPools();
    else if (section !== "replay") renderFleet();
  }

  function routingOf(model) {
    return (state.failover.models || []).find((m) => m.model === model) || null;
  }

  /// Per unit, the weight in force: the adaptive mix when one is in force, else the plan of the configuration in force.
  function weightsInForce(model) {
    const transition = state.transitions[model];
    if (transition && transition.inForce && transition.inForce.weights && Object.keys(transition.inForce.weights).length) {
      return transition.inForce.weights;
    }
    const plan = state.plans[model];
    const weights = {};
    for (const entry of (plan && plan.entries) || []) weights[entry.unit] = entry.weight;
    return weights;
  }

  function blendedCostPer1k(plan) {
    let weighted = 0;
    let total = 0;
    for (const entry of (plan && plan.entries) || []) {
      weighted += entry.weight * entry.costPer1kInferencesUSD;
      total += entry.weight;
    }
    return total > 0 ? weighted / total : NaN;
  }

  function carried(model) {
    const demand = state.demand[model];
    const samples = (demand && demand.samples) || [];
    return samples.length ? samples[samples.length - 1] : null;
  }

  function renderFleet() {
    const cards = state.models.map((model) => {
      const routing = routingOf(model.name) || {};
      const plan = state.plans[model.name];
      const planned = state.defaultPlans[model.name];
      const inForce = weightsInForce(model.name);
      const plannedWeights = {};
      for (const entry of (planned && planned.entries) || []) plannedWeights[entry.unit] = entry.weight;
      const units = Array.from(new Set(Object.keys(plannedWeights).concat(Object.keys(inForce)))).sort();
      const latest = carried(model.name);
      const transition = state.transitions[model.name];
      const adaptiveInForce = Boolean(model.routing && model.routing.adaptive && transition && transition.inForce &&
        Object.keys(transition.inForce.weights || {}).length);
      const configuration = adaptiveInForce ? "adaptive mix" : (routing.configuration || "cost");
      const rows = units.map((unit) => [
        unit,
        el("span", {}, bar(inForce[unit] || 0), String(inForce[unit] || 0)),
        el("span", {}, bar(plannedWeights[unit] || 0, "plan"), String(plannedWeights[unit] || 0)),
      ]);
      return el("article", { class: "card", "data-model": model.name },
        el("h3", {}, el("a", { href: "#/model/" + encodeURIComponent(model.name), "data-key": "model-" + model.name, text: model.name })),
        el("ul", { class: "facts" },
          el("li", {}, el("span", { class: "label", text: "configuration" }), el("span", { class: "value" }, healthBadge(configuration))),
          fact("since", routing.since ? when(routing.since) + " (" + ago(routing.since) + ")" : "start"),
          fact("$/h", usd(plan && plan.totals && plan.totals.hourlyCostUSD, 2)),
          fact("$ per 1k inferences", usd(blendedCostPer1k(plan), 5)),
          fact("expected rps", rps(plan && plan.demandRPS !== undefined ? plan.demandRPS : model.expectedDemandRPS)),
          fact("capacity rps", rps(plan && plan.totals && plan.totals.capacityRPS)),
          fact("carried rps", latest ? rps(latest.rps) + " (" + ago(latest.observedAt) + ")" : "no samples")),
        routing.detail ? el("p", { class: "hint", text: routing.detail }) : null,
        table("Weights of " + model.name + ": in force, and its " + ((model.routing && model.routing.defaultStrategy) || "cost") +
          " plan with every pool healthy", ["unit", "in force", "plan"], rows, [false, true, true]));
    });
    redraw($("fleet-models"), cards.length ? cards : el("p", { text: "No models registered." }));
    redraw($("fleet-pools"), poolsTable(state.failover.pools || []));
  }

  function poolsTable(pools) {
    return table(null, ["pool", "health", "since", "latest evidence"], pools.map((pool) => {
      const evidence = pool.latestEvidence;
      return [
        pool.pool,
        healthBadge(pool.state),
        pool.since ? when(pool.since) + (pool.healthyAt ? "; healthy at " + when(pool.healthyAt) : "") : "—",
        evidence ? evidence.condition + " from " + evidence.source + " (" + evidence.reason + ") " + ago(evidence.observedAt) +
          (evidence.evidence ? ": " + evidence.evidence : "") : "—",
      ];
    }));
  }

  function renderModel(name) {
    const model = state.models.find((m) => m.name === name);
    $("model-title").textContent = "Model " + name;
    if (!model) {
      redraw($("model-summary"), "No model named " + name + ". ", el("a", { href: "#/fleet", text: "Back to the fleet" }));
      for (const id of ["model-units", "model-pools", "model-demand", "model-timeline"]) redraw($(id));
      return;
    }
    const routing = routingOf(name) || {};
    const plan = state.plans[name];
    redraw($("model-summary"),
      "Configuration ", healthBadge(routing.configuration || "cost"),
      routing.since ? " since " + when(routing.since) : " since start",
      routing.pin ? "; pinned to " + routing.pin : "",
      routing.detail ? ". " + routing.detail : "");

    const inForce = weightsInForce(name);
    const replicas = (state.transitions[name] && state.transitions[name].inForce && state.transitions[name].inForce.replicas) || {};
    const unitsByName = new Map(state.units.map((u) => [u.name, u]));
    const rows = ((plan && plan.entries) || []).map((entry) => {
      const unit = unitsByName.get(entry.unit) || {};
      const desired = replicas[entry.unit] !== undefined ? replicas[entry.unit] : entry.replicas;
      return [
        el("span", {}, el("strong", { text: entry.unit }), el("br"), el("span", { class: "hint", text: (unit.instanceType || "") + " · " + (unit.runtime || "") + " · " + (unit.pool || "") })),
        rps(entry.breakingPointRPS),
        el("ul", {}, (entry.reasons || []).map((reason) => el("li", { text: reason }))),
        usd(entry.hourlyCostUSD, 4),
        usd(entry.costPer1kInferencesUSD, 5),
        el("span", {}, bar(inForce[entry.unit] || 0), String(inForce[entry.unit] !== undefined ? inForce[entry.unit] : entry.weight)),
        rps(entry.expectedRPS),
        desired !== undefined && desired !== null ? String(desired) : "—",
      ];
    });
    const excluded = ((plan && plan.excluded) || []).map((ex) => [ex.unit, ex.reason, ex.detail]);
    redraw($("model-units"),
      table(null, ["unit", "breaking point (rps)", "why", "$/h", "$ per 1k", "weight", "expected rps", "replicas (desired)"],
        rows, [false, true, false, true, true, true, true, true]),
      excluded.length ? table("Units without traffic", ["unit", "reason", "detail"], excluded) : null,
      el("p", { class: "hint", text: "Ready replicas are not reported by the API; desired replicas come from the optimal plan or the adaptive mix." }));

    const poolNames = new Set(state.units.filter((u) => u.model === name).map((u) => u.pool));
    redraw($("model-pools"), poolsTable((state.failover.pools || []).filter((p) => poolNames.has(p.pool))));
    redraw($("model-demand"), demandView(state.demand[name]));

    const events = newestAudit().filter((event) =>
      ((event.kind === "failover" || event.kind === "adaptive") && event.name === name) ||
      (event.kind === "capacity-signal" && poolNames.has(event.name)) ||
      event.kind === "push").slice(0, 100);
    redraw($("model-timeline"), events.length ? events.map(timelineItem) : el("li", { text: "Nothing in the last day." }));
  }

  function timelineItem(event) {
    const failed = /failed/.test(event.action);
    const switching = event.kind === "failover" && /switch/.test(event.action);
    const what = event.kind === "failover" ? (event.action === "switch" ? "switch" : event.action)
      : event.kind + " " + event.action;
    let detail = event.reason || "";
    if (switching && event.after && event.after.configuration) {
      const before = event.before && event.before.configuration ? event.before.configuration : "?";
      detail = before + " → " + event.after.configuration + (detail ? ": " + detail : "");
    } else if (event.kind === "push") {
      detail = event.name + (detail ? ": " + detail : "");
    }
    return el("li", {
      class: [switching ? "switch" : "", failed ? "failed" : ""].join(" ").trim() || null,
      "data-kind": event.kind, "data-action": event.action, "data-seq": event.seq,
    },
    el("time", { datetime: event.at, text: when(event.at) }),
    el("span", { class: "what", text: what }),
    el("span", { text: detail }),
    el("span", { class: "hint", text: " — " + event.actor }));
  }

  function demandView(demand) {
    if (!demand) return el("p", { text: "No demand data." });
    const samples = demand.samples || [];
    const forecast = demand.forecast || {};
    const parts = [];
    parts.push(el("ul", { class: "facts" },
      fact("latest rps", samples.length ? rps(forecast.latestRPS) : "—"),
      fact("level rps", rps(forecast.levelRPS)),
      fact("expected in " + Math.round((forecast.horizonSeconds || 0) / 60) + " min", rps(forecast.expectedRPS)),
      fact("provision for", rps(forecast.provisionRPS)),
      fact("samples", String(forecast.sampleCount || 0))));
    if (samples.length > 1) parts.push(sparkline(samples, forecast));
    parts.push(el("ul", {}, (forecast.explanation || []).map((line) => el("li", { text: line }))));
    return parts;
  }

  function sparkline(samples, forecast) {
    const width = 600;
    const height = 120;
    const times = samples.map((s) => new Date(s.observedAt).getTime());
    const values = samples.map((s) => s.rps);
    const start = Math.min(...times);
    const end = Math.max(Math.max(...times), forecast.at ? new Date(forecast.at).getTime() + (forecast.horizonSeconds || 0) * 1000 : 0);
    const top = Math.max(1, ...values, forecast.provisionRPS || 0) * 1.1;
    const x = (t) => ((t - start) / Math.max(1, end - start)) * (width - 10) + 5;
    const y = (v) => height - 5 - (v / top) * (height - 10);
    const root = svg("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", height: height, role: "img" });
    root.setAttribute("aria-label", "Demand samples and forecast");
    const points = samples.map((s, i) => x(times[i]).toFixed(1) + "," + y(values[i]).toFixed(1)).join(" ");
    root.appendChild(svg("polyline", { points: points, fill: "none", stroke: "#0b57d0", "stroke-width": 2 }));
    if (forecast.at && forecast.expectedRPS !== undefined) {
      const from = times[times.length - 1];
      const to = new Date(forecast.at).getTime() + (forecast.horizonSeconds || 0) * 1000;
      root.appendChild(svg("line", { x1: x(from), y1: y(values[values.length - 1]), x2: x(to), y2: y(forecast.expectedRPS), stroke: "#8a4b00", "stroke-width": 2, "stroke-dasharray": "6 4" }));
      root.appendChild(svg("line", { x1: x(from), y1: y(forecast.provisionRPS || 0), x2: x(to), y2: y(forecast.provisionRPS || 0), stroke: "#b3261e", "stroke-width": 1 }));
    }
    return el("figure", {}, root, el("figcaption", { class: "hint", text: "Observed rps (solid), forecast (dashed), rate to provision for (red)." }));
  }

  // MARK: audit feed

  function renderAudit() {
    const kinds = new Set(Array.from(state.audit.values()).map((e) => e.kind));
    const select = $("audit-kind");
    const present = new Set(Array.from(select.options).map((o) => o.value));
    for (const kind of Array.from(kinds).sort()) if (!present.has(kind)) select.appendChild(el("option", { value: kind, text: kind }));
    const kind = select.value;
    const name = $("audit-name").value.trim();
    const actor = $("audit-actor").value.trim();
    const text = $("audit-text").value.trim().toLowerCase();
    const events = newestAudit().filter((event) =>
      (!kind || event.kind === kind) && (!name || event.name === name) && (!actor || event.actor === actor) &&
      (!text || JSON.stringify(event).toLowerCase().includes(text)));
    const open = new Set(Array.from($("audit-feed").querySelectorAll("details[open]")).map((d) => d.getAttribute("data-seq")));
    $("audit-count").textContent = events.length + " of " + state.audit.size + " events of the last day, newest first";
    redraw($("audit-feed"), events.slice(0, 200).map((event) => el("details", { class: "audit-event", "data-seq": event.seq, open: open.has(String(event.seq)) },
      el("summary", { "data-key": "audit-" + event.seq },
        el("time", { datetime: event.at, text: when(event.at) }), " ",
        el("strong", { text: event.kind + " " + event.action }), " " + event.name + " by " + event.actor,
        event.reason ? " — " + event.reason : ""),
      el("pre", { text: JSON.stringify({ before: event.before, after: event.after, requestID: event.requestID, seq: event.seq, hash: event.hash }, null, 2) }))));
  }

  // MARK: forms

  function fillModelSelects() {
    for (const select of document.querySelectorAll(".model-select")) {
      const names = state.models.map((m) => m.name);
      const current = Array.from(select.options).map((o) => o.value);
      if (current.join("\n") === names.join("\n")) continue;
      const chosen = select.value;
      select.replaceChildren(...names.map((n) => el("option", { value: n, text: n })));
      if (names.includes(chosen)) select.value = chosen;
    }
  }

  function renderWhatIfPools() {
    const box = $("what-if-pools");
    const names = state.pools.map((p) => p.name);
    const current = Array.from(box.querySelectorAll("input")).map((i) => i.value);
    if (current.join("\n") === names.join("\n")) return;
    box.replaceChildren(...names.map((n) => el("label", {}, el("input", { type: "checkbox", name: "shortPools", value: n }), n)));
  }

  function list(text) {
    return text.split(",").map((s) => s.trim()).filter((s) => s.length);
  }

  async function submitWhatIf(event) {
    event.preventDefault();
    const form = event.target;
    const body = { model: form.model.value, strategy: form.strategy.value };
    if (form.demandRPS.value !== "") body.demandRPS = Number(form.demandRPS.value);
    if (form.headroom.value !== "") body.headroom = Number(form.headroom.value);
    const short = Array.from(form.querySelectorAll("input[name=shortPools]:checked")).map((i) => i.value);
    if (short.length) body.overrides = { shortPools: short };
    $("what-if-error").textContent = "";
    redraw($("what-if-result"), el("p", { text: "Planning…" }));
    try {
      const plan = await api("/v1/what-if", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      redraw($("what-if-result"),
        el("ul", { class: "facts" },
          fact("strategy", plan.strategy), fact("$/h", usd(plan.totals.hourlyCostUSD, 2)),
          fact("capacity rps", rps(plan.totals.capacityRPS)), fact("$ per 1k inferences", usd(blendedCostPer1k(plan), 5))),
        table(null, ["unit", "weight", "expected rps", "replicas", "$/h", "$ per 1k"],
          plan.entries.map((e) => [e.unit, el("span", {}, bar(e.weight), String(e.weight)), rps(e.expectedRPS),
            e.replicas !== undefined ? String(e.replicas) : "—", usd(e.hourlyCostUSD, 4), usd(e.costPer1kInferencesUSD, 5)]),
          [false, true, true, true, true, true]),
        (plan.excluded || []).length ? table("Units without traffic", ["unit", "reason", "detail"], plan.excluded.map((x) => [x.unit, x.reason, x.detail])) : null,
        (plan.notes || []).length ? el("ul", {}, plan.notes.map((n) => el("li", { text: n }))) : null);
    } catch (error) {
      redraw($("what-if-result"));
      if (error instanceof SignedOut) signOut(error.message);
      else $("what-if-error").textContent = error.message;
    }
  }

  let replayImage = null;

  async function submitReplay(event) {
    event.preventDefault();
    const form = event.target;
    const body = { model: form.model.value, patterns: list(form.patterns.value), outages: list(form.outages.value) };
    if (form.duration.value.trim()) body.duration = form.duration.value.trim();
    if (form.step.value.trim()) body.step = form.step.value.trim();
    const button = form.querySelector("button");
    button.disabled = true;
    $("replay-error").textContent = "";
    redraw($("replay-result"), el("p", { text: "Replaying…" }));
    try {
      const request = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
      const result = await api("/v1/replays", request);
      redraw($("replay-result"), table(null,
        ["strategy", "total cost", "$ per 1M", "dropped requests", "within SLO", "switches", "peak nodes"],
        (result.results || []).map((r) => [r.strategy, usd(r.totalCostUSD, 2), usd(r.costPerMillionInferencesUSD, 2),
          String(Math.round(r.droppedRequests)), (r.servedWithinSLOShare * 100).toFixed(1) + " %", String(r.switchCount), String(r.peakNodes)]),
        [false, true, true, true, true, true, true]));
      const drawing = await api("/v1/replays", Object.assign({}, request, { headers: { "Content-Type": "application/json", Accept: "image/svg+xml" } }));
      // The SVG is shown as an image from a blob: an <img> never runs what a document holds.
      if (replayImage) URL.revokeObjectURL(replayImage);
      replayImage = URL.createObjectURL(new Blob([drawing], { type: "image/svg+xml" }));
      $("replay-svg").src = replayImage;
      $("replay-figure").hidden = false;
    } catch (error) {
      redraw($("replay-result"));
      if (error instanceof SignedOut) signOut(error.message);
      else $("replay-error").textContent = error.message;
    } finally {
      button.disabled = false;
    }
  }

  // MARK: start

  document.addEventListener("DOMContentLoaded", () => {
    $("sign-in-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const token = $("token").value;
      $("token").value = "";
      if (token.trim()) signIn(token);
    });
    $("sign-out").addEventListener("click", () => signOut("Signed out."));
    $("audit-filter").addEventListener("input", renderAudit);
    $("audit-filter").addEventListener("submit", (event) => { event.preventDefault(); renderAudit(); });
    $("what-if-form").addEventListener("submit", submitWhatIf);
    $("replay-form").addEventListener("submit", submitReplay);
    window.addEventListener("hashchange", () => { route(); $("main").focus({ preventScroll: true }); });
    if (state.token) {
      showSignedIn();
      refresh();
    } else {
      signOut("");
    }
  });
})();
