// Monitoring charts: each <canvas data-chart="ID"> draws the Chart.js config kept in <script type="application/json"
// id="ID"> (Django's json_script), so the page needs no inline script and a strict CSP stays possible. The table
// under each chart holds the same numbers for screen readers, printing and copying.
(function () {
  var PALETTE = ["#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#dc3545", "#20c997", "#ffc107", "#0dcaf0", "#6c757d", "#d63384"];
  // Bars with many labels (sixty municipalities) lie horizontally, one line per label, so every name stays readable;
  // a chart across the whole page holds twelve months upright.
  var HORIZONTAL_FROM = 9;
  var WIDE_HORIZONTAL_FROM = 16;
  var ROW_HEIGHT = 22;

  function configure(data, wide) {
    var many = data.type === "bar" && data.labels.length >= (wide ? WIDE_HORIZONTAL_FROM : HORIZONTAL_FROM);
    var round = data.type === "doughnut" || data.type === "pie";
    data.datasets.forEach(function (set, i) {
      // colours the server chose mean something (done is green, overdue is red); the others come from the palette
      if (!set.backgroundColor && round) {
        set.backgroundColor = data.labels.map(function (_, j) { return PALETTE[j % PALETTE.length]; });
      } else if (!set.backgroundColor) {
        set.backgroundColor = PALETTE[i % PALETTE.length];
        set.borderColor = PALETTE[i % PALETTE.length];
      }
      if (data.type === "bar") set.maxBarThickness = 56;  // one municipality's bar should not fill the page width
      if (data.type === "line") { set.tension = 0; set.fill = false; }  // straight lines: no curve above the data
    });
    var options = {
      responsive: true,
      maintainAspectRatio: !many,
      // a chart across the whole page stays low, so its table is in view too
      aspectRatio: round ? 1.6 : (wide ? 3.5 : 2),
      animation: false,
      plugins: { legend: { display: round || data.datasets.length > 1, position: "bottom" } },
    };
    if (!round) {
      var valueAxis = { beginAtZero: true, ticks: { precision: 0 } };
      options.indexAxis = many ? "y" : "x";
      options.scales = many ? { x: valueAxis, y: { ticks: { autoSkip: false } } } : { y: valueAxis };
    }
    return { type: data.type, data: { labels: data.labels, datasets: data.datasets }, options: options, many: many };
  }

  function draw(canvas) {
    if (typeof Chart === "undefined" || canvas.dataset.drawn) return;
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    var config = configure(JSON.parse(source.textContent), canvas.dataset.wide === "1");
    canvas.parentElement.style.position = "relative";  // Chart.js sizes a responsive chart by its own container
    if (config.many) {
      canvas.parentElement.style.height = Math.max(240, config.data.labels.length * ROW_HEIGHT + 60) + "px";
    }
    delete config.many;
    new Chart(canvas, config);
    canvas.dataset.drawn = "1";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
