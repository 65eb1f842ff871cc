//go:build !windows

// Package ptytest drives programs in a pseudo-terminal for end-to-end
// tests, the way survey's own tests do: go-expect reads what the program
// draws, a vt10x screen renders it and answers the program's cursor
// position queries, and keys are sent only once the program has put the
// terminal in raw mode, so none are lost to the line discipline.
package ptytest

import (
	"os"
	"strings"
	"testing"
	"time"

	expect "github.com/Netflix/go-expect"
	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
	"golang.org/x/sys/unix"
)

// Timeout bounds each wait. It is generous because the tests share two
// cores with other builds; a passing test never waits for it.
const Timeout = 30 * time.Second

// Size of the emulated screen.
const (
	Cols = 80
	Rows = 24
)

// Terminal is a pseudo-terminal with a screen behind it.
type Terminal struct {
	t       *testing.T
	console *expect.Console
	screen  vt10x.Terminal
	drained chan drained
}

type drained struct {
	out string
	err error
}

// New opens a terminal of Cols x Rows; it is closed when the test ends.
func New(t *testing.T) *Terminal {
	t.Helper()
	// The screen's replies (cursor position reports) go to a second
	// pseudo-terminal and are copied into the console as typed input.
	replies, repliesTTY, err := pty.Open()
	if err != nil {
		t.Fatalf("open pseudo-terminal: %v", err)
	}
	screen := vt10x.New(vt10x.WithWriter(repliesTTY), vt10x.WithSize(Cols, Rows))
	console, err := expect.NewConsole(
		expect.WithStdin(replies),
		expect.WithStdout(screen),
		expect.WithCloser(replies, repliesTTY),
		expect.WithDefaultTimeout(Timeout),
	)
	if err != nil {
		t.Fatalf("open console: %v", err)
	}
	t.Cleanup(func() { console.Close() })
	if err := pty.Setsize(console.Tty(), &pty.Winsize{Cols: Cols, Rows: Rows}); err != nil {
		t.Fatalf("size the terminal: %v", err)
	}
	return &Terminal{t: t, console: console, screen: screen}
}

// Tty is the terminal side the program under test uses.
func (term *Terminal) Tty() *os.File {
	return term.console.Tty()
}

// Expect reads what the program draws until text appears, and returns
// the bytes read, escape sequences included.
func (term *Terminal) Expect(text string) string {
	term.t.Helper()
	got, err := term.console.ExpectString(text)
	if err != nil {
		term.t.Fatalf("waiting for %q: %v\nread: %q\nscreen:\n%s", text, err, got, term.Screen())
	}
	return got
}

// Type sends keys once the program reads the terminal in raw mode.
func (term *Terminal) Type(keys string) {
	term.t.Helper()
	term.WaitRaw()
	if _, err := term.console.Send(keys); err != nil {
		term.t.Fatalf("send %q: %v", keys, err)
	}
}

// WaitRaw waits until the program has turned off canonical mode (line
// editing), which a prompt does just before it reads keys.
func (term *Terminal) WaitRaw() {
	term.t.Helper()
	deadline := time.Now().Add(Timeout)
	for {
		tio := term.termios()
		if tio.Lflag&unix.ICANON == 0 {
			return
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("the program did not put the terminal in raw mode within %s\nscreen:\n%s", Timeout, term.Screen())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// Usable reports whether the terminal is back in its normal mode: line
// editing, echo and signal keys on.
func (term *Terminal) Usable() bool {
	tio := term.termios()
	const want = unix.ICANON | unix.ECHO | unix.ISIG
	return tio.Lflag&want == want
}

func (term *Terminal) termios() *unix.Termios {
	term.t.Helper()
	tio, err := unix.IoctlGetTermios(int(term.console.Tty().Fd()), ioctlGetTermios)
	if err != nil {
		term.t.Fatalf("read terminal mode: %v", err)
	}
	return tio
}

// Wait reads what the program draws, answering its cursor queries, until
// exited returns (it waits for the program to finish). Checks of the
// terminal's state come after Wait and before Close.
func (term *Terminal) Wait(exited func()) {
	term.drained = make(chan drained, 1)
	go func() {
		out, err := term.console.ExpectEOF()
		term.drained <- drained{out, err}
	}()
	exited()
}

// Close closes the program's side of the terminal and reads the rest of
// its output, so the screen is complete. It returns the bytes read since
// the last Expect.
func (term *Terminal) Close() string {
	term.t.Helper()
	if term.drained == nil {
		term.Wait(func() {})
	}
	if err := term.console.Tty().Close(); err != nil {
		term.t.Fatalf("close tty: %v", err)
	}
	rest := <-term.drained
	if rest.err != nil {
		term.t.Fatalf("reading the end of the output: %v\nread: %q", rest.err, rest.out)
	}
	return rest.out
}

// Screen is the text on the screen, trailing blanks trimmed.
func (term *Terminal) Screen() string {
	lines := strings.Split(term.screen.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \x00")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// CursorVisible reports whether the program left the cursor shown.
func (term *Terminal) CursorVisible() bool {
	term.screen.Lock()
	defer term.screen.Unlock()
	return term.screen.CursorVisible()
}
