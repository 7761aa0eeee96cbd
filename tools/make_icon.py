"""Draw the app icon (resources/icons/app.png and app.ico): a red square with the yellow
star of a Party document and three rising bars for progress. Run once; the files are
committed. `python tools/make_icon.py`"""

from math import cos, pi, sin
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 256
RED = (200, 16, 46, 255)
YELLOW = (255, 205, 0, 255)
WHITE = (255, 255, 255, 255)
FOLDER = Path(__file__).resolve().parents[1] / "resources" / "icons"


def star(center: tuple[float, float], outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = -pi / 2 + k * pi / 5
        points.append((center[0] + radius * cos(angle), center[1] + radius * sin(angle)))
    return points


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=40, fill=RED)
    pen.polygon(star((88, 88), 56, 22), fill=YELLOW)
    for n, height in enumerate((60, 100, 140)):
        left = 120 + n * 38
        pen.rectangle((left, 212 - height, left + 26, 212), fill=WHITE)
    pen.rectangle((40, 214, 216, 222), fill=YELLOW)
    return image


if __name__ == "__main__":
    FOLDER.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.save(FOLDER / "app.png")
    icon.save(
        FOLDER / "app.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)]
    )
    print("wrote", FOLDER / "app.png", FOLDER / "app.ico")
