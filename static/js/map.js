// The map of innovation activity and its matrix tab.
// Map: markers from /registry/map/data.json, a list beside them, usable with no tile server (closed
// networks): markers still show on a plain background. Both pages print (the August conference).
(function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // Empty fields stay out of the address: links to a filtered map are sent around and should read well.
  function queryOf(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value !== "") params.append(key, value); });
    var query = params.toString();
    return query ? "?" + query : "";
  }

  // The matrix is rendered on the server: a changed filter reloads the page.
  var matrixForm = document.querySelector("form[data-map-autosubmit]");
  if (matrixForm) {
    matrixForm.addEventListener("change", function () {
      window.location.assign(window.location.pathname + queryOf(matrixForm));
    });
  }

  var mapElement = document.getElementById("map");
  if (!mapElement) return;

  var config = JSON.parse(document.getElementById("map-config").textContent);
  // SVG markers rather than canvas: they print as vectors and are redrawn at once when the map is resized
  // for print (a canvas waits for the next animation frame, which may come after the page is printed).
  var map = L.map(mapElement).setView(config.center, config.zoom);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: 18, attribution: config.attribution }).addTo(map);
  } else {
    document.getElementById("map-note").textContent = "Подложка карты не настроена: показаны только организации.";
  }
  var layer = L.layerGroup().addTo(map);
  var form = document.getElementById("map-filters");
  var bounds = [];
  var requestNumber = 0;

  // Names and themes are typed by people (or imported from Excel): they go into the page as text nodes, never
  // as HTML. Leaflet puts a string given to bindPopup/bindTooltip into innerHTML, so it gets elements.
  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = String(text);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function link(p) {
    return element("a", p.name, { href: p.url });
  }

  function popupOf(p) {
    var content = document.createElement("div");
    content.appendChild(element("strong")).appendChild(link(p));
    p.statuses.forEach(function (s) {
      content.appendChild(document.createElement("br"));
      content.appendChild(document.createTextNode(s.kind + ": " + s.theme));
    });
    return content;
  }

  function kindsOf(point) {
    return point.statuses.map(function (s) { return s.kind; }).filter(function (kind, i, all) {
      return all.indexOf(kind) === i;
    }).join(", ");
  }

  function fit(animate) {
    if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12, animate: animate });
  }

  // The printed list: organizations by municipality, under the map.
  function renderPrintList(points) {
    var groups = {};
    points.forEach(function (p) {
      var name = p.municipality || "Муниципалитет не указан";
      (groups[name] = groups[name] || []).push(p);
    });
    var container = document.getElementById("map-print-groups");
    container.replaceChildren();
    Object.keys(groups).sort(function (a, b) { return a.localeCompare(b, "ru"); }).forEach(function (name) {
      var heading = document.createElement("h3");
      heading.textContent = name + " — " + groups[name].length;
      var list = document.createElement("ol");
      groups[name].forEach(function (p) {
        var item = document.createElement("li");
        item.textContent = p.name + " — " + kindsOf(p);
        list.appendChild(item);
      });
      container.appendChild(heading);
      container.appendChild(list);
    });
    document.getElementById("map-print-count").textContent = points.length;
  }

  // The list beside the map and the printed one name organizations only when the answer holds points; with
  // clusters there are too many for a list, and the matrix tab is the table of them all.
  function showTooMany(total) {
    var note = element("li", "Организаций слишком много для списка: приблизьте карту или выберите муниципалитет. " +
      "Таблица всех организаций — на вкладке «Матрица».", { class: "list-unstyled text-secondary", "data-testid": "map-too-many" });
    document.getElementById("map-list").replaceChildren(note);
    var printed = element("p", "Организаций на карте: " + total + ". Список по муниципалитетам — на вкладке «Матрица».");
    document.getElementById("map-print-groups").replaceChildren(printed);
    document.getElementById("map-print-count").textContent = total;
  }

  // A cluster: the number of organizations in its part of the map; a click (or Enter) zooms to them.
  function clusterMarker(c) {
    var size = c.count < 10 ? 30 : c.count < 100 ? 38 : c.count < 1000 ? 46 : 54;
    var icon = L.divIcon({
      html: "<span>" + Number(c.count) + "</span>", className: "map-cluster",
      iconSize: [size, size], iconAnchor: [size / 2, size / 2],
    });
    var name = c.label + ": приблизить";
    var marker = L.marker([c.lat, c.lon], { icon: icon, title: name, keyboard: true });
    // The badge shows the bare number; a screen reader hears what it counts and what pressing it does.
    marker.on("add", function () { marker.getElement().setAttribute("aria-label", name); });
    marker.on("click", function () {
      var box = L.latLngBounds(c.bounds);
      if (box.getNorthEast().equals(box.getSouthWest())) map.setView(box.getCenter(), Math.min(map.getZoom() + 3, 18));
      else map.fitBounds(box, { padding: [40, 40], maxZoom: 18 });
    });
    return marker;
  }

  function render(data) {
    var points = data.points;
    layer.clearLayers();
    var list = document.getElementById("map-list");
    list.replaceChildren();
    bounds = [];
    points.forEach(function (p) {
      L.circleMarker([p.lat, p.lon], { radius: 8, color: "#333", weight: 1, fillColor: p.color, fillOpacity: 0.9 })
        .bindPopup(popupOf(p)).bindTooltip(element("span", p.name)).addTo(layer);
      bounds.push([p.lat, p.lon]);
      var li = document.createElement("li");
      li.appendChild(link(p));
      li.appendChild(document.createTextNode(" — " + kindsOf(p)));
      list.appendChild(li);
    });
    data.clusters.forEach(function (c) { clusterMarker(c).addTo(layer); });
    mapElement.dataset.mode = data.clusters.length ? "clusters" : "points";
    document.getElementById("map-count").textContent = data.total;
    document.getElementById("map-caption").textContent = data.caption.join(" · ");
    if (data.clusters.length) showTooMany(data.total);
    else renderPrintList(points);
  }

  // The server answers for the visible area only: points when it holds few organizations, clusters otherwise.
  // A changed filter first asks without an area for the extent of what it finds, fits the map to it, and then
  // asks for the visible area; moving the map asks again (a slow older answer must not win).
  function wrap(lng) {
    return lng >= -180 && lng <= 180 ? lng : ((lng + 180) % 360 + 360) % 360 - 180;
  }

  function areaOf() {
    var b = map.getBounds();
    var west = b.getWest(), east = b.getEast();
    if (east - west >= 360) { west = -180; east = 180; }
    else {
      west = wrap(west);  // the map may have been panned round the globe
      east = wrap(east);  // west > east: the area crosses the 180th meridian
    }
    var clamp = function (lat) { return Math.max(-90, Math.min(90, lat)); };
    return [clamp(b.getSouth()), west, clamp(b.getNorth()), east].map(function (x) { return x.toFixed(5); }).join(",");
  }

  var lastArea = null;
  function ask(query, then) {
    var number = ++requestNumber;
    // busy until the newest answer is drawn (a screen reader waits; so do the browser tests); `then` may ask again
    mapElement.setAttribute("aria-busy", "true");
    fetch(config.dataUrl + query, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (number !== requestNumber) return;
        mapElement.setAttribute("aria-busy", "false");
        then(data);
      })
      .catch(function () { if (number === requestNumber) mapElement.setAttribute("aria-busy", "false"); });
  }

  function loadVisible() {
    var filters = queryOf(form);
    var area = (filters ? filters + "&" : "?") + "bbox=" + areaOf() + "&zoom=" + map.getZoom();
    if (area === lastArea) return;
    lastArea = area;
    ask(area, render);
  }

  function load() {
    var query = queryOf(form);
    lastArea = null;
    ask(query, function (data) {
      if (data.points.length || !data.bounds) render(data);
      if (data.bounds) {
        map.fitBounds(data.bounds, { padding: [30, 30], maxZoom: 12, animate: false });
      }
      loadVisible();
    });
    history.replaceState(null, "", window.location.pathname + query);
    document.querySelectorAll("a[data-keep-query]").forEach(function (a) { a.href = a.pathname + query; });
  }
  var moved = null;
  map.on("moveend", function () { clearTimeout(moved); moved = setTimeout(loadVisible, 150); });
  form.addEventListener("change", load);
  load();

  // Print: Leaflet measures its container only when told, so give it the printed size (as in map.css),
  // redraw and refit; back to the screen size afterwards. `beforeprint` comes from the print dialog,
  // the media query from emulated print media too.
  function sizeForPrint(printing) {
    mapElement.style.width = printing ? "680px" : "";
    mapElement.style.height = printing ? "480px" : "";
    map.invalidateSize({ pan: false });
    fit(false);
  }
  window.addEventListener("beforeprint", function () { sizeForPrint(true); });
  window.addEventListener("afterprint", function () { sizeForPrint(false); });
  var printMedia = window.matchMedia("print");
  var onPrintMedia = function (event) { sizeForPrint(event.matches); };
  if (printMedia.addEventListener) printMedia.addEventListener("change", onPrintMedia);
  else printMedia.addListener(onPrintMedia);
})();
