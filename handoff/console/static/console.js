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
  var state = { me: null, queue: { queued: [], active: [] }, selected: null, selectedStatus: null,
    lastMessageId: 0, seenQueued: null, unseen: 0, stuck: true };
  var BASE_TITLE = document.title;
  var ALERTS_KEY = "signpost-console-alerts";
  var NEAR_BOTTOM_PX = 48;

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

  /* The server sends topic_label; this only covers an older server (never show raw snake_case). */
  function topicText(h) {
    if (h.topic_label) return h.topic_label;
    var topic = (h.summary || {}).topic;
    if (!topic) return "";
    if (!/^[A-Za-z0-9_\-.\/]+$/.test(topic)) return topic;
    var words = topic.replace(/^\//, "").split(/[_\-.]+/).filter(Boolean).join(" ").toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function summaryText(h) {
    var parts = [];
    var topic = topicText(h);
    if (topic) parts.push(topic);
    if (h.summary && h.summary.area) parts.push(h.summary.area);
    return parts.join(" · ") || "No summary";
  }

  function queueItem(h, label) {
    var button = el("button", { className: "queue-item", "data-handoff": String(h.id), "data-testid": "handoff-" + h.id }, [
      el("strong", { text: "Chat #" + h.id }),
      el("span", { text: " " + summaryText(h) }),
      el("small", { text: " " + label })
    ]);
    if (state.selected === h.id) button.className += " selected";
    button.addEventListener("click", function () {
      openChat(h.id, false, true);
    });
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
    document.title = q.queued.length ? "(" + q.queued.length + " waiting) " + BASE_TITLE : BASE_TITLE;
  }

  /* Where a chat is according to a queue snapshot: "queued", "active" or "closed" (in neither list). */
  function statusIn(q, id) {
    if (q.queued.some(function (h) { return h.id === id; })) return "queued";
    if (q.active.some(function (h) { return h.id === id; })) return "active";
    return "closed";
  }

  function onQueue(q) {
    var id = state.selected;
    var before = id === null ? null : statusIn(state.queue, id);
    state.queue = q;
    renderQueue();
    alertNewChats(q);
    if (id === null || $("chat").hidden) return;
    var after = statusIn(q, id);
    // The open chat moved on (someone claimed it, the worker left, it timed out): show it as it is now.
    if (after !== before && after !== state.selectedStatus) {
      if (after === "closed" && state.selectedStatus === "active") {
        $("reply-form").hidden = true;
        $("end").hidden = true;
      }
      openChat(id, true);
    }
  }

  /* ---------- telling the advisor a chat is waiting ---------- */

  function alertsWanted() {
    try { return window.localStorage.getItem(ALERTS_KEY) === "on"; } catch (e) { return false; }
  }

  function setAlertsWanted(on) {
    try { window.localStorage.setItem(ALERTS_KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
  }

  function alertNewChats(q) {
    // Every chat once: the ids seen in any snapshot so far (none alerted for the first one, on page load).
    var first = state.seenQueued === null;
    state.seenQueued = state.seenQueued || {};
    var fresh = q.queued.filter(function (h) { return !state.seenQueued[h.id]; });
    fresh.forEach(function (h) { state.seenQueued[h.id] = true; });
    if (first) return;
    if (!fresh.length || !alertsWanted() || !("Notification" in window) || window.Notification.permission !== "granted") return;
    // Only the chat number and a topic label: no message text on a screen others may see.
    var body = fresh.length === 1 ? "Chat #" + fresh[0].id + (topicText(fresh[0]) ? ": " + topicText(fresh[0]) : "")
      : fresh.length + " new chats";
    try {
      var n = new window.Notification("A chat is waiting · Signpost console", { body: body, tag: "signpost-queue" });
      if (n && typeof n.addEventListener === "function") n.addEventListener("click", function () { window.focus(); });
    } catch (e) { /* some browsers only allow notifications from a service worker */ }
  }

  (function setUpAlerts() {
    if (!("Notification" in window)) return;  // no such thing here: the title still counts waiting chats
    var box = $("alerts-on");
    $("alerts").hidden = false;
    box.checked = alertsWanted() && window.Notification.permission === "granted";
    box.addEventListener("change", function () {
      if (!box.checked) { setAlertsWanted(false); return; }
      var asked = window.Notification.permission === "granted" ? Promise.resolve("granted")
        : Promise.resolve(window.Notification.requestPermission());
      asked.then(function (answer) {
        var ok = answer === "granted";
        box.checked = ok;
        setAlertsWanted(ok);
        if (!ok) notice("Your browser is not allowing alerts from the console. The tab title still shows how many chats are waiting.");
      });
    });
  })();

  /* ---------- a chat ---------- */

  function line(who, text, at, advisor) {
    var label = who === "worker" ? "Worker" : who === "advisor" ? (advisor || "Advisor") + " (advisor)" : "Bot";
    return el("li", { className: "line line-" + who, "data-from": who }, [
      el("span", { className: "who", text: label }),
      el("time", { text: at ? when(at) : "" }),
      el("p", { text: text })
    ]);
  }

  function statusText(h) {
    if (h.status === "queued") return "waiting";
    if (h.status === "active") {
      return h.advisor_id === state.me || !h.advisor ? "active" : "active, with " + h.advisor;
    }
    if (h.closed_by === "worker") return "ended by the worker";
    if (h.closed_by === "advisor") return "ended by an advisor";
    if (h.closed_by === "timeout") return "ended: no activity";
    return "ended";
  }

  function endedText(h) {
    var who = h.closed_by === "worker" ? "The worker ended chat #" + h.id + "."
      : h.closed_by === "timeout" ? "Chat #" + h.id + " ended after a long time with no activity."
      : "Chat #" + h.id + " was ended by an advisor.";
    return who + " The bot is back with the worker.";
  }

  /* ---------- the transcript follows new messages unless the advisor has scrolled up ---------- */

  function atBottom(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight <= NEAR_BOTTOM_PX;
  }

  function toBottom() {
    var list = $("transcript");
    list.scrollTop = list.scrollHeight;
    state.stuck = true;
    state.unseen = 0;
    $("new-messages").hidden = true;
  }

  function addLine(node, follow) {
    var list = $("transcript");
    list.appendChild(node);
    if (state.stuck || follow) { toBottom(); return; }
    state.unseen += 1;
    var cue = $("new-messages");
    cue.textContent = state.unseen === 1 ? "1 new message below" : state.unseen + " new messages below";
    cue.hidden = false;
  }

  $("new-messages").addEventListener("click", function () { toBottom(); $("transcript").focus(); });
  $("transcript").addEventListener("scroll", function () {
    state.stuck = atBottom($("transcript"));
    if (state.stuck && state.unseen) { state.unseen = 0; $("new-messages").hidden = true; }
  });
  // The box shrinks when a notice, the cue or the reply form appears: stay at the bottom if we were there.
  if ("ResizeObserver" in window) {
    new window.ResizeObserver(function () { if (state.stuck) toBottom(); }).observe($("transcript"));
  }

  function renderChat(data) {
    var h = data.handoff;
    var sameChat = state.selected === h.id && !$("chat").hidden;
    state.selected = h.id;
    state.selectedStatus = h.status;
    $("chat").hidden = false;
    $("chat-empty").hidden = true;
    $("chat-title").textContent = "Chat #" + h.id + " (" + statusText(h) + ")";
    var dl = $("chat-summary");
    dl.textContent = "";
    [["Topic", topicText(h)], ["Area", h.summary.area],
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
    var keep = sameChat && !state.stuck ? list.scrollTop : null;
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
    if (keep === null) toBottom(); else list.scrollTop = keep;
    renderQueue();
  }

  /* The relay pushes the queue too; this only spares the advisor the wait after their own claim or end. */
  function refreshQueue() {
    api("GET", "queue").then(onQueue).catch(function () { /* the next push brings it */ });
  }

  function openChat(id, keepNotice, chosen) {
    if (!keepNotice) notice("");
    api("GET", "handoffs/" + id).then(function (data) {
      var h = data.handoff;
      if (state.selected === id && state.selectedStatus === "active" && h.status === "closed" && state.ending !== id) {
        notice(endedText(h));
      }
      renderChat(data);
      // One column (a phone): the chat is under the queue, so bring it up when the advisor picks one.
      if (chosen && window.matchMedia("(max-width: 47.99rem)").matches) $("chat").scrollIntoView({ block: "start" });
    }).catch(function (e) { notice(e.message); });
  }

  $("claim").addEventListener("click", function () {
    var id = state.selected;
    api("POST", "handoffs/" + id + "/claim").then(function () { openChat(id); refreshQueue(); })
      .catch(function (e) { notice(e.message); });
  });

  $("end").addEventListener("click", function () {
    var id = state.selected;
    state.ending = id;
    api("POST", "handoffs/" + id + "/end").then(function () { notice("Chat #" + id + " ended; the bot is back."); openChat(id, true); refreshQueue(); })
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
      addLine(line("advisor", m.text, m.at, m.advisor), true);
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
      if (data.type === "queue") { onQueue(data); }
      else if (data.type === "message" && data.handoff_id === state.selected && data.direction === "worker") {
        addLine(line("worker", data.text, data.at), false);
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
  }).then(function (q) { onQueue(q); connect(); })
    .catch(function (e) { notice(e.message); });
})();
