package advisor

import (
	"fmt"
	"strings"
)

// ValidAnswers is what the advisor's message about an unusable answer of
// one field ends with: Suffix, the list of the catalog's answers. A
// report of many rejected rows says the list once per column rather than
// in each row's reason.
type ValidAnswers struct {
	Field  string
	Suffix string // the message's end, separator included
	List   string // the answers alone
}

// ValidAnswers lists the endings of the role and accountability messages.
func (a *Advisor) ValidAnswers() []ValidAnswers {
	valid := make([]string, len(a.cat.Accountability))
	for i, acc := range a.cat.Accountability {
		valid[i] = fmt.Sprintf("%s (%s)", acc.ID, acc.Description)
	}
	accs := strings.Join(valid, ", ")
	return []ValidAnswers{
		{Field: FieldRole, Suffix: " Valid roles: " + a.roleNames, List: a.roleNames},
		{Field: FieldAccountability, Suffix: "; use one of: " + accs, List: accs},
	}
}
