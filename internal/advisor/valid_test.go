package advisor

import (
	"strings"
	"testing"
)

// The endings ValidAnswers names are the ones the messages have: a
// change of wording in one but not the other fails here.
func TestValidAnswersEndTheMessages(t *testing.T) {
	a := newAdvisor(t)
	ends := map[string]string{}
	for _, v := range a.ValidAnswers() {
		ends[v.Field] = v.Suffix
		if !strings.HasSuffix(v.Suffix, v.List) || v.List == "" {
			t.Errorf("%s: suffix %q does not end with the list %q", v.Field, v.Suffix, v.List)
		}
	}
	for _, answer := range []string{"", "Chief Happiness Officer", "DevSecOps Engineer"} {
		_, err := a.ResolveRole(answer)
		if err == nil || !strings.HasSuffix(err.Error(), ends[FieldRole]) {
			t.Errorf("role %q: %v does not end with %q", answer, err, ends[FieldRole])
		}
	}
	for _, answer := range []string{"", "whole company"} {
		_, err := a.ResolveAccountability(answer)
		if err == nil || !strings.HasSuffix(err.Error(), ends[FieldAccountability]) {
			t.Errorf("accountability %q: %v does not end with %q", answer, err, ends[FieldAccountability])
		}
	}
}
