package iostreams

import "testing"

func TestColorOnlyOnATerminalWithoutNoColor(t *testing.T) {
	for _, c := range []struct {
		name  string
		color string
		tty   bool
		env   map[string]string
		want  bool
	}{
		{"auto on a terminal", ColorAuto, true, nil, true},
		{"empty is auto", "", true, nil, true},
		{"auto into a pipe", ColorAuto, false, nil, false},
		{"NO_COLOR", ColorAuto, true, map[string]string{"NO_COLOR": "1"}, false},
		{"dumb terminal", ColorAuto, true, map[string]string{"TERM": "dumb"}, false},
		{"always wins over NO_COLOR", ColorAlways, false, map[string]string{"NO_COLOR": "1"}, true},
		{"never on a terminal", ColorNever, true, nil, false},
	} {
		s := &IOStreams{OutTTY: c.tty, ErrTTY: c.tty, Color: c.color, Getenv: func(k string) string { return c.env[k] }}
		if s.ColorEnabled() != c.want || s.ErrColorEnabled() != c.want {
			t.Errorf("%s: colour on stdout %v, on stderr %v; want %v", c.name, s.ColorEnabled(), s.ErrColorEnabled(), c.want)
		}
	}
}

func TestPromptsNeedBothTerminalsAndNoNoInput(t *testing.T) {
	for _, c := range []struct {
		s    IOStreams
		want string
	}{
		{IOStreams{InTTY: true, ErrTTY: true}, ""},
		{IOStreams{InTTY: true, ErrTTY: true, NeverPrompt: true, NeverPromptBy: "env CAREERPATH_NO_INPUT"}, "no-input is set by env CAREERPATH_NO_INPUT"},
		{IOStreams{ErrTTY: true}, "stdin is not a terminal"},
		{IOStreams{InTTY: true}, "stderr is not a terminal"},
	} {
		if got := c.s.WhyNoPrompt(); got != c.want || c.s.CanPrompt() != (c.want == "") {
			t.Errorf("%+v: WhyNoPrompt %q, CanPrompt %v; want %q", c.s, got, c.s.CanPrompt(), c.want)
		}
	}
}
