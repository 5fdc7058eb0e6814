// Emoji drawn from the vendored Twemoji SVGs (static/emoji), so they look the same on every machine,
// including Linux desktops and headless browsers without a colour emoji font.
const CONFIG = window.SIMULATOR;
const AVAILABLE = new Set(CONFIG.emoji);
const EMOJI = /\p{Extended_Pictographic}\uFE0F?(?:\u200D\p{Extended_Pictographic}\uFE0F?)*/gu;

export function emojify(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  nodes.forEach(replaceIn);
}

function replaceIn(node) {
  const text = node.nodeValue;
  const parts = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(EMOJI)) {
    const key = [...match[0]].filter((c) => c !== "\uFE0F").map((c) => c.codePointAt(0).toString(16)).join("-");
    if (!AVAILABLE.has(key)) continue;
    parts.appendChild(document.createTextNode(text.slice(last, match.index)));
    const img = document.createElement("img");
    img.className = "emoji";
    img.alt = match[0];
    img.src = CONFIG.emojiBase + key + ".svg";
    parts.appendChild(img);
    last = match.index + match[0].length;
  }
  if (last === 0) return;
  parts.appendChild(document.createTextNode(text.slice(last)));
  node.replaceWith(parts);
}
