[[('unterminated, 1)]]
