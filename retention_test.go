package cxmetrics_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cxmetrics/cxmetrics"
)

func TestRetentionRate(t *testing.T) {
	for _, tc := range periodCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cxmetrics.RetentionRate(tc.p)
			checkPeriodFigure(t, tc, tc.retention, got, err)
		})
	}
}

func TestPeriodLost(t *testing.T) {
	for _, tc := range periodCases {
		if tc.wantErr != nil && !errors.Is(tc.wantErr, cxmetrics.ErrZeroStart) {
			continue // Lost is meaningless for an invalid period
		}
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.lost, tc.p.Lost()); diff != "" {
				t.Errorf("%+v.Lost() mismatch (-want +got):\n%s", tc.p, diff)
			}
		})
	}
}

func TestPeriodValidate(t *testing.T) {
	for _, tc := range periodCases {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.wantErr
			if errors.Is(want, cxmetrics.ErrZeroStart) {
				want = nil // a period may start at zero; its rates may not
			}
			if err := tc.p.Validate(); !errors.Is(err, want) || (want == nil) != (err == nil) {
				t.Errorf("%+v.Validate() = %v, want %v", tc.p, err, want)
			}
		})
	}
}
