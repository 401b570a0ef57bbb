"""The one exception a subcommand raises to stop with a clear message."""


class CliError(Exception):
    """A problem the user can fix: printed as one sentence, exit code ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code
