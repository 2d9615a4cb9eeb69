"""The reference document: where a DOCX brief's styles, page size and margins come from.

As with pandoc's ``--reference-doc``, the reference's body is discarded and
its styles, page setup and properties are kept. A style the brief names but
the user's reference lacks is copied in from the built-in
``templates/reference.docx``, so any Word file works as a reference.
"""

from __future__ import annotations

import copy
import functools
import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from briefing.errors import RenderError
from briefing.render.templates import builtin_template_dir, template_dirs

REFERENCE_DOCX = "reference.docx"


def reference_path(reference_docx: Path | None, template_dir: Path | None) -> Path:
    """Return the reference to use: the user's file, else one in the template folders."""
    if reference_docx is not None:
        path = Path(reference_docx)
        check_reference_docx(path)
        return path
    for folder in template_dirs(template_dir):
        if (folder / REFERENCE_DOCX).is_file():
            return folder / REFERENCE_DOCX
    raise RenderError(f"briefing's built-in {REFERENCE_DOCX} is missing from {builtin_template_dir()}; reinstall briefing")


def check_reference_docx(path: Path) -> None:
    """Raise RenderError unless ``path`` is a readable Word document, whose styles a DOCX can take."""
    from briefing.errors import InputError
    from briefing.ingest.docx import check_archive

    shown = str(path)
    if not path.exists():
        raise RenderError(f"reference document {shown}: no such file")
    if not path.is_file():
        raise RenderError(f"reference document {shown}: not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RenderError(f"reference document {shown}: cannot be read: {exc.strerror or exc}") from exc
    try:
        check_archive(data)
    except InputError as exc:
        raise RenderError(f"reference document {shown}: {exc}; give a Word (.docx) file") from exc


def open_reference(path: Path) -> Document:
    """Open the reference document with its body emptied (the section settings stay)."""
    try:
        document = docx.Document(io.BytesIO(_read(path)))
    except RenderError:
        raise
    except Exception as exc:  # python-docx raises many kinds for a file that is not a .docx
        raise RenderError(f"cannot read the reference document {path}: {exc}") from exc
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _read(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RenderError(f"cannot read the reference document {path}: {exc.strerror or exc}") from exc
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise RenderError(f"the reference document {path} is not a .docx file")
    return data


@functools.lru_cache(maxsize=1)
def _builtin_parts() -> tuple[dict[str, etree._Element], etree._Element | None]:
    """Return the built-in reference's styles by lower-cased name, and its numbering."""
    with zipfile.ZipFile(builtin_template_dir() / REFERENCE_DOCX) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
        numbering = etree.fromstring(archive.read("word/numbering.xml")) if "word/numbering.xml" in archive.namelist() else None
    return {_name(style): style for style in styles.iter(qn("w:style"))}, numbering


def _name(style: etree._Element) -> str:
    name = style.find(qn("w:name"))
    return (name.get(qn("w:val")) if name is not None else style.get(qn("w:styleId"), "")).lower()


def style_ids(document: Document, names: tuple[str, ...]) -> dict[str, str]:
    """Return each named style's id in ``document``, copying missing styles from the built-in reference."""
    return _StyleCopier(document).ids(names)


class _StyleCopier:
    """Copy styles a user's reference lacks from the built-in one, with what they build on and their lists."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.styles = document.styles.element
        self.present = {_name(style): style for style in self.styles.iter(qn("w:style"))}
        self.builtin, self.builtin_numbering = _builtin_parts()

    def ids(self, names: tuple[str, ...]) -> dict[str, str]:
        return {name: self.ensure(name.lower()) for name in names}

    def ensure(self, key: str) -> str:
        style = self.present.get(key)
        if style is None:
            builtin = self.builtin.get(key)
            if builtin is None:
                raise RenderError(f"the DOCX reference document has no {key!r} style")
            style = copy.deepcopy(builtin)
            self.present[key] = style  # before following links, so a cycle ends here
            for tag in ("w:basedOn", "w:next"):
                for link in style.findall(qn(tag)):  # the style it builds on may be missing too
                    target = self._builtin_name(link.get(qn("w:val")))
                    if target is None or target == key:
                        style.remove(link)
                    else:
                        link.set(qn("w:val"), self.ensure(target))
            number = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            if number is not None:
                number.set(qn("w:val"), self._copy_list(number.get(qn("w:val"))))
            style.set(qn("w:styleId"), self._free_id(style.get(qn("w:styleId"))))
            self.styles.append(style)
        return style.get(qn("w:styleId"))

    def _builtin_name(self, style_id: str | None) -> str | None:
        for name, style in self.builtin.items():
            if style.get(qn("w:styleId")) == style_id:
                return name
        return None

    def _free_id(self, wanted: str) -> str:
        taken = {style.get(qn("w:styleId")) for style in self.present.values() if style.getparent() is not None}
        candidate, n = wanted, 2
        while candidate in taken:
            candidate, n = f"{wanted}{n}", n + 1
        return candidate

    def _copy_list(self, builtin_num_id: str) -> str:
        """Copy a built-in list definition (w:abstractNum and w:num) into the document; return its new numId."""
        source = self.builtin_numbering
        num = None if source is None else source.find(f"{qn('w:num')}[@{qn('w:numId')}='{builtin_num_id}']")
        if num is None:
            return builtin_num_id
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = source.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")
        target = self.document.part.numbering_part.element
        new_abstract_id = 1 + max((int(a.get(qn("w:abstractNumId"))) for a in target.findall(qn("w:abstractNum"))),
                                  default=-1)
        new_num_id = 1 + max((int(n.get(qn("w:numId"))) for n in target.findall(qn("w:num"))), default=0)
        abstract = copy.deepcopy(abstract)
        abstract.set(qn("w:abstractNumId"), str(new_abstract_id))
        for link in abstract.iter(qn("w:pStyle")):  # the level's style link is by id, set when the style lands
            link.getparent().remove(link)
        nums = target.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(abstract)  # the schema wants every abstractNum before the first num
        else:
            target.append(abstract)
        new_num = copy.deepcopy(num)
        new_num.set(qn("w:numId"), str(new_num_id))
        new_num.find(qn("w:abstractNumId")).set(qn("w:val"), str(new_abstract_id))
        target.append(new_num)
        return str(new_num_id)
