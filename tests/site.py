"""Pages of one news site saved as plain text by a scraper: a different article on every page, the same furniture
around it (a menu, a prose-like newsletter sign-up paragraph right after the article, a footer sentence)."""

from __future__ import annotations

from pathlib import Path

TOWNS = ["Riverside", "Oakham", "Lindfield", "Marston", "Eastbrook", "Kelby", "Northwold", "Ashcombe", "Wetherby",
         "Pendle"]
THINGS = ["bridge", "library", "swimming pool", "tram line", "hospital wing", "fire station", "school", "museum",
          "market hall", "bus station"]
MATERIALS = ["steel", "timber", "glass", "concrete", "copper", "bricks", "stone", "cement", "paint", "cables"]

MENU = ["Home", "News", "Sport", "Weather", "Contact"]
SIGNUP = (
    "Sign up for our free morning newsletter and we will send you the most important stories of the day, every "
    "day before breakfast, straight to your inbox."
)
FOOTER = "© {year} The Valley Gazette. All rights reserved. No part of this website may be copied without the permission of the publisher."
LIVE = (
    "Follow our live coverage of the regional elections on this website and on our radio station throughout the "
    "whole weekend, with results from every town."
)


def article(i: int) -> list[str]:
    """Title and three prose paragraphs, none shared with another article."""
    town, thing, material = TOWNS[i], THINGS[i], MATERIALS[i]
    return [
        f"{town} gets its new {thing}",
        f"The council of {town} said on Tuesday that the new {thing} would open in the spring, after a delay that "
        f"was caused by a shortage of {material} and by a dispute with the builder.",
        f"Residents of {town} who have waited for the {thing} since the old one was closed welcomed the news, but "
        f"some of them said they would believe it only when they saw it with their own eyes.",
        f"The mayor of {town}, who had promised the {thing} during the last election campaign, told reporters that "
        f"the final cost would be higher than planned but still within the budget of the region.",
    ]


def page(i: int, *, extra: tuple[str, ...] = (), year: int = 2024) -> str:
    """A saved page: menu, article, ``extra`` lines, sign-up paragraph, footer (one paragraph per line)."""
    return "\n".join([*MENU, *article(i), *extra, SIGNUP, FOOTER.format(year=year)]) + "\n"


def write_site(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def six_pages() -> dict[str, str]:
    """Six pages with different articles; the first two also carry LIVE (not yet repeated: two documents)."""
    return {f"page{i}.txt": page(i, extra=(LIVE,) if i < 2 else (), year=2020 + i) for i in range(6)}
