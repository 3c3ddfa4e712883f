"""PDF/A-2b for Muster's documents, so HQ can archive them (ISO 19005-2, level B).

ReportLab's open-source edition writes no PDF/A, so a canvas about to be saved gets
what the standard asks for: an sRGB output intent (the ICC profile shipped in
resources/icc with its licence) and XMP metadata that identifies the file as
PDF/A-2b and repeats the document information dictionary (title, author, subject,
keywords, creator, producer, dates), as PDF/A requires the two to agree. Every font
is an embedded TrueType subset (no base-14 Helvetica: canvases start in DejaVu
Sans), nothing is encrypted, there is no JavaScript, no embedded file, no
transparency group and no LZW. Signing keeps it: see :mod:`app.services.signing`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ICC_PROFILE = Path(__file__).resolve().parent.parent.parent / "resources" / "icc" / "sRGB.icc"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
PDFA_PART = 2
PDFA_CONFORMANCE = "B"


@lru_cache(maxsize=1)
def _icc_bytes() -> bytes:
    return ICC_PROFILE.read_bytes()


def make_pdfa(canvas: Any) -> None:
    """Add the output intent and the PDF/A XMP packet to ``canvas``'s document (before save)."""
    from reportlab.pdfbase.pdfdoc import (
        XMP,
        PDFArray,
        PDFCatalog,
        PDFDictionary,
        PDFName,
        PDFStream,
        PDFString,
        PDFZCompress,
    )

    doc = canvas._doc
    profile = PDFStream(PDFDictionary({"N": 3}), _icc_bytes(), [PDFZCompress])
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
            "Info": PDFString(OUTPUT_CONDITION),
            "DestOutputProfile": doc.Reference(profile),
        }
    )
    catalog = doc.Catalog
    catalog.OutputIntents = PDFArray([intent])
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    metadata = XMP(creator=xmp_packet)
    metadata.filters = []  # PDF/A: the metadata stream is not filtered
    catalog.Metadata = metadata


def _xmp_date(doc: Any) -> str:
    ts = doc._timeStamp
    yyyy, mm, dd, hh, mi, ss = ts.YMDhms
    return f"{yyyy:04d}-{mm:02d}-{dd:02d}T{hh:02d}:{mi:02d}:{ss:02d}{ts.dhh:+03d}:{ts.dmm:02d}"


def xmp_packet(doc: Any) -> bytes:
    """The XMP packet (UTF-8): PDF/A identification and the same facts as the info dictionary."""
    info = doc.info
    when = _xmp_date(doc)

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f"<pdfaid:part>{PDFA_PART}</pdfaid:part>\n"
        f"<pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>\n"
        f"<dc:format>application/pdf</dc:format>\n"
        f"<dc:title>{alt(info.title)}</dc:title>\n"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>\n"
        f"<dc:description>{alt(info.subject)}</dc:description>\n"
        f"<pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>\n"
        f"<pdf:Producer>{escape(info.producer)}</pdf:Producer>\n"
        f"<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>\n"
        f"<xmp:CreateDate>{when}</xmp:CreateDate>\n"
        f"<xmp:ModifyDate>{when}</xmp:ModifyDate>\n"
        "</rdf:Description>\n"
        "</rdf:RDF>\n"
        "</x:xmpmeta>\n"
        + (" " * 99 + "\n") * 20  # padding, so an editor can update in place
        + '<?xpacket end="w"?>'
    ).encode("utf-8")
