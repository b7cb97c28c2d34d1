"""The page's own head written into the HTML the server sends: replaced tags, escaped values."""

from __future__ import annotations

from html.parser import HTMLParser

from storefront.api.page_head import MARK, head_tags, rewrite_head
from storefront.services.page_meta import PageHead

TEMPLATE = (
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>'
    '<meta content="width=device-width, initial-scale=1" name="viewport"/>'
    "<title>Boutique</title>"
    '<meta content="Furniture, kitchen, fashion and more, chosen to last." name="description"/>'
    '<meta content="favicon.ico" property="og:image"/>'
    '<link rel="modulepreload" href="/assets/root.js"/></head>'
    "<body><title>an svg title stays</title></body></html>"
)
HEAD = PageHead(
    title="Oak chair · Boutique",
    description="Solid oak, oiled by hand.",
    kind="product",
    url="https://shop.example/product/oak-chair",
    image="https://shop.example/media/oak.jpg",
)


class Tags(HTMLParser):
    """Every element's attributes, the <script> elements' text and the <title>'s text."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.titles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "title":
            self.titles.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def metas(html: str) -> dict[str, list[str | None]]:
    found: dict[str, list[str | None]] = {}
    for tag, attrs in parse(html).elements:
        if tag == "meta" and (key := attrs.get("name") or attrs.get("property")):
            found.setdefault(key, []).append(attrs.get("content"))
    return found


def test_the_template_tags_are_replaced_by_the_page_own_once_each() -> None:
    html = rewrite_head(TEMPLATE, HEAD)
    assert metas(html) == {
        "viewport": ["width=device-width, initial-scale=1"],
        "description": ["Solid oak, oiled by hand."],
        "og:title": ["Oak chair · Boutique"],
        "og:description": ["Solid oak, oiled by hand."],
        "og:type": ["product"],
        "og:url": ["https://shop.example/product/oak-chair"],
        "og:image": ["https://shop.example/media/oak.jpg"],
    }
    head = html[: html.index("</head>")]
    assert head.count("<title") == 1
    assert f'<title {MARK}="">Oak chair · Boutique</title>' in head
    assert "favicon.ico" not in html
    assert html.index('<meta charSet="utf-8"/>') < html.index("<title")  # charset first
    assert html.endswith("<body><title>an svg title stays</title></body></html>")
    assert '<link rel="modulepreload" href="/assets/root.js"/></head>' in html


def test_the_written_tags_are_marked_and_removed_before_the_page_code_runs() -> None:
    tags = parse(head_tags(HEAD))
    marked = [tag for tag, attrs in tags.elements if MARK in attrs]
    # The script too: none of it stays in <head> (React took a script left there for the
    # template's theme script, the first <script> without src, and their texts differed).
    assert marked == ["title"] + ["meta"] * 6 + ["script"]
    assert tags.scripts == [f'document.querySelectorAll("head [{MARK}]").forEach(e=>e.remove())']


def test_a_product_named_like_markup_comes_out_as_inert_text() -> None:
    evil = '"><script>alert(1)</script>'
    head = PageHead(
        title=f"{evil} · Boutique",
        description=f"{evil} & more 'quoted'",
        kind="product",
        url="https://shop.example/product/%22%3E",
        image='https://shop.example/media/a".jpg',
    )
    html = rewrite_head(TEMPLATE, head)
    tags = parse(html)
    # The only script is the one removing the marked tags; the name is text, not markup.
    assert tags.scripts == [f'document.querySelectorAll("head [{MARK}]").forEach(e=>e.remove())']
    assert "<script>alert(1)" not in html
    assert tags.titles == [f"{evil} · Boutique", "an svg title stays"]
    found = metas(html)
    assert found["og:title"] == [f"{evil} · Boutique"]
    assert found["description"] == [f"{evil} & more 'quoted'"]
    assert found["og:image"] == ['https://shop.example/media/a".jpg']
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_empty_value_writes_no_tag_and_html_without_head_is_kept() -> None:
    html = rewrite_head(TEMPLATE, PageHead("Boutique", "", "website", "https://s.example/", ""))
    found = metas(html)
    assert "description" not in found
    assert "og:image" not in found
    assert found["og:url"] == ["https://s.example/"]
    assert rewrite_head("<html><body>x</body></html>", HEAD) == "<html><body>x</body></html>"
