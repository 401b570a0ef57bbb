"""Scheduling through scrapyd: deploy the project, schedule a demo crawl, see the rows land.

A real scrapyd runs on a free port of 127.0.0.1 with its own directories (a
scrapyd.conf written here, HOME pointing at the test's directory so no user
configuration leaks in). The egg is built by scrapyd-client's
``scrapyd-deploy --build-egg`` from a copy of the project, as a deploy would.
The crawl goes through the offline demo web, so nothing leaves the machine.
"""

from __future__ import annotations

import configparser
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import requests

from newsarchive.cli.demo import demo_sites
from newsarchive.demo.web import DemoServer, DemoWeb

ROOT = Path(__file__).resolve().parents[1]
PROJECT = "newsarchive"
# Every wait in this test is bounded by this (a slow CI machine gets time, a hang fails).
PATIENCE = 240.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, check, patience: float = PATIENCE):  # type: ignore[no-untyped-def]
    """Poll ``check()`` until it returns something truthy."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def scrapyd(tmp_path: Path):
    """A running scrapyd; yields its base URL."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\n"
        "items_dir =\n"
        "poll_interval = 0.5\n"
        "max_proc = 2\n"
    )
    log = open(home / "scrapyd.out", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrapyd", "--pidfile="],
        cwd=home,
        env={**os.environ, "HOME": str(home)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        assert proc.poll() is None, (home / "scrapyd.out").read_text()
        try:
            return requests.get(f"{url}/daemonstatus.json", timeout=2).json()["status"] == "ok"
        except requests.ConnectionError:
            return False

    try:
        wait_for("scrapyd to start", up)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def build_egg(tmp_path: Path) -> Path:
    """Build the project's egg with ``scrapyd-deploy --build-egg``, from a clean copy.

    scrapyd-deploy writes a setup.py next to scrapy.cfg; a copy keeps the work tree clean.
    """
    src = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("newsarchive", "spiders", "pipelines"):
        shutil.copytree(ROOT / package, src / package, ignore=ignore)
    shutil.copy(ROOT / "scrapy.cfg", src / "scrapy.cfg")
    egg = tmp_path / f"{PROJECT}.egg"
    subprocess.run(
        [sys.executable, "-m", "scrapyd_client.deploy", "--build-egg", str(egg)],
        cwd=src,
        check=True,
        capture_output=True,
        timeout=PATIENCE,
    )
    return egg


def test_scrapy_cfg_has_a_scrapyd_deploy_target() -> None:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "scrapy.cfg")
    assert cfg["deploy"]["url"] == "http://localhost:6800/"
    assert cfg["deploy"]["project"] == PROJECT
    assert cfg["settings"]["default"] == "newsarchive.settings"


def test_scheduled_demo_crawl_lands_in_sqlite(tmp_path: Path, scrapyd: str) -> None:
    egg = build_egg(tmp_path)
    with egg.open("rb") as f:
        added = requests.post(
            f"{scrapyd}/addversion.json",
            data={"project": PROJECT, "version": "1"},
            files={"egg": f},
            timeout=PATIENCE,
        ).json()
    assert added["status"] == "ok", added
    spiders = requests.get(
        f"{scrapyd}/listspiders.json", params={"project": PROJECT}, timeout=PATIENCE
    ).json()
    assert {"news", "adhoc"} <= set(spiders["spiders"]), spiders

    db = tmp_path / "archive" / "news.db"
    web = DemoWeb()
    sites = demo_sites(web)
    assert sites, "the demo web serves no site"
    with DemoServer(web) as server:
        settings = {
            "NEWSARCHIVE_DB": str(db),
            "NEWSARCHIVE_PROXY": server.proxy_url,
            # Local and fast: the politeness defaults are for real servers.
            "DOWNLOAD_DELAY": "0",
            "AUTOTHROTTLE_ENABLED": "False",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
        }
        form = [("project", PROJECT), ("spider", "news"), ("sites", ",".join(sites))]
        form += [("setting", f"{k}={v}") for k, v in settings.items()]
        scheduled = requests.post(f"{scrapyd}/schedule.json", data=form, timeout=PATIENCE).json()
        assert scheduled["status"] == "ok", scheduled
        job = scheduled["jobid"]

        def finished() -> bool:
            jobs = requests.get(
                f"{scrapyd}/listjobs.json", params={"project": PROJECT}, timeout=PATIENCE
            ).json()
            return any(j["id"] == job for j in jobs["finished"])

        wait_for("the scheduled crawl to finish", finished)

    log = log_text(scrapyd, job)
    assert "'finish_reason': 'finished'" in log, log[-3000:]
    with sqlite3.connect(db) as conn:
        by_site = dict(conn.execute("select site, count(*) from articles group by site"))
        runs = conn.execute("select site, status from crawl_runs").fetchall()
    # tests/fixtures/demo/EXPECTED.md: 8 articles, each exactly once.
    assert sum(by_site.values()) == 8, by_site
    assert set(by_site) == set(sites)
    assert sorted(runs) == sorted((site, "finished") for site in sites)


def log_text(scrapyd: str, job: str) -> str:
    url = f"{scrapyd}/logs/{PROJECT}/news/{urllib.parse.quote(job)}.log"
    with urllib.request.urlopen(url, timeout=PATIENCE) as response:
        return response.read().decode("utf-8", "replace")
