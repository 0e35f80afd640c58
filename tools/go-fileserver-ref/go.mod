module sloe/tools/go-fileserver-ref

go 1.19
