limit = 50
sieve = [True] * limit
sieve[0] = sieve[1] = False
for i in range(2, int(limit ** 0.5) + 1):
    if sieve[i]:
        for j in range(i * i, limit, i):
            sieve[j] = False
primes = [i for i, p in enumerate(sieve) if p]
print(primes)
print(len(primes), sum(primes), primes[-1])
gaps = [b - a for a, b in zip(primes, primes[1:])]
print(max(gaps), gaps.count(2))
