// Plan pages: forms that HTMX loads into the dialog open it; a saved execution closes it and says so.
(function () {
  var modalEl = document.getElementById("plan-modal");
  if (!modalEl) return;
  var modal = bootstrap.Modal.getOrCreateInstance(modalEl);
  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target && e.detail.target.id === "plan-modal-content") modal.show();
  });
  document.body.addEventListener("executionSaved", function (e) {
    modal.hide();
    var toastEl = document.getElementById("plan-toast");
    if (toastEl && e.detail && e.detail.message) {
      toastEl.querySelector(".toast-body").textContent = e.detail.message;
      bootstrap.Toast.getOrCreateInstance(toastEl).show();
    }
  });
  // Server-side refusals (400) of quick actions are shown rather than silently ignored.
  document.body.addEventListener("htmx:responseError", function (e) {
    var text = e.detail.xhr.responseText;
    if (e.detail.xhr.status === 400 && text && text.length < 500) window.alert(text);
  });
})();
