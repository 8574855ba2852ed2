"""The same twelve fields with BeautifulSoup (html.parser, its default) and its CSS select.
Usage: python3 bs4_pipeline.py PAGE_LIST OUTPUT.json"""
import json
import sys

from bs4 import BeautifulSoup

from recipe_fields import record

records = {}
for path in open(sys.argv[1]).read().split():
    with open(path, "rb") as page:
        soup = BeautifulSoup(page.read(), "html.parser")
    canonical = [node.get("href") for node in soup.select("link[rel=canonical]")]
    heading = [node.get_text() for node in soup.select("h1")]
    records[path] = record([node.get_text() for node in soup.select('script[type="application/ld+json"]')],
                           canonical[0] if canonical else None, heading[0] if heading else None)
with open(sys.argv[2], "w") as output:
    json.dump(records, output, sort_keys=True, indent=2, ensure_ascii=False)
print(f"{len(records)} pages, {sum(1 for r in records.values() if r['title'])} with a title")
