"""The version for visually impaired visitors (ГОСТ Р 52872-2019): the visitor's choices live in one cookie, which
the server reads so that the very first paint already has the right colours and sizes (classes on <html>), and which
static/js/low-vision.js writes when the visitor changes a setting. Unknown or tampered values fall back to the
defaults: the cookie is the visitor's input like any other."""

from __future__ import annotations

from dataclasses import dataclass

COOKIE = "low_vision"
COOKIE_AGE = 365 * 24 * 3600  # a year: the choice is the visitor's, not the session's

# Each setting: its allowed values, the first being the default once the version is switched on. The same lists are
# in static/js/low-vision.js (the panel's radio buttons carry the values) and static/css/low-vision.css.
CHOICES: dict[str, tuple[str, ...]] = {
    "size": ("2", "3", "1"),  # 1 normal, 2 larger, 3 largest; switching on starts one step up
    "scheme": ("bw", "wb", "blue", "brown", "default"),
    "spacing": ("1", "2", "3"),  # normal, increased, large
    "images": ("show", "hide", "gray"),
}


@dataclass(frozen=True)
class LowVision:
    on: bool = False
    size: str = CHOICES["size"][0]
    scheme: str = CHOICES["scheme"][0]
    spacing: str = CHOICES["spacing"][0]
    images: str = CHOICES["images"][0]

    @property
    def html_class(self) -> str:
        """The classes for <html>: `lv`, one per setting, and `lv-colors` when the scheme replaces the colours."""
        if not self.on:
            return ""
        names = ["lv", f"lv-size-{self.size}", f"lv-scheme-{self.scheme}", f"lv-spacing-{self.spacing}"]
        names.append(f"lv-images-{self.images}")
        if self.scheme != "default":
            names.append("lv-colors")
        return " ".join(names)

    @property
    def cookie_value(self) -> str:
        return ".".join(f"{name}-{getattr(self, name)}" for name in CHOICES)


def parse(value: str | None) -> LowVision:
    """`size-3.scheme-wb.spacing-1.images-hide` → the settings; anything else in the cookie is ignored."""
    if not value:
        return LowVision()
    chosen = {}
    for part in value.split("."):
        name, _, choice = part.partition("-")
        if name in CHOICES and choice in CHOICES[name]:
            chosen[name] = choice
    return LowVision(on=True, **chosen)


def from_request(request) -> LowVision:
    return parse(request.COOKIES.get(COOKIE))
