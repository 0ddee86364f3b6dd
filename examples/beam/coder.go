package main

import (
	"reflect"
	"sync/atomic"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/cxmetrics/cxmetrics"
)

// The Beam Go SDK picks the coder of a CombineFn's accumulator from the
// return type of MergeAccumulators (beam.CombinePerKey calls inferCoder on
// it). For a pointer to a struct it takes a coder registered for that type
// if there is one, and otherwise a schema row coder built from the struct's
// exported fields. It never looks for encoding.BinaryMarshaler or
// json.Marshaler on a struct. A Survey's fields are all unexported: without
// the registration below its accumulators leave each worker as empty rows
// (R[*cxmetrics.Survey] in the plan), come back as zero-value Surveys, and
// the library refuses them ("is a nil or zero-value survey") in ExtractOutput.
// With it they travel in the library's binary encoding
// (*cxmetrics.Survey[*cxmetrics.Survey] in the plan): a version byte, the
// scale and one varint per point, 14 bytes for an empty NPS tally and at
// most 102 however many answers it holds.
//
// A RevenuePeriod's amounts are exported, but whether a period of no
// movements has its breakdown is not: a schema row would lose it, and a
// steady month would come back in totals form, without a GRR. It travels
// in its binary encoding too, 9 bytes for small amounts.
func init() {
	beam.RegisterCoder(reflect.TypeFor[*cxmetrics.Survey](), encodeSurvey, decodeSurvey)
	beam.RegisterCoder(reflect.TypeFor[cxmetrics.RevenuePeriod](), encodeRevenue, decodeRevenue)
}

// encodeRevenue is the Beam encoder of a cxmetrics.RevenuePeriod: its
// [cxmetrics.RevenuePeriod.MarshalBinary] form.
func encodeRevenue(r cxmetrics.RevenuePeriod) ([]byte, error) { return r.MarshalBinary() }

// decodeRevenue is the Beam decoder of a cxmetrics.RevenuePeriod, the
// inverse of encodeRevenue.
func decodeRevenue(b []byte) (cxmetrics.RevenuePeriod, error) {
	var r cxmetrics.RevenuePeriod
	err := r.UnmarshalBinary(b)
	return r, err
}

// surveysEncoded and surveysDecoded count the Surveys that went through the
// coder in this process. The test reads them to show that the accumulators
// really crossed a shuffle in the library's encoding. On the local runner
// the workers run in this process; on a remote runner they count nothing
// here.
var surveysEncoded, surveysDecoded atomic.Int64

// encodeSurvey is the Beam encoder of a *cxmetrics.Survey: its
// [cxmetrics.Survey.MarshalBinary] form.
func encodeSurvey(s *cxmetrics.Survey) ([]byte, error) {
	surveysEncoded.Add(1)
	return s.MarshalBinary()
}

// decodeSurvey is the Beam decoder of a *cxmetrics.Survey, the inverse of
// encodeSurvey.
func decodeSurvey(b []byte) (*cxmetrics.Survey, error) {
	surveysDecoded.Add(1)
	s := new(cxmetrics.Survey)
	if err := s.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return s, nil
}
