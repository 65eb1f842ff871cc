package prompt

import "github.com/AlecAivazis/survey/v2/terminal"

const (
	keyEscape    = '\x1b'
	keyInterrupt = '\x03' // Ctrl-C
)

// escapeInterrupts makes the Esc key act as Ctrl-C. survey/v2 has no
// option for it: a Select toggles its vim mode on Esc and an Input ignores
// it. A terminal sends Esc as a lone ESC byte, while the keys survey reads
// as sequences (arrows, Home, End, Delete, cursor reports) start with
// ESC [ or ESC O in the same read; any other ESC is the Esc key (survey
// itself would fail on it as an unexpected sequence).
type escapeInterrupts struct{ terminal.FileReader }

func (r escapeInterrupts) Read(p []byte) (int, error) {
	n, err := r.FileReader.Read(p)
	for i := range n {
		if p[i] == keyEscape && (i+1 == n || (p[i+1] != '[' && p[i+1] != 'O')) {
			p[i] = keyInterrupt
		}
	}
	return n, err
}

// withoutColor drops the colour and style sequences (SGR: ESC [ ... m)
// that survey writes, and passes every other byte, cursor movement
// included, through. survey decides on colour from process-wide state (the
// mutable core.DisableColor and the NO_COLOR it reads itself, memoised per
// template on first use), so a prompter filters its own output instead of
// changing that state.
type withoutColor struct {
	terminal.FileWriter
	// seq holds an escape sequence begun in an earlier Write.
	seq []byte
}

func (w *withoutColor) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p))
	for _, b := range p {
		switch {
		case len(w.seq) == 0 && b != keyEscape:
			out = append(out, b)
		case len(w.seq) == 1 && b != '[':
			// not a CSI sequence (such as ESC 7, save cursor): keep it
			out = append(append(out, w.seq...), b)
			w.seq = w.seq[:0]
		case len(w.seq) > 1 && b >= 0x40 && b <= 0x7e:
			// the final byte of a CSI sequence
			if b != 'm' {
				out = append(append(out, w.seq...), b)
			}
			w.seq = w.seq[:0]
		default:
			w.seq = append(w.seq, b)
		}
	}
	if _, err := w.FileWriter.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
