"""jsonschema_lite.py — validates JSON values against the subset of JSON
Schema (2020-12, as OpenAPI 3.1 uses it) that web/openapi.json uses:
$ref (local), type (one or a list), const, enum, properties, required,
additionalProperties, items, oneOf, anyOf, minimum, maximum,
exclusiveMinimum, exclusiveMaximum, pattern. Annotations (description,
format, examples) are ignored. A keyword outside the subset is an error,
so the document cannot silently use more than the tests check."""

import re

KNOWN = {"$ref", "type", "const", "enum", "properties", "required", "additionalProperties", "items",
         "oneOf", "anyOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern",
         "description", "format", "examples", "title", "style", "explode"}


class SchemaError(Exception):
    pass


def _type_ok(value, t):
    if t == "null":
        return value is None
    if t == "boolean":
        return isinstance(value, bool)
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if t == "string":
        return isinstance(value, str)
    if t == "array":
        return isinstance(value, list)
    if t == "object":
        return isinstance(value, dict)
    raise SchemaError("unknown type %r" % t)


def resolve(root, ref):
    if not ref.startswith("#/"):
        raise SchemaError("only local $ref: %s" % ref)
    node = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def errors(value, schema, root, path="$"):
    """Every way value breaks schema, as 'path: problem' strings."""
    out = []
    unknown = set(schema) - KNOWN
    if unknown:
        raise SchemaError("%s: keywords outside the subset: %s" % (path, sorted(unknown)))
    if "$ref" in schema:
        out += errors(value, resolve(root, schema["$ref"]), root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(value, t) for t in types):
            return out + ["%s: %s is not of type %s" % (path, type(value).__name__, "/".join(types))]
    if "const" in schema and value != schema["const"]:
        out.append("%s: %r is not %r" % (path, value, schema["const"]))
    if "enum" in schema and value not in schema["enum"]:
        out.append("%s: %r is not one of %r" % (path, value, schema["enum"]))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            out.append("%s: %r < minimum %r" % (path, value, schema["minimum"]))
        if "maximum" in schema and value > schema["maximum"]:
            out.append("%s: %r > maximum %r" % (path, value, schema["maximum"]))
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            out.append("%s: %r <= exclusiveMinimum %r" % (path, value, schema["exclusiveMinimum"]))
        if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
            out.append("%s: %r >= exclusiveMaximum %r" % (path, value, schema["exclusiveMaximum"]))
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        out.append("%s: %r does not match %r" % (path, value, schema["pattern"]))
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                out.append("%s: missing required %r" % (path, key))
        extra = schema.get("additionalProperties", True)
        for key, v in value.items():
            sub = "%s.%s" % (path, key)
            if key in props:
                out += errors(v, props[key], root, sub)
            elif extra is False:
                out.append("%s: unexpected member" % sub)
            elif isinstance(extra, dict):
                out += errors(v, extra, root, sub)
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            out += errors(v, schema["items"], root, "%s[%d]" % (path, i))
    if "oneOf" in schema:
        ok = [s for s in schema["oneOf"] if not errors(value, s, root, path)]
        if len(ok) != 1:
            out.append("%s: matches %d of the oneOf schemas, not 1" % (path, len(ok)))
    if "anyOf" in schema:
        if not any(not errors(value, s, root, path) for s in schema["anyOf"]):
            out.append("%s: matches none of the anyOf schemas" % path)
    return out


def check_document(doc):
    """Every schema in the document uses only the subset (raises SchemaError)."""
    def walk(node, in_schema):
        if isinstance(node, dict):
            if in_schema:
                unknown = set(node) - KNOWN
                if unknown:
                    raise SchemaError("keywords outside the subset: %s" % sorted(unknown))
            for k, v in node.items():
                if in_schema and k in ("properties",):
                    for sub in v.values():
                        walk(sub, True)
                elif in_schema and k in ("items", "additionalProperties") and isinstance(v, dict):
                    walk(v, True)
                elif in_schema and k in ("oneOf", "anyOf"):
                    for sub in v:
                        walk(sub, True)
                elif k == "schema" and not in_schema:
                    walk(v, True)
                elif k == "schemas" and not in_schema:
                    for sub in v.values():
                        walk(sub, True)
                elif not in_schema:
                    walk(v, False)
        elif isinstance(node, list) and not in_schema:
            for v in node:
                walk(v, False)
    walk(doc, False)
