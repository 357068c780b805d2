x = 3.14159
n = 1234567
p = 0.256
v = "text"
print(f"{x:>8.2f}|{x:<8.3f}|{x:^9.1f}|")
print(f"{n:,} {n:_} {n:>12,}")
print(f"{p:.1%} {p:.0%} {1:.2%}")
print(f"{v!r} {v!s} {v:>6} {v:*^10}")
print(f"{42:05d} {42:x} {42:X} {42:o} {42:b} {255:#x}")
print(f"{-7:+d} {7:+d} {7: d} {3.5:e} {1234.5:.3g}")
name, age = "Ann", 31
print(f"{name} is {age} years old, next year {age + 1}")
print(f"{name=} {age*2=}")
width = 10
print(f"{'dyn':>{width}}|{x:.{2}f}")
print(f"{{literal}} {'nested quotes'}")
print(f"{[1, 2]} {dict(a=1)} {None}")
print(f"{0.1 + 0.2} {1e16} {1/3:.4f} {2.5:.0f} {3.5:.0f}")
