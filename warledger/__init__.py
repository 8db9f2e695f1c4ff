"""warledger: turn conflict reports into a reconciled ledger of incidents.

Library API (what the CLI is a thin layer over)::

    import warledger
    incidents = warledger.extract(text, published="2019-11-07")
    from warledger import Ledger
    ledger = Ledger("ledger.db"); ledger.ingest(reports); ledger.tally(by="actor1")

``warledger.extract`` is both this function and the name of the extraction subpackage
(``warledger/extract/``).  Importing a submodule makes Python bind the package attribute to the
subpackage; this package then makes that subpackage callable with exactly this function's signature
and behaviour (geocoding included), so ``warledger.extract(...)`` means the same on every call.
"""
from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any, Optional

from warledger.record import Counts, Damage, Evidence, GroupCount, Incident, Place, Range, Report

from warledger.version import __version__ as __version__  # re-exported
__all__ = ["extract", "Ledger", "Report", "Incident", "Evidence", "Range", "Counts", "Place", "GroupCount", "Damage"]

if TYPE_CHECKING:
    from warledger.store import Ledger


def extract(text: str, published: Optional[str] = None, report_id: str = "report", *,
            gazetteer: Optional[str] = None, source: Optional[str] = None) -> list[Incident]:
    """Extract and geocode the incidents and aggregate claims of one report's text (plain text or HTML).

    ``published`` (ISO date) is what relative dates ("yesterday") resolve against.
    ``gazetteer`` is a gazetteer file or built index; without it the built-in one is used.
    """
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process

    report = Report(id=report_id, text=text, published=published, source=source)
    process(report, load_geocoder(gazetteer))
    return report.incidents


_API = extract  # the function itself, whatever the package attribute is bound to later


class _ExtractPackage(types.ModuleType):
    """The class given to the ``warledger.extract`` subpackage: calling it is calling :func:`extract`."""

    def __call__(self, text: str, published: Optional[str] = None, report_id: str = "report", *,
                 gazetteer: Optional[str] = None, source: Optional[str] = None) -> list[Incident]:
        return _API(text, published, report_id, gazetteer=gazetteer, source=source)


class _Package(types.ModuleType):
    """This package's module class: when the import system binds ``extract`` to the subpackage, the
    subpackage is made to behave as the library function when called (its attributes stay as they are)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "extract" and isinstance(value, types.ModuleType) and not isinstance(value, _ExtractPackage):
            try:
                value.__class__ = _ExtractPackage
            except TypeError:  # a module class with another layout: keep the function as the attribute
                return
        super().__setattr__(name, value)


def __getattr__(name: str) -> Any:
    if name == "Ledger":
        from warledger.store import Ledger
        return Ledger
    raise AttributeError(name)


sys.modules[__name__].__class__ = _Package
