package prompt

import (
	"bytes"
	"os"
	"testing"
)

// fakeFile is a terminal file made of byte chunks, one per Read.
type fakeFile struct {
	chunks []string
	bytes.Buffer
}

func (f *fakeFile) Read(p []byte) (int, error) {
	n := copy(p, f.chunks[0])
	f.chunks = f.chunks[1:]
	return n, nil
}

func (*fakeFile) Fd() uintptr { return os.Stdin.Fd() }

func TestEscapeKeyBecomesInterrupt(t *testing.T) {
	for _, c := range []struct{ name, read, want string }{
		{"lone Esc", "\x1b", "\x03"},
		{"Esc after typing", "ab\x1b", "ab\x03"},
		{"two Esc", "\x1b\x1b", "\x03\x03"},
		{"Esc then a key", "\x1bx", "\x03x"},
		{"arrow down", "\x1b[B", "\x1b[B"},
		{"arrow up, application keypad", "\x1bOA", "\x1bOA"},
		{"cursor position report", "\x1b[24;80R", "\x1b[24;80R"},
		{"plain keys", "eng\r", "eng\r"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := escapeInterrupts{&fakeFile{chunks: []string{c.read}}}
			p := make([]byte, 64)
			n, err := r.Read(p)
			if err != nil || string(p[:n]) != c.want {
				t.Errorf("read %q, %v; want %q", p[:n], err, c.want)
			}
		})
	}
}

func TestWithoutColorKeepsCursorMovement(t *testing.T) {
	for _, c := range []struct {
		name   string
		writes []string
		want   string
	}{
		{"colours dropped", []string{"\x1b[1;92m? \x1b[0m\x1b[1;99mRole:\x1b[0m"}, "? Role:"},
		{"cursor sequences kept", []string{"\x1b[?25l\x1b7\x1b[2K\x1b[1A\x1b8\x1b[6n\x1b[?25h"}, "\x1b[?25l\x1b7\x1b[2K\x1b[1A\x1b8\x1b[6n\x1b[?25h"},
		{"sequence split across writes", []string{"a\x1b", "[36", "mb\x1b[", "1A"}, "ab\x1b[1A"},
		{"text untouched", []string{"> SRE - Professional\n"}, "> SRE - Professional\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &fakeFile{}
			w := &withoutColor{FileWriter: f}
			for _, s := range c.writes {
				if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
					t.Fatalf("Write(%q) = %d, %v", s, n, err)
				}
			}
			if got := f.String(); got != c.want {
				t.Errorf("wrote %q, want %q", got, c.want)
			}
		})
	}
}
