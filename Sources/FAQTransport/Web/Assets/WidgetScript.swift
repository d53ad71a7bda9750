extension WebAssets {
    /// `/widget.js`: the chat widget, vanilla JavaScript, no build step. Embedded with one tag:
    /// `<script src="https://HOST/widget.js" defer></script>`; options as `data-` attributes (README).
    static let widgetScript = #"""
/* faqbot chat widget. Patient and bot text is only ever set as text, never as HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.faqbotWidget) return;
  var data = script.dataset;
  var base = new URL(".", script.src);
  var server = data.server || (base.protocol === "https:" ? "wss:" : "ws:") + "//" + base.host + "/chat";
  var texts = {
    title: data.title || "Clinic assistant",
    launcher: data.launcherLabel || "Chat with us",
    placeholder: data.placeholder || "Ask a question…",
    send: data.sendLabel || "Send",
    close: data.closeLabel || "Close chat",
    connecting: data.textConnecting || "Connecting…",
    online: data.textOnline || "Online",
    reconnecting: data.textReconnecting || "Reconnecting…",
    offline: data.textOffline || "Offline: retrying when the network is back",
    idle: data.textIdle || "Paused: type to continue",
    ended: data.textEnded || "Chat ended: type to start a new one",
    newChat: data.textNewChat || "A new conversation has started.",
    source: data.textSource || "Source:",
    typing: data.textTyping || "The assistant is typing",
    important: data.textImportant || "⚠ Important",
    yes: data.textYes || "Yes", no: data.textNo || "No"
  };
  var storeKey = "faqbot:" + server;
  var state = load();
  var socket = null, attempt = 0, timer = null, status = "", queue = [], waiting = 0, paused = false, ended = false;

  function load() {
    try { var s = JSON.parse(sessionStorage.getItem(storeKey)); if (s && s.messages) return s; } catch (e) {}
    return { token: null, seen: 0, messages: [], open: false };
  }
  function save() {
    if (state.messages.length > 200) state.messages = state.messages.slice(-200);
    try { sessionStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) {}
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* Elements */
  var root = el("div", "fqb-root");
  if (data.position === "left") root.classList.add("fqb-left");
  if (data.accent) root.style.setProperty("--fqb-accent", data.accent);
  if (data.theme === "dark") root.classList.add("fqb-dark");
  var launcher = el("button", "fqb-launcher", texts.launcher);
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "fqb-panel");
  var panel = el("section", "fqb-panel");
  panel.id = "fqb-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "fqb-title");
  var header = el("header", "fqb-header");
  var title = el("h2", "fqb-title", texts.title);
  title.id = "fqb-title";
  var statusLine = el("p", "fqb-status");
  statusLine.setAttribute("aria-live", "polite");
  var closeButton = el("button", "fqb-close", "×");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", texts.close);
  var titles = el("div", "fqb-titles");
  titles.append(title, statusLine);
  header.append(titles, closeButton);
  var log = el("div", "fqb-log");
  log.setAttribute("role", "log");
  log.tabIndex = 0;
  var typing = el("div", "fqb-typing");
  typing.hidden = true;
  typing.setAttribute("aria-label", texts.typing);
  typing.append(el("span"), el("span"), el("span"));
  var form = el("form", "fqb-form");
  var input = el("input", "fqb-input");
  input.type = "text";
  input.setAttribute("aria-label", texts.placeholder);
  input.placeholder = texts.placeholder;
  input.maxLength = 2000;
  input.autocomplete = "off";
  var sendButton = el("button", "fqb-send", texts.send);
  sendButton.type = "submit";
  form.append(input, sendButton);
  panel.append(header, log, typing, form);
  root.append(launcher, panel);

  /* Messages */
  function linkify(parent, text) {
    var pattern = /(https?:\/\/[^\s<>"')]+|mailto:[^\s<>"')]+|tel:\+?[0-9][0-9 -]*[0-9])/g, last = 0, m;
    while ((m = pattern.exec(text))) {
      parent.append(document.createTextNode(text.slice(last, m.index)));
      var a = el("a", null, m[0].replace(/^(mailto|tel):/, ""));
      a.href = m[0].replace(/ /g, "");
      if (/^https?:/.test(m[0])) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
      parent.append(a);
      last = m.index + m[0].length;
    }
    parent.append(document.createTextNode(text.slice(last)));
  }
  function render(message, index) {
    var bubble = el("div", "fqb-msg fqb-" + message.who);
    if (message.kind) bubble.classList.add("fqb-kind-" + message.kind);
    if (message.kind === "crisis" || message.kind === "complication") {
      bubble.classList.add("fqb-alert");
      bubble.dataset.label = texts.important;
    }
    var body = el("p", "fqb-text");
    linkify(body, message.text);
    bubble.append(body);
    if (message.source) bubble.append(el("small", "fqb-source", texts.source + " " + message.source));
    if (message.chips && !message.used) {
      var chips = el("div", "fqb-chips");
      message.chips.forEach(function (chip) {
        var b = el("button", "fqb-chip", chip.label);
        b.type = "button";
        b.addEventListener("click", function () {
          message.used = true;
          chips.remove();
          send(chip.send, chip.label);
        });
        chips.append(b);
      });
      bubble.append(chips);
    }
    log.append(bubble);
    log.scrollTop = log.scrollHeight;
  }
  function add(message) {
    state.messages.push(message);
    save();
    render(message);
  }
  function chipsFor(reply) {
    var list = reply.suggestions || [];
    if (list.length) return list.map(function (s, i) { return { label: s.title, send: String(i + 1) }; });
    if (reply.type === "booking" && reply.field === "confirm") return [{ label: texts.yes, send: "yes" }, { label: texts.no, send: "no" }];
    return null;
  }
  /* The numbered choices are shown as buttons, so their lines leave the text. */
  function withoutListedChoices(reply) {
    var list = reply.suggestions || [];
    if (!list.length) return reply.text;
    return reply.text.split("\n").filter(function (line) {
      return !list.some(function (s, i) { return line.trim() === (i + 1) + ". " + s.title; });
    }).join("\n").replace(/\n+$/, "");
  }
  function inputFor(reply) {
    var field = reply.type === "booking" ? reply.field : null;
    input.type = field === "phone" ? "tel" : field === "date" ? "date" : "text";
    input.autocomplete = field === "phone" ? "tel" : field === "name" ? "name" : "off";
    input.inputMode = field === "phone" ? "tel" : "text";
    if (field === "date") input.min = new Date().toISOString().slice(0, 10); else input.removeAttribute("min");
  }

  /* Connection */
  function setStatus(name) {
    status = name;
    statusLine.textContent = texts[name];
    root.dataset.state = name;
  }
  function connect() {
    clearTimeout(timer);
    if (socket) return;
    setStatus(attempt ? "reconnecting" : "connecting");
    var url = server + (state.token ? "?resume=" + encodeURIComponent(state.token) + "&seen=" + state.seen : "");
    try { socket = new WebSocket(url); } catch (e) { socket = null; retry(); return; }
    socket.onopen = function () { attempt = 0; paused = false; setStatus("online"); flushQueue(); };
    socket.onmessage = function (event) {
      var reply;
      try { reply = JSON.parse(event.data); } catch (e) { return; }
      state.seen += 1;
      if (reply.type === "welcome") {
        if (state.token && state.messages.length) add({ who: "note", text: texts.newChat });
        state.token = reply.resume || null;
        state.seen = 1;
      }
      /* A bye ends the conversation, except the server's restart (it is reconnected to). */
      if (reply.type === "bye" && reply.code !== "shutdown") { state.token = null; ended = true; }
      waiting = Math.max(0, waiting - 1);
      typing.hidden = waiting === 0;
      inputFor(reply);
      add({ who: "bot", kind: reply.type, field: reply.field || null, text: withoutListedChoices(reply),
             source: reply.type === "answer" ? reply.source : null, chips: chipsFor(reply) });
    };
    socket.onclose = function (event) {
      socket = null;
      waiting = 0;
      typing.hidden = true;
      if (ended) { ended = false; setStatus("ended"); paused = true; return; }
      if (event.code === 1001 && event.reason === "idle") { setStatus("idle"); paused = true; return; }
      retry();
    };
  }
  function retry() {
    if (!navigator.onLine) { setStatus("offline"); return; }
    setStatus("reconnecting");
    var delay = Math.min(30000, 500 * Math.pow(2, attempt)) * (0.5 + Math.random() / 2);
    attempt += 1;
    timer = setTimeout(connect, delay);
  }
  function flushQueue() {
    while (queue.length && socket && socket.readyState === 1) { socket.send(queue.shift()); waiting += 1; }
    typing.hidden = waiting === 0;
  }
  function send(text, shown) {
    text = text.trim();
    if (!text) return;
    add({ who: "patient", text: shown || text });
    queue.push(text);
    if (paused || !socket) { paused = false; attempt = 0; connect(); }
    flushQueue();
  }
  window.addEventListener("online", function () { if (!socket && !paused) { attempt = 0; connect(); } });
  window.addEventListener("offline", function () { if (!socket) setStatus("offline"); });

  /* Opening, closing, keyboard */
  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("fqb-open");
    state.open = true;
    save();
    if (!socket && !paused) connect();
    input.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("fqb-open");
    state.open = false;
    save();
    launcher.focus();
  }
  launcher.addEventListener("click", function () { if (panel.hidden) open(); else close(); });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { event.preventDefault(); close(); } });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send(input.value);
    input.value = "";
  });
  function fitViewport() {
    if (window.visualViewport) root.style.setProperty("--fqb-viewport", window.visualViewport.height + "px");
  }
  if (window.visualViewport) window.visualViewport.addEventListener("resize", fitViewport);
  fitViewport();

  function start() {
    if (data.css !== "none") {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL("widget.css", base).href;
      document.head.append(link);
    }
    document.body.append(root);
    state.messages.forEach(render);
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-relevant", "additions");
    var last = state.messages.filter(function (m) { return m.who === "bot"; }).pop();
    if (last) inputFor({ type: last.kind, field: last.field });
    if (state.open) open();
  }
  window.faqbotWidget = { open: open, close: close, send: send };
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
"""#
}
