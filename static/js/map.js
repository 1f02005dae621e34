// The map of innovation activity: markers from /registry/map/data.json, a list beside them,
// usable with no tile server (closed networks): markers still show on a plain background.
(function () {
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var map = L.map("map", { preferCanvas: true }).setView(config.center, config.zoom);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: 18, attribution: config.attribution }).addTo(map);
  } else {
    document.getElementById("map-note").textContent = "Подложка карты не настроена: показаны только организации.";
  }
  var layer = L.layerGroup().addTo(map);
  var form = document.getElementById("map-filters");

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function render(points) {
    layer.clearLayers();
    var list = document.getElementById("map-list");
    list.innerHTML = "";
    var bounds = [];
    points.forEach(function (p) {
      var html = '<strong><a href="' + p.url + '">' + escapeHtml(p.name) + "</a></strong><br>" +
        p.statuses.map(function (s) { return escapeHtml(s.kind) + ": " + escapeHtml(s.theme); }).join("<br>");
      L.circleMarker([p.lat, p.lon], { radius: 8, color: "#333", weight: 1, fillColor: p.color, fillOpacity: 0.9 })
        .bindPopup(html).bindTooltip(p.name).addTo(layer);
      bounds.push([p.lat, p.lon]);
      var li = document.createElement("li");
      li.innerHTML = '<a href="' + p.url + '">' + escapeHtml(p.name) + "</a> — " + escapeHtml(p.statuses.map(function (s) { return s.kind; }).join(", "));
      list.appendChild(li);
    });
    document.getElementById("map-count").textContent = points.length;
    if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
  }

  function load() {
    var params = new URLSearchParams(new FormData(form));
    fetch(config.dataUrl + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) { render(data.points); });
    history.replaceState(null, "", "?" + params.toString());
  }
  form.addEventListener("change", load);
  load();
})();
