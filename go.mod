module nowrongdoor

go 1.26
