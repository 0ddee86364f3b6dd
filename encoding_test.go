package cxmetrics_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/cxmetrics/cxmetrics"
	"github.com/google/go-cmp/cmp"
)

func TestSurveyJSON(t *testing.T) {
	s := mustSurvey(t, cxmetrics.CSATScale, 0, 1, 0, 4, 7)
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"min":1,"max":5,"counts":[0,1,0,4,7]}`; string(b) != want {
		t.Errorf("json.Marshal = %s, want %s", b, want)
	}
	var got cxmetrics.Survey
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Scale() != s.Scale() || got.Total() != 12 {
		t.Errorf("decoded scale %v total %d, want 1-5 and 0+1+0+4+7 = 12", got.Scale(), got.Total())
	}
	if diff := cmp.Diff(counts(s), counts(&got)); diff != "" {
		t.Errorf("counts mismatch (-want +got):\n%s", diff)
	}
}

func TestSurveyUnmarshalJSONErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr error
	}{
		{"not JSON", `{"min":`, cxmetrics.ErrCorrupt},
		{"no counts", `{"min":1,"max":5}`, cxmetrics.ErrCorrupt},
		{"no min", `{"max":5,"counts":[1,1,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"unknown field", `{"min":1,"max":5,"counts":[1,1,1,1,1],"total":5}`, cxmetrics.ErrCorrupt},
		{"too few counts", `{"min":1,"max":5,"counts":[1,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"too many counts", `{"min":1,"max":5,"counts":[1,1,1,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"count not a number", `{"min":1,"max":5,"counts":[1,1,"a",1,1]}`, cxmetrics.ErrCorrupt},
		{"bad scale", `{"min":5,"max":5,"counts":[1]}`, cxmetrics.ErrInvalidScale},
		{"negative count", `{"min":1,"max":5,"counts":[1,-1,1,1,1]}`, cxmetrics.ErrNegative},
		{"total overflows", `{"min":0,"max":1,"counts":[9223372036854775807,1]}`, cxmetrics.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSurvey(t, cxmetrics.NPSScale, 3)
			err := s.UnmarshalJSON([]byte(tt.in))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Unmarshal(%s) = %v, want %v", tt.in, err, tt.wantErr)
			}
			if s.Scale() != cxmetrics.NPSScale || s.Total() != 3 || s.Count(0) != 3 {
				t.Errorf("failed Unmarshal changed the survey: scale %v total %d", s.Scale(), s.Total())
			}
		})
	}
}

func TestSurveyBinary(t *testing.T) {
	s := mustSurvey(t, cxmetrics.Scale{Min: -2, Max: 2}, 0, 300, 1, 0, 1<<40)
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	// version 1; zigzag varints −2 → 3 and 2 → 4; uvarints 0, 300 (0xac
	// 0x02), 1, 0, and 2⁴⁰ (six bytes: 0x80 ×5, then 0x20).
	want := []byte{1, 3, 4, 0, 0xac, 0x02, 1, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20}
	if diff := cmp.Diff(want, b); diff != "" {
		t.Errorf("MarshalBinary mismatch (-want +got):\n%s", diff)
	}
	var got cxmetrics.Survey
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if got.Scale() != s.Scale() || got.Total() != s.Total() {
		t.Errorf("decoded scale %v total %d, want %v and %d", got.Scale(), got.Total(), s.Scale(), s.Total())
	}
	if diff := cmp.Diff(counts(s), counts(&got)); diff != "" {
		t.Errorf("counts mismatch (-want +got):\n%s", diff)
	}
}

func TestSurveyUnmarshalBinaryErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		wantErr error
	}{
		{"empty", nil, cxmetrics.ErrCorrupt},
		{"unknown version", []byte{2, 2, 4, 0, 0, 0}, cxmetrics.ErrCorrupt},
		{"no scale", []byte{1}, cxmetrics.ErrCorrupt},
		{"half a scale", []byte{1, 2}, cxmetrics.ErrCorrupt},
		{"bad scale", []byte{1, 4, 2}, cxmetrics.ErrInvalidScale},
		{"scale of 1002 points", []byte{1, 0, 0xd2, 0x0f}, cxmetrics.ErrInvalidScale}, // 0 to 1001
		{"truncated counts", []byte{1, 2, 6, 0, 0}, cxmetrics.ErrCorrupt},             // 1-3 with two counts
		{"trailing byte", []byte{1, 2, 4, 0, 0, 0}, cxmetrics.ErrCorrupt},             // 1-2 with three counts
		{"count cut mid-varint", []byte{1, 2, 4, 0, 0x80}, cxmetrics.ErrCorrupt},
		{"count past int64", []byte{1, 0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0, 0}, cxmetrics.ErrOverflow},
		{"total past int64", []byte{1, 0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1}, cxmetrics.ErrOverflow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSurvey(t, cxmetrics.NPSScale, 3)
			err := s.UnmarshalBinary(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("UnmarshalBinary(%x) = %v, want %v", tt.in, err, tt.wantErr)
			}
			if s.Scale() != cxmetrics.NPSScale || s.Total() != 3 || s.Count(0) != 3 {
				t.Errorf("failed UnmarshalBinary changed the survey: scale %v total %d", s.Scale(), s.Total())
			}
		})
	}
}
