package text

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppendJSONString: any text, as a string or as bytes, is quoted
// exactly as encoding/json quotes it without HTML escaping.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", `"quoted" \ back`, "tab\tnew\nline\r\x00\x1f\x7f", "<&>", "caf\u00e9 \u2028\u2029 \U0001F600", "\xff\xfe bad", "\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := AppendJSONString(nil, s); string(got)+"\n" != want.String() {
			t.Fatalf("AppendJSONString(%q) = %s, encoding/json says %s", s, got, want.String())
		}
		if got := AppendJSONString([]byte("x"), []byte(s)); string(got)+"\n" != "x"+want.String() {
			t.Fatalf("AppendJSONString after x, of bytes %q = %s, encoding/json says %s", s, got, want.String())
		}
	})
}
