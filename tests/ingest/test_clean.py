"""Cleaning: HTML to text, page furniture out of the body."""
from __future__ import annotations

from warledger.ingest import body_span, clean_report, furniture_lines, html_to_text, looks_like_html
from warledger.record import Report


def test_html_blocks_become_lines_and_scripts_and_navigation_vanish() -> None:
    page = ("<html><head><style>p{}</style><script>var x=1;</script></head><body><nav>Home | World</nav>"
            "<h1>Strikes on the town</h1><p>Two civilians were killed &amp; five wounded.</p>"
            "<p>Ambulances arrived<br>later.</p><footer>© Site</footer></body></html>")
    assert looks_like_html(page)
    text = html_to_text(page)
    # block elements end a paragraph (blank line); <br> only breaks the line
    assert text.splitlines() == ["Strikes on the town", "", "Two civilians were killed & five wounded.", "",
                                 "Ambulances arrived", "later."]


def test_broken_html_still_yields_its_text() -> None:
    text = html_to_text("<div><p>Shelling on the village <b>killed 3</p></div></span><p>unclosed")
    assert "Shelling on the village killed 3" in text and "unclosed" in text


def test_plain_text_with_angle_brackets_is_not_html() -> None:
    assert not looks_like_html("Casualties < 5 according to the monitor, > 3 according to others.")


def test_body_stops_at_related_articles_and_skips_leading_embed_furniture() -> None:
    text = ("Copy link to Tweet\n\nEmbed Tweet\n\nA drone struck a car near the bridge, killing two fighters.\n\n"
            "Related Articles\n\nFive civilians killed in another town last year\n")
    start, end = body_span(text)
    assert text[start:end].strip() == "A drone struck a car near the bridge, killing two fighters."


def test_end_marker_before_any_content_does_not_empty_the_report() -> None:
    text = "Next Post\nGunmen abducted a teacher in the city.\n"
    start, end = body_span(text)
    assert "abducted a teacher" in text[start:end]


def test_furniture_lines_inside_body() -> None:
    text = "Shells hit the market.\nRetweet\n3 likes\nThe toll is 4."
    spans = furniture_lines(text)
    assert [text[a:b].strip() for a, b in spans] == ["Retweet", "3 likes"]


def test_clean_report_keeps_plain_text_unchanged_and_sets_body() -> None:
    original = "Regime artillery shelled the village.\n\nPrev Post\nOld story"
    r = clean_report(Report(id="x", text=original))
    assert r.text == original
    assert r.text[r.body[0]:r.body[1]].strip() == "Regime artillery shelled the village."
    assert r.problems == []


def test_clean_report_notes_html_it_converted() -> None:
    r = clean_report(Report(id="x", text="<html><body><p>Shells fell on the market.</p></body></html>"))
    assert r.text.strip() == "Shells fell on the market."
    assert [p.split(":")[0] for p in r.problems] == ["W-HTML-CONVERTED"]


def test_clean_report_flags_a_report_of_only_furniture() -> None:
    r = clean_report(Report(id="x", text="Embed Tweet\nRetweet\n"))
    assert any(p.startswith("W-TEXT-EMPTY:") for p in r.problems)


def test_related_headlines_between_title_and_article_are_a_sidebar_not_the_end() -> None:
    title = "Shelling kills two in a village west of Hama\n\n"
    sidebar = "Related News\n\nMan killed by gunmen in the south, May 2, 2024\n\nDrone strike hits a car, May 3, 2024\n\n"
    article = ("Two civilians were killed and four others injured when regime artillery shelled the village at dawn, "
               "according to our field researchers, who documented the damage to several homes and the local school "
               "building that was hit by at least three shells.\n\n")
    text = title + sidebar + article + "Related News\n\nOlder story one\n"
    start, end = body_span(text)
    assert text[start:end] == title + sidebar + article
    skipped = "".join(text[a:b] for a, b in furniture_lines(text, start, end))
    assert skipped == sidebar  # the headline list is furniture; the title and the article are not
    assert "Drone strike" not in text[start:end].replace(skipped, "")


def test_end_marker_after_a_real_article_still_ends_it() -> None:
    text = ("Regime helicopters dropped barrel bombs on the town, killing a woman and her two sons, while "
            "rescue teams searched the rubble for survivors through the night and into the following morning, "
            "and a further strike hit the road to the hospital.\n\nRelated News\n\n" + "x" * 300 + "\n")
    start, end = body_span(text)
    assert text[start:end].endswith("morning, and a further strike hit the road to the hospital.\n\n")
