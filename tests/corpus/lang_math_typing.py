import math
from typing import List, Optional, Dict

def stats(xs: List[float], scale: Optional[float] = None) -> Dict[str, float]:
    mean = sum(xs) / len(xs)
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / len(xs))
    return {"mean": round(mean, 3), "sd": round(sd * (scale or 1), 3)}

print(stats([1.0, 2.0, 4.0, 8.0]), stats([3, 3, 3], 2.0))
print(math.pi, math.e, math.inf, -math.inf, math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.001), math.isnan(math.nan), math.isinf(math.inf))
print(math.log(8, 2), math.log2(1024), math.log10(1000), math.exp(0), math.pow(2, 0.5), math.sqrt(3 ** 2 + 4 ** 2))
print(math.factorial(20), math.factorial(25), math.gcd(84, 36), math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10))
print(math.degrees(math.pi), math.radians(180), round(math.pi / 2, 6), math.floor(1e20))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
