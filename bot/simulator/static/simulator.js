// The simulator page: a LINE chat for simulated users. Each action asks the server for the webhook body LINE
// would send (signed there), POSTs it to /callback itself, then polls for what the bot delivered.
import {emojify} from "./emoji.js";
import {locationPicker} from "./location.js";
import {entryElement, typingRow} from "./messages.js";
import {richMenu} from "./richmenu.js";

const CONFIG = window.SIMULATOR;
const $ = (id) => document.getElementById(id);
const POLL_MS = 800;
const MAX_PHOTO_SIDE = 1600;
const QUICK_ICONS = {location: "📍", datetimepicker: "📅", camera: "📷", cameraRoll: "🖼️", uri: "🔗"};
const state = {users: [], user: null, count: 0, readUpTo: 0, lastSide: null, dateAction: null,
               pollChain: Promise.resolve()};

// ---------------------------------------------------------------------------------------------- server

async function api(path, options = {}) {
  const init = {method: options.method || "GET", headers: {}};
  if (options.json !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.json);
  } else if (options.form) {
    init.body = options.form;
  }
  const response = await fetch(CONFIG.api + path, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message || "เซิร์ฟเวอร์ตอบ " + response.status);
  return body;
}

async function send(payload) {
  if (!state.user) return;
  $("quick-replies").hidden = true;
  closeSheets();
  try {
    await deliver(await api("/events", {method: "POST", json: Object.assign({user: state.user}, payload)}));
  } catch (error) {
    toast(error.message);
  }
}

async function deliver(ready) {
  // The webhook request itself, as LINE's platform would make it.
  const response = await fetch(ready.callback, {method: "POST", body: ready.body,
    headers: {"Content-Type": "application/json; charset=utf-8", "X-Line-Signature": ready.signature}});
  if (!response.ok) toast("บอตตอบ webhook ด้วยสถานะ " + response.status);
  await poll();
}

function poll() {
  state.pollChain = state.pollChain.then(pollOnce).catch((error) => console.warn(error));
  return state.pollChain;
}

async function pollOnce() {
  const user = state.user;
  if (!user) return;
  const chat = await api("/chat?user=" + encodeURIComponent(user) + "&after=" + state.count);
  if (user !== state.user) return;
  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  chat.entries.forEach((entry) => {
    list.appendChild(entryElement(entry, {firstFromBot: state.lastSide !== "bot", onAction: performAction}));
    state.lastSide = entry.side;
  });
  state.count = chat.count;
  markRead(chat.readUpTo);
  showTyping(chat.loading);
  if (chat.entries.length) {
    showQuickReplies(chat.entries[chat.entries.length - 1]);
    if (atBottom || chat.entries.some((e) => e.side !== "bot")) list.scrollTop = list.scrollHeight;
  }
}

function markRead(upTo) {
  state.readUpTo = Math.max(state.readUpTo, upTo || 0);
  document.querySelectorAll("#messages .row.user").forEach((row) => {
    if (Number(row.dataset.seq) <= state.readUpTo) row.querySelector(".read").textContent = "อ่านแล้ว";
  });
}

function showTyping(loading) {
  const dots = $("typing");
  if (!loading) return dots && dots.remove();
  $("messages").appendChild(dots || typingRow());
}

// ----------------------------------------------------------------------------------------------- users

async function loadUsers(select) {
  state.users = (await api("/users")).users;
  renderUsers();
  const wanted = select || state.user || location.hash.slice(1);
  const found = state.users.find((u) => u.id === wanted) || state.users[0];
  if (found && found.id !== state.user) selectUser(found.id);
  else renderFriendship();
}

function renderUsers() {
  const list = $("users");
  list.textContent = "";
  state.users.forEach((user) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sim-user" + (user.id === state.user ? " selected" : "");
    button.setAttribute("aria-pressed", String(user.id === state.user));
    const face = document.createElement("span");
    face.className = "avatar";
    face.style.backgroundColor = user.colour;
    face.textContent = user.name.slice(0, 1);
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = user.name;
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = user.following === true ? "เพื่อน" : user.following === false ? "บล็อก" : "";
    button.append(face, name, badge);
    button.addEventListener("click", () => selectUser(user.id));
    const item = document.createElement("li");
    item.appendChild(button);
    list.appendChild(item);
  });
}

function currentUser() {
  return state.users.find((u) => u.id === state.user) || null;
}

function selectUser(id) {
  Object.assign(state, {user: id, count: 0, readUpTo: 0, lastSide: null});
  history.replaceState(null, "", "#" + id);
  $("messages").textContent = "";
  $("quick-replies").hidden = true;
  closeSheets();
  renderUsers();
  renderFriendship();
  $("who").textContent = currentUser() ? currentUser().name : "";
  $("user-id").textContent = id;
  loadRichMenu();
  poll();
}

function renderFriendship() {
  const user = currentUser();
  const following = user ? user.following : null;
  $("friend-state").textContent = following === true ? "เป็นเพื่อนกันแล้ว" :
    following === false ? "บล็อกบัญชีนี้อยู่" : "ยังไม่ได้เป็นเพื่อน";
  $("toggle-friend").textContent = following === true ? "บล็อก" : following === false ? "เลิกบล็อก" : "เพิ่มเพื่อน";
  $("friend-bar").hidden = following !== null && following !== undefined;
  $("blocked-bar").hidden = following !== false;
  $("text").disabled = $("send").disabled = $("attach").disabled = following === false;
  $("rich-menu").classList.toggle("disabled", following === false);
}

async function follow(unblocked) {
  await send({kind: "follow", unblocked: unblocked});
  await loadUsers();
}

async function toggleFriend() {
  const user = currentUser();
  if (!user) return;
  if (user.following !== true) return follow(user.following === false);
  await send({kind: "unfollow"});
  await loadUsers();
}

// ------------------------------------------------------------------------------------ actions, replies

function showQuickReplies(last) {
  // LINE shows the quick replies of the last message only, until the user acts.
  const items = last.side === "bot" && last.message.quickReply ? last.message.quickReply.items || [] : [];
  const bar = $("quick-replies");
  bar.textContent = "";
  items.forEach((item) => {
    const chip = document.createElement("button");
    chip.type = "button";
    chip.className = "chip";
    const icon = QUICK_ICONS[item.action.type];
    chip.textContent = (icon ? icon + " " : "") + item.action.label;
    chip.addEventListener("click", () => performAction(item.action));
    bar.appendChild(chip);
  });
  emojify(bar);
  bar.hidden = items.length === 0;
}

function performAction(action) {
  const user = currentUser();
  if (user && user.following === false) return toast("เลิกบล็อกก่อนจึงจะส่งข้อความได้ค่ะ");
  switch (action.type) {
    case "message": return send({kind: "text", text: action.text});
    case "postback": return send({kind: "postback", data: action.data, displayText: action.displayText || action.text});
    case "datetimepicker": return openDatePicker(action);
    case "location": return openLocation();
    case "uri": return window.open(action.uri, "_blank", "noopener");
    case "camera": case "cameraRoll": return $("photo-input").click();
    case "richmenuswitch":
      return send({kind: "postback", data: action.data,
                   params: {newRichMenuAliasId: action.richMenuAliasId, status: "SUCCESS"}});
    case "clipboard":
      navigator.clipboard.writeText(action.clipboardText || "");
      return toast("คัดลอกแล้ว");
    default: return toast("การกระทำแบบ " + action.type + " ยังไม่รองรับในหน้าจำลอง");
  }
}

function openDatePicker(action) {
  const input = $("date-input");
  input.type = {date: "date", time: "time", datetime: "datetime-local"}[action.mode || "date"] || "date";
  input.min = action.min || "";
  input.max = action.max || "";
  input.value = action.initial || "";
  $("date-title").textContent = action.label || "เลือกวันที่";
  state.dateAction = action;
  $("date-dialog").returnValue = "";
  $("date-dialog").showModal();
}

function onDatePicked() {
  const action = state.dateAction;
  if ($("date-dialog").returnValue !== "ok" || !action || !$("date-input").value) return;
  send({kind: "postback", data: action.data, params: {[action.mode || "date"]: $("date-input").value}});
}

const openLocation = locationPicker(async () => (await api("/provinces")).provinces,
                                    (place) => send(Object.assign({kind: "location"}, place)));
const menu = richMenu(performAction);

async function loadRichMenu() {
  const user = state.user;
  const found = await api("/richmenu?user=" + encodeURIComponent(user)).catch(() => ({menu: null}));
  if (user === state.user) menu.show(found);
}

async function deployRichMenu() {
  try {
    const result = await api("/richmenu/deploy", {method: "POST"});
    toast("ติดตั้งริชเมนูแล้ว (" + result.rich_menu_id + ")");
    await loadRichMenu();
  } catch (error) {
    toast(error.message);
  }
}

// ------------------------------------------------------------------------------- files and stickers

async function sendFile(file, isPhoto) {
  if (!file) return;
  closeSheets();
  $("quick-replies").hidden = true;
  try {
    const blob = isPhoto && file.type.startsWith("image/") ? await shrinkPhoto(file) : file;
    const form = new FormData();
    form.append("user", state.user);
    form.append("file", blob, file.name);
    await deliver(await api("/upload", {method: "POST", form: form}));
  } catch (error) {
    toast(error.message);
  }
}

function shrinkPhoto(file) {
  // LINE's app also sends a resized photo; it keeps the upload under the server's size limit.
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const scale = Math.min(1, MAX_PHOTO_SIDE / Math.max(img.width, img.height));
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(img.width * scale);
      canvas.height = Math.round(img.height * scale);
      canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("อ่านรูปไม่ได้"))), "image/jpeg", 0.85);
      URL.revokeObjectURL(img.src);
    };
    img.onerror = () => reject(new Error("อ่านรูปไม่ได้"));
    img.src = URL.createObjectURL(file);
  });
}

function buildStickers() {
  const sheet = $("sticker-sheet");
  Object.entries(CONFIG.stickers).forEach(([id, emoji]) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = emoji;
    button.setAttribute("aria-label", "สติกเกอร์ " + emoji);
    button.addEventListener("click", () => send({kind: "sticker", stickerId: id}));
    sheet.appendChild(button);
  });
  emojify(sheet);
  emojify($("attach-sheet"));
}

function closeSheets() {
  $("attach-sheet").hidden = true;
  $("sticker-sheet").hidden = true;
}

// ---------------------------------------------------------------------------------------------- wiring

let toastTimer = null;
function toast(text) {
  const node = $("toast");
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 4000);
}

function onAttach(event) {
  const choice = event.target.closest("[data-attach]");
  if (!choice) return;
  const kind = choice.dataset.attach;
  if (kind === "photo") $("photo-input").click();
  if (kind === "file") $("file-input").click();
  if (kind === "location") { closeSheets(); openLocation(); }
  if (kind === "sticker") { $("attach-sheet").hidden = true; $("sticker-sheet").hidden = false; }
}

async function addUser(event) {
  event.preventDefault();
  const input = event.target.elements.name;
  try {
    const user = await api("/users", {method: "POST", json: {name: input.value}});
    input.value = "";
    await loadUsers(user.id);
  } catch (error) {
    toast(error.message);
  }
}

function wire() {
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value.trim();
    if (!text) return;
    $("text").value = "";
    send({kind: "text", text: text});
  });
  $("attach").addEventListener("click", () => {
    $("sticker-sheet").hidden = true;
    $("attach-sheet").hidden = !$("attach-sheet").hidden;
  });
  $("attach-sheet").addEventListener("click", onAttach);
  $("photo-input").addEventListener("change", (e) => { sendFile(e.target.files[0], true); e.target.value = ""; });
  $("file-input").addEventListener("change", (e) => { sendFile(e.target.files[0], false); e.target.value = ""; });
  $("date-dialog").addEventListener("close", onDatePicked);
  $("add-friend").addEventListener("click", () => follow(false));
  $("unblock").addEventListener("click", () => follow(true));
  $("toggle-friend").addEventListener("click", toggleFriend);
  $("deploy-menu").addEventListener("click", deployRichMenu);
  $("copy-id").addEventListener("click", () => {
    navigator.clipboard.writeText(state.user || "").then(() => toast("คัดลอก user ID แล้ว"), () => toast(state.user));
  });
  $("add-user").addEventListener("submit", addUser);
  setInterval(() => { if (!document.hidden) poll(); }, POLL_MS);
}

buildStickers();
wire();
loadUsers();
