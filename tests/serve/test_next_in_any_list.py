""""Next" on an incident page follows any filtered list it was opened from, in the list's own order (not only a
list filtered by a problem code), over the example reports on SQLite and PostgreSQL."""
from __future__ import annotations

from served import Running  # type: ignore[import-not-found]


def _next(server: Running, iid: str, query: str) -> str:
    r = server.client.get(f"{server.url}/incidents/{iid}/next?{query}", follow_redirects=False)
    assert r.status_code == 303, r.text
    return str(r.headers["location"])


def test_next_follows_a_list_sorted_and_filtered_otherwise_than_by_a_problem(server: Running) -> None:
    query = "killed=civilians&sort=-killed"
    attr = query.replace("&", "&amp;")   # as an HTML attribute writes it
    listed = [i["incident_id"] for i in server.get(f"/api/incidents?{query}").json()["items"]]
    assert len(listed) >= 3
    page = server.get(f"/?{query}").text
    assert f'href="/incidents/{listed[0]}?{attr}"' in page          # on main: the link dropped the list's query
    one = server.get(f"/incidents/{listed[0]}?{query}").text
    assert f'id="next-problem" href="/incidents/{listed[0]}/next?{attr}">Next in this list</a>' in one
    walked = [listed[0]]
    while (where := _next(server, walked[-1], query)).startswith("/incidents/"):
        assert where.endswith(f"?{query}")
        walked.append(where.split("?")[0].rsplit("/", 1)[1])
        assert len(walked) <= len(listed)
    assert walked == listed and where == f"/?{query}"   # in the list's order (most killed first), then the list
    assert 'id="next-problem"' not in server.get(f"/incidents/{listed[0]}").text   # not opened from a list
    assert server.client.get(f"{server.url}/incidents/{listed[0]}/next", follow_redirects=False).status_code == 400
