"""Records finished for their theatre once the report's country is settled: actor names rendered with the
country and the state forces' ACLED period, the record's country written, admin units of another country
dropped."""
from __future__ import annotations

import re
from typing import Iterable, Optional

from warledger.record import Incident, Report
from warledger.theatre.actors import is_template, name_for_day, render, undated_year
from warledger.theatre.countries import country_name

_PROTESTERS = "Protesters ({country})"
_RIOTERS = "Rioters ({country})"
_YEAR = re.compile(r"^((?:19|20)\d\d)-")


def _year(inc: Incident, report: Report) -> tuple[Optional[int], Optional[str]]:
    """The year whose ACLED periods name the record's state forces, and a problem when no date gave it: the
    record's date, else the report's publication, else the bundles' year for undated notes."""
    for when in (inc.event_date or (inc.date_range[1] if inc.date_range else None), report.published):
        m = _YEAR.match(when or "")
        if m:
            return int(m.group(1)), None
    year = undated_year()
    if year is None:
        return None, None
    return year, (f"W-ACTOR-PERIOD: neither the record nor the report gives a year; state forces take their ACLED "
                  f"period of {year}, the bundles' year for undated notes (undated_period.tsv)")


def finish_records(report: Report, records: Iterable[Incident]) -> None:
    from warledger.geocode.gazetteer import canonical_admin1

    cc = report.country
    for inc in records:
        year, undated = _year(inc, report)
        if inc.event_type == "Riots" and inc.actor1 == _PROTESTERS:
            inc.actor1 = _RIOTERS  # ACLED names those who riot "Rioters (<country>)"
        day = inc.event_date  # a state force's period follows the day when it is known, not only the year
        for attr in ("actor1", "actor2"):
            name = getattr(inc, attr)
            if is_template(name):
                out, problem = render(name, cc, year)
                if undated and out != name and "({period})" in name:
                    problem = problem or undated
                setattr(inc, attr, out)
                if problem and problem not in inc.problems:
                    inc.problems.append(problem)
            setattr(inc, attr, name_for_day(getattr(inc, attr), day))
        for attr in ("assoc_actor_1", "assoc_actor_2"):
            names = []
            for name in getattr(inc, attr):
                out, problem = render(name, cc, year) if is_template(name) else (name, None)
                out = name_for_day(out, day)
                if out and out not in names and out not in (inc.actor1, inc.actor2):
                    names.append(out)
                if problem and problem not in inc.problems:
                    inc.problems.append(problem)
            setattr(inc, attr, names)
        if cc is not None:
            p = inc.place
            if p.admin1 and canonical_admin1(p.admin1, cc) is None:
                p.admin1 = None  # extraction's hint names a unit of another country
            if p.country is None:
                p.country = country_name(cc)
