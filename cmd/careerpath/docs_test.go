//go:build !windows

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The documentation's examples are run, so that they cannot drift from the
// binary. The convention, described for writers in docs/development.md:
//
//   - Examples are fenced ```console blocks. A line starting with "$ " is a
//     command; the lines after it, up to the next command or the block's
//     end, are what a terminal shows: stdout and stderr as they are
//     written. A command ending in "\" goes on on the next line.
//   - A command is `careerpath ARGS` (quoted as a POSIX shell quotes, no
//     pipes or redirections), `echo $?` (the previous careerpath's exit
//     status; without it that status must be 0) or `cat FILE`.
//   - An output line "..." stands for any number of lines, none included.
//   - Commands run in a temporary folder holding a copy of examples/, one
//     folder per Markdown file, so a file written with -o by one example
//     can be read by a later one; the environment is empty but for a
//     temporary HOME (and CAREERPATH_DATA_HOME, the plans' folder, under
//     it), so no setting or plan of the user's applies. Output that
//     depends on the day needs --start (plan status: --today).
//
// A "$ careerpath" line outside a console block is an error, so that no
// example escapes the test, except in a ```text block: a session at a
// terminal (prompts), which the test cannot type into. Pipelines go in
// ```sh blocks without a prompt.

// docFiles are the Markdown files whose examples are run, relative to the
// repository's root.
func docFiles(t *testing.T, root string) []string {
	t.Helper()
	files := []string{"README.md", "CHANGELOG.md"}
	more, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(more) == 0 {
		t.Fatalf("no docs/*.md under %s", root)
	}
	for _, f := range more {
		rel, _ := filepath.Rel(root, f)
		files = append(files, rel)
	}
	return files
}

// docCommand is one "$ " line of a console block with what it should show.
type docCommand struct {
	line int // of the "$ " line in the Markdown file
	text string
	want []string
}

// consoleCommands returns the commands of md's console blocks, and an
// error for a "$ careerpath" line outside one or a block left open.
func consoleCommands(md string) ([]docCommand, error) {
	var (
		cmds    []docCommand
		inFence bool
		console bool
		session bool // a ```text block: a terminal session, shown, not run
		cur     *docCommand
		cont    bool // the last command line ended in a backslash
	)
	for i, line := range strings.Split(md, "\n") {
		n := i + 1
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			if !inFence {
				info := strings.TrimPrefix(trimmed, "```")
				inFence, console, session = true, info == "console", info == "text"
			} else {
				inFence, console, session, cur = false, false, false, nil
			}
			continue
		}
		if !console {
			if !session && strings.HasPrefix(trimmed, "$ careerpath") {
				return nil, fmt.Errorf("line %d: a careerpath example outside a ```console block is not run; put it in one with its output (or, for a session at a terminal, in a ```text block)", n)
			}
			continue
		}
		switch {
		case cont:
			cur.text += " " + strings.TrimSpace(line)
		case strings.HasPrefix(line, "$ "):
			cmds = append(cmds, docCommand{line: n, text: strings.TrimPrefix(line, "$ ")})
			cur = &cmds[len(cmds)-1]
		case cur == nil:
			return nil, fmt.Errorf("line %d: output before the first command of a console block", n)
		default:
			cur.want = append(cur.want, line)
			continue
		}
		cont = strings.HasSuffix(cur.text, "\\")
		cur.text = strings.TrimSuffix(cur.text, "\\")
	}
	if inFence {
		return nil, errors.New("a fenced block is not closed")
	}
	return cmds, nil
}

// shellWords splits a command line as a POSIX shell splits words, with
// single and double quotes and backslashes; pipes and redirections are
// refused, since the examples run without a shell.
func shellWords(s string) ([]string, error) {
	var (
		words []string
		word  strings.Builder
		in    bool // a word is being built, possibly empty ("")
		quote rune
	)
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				word.WriteRune(r)
			}
		case quote == '"':
			switch {
			case r == '"':
				quote = 0
			case r == '\\' && i+1 < len(rs) && strings.ContainsRune(`"\$`+"`", rs[i+1]):
				i++
				word.WriteRune(rs[i])
			default:
				word.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == '\\' && i+1 < len(rs):
			i++
			word.WriteRune(rs[i])
			in = true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, word.String())
				word.Reset()
				in = false
			}
		case strings.ContainsRune("|<>;&`", r):
			return nil, fmt.Errorf("%q is shell syntax, which the examples do not run; use a ```sh block for pipelines", string(r))
		default:
			word.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("a %c quote is not closed", quote)
	}
	if in {
		words = append(words, word.String())
	}
	return words, nil
}

// matchLines reports whether got matches want, where a want line "..."
// stands for any number of got lines.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "..." {
		for skip := 0; skip <= len(got); skip++ {
			if matchLines(want[1:], got[skip:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && want[0] == got[0] && matchLines(want[1:], got[1:])
}

// outputLines splits output into lines without the final line break; a
// last line without one is kept, marked, since the terminal would join it
// to the prompt.
func outputLines(out string) []string {
	if out == "" {
		return nil
	}
	lines := strings.Split(out, "\n")
	if lines[len(lines)-1] == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += "⏎ (no final line break)"
	return lines
}

// docRunner runs one Markdown file's commands in its own folder.
type docRunner struct {
	t        *testing.T
	env      []string
	work     string
	status   int
	checked  bool // the last careerpath's status was shown by echo $?
	prevLine int
}

func (r *docRunner) run(c docCommand) (got []string, err error) {
	words, err := shellWords(c.text)
	if err != nil {
		return nil, err
	}
	switch {
	case len(words) == 0:
		return nil, errors.New("an empty command")
	case len(words) == 2 && words[0] == "echo" && words[1] == "$?":
		r.checked = true
		return []string{strconv.Itoa(r.status)}, nil
	case len(words) == 2 && words[0] == "cat":
		data, err := os.ReadFile(filepath.Join(r.work, words[1]))
		if err != nil {
			return nil, err
		}
		return outputLines(string(data)), nil
	case words[0] != "careerpath":
		return nil, fmt.Errorf("%q is not a command the examples run (careerpath, echo $?, cat FILE); use a ```sh block", words[0])
	}
	r.requireStatusShown()
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, words[1:]...)
	cmd.Dir = r.work
	cmd.Env = r.env
	cmd.Stdin = strings.NewReader("") // a pipe: never a terminal, never waited on
	// One buffer for both streams: the child writes them to one pipe, in
	// the order a terminal would show them.
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		r.status = 0
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		r.status = exit.ExitCode()
	default:
		return nil, err
	}
	r.checked, r.prevLine = false, c.line
	return outputLines(out.String()), nil
}

// requireStatusShown fails when the previous careerpath exited non-zero
// and no echo $? said so.
func (r *docRunner) requireStatusShown() {
	if r.prevLine != 0 && !r.checked && r.status != 0 {
		r.t.Errorf("line %d: careerpath exited %d; show it with a following `$ echo $?` line", r.prevLine, r.status)
	}
	r.checked = true
}

func TestDocumentationExamples(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	examples, err := os.ReadDir(filepath.Join(root, "examples"))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, name := range docFiles(t, root) {
		t.Run(name, func(t *testing.T) {
			md, err := os.ReadFile(filepath.Join(root, name))
			if err != nil {
				t.Fatal(err)
			}
			cmds, err := consoleCommands(string(md))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			work := t.TempDir()
			if err := os.Mkdir(filepath.Join(work, "examples"), 0o755); err != nil {
				t.Fatal(err)
			}
			for _, e := range examples {
				data, err := os.ReadFile(filepath.Join(root, "examples", e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(work, "examples", e.Name()), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			home := t.TempDir()
			r := &docRunner{t: t, work: work, env: []string{
				runMainEnv + "=1",
				"HOME=" + home,
				"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
				"CAREERPATH_DATA_HOME=" + filepath.Join(home, "data"),
			}}
			for _, c := range cmds {
				got, err := r.run(c)
				if err != nil {
					t.Errorf("%s:%d: $ %s: %v", name, c.line, c.text, err)
					continue
				}
				if !matchLines(c.want, got) {
					t.Errorf("%s:%d: $ %s\nwant (a line ... stands for any lines):\n%s\ngot:\n%s",
						name, c.line, c.text, indent(c.want), indent(got))
				}
			}
			r.requireStatusShown()
			total += len(cmds)
		})
	}
	if total == 0 {
		t.Error("the documentation has no console examples; the convention is not being followed")
	}
}

func indent(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("    " + l + "\n")
	}
	return b.String()
}

// The test's own parts, on text whose result is known.
func TestConsoleCommandsAndMatching(t *testing.T) {
	md := "intro\n```console\n$ careerpath a \\\n    'b c'\nout 1\n...\n$ echo $?\n3\n```\n```sh\ncareerpath x | jq .\n```\n"
	cmds, err := consoleCommands(md)
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) != 2 || cmds[0].text != "careerpath a  'b c'" || cmds[0].line != 3 ||
		strings.Join(cmds[0].want, "|") != "out 1|..." || cmds[1].want[0] != "3" {
		t.Fatalf("parsed %+v", cmds)
	}
	if _, err := consoleCommands("```sh\n$ careerpath roles\n```\n"); err == nil {
		t.Error("a $ careerpath line in a sh block was accepted")
	}
	if cmds, err := consoleCommands("```text\n$ careerpath advise\n? Role: SRE\n```\n"); err != nil || len(cmds) != 0 {
		t.Errorf("a terminal session in a text block: %v, %v", cmds, err)
	}
	words, err := shellWords(`careerpath --role "Engineering Manager" --x 'a "b"' c\ d ""`)
	if err != nil || strings.Join(words, "|") != `careerpath|--role|Engineering Manager|--x|a "b"|c d|` {
		t.Errorf("shellWords = %q, %v", words, err)
	}
	if _, err := shellWords("careerpath roles > out.txt"); err == nil {
		t.Error("a redirection was accepted")
	}
	for _, c := range []struct {
		want, got string
		match     bool
	}{
		{"a|b", "a|b", true},
		{"a|b", "a|c", false},
		{"a|...", "a|b|c", true},
		{"a|...", "a", true},
		{"...|c", "a|b|c", true},
		{"a|...|c", "a|x|y|c|c", true},
		{"a|...|d", "a|b|c", false},
		{"a", "a|b", false},
	} {
		if got := matchLines(strings.Split(c.want, "|"), strings.Split(c.got, "|")); got != c.match {
			t.Errorf("matchLines(%q, %q) = %v", c.want, c.got, got)
		}
	}
}

// The README is an introduction; reference material belongs in docs/.
func TestREADMEIsShort(t *testing.T) {
	const maxLines = 250
	md, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(md), "\n"); n > maxLines {
		t.Errorf("README.md has %d lines, more than %d; move the detail to a guide under docs/", n, maxLines)
	}
}
