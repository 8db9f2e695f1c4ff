"""PATCH killed.civilians of 20 incidents in a loop from 3 threads until the server goes away; every answer
(200 with the version returned, 409, or the connection error) is appended to LOG and fsync'd:
python patch_loop.py LOG BASE_URL TOKEN_FILE"""
import json, os, sys, threading, urllib.request, urllib.error
BASE = sys.argv[2].rstrip("/"); TOKEN = open(sys.argv[3]).read().strip()
log = open(sys.argv[1], "a"); lock = threading.Lock()
ids = [i["incident_id"] for i in json.load(urllib.request.urlopen(BASE + "/api/incidents?limit=20"))["items"]]
if not ids:
    sys.exit(f"no incidents at {BASE}/api/incidents")
def req(method, path, body=None):
    r = urllib.request.Request(BASE + path, method=method, data=json.dumps(body).encode() if body else None,
                               headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=10) as resp:
        return resp.status, json.load(resp)
def worker(t):
    n = 0
    while True:
        inc = ids[(n * 3 + t) % len(ids)]; n += 1
        value = 100 + n * 10 + t
        try:
            _, cur = req("GET", "/api/incidents/" + inc)
            st, out = req("PATCH", "/api/incidents/" + inc, {"field": "killed.civilians", "value": value,
                          "reason": f"loop t{t} n{n}", "base_version": cur["version"]})
        except urllib.error.HTTPError as e:
            with lock: log.write(json.dumps({"inc": inc, "value": value, "status": e.code}) + "\n"); log.flush()
            continue
        except Exception as e:
            with lock: log.write(json.dumps({"inc": inc, "value": value, "status": "conn", "err": str(e)[:80]}) + "\n"); log.flush(); os.fsync(log.fileno())
            return
        with lock:
            log.write(json.dumps({"inc": inc, "value": value, "status": st, "version": out["version"],
                                  "reason": f"loop t{t} n{n}"}) + "\n"); log.flush(); os.fsync(log.fileno())
ts = [threading.Thread(target=worker, args=(t,)) for t in range(3)]
[t.start() for t in ts]; [t.join() for t in ts]
