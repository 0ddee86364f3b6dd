package main

import (
	"math"
)

// Report is everything cxreport reports; the JSON output is this struct.
// doc.go describes each field.
type Report struct {
	Confidence float64        `json:"confidence"`
	Surveys    *SurveyReport  `json:"surveys,omitempty"`
	Revenue    *RevenueReport `json:"revenue,omitempty"`
}

// SurveyReport holds the survey metrics of one answers file.
type SurveyReport struct {
	Source      string         `json:"source"`
	Rows        int64          `json:"rows"`
	Skipped     int64          `json:"skipped"`      // bad rows skipped with -skip-bad
	Empty       int64          `json:"empty"`        // rows whose answer was empty: skipped questions
	SkippedRows []SkippedRow   `json:"skipped_rows"` // the first of them, with why
	Period      string         `json:"period"`       // "month" or "quarter"
	Adjustment  string         `json:"adjustment"`   // of the p-values of many comparisons (-adjust): Holm, Benjamini-Hochberg, Bonferroni or none
	Metrics     []Metric       `json:"metrics"`
	Drivers     *DriversReport `json:"drivers,omitempty"` // with -driver-cols: report_drivers.go
}

// SkippedRow is a row that -skip-bad skipped: where, and why.
type SkippedRow struct {
	Line   int64  `json:"line"`
	Reason string `json:"reason"`
}

// Metric is one of NPS, CSAT and CES: by period, by segment, and the
// change between the last two periods.
type Metric struct {
	Name           string   `json:"name"`  // "nps", "csat" or "ces"
	Scale          string   `json:"scale"` // the answer scale, "0-10"
	Unit           string   `json:"unit"`
	Interval       string   `json:"interval"` // the interval's method
	Periods        []Figure `json:"periods"`
	Segments       []Figure `json:"segments"`
	Change         *Change  `json:"change"`
	SegmentChanges []Change `json:"segment_changes"`
	// The tests across many segments and periods: report_compare.go.
	ChangesNote  string        `json:"segment_changes_note,omitempty"` // how their p-values were adjusted
	SegmentTests *SegmentTests `json:"segment_tests"`                  // null without 2 segments
	Trend        *TrendFigure  `json:"trend"`                          // null with fewer than 3 consecutive periods
	TrendNote    string        `json:"trend_note,omitempty"`           // why there is no trend
}

// Figure is one metric over one set of answers: a period (all segments)
// or a segment (all periods).
type Figure struct {
	Period  string           `json:"period,omitempty"`
	Segment string           `json:"segment,omitempty"`
	Answers int64            `json:"answers"`
	Score   float64          `json:"score"`
	Lo      *float64         `json:"lo"` // null when there is no interval
	Hi      *float64         `json:"hi"`
	Counts  map[string]int64 `json:"counts"`
	// CES only: percent easy, and easy minus difficult in points.
	EasyPercent *float64 `json:"easy_percent,omitempty"`
	Net         *float64 `json:"net,omitempty"`

	result any // the library's result, for comparisons
}

// Change is the change of a metric from one period to the next.
type Change struct {
	Segment     string   `json:"segment,omitempty"`
	From        string   `json:"from"`
	To          string   `json:"to"`
	Diff        float64  `json:"diff"`
	Lo          float64  `json:"lo"`
	Hi          float64  `json:"hi"`
	P           float64  `json:"p"`
	AdjustedP   *float64 `json:"adjusted_p,omitempty"` // in segment_changes: P adjusted over them (-adjust)
	Significant bool     `json:"significant"`          // AdjustedP, or P, below 1 − confidence
}

// RevenueReport holds the MRR movements and cohorts of one MRR file.
// Amounts are in cents.
type RevenueReport struct {
	Source      string          `json:"source"`
	Rows        int64           `json:"rows"`
	Skipped     int64           `json:"skipped"`
	SkippedRows []SkippedRow    `json:"skipped_rows"`
	Excluded    []string        `json:"excluded"` // customers left out: a row of theirs was skipped
	Customers   int             `json:"customers"`
	Combine     string          `json:"combine"`           // how rows of one customer and month combine: sum, last or "one day"
	Opening     *OpeningBook    `json:"opening,omitempty"` // with -opening: the first month, as a book
	Periods     []RevenueFigure `json:"periods"`
	Cohorts     []Cohort        `json:"cohorts"`
	Retention   *Retention      `json:"retention"`                  // null when no customer's first payment is known
	NoRetention string          `json:"retention_absent,omitempty"` // why retention is null
}

// OpeningBook is the first month of an export that starts in the middle
// of a business's life (-opening): what its customers paid when the
// records begin, not new business.
type OpeningBook struct {
	Period    string `json:"period"`
	Customers int64  `json:"customers"`
	MRR       int64  `json:"mrr"`
	ARR       *int64 `json:"arr"` // null past int64
}

// RevenueFigure is one month of MRR movements and customer counts.
type RevenueFigure struct {
	Period         string   `json:"period"`
	Start          int64    `json:"mrr_start"`
	New            int64    `json:"new"`
	Reactivation   int64    `json:"reactivation"`
	Expansion      int64    `json:"expansion"`
	Contraction    int64    `json:"contraction"`
	Churned        int64    `json:"churned"`
	End            int64    `json:"mrr_end"`
	CustomersStart int64    `json:"customers_start"`
	CustomersNew   int64    `json:"customers_new"`
	CustomersLost  int64    `json:"customers_lost"`
	CustomersEnd   int64    `json:"customers_end"`
	ARR            *int64   `json:"arr"`         // 12 × mrr_end; null past int64
	Churn          *float64 `json:"churn"`       // customer churn, percent; null when the month starts with none
	NRR            *float64 `json:"nrr"`         // null when the month starts at 0
	GRR            *float64 `json:"grr"`         // null when the month starts at 0
	QuickRatio     *float64 `json:"quick_ratio"` // null when nothing was lost
}

// Cohort is the customers who first paid in one month, followed month by
// month.
type Cohort struct {
	Cohort           string    `json:"cohort"`
	Customers        []int64   `json:"customers"`
	MRR              []int64   `json:"mrr"`
	LogoRetention    []float64 `json:"logo_retention"`    // null for a cohort of no customers
	RevenueRetention []float64 `json:"revenue_retention"` // null for a cohort of no customers
}

// Retention is how long customers stay: the Kaplan–Meier curve of their
// first spells, by age in months, and the shifted-beta-geometric (sBG)
// model fitted to them and projected. Survival is in percent.
type Retention struct {
	Spells    string         `json:"spells"`    // what a lifetime is, in words
	Customers int64          `json:"customers"` // lifetimes: customers whose first payment is known
	Churned   int64          `json:"churned"`   // of them, those who have churned
	Censored  int64          `json:"censored"`  // those still paying in the last month
	MaxAge    int            `json:"max_age"`   // the longest lifetime observed, in months
	Curve     []SurvivalAge  `json:"curve"`     // ages 1 to max_age
	Median    *MedianAge     `json:"median"`    // null while survival stays above 50%
	SBG       *SBGProjection `json:"sbg"`       // null when the model does not fit
	NoSBG     string         `json:"sbg_absent,omitempty"`
}

// SurvivalAge is the Kaplan–Meier curve at one age, in months since the
// first payment. An age at which nobody churned repeats the survival of
// the age before: the curve is a step function.
type SurvivalAge struct {
	Age      int     `json:"age"`
	AtRisk   int64   `json:"at_risk"`  // customers whose lifetime reaches this age
	Churned  int64   `json:"churned"`  // of them, those who stopped paying at it
	Censored int64   `json:"censored"` // those still paying in the last month, at this age
	Survival float64 `json:"survival"` // percent still paying at this age
	StdErr   float64 `json:"std_err"`  // Greenwood's, in percentage points
	Lo       float64 `json:"lo"`       // the log-log interval, percent
	Hi       float64 `json:"hi"`
}

// MedianAge is the median lifetime in months, with its interval (Brookmeyer
// and Crowley); a limit the data do not reach is null.
type MedianAge struct {
	Age float64  `json:"age"`
	Lo  *float64 `json:"lo"`
	Hi  *float64 `json:"hi"`
}

// SBGProjection is the shifted-beta-geometric model fitted to the
// lifetimes: its parameters, its survival at the ages observed beside the
// curve's, the next months projected, and what a customer is worth by it.
type SBGProjection struct {
	Alpha         float64       `json:"alpha"`
	AlphaSE       float64       `json:"alpha_se"` // standard error
	Beta          float64       `json:"beta"`
	BetaSE        float64       `json:"beta_se"`
	LogLikelihood float64       `json:"log_likelihood"`
	Fitted        []AgeSurvival `json:"fitted"`     // ages 0 to max_age
	Projection    []AgeSurvival `json:"projection"` // the next 12 ages
	Value         *SBGValue     `json:"value"`      // null when it does not exist
	NoValue       string        `json:"value_absent,omitempty"`
}

// AgeSurvival is a survival in percent at an age in months.
type AgeSurvival struct {
	Age      int     `json:"age"`
	Survival float64 `json:"survival"`
}

// SBGValue is what the sBG model says a customer is worth, in revenue
// (no margin taken off), discounted at Discount percent a month.
type SBGValue struct {
	Discount float64         `json:"discount"` // percent per month (-discount)
	ARPA     int64           `json:"arpa"`     // cents: the last month's MRR per paying customer
	Lifetime float64         `json:"lifetime"` // discounted expected lifetime of a new customer, months
	Value    int64           `json:"value"`    // cents: ARPA × lifetime
	Residual []ResidualValue `json:"residual"` // of customers who have stayed a while
}

// ResidualValue is what a customer of a given age is still expected to
// pay, from their next month on, discounted.
type ResidualValue struct {
	Age      int     `json:"age"`      // months since the first payment (renewals made)
	Lifetime float64 `json:"lifetime"` // discounted expected residual lifetime, months
	Value    int64   `json:"value"`    // cents: ARPA × lifetime
}

func ptr[T any](x T) *T { return &x }

// round rounds x to 4 decimals, so that the JSON output is the same on
// every platform (some fuse multiply and add, and differ in the last bit).
func round(x float64) float64 {
	return math.Round(x*1e4) / 1e4
}
