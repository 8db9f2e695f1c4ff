"""Fingerprint of a ledger (SQLite path or postgresql:// URL): row counts, records stored twice, records
without an incident, the tally, and hashes of the incidents' partition of reports and of their values:
python fingerprint.py LEDGER"""
import hashlib, sys, sqlalchemy as sa
url = sys.argv[1]
if "://" not in url: url = "sqlite:///" + url
e = sa.create_engine(url)
with e.connect() as c:
    n = {t: c.execute(sa.text(f"select count(*) from {t}")).scalar() for t in ("wl_reports", "wl_records", "wl_incidents", "wl_audit")}
    dup = c.execute(sa.text("select count(*) from (select report_id, ordinal from wl_records group by report_id, ordinal having count(*)>1) x")).scalar()
    orphan = c.execute(sa.text("select count(*) from wl_records r where r.kind='incident' and not exists (select 1 from wl_incidents i where i.incident_id=r.incident_id)")).scalar()
    nrep = c.execute(sa.text("select coalesce(sum(n_reports),0) from wl_incidents")).scalar()
    rows = c.execute(sa.text("select event_date, admin2, killed_civilians, injured_total, n_reports from wl_incidents")).fetchall()
    members = c.execute(sa.text("select incident_id, report_id from wl_records where kind='incident' order by report_id")).fetchall()
    killed = c.execute(sa.text("select coalesce(sum(killed_civilians),0), coalesce(sum(injured_total),0) from wl_incidents")).fetchone()
groups = {}
for inc, rep in members: groups.setdefault(inc, []).append(rep)
part = sorted(tuple(sorted(v)) for v in groups.values())
h1 = hashlib.md5(repr(part).encode()).hexdigest()[:10]
h2 = hashlib.md5(repr(sorted(tuple(map(str, r)) for r in rows)).encode()).hexdigest()[:10]
print(f"reports={n['wl_reports']} records={n['wl_records']} incidents={n['wl_incidents']} audit={n['wl_audit']} "
      f"sum_n_reports={nrep} dup_records={dup} orphan_records={orphan} killed_civ={killed[0]} injured={killed[1]} partition={h1} incidents_md5={h2}")
