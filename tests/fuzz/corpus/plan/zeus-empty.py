# comment

  [[], [], ]