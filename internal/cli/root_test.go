package cli

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
)

// run builds only the command its first argument names (or aliases); that
// command and every command under it must help exactly as in the whole
// tree, and the root must hold nothing else but cobra's completion.
func TestOneCommandTreeHelpsLikeTheWholeTree(t *testing.T) {
	f := &cmdutil.Factory{IO: &iostreams.IOStreams{}, Catalog: sync.OnceValues(catalog.Default)}
	full := NewCmdRoot(f)
	checked := 0
	walk(full, func(c *cobra.Command) {
		path := strings.Fields(c.CommandPath())[1:]
		if len(path) == 0 || path[0] == "completion" {
			return
		}
		top, _, err := full.Find(path[:1])
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range append([]string{top.Name()}, top.Aliases...) {
			one := newCmdRoot(f, name)
			if n := len(one.Commands()); n != 2 {
				t.Errorf("careerpath %s: the root holds %d commands, want %s and completion", name, n, top.Name())
			}
			got, _, err := one.Find(append([]string{name}, path[1:]...))
			if err != nil {
				t.Fatalf("careerpath %s: %v", name, err)
			}
			if g, w := helpOf(t, got), helpOf(t, c); g != w {
				t.Errorf("careerpath %s (as %s): help differs from the whole tree's\n got: %s\nwant: %s", strings.Join(path, " "), name, g, w)
			}
			checked++
		}
	})
	if checked < 10 {
		t.Fatalf("checked only %d commands", checked)
	}
	if n, all := len(newCmdRoot(f, "no-such-command").Commands()), len(full.Commands()); n != all {
		t.Errorf("an unknown first argument builds %d commands, want the whole tree's %d", n, all)
	}
}

func helpOf(t *testing.T, cmd *cobra.Command) string {
	t.Helper()
	var b bytes.Buffer
	cmd.SetOut(&b)
	cmd.InitDefaultHelpFlag()
	if err := cmd.Help(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
