"""Word features python-docx has no API for: fields, hyperlinks, SVG pictures, custom properties."""

from __future__ import annotations

import io
import struct
import zlib

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length
from docx.text.paragraph import Paragraph
from lxml import etree

from briefing.render.logo import Logo

SVG_BLIP_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PROPERTIES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
PROPERTY_FORMAT_ID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # Word's id for user-defined properties


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """Append a simple field (PAGE, NUMPAGES, …) whose stored result is ``shown`` until Word updates it."""
    field = OxmlElement("w:fldSimple", {qn("w:instr"): f" {instruction} "})
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def add_hyperlink(paragraph: Paragraph, url: str, text: str, style_id: str) -> None:
    """Append ``text`` linking to the external ``url``, in the character style ``style_id``."""
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", {qn("r:id"): rel_id, qn("w:history"): "1"})
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    r_pr.append(OxmlElement("w:rStyle", {qn("w:val"): style_id}))
    run.append(r_pr)
    t = OxmlElement("w:t", {qn("xml:space"): "preserve"})
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def add_logo(document: Document, paragraph: Paragraph, logo: Logo, height: Length) -> None:
    """Append the logo as an inline picture ``height`` tall.

    A PNG goes in as it is. An SVG goes in as Word 2016+ stores one: the
    picture's blip points at a transparent PNG stand-in and carries the SVG in
    an ``asvg:svgBlip`` extension, which Word and LibreOffice draw.
    """
    width = Emu(int(height * logo.aspect))
    run = paragraph.add_run()
    if not logo.is_svg:
        run.add_picture(io.BytesIO(logo.data), width=width, height=height)
        return
    run.add_picture(io.BytesIO(transparent_png()), width=width, height=height)
    package = document.part.package
    svg_part = Part(package.next_partname("/word/media/image%d.svg"), "image/svg+xml", logo.data, package)
    rel_id = document.part.relate_to(svg_part, RT.IMAGE)
    blip = run._r.find(".//" + qn("a:blip"))
    extensions = etree.SubElement(blip, qn("a:extLst"))
    extension = etree.SubElement(extensions, qn("a:ext"), uri=SVG_BLIP_EXTENSION)
    svg_blip = etree.SubElement(extension, f"{{{SVG_NAMESPACE}}}svgBlip", nsmap={"asvg": SVG_NAMESPACE})
    svg_blip.set(qn("r:embed"), rel_id)


def transparent_png() -> bytes:
    """Return a 1×1 fully transparent PNG, the stand-in Word needs beside an SVG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # 1×1, 8-bit RGBA
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00", 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def add_custom_property(document: Document, name: str, value: str) -> None:
    """Set a text custom document property (File › Properties › Custom in Word)."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == CUSTOM_PROPERTIES_REL:
            del package.rels[rel_id]
    root = etree.Element(f"{{{CUSTOM_PROPERTIES}}}Properties", nsmap={None: CUSTOM_PROPERTIES, "vt": VT})
    prop = etree.SubElement(root, f"{{{CUSTOM_PROPERTIES}}}property", fmtid=PROPERTY_FORMAT_ID, pid="2", name=name)
    etree.SubElement(prop, f"{{{VT}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES_TYPE, blob, package)
    package.relate_to(part, CUSTOM_PROPERTIES_REL)
