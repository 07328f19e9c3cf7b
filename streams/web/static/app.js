// claimwatch page: live alerts (server-sent events) and a company's claims over time (SVG).
// Everything that came from a feed is put in the page as text (textContent / text nodes),
// never parsed as HTML; links are kept only when they are http(s).
"use strict";

(() => {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const DAY_MS = 86400000;
  const MAX_SHOWN = 500;
  const ALERT_TYPES = ["new_claim", "timeline_changed", "value_changed", "status_changed"];

  const state = {
    alerts: [], // oldest first
    ids: new Set(),
    timelineEntity: null,
    timelinePicked: false, // by the user, or by the page's address
    datedEntities: new Set(), // companies with at least one dated alert
    startedAt: Date.now(),
  };

  const $ = (id) => document.getElementById(id);
  const ui = {
    status: $("status"),
    count: $("count"),
    list: $("alerts"),
    empty: $("alerts-empty"),
    topic: $("filter-topic"),
    entity: $("filter-entity"),
    type: $("filter-type"),
    timelineEntity: $("timeline-entity"),
    chart: $("timeline-chart"),
    undated: $("timeline-undated"),
    detail: $("timeline-detail"),
  };

  // ---- DOM helpers: children are nodes or plain text, attributes are set one by one ----

  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    return append(node, children);
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    return append(node, children);
  }

  function safeUrl(text) {
    try {
      const url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch {
      return null;
    }
  }

  // ---- words ----

  const words = (id) => String(id).replaceAll("_", " ");

  function when(time, mod) {
    if (!time) return "no date";
    return mod ? `${time} (${words(mod).toLowerCase()})` : time;
  }

  function claimTitle(kind, object) {
    return object ? `${words(kind)} · ${object}` : words(kind);
  }

  function delta(days) {
    const size = Math.abs(days);
    const sign = days > 0 ? "+" : days < 0 ? "−" : "±";
    if (size < 60) return `${sign}${size} days`;
    const months = Math.round(size / 30.44);
    return months < 24 ? `${sign}${months} months` : `${sign}${(months / 12).toFixed(1)} years`;
  }

  // A change lists the previous evidence first and the new last (see the Alert record).
  function splitEvidence(alert) {
    if (alert.type === "new_claim") return [[], alert.evidence];
    return [alert.evidence.slice(0, -1), alert.evidence.slice(-1)];
  }

  // ---- alerts ----

  function evidenceList(items) {
    return el(
      "ul",
      { class: "evidence" },
      items.map((e) => {
        const url = e.url ? safeUrl(e.url) : null;
        const date = e.published ? e.published.slice(0, 10) : "undated";
        const source = url
          ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, new URL(url).host)
          : e.article_id;
        return el(
          "li",
          {},
          el("span", { class: "tag lang" }, e.lang),
          " ",
          el("blockquote", { lang: e.lang }, `“${e.sentence}”`),
          el("span", { class: "source" }, source, " · ", date),
        );
      }),
    );
  }

  function changeOf(alert) {
    if (alert.type === "timeline_changed") {
      return [when(alert.previous_time, alert.previous_mod), when(alert.time, alert.mod)];
    }
    if (alert.type === "value_changed") return [alert.previous_value || "—", alert.value || "—"];
    if (alert.type === "status_changed") return [alert.previous_status || "—", alert.status || "—"];
    return null;
  }

  function alertItem(alert, fresh) {
    const classes = ["alert", alert.type];
    if (alert.refinement) classes.push("narrowed");
    if (fresh) classes.push("fresh");
    const head = el(
      "div",
      { class: "alert-head" },
      el("span", { class: "tag type" }, words(alert.type)),
      el("span", { class: "tag" }, alert.topic),
      alert.hedged ? el("span", { class: "tag hedged" }, "unconfirmed") : null,
      el("span", { class: "what" }, `${alert.entity} · ${claimTitle(alert.kind, alert.object)}`),
      el("time", { class: "when", datetime: alert.created_at }, new Date(alert.created_at).toLocaleString()),
    );
    const change = changeOf(alert);
    if (change === null) {
      const facts = [when(alert.time, alert.mod), alert.value, alert.status].filter(Boolean).join(" · ");
      return el("li", { class: classes.join(" "), "data-alert-id": alert.alert_id },
        head, el("p", { class: "claim" }, facts), evidenceList(alert.evidence));
    }
    const [before, after] = splitEvidence(alert);
    const side = (name, title, value, evidence) =>
      el("div", { class: `side ${name}` }, el("h3", {}, title), el("p", { class: "claim" }, value),
        evidenceList(evidence));
    return el(
      "li",
      { class: classes.join(" "), "data-alert-id": alert.alert_id },
      head,
      el("div", { class: "change" },
        side("before", "before", change[0], before),
        el("span", { class: "arrow", "aria-label": "became" }, "→"),
        side("after", "now", change[1], after)),
    );
  }

  function matches(alert) {
    return (
      (!ui.topic.value || alert.topic === ui.topic.value) &&
      (!ui.entity.value || alert.entity === ui.entity.value) &&
      (!ui.type.value || alert.type === ui.type.value)
    );
  }

  function renderList() {
    const shown = [];
    for (let i = state.alerts.length - 1; i >= 0 && shown.length < MAX_SHOWN; i--) {
      const alert = state.alerts[i];
      if (matches(alert)) shown.push(alertItem(alert, false));
    }
    ui.list.replaceChildren(...shown);
    ui.empty.hidden = shown.length > 0;
  }

  function addOption(select, value, label) {
    if ([...select.options].some((o) => o.value === value)) return;
    select.append(el("option", { value }, label || value));
  }

  function addAlert(alert) {
    if (state.ids.has(alert.alert_id)) return;
    state.ids.add(alert.alert_id);
    state.alerts.push(alert);
    addOption(ui.topic, alert.topic);
    addOption(ui.entity, alert.entity);
    addOption(ui.timelineEntity, alert.entity);
    ui.count.textContent = `${state.alerts.length} alerts`;
    if (matches(alert)) {
      ui.list.prepend(alertItem(alert, Date.now() - state.startedAt > 3000));
      ui.empty.hidden = true;
    }
    if (alert.time) state.datedEntities.add(alert.entity);
    // Until someone picks a company, show the first one that has a dated claim.
    const shown = state.timelineEntity;
    const better = alert.time && !state.datedEntities.has(shown) && alert.entity !== shown;
    if (!state.timelinePicked && (shown === null || better)) chooseEntity(alert.entity, false);
    else if (alert.entity === shown) scheduleTimeline();
  }

  function connect() {
    const source = new EventSource("/api/alerts/stream");
    source.addEventListener("open", () => {
      ui.status.textContent = "live";
      ui.status.classList.add("live");
    });
    source.addEventListener("error", () => {
      ui.status.textContent = "reconnecting…";
      ui.status.classList.remove("live");
    });
    source.addEventListener("alert", (event) => addAlert(JSON.parse(event.data)));
  }

  // ---- timeline ----

  let timelineTimer = null;

  function scheduleTimeline() {
    clearTimeout(timelineTimer);
    timelineTimer = setTimeout(loadTimeline, 400);
  }

  function chooseEntity(entity, picked = true) {
    state.timelinePicked = state.timelinePicked || picked;
    state.timelineEntity = entity;
    addOption(ui.timelineEntity, entity);
    ui.timelineEntity.value = entity;
    const path = `/timeline/${encodeURIComponent(entity)}`;
    if (location.pathname !== path) history.replaceState(null, "", path);
    scheduleTimeline();
  }

  async function loadTimeline() {
    const entity = state.timelineEntity;
    if (!entity) return;
    const response = await fetch(`/api/timeline/${encodeURIComponent(entity)}`);
    if (!response.ok) return;
    const timeline = await response.json();
    if (entity === state.timelineEntity) drawTimeline(timeline);
  }

  function showDetail(...children) {
    ui.detail.replaceChildren(...children);
  }

  function pointDetail(lane, point) {
    showDetail(
      el("h3", {}, `${claimTitle(lane.kind, lane.object)}: ${when(point.time, point.mod)}`),
      el("p", { class: "hint" }, `covers ${point.start} – ${point.end}`,
        point.current ? " · the claim as it stands" : " · replaced later",
        point.hedged ? " · unconfirmed" : ""),
      evidenceList(point.evidence),
    );
  }

  function shiftDetail(lane, shift) {
    const side = (name, title, value, evidence) =>
      el("div", { class: `side ${name}` }, el("h3", {}, title), el("p", { class: "claim" }, value),
        evidenceList(evidence));
    showDetail(
      el("h3", {}, `${claimTitle(lane.kind, lane.object)}: ${words(shift.direction)} (${delta(shift.days)})`),
      el("div", { class: "change" },
        side("before", "before", when(shift.from_time, shift.from_mod), shift.evidence_before),
        el("span", { class: "arrow" }, "→"),
        side("after", "now", when(shift.to_time, shift.to_mod), shift.evidence_after)),
    );
  }

  function select(node) {
    for (const old of ui.chart.querySelectorAll(".selected")) old.classList.remove("selected");
    node.classList.add("selected");
  }

  function drawTimeline(timeline) {
    ui.undated.textContent = timeline.undated.length
      ? `Also claimed, without a date: ${timeline.undated
          .map((key) => { const [, topic, kind, object] = key.split("|"); return `${claimTitle(kind, object)} (${topic})`; })
          .join("; ")}`
      : "";
    if (!timeline.lanes.length) {
      ui.chart.replaceChildren(el("p", { class: "empty" }, `No dated claim about ${timeline.entity} yet.`));
      return;
    }
    const labelWidth = 210;
    const width = Math.max(ui.chart.clientWidth - 2, 680);
    const plot = width - labelWidth - 40;
    const laneHeight = 74;
    const top = 34;
    const height = top + timeline.lanes.length * laneHeight + 8;
    const first = Date.parse(timeline.start);
    const last = Date.parse(timeline.end) + DAY_MS;
    const pad = Math.max((last - first) * 0.08, 45 * DAY_MS);
    const lo = first - pad;
    const hi = last + pad;
    const x = (iso) => labelWidth + ((Date.parse(iso) - lo) / (hi - lo)) * plot;
    const dayAfter = (iso) => new Date(Date.parse(iso) + DAY_MS).toISOString();
    const mid = (start, end) => (x(start) + x(dayAfter(end))) / 2;

    const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": `Claims of ${timeline.entity} over time` });
    const defs = svg("defs");
    for (const name of ["later", "earlier", "narrowed", "same"]) {
      defs.append(svg("marker", { id: `arrow-${name}`, viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerWidth: 11, markerHeight: 11, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
        svg("path", { d: "M0,0 L10,5 L0,10 z", class: `shift-head ${name}` })));
    }
    root.append(defs);

    const axis = svg("g", { class: "axis" });
    const firstYear = new Date(lo).getUTCFullYear();
    const lastYear = new Date(hi).getUTCFullYear();
    const yearPixels = (plot * 365 * DAY_MS) / (hi - lo);
    const quarters = yearPixels >= 4 * 34; // room for a label per quarter
    const yearStep = Math.max(1, Math.ceil(40 / yearPixels)); // years between labels
    for (let year = firstYear; year <= lastYear + 1; year++) {
      for (let q = 0; q < (quarters ? 4 : 1); q++) {
        const iso = `${year}-${String(q * 3 + 1).padStart(2, "0")}-01`;
        const at = x(iso);
        if (at < labelWidth || at > width - 20) continue;
        axis.append(svg("line", { x1: at, x2: at, y1: top - 8, y2: height, opacity: q ? 0.5 : 1 }));
        if (q || year % yearStep === 0) {
          axis.append(svg("text", { x: at + 3, y: top - 12 }, q ? `Q${q + 1}` : String(year)));
        }
      }
    }
    root.append(axis);

    const today = new Date().toISOString().slice(0, 10);
    if (Date.parse(today) > lo && Date.parse(today) < hi) {
      root.append(svg("g", { class: "today" },
        svg("line", { x1: x(today), x2: x(today), y1: top - 8, y2: height }),
        svg("text", { x: x(today) + 3, y: height - 4 }, "today")));
    }

    timeline.lanes.forEach((lane, index) => {
      const y = top + index * laneHeight + laneHeight / 2 + 8;
      const group = svg("g", { class: "lane", "data-key": lane.key });
      group.append(svg("line", { class: "lane-rule", x1: 0, x2: width, y1: y + laneHeight / 2 - 8, y2: y + laneHeight / 2 - 8 }));
      group.append(svg("text", { class: "lane-label", x: 8, y: y - 4 }, claimTitle(lane.kind, lane.object)));
      group.append(svg("text", { class: "lane-topic", x: 8, y: y + 12 }, lane.topic));
      if (lane.slipped) group.append(svg("text", { class: "slipped-badge", x: 8, y: y + 27 }, "▲ schedule slipped"));

      lane.shifts.forEach((shift) => {
        const x1 = mid(shift.from_start, shift.from_end);
        const x2 = mid(shift.to_start, shift.to_end);
        const bend = y - 30;
        const d = `M${x1},${y - 9} C${x1},${bend} ${x2},${bend} ${x2},${y - 9}`;
        const label = shift.direction === "narrowed" ? "more precise" : delta(shift.days);
        const arrow = svg("g", { class: `shift-group ${shift.direction}`, tabindex: 0 },
          svg("title", {}, `${when(shift.from_time, shift.from_mod)} → ${when(shift.to_time, shift.to_mod)} (${label})`),
          svg("path", { class: "shift-hit", d }),
          svg("path", { class: `shift ${shift.direction}`, d, "marker-end": `url(#arrow-${shift.direction})` }),
          svg("text", { class: `shift-label ${shift.direction}`, x: (x1 + x2) / 2, y: bend + 2,
            "text-anchor": "middle" }, label));
        arrow.addEventListener("click", () => { select(arrow); shiftDetail(lane, shift); });
        group.append(arrow);
      });

      lane.points.forEach((point, n) => {
        const kind = point.current ? "current" : "superseded";
        const x1 = x(point.start);
        const x2 = x(dayAfter(point.end));
        group.append(svg("rect", { class: `span ${kind}`, x: x1, y: y - 5, width: Math.max(x2 - x1, 2), height: 10, rx: 3 }));
        const dot = svg("circle", { class: `dot ${kind}${point.hedged ? " hedged" : ""}`, cx: (x1 + x2) / 2, cy: y, r: 7,
          tabindex: 0, "data-time": point.time },
          svg("title", {}, `${when(point.time, point.mod)}: ${point.evidence.map((e) => e.sentence).join(" / ")}`));
        dot.addEventListener("click", () => { select(dot); pointDetail(lane, point); });
        group.append(dot);
        group.append(svg("text", { class: "point-label", x: (x1 + x2) / 2, y: y + 22 + (n % 2) * 12,
          "text-anchor": "middle" }, when(point.time, point.mod)));
      });
      root.append(group);
    });
    ui.chart.replaceChildren(root);
  }

  // ---- start ----

  for (const type of ALERT_TYPES) addOption(ui.type, type, words(type));
  for (const select of [ui.topic, ui.entity, ui.type]) select.addEventListener("change", renderList);
  ui.timelineEntity.addEventListener("change", () => chooseEntity(ui.timelineEntity.value));
  window.addEventListener("resize", scheduleTimeline);
  const opened = location.pathname.match(/^\/timeline\/(.+)$/);
  if (opened) chooseEntity(decodeURIComponent(opened[1]));
  connect();
})();
