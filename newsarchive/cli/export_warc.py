"""``newsarchive export-warc -o DIR``: the raw archive as standard WARC files."""

from __future__ import annotations

import argparse

from newsarchive.cli.errors import CliError
from newsarchive.cli.options import add_db, open_archive


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export-warc", help="write the archived raw pages as WARC files (warcio, pywb)"
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="directory to write to")
    p.add_argument("--site", metavar="SITE", help="only this site's pages")
    add_db(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:  # imported here: every other command works without warcio
        from newsarchive.warc import export_warc
    except ImportError as exc:
        raise CliError(f"export-warc needs the warcio package ({exc})") from None
    db = open_archive(args.db)
    try:
        where, params = ("where site = ?", [args.site]) if args.site else ("", [])
        if not db.execute(f"select count(*) from pages {where}", params).fetchone()[0]:
            site = f" of site {args.site!r}" if args.site else ""
            raise CliError(f"no archived pages{site} in {args.db}")
        files = export_warc(db, args.output, site=args.site)
    finally:
        db.close()
    for f in files:
        print(f"{f.path}  site {f.site}  captures {f.captures}  pages {f.pages}")
    return 0
