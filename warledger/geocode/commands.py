"""``warledger geocode`` and ``warledger gazetteer build|install``."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import IO, Any, Iterator, Optional

from warledger.errors import GazetteerError, InputError
from warledger.jsonout import RecordWriter

GEONAMES_URL = "https://download.geonames.org/export/dump/{country}.zip"

GEOCODE_HELP = """\
Resolve place phrases to gazetteer places, admin units, coordinates and precision codes.

Input: JSON lines {"id": "p1", "place": "al-Sahara village in the western countryside of Aleppo",
"governorate": "Aleppo"} (governorate optional; "place_ar" optional, an Arabic spelling tried when the
first fails).  Output: one line per input line with id, location, admin1-3, latitude, longitude,
geo_precision (ACLED 1-3), where_prec (UCDP 1-7), confidence and problems; unresolved places keep their
line with nulls and a problem.

examples:
  warledger geocode --input places.jsonl --format jsonl
  warledger geocode --input places.jsonl --gazetteer SY.txt > geocoded.jsonl
  warledger geocode "Jabbala village in the southern countryside of Idlib"
"""


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser("geocode", help="resolve place phrases to coordinates and admin units",
                       description=GEOCODE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("phrases", nargs="*", metavar="PHRASE", help="place phrases to resolve (instead of --input)")
    p.add_argument("--input", "-i", metavar="PATH", help="JSON-lines file of places ('-' for standard input)")
    p.add_argument("--format", "-f", choices=("jsonl", "json"), default="jsonl")
    p.add_argument("--gazetteer", metavar="PATH",
                   help="GeoNames dump, places TSV, OCHA GeoJSON, ACLED CSV or built index "
                        "(default: $WARLEDGER_GAZETTEER, else built-in)")
    p.add_argument("--governorate", metavar="NAME", help="governorate for the PHRASE arguments")
    p.add_argument("--out", "-o", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=run_geocode)

    g = sub.add_parser("gazetteer", help="build or install a gazetteer index",
                       description="Build a fast local gazetteer index from source files, or download and "
                                   "index GeoNames' dump for a country.")
    gs = g.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    b = gs.add_parser("build", help="build an index from GeoNames dumps, places TSVs, OCHA GeoJSON or points CSV, ACLED CSVs",
                      description="Build a SQLite gazetteer index (places, name keys, R-tree) from source files.\n\n"
                                  "example:\n  warledger gazetteer build SY.txt syr_admin3.geojson --out syria.sqlite",
                      formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("sources", nargs="+", metavar="SOURCE")
    b.add_argument("--out", "-o", required=True, metavar="PATH", help="the index file to write")
    b.add_argument("--country", metavar="CC", help="keep only this country's rows of a GeoNames allCountries dump")
    b.set_defaults(func=run_build)
    i = gs.add_parser("install", help="download GeoNames' dump for a country and build its index",
                      description="Download GeoNames' country dump (COUNTRY.zip), verify it and build an index.\n\n"
                                  "example:\n  warledger gazetteer install SY   # then: export WARLEDGER_GAZETTEER=<printed path>",
                      formatter_class=argparse.RawDescriptionHelpFormatter)
    i.add_argument("country", metavar="COUNTRY", help="ISO 3166 two-letter code, e.g. SY")
    i.add_argument("--url", metavar="URL",
                   help="download URL ({country} is replaced; default $WARLEDGER_GEONAMES_URL or GeoNames' server)")
    i.add_argument("--out", "-o", metavar="PATH", help="index file (default: the user data folder)")
    i.add_argument("--sha256", metavar="HEX", help="expected SHA-256 of the download")
    i.set_defaults(func=run_install)

    def group_help(_args: argparse.Namespace) -> int:  # 'warledger gazetteer' without an action
        g.print_help()
        return 2
    g.set_defaults(func=group_help)


# ---------------------------------------------------------------- geocode
def _iter_places(path: str) -> Iterator[tuple[int, Optional[dict[str, Any]]]]:
    f: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")
    try:
        for n, raw in enumerate(f, 1):
            if b"\0" in raw:  # UTF-16 or a binary file: every line would fail alike
                raise InputError(f"{path} line {n}: NUL bytes (a binary or UTF-16 file?): give JSON lines of places "
                                 f"saved as UTF-8; nothing after this line was read")
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                print(f"warledger: {path} line {n}: not UTF-8 text; save the file as UTF-8; line skipped",
                      file=sys.stderr)
                yield n, None
                continue
            except ValueError as exc:
                print(f"warledger: {path} line {n}: not valid JSON ({exc.args[0][:60]}); line skipped",
                      file=sys.stderr)
                yield n, None
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("place"), (str, type(None))):
                print(f"warledger: {path} line {n}: expected an object with a \"place\" string; line skipped",
                      file=sys.stderr)
                yield n, None
                continue
            yield n, obj
    finally:
        if f is not sys.stdin:
            f.close()


def run_geocode(args: argparse.Namespace) -> int:
    from warledger.geocode import load_geocoder

    if not args.input and not args.phrases:
        raise InputError("no input: give --input PLACES.jsonl ('-' for standard input) or place phrases "
                         "(see 'warledger geocode --help')")
    if args.input and args.input != "-" and not Path(args.input).is_file():
        raise InputError(f"{args.input} not found: give a JSON-lines file of places")
    geocoder = load_geocoder(args.gazetteer)
    if args.input:
        items: Iterator[tuple[int, Optional[dict[str, Any]]]] = _iter_places(args.input)
    else:
        items = iter([(k, {"id": str(k), "place": ph, "governorate": args.governorate})
                      for k, ph in enumerate(args.phrases, 1)])
    bad = 0
    with RecordWriter(args.out, args.format) as writer:
        for n, obj in items:
            if obj is None:
                bad += 1
                continue
            rec: dict[str, Any] = {"id": obj.get("id"), "location": None, "admin1": None, "admin2": None, "admin3": None,
                   "latitude": None, "longitude": None, "geo_precision": None, "where_prec": None,
                   "confidence": None, "problems": []}
            phrase = obj.get("place") or ""
            gov = obj.get("governorate") if isinstance(obj.get("governorate"), str) else None
            alt = obj.get("place_ar") if isinstance(obj.get("place_ar"), str) else None
            try:
                r = geocoder.resolution(phrase, gov, alt)
                rec.update(location=r.location, admin1=r.admin1, admin2=r.admin2, admin3=r.admin3,
                           latitude=r.latitude, longitude=r.longitude, geo_precision=r.geo_precision,
                           where_prec=r.where_prec, confidence=r.confidence, problems=list(r.problems))
            except Exception as exc:  # one bad place never empties the others
                rec["problems"] = [f"E-GEOCODE-FAILED: geocoding failed: {type(exc).__name__}: {exc}"]
            writer.write(rec)
    written = writer.count
    if bad:
        print(f"warledger: {bad} bad input line(s) skipped, {written} places written", file=sys.stderr)
    return 0 if written or not bad else 1


# ---------------------------------------------------------------- gazetteer build / install
def run_build(args: argparse.Namespace) -> int:
    from warledger.geocode.gazetteer import build_index

    t = time.perf_counter()
    n = build_index(list(args.sources), args.out, country=args.country)
    print(f"warledger: gazetteer index {args.out}: {n} places from {len(args.sources)} source(s) "
          f"in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    return 0


def data_dir() -> Path:
    base = os.environ.get("WARLEDGER_DATA") or os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "warledger"


def verify_geonames_zip(path: str, country: str) -> str:
    """Check a downloaded GeoNames zip: a readable archive holding ``COUNTRY.txt`` of 19-column rows."""
    if not zipfile.is_zipfile(path):
        raise GazetteerError(f"the download for {country} is not a zip archive; check the URL (--url)")
    with zipfile.ZipFile(path) as zf:
        bad = zf.testzip()
        if bad:
            raise GazetteerError(f"the download for {country} is corrupt ({bad}); try again")
        member = f"{country}.txt"
        if member not in zf.namelist():
            raise GazetteerError(f"the download for {country} holds no {member} (has: {', '.join(zf.namelist())})")
        with zf.open(member) as f:
            first = f.readline().decode("utf-8", "replace").rstrip("\n").split("\t")
        if len(first) != 19:
            raise GazetteerError(f"{member} in the download has {len(first)} columns where GeoNames has 19")
    return member


def run_install(args: argparse.Namespace) -> int:
    from warledger.geocode.gazetteer import build_index

    country = args.country.upper()
    if len(country) != 2 or not country.isalpha():
        raise GazetteerError(f"{args.country!r} is not a two-letter country code (e.g. SY)")
    url = (args.url or os.environ.get("WARLEDGER_GEONAMES_URL") or GEONAMES_URL).format(country=country)
    out = Path(args.out) if args.out else data_dir() / f"gazetteer-{country}.sqlite"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        zpath = Path(tmp) / f"{country}.zip"
        print(f"warledger: downloading {url}", file=sys.stderr)
        try:
            with urllib.request.urlopen(url, timeout=60) as resp, open(zpath, "wb") as f:
                h = hashlib.sha256()
                while chunk := resp.read(1 << 16):
                    h.update(chunk)
                    f.write(chunk)
        except OSError as exc:
            raise GazetteerError(f"could not download {url} ({exc}); check the network or give --url / "
                                 f"$WARLEDGER_GEONAMES_URL, or build from a local dump with 'warledger gazetteer build'") from None
        if args.sha256 and h.hexdigest() != args.sha256.lower():
            raise GazetteerError(f"the download from {url} has SHA-256 {h.hexdigest()}, expected {args.sha256}")
        verify_geonames_zip(str(zpath), country)
        t = time.perf_counter()
        n = build_index([str(zpath)], str(out))
    print(f"warledger: installed {n} places for {country} in {out} ({time.perf_counter() - t:.1f}s); "
          f"use it with --gazetteer {out} or WARLEDGER_GAZETTEER={out}", file=sys.stderr)
    print(str(out))
    return 0
