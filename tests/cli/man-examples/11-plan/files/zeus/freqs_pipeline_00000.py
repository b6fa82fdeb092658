[
[('forward', 1170), ('forward', 1005), ('forward', 1005), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1020), ('backward', 1020), ('backward', 1200)],
[('forward', 1170), ('forward', 1005), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1020), ('backward', 1200)],
[('forward', 1170), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('forward', 1005), ('backward', 1020), ('backward', 1200)],
[('forward', 1170), ('backward', 1200), ('forward', 1170), ('backward', 1200), ('forward', 1170), ('backward', 1200), ('forward', 1170), ('backward', 1200), ('forward', 1170), ('backward', 1200), ('forward', 1170), ('backward', 1200), ('forward', 1170), ('backward', 1200), ('forward', 1170), ('backward', 1200)],
]
# perseus-plan frontier point 482: time 1.7295402 s, energy 1470.75871 J
