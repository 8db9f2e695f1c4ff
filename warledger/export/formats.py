"""Kept for imports of the former single module: the exports now live in ``acled``, ``ucdp``, ``flat``
and ``registry`` (see :mod:`warledger.export`)."""
from warledger.export import *  # noqa: F401,F403
from warledger.export import __all__  # noqa: F401
