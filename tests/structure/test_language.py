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
