"""Real Word footnotes, which python-docx has no API for: the part, the references, the cross-references.

A brief cites each evidence span by its note number, and may cite one span
from several points. Word numbers footnotes by where their references
stand, so the first citation of a span carries the footnote itself, and
every later citation of it is a ``NOTEREF`` field to a bookmark around the
first: Word's own "cross-reference to a footnote number", in the footnote
reference style, with the number as the field's stored result. Because
``Brief.evidence()`` numbers spans in order of first citation and the DOCX
cites them in that same order, Word's numbers equal the other formats'.

The part is ``word/footnotes.xml``, holding the separator (id -1) and
continuation separator (id 0) footnotes Word expects, related from the
document part; ``settings.xml`` names the separators in ``w:footnotePr``.
"""

from __future__ import annotations

from typing import Callable

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from lxml import etree

FOOTNOTES_PARTNAME = "/word/footnotes.xml"
SEPARATOR_TYPES = ("separator", "continuationSeparator", "continuationNotice")

# Children of w:settings that come after w:footnotePr in the schema's sequence.
_SETTINGS_AFTER_FOOTNOTE_PR = tuple(
    qn(tag)
    for tag in (
        "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
        "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
        "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
        "w:smartTagType", "w:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
        "w:decimalSymbol", "w:listSeparator",
    )
)

_SEPARATORS = (
    f'<w:footnote {nsdecls("w")} w:type="separator" w:id="-1"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
    f'<w:footnote {nsdecls("w")} w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r>'
    "</w:p></w:footnote>",
)

#: Write a footnote's text into its paragraph (after the number).
FootnoteBody = Callable[[Paragraph], None]


class Footnotes:
    """Add footnotes to a document; call :meth:`cite` where a point cites its sources, then :meth:`finish`."""

    def __init__(self, document: Document, *, text_style: str, reference_style: str,
                 body: Callable[[int], FootnoteBody]) -> None:
        self._document = document
        self._text_style = text_style  # style ids, not names
        self._reference_style = reference_style
        self._body = body
        self._root = etree.Element(qn("w:footnotes"), nsmap=_namespaces())
        self._written: set[int] = set()
        self._bookmark_id = 0
        self._part = self._existing_part()
        self._existing = None if self._part is None else etree.fromstring(self._part.blob)
        # Word numbers its separators -1 and 0, LibreOffice 0 and 1: notes start after them.
        separator_ids = [-1, 0] if self._existing is None else [
            int(f.get(qn("w:id"))) for f in self._existing.findall(qn("w:footnote"))
            if f.get(qn("w:type")) in SEPARATOR_TYPES
        ]
        self._first_id = max(separator_ids, default=0) + 1

    def cite(self, paragraph: Paragraph, numbers: tuple[int, ...]) -> None:
        """Append the note markers for ``numbers`` to ``paragraph``, separated by superscript commas."""
        for i, number in enumerate(numbers):
            if i:
                self._append(paragraph, self._styled_run(text=","))
            if number in self._written:
                self._cross_reference(paragraph, number)
            else:
                self._footnote(paragraph, number)

    def finish(self) -> None:
        """Write the footnotes part and name its separators in the settings."""
        part, root = self._part, self._existing
        if part is None or root is None:
            root = self._root
            for xml in reversed(_SEPARATORS):
                root.insert(0, parse_xml(xml))
            part = Part(PackURI(FOOTNOTES_PARTNAME), CT.WML_FOOTNOTES, b"", self._document.part.package)
            self._document.part.relate_to(part, RT.FOOTNOTES)
        else:
            for footnote in root.findall(qn("w:footnote")):
                if footnote.get(qn("w:type")) not in SEPARATOR_TYPES:
                    root.remove(footnote)
            for footnote in self._root:
                root.append(footnote)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        self._name_separators(root)

    # The body ------------------------------------------------------------------

    def _footnote(self, paragraph: Paragraph, number: int) -> None:
        name = bookmark_name(number)
        self._bookmark_id += 1
        start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(self._bookmark_id), qn("w:name"): name})
        end = OxmlElement("w:bookmarkEnd", {qn("w:id"): str(self._bookmark_id)})
        reference = self._styled_run()
        reference.append(OxmlElement("w:footnoteReference", {qn("w:id"): self._id(number)}))
        for element in (start, reference, end):
            self._append(paragraph, element)
        self._written.add(number)
        self._root.append(self._note(number))

    def _cross_reference(self, paragraph: Paragraph, number: int) -> None:
        """Cite an already written footnote again: ``NOTEREF _RefNoteN \\f \\h`` showing its number."""
        begin = self._styled_run()
        begin.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
        instruction = self._styled_run()
        text = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
        text.text = f" NOTEREF {bookmark_name(number)} \\f \\h "
        instruction.append(text)
        separate = self._styled_run()
        separate.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
        result = self._styled_run(text=str(number))
        end = self._styled_run()
        end.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))
        for run in (begin, instruction, separate, result, end):
            self._append(paragraph, run)

    def _note(self, number: int):
        footnote = OxmlElement("w:footnote", {qn("w:id"): self._id(number)})
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        p_pr.append(OxmlElement("w:pStyle", {qn("w:val"): self._text_style}))
        p.append(p_pr)
        mark = self._styled_run()
        mark.append(OxmlElement("w:footnoteRef"))
        p.append(mark)
        space = OxmlElement("w:r")
        tab = OxmlElement("w:tab")
        space.append(tab)
        p.append(space)
        footnote.append(p)
        self._body(number)(Paragraph(p, self._document.part))
        return footnote

    def _styled_run(self, *, text: str | None = None):
        run = OxmlElement("w:r")
        r_pr = OxmlElement("w:rPr")
        r_pr.append(OxmlElement("w:rStyle", {qn("w:val"): self._reference_style}))
        run.append(r_pr)
        if text is not None:
            t = OxmlElement("w:t")
            t.text = text
            run.append(t)
        return run

    def _id(self, number: int) -> str:
        return str(self._first_id + number - 1)

    @staticmethod
    def _append(paragraph: Paragraph, element) -> None:
        paragraph._p.append(element)

    # The package -----------------------------------------------------------------

    def _existing_part(self) -> Part | None:
        for rel in self._document.part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                return rel.target_part
        return None

    def _name_separators(self, root) -> None:
        settings = self._document.settings.element
        for old in settings.findall(qn("w:footnotePr")):
            settings.remove(old)
        ids = [f.get(qn("w:id")) for f in root.findall(qn("w:footnote")) if f.get(qn("w:type")) in SEPARATOR_TYPES[:2]]
        footnote_pr = OxmlElement("w:footnotePr")
        for footnote_id in ids:
            footnote_pr.append(OxmlElement("w:footnote", {qn("w:id"): footnote_id}))
        following = next((child for child in settings if child.tag in _SETTINGS_AFTER_FOOTNOTE_PR), None)
        if following is None:
            settings.append(footnote_pr)
        else:
            following.addprevious(footnote_pr)


def bookmark_name(number: int) -> str:
    """Return the hidden bookmark around note ``number``'s first reference (Word's ``_Ref`` convention)."""
    return f"_RefNote{number}"


def _namespaces() -> dict[str | None, str]:
    from docx.oxml.ns import nsmap

    return {prefix: nsmap[prefix] for prefix in ("w", "r")}
