// Solves the portal's proof-of-work challenge (the ALTCHA protocol: find the number n for which
// SHA-256(salt + n) equals the challenge) and puts the proof in the form. Shown only after many submissions
// from one address; a citizen waits about a second and does nothing.
(function () {
  "use strict";
  var box = document.querySelector("[data-challenge]");
  if (!box) {
    return;
  }
  var form = box.closest("form");
  var input = box.querySelector("input[name=altcha]");
  var status = box.querySelector(".challenge__status");
  var buttons = form ? form.querySelectorAll("button[type=submit]") : [];
  var challenge = JSON.parse(box.getAttribute("data-challenge"));
  var encoder = new TextEncoder();

  function say(text) {
    status.textContent = text;
  }
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function setButtons(disabled) {
    Array.prototype.forEach.call(buttons, function (button) { button.disabled = disabled; });
  }
  if (!window.crypto || !window.crypto.subtle) {
    say("您的浏览器不支持安全验证，请换用其他浏览器，或书面、当面提出。");
    return;
  }
  setButtons(true);
  say("正在进行安全验证（防止自动批量提交），请稍候……");

  function attempt(start) {
    var batch = [];
    for (var n = start; n < start + 500 && n <= challenge.maxNumber; n++) {
      batch.push(window.crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n)));
    }
    return Promise.all(batch).then(function (digests) {
      for (var i = 0; i < digests.length; i++) {
        if (hex(digests[i]) === challenge.challenge) {
          return start + i;
        }
      }
      return start + 500 > challenge.maxNumber ? -1 : attempt(start + 500);
    });
  }
  attempt(0).then(function (number) {
    if (number < 0) {
      say("安全验证未能完成，请刷新页面后重试。");
      return;
    }
    input.value = btoa(JSON.stringify({
      algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
      salt: challenge.salt, signature: challenge.signature
    }));
    setButtons(false);
    say("安全验证已完成，可以提交。");
  });
}());
