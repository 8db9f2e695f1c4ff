"""After a killed server is restarted: every correction answered 200 (LOG of patch_loop.py) has its audit row
with its value; each corrected incident's value, version, history and columns agree with its audit rows:
python check_acks.py LOG LEDGER BASE_URL"""
import json, sys, urllib.request, sqlalchemy as sa
url = sys.argv[2] if "://" in sys.argv[2] else "sqlite:///" + sys.argv[2]
acks = [json.loads(l) for l in open(sys.argv[1])]
ok = [a for a in acks if a["status"] == 200]
e = sa.create_engine(url)
with e.connect() as c:
    audit = c.execute(sa.text("select seq, incident_id, new_value, reason from wl_audit where action='correct' order by seq")).fetchall()
    ncorr = {r[0]: (r[1], r[2]) for r in c.execute(sa.text("select incident_id, n_corrections, killed_civilians from wl_incidents")).fetchall()}
by_reason = {(r.incident_id, r.reason): r for r in audit}
missing = [a for a in ok if (a["inc"], a["reason"]) not in by_reason]
wrongval = [a for a in ok if (a["inc"], a["reason"]) in by_reason and json.loads(by_reason[(a["inc"], a["reason"])].new_value) not in (a["value"], {"low": a["value"], "best": a["value"], "high": a["value"]})]
acked_reasons = {(a["inc"], a["reason"]) for a in ok}
unacked = [r for r in audit if (r.incident_id, r.reason) not in acked_reasons]
vers = {}
for a in ok: vers.setdefault(a["inc"], []).append(a["version"])
dupver = {k: v for k, v in vers.items() if len(v) != len(set(v))}
per_inc = {}
for r in audit: per_inc.setdefault(r.incident_id, []).append(r)
base = sys.argv[3].rstrip("/")
bad_state = []
for inc, rows in per_inc.items():
    d = json.load(urllib.request.urlopen(f"{base}/api/incidents/{inc}"))
    cur = d["killed"]["civilians"]["best"]; last = json.loads(rows[-1].new_value)
    lastv = last["best"] if isinstance(last, dict) else last
    if cur != lastv or d["version"] != rows[-1].seq or len(d["history"]) < len(rows) or ncorr.get(inc) != (1, lastv):
        bad_state.append((inc, cur, lastv, d["version"], rows[-1].seq, len(rows), len(d["history"]), ncorr.get(inc)))
print(f"acked 200: {len(ok)}; audit correct rows: {len(audit)}; acked but missing: {len(missing)}; wrong value: {len(wrongval)}; "
      f"stored but not acked (in flight at the kill): {len(unacked)}; incidents with two acks of one version: {len(dupver)}; "
      f"incidents whose value/version/history/n_corrections disagree with the audit: {len(bad_state)}")
for b in bad_state[:5]: print(" ", b)
