"""Server-side evidence highlighting: each mark's text is exactly the report's words at its offsets, report
markup is only ever text, and offsets count code points (emoji and Arabic do not shift them)."""
from __future__ import annotations

from html.parser import HTMLParser

from warledger.serve.highlight import highlight


class Marks(HTMLParser):
    """The text inside each <mark> (nested marks included) and the text of the whole fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[dict] = []
        self.marks: list[dict] = []
        self.text = ""
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag == "mark":
            self.open.append(dict(attrs, text=""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.marks.append(self.open.pop())

    def handle_data(self, data: str) -> None:
        self.text += data
        for m in self.open:
            m["text"] += data


def parse(fragment: str) -> Marks:
    p = Marks()
    p.feed(fragment)
    return p


def test_marks_hold_the_words_at_their_offsets_nested_and_shared() -> None:
    text = "Warplanes killed 6 civilians including 2 women in Qaryat al-Nakhil on Monday."
    spans = [{"field": "killed.civilians", "start": 17, "end": 46}, {"field": "killed.women", "start": 39, "end": 46},
             {"field": "location", "start": 50, "end": 66}, {"field": "weapon", "start": 0, "end": 9},
             {"field": "sub_event_type", "start": 0, "end": 9}]
    p = parse(highlight(text, spans))
    assert p.text == text
    got = {(int(m["data-start"]), int(m["data-end"])): m for m in p.marks}
    assert set(got) == {(17, 46), (39, 46), (50, 66), (0, 9)}
    for (s, e), m in got.items():
        assert m["text"] == text[s:e]
    assert got[(0, 9)]["data-fields"] == "weapon sub_event_type"


def test_report_markup_is_text_not_html() -> None:
    text = 'Shelling hit <script>alert(1)</script><img src=x onerror="alert(2)"> <a href="javascript:x">here</a>'
    html = highlight(text, [{"field": "weapon", "start": 0, "end": 8}])
    p = parse(html)
    assert p.tags == ["mark"] and p.text == text
    assert "<script" not in html and "&lt;script&gt;" in html


def test_offsets_are_code_points_across_emoji_and_arabic() -> None:
    text = "🔴 عاجل: قصف جوي على بلدة كفرنبل أدى إلى مقتل 3 مدنيين"
    start = text.index("كفرنبل")
    p = parse(highlight(text, [{"field": "location", "start": start, "end": start + 6}]))
    assert p.marks[0]["text"] == "كفرنبل" and p.text == text


def test_crossing_spans_are_cut_and_bad_offsets_ignored() -> None:
    text = "at least 12 people were killed and 30 wounded"
    spans = [{"field": "killed.total", "start": 0, "end": 30}, {"field": "x", "start": 20, "end": 44},
             {"field": "bad", "start": 40, "end": 400}, {"field": "bad", "start": 5, "end": 5}]
    p = parse(highlight(text, spans))
    assert p.text == text
    whole = [m for m in p.marks if "data-part" not in m]
    assert [(m["data-start"], m["text"]) for m in whole] == [("0", text[0:30])]
    parts = sorted((int(m["data-start"]), m["text"]) for m in p.marks if "data-part" in m)
    assert "".join(t for _, t in parts) == text[20:44]


def test_labelled_marks_say_whose_value_they_hold_once() -> None:
    text = "Russian warplanes killed 5 civilians in Kafr Nabl"
    spans = [{"field": "killed.civilians", "start": 25, "end": 36, "tag": "I1", "label": "I1 killed.civilians = 5"},
             {"field": "actor2", "start": 27, "end": 36, "tag": "I1", "label": "I1 actor2 = Civilians"},
             {"field": "actor1", "start": 0, "end": 7, "tag": "I1", "label": "I1 actor1 = Russia"},
             {"field": "actor1", "start": 0, "end": 7, "tag": "C2", "label": "C2 actor1 = Russia"},
             {"field": "actor1", "start": 0, "end": 7, "tag": "C3", "label": "C3 actor1 = Russia"},
             {"field": "actor1", "start": 0, "end": 7, "tag": "C4", "label": "C4 actor1 = Russia"}]
    p = parse(highlight(text, spans))
    assert p.text == text
    got = {(int(m["data-start"]), int(m["data-end"])): m for m in p.marks}
    assert got[(0, 7)]["title"] == "I1 actor1 = Russia; C2 actor1 = Russia; C3 actor1 = Russia; C4 actor1 = Russia"
    assert got[(0, 7)]["data-tags"] == "I1 C2–C4"
    assert got[(25, 36)]["data-tags"] == "I1" and "data-tags" not in got[(27, 36)]   # said by the mark around it
    assert got[(27, 36)]["title"] == "I1 actor2 = Civilians"
    # without labels, the title is the field names, as the incident page has them
    assert parse(highlight(text, [{"field": "actor1", "start": 0, "end": 7}])).marks[0]["title"] == "actor1"


def test_a_cut_span_is_reached_by_its_id_at_its_first_part() -> None:
    text = "at least 12 people were killed and 30 wounded"
    html = highlight(text, [{"field": "killed.total", "start": 0, "end": 30}, {"field": "x", "start": 20, "end": 44}],
                     prefix="r")
    p = parse(html)
    first = [m for m in p.marks if "data-part" in m and m["data-start"] == "20"]
    assert len(first) == 1 and first[0]["id"] == "r-20-44" and first[0]["text"] == text[20:30]
    assert html.count('id="r-20-44"') == 1 and 'id="r-0-30"' in html
