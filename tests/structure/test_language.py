"""Non-English articles through :func:`wirewatch.extract`: stored with their language, a warning,
and no attribution (the English models would invent speakers)."""

from __future__ import annotations

import pytest

import wirewatch
from wirewatch.config import Settings

GERMAN = (
    "Stadtrat beschließt neuen Radweg\n\n"
    "HAMBURG (dpa) - Der Stadtrat von Hamburg hat am Dienstag den Bau eines neuen Radwegs entlang der Elbe "
    "beschlossen. Die Arbeiten sollen im Frühjahr beginnen und rund zwei Jahre dauern.\n\n"
    '"Wir wollen, dass mehr Menschen sicher mit dem Fahrrad zur Arbeit fahren können", sagte die '
    "Verkehrssenatorin nach der Sitzung. Die Opposition kritisierte die hohen Kosten des Projekts.\n"
)

SPANISH = (
    "El ayuntamiento aprueba un nuevo parque\n\n"
    "MADRID — El ayuntamiento de Madrid aprobó el martes la construcción de un nuevo parque en el barrio "
    "de Vallecas. Las obras empezarán en primavera y durarán unos dos años.\n\n"
    '"Queremos que los vecinos tengan más espacios verdes cerca de casa", dijo la alcaldesa después de '
    "la reunión. La oposición criticó el alto coste del proyecto.\n"
)


@pytest.mark.parametrize(("text", "lang", "place"), [(GERMAN, "de", "Hamburg"), (SPANISH, "es", "Madrid")])
def test_non_english_article_keeps_its_language_and_warns(text: str, lang: str, place: str) -> None:
    article = wirewatch.extract(text, "2024-03-05", settings=Settings.load())
    record = article.to_dict()
    assert record["language"] == lang
    assert any(f"language is {lang!r}" in w for w in record["warnings"])
    assert record["quotes"] == [] and record["entities"] == []
    # The structure stage is language-blind: headline and dateline are still found.
    assert record["headline"]["text"] == text.split("\n", 1)[0]
    assert record["dateline"]["place"] == place


GERMAN_PAGE = """<!DOCTYPE html><html lang="de"><head>
<title>Hafen Grauhaven bekommt neue Fähre | Beispiel Zeitung</title>
<meta property="og:title" content="Hafen Grauhaven bekommt neue Fähre">
<meta property="og:site_name" content="Beispiel Zeitung">
<meta name="author" content="Anna Berger">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
</head><body><article><h1>Hafen Grauhaven bekommt neue Fähre</h1>
<p>Der Hafen von Grauhaven bekommt im Sommer eine neue Fähre, teilte die Reederei am Dienstag mit. Das Schiff soll
bis zu vierhundert Fahrgäste befördern und die alte Fähre ersetzen, die seit dreißig Jahren fährt.</p>
<p>„Wir freuen uns auf die neue Verbindung“, sagte der Bürgermeister bei der Vorstellung der Pläne im Rathaus.
Die Kosten von zwölf Millionen Euro teilen sich das Land und die Stadt.</p>
</article></body></html>"""


def test_non_english_page_keeps_title_date_byline_and_body() -> None:
    from wirewatch.ingest.html import html_document
    from wirewatch.models import RawDocument
    from wirewatch.pipeline import extract_document

    settings = Settings.load()
    doc = html_document("hafen.html", GERMAN_PAGE.encode(), settings)
    assert isinstance(doc, RawDocument), doc
    record = extract_document(doc, settings).to_dict()
    assert record["language"] == "de"
    assert record["headline"]["text"] == "Hafen Grauhaven bekommt neue Fähre"
    assert record["published"] == "2024-03-05"
    assert record["byline"]["authors"] == ["Anna Berger"]
    body = [p for p in record["paragraphs"] if p["kind"] in ("body", "lead")]
    assert len(body) == 2
    assert record["quotes"] == []
    assert any("attribution runs only on English" in w for w in record["warnings"])
