# R's survfit on the lifetimes km_lifetimes.py writes: the time of the
# fit alone (the CSV read is not counted), and the curve at the ages
# mrrbench -km prints.
#
#	Rscript km_survfit.R /tmp/lifetimes.csv
library(survival)
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
t <- system.time(fit <- survfit(Surv(time, status) ~ 1, data = d, conf.type = "log-log"))
s <- summary(fit, times = c(1, 3, 6, 12, 18, 23))
print(data.frame(time = s$time, n.risk = s$n.risk, surv = s$surv, std.err = s$std.err, lower = s$lower, upper = s$upper), digits = 7)
print(quantile(fit, 0.5))
cat(sprintf("survfit_seconds=%.3f (elapsed %.3f)\n", t[["user.self"]] + t[["sys.self"]], t[["elapsed"]]))
