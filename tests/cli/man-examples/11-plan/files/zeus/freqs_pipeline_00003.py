[
[('forward', 1320), ('forward', 1005), ('forward', 1005), ('forward', 1005), ('backward', 1035), ('forward', 1005), ('backward', 1035), ('forward', 1020), ('backward', 1035), ('forward', 1020), ('backward', 1035), ('forward', 1005), ('backward', 1020), ('backward', 1020), ('backward', 1020), ('backward', 1365)],
[('forward', 1335), ('forward', 1005), ('forward', 1005), ('backward', 1065), ('forward', 1035), ('backward', 1065), ('forward', 1035), ('backward', 1065), ('forward', 1035), ('backward', 1065), ('forward', 1050), ('backward', 1065), ('forward', 1050), ('backward', 1020), ('backward', 1020), ('backward', 1365)],
[('forward', 1335), ('forward', 1005), ('backward', 1065), ('forward', 1005), ('backward', 1035), ('forward', 1005), ('backward', 1035), ('forward', 1005), ('backward', 1020), ('forward', 1020), ('backward', 1020), ('forward', 1020), ('backward', 1020), ('forward', 1050), ('backward', 1020), ('backward', 1365)],
[('forward', 1335), ('backward', 1365), ('forward', 1335), ('backward', 1365), ('forward', 1320), ('backward', 1350), ('forward', 1320), ('backward', 1350), ('forward', 1320), ('backward', 1350), ('forward', 1320), ('backward', 1350), ('forward', 1320), ('backward', 1350), ('forward', 1335), ('backward', 1365)],
]
# perseus-plan frontier point 918: time 1.5781824 s, energy 1516.44233 J
