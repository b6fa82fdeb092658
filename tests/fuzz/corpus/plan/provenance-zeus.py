[
[('forward', 1410), ('forward', 1395), ('forward', 1380), ('backward', 1365), ('forward', 1350), ('backward', 1410), ('backward', 1395), ('backward', 1380)],
[('forward', 1365), ('forward', 1350), ('backward', 1410), ('forward', 1395), ('backward', 1380), ('forward', 1365), ('backward', 1350), ('backward', 1410)],
[('forward', 1395), ('backward', 1380), ('forward', 1365), ('backward', 1350), ('forward', 1410), ('backward', 1395), ('forward', 1380), ('backward', 1365)],
]
# a comment
# line 2
# perseus-plan provenance: {"tool": "perseus-plan 0.1.0", "stages": 3, "microbatches": 4, "blocking_power": 83.64}
