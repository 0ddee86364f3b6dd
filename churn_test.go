package cxmetrics_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

func TestChurnRate(t *testing.T) {
	for _, tc := range periodCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.ChurnRate(tc.p)
			checkPeriodFigure(t, tc, tc.churn, got, err)
		})
	}
}

func TestStripeChurnRate(t *testing.T) {
	for _, tc := range periodCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.StripeChurnRate(tc.p)
			checkPeriodFigure(t, tc, tc.stripe, got, err)
		})
	}
}

func TestStripeChurnRateOverflow(t *testing.T) {
	// A valid period whose S + N is past int64: the customer rates exist
	// (one customer lost), Stripe's denominator does not.
	p := cxmetrics.Period{Start: math.MaxInt64, End: math.MaxInt64, New: 1}
	if _, err := cxmetrics.StripeChurnRate(p); !errors.Is(err, cxmetrics.ErrOverflow) {
		t.Errorf("StripeChurnRate(%+v) error %v, want %v", p, err, cxmetrics.ErrOverflow)
	}
	got, err := cxmetrics.ChurnRate(p)
	if err != nil {
		t.Fatal(err)
	}
	// 100 × 1 / (2⁶³ − 1)
	if diff := cmp.Diff(100/float64(math.MaxInt64), got, cmpopts.EquateApprox(1e-15, 0)); diff != "" {
		t.Errorf("ChurnRate(%+v) mismatch (-want +got):\n%s", p, diff)
	}
}

func TestAnnualizeChurn(t *testing.T) {
	tests := []struct {
		name    string
		rate    float64
		k       int
		want    float64
		tol     float64 // absolute, in percent; published tables round
		wantErr error
	}{
		// Churnkey's monthly-to-annual table, rounded to 0.01.
		{name: "Churnkey 1% monthly", rate: 1, k: 12, want: 11.36, tol: 0.005},
		{name: "Churnkey 5% monthly", rate: 5, k: 12, want: 45.96, tol: 0.005},
		{name: "Churnkey 10% monthly", rate: 10, k: 12, want: 71.76, tol: 0.005},
		// "2% monthly is about 22% a year, not 24%": 1 − 0.98¹².
		{name: "2% monthly", rate: 2, k: 12, want: 100 * (1 - math.Pow(0.98, 12)), tol: 1e-9},
		// 1 − 0.9⁴ = 1 − 0.6561
		{name: "10% quarterly", rate: 10, k: 4, want: 34.39, tol: 1e-9},
		{name: "one period a year is the rate", rate: 37.5, k: 1, want: 37.5, tol: 1e-12},
		{name: "weekly 1%", rate: 1, k: 52, want: 100 * (1 - math.Pow(0.99, 52)), tol: 1e-9},
		{name: "zero", rate: 0, k: 12, want: 0, tol: 0},
		{name: "everyone", rate: 100, k: 12, want: 100, tol: 0},
		// 1 − 0.999³⁶⁵: a small daily rate is a real churn.
		{name: "0.1% daily", rate: 0.1, k: 365, want: 100 * (1 - math.Pow(0.999, 365)), tol: 1e-9},
		// An annual churn below 1% is a fraction given by mistake (the
		// package doc's units rule): 0.05 for 5% a month would read as
		// 0.6% a year.
		{name: "0.05 for 5% monthly", rate: 0.05, k: 12, wantErr: cxmetrics.ErrOutOfRange},
		{name: "tiny rate", rate: 1e-10, k: 12, wantErr: cxmetrics.ErrOutOfRange},
		{name: "subnormal rate", rate: 5e-324, k: 12, wantErr: cxmetrics.ErrOutOfRange},
		{name: "negative rate", rate: -1, k: 12, wantErr: cxmetrics.ErrOutOfRange},
		{name: "rate above 100", rate: 100.5, k: 12, wantErr: cxmetrics.ErrOutOfRange},
		{name: "NaN rate", rate: math.NaN(), k: 12, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "infinite rate", rate: math.Inf(1), k: 12, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "zero periods", rate: 5, k: 0, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "negative periods", rate: 5, k: -12, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.AnnualizeChurn(tc.rate, tc.k)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("AnnualizeChurn(%v, %d) error %v, want %v", tc.rate, tc.k, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("AnnualizeChurn(%v, %d): %v", tc.rate, tc.k, err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, tc.tol)); diff != "" {
				t.Errorf("AnnualizeChurn(%v, %d) mismatch (-want +got):\n%s", tc.rate, tc.k, diff)
			}
		})
	}
}

func TestPeriodicChurn(t *testing.T) {
	tests := []struct {
		name    string
		annual  float64
		k       int
		want    float64
		tol     float64
		wantErr error
	}{
		// Churnkey's annual-to-monthly table, read backwards.
		{name: "Churnkey 45.96% annual", annual: 45.96, k: 12, want: 5, tol: 0.001},
		{name: "Churnkey 71.76% annual", annual: 71.76, k: 12, want: 10, tol: 0.001},
		// 1 − 0.6561^(1/4) = 1 − 0.9
		{name: "34.39% annual, quarterly", annual: 34.39, k: 4, want: 10, tol: 1e-9},
		{name: "one period a year", annual: 20, k: 1, want: 20, tol: 1e-12},
		{name: "zero", annual: 0, k: 12, want: 0, tol: 0},
		{name: "everyone", annual: 100, k: 12, want: 100, tol: 0},
		// 1 − 0.99^(1/12): 1% a year is the smallest annual churn taken.
		{name: "1% annual", annual: 1, k: 12, want: 100 * (1 - math.Pow(0.99, 1.0/12)), tol: 1e-12},
		// Below 1% a year is a fraction given by mistake: 0.3 for 30%.
		{name: "0.3 for 30% annual", annual: 0.3, k: 12, wantErr: cxmetrics.ErrOutOfRange},
		{name: "subnormal annual rate", annual: 40 * 0x1p-1074, k: 4, wantErr: cxmetrics.ErrOutOfRange},
		{name: "negative", annual: -0.1, k: 12, wantErr: cxmetrics.ErrOutOfRange},
		{name: "above 100", annual: 101, k: 12, wantErr: cxmetrics.ErrOutOfRange},
		{name: "NaN", annual: math.NaN(), k: 12, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "-Inf", annual: math.Inf(-1), k: 12, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "zero periods", annual: 10, k: 0, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.PeriodicChurn(tc.annual, tc.k)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("PeriodicChurn(%v, %d) error %v, want %v", tc.annual, tc.k, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("PeriodicChurn(%v, %d): %v", tc.annual, tc.k, err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, tc.tol)); diff != "" {
				t.Errorf("PeriodicChurn(%v, %d) mismatch (-want +got):\n%s", tc.annual, tc.k, diff)
			}
		})
	}
}

// TestAnnualizeChurnRoundTrip checks that PeriodicChurn undoes
// AnnualizeChurn wherever the annual rate still carries the information:
// once the annual retention is below 0.1% a percent near 100 has too few
// digits left to recover the periodic rate (at 365 periods a year, any
// daily rate above about 2% annualises to 100 in float64). A rate whose
// annual churn is below 1% is refused, as a fraction given by mistake.
func TestAnnualizeChurnRoundTrip(t *testing.T) {
	for _, k := range []int{1, 4, 12, 52, 365} {
		for rate := 0.0; rate < 100; rate += 0.37 {
			annual, err := cxmetrics.AnnualizeChurn(rate, k)
			if rate > 0 && rate < 1 && 100*(1-math.Pow(1-rate/100, float64(k))) < 1 {
				if !errors.Is(err, cxmetrics.ErrOutOfRange) {
					t.Errorf("AnnualizeChurn(%v, %d): error %v, want ErrOutOfRange", rate, k, err)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if annual > 99.9 {
				continue
			}
			back, err := cxmetrics.PeriodicChurn(annual, k)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(rate, back, cmpopts.EquateApprox(1e-9, 1e-9)); diff != "" {
				t.Errorf("PeriodicChurn(AnnualizeChurn(%v, %d)) mismatch (-want +got):\n%s", rate, k, diff)
			}
		}
	}
}

func TestConvertChurn(t *testing.T) {
	const day = 24 * time.Hour
	tests := []struct {
		name     string
		rate     float64
		from, to time.Duration
		want     float64
		wantErr  error
	}{
		// fight-churn's 31-day windows: 100 × (1 − 0.97^(365.2425/31)).
		{name: "3% over 31 days, a year", rate: 3, from: 31 * day, to: cxmetrics.AverageYear,
			want: 100 * (1 - math.Pow(0.97, 365.2425/31))},
		// 100 × (1 − 0.97^(30.436875/31)), a little under 3%.
		{name: "3% over 31 days, a month", rate: 3, from: 31 * day, to: cxmetrics.AverageMonth,
			want: 100 * (1 - math.Pow(0.97, 30.436875/31))},
		// Churnkey's table: 5% a month is 45.96% a year, 100 × (1 − 0.95^12).
		{name: "a month to a year", rate: 5, from: cxmetrics.AverageMonth, to: cxmetrics.AverageYear,
			want: 100 * (1 - math.Pow(0.95, 12))},
		// 45.96% a year back to a month: 100 × (1 − 0.5404^(1/12)).
		{name: "a year to a month", rate: 45.96, from: cxmetrics.AverageYear, to: cxmetrics.AverageMonth,
			want: 100 * (1 - math.Pow(0.5404, 1.0/12))},
		{name: "same window", rate: 7, from: 7 * day, to: 7 * day, want: 7},
		{name: "zero", rate: 0, from: day, to: cxmetrics.AverageYear, want: 0},
		{name: "everyone", rate: 100, from: day, to: cxmetrics.AverageYear, want: 100},
		// 1% a year is the smallest annual churn taken: its monthly rate is
		// 100 × (1 − 0.99^(1/12)).
		{name: "1% a year, monthly", rate: 100 * (1 - math.Pow(0.99, 1.0/12)), from: cxmetrics.AverageMonth, to: cxmetrics.AverageYear,
			want: 1},
		// 0.05 for 5% a month: 100 × (1 − 0.9995^12) = 0.598% a year.
		{name: "a fraction for a monthly percent", rate: 0.05, from: cxmetrics.AverageMonth, to: cxmetrics.AverageYear,
			wantErr: cxmetrics.ErrOutOfRange},
		{name: "a fraction, converted to a day", rate: 0.3, from: cxmetrics.AverageYear, to: day,
			wantErr: cxmetrics.ErrOutOfRange},
		{name: "NaN", rate: math.NaN(), from: day, to: day, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "above 100", rate: 100.5, from: day, to: day, wantErr: cxmetrics.ErrOutOfRange},
		{name: "negative", rate: -1, from: day, to: day, wantErr: cxmetrics.ErrOutOfRange},
		{name: "empty window", rate: 3, from: 0, to: day, wantErr: cxmetrics.ErrInvalidArgument},
		{name: "negative window", rate: 3, from: day, to: -day, wantErr: cxmetrics.ErrInvalidArgument},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.ConvertChurn(tc.rate, tc.from, tc.to)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("ConvertChurn(%v, %v, %v) = %v, %v; want %v", tc.rate, tc.from, tc.to, got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ConvertChurn(%v, %v, %v): %v", tc.rate, tc.from, tc.to, err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
				t.Errorf("ConvertChurn(%v, %v, %v) mismatch (-want +got):\n%s", tc.rate, tc.from, tc.to, diff)
			}
		})
	}
}
