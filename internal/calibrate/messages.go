package calibrate

import (
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/advisor"
)

// A rejected row's message quotes the cell at fault ("unknown role
// "Sorcerer". Valid roles: ..."), so a file whose every row holds another
// unknown role makes as many messages as rows, some 250 bytes each, kept
// until the output is written. The join keeps the message with the
// quoted cell taken out, a template that rows alike share, and puts the
// row's own cell, which it keeps anyway, back when it writes the record.

// cellMark stands for the quoted cell in a template.
const cellMark = "\x00"

// messageTemplate takes the first quoted answer cell out of a message and
// says which answer it is (0 role, 1 years, 2 accountability). A message
// that quotes none, or already holds the mark, is kept whole, with -1.
func messageTemplate(message string, answers advisor.Answers) (string, int8) {
	if strings.Contains(message, cellMark) {
		return message, -1
	}
	for a, cell := range [3]string{answers.Role, answers.Years, answers.Accountability} {
		if before, after, ok := strings.Cut(message, strconv.Quote(cell)); ok {
			return before + cellMark + after, int8(a)
		}
	}
	return message, -1
}

// messageOf puts a row's cell of the answer back in a template, quoted;
// answer -1 is a message kept whole.
func messageOf(template string, answer int8, answers advisor.Answers) string {
	if answer < 0 {
		return template
	}
	before, after, _ := strings.Cut(template, cellMark)
	cell := [3]string{answers.Role, answers.Years, answers.Accountability}[answer]
	return before + strconv.Quote(cell) + after
}
