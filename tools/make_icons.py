"""Draws the site's raster icons from static/img/favicon.svg (our own drawing) with the Chromium the browser tests
use: favicon.ico (16, 32 and 48 pixels), apple-touch-icon.png (180) and the manifest's icon-192.png and icon-512.png.
Run it after changing the SVG: `.venv/bin/python tools/make_icons.py`."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent.parent / "static" / "img"
SIZES = {"apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}


def render(page, svg: str, size: int) -> Image.Image:
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(f'<body style="margin:0">{svg.replace("<svg ", f"<svg width={size} height={size} ", 1)}</body>')
    return Image.open(io.BytesIO(page.screenshot(omit_background=True))).convert("RGBA")


def main():
    svg = (IMG / "favicon.svg").read_text()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        for name, size in SIZES.items():
            image = render(page, svg, size)
            if name == "apple-touch-icon.png":  # iOS draws transparency black: fill the rounded corners blue
                image = Image.alpha_composite(Image.new("RGBA", image.size, "#0d6efd"), image)
            image.save(IMG / name, optimize=True)
        largest = render(page, svg, 48)
        largest.save(IMG / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        browser.close()


if __name__ == "__main__":
    main()
