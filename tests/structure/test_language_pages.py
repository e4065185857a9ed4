"""HTML pages in seven languages (every line invented): each keeps its structure (title, date,
byline, every paragraph of the main text), attribution is skipped with a warning that says so,
and no paragraph that the HTML reader extracted is set aside by English-only rules."""

from __future__ import annotations

import html

import pytest

from wirewatch.config import Settings
from wirewatch.ingest.html import html_document
from wirewatch.models import RawDocument
from wirewatch.pipeline import extract_document
from wirewatch.wordcount import count_words

# lang: (title, author, paragraphs); a paragraph without final punctuation is a subheading (<h2>)
PAGES: dict[str, tuple[str, str, list[str]]] = {
    "fr": ("Le port de Brest accueille un nouveau ferry", "Marie Dupont", [
        "Le port de Brest accueillera cet été un nouveau ferry, a annoncé mardi la compagnie maritime. "
        "Le navire pourra transporter jusqu'à quatre cents passagers.",
        "« Nous sommes très heureux de cette nouvelle liaison », a déclaré le maire lors de la présentation "
        "du projet à l'hôtel de ville.",
        "Le coût du projet, douze millions d'euros, sera partagé entre la région et la ville.",
        "Les travaux commenceront au printemps",
        "Lire aussi : la mise en service est prévue pour le mois de juillet, selon le calendrier de la compagnie.",
    ]),
    "de": ("Hafen Grauhaven bekommt neue Fähre", "Anna Berger", [
        "Der Hafen von Grauhaven bekommt im Sommer eine neue Fähre, teilte die Reederei am Dienstag mit.",
        "„Wir freuen uns auf die neue Verbindung“, sagte der Bürgermeister bei der Vorstellung der Pläne.",
        "Die Kosten von zwölf Millionen Euro teilen sich das Land und die Stadt.",
        "Mehr Fahrgäste erwartet",
        "Die Reederei rechnet mit deutlich mehr Fahrgästen als bisher, vor allem in den Sommermonaten.",
    ]),
    "es": ("El puerto de Vigo recibe un nuevo ferry", "Lucía García", [
        "El puerto de Vigo recibirá este verano un nuevo ferry, anunció el martes la naviera.",
        "«Estamos muy contentos con esta nueva línea», dijo el alcalde durante la presentación del proyecto.",
        "El coste, doce millones de euros, lo compartirán la región y la ciudad.",
    ]),
    "ru": ("В порт Мурманска придёт новый паром", "Иван Петров", [
        "В порт Мурманска летом придёт новый паром, сообщила во вторник судоходная компания.",
        "«Мы очень рады новой линии», — сказал мэр на презентации проекта в мэрии.",
        "Стоимость проекта — двенадцать миллионов рублей — разделят область и город.",
        "Работы начнутся весной",
        "Паром начнёт работу в июле, говорится в графике, опубликованном компанией.",
    ]),
    "ar": ("ميناء الإسكندرية يستقبل عبارة جديدة", "أحمد علي", [
        "يستقبل ميناء الإسكندرية هذا الصيف عبارة جديدة، بحسب ما أعلنت شركة الملاحة يوم الثلاثاء.",
        "وقال المحافظ خلال عرض المشروع: «نحن سعداء جدا بهذا الخط الجديد».",
        "وتبلغ تكلفة المشروع اثني عشر مليون جنيه، تتقاسمها المحافظة والمدينة.",
    ]),
    "zh": ("上海港迎来新渡轮", "王芳", [
        "上海港今年夏天将迎来一艘新渡轮，航运公司周二宣布。该船最多可搭载四百名乘客。",
        "美国总统唐纳德·特朗普周二表示，他将在下个月会见俄罗斯总统弗拉基米尔·普京。",
        "市长在市政厅的项目介绍会上说：“我们对这条新航线感到非常高兴。”",
        "项目费用为一千二百万元，由省和市共同承担。",
    ]),
    "ja": ("横浜港に新しいフェリー", "山田花子", [
        "横浜港に今年の夏、新しいフェリーが就航すると、海運会社が火曜日に発表した。",
        "ドナルド・トランプ米大統領は火曜日、来月ウラジーミル・プーチン露大統領と会談すると述べた。",
        "市長は市役所での説明会で「新しい航路をとてもうれしく思う」と語った。",
        "事業費は千二百万円で、県と市が負担する。",
    ]),
}  # fmt: skip


def _page(lang: str, title: str, author: str, paragraphs: list[str]) -> bytes:
    def block(p: str) -> str:
        tag = "p" if p.rstrip()[-1] in '.»”。」"' else "h2"
        return f"<{tag}>{html.escape(p)}</{tag}>"

    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | Example</title><meta property="og:title" content="{title}">
<meta name="author" content="{author}"><meta property="article:published_time" content="2024-03-05T08:00:00Z">
</head><body><nav><a href="/">Home</a> | <a href="/w">World</a></nav>
<article><h1>{title}</h1>
{"".join(block(p) for p in paragraphs)}
</article><footer>© Example</footer></body></html>""".encode()


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_non_english_page_keeps_its_structure_and_all_its_text(lang: str) -> None:
    title, author, paragraphs = PAGES[lang]
    settings = Settings.load()
    doc = html_document(f"{lang}.html", _page(lang, title, author, paragraphs), settings)
    assert isinstance(doc, RawDocument), doc
    record = extract_document(doc, settings).to_dict()
    assert record["language"] == lang
    assert record["headline"]["text"] == title
    assert record["published"] == "2024-03-05"
    assert record["byline"]["authors"] == [author]
    kept = {record["text"][p["start"] : p["end"]] for p in record["paragraphs"] if p["kind"] != "set_aside"}
    for paragraph in paragraphs:
        assert paragraph in kept, paragraph
    assert record["quotes"] == [] and record["entities"] == [] and record["events"] == []
    warning = next(w for w in record["warnings"] if w.startswith(f"language is {lang!r}"))
    assert "attribution runs only on English" in warning


WORDS = [
    ("Der Hafen bekommt eine neue Fähre", 6),
    ("В порт Мурманска придёт новый паром", 6),
    ("上海港迎来新渡轮", 4),  # eight characters, no spaces
    ("横浜港に新しいフェリー", 6),
    ("Tokyo 東京 2024", 3),
    ("", 0),
]


@pytest.mark.parametrize(("text", "n"), WORDS)
def test_count_words_in_any_script(text: str, n: int) -> None:
    assert count_words(text) == n


def test_count_words_stops_at_the_limit() -> None:
    assert count_words("one two three four five", limit=3) == 3
