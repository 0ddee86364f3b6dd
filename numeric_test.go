package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// The tests in this file hold figures across the package to the numeric
// promises of the package doc: percents exact to a few units of roundoff
// up to math.MaxInt64, no silent zero below float64's range, and no −0.

// TestPercentNearInt64Limits checks the percent figures at counts near 2⁵³,
// where float64 stops holding every integer, and near math.MaxInt64: the
// counts are summed exactly in int64 (or refused with ErrOverflow), and the
// one final division keeps the figure within 4 units of roundoff of the
// exact value. Each want is the exact rational value, worked out in the
// case's comment.
func TestPercentNearInt64Limits(t *testing.T) {
	const (
		p53 = int64(1) << 53
		p62 = int64(1) << 62
		max = int64(math.MaxInt64)
	)
	survey := func(t *testing.T, scale cxmetrics.Scale, counts map[int]int64) *cxmetrics.Survey {
		t.Helper()
		s, err := cxmetrics.NewSurvey(scale)
		if err != nil {
			t.Fatal(err)
		}
		for v, n := range counts {
			if err := s.AddN(v, n); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}
	tests := []struct {
		name    string
		figure  func(t *testing.T) (float64, error)
		want    float64
		wantErr error
	}{
		{
			// (2⁵³ + 1) − (2⁵³ − 1) = 2 of 2⁵⁴: 100 × 2⁻⁵³. 2⁵³ + 1 is not a
			// float64, but the difference is taken in int64 first.
			name:   "NPS 2 net of 2^54",
			figure: npsFigure(p53+1, 0, p53-1),
			want:   100 * 0x1p-53,
		},
		{
			// 2⁶² − 1 each side and 1 passive: MaxInt64 answers, net 0.
			name:   "NPS promoters = detractors = 2^62 - 1",
			figure: npsFigure(p62-1, 1, p62-1),
			want:   0,
		},
		{
			// 100 × (2⁶³ − 3) / (2⁶³ − 1) = 100 − 200/(2⁶³ − 1), which is
			// 100 to within 2.2e-17, far below half an ulp of 100.
			name:   "NPS all but one detractor at MaxInt64",
			figure: npsFigure(max-1, 0, 1),
			want:   100,
		},
		{name: "NPS counts past MaxInt64", figure: npsFigure(max, 1, 0), wantErr: cxmetrics.ErrOverflow},
		// Totals of exactly MaxInt64 are fine, whichever counts make them.
		{name: "NPS promoters and passives make MaxInt64", figure: npsFigure(max-1, 1, 0), want: 100 * (float64(max-1) / float64(max))},
		{name: "NPS all three make MaxInt64", figure: npsFigure(max-2, 1, 1), want: 100 * (float64(max-3) / float64(max))},
		{name: "NPS passives past MaxInt64", figure: npsFigure(1, max-1, 1), wantErr: cxmetrics.ErrOverflow},
		{name: "NPS detractors past MaxInt64", figure: npsFigure(1, 1, max-1), wantErr: cxmetrics.ErrOverflow},
		{
			// 100 × (2⁶³ − 1 − 2⁶²) / (2⁶³ − 1) = 50 − 50/(2⁶³ − 1).
			name: "CSAT of MaxInt64 answers",
			figure: func(t *testing.T) (float64, error) {
				r, err := cxmetrics.CSAT(survey(t, cxmetrics.CSATScale, map[int]int64{5: max - p62, 1: p62}))
				return r.Score, err
			},
			want: 50 - 50/float64(max),
		},
		{
			// Easy 2⁵³ + 1 (6 and 7), difficult 2⁵³ − 1 (1): net 100 × 2/2⁵⁴.
			name: "CES net 2 of 2^54",
			figure: func(t *testing.T) (float64, error) {
				r, err := cxmetrics.CES(survey(t, cxmetrics.CESScale, map[int]int64{7: p53, 6: 1, 1: p53 - 1}), cxmetrics.HigherIsEasier)
				return r.Net, err
			},
			want: 100 * 0x1p-53,
		},
		{
			// Each question: 4-5 is 2⁶², 1-2 is 2⁶² − 1, total 2⁶³ − 1:
			// net 100 / (2⁶³ − 1); the index is the mean of three equal.
			name: "CX Index net 1 of 2^63 - 1 answers",
			figure: func(t *testing.T) (float64, error) {
				s := survey(t, cxmetrics.CSATScale, map[int]int64{5: p62, 1: p62 - 1, 3: 0})
				r, err := cxmetrics.CXIndex(s, s, s)
				return r.Score, err
			},
			want: 100 / float64(max),
		},
		{
			// One lost of MaxInt64: churn 100 / (2⁶³ − 1).
			name: "churn of one customer in MaxInt64",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.ChurnRate(cxmetrics.Period{Start: max, End: max - 1})
			},
			want: 100 / float64(max),
		},
		{
			// Retained 2⁵³ − 1 of 2⁵³: 100 × (1 − 2⁻⁵³).
			name: "retention of 2^53 - 1 of 2^53",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.RetentionRate(cxmetrics.Period{Start: p53, End: p53 + 4, New: 5})
			},
			want: 100 * (1 - 0x1p-53),
		},
		{
			name: "Stripe churn denominator past MaxInt64",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.StripeChurnRate(cxmetrics.Period{Start: max, End: max, New: 1})
			},
			wantErr: cxmetrics.ErrOverflow,
		},
		{
			// Start 2⁵³ loses 1 to churn: GRR 100 × (1 − 2⁻⁵³).
			name: "GRR losing 1 of 2^53",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.GrossRevenueRetention(cxmetrics.RevenuePeriod{Start: p53, End: p53 - 1, Churned: 1})
			},
			want: 100 * (1 - 0x1p-53),
		},
		{
			// Start MaxInt64 − 1, expansion 1: NRR 100 × (2⁶³ − 1)/(2⁶³ − 2),
			// 100 to within 1.1e-17.
			name: "NRR at MaxInt64",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.NetRevenueRetention(cxmetrics.RevenuePeriod{Start: max - 1, End: max, Expansion: 1})
			},
			want: 100,
		},
		{
			// Net churn 1 of 2⁶³ − 1 in totals form.
			name: "net revenue churn of 1 at MaxInt64",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.NetRevenueChurn(cxmetrics.RevenuePeriod{Start: max, End: max - 1})
			},
			want: 100 / float64(max),
		},
		{
			// Losses of exactly MaxInt64 are fine: GRR 0.
			name: "GRR losing MaxInt64",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.GrossRevenueRetention(cxmetrics.RevenuePeriod{Start: max, End: 0, Contraction: max - 1, Churned: 1})
			},
			want: 0,
		},
		{
			name: "NRR losing MaxInt64",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.NetRevenueRetention(cxmetrics.RevenuePeriod{Start: max, End: 0, Contraction: max - 1, Churned: 1})
			},
			want: 0,
		},
		{
			// ChartMogul's net MRR churn of everything: 100.
			name: "ChartMogul net churn losing MaxInt64",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.ChartMogulNetMRRChurn(cxmetrics.RevenuePeriod{Start: max, End: 0, Churned: max})
			},
			want: 100,
		},
		{
			// Gains of MaxInt64 + 1 on the way to an End of MaxInt64: the
			// sum is exact, and NRR 100 × (MaxInt64 − 1) / MaxInt64.
			name: "revenue gains past MaxInt64",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.NetRevenueRetention(cxmetrics.RevenuePeriod{Start: max, End: max, New: 1, Churned: 1})
			},
			want: 100 * (float64(max-1) / float64(max)),
		},
		{
			// An implied End of MaxInt64 + 1 cannot be.
			name: "implied end past MaxInt64",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.NetRevenueRetention(cxmetrics.RevenuePeriod{Start: max, End: max, New: 1}.WithBreakdown())
			},
			wantErr: cxmetrics.ErrOverflow,
		},
		{
			// MaxInt64 + 1 lost of MaxInt64.
			name: "revenue losses past MaxInt64",
			figure: func(*testing.T) (float64, error) {
				return cxmetrics.GrossRevenueRetention(cxmetrics.RevenuePeriod{Start: max, End: 0, Contraction: max, Churned: 1})
			},
			wantErr: cxmetrics.ErrInconsistent,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.figure(t)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("error %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(4*0x1p-53, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func npsFigure(p, pa, d int64) func(*testing.T) (float64, error) {
	return func(*testing.T) (float64, error) {
		r, err := cxmetrics.NPSFromCounts(p, pa, d)
		return r.Score, err
	}
}

// TestNoSilentZero checks the figures whose documentation promises a
// positive result for positive inputs where the exact result is at or
// below the smallest float64, 2⁻¹⁰⁷⁴: a result that rounds to 0 is
// ErrOverflow ("outside the range of float64"), one that does not is
// that float64, and a subnormal input keeps its digits. Each want is
// the exact figure, worked out in the case.
func TestNoSilentZero(t *testing.T) {
	tests := []struct {
		name    string
		f       func() (float64, error)
		want    float64
		wantErr error
	}{
		// A margin below 1% is a fraction given by mistake (the package
		// doc's units rule): refused, never a silent 0.
		{"LTV at margin 2⁻¹⁰⁷⁴%", func() (float64, error) { return cxmetrics.LifetimeValue(1, 0x1p-1074, 100) }, 0, cxmetrics.ErrOutOfRange},
		{"discounted LTV at margin 2⁻¹⁰⁷⁴%", func() (float64, error) {
			return cxmetrics.DiscountedLifetimeValue(5e7, 0x1p-1074, 0, 1e-8)
		}, 0, cxmetrics.ErrOutOfRange},
		// The smallest LTV there is: ARPA 1 at a margin of 1%, churn and
		// discount 100%: 1 × 0.01 × 2 / 2 = 0.01, far above float64's
		// range.
		{"smallest LTV", func() (float64, error) { return cxmetrics.DiscountedLifetimeValue(1, 1, 100, 100) }, 0.01, nil},
		// 2⁻¹⁰⁷⁴ / 3.
		{"LTV:CAC of LTV 2⁻¹⁰⁷⁴ and CAC 3", func() (float64, error) { return cxmetrics.LTVToCAC(0x1p-1074, 3) }, 0, cxmetrics.ErrOverflow},
		{"LTV:CAC of LTV 2⁻¹⁰⁷⁴ and CAC 1", func() (float64, error) { return cxmetrics.LTVToCAC(0x1p-1074, 1) }, 0x1p-1074, nil},
		// An annual churn below 1%, given or implied, is a fraction given
		// by mistake: refused, never a silent 0.
		{"periodic churn of 2⁻¹⁰⁷⁴% a year", func() (float64, error) { return cxmetrics.PeriodicChurn(0x1p-1074, 12) }, 0, cxmetrics.ErrOutOfRange},
		{"annual churn of 3e-322% a month", func() (float64, error) { return cxmetrics.AnnualizeChurn(3e-322, 12) }, 0, cxmetrics.ErrOutOfRange},
		// The smallest payback there is, 100 × 1 / (MaxInt64 × 100), far
		// above float64's range: CACPayback cannot underflow.
		{"smallest payback", func() (float64, error) { return cxmetrics.CACPayback(1, math.MaxInt64, 100) }, 1.0 / math.MaxInt64, nil},
		// 1 ns over MaxInt64 visitors: 1e-9 / 9.2e18 s, also far above.
		{"smallest time on site", func() (float64, error) { return cxmetrics.AverageTimeOnSite(1, math.MaxInt64) }, 1e-9 / math.MaxInt64, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.f()
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-13, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNoNegativeZero checks that a zero given as −0 (a margin, a rate, a
// score, a weight, a mean) comes out as 0, never −0: −0 == 0, but it
// prints as "-0" and has its own encodings. Every float64 of each
// result that is zero is checked with math.Signbit.
func TestNoNegativeZero(t *testing.T) {
	negZero := math.Copysign(0, -1)
	cesScale := cxmetrics.Scale{Min: -3, Max: 3}
	tests := []struct {
		name string
		f    func() ([]float64, error)
	}{
		{"LifetimeValue with margin −0", func() ([]float64, error) {
			v, err := cxmetrics.LifetimeValue(100, negZero, 5)
			return []float64{v}, err
		}},
		{"DiscountedLifetimeValue of ARPA 0 with margin −0", func() ([]float64, error) {
			v, err := cxmetrics.DiscountedLifetimeValue(0, negZero, 5, 1)
			return []float64{v}, err
		}},
		{"LTVToCAC of LTV −0", func() ([]float64, error) {
			v, err := cxmetrics.LTVToCAC(negZero, 100)
			return []float64{v}, err
		}},
		{"AnnualizeChurn of −0", func() ([]float64, error) {
			v, err := cxmetrics.AnnualizeChurn(negZero, 12)
			return []float64{v}, err
		}},
		{"PeriodicChurn of −0", func() ([]float64, error) {
			v, err := cxmetrics.PeriodicChurn(negZero, 12)
			return []float64{v}, err
		}},
		{"HealthScore with a signal of −0", func() ([]float64, error) {
			r, err := cxmetrics.HealthScore(
				cxmetrics.HealthSignals{Usage: negZero, Engagement: 100, Support: math.NaN(), Sentiment: math.NaN(), Billing: math.NaN()},
				cxmetrics.HealthWeights{Usage: 1, Engagement: 1})
			c := r.Contributions
			return []float64{r.Score, c.Usage, c.Engagement, c.Support, c.Sentiment, c.Billing}, err
		}},
		{"HealthScore with a weight of −0", func() ([]float64, error) {
			r, err := cxmetrics.HealthScore(
				cxmetrics.HealthSignals{Usage: 50, Engagement: 100, Support: 0, Sentiment: 0, Billing: 0},
				cxmetrics.HealthWeights{Usage: negZero, Engagement: 1})
			c := r.Contributions
			return []float64{r.Score, c.Usage, c.Engagement, c.Support, c.Sentiment, c.Billing}, err
		}},
		{"WeightedScore of one signal −0", func() ([]float64, error) {
			v, err := cxmetrics.WeightedScore([]cxmetrics.Signal{{Name: "a", Score: negZero, Weight: 1}})
			return []float64{v}, err
		}},
		{"NormalizeSignal of −0 from 0 to 10", func() ([]float64, error) {
			v, err := cxmetrics.NormalizeSignal(negZero, 0, 10)
			return []float64{v}, err
		}},
		{"CESResult.Interval of mean −0 with no spread", func() ([]float64, error) {
			iv, err := cxmetrics.CESResult{Total: 2, Mean: negZero, Scale: cesScale}.Interval(0.95)
			return []float64{iv.Lo, iv.Hi}, err
		}},
		{"CompareCES of means 0 and −0", func() ([]float64, error) {
			a := cxmetrics.CESResult{Total: 10, Mean: 0, StdDev: 1, Scale: cesScale}
			b := cxmetrics.CESResult{Total: 10, Mean: negZero, StdDev: 1, Scale: cesScale}
			c, err := cxmetrics.CompareCES(a, b, 0.95)
			return []float64{c.Diff, c.StdErr, c.Z, c.P, c.Interval.Lo, c.Interval.Hi, c.Center, c.DF}, err
		}},
		{"WeightedNPSResult.StdErr with weights −0", func() ([]float64, error) {
			v, err := cxmetrics.WeightedNPSResult{Promoters: 1, Passives: negZero, Detractors: negZero, EffectiveN: 10}.StdErr()
			return []float64{v}, err
		}},
		{"WeightedCSATResult.Interval with Satisfied −0", func() ([]float64, error) {
			iv, err := cxmetrics.WeightedCSATResult{Satisfied: negZero, Total: 10, EffectiveN: 10}.Interval(0.95)
			return []float64{iv.Lo, iv.Hi}, err
		}},
		{"WeightedSurvey with a weight of −0", func() ([]float64, error) {
			s, err := cxmetrics.NewWeightedSurvey(cxmetrics.CSATScale)
			if err != nil {
				return nil, err
			}
			if err := s.Add(5, negZero); err != nil {
				return nil, err
			}
			if err := s.Add(1, 1); err != nil {
				return nil, err
			}
			r, err := cxmetrics.WeightedCSAT(s)
			return []float64{s.Weight(5), s.TotalWeight(), r.Satisfied, r.Score}, err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.f()
			if err != nil {
				t.Fatal(err)
			}
			for i, v := range got {
				if v == 0 && math.Signbit(v) {
					t.Errorf("figure %d of %v is −0", i, got)
				}
			}
		})
	}
}
