//go:build ignore

// Sizecheck lists the non-test Go files longer than -file lines and the functions (any
// file, tests included with -tests) longer than -func lines, and exits 1 if there are
// any. docs/architecture.md explains the limits: a file is one part of the model, a
// function is one rule.
//
//	go run scripts/sizecheck.go [-file 500] [-func 120] [-tests] [dir]
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	maxFile := flag.Int("file", 500, "most lines in a non-test Go file")
	maxFunc := flag.Int("func", 120, "most lines in a function")
	tests := flag.Bool("tests", false, "check the functions of test files too")
	flag.Parse()
	root := "."
	if flag.NArg() > 0 {
		root = flag.Arg(0)
	}
	bad := 0
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "vendor" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		isTest := strings.HasSuffix(path, "_test.go")
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if n := fset.File(f.Pos()).LineCount(); !isTest && n > *maxFile {
			fmt.Printf("%s: %d lines (file)\n", path, n)
			bad++
		}
		if isTest && !*tests {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var name string
			switch fn := n.(type) {
			case *ast.FuncDecl:
				name = fn.Name.Name
				if fn.Recv != nil && len(fn.Recv.List) > 0 {
					name = fmt.Sprintf("(%s).%s", types(fn.Recv.List[0].Type), name)
				}
			case *ast.FuncLit:
				name = "func literal"
			default:
				return true
			}
			lines := fset.Position(n.End()).Line - fset.Position(n.Pos()).Line + 1
			if lines > *maxFunc {
				fmt.Printf("%s:%d: %s: %d lines\n", path, fset.Position(n.Pos()).Line, name, lines)
				bad++
			}
			return true
		})
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "sizecheck:", err)
		os.Exit(2)
	}
	if bad > 0 {
		os.Exit(1)
	}
}

// types renders a receiver type expression: T, *T, T[K].
func types(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return "*" + types(t.X)
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		return types(t.X)
	case *ast.IndexListExpr:
		return types(t.X)
	}
	return "?"
}
