module goservemuxref

go 1.19
