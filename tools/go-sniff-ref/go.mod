module gosniffref

go 1.19
