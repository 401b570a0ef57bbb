"""WARC export of the raw archive, with warcio: what replay tools (pywb) index.

Every stored page becomes a ``request`` record and a ``response`` record
(WARC-Target-URI the final URL, WARC-Date the fetch time, block and payload
digests computed by warcio), plus a ``metadata`` record naming the redirect
chain and our sha256. Gzipped WARC files per site of about 1 GB at most, each
starting with a ``warcinfo`` record.

What the crawler stored is the payload as Scrapy handed it over: de-chunked
and with its Content-Encoding already decoded. The HTTP headers written are
made to say so (no Transfer-Encoding / Content-Encoding, the real
Content-Length) so that the record is consistent and replays; the request
record holds the request line and Host, which is what the archive knows of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from sqlite_utils import Database
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsarchive import __version__
from newsarchive.storage.pages import StoredPage, all_captures, capture_pages, sha256

# Web archives keep WARC files around 1 GB (IIPC practice): a new file starts after that.
MAX_WARC_BYTES = 1_000_000_000
# Headers that described the bytes on the wire, not the payload we kept.
WIRE_HEADERS = ("content-length", "transfer-encoding", "content-encoding")


@dataclass
class WarcFile:
    """One written WARC file and what it holds."""

    path: Path
    site: str
    captures: int
    pages: int


def warc_date(iso: str) -> str:
    """An ISO 8601 time with offset as a WARC-Date (UTC, ``Z``)."""
    when = datetime.fromisoformat(iso)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def http_response_headers(page: StoredPage) -> StatusAndHeaders:
    """The HTTP status line and headers of a stored page, as WARC response headers."""
    try:
        reason = HTTPStatus(page.status).phrase
    except ValueError:
        reason = "Unknown"
    headers = [(k, v) for k, v in page.headers.items() if k.lower() not in WIRE_HEADERS]
    headers.append(("Content-Length", str(len(page.body))))
    return StatusAndHeaders(f"{page.status} {reason}", headers, protocol="HTTP/1.1")


def http_request_headers(url: str) -> StatusAndHeaders:
    """A minimal GET request for ``url`` (the WARC request record)."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return StatusAndHeaders(
        f"GET {target} HTTP/1.1",
        [("Host", parts.netloc)],
        protocol="HTTP/1.1",
        is_http_request=True,
    )


def write_page(writer: WARCWriter, page: StoredPage) -> None:
    """The request, response and metadata records of one stored page."""
    if sha256(page.body) != page.sha256:
        raise ValueError(f"stored page {page.id} ({page.url}) does not match its sha256")
    date = warc_date(page.fetched_at)
    response = writer.create_warc_record(
        page.url,
        "response",
        payload=BytesIO(page.body),
        length=len(page.body),
        http_headers=http_response_headers(page),
        warc_headers_dict={"WARC-Date": date},
    )
    response_id = response.rec_headers.get_header("WARC-Record-ID")
    request = writer.create_warc_record(
        page.url,
        "request",
        http_headers=http_request_headers(page.url),
        warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response_id},
    )
    fields = [f"via: {u}" for u in page.redirects]
    fields += [f"sha256: {page.sha256}", f"site: {page.site}", f"part: {page.part}"]
    text = "".join(f"{line}\r\n" for line in fields).encode("utf-8")
    metadata = writer.create_warc_record(
        page.url,
        "metadata",
        payload=BytesIO(text),
        length=len(text),
        warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Date": date, "WARC-Refers-To": response_id},
    )
    for record in (request, response, metadata):
        writer.write_record(record)


def sites_with_pages(db: Database) -> list[str]:
    """Ids of the sites that have raw pages in the archive, sorted."""
    return [r[0] for r in db.execute("select distinct site from pages order by site").fetchall()]


class _WarcOut:
    """One WARC file being written: ``NAME.part`` until it is complete."""

    def __init__(self, path: Path, site: str) -> None:
        self.file = WarcFile(path, site, 0, 0)
        self.partial = path.with_name(path.name + ".part")  # a killed export leaves no torn WARC
        self.stream = self.partial.open("wb")
        self.writer = WARCWriter(self.stream, gzip=True)
        info = {
            "software": f"newsarchive/{__version__}",
            "format": "WARC File Format 1.0",
            "description": f"raw pages of site {site} exported from a newsarchive database",
        }
        self.writer.write_record(self.writer.create_warcinfo_record(path.name, info))

    @property
    def size(self) -> int:
        return self.stream.tell()

    def write_capture(self, pages: list[StoredPage]) -> None:
        for page in pages:
            write_page(self.writer, page)
        self.file.captures += 1
        self.file.pages += len(pages)

    def close(self) -> WarcFile:
        self.stream.close()
        self.partial.replace(self.file.path)
        return self.file


def export_site(
    db: Database, site: str, out_dir: Path, stamp: str, max_bytes: int = MAX_WARC_BYTES
) -> list[WarcFile]:
    """Write every capture of one site (every fetch ever stored) to WARC files of at
    most about ``max_bytes`` each; a capture is never split between two files."""
    files: list[WarcFile] = []
    out: _WarcOut | None = None
    for capture in all_captures(db, site):
        if out is not None and out.size >= max_bytes:
            files.append(out.close())
            out = None
        if out is None:
            name = f"newsarchive-{site}-{stamp}-{len(files):05d}.warc.gz"
            out = _WarcOut(out_dir / name, site)
        out.write_capture(capture_pages(db, capture))
    if out is not None:
        files.append(out.close())
    return files


def export_warc(
    db: Database,
    out_dir: str | Path,
    site: str | None = None,
    now: datetime | None = None,
    max_bytes: int = MAX_WARC_BYTES,
) -> list[WarcFile]:
    """Export the raw archive (or one site's) as WARC files in ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S")
    sites = [site] if site else sites_with_pages(db)
    return [f for s in sites for f in export_site(db, s, out, stamp, max_bytes)]
