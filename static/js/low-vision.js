/* The version for visually impaired visitors (ГОСТ Р 52872-2019). The server puts the classes on <html> from the
   `low_vision` cookie (innoinfra/core/low_vision.py), so a page is painted right from the start; this script opens the
   settings panel, applies a choice at once and writes the cookie for the next page. The names and values here are
   the same as in core/low_vision.py and css/low-vision.css. */
(function () {
  "use strict";
  var COOKIE = "low_vision";
  var NAMES = ["size", "scheme", "spacing", "images"];
  var YEAR = 365 * 24 * 3600;
  var root = document.documentElement;
  var toggle = document.getElementById("lv-toggle");
  var panel = document.getElementById("lv-panel");
  var form = document.getElementById("lv-form");
  if (!toggle || !panel || !form) return;

  function isOn() { return root.classList.contains("lv"); }

  function chosen() {
    var values = {};
    NAMES.forEach(function (name) {
      var input = form.querySelector('input[name="' + name + '"]:checked');
      values[name] = input ? input.value : "";
    });
    return values;
  }

  function dropClasses() {
    Array.prototype.slice.call(root.classList).forEach(function (name) {
      if (name === "lv" || name.indexOf("lv-") === 0) root.classList.remove(name);
    });
  }

  function writeCookie(value, maxAge) {
    var secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; SameSite=Lax" + secure;
  }

  // Images hidden: each picture leaves its description (alt) in its place, as the standard asks.
  function showDescriptions() {
    document.querySelectorAll("img[alt]").forEach(function (img) {
      if (!img.alt.trim() || img.closest(".leaflet-container")) return;
      var next = img.nextElementSibling;
      if (next && next.classList.contains("lv-alt")) return;
      var text = document.createElement("span");
      text.className = "lv-alt";
      text.textContent = img.alt;
      img.insertAdjacentElement("afterend", text);
    });
  }

  function apply() {
    var values = chosen();
    dropClasses();
    root.classList.add("lv");
    NAMES.forEach(function (name) { root.classList.add("lv-" + name + "-" + values[name]); });
    if (values.scheme !== "default") root.classList.add("lv-colors");
    writeCookie(NAMES.map(function (name) { return name + "-" + values[name]; }).join("."), YEAR);
    if (values.images === "hide") showDescriptions();
    document.dispatchEvent(new CustomEvent("lowvision:change", { detail: values }));
  }

  function setPanel(open) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    if (!isOn()) {
      apply();  // switching on takes the checked defaults: a larger font, black on white
      setPanel(true);
      return;
    }
    setPanel(panel.hidden);
  });

  form.addEventListener("change", function (event) {
    if (event.target.name && NAMES.indexOf(event.target.name) !== -1) apply();
  });

  document.querySelectorAll("[data-lv-off]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      dropClasses();
      writeCookie("", 0);
      setPanel(false);
      toggle.focus();
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden && panel.contains(document.activeElement)) {
      setPanel(false);
      toggle.focus();
    }
  });

  if (root.classList.contains("lv-images-hide")) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showDescriptions);
    else showDescriptions();
  }
  // pieces swapped in by htmx have pictures too
  document.addEventListener("htmx:afterSettle", function () {
    if (root.classList.contains("lv-images-hide")) showDescriptions();
  });
})();
