[
[('forward', 1215), ('forward', 1005), ('forward', 1005), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1020), ('backward', 1020), ('backward', 1245)],
[('forward', 1230), ('forward', 1005), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1020), ('backward', 1245)],
[('forward', 1230), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1245)],
[('forward', 1230), ('backward', 1245), ('forward', 1230), ('backward', 1245), ('forward', 1230), ('backward', 1245), ('forward', 1230), ('backward', 1245), ('forward', 1230), ('backward', 1245), ('forward', 1230), ('backward', 1245), ('forward', 1215), ('backward', 1245), ('forward', 1215), ('backward', 1245)],
]
# perseus-plan frontier point 616: time 1.6788922 s, energy 1474.64671 J
