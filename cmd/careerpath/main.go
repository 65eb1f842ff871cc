// Command careerpath is a career path advisor for the DevOps leadership track.
package main

import (
	"os"

	"github.com/careerpath/careerpath/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
