print("metrics")
