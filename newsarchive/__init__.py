"""newsarchive: archive regional Chinese news sites into SQLite."""

__version__ = "0.1.0"
