# Using an attribute of None.
settings = {"port": 8080}
config = settings.get("config")
print("config loaded:", config)
print(config.port)
