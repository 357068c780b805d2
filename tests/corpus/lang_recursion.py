def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def fib(n, memo={}):
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]

def hanoi(n, src, dst, via, moves):
    if n == 0:
        return moves
    hanoi(n - 1, src, via, dst, moves)
    moves.append(f"{src}->{dst}")
    hanoi(n - 1, via, dst, src, moves)
    return moves

def flatten(items):
    out = []
    for x in items:
        out.extend(flatten(x) if isinstance(x, list) else [x])
    return out

print(fact(10), fact(20))
print([fib(i) for i in range(15)], fib(80))
print(hanoi(3, "A", "C", "B", []))
print(flatten([1, [2, [3, [4, 5]], 6], [[7]]]))
