# NPS segments: promoters, passives, detractors
nps <- list(APAC = c(25, 15, 10), EU = c(50, 30, 20), US = c(40, 30, 30))
aw <- function(k) { n <- sum(k) + 3; p <- (k[1] + .75)/n; d <- (k[3] + .75)/n; c(p - d, (p + d - (p - d)^2)/n) }
ztest <- function(a, b) { A <- aw(a); B <- aw(b); z <- (B[1] - A[1])/sqrt(A[2] + B[2]); 2*pnorm(-abs(z)) }
nm <- names(nps); tot <- Reduce(`+`, nps)
prest <- sapply(nm, function(s) ztest(tot - nps[[s]], nps[[s]]))
ppair <- c(ztest(nps$EU, nps$APAC), ztest(nps$US, nps$APAC), ztest(nps$US, nps$EU))
cat("NPS rest p", sprintf("%.17g", prest), "\n")
cat("NPS rest holm", sprintf("%.17g", p.adjust(prest, "holm")), "\n")
cat("NPS pair p", sprintf("%.17g", ppair), "\n")
cat("NPS pair BH", sprintf("%.17g", p.adjust(ppair, "BH")), "\n")
# CSAT: satisfied of total
x <- c(APAC = 40, EU = 80, US = 60); n <- c(APAC = 50, EU = 100, US = 100)
prest <- sapply(names(x), function(s) prop.test(c(x[s], sum(x) - x[s]), c(n[s], sum(n) - n[s]), correct = FALSE)$p.value)
ppair <- c(prop.test(x[c("APAC","EU")], n[c("APAC","EU")], correct=FALSE)$p.value,
           prop.test(x[c("APAC","US")], n[c("APAC","US")], correct=FALSE)$p.value,
           prop.test(x[c("EU","US")], n[c("EU","US")], correct=FALSE)$p.value)
cat("CSAT rest p", sprintf("%.17g", prest), "\n")
cat("CSAT rest BH", sprintf("%.17g", p.adjust(prest, "BH")), "\n")
cat("CSAT pair p", sprintf("%.17g", ppair), "\n")
cat("CSAT pair holm", sprintf("%.17g", p.adjust(ppair, "holm")), "\n")
# CES on 1-7: counts of 1..7
ces <- list(APAC = c(1, 2, 3, 4, 10, 12, 8), EU = c(3, 5, 8, 10, 12, 8, 4), US = c(0, 1, 2, 5, 9, 15, 18))
v <- lapply(ces, function(k) rep(1:7, k)); all <- unlist(v)
rest <- function(s) unlist(v[setdiff(names(v), s)])
tt <- lapply(names(v), function(s) t.test(v[[s]], rest(s)))
cat("CES rest diff", sprintf("%.17g", sapply(tt, function(t) t$estimate[1] - t$estimate[2])), "\n")
cat("CES rest p", sprintf("%.17g", sapply(tt, function(t) t$p.value)), "\n")
cat("CES rest df", sprintf("%.17g", sapply(tt, function(t) t$parameter)), "\n")
cat("CES rest holm", sprintf("%.17g", p.adjust(sapply(tt, function(t) t$p.value), "holm")), "\n")
pp <- c(t.test(v$APAC, v$EU)$p.value, t.test(v$APAC, v$US)$p.value, t.test(v$EU, v$US)$p.value)
cat("CES pair p", sprintf("%.17g", pp), "\n")
cat("CES pair BH", sprintf("%.17g", p.adjust(pp, "BH")), "\n")
