package cxmetrics_test

import (
	"encoding/json"
	"errors"
	"math"
	"runtime"
	"strings"
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
	const csat = `{"min":1,"max":5,"counts":[1,1,1,1,1]}`
	// MaxScalePoints + 1 counts: more than any scale has.
	long := `{"min":0,"max":1000,"counts":[0` + strings.Repeat(",0", cxmetrics.MaxScalePoints) + `]}`
	tests := []struct {
		name    string
		in      string
		wantErr error
	}{
		{"empty", ``, cxmetrics.ErrCorrupt},
		{"null", `null`, cxmetrics.ErrCorrupt},
		{"not an object", `[1,5]`, cxmetrics.ErrCorrupt},
		{"trailing garbage", csat + `x`, cxmetrics.ErrCorrupt},
		{"a second object", csat + csat, cxmetrics.ErrCorrupt},
		{"a key twice", `{"min":1,"min":1,"max":5,"counts":[1,1,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"counts twice", `{"min":1,"max":5,"counts":[1,1,1,1,1],"counts":[1,1,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"a key in another case", `{"MIN":1,"max":5,"counts":[1,1,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"counts in another case", `{"min":1,"max":5,"Counts":[1,1,1,1,1]}`, cxmetrics.ErrCorrupt},
		// \u006d is "m": the same key spelled another way.
		{"a key spelled with an escape", `{"\u006din":1,"max":5,"counts":[1,1,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"a fraction", `{"min":1.0,"max":5,"counts":[1,1,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"an exponent", `{"min":1,"max":5,"counts":[1,1e3,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"a quoted number", `{"min":1,"max":"5","counts":[1,1,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"minus zero", `{"min":1,"max":5,"counts":[1,1,-0,1,1]}`, cxmetrics.ErrCorrupt},
		{"a leading zero", `{"min":1,"max":5,"counts":[1,01,1,1,1]}`, cxmetrics.ErrCorrupt},
		{"counts null", `{"min":1,"max":5,"counts":null}`, cxmetrics.ErrCorrupt},
		{"counts an object", `{"min":1,"max":5,"counts":{}}`, cxmetrics.ErrCorrupt},
		{"a trailing comma", `{"min":1,"max":5,"counts":[1,1,1,1,1,]}`, cxmetrics.ErrCorrupt},
		{"more counts than any scale has", long, cxmetrics.ErrCorrupt},
		// Reading stops at the first count past MaxScalePoints, before
		// it sees the string at the end.
		{"garbage past MaxScalePoints counts", strings.TrimSuffix(long, `]}`) + `,"x"]}`, cxmetrics.ErrCorrupt},
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
		// 2⁶³ = 9223372036854775808, one past int64, as the binary form
		// says of the same count.
		{"count 2⁶³", `{"min":0,"max":1,"counts":[9223372036854775808,0]}`, cxmetrics.ErrOverflow},
		{"count of 30 digits", `{"min":0,"max":1,"counts":[0,100000000000000000000000000000]}`, cxmetrics.ErrOverflow},
		{"min past int64", `{"min":-9223372036854775809,"max":1,"counts":[0,0]}`, cxmetrics.ErrOverflow},
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

// TestSurveyUnmarshalJSONForms checks what UnmarshalJSON accepts besides
// MarshalJSON's own bytes: the keys in any order and white space between
// tokens, which JSON does not give a meaning, and nothing else.
func TestSurveyUnmarshalJSONForms(t *testing.T) {
	want := []int64{0, 1, 0, 4, 7}
	for _, in := range []string{
		`{"min":1,"max":5,"counts":[0,1,0,4,7]}`,
		`{"counts":[0,1,0,4,7],"max":5,"min":1}`,
		" {\n\t\"max\" : 5 ,\r\n \"min\":1, \"counts\": [ 0 , 1,0, 4,7 ] }\n ",
	} {
		var s cxmetrics.Survey
		if err := s.UnmarshalJSON([]byte(in)); err != nil {
			t.Errorf("UnmarshalJSON(%q): %v", in, err)
			continue
		}
		if s.Scale() != cxmetrics.CSATScale || s.Total() != 12 {
			t.Errorf("UnmarshalJSON(%q): scale %v total %d, want 1-5 and 0+1+0+4+7 = 12", in, s.Scale(), s.Total())
		}
		if diff := cmp.Diff(want, counts(&s)); diff != "" {
			t.Errorf("UnmarshalJSON(%q) counts mismatch (-want +got):\n%s", in, diff)
		}
	}
}

// TestSurveyUnmarshalJSONLongArray checks that a counts array far longer
// than any scale is refused without being held: decoding 10⁶ counts
// stops after MaxScalePoints of them. Holding them all would take 8 MB
// as int64s alone; the limit is 1 MiB, and the decode takes about 150 KB.
func TestSurveyUnmarshalJSONLongArray(t *testing.T) {
	data := []byte(`{"min":0,"max":10,"counts":[1` + strings.Repeat(",1", 1_000_000-1) + `]}`)
	var s cxmetrics.Survey
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := s.UnmarshalJSON(data)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, cxmetrics.ErrCorrupt) {
		t.Errorf("UnmarshalJSON of 10⁶ counts: error %v, want ErrCorrupt", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("UnmarshalJSON of 10⁶ counts allocated %d bytes, want at most %d", got, 1<<20)
	}
}

// TestSurveyEncodingsAtIntLimits checks that scales at the ends of int
// (whose bounds are the longest varints and decimals) and the largest
// count go through both encodings and come back as they were.
func TestSurveyEncodingsAtIntLimits(t *testing.T) {
	for _, sc := range []cxmetrics.Scale{
		{Min: math.MinInt, Max: math.MinInt + cxmetrics.MaxScalePoints - 1},
		{Min: math.MaxInt - cxmetrics.MaxScalePoints + 1, Max: math.MaxInt},
		{Min: -1, Max: 0},
	} {
		s := mustSurvey(t, sc, math.MaxInt64) // every answer at Min
		j, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON, fromBinary cxmetrics.Survey
		if err := fromJSON.UnmarshalJSON(j); err != nil {
			t.Errorf("UnmarshalJSON(%s): %v", j, err)
		}
		if err := fromBinary.UnmarshalBinary(b); err != nil {
			t.Errorf("UnmarshalBinary(%x): %v", b, err)
		}
		for _, got := range []*cxmetrics.Survey{&fromJSON, &fromBinary} {
			if got.Scale() != sc || got.Total() != math.MaxInt64 {
				t.Errorf("decoded scale %v total %d, want %v and %d", got.Scale(), got.Total(), sc, int64(math.MaxInt64))
			}
			if diff := cmp.Diff(counts(s), counts(got)); diff != "" {
				t.Errorf("counts mismatch (-want +got):\n%s", diff)
			}
		}
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
		// 0x80 0x00 is 0 in two bytes where one does: not the one form.
		{"overlong count", []byte{1, 2, 4, 0x80, 0x00, 0}, cxmetrics.ErrCorrupt},
		{"overlong last count", []byte{1, 2, 4, 0, 0x80, 0x00}, cxmetrics.ErrCorrupt},
		// Min 1 is zigzag 2: 0x82 0x00 spells it in two bytes.
		{"overlong min", []byte{1, 0x82, 0x00, 4, 0, 0}, cxmetrics.ErrCorrupt},
		// Max 2 is zigzag 4: 0x84 0x80 0x00 spells it in three bytes.
		{"overlong max", []byte{1, 2, 0x84, 0x80, 0x00, 0, 0}, cxmetrics.ErrCorrupt},
		// Ten bytes whose last is 2 carry bit 64: past any 64-bit varint.
		{"bound past 64 bits", []byte{1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02, 4, 0, 0}, cxmetrics.ErrCorrupt},
		{"count past 64 bits", []byte{1, 0, 2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02, 0, 0}, cxmetrics.ErrCorrupt},
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
