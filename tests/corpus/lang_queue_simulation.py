queue = []
clock = 0
arrivals = [(0, "a", 3), (1, "b", 2), (2, "c", 1), (8, "d", 2)]
served = []
busy_until = 0
for t, name, duration in arrivals:
    start = max(t, busy_until)
    busy_until = start + duration
    wait = start - t
    served.append((name, start, busy_until, wait))
for name, start, end, wait in served:
    print(f"{name}: start {start:>2} end {end:>2} waited {wait}")
print("avg wait", sum(s[3] for s in served) / len(served))
fifo = ["x", "y"]
fifo.append("z")
print(fifo.pop(0), fifo)
