[[('for\\ward', 1410, ), ('a\n', 1)], [(1, 2)]]  # trailing
