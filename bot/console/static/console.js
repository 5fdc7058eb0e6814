// Small conveniences; every page works without them.
document.addEventListener("click", function (event) {
  // A canned reply button puts its text into the reply box, ready to edit and send.
  var button = event.target.closest("[data-canned]");
  if (button) {
    var box = document.getElementById(button.getAttribute("data-target"));
    if (box) {
      box.value = button.getAttribute("data-canned"); box.focus();
      if (box.matches("[data-limit]")) { showCount(box); }
    }
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
// A live count under each box with a limit (data-limit, in LINE's UTF-16 units as value.length counts them);
// past the limit it turns red and says so: the server refuses such a text and keeps it in the form.
function countOf(box) {
  var extra = box.getAttribute("data-with") ? document.getElementById(box.getAttribute("data-with")) : null;
  return box.value.trim().length + (extra ? extra.value.trim().length : 0);
}
function showCount(box) {
  var limit = parseInt(box.getAttribute("data-limit"), 10), used = countOf(box);
  var counter = box.nextElementSibling;
  if (!counter || !counter.classList.contains("counter")) {
    counter = document.createElement("span");
    counter.className = "counter small muted";
    counter.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", counter);
  }
  counter.textContent = used.toLocaleString("th-TH") + " / " + limit.toLocaleString("th-TH") + " ตัวอักษร" +
    (used > limit ? " · ยาวเกิน " + (used - limit).toLocaleString("th-TH") + " ตัวอักษร" : "");
  counter.classList.toggle("over", used > limit);
}
document.addEventListener("input", function (event) {
  if (event.target.matches("[data-limit]")) { showCount(event.target); }
  var linked = document.querySelector("[data-with='" + event.target.id + "']");
  if (event.target.id && linked) { showCount(linked); }
});
window.addEventListener("load", function () {
  document.querySelectorAll("[data-limit]").forEach(showCount);
});
