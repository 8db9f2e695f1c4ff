"""Arabic-script reports: the perpetrator and the event type of a record (split out of
:mod:`warledger.extract.arabic`, which finds the stories, counts, dates and places).

Perpetrator: the first actor named next to an attack word in the incident's sentences, not the victims' side
("عناصر من قسد") nor a source ("المركز الإعلامي لـ..."); the regime named together with Russia is coded Russia,
the SDF with coalition support the coalition, the regime and the SDF named together as a fire's source the SDF,
factions named as backed by Turkey Turkey (each with a problem note).  Lexicons: ``warledger/data/ar_*.tsv``.
"""
from __future__ import annotations

import re
from typing import Optional

from warledger.extract.arabic_lex import AR, ACTOR_RE, EVENT_RE, TARGET_SIDE, NormText, actor_name, event_info
from warledger.extract.segment import bound_to_paragraph, paragraph_around, paragraph_pieces
from warledger.record import SUB_TO_TYPE, Incident

__all__ = ["ATTACK_NEAR", "classify_arabic"]

ATTACK_NEAR = re.compile(r"(?:قصف|هجم|هجوم|غار|طيران|طائر|مسير|مدفع|قذائف|قذيف|صاروخ|صواريخ|استهداف|استهدف|هجوم|راجم|درون|مقاتلات|حربي|احتلال)")
_SOURCE_SIDE = bound_to_paragraph(re.compile(r"(?:المركز\s+الاعلامي|الناطق\s+باسم|المتحدث\s+باسم|مصادر\s+في|مصدر\s+في|بيان|وكالة|قائد|قيادي\s+في|مسؤول\s+في)\s+$"))
_COALITION = "Global Coalition Against Daesh"
_SDF_NAMES = ("QSD: Syrian Democratic Forces", "YPG: Peoples Protection Units")
_WITH_COALITION = bound_to_paragraph(re.compile(rf"(?<![{AR}])(?:و)?(?:بدعم|بمساندة|بمشاركة|بالاشتراك\s+مع|مدعومة|مدعومين|وبدعم|وبمساندة|وبمشاركة)\s+"
                             rf"(?:من\s+)?(?:جوي\s+من\s+)?(?:قوات\s+|طيران\s+|طائرات\s+|مروحيات\s+)?(?:ال)?تحالف"))
_REGIME = "Military Forces of Syria (2000-)"
_TURKEY = "Military Forces of Turkey (2016-)"
_REBEL_NAMES = ("Opposition Rebels (Syria)", "JWS: Syrian National Army")
# "فصائل الجيش الوطني المدعومة من تركيا": factions named with the state that backs them, just after the name
_TURKEY_BACKED = bound_to_paragraph(re.compile(rf"(?<![{AR}])(?:ال)?(?:مدعومة|مدعومه|مدعوم|مدعومين|موالية|موالي|موالين)\s+"
                                               rf"(?:من\s+(?:قبل\s+)?|ل)?(?:تركيا|(?:ال)?احتلال\s+التركي|انقرة|(?:ال)?جيش\s+التركي)(?![{AR}])"))
_BACKER_REACH = 60  # characters after a faction's name in which its backer may be named
# where a shelling came from: "قصف مصدره ..." / "مصدرها ..." / "مصدر القصف ..." (the regime and the SDF named there together)
_FIRE_SOURCE = bound_to_paragraph(re.compile(rf"(?<![{AR}])(?:مصدره|مصدرها|مصدر\s+القصف|مصدر\s+القذائف)(?![{AR}])[^.\n]{{0,90}}$"))
_SOURCE_REACH = 90  # characters after the regime's name in which the SDF may be named with it
_RUSSIA = "Military Forces of Russia (2000-)"
_VICTIM_SIDE = bound_to_paragraph(re.compile(r"(?:عناصر|عنصر|عنصرين|مقاتل\w*|جنود|جندي|عسكري\w*|قيادي|قياديا)\s+(?:من\s+)?(?:في\s+)?(?:صفوف\s+)?$"))


def _joint_source_sdf(ns: str, m: re.Match[str]) -> Optional[re.Match[str]]:
    """The SDF's name when the regime's name ``m`` stands in a fire's source ("قصف مصدره مناطق سيطرة قوات النظام
    وقسد", "مصدره مواقع يسيطر عليها النظام وقسد معاً") that names the SDF too, before or just after it."""
    if _FIRE_SOURCE.search(ns, max(0, m.start() - 90), m.start()) is None:
        return None
    lo = max(ns.rfind("\n", 0, m.start()), ns.rfind(".", 0, m.start()), m.start() - 90) + 1
    stop = [x for x in (ns.find("\n", m.end()), ns.find(".", m.end())) if x >= 0]
    hi = min(stop + [m.end() + _SOURCE_REACH])
    return next((r for r in ACTOR_RE.finditer(ns, lo, hi) if actor_name(r.group("w")) in _SDF_NAMES), None)


def classify_arabic(inc: Incident, nt: NormText, text: str, spans: list[tuple[int, int]]) -> None:
    """Sub-event type, weapon and perpetrator from the incident's sentences, else the whole text."""
    ns = nt.s
    for a, b in spans + nt.content:
        best: Optional[tuple[int, int, re.Match[str]]] = None
        for m in (m for p, q in paragraph_pieces(ns, a, b) for m in EVENT_RE.finditer(ns, p, q)):  # never over a break
            pr = event_info(m.group("w"))[2]
            if best is None or pr < best[0]:
                best = (pr, m.start(), m)
        if best is not None:
            sub, weapon, _ = event_info(best[2].group("w"))
            inc.sub_event_type, inc.event_type = sub, SUB_TO_TYPE[sub]
            inc.add_evidence("sub_event_type", text, nt.orig(best[2].start("w")), nt.orig_end(best[2].end("w")), "arabic event word")
            if weapon is not None:
                inc.weapon = weapon
                inc.add_evidence("weapon", text, nt.orig(best[2].start("w")), nt.orig_end(best[2].end("w")), "arabic event word")
            break
    for a, b in spans + nt.content:
        cands = [m for p, q in paragraph_pieces(ns, a, b) for m in ACTOR_RE.finditer(ns, p, q)]  # a name ends at a break
        if not cands:
            continue
        # the victims' side ("3 عناصر من قسد") is not the perpetrator, nor the target's ("على مواقع تنظيم الدولة");
        # an attack word before or in the name marks it
        cands = [m for m in cands if not _VICTIM_SIDE.search(ns, max(0, m.start() - 14), m.start())
                 and not _SOURCE_SIDE.search(ns, max(0, m.start() - 25), m.start())
                 and not TARGET_SIDE.search(ns, max(0, m.start("w") - 25), m.start("w"))]
        if not cands:
            continue  # only the victims' or the source's side here: look wider
        near = [m for m in cands if ATTACK_NEAR.search(ns, max(paragraph_around(ns, 0, m.end(), m.start(), m.end())[0],
                                                               m.start() - 30), m.end())]
        m = (near or cands)[0]
        inc.actor1 = actor_name(m.group("w"))
        inc.add_evidence("actor1", text, nt.orig(m.start("w")), nt.orig_end(m.end("w")), "arabic actor name")
        sdf = _joint_source_sdf(ns, m) if inc.actor1 == _REGIME else None
        if sdf is not None:  # "قصف مصدره مناطق سيطرة النظام وقسد": the fire of the jointly held pocket, coded the SDF's
            inc.actor1 = actor_name(sdf.group("w"))
            inc.add_evidence("actor1", text, nt.orig(sdf.start("w")), nt.orig_end(sdf.end("w")), "arabic actor name")
            inc.problems.append("W-ACTOR-JOINT: the fire's source names the regime and the SDF together: the SDF coded as "
                                "actor1 (Airwars' coding of shelling from areas both hold)")
        elif inc.actor1 == _REGIME:
            ru = next((r for p, q in paragraph_pieces(ns, 0, len(ns)) for r in ACTOR_RE.finditer(ns, p, q)
                       if actor_name(r.group("w")) == _RUSSIA), None)
            if ru is not None:  # "طيران النظام وروسيا", "#العدوان_الروسي": the regime-Russian campaign
                inc.actor1 = _RUSSIA
                inc.add_evidence("actor1", text, nt.orig(ru.start("w")), nt.orig_end(ru.end("w")), "arabic actor name")
                inc.problems.append("W-ACTOR-JOINT: the regime and Russia are both named as attackers: Russia coded as actor1 (joint campaign)")
        elif inc.actor1 in _REBEL_NAMES and (tr := _TURKEY_BACKED.search(ns, m.end(), m.end() + _BACKER_REACH)) is not None:
            inc.actor1 = _TURKEY  # Airwars codes the fire of factions named as Turkey-backed the Turkish military's
            inc.add_evidence("actor1", text, nt.orig(tr.start()), nt.orig_end(tr.end()), "arabic actor name")
            inc.problems.append("W-ACTOR-JOINT: the factions are named as backed by Turkey: Turkey coded as actor1")
        elif inc.actor1 in _SDF_NAMES:
            co = _WITH_COALITION.search(ns)
            if co is not None:  # "نفذت قسد بمساندة طيران التحالف إنزالاً": the coalition's operation
                inc.actor1 = _COALITION
                inc.add_evidence("actor1", text, nt.orig(co.start()), nt.orig_end(co.end()), "arabic actor name")
                inc.problems.append("W-ACTOR-JOINT: the SDF acted with coalition support: the coalition coded as actor1 (joint operation)")
        break
    if inc.actor1 is not None and (inc.killed.civilians is not None or inc.injured.civilians is not None):
        inc.actor2 = "Civilians ({country})"  # the report's country is filled in when it is settled
