// Every text from the user or the bot is set with textContent, never as HTML.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("ask");
  var input = document.getElementById("message");
  var sender = "web-" + Math.random().toString(36).slice(2, 12);

  function add(who, text) {
    var item = document.createElement("li");
    item.className = who;
    item.textContent = text;
    log.appendChild(item);
    item.scrollIntoView({block: "end"});
    return item;
  }

  function addButtons(buttons) {
    var item = document.createElement("li");
    item.className = "bot buttons";
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", function () { send(b.payload, b.title); });
      item.appendChild(button);
    });
    log.appendChild(item);
  }

  function send(message, shown) {
    add("user", shown || message);
    fetch("/chat", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({sender: sender, message: message})
    }).then(function (r) { return r.json(); }).then(function (messages) {
      if (!messages.length) { add("bot", "Sorry, daar heb ik geen antwoord op. Probeer het anders te vragen."); }
      messages.forEach(function (m) {
        if (m.text) { add("bot", m.text); }
        if (m.buttons && m.buttons.length) { addButtons(m.buttons); }
      });
    }).catch(function () {
      add("bot", "Woonwijzer is even niet bereikbaar. Probeer het zo opnieuw.");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (text) { send(text); }
    input.value = "";
  });
})();
