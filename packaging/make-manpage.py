#!/usr/bin/env python3
"""make-manpage.py RECHECK_BINARY OUTPUT VERSION

Writes recheck(1) from the command line's own help: `recheck --help` gives
the verbs, `recheck <verb> --help` each verb's options, so the man page
cannot drift from the program. The help is read in the C locale (English);
the page date comes from SOURCE_DATE_EPOCH when set (reproducible builds).
"""
import datetime
import os
import re
import subprocess
import sys


def run_help(binary, *args):
    env = dict(os.environ, LANG="C", LC_ALL="C", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([binary, *args, "--help"], env=env, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        sys.exit("make-manpage: %s %s --help failed (%d): %s"
                 % (binary, " ".join(args), result.returncode, result.stderr.strip()))
    return result.stdout


def roff(text):
    """Escapes plain text for roff: backslashes, leading dots/quotes, hyphens."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n"))


def verbs_of(main_help):
    """The (verb, summary) pairs listed under 'Verbs:' in `recheck --help`."""
    verbs, in_list = [], False
    for line in main_help.splitlines():
        if line.strip() == "Verbs:":
            in_list = True
            continue
        if in_list:
            match = re.match(r"^  (\S+)\s+(.*)$", line)
            if not match:
                if verbs:
                    break
                continue
            verbs.append((match.group(1), match.group(2)))
    if not verbs:
        sys.exit("make-manpage: no verbs found in `recheck --help`")
    return verbs


def exit_status_of(main_help):
    for line in main_help.splitlines():
        if line.startswith("Exit status:"):
            return line[len("Exit status:"):].strip()
    return ""


def verb_section(binary, verb):
    text = run_help(binary, verb)
    # Qt's own generic lines say nothing about the verb.
    lines = [l for l in text.splitlines() if "--help-all" not in l and "Displays help on commandline" not in l]
    usage = lines[0] if lines else "recheck " + verb
    body = "\n".join(lines[1:]).strip("\n")
    return '.SS "%s"\n.nf\n%s\n\n%s\n.fi\n' % (verb, roff(usage.replace("Usage: ", "")), roff(body))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    binary, output, version = sys.argv[1:]
    main_help = run_help(binary)
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc) if stamp \
        else datetime.datetime.now(datetime.timezone.utc)
    parts = [
        '.TH RECHECK 1 "%s" "recheck %s" "User Commands"\n' % (when.strftime("%Y-%m-%d"), version),
        ".SH NAME\nrecheck \\- plan, route, check out/in and follow up customer\\-archive re\\-checks\n",
        ".SH SYNOPSIS\n.B recheck\n.I verb\n[\\fIoptions\\fR] [\\fIarguments\\fR]\n.br\n"
        ".B recheck\n.I verb\n.B \\-\\-help\n",
        ".SH DESCRIPTION\n"
        "Recheck keeps a power utility's customer archive right by planning, routing, doing and checking "
        "field re\\-checks, district by district. The archive is a SpatiaLite file (the office master); "
        "field laptops work on packages checked out of it. "
        "\\fBrecheck\\fR is the headless face of the QGIS plugin suite: scheduled jobs (reminders, "
        "imports), batch work and the demo. Messages follow \\fBLANG\\fR (English and Simplified Chinese).\n",
        ".SH VERBS\n",
    ]
    for verb, summary in verbs_of(main_help):
        parts.append(verb_section(binary, verb))
    status = exit_status_of(main_help)
    if status:
        parts.append(".SH EXIT STATUS\n%s\n" % roff(status))
    parts.append(
        ".SH FILES\n.TP\n.I /usr/share/recheck/\n"
        "examples: reminder configuration and the systemd timer that sends reminders.\n"
        ".TP\n.I /usr/lib/qgis/plugins/\n"
        "the QGIS provider (customerarchive) and plugins of the suite.\n"
        ".SH SEE ALSO\n.BR qgis (1),\n.BR sqlite3 (1),\n.BR systemd.timer (5)\n")
    with open(output, "w", encoding="utf-8") as f:
        f.write("".join(parts))


if __name__ == "__main__":
    main()
