// Small conveniences; every page works without them.
document.addEventListener("click", function (event) {
  // A canned reply button puts its text into the reply box, ready to edit and send.
  var button = event.target.closest("[data-canned]");
  if (button) {
    var box = document.getElementById(button.getAttribute("data-target"));
    if (box) { box.value = button.getAttribute("data-canned"); box.focus(); }
    event.preventDefault();
  }
});
document.addEventListener("change", function (event) {
  // The reason box is needed only for "rejected" and "cancelled".
  if (event.target.matches("select[data-needs-reason]")) {
    var needs = event.target.getAttribute("data-needs-reason").split(" ");
    var reason = document.getElementById(event.target.getAttribute("data-reason"));
    if (reason) { reason.required = needs.indexOf(event.target.value) >= 0; }
  }
});
window.addEventListener("load", function () {
  var transcript = document.querySelector(".transcript");
  if (transcript) { transcript.scrollTop = transcript.scrollHeight; }
});
