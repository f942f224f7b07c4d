print("cloudtrail-fake: not built yet")
