// The rich menu under the chat, as LINE shows it: the chat bar ("เมนูหลัก ▾") opens and closes the menu
// image, whose areas are buttons; the keyboard key switches to typing and the menu key back.
const $ = (id) => document.getElementById(id);

export function richMenu(onAction) {
  const view = {menu: null, open: false, mode: "keyboard"};

  function setMode(mode) {
    view.mode = view.menu ? mode : "keyboard";
    $("composer").hidden = view.mode !== "keyboard";
    $("menu-bar").hidden = view.mode !== "menu";
    $("rich-menu").hidden = view.mode !== "menu" || !view.open;
    $("chat-bar-arrow").textContent = view.open ? "▾" : "▴";
    $("to-menu").hidden = !view.menu;
    if (view.mode === "keyboard") $("text").focus({preventScroll: true});
  }

  function show(found) {
    view.menu = found.menu;
    $("menu-state").textContent = found.menu ? "ผู้ใช้นี้เห็นริชเมนู \"" + found.menu.chatBarText + "\"" :
      "ยังไม่มีริชเมนู (flask --app bot richmenu deploy)";
    $("deploy-menu").hidden = Boolean(found.menu);
    if (!found.menu) return setMode("keyboard");
    $("rich-menu-image").src = found.image;
    $("chat-bar-text").textContent = found.menu.chatBarText;
    const areas = $("rich-menu-areas");
    areas.textContent = "";
    const size = found.menu.size;
    found.menu.areas.forEach((area) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "area";
      const b = area.bounds;
      Object.assign(button.style, {left: percent(b.x, size.width), top: percent(b.y, size.height),
                                   width: percent(b.width, size.width), height: percent(b.height, size.height)});
      button.setAttribute("aria-label", area.action.label || area.action.displayText || area.action.text || "");
      button.addEventListener("click", () => onAction(area.action));
      areas.appendChild(button);
    });
    view.open = Boolean(found.menu.selected);
    setMode("menu");
  }

  $("to-menu").addEventListener("click", () => { view.open = true; setMode("menu"); });
  $("to-keyboard").addEventListener("click", () => setMode("keyboard"));
  $("chat-bar").addEventListener("click", () => { view.open = !view.open; setMode("menu"); });
  return {show};
}

function percent(value, total) {
  return (value / total * 100) + "%";
}
