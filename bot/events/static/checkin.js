// The door page's camera: read the QR code in the browser when it can (BarcodeDetector), otherwise send
// frames to the server to read; then check the code in with the same form as typing it. Works without it.
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  var video = document.getElementById("camera");
  var status = document.getElementById("camera-status");
  var start = document.getElementById("camera-start");
  if (!form || !video || !start) { return; }
  var token = form.querySelector("input[name=csrf_token]").value;
  var canvas = document.createElement("canvas");
  var busy = false;
  var detector = null;
  if ("BarcodeDetector" in window) {
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (error) { detector = null; }
  }

  function submit(code) {
    // The page reloads with the result; the same ticket still in front of the camera is not sent twice.
    if (code === sessionStorage.getItem("itc-last-code")) { return; }
    sessionStorage.setItem("itc-last-code", code);
    document.getElementById("checkin-code").value = code;
    status.textContent = "พบรหัส " + code + " กำลังเช็กอิน…";
    form.submit();
  }

  function frame() {
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", 0.85); });
  }

  async function look() {
    if (busy || video.readyState < 2) { return; }
    busy = true;
    try {
      if (detector) {
        var codes = await detector.detect(video);
        if (codes.length) { submit(codes[0].rawValue); }
        return;
      }
      var body = new FormData();
      body.append("frame", await frame(), "frame.jpg");
      var response = await fetch(form.getAttribute("data-scan-url"), {
        method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": token } });
      if (response.ok) {
        var found = await response.json();
        if (found.code) { submit(found.code); }
      }
    } catch (error) {
      // A frame that could not be read: try the next one.
    } finally {
      busy = false;
    }
  }

  async function open() {
    try {
      var stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = stream;
      await video.play();
      sessionStorage.setItem("itc-camera", "on");
      start.hidden = true;
      status.textContent = "กำลังสแกน… หันกล้องไปที่ QR code ค่ะ";
      setInterval(look, detector ? 250 : 500);
    } catch (error) {
      status.textContent = "เปิดกล้องไม่ได้ (" + error.name + ") พิมพ์รหัสในช่องด้านข้างแทนได้ค่ะ";
    }
  }

  start.addEventListener("click", open);
  if (sessionStorage.getItem("itc-camera") === "on") { open(); }  // keep scanning after each check-in
})();
