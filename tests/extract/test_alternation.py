"""alternation.Alternation finds exactly the matches of the one big alternation it stands for (same spans, same text),
whatever the case, the script, the boundaries and the offsets."""
from __future__ import annotations

import pickle
import random
import re

import pytest

from warledger.extract.alternation import Alternation
from warledger.lexcache import dumps

NAMES = ["North Quell", "Quell", "Quellmark", "Ostrel", "Ostrel-Nord", "Brennick", "Bren", "İzmora", "Ōvania",
         "Kelvinshire", "al-Marrow", "Marrow", "زورفا", "الزورفا", "بلدة قيل", "12th Canton"]
LEFT, RIGHT = r"(?<![\w-])", r"(?![\w])"


def _alts(names: list[str]) -> list[str]:
    return sorted((re.escape(n).replace(r"\ ", r"[-\s]+").replace(r"\-", r"[-\s]?") for n in names),
                  key=len, reverse=True)


def _spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]  # type: ignore[attr-defined]


TEXTS = ["Shelling hit north-quell and QUELLMARK; Ostrel Nord was spared, ostrel-nordic too.",
         # a word's first two characters choose its alternatives: "İ" matches "i" and "I", the Kelvin sign "k",
         # the long s "s"; a blank or a mark second chooses too ("b-ren"), a letter outside ASCII second falls back to
         # the first character's
         "to izmora and IZMORA, then \u212aelvinshire and kelvin\u017fhire; O\u0304vania; qu\u0307ell; b-ren; ostrel\xa0nord",
         "From Brennick to Bren, then to İZMORA and ōvania (the Kelvinshire road), al Marrow, pre-Marrow.",
         "قصف على الزورفا وزورفا ثم بلدة قيل، والزورفاوي", "In the 12th Canton: 112th canton, Quell's outskirts.",
         "", "Quell"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_same_matches_as_the_whole_alternation(text: str) -> None:
    alt = Alternation(_alts(NAMES), LEFT, RIGHT)
    whole = re.compile(LEFT + "(?:" + "|".join(_alts(NAMES)) + ")" + RIGHT, re.IGNORECASE)
    assert _spans(alt.finditer(text)) == _spans(whole.finditer(text))
    for start in range(0, len(text), 7):
        for end in (start + 9, len(text) - 3, len(text)):
            assert _spans(alt.finditer(text, start, end)) == _spans(whole.finditer(text, start, end))
    first = whole.search(text)
    got = alt.search(text)
    assert (got.span() if got else None) == (first.span() if first else None)


def test_random_texts_of_the_names() -> None:
    rnd = random.Random(7)
    pieces = NAMES + [n.upper() for n in NAMES] + [n.lower() for n in NAMES] + [" ", "-", ", ", "x", "ال", "و", "'s "]
    alt = Alternation(_alts(NAMES), LEFT, r"(?![\w-])")
    whole = re.compile(LEFT + "(?:" + "|".join(_alts(NAMES)) + r")(?![\w-])", re.IGNORECASE)
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 12)))
        assert _spans(alt.finditer(text)) == _spans(whole.finditer(text)), text


def test_alternatives_that_may_start_with_anything_are_tried_everywhere() -> None:
    alts = [r"(?:\w+\s+)?pikemen", r"(?-i:ZPF)", r"\d+\s+lancers"]
    alt = Alternation(alts, LEFT, RIGHT)
    whole = re.compile(LEFT + "(?:" + "|".join(alts) + ")" + RIGHT, re.IGNORECASE)
    text = "Zorvan pikemen met 12 lancers; zpf and ZPF; ...pikemen"
    assert _spans(alt.finditer(text)) == _spans(whole.finditer(text))
    assert [m.group(0) for m in alt.finditer(text)] == ["Zorvan pikemen", "12 lancers", "ZPF", "pikemen"]


def test_the_first_two_characters_choose_and_the_jump_passes_over_words_none_begins() -> None:
    alt = Alternation(_alts(NAMES), LEFT, RIGHT).complete()
    assert alt._jump.search("the of was an") is None  # no name begins "th", "of", "wa" or "an"
    assert alt._jump.search("Bolt") is None and alt._jump.search("Brass") is None  # the names begin "bre"
    assert alt._jump.search("br-") is not None and alt._jump.search("bre-") is not None  # (any other third or fourth)
    assert alt._jump.search("Bread") is None and alt._jump.search("Brenda") is not None  # the names begin "bren"
    assert alt._jump.search("in the north") is not None  # "North Quell": "nor", then a match
    # "Qu" words are tried against the names that begin "qu" only (not "Ostrel", not "12th Canton")
    qu = alt._at("Qu")
    assert qu is not None and "Quellmark" in qu.pattern and "Ostrel" not in qu.pattern and "Bren" not in qu.pattern
    assert alt._at("Qu") is alt._at("qU")


def test_random_alternatives_and_texts() -> None:
    """Patterns with classes, optional parts, groups and case-sensitive parts, against texts of their pieces."""
    rnd = random.Random(11)
    atoms = ["qu", "Qu", "ell", "[-\\s]?", "[-\\s]+", "(?:al|el)[- ]", "\\d+", "(?-i:ZP)", "o?", "[a-c]", "k", "\u212a",
             "\u017f", "\u0130z", "\u0131n", "x{2,3}", "(?:th|tr)e", "w(?=\\s)", "\\w"]
    pieces = ["qu", "QU", "ell", "-", " ", "al-", "el ", "12", "ZP", "zp", "o", "b", "k", "K", "\u212a", "s", "\u017f",
              "iz", "IZ", "\u0130z", "in", "\u0131n", "xx", "xxx", "the", "tre", "w ", ",", "ü", "\xa0"]
    firsts = [a for a in atoms if not a.startswith(("[-\\s]", "\\d"))]
    for _ in range(150):
        # (not first: a class of blanks or digits, whose first characters Alternation reads as ASCII, as the
        # Scanner does; country._any_of keeps such alternatives in one pattern)
        alts = [rnd.choice(firsts) + "".join(rnd.choice(atoms) for _ in range(rnd.randrange(0, 3)))
                for _ in range(rnd.randrange(1, 8))]
        alts = [a for a in alts if re.compile(a, re.I).fullmatch("") is None] or ["quell"]
        alt = Alternation(alts, LEFT, RIGHT)
        whole = re.compile(LEFT + "(?:" + "|".join(alts) + ")" + RIGHT, re.IGNORECASE)
        for _ in range(30):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 14)))
            assert _spans(alt.finditer(text)) == _spans(whole.finditer(text)), (alts, text)


def test_a_blank_or_a_mark_after_the_first_letter_chooses_too() -> None:
    """At "a " (the article) none of the names of "a..." is tried, only one that can go on with a blank; at "al-"
    only the ones that can go on with a hyphen or a blank."""
    alt = Alternation(_alts(["Aleppo", "Amman", "A Velra", "al-Marrow", "Al Qirsh", "Ostrel"]), LEFT, RIGHT)
    assert alt._at("a ") is not None and "Velra" in alt._at("a ").pattern and "Aleppo" not in alt._at("a ").pattern
    assert alt._at("a,") is None
    text = "a Velra raid, a convoy near Aleppo; al-Marrow and AL QIRSH, a-velra"
    whole = re.compile(LEFT + "(?:" + "|".join(alt._alts) + ")" + RIGHT, re.IGNORECASE)
    assert _spans(alt.finditer(text)) == _spans(whole.finditer(text)) != []


MANY = ["Alvar", "Al Birra", "al-Cosmo", "Al Dunn", "al-Hollow", "Alhollowmere", "Al-Hareth", "Alma", "Almaren",
        "Alm Isle", "al-Kaff", "Al Kelvo", "Al-Sabri", "Alıt", "Al Izro", "al 9th Gate", "Aloe", "Al-"]


@pytest.mark.parametrize("text", TEXTS + [
    "al-hollow and Al Hollow, AL-HARETH; alma, Almaren, alm isle, al kaff, AL-KELVO, al-sabri, al-\u017fabri",
    "al\u212aelvo, al-\u212aelvo, alit, ALIT, al izro, Al 9th gate, aloe, al-, al-x, al\u00a0Dunn, Al\u2011Dunn, al\tbirra",
    "Alvar, alvarez, al-cosmos, Al-Cosmo's, al\nbirra, Al Birr, alma-ata"])
def test_a_big_pair_split_by_the_next_two_characters(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pair bucket of many names ("al...") is split by the third and fourth characters: "al-h" tries only the
    names that can go on so (and those whose first four cannot be told); the matches stay the whole pattern's."""
    from warledger.extract import alternation

    monkeypatch.setattr(alternation, "SPLIT_OVER", 4)
    alt = Alternation(_alts(MANY + NAMES), LEFT, RIGHT).complete()
    split = alt._splits["al"]
    assert split is not None and "al-h" in split[0] and "Cosmo" not in split[0]["al-h"].pattern
    assert "Hollow" in split[0]["al-h"].pattern and "Hareth" in split[0]["al-h"].pattern
    whole = re.compile(LEFT + "(?:" + "|".join(alt._alts) + ")" + RIGHT, re.IGNORECASE)
    assert _spans(alt.finditer(text)) == _spans(whole.finditer(text))
    again = pickle.loads(dumps(alt))  # as a lexicon cache stores it: its patterns deferred
    for start in range(0, len(text), 5):
        for end in (start + 3, start + 6, start + 11, len(text)):
            assert _spans(alt.finditer(text, start, end)) == _spans(whole.finditer(text, start, end))
            assert _spans(again.finditer(text, start, end)) == _spans(whole.finditer(text, start, end))


def test_a_cached_alternation_reads_a_split_pair_without_rebuilding_the_whole_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    """At "al-hollow" a cached alternation rebuilds the part of the split "al" pair that can begin "al-h", not the
    whole pair too; nor at "al\u017fabri" (the long s read as the "s" it folds with); a word the split does not tell
    apart (a blank outside ASCII, which "\\s" matches) still tries the whole pair."""
    from warledger.extract import alternation

    monkeypatch.setattr(alternation, "SPLIT_OVER", 4)
    again = pickle.loads(dumps(Alternation(_alts(MANY + NAMES), LEFT, RIGHT).complete()))
    assert [m.group(0) for m in again.finditer("an al-hollow")] == ["al-hollow"]
    assert type(again._buckets["al"]).__name__ == "Deferred"
    assert [m.group(0) for m in again.finditer("al-\u017fabri")] == ["al-\u017fabri"]
    assert type(again._buckets["al"]).__name__ == "Deferred"
    assert [m.group(0) for m in again.finditer("al\u00a0Marrow")] == ["al\u00a0Marrow"]
    assert type(again._buckets["al"]).__name__ == "Pattern"


def test_a_cached_alternation_reads_a_word_outside_ascii_without_its_whole_pattern() -> None:
    """At a word beginning with a letter neither ASCII nor Arabic ("Ōvania", "İzmora", the Kelvin sign) a cached
    alternation tries the bucket :meth:`complete` built for that letter, not its whole pattern (rebuilding a country
    list's whole pattern was 380,000 words of SRE code); the matches stay the whole pattern's."""
    alt = Alternation(_alts(NAMES), LEFT, RIGHT).complete()
    again = pickle.loads(dumps(alt))
    whole = re.compile(LEFT + "(?:" + "|".join(_alts(NAMES)) + ")" + RIGHT, re.IGNORECASE)
    text = "ōvania, Ōvania; İzmora and \u0130ZMORA; \u212aelvinshire; \u017fome; ıncir"
    assert _spans(again.finditer(text)) == _spans(whole.finditer(text)) != []
    assert type(again._whole).__name__ == "Deferred"  # never rebuilt
    bucket = again._at("Ōv")
    assert bucket is not None and "vania" in bucket.pattern and "Quell" not in bucket.pattern
    assert "zmora" in again._at("\u0130z").pattern and "Kelvinshire" in again._at("\u212ae").pattern


def test_a_cached_alternation_falls_back_to_its_whole_pattern_at_a_letter_it_has_no_bucket_for() -> None:
    alt = Alternation(["(?:ü|é)ber", "quell"], LEFT, RIGHT).complete()
    again = pickle.loads(dumps(alt))
    again._buckets.pop("ü")  # as if complete() had not built it
    assert again._at("üb") is again.pattern
    assert [m.group(0) for m in again.finditer("Über quell über")] == ["Über", "quell", "über"]


TURKISH = ["Ağrı", "Ağaçlı", "Aşkale", "Akçakale", "Asarcık", "Alanya", "Aydın", "Muş", "Mersin", "Mİlas", "Kırşehir",
           "Kilis", "Sırnak", "Sivas", "Söke", "Şile", "İzmit", "Ilgın", "Çorum"]


@pytest.mark.parametrize("text", [
    "AĞRI and Ağrı; aşkale, AŞKALE, a\u017fkale; Akçakale, A\u212açakale; asarcık, A\u017fARCIK; Aydın, aydın",
    "Muş, MUŞ, mUş; Mİlas, milas, MILAS, m\u0131las; Kırşehir, KIRŞEHİR; kilis, K\u0131lis, \u212a\u0131lis",
    "Sırnak, SIRNAK, \u017f\u0131rnak; Söke, SÖKE; Şile, şile; İzmit, izmit; Ilgın, ılgın; Çorum, çorum",
    "Ağaçlı'nın, Ağrılı, Alanyaspor, Aé, Añ, A\u0301ğrı, Mü, K\u00e9, S\u00a0ile, a\u0131, Ağ"])
def test_a_word_whose_second_character_is_outside_ascii(text: str) -> None:
    """At "Ağrı" or "Muş" (an ASCII letter, then one outside ASCII) only the names that can go on so are tried: those
    whose second letter is outside ASCII or one a letter outside ASCII folds with ("kı" is "ki"), not every name of
    the first letter (a world list's "A" bucket was 100,000 words of SRE code to rebuild for one Turkish word); the
    matches stay the whole pattern's, built in process or cached."""
    alt = Alternation(_alts(TURKISH + NAMES), LEFT, RIGHT)
    done = Alternation(_alts(TURKISH + NAMES), LEFT, RIGHT).complete()
    again = pickle.loads(dumps(done))
    whole = re.compile(LEFT + "(?:" + "|".join(alt._alts) + ")" + RIGHT, re.IGNORECASE)
    assert _spans(whole.finditer(text)) != []
    for start in range(0, len(text), 4):
        for end in (start + 2, start + 5, start + 9, len(text)):
            want = _spans(whole.finditer(text, start, end))
            assert _spans(alt.finditer(text, start, end)) == want
            assert _spans(again.finditer(text, start, end)) == want


def test_a_cached_alternation_reads_a_turkish_word_without_the_first_letters_bucket() -> None:
    again = pickle.loads(dumps(Alternation(_alts(TURKISH + NAMES), LEFT, RIGHT).complete()))
    assert [m.group(0) for m in again.finditer("Ağrı, Muş, Kırşehir")] == ["Ağrı", "Muş", "Kırşehir"]
    for letter in "amk":
        assert type(again._buckets[letter]).__name__ == "Deferred"  # never rebuilt
    got = again._at("Ağ")
    assert got is not None and "Ağrı" in got.pattern and "Akçakale" in got.pattern  # "A" then the Kelvin sign
    assert "Alanya" not in got.pattern and "Aydın" not in got.pattern
    assert again._at("Xğ") is None or "Alanya" not in again._at("Xğ").pattern


def test_random_texts_with_letters_outside_ascii_second() -> None:
    rnd = random.Random(18)
    pieces = TURKISH + [n.upper() for n in TURKISH] + [n.lower() for n in TURKISH] + [
        " ", "-", ", ", "a", "A", "ğ", "ı", "İ", "\u017f", "\u212a", "k", "s", "i", "é", "x"]
    alts = _alts(TURKISH + NAMES)
    alt = Alternation(alts, LEFT, RIGHT)
    again = pickle.loads(dumps(Alternation(alts, LEFT, RIGHT).complete()))
    whole = re.compile(LEFT + "(?:" + "|".join(alts) + ")" + RIGHT, re.IGNORECASE)
    for _ in range(400):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 10)))
        want = _spans(whole.finditer(text))
        assert _spans(alt.finditer(text)) == want, text
        assert _spans(again.finditer(text)) == want, text


def test_a_cached_alternation_loads_what_only_building_a_bucket_reads_when_it_builds_one() -> None:
    """The alternatives and their first characters (a third of loading a world list's lexicon) stay one pickle until a
    bucket is built in the process; its matches are the same, and it can be cached again."""
    alt = Alternation(_alts(TURKISH + NAMES), LEFT, RIGHT).complete()
    again = pickle.loads(dumps(alt))
    text = "Ağrı, Muş, Kırşehir; Ostrel-Nord, İzmora, الزورفا; Quell"
    assert _spans(again.finditer(text)) == _spans(alt.finditer(text)) != []
    assert "_alts" not in again.__dict__ and "_firsts" not in again.__dict__ and "_cold" in again.__dict__
    assert again._alts == alt._alts and again._firsts == alt._firsts and "_cold" not in again.__dict__
    third = pickle.loads(dumps(pickle.loads(dumps(alt))))
    assert _spans(third.finditer(text)) == _spans(alt.finditer(text)) and third._twos == alt._twos
    assert again._compiled([0]) is not None and again._compiled([0]).pattern.startswith("(?:" + alt._alts[0])


def test_a_first_letter_outside_ascii_sits_only_in_the_buckets_it_folds_to() -> None:
    """A name beginning with a letter neither ASCII nor Arabic ("Île", "Łuk") is in no ASCII letter's bucket unless the
    engine's case folds let it match that letter ("İzmora" at "i", the Kelvin sign at "k"): the buckets rebuilt from a
    cache hold no name that cannot match there; the matches stay those of the whole alternation."""
    names = ["Île Verte", "Łukowa", "İzmora", "\u212aelvin Pass", "Ivel", "Lukow", "Kelpie"]
    alt = Alternation(_alts(names), LEFT, RIGHT).complete()
    for key, holds, lacks in (("i", ["İ", "Ivel"], ["Île", "Łuk"]), ("l", ["Lukow"], ["Łuk", "Île", "İ"]),
                              ("k", ["\u212a", "Kelpie"], ["Île", "Łuk"])):
        rx = alt._bucket(key)
        assert rx is not None
        for name in holds:
            assert name in rx.pattern, (key, name)
        for name in lacks:
            assert name not in rx.pattern, (key, name)
    text = "île verte, Île Verte, ŁUKOWA, lukow, izmora, İZMORA, kelvin pass, \u212aelvin pass, Kelpie, ivel"
    whole = re.compile(LEFT + "(?:" + "|".join(_alts(names)) + ")" + RIGHT, re.IGNORECASE)
    assert _spans(alt.finditer(text)) == _spans(whole.finditer(text))
    assert _spans(pickle.loads(dumps(alt)).finditer(text)) == _spans(whole.finditer(text))
