[
[('forward', 1410), ('backward', 1410)],
[('backward', 1410), ('backward', 1410)],
]
# gpu 1 starts with a backward.
