print("trailview")
