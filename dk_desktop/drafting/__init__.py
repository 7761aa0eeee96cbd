"""Drafting a resolution's catalogue from the text of its targets (issue 13 §2).

No Qt and no charts here: the window and the command line both call these modules.

- ``text``: read a pasted text, a .txt or a .docx into plain NFC text;
- ``numbers``: the numbers of a text as written («10.000», «4,0%», «8 - 10%»);
- ``targets``: the targets section, its group headings and its numbered targets;
- ``figures``: one target's words turned into figures (value, unit, kind, direction …);
- ``draft``: the whole draft, in the format of docs/seed-format.md, and its unsure list;
- ``checks``: what a new database cannot hold yet (``init --resolution``);
- ``villages``: the villages list pasted as text.
"""
