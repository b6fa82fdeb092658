[
[('forward', 1260), ('forward', 1005), ('forward', 1005), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1020), ('backward', 1020), ('backward', 1275)],
[('forward', 1260), ('forward', 1005), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1020), ('backward', 1275)],
[('forward', 1260), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1275)],
[('forward', 1260), ('backward', 1275), ('forward', 1260), ('backward', 1275), ('forward', 1260), ('backward', 1275), ('forward', 1260), ('backward', 1275), ('forward', 1245), ('backward', 1275), ('forward', 1245), ('backward', 1275), ('forward', 1245), ('backward', 1275), ('forward', 1245), ('backward', 1275)],
]
# perseus-plan frontier point 697: time 1.6499453 s, energy 1481.02586 J
