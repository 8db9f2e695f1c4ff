"""warledger's exceptions.  Every message names the input and says what to do."""
from __future__ import annotations


class WarledgerError(Exception):
    """Base class: the CLI prints ``warledger: <message>`` and exits non-zero."""


class InputError(WarledgerError):
    """An input file or line could not be read (names the file and line)."""


class GazetteerError(WarledgerError):
    """A gazetteer could not be loaded or built (names the path)."""


class StoreError(WarledgerError):
    """The ledger database could not be opened or written (names the database)."""


class ClusterError(WarledgerError):
    """Dask is missing, a scheduler cannot be reached, or the workers run another warledger (names which)."""


def os_message(exc: OSError) -> str:
    """A failed open, write or folder creation, naming the path and what to do (the CLI prints it)."""
    where = exc.filename if exc.filename is not None else "a file"
    why = exc.strerror or str(exc)
    return (f"cannot open or write {where!r}: {why}; check that its folder exists, that you may write there and "
            f"that the disk has room, or choose another path")
