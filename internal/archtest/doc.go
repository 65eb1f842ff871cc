// Package archtest holds the test that keeps careerpath's imports running
// one way, from the commands down to the catalog (see imports_test.go).
package archtest
