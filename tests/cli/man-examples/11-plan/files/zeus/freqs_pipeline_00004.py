[
[('forward', 1410), ('forward', 1005), ('forward', 1005), ('forward', 1005), ('backward', 1080), ('forward', 1050), ('backward', 1080), ('forward', 1050), ('backward', 1080), ('forward', 1065), ('backward', 1080), ('forward', 1050), ('backward', 1020), ('backward', 1020), ('backward', 1035), ('backward', 1410)],
[('forward', 1410), ('forward', 1005), ('forward', 1005), ('backward', 1110), ('forward', 1050), ('backward', 1125), ('forward', 1080), ('backward', 1110), ('forward', 1095), ('backward', 1110), ('forward', 1110), ('backward', 1095), ('forward', 1110), ('backward', 1020), ('backward', 1035), ('backward', 1410)],
[('forward', 1410), ('forward', 1005), ('backward', 1125), ('forward', 1005), ('backward', 1095), ('forward', 1020), ('backward', 1080), ('forward', 1035), ('backward', 1080), ('forward', 1065), ('backward', 1065), ('forward', 1080), ('backward', 1050), ('forward', 1125), ('backward', 1035), ('backward', 1410)],
[('forward', 1410), ('backward', 1410), ('forward', 1410), ('backward', 1410), ('forward', 1410), ('backward', 1410), ('forward', 1410), ('backward', 1410), ('forward', 1410), ('backward', 1410), ('forward', 1410), ('backward', 1410), ('forward', 1410), ('backward', 1410), ('forward', 1410), ('backward', 1410)],
]
# perseus-plan frontier point 1098: time 1.527936 s, energy 1568.30993 J
