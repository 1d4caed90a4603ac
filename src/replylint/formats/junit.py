"""The ``junit`` format: JUnit XML for CI test reports (GitLab, Jenkins), one case per finding."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from replylint.diagnostics import FileResult
from replylint.formats import FormatOptions
from replylint.formats._escape import escape_char, escape_controls
from replylint.formats.sarif import Finding, locate, report_path

SUITE_NAME = "replylint"
CLEAN_CASE_NAME = "no findings"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

# Code points XML 1.0 cannot hold even as character references, beyond the controls.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def render(results: Sequence[FileResult], stream: TextIO, options: FormatOptions) -> None:
    """Write one JUnit XML document: a failing case per finding, a passing one per clean file."""
    del options  # XML output does not depend on the terminal.
    stream.write(to_xml(results))


def to_xml(results: Sequence[FileResult]) -> str:
    """Return the JUnit XML document for ``results``, with declaration and final newline."""
    cases: list[tuple[tuple[str, int, int, str], ET.Element]] = []
    used: set[tuple[str, str]] = set()
    findings = locate(results)
    for finding in findings:
        case = _failing_case(finding, used)
        cases.append((finding.diagnostic.sort_key(), case))
    for result in results:
        if not result.diagnostics:
            path = xml_text(report_path(result.path))
            case = ET.Element("testcase", {"classname": path, "name": CLEAN_CASE_NAME})
            cases.append(((result.path, -1, -1, ""), case))
    cases.sort(key=lambda pair: pair[0])
    counts = {
        "tests": str(len(cases)),
        "failures": str(len(findings)),
        "errors": "0",
    }
    root = ET.Element("testsuites", {"name": SUITE_NAME, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE_NAME, **counts, "skipped": "0"})
    suite.extend(case for _, case in cases)
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def xml_text(text: str) -> str:
    """Return ``text`` with everything XML 1.0 cannot hold replaced by a visible escape."""
    return _NOT_XML.sub(lambda m: escape_char(m.group()), escape_controls(text))


def _failing_case(finding: Finding, used: set[tuple[str, str]]) -> ET.Element:
    """Return the test case of one finding, its name made unique within its class."""
    diagnostic = finding.diagnostic
    line, column = finding.index.line_col(diagnostic.start)
    classname = xml_text(finding.path)
    base = xml_text(f"{diagnostic.rule} {line}:{column}")
    name, number = base, 1
    while (classname, name) in used:  # GitLab keeps only the first of equally named cases.
        number += 1
        name = f"{base} #{number}"
    used.add((classname, name))
    case = ET.Element("testcase", {"classname": classname, "name": name})
    lines = [
        f"{finding.path}:{line}:{column}: {diagnostic.severity.label}: {diagnostic.message}",
        f"match: {diagnostic.match}",
        *(f"suggestion: {suggestion}" for suggestion in diagnostic.suggestions),
    ]
    if diagnostic.entry is not None:
        lines.append(f"entry: {diagnostic.entry}")
    failure = ET.SubElement(
        case,
        "failure",
        {"type": xml_text(diagnostic.rule), "message": xml_text(diagnostic.message)},
    )
    failure.text = "\n".join(xml_text(text) for text in lines)
    return case
