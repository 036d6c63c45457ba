/* Woonwijzer chat widget. One tag on any page of the city's site:
 *   <script src="https://HOST/widget.js" data-woonwijzer-url="https://HOST" data-lang="nl" defer></script>
 * The UI lives in a shadow root, so the site's CSS and ours leave each other alone. Every text,
 * the user's and the bot's, goes in through DOM calls (textContent, text nodes, attributes of URLs
 * built here), never as HTML, and nothing runs inline or through eval, so a strict CSP holds. */
(function () {
  "use strict";

  const script = document.currentScript;
  // A second copy of the tag (a CMS block placed twice) must not give a second launcher.
  if (!script || document.querySelector("woonwijzer-chat")) {
    return;
  }

  const TEXTS = {
    nl: {
      launcher: "Vraag het Woonwijzer",
      title: "Woonwijzer",
      subtitle: "Stad Kortrijk",
      greeting: "Hallo! Stel je vraag over wonen in Kortrijk, bv. over een premie, sociaal huren of het SVK.",
      restart: "Nieuw gesprek",
      restarted: "Nieuw gesprek gestart.",
      close: "Sluiten",
      log: "Gesprek met Woonwijzer",
      label: "Je vraag",
      placeholder: "Typ je vraag",
      send: "Stuur",
      you: "Jij: ",
      bot: "Woonwijzer: ",
      typing: "Woonwijzer typt…",
      choices: "Kies een antwoord",
      newTab: " (opent in een nieuw tabblad)",
      empty: "Daar heb ik geen antwoord op. Probeer het anders te vragen.",
      unreachable: "Woonwijzer is even niet bereikbaar. Probeer het zo opnieuw.",
      kept: "In deze browser blijft het gesprek tot je het tabblad sluit.",
    },
  };
  const lang = Object.prototype.hasOwnProperty.call(TEXTS, script.dataset.lang) ? script.dataset.lang : "nl";
  const T = TEXTS[lang];
  const base = script.dataset.woonwijzerUrl
    ? new URL(script.dataset.woonwijzerUrl, document.baseURI).href.replace(/\/+$/, "")
    : new URL(script.src).origin;
  // Longer than the relay's own 30 s limit, so its answer (with the Sociaal Huis number) normally wins.
  const TIMEOUT_MS = 35000;
  // sessionStorage: the conversation follows the resident across the site's pages and reloads,
  // and is gone when the tab closes (a shared computer in the library keeps nothing).
  const STORE_KEY = "woonwijzer-gesprek";
  const SVG = "http://www.w3.org/2000/svg";
  const BUBBLE = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z";
  const CROSS = "M6 6l12 12M18 6L6 18";

  // Web addresses, e-mail addresses and Belgian phone numbers as the city writes them:
  // 056 12 34 56, 056/12.34.56, 056/ 12 34 56, 0800 12 345, +32 56 12 34 56.
  const LINKABLE = /(https?:\/\/[^\s<>"]+|www\.[^\s<>"]+)|([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})|((?:\+32 ?|0)\d{1,3}(?:[ ./] ?\d{2,3}){2,4}(?!\d))/gi;

  let state = restore();
  let config = {};
  let busy = false;
  let pending = null;

  function fresh(open) {
    const id = window.crypto.randomUUID
      ? window.crypto.randomUUID()
      // randomUUID needs a secure context; a test server on a LAN address is not one.
      : Array.from(window.crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
    return {sender: "web-" + id, open: open, messages: []};
  }

  function restore() {
    try {
      const saved = JSON.parse(window.sessionStorage.getItem(STORE_KEY));
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.messages)) {
        return saved;
      }
    } catch (error) {
      // No storage (blocked, or unreadable): a new conversation, kept in memory only.
    }
    return fresh(false);
  }

  function save() {
    try {
      window.sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (error) {
      // Storage blocked or full: the conversation still works, it just won't survive a reload.
    }
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  function icon(path) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const line = document.createElementNS(SVG, "path");
    line.setAttribute("d", path);
    svg.append(line);
    return svg;
  }

  function phoneLink(raw) {
    const digits = raw.replace(/\D/g, "");
    const national = raw.charAt(0) === "+" ? "0" + digits.slice(2) : digits;
    // Landlines and 0800 have 9 digits, mobiles 10 starting 04; dates and amounts fall out here.
    if (!(national.length === 9 || (national.length === 10 && national.startsWith("04")))) {
      return null;
    }
    // International form, so the link also works from a foreign phone.
    return "tel:+32" + national.slice(1);
  }

  function webLink(raw) {
    try {
      const url = new URL(/^www\./i.test(raw) ? "https://" + raw : raw);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function link(href, text, external) {
    const anchor = el("a", {href: href}, text);
    if (external) {
      anchor.setAttribute("target", "_blank");
      anchor.setAttribute("rel", "noopener noreferrer");
      anchor.append(el("span", {class: "sr-only"}, T.newTab));
    }
    return anchor;
  }

  // The bot's text with its addresses and numbers as links, each built from a match, never parsed.
  function richText(text) {
    const parts = [];
    let from = 0;
    for (const match of text.matchAll(LINKABLE)) {
      let raw = match[0];
      let node = null;
      if (match[1]) {
        raw = raw.replace(/[.,;:!?)\]]+$/, "");
        const href = webLink(raw);
        node = href && link(href, raw, true);
      } else if (match[2]) {
        node = link("mailto:" + raw, raw, false);
      } else if (!/[\w+]/.test(text.charAt(match.index - 1))) {
        const href = phoneLink(raw);
        node = href && link(href, raw, false);
      }
      if (node) {
        parts.push(text.slice(from, match.index), node);
        from = match.index + raw.length;
      }
    }
    parts.push(text.slice(from));
    return parts;
  }

  // The widget.
  const host = document.createElement("woonwijzer-chat");
  const shadow = host.attachShadow({mode: "open"});
  const sheet = el("link", {rel: "stylesheet", href: base + "/widget.css"});
  const root = el("div", {class: "root", lang: lang});
  // Shown once the stylesheet is in: no flash of an unstyled panel on the city's page.
  root.hidden = true;
  const show = () => {
    root.hidden = false;
    scrollToEnd();  // only now has the log a height to scroll
  };
  sheet.addEventListener("load", show);
  sheet.addEventListener("error", show);

  const launcher = el("button", {type: "button", class: "launcher", "aria-expanded": "false",
    "aria-controls": "ww-panel"}, icon(BUBBLE), el("span", {}, T.launcher));
  const restartButton = el("button", {type: "button", class: "restart"}, T.restart);
  const closeButton = el("button", {type: "button", class: "close", "aria-label": T.close}, icon(CROSS));
  const log = el("div", {class: "log", role: "log", "aria-live": "polite", "aria-label": T.log, tabindex: "0"});
  const status = el("p", {class: "status", role: "status"});
  const dots = el("span", {class: "dots", "aria-hidden": "true"}, el("span"), el("span"), el("span"));
  const statusText = el("span");
  status.append(dots, statusText);
  const input = el("input", {id: "ww-input", type: "text", autocomplete: "off", maxlength: "2000",
    placeholder: T.placeholder, enterkeyhint: "send"});
  const sendButton = el("button", {type: "submit", class: "send"}, T.send);
  const form = el("form", {class: "ask"}, el("label", {for: "ww-input", class: "sr-only"}, T.label), input, sendButton);
  const privacy = el("span");
  const panel = el("section", {id: "ww-panel", class: "panel", role: "dialog", "aria-labelledby": "ww-title"},
    el("div", {class: "head"},
      el("div", {class: "titles"}, el("h2", {id: "ww-title"}, T.title), el("p", {}, T.subtitle)),
      restartButton, closeButton),
    log, status, form, el("p", {class: "privacy"}, privacy, T.kept));
  panel.hidden = true;
  root.append(panel, launcher);
  shadow.append(sheet, root);

  function renderGreeting() {
    log.append(el("div", {class: "msg bot"}, el("span", {class: "sr-only"}, T.bot),
      el("span", {class: "text"}, T.greeting)));
  }

  function renderMessage(message, index) {
    const mine = message.who === "user";
    const text = String(message.text || "");
    const id = "ww-msg-" + index;
    if (text) {
      log.append(el("div", {class: mine ? "msg user" : "msg bot"},
        el("span", {class: "sr-only"}, mine ? T.you : T.bot),
        el("span", {class: "text", id: id}, ...(mine ? [text] : richText(text)))));
    }
    if (!mine && Array.isArray(message.buttons) && message.buttons.length) {
      const group = el("div", {class: "choices", role: "group"});
      group.setAttribute(text ? "aria-labelledby" : "aria-label", text ? id : T.choices);
      message.buttons.forEach((choice, i) => {
        const button = el("button", {type: "button", class: "choice"}, String(choice.title));
        button.disabled = Boolean(message.closed);
        button.classList.toggle("chosen", message.chosen === i);
        button.addEventListener("click", () => choose(message, i, button));
        group.append(button);
      });
      log.append(group);
      return group;
    }
    return null;
  }

  function renderAll() {
    log.replaceChildren();
    renderGreeting();
    state.messages.forEach(renderMessage);
  }

  function add(message) {
    state.messages.push(message);
    save();
    const group = renderMessage(message, state.messages.length - 1);
    scrollToEnd();
    return group;
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function focusInside() {
    return panel.contains(shadow.activeElement);
  }

  // Answering one question closes every open set of choices: they belong to what was asked before.
  function closeChoices() {
    state.messages.forEach((message) => { message.closed = message.closed || Boolean(message.buttons); });
    log.querySelectorAll(".choice").forEach((button) => { button.disabled = true; });
  }

  function setBusy(on) {
    busy = on;
    sendButton.disabled = on;
    root.classList.toggle("busy", on);
    statusText.textContent = on ? T.typing : "";
  }

  function setOpen(open, moveFocus) {
    state.open = open;
    save();
    panel.hidden = !open;
    root.classList.toggle("open", open);
    launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      scrollToEnd();
    }
    if (moveFocus) {
      (open ? input : launcher).focus();
    }
  }

  async function ask(message) {
    const controller = new AbortController();
    pending = controller;
    const timer = window.setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(base + "/chat", {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({sender: state.sender, message: message}),
        signal: controller.signal,
      });
      const body = await response.json().catch(() => null);
      const replies = Array.isArray(body)
        ? body.filter((m) => m && (typeof m.text === "string" || Array.isArray(m.buttons))) : null;
      if (response.ok && replies) {
        return replies.length ? replies : [{text: T.empty}];
      }
      const said = replies && replies.length && replies[0].text;
      // The relay's own Dutch answer to a bad message says what to do; anything else is "unreachable".
      if (response.status >= 400 && response.status < 500 && said) {
        return [{text: said}];
      }
      return [{text: config.unreachable || said || T.unreachable}];
    } catch (error) {
      return [{text: config.unreachable || T.unreachable}];
    } finally {
      window.clearTimeout(timer);
    }
  }

  async function send(message, shown) {
    if (busy) {
      return;
    }
    // Focus first: the send button or a choice is disabled next, and would drop focus to the page.
    input.focus();
    closeChoices();
    add({who: "user", text: shown});
    setBusy(true);
    const sender = state.sender;
    const replies = await ask(message);
    if (sender !== state.sender) {
      return;  // "Nieuw gesprek" was chosen meanwhile: this answer belongs to the old conversation.
    }
    setBusy(false);
    const hadFocus = focusInside();
    let choices = null;
    for (const reply of replies) {
      choices = add({who: "bot", text: reply.text,
        buttons: Array.isArray(reply.buttons)
          ? reply.buttons.map((b) => ({title: String(b.title), payload: String(b.payload)})) : undefined}) || choices;
    }
    // Focus never jumps into the panel from elsewhere on the page; inside it, it goes to what comes next:
    // the first choice when the answer offers choices and nothing is typed yet, else the input.
    if (hadFocus) {
      (choices && !input.value ? choices.querySelector("button") : input).focus();
    }
  }

  function choose(message, index, button) {
    if (busy || message.closed) {
      return;
    }
    message.chosen = index;
    button.classList.add("chosen");
    const choice = message.buttons[index];
    send(choice.payload, choice.title);
  }

  function restart() {
    if (pending) {
      pending.abort();
    }
    setBusy(false);
    state = fresh(true);
    save();
    renderAll();
    statusText.textContent = T.restarted;
    input.value = "";
    input.focus();
  }

  launcher.addEventListener("click", () => setOpen(!state.open, true));
  closeButton.addEventListener("click", () => setOpen(false, true));
  restartButton.addEventListener("click", restart);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false, true);
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text && !busy) {
      input.value = "";
      send(text, text);
    }
  });

  function mount() {
    renderAll();
    setOpen(Boolean(state.open), false);
    document.body.append(host);
  }

  fetch(base + "/widget/config")
    .then((response) => (response.ok ? response.json() : {}))
    .then((texts) => {
      config = texts && typeof texts === "object" ? texts : {};
      if (typeof config.privacy === "string") {
        privacy.textContent = config.privacy + " ";
      }
    })
    .catch(() => {});  // Without it the widget still works; a failure then says "unreachable" without the number.

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
