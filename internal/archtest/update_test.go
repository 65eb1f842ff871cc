package archtest

// golden defines -update; importing it lets `go test ./... -update` run
// this package's tests too, where an undefined flag would stop them.
import _ "github.com/careerpath/careerpath/internal/golden"
