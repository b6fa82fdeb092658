[
[('forward', 1410), ('backward', 1350), ('weight2', 1410)],
[('forward', 1395), ('forward', 1380), ('backward', 1365)],
]
# a comment
# line 2
