package cxmetrics_test

import (
	"errors"
	"math"
	"testing"

	"github.com/cxmetrics/cxmetrics"
)

func TestScaleValidate(t *testing.T) {
	tests := []struct {
		name    string
		scale   cxmetrics.Scale
		points  int
		wantErr error
	}{
		{"NPS 0-10", cxmetrics.NPSScale, 11, nil},
		{"CSAT 1-5", cxmetrics.CSATScale, 5, nil},
		{"CES 1-7", cxmetrics.CESScale, 7, nil},
		{"two points", cxmetrics.Scale{Min: 0, Max: 1}, 2, nil},
		{"negative range", cxmetrics.Scale{Min: -3, Max: 3}, 7, nil},
		{"widest: 1001 points", cxmetrics.Scale{Min: 0, Max: 1000}, 1001, nil},
		{"1002 points", cxmetrics.Scale{Min: 0, Max: 1001}, 0, cxmetrics.ErrInvalidScale},
		{"zero value", cxmetrics.Scale{}, 0, cxmetrics.ErrInvalidScale},
		{"Min > Max", cxmetrics.Scale{Min: 5, Max: 1}, 0, cxmetrics.ErrInvalidScale},
		{"whole int range", cxmetrics.Scale{Min: math.MinInt, Max: math.MaxInt}, 0, cxmetrics.ErrInvalidScale},
		{"at the top of int", cxmetrics.Scale{Min: math.MaxInt - 10, Max: math.MaxInt}, 11, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.scale.Validate()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Validate() = %v, want %v", err, tt.wantErr)
			}
			if got := tt.scale.Points(); got != tt.points {
				t.Errorf("Points() = %d, want %d", got, tt.points)
			}
			_, err = cxmetrics.NewSurvey(tt.scale)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("NewSurvey() error = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestScaleContains(t *testing.T) {
	for _, tt := range []struct {
		scale cxmetrics.Scale
		score int
		want  bool
	}{
		{cxmetrics.NPSScale, 0, true},
		{cxmetrics.NPSScale, 10, true},
		{cxmetrics.NPSScale, 11, false},
		{cxmetrics.NPSScale, -1, false},
		{cxmetrics.CSATScale, 0, false},
		{cxmetrics.Scale{}, 0, false},
	} {
		if got := tt.scale.Contains(tt.score); got != tt.want {
			t.Errorf("%v.Contains(%d) = %v, want %v", tt.scale, tt.score, got, tt.want)
		}
	}
}
