// Loaded in <head>, before the first paint: scripts run, so pages may hide what a button opens
// (static/css/responsive.css shows it while this class is absent, so nothing is out of reach without scripts).
document.documentElement.classList.add("js");
