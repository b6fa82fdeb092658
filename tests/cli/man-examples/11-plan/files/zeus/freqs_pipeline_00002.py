[
[('forward', 1275), ('forward', 1005), ('forward', 1005), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1020), ('backward', 1020), ('backward', 1305)],
[('forward', 1275), ('forward', 1005), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1020), ('backward', 1305)],
[('forward', 1275), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1305)],
[('forward', 1275), ('backward', 1305), ('forward', 1275), ('backward', 1305), ('forward', 1275), ('backward', 1305), ('forward', 1275), ('backward', 1290), ('forward', 1275), ('backward', 1290), ('forward', 1275), ('backward', 1290), ('forward', 1260), ('backward', 1290), ('forward', 1275), ('backward', 1305)],
]
# perseus-plan frontier point 752: time 1.6285627 s, energy 1488.22447 J
