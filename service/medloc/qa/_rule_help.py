"""Data: what to do about each finding code, for the help text of the SARIF rules
(`medloc.qa.report.format_sarif`). docs/checks.md says the same at length, with examples.

A code without an entry here gets a help text made of its summary alone (a code added in
`medloc.qa.codes` is never missing from the SARIF rules); `tests/qa/test_sarif.py` checks that
every code of the shipped table has one.
"""

HELP: dict[str, str] = {
    "safety-incomplete": "Translate every form of the risks/disclaimer message and clear its"
    " fuzzy flag after checking it: safety text is never shown half translated.",
    "numbers": "Write every number of the source with its unit (any form of the unit: 'h',"
    " 'hours', 'Std.'), ranges in the source's order and the locale's decimal separator.",
    "markdown": "Keep the Markdown of the source: the same emphasis, code spans, images and"
    " line breaks.",
    "link-target": "Copy every link and image target exactly as the source has it; translate"
    " only the link text.",
    "unsafe": "Remove raw HTML, script or data links, control and invisible characters from"
    " the translation.",
    "placeholders": "Keep every placeholder (%(name)s, {name}) exactly as in the source, with"
    " no width or precision added.",
    "catalog-syntax": "Fix the .po file so that it parses (an unclosed quote or a stray line"
    " is the usual cause).",
    "plural-forms": "Set the Plural-Forms header that medloc init writes for the locale.",
    "charset": "Save the file as UTF-8 and declare charset=UTF-8 in its Content-Type header.",
    "duplicate": "Keep one entry per message: delete the duplicate (same msgctxt and msgid).",
    "conflict-marker": "Resolve the msgcat conflict: keep one translation and delete the"
    " #-#-#-#-# markers.",
    "stale-mo": "Run medloc compile after changing a .po file.",
    "out-of-date": "Run medloc extract and medloc update, then commit the catalogs.",
    "missing-section": "Add the required section (## Risks {#risks role=risks}) to the article.",
    "bad-ignore": "Write the comment as '# medloc-ignore: CODE reason', with an ignorable code"
    " and a reason.",
    "foreign-merge": "Run medloc update on the catalog: it removes obsolete twins and format"
    " flags that the template does not have.",
    "same-as-source": "Translate the message; if it must stay in English, say why with"
    " '# medloc-ignore: same-as-source <reason>'.",
    "length": "Compare with the source: a part may be missing or repeated.",
    "sentences": "Compare with the source sentence by sentence: one may be missing or added.",
    "negation": "Translate every 'not', 'no', 'never', 'without', 'avoid' and 'stop' of the"
    " source with a negation of the locale.",
    "safety-negation": "Translate every 'not', 'no', 'never', 'without', 'avoid' and 'stop' of"
    " the source with a negation of the locale: a dropped negation reverses safety advice."
    " If the finding is wrong, report it as a false positive.",
    "safety-omission": "Translate every sentence and list item of the safety message, without"
    " merging sentences. If the finding is wrong, report it as a false positive.",
    "review-missing": "Have a second linguist review the message and sign it off"
    " (medloc review sign), then commit the sign-off.",
    "review-lapsed": "Have the changed message reviewed and signed off again.",
    "review-untrusted": "Have a second person, not the translation's last author, review the"
    " message and commit the sign-off.",
    "review-pending": "Nothing is required; medloc stats shows which messages are unreviewed.",
}
"""Finding code -> what a translator or writer does about it (one or two sentences)."""
