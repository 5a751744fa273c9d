"""Real Word footnotes for python-docx documents (part of the DOCX adapter; python-docx has no footnote API).

Word keeps footnotes in their own part, /word/footnotes.xml, related from the main document with the
footnotes relationship type and registered in [Content_Types].xml (python-docx writes the override from
the part's content type). The part holds two special notes (separator, id -1; continuation separator,
id 0) and one <w:footnote w:id="n"> per note. In the text a run styled "Footnote Reference" holds
<w:footnoteReference w:id="n"/>; Word numbers the notes itself and moves them with the text.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REF_STYLE, TEXT_STYLE = "Footnote Reference", "Footnote Text"
_SPECIAL = (
    f'<w:footnote xmlns:w="{W_NS}" w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
    f'<w:footnote xmlns:w="{W_NS}" w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
)


class Footnotes:
    """Collects footnotes while the document is written; `finish()` adds the part to the package."""

    def __init__(self, document):
        self.document = document
        self.root = etree.fromstring(f'<w:footnotes xmlns:w="{W_NS}"/>'.encode())
        for xml in _SPECIAL:
            self.root.append(etree.fromstring(xml.encode()))
        self.count = 0
        self._styles()

    def _styles(self) -> None:
        styles = self.document.styles
        names = {s.name for s in styles}
        if REF_STYLE not in names:
            ref = styles.add_style(REF_STYLE, WD_STYLE_TYPE.CHARACTER)
            ref.font.superscript = True
        if TEXT_STYLE not in names:
            text = styles.add_style(TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = styles["Normal"]
            text.font.size = Pt(8)
            text.paragraph_format.space_after = Pt(0)

    def _style_id(self, name: str) -> str:
        return self.document.styles[name].style_id

    def add(self, paragraph, text: str) -> int:
        """Append a footnote reference to the paragraph and the note with `text`; returns the note's id (1, 2, …)."""
        self.count += 1
        note_id = str(self.count)
        run = paragraph.add_run()
        run.style = self.document.styles[REF_STYLE]
        reference = run._r.makeelement(qn("w:footnoteReference"), {qn("w:id"): note_id})
        run._r.append(reference)
        self.root.append(self._note(note_id, text))
        return self.count

    def _note(self, note_id: str, text: str):
        w = f"{{{W_NS}}}"
        note = etree.SubElement(etree.Element("tmp"), f"{w}footnote", {f"{w}id": note_id})
        para = etree.SubElement(note, f"{w}p")
        ppr = etree.SubElement(para, f"{w}pPr")
        etree.SubElement(ppr, f"{w}pStyle", {f"{w}val": self._style_id(TEXT_STYLE)})
        mark = etree.SubElement(para, f"{w}r")
        etree.SubElement(etree.SubElement(mark, f"{w}rPr"), f"{w}rStyle", {f"{w}val": self._style_id(REF_STYLE)})
        etree.SubElement(mark, f"{w}footnoteRef")
        body = etree.SubElement(para, f"{w}r")
        content = etree.SubElement(body, f"{w}t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        content.text = " " + text
        return note

    def finish(self) -> None:
        """Add /word/footnotes.xml (only when a note was written) and relate it from the document part."""
        if not self.count:
            return
        document_part = self.document.part
        blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document_part.package)
        document_part.relate_to(part, RT.FOOTNOTES)
