package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cxmetrics/cxmetrics"
)

// TestKaplanMeierGehan reproduces R's survfit on both arms of the
// Freireich 6-MP data (Gehan 1965). The source, R 4 with survival 3:
//
//	fit <- survfit(Surv(time, status) ~ 1, conf.type = "log-log")
//	s <- summary(fit); options(digits = 15)
//	data.frame(s$time, s$n.risk, s$n.event, s$surv, s$std.err, s$lower, s$upper)
//
// whose output digits are the wants below. R's last placebo step has
// survival 0, std.err NaN and NA limits: here StdErr 0 and [0, 0].
func TestKaplanMeierGehan(t *testing.T) {
	step := func(time float64, n, d int64, s, se, lo, hi float64) cxmetrics.SurvivalStep {
		return cxmetrics.SurvivalStep{Time: time, AtRisk: n, Churned: d, Survival: s, StdErr: se, Interval: cxmetrics.Interval{Lo: lo, Hi: hi}}
	}
	for _, tc := range []struct {
		name      string
		lifetimes []cxmetrics.Lifetime
		want      cxmetrics.SurvivalCurve
	}{{
		name:      "6-MP",
		lifetimes: lifetimesOf(gehan6MP, gehan6MPStatus),
		want: cxmetrics.SurvivalCurve{Subjects: 21, Churned: 9, MaxDuration: 35, Confidence: 0.95, Steps: []cxmetrics.SurvivalStep{
			step(6, 21, 3, 0.857142857142857, 0.0763603548321213, 0.619717955265984, 0.951551747646997),
			step(7, 17, 1, 0.806722689075630, 0.0869352851800572, 0.563146564622233, 0.922809019202880),
			step(10, 15, 1, 0.752941176470588, 0.0963496529943205, 0.503199510799957, 0.889361835169265),
			step(13, 12, 1, 0.690196078431372, 0.1068147077750098, 0.431610222486184, 0.849065963349451),
			step(16, 11, 1, 0.627450980392157, 0.1140538652567525, 0.367510855987502, 0.804912189471841),
			step(22, 7, 1, 0.537815126050420, 0.1282337516930340, 0.267778936767135, 0.746790717635394),
			step(23, 6, 1, 0.448179271708683, 0.1345914567557604, 0.188052005959232, 0.680142628495241),
		}},
	}, {
		name:      "placebo",
		lifetimes: lifetimesOf(gehanPlacebo, gehanPlStatus),
		want: cxmetrics.SurvivalCurve{Subjects: 21, Churned: 21, MaxDuration: 23, Confidence: 0.95, Steps: []cxmetrics.SurvivalStep{
			step(1, 21, 2, 0.9047619047619048, 0.0640564484890047, 0.67004588223503359, 0.975294149038113),
			step(2, 19, 2, 0.8095238095238095, 0.0856890867468988, 0.56890505992417262, 0.923888828559295),
			step(3, 17, 1, 0.7619047619047619, 0.0929428640903365, 0.51939141532842881, 0.893257109782487),
			step(4, 16, 2, 0.6666666666666666, 0.1028688999747279, 0.42535043556524721, 0.825044008797340),
			step(5, 14, 2, 0.5714285714285714, 0.1079898494312078, 0.33797695385949311, 0.749240709943216),
			step(8, 12, 4, 0.3809523809523809, 0.1059711695741308, 0.18306654882039439, 0.577788677745831),
			step(11, 8, 2, 0.2857142857142857, 0.0985807941917649, 0.11656132643676466, 0.481819648009025),
			step(12, 6, 2, 0.1904761904761905, 0.0856890867468988, 0.05948170136117526, 0.377434890585150),
			step(15, 4, 1, 0.1428571428571428, 0.0763603548321213, 0.03565735519066671, 0.321161574680869),
			step(17, 3, 1, 0.0952380952380952, 0.0640564484890047, 0.01625926021224702, 0.261249981968687),
			step(22, 2, 1, 0.0476190476190476, 0.0464714320451682, 0.00332446304253118, 0.197044905698946),
			step(23, 1, 1, 0, 0, 0, 0),
		}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.KaplanMeier(tc.lifetimes, 0.95)
			if err != nil {
				t.Fatal(err)
			}
			// R prints 15 significant digits.
			if diff := gocmp.Diff(tc.want, got, cmpopts.EquateApprox(1e-13, 1e-15)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			// The same lifetimes counted by duration, in reverse order
			// and split over rows of one duration, give the same curve.
			rows, err := cxmetrics.CountLifetimes(tc.lifetimes)
			if err != nil {
				t.Fatal(err)
			}
			var split []cxmetrics.LifetimeCount
			for i := len(rows) - 1; i >= 0; i-- {
				r := rows[i]
				split = append(split, cxmetrics.LifetimeCount{Duration: r.Duration, Churned: r.Churned},
					cxmetrics.LifetimeCount{Duration: r.Duration, Censored: r.Censored})
			}
			again, err := cxmetrics.KaplanMeierCounts(split, 0.95)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(got, again); diff != "" {
				t.Errorf("counts give another curve (-lifetimes +counts):\n%s", diff)
			}
		})
	}
}

// TestKaplanMeierMedian checks the median and its interval against R:
//
//	quantile(survfit(Surv(time, status) ~ 1, conf.type = "log-log"), 0.5)
//
// 6-MP: 23 (13, NA); placebo: 8 (4, 11). The small cases are R's
// midpoint rule where S is exactly 0.5 over a span: survival on
// Surv(c(1,2,3,4), c(1,1,1,1)) gives 2.5 (1, NA); on
// Surv(c(1,2,3,4), c(1,1,0,1)) 3 (1, NA), S = 0.5 from 2 to the next
// churn at 4; at conf.int = 0.9 also 2.5 (1, NA).
func TestKaplanMeierMedian(t *testing.T) {
	for _, tc := range []struct {
		name       string
		durations  []float64
		status     []int
		confidence float64
		want       cxmetrics.MedianLifetime
		wantErr    error
	}{
		{"6-MP", gehan6MP, gehan6MPStatus, 0.95, cxmetrics.MedianLifetime{Median: 23, Interval: cxmetrics.Interval{Lo: 13, Hi: 35}, LoReached: true}, nil},
		{"placebo", gehanPlacebo, gehanPlStatus, 0.95, cxmetrics.MedianLifetime{Median: 8, Interval: cxmetrics.Interval{Lo: 4, Hi: 11}, LoReached: true, HiReached: true}, nil},
		{"flat at 0.5", []float64{1, 2, 3, 4}, []int{1, 1, 1, 1}, 0.95, cxmetrics.MedianLifetime{Median: 2.5, Interval: cxmetrics.Interval{Lo: 1, Hi: 4}, LoReached: true}, nil},
		{"flat over a censoring", []float64{1, 2, 3, 4}, []int{1, 1, 0, 1}, 0.95, cxmetrics.MedianLifetime{Median: 3, Interval: cxmetrics.Interval{Lo: 1, Hi: 4}, LoReached: true}, nil},
		{"flat at 0.5, 90%", []float64{1, 2, 3, 4}, []int{1, 1, 1, 1}, 0.9, cxmetrics.MedianLifetime{Median: 2.5, Interval: cxmetrics.Interval{Lo: 1, Hi: 4}, LoReached: true}, nil},
		// Hand arithmetic: S = 1 − 2/2 = 0 at 5, so the median is 5; the
		// step has no interval, so neither limit is reached.
		{"all at once", []float64{5, 5}, []int{1, 1}, 0.95, cxmetrics.MedianLifetime{Median: 5, Interval: cxmetrics.Interval{Lo: 5, Hi: 5}}, nil},
		// S = 2/3 at 1, then nobody churns: not reached.
		{"not reached", []float64{1, 4, 9}, []int{1, 0, 0}, 0.95, cxmetrics.MedianLifetime{}, cxmetrics.ErrUndefined},
		{"nobody churned", []float64{1, 4}, []int{0, 0}, 0.95, cxmetrics.MedianLifetime{}, cxmetrics.ErrUndefined},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := cxmetrics.KaplanMeier(lifetimesOf(tc.durations, tc.status), tc.confidence)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.Median()
			if !errors.Is(err, tc.wantErr) || (err == nil) != (tc.wantErr == nil) {
				t.Fatalf("Median() error %v, want %v", err, tc.wantErr)
			}
			if diff := gocmp.Diff(tc.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSurvivalAt checks the step function against R, for the 6-MP arm:
//
//	summary(fit, times = c(0, 5, 6, 12.5, 35), extend = TRUE)
//
// gives survival 1, 1, 0.857142857142857 (6), 0.752941176470588 (the step
// at 10) and 0.448179271708683 (the step at 23), std.err 0, 0,
// 0.076360354832, 0.096349652994, 0.134591456756. Past 35, the longest
// lifetime, the curve is not known; past the last churn of the placebo
// arm it is 0.
func TestSurvivalAt(t *testing.T) {
	mp, err := cxmetrics.KaplanMeier(lifetimesOf(gehan6MP, gehan6MPStatus), 0.95)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := cxmetrics.KaplanMeier(lifetimesOf(gehanPlacebo, gehanPlStatus), 0.95)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		curve    cxmetrics.SurvivalCurve
		t        float64
		wantTime float64
		wantS    float64
		wantSE   float64
		wantErr  error
	}{
		{"age 0", mp, 0, 0, 1, 0, nil},
		{"before the first step", mp, 5, 0, 1, 0, nil},
		{"at a step", mp, 6, 6, 0.857142857142857, 0.076360354832, nil},
		{"between steps", mp, 12.5, 10, 0.752941176470588, 0.096349652994, nil},
		{"the longest lifetime", mp, 35, 23, 0.448179271708683, 0.134591456756, nil},
		{"past the data", mp, 35.5, 0, 0, 0, cxmetrics.ErrOutOfRange},
		{"past the data is undefined", mp, 36, 0, 0, 0, cxmetrics.ErrUndefined},
		{"past the last churn at 0", pl, 100, 23, 0, 0, nil},
		{"negative", mp, -1, 0, 0, 0, cxmetrics.ErrNegative},
		{"NaN", mp, nan, 0, 0, 0, cxmetrics.ErrInvalidArgument},
		{"Inf", mp, inf, 0, 0, 0, cxmetrics.ErrInvalidArgument},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.curve.At(tc.t)
			if !errors.Is(err, tc.wantErr) || (err == nil) != (tc.wantErr == nil) {
				t.Fatalf("At(%v) error %v, want %v", tc.t, err, tc.wantErr)
			}
			if err != nil {
				return
			}
			want := cxmetrics.SurvivalStep{Time: tc.wantTime, Survival: tc.wantS, StdErr: tc.wantSE}
			got.AtRisk, got.Churned, got.Interval = 0, 0, cxmetrics.Interval{}
			if diff := gocmp.Diff(want, got, cmpopts.EquateApprox(1e-11, 0)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// Counts past 2⁵³ whose difference rounds away in float64: of 2⁶³−1 at
// risk, 2⁶³−2 churn, so S = 1/(2⁶³−1) and Greenwood's sum is
// d/(n(n−d)) = (2⁶³−2)/(2⁶³−1). The step had S a silent 0 and a NaN
// standard error and interval.
func TestKaplanMeierCountsNearlyAllChurnPast2p53(t *testing.T) {
	const n = math.MaxInt64
	c, err := cxmetrics.KaplanMeierCounts([]cxmetrics.LifetimeCount{{Duration: 1, Churned: n - 1, Censored: 1}}, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	st := c.Steps[0]
	wantS := 1 / float64(n)
	wantSE := wantS * math.Sqrt(float64(n-1)/float64(n))
	if math.Abs(st.Survival-wantS) > 1e-14*wantS || math.Abs(st.StdErr-wantSE) > 1e-14*wantSE {
		t.Errorf("S = %v ± %v, want %v ± %v", st.Survival, st.StdErr, wantS, wantSE)
	}
	if !(st.Interval.Lo >= 0 && st.Interval.Lo <= st.Survival && st.Survival <= st.Interval.Hi && st.Interval.Hi <= 1) {
		t.Errorf("interval %+v around %v", st.Interval, st.Survival)
	}
}
