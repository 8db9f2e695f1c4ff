"""Name normalisation aware of how Arabic place names are written in Latin letters.

Two keys are derived from a name:

* :func:`fold` – lower case, accents and hamza/ayn marks removed, Arabic script transliterated,
  articles (al-, el-, ad-, ash-, as-, ar- …) dropped: ``"Ma'arrat al-Nu'man" -> "maarrat numan"``.
  Used to compare candidate names finely.
* :func:`skeleton` – the consonant skeleton of :func:`fold` with spelling families merged
  (q/k, gh/g, kh/k, sh/s, ou/oo/u, doubled letters, vowels and w/y dropped, a final vowel+h dropped):
  ``Maarrat / Maarat / Maaret / Ma`arrat -> "mrt"``, ``Jabbala / Jbala -> "jbl"``,
  ``Jisr al-Shughur / Jisr-Ash-Shugur -> "jsrsgr"``.  Arabic script written without short vowels
  lands on the same skeleton, so ``جسر الشغور`` finds ``Jisr ash Shughur`` too.  Used as the index key.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

# Arabic letters -> Latin, chosen so the consonant skeleton matches common transliterations.
_AR = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ى": "a",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "u", "ي": "i",
    "ة": "@",  # ta marbuta: "t" inside a construct ("Ma'arrat al-..."), silent at the end of a name
    "ی": "i", "ک": "k", "پ": "p", "چ": "ch", "گ": "g",
    "،": ",", "؛": ";", "؟": "?", "ـ": "",
}
_AR_DIGITS = {chr(0x660 + i): str(i) for i in range(10)}
_AR_TABLE = str.maketrans({**_AR, **_AR_DIGITS})
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_HARAKAT = re.compile(r"[\u064b-\u065f\u0670\u06d6-\u06ed\u200c-\u200f\u202a-\u202e\u2066-\u2069]")

_MARKS = re.compile(r"[`'’‘ʿʾʼ´\"“”]")
_NONALNUM = re.compile(r"[^a-z0-9@]+")
# Articles, written separately or hyphenated: al-Bab, el Bab, ash-Shaykh, Deir ez-Zor, Abu l-...
_ARTICLES = frozenset("al el il ul ad ed ar er as es ash esh at et az ez an en ath adh dh l".split())
# An article fused to the next word by a hyphen or apostrophe is split above; "Alsahara" stays whole.

_FUSED = re.compile(r"^[ae]l\w{3,}")
_DIGRAPHS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("dj", "j"), ("tch", "s"), ("ch", "s"), ("sh", "s"),
             ("kh", "k"), ("gh", "g"), ("th", "t"), ("dh", "d"), ("ph", "f"))
_CONSONANT_MAP = str.maketrans({"q": "k", "c": "k", "p": "b", "v": "f", "x": "k", "@": "t"})
_VOWELS = re.compile(r"[aeiouwy]+")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"([aeiouy])h\b")


def transliterate(text: str) -> str:
    """Arabic script -> rough Latin letters (short vowels are not written and stay absent)."""
    if not _ARABIC.search(text):
        return text
    text = _HARAKAT.sub("", text)
    # the article ال at the start of a word
    text = re.sub(r"(^|[\s\-])(?:ال|وال|بال)(?=\w)", r"\1al-", text)
    return text.translate(_AR_TABLE)


def strip_marks(text: str) -> str:
    """Accents, hamza/ayn marks and apostrophes removed; lower case; Arabic transliterated."""
    text = transliterate(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _MARKS.sub("", text.lower())
    return text


@lru_cache(maxsize=100_000)
def tokens(text: str) -> tuple[str, ...]:
    """Folded words of a name, articles dropped (``"Jisr-Ash-Shugur" -> ("jisr", "shugur")``)."""
    words = _NONALNUM.sub(" ", strip_marks(text)).split()
    kept = tuple(w for w in words if w not in _ARTICLES)
    return kept or tuple(words)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case, accent-free, article-free form: ``"Ma'arrat al-Nu'man" -> "maarrat numan"``."""
    return " ".join(tokens(text)).replace("@", "")


def _word_skeleton(word: str) -> str:
    if word.endswith("@"):
        word = word[:-1]  # ta marbuta at the end of a word is silent
    word = _FINAL_H.sub(r"\1", word)
    for a, b in _DIGRAPHS:
        if a in word:
            word = word.replace(a, b)
    word = word.translate(_CONSONANT_MAP)
    word = _VOWELS.sub("", word)
    return _DOUBLE.sub(r"\1", word)


@lru_cache(maxsize=200_000)
def skeleton(text: str) -> str:
    """Consonant skeleton used as the index key (see the module docstring)."""
    words = tokens(text)
    # a ta marbuta only sounds (t) when another word follows: معرة النعمان -> Ma'arrat al-Nu'man
    out = [_word_skeleton(w.replace("@", "t") if i < len(words) - 1 else w) for i, w in enumerate(words)]
    return _DOUBLE.sub(r"\1", "".join(out))


@lru_cache(maxsize=200_000)
def skeleton_variants(text: str) -> tuple[str, ...]:
    """The skeleton plus variants for an article fused to the word (``Alsahara``, ``Albab``)."""
    sk = skeleton(text)
    out = [sk] if sk else []
    words = tokens(text)
    fused = tuple(w[2:] if _FUSED.match(w) and (i > 0 or w[2] not in "aeiou") else w
                  for i, w in enumerate(words))
    if fused != words:
        alt = skeleton(" ".join(fused))
        if alt and alt not in out:
            out.append(alt)
    return tuple(out)


_QUALIFIERS = frozenset(
    "eastern western northern southern upper lower big little great greater small new old kabir kabira kbir "
    "kebir kabire saghir saghira sghir zghir sharqi sharqiyah sharqiya gharbi gharbiyah gharbiya shamali "
    "shamaliyah janubi janoubi janubiyah fawqani foqani fouqani tahtani tahtany jadid jadida qadim qadima "
    "jorin jerin jarin zhorin sagheera sagheer saghirah sghira kabirah kbira kebira kbire sagheere saghire "
    "sghire kabeer kabeera kabeere".split())  # the last: Kurdish upper / lower


_QUALIFIER_CLASS = {
    **dict.fromkeys("big great greater kabir kabira kbir kebir kabire kabirah kbira kebira kbire kabeer kabeera "
                    "kabeere".split(), "big"),
    **dict.fromkeys("little small saghir saghira sghir zghir sagheera sagheer saghirah sghira sagheere saghire "
                    "sghire".split(), "small"),
    **dict.fromkeys("upper fawqani foqani fouqani jorin zhorin".split(), "upper"),
    **dict.fromkeys("lower tahtani tahtany jerin jarin".split(), "lower"),
    **dict.fromkeys("eastern sharqi sharqiyah sharqiya".split(), "east"),
    **dict.fromkeys("western gharbi gharbiyah gharbiya".split(), "west"),
    **dict.fromkeys("northern shamali shamaliyah".split(), "north"),
    **dict.fromkeys("southern janubi janoubi janubiyah".split(), "south"),
    **dict.fromkeys("new jadid jadida".split(), "new"),
    **dict.fromkeys("old qadim qadima".split(), "old"),
}


def qualifier_class(name: str) -> Optional[str]:
    """What a name's qualifier means in any language: "Fikh Kabirah" and "Big Fikha" -> "big"."""
    words = name.split()
    if len(words) < 2:
        return None
    return _QUALIFIER_CLASS.get(fold(words[0])) or _QUALIFIER_CLASS.get(fold(words[-1]))


def base_name(name: str) -> Optional[str]:
    """A name without its leading or trailing qualifier ("Upper Baqras" -> "Baqras", "Tokhar Kabir" ->
    "Tokhar"), or None when it has none."""
    words = name.split()
    if len(words) < 2:
        return None
    if fold(words[0]) in _QUALIFIERS:
        rest = words[1:]
    elif fold(words[-1]) in _QUALIFIERS:
        rest = words[:-1]
    else:
        return None
    out = " ".join(rest)
    return out if len(fold(out).replace(" ", "")) >= 3 else None


_LOOSE_VOWELS = str.maketrans({"e": "i", "y": "i", "o": "u", "w": "u"})


@lru_cache(maxsize=200_000)
def loose(folded: str) -> str:
    """A folded name with spelling families merged but vowels kept: ``Sayda`` and ``Saida`` -> ``saida``."""
    w = _FINAL_H.sub(r"\1", folded.replace(" ", ""))
    for a, b in _DIGRAPHS:
        if a in w:
            w = w.replace(a, b)
    w = w.translate(_CONSONANT_MAP).translate(_LOOSE_VOWELS)
    return _DOUBLE.sub(r"\1", w)


@lru_cache(maxsize=500_000)
def similarity(a: str, b: str) -> float:
    """0..1 closeness of two folded names (2 x longest common subsequence / total length, on their
    :func:`loose` forms)."""
    la, lb = loose(a), loose(b)
    if la == lb:
        return 1.0
    if not la or not lb:
        return 0.0
    return 2 * lcs_length(la, lb) / (len(la) + len(lb))


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence (bit-parallel, Allison-Dix / Hyyrö)."""
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


def deletions(key: str) -> set[str]:
    """The key with one letter removed, each way (for edit-distance-1 lookups)."""
    return {key[:i] + key[i + 1:] for i in range(len(key))}


_WORD_GAPS = re.compile(r"[\s-]+")
MIN_ENDING = 4  # a spelling this long (its loose form) may be the ending of a town's own name


def ends_name(main: str, q: str) -> bool:
    """Whether ``q`` (folded, no blanks) spells a town whose own name is ``main`` (folded): the name or its last words
    ("Nahiyat ash Shinafiyah", "Al-Kut"), loosely spelt, a last word "city" left out ("Calbayog City"); not a name
    that merely ends in the same sounds ("Auch" and "Oshkosh" are no town "Osh")."""
    words = _WORD_GAPS.split(main.strip())
    if len(words) > 1 and words[-1] == "city":
        words.pop()
    target = loose(_WORD_GAPS.sub("", q))
    # or the name's ending where the text's spelling is long enough not to end many names and holds the whole last
    # word ("bukamal", folded from "Al-Bukamal", ends "Albu Kamal", its article fused with the name; "Lima" is no
    # name of "Palima")
    return any(loose("".join(words[i:])) == target for i in range(len(words))) or \
        (len(target) >= MIN_ENDING and len(target) > len(loose(words[-1])) and loose(main).endswith(target))
