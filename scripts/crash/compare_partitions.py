"""The incidents (as sets of report ids) two SQLite ledgers of the same reports disagree on, with the first
differing groups' texts: python compare_partitions.py A.db B.db REPORTS.jsonl"""
import json
import sqlite3
import sys


def part(db: str) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = {}
    for inc, rep in sqlite3.connect(db).execute("select incident_id, report_id from wl_records where kind='incident'"):
        groups.setdefault(inc, []).append(rep)
    return {frozenset(v) for v in groups.values()}


a, b = part(sys.argv[1]), part(sys.argv[2])
only_a, only_b = sorted(a - b, key=sorted), sorted(b - a, key=sorted)
print(len(only_a), "groups only in", sys.argv[1], "|", len(only_b), "only in", sys.argv[2])
texts = {(d := json.loads(line))["id"]: d["text"] for line in open(sys.argv[3])}
for group in only_b[:3]:
    print("B:", sorted(group))
    for x in sorted(a, key=sorted):
        if x & group:
            print("  A has:", sorted(x))
    for r in sorted(group)[:6]:
        print("   ", r, texts.get(r, "")[:130])
