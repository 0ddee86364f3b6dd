# The figures of the report on the embedded sample by base R, apart from
# cxmetrics: the key drivers (relative weights by eigen, as Johnson 2000),
# the NPS trend (weighted least squares on the adjusted-Wald scores), the
# CSAT trend (prop.trend.test) and Holm (p.adjust). Run from
# examples/cxreport: Rscript testdata/check_sample.R
d <- read.csv("sample/answers.csv")
n <- d[d$question == "nps", ]
x <- n[complete.cases(n[, c("support","price","onboarding","product")]), ]
cat("respondents", nrow(n), "complete", nrow(x), "\n")
R <- cor(x[, c("score","support","price","onboarding","product")])
Rxx <- R[-1,-1]; rxy <- R[-1,1]
e <- eigen(Rxx, symmetric=TRUE)
L <- e$vectors %*% diag(sqrt(e$values)) %*% t(e$vectors)
b <- solve(L, rxy)
eps <- (L^2) %*% (b^2)
r2 <- sum(eps)
print(round(c(R2=r2, share=100*eps/r2), 4))
print(round(colMeans(x[, c("support","price","onboarding","product")]), 4))
print(round(rxy,4))
print(summary(lm(score ~ support+price+onboarding+product, x))$r.squared)
# NPS trend: WLS on adjusted-Wald scores with known variances
months <- substr(n$date, 1, 7)
tab <- sapply(sort(unique(months)), function(m) { s <- n$score[months==m]; c(p=sum(s>=9), pa=sum(s>=7 & s<=8), d=sum(s<=6)) })
nn <- colSums(tab) + 3
y <- 100*((tab["p",]+0.75) - (tab["d",]+0.75))/nn
v <- 100^2*(((tab["p",]+0.75)+(tab["d",]+0.75))/nn - (y/100)^2)/nn
w <- 1/v; t <- seq_along(y)
tb <- sum(w*t)/sum(w); stt <- sum(w*(t-tb)^2); slope <- sum(w*(t-tb)*y)/stt; se <- 1/sqrt(stt)
cat("NPS trend", slope, slope-qnorm(.975)*se, slope+qnorm(.975)*se, 2*pnorm(-abs(slope/se)), "\n")
c2 <- d[d$question=="csat",]; mc <- substr(c2$date,1,7)
xs <- tapply(c2$score>=4, mc, sum); ns <- tapply(c2$score, mc, length)
print(prop.trend.test(xs, ns))
print(p.adjust(c(0.3249, 0.1409, 0.0326), "holm"))  # the raw p of the NPS segments against the rest, from the JSON
