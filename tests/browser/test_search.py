"""Search in a real browser: the header's search box, typed into like a reader does, in headless Chromium.

Each case is (query, page language, the page that answers it, optionally a year filter): the case hits
when that page (or, where two pages answer equally well, one of them) is among the first 3 results.
The hit rate is printed at the end of the run (tests/browser/conftest.py). Indonesian cases use root
words and affixed forms on purpose: Pagefind stems each language's index with that language's
Snowball stemmer (pelatihan, melatih -> latih; pendampingan, pendamping, dampingi -> damping).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from docs_plugins.pagefind.plugin import page_years
from site_build.content.loader import CONTENT_DIR, load_content

BOTH_REGULATIONS = ("peraturan/permenperin-5-2022", "peraturan/permenperin-7-2023")
BOTH_REGULATIONS_EN = tuple(f"en/{p}" for p in BOTH_REGULATIONS)
TRAININGS_FOR_PRODUCTIVE_AGE = (  # the trainings whose participants must be of productive age
    "kegiatan/pelatihan-manajemen-wirausaha",
    "kegiatan/pelatihan-teknis-produksi",
    "kegiatan/pelatihan-dokumentasi-ekspor",
)


@dataclass(frozen=True)
class Case:
    query: str
    lang: str
    expected: str | tuple[str, ...]  # site path(s) without slashes, "en/..." for English pages
    year: str | None = None  # tick this year in the filter before reading the results

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.expected,) if isinstance(self.expected, str) else self.expected

    def __str__(self) -> str:
        return f"{self.lang}:{self.query}" + (f"[{self.year}]" if self.year else "")


ACTIVITY_PAGES = tuple(f"kegiatan/{a['id']}" for a in load_content().catalog["activities"])
CASES = [
    # Indonesian: root words, prefixes (me-, pe-, pen-, ber-), suffixes (-an, -i).
    Case("latih wirausaha", "id", "kegiatan/pelatihan-manajemen-wirausaha"),
    Case("melatih operator rumah kemasan", "id", "kegiatan/pelatihan-upt-rumah-kemasan"),
    Case("pelatihan teknis produksi", "id", "kegiatan/pelatihan-teknis-produksi"),
    Case("dampingi bahan baku", "id", "kegiatan/pendampingan-bahan-baku"),
    Case("pendamping diversifikasi produk", "id", "kegiatan/pendampingan-diversifikasi-produk"),
    Case("pendampingan kemitraan ekspor", "id", "kegiatan/pendampingan-kemitraan-ekspor"),
    Case("mengelola sentra", "id", "kegiatan/pelatihan-pengelolaan-sentra"),
    Case("sertifikat", "id", "kegiatan/sertifikasi-produk-sistem-mutu"),
    Case("sertifikasi halal", "id", "kegiatan/sertifikat-halal"),
    Case("halal", "id", "kegiatan/sertifikat-halal"),
    Case("TKDN", "id", "kegiatan/sertifikat-tkdn"),
    # An abbreviation by its expansion, and a root the stemmer does not reach (kemas: Snowball takes
    # ke- of kemasan for a prefix): the glossary's words, indexed with every page that names the term.
    Case("tingkat komponen dalam negeri", "id", "kegiatan/sertifikat-tkdn"),
    Case("kemas", "id", "kegiatan/pelatihan-upt-rumah-kemasan"),
    Case("kemasan", "id", "kegiatan/pelatihan-upt-rumah-kemasan"),
    Case("promosi ekspor", "id", "kegiatan/promosi-ekspor"),
    Case("pasar ekspor", "id", "kegiatan/analisis-pasar-ekspor"),
    Case("pariwisata", "id", "kegiatan/pelatihan-komunikasi-pariwisata"),
    Case("peserta berusia produktif", "id", TRAININGS_FOR_PRODUCTIVE_AGE),
    # The activity pages' tables of rules name the honorarium rules too; they count for less in the
    # index than the regulations' provisions on costs (data-pagefind-weight), which come first.
    Case("honorarium narasumber", "id", BOTH_REGULATIONS),
    Case("rencana anggaran biaya", "id", ("glosarium", *BOTH_REGULATIONS)),
    # The reports page lays out the semester report the regulation prints, with its deadline.
    Case("laporan semester", "id", ("laporan", "glosarium", *BOTH_REGULATIONS)),
    Case("pelaporan", "id", BOTH_REGULATIONS),
    Case("batas waktu laporan", "id", ("batas-waktu", *BOTH_REGULATIONS)),
    Case("koreksi OCR", "id", "sumber"),
    # Questions visitors ask, in their words. Facts stated at build
    # time (deadlines, criteria), numbers written with their words, English words on the Indonesian site.
    Case("31 Maret 2023", "id", "batas-waktu"),
    Case("batas waktu perubahan rencana kegiatan", "id", ("batas-waktu", *BOTH_REGULATIONS)),
    Case("laporan akhir", "id", ("batas-waktu", "glosarium", *BOTH_REGULATIONS)),
    Case("kriteria daerah penerima", "id", "kelayakan"),
    Case("12 kunjungan", "id", "kegiatan/pendampingan-bahan-baku"),
    Case("pembiayaan yang tidak diperbolehkan", "id", BOTH_REGULATIONS),
    Case("honorarium panitia", "id", ("perubahan", "peraturan/permenperin-7-2023")),
    Case("pengadaan mesin aset", "id", BOTH_REGULATIONS),
    Case("diundangkan", "id", ("glosarium", *BOTH_REGULATIONS)),
    Case("Berita Negara", "id", BOTH_REGULATIONS),
    Case("semester report", "id", ("batas-waktu", "glosarium", *BOTH_REGULATIONS)),
    Case("packaging house", "id", "kegiatan/pelatihan-upt-rumah-kemasan"),
    Case("akun premium marketplace", "id", "kegiatan/promosi-ekspor"),
    Case("layanan proses bisnis", "id", "kegiatan/layanan-proses-bisnis"),
    Case("studi banding", "id", "kegiatan/pelatihan-teknis-produksi"),
    Case("jam pelajaran", "id", ("glosarium", *TRAININGS_FOR_PRODUCTIVE_AGE)),
    Case("komunikasi publik pariwisata", "id", "kegiatan/pelatihan-komunikasi-pariwisata"),
    Case("analisis pasar ekspor", "id", "kegiatan/analisis-pasar-ekspor"),
    Case("diversifikasi produk", "id", "kegiatan/pendampingan-diversifikasi-produk"),
    Case("pelatihan prosedur ekspor", "id", "kegiatan/pelatihan-dokumentasi-ekspor"),
    Case("tenaga pendamping", "id", ("glosarium", *ACTIVITY_PAGES)),
    # English, on /en/: English stemming (mentors -> mentor, exporting -> export).
    Case("entrepreneurship training", "en", "en/kegiatan/pelatihan-manajemen-wirausaha"),
    Case("technical production training", "en", "en/kegiatan/pelatihan-teknis-produksi"),
    Case("mentoring raw materials", "en", "en/kegiatan/pendampingan-bahan-baku"),
    Case("mentors product diversification", "en", "en/kegiatan/pendampingan-diversifikasi-produk"),
    Case("export promotion", "en", "en/kegiatan/promosi-ekspor"),
    Case("exporting documents", "en", "en/kegiatan/pelatihan-dokumentasi-ekspor"),
    Case("halal certificate", "en", "en/kegiatan/sertifikat-halal"),
    Case("quality system certification", "en", "en/kegiatan/sertifikasi-produk-sistem-mutu"),
    Case("TKDN", "en", "en/kegiatan/sertifikat-tkdn"),
    Case("packaging", "en", "en/kegiatan/pelatihan-upt-rumah-kemasan"),
    Case("tourism", "en", "en/kegiatan/pelatihan-komunikasi-pariwisata"),
    Case("participants of productive age", "en", tuple(f"en/{p}" for p in TRAININGS_FOR_PRODUCTIVE_AGE)),
    Case("budget plan", "en", ("en/glosarium", *BOTH_REGULATIONS_EN)),
    Case("report deadline", "en", ("en/batas-waktu", *BOTH_REGULATIONS_EN)),
    # Questions visitors asked, on /en/: Indonesian legal terms typed on the English site find the
    # pages that use them (the glossary's words), numbers written with their words found by the digit.
    Case("31 March 2023", "en", "en/batas-waktu"),
    # The sources page states both promulgation dates and gazette numbers: as right an answer as the
    # glossary's meaning or the regulations' closing words.
    Case("diundangkan", "en", ("en/glosarium", "en/sumber", *BOTH_REGULATIONS_EN)),
    Case("ditetapkan", "en", ("en/glosarium", *BOTH_REGULATIONS_EN)),
    Case("laporan semester", "en", ("en/laporan", "en/batas-waktu", "en/glosarium", *BOTH_REGULATIONS_EN)),
    Case("rencana kegiatan", "en", ("en/batas-waktu", "en/glosarium", *BOTH_REGULATIONS_EN)),
    Case("pendamping", "en", ("en/glosarium", *(f"en/{p}" for p in ACTIVITY_PAGES))),
    Case("12 visits", "en", "en/kegiatan/pendampingan-bahan-baku"),
    Case("tingkat komponen dalam negeri", "en", "en/kegiatan/sertifikat-tkdn"),
    Case("local content", "en", "en/kegiatan/sertifikat-tkdn"),
    Case("recipient criteria", "en", "en/kelayakan"),
    Case("State Gazette", "en", BOTH_REGULATIONS_EN),
    Case("final report deadline", "en", "en/batas-waktu"),
    Case("plan change deadline", "en", "en/batas-waktu"),
    Case("packaging house", "en", "en/kegiatan/pelatihan-upt-rumah-kemasan"),
    Case("kemasan", "en", "en/kegiatan/pelatihan-upt-rumah-kemasan"),
    Case("business process services", "en", "en/kegiatan/layanan-proses-bisnis"),
    Case("study visit", "en", "en/kegiatan/pelatihan-teknis-produksi"),
    Case("premium account marketplace", "en", "en/kegiatan/promosi-ekspor"),
    Case("public communication tourism", "en", "en/kegiatan/pelatihan-komunikasi-pariwisata"),
    Case("export market analysis", "en", "en/kegiatan/analisis-pasar-ekspor"),
    Case("product diversification", "en", "en/kegiatan/pendampingan-diversifikasi-produk"),
    Case("foreign trade procedures", "en", "en/kegiatan/pelatihan-dokumentasi-ekspor"),
    Case("committee honorarium", "en", "en/peraturan/permenperin-7-2023"),
    Case("pendampingan bahan baku", "en", "en/kegiatan/pendampingan-bahan-baku"),
    Case("costs that may not be funded", "en", BOTH_REGULATIONS_EN),
    # The year filter: what applies to that year remains, the other year's regulation, sections and
    # columns do not. The reports and deadlines pages answer with their section of that year.
    Case("pelaporan", "id", ("laporan", "peraturan/permenperin-5-2022"), year="2022"),
    Case("report", "en", ("en/laporan", "en/batas-waktu", "en/peraturan/permenperin-7-2023"), year="2023"),
    Case("31 Maret 2023", "id", "batas-waktu", year="2023"),
    Case("kriteria daerah penerima", "id", "kelayakan", year="2022"),
    Case("laporan akhir", "id", ("laporan", "batas-waktu"), year="2022"),
    Case("halal", "id", "kegiatan/sertifikat-halal", year="2023"),
    Case("12 kunjungan", "id", "kegiatan/pendampingan-bahan-baku", year="2023"),
    Case("final report deadline", "en", ("en/batas-waktu", "en/laporan"), year="2022"),
    Case("recipient criteria", "en", "en/kelayakan", year="2023"),
    Case("TKDN", "en", "en/kegiatan/sertifikat-tkdn", year="2023"),
    Case("packaging house", "en", "en/kegiatan/pelatihan-upt-rumah-kemasan", year="2022"),
    Case("exporting documents", "en", "en/kegiatan/pelatihan-dokumentasi-ekspor", year="2022"),
]

RESULT_LINKS = ".pagefind-ui__result-inner > .pagefind-ui__result-title a.pagefind-ui__result-link"
ALL_LINKS = "#dak-search a.pagefind-ui__result-link"  # the results' and their sections' links
# Done: a message that is not "Mencari …..."/"Searching for …...", and the first results have loaded.
SEARCH_DONE = """() => {
  const message = document.querySelector("#dak-search .pagefind-ui__message");
  if (!message || message.textContent.trim().endsWith("...")) return false;
  const results = [...document.querySelectorAll("#dak-search .pagefind-ui__result")].slice(0, 3);
  return results.every((r) => r.querySelector("a.pagefind-ui__result-link"));
}"""


def home(served, lang: str) -> str:
    return served.url("" if lang == "id" else f"{lang}/")


def search(page, query: str) -> None:
    field = page.locator("#dak-search input.pagefind-ui__search-input")
    field.click()
    field.fill(query)
    page.wait_for_function(SEARCH_DONE)


def result_links(page, served, selector: str = RESULT_LINKS) -> list[str]:
    """The results' links, in order, as site paths with their anchors ("batas-waktu/#tahun-2022")."""
    links = []
    for href in page.locator(selector).evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert href.startswith(served.sub_path), f"result {href} is not under the sub-path {served.sub_path}"
        links.append(href[len(served.sub_path) :])
    return links


def result_paths(page, served) -> list[str]:
    """The pages of the results shown, in order, as site paths ("en/kegiatan/promosi-ekspor")."""
    return [link.split("#")[0].strip("/") for link in result_links(page, served)]


def year_filter(lang: str) -> str:
    return "tahun" if lang == "id" else "year"


def tick_year(page, name: str, year: str) -> None:
    """Tick (or untick) a year and wait for the results it gives."""
    before = page.locator("#dak-search .pagefind-ui__message").text_content()
    page.locator(f"#dak-search label[for='{name}-{year}']").click()
    page.wait_for_function(
        "(before) => document.querySelector('#dak-search .pagefind-ui__message').textContent !== before",
        arg=before,
    )
    page.wait_for_function(SEARCH_DONE)


YEARS = tuple(
    str(year) for year in sorted({int(y) for a in load_content().catalog["activities"] for y in a["number"]})
)
ONE_YEAR_PAGES = {  # pages of one year only: a regulation, an activity of one year
    path: str(years[0]) for path, years in page_years(CONTENT_DIR).items() if len(years) == 1
}


def other_years_in(links: list[str], year: str) -> list[str]:
    """The links among `links` that lead to another year's page or section than `year`: a regulation or
    activity of that year only, or a section anchored by that year (#tahun-2023, #kriteria-2023,
    #dak-tahun-2023)."""
    others = [y for y in YEARS if y != year]
    return [
        link
        for link in links
        if ONE_YEAR_PAGES.get(link.split("#")[0].strip("/").removeprefix("en/"), year) != year
        or any(re.search(rf"#(?:[\w-]+-)?{other}$", link) for other in others)
    ]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_query_finds_its_page_among_the_first_three(page, served, search_outcomes, case: Case):
    page.goto(home(served, case.lang))
    search(page, case.query)
    if case.year:
        tick_year(page, year_filter(case.lang), case.year)
    paths = result_paths(page, served)
    hit = any(p in case.accepted for p in paths[:3])
    search_outcomes.append((str(case), hit, paths[:3]))
    if case.year:  # nothing shown leads to another year's page or section
        assert other_years_in(result_links(page, served, ALL_LINKS), case.year) == []
    assert hit, f"{case}: expected {' or '.join(case.accepted)} among the first 3, got {paths[:3]}"


# Words of one year's text of an activity that covers both: the activity is found with that year
# ticked, and not with the other (its page carries both years; its other year's view lacks the word).
ONE_YEARS_WORDS = [
    ("id", "inacraft", "kegiatan/promosi-kemitraan", "2023"),  # the craft fair named in 2023 only
    ("en", "Inacraft", "en/kegiatan/promosi-kemitraan", "2023"),
    ("id", "logbook", "kegiatan/layanan-proses-bisnis", "2022"),  # a log book asked for in 2022 only
    ("en", "logbook", "en/kegiatan/layanan-proses-bisnis", "2022"),
]


@pytest.mark.parametrize(("lang", "query", "path", "year"), ONE_YEARS_WORDS, ids=lambda v: str(v))
def test_a_word_of_one_years_text_finds_its_page_under_that_year_only(page, served, lang, query, path, year):
    page.goto(home(served, lang))
    search(page, query)
    assert path in result_paths(page, served), "without a year, the page is found"
    name = year_filter(lang)
    tick_year(page, name, year)
    assert path in result_paths(page, served), f"the page is found under {year}"
    for other in (y for y in YEARS if y != year):
        tick_year(page, name, year)  # untick
        tick_year(page, name, other)
        assert path not in result_paths(page, served), f"{path} found under {other} by its {year} text"
        tick_year(page, name, other)
        tick_year(page, name, year)


def counts_beside_years(page, name: str) -> dict[str, int]:
    counts = {}
    for year in YEARS:
        label = page.locator(f"#dak-search label[for='{name}-{year}']").text_content()
        counts[year] = int(re.fullmatch(rf"\s*{year}\s*\((\d+)\)\s*", label).group(1))
    return counts


def results_counted(page) -> int:
    """The number in the results' message ("Ditemukan 4 hasil untuk …", "4 results for …")."""
    message = page.locator("#dak-search .pagefind-ui__message").text_content()
    found = re.search(r"(\d+)", message)
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize(
    ("lang", "query"), [("id", "laporan akhir"), ("en", "final report"), ("en", "mentor")]
)
def test_the_count_beside_a_year_is_the_number_of_results_ticking_it_shows(page, served, lang, query):
    page.goto(home(served, lang))
    search(page, query)
    name = year_filter(lang)
    counts = counts_beside_years(page, name)
    for year in YEARS:
        tick_year(page, name, year)
        assert results_counted(page) == counts[year], f"{year}: the label says {counts[year]}"
        assert counts_beside_years(page, name) == counts, "the counts stay the same whatever is ticked"
        tick_year(page, name, year)
    # Both ticked: every page that applies to either year, each once.
    for year in YEARS:
        tick_year(page, name, year)
    paths = result_paths(page, served)
    assert len(paths) == len(set(paths)) and results_counted(page) >= max(counts.values())


@pytest.mark.parametrize(
    ("lang", "query", "year", "section"),
    [
        ("id", "batas waktu laporan akhir", "2022", "batas-waktu/#tahun-2022"),
        ("en", "deadline final report", "2023", "en/batas-waktu/#tahun-2023"),
        ("id", "kriteria daerah penerima", "2023", "kelayakan/#kriteria-2023"),
        ("en", "recipient criteria", "2022", "en/kelayakan/#kriteria-2022"),
    ],
)
def test_a_years_result_leads_to_that_years_section(page, served, lang, query, year, section):
    page.goto(home(served, lang))
    search(page, query)
    tick_year(page, year_filter(lang), year)
    links = result_links(page, served)
    assert section in links, links
    assert other_years_in(result_links(page, served, ALL_LINKS), year) == []
    page.locator(RESULT_LINKS).nth(links.index(section)).click()
    page.wait_for_url(served.url(section))
    heading = page.locator(f"#{section.partition('#')[2]}")
    assert year in heading.text_content()
    assert heading.evaluate("h => h.getBoundingClientRect().top < window.innerHeight")


@pytest.mark.parametrize(
    ("lang", "placeholder", "filter_name"), [("id", "Cari", "Tahun"), ("en", "Search", "Year")]
)
def test_the_search_box_speaks_the_page_language_and_shows_the_year_filter(
    page, served, lang, placeholder, filter_name
):
    page.goto(home(served, lang))
    header = page.locator("header.md-header")
    field = header.locator("#dak-search input.pagefind-ui__search-input")
    assert field.get_attribute("placeholder") == placeholder
    search(page, "2023")
    panel = page.locator("#dak-search .pagefind-ui__filter-panel")
    assert panel.is_visible()
    assert panel.locator("summary.pagefind-ui__filter-name").text_content().strip() == filter_name
    assert panel.locator("label", has_text="2022").is_visible()
    assert panel.locator("label", has_text="2023").is_visible()


@pytest.mark.parametrize(("lang", "query"), [("id", "ekspor"), ("en", "export")])
def test_results_are_in_the_page_language_only(page, served, lang, query):
    page.goto(home(served, lang))
    search(page, query)
    paths = result_paths(page, served)
    assert paths
    if lang == "en":
        assert all(p.startswith("en/") for p in paths), paths
    else:
        assert not any(p.startswith("en/") for p in paths), paths


def test_search_loads_everything_from_the_site_itself(page, served):
    page.goto(served.url("kegiatan/promosi-ekspor/"))
    # Relative to the page (base_url), so the site can live under any sub-path.
    for src in page.locator("script[src*='pagefind']").evaluate_all("s => s.map(e => e.getAttribute('src'))"):
        assert src.startswith("../../pagefind/"), src
    served.foreign_requests.clear()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    search(page, "sertifikat")
    assert any("/pagefind/" in url for url in requests), "the search fetched nothing of its index"
    assert served.foreign_requests == [], "the search asked another origin"
    assert all(url.startswith(served.base) for url in requests), requests


def test_a_result_leads_to_its_page_and_the_panel_closes(page, served):
    page.goto(home(served, "id"))
    search(page, "TKDN")
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_url(served.url("kegiatan/sertifikat-tkdn/"))
    assert "sertifikat TKDN" in page.locator("h1").first.text_content()


def test_escape_closes_the_results(page, served):
    page.goto(home(served, "en"))
    search(page, "halal")
    drawer = page.locator("#dak-search .pagefind-ui__drawer")
    assert drawer.is_visible()
    page.keyboard.press("Escape")
    assert drawer.is_hidden()


def test_a_one_letter_word_marks_only_itself(page, served):
    """Pagefind matches each word as a prefix: 'B' marked every word starting with b. A word of one or
    two letters is dropped beside longer words, and searched exactly when alone."""
    page.goto(home(served, "id"))
    search(page, "menu B 2023")
    marked = page.locator("#dak-search .pagefind-ui__result mark").all_text_contents()
    assert marked
    words = [re.sub(r"\W", "", m.lower()) for m in marked]
    assert all("menu" in w or "2023" in w for w in words), marked
