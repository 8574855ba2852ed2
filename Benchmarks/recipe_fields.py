"""The benchmark spec's twelve fields, extracted in Python: shared by the lxml and the
BeautifulSoup pipelines, which differ only in how they parse and select."""
import json
import re

WRAPPERS = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")]
DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
SPACE = re.compile(r"\s+")


def read_jsonld(text):
    """Values of one ld+json block, read as leniently as snapdrift does (wrappers, raw
    control characters, trailing commas); None when it cannot be read."""
    text = text.strip()
    for start, end in WRAPPERS:
        if text.startswith(start):
            text = text[len(start):]
        if text.endswith(end):
            text = text[: -len(end)]
    text = text.strip()
    for attempt in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            value = json.loads(attempt, strict=False)
            return value if isinstance(value, list) else [value]
        except ValueError:
            continue
    return None


def typed_objects(values):
    """Objects with an @type: top level and @graph first, nested ones after."""
    top, nested = [], []

    def walk(value, depth):
        if isinstance(value, list):
            for item in value:
                walk(item, depth)
        elif isinstance(value, dict):
            types = value.get("@type")
            names = types if isinstance(types, list) else [types]
            names = [n.rsplit("/", 1)[-1].split(":")[-1] for n in names if isinstance(n, str)]
            if names:
                (top if depth == 0 else nested).append((value, [n.lower() for n in names]))
            for key, member in value.items():
                walk(member, depth if key == "@graph" and depth == 0 else depth + 1)

    walk(values, 0)
    return top + nested


def follow(value, path):
    current = [value]
    for step in path.split("."):
        found = []
        for item in current:
            if isinstance(item, dict) and step in item:
                found.append(item[step])
            elif isinstance(item, list):
                found.extend(x[step] for x in item if isinstance(x, dict) and step in x)
        current = found
    return [c for c in current if c is not None]


def first(value):
    return value[0] if isinstance(value, list) and value else value


def texts(value, out):
    if isinstance(value, str):
        text = SPACE.sub(" ", value).strip()
        if text:
            out.append(text)
    elif isinstance(value, list):
        for item in value:
            texts(item, out)
    elif isinstance(value, dict):
        if "itemListElement" in value:
            texts(value["itemListElement"], out)
        elif "text" in value or "name" in value:
            texts(value.get("text", value.get("name")), out)
    return out


def minutes(value):
    if isinstance(value, (int, float)):
        return value
    if not isinstance(value, str):
        return None
    match = DURATION.match(value.strip().upper())
    if not match or value.strip().upper() == "PT":
        return None
    d, h, m, s = (float(g) if g else 0.0 for g in match.groups())
    total = d * 1440 + h * 60 + m + s / 60
    return int(total) if total == int(total) else round(total, 6)


def record(blocks, canonical, heading):
    """The twelve fields, from the ld+json block texts, the canonical href and the h1 text."""
    values = []
    for block in blocks:
        read = read_jsonld(block)
        if read is not None:
            values.extend(read)
    recipes = [obj for obj, names in typed_objects(values) if "recipe" in names]
    recipe = recipes[0] if recipes else {}

    def one(*paths):
        for path in paths:
            found = follow(recipe, path)
            if found:
                return found[0]
        return None

    rating = one("aggregateRating.ratingValue")
    try:
        rating = float(rating) if rating is not None else None
    except (TypeError, ValueError):
        rating = None
    description = one("description")
    return {
        "title": one("name"),
        "description": SPACE.sub(" ", description).strip() if isinstance(description, str) else description,
        "image": first(one("image.url", "image")),
        "yields": None if first(one("recipeYield")) is None else str(first(one("recipeYield"))),
        "ingredients": texts(one("recipeIngredient"), []),
        "instructions": texts(one("recipeInstructions"), []),
        "author": first(one("author.name", "author")),
        "total_minutes": minutes(one("totalTime")),
        "category": first(one("recipeCategory")),
        "rating": rating,
        "canonical_url": canonical,
        "heading": SPACE.sub(" ", heading).strip() if heading is not None else None,
    }
