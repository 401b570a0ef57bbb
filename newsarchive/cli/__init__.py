"""The ``newsarchive`` command: one entry point, one module per subcommand.

Each module in ``COMMANDS`` has ``add_parser(subparsers)`` registering its
subcommand with ``func=run``, and ``run(args) -> int``. The subcommand
``export-warc`` lives in module ``export_warc``.

Only the module of the subcommand being run is imported (Scrapy, datasketch and
pyarrow are slow to import); ``newsarchive --help`` imports them all.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from newsarchive import __version__
from newsarchive.cli.errors import CliError

COMMANDS: tuple[str, ...] = (
    "demo",
    "crawl",
    "extract",
    "search",
    "export",
    "stats",
    "reparse",
    "export_warc",
    "reprints",
    "sites",
    "fixtures",
    "ingest",
)


def _module(command: str) -> str:
    return command.replace("-", "_")


def _chosen(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line, if it is a known one."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first and _module(first) in COMMANDS else None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with ``argv``, only the subcommand it names is registered."""
    parser = argparse.ArgumentParser(
        prog="newsarchive",
        description="Archive regional Chinese news sites into SQLite.",
    )
    parser.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = _chosen(argv) if argv is not None else None
    for name in [_module(chosen)] if chosen else COMMANDS:
        importlib.import_module(f"newsarchive.cli.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"newsarchive {args.command}: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print(f"newsarchive {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one sentence, never a traceback (unless debugging)
        if os.environ.get("NEWSARCHIVE_DEBUG"):
            raise
        print(f"newsarchive {args.command}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
