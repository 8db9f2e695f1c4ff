"""Arabic-script text for the extractor: normalisation with an offset map, and the Arabic lexicons.

Arabic is matched on a *normalised* copy of the text (hamza-carrying alifs -> ا, alif maqsura -> ي,
Arabic-Indic and Persian digits -> 0-9, diacritics, tatweel and the "قـ.ـصف" obfuscation dropped);
:class:`NormText` maps every normalised offset back to ``Report.text`` so evidence spans stay exact.
The lexicons live in ``warledger/data/ar_*.tsv`` and are loaded and validated once, at import.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from warledger.errors import InputError
from warledger.extract.lexicon import rows
from warledger.extract.scanner import guarded

AR = "\u0621-\u064a"  # Arabic letters (after normalisation)
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")

# removed from the normalised copy: tatweel runs (also the "ـ.ـ", "ـ*ـ" and "اعـ. ـ دمت" obfuscations), diacritics,
# zero-width marks, and a dot that cuts one letter off a word ("غار.ة", "ا.ستهدفت"; a dot between two longer
# runs of letters is a sentence end with its space missing, and stays)
_DROP = guarded(re.compile(r"\u0640[\u0640.* ]{0,6}\u0640(?: (?=[\u0621-\u064a]))?|\u0640+[.*]|[.*]\u0640+|"
                   r"(?<=[\u0621-\u064a])\.(?=[\u0621-\u064a](?![\u0621-\u064a]))|"
                   r"(?<![\u0621-\u064a][\u0621-\u064a])(?<=[\u0621-\u064a])\.(?=[\u0621-\u064a])|"
                   r"[\u0640\u064b-\u0652\u0670\u200c-\u200f\u061c]"))
_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "٠": "0", "١": "1", "٢": "2", "٣": "3",
                        "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9", "۰": "0", "۱": "1", "۲": "2",
                        "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9", "٫": ".", "،": ","})


def norm_word(s: str) -> str:
    """A lexicon entry in the normalised spelling the matcher sees."""
    return _DROP.sub("", s).translate(_TABLE).strip()


class NormText:
    """The normalised copy of ``text[start:end]`` and the way back to offsets in ``text``."""

    __slots__ = ("s", "_n", "_o", "start", "end", "content")

    def __init__(self, text: str, start: int, end: int) -> None:
        seg = text[start:end]
        self.start, self.end = start, end
        self.content: list[tuple[int, int]] = []  # normalised spans that are not page furniture (set by the reader)
        self._n: list[int] = [0]      # chunk starts in the normalised copy
        self._o: list[int] = [start]  # ... and where they start in ``text``
        drops = [(m.start(), m.end()) for m in _DROP.finditer(seg)]
        if "." in seg:
            drops = sorted(set(drops) | set(_dot_cuts(seg)))
        if not drops:
            self.s = seg.translate(_TABLE)
            return
        parts: list[str] = []
        pos = n = 0
        self._n, self._o = [], []
        for a, b in drops:
            if a < pos:
                continue  # inside a span already dropped
            if a > pos:
                self._n.append(n)
                self._o.append(start + pos)
                parts.append(seg[pos:a])
                n += a - pos
            pos = b
        self._n.append(n)
        self._o.append(start + pos)
        parts.append(seg[pos:])
        self.s = "".join(parts).translate(_TABLE)

    def orig(self, i: int) -> int:
        """Offset in ``text`` of normalised offset ``i`` (a start)."""
        k = bisect.bisect_right(self._n, i) - 1
        return self._o[k] + (i - self._n[k])

    def orig_end(self, j: int) -> int:
        """Offset in ``text`` just after normalised offset ``j - 1`` (an end)."""
        return self.orig(j - 1) + 1 if j > 0 else self.start


def mostly_arabic(text: str, start: int, end: int) -> bool:
    """True when Arabic letters outnumber Latin letters in ``text[start:end]``."""
    seg = text[start:end]
    ar = len(_ARABIC_LETTER.findall(seg))
    return ar >= 20 and ar > len(_LATIN_LETTER.findall(seg))


_ARABIC_RUN = re.compile(r"[\u0621-\u064a]{2,}(?:[^A-Za-z0-9]{1,3}[\u0621-\u064a]{2,}){4}")


def has_arabic(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` holds a run of at least five Arabic words (fast check)."""
    return _ARABIC_RUN.search(text, start, end) is not None


_Trie = dict[str, "_Trie"]  # one letter -> the rest of the words; "" marks a word's end


def _alt(words: list[str]) -> str:
    """A regex matching any of ``words`` (normalised), longest first, as a trie (one branch per letter) so
    the matcher never retries a shared prefix: much faster than a flat alternation of hundreds of words."""
    trie: _Trie = {}
    for w in {re.sub(r"\s+", " ", norm_word(w)) for w in words if w.strip()}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# ---- numbers -------------------------------------------------------------------------------------
_NUM_KINDS = ("unit", "teen", "ten", "hundred", "exact", "vague", "digit",
              "bound-above", "bound-atleast", "bound-about", "bound-atmost")
NUMWORD: dict[str, tuple[int, str]] = {}
BOUND: dict[str, str] = {}
for _f, _v, _k in rows("ar_numbers.tsv", 3):
    if _f == "form":
        continue
    if _k not in _NUM_KINDS or not _v.isdigit():
        raise InputError(f"warledger/data/ar_numbers.tsv: bad row {_f!r} {_v!r} {_k!r}; kind must be one of "
                         f"{', '.join(_NUM_KINDS)} and value a whole number; fix the file")
    if _k.startswith("bound-"):
        BOUND[re.sub(r"\s+", " ", norm_word(_f))] = _k[6:]
    elif _k != "digit":  # digits are mapped by the normalisation table
        NUMWORD[norm_word(_f)] = (int(_v), _k)

_UNITS = _alt([w for w, (_, k) in NUMWORD.items() if k == "unit"])
_TENS = _alt([w for w, (_, k) in NUMWORD.items() if k == "ten"])
_SIMPLE = _alt([w for w, (_, k) in NUMWORD.items() if k in ("exact", "ten", "hundred", "vague", "unit")])
_B = rf"(?<![{AR}])"
_E = rf"(?![{AR}])"
# a number as written: digits (also glued to a preposition, "بـ4"), "خمسة عشر", "خمسة وعشرون", "ثلاثة".  Digits
# never start inside a token: not after a Latin letter or "_" (a handle or hashtag, "@name_24" glued to the next
# element's word) nor after a clock time's colon ("2:0015": minutes, then another element's figure)
NUMBER = (rf"(?:(?<![\d._A-Za-z])(?<!\d:)(?:[وبل](?=\d))?\d{{1,5}}(?![\d/.:-]\d)|{_B}(?:و|ب)?(?:(?:{_UNITS})\s+عشرة?|(?:{_UNITS})\s+و\s*(?:{_TENS})"
          rf"|(?:{_SIMPLE})){_E})")
BOUND_RE = _alt(list(BOUND))
_WORD_SPLIT = re.compile(r"\s+")


def number_value(s: str) -> tuple[Optional[int], bool]:
    """The value of a :data:`NUMBER` match and whether it is vague ("عشرات")."""
    s = s.strip()
    digits = re.sub(r"\D", "", s)
    if digits:
        return int(digits), False
    words = [w for w in _WORD_SPLIT.split(s) if w and w != "و"]
    total = 0
    vague = False
    for i, w in enumerate(words):
        info = NUMWORD.get(w) or (NUMWORD.get(w[1:]) if i == 0 and w[:1] in "وب" else None)
        if info is None and w.startswith("و"):
            info = NUMWORD.get(w[1:])
        if info is None:
            if w in ("عشر", "عشرة"):
                total += 10
                continue
            return None, False
        total += info[0]
        vague = vague or info[1] == "vague"
    return total, vague


# ---- victim nouns and casualty verbs ----------------------------------------------------------------
_CATS = ("civilians", "persons", "children", "women", "men", "fighters", "others", "-")
VICTIM: dict[str, tuple[str, str, str]] = {}   # form -> (category, status, count)
TRIGGER: dict[str, str] = {}                  # form -> status
for _f, _c, _s, _n in rows("ar_victims.tsv", 4):
    if _f == "form":
        continue
    if _c not in _CATS or _s not in ("killed", "injured", "survived", "-") or _n not in ("1", "2", "N", "-"):
        raise InputError(f"warledger/data/ar_victims.tsv: bad row {_f!r}; category must be one of {', '.join(_CATS)}, "
                         f"status killed|injured|survived|-, count 1|2|N|-; fix the file")
    if _c == "-":
        TRIGGER[norm_word(_f)] = _s
    else:
        VICTIM[norm_word(_f)] = (_c, _s, _n)

_PREFIX = r"(?:[وف])?(?:[بك]?ال|لل|[بلك])?"  # و/ف, then بال/كال/ال, لل (ل + ال) or a bare ب/ل/ك
COUNT_RE = guarded(re.compile(
    rf"(?<![{AR}0-9])(?:و?(?P<bound>{BOUND_RE})\s+)?(?:(?P<num>{NUMBER})(?:(?<=\d)\))?\s*(?:عدد\s+)?(?:من\s+)?)?{_B}(?P<pre>{_PREFIX})(?P<noun>{_alt(list(VICTIM))})ا?{_E}"
    rf"(?:\s+(?:ال)?(?P<num2>{_UNITS}|{_TENS}|(?<=ال)\d{{1,2}}(?!\d)){_E})?(?:\s+(?P<post>علي\s+الاقل))?"))
# "40 قتيلاً وجريحاً": one figure for the killed and the injured together; a bare singular after the count
# is a second count of one ("4 إصابات وشهيد": four injured and one killed)
COMBINED_RE = re.compile(rf"\s*و\s*(?:ال)?(?:جريحا|جرحي|مصابا|مصابين|اصابات|قتيلا|قتلي|شهداء|شهيدا){_E}")
# also right after a word's final ة with no space ("من عائلة واحدةوإصابة"): no word goes on after ة
TRIGGER_RE = guarded(re.compile(rf"(?:{_B}|(?<=ة)){_PREFIX}(?P<w>{_alt(list(TRIGGER))}){_E}"))
# the same words also where a headline runs into its text with no space ("...كوبانيأصيب مواطن")
TRIGGER_GLUED_RE = guarded(re.compile(rf"{_PREFIX}(?P<w>{_alt(list(TRIGGER))}){_E}"))
AMONG_RE = guarded(re.compile(rf"{_B}(?:و|ف)?(?:من\s+)?(?:بينهم|بينهن|بينهما|منهم|منهن|منهما|بينها|منها|احدهما|احداهما|احدهم|احداهن|هم|هن|هما){_E}|\((?!\s*\d{{1,5}}\s*\))(?=[^)]{{0,60}}\))|[-–]\s+(?=بينهم|منهم)"))

# ---- events ------------------------------------------------------------------------------------------
EVENTS: list[tuple[str, str, Optional[str], int]] = []
for _p, _sub, _w, _pr in rows("ar_events.tsv", 4):
    if _p == "phrase":
        continue
    if not _pr.isdigit():
        raise InputError(f"warledger/data/ar_events.tsv: priority of {_p!r} must be a number; fix the file")
    EVENTS.append((norm_word(_p), _sub, None if _w == "-" else _w, int(_pr)))
_EVENT_INFO = {p: (s, w, pr) for p, s, w, pr in EVENTS}
EVENT_RE = guarded(re.compile(rf"{_B}{_PREFIX}(?P<w>{_alt([p for p, *_ in EVENTS])})ا?{_E}"))


def event_info(matched: str) -> tuple[str, Optional[str], int]:
    return _EVENT_INFO[re.sub(r"\s+", " ", matched)]


# ---- actors ------------------------------------------------------------------------------------------
ACTORS: dict[str, str] = {}
for _p, _name in rows("ar_actors.tsv", 2):
    if _p == "phrase":
        continue
    ACTORS[norm_word(_p)] = _name
    if norm_word(_p).startswith("ال"):
        ACTORS["ل" + norm_word(_p)[1:]] = _name  # "للنظام"
# Latin acronyms ("PKK", "pkk", "Pkk") are read in any case; Arabic letters have none
ACTOR_RE = guarded(re.compile(rf"{_B}(?:[وف])?(?:[بلك](?!ل))?(?P<w>{_alt(list(ACTORS))}){_E}", re.IGNORECASE))
_ACTORS_FOLDED = {k.casefold(): v for k, v in ACTORS.items()}


# a side named right after one of these nouns is the target, not the attacker: "على مواقع تنظيم الدولة" ...
_TARGET_WORDS = [norm_word(w) for (w,) in rows("ar_target_words.tsv", 1) if w != "word"]
# ... unless they say where the fire came from: "قصف مصدره مناطق سيطرة قسد", "من مناطق قسد"
TARGET_SIDE = re.compile(rf"(?<![{AR}])(?<!مصدره )(?<!مصدرها )(?<!من )(?<!مصدر )(?:[وف])?(?:[بل])?(?:ال)?(?:{_alt(_TARGET_WORDS)})\s+(?:تابعة\s+|التابعة\s+)?(?:ل)?"
                         rf"(?:(?:تنظيم|ميليشيا|ميليشيات|مليشيا|مليشيات|قوات|مرتزقة|فصائل|فصيل|جماعة)\s+)?$")
# the noun of an agreement (a truce, a ceasefire): the day written next to it is the agreement's (ar_agreement_words.tsv)
_AGREEMENT_WORDS = [w for (w,) in rows("ar_agreement_words.tsv", 1) if w != "word"]
AGREEMENT_RE = re.compile(rf"(?<![{AR}])(?:[وف])?(?:لل|[بل]?(?:ال)?)(?:{_alt(_AGREEMENT_WORDS)})(?![{AR}])")


def actor_name(matched: str) -> str:
    return _ACTORS_FOLDED[re.sub(r"\s+", " ", matched).casefold()]


# ---- places and months --------------------------------------------------------------------------------
GOVERNORATES: dict[str, str] = {}
MONTHS: dict[str, int] = {}
WEEKDAYS: dict[str, int] = {}
SETTLEMENTS: dict[str, str] = {}
for _k, _f, _v in rows("ar_places.tsv", 3):
    if _k == "kind":
        continue
    key = re.sub(r"\s+", " ", norm_word(_f))
    if _k == "governorate":
        GOVERNORATES[key] = _v
    elif _k == "month" and _v.isdigit() and 1 <= int(_v) <= 12:
        MONTHS[key] = int(_v)
    elif _k == "weekday" and _v.isdigit() and 0 <= int(_v) <= 6:
        WEEKDAYS[key] = int(_v)
    elif _k == "settlement":
        SETTLEMENTS[key] = _v
    else:
        raise InputError(f"warledger/data/ar_places.tsv: bad row {_k!r} {_f!r} {_v!r}; kind must be governorate, "
                         f"month (value 1-12), weekday (value 0-6) or settlement; fix the file")
GOV_ALT = _alt(list(GOVERNORATES))
GOV_RE = re.compile(rf"{_B}(?:[وف])?(?:[بل])?(?P<w>{GOV_ALT}){_E}")
MONTH_ALT = _alt(list(MONTHS))
WEEKDAY_ALT = _alt(list(WEEKDAYS))
SETTLEMENT_ALT = _alt(list(SETTLEMENTS))


# ---- a dot cutting a lexicon word in two ("التح.الف", "الق.صف", "للشهد.اء"): obfuscation of the very words
# platforms filter; a dot between two words ("الشمالي.وقال", "السورية.نت") is punctuation and stays -------------
_LEX_WORDS = frozenset(w for phrase in [*TRIGGER, *VICTIM, *(p for p, *_ in EVENTS), *ACTORS] for w in phrase.split()
                       if len(w) >= 3)
_LETTERS = "\u0621-\u063a\u0641-\u064a"  # Arabic letters without tatweel
_DOT_CUT = re.compile(rf"(?<![{_LETTERS}])([{_LETTERS}]+)\.([{_LETTERS}]+)(?![{_LETTERS}])")
_LEAD = re.compile(r"^(?:[وف]?(?:لل|[بلك])?(?:ال)?)")
_TAIL = re.compile(r"(?:هما|ها|هم|هن|ه|ات|ين|ون|ان|ا)$")


def _lexical(word: str) -> bool:
    w = norm_word(word)
    for cand in {w, _LEAD.sub("", w), _TAIL.sub("", w), _TAIL.sub("", _LEAD.sub("", w))}:
        if len(cand) >= 3 and cand in _LEX_WORDS:
            return True
    return False


def _dot_cuts(seg: str) -> list[tuple[int, int]]:
    """Spans of dots inside a lexicon word, for :class:`NormText` to drop."""
    return [(m.end(1), m.end(1) + 1) for m in _DOT_CUT.finditer(seg)
            if not (_lexical(m.group(1)) and _lexical(m.group(2))) and _lexical(m.group(1) + m.group(2))]


# ---- given names (a named victim right after a casualty noun of action) ----------------------------------
_NAMES = [n for (n,) in rows("ar_names.tsv", 1) if n != "name"]
GIVEN_NAMES = "|".join(
    [rf"{re.escape(norm_word(n[:-1]))}\s*[{AR}]+" for n in _NAMES if n.endswith("*")]
    + [_alt([n for n in _NAMES if not n.endswith("*")])])
