print("kithd")
