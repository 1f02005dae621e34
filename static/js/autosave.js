// Forms marked data-autosave save themselves a few seconds after the last change: the same POST as the
// «Сохранить черновик» button, without files, with X-Autosave so that the server answers in JSON.
(function () {
  const DELAY = 3000;
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    const status = form.querySelector("[data-autosave-status]");
    let timer = null;
    function show(text, failed) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("text-danger", Boolean(failed));
    }
    function save() {
      const data = new FormData(form);
      for (const [name, value] of Array.from(data.entries())) {
        if (value instanceof File) data.delete(name);
      }
      data.set("action", "save");
      // not form.action: a button named «action» shadows that property
      fetch(form.getAttribute("action") || window.location.href, {
        method: "POST",
        body: data,
        headers: { "X-Autosave": "1", "X-CSRFToken": data.get("csrfmiddlewaretoken") },
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          // Each save moves the report's version on: the form carries the new one, or its next save would be
          // refused as stale. A refused save (409: someone else saved meanwhile) keeps the text and says who.
          const version = form.querySelector("input[name=version]");
          if (answer.saved && answer.version && version) version.value = answer.version;
          show(answer.message, !answer.saved);
        })
        .catch(function () { show("Черновик не сохранён: нет связи с сервером. Сохраните кнопкой.", true); });
    }
    function later(event) {
      if (event.target.type === "file") return;
      show("Есть несохранённые изменения…", false);
      clearTimeout(timer);
      timer = setTimeout(save, DELAY);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function () { clearTimeout(timer); });
  });
})();
