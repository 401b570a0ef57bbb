import pytest

from newsarchive.urls import canonicalize_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTP://Inews.NMGNews.com.cn/a/1.shtml", "http://inews.nmgnews.com.cn/a/1.shtml"),
        ("http://inews.nmgnews.com.cn:80/a/1.shtml", "http://inews.nmgnews.com.cn/a/1.shtml"),
        ("https://www.dzwww.com:443/x/", "https://www.dzwww.com/x/"),
        ("http://example.cn:8080/x/", "http://example.cn:8080/x/"),
        ("http://example.cn/a/1.html#comments", "http://example.cn/a/1.html"),
        (
            "http://example.cn/a/1.html?utm_source=wx&utm_medium=share&spm=a.b",
            "http://example.cn/a/1.html",
        ),
        ("http://example.cn/a.asp?b=2&id=7&from=timeline", "http://example.cn/a.asp?b=2&id=7"),
        ("http://example.cn/news/2023/index.html", "http://example.cn/news/2023/"),
        ("http://example.cn/news/2023/index.shtml", "http://example.cn/news/2023/"),
        ("http://example.cn", "http://example.cn/"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonicalize_url(url) == canonical


def test_equivalent_links_share_one_key() -> None:
    links = [
        "http://news.example.cn/2023/10/14/content_1.htm",
        "http://NEWS.example.cn/2023/10/14/content_1.htm?utm_campaign=x",
        "http://news.example.cn:80/2023/10/14/content_1.htm#top",
    ]
    assert len({canonicalize_url(u) for u in links}) == 1
