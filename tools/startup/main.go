// Command startup measures start-up side by side: a hello-world Go binary,
// careerpath's library floor (every library careerpath imports initialised,
// nothing of careerpath run), careerpath idle (all of it linked and
// initialised, no command run), `--help`, `advise --json` and `path
// --json`, all built with the release's flags, and optionally advise and
// path as built from an earlier commit. The commands run in turn, one run
// each per round with the first command rotating, so that a change in the
// machine's load falls on all of them alike; it prints each command's
// median wall-clock and CPU time (user + system) and its ratio to
// hello-world's.
//
//	go run ./tools/startup                      # 30 rounds
//	go run ./tools/startup -rounds 100 -before main
//
// The floor is generated at each run from what careerpath's packages
// import (go list), so it cannot fall behind them.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	rounds := flag.Int("rounds", 30, "runs of each command, in turns")
	warmup := flag.Int("warmup", 3, "runs of each command before measuring")
	before := flag.String("before", "", "also measure advise and path as built from this commit")
	flag.Parse()
	if *rounds < 1 || *warmup < 0 {
		fmt.Fprintln(os.Stderr, "startup: -rounds must be 1 or more and -warmup 0 or more")
		os.Exit(2)
	}
	if err := measure(*rounds, *warmup, *before); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

func measure(rounds, warmup int, before string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	out, err := os.MkdirTemp("", "careerpath-startup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	cmds, err := buildAll(root, out, before)
	if err != nil {
		return err
	}
	// No config file or environment setting may change what is measured.
	env := append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(out, "config"),
		"CAREERPATH_CONFIG=", "CAREERPATH_CATALOG=", "CAREERPATH_FORMAT=", "NO_COLOR=1")
	fmt.Printf("load average before: %s\n", loadAverage())
	times, err := runRounds(cmds, env, rounds, warmup)
	if err != nil {
		return err
	}
	fmt.Printf("load average after: %s\n", loadAverage())
	printMedians(os.Stdout, cmds, times)
	return nil
}

func loadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return string(raw[:min(len(raw), 14)])
}
