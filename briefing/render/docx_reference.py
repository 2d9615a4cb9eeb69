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
        if not path.is_file():
            raise RenderError(f"reference document {str(path)!r} does not exist or is not a file")
        return path
    for folder in template_dirs(template_dir):
        if (folder / REFERENCE_DOCX).is_file():
            return folder / REFERENCE_DOCX
    raise RenderError(f"briefing's built-in {REFERENCE_DOCX} is missing from {builtin_template_dir()}; reinstall briefing")


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
def _builtin_styles() -> dict[str, etree._Element]:
    """Return the built-in reference's style elements by lower-cased name."""
    with zipfile.ZipFile(builtin_template_dir() / REFERENCE_DOCX) as archive:
        root = etree.fromstring(archive.read("word/styles.xml"))
    return {_name(style): style for style in root.iter(qn("w:style"))}


def _name(style: etree._Element) -> str:
    name = style.find(qn("w:name"))
    return (name.get(qn("w:val")) if name is not None else style.get(qn("w:styleId"), "")).lower()


def style_ids(document: Document, names: tuple[str, ...]) -> dict[str, str]:
    """Return each named style's id in ``document``, copying missing styles from the built-in reference."""
    styles = document.styles.element
    present = {_name(style): style for style in styles.iter(qn("w:style"))}
    ids: dict[str, str] = {}
    for name in names:
        ids[name] = _ensure(styles, present, name.lower())
    return ids


def _ensure(styles: etree._Element, present: dict[str, etree._Element], key: str) -> str:
    style = present.get(key)
    if style is None:
        builtin = _builtin_styles().get(key)
        if builtin is None:
            raise RenderError(f"the DOCX reference document has no {key!r} style")
        style = copy.deepcopy(builtin)
        for tag in ("w:basedOn", "w:next"):
            for link in style.findall(qn(tag)):  # the style it builds on may be missing too
                target = _builtin_id_to_name(link.get(qn("w:val")))
                if target is None or target == key:
                    style.remove(link)
                else:
                    link.set(qn("w:val"), _ensure(styles, present, target))
        numbering = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numbering is not None:  # a list style's numbering lives in another part; keep the indent only
            numbering.getparent().remove(numbering)
        style.set(qn("w:styleId"), _free_id(present, style.get(qn("w:styleId"))))
        styles.append(style)
        present[key] = style
    return style.get(qn("w:styleId"))


def _builtin_id_to_name(style_id: str | None) -> str | None:
    for name, style in _builtin_styles().items():
        if style.get(qn("w:styleId")) == style_id:
            return name
    return None


def _free_id(present: dict[str, etree._Element], wanted: str) -> str:
    taken = {style.get(qn("w:styleId")) for style in present.values()}
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}{n}", n + 1
    return candidate
