[
[('forward', 1410.5)]
]
