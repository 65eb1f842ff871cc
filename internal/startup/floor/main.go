// Command floor links and initialises every package careerpath's own
// packages import (cobra, viper, survey, tablewriter, the calendar library,
// the standard library ones), and nothing of careerpath itself, then exits:
// the start-up cost of the libraries' own initialisation, which careerpath
// cannot go below without dropping a library. floor_test.go keeps the list
// equal to what careerpath imports. See internal/startup/measure.
package main

import (
	_ "bufio"
	_ "bytes"
	_ "cmp"
	_ "container/heap"
	_ "context"
	_ "crypto/sha256"
	_ "embed"
	_ "encoding/binary"
	_ "encoding/csv"
	_ "encoding/hex"
	_ "encoding/json"
	_ "errors"
	_ "fmt"
	_ "github.com/AlecAivazis/survey/v2"
	_ "github.com/AlecAivazis/survey/v2/terminal"
	_ "github.com/arran4/golang-ical"
	_ "github.com/google/renameio/v2"
	_ "github.com/mattn/go-runewidth"
	_ "github.com/olekukonko/tablewriter"
	_ "github.com/olekukonko/tablewriter/renderer"
	_ "github.com/olekukonko/tablewriter/tw"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/spf13/cobra"
	_ "github.com/spf13/pflag"
	_ "github.com/spf13/viper"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/sys/unix"
	_ "golang.org/x/term"
	_ "hash/maphash"
	_ "html/template"
	_ "io"
	_ "io/fs"
	_ "math"
	_ "os"
	_ "os/signal"
	_ "path/filepath"
	_ "reflect"
	_ "regexp"
	_ "runtime"
	_ "runtime/debug"
	_ "slices"
	_ "sort"
	_ "strconv"
	_ "strings"
	_ "sync"
	_ "syscall"
	_ "time"
	_ "unicode"
	_ "unicode/utf8"
	_ "unsafe"
)

func main() {}
