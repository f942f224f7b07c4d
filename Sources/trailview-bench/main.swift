print("trailview-bench: not built yet")
