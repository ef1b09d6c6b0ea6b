#!/usr/bin/env python3
"""Fills unfinished entries of a .ts file from the reviewed glossary.

usage: apply_glossary.py i18n/recheck_zh_CN.ts
Entries already translated are left alone; entries with %n get the same text
for every plural form Chinese has (one). A glossary key may be a
(context, source) pair where one English word needs different Chinese in
different places ("Start" of a route vs of a task); it wins over the bare
source key.
"""
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from zh_CN_glossary import GLOSSARY  # noqa: E402

path = sys.argv[1]
tree = ET.parse(path)
filled = 0
for context in tree.getroot().iter("context"):
    for message in context.iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        text = GLOSSARY.get((context.findtext("name"), source), GLOSSARY.get(source))
        if translation.get("type") != "unfinished" or text is None:
            continue
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            form = ET.SubElement(translation, "numerusform")
            form.text = text
        else:
            translation.text = text
        del translation.attrib["type"]
        filled += 1
if filled:  # untouched files keep lupdate's own formatting
    tree.write(path, encoding="utf-8", xml_declaration=True)
    with open(path, "r+", encoding="utf-8") as f:  # keep Qt's doctype line
        body = f.read().replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
        f.seek(0)
        f.write(body)
        f.truncate()
print("%s: %d entries filled from the glossary" % (path, filled))
