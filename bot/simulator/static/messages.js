// One chat entry drawn as LINE draws it: the user's green bubbles on the right with "อ่านแล้ว", the bot's
// white bubbles, Flex cards, images, stickers and locations on the left under its avatar, notes centred.
import {emojify} from "./emoji.js";
import {renderFlex} from "./flex.js";

const CONFIG = window.SIMULATOR;

export function entryElement(entry, {firstFromBot, onAction}) {
  if (entry.side === "note") {
    const note = element("div", "note", entry.message.text);
    emojify(note);
    return note;
  }
  const row = element("div", "row " + entry.side);
  row.dataset.seq = entry.seq;
  const meta = element("div", "meta");
  meta.append(element("span", "read"), element("span", "", clock(entry.time) + viaNote(entry.via)));
  if (entry.side === "bot") {
    row.appendChild(element("span", "bot-avatar" + (firstFromBot ? "" : " hidden"), "ITC"));
    const column = element("div", "column");
    if (firstFromBot) column.appendChild(element("div", "sender", "ITC Front Desk"));
    const line = element("div", "line");
    line.append(botMessage(entry.message, onAction), meta);
    column.appendChild(line);
    row.appendChild(column);
  } else {
    row.append(meta, userMessage(entry.message));
  }
  emojify(row);
  return row;
}

export function typingRow() {
  const dots = element("div", "row bot typing");
  dots.id = "typing";
  dots.setAttribute("aria-label", "บอตกำลังพิมพ์");
  const bubble = element("div", "bubble bot");
  bubble.append(element("i"), element("i"), element("i"));
  dots.append(element("span", "bot-avatar", "ITC"), bubble);
  return dots;
}

function botMessage(message, onAction) {
  if (message.type === "text" || message.type === "textV2") return textBubble(message.text, "bot");
  if (message.type === "flex") {
    const holder = element("div", "flex-message");
    holder.setAttribute("aria-label", message.altText || "");
    holder.appendChild(renderFlex(message.contents, onAction));
    return holder;
  }
  if (message.type === "image") return imageBubble(message.previewImageUrl || message.originalContentUrl);
  if (message.type === "sticker") return element("div", "sticker", CONFIG.stickers[message.stickerId] || "🙂");
  if (message.type === "location") return locationBubble(message);
  if (message.type === "template") return templateBubble(message, onAction);
  return textBubble("[" + message.type + "] " + (message.altText || ""), "bot");
}

function userMessage(message) {
  if (message.type === "text") return textBubble(message.text, "user");
  if (message.type === "sticker") return element("div", "sticker", message.emoji || "🙂");
  if (message.type === "image") return imageBubble(CONFIG.api + "/content/" + message.messageId);
  if (message.type === "location") return locationBubble(message);
  if (message.type === "file") {
    return textBubble("📎 " + message.fileName + " (" + Math.ceil(message.fileSize / 1024) + " KB)", "user");
  }
  return textBubble(message.text || "", "user");
}

function textBubble(text, side) {
  const bubble = element("div", "bubble " + side);
  String(text).split(/(https?:\/\/[^\s]+)/).forEach((part, index) => {
    if (index % 2) {
      const link = element("a", "", part);
      link.href = part;
      link.target = "_blank";
      link.rel = "noopener";
      bubble.appendChild(link);
    } else {
      bubble.appendChild(document.createTextNode(part));
    }
  });
  return bubble;
}

function imageBubble(url) {
  const img = element("img", "photo");
  img.src = url;
  img.alt = "รูปภาพ";
  return img;
}

function locationBubble(message) {
  const card = element("div", "bubble location-card");
  const where = " (" + Number(message.latitude).toFixed(4) + ", " + Number(message.longitude).toFixed(4) + ")";
  card.append(element("div", "mini-map", "📍"), element("strong", "", message.title || "ตำแหน่ง"),
              element("small", "", (message.address || "") + where));
  return card;
}

function templateBubble(message, onAction) {
  const card = element("div", "bubble bot template");
  const template = message.template || {};
  card.appendChild(document.createTextNode(template.text || message.altText || ""));
  (template.actions || []).forEach((action) => {
    const button = element("button", "", action.label);
    button.type = "button";
    button.addEventListener("click", () => onAction(action));
    card.appendChild(button);
  });
  return card;
}

function viaNote(via) {
  // A LINE user cannot tell a push from a reply; a developer trying the bot wants to.
  return via && via !== "reply" ? " · " + via : "";
}

export function clock(ms) {
  return new Date(ms).toLocaleTimeString("th-TH", {hour: "2-digit", minute: "2-digit", timeZone: "Asia/Bangkok"});
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
