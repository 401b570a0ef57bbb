from pathlib import Path

import pytest
from scrapy.exceptions import DropItem

from newsarchive.storage import open_db
from newsarchive.storage.articles import save_article
from pipelines.dedup import DedupPipeline
from tests.pipeline_helpers import make_crawler, stat


def rec(url: str, digest: str, site: str = "nmgnews") -> dict:
    return {"site": site, "url": url, "canonical_url": url, "content_hash": digest}


@pytest.fixture
def pipeline(tmp_path: Path):
    p = DedupPipeline(make_crawler(tmp_path / "n.db"), str(tmp_path / "n.db"))
    p.open_spider()
    yield p
    p.close_spider()


def test_first_sighting_passes(pipeline: DedupPipeline) -> None:
    assert pipeline.process_item(rec("http://a/1", "h1"))["canonical_url"] == "http://a/1"


def test_same_canonical_url_twice_is_a_duplicate(pipeline: DedupPipeline) -> None:
    pipeline.process_item(rec("http://a/1", "h1"))
    with pytest.raises(DropItem, match="already seen"):
        pipeline.process_item(rec("http://a/1", "h1"))
    assert stat(pipeline.crawler, "nmgnews", "articles_duplicate") == 1


def test_same_body_at_another_url_of_the_same_site(pipeline: DedupPipeline) -> None:
    pipeline.process_item(rec("http://a/1", "h1"))
    with pytest.raises(DropItem, match="same body"):
        pipeline.process_item(rec("http://a/2", "h1"))


def test_reprint_on_another_site_is_kept(pipeline: DedupPipeline) -> None:
    pipeline.process_item(rec("http://a/1", "h1"))
    assert pipeline.process_item(rec("http://b/9", "h1", site="dzwww"))


def test_same_body_already_in_the_archive(tmp_path: Path) -> None:
    db_path = tmp_path / "n.db"
    db = open_db(db_path)
    save_article(db, rec("http://a/1", "h1"))
    db.close()
    p = DedupPipeline(make_crawler(db_path), str(db_path))
    p.open_spider()
    with pytest.raises(DropItem, match="same body as http://a/1"):
        p.process_item(rec("http://a/1-copy", "h1"))
    # The archived URL itself is not a duplicate here: the store decides unchanged/updated.
    assert p.process_item(rec("http://a/1", "h1"))
    p.close_spider()
