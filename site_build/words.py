"""The short labels of the handbook's pages in both languages: one catalogue the templates read with
`t(key)` (long prose blocks per language stay in the templates). Words dak also writes (workbook
headers) come from dakcore's vocabulary, so a page and a workbook say the same thing."""

from __future__ import annotations

from typing import Any

import jinja2

from dakcore.vocabulary import WORKBOOK

PAGE_WORDS: dict[str, dict[str, str]] = {
    "what_changed": {"id": "Apa yang berubah", "en": "What changed"},
    "in": {"id": "pada", "en": "in"},
    "new_in": {"id": "Baru pada", "en": "New in"},
    "activity_not_in": {
        "id": "Rincian kegiatan ini tidak ada dalam",
        "en": "This activity does not exist in",
    },
    "no_such_activity_in": {"id": "kegiatan tidak ada pada ", "en": "no such activity in "},
    "provision": {"id": "ketentuan", "en": "provision"},
    "the_official_text": {"id": "Teks resmi", "en": "The official text"},
    "activities": {"id": "Rincian kegiatan", "en": "Activities"},
    "activity": {"id": "Kegiatan", "en": "Activity"},
    "absent": {"id": "tidak ada", "en": "absent"},
    "catalogue": {"id": "Katalog", "en": "Catalogue"},
    "menu_number": {"id": "Menu / nomor", "en": "Menu / number"},
    "provision_heading": {"id": "Ketentuan", "en": "Provision"},
    "key_facts": {"id": "Fakta kunci", "en": "Key facts"},
    "fact": {"id": "Fakta", "en": "Fact"},
    "all_activities_side_by_side": {
        "id": "Semua kegiatan berdampingan:",
        "en": "All activities side by side:",
    },
    "key_facts_of_all_activities": {"id": "Fakta kunci semua kegiatan", "en": "Key facts of all activities"},
    "field_by_field": {"id": "Bidang demi bidang", "en": "Field by field"},
    "field": {"id": "Bidang", "en": "Field"},
    "merged_into_the_row_above": {"id": "digabung dengan baris di atas", "en": "merged into the row above"},
    "absent_in": {"id": "tidak ada pada ", "en": "absent in "},
    "what_changed_word_by_word": {
        "id": "Apa yang berubah, kata demi kata",
        "en": "What changed, word by word",
    },
    "unchanged": {"id": "tidak berubah", "en": "unchanged"},
    "rules_checked": {"id": "Aturan yang diperiksa", "en": "Rules checked"},
    "rule": {"id": "Aturan", "en": "Rule"},
    "data_needed": {"id": "Data yang diperlukan", "en": "Data needed"},
    "this_activity_does_not_exist_in": {
        "id": "rincian kegiatan ini tidak ada pada ",
        "en": "this activity does not exist in ",
    },
    "check_an_entry_for_this_activity": {
        "id": "Periksa isian kegiatan ini",
        "en": "Check an entry for this activity",
    },
    "deadlines": {"id": "Batas waktu", "en": "Deadlines"},
    "deadlines_of_budget_year": {"id": "Batas waktu tahun anggaran ", "en": "Deadlines of budget year "},
    "by_the_end_of_the_month": {"id": "(paling lambat akhir bulan)", "en": "(by the end of the month)"},
    "to": {"id": "Disampaikan kepada", "en": "To"},
    "reading_note": {"id": "Catatan pembacaan", "en": "Reading note"},
    "calendar_ics": {"id": "Kalender (.ics)", "en": "Calendar (.ics)"},
    "new_activities": {"id": "Rincian kegiatan baru", "en": "New activities"},
    "none": {"id": "Tidak ada.", "en": "None."},
    "removed_activities": {"id": "Rincian kegiatan yang dihapus", "en": "Removed activities"},
    "menus_b_and_c_swap_letters": {"id": "Menu B dan C bertukar huruf", "en": "Menus B and C swap letters"},
    "activities_whose_menu_letter_changed": {
        "id": "Rincian kegiatan yang pindah huruf menu:",
        "en": "Activities whose menu letter changed:",
    },
    "changed_rule_values": {"id": "Nilai aturan yang berubah", "en": "Changed rule values"},
    "every_activity_of_both_years": {
        "id": "semua kegiatan kedua tahun",
        "en": "every activity of both years",
    },
    "obligation": {"id": "Kewajiban", "en": "Obligation"},
    "not_set": {"id": "tidak diatur", "en": "not set"},
    "recipient_region_criteria": {"id": "Kriteria daerah penerima", "en": "Recipient-region criteria"},
    "question": {"id": "Pertanyaan", "en": "Question"},
    "open_data": {"id": "Data terbuka", "en": "Open data"},
    "file": {"id": "Berkas", "en": "File"},
    "years": {"id": "Tahun", "en": "Years"},
    "size": {"id": "Ukuran", "en": "Size"},
    "json_schemas": {"id": "Skema JSON", "en": "JSON Schemas"},
    "glossary": {"id": "Glosarium", "en": "Glossary"},
    "see": {"id": "Lihat", "en": "See"},
    "recipient_region_check": {"id": "Periksa daerah penerima", "en": "Recipient-region check"},
    "criteria_of_budget_year": {"id": "Kriteria tahun anggaran ", "en": "Criteria of budget year "},
    "check_your_answers": {"id": "Periksa jawaban Anda", "en": "Check your answers"},
    "check_a_participant_list": {"id": "Periksa daftar peserta", "en": "Check a participant list"},
    "check_a_plan": {"id": "Periksa rencana kegiatan", "en": "Check a plan"},
    "element_jdih_element_name": {"id": "Unsur (nama unsur JDIH)", "en": "Element (JDIH element name)"},
    "value": {"id": "Isi", "en": "Value"},
    "type_of_regulation": {"id": "Jenis peraturan", "en": "Type of regulation"},
    "number_year": {"id": "Nomor / tahun", "en": "Number / year"},
    "issuing_body": {"id": "Lembaga pembentuk", "en": "Issuing body"},
    "enacted_signed": {"id": "Ditetapkan (ditandatangani)", "en": "Enacted (signed)"},
    "official_publication": {"id": "Publikasi resmi", "en": "Official publication"},
    "of": {"id": "Tahun", "en": "of"},
    "number": {"id": "Nomor", "en": "Number"},
    "signed_by": {"id": "Penandatangan", "en": "Signed by"},
    "field_of_law": {"id": "Bidang hukum", "en": "Field of law"},
    "language": {"id": "Bahasa", "en": "Language"},
    "permanent_identifier": {"id": "Pengenal tetap", "en": "Permanent identifier"},
    "contents": {"id": "Daftar isi", "en": "Contents"},
    "contents_open_each_chapter": {"id": "Daftar isi (buka per bab)", "en": "Contents (open each chapter)"},
    "sources_and_corrections": {"id": "Sumber dan koreksi", "en": "Sources and corrections"},
    "official_publications": {"id": "Publikasi resmi", "en": "Official publications"},
    "promulgated_on": {"id": "diundangkan", "en": "promulgated on"},
    "of_the_ministry_of_industry": {"id": "Kementerian Perindustrian", "en": "of the Ministry of Industry"},
    "corrections": {"id": "koreksi", "en": "corrections"},
    "part": {"id": "Bagian", "en": "Part"},
    "original_ocr": {"id": "Asli (OCR)", "en": "Original (OCR)"},
    "corrected": {"id": "Koreksi", "en": "Corrected"},
    "text_cut_by_the_layout_after": {
        "id": "teks terpotong tata letak setelah: ",
        "en": "text cut by the layout after: ",
    },
    "joined": {"id": "disambung", "en": "joined"},
}


@jinja2.pass_context
def t(context: Any, key: str, lang: str | None = None) -> str:
    """The label `key` in `lang`, by default the language of the page being rendered (a macro imported
    without the page's context passes its own)."""
    words = PAGE_WORDS.get(key) or WORKBOOK[key]
    return words[lang or context["lang"]]
