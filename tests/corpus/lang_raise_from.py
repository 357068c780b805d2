class ConfigError(Exception):
    pass

def load(cfg):
    try:
        return cfg["port"]
    except KeyError as e:
        raise ConfigError("port missing") from e

try:
    load({})
except ConfigError as e:
    print("error:", e)
    print("cause:", repr(e.__cause__))
    print("suppress:", e.__suppress_context__)

try:
    try:
        [][1]
    except IndexError:
        raise ValueError("while handling")
except ValueError as e:
    print(repr(e), "context:", type(e.__context__).__name__)

try:
    raise RuntimeError("no cause") from None
except RuntimeError as e:
    print(e, e.__cause__, e.__suppress_context__)
