// Enhancements that work without inline scripts (a strict CSP stays possible).
(function () {
  function enhanceSelects(root) {
    if (typeof TomSelect === "undefined") return;
    root.querySelectorAll("select[data-enhance]:not(.tomselected)").forEach(function (el) {
      new TomSelect(el, {
        plugins: el.multiple ? ["remove_button"] : [],
        maxOptions: 500,
        // A single choice closes its list once made. The list opens on a click or on typing, not on focus: Tom
        // Select refocuses the box a moment after a pick, and opening on that focus put the list back over the
        // next field or the submit button.
        closeAfterSelect: !el.multiple,
        openOnFocus: false,
        render: { no_results: function () { return '<div class="no-results">Ничего не найдено</div>'; } },
      });
    });
  }
  // Filter forms marked data-autosubmit refresh their results as the user changes a field.
  function wireAutosubmit(root) {
    root.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      form.addEventListener("change", function () { htmx.trigger(form, "submit"); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    enhanceSelects(document);
    wireAutosubmit(document);
  });
  document.addEventListener("htmx:afterSwap", function (e) { enhanceSelects(e.target); });
})();
