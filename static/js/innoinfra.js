// Enhancements that work without inline scripts (a strict CSP stays possible).
(function () {
  // A select with data-options-url holds only its chosen option: the rest (thousands of organizers or plans) are
  // asked of that URL as the user types, {"results": [{"value", "text"}]} for ?q=. data-options-min is the number
  // of letters before asking (2); 0 asks on focus too, for a list whose first answer is useful (the largest plans).
  function remoteOptions(el) {
    var url = el.getAttribute("data-options-url");
    if (!url) return {};
    var least = parseInt(el.getAttribute("data-options-min") || "2", 10);
    return {
      valueField: "value",
      labelField: "text",
      searchField: [],  // the server matched the words already (word forms included)
      preload: least === 0 ? "focus" : false,
      shouldLoad: function (query) { return query.length >= least; },
      load: function (query, callback) {
        var ask = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
        fetch(ask, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.json(); })
          .then(function (data) { callback(data.results); })
          .catch(function () { callback(); });
      },
    };
  }
  function enhanceSelects(root) {
    if (typeof TomSelect === "undefined") return;
    root.querySelectorAll("select[data-enhance]:not(.tomselected)").forEach(function (el) {
      new TomSelect(el, Object.assign(remoteOptions(el), {
        plugins: el.multiple ? ["remove_button"] : [],
        maxOptions: 500,
        // A single choice closes its list once made. The list opens on a click or on typing, not on focus: Tom
        // Select refocuses the box a moment after a pick, and opening on that focus put the list back over the
        // next field or the submit button.
        closeAfterSelect: !el.multiple,
        openOnFocus: false,
        render: { no_results: function () { return '<div class="no-results">Ничего не найдено</div>'; } },
      }));
      // Tom Select moves the label onto its own box, which is the one control people reach; the original select
      // stays in the page only for the form (visually hidden, out of the tab order), so it is hidden from screen
      // readers too: otherwise they meet the same field twice.
      el.setAttribute("aria-hidden", "true");
    });
  }
  // Filter forms marked data-autosubmit refresh their results as the user changes a field.
  function wireAutosubmit(root) {
    root.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      form.addEventListener("change", function () { htmx.trigger(form, "submit"); });
    });
  }
  // Widths and colours that come from data (a progress bar's percent, a kind's colour) are set through the CSSOM:
  // the Content-Security-Policy forbids style attributes in the markup, not styles set from a script.
  function applyDataStyles(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) { el.style.width = Number(el.dataset.width) + "%"; });
    root.querySelectorAll("[data-bg]").forEach(function (el) { el.style.background = el.dataset.bg; });
    root.querySelectorAll("[data-fg]").forEach(function (el) { el.style.color = el.dataset.fg; });
  }
  document.addEventListener("DOMContentLoaded", function () {
    enhanceSelects(document);
    wireAutosubmit(document);
  });
  document.addEventListener("htmx:afterSwap", function (e) { enhanceSelects(e.target); });
  // htmx:load comes for the page and for every piece htmx swaps in (progress bars that refresh themselves).
  document.addEventListener("htmx:load", function (e) { applyDataStyles(e.target); });
  document.addEventListener("DOMContentLoaded", function () { applyDataStyles(document); });

  // A button or form with data-confirm asks first (instead of an inline onclick, which the CSP forbids). Capture
  // phase: the question comes before htmx or the form sees the event.
  function refused(el) { return el && !window.confirm(el.getAttribute("data-confirm")); }
  document.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-confirm], input[data-confirm]");
    if (refused(button)) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
  document.addEventListener("submit", function (e) {
    if (e.target.hasAttribute("data-confirm") && refused(e.target)) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
  // Plain GET filter forms submit themselves when a field changes (delegated: they may be swapped in).
  document.addEventListener("change", function (e) {
    var form = e.target.form;
    if (form && form.hasAttribute("data-autosubmit-plain")) form.requestSubmit();
  });
  // A Django formset grows by one row: the button data-formset-add="<prefix>" copies <template data-formset-empty>
  // with __prefix__ replaced by the next number and raises TOTAL_FORMS (up to data-formset-max).
  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-formset-add]");
    if (!button) return;
    var prefix = button.getAttribute("data-formset-add");
    var form = button.closest("form");
    var total = form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var template = form.querySelector("template[data-formset-empty='" + prefix + "']");
    var rows = form.querySelector("[data-formset='" + prefix + "'] [data-formset-rows]");
    var count = parseInt(total.value, 10);
    var max = parseInt(button.getAttribute("data-formset-max") || "1000", 10);
    if (count >= max) return;
    rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(count)));
    total.value = String(count + 1);
    var first = rows.lastElementChild && rows.lastElementChild.querySelector("input");
    if (first) first.focus();
  });
})();
