// Command careerpath is a career path advisor for the DevOps leadership track.
package main

import (
	"os"

	"github.com/careerpath/careerpath/internal/cli"
	"github.com/careerpath/careerpath/internal/iostreams"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], iostreams.System()))
}
