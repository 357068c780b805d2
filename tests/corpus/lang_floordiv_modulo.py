for a in [7, -7]:
    for b in [2, -2, 3, -3]:
        print(f"{a:>3} // {b:>2} = {a // b:>3}   {a:>3} % {b:>2} = {a % b:>3}")
print(-1 // 10, -1 % 10, 1 // -10, 1 % -10)
print(7.5 // 2, -7.5 // 2, 7.5 % -2, -0.5 % 1)
print(divmod(-9, 4), divmod(9, -4), divmod(-9.0, 4))
print(-(7 // 2), -7 // 2, int(-7 / 2), round(-7 / 2))
print((-13) % 5, -13 % 5, -(13 % 5))
hours, minutes = divmod(135, 60)
print(f"{hours}h{minutes:02d}")
print(100 % 7 == 100 - (100 // 7) * 7, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2)
