#!/usr/bin/env python3
"""check_translations.py LUPDATE SOURCE_DIR SCRATCH_DIR TS_FILE...

Fails when a shipped translation is not complete and current:
  * a user-visible string in the sources is missing from the .ts or not
    translated (lupdate run on a scratch copy adds it as unfinished);
  * the .ts keeps entries whose source string no longer exists (obsolete or
    vanished);
  * a translation drops or invents a placeholder (%1, %n …) or an accelerator.
Each problem is printed with its context and source text, so the fix is
`make translations` and translating what is listed.
"""
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

SCANNED = ["core", "cli", "providers", "plugins"]


def messages(ts_path):
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def translation_texts(message):
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    return translation, ([f.text or "" for f in forms] if forms else [translation.text or ""])


def placeholders(text):
    return sorted(set(re.findall(r"%(?:\d+|n|L\d+)", text)))


def main():
    lupdate, source_dir, scratch = sys.argv[1:4]
    problems = []
    for ts in sys.argv[4:]:
        name = os.path.basename(ts)
        # Committed file: no leftovers of strings that are gone.
        for context, message in messages(ts):
            kind = message.find("translation").get("type")
            if kind in ("obsolete", "vanished"):
                problems.append("%s: %s entry kept: [%s] %r" % (name, kind, context, message.findtext("source")))
        # Scratch copy refreshed from today's sources: everything translated.
        os.makedirs(scratch, exist_ok=True)
        copy = os.path.join(scratch, name)
        shutil.copyfile(ts, copy)
        run = subprocess.run([lupdate, "-silent", "-locations", "none", *[os.path.join(source_dir, d) for d in SCANNED],
                              "-ts", copy], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit("lupdate failed: " + run.stderr)
        for context, message in messages(copy):
            translation, texts = translation_texts(message)
            source = message.findtext("source") or ""
            kind = translation.get("type")
            if kind in ("obsolete", "vanished"):
                if not any(p.endswith("%r" % source) for p in problems):
                    problems.append("%s: no longer in the sources: [%s] %r" % (name, context, source))
                continue
            if kind == "unfinished" or not any(t.strip() for t in texts):
                problems.append("%s: not translated: [%s] %r" % (name, context, source))
                continue
            for text in texts:
                want, got = placeholders(source), placeholders(text)
                # Chinese has one plural form: %n may be dropped only when the
                # source has nothing else to carry.
                if set(want) - {"%n"} != set(got) - {"%n"}:
                    problems.append("%s: placeholders %s become %s: [%s] %r -> %r"
                                    % (name, want, got, context, source, text))
                if "&" in source.replace("&&", "") and re.search(r"&\w", source) and not re.search(r"&\w", text):
                    problems.append("%s: accelerator lost: [%s] %r -> %r" % (name, context, source, text))
    for p in problems:
        print(p)
    print("%d problem(s)" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
