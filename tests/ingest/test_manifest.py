"""manifest.yaml and discovery: metadata found beside the files, ignore patterns, stable and unique document ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import InvalidInputError
from ingest.manifest import discover, find_manifest, load_manifest

MANIFEST = """\
documents:
  - id: sozialbericht-2024
    title: Sozialbericht der Stadt Hagen 2024
    kind: bericht
    date: 2024-06-30
    districts: [Hagen-Mitte, Haspe]
    sozialraeume: Wehringhausen/Villa Post
    topics: [armut]
    confidentiality: public
    file: berichte/sozialbericht-2024.pdf
  - id: armutsbericht-entwurf
    title: Armutsbericht (Entwurf)
    confidentiality: internal
    file: berichte/entwurf.docx
"""


def _touch(path: Path, text: str = "Inhalt") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    _touch(root / "manifest.yaml", MANIFEST)
    _touch(root / "berichte" / "sozialbericht-2024.pdf")
    _touch(root / "berichte" / "entwurf.docx")
    _touch(root / "berichte" / "Übersicht Maßnahmen 2023.PDF")
    _touch(root / "protokolle" / "haspe.md")
    _touch(root / "protokolle" / "notizen.pptx")
    _touch(root / ".git" / "config.txt")
    _touch(root / "protokolle" / ".entwurf.md")
    _touch(root / "protokolle" / "~$haspe.docx")
    return root


def test_manifest_is_found_in_the_folder_or_above(corpus):
    assert find_manifest(corpus) == corpus / "manifest.yaml"
    assert find_manifest(corpus / "berichte" / "entwurf.docx") == (corpus / "manifest.yaml").resolve()
    assert find_manifest(corpus.parent) is None


def test_manifest_entries_are_normalised(corpus):
    manifest = load_manifest(corpus / "manifest.yaml")
    entry = manifest.entry_for(corpus / "berichte" / "sozialbericht-2024.pdf")
    assert entry is not None
    assert entry["date"] == "2024-06-30"  # a YAML date becomes text
    assert entry["districts"] == ("Hagen-Mitte", "Haspe")
    assert entry["sozialraeume"] == ("Wehringhausen/Villa Post",)  # one value becomes a one-element list
    assert entry["confidentiality"] == "public"
    assert manifest.entry_for(corpus / "protokolle" / "haspe.md") is None


def test_discover_walks_folders_sorted_and_attaches_entries(corpus):
    found = discover([corpus])
    assert [item.relative_path for item in found] == [
        "berichte/entwurf.docx",
        "berichte/sozialbericht-2024.pdf",
        "berichte/Übersicht Maßnahmen 2023.PDF",
        "protokolle/haspe.md",
    ]  # hidden files, Office lock files and unsupported endings are skipped
    by_name = {item.path.name: item for item in found}
    assert by_name["entwurf.docx"].doc_id == "armutsbericht-entwurf"
    assert by_name["entwurf.docx"].manifest_entry["confidentiality"] == "internal"
    assert by_name["sozialbericht-2024.pdf"].manifest_entry["title"] == "Sozialbericht der Stadt Hagen 2024"
    assert by_name["haspe.md"].manifest_entry is None
    assert by_name["haspe.md"].doc_id == "haspe-md"
    assert by_name["Übersicht Maßnahmen 2023.PDF"].doc_id == "uebersicht-massnahmen-2023-pdf"
    assert all(item.path.is_absolute() and not item.explicit for item in found)


def test_discover_is_deterministic(corpus):
    assert discover([corpus]) == discover([corpus])


def test_a_subfolder_still_uses_the_manifest_above(corpus):
    found = discover([corpus / "berichte"])
    assert {item.doc_id for item in found} >= {"sozialbericht-2024", "armutsbericht-entwurf"}
    assert found[0].relative_path == "berichte/entwurf.docx"


def test_explicit_files_are_kept_even_when_unsupported(corpus):
    found = discover([corpus / "protokolle" / "notizen.pptx", corpus / "berichte" / "entwurf.docx"])
    assert [(item.path.name, item.explicit) for item in found] == [("notizen.pptx", True), ("entwurf.docx", True)]
    assert found[1].doc_id == "armutsbericht-entwurf"


def test_a_file_named_twice_is_discovered_once(corpus):
    found = discover([corpus / "protokolle" / "haspe.md", corpus])
    assert [item.path.name for item in found].count("haspe.md") == 1


def test_ignore_file_patterns(tmp_path):
    root = tmp_path / "ablage"
    for name in (
        "bericht.pdf",
        "archiv/alt.pdf",
        "entwuerfe/a.md",
        "daten/x.csv",
        "daten/roh/y.csv",
        "notiz.txt",
        "sub/notiz.txt",
        "sub/behalten.txt",
    ):
        _touch(root / name)
    _touch(root / ".planwissenignore", "# Kommentar\n\narchiv/\n*.csv\n!daten/x.csv\nnotiz.txt\n/entwuerfe\n")
    _touch(root / "sub" / ".planwissenignore", "!notiz.txt\n")
    found = [item.relative_path for item in discover([root])]
    assert found == ["bericht.pdf", "daten/x.csv", "sub/behalten.txt", "sub/notiz.txt"]


def test_ignore_file_of_the_manifest_folder_applies_to_subfolders(corpus):
    _touch(corpus / ".planwissenignore", "*.md\nentwurf.docx\n")
    assert [item.path.name for item in discover([corpus / "protokolle"])] == []
    assert [item.path.name for item in discover([corpus / "berichte"])] == ["sozialbericht-2024.pdf", "Übersicht Maßnahmen 2023.PDF"]


def test_an_ignored_folder_is_skipped_unless_named_explicitly(corpus):
    _touch(corpus / ".planwissenignore", "protokolle/\n")
    assert "haspe.md" not in [item.path.name for item in discover([corpus])]
    assert [item.path.name for item in discover([corpus / "protokolle"])] == ["haspe.md"]  # naming it is the user's intent


def test_clashing_ids_get_a_hash_of_their_relative_path(tmp_path):
    root = tmp_path / "ablage"
    _touch(root / "2023" / "bericht.pdf")
    _touch(root / "2024" / "bericht.pdf")
    _touch(root / "2024" / "Bericht.pdf")
    found = discover([root])
    ids = [item.doc_id for item in found]
    assert ids[0] == "bericht-pdf"
    assert len(set(ids)) == 3
    assert all(doc_id.startswith("bericht-pdf-") and len(doc_id) == len("bericht-pdf-") + 6 for doc_id in ids[1:])
    assert [item.doc_id for item in discover([root])] == ids


def test_slug_clash_with_a_manifest_id_never_renames_the_manifest_document(tmp_path):
    root = tmp_path / "ablage"
    _touch(root / "manifest.yaml", "documents:\n  - id: haspe-md\n    file: b/anders.md\n")
    _touch(root / "a" / "haspe.md")
    _touch(root / "b" / "anders.md")
    by_name = {item.path.name: item.doc_id for item in discover([root])}
    assert by_name["anders.md"] == "haspe-md"
    assert by_name["haspe.md"].startswith("haspe-md-")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("documents: [{id: a, file: a.pdf, confidentiality: intern}]", "confidentiality"),
        ("documents: [{id: a, file: a.pdf}, {id: a, file: b.pdf}]", "doppelt"),
        ("documents: [{id: a}]", "'file' fehlt"),
        ("documents: [{id: a b, file: a.pdf}]", "ungültige id"),
        ("documents: {id: a}", "Liste"),
        ("documents: [{id: a, file: a.pdf\n", "YAML"),
    ],
)
def test_a_broken_manifest_stops_with_a_clear_message(tmp_path, content, message):
    _touch(tmp_path / "manifest.yaml", content)
    _touch(tmp_path / "a.pdf")
    with pytest.raises(InvalidInputError) as caught:
        discover([tmp_path])
    assert message in caught.value.describe("de")
    assert "manifest.yaml" in caught.value.detail


def test_the_generated_corpus_manifest_loads_if_present():
    manifest = Path(__file__).resolve().parents[2] / "corpus" / "manifest.yaml"
    if not manifest.is_file():
        pytest.skip("corpus not generated")
    entries = load_manifest(manifest).entries
    assert entries and all(entry.get("id") and entry.get("file") for entry in entries.values())
