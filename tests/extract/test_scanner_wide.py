"""A row that can begin with any capital then any letter (a name before "tribesmen") is left out of the scanner's
pair buckets and tried on its own; the scanner still finds what one alternation of every row finds."""
import pickle
import re

from warledger.extract import scanner as sc

ROWS = [r"(?P<a0>Shammar)",
        r"(?P<a1>(?-i:[A-Z])[\w']+\s+tribesmen)",  # wide: in every capital's pairs
        r"(?P<a2>Jabour(?:\s+(?:tribesmen|fighters))?)",
        r"(?P<a3>(?:Shaitat|Baggara)\s+clan)"]
TEXTS = ["Shammar tribesmen clashed with Jabour tribesmen and Jabour fighters near the Baggara clan.",
         "Jabour fighters; Sh tribesmen, Shaitat clan, O'Neil tribesmen, x Jabourx tribesmen",
         "no tribe here: Jabour, Shaitat, Baggara clan", "Ābu tribesmen Ölen tribesmen İdris tribesmen"]


def _reference(text: str) -> list[tuple[tuple[int, int], str]]:
    """Left to right at each word start, the match of one alternation of every row."""
    full = re.compile(sc.LEFT + "(?:" + "|".join(ROWS) + ")" + sc.RIGHT, re.IGNORECASE)
    out, pos = [], 0
    while (w := sc._STARTS.search(text, pos)) is not None:
        m = full.match(text, w.start())
        if m is not None and m.end() > w.start():
            out.append((m.span(), m.lastgroup or ""))
            pos = m.end()
        else:
            pos = w.start() + 1
    return out


def test_wide_row_out_of_the_pairs() -> None:
    tables = sc.Scanner(ROWS)._full
    assert "S" in tables.wide and "tribesmen" in tables.wide["S"].pattern
    assert "tribesmen" not in tables.pairs["Sh"].pattern  # only Shammar and the clans
    assert tables.wide_words == ("tribesmen",)


def test_same_matches_as_one_alternation() -> None:
    scanner = sc.Scanner(ROWS)
    loaded = pickle.loads(pickle.dumps(scanner))  # as a lexicon cache holds it: the patterns deferred
    for text in TEXTS:
        want = _reference(text)
        assert [(m.span(), scanner.group(m)) for m in scanner.finditer(text)] == want
        assert [(m.span(), loaded.group(m)) for m in loaded.finditer(text)] == want
    # the wide row wins where it comes first, a named row where it does
    got = [(m.group(0), scanner.group(m)) for m in scanner.finditer(TEXTS[0])]
    assert got == [("Shammar", "a0"), ("Jabour tribesmen", "a1"), ("Jabour fighters", "a2"), ("Baggara clan", "a3")]
