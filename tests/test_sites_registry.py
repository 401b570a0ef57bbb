"""The site registry: declarative, no duplicates, and consistent with the fixtures."""

from __future__ import annotations

from collections import Counter

import pytest

from newsarchive.fixtures import load_fixtures
from newsarchive.sites import Site, all_sites, get_site, register, site_for_url

SITES = all_sites()
FIXTURES = load_fixtures()


def make_site(**attrs: object) -> type[Site]:
    base = {
        "id": "test-only",
        "name": "测试",
        "domains": ("test-only.example",),
        "start_urls": ("http://test-only.example/news/",),
        "article_url": r"/\d+\.html$",
    }
    return type("TestOnly", (Site,), base | attrs)


def test_duplicate_id_is_rejected() -> None:
    with pytest.raises(ValueError, match="duplicate site id"):
        register(make_site(id="nmgnews"))


def test_duplicate_domain_is_rejected() -> None:
    with pytest.raises(ValueError, match="already owned"):
        register(make_site(domains=("dzwww.com",)))


@pytest.mark.parametrize("domains", [("inews.nmgnews.com.cn",), ("com.cn",)])
def test_domain_inside_or_above_another_sites_domain_is_rejected(domains: tuple) -> None:
    with pytest.raises(ValueError, match="already owned"):
        register(make_site(domains=domains))


def test_missing_attribute_is_rejected() -> None:
    with pytest.raises(ValueError, match="article_url"):
        register(make_site(article_url=""))


def test_rejected_sites_are_not_registered() -> None:
    assert "test-only" not in {s.id for s in all_sites()}


def test_no_domain_is_inside_another_sites_domain() -> None:
    # A site claiming a subdomain of another site's domain would make site_for_url ambiguous.
    owners = [(d, s.id) for s in SITES for d in s.domains]
    for domain, owner in owners:
        for other, other_owner in owners:
            if owner != other_owner:
                assert domain != other and not domain.endswith("." + other), (owner, other_owner)


def test_ids_are_unique_and_lookups_agree() -> None:
    assert len({s.id for s in SITES}) == len(SITES)
    for site in SITES:
        assert get_site(site.id) is site


@pytest.mark.parametrize(
    ("url", "site_id"),
    [
        ("http://inews.nmgnews.com.cn/system/2014/11/12/011570005.shtml", "nmgnews"),
        ("http://nmgnews.com.cn/", "nmgnews"),
        ("http://sd.dzwww.com/sdnews/202310/t20231014_12815301.htm", "dzwww"),
        ("http://WWW.ENORTH.COM.CN/system/2011/09/13/007512345.shtml", "enorth"),
        ("http://fakenmgnews.com.cn/system/2014/11/12/011570005.shtml", None),
        ("http://www.example.com/", None),
    ],
)
def test_site_for_url(url: str, site_id: str | None) -> None:
    site = site_for_url(url)
    assert (site.id if site else None) == site_id


@pytest.mark.parametrize("fx", FIXTURES, ids=[fx.id for fx in FIXTURES])
def test_fixture_url_is_an_article_of_its_site(fx) -> None:
    site = get_site(fx.site)
    assert site.owns(fx.url)
    assert site_for_url(fx.url) is site
    assert site.is_article(fx.url)


@pytest.mark.parametrize("fx", FIXTURES, ids=[fx.id for fx in FIXTURES])
def test_tracked_link_is_still_an_article(fx) -> None:
    # The spider tests links as found on list pages, tracking parameters included.
    assert get_site(fx.site).is_article(fx.url + "?utm_source=weixin&utm_medium=social")


@pytest.mark.parametrize("site", SITES, ids=[s.id for s in SITES])
def test_site_has_two_fixtures(site: type[Site]) -> None:
    assert Counter(fx.site for fx in FIXTURES)[site.id] >= 2


@pytest.mark.parametrize("site", SITES, ids=[s.id for s in SITES])
def test_start_urls_are_list_pages_of_the_site(site: type[Site]) -> None:
    for url in site.start_urls:
        assert site.owns(url) and site.is_list(url) and not site.is_article(url)


def test_every_fixture_directory_names_a_registered_site() -> None:
    assert {fx.site for fx in FIXTURES} <= {s.id for s in SITES}
