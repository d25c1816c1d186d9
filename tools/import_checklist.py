#!/usr/bin/env python3
"""Imports a production deployment checklist (Markdown) into the suite's checklist catalogue (YAML).

Usage: tools/import_checklist.py CHECKLIST.md PREFIX SYSTEM > src/main/resources/checklists/SYSTEM.yaml

What counts as a line item: every checkbox bullet ("- [ ] ..."), every bold-label bullet ("- **Label**: ...") that is
not a link, and every numbered step ("# 1. ...") of a procedure written as a shell script in a code block. Plain bullets nested under an item are folded into its text (they are its details, e.g. the
p50/p95/p99 targets under "API Latency"). Ids are PREFIX-<section>.<item>, numbered in document order; they are
written once and then kept: the YAML is the source of truth, edited by hand to set each item's disposition.
Every imported item starts as "manual" with no reason; the catalogue test fails until someone decides.
"""
import re
import sys


def main(path, prefix, system):
    lines = open(path, encoding="utf-8").read().splitlines()
    title = next((l[2:].strip() for l in lines if l.startswith("# ")), system)
    system_line = next((l for l in lines if l.lower().startswith("**system**")), "")
    headings = {}
    sections = []
    current = None
    in_code = False
    parent_indent = None
    for line in lines:
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            step = re.match(r"^#\s*\d+\.\s+(.*)$", line.strip())
            if step:  # a numbered step of a procedure written as a shell script
                if current is None:
                    current = {"title": " / ".join(headings[k] for k in sorted(headings)), "items": []}
                    sections.append(current)
                current["items"].append({"text": clean(step.group(1))})
            continue
        heading = re.match(r"^(#{2,4})\s+(.*)$", line)
        if heading:
            level = len(heading.group(1))
            text = clean(re.sub(r"^\[[ xX]\]\s*", "", heading.group(2)))
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = text
            current = None
            parent_indent = None
            continue
        bullet = re.match(r"^(\s*)- (.*)$", line)
        if not bullet:
            continue
        indent = len(bullet.group(1).replace("\t", "    "))
        body = bullet.group(2)
        checkbox = re.match(r"^\[[ xX]\]\s+(.*)$", body)
        bold = re.match(r"^\*\*(.+?)\*\*:?\s*(.*)$", body)
        if bold and re.match(r"^(https?://|/|`)", bold.group(2).strip()):
            continue  # a link or a file path in a reference list, not something to confirm
        if checkbox or (bold and not (parent_indent is not None and indent > parent_indent)):
            text = clean(checkbox.group(1) if checkbox else bold.group(1).rstrip(":") + ": " + bold.group(2))
            if current is None:
                current = {"title": " / ".join(headings[k] for k in sorted(headings)), "items": []}
                sections.append(current)
            current["items"].append({"text": text.rstrip(": ").strip()})
            if parent_indent is None or indent <= parent_indent:
                parent_indent = indent
        elif current is not None and current["items"] and parent_indent is not None and indent > parent_indent:
            detail = clean(body)
            if detail:
                item = current["items"][-1]
                item["text"] = item["text"].rstrip(":") + ("; " if ":" in item["text"] else ": ") + detail

    out = [f"# Checklist catalogue for {system}, imported from {path.split('/')[-1]} by tools/import_checklist.py.",
           "# Each item: a stable id, its text, and a disposition: automated (checks declare it with @Verifies),",
           "# manual (a person confirms it at sign-off) or not-applicable (cannot be checked after a deploy), with a reason.",
           f"system: {system}",
           # The checklists' titles are alike ("Production Deployment Checklist"): name the system when they do not.
           f"checklist: {quote(title + (' - ' + clean(system_line.split(':', 1)[-1]) if system_line else ' - ' + system))}",
           "sections:"]
    for s_index, section in enumerate(sections, 1):
        out.append(f"  - title: {quote(section['title'])}")
        out.append("    disposition: manual")
        out.append("    reason: \"\"")
        out.append("    items:")
        for i_index, item in enumerate(section["items"], 1):
            out.append(f"      - id: {prefix}-{s_index}.{i_index}")
            out.append(f"        text: {quote(item['text'])}")
    print("\n".join(out))


def clean(text):
    text = re.sub(r"\*\*|`", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    main(*sys.argv[1:4])
