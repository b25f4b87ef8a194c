/* newsgraph interactive graph page: a small force layout drawn in SVG, no libraries, no network.
   Every text from the data goes through textContent, never innerHTML. */
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = data.nodes, edges = data.edges, byId = {}, incident = {};
  var undirected = {};
  data.undirected.forEach(function (t) { undirected[t] = true; });
  nodes.forEach(function (n) { byId[n.id] = n; incident[n.id] = []; });
  edges.forEach(function (e) { incident[e.source].push(e); if (e.target !== e.source) incident[e.target].push(e); });
  var hiddenLabels = {}, hiddenRels = {}, selected = null;
  var svg = document.getElementById("canvas"), viewport = document.getElementById("viewport");
  var view = { x: 0, y: 0, k: 1 };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function style(label) { return data.styles[label] || data.styles._default; }
  function relColor(type) { return data.rel_colors[type] || data.default_rel_color; }
  function short(text, n) { text = String(text); return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  /* -- layout: spiral start, then springs + repulsion (grid cut-off when large) + gravity -- */
  function layout() {
    var n = nodes.length, ticks = n <= 300 ? 300 : n <= 1000 ? 160 : 80, link = 70, charge = 2200;
    nodes.forEach(function (d, i) {
      var r = 14 * Math.sqrt(i + 0.5), a = i * 2.399963;
      d.x = r * Math.cos(a); d.y = r * Math.sin(a); d.vx = 0; d.vy = 0;
    });
    var cell = 160;
    for (var t = 0; t < ticks; t++) {
      var alpha = 1 - t / ticks;
      if (n <= 700) {
        for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) repel(nodes[i], nodes[j], charge, alpha);
      } else {
        var grid = {};
        nodes.forEach(function (d) {
          var key = Math.floor(d.x / cell) + "," + Math.floor(d.y / cell);
          (grid[key] = grid[key] || []).push(d);
        });
        nodes.forEach(function (d) {
          var gx = Math.floor(d.x / cell), gy = Math.floor(d.y / cell);
          for (var dx = -1; dx <= 1; dx++) for (var dy = -1; dy <= 1; dy++) {
            (grid[(gx + dx) + "," + (gy + dy)] || []).forEach(function (o) { if (o.id < d.id) repel(d, o, charge, alpha); });
          }
        });
      }
      edges.forEach(function (e) {
        var s = byId[e.source], d = byId[e.target];
        var dx = d.x - s.x, dy = d.y - s.y, dist = Math.sqrt(dx * dx + dy * dy) || 1;
        var f = (dist - link) / dist * 0.06 * alpha;
        s.vx += dx * f; s.vy += dy * f; d.vx -= dx * f; d.vy -= dy * f;
      });
      nodes.forEach(function (d) {
        d.vx -= d.x * 0.004 * alpha; d.vy -= d.y * 0.004 * alpha;
        d.vx *= 0.6; d.vy *= 0.6;
        d.x += Math.max(-30, Math.min(30, d.vx)); d.y += Math.max(-30, Math.min(30, d.vy));
      });
    }
  }
  function repel(a, b, charge, alpha) {
    var dx = b.x - a.x, dy = b.y - a.y, d2 = dx * dx + dy * dy;
    if (d2 < 1) { dx = 0.7; dy = 0.3; d2 = 1; }
    var f = charge * alpha / d2 / Math.sqrt(d2);
    a.vx -= dx * f; a.vy -= dy * f; b.vx += dx * f; b.vy += dy * f;
  }

  /* -- drawing -- */
  function draw() {
    var edgeLayer = document.getElementById("edges"), nodeLayer = document.getElementById("nodes");
    edges.forEach(function (e) {
      var line = svgEl("line", { "class": "edge", "data-id": e.id, "data-type": e.type, stroke: relColor(e.type) });
      if (!undirected[e.type]) line.setAttribute("marker-end", "url(#arrow)");
      var title = svgEl("title"); title.textContent = e.type; line.appendChild(title);
      e.line = line; edgeLayer.appendChild(line);
    });
    nodes.forEach(function (n) {
      var s = style(n.label), g = svgEl("g", { "class": "node", "data-id": n.id, "data-label": n.label });
      g.appendChild(svgEl("circle", { r: s.size * 0.8, fill: s.color }));
      var text = svgEl("text", { x: s.size * 0.8 + 3, y: 3 });
      text.textContent = short(n.caption, 28);
      var title = svgEl("title"); title.textContent = n.caption + " (" + n.label + ")";
      g.appendChild(text); g.appendChild(title);
      n.g = g; nodeLayer.appendChild(g);
      g.addEventListener("mousedown", function (ev) { startDrag(ev, n); });
      g.addEventListener("click", function (ev) { ev.stopPropagation(); if (!n.moved) select(n.id); });
    });
    place();
  }
  function place() {
    nodes.forEach(function (n) { n.g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
    edges.forEach(placeEdge);
  }
  function placeEdge(e) {
    var s = byId[e.source], d = byId[e.target], r = style(d.label).size * 0.8 + 2;
    var dx = d.x - s.x, dy = d.y - s.y, dist = Math.sqrt(dx * dx + dy * dy) || 1;
    e.line.setAttribute("x1", s.x.toFixed(1)); e.line.setAttribute("y1", s.y.toFixed(1));
    e.line.setAttribute("x2", (d.x - dx / dist * r).toFixed(1)); e.line.setAttribute("y2", (d.y - dy / dist * r).toFixed(1));
  }
  function applyView() { viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")"); }
  function fit() {
    if (!nodes.length) return;
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var x0 = Math.min.apply(null, xs) - 40, x1 = Math.max.apply(null, xs) + 120;
    var y0 = Math.min.apply(null, ys) - 40, y1 = Math.max.apply(null, ys) + 40;
    var w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    view.k = Math.min(2, Math.min(w / (x1 - x0), h / (y1 - y0)));
    view.x = (w - (x1 + x0) * view.k) / 2; view.y = (h - (y1 + y0) * view.k) / 2;
    applyView();
  }

  /* -- interaction: pan, zoom, drag -- */
  var drag = null;
  function point(ev) { return { x: (ev.clientX - svg.getBoundingClientRect().left - view.x) / view.k,
                                y: (ev.clientY - svg.getBoundingClientRect().top - view.y) / view.k }; }
  function startDrag(ev, n) { ev.stopPropagation(); drag = { node: n, start: point(ev) }; n.moved = false; }
  svg.addEventListener("mousedown", function (ev) { drag = { pan: true, cx: ev.clientX, cy: ev.clientY, x: view.x, y: view.y };
                                                     svg.classList.add("panning"); });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    if (drag.pan) { view.x = drag.x + ev.clientX - drag.cx; view.y = drag.y + ev.clientY - drag.cy; applyView(); return; }
    var p = point(ev);
    if (Math.abs(p.x - drag.start.x) + Math.abs(p.y - drag.start.y) > 2) drag.node.moved = true;
    drag.node.x = p.x; drag.node.y = p.y;
    drag.node.g.setAttribute("transform", "translate(" + p.x.toFixed(1) + "," + p.y.toFixed(1) + ")");
    incident[drag.node.id].forEach(placeEdge);
  });
  window.addEventListener("mouseup", function () { drag = null; svg.classList.remove("panning"); });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = svg.getBoundingClientRect(), mx = ev.clientX - rect.left, my = ev.clientY - rect.top;
    var k = Math.max(0.05, Math.min(8, view.k * Math.exp(-ev.deltaY * 0.0015)));
    view.x = mx - (mx - view.x) * k / view.k; view.y = my - (my - view.y) * k / view.k; view.k = k; applyView();
  }, { passive: false });
  svg.addEventListener("click", function () { select(null); });

  /* -- filters -- */
  function counts(list, key) { var c = {}; list.forEach(function (x) { c[x[key]] = (c[x[key]] || 0) + 1; }); return c; }
  function filterBox(container, name, color, count, isLine, onChange) {
    var box = el("input", { type: "checkbox", "data-filter": name }); box.checked = true;
    box.addEventListener("change", function () { onChange(!box.checked); refresh(); });
    var label = el("label"); label.appendChild(box);
    label.appendChild(el("span", { "class": "swatch" + (isLine ? " line" : ""), style: "background:" + color }));
    label.appendChild(el("span", {}, name)); label.appendChild(el("span", { "class": "count" }, count));
    container.appendChild(label);
  }
  function buildFilters() {
    var lc = counts(nodes, "label"), rc = counts(edges, "type");
    Object.keys(lc).sort().forEach(function (l) {
      filterBox(document.getElementById("label-filters"), l, style(l).color, lc[l], false, function (h) { hiddenLabels[l] = h; });
    });
    Object.keys(rc).sort().forEach(function (t) {
      filterBox(document.getElementById("rel-filters"), t, relColor(t), rc[t], true, function (h) { hiddenRels[t] = h; });
    });
  }
  function visibleNode(n) { return !hiddenLabels[n.label]; }
  function visibleEdge(e) { return !hiddenRels[e.type] && visibleNode(byId[e.source]) && visibleNode(byId[e.target]); }
  function refresh() {
    var vn = 0, ve = 0;
    nodes.forEach(function (n) { var v = visibleNode(n); n.g.classList.toggle("hidden", !v); if (v) vn++; });
    edges.forEach(function (e) { var v = visibleEdge(e); e.line.classList.toggle("hidden", !v); if (v) ve++; });
    var stats = document.getElementById("stats");
    stats.dataset.nodes = nodes.length; stats.dataset.edges = edges.length;
    stats.dataset.visibleNodes = vn; stats.dataset.visibleEdges = ve;
    stats.textContent = vn + " of " + nodes.length + " nodes · " + ve + " of " + edges.length + " edges";
  }

  /* -- search -- */
  function haystack(n) {
    var a = n.attrs, parts = [n.id, n.caption, a.name, a.title].concat(a.aliases || []);
    return parts.filter(function (x) { return x; }).join("\n").toLowerCase();
  }
  nodes.forEach(function (n) { n.hay = haystack(n); });
  var search = document.getElementById("search"), results = document.getElementById("results");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase(), hits = [];
    nodes.forEach(function (n) { var m = q && n.hay.indexOf(q) >= 0; n.g.classList.toggle("match", !!m); if (m) hits.push(n); });
    nodes.forEach(function (n) { n.g.classList.toggle("dim", !!q && !n.g.classList.contains("match")); });
    results.textContent = ""; results.hidden = !q;
    hits.slice(0, 20).forEach(function (n) {
      var li = el("li", { "data-id": n.id }, n.caption + " · " + n.label);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(n.id); });
      results.appendChild(li);
    });
    if (q && !hits.length) results.appendChild(el("li", {}, "no match"));
  });
  search.addEventListener("keydown", function (ev) {
    var first = results.querySelector("li[data-id]");
    if (ev.key === "Enter" && first) pick(first.getAttribute("data-id"));
    if (ev.key === "Escape") { search.value = ""; search.dispatchEvent(new Event("input")); }
  });
  function pick(id) { search.value = ""; search.dispatchEvent(new Event("input")); select(id); }

  /* -- selection and the details panel -- */
  function select(id) {
    if (selected) selected.g.classList.remove("selected");
    edges.forEach(function (e) { e.line.classList.remove("hl"); });
    var panel = document.getElementById("details");
    selected = id && byId[id] ? byId[id] : null;
    if (!selected) {
      panel.hidden = true; panel.textContent = ""; panel.removeAttribute("data-id");
      if (location.hash) history.replaceState(null, "", location.pathname + location.search);
      return;
    }
    selected.g.classList.add("selected");
    incident[id].forEach(function (e) { e.line.classList.add("hl"); });
    var hash = "#select=" + encodeURIComponent(id);
    if (location.hash !== hash) history.replaceState(null, "", hash);
    renderDetails(selected, panel);
  }
  function renderDetails(n, panel) {
    panel.textContent = ""; panel.hidden = false; panel.setAttribute("data-id", n.id);
    var s = style(n.label);
    panel.appendChild(el("span", { "class": "badge", style: "background:" + s.color + ";color:" + s.text }, n.label));
    panel.appendChild(el("h2", {}, n.caption));
    panel.appendChild(el("code", {}, n.id));
    panel.appendChild(el("h3", {}, "Properties"));
    var table = el("table", { id: "properties" });
    Object.keys(n.attrs).sort().forEach(function (k) {
      var v = n.attrs[k], tr = el("tr", { "data-key": k });
      tr.appendChild(el("td", {}, k));
      var td = el("td");
      if ((k === "url" || k === "urls") && v) { [].concat(v).forEach(function (u) { td.appendChild(link(u)); td.appendChild(el("br")); }); }
      else if (k === "text" && String(v).length > 200) {
        var det = el("details"); det.appendChild(el("summary", {}, short(v, 120))); det.appendChild(el("div", {}, v)); td.appendChild(det);
      } else td.textContent = Array.isArray(v) ? v.join("; ") : String(v);
      tr.appendChild(td); table.appendChild(tr);
    });
    panel.appendChild(table);
    var facts = incident[n.id];
    panel.appendChild(el("h3", {}, "Facts (" + facts.length + ")"));
    var list = el("ul", { id: "facts" });
    facts.slice().sort(function (a, b) { return String(b.attrs.last_seen || "").localeCompare(String(a.attrs.last_seen || "")); })
      .forEach(function (e) { list.appendChild(fact(n, e)); });
    panel.appendChild(list);
  }
  function link(url) {
    var ok = /^https?:\/\//i.test(String(url));
    var a = el(ok ? "a" : "span", ok ? { href: url, target: "_blank", rel: "noopener noreferrer" } : {}, url);
    return a;
  }
  function nodeLink(id) {
    var other = byId[id], a = el("a", { "class": "node-link", "data-id": id }, other ? other.caption : id);
    a.addEventListener("click", function (ev) { ev.preventDefault(); select(id); });
    return a;
  }
  function fact(n, e) {
    var a = e.attrs, li = el("li", { "class": "fact", "data-edge": e.id });
    var head = el("div");
    var outgoing = e.source === n.id, arrow = undirected[e.type] ? " — " : outgoing ? " → " : " ← ";
    head.appendChild(el("span", { "class": "rel", style: "color:" + relColor(e.type) }, e.type));
    head.appendChild(document.createTextNode(arrow));
    head.appendChild(nodeLink(outgoing ? e.target : e.source));
    li.appendChild(head);
    var meta = [];
    if (a.count !== undefined) meta.push(a.count + (a.count === 1 ? " item" : " items"));
    if (a.first_seen || a.last_seen) meta.push(a.first_seen === a.last_seen ? a.first_seen : (a.first_seen || "?") + " – " + (a.last_seen || "?"));
    if (a.confidence !== undefined) meta.push("confidence " + a.confidence);
    if (a.role) meta.push("role: " + a.role);
    li.appendChild(el("div", { "class": "meta" }, meta.join(" · ")));
    (a.evidence || []).forEach(function (sentence) { li.appendChild(el("blockquote", { "class": "evidence" }, sentence)); });
    var ids = a.item_ids || [], dates = a.dates || [];
    if (ids.length) {
      var src = el("div", { "class": "evidence-items meta" }, "items: ");
      ids.forEach(function (itemId, i) {
        if (i) src.appendChild(document.createTextNode(", "));
        if (byId[itemId]) src.appendChild(nodeLink(itemId)); else src.appendChild(el("code", {}, itemId));
        if (dates[i]) src.appendChild(document.createTextNode(" (" + dates[i] + ")"));
      });
      li.appendChild(src);
    }
    return li;
  }
  function fromHash() {
    var m = /^#select=(.*)$/.exec(location.hash);
    if (m) select(decodeURIComponent(m[1]));
  }

  layout();
  draw();
  buildFilters();
  refresh();
  fit();
  window.addEventListener("resize", fit);
  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.body.setAttribute("data-ready", "true");
  window.newsgraph = { select: select, data: data };
})();
