package cmdutil

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// stopSignals are the signals that stop a run cleanly: Ctrl-C, kill's
// default and a closed terminal.
func stopSignals() []os.Signal { return []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} }

// SignalError is a run stopped by a signal: exit 128 plus the signal's
// number, as a shell reports a process the signal killed.
type SignalError struct{ Signal os.Signal }

func (e *SignalError) Error() string {
	switch syscall.Signal(e.number()) {
	case syscall.SIGINT:
		return "interrupted (SIGINT)"
	case syscall.SIGTERM:
		return "terminated (SIGTERM)"
	case syscall.SIGHUP:
		return "hung up (SIGHUP)"
	}
	return fmt.Sprintf("stopped by signal %d", e.number())
}

func (e *SignalError) number() int {
	if s, ok := e.Signal.(syscall.Signal); ok {
		return int(s)
	}
	return int(syscall.SIGINT)
}

// StopOnSignal returns a context cancelled, with a *SignalError as its
// cause, by the first stop signal. That signal is then handed back to the
// default handling, so a second one ends a run that does not stop.
// release stops listening.
func StopOnSignal(parent context.Context) (ctx context.Context, release func()) {
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, stopSignals()...)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			signal.Stop(sigs)
			cancel(&SignalError{Signal: s})
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(done)
			cancel(nil)
		})
	}
}

// StopCause is the error a run cancelled through ctx returns: the signal
// that stopped it, else ErrInterrupted.
func StopCause(ctx context.Context) error {
	if err, ok := context.Cause(ctx).(*SignalError); ok {
		return err
	}
	return ErrInterrupted
}
