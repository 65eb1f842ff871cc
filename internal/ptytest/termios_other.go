//go:build aix || linux || solaris || zos

package ptytest

import "golang.org/x/sys/unix"

const ioctlGetTermios = unix.TCGETS
