package main

import (
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// sample is one run's wall-clock and CPU time.
type sample struct{ wall, cpu time.Duration }

// runRounds runs each command warmup times, then rounds times, one run of
// each command per round, the first command of a round moving on by one
// each round. times[i] holds command i's measured runs.
func runRounds(cmds []command, env []string, rounds, warmup int) ([][]sample, error) {
	for range warmup {
		for _, c := range cmds {
			if _, err := runOnce(c, env); err != nil {
				return nil, err
			}
		}
	}
	times := make([][]sample, len(cmds))
	for round := range rounds {
		for k := range cmds {
			i := (round + k) % len(cmds)
			s, err := runOnce(cmds[i], env)
			if err != nil {
				return nil, err
			}
			times[i] = append(times[i], s)
		}
	}
	return times, nil
}

// runOnce runs c with its output read and dropped, and an empty input.
func runOnce(c command, env []string) (sample, error) {
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader("")
	cmd.Stdout = io.Discard
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return sample{}, fmt.Errorf("%s: %v\n%s", c.name, err, stderr.String())
	}
	wall := time.Since(start)
	return sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}, nil
}

// printMedians writes each command's median times, and their ratios to
// the first command's (hello-world).
func printMedians(w io.Writer, cmds []command, times [][]sample) {
	base := medians(times[0])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "command\twall ms\tx hello\tcpu ms\tx hello\truns")
	for i, c := range cmds {
		m := medians(times[i])
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%d\n", c.name, ms(m.wall), ratio(m.wall, base.wall),
			ms(m.cpu), ratio(m.cpu, base.cpu), len(times[i]))
	}
	tw.Flush()
}

func medians(s []sample) sample {
	walls, cpus := make([]time.Duration, len(s)), make([]time.Duration, len(s))
	for i, x := range s {
		walls[i], cpus[i] = x.wall, x.cpu
	}
	return sample{wall: median(walls), cpu: median(cpus)}
}

// median is the middle value of d, or the mean of the two middle ones.
func median(d []time.Duration) time.Duration {
	d = slices.Clone(d)
	slices.Sort(d)
	n := len(d)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return d[n/2]
	}
	return (d[n/2-1] + d[n/2]) / 2
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
