s = 'It\'s a "quote"'
print(s, len(s))
print(repr(s))
print("back\\slash", "tab[\t]", repr("new\nline"))
print("unicode: \u00e9 \u2192", len("\u00e9"))
raw = r"C:\new\table"
print(raw, len(raw))
multi = """first
  second
third"""
print(multi)
print(multi.splitlines())
print(repr("a'b\"c"), repr('\\'), str(b"bytes"[0]))
print("caf\u00e9".upper(), "STRASSE".lower())
