/*!
 * Signpost webchat widget: talks to Rasa's socket.io channel.
 * Embed with one tag:
 *   <script src="/static/signpost-widget.js" data-server-url="http://localhost:5005"
 *           data-title="Signpost" data-primary-colour="#005eb8" defer></script>
 * Every message is put on the page as DOM text nodes, never as HTML.
 */
(function () {
  "use strict";

  if (window.SignpostWidget) return; // one widget per page

  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var base = script && script.src ? new URL(".", script.src).href : location.origin + "/static/";

  function flag(value, fallback) {
    if (value === undefined || value === "") return fallback;
    return !/^(false|no|0|off)$/i.test(value);
  }

  var cfg = {
    serverUrl: (data.serverUrl || location.origin).replace(/\/+$/, ""),
    socketPath: data.socketPath || "/socket.io/",
    // Long-polling by default: Rasa 3.6's Sanic cannot serve socket.io websockets on Python 3.11
    // (see web/README.md). data-transports="websocket" or "polling,websocket" where it can.
    transports: (data.transports || "polling").split(/[\s,]+/).filter(function (t) {
      return t === "polling" || t === "websocket";
    }),
    userEvent: data.userMessageEvt || "user_uttered",
    botEvent: data.botMessageEvt || "bot_uttered",
    title: data.title || "Signpost",
    subtitle: data.subtitle || "Services and advice about perpetrators of domestic abuse, for frontline workers",
    launcherLabel: data.launcherLabel || "Chat with " + (data.title || "Signpost"),
    primary: data.primaryColour || data.primaryColor || "#005eb8",
    privacyUrl: data.privacyUrl || "/privacy",
    quickExit: flag(data.quickExit, true),
    quickExitUrl: data.quickExitUrl || "https://www.bbc.co.uk/weather",
    storage: data.storage === "local" ? "localStorage" : "sessionStorage",
    initPayload: data.initPayload || "",
    startOpen: flag(data.open, false),
    ioSrc: data.socketioSrc || base + "vendor/socket.io.min.js",
    cssHref: data.stylesheet || base + "signpost-widget.css",
    // Where "This listing is wrong?" sends its few words: the Signpost web app beside the widget's files.
    // data-flag-url="none" leaves the link off the cards.
    flagUrl: data.flagUrl === "none" ? "" : data.flagUrl || new URL("/api/listing-flags", base).href,
  };

  var STORE_KEY = "signpost-chat:" + cfg.serverUrl;
  var MAX_MESSAGES = 200;
  // Longer messages are sent in parts: one message this long is already more than the bot reads well.
  var MAX_MESSAGE_CHARS = 2000;
  // Said with every status that is not an answer (connection trouble, the hand-off), as the bot does.
  var SAFETY_LINE =
    "If anyone is in danger now, call 999. To talk it through, call the Respect Phoneline on 0808 802 4040.";
  var TYPING_TIMEOUT_MS = 20000;
  var RESTART_ACK_MS = 5000;
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  /* ---------- small helpers ---------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = value;
        else if (key === "className") node.className = value;
        else if (key === "hidden") node.hidden = true;
        else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function newId() {
    var c = window.crypto;
    if (c && c.randomUUID) return c.randomUUID().replace(/-/g, "");
    var bytes = new Uint8Array(16);
    if (c && c.getRandomValues) c.getRandomValues(bytes);
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function str(value) {
    return typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
  }

  /* ---------- colours: text on the configured colour always gets 4.5:1 ---------- */

  function parseHex(value) {
    var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(str(value).trim());
    if (!m) return null;
    var hex = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
    return [0, 2, 4].map(function (i) { return parseInt(hex.substr(i, 2), 16); });
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function applyColours(root) {
    var primary = parseHex(cfg.primary) || parseHex("#005eb8");
    var white = [255, 255, 255], ink = [11, 12, 12];
    var onPrimary = contrast(primary, white) >= 4.5 ? "#ffffff" : "#0b0c0c";
    if (onPrimary === "#0b0c0c" && contrast(primary, ink) < 4.5) onPrimary = "#ffffff";
    var hex = "#" + primary.map(function (v) { return ("0" + v.toString(16)).slice(-2); }).join("");
    root.style.setProperty("--sp-primary", hex);
    root.style.setProperty("--sp-on-primary", onPrimary);
    // Links and outlines on the white panel use the colour only when it reads well there.
    root.style.setProperty("--sp-link", contrast(primary, white) >= 4.5 ? hex : "#1a4f8b");
  }

  /* ---------- storage: the conversation survives reloads and other pages ---------- */

  var memoryStore = {};
  function store() {
    try {
      var s = window[cfg.storage];
      var probe = "signpost-probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return {
        getItem: function (k) { return k in memoryStore ? memoryStore[k] : null; },
        setItem: function (k, v) { memoryStore[k] = String(v); },
        removeItem: function (k) { delete memoryStore[k]; },
      };
    }
  }
  var storage = store();

  function freshState() {
    // handoff: null, or {stage: "queue"|"advisor", advisor}, while a person rather than the bot has the chat.
    return { v: 1, sessionId: newId(), messages: [], outbox: [], open: false, handoff: null };
  }

  function loadState() {
    try {
      var saved = JSON.parse(storage.getItem(STORE_KEY) || "null");
      if (saved && saved.v === 1 && typeof saved.sessionId === "string" && Array.isArray(saved.messages)) {
        saved.outbox = Array.isArray(saved.outbox) ? saved.outbox : [];
        saved.handoff = saved.handoff && typeof saved.handoff === "object" ? saved.handoff : null;
        return saved;
      }
    } catch (e) { /* corrupt or unavailable: start afresh */ }
    return freshState();
  }

  var state = loadState();

  var leaving = false; // set by the quick exit: nothing may be written back after it has cleared the store

  function save() {
    if (leaving) return;
    if (state.messages.length > MAX_MESSAGES) state.messages = state.messages.slice(-MAX_MESSAGES);
    try {
      storage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) { /* quota: keep going in memory */ }
  }

  /* ---------- safe formatting: links, bold, lists, line breaks ---------- */

  var SAFE_PROTOCOLS = ["http:", "https:", "tel:", "mailto:"];

  function safeHref(raw) {
    var value = str(raw).trim();
    if (!value) return null;
    if (/^www\./i.test(value)) value = "https://" + value;
    try {
      var url = new URL(value, location.href);
      return SAFE_PROTOCOLS.indexOf(url.protocol) >= 0 ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(href, label) {
    var external = /^https?:/i.test(href);
    var a = el("a", { href: href, className: "sp-link" }, [label]);
    if (external) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(el("span", { className: "sp-visually-hidden", text: " (opens in a new tab)" }));
    }
    return a;
  }

  // 999 on its own, and UK numbers: 0 then 9 or 10 more digits, or +44, in groups split by spaces or dashes.
  var PHONE = /\b999\b|(?:\+44\s?(?:\(0\)\s?)?|\b0)\d(?:[ -]?\d){8,9}(?![\d-])/g;

  function telHref(number) {
    var digits = number.replace(/[^\d+]/g, "").replace(/^\+44/, "0");
    return digits === "999" || /^0\d{9,10}$/.test(digits) ? "tel:" + digits : null;
  }

  /* Plain text with phone numbers as tap-to-call links: on a phone, 999 is one tap away. */
  function appendPlain(parent, text) {
    var last = 0, m;
    PHONE.lastIndex = 0;
    while ((m = PHONE.exec(text))) {
      var href = telHref(m[0]);
      if (!href) continue;
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      parent.appendChild(el("a", { href: href, className: "sp-link sp-tel" }, [m[0]]));
      last = PHONE.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  var INLINE = /\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|((?:https?:\/\/|www\.)[^\s<>()]+[^\s<>().,;:!?'"])/g;

  function appendInline(parent, text) {
    var last = 0, m;
    INLINE.lastIndex = 0;
    while ((m = INLINE.exec(text))) {
      if (m.index > last) appendPlain(parent, text.slice(last, m.index));
      if (m[1] !== undefined) {
        parent.appendChild(appendPlain(el("strong"), m[1]));
      } else if (m[2] !== undefined) {
        var href = safeHref(m[3]);
        parent.appendChild(href ? link(href, m[2]) : document.createTextNode(m[2]));
      } else {
        var bare = safeHref(m[4]);
        parent.appendChild(bare ? link(bare, m[4]) : document.createTextNode(m[4]));
      }
      last = INLINE.lastIndex;
    }
    if (last < text.length) appendPlain(parent, text.slice(last));
    return parent;
  }

  function formatText(text) {
    var frag = document.createDocumentFragment();
    var lines = str(text).replace(/\r\n?/g, "\n").split("\n");
    var para = null, list = null;
    lines.forEach(function (line) {
      var bullet = /^\s*(?:[-*\u2022])\s+(.*)$/.exec(line);
      var numbered = /^\s*(\d+)[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        var tag = bullet ? "ul" : "ol";
        if (!list || list.tagName.toLowerCase() !== tag) {
          list = el(tag, { className: "sp-list" });
          frag.appendChild(list);
        }
        list.appendChild(appendInline(el("li"), bullet ? bullet[1] : numbered[2]));
        para = null;
        return;
      }
      list = null;
      if (!line.trim()) {
        para = null;
        return;
      }
      if (para) para.appendChild(el("br"));
      else {
        para = el("p");
        frag.appendChild(para);
      }
      appendInline(para, line);
    });
    return frag;
  }

  /* ---------- the widget's DOM ---------- */

  var ids = { panel: "sp-panel", title: "sp-title", input: "sp-input", privacy: "sp-privacy", log: "sp-log" };

  var root = el("div", { className: "sp-root", "data-signpost-widget": "" });
  root.hidden = true; // shown once the stylesheet has loaded
  applyColours(root);

  // The quick exit sits at the very start of the page, so it is the first thing Tab reaches.
  var exitButton = cfg.quickExit
    ? el("button", { type: "button", className: "sp-exit", "data-sp": "exit" }, [
        "Leave this site quickly",
      ])
    : null;
  var exitRoot = exitButton ? el("div", { className: "sp-root sp-exit-root", hidden: true }, [exitButton]) : null;

  var unread = el("span", { className: "sp-unread", hidden: true }, [" (new message)"]);
  var launcher = el(
    "button",
    { type: "button", className: "sp-launcher", "aria-expanded": "false", "aria-controls": ids.panel, "data-sp": "launcher" },
    [
      el("span", { className: "sp-launcher-icon", "aria-hidden": "true" }),
      el("span", { className: "sp-launcher-label", text: cfg.launcherLabel }),
      unread,
    ]
  );

  var restartButton = el("button", { type: "button", className: "sp-button sp-restart", "data-sp": "restart" }, [
    "Start again",
  ]);
  var closeButton = el(
    "button",
    { type: "button", className: "sp-button sp-close", "aria-label": "Close chat", "data-sp": "close" },
    [el("span", { "aria-hidden": "true", text: "\u00d7" })]
  );

  var status = el("p", { className: "sp-status", role: "status", "aria-live": "polite", "data-sp": "status" });
  var empty = el("div", { className: "sp-empty", "data-sp": "empty" }, [
    el("p", { text: "Ask about services for perpetrators of domestic abuse in your area, how to work safely, or to talk to an advisor." }),
    appendPlain(el("p"), "If someone is in immediate danger, call 999."),
  ]);
  var log = el(
    "div",
    { id: ids.log, className: "sp-log", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0", "data-sp": "log" },
    []
  );
  var typing = el("div", { className: "sp-typing", hidden: true, "data-sp": "typing" }, [
    el("span", { className: "sp-dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
    el("span", { text: cfg.title + " is typing\u2026" }),
  ]);

  var input = el("textarea", {
    id: ids.input,
    className: "sp-input",
    rows: "1",
    autocomplete: "off",
    "aria-describedby": ids.privacy,
    "data-sp": "input",
  });
  var sendButton = el("button", { type: "submit", className: "sp-send", "data-sp": "send" }, ["Send"]);
  // Says when a long message was sent in parts. Not role="status": that is the connection line's.
  var cutNote = el("p", { className: "sp-cut-note", "aria-live": "polite", "data-sp": "cut-note" });
  var form = el("form", { className: "sp-form", "data-sp": "form" }, [
    el("label", { for: ids.input, className: "sp-label", text: "Type your message" }),
    el("div", { className: "sp-form-row" }, [input, sendButton]),
    cutNote,
  ]);

  /* The hand-off bar replaces "typing..." while a person has the chat: the bot will not answer then,
     so the worker is told who is on the other end, how to leave, and (not an answer) the safety line. */
  var handoffText = el("p", { className: "sp-handoff-text", "data-sp": "handoff-text" });
  var endHandoffButton = el("button", { type: "button", className: "sp-end-handoff", "data-sp": "end-handoff" }, [
    "End chat with advisor",
  ]);
  var handoffBar = el("div", { className: "sp-handoff", hidden: true, "data-sp": "handoff" }, [
    handoffText,
    appendPlain(el("p", { className: "sp-handoff-safety" }), SAFETY_LINE),
    endHandoffButton,
  ]);
  var privacy = el("p", { id: ids.privacy, className: "sp-privacy", "data-sp": "privacy" }, [
    "Don't type names or addresses of the people involved. ",
    el("a", { href: cfg.privacyUrl, className: "sp-link" }, ["Privacy notice"]),
  ]);

  var panel = el(
    "section",
    { id: ids.panel, className: "sp-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": ids.title, hidden: true, "data-sp": "panel" },
    [
      el("header", { className: "sp-header" }, [
        el("div", { className: "sp-heading" }, [
          el("h2", { id: ids.title, className: "sp-title", text: cfg.title }),
          el("p", { className: "sp-subtitle", text: cfg.subtitle }),
        ]),
        el("div", { className: "sp-actions" }, [restartButton, closeButton]),
      ]),
      status,
      empty,
      log,
      typing,
      handoffBar,
      form,
      privacy,
    ]
  );

  root.appendChild(panel);
  root.appendChild(launcher);

  /* ---------- rendering messages ---------- */

  function timeLabel(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) d = new Date();
    return el("time", {
      datetime: d.toISOString(),
      text: d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" }),
    });
  }

  function meta(who, iso, extraClass) {
    return el("p", { className: "sp-meta" + (extraClass ? " " + extraClass : "") }, [
      el("span", { className: "sp-sender", text: who }),
      el("span", { "aria-hidden": "true", text: " \u00b7 " }),
      el("span", { className: "sp-visually-hidden", text: ", " }),
      timeLabel(iso),
    ]);
  }

  function contactLink(contact) {
    var kind = str(contact.kind).toLowerCase();
    var value = str(contact.value).trim();
    if (!value) return null;
    var defaults = { phone: "Phone", email: "Email", secure_email: "Secure email", website: "Website" };
    var label = str(contact.label).trim() || defaults[kind] || "Contact";
    var href = null;
    if (kind === "phone") {
      if (/^\+?[\d\s()-]{3,}$/.test(value)) href = "tel:" + value.replace(/[\s()-]/g, "");
    } else if (kind === "email" || kind === "secure_email") {
      if (/^[^\s@<>]+@[^\s@<>]+$/.test(value)) href = "mailto:" + value;
    } else {
      href = safeHref(/^[a-z][a-z0-9+.-]*:/i.test(value) ? value : "https://" + value);
      if (href && !/^https?:/i.test(href)) href = null;
    }
    var shown = kind === "website" ? value.replace(/^https?:\/\//i, "").replace(/\/$/, "") : value;
    return el("li", { className: "sp-contact sp-contact--" + (defaults[kind] ? kind : "other") }, [
      el("span", { className: "sp-contact-label", text: label + ": " }),
      href ? link(href, shown) : document.createTextNode(shown),
    ]);
  }

  // What a card is, from its coverage: a nearest alternative outside the area is not a national service.
  var BADGES = {
    local: ["Local service", "sp-badge--local"],
    nearest: ["Nearest alternative: covers its own area only", "sp-badge--nearest"],
    national: ["National service", "sp-badge--national"],
  };

  function cardBadge(card) {
    // Cards from before `coverage` say only `local`: trust that for local, and claim nothing else.
    var coverage = "coverage" in card ? str(card.coverage) : card.local === true ? "local" : "";
    var badge = BADGES.hasOwnProperty(coverage) ? BADGES[coverage] : null;
    return badge ? el("p", { className: "sp-badge " + badge[1], "data-sp": "badge", text: badge[0] }) : null;
  }

  var cardCount = 0;
  function serviceCard(card) {
    var headingId = "sp-card-" + ++cardCount;
    var facts = el("dl", { className: "sp-facts" });
    [
      ["What it involves", card.details],
      ["Who can refer", card.who_can_refer],
    ].forEach(function (pair) {
      if (!str(pair[1]).trim()) return;
      facts.appendChild(el("dt", { text: pair[0] }));
      facts.appendChild(appendInline(el("dd"), str(pair[1])));
    });
    var contacts = el("ul", { className: "sp-contacts", "aria-label": "Contact " + str(card.name) });
    (Array.isArray(card.contacts) ? card.contacts : []).forEach(function (c) {
      var item = c && contactLink(c);
      if (item) contacts.appendChild(item);
    });
    var badge = cardBadge(card);
    return el("article", { className: "sp-card", "aria-labelledby": headingId, "data-service-id": str(card.service_id) }, [
      el("h3", { id: headingId, className: "sp-card-title", text: str(card.name) || "Service" }),
      card.organisation ? el("p", { className: "sp-card-org", text: str(card.organisation) }) : null,
      badge,
      card.reason ? appendInline(el("p", { className: "sp-card-reason" }), str(card.reason)) : null,
      facts.childNodes.length ? facts : null,
      contacts.childNodes.length ? contacts : null,
      // No contact in the directory: the card says so and gives the next step (never a card with no way on).
      !contacts.childNodes.length && str(card.contact_note).trim()
        ? appendInline(el("p", { className: "sp-contact-note", "data-sp": "contact-note" }), str(card.contact_note))
        : null,
      str(card.caveat).trim()
        ? el("p", { className: "sp-caveat", "data-sp": "caveat" }, [
            el("strong", { text: "Please note: " }),
            appendInline(el("span"), str(card.caveat)),
          ])
        : null,
      // An old or undated record says how old it is (directory/freshness.py).
      str(card.checked).trim() ? el("p", { className: "sp-checked", "data-sp": "checked", text: str(card.checked) }) : null,
      flagControl(card),
    ]);
  }

  var FLAG_THANKS = "Thanks: the directory team will check it.";
  var FLAG_FAILED = "It couldn't be sent just now: please try again in a moment.";
  var flagCount = 0;
  /* "This listing is wrong?": a few words for the directory team. Nothing is kept in the conversation. */
  function flagControl(card) {
    var serviceId = str(card.service_id);
    if (!serviceId || !cfg.flagUrl) return null;
    var n = ++flagCount;
    var name = str(card.name) || "this service";
    var flagIds = { form: "sp-flag-form-" + n, text: "sp-flag-text-" + n, hint: "sp-flag-hint-" + n };
    var toggle = el("button", { type: "button", className: "sp-flag-toggle", "aria-expanded": "false",
                                "aria-controls": flagIds.form, "data-sp": "flag-toggle" }, [
      "This listing is wrong?",
      el("span", { className: "sp-visually-hidden", text: " " + name }),
    ]);
    var text = el("textarea", { id: flagIds.text, className: "sp-flag-text", rows: "2", maxlength: "300",
                                "aria-describedby": flagIds.hint, "data-sp": "flag-text" });
    var send = el("button", { type: "submit", className: "sp-flag-send", "data-sp": "flag-send" }, ["Send"]);
    var cancel = el("button", { type: "button", className: "sp-flag-cancel" }, ["Cancel"]);
    var form = el("form", { id: flagIds.form, className: "sp-flag-form", hidden: true, "data-sp": "flag-form",
                            "aria-label": "What is wrong with " + name }, [
      el("label", { for: flagIds.text, text: "What is wrong with this listing? A few words." }),
      el("p", { id: flagIds.hint, className: "sp-flag-hint", text: "No names or personal details, please." }),
      text,
      el("div", { className: "sp-flag-actions" }, [send, cancel]),
    ]);
    var status = el("p", { className: "sp-flag-status", role: "status", tabindex: "-1", "data-sp": "flag-status" });

    function show(open) {
      form.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) text.focus();
      else toggle.focus();
    }
    toggle.addEventListener("click", function () { show(form.hidden); });
    cancel.addEventListener("click", function () { status.textContent = ""; show(false); });
    form.addEventListener("keydown", function (e) {
      if (e.key === "Escape") {
        e.preventDefault(); // closes this form, not the chat
        show(false);
      }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var words = text.value.trim();
      if (!words) {
        status.textContent = "Say in a few words what is wrong with this listing.";
        return text.focus();
      }
      send.disabled = true;
      status.textContent = "Sending\u2026";
      fetch(cfg.flagUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ service_id: serviceId, what_is_wrong: words }),
        credentials: "omit",
        referrerPolicy: "no-referrer",
        cache: "no-store",
      })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            return { ok: response.ok, body: body || {} };
          });
        })
        .then(function (result) {
          if (!result.ok) return refused(str(result.body.error) || FLAG_FAILED);
          form.hidden = true;
          toggle.hidden = true;
          status.textContent = FLAG_THANKS;
          status.focus();
        }, function () { refused(FLAG_FAILED); });
    });
    function refused(message) {
      send.disabled = false;
      status.textContent = message;
      text.focus();
    }
    return el("div", { className: "sp-flag", "data-sp": "flag" }, [toggle, form, status]);
  }

  function quickReplies(msg) {
    var group = el("div", { className: "sp-quick", role: "group", "aria-label": "Suggested replies", "data-sp": "quick-replies" });
    msg.quick_replies.forEach(function (qr) {
      var button = el("button", { type: "button", className: "sp-quick-button" }, [str(qr.title)]);
      button.addEventListener("click", function () {
        sendMessage(str(qr.payload) || str(qr.title), str(qr.title));
        input.focus();
      });
      group.appendChild(button);
    });
    return group;
  }

  function renderMessage(msg) {
    var node;
    if (msg.from === "user") {
      node = el("div", { className: "sp-msg sp-msg--user", "data-sp": "message", "data-from": "user" }, [
        meta("You", msg.ts),
        el("div", { className: "sp-bubble sp-bubble--user", text: msg.text }),
      ]);
      if (msg.pending) node.appendChild(el("p", { className: "sp-pending", text: "Waiting to send\u2026" }));
    } else if (msg.from === "advisor") {
      var name = str(msg.advisor).trim() || "Advisor";
      node = el("div", { className: "sp-msg sp-msg--advisor", "data-sp": "message", "data-from": "advisor" }, [
        meta(name + " (advisor)", msg.ts, "sp-meta--advisor"),
        el("div", { className: "sp-bubble sp-bubble--advisor" }, [formatText(msg.text)]),
      ]);
    } else {
      var body = [];
      if (msg.text) body.push(el("div", { className: "sp-bubble" }, [formatText(msg.text)]));
      if (msg.cards) {
        var list = el("div", { className: "sp-cards", "data-sp": "cards" });
        msg.cards.forEach(function (card) { list.appendChild(serviceCard(card)); });
        body.push(list);
        if (msg.more) body.push(el("p", { className: "sp-more", text: "More services match. Ask to see more." }));
      }
      if (msg.link) body.push(el("p", { className: "sp-bubble" }, [link(msg.link, msg.linkLabel || "Open attachment")]));
      if (!body.length) return null;
      node = el("div", { className: "sp-msg sp-msg--bot", "data-sp": "message", "data-from": "bot" }, [meta(cfg.title, msg.ts)].concat(body));
      if (msg.quick_replies && msg.quick_replies.length && !msg.qrDone) node.appendChild(quickReplies(msg));
    }
    return node;
  }

  function scrollLogTo(top) {
    var smooth = !(reducedMotion && reducedMotion.matches);
    try {
      log.scrollTo({ top: top, behavior: smooth ? "smooth" : "auto" });
    } catch (e) {
      log.scrollTop = top;
    }
  }

  /* The first message of the reply now arriving. A reply comes as several messages (text, cards,
     buttons); the log keeps its start in view, so the worker reads the local services first rather
     than landing on the last card and having to scroll back up. */
  var replyStart = null;

  function showMessage(msg) {
    var node = renderMessage(msg);
    if (!node) return node;
    log.appendChild(node);
    empty.hidden = true;
    if (msg.from === "user") {
      replyStart = null;
      scrollLogTo(log.scrollHeight);
    } else {
      if (!replyStart || !replyStart.isConnected) replyStart = node;
      scrollLogTo(replyStart.offsetTop - 8); // the log is positioned, so offsetTop is within it
    }
    return node;
  }

  function renderAll() {
    log.textContent = "";
    state.messages.forEach(function (m) {
      var node = renderMessage(m);
      if (node) log.appendChild(node);
    });
    empty.hidden = state.messages.length > 0;
    log.scrollTop = log.scrollHeight;
  }

  /* ---------- turning what the server sends into messages ---------- */

  function normalise(payload) {
    var msg = payload;
    if (msg && typeof msg === "object" && msg.custom && typeof msg.custom === "object") msg = msg.custom;
    if (msg && typeof msg === "object" && !msg.type && !msg.text && msg.data && typeof msg.data === "object") msg = msg.data;
    if (!msg || typeof msg !== "object") return typeof msg === "string" && msg ? { from: "bot", text: msg } : null;
    var ts = new Date().toISOString();
    if (msg.type === "advisor_message") {
      return { from: "advisor", text: str(msg.text), advisor: str(msg.advisor), ts: ts };
    }
    var out = { from: "bot", ts: ts };
    var cards = msg.type === "service_cards" && Array.isArray(msg.cards)
      ? msg.cards.filter(function (c) { return c && typeof c === "object"; })
      : [];
    if (cards.length) {
      out.cards = cards;
      out.more = msg.more === true;
    } else if (typeof msg.text === "string" && msg.text) {
      // A card message's text is the plain version for text-only channels: shown only without cards.
      out.text = msg.text;
    }
    var replies = Array.isArray(msg.quick_replies) ? msg.quick_replies : Array.isArray(msg.buttons) ? msg.buttons : [];
    replies = replies
      .filter(function (r) { return r && (r.title || r.payload); })
      .map(function (r) { return { title: str(r.title || r.payload), payload: str(r.payload || r.title) }; });
    if (replies.length) out.quick_replies = replies;
    var att = msg.attachment;
    if (att && typeof att === "object") {
      var src = att.payload && (att.payload.src || att.payload.url);
      var href = src && safeHref(src);
      if (href && /^https?:/.test(href)) {
        out.link = href;
        out.linkLabel = att.type === "image" ? "Open image" : "Open attachment";
      }
    }
    if (!out.text && !out.cards && !out.link) return null;
    return out;
  }

  function receive(payload) {
    var msg = normalise(payload);
    hideTyping();
    if (!msg) return null;
    var handoff = handoffAfter(msg);
    if (handoff !== undefined) state.handoff = handoff;
    state.messages.push(msg);
    save();
    renderHandoff();
    var node = showMessage(msg);
    if (panel.hidden) unread.hidden = false;
    return node;
  }

  /* ---------- the hand-off to a person ---------- */

  // The bot's own words (handoff/texts.py) mark where a hand-off starts, who joins and where it ends.
  var QUEUED = /i'm connecting you to an advisor/;
  var JOINED = /now connected to (.+?), an advisor/i;
  var RESUMED = /back with the signpost assistant/;

  /* What the hand-off is after this message: null (the bot again), a stage, or undefined (no change). */
  function handoffAfter(msg) {
    if (msg.from === "advisor") return { stage: "advisor", advisor: str(msg.advisor).trim() };
    var text = str(msg.text).replace(/\u2019/g, "'");
    if (RESUMED.test(text.toLowerCase())) return null;
    var joined = JOINED.exec(text);
    if (joined) return { stage: "advisor", advisor: joined[1].trim() };
    if (QUEUED.test(text.toLowerCase())) return { stage: "queue", advisor: "" };
    return undefined;
  }

  function renderHandoff() {
    var h = state.handoff;
    handoffBar.hidden = !h;
    if (!h) return;
    hideTyping();
    var who = h.advisor ? h.advisor + ", an advisor" : "an advisor";
    handoffText.textContent = h.stage === "advisor"
      ? "You're chatting with " + who + " (a person)."
      : "You're waiting for an advisor (a person). The assistant won't reply meanwhile.";
  }

  endHandoffButton.addEventListener("click", function () {
    sendMessage("end chat"); // handoff/texts.py is_worker_end: the server hands the chat back to the bot
    input.focus();
  });

  /* ---------- typing indicator ---------- */

  var typingTimer = null;
  function showTyping() {
    if (state.handoff) return; // a person has the chat: the bot will not answer, so nothing is "typing"
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_TIMEOUT_MS);
  }
  function hideTyping() {
    typing.hidden = true;
    clearTimeout(typingTimer);
  }

  /* ---------- connection to Rasa ---------- */

  var socket = null;
  var confirmed = false;
  var restarting = false;
  var ioPromise = null;
  var everConnected = false;

  /* A warning (the chat can't reach the service) is not an answer: it carries the safety line, so a
     worker who can't get through still sees 999 and the Respect Phoneline, as tap-to-call links. */
  function setStatus(text, kind) {
    status.textContent = "";
    if (text) appendPlain(status, text);
    if (text && kind === "warning") status.appendChild(appendPlain(el("span", { className: "sp-safety" }), " " + SAFETY_LINE));
    status.className = "sp-status" + (kind ? " sp-status--" + kind : "");
  }

  function loadIo() {
    if (window.io) return Promise.resolve(window.io);
    if (!ioPromise) {
      ioPromise = new Promise(function (resolve, reject) {
        var s = el("script", { src: cfg.ioSrc });
        s.onload = function () { window.io ? resolve(window.io) : reject(new Error("socket.io missing")); };
        s.onerror = function () { ioPromise = null; reject(new Error("could not load " + cfg.ioSrc)); };
        document.head.appendChild(s);
      });
    }
    return ioPromise;
  }

  function connect() {
    if (socket) return;
    setStatus("Connecting\u2026", "busy");
    loadIo().then(
      function (io) {
        if (socket) return;
        socket = io(cfg.serverUrl, {
          path: cfg.socketPath,
          // Names the conversation so a load balancer keeps this socket on the conversation's replica.
          query: { session_id: state.sessionId },
          transports: cfg.transports.length ? cfg.transports : ["polling"],
          reconnectionDelay: 1000,
          reconnectionDelayMax: 8000,
        });
        socket.on("connect", function () {
          confirmed = false;
          socket.emit("session_request", { session_id: state.sessionId });
        });
        socket.on("session_confirm", function (sessionId) {
          // Rasa echoes the id we asked for; another id is a stale answer from before "Start again".
          if (restarting || (typeof sessionId === "string" && sessionId !== state.sessionId)) return;
          confirmed = true;
          everConnected = true;
          setStatus("");
          flushOutbox();
          if (cfg.initPayload && !state.messages.length && !state.greeted) {
            state.greeted = true;
            save();
            emitMessage(cfg.initPayload, state.sessionId);
            showTyping();
          }
        });
        socket.on(cfg.botEvent, function (payload) {
          if (!restarting) receive(payload);
        });
        socket.on("disconnect", function (reason) {
          confirmed = false;
          hideTyping();
          if (reason !== "io client disconnect") setStatus("Connection lost. Reconnecting\u2026", "warning");
        });
        socket.on("connect_error", function () {
          setStatus(
            everConnected ? "Connection lost. Reconnecting\u2026" : "Can't reach the chat service. Reconnecting\u2026",
            "warning"
          );
        });
      },
      function () {
        setStatus("The chat could not load. Please reload the page or try again later.", "warning");
      }
    );
  }

  function emitMessage(text, sessionId, ack) {
    var payload = { message: text, session_id: sessionId };
    if (ack) socket.timeout(RESTART_ACK_MS).emit(cfg.userEvent, payload, ack);
    else socket.emit(cfg.userEvent, payload);
  }

  function flushOutbox() {
    if (!socket || !confirmed) return;
    var pending = state.outbox;
    state.outbox = [];
    pending.forEach(function (item) {
      emitMessage(item.message, item.session_id);
    });
    var changed = false;
    state.messages.forEach(function (m) {
      if (m.pending) {
        delete m.pending;
        changed = true;
      }
    });
    if (changed) {
      save();
      Array.prototype.forEach.call(log.querySelectorAll(".sp-pending"), function (n) { n.remove(); });
    }
    if (pending.length) showTyping();
  }

  function retireQuickReplies() {
    state.messages.forEach(function (m) {
      if (m.quick_replies) m.qrDone = true;
    });
    Array.prototype.forEach.call(log.querySelectorAll(".sp-quick"), function (n) { n.remove(); });
  }

  function sendMessage(payload, shown) {
    payload = str(payload).trim();
    if (!payload) return;
    retireQuickReplies();
    var msg = { from: "user", text: str(shown || payload), ts: new Date().toISOString() };
    if (socket && confirmed) {
      emitMessage(payload, state.sessionId);
      showTyping();
    } else {
      msg.pending = true;
      state.outbox.push({ message: payload, session_id: state.sessionId });
      connect();
    }
    state.messages.push(msg);
    save();
    showMessage(msg);
  }

  function restart() {
    var oldSession = state.sessionId;
    var hadConversation = state.messages.length > 0 || state.outbox.length > 0;
    var keepOpen = !panel.hidden;
    state = freshState();
    state.open = keepOpen;
    save();
    renderAll();
    renderHandoff();
    hideTyping();
    input.value = "";
    cutNote.textContent = "";
    setStatus("Conversation cleared. You can start again.");

    function reconnect() {
      restarting = false;
      if (!socket) return connect();
      if (!socket.connected) return; // the next connection asks for the new session
      confirmed = false;
      socket.disconnect();
      socket.io.opts.query = { session_id: state.sessionId };
      socket.connect(); // a new connection joins only the new session's room
    }

    if (socket && confirmed && hadConversation) {
      restarting = true;
      confirmed = false; // anything typed now waits for the new session
      setStatus("Conversation cleared. Starting a new one\u2026", "busy");
      emitMessage("/restart", oldSession, function () { reconnect(); });
    } else if (hadConversation) {
      // Not connected: ask the server to restart the old conversation once we are.
      state.outbox.push({ message: "/restart", session_id: oldSession });
      save();
      reconnect();
    } else if (socket) {
      reconnect();
    }
    input.focus();
  }

  /* ---------- opening, closing, keyboard ---------- */

  function open() {
    panel.hidden = false;
    root.setAttribute("data-sp-open", "true");
    launcher.setAttribute("aria-expanded", "true");
    unread.hidden = true;
    state.open = true;
    save();
    connect();
    log.scrollTop = log.scrollHeight;
    input.focus();
  }

  function close() {
    panel.hidden = true;
    root.setAttribute("data-sp-open", "false");
    launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    save();
    launcher.focus();
  }

  /* Forget this browser's conversation: Back (or another page of the site) must not show it again.
     The server knows this browser only by the session id kept here and by the open socket, so both go:
     the stored conversation and id are removed (the next visit gets a new id) and the socket closes,
     which takes it out of the session's room on the server. */
  function forgetConversation() {
    leaving = true;
    [window.sessionStorage, window.localStorage].forEach(function (s) {
      try {
        for (var i = s.length - 1; i >= 0; i--) {
          var key = s.key(i);
          if (key && key.indexOf("signpost-chat:") === 0) s.removeItem(key);
        }
      } catch (e) { /* storage unavailable: nothing kept there */ }
    });
    memoryStore = {};
    if (socket) socket.disconnect();
    log.textContent = "";
    input.value = "";
  }

  function quickExit() {
    try {
      document.body.hidden = true; // hide the page at once, before the next one loads
    } catch (e) { /* ignore */ }
    forgetConversation();
    location.replace(cfg.quickExitUrl); // as GOV.UK's "Exit this page": Back does not come back here
  }

  // If the browser restores this page from its back/forward cache after a quick exit, load it afresh.
  window.addEventListener("pageshow", function (e) {
    if (e.persisted && leaving) location.reload();
  });

  launcher.addEventListener("click", function () {
    panel.hidden ? open() : close();
  });
  closeButton.addEventListener("click", close);
  restartButton.addEventListener("click", restart);
  if (exitButton) exitButton.addEventListener("click", quickExit);

  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !e.defaultPrevented) {
      e.preventDefault();
      close();
    }
  });

  /* Where to cut a long message: at the last space before the limit, unless that loses too much. */
  function cutPoint(text) {
    if (text.length <= MAX_MESSAGE_CHARS) return text.length;
    var space = text.lastIndexOf(" ", MAX_MESSAGE_CHARS);
    return space > MAX_MESSAGE_CHARS * 0.75 ? space : MAX_MESSAGE_CHARS;
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value;
    if (!text.trim()) return input.focus();
    var cut = cutPoint(text);
    // Too long for one message: send the first part and leave the rest in the box, saying so.
    input.value = text.slice(cut).replace(/^\s+/, "");
    cutNote.textContent = input.value
      ? "Your message was too long to send at once, so only the first part (up to 2,000 characters) was sent. " +
        "The rest is still in the box: press Send to send it as another message."
      : "";
    autosize();
    sendMessage(text.slice(0, cut));
    input.focus();
  });

  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit();
      else sendButton.click();
    }
  });

  function autosize() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 160) + "px";
  }
  input.addEventListener("input", autosize);

  /* ---------- start ---------- */

  function mount() {
    var stylesheet = el("link", { rel: "stylesheet", href: cfg.cssHref });
    var shown = false;
    function show() {
      if (shown) return;
      shown = true;
      root.hidden = false;
      if (exitRoot) exitRoot.hidden = false;
    }
    stylesheet.addEventListener("load", show);
    stylesheet.addEventListener("error", show);
    setTimeout(show, 3000);
    document.head.appendChild(stylesheet);
    if (exitRoot) document.body.insertBefore(exitRoot, document.body.firstChild);
    document.body.appendChild(root);
    renderAll();
    renderHandoff();
    if (state.open || cfg.startOpen) {
      panel.hidden = false;
      root.setAttribute("data-sp-open", "true");
      launcher.setAttribute("aria-expanded", "true");
      connect();
    } else if (state.messages.length || state.outbox.length) {
      connect(); // keep receiving, e.g. an advisor's reply, while minimised
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();

  window.SignpostWidget = {
    open: open,
    close: close,
    send: function (text) { sendMessage(text); },
    restart: restart,
    /* Test hooks: the real rendering path for a bot_uttered payload, and a copy of the state. */
    _render: receive,
    _state: function () { return JSON.parse(JSON.stringify(state)); },
    _socket: function () { return socket; },
    _connected: function () { return Boolean(socket && confirmed); },
    _config: cfg,
  };
})();
