raw = "  Alice Smith ,  BOB jones,carol  WHITE  "
names = [n.strip().title() for n in raw.split(",")]
print(names)
initials = ["".join(part[0] for part in n.split()) for n in names]
print(initials)
slug = raw.strip().lower().replace(",", " ").split()
print("-".join(slug))
email = " Ann.Lee@Example.COM "
user, _, domain = email.strip().lower().partition("@")
print(user, domain, domain.endswith(".com"), user.replace(".", "_").upper())
print("a,b;c".replace(";", ",").split(","), "path/to/file.txt".rsplit("/", 1))
print("x=1&y=2".split("&")[1].split("=")[1], "CSV".lower().center(7, "-"))
