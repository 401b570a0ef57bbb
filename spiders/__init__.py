"""Spiders crawl, they do not parse: list pages -> article links -> pagination."""
