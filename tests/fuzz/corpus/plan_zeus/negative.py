[
[("forward", 1410), ('forward', -5)],
]
