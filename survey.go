package cxmetrics

import (
	"fmt"
	"math"
	"math/bits"
)

// Survey is a tally of the answers to one question on one [Scale]: a
// histogram with an int64 count for each point of the scale, not a list of
// answers. Adding an answer is O(1), a Survey takes O(scale points) memory
// however many answers it holds, and two Surveys on the same scale [Survey.Merge]
// exactly, so a tally can be kept per shard, per day or per goroutine and
// the parts added up later in any order.
//
// Create a Survey with [NewSurvey] or [Tally]. The zero value has no scale:
// every add to it fails with [ErrInvalidScale].
//
// A Survey is not safe for concurrent use. To tally on several goroutines,
// give each goroutine its own Survey and Merge them when they are done.
// Methods and functions that only read a Survey (Scale, Count, Total,
// Mean, the marshalers, [NPS], [CSAT] and the other metrics) may run on
// several goroutines at once while no goroutine adds to it, merges into
// it or unmarshals into it.
//
// Methods panic if called on a nil *Survey, as a nil map or slice would:
// that is a programming error no data can cause. Functions that take a
// *Survey as an argument return [ErrInvalidArgument] for nil instead.
//
// A method that returns an error leaves the Survey as it was.
type Survey struct {
	scale  Scale
	counts []int64 // counts[i] is the number of answers scale.Min+i
	total  int64
}

// NewSurvey returns an empty Survey on scale. It returns an error wrapping
// [ErrInvalidScale] if the scale is not valid.
func NewSurvey(scale Scale) (*Survey, error) {
	if err := scale.Validate(); err != nil {
		return nil, err
	}
	return &Survey{scale: scale, counts: make([]int64, scale.Points())}, nil
}

// errNoScale is the error of a method that needs a scale, called on a
// zero-value Survey.
// argument returns an error wrapping [ErrInvalidArgument] if s, given to a
// function as what, is nil or the zero Survey, which has no scale.
func (s *Survey) argument(what string) error {
	if s == nil || s.counts == nil {
		return fmt.Errorf("%w: %s is a nil or zero-value survey", ErrInvalidArgument, what)
	}
	return nil
}

func errNoScale() error {
	return fmt.Errorf("%w: survey has no scale (use NewSurvey)", ErrInvalidScale)
}

// Scale returns the scale the Survey tallies.
func (s *Survey) Scale() Scale { return s.scale }

// Count returns the number of answers equal to score, or 0 if score is not
// on the Survey's scale.
func (s *Survey) Count(score int) int64 {
	i, ok := s.index(score)
	if !ok {
		return 0
	}
	return s.counts[i]
}

// index returns the position of score in counts, and whether score is on
// the scale. The offset is taken modulo 2^(bits of uint), so that a score far outside
// the scale cannot wrap into it: Max = Min + len(counts) − 1 fits in an
// int.
func (s *Survey) index(score int) (int, bool) {
	i := uint(score) - uint(s.scale.Min)
	return int(i), i < uint(len(s.counts))
}

// Total returns the number of answers tallied.
func (s *Survey) Total() int64 { return s.total }

// Add tallies one answer. It is AddN(score, 1).
func (s *Survey) Add(score int) error { return s.AddN(score, 1) }

// AddN tallies n answers equal to score, as if Add were called n times.
//
// Special cases are:
//
//	score outside the scale    ErrOutOfRange
//	n < 0                      ErrNegative
//	count or total past int64  ErrOverflow
//	zero-value Survey          ErrInvalidScale
//
// n == 0 adds nothing and is not an error. On error the Survey is unchanged.
func (s *Survey) AddN(score int, n int64) error {
	if s.counts == nil {
		return errNoScale()
	}
	i, ok := s.index(score)
	if !ok {
		return fmt.Errorf("%w: score %d on scale %v", ErrOutOfRange, score, s.scale)
	}
	if n < 0 {
		return fmt.Errorf("%w: count %d of score %d", ErrNegative, n, score)
	}
	if s.total > math.MaxInt64-n {
		return fmt.Errorf("%w: adding %d answers to a total of %d", ErrOverflow, n, s.total)
	}
	// counts[i] <= total, so it cannot overflow if the total does not.
	s.counts[i] += n
	s.total += n
	return nil
}

// Merge adds every answer of other to s, as if each had been added to s
// with [Survey.Add]. Merging is exact, commutative and associative, so
// tallies kept apart can be combined in any order. other is not changed;
// s may be other, which doubles every count.
//
// Special cases are:
//
//	other nil or zero-value          ErrInvalidArgument
//	s zero-value                     ErrInvalidScale
//	other on a different scale       ErrScaleMismatch
//	the total would pass int64       ErrOverflow
//
// On error s is unchanged.
func (s *Survey) Merge(other *Survey) error {
	if err := other.argument("the survey merged"); err != nil {
		return err
	}
	if s.counts == nil {
		return errNoScale()
	}
	if s.scale != other.scale {
		return fmt.Errorf("%w: merging a survey on %v into one on %v", ErrScaleMismatch, other.scale, s.scale)
	}
	if s.total > math.MaxInt64-other.total {
		return fmt.Errorf("%w: merging %d answers into %d", ErrOverflow, other.total, s.total)
	}
	// Every count is at most its total, so no single count can overflow
	// once the totals do not.
	for i, c := range other.counts {
		s.counts[i] += c
	}
	s.total += other.total
	return nil
}

// Mean returns the mean answer on the Survey's own scale,
//
//	mean = Σ score × count(score) / Total
//
// computed exactly in integers (128-bit where it must) with one division at
// the end. It lies between the scale's Min and Max, as float64 holds them:
// float64(Min) <= Mean <= float64(Max), also on a scale whose bounds are
// too large for float64 to hold exactly.
//
// Special cases are:
//
//	no answers    ErrNoResponses
func (s *Survey) Mean() (float64, error) {
	if s.total == 0 {
		return 0, fmt.Errorf("%w: mean of an empty survey", ErrNoResponses)
	}
	sum := s.offsetSum(1)
	// The mean offset from Min is below the number of points, so the
	// quotient fits and sum.hi < total as Div64 requires.
	q, r := bits.Div64(sum.hi, sum.lo, uint64(s.total))
	// The mean is Min + q + r/total with 0 <= r < total. Min + q <= Max
	// is an exact int, rounded once here. Rounding Min and q apart, as
	// this once did, could carry the sum past float64(Max): on the scale
	// 2⁶² + 513 to 2⁶² + 1513 with every answer at Max it gave 2⁶² + 2048,
	// where float64(Max) is 2⁶² + 1024, and CESResult.Interval then
	// refused CES's own result. The exact mean lies in [Min, Max] and
	// rounding keeps order, so the clamp changes no mean that is rounded
	// right; it makes the documented range a guarantee rather than a
	// consequence of how the sum is rounded.
	mean := float64(s.scale.Min+int(q)) + float64(r)/float64(s.total)
	return min(max(mean, float64(s.scale.Min)), float64(s.scale.Max)), nil
}

// offsetSum returns Σ i^k × counts[i] for k = 1 or 2, exactly, where i is
// the answer's offset from the scale's Min: i^k <= 1000² and each count is
// below 2⁶³, so each term is below 2⁸³ and the sum of at most 1001 of them
// fits in 128 bits.
func (s *Survey) offsetSum(k int) u128 {
	var sum u128
	for i, c := range s.counts {
		p := uint64(i)
		if k == 2 {
			p *= p
		}
		sum = sum.plus(mul(p, uint64(c)))
	}
	return sum
}

// sumRange returns the number of answers from score lo to score hi
// inclusive, both on the scale.
func (s *Survey) sumRange(lo, hi int) int64 {
	var n int64
	for _, c := range s.counts[lo-s.scale.Min : hi-s.scale.Min+1] {
		n += c
	}
	return n
}
