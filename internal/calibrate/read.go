package calibrate

// Reading the pair: SELF and MANAGER are advised at the same time and
// their rows joined (Join).

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
)

// DefaultKeys are the key columns looked for, in order, when no key is
// given; the first present in both headers wins.
var DefaultKeys = []string{"employee_id", "id", "email"}

// Input is one side's staff list, opened.
type Input struct {
	Name   string // names the file in messages
	Reader io.Reader
	// Failure is what reading the file through batch came to: the
	// command's wording of an interruption or a read error, err named
	// after the file, or nil. Read calls it for the file's own errors,
	// not for the pair's (no key column in both headers, say).
	Failure func(ctx context.Context, err error) error
}

// Opener opens both files, SELF first; the caller closes them after Read.
// ctx is the reading's own, cancelled when the other file fails: a read
// waiting on an input must then return.
type Opener func(ctx context.Context) ([2]Input, error)

// ReadOptions say how to read and pair the two files.
type ReadOptions struct {
	// Batch are the readers' options; Read sets Derive and Workers.
	Batch batch.Options
	// Key is the key column's header name, "" for the first of
	// DefaultKeys in both headers.
	Key string
	// By is the group column's header name, or "".
	By string
	// Labels are the header names of the columns that name a person in
	// the records, each in either file; none for the first of
	// DefaultLabels in either file, if any.
	Labels []string
}

// Result is the pair read: the join of its rows and what each file's
// reading came to (SELF first).
type Result struct {
	Join  *Join
	Files [2]string
	Reads [2]batch.Summary
}

// Read advises both files and joins their rows. The two are read at the
// same time: the default key is the first candidate in both headers, so
// neither file's rows can be kept before the other's header is known,
// and stdin cannot be read twice.
func Read(ctx context.Context, cat *catalog.Loaded, adv *advisor.Advisor, open Opener, opts ReadOptions) (*Result, error) {
	opts.Batch.Derive = Derive
	// Each reader gets half the cores for its advising workers: one
	// worker per core each made twice as many workers as cores, which on
	// two cores cost a sixth of the run in switching between them.
	opts.Batch.Workers = max(1, runtime.GOMAXPROCS(0)/2)
	p := &pairRead{opts: opts, cat: cat, adv: adv,
		headers: [2]chan []string{make(chan []string, 1), make(chan []string, 1)}}
	if err := p.readBoth(ctx, open); err != nil {
		return nil, err
	}
	// The keys left pending are the reading's: an error is the pair's.
	if err := p.result.Join.settle(); err != nil {
		return nil, err
	}
	return &p.result, nil
}

// pairRead is the state the two readers share.
type pairRead struct {
	opts   ReadOptions
	cat    *catalog.Loaded
	adv    *advisor.Advisor
	result Result

	headers [2]chan []string // each side's header, once read
	columns [2]sideColumns   // set once both headers are in
	mu      sync.Mutex       // guards the join between the two readers
	// labels are each side's label cells of the row being added.
	labels [2][]string
}

// sideColumns are the positions of the cells the join needs in one file.
type sideColumns struct {
	key, by                     int // by is -1 without --by or when this file lacks it
	role, years, accountability int
	labels                      []int // -1 for a label column this file lacks
}

func (p *pairRead) readBoth(parent context.Context, open Opener) error {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	inputs, err := open(ctx)
	if err != nil {
		return err
	}
	for s, in := range inputs {
		p.result.Files[s] = in.Name
	}
	var errs [2]error
	var wg sync.WaitGroup
	var resolve sync.Once
	var resolveErr error
	var ownErr [2]bool // the error is the pair's, named already, not the file's
	for s, side := range []Side{Self, Manager} {
		wg.Go(func() {
			begin := func(header []string) error {
				p.headers[s] <- header
				resolve.Do(func() { resolveErr = p.resolve(ctx) })
				ownErr[s] = resolveErr != nil
				return resolveErr
			}
			visit := func(rows []batch.AdvisedRow) error { return p.add(s, side, rows) }
			in := inputs[s]
			p.result.Reads[s], errs[s] = batch.VisitChunks(ctx, p.cat, in.Reader, p.opts.Batch, begin, visit)
			if !ownErr[s] && in.Failure != nil {
				errs[s] = in.Failure(ctx, errs[s])
			}
			if errs[s] != nil {
				cancel(errs[s])
			}
		})
	}
	wg.Wait()
	// The first error is the cause; the other reader only saw it cancelled.
	if err := context.Cause(ctx); err != nil && err != context.Canceled {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// resolve waits for both headers and finds the key, --by and answer
// columns in each; the first reader to get its header does it.
func (p *pairRead) resolve(ctx context.Context) error {
	var headers [2][]string
	for s := range headers {
		select {
		case headers[s] = <-p.headers[s]:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	names := p.result.Files
	key, err := keyColumn(p.opts.Key, headers, names)
	if err != nil {
		return err
	}
	byFound := false
	for s, h := range headers {
		answers, err := batch.ColumnPositions(h, p.opts.Batch.Columns)
		if err != nil {
			return fmt.Errorf("%s: %w", names[s], err)
		}
		c := sideColumns{key: batch.HeaderIndex(h, key), by: -1, role: answers[0], years: answers[1], accountability: answers[2]}
		if p.opts.By != "" {
			c.by = batch.HeaderIndex(h, p.opts.By)
			byFound = byFound || c.by >= 0
		}
		p.columns[s] = c
	}
	if p.opts.By != "" && !byFound {
		return &batch.HeaderError{Message: fmt.Sprintf("no --by column %q in either file: %s has %s and %s has %s; pass --by with one of their columns",
			p.opts.By, names[0], batch.QuotedHeader(headers[0]), names[1], batch.QuotedHeader(headers[1]))}
	}
	labels, err := p.labelColumns(headers)
	if err != nil {
		return err
	}
	p.result.Join = New(p.adv, Config{Files: names,
		KeyColumns: [2]string{headers[0][p.columns[0].key], headers[1][p.columns[1].key]}, Labels: labels})
	return nil
}

// labelColumns finds the label columns in the headers and returns their
// names as the first file that has each spells them.
func (p *pairRead) labelColumns(headers [2][]string) ([]string, error) {
	names := p.opts.Labels
	if len(names) == 0 {
		for _, name := range DefaultLabels {
			if batch.HeaderIndex(headers[0], name) >= 0 || batch.HeaderIndex(headers[1], name) >= 0 {
				names = []string{name}
				break
			}
		}
	}
	spelled := make([]string, len(names))
	for i, name := range names {
		for s, h := range headers {
			at := batch.HeaderIndex(h, name)
			p.columns[s].labels = append(p.columns[s].labels, at)
			if at >= 0 && spelled[i] == "" {
				spelled[i] = h[at]
			}
		}
		if spelled[i] == "" {
			files := p.result.Files
			return nil, &batch.HeaderError{Message: fmt.Sprintf("no --label column %q in either file: %s has %s and %s has %s; pass --label with one of their columns",
				name, files[0], batch.QuotedHeader(headers[0]), files[1], batch.QuotedHeader(headers[1]))}
		}
	}
	return spelled, nil
}

// keyColumn picks the key column's name: key when given, which both
// files must have, else the first of DefaultKeys present in both.
func keyColumn(key string, headers [2][]string, names [2]string) (string, error) {
	found := func() string {
		return fmt.Sprintf("%s has %s and %s has %s", names[0], batch.QuotedHeader(headers[0]), names[1], batch.QuotedHeader(headers[1]))
	}
	if key != "" {
		for s, h := range headers {
			if batch.HeaderIndex(h, key) < 0 {
				return "", &batch.HeaderError{Message: fmt.Sprintf("no key column %q in %s: %s; pass --key with a column both files have",
					key, names[s], found())}
			}
		}
		return key, nil
	}
	for _, k := range DefaultKeys {
		if batch.HeaderIndex(headers[0], k) >= 0 && batch.HeaderIndex(headers[1], k) >= 0 {
			return k, nil
		}
	}
	return "", &batch.HeaderError{Message: fmt.Sprintf("no key column in both files: looked for %s, and %s; pass --key COLUMN",
		strings.Join(DefaultKeys, ", "), found())}
}

// add hands a run of advised rows to the join, under one lock: taking it
// for each row, which the other reader contends for, cost more. Their
// cells are lent (batch.VisitChunks): the join copies what it keeps.
func (p *pairRead) add(s int, side Side, rows []batch.AdvisedRow) error {
	c := p.columns[s]
	p.mu.Lock()
	for i := range rows {
		row := &rows[i]
		decided, _ := row.Derived.(*Decided)
		r := Row{Line: row.Line, Key: row.Fields[c.key], Decided: decided, Column: row.Column, Message: row.Message, OutOfScope: row.OutOfScope,
			Answers: advisor.Answers{Role: row.Fields[c.role], Years: row.Fields[c.years], Accountability: row.Fields[c.accountability]}}
		if c.by >= 0 {
			r.Group = row.Fields[c.by]
		}
		if len(c.labels) > 0 {
			r.Labels = p.labelCells(s, row.Fields)
		}
		if err := p.result.Join.add(side, &r); err != nil {
			p.mu.Unlock()
			return err
		}
	}
	p.mu.Unlock()
	// The keys the merge leaves go to lists only this side's reader adds
	// to: the other reader need not wait for that.
	return p.result.Join.keepUnkept(s)
}

// labelCells are a row's cells of the label columns, "" for a column its
// file lacks, in a slice reused for each row of the side.
func (p *pairRead) labelCells(s int, fields []string) []string {
	labels := p.labels[s][:0]
	for _, at := range p.columns[s].labels {
		var cell string
		if at >= 0 && at < len(fields) {
			cell = fields[at]
		}
		labels = append(labels, cell)
	}
	p.labels[s] = labels
	return labels
}
