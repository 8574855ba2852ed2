"""The same twelve fields with lxml (libxml2 2.14 inside) and cssselect, the way a Python
scraper would: parse each page, select, extract, write the records as JSON.
Usage: python3 lxml_pipeline.py PAGE_LIST OUTPUT.json"""
import json
import sys

import lxml.html
from lxml.cssselect import CSSSelector

from recipe_fields import record

SCRIPTS = CSSSelector('script[type="application/ld+json"]')
CANONICAL = CSSSelector("link[rel=canonical]")
HEADING = CSSSelector("h1")

records = {}
for path in open(sys.argv[1]).read().split():
    with open(path, "rb") as page:
        document = lxml.html.document_fromstring(page.read())
    canonical = [node.get("href") for node in CANONICAL(document)]
    heading = [node.text_content() for node in HEADING(document)]
    records[path] = record([node.text_content() for node in SCRIPTS(document)],
                           canonical[0] if canonical else None, heading[0] if heading else None)
with open(sys.argv[2], "w") as output:
    json.dump(records, output, sort_keys=True, indent=2, ensure_ascii=False)
print(f"{len(records)} pages, {sum(1 for r in records.values() if r['title'])} with a title")
