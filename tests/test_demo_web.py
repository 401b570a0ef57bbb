"""The offline demo web: what it answers, directly and as a proxy on 127.0.0.1."""

import urllib.error
import urllib.request

import pytest

from newsarchive.demo.web import DemoServer, DemoWeb
from newsarchive.fixtures import load_fixtures

SEED_URL = "http://inews.nmgnews.com.cn/system/2011/10/14/010648316.shtml"


@pytest.fixture(scope="module")
def web() -> DemoWeb:
    return DemoWeb()


def test_fixture_pages_are_served_raw_at_their_real_url(web: DemoWeb) -> None:
    fixture = next(f for f in load_fixtures("nmgnews") if f.url == SEED_URL)
    answer = web.answer(SEED_URL)
    assert answer.status == 200
    assert answer.body == fixture.body
    assert answer.headers == fixture.headers


def test_tracking_parameters_reach_the_same_page(web: DemoWeb) -> None:
    assert web.answer(SEED_URL + "?utm_source=x").body == web.answer(SEED_URL).body


def test_list_pages_redirects_robots_and_404(web: DemoWeb) -> None:
    assert web.answer("http://inews.nmgnews.com.cn/nmgxw/szxw/").status == 200
    moved = web.answer("http://www.enorth.com.cn/system/2011/09/13/007512345.shtml")
    assert moved.status == 301
    assert moved.headers["Location"].startswith("http://news.enorth.com.cn/")
    robots = web.answer("http://inews.nmgnews.com.cn/robots.txt")
    assert robots.status == 200
    assert b"Disallow:" in robots.body
    assert web.answer("http://unknown.example.cn/").status == 404


def test_static_files_cannot_escape_the_demo_directory(web: DemoWeb) -> None:
    assert web.answer("http://inews.nmgnews.com.cn/../../sites/x").status == 404


def test_server_answers_proxy_requests_on_loopback(web: DemoWeb) -> None:
    with DemoServer(web) as server:
        assert server.proxy_url.startswith("http://127.0.0.1:")
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({"http": server.proxy_url})
        )
        with opener.open(SEED_URL, timeout=10) as response:
            assert response.status == 200
            assert response.read() == web.answer(SEED_URL).body
        with pytest.raises(urllib.error.HTTPError) as err:
            opener.open("http://unknown.example.cn/nothing.html", timeout=10)
        assert err.value.code == 404
        assert server.hits == [SEED_URL, "http://unknown.example.cn/nothing.html"]
