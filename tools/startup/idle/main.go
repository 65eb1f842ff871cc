// Command idle is careerpath's binary doing nothing: it links all that
// careerpath links and initialises the same packages, then exits without
// running a command. Between the library floor and careerpath's commands
// it tells what the bigger binary costs at start from what a command's own
// work costs. See tools/startup.
package main

import (
	"os"

	"github.com/careerpath/careerpath/internal/cli"
)

func main() {
	// The measurement runs idle without arguments; the call keeps every
	// command, and so all of careerpath's code, linked.
	if len(os.Args) > 1 {
		os.Exit(cli.Main(os.Args[1:], cli.System()))
	}
}
