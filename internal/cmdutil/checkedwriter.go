package cmdutil

import (
	"errors"
	"io"
	"io/fs"
	"sync"
)

// CheckedWriter passes writes on until one fails, then refuses every later
// write with that error. Some libraries drop write errors (tablewriter
// does), so a command cannot trust a renderer's nil: it asks Err instead.
type CheckedWriter struct {
	w   io.Writer
	mu  sync.Mutex
	err error
}

func NewCheckedWriter(w io.Writer) *CheckedWriter { return &CheckedWriter{w: w} }

func (c *CheckedWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	c.err = err
	return n, err
}

// Err is the first write error, or nil.
func (c *CheckedWriter) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// checkedReader records the first read error other than io.EOF, so that
// input that cannot be read (a folder, /proc/self/mem) is told from
// output that cannot be written.
type checkedReader struct {
	r     io.Reader
	mu    sync.Mutex
	err   error
	ended bool // io.EOF was read
}

func (c *checkedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil {
		c.mu.Lock()
		if err == io.EOF {
			c.ended = true
		} else if c.err == nil {
			c.err = err
		}
		c.mu.Unlock()
	}
	return n, err
}

// Ended reports whether the input was read to its end.
func (c *checkedReader) Ended() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ended
}

// Err is the first read error, or nil.
func (c *checkedReader) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// OutputError is output that could not be written in full: exit 1.
type OutputError struct {
	Name string // "stdout" or the file
	Err  error
	// Note says what became of the output file, when there is one.
	Note string
}

func (e *OutputError) Error() string {
	if e.Note == "" {
		return "cannot write " + e.Name + ": " + e.Err.Error() + "; the output is incomplete"
	}
	return "cannot write " + e.Name + ": " + e.Err.Error() + "; " + e.Note
}
func (e *OutputError) Unwrap() error { return e.Err }

// NewOutputError names the output once: the file's own name in err (as in
// "write /dev/stdout: ...") would repeat it, or name the temporary file.
func NewOutputError(name string, err error) *OutputError {
	return &OutputError{Name: name, Err: withoutPath(err)}
}

// withoutPath drops the file name an *fs.PathError adds, for a message
// that names the file already.
func withoutPath(err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err
	}
	return err
}

// writeChecked runs write over w and fails when any write failed, whether
// or not write passed the error on.
func writeChecked(w io.Writer, name string, write func(io.Writer) error) error {
	cw := NewCheckedWriter(w)
	err := write(cw)
	if werr := cw.Err(); werr != nil {
		return NewOutputError(name, werr)
	}
	return err
}
