package batch

// WithRecordLimit returns opts with a record limit in place of
// MaxRecordBytes, so that tests can reach it with small inputs.
func WithRecordLimit(opts Options, limit int) Options {
	opts.recordLimit = limit
	return opts
}

// The reader's and the layout's rules, for the fuzz test's oracle.
var (
	BlankPrefix  = blankPrefix
	RecordLength = recordLength
	NormalHeader = normalHeader
)

const (
	UTF8BOM     = utf8BOM
	AddedPrefix = addedPrefix
)
