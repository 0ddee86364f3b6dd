// Package cxmetrics computes customer-experience and SaaS retention
// metrics, correctly and fast: the Net Promoter Score, CSAT, the Customer
// Effort Score and the CX Index from survey answers, with intervals, tests
// across many segments, trends and key drivers; customer retention and
// churn; revenue retention, revenue churn and the quick ratio from
// recurring revenue; MRR movements and cohort tables from per-customer
// revenue history; retention curves (Kaplan–Meier, the log-rank test, the
// shifted-beta-geometric model); lifetime value, in closed form and from
// the probabilistic models of purchases (BG/NBD, MBG/NBD, Pareto/NBD,
// BG/BB, Gamma-Gamma); and customer health scores.
//
// # Where to start
//
// By what you have:
//
//   - Survey answers: tally them with [Tally] (a slice) or [NewSurvey] and
//     [Survey.Add], then ask the [Survey] for [NPS], [CSAT], [CES] or
//     [CXIndex]; each result has an Interval, and [CompareNPS],
//     [CompareCSAT] and [CompareCES] say whether a change is more than
//     noise. Weighted answers: [NewWeightedSurvey].
//   - Respondent-level answers with attribute ratings (support, price,
//     onboarding) beside the NPS or CSAT answer: a [Drivers] accumulator
//     ([NewDrivers], [Drivers.Add], [Drivers.Merge]) streams them in
//     O(drivers²) memory, and [RelativeWeights] or [ShapleyRegression]
//     say which attributes drive the outcome, with each one's mean rating
//     for the importance × performance quadrant;
//     [BootstrapRelativeWeights] gives intervals from the rows.
//   - Survey answers by segment (region, plan, channel): [CompareSegmentsNPS],
//     [CompareSegmentsCSAT] and [CompareSegmentsCES] compare each segment
//     with the rest and every pair, with p-values adjusted for multiple
//     comparisons ([Holm], [BenjaminiHochberg]; [AdjustP] for p-values of
//     your own) beside the raw ones.
//   - Survey results by period: [NPSTrend], [CSATTrend] (Cochran–Armitage)
//     and [CESTrend] say whether a figure is moving over months, not just
//     between the last two; [CompareNPSToBenchmark] tests an NPS against
//     an industry's score; [CXIndexOf] builds a CX Index of your own 1-5
//     questions.
//   - Customer counts of a period: a [Period], then [RetentionRate],
//     [ChurnRate], [AnnualizeChurn]; churn measured over any window:
//     [ConvertChurn].
//   - A billing export with dates (customer, date, MRR, plan): an
//     [MRRLedger] over a [Calendar] ([NewMRRLedger], [MRRLedger.AddEntry],
//     [OpeningBalance] for an export that starts mid-life) gives each
//     period's movements with its label ([MRRLedger.Periods]), MRR, ARR
//     and ARPA ([LedgerPeriod]), each segment's movements with transfers
//     ([MRRLedger.Segments]), NRR and GRR over any span
//     ([MRRLedger.TrailingRetention]) and dated cohorts. Daily snapshots:
//     [CombineRecords] with [LastDay].
//   - Recurring revenue per customer and numbered period, as a stream: an
//     [MRRHistory] ([NewMRRHistory], [MRRHistory.Add]) gives each period's
//     [RevenuePeriod] ([MRRHistory.Movements]) and the [CohortTable]
//     ([MRRHistory.Cohorts]); rows sorted by period take memory for the
//     customers, not the rows.
//   - How long customers stay: [MRRHistory.Lifetimes] or
//     [MRRLedger.Lifetimes] (or your own [Lifetime] values) give the
//     lifetimes, censored where customers still pay, [KaplanMeierCounts]
//     or [KaplanMeier] the retention curve with its intervals
//     ([SurvivalCurve.At], [SurvivalCurve.Median]), and [LogRank] tests
//     whether groups stay equally long.
//   - Revenue totals of a period: a [RevenuePeriod], then
//     [NetRevenueRetention], [GrossRevenueRetention], [QuickRatio].
//   - Unit economics: [LifetimeValue], [LTVToCAC], [CACPayback].
//   - Subscription cohorts' survivor counts: [FitShiftedBetaGeometric]
//     fits a [ShiftedBetaGeometric] retention curve to one cohort or many
//     of different ages, which projects survival and retention and gives
//     the lifetime and residual value of new and old customers
//     ([ShiftedBetaGeometric.LifetimeValue],
//     [ShiftedBetaGeometric.ResidualValue]).
//   - Purchases without contracts (a shop, donations, usage billing):
//     [Transactions] turns raw purchases into each customer's [RFM] with a
//     calibration/holdout split; [FitBGNBD], [FitMBGNBD] or
//     [FitParetoNBD] fit how often customers buy and when they stop,
//     [FitBGBB] does it for discrete occasions, [FitGammaGamma] fits what
//     they spend, and [ExpectedLifetimeValue] discounts the two over a
//     [CLVHorizon].
//   - Account signals: [HealthScore].
//
// Each formula is documented with its source, its range and its special
// cases. Where published definitions disagree (NPS on "1 to 10", churn
// that ignores new customers, revenue churn with the sign of new revenue
// flipped), the documentation of the function says which definition it
// follows and why.
//
// # Units
//
// One rule throughout: a share of something observed is in percent, a
// probability is a fraction. Every score, rate and share, returned or
// taken, is a float64 in percent: CSAT from 0 to 100, retention and churn
// from 0 to 100, a margin or a discount rate of 80 for 80%, net revenue
// retention possibly above 100. NPS and the other net scores are in points
// from -100 to 100. A confidence, a significance level (alpha) and a
// p-value are fractions in (0, 1), such as 0.95 and 0.05. Money is int64 in
// minor units of one currency (cents), so that a period's revenue
// movements balance exactly. Counts are int64. No result is rounded:
// format it as you need.
//
// A fraction passed for a percent is refused wherever it cannot be a real
// value, rather than read as a figure 100 times too small. A gross margin
// below 1% ([LifetimeValue], [DiscountedLifetimeValue], [CACPayback]) and
// an annual churn rate below 1%, given ([PeriodicChurn]) or implied by a
// rate over a period or window ([AnnualizeChurn], [ConvertChurn]), are
// [ErrOutOfRange] with a message that names the percent probably meant:
// no business earns a margin of 0.8% or loses 0.6% of its customers a
// year, while 0.8 and 0.05 are what fractions of 80% and 5% look like.
// Where a small percent is real, the value is taken as it is: a monthly
// churn of 0.5% or a monthly discount rate of 0.8% (10% a year) cannot be
// told from a fraction, so there the parameter's name and this rule are
// the guard. A rule applied by range keeps every signature a plain
// float64, as in the rest of the package, where typed percents would make
// each call convert.
//
// Counts and money are added up exactly in int64, and a count or sum that
// would pass math.MaxInt64 is [ErrOverflow], never a wrapped value.
// Floating point enters only at the end: a percent figure is computed as
// 100 × (float64(a) / float64(b)) from the exact integers. For counts up
// to 2⁵³ the conversions are exact and the figure is within 2 units in
// the last place of the exact value; past 2⁵³ up to math.MaxInt64 the two
// conversions add one rounding each, and the figure stays within 4 units
// in the last place (a relative error below 5e-16), so large counts give
// the right answer, not an error.
//
// # Errors
//
// A function either returns a finite result or an error; it never panics
// on data and never returns NaN, an infinity, a silent zero or −0 (a zero
// given as −0 gives 0). Every error wraps one of the sentinel errors
// ([ErrOutOfRange], [ErrNoResponses], [ErrScaleMismatch], …) with the
// offending value in its message, so callers branch with [errors.Is] and
// log the message as it is. A figure that does not exist for its inputs
// (a rate of a period that starts at zero, a figure of no answers, a quick
// ratio of a month that lost nothing) is an error that wraps
// [ErrUndefined] as well as its cause, so that a report shows "—" for it
// and goes on, while wrong data stops it.
//
// A call that fails changes nothing: [Tally] that meets one bad answer
// tallies none, a decoder that meets bad data leaves its value as it was,
// and an [MRRHistory] whose add fails, even while it closes a period, is
// as it was before the add. The one exception is [MRRHistory.AddRecords],
// which consumes a sequence that cannot be rewound: the records before a
// bad one stay added, and its [RecordError] says how many they are.
//
// # Memory
//
// Memory follows what a value has been given, never what it was declared
// to hold: a [Survey] holds one count per point of its scale, an
// [MRRHistory] a few bytes per customer, record or observed period (its
// documentation gives the formula), and the number of periods it is
// created for is a limit, not an allocation. Where a limit is needed
// ([MaxScalePoints], [MaxPeriods], [MaxCohortPeriods]), it is checked
// before anything is allocated, and passing it is an error that names the
// value and the limit, so that no input can make a process run out of
// memory. Every metric of an existing Survey, Period or RevenuePeriod is
// O(1) or O(scale points) and allocates nothing. The package starts no
// goroutine.
//
// # Survey answers
//
// A [Survey] is a tally of the answers to one question on one [Scale]: a
// histogram, not a list. Build it with [NewSurvey] and [Survey.Add], or in
// one pass over a slice with [Tally]. Surveys on the same scale merge
// exactly ([Survey.Merge]) and encode to JSON and to a compact binary form,
// so tallies can be kept per shard, per day or per goroutine, stored, sent,
// and added up later in any order, inside a distributed engine's combiner
// as well as in one process.
//
// Which metric answers which question:
//
//   - [NPS]: would customers recommend us? Loyalty, on the 0-10 scale only.
//   - [CSAT], [CSATTopBox]: were customers satisfied with this interaction?
//     Percent in the top boxes of any scale.
//   - [CES]: how easy was it to get an issue handled? Effort, in either of
//     the two directions in use ([Direction]).
//   - [CXIndex]: how good is the experience overall? Forrester's original
//     three-question index on 1-5.
//   - [Survey.Mean]: the mean answer, a different figure from CSAT.
//
// # Retention and revenue
//
// [RetentionRate] and [ChurnRate] follow customers through a [Period]
// (customers at the start S, at the end E, and new N) and always add up to
// 100; [AnnualizeChurn] compounds and never multiplies. A [RevenuePeriod]
// holds recurring revenue in minor units with ChartMogul's movements (new,
// expansion, contraction, churned, reactivation). A period given with its
// movements must balance ([ErrUnbalanced] otherwise); a period in totals
// form (Start, End and New only) gives [NetRevenueRetention] and net churn
// but [ErrNoMovements] for the figures that need the breakdown
// ([GrossRevenueRetention], [QuickRatio]). Every period of an [MRRHistory]
// has its breakdown, even a steady month in which nothing moved
// ([RevenuePeriod.HasBreakdown]): its GRR is 100%.
//
// # Lifetime value and health
//
// [LifetimeValue] and [CACPayback] take rates in percent, all per the same
// period. [HealthScore] takes the weighted mean of the known 0-100 signals
// (NaN is unknown) and bands it with Gainsight's 50/75 cutoffs
// ([HealthBands]); [NormalizeSignal] turns raw measures into signals.
//
// # MRR movements and cohorts
//
// [MRRHistory] takes each customer's recurring revenue period by period
// (records, snapshots or an iterator; in any order, or in period order for
// a few bytes per customer) and yields, for every period, a balanced
// [RevenuePeriod] with ChartMogul's movements and a customer [Period], in
// which reactivated customers count as new so that [Period.Lost] is the
// customers who stopped paying. [NetRevenueRetention],
// [GrossRevenueRetention] and the other revenue functions apply to each
// period as it is. A [CohortTable] groups customers by their first paying
// period; its cells for periods that have not happened are absent, never 0.
//
// # Retention curves
//
// A cohort table cannot pool young cohorts with old ones: a customer who
// joined three periods ago has not had the chance to stay twelve, and is
// right-censored, not churned. [KaplanMeier] (Kaplan and Meier 1958)
// estimates the survival function S(t), the probability of still being a
// customer at age t, from lifetimes some of which are censored, with
// Greenwood's (1926) standard errors and log-log intervals (Kalbfleisch
// and Prentice 1980), as R's survfit does; [LogRank] (Mantel 1966; Peto
// and Peto 1972) tests whether groups have one survival function, as
// R's survdiff. S(t) is a probability, so a fraction from 0 to 1, as are
// its standard error and interval; ages are in the unit of the
// lifetimes, periods for those of an [MRRHistory]. A customer who stops
// paying and later pays again ends a spell at the churn; whether the
// return starts a new one is the caller's choice ([Spells]).
//
// # Uncertainty
//
// Every sampled figure comes with its uncertainty. [NPSResult.Interval]
// gives the adjusted-Wald interval of Rocks (2016), [CSATResult.Interval]
// the Wilson score interval, and [CESResult.Interval] a Student's t interval
// for the mean answer. [CompareNPS], [CompareCSAT] and [CompareCES] test
// whether a change between two independent samples is more than noise; each
// returns the signed difference b − a, its standard error, the statistic, a
// two-sided p-value and an interval for the difference. [NPSSampleSize] and
// [CSATSampleSize] plan how many answers a margin needs. [WeightedSurvey]
// tallies answers with sampling weights, and its intervals use Kish's
// effective sample size. A confidence is a fraction in (0, 1), such as
// 0.95; anything else is [ErrInvalidArgument].
//
// Many tests at once raise false alarms: twenty at 5% on data with no
// difference find one on average. The segment comparisons report each
// p-value beside its adjustment by Holm (the chance of any false alarm)
// or Benjamini–Hochberg (the share of false alarms among the findings),
// and their Significant methods read the adjusted one. A trend
// ([NPSTrend], [CSATTrend], [CESTrend]) returns the slope per period with
// its interval and p-value.
//
// # Concurrency
//
// Functions are safe for concurrent use. A [Survey], [WeightedSurvey] or
// [MRRHistory] is not: give each goroutine its own and merge them (or, for
// histories, add up their periods) when they are done. Result structs are
// plain values.
//
// # Sources
//
//   - NPS: Reichheld, [The One Number You Need to Grow], Harvard Business
//     Review, 2003; Bain & Company, [Net Promoter System].
//   - CES: Dixon, Freeman and Toman, [Stop Trying to Delight Your
//     Customers], Harvard Business Review, 2010; CEB, The Effortless
//     Experience, 2013 (CES 2.0).
//   - CX Index: Forrester's original Customer Experience Index; the current
//     Forrester CX Index is proprietary and not reproduced here.
//   - Revenue movements, NRR, GRR, net MRR churn and LTV: ChartMogul's
//     definitions; subscriber churn: Stripe's.
//   - Health scores: Gainsight's weighted scorecard and its default bands.
//   - Intervals and tests: Rocks 2016 (The American Statistician) for NPS;
//     Wilson 1927 and Newcombe 1998 for proportions; Welch 1947.
//   - Survival: Kaplan and Meier 1958 (JASA 53, 457–481); Greenwood 1926;
//     Kalbfleisch and Prentice, The Statistical Analysis of Failure Time
//     Data, 1980, for the log-log interval; Brookmeyer and Crowley 1982
//     for the median's; Mantel 1966 and Peto and Peto 1972 for the
//     log-rank test.
//   - Multiple comparisons: Holm 1979 (Scandinavian Journal of
//     Statistics); Benjamini and Hochberg 1995 (JRSS B); R's p.adjust.
//   - Trends: Cochran 1954 and Armitage 1955 (Biometrics), R's
//     prop.trend.test; weighted least squares with known variances.
//
// [The One Number You Need to Grow]: https://hbr.org/2003/12/the-one-number-you-need-to-grow
// [Net Promoter System]: https://www.netpromotersystem.com/about/measuring-your-net-promoter-score/
// [Stop Trying to Delight Your Customers]: https://hbr.org/2010/07/stop-trying-to-delight-your-customers
package cxmetrics
