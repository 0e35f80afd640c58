module sloe.dev/bench/go-template

go 1.19
