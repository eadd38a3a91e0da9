// egovcode workbench: selecting, coding and saving excerpts of one source.
// Plain JavaScript with no dependencies; the page's data come in <script id="state">.
(function () {
  "use strict";

  var state = JSON.parse(document.getElementById("state").textContent);
  var W = state.words;
  var lang = state.lang;
  var coder = state.coder;
  var textEl = document.getElementById("text");
  var panel = document.getElementById("panel");
  var search = document.getElementById("code-search");
  var codeList = document.getElementById("code-list");
  var chosenEl = document.getElementById("chosen");
  var recentEl = document.getElementById("recent");
  var memoEl = document.getElementById("memo");
  var keyEl = document.getElementById("key");
  var deleteBtn = document.getElementById("delete");
  var messageEl = document.getElementById("message");
  var codesById = {};
  state.codes.forEach(function (c) { codesById[c.id] = c; });
  var RECENT = "egovcode-recent-codes";
  var FLASH = "egovcode-flash";
  var current = null; // {id: excerpt id or null, span: [start, end] or null}
  var chosen = [];
  var added = []; // codes added in the open panel, the latest first

  // -- text offsets: Unicode code points, as in the excerpt's span ---------------------------
  function cpLength(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { i++; }
      }
      n++;
    }
    return n;
  }
  var fullText = textEl ? Array.from(textEl.textContent) : [];

  function offsetOf(node, off) {
    if (!textEl || !textEl.contains(node)) { return null; }
    if (node === textEl) {
      var child = textEl.childNodes[off];
      return child && child.dataset ? Number(child.dataset.s) : fullText.length;
    }
    var el = node.nodeType === 3 ? node.parentElement : node;
    var seg = el.closest("[data-s]");
    if (!seg) { return null; }
    var base = Number(seg.dataset.s);
    if (node.nodeType === 3) { return base + cpLength(node.data.slice(0, off)); }
    return base + (off > 0 ? cpLength(seg.textContent) : 0);
  }

  function isSpace(ch) { return /\s/.test(ch); }

  function selectedSpan() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
    var range = sel.getRangeAt(0);
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null) { return null; }
    while (start < end && isSpace(fullText[start])) { start++; }
    while (end > start && isSpace(fullText[end - 1])) { end--; }
    return start < end ? [start, end] : null;
  }

  // -- messages ---------------------------------------------------------------------------------
  function show(text, kind) {
    messageEl.textContent = text;
    messageEl.className = "message " + (kind || "info");
    messageEl.hidden = false;
  }
  function reloadWith(text, kind) {
    sessionStorage.setItem(FLASH, JSON.stringify({ text: text, kind: kind }));
    window.location.reload();
  }
  var flash = sessionStorage.getItem(FLASH);
  if (flash) {
    sessionStorage.removeItem(FLASH);
    try { var f = JSON.parse(flash); show(f.text, f.kind); } catch (e) { /* ignore */ }
  }

  // -- the code picker ----------------------------------------------------------------------------
  function local(map) {
    if (!map) { return ""; }
    return map[lang] || map.en || Object.keys(map).map(function (k) { return map[k]; })[0] || "";
  }
  function allText(code) {
    var parts = [code.id];
    ["label", "definition", "inclusion", "exclusion"].forEach(function (f) {
      Object.keys(code[f]).forEach(function (k) { parts.push(code[f][k]); });
    });
    Object.keys(code.keywords).forEach(function (k) { parts = parts.concat(code.keywords[k]); });
    return parts.join(" \u0001 ").toLowerCase();
  }
  var haystack = {};
  state.codes.forEach(function (c) { haystack[c.id] = allText(c); });

  function hoverText(code) {
    var lines = [code.id + " \u2014 " + local(code.label)];
    if (local(code.definition)) { lines.push(W.definition + ": " + local(code.definition)); }
    if (local(code.inclusion)) { lines.push(W.inclusion + ": " + local(code.inclusion)); }
    if (local(code.exclusion)) { lines.push(W.exclusion + ": " + local(code.exclusion)); }
    return lines.join("\n");
  }

  function matches() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    return state.codes.filter(function (c) {
      if (c.deprecated && chosen.indexOf(c.id) < 0) { return false; }
      return words.every(function (w) { return haystack[c.id].indexOf(w) >= 0; });
    });
  }

  function renderCodes() {
    codeList.textContent = "";
    matches().forEach(function (c) {
      var li = document.createElement("li");
      li.className = c.colour + (chosen.indexOf(c.id) >= 0 ? " on" : "");
      li.dataset.code = c.id;
      li.title = hoverText(c);
      li.className += " d" + Math.min(c.depth, 4);
      var id = document.createElement("code");
      id.textContent = c.id;
      li.appendChild(id);
      li.appendChild(document.createTextNode(" " + local(c.label)));
      li.addEventListener("click", function () { toggle(c.id); });
      codeList.appendChild(li);
    });
  }

  function renderChosen() {
    chosenEl.textContent = "";
    chosen.forEach(function (id) {
      var tag = document.createElement("button");
      tag.type = "button";
      tag.className = "tag " + ((codesById[id] || {}).colour || "cu");
      tag.dataset.code = id;
      tag.title = codesById[id] ? hoverText(codesById[id]) : id;
      tag.textContent = id + " \u00d7";
      tag.addEventListener("click", function () { toggle(id); });
      chosenEl.appendChild(tag);
    });
    renderCodes();
  }

  function recent() {
    try { return JSON.parse(localStorage.getItem(RECENT) || "[]").filter(function (id) { return codesById[id]; }); }
    catch (e) { return []; }
  }
  function remember(ids) {
    var list = ids.concat(recent().filter(function (id) { return ids.indexOf(id) < 0; }));
    localStorage.setItem(RECENT, JSON.stringify(list.slice(0, 9)));
  }
  function renderRecent() {
    recentEl.textContent = "";
    recent().forEach(function (id, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "tag recent-code " + codesById[id].colour;
      b.dataset.code = id;
      b.title = hoverText(codesById[id]);
      b.textContent = (i + 1) + " " + id;
      b.addEventListener("click", function () { toggle(id); });
      recentEl.appendChild(b);
    });
  }

  function toggle(id) {
    var at = chosen.indexOf(id);
    if (at >= 0) { chosen.splice(at, 1); } else { chosen.push(id); added.unshift(id); }
    renderChosen();
  }

  // -- opening and closing the panel ---------------------------------------------------------------
  function setValence(v) {
    panel.querySelectorAll("input[name=valence]").forEach(function (r) { r.checked = r.value === (v || ""); });
  }
  function markCurrent(id) {
    document.querySelectorAll(".current").forEach(function (m) { m.classList.remove("current"); });
    if (!id) { return; }
    document.querySelectorAll("mark[data-x]").forEach(function (m) {
      if (m.dataset.x.split(" ").indexOf(id) >= 0) { m.classList.add("current"); }
    });
    var li = document.querySelector('#excerpt-list li[data-x="' + CSS.escape(id) + '"]');
    if (li) { li.classList.add("current"); }
  }

  function open(id, span) {
    var ex = id ? state.excerpts[id] : null;
    current = { id: id, span: span };
    document.getElementById("panel-title").textContent = id ? W.edit_excerpt.replace("{id}", id) : W.new_excerpt;
    document.getElementById("panel-quote").textContent = ex ? ex.text : fullText.slice(span[0], span[1]).join("");
    chosen = ex ? ex.codes.slice() : [];
    added = [];
    setValence(ex ? ex.valence : "");
    memoEl.value = ex ? ex.memo : "";
    if (keyEl) { keyEl.checked = ex ? ex.key : false; }
    if (deleteBtn) { deleteBtn.hidden = !id; }
    search.value = "";
    panel.hidden = false;
    renderRecent();
    renderChosen();
    markCurrent(id);
    if (id) {
      var first = document.querySelector("mark.current");
      if (first) { first.scrollIntoView({ block: "center" }); }
    }
    search.focus();
  }
  function close() {
    panel.hidden = true;
    current = null;
    markCurrent(null);
  }

  // -- saving ------------------------------------------------------------------------------------------
  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) { return { status: r.status, data: data }; },
        function () { return { status: r.status, data: { ok: false, message: "HTTP " + r.status } }; });
    });
  }
  function answer(res) {
    if (res.data.ok) { reloadWith(res.data.message, "ok"); return; }
    if (res.status === 409) { reloadWith(res.data.message, "error"); return; }
    show(res.data.message, "error");
  }
  function valence() {
    var on = panel.querySelector("input[name=valence]:checked");
    return on ? on.value : "";
  }

  function save() {
    if (!current) { return; }
    var body = {
      case: state.case,
      codes: chosen.slice(),
      valence: valence(),
      version: coder ? state.versions.coder : state.versions.case
    };
    var ex = current.id ? state.excerpts[current.id] : null;
    if (!ex || memoEl.value !== ex.memo) { body.memo = memoEl.value; }
    if (keyEl) { body.key = keyEl.checked; }
    remember(added.filter(function (id) { return chosen.indexOf(id) >= 0; }));
    var url = "/api/excerpts";
    if (current.id) {
      url += "/" + encodeURIComponent(current.id);
    } else {
      body.source = state.source;
      body.span = current.span;
    }
    post(url, body).then(answer, function (e) { show(String(e), "error"); });
  }

  function remove() {
    if (!current || !current.id) { return; }
    if (!window.confirm(W.confirm_delete.replace("{id}", current.id))) { return; }
    post("/api/excerpts/" + encodeURIComponent(current.id) + "/delete",
      { case: state.case, version: state.versions.case }).then(answer, function (e) { show(String(e), "error"); });
  }

  function undo() {
    post("/api/undo", {}).then(answer, function (e) { show(String(e), "error"); });
  }

  // -- events ---------------------------------------------------------------------------------------------
  if (textEl) {
    textEl.addEventListener("mouseup", function (ev) {
      var span = selectedSpan();
      if (span && !coder) { open(null, span); return; }
      if (span) { return; }
      var mark = ev.target.closest && ev.target.closest("mark[data-x]");
      if (mark) {
        var ids = mark.dataset.x.split(" ");
        open(ids[ids.length - 1], null);
      }
    });
  }
  document.querySelectorAll("#excerpt-list li").forEach(function (li) {
    li.addEventListener("click", function () { open(li.dataset.x, null); });
  });
  search.addEventListener("input", renderCodes);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !(ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      var first = matches()[0];
      if (first) { toggle(first.id); search.value = ""; renderCodes(); }
    }
  });
  panel.addEventListener("submit", function (ev) { ev.preventDefault(); save(); });
  document.getElementById("close").addEventListener("click", close);
  if (deleteBtn) { deleteBtn.addEventListener("click", remove); }
  document.getElementById("undo").addEventListener("click", undo);

  var order = Object.keys(state.excerpts).map(function (id) { return state.excerpts[id]; })
    .sort(function (a, b) {
      var sa = a.span ? a.span[0] : Infinity, sb = b.span ? b.span[0] : Infinity;
      return sa - sb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    }).map(function (e) { return e.id; });

  function step(by) {
    if (!order.length) { return; }
    var at = current && current.id ? order.indexOf(current.id) : -1;
    var next = at < 0 ? (by > 0 ? 0 : order.length - 1) : (at + by + order.length) % order.length;
    open(order[next], null);
  }

  document.addEventListener("keydown", function (ev) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) &&
      document.activeElement.type !== "radio" && document.activeElement.type !== "checkbox";
    if (ev.key === "Escape") { close(); return; }
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey) && !panel.hidden) { ev.preventDefault(); save(); return; }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (ev.key === "j") { step(1); ev.preventDefault(); }
    else if (ev.key === "k") { step(-1); ev.preventDefault(); }
    else if (ev.key === "u") { undo(); ev.preventDefault(); }
    else if (/^[1-9]$/.test(ev.key) && !panel.hidden) {
      var id = recent()[Number(ev.key) - 1];
      if (id) { toggle(id); ev.preventDefault(); }
    }
  });
})();
