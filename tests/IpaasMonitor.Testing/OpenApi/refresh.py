#!/usr/bin/env python3
"""Rebuilds the trimmed VTEX OpenAPI files of this folder from VTEX's full files.

Usage: python3 refresh.py SOURCE_DIR
  SOURCE_DIR holds VTEX's full OpenAPI files (a clone of https://github.com/vtex/openapi-schemas), e.g.
  git clone --depth 1 https://github.com/vtex/openapi-schemas /tmp/openapi-schemas
  python3 refresh.py /tmp/openapi-schemas

For each source file named below, writes a file of the same name here that keeps: openapi, info, servers and
security; the path items listed in paths.txt (every method of each, unchanged); and every component those path
items $ref, followed transitively (schemas, parameters, request bodies...). Nothing else is edited.
"""
import json
import os
import sys

SOURCES = ["VTEX - Catalog API.json", "VTEX - Logistics API.json", "VTEX - Orders API.json", "VTEX - Pricing API.json"]
HERE = os.path.dirname(os.path.abspath(__file__))


def wanted_paths():
    with open(os.path.join(HERE, "paths.txt"), encoding="utf-8") as f:
        lines = [line.strip() for line in f]
    return [line for line in lines if line and not line.startswith("#")]


def refs(node):
    """Every local $ref string in node, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def pointer(document, ref):
    if not ref.startswith("#/"):
        raise SystemExit(f"only local $refs are supported, got {ref!r}")
    segments = [s.replace("~1", "/").replace("~0", "~") for s in ref[2:].split("/")]
    node = document
    for segment in segments:
        node = node[segment]
    return segments, node


def trim(document, templates):
    paths = {p: document["paths"][p] for p in templates}
    components = {}
    pending = list(refs(paths))
    seen = set()
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        segments, node = pointer(document, ref)
        if len(segments) != 3 or segments[0] != "components":
            raise SystemExit(f"unexpected $ref shape {ref!r}")
        components.setdefault(segments[1], {})[segments[2]] = node
        pending.extend(refs(node))
    schemes = document.get("components", {}).get("securitySchemes")
    if schemes:
        components["securitySchemes"] = schemes
    trimmed = {key: document[key] for key in ("openapi", "info", "servers", "security") if key in document}
    trimmed["paths"] = paths
    # Components in the source's order, so a refresh gives a small diff.
    source_components = document.get("components", {})
    trimmed["components"] = {
        kind: {name: components[kind][name] for name in source_components[kind] if name in components[kind]}
        for kind in source_components if kind in components
    }
    return trimmed


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    source_dir = sys.argv[1]
    remaining = wanted_paths()
    for name in SOURCES:
        with open(os.path.join(source_dir, name), encoding="utf-8") as f:
            document = json.load(f)
        mine = [p for p in remaining if p in document["paths"]]
        remaining = [p for p in remaining if p not in mine]
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
            json.dump(trim(document, mine), f, indent=2, ensure_ascii=False)
            f.write("\n")
        print(f"{name}: {len(mine)} of {len(document['paths'])} paths")
    if remaining:
        raise SystemExit("not found in any source file: " + ", ".join(remaining))


if __name__ == "__main__":
    main()
