def parse(text):
    try:
        value = int(text)
    except ValueError:
        print("  not a number:", repr(text))
        return None
    else:
        print("  parsed", value)
        return value
    finally:
        print("  finally for", repr(text))

for t in ["12", "x1", "-3"]:
    print(parse(t))

def risky(n):
    try:
        return 10 / n
    except ZeroDivisionError as e:
        print("caught:", e)
        return float("inf")
    except (TypeError, ValueError) as e:
        print("bad type:", type(e).__name__)
        return None

print(risky(4), risky(0), risky("a"))
