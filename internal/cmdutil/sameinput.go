package cmdutil

import (
	"fmt"
	"os"
	"strings"
)

// readableOnce refuses two inputs that are one stream that can be read
// once: stdin twice, or the same pipe, terminal or other device given two
// ways (- and /dev/stdin, or one FIFO's path twice). The two readers would
// split the stream between them, each taking chunks of the other's rows,
// and one would read a data row as its header. A regular file named twice
// is opened twice, each with its own offset, so it may be.
func (s *StaffList) readableOnce() error {
	var infos []os.FileInfo
	for i, in := range s.Inputs {
		if i >= len(s.shape.Inputs) {
			break
		}
		infos = append(infos, s.inputInfo(in))
		for j := range i {
			if err := s.sameStream(j, i, infos[j], infos[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// inputInfo is what an input is, nil when it cannot be told (the test's
// stdin is no file; a missing file is reported when it is opened).
func (s *StaffList) inputInfo(input string) os.FileInfo {
	if input == "-" {
		f, ok := s.IO.In.(*os.File)
		if !ok {
			return nil
		}
		info, err := f.Stat()
		if err != nil {
			return nil
		}
		return info
	}
	info, err := os.Stat(input) // follows /dev/stdin to the stream itself
	if err != nil {
		return nil
	}
	return info
}

// sameStream says why inputs i and j cannot both be read, or nil.
func (s *StaffList) sameStream(i, j int, a, b os.FileInfo) error {
	names := s.shape.Inputs[i] + " and " + s.shape.Inputs[j]
	if s.Inputs[i] == "-" && s.Inputs[j] == "-" {
		return UsageErrorf("%s are both stdin; stdin can be read once, so pass at least one of them as a file", names)
	}
	if a == nil || b == nil || !os.SameFile(a, b) || a.Mode().IsRegular() {
		return nil
	}
	given := fmt.Sprintf("%q and %q", s.Inputs[i], s.Inputs[j])
	if s.Inputs[i] == s.Inputs[j] {
		given = fmt.Sprintf("both %q", s.Inputs[i])
	}
	return UsageErrorf("%s are the same %s (%s), which can be read once; save one of them to a file and pass that",
		names, streamKind(a.Mode()), strings.ReplaceAll(given, `"-"`, "- (stdin)"))
}

// streamKind names what a file that is no regular file is.
func streamKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "pipe"
	case m&os.ModeSocket != 0:
		return "socket"
	case m&os.ModeCharDevice != 0:
		return "terminal or device"
	}
	return "stream"
}
