// Plan editor: drag an item by its grip to another place in its section. The rows move as the pointer goes; on
// drop the order the page showed before the drag and the new one are posted, and the server answers with the
// table (or, if someone changed the section meanwhile, with the current order and a message, HTTP 409).
// The «Выше»/«Ниже» buttons stay the keyboard way to do the same. Delegated: the table is swapped by htmx.
(function () {
  var dragged = null; // the row being dragged
  var before = null; // ids of its section in the order shown before the drag

  function idsOf(tbody) {
    return Array.prototype.map.call(tbody.querySelectorAll("tr[data-item]"), function (row) {
      return row.getAttribute("data-item");
    });
  }

  document.addEventListener("dragstart", function (e) {
    var handle = e.target.closest && e.target.closest("[data-drag-item]");
    if (!handle) return;
    dragged = handle.closest("tr[data-item]");
    before = idsOf(dragged.parentNode);
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", dragged.getAttribute("data-item"));
    if (e.dataTransfer.setDragImage) e.dataTransfer.setDragImage(dragged, 20, 20);
    dragged.classList.add("table-warning");
  });

  document.addEventListener("dragover", function (e) {
    if (!dragged) return;
    var row = e.target.closest && e.target.closest("tr[data-item]");
    // Only within the dragged row's own section: moving to another section is done in the item's form.
    if (!row || row === dragged || row.parentNode !== dragged.parentNode) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    var box = row.getBoundingClientRect();
    var after = e.clientY > box.top + box.height / 2;
    row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
  });

  document.addEventListener("drop", function (e) {
    if (dragged && e.target.closest && e.target.closest("tbody[data-reorder-url]") === dragged.parentNode) {
      e.preventDefault();
    }
  });

  document.addEventListener("dragend", function () {
    if (!dragged) return;
    var row = dragged;
    var tbody = row.parentNode;
    var order = idsOf(tbody);
    row.classList.remove("table-warning");
    dragged = null;
    if (order.join(",") === before.join(",")) return;
    htmx.ajax("POST", tbody.getAttribute("data-reorder-url"), {
      target: "#plan-table",
      swap: "outerHTML",
      values: { seen: before.join(","), order: order.join(",") },
    });
  });
})();
