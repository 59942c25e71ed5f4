/* Signpost advisor console: the queue over a websocket, chats through the JSON API. No innerHTML. */
(function () {
  "use strict";

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : "";
  }

  var base = meta("console-base");
  var csrf = meta("csrf-token");
  var isAdmin = meta("console-admin") === "true";
  var state = { me: null, queue: { queued: [], active: [] }, selected: null, lastMessageId: 0 };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function when(iso) {
    if (!iso) return "";
    var d = new Date(iso);
    return d.toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" });
  }

  function waited(iso) {
    var minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
    return minutes < 1 ? "just now" : minutes + " min";
  }

  function notice(text) {
    var n = $("notice");
    n.textContent = text || "";
    n.hidden = !text;
  }

  function api(method, path, body) {
    var options = { method: method, headers: { "Accept": "application/json" }, credentials: "same-origin" };
    if (method !== "GET") {
      options.headers["X-CSRF-Token"] = csrf;
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body || {});
    }
    return fetch(base + "api/" + path, options).then(function (response) {
      if (response.status === 401) { window.location.href = base + "signin"; throw new Error("signed out"); }
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || ("HTTP " + response.status));
        return data;
      });
    });
  }

  /* ---------- queue ---------- */

  function summaryText(summary) {
    var parts = [];
    if (summary.topic) parts.push(summary.topic);
    if (summary.area) parts.push(summary.area);
    return parts.join(" · ") || "No summary";
  }

  function queueItem(h, label) {
    var button = el("button", { className: "queue-item", "data-handoff": String(h.id), "data-testid": "handoff-" + h.id }, [
      el("strong", { text: "Chat #" + h.id }),
      el("span", { text: " " + summaryText(h.summary) }),
      el("small", { text: " " + label })
    ]);
    if (state.selected === h.id) button.className += " selected";
    button.addEventListener("click", function () { openChat(h.id); });
    return el("li", {}, [button]);
  }

  function renderQueue() {
    var q = state.queue;
    var queued = $("queued"), mine = $("mine"), others = $("others");
    queued.textContent = ""; mine.textContent = ""; others.textContent = "";
    q.queued.forEach(function (h) {
      queued.appendChild(queueItem(h, "waiting " + waited(h.created_at) +
        (h.worker_messages ? ", " + h.worker_messages + " new message(s)" : "")));
    });
    q.active.forEach(function (h) {
      if (h.advisor_id === state.me) mine.appendChild(queueItem(h, "since " + when(h.claimed_at)));
      else others.appendChild(queueItem(h, "with " + (h.advisor || "another advisor")));
    });
    $("queued-count").textContent = String(q.queued.length);
    if (q.availability) $("hours").textContent = q.availability.hours;
    if (state.selected !== null) {
      var still = q.queued.concat(q.active).some(function (h) { return h.id === state.selected; });
      if (!still && !$("chat").hidden && $("end").hidden === false) {
        notice("Chat #" + state.selected + " has ended.");
        $("reply-form").hidden = true;
        $("end").hidden = true;
      }
    }
  }

  /* ---------- a chat ---------- */

  function line(who, text, at, advisor) {
    var label = who === "worker" ? "Worker" : who === "advisor" ? (advisor || "Advisor") + " (advisor)" : "Bot";
    return el("li", { className: "line line-" + who, "data-from": who }, [
      el("span", { className: "who", text: label }),
      el("time", { text: at ? when(at) : "" }),
      el("p", { text: text })
    ]);
  }

  function renderChat(data) {
    var h = data.handoff;
    state.selected = h.id;
    $("chat").hidden = false;
    $("chat-empty").hidden = true;
    $("chat-title").textContent = "Chat #" + h.id + " (" + h.status + ")";
    var dl = $("chat-summary");
    dl.textContent = "";
    [["Topic", h.summary.topic], ["Area", h.summary.area],
     ["Services shown", (h.summary.services_shown || []).join("; ")],
     ["Waiting since", when(h.created_at)]].forEach(function (pair) {
      if (!pair[1]) return;
      dl.appendChild(el("dt", { text: pair[0] }));
      dl.appendChild(el("dd", { text: pair[1] }));
    });
    var mineNow = h.status === "active" && h.advisor_id === state.me;
    $("claim").hidden = h.status !== "queued";
    $("end").hidden = !(mineNow || (h.status === "active" && isAdmin));
    $("reply-form").hidden = !mineNow;
    var list = $("transcript");
    list.textContent = "";
    var err = $("transcript-error");
    err.textContent = data.transcript_error || "";
    err.hidden = !data.transcript_error;
    if (data.transcript && data.transcript.length) {
      data.transcript.forEach(function (t) {
        list.appendChild(line(t.who, t.text, new Date(t.timestamp * 1000).toISOString(), t.advisor));
      });
    } else {
      data.relayed.forEach(function (m) { list.appendChild(line(m.direction, m.text, m.at, m.advisor)); });
    }
    list.scrollTop = list.scrollHeight;
    renderQueue();
  }

  function openChat(id, keepNotice) {
    if (!keepNotice) notice("");
    api("GET", "handoffs/" + id).then(renderChat).catch(function (e) { notice(e.message); });
  }

  $("claim").addEventListener("click", function () {
    var id = state.selected;
    api("POST", "handoffs/" + id + "/claim").then(function () { openChat(id); })
      .catch(function (e) { notice(e.message); });
  });

  $("end").addEventListener("click", function () {
    var id = state.selected;
    api("POST", "handoffs/" + id + "/end").then(function () { notice("Chat #" + id + " ended; the bot is back."); openChat(id, true); })
      .catch(function (e) { notice(e.message); });
  });

  $("reply-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var box = $("reply");
    var text = box.value.trim();
    if (!text) return;
    var id = state.selected;
    api("POST", "handoffs/" + id + "/reply", { text: text }).then(function (data) {
      box.value = "";
      var m = data.message;
      $("transcript").appendChild(line("advisor", m.text, m.at, m.advisor));
    }).catch(function (e) { notice(e.message); });  // the text stays in the box to try again
  });

  /* ---------- callbacks and audit ---------- */

  function loadCallbacks() {
    var all = $("callbacks-all").checked;
    api("GET", "callbacks" + (all ? "?all=1" : "")).then(function (data) {
      $("callbacks-retention").textContent = "Callback details are deleted after " + data.retention_days + " days.";
      var body = $("callbacks");
      body.textContent = "";
      data.callbacks.forEach(function (c) {
        var done = c.done_at ? el("span", { text: "Done " + when(c.done_at) + " by " + (c.done_by || "?") })
          : el("button", { text: "Mark done", "data-testid": "callback-done-" + c.id });
        if (!c.done_at) done.addEventListener("click", function () {
          api("POST", "callbacks/" + c.id + "/done").then(loadCallbacks).catch(function (e) { notice(e.message); });
        });
        body.appendChild(el("tr", { "data-callback": String(c.id) }, [
          el("td", { text: when(c.created_at) }), el("td", { text: c.name_or_role }),
          el("td", { text: c.organisation }), el("td", { text: c.contact }), el("td", { text: c.best_time }),
          el("td", { text: c.reason }), el("td", {}, [done])
        ]));
      });
    }).catch(function (e) { notice(e.message); });
  }
  $("callbacks-all").addEventListener("change", loadCallbacks);

  function loadAudit() {
    api("GET", "audit").then(function (data) {
      var body = $("audit");
      body.textContent = "";
      data.events.forEach(function (e) {
        body.appendChild(el("tr", {}, [el("td", { text: when(e.at) }), el("td", { text: e.advisor || "(system)" }),
          el("td", { text: e.action }), el("td", { text: e.subject || "" })]));
      });
    }).catch(function (e) { notice(e.message); });
  }

  document.querySelectorAll("[data-admin-only]").forEach(function (node) { node.hidden = !isAdmin; });
  document.querySelectorAll("[role=tab]").forEach(function (tab) {
    tab.addEventListener("click", function () {
      var name = tab.getAttribute("data-tab");
      document.querySelectorAll("[role=tab]").forEach(function (t) {
        t.setAttribute("aria-selected", String(t === tab));
      });
      ["chats", "callbacks", "audit"].forEach(function (n) { $("tab-" + n).hidden = n !== name; });
      if (name === "callbacks") loadCallbacks();
      if (name === "audit") loadAudit();
    });
  });

  /* ---------- live updates ---------- */

  var socket = null, pinger = null;

  function connect() {
    var url = new URL(base + "ws", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(url.toString());
    socket.addEventListener("open", function () {
      $("connection").textContent = "Live";
      pinger = window.setInterval(function () { socket.send(JSON.stringify({ type: "ping" })); }, 25000);
    });
    socket.addEventListener("message", function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "queue") { state.queue = data; renderQueue(); }
      else if (data.type === "message" && data.handoff_id === state.selected && data.direction === "worker") {
        $("transcript").appendChild(line("worker", data.text, data.at));
      } else if (data.type === "signed_out") { window.location.href = base + "signin"; }
    });
    socket.addEventListener("close", function () {
      $("connection").textContent = "Reconnecting…";
      if (pinger) window.clearInterval(pinger);
      window.setTimeout(connect, 2000);
    });
  }

  api("GET", "me").then(function (me) {
    state.me = me.id;
    return api("GET", "queue");
  }).then(function (q) { state.queue = q; renderQueue(); connect(); })
    .catch(function (e) { notice(e.message); });
})();
