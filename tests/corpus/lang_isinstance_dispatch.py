def describe(value):
    if isinstance(value, bool):
        return f"bool {value}"
    if isinstance(value, int):
        return f"int {value}"
    if isinstance(value, float):
        return f"float {value:.2f}"
    if isinstance(value, str):
        return f"str of {len(value)}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__} [{', '.join(describe(v) for v in value)}]"
    if isinstance(value, dict):
        return f"dict keys {sorted(value)}"
    return f"other {type(value).__name__}"

for v in [True, 7, 2.5, "hey", [1, "a"], (2.0,), {"b": 1, "a": 2}, None]:
    print(describe(v))
