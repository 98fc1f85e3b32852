package replay

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// node is a JSON value with the line it starts on, so that every error can name a line.
type node struct {
	line   int
	kind   byte // 'o' object, 'a' array, 'n' number, 's' string, 'b' bool, 'z' null
	num    json.Number
	str    string
	b      bool
	keys   []string // object keys in file order
	kids   []*node  // object values (parallel to keys) or array items
	klines []int    // line of each object key
}

// parseTree parses one JSON document into a tree, rejecting duplicate keys and trailing
// data. Errors carry the line number.
func parseTree(data []byte) (*node, error) {
	p := &treeParser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	root, err := p.value()
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("line %d: unexpected data after the top-level object", p.line())
	}
	return root, nil
}

type treeParser struct {
	data []byte
	dec  *json.Decoder
}

// line returns the 1-based line of the next token.
func (p *treeParser) line() int {
	off := int(p.dec.InputOffset())
	for off < len(p.data) && strings.IndexByte(" \t\r\n:,", p.data[off]) >= 0 {
		off++
	}
	return 1 + bytes.Count(p.data[:min(off, len(p.data))], []byte{'\n'})
}

func (p *treeParser) token() (json.Token, int, error) {
	line := p.line()
	tok, err := p.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) { // line: where the offending token starts
			return nil, line, fmt.Errorf("line %d: invalid JSON: %v", line, se)
		}
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, line, fmt.Errorf("line %d: unexpected end of file", line)
		}
		return nil, line, fmt.Errorf("line %d: invalid JSON: %v", line, err)
	}
	return tok, line, nil
}

func (p *treeParser) value() (*node, error) {
	tok, line, err := p.token()
	if err != nil {
		return nil, err
	}
	n := &node{line: line}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = 'o'
			seen := map[string]int{}
			for p.dec.More() {
				ktok, kline, err := p.token()
				if err != nil {
					return nil, err
				}
				key, _ := ktok.(string)
				if first, dup := seen[key]; dup {
					return nil, fmt.Errorf("line %d: key %q appears twice (first on line %d)", kline, key, first)
				}
				seen[key] = kline
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key)
				n.klines = append(n.klines, kline)
				n.kids = append(n.kids, v)
			}
			if _, _, err := p.token(); err != nil { // '}'
				return nil, err
			}
		case '[':
			n.kind = 'a'
			for p.dec.More() {
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				n.kids = append(n.kids, v)
			}
			if _, _, err := p.token(); err != nil { // ']'
				return nil, err
			}
		default:
			return nil, fmt.Errorf("line %d: unexpected %q", line, t)
		}
	case json.Number:
		n.kind, n.num = 'n', t
	case string:
		n.kind, n.str = 's', t
	case bool:
		n.kind, n.b = 'b', t
	case nil:
		n.kind = 'z'
	}
	return n, nil
}

func (n *node) what() string {
	switch n.kind {
	case 'o':
		return "an object"
	case 'a':
		return "a list"
	case 'n':
		return "the number " + n.num.String()
	case 's':
		return fmt.Sprintf("the string %q", n.str)
	case 'b':
		return fmt.Sprintf("the boolean %v", n.b)
	default:
		return "null"
	}
}

// generic returns the value in the form market.Params.SetParam takes.
func (n *node) generic() any {
	switch n.kind {
	case 'n':
		f, err := n.num.Float64()
		if err != nil {
			return math.NaN()
		}
		return f
	case 's':
		return n.str
	case 'b':
		return n.b
	case 'z':
		return nil
	case 'a':
		return []any{}
	default:
		return map[string]any{}
	}
}

// fieldErr formats an error about the value at path on line.
func fieldErr(line int, path, format string, args ...any) error {
	return fmt.Errorf("line %d: %s: %s", line, path, fmt.Sprintf(format, args...))
}

// object checks that n is an object whose keys are all in allowed and that every key in
// required is present; it returns the values by key.
func (n *node) object(path string, allowed, required []string) (map[string]*node, error) {
	if n.kind != 'o' {
		return nil, fieldErr(n.line, path, "expected an object, got %s", n.what())
	}
	m := make(map[string]*node, len(n.keys))
	for i, k := range n.keys {
		ok := false
		for _, a := range allowed {
			if a == k {
				ok = true
				break
			}
		}
		if !ok {
			return nil, fieldErr(n.klines[i], join(path, k), "unknown key (expected one of %s)", strings.Join(allowed, ", "))
		}
		m[k] = n.kids[i]
	}
	for _, k := range required {
		if _, ok := m[k]; !ok {
			return nil, fieldErr(n.line, path, "missing required key %q", k)
		}
	}
	return m, nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// float returns a finite number ≥ lo.
func (n *node) float(path string, lo float64) (float64, error) {
	if n.kind != 'n' {
		return 0, fieldErr(n.line, path, "expected a number, got %s", n.what())
	}
	f, err := n.num.Float64()
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fieldErr(n.line, path, "expected a finite number, got %s", n.num)
	}
	if f < lo {
		return 0, fieldErr(n.line, path, "expected a number >= %v, got %s", lo, n.num)
	}
	return f, nil
}

// signed returns any finite number.
func (n *node) signed(path string) (float64, error) {
	return n.float(path, math.Inf(-1))
}

// integer returns a whole number in [lo, hi].
func (n *node) integer(path string, lo, hi int64) (int64, error) {
	f, err := n.float(path, math.Inf(-1))
	if err != nil {
		return 0, err
	}
	if f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
		return 0, fieldErr(n.line, path, "expected a whole number in [%d, %d], got %s", lo, hi, n.num)
	}
	return int64(f), nil
}

func (n *node) boolean(path string) (bool, error) {
	if n.kind != 'b' {
		return false, fieldErr(n.line, path, "expected true or false, got %s", n.what())
	}
	return n.b, nil
}

func (n *node) text(path string) (string, error) {
	if n.kind != 's' {
		return "", fieldErr(n.line, path, "expected a string, got %s", n.what())
	}
	return n.str, nil
}

func (n *node) list(path string) ([]*node, error) {
	if n.kind != 'a' {
		return nil, fieldErr(n.line, path, "expected a list, got %s", n.what())
	}
	return n.kids, nil
}
