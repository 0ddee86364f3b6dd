module github.com/cxmetrics/cxmetrics

go 1.24
