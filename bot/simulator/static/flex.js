// Flex Message renderer: LINE's bubble and carousel JSON drawn as HTML, close to how the LINE app lays
// them out (boxes are CSS flexboxes; sizes, spacing and colours follow LINE's documented keywords).
// renderFlex(contents, onAction) returns an element; every action (button, tappable box, text or image)
// calls onAction(action).
const SPACING = {none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20};
const TEXT_SIZE = {xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, "3xl": 35, "4xl": 48, "5xl": 74};
const IMAGE_SIZE = {xxs: 40, xs: 60, sm: 80, md: 100, lg: 120, xl: 140, xxl: 160, "3xl": 180, "4xl": 200,
                  "5xl": 240, full: null};
const RADIUS = {none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20};
const BORDER = {none: 0, light: 0.5, normal: 1, medium: 2, "semi-bold": 3, bold: 4};
const BUBBLE_WIDTH = {nano: 120, micro: 160, deca: 220, hecto: 241, kilo: 260, mega: 300, giga: 340};

function px(value, scale) {
  if (value === undefined || value === null) return null;
  if (scale && value in scale) return scale[value] + "px";
  return /^\d+(\.\d+)?(px|%)$/.test(String(value)) ? String(value) : null;
}

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

export function renderFlex(contents, onAction) {
  if (contents.type === "carousel") {
    const carousel = el("div", "fx-carousel");
    (contents.contents || []).forEach((bubble) => carousel.appendChild(renderBubble(bubble, onAction)));
    return carousel;
  }
  return renderBubble(contents, onAction);
}

function renderBubble(bubble, onAction) {
  const node = el("div", "fx-bubble");
  node.style.width = (BUBBLE_WIDTH[bubble.size] || BUBBLE_WIDTH.mega) + "px";
  if (bubble.direction === "rtl") node.dir = "rtl";
  const styles = bubble.styles || {};
  const padding = {header: 16, hero: 0, body: 16, footer: 10};
  ["header", "hero", "body", "footer"].forEach((part) => {
    if (!bubble[part]) return;
    const section = el("div", "fx-" + part);
    const style = styles[part] || {};
    if (style.backgroundColor) section.style.backgroundColor = style.backgroundColor;
    if (style.separator) section.style.borderTop = "1px solid " + (style.separatorColor || "#E5E7EB");
    const child = renderComponent(bubble[part], onAction, "vertical");
    if (bubble[part].type === "box") defaultPadding(child, bubble[part], padding[part] + "px");
    section.appendChild(child);
    node.appendChild(section);
  });
  if (bubble.action) tappable(node, bubble.action, onAction);
  return node;
}

function defaultPadding(node, box, value) {
  // A block's box keeps LINE's default padding on every side the JSON does not set.
  if (box.paddingAll) return;
  const sides = {paddingTop: "paddingTop", paddingBottom: "paddingBottom", paddingStart: "paddingLeft",
                 paddingEnd: "paddingRight"};
  Object.entries(sides).forEach(([key, css]) => { if (!box[key]) node.style[css] = value; });
}

function renderComponent(component, onAction, parentLayout) {
  const make = {box: renderBox, text: renderText, button: renderButton, image: renderImage, icon: renderIcon,
                separator: renderSeparator, filler: renderFiller, spacer: renderFiller, video: renderVideo,
                span: renderText}[component.type];
  const node = make ? make(component, onAction, parentLayout) : el("div", "fx-unknown");
  applyFlex(node, component, parentLayout);
  if (component.margin !== undefined) {
    const margin = px(component.margin, SPACING);
    if (margin) node.style[parentLayout === "vertical" ? "marginTop" : "marginLeft"] = margin;
    node.dataset.margin = "1";
  }
  if (component.position === "absolute") {
    node.style.position = "absolute";
    ["offsetTop", "offsetBottom", "offsetStart", "offsetEnd"].forEach((key) => {
      const side = {offsetTop: "top", offsetBottom: "bottom", offsetStart: "left", offsetEnd: "right"}[key];
      if (component[key]) node.style[side] = px(component[key], SPACING);
    });
  }
  return node;
}

function applyFlex(node, component, parentLayout) {
  const defaultFlex = parentLayout === "vertical" ? 0 : 1;
  const flex = component.flex === undefined ? defaultFlex : component.flex;
  if (component.type === "filler" || component.type === "spacer") return;
  node.style.flex = flex > 0 ? flex + " 1 0" : "0 0 auto";
  if (parentLayout !== "vertical") node.style.minWidth = "0";
}

function renderBox(box, onAction) {
  const layout = box.layout || "vertical";
  const node = el("div", "fx-box fx-" + layout);
  const gap = px(box.spacing, SPACING);
  (box.contents || []).forEach((child, index) => {
    const childNode = renderComponent(child, onAction, layout);
    if (index > 0 && gap && !childNode.dataset.margin && child.type !== "filler") {
      childNode.style[layout === "vertical" ? "marginTop" : "marginLeft"] = gap;
    }
    node.appendChild(childNode);
  });
  const style = node.style;
  if (box.backgroundColor) style.backgroundColor = box.backgroundColor;
  if (box.borderColor) style.borderColor = box.borderColor;
  if (box.borderWidth) { style.borderStyle = "solid"; style.borderWidth = px(box.borderWidth, BORDER); }
  if (box.cornerRadius) style.borderRadius = px(box.cornerRadius, RADIUS);
  const pads = {paddingAll: "padding", paddingTop: "paddingTop", paddingBottom: "paddingBottom",
                paddingStart: "paddingLeft", paddingEnd: "paddingRight"};
  Object.entries(pads).forEach(([key, css]) => { if (box[key]) style[css] = px(box[key], SPACING); });
  if (box.width) style.width = px(box.width);
  if (box.height) style.height = px(box.height);
  if (box.justifyContent) style.justifyContent = box.justifyContent;
  if (box.alignItems) style.alignItems = box.alignItems;
  if (box.position !== "absolute") style.position = "relative";
  if (box.action) tappable(node, box.action, onAction);
  return node;
}

function renderText(text, onAction) {
  const node = el(text.type === "span" ? "span" : "div", "fx-text");
  if (Array.isArray(text.contents) && text.contents.length) {
    text.contents.forEach((span) => node.appendChild(renderText(span, onAction)));
  } else {
    node.textContent = text.text || "";
  }
  const style = node.style;
  if (text.size) style.fontSize = TEXT_SIZE[text.size] ? TEXT_SIZE[text.size] + "px" : px(text.size);
  if (text.weight === "bold") style.fontWeight = "700";
  if (text.color) style.color = text.color;
  if (text.style === "italic") style.fontStyle = "italic";
  if (text.decoration && text.decoration !== "none") style.textDecoration = text.decoration;
  if (text.type !== "span") {
    style.textAlign = {start: "left", end: "right", center: "center"}[text.align] || "left";
    if (text.wrap) {
      style.whiteSpace = "pre-wrap";
      if (text.maxLines) { style.webkitLineClamp = String(text.maxLines); node.classList.add("fx-clamp"); }
    } else {
      node.classList.add("fx-nowrap");
    }
    if (text.lineSpacing) style.lineHeight = "calc(1.35em + " + px(text.lineSpacing) + ")";
  }
  if (text.action) tappable(node, text.action, onAction);
  return node;
}

function renderButton(button, onAction) {
  const style = button.style || "link";
  const node = el("button", "fx-button fx-button-" + style + (button.height === "sm" ? " fx-sm" : ""));
  node.type = "button";
  node.textContent = (button.action && button.action.label) || "";
  if (button.color) node.style[style === "link" ? "color" : "backgroundColor"] = button.color;
  node.addEventListener("click", (event) => { event.stopPropagation(); onAction(button.action); });
  return node;
}

function renderImage(image, onAction) {
  const frame = el("div", "fx-image");
  const img = el("img");
  img.src = image.url;
  img.alt = "";
  img.loading = "lazy";
  const size = image.size || "md";
  const width = IMAGE_SIZE[size] === undefined ? px(size) : IMAGE_SIZE[size];
  frame.style.width = width === null ? "100%" : (typeof width === "number" ? width + "px" : width);
  const ratio = String(image.aspectRatio || "1:1").split(":").map(Number);
  if (ratio.length === 2 && ratio[0] > 0) frame.style.aspectRatio = ratio[0] + " / " + ratio[1];
  img.style.objectFit = image.aspectMode === "cover" ? "cover" : "contain";
  if (image.backgroundColor) frame.style.backgroundColor = image.backgroundColor;
  frame.style.alignSelf = {start: "flex-start", end: "flex-end"}[image.align] || "center";
  frame.appendChild(img);
  if (image.action) tappable(frame, image.action, onAction);
  return frame;
}

function renderIcon(icon) {
  const img = el("img", "fx-icon");
  img.src = icon.url;
  img.alt = "";
  const size = TEXT_SIZE[icon.size || "md"] || 16;
  img.style.width = img.style.height = size + "px";
  return img;
}

function renderVideo(video, onAction) {
  return renderImage({url: video.previewUrl, size: "full", aspectRatio: video.aspectRatio,
                      action: video.action}, onAction);
}

function renderSeparator(separator) {
  const node = el("div", "fx-separator");
  if (separator.color) node.style.backgroundColor = separator.color;
  return node;
}

function renderFiller(filler) {
  const node = el("div", "fx-filler");
  node.style.flex = (filler.flex === undefined ? 1 : filler.flex) + " 1 0";
  return node;
}

function tappable(node, action, onAction) {
  node.classList.add("fx-tappable");
  node.setAttribute("role", "button");
  node.tabIndex = 0;
  if (action.label) node.setAttribute("aria-label", action.label);
  node.addEventListener("click", (event) => { event.stopPropagation(); onAction(action); });
}
