print("ballast: not yet wired")
