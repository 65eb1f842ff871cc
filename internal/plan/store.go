package plan

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/gofrs/flock"

	"github.com/careerpath/careerpath/internal/advisor"
)

// DataHomeEnv names the variable that replaces the data folder
// ($XDG_DATA_HOME/careerpath, or the platform's equivalent).
const DataHomeEnv = "CAREERPATH_DATA_HOME"

// Dir is the folder plans are kept in: $CAREERPATH_DATA_HOME/plans, else
// careerpath/plans under the platform's data folder ($XDG_DATA_HOME, by
// default ~/.local/share, on Linux and BSD; ~/Library/Application Support
// on macOS; %LOCALAPPDATA% on Windows), which adrg/xdg finds.
func Dir(getenv func(string) string) string {
	if home := getenv(DataHomeEnv); home != "" {
		return filepath.Join(home, "plans")
	}
	return filepath.Join(xdg.DataHome, "careerpath", "plans")
}

// InputError is a plan problem the person can fix: a bad name, an unknown
// phase, a corrupt file. The command exits 2.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func inputErrorf(format string, args ...any) error {
	return &InputError{Err: fmt.Errorf(format, args...)}
}

// Store reads and writes the plans of one folder.
type Store struct {
	Dir string
	// WriteFile replaces path with what write writes, atomically: readers
	// see the old file or the whole new one, never a part.
	WriteFile func(path string, write func(io.Writer) error) error
	// Warn receives what readers skipped, such as a log line a crash cut
	// off.
	Warn func(string)
	Now  func() time.Time

	// warned holds the lines warned about (file:line), so that a log read
	// three times in one change warns once.
	warned map[string]bool
}

var namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// CheckName refuses a plan name that is not a plain file name.
func CheckName(name string) error {
	if !namePattern.MatchString(name) {
		return inputErrorf("plan name %q is not usable; use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", name)
	}
	return nil
}

func (s *Store) planFile(name string) string { return filepath.Join(s.Dir, name+".json") }
func (s *Store) logFile(name string) string  { return filepath.Join(s.Dir, name+".log.jsonl") }
func (s *Store) lockFile(name string) string { return filepath.Join(s.Dir, name+".lock") }

// lock takes the named plan's lock, waiting for another process to let
// go of it; every write happens under it.
func (s *Store) lock(name string) (unlock func(), err error) {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot make the plans folder %s: %w", s.Dir, err)
	}
	l := flock.New(s.lockFile(name), flock.SetPermissions(0o600))
	if err := l.Lock(); err != nil {
		return nil, fmt.Errorf("cannot lock plan %q (%s): %w", name, l.Path(), err)
	}
	return func() { _ = l.Unlock() }, nil
}

// Start saves a new plan called name with path p and appends its start
// line to the log. An existing plan of that name is refused unless force;
// with force, its log keeps every earlier line, and only the changes after
// the new start line apply.
func (s *Store) Start(name string, p *advisor.Path, force bool) (*Saved, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	unlock, err := s.lock(name)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if !force {
		if err := s.CheckFree(name); err != nil {
			return nil, err
		}
	}
	saved := &Saved{SchemaVersion: SchemaVersion, ID: newID(), Name: name, Created: s.Now().UTC(), Path: p}
	err = s.WriteFile(s.planFile(name), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(saved)
	})
	if err != nil {
		return nil, err
	}
	// A crash here leaves a plan with no start line: it reads as a plan
	// with no changes yet, and the earlier lines stay in the log.
	if _, err := s.appendLocked(name, Change{Kind: ChangeStart, Plan: saved.ID}); err != nil {
		return nil, err
	}
	return saved, nil
}

// CheckFree refuses a name a plan already has, so that plan start can
// say so before it asks any question; Start checks again under the lock.
func (s *Store) CheckFree(name string) error {
	_, err := os.Stat(s.planFile(name))
	switch {
	case err == nil:
		return inputErrorf("a plan called %q exists (%s); give another --name, or --force to start it again (its log keeps the old changes)", name, s.planFile(name))
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return nil
}

func newID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// Load reads the named plan and its log.
func (s *Store) Load(name string) (*Saved, []Change, error) {
	if err := CheckName(name); err != nil {
		return nil, nil, err
	}
	saved, err := s.readPlan(name)
	if err != nil {
		return nil, nil, err
	}
	log, _, err := s.readLog(name)
	return saved, log, err
}

func (s *Store) readPlan(name string) (*Saved, error) {
	file := s.planFile(name)
	raw, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, inputErrorf("no plan called %q in %s; start one with 'careerpath plan start --name %s', or see 'careerpath plan list'", name, s.Dir, name)
	}
	if err != nil {
		return nil, err
	}
	var saved Saved
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&saved); err != nil {
		return nil, inputErrorf("plan file %s is not a saved plan: %v; start it again with 'careerpath plan start --name %s --force'", file, err, name)
	}
	if err := checkDates(saved.Path); err != nil {
		return nil, inputErrorf("plan file %s is not a usable plan: %v", file, err)
	}
	return &saved, nil
}

// logState is what appending needs to know of the log as read.
type logState struct {
	lines int
	// torn is the number of a last line a crash cut off (no newline, not
	// JSON), 0 when the log ends cleanly.
	torn int
	// unterminated is set when the file does not end in a newline, as when
	// a crash came between a change and its newline.
	unterminated bool
}

// readLog reads the log. A last line with no newline that is not a change
// is a write a crash cut off: it is reported and skipped, and the file is
// left as it is. A line in the middle that is not a change stops the read
// (an *InputError naming the file and the line), unless the line after it
// says, in torn_line, that it was appended after that cut-off line.
func (s *Store) readLog(name string) ([]Change, logState, error) {
	file := s.logFile(name)
	raw, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, logState{}, nil
	}
	if err != nil {
		return nil, logState{}, err
	}
	var (
		changes []Change
		st      logState
		bad     int // a line that did not read, waiting to be excused by the next one
		badErr  error
	)
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64*1024), len(raw)+1)
	for sc.Scan() {
		st.lines++
		var c Change
		err := decodeChange(sc.Bytes(), &c)
		if bad > 0 {
			if err != nil || c.TornLine != bad {
				return nil, st, corruptLine(file, bad, badErr)
			}
			s.warnTorn(file, bad, false)
			bad = 0
		}
		if err != nil {
			bad, badErr = st.lines, err
			continue
		}
		changes = append(changes, c)
	}
	st.unterminated = len(raw) > 0 && !bytes.HasSuffix(raw, []byte("\n"))
	if bad > 0 {
		if st.unterminated {
			s.warnTorn(file, bad, true)
			st.torn = bad
		} else {
			return nil, st, corruptLine(file, bad, badErr)
		}
	}
	return changes, st, nil
}

func decodeChange(line []byte, c *Change) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one value on the line")
	}
	if !slices.Contains([]string{ChangeStart, ChangeDone, ChangeUndo, ChangeNote, ChangeReplan}, c.Kind) || c.Seq < 1 {
		return fmt.Errorf("no known change (%q, seq %d)", c.Kind, c.Seq)
	}
	// The schedule trusts a replan's day, as it trusts the saved path's.
	if _, err := time.Parse(advisor.DateLayout, c.From); c.Kind == ChangeReplan && err != nil {
		return fmt.Errorf("a replan from %q, which is not YYYY-MM-DD", c.From)
	}
	return nil
}

func corruptLine(file string, line int, err error) error {
	return inputErrorf("plan log %s, line %d, is not a change (%v); nothing was changed. Fix or delete that line with an editor; the lines before it are intact", file, line, err)
}

func (s *Store) warnTorn(file string, line int, last bool) {
	where := "was cut off by a crash"
	if last {
		where = "is incomplete, probably cut off by a crash while it was written"
	}
	msg := fmt.Sprintf("warning: plan log %s, line %d, %s; it is skipped, and the file is left as it is", file, line, where)
	if s.warned == nil {
		s.warned = map[string]bool{}
	}
	if key := fmt.Sprintf("%s:%d", file, line); !s.warned[key] {
		s.warned[key] = true
		s.Warn(msg)
	}
}

// Change reads the named plan and its log under its lock, lets check
// build the change to append from them (or refuse), and appends it,
// synced, before the lock is let go, so that concurrent changes are
// neither lost nor made against a log another process has moved on.
func (s *Store) Change(name string, check func(*Saved, []Change) (Change, error)) (*Saved, []Change, error) {
	if err := CheckName(name); err != nil {
		return nil, nil, err
	}
	unlock, err := s.lock(name)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()
	saved, err := s.readPlan(name)
	if err != nil {
		return nil, nil, err
	}
	log, _, err := s.readLog(name)
	if err != nil {
		return nil, nil, err
	}
	c, err := check(saved, log)
	if err != nil {
		return nil, nil, err
	}
	if !lastStartIsOwn(saved, log) {
		// After a crash that left no start line, or with a plan file
		// restored from a backup, the change must not fall in another
		// plan's part of the log.
		if _, err := s.appendLocked(name, Change{Kind: ChangeStart, Plan: saved.ID}); err != nil {
			return nil, nil, err
		}
	}
	if _, err := s.appendLocked(name, c); err != nil {
		return nil, nil, err
	}
	log, _, err = s.readLog(name)
	if err != nil {
		return nil, nil, err
	}
	return saved, log, nil
}

// appendLocked appends c, numbered after the log's last line and stamped
// now, and syncs the file; the caller holds the lock. After a cut-off
// last line, the new line starts on a line of its own and names the
// cut-off one, which readers then skip: nothing already written is
// changed.
func (s *Store) appendLocked(name string, c Change) (Change, error) {
	log, st, err := s.readLog(name)
	if err != nil {
		return c, err
	}
	c.Seq, c.Time = 1, s.Now().UTC()
	if n := len(log); n > 0 {
		c.Seq = log[n-1].Seq + 1
	}
	var line []byte
	if st.unterminated {
		line = append(line, '\n')
	}
	c.TornLine = st.torn
	enc, err := json.Marshal(c)
	if err != nil {
		return c, err
	}
	line = append(append(line, enc...), '\n')
	file := s.logFile(name)
	_, statErr := os.Stat(file)
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return c, err
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return c, fmt.Errorf("cannot write to plan log %s: %w", file, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return c, fmt.Errorf("cannot sync plan log %s: %w", file, err)
	}
	if err := f.Close(); err != nil {
		return c, err
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		syncDir(s.Dir)
	}
	return c, nil
}

// syncDir makes a new file's name durable; where a folder cannot be
// synced (Windows), the file's own sync is what there is.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// List returns the names of the saved plans, sorted.
func (s *Store) List() ([]string, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return []string{}, nil
	}
	if err != nil {
		return nil, err
	}
	names := []string{}
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".json"); ok && e.Type().IsRegular() && CheckName(name) == nil {
			names = append(names, name)
		}
	}
	return names, nil
}

// Remove deletes the named plan: its path and its log. The lock file
// stays: a process waiting on it must not end up holding a lock on a file
// no other process can see.
func (s *Store) Remove(name string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	unlock, err := s.lock(name)
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := os.Stat(s.planFile(name)); errors.Is(err, fs.ErrNotExist) {
		return inputErrorf("no plan called %q in %s; see 'careerpath plan list'", name, s.Dir)
	}
	for _, f := range []string{s.planFile(name), s.logFile(name)} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	syncDir(s.Dir)
	return nil
}
