[[('forward' 1410)]]
