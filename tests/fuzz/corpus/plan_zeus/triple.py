[[('forward', 1410, 3)]]
