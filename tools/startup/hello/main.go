// Command hello is the start-up baseline: a Go hello-world built with the
// same toolchain and flags as careerpath. See tools/startup.
package main

import "fmt"

func main() { fmt.Println("hello, world") }
