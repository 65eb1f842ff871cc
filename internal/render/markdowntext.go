package render

import (
	"strings"

	"github.com/careerpath/careerpath/internal/text"
)

// markdownReplacer escapes what would change a Markdown table or let HTML
// through: a backslash first, so that an escape in the text stays text.
var markdownReplacer = strings.NewReplacer(`\`, `\\`, "|", `\|`, "&", "&amp;", "<", "&lt;", ">", "&gt;")

// MarkdownText escapes text for a Markdown document or table cell: pipes
// cannot end a cell, raw HTML shows as text, and unsafe characters are
// escaped as by text.Sanitize.
func MarkdownText(s string) string {
	return markdownReplacer.Replace(text.Sanitize(s))
}
