text = """the quick brown fox jumps over the lazy dog
the dog barks and the fox runs
quick quick slow"""
lines = text.splitlines()
words = text.split()
print("lines", len(lines), "words", len(words), "chars", len(text))
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
for word, count in top:
    print(f"{word:<6} {'#' * count} {count}")
longest = max(words, key=len)
print("longest", longest, "avg", round(sum(map(len, words)) / len(words), 3))
print("unique", len(freq), sorted(w for w in freq if len(w) == 3))
print([line.title() for line in lines][1])
