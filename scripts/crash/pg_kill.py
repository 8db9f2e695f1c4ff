"""Terminate every other backend of a PostgreSQL database once its ledger holds N reports:
python pg_kill.py URL N"""
import sys, time, sqlalchemy as sa
url = sys.argv[1]
dbname = url.rsplit("/", 1)[1]
e = sa.create_engine(url, isolation_level="AUTOCOMMIT")
with e.connect() as c:
    for _ in range(600):
        time.sleep(0.3)
        try:
            n = c.execute(sa.text("select count(*) from wl_reports")).scalar()
        except Exception:
            n = 0
        if n >= int(sys.argv[2]):
            k = c.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname=:d AND pid<>pg_backend_pid()"), {"d": dbname}).fetchall()
            print(f"terminated {len(k)} backends with {n} reports stored"); break
