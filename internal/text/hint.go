package text

import "bytes"

// EncodingHint says why a sample of a file that should be CSV text (what
// names it, such as "the staff list") will not read as such: a UTF-16
// byte order mark or UTF-16 text, NUL bytes, or old Mac line endings; ""
// when none of these. The staff-list reader and the title map's share it,
// so that both give the same hints.
func EncodingHint(sample []byte, what string) string {
	switch {
	case bytes.HasPrefix(sample, []byte{0xff, 0xfe}) || bytes.HasPrefix(sample, []byte{0xfe, 0xff}):
		return "the input starts with a UTF-16 byte order mark; save it as UTF-8, for example with iconv -f UTF-16 -t UTF-8"
	case looksUTF16(sample):
		return "every other byte of the input is NUL, as in UTF-16 text; save it as UTF-8, for example with iconv -f UTF-16 -t UTF-8"
	case bytes.IndexByte(sample, 0) >= 0:
		return "the input holds NUL bytes, so it is not CSV text; check that it is " + what + " exported as CSV (UTF-8)"
	case hasLoneCR(sample):
		return `the input holds a carriage return (CR) that ends no line: the file seems to use old Mac line endings, CR alone, which are not read as line breaks; convert them first, for example with tr '\r' '\n'`
	}
	return ""
}

// looksUTF16 reports whether NUL fills most bytes at even or at odd
// offsets and few of the others, as ASCII text in UTF-16 does.
func looksUTF16(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	var nuls [2]int
	for i, c := range b {
		if c == 0 {
			nuls[i%2]++
		}
	}
	half := len(b) / 2
	mostly := func(n int) bool { return 4*n >= 3*half }
	few := func(n int) bool { return 4*n < half }
	return (mostly(nuls[0]) && few(nuls[1])) || (mostly(nuls[1]) && few(nuls[0]))
}

// hasLoneCR reports a CR not followed by LF.
func hasLoneCR(b []byte) bool {
	for i := 0; i+1 < len(b); i++ {
		if b[i] == '\r' && b[i+1] != '\n' {
			return true
		}
	}
	return false
}
