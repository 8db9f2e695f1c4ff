"""Extraction and ingest on a Dask cluster (the optional extra ``warledger[dask]``).

The work is cut into *parts* (:mod:`warledger.cluster.parts`): one per document or gzip file, and one
per block of lines of a JSON-lines file.  A task carries a part's path and byte range, never its
data, and reads it on the worker (:mod:`warledger.cluster.tasks`), so the files must be visible to
every worker under the same path (a shared or network file system, or one machine).

``warledger extract --workers N | --scheduler URL --out-dir DIR``: each task writes its own shard,
atomically, with a marker that lets a rerun skip it (:mod:`warledger.cluster.shards`).
``warledger ingest --workers N | --scheduler URL``: the tasks extract and geocode; block tasks deduplicate
(:mod:`warledger.cluster.blocks`: components of records that could meet, placed by the ledger's own lookup and
decision, by (country, admin1, month) block plus a residual pass); one loader, in the client, stores the
reports in input order with those decisions, in bulk (:mod:`warledger.store.bulk`), so the ledger is the one a
serial ingest builds whatever the scheduling or the split of the input.

Only :mod:`warledger.cluster.run` imports Dask, and only when called: the rest of warledger never does.
"""
