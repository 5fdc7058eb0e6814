// The "share location" sheet: pick a province (its seat's coordinates), tap a point on a map of the 77
// province seats, or type coordinates. onPick({latitude, longitude, title, address}) sends it.
const MAP = {west: 97.2, east: 105.8, north: 20.6, south: 5.5, width: 240, height: 400};
const SVG = "http://www.w3.org/2000/svg";
const $ = (id) => document.getElementById(id);

export function locationPicker(loadProvinces, onPick) {
  let provinces = null;
  const dialog = $("location-dialog");
  dialog.addEventListener("close", () => {
    if (dialog.returnValue !== "send") return;
    const latitude = Number($("lat").value), longitude = Number($("lon").value);
    const chosen = $("province-select").value;
    const near = nearest(provinces, latitude, longitude);
    onPick({latitude, longitude, title: chosen ? "จ." + chosen : "ตำแหน่งที่เลือก",
            address: (near ? "จ." + near.name + " " : "") + "ประเทศไทย"});
  });
  return async function open() {
    if (!provinces) {
      provinces = await loadProvinces();
      build(provinces);
    }
    dialog.returnValue = "";
    dialog.showModal();
  };
}

function build(provinces) {
  const select = $("province-select");
  [...provinces].sort((a, b) => a.name.localeCompare(b.name, "th")).forEach((p) => {
    const option = document.createElement("option");
    option.value = option.textContent = p.name;
    select.appendChild(option);
  });
  const svg = $("thai-map");
  provinces.forEach((p) => {
    const dot = circle(...toMap(p.lat, p.lon), 2.6, "seat");
    const title = document.createElementNS(SVG, "title");
    title.textContent = p.name;
    dot.appendChild(title);
    svg.appendChild(dot);
  });
  const marker = circle(0, 0, 5, "");
  marker.id = "map-marker";
  marker.setAttribute("visibility", "hidden");
  svg.appendChild(marker);
  svg.addEventListener("click", (event) => {
    // Screen to viewBox coordinates, letterboxing included.
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const {x, y} = point.matrixTransform(svg.getScreenCTM().inverse());
    select.value = "";
    pick(provinces, MAP.north - y / MAP.height * (MAP.north - MAP.south),
         MAP.west + x / MAP.width * (MAP.east - MAP.west));
  });
  select.addEventListener("change", () => {
    const p = provinces.find((item) => item.name === select.value);
    if (p) pick(provinces, p.lat, p.lon);
  });
  ["lat", "lon"].forEach((id) => $(id).addEventListener("input", () => {
    if ($("lat").value && $("lon").value) pick(provinces, Number($("lat").value), Number($("lon").value), true);
  }));
}

function pick(provinces, lat, lon, typed) {
  if (!typed) {
    $("lat").value = lat.toFixed(4);
    $("lon").value = lon.toFixed(4);
  }
  const [x, y] = toMap(lat, lon);
  const marker = $("map-marker");
  marker.setAttribute("cx", x);
  marker.setAttribute("cy", y);
  marker.setAttribute("visibility", "visible");
  const near = nearest(provinces, lat, lon);
  $("picked").textContent = near ? "ใกล้ จ." + near.name : "";
}

function nearest(provinces, lat, lon) {
  let best = null, bestDistance = Infinity;
  (provinces || []).forEach((p) => {
    const d = (p.lat - lat) ** 2 + ((p.lon - lon) * Math.cos(lat * Math.PI / 180)) ** 2;
    if (d < bestDistance) { best = p; bestDistance = d; }
  });
  return best;
}

function toMap(lat, lon) {
  return [(lon - MAP.west) / (MAP.east - MAP.west) * MAP.width,
          (MAP.north - lat) / (MAP.north - MAP.south) * MAP.height];
}

function circle(x, y, r, className) {
  const node = document.createElementNS(SVG, "circle");
  node.setAttribute("cx", x);
  node.setAttribute("cy", y);
  node.setAttribute("r", r);
  if (className) node.setAttribute("class", className);
  return node;
}
