package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// swBuildBinary builds cmd/dtaosim into dir and returns its path.
func swBuildBinary(t *testing.T, ctx context.Context, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go tool to build the binary: %v", err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root %s: %v", root, err)
	}
	bin := filepath.Join(dir, "dtaosim")
	cmd := exec.CommandContext(ctx, goTool, "build", "-o", bin, "dtaosim/cmd/dtaosim")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// swExec runs the binary and returns its exit code, stdout and stderr.
func swExec(t *testing.T, ctx context.Context, bin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("dtaosim %s: timed out", strings.Join(args, " "))
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stdout.String(), stderr.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), stdout.String(), stderr.String()
	default:
		t.Fatalf("dtaosim %s: %v", strings.Join(args, " "), err)
		return -1, "", ""
	}
}

func swCountRuns(out string) int {
	m, _ := filepath.Glob(filepath.Join(out, "runs", "cell=*", "rep=*.parquet"))
	return len(m)
}

// TestResumeAfterKill: a sweep killed with SIGKILL leaves only complete files under final
// names; a rerun without --resume is refused (exit 2); --resume completes it, equal to an
// uninterrupted sweep; a further rerun has nothing to do.
func TestResumeAfterKill(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tmp := t.TempDir()
	t0 := time.Now()
	bin := swBuildBinary(t, ctx, tmp)
	t.Logf("go build: %s", time.Since(t0).Round(time.Millisecond))

	// The tiny setup over 2 days with 12 replicates: 48 runs of roughly 0.1 s each.
	expSrc := func(reps int) string {
		s := strings.Replace(swTinyYAML, "days: 0.3", "days: 2", 1)
		return strings.Replace(s, "replicates: 3", fmt.Sprintf("replicates: %d", reps), 1)
	}

	var exp, out string
	var plan *Plan
	for attempt := 0; ; attempt++ {
		if attempt == 4 {
			t.Fatalf("could not kill a sweep before it finished in %d attempts", attempt)
		}
		dir := filepath.Join(tmp, fmt.Sprintf("attempt%d", attempt))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		exp, out = filepath.Join(dir, "exp.yaml"), filepath.Join(dir, "D")
		if err := os.WriteFile(exp, []byte(expSrc(12<<attempt)), 0o644); err != nil {
			t.Fatal(err)
		}
		var err error
		if plan, err = Load(exp); err != nil {
			t.Fatal(err)
		}
		cmd := exec.CommandContext(ctx, bin, "sweep", exp, "--out", out, "--workers", "1")
		cmd.WaitDelay = 5 * time.Second
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		killed := false
	poll:
		for {
			select {
			case err := <-exited:
				t.Logf("attempt %d: sweep exited before the kill (%v) after %s; stderr %q", attempt, err, time.Since(start), stderr.String())
				break poll
			case <-time.After(2 * time.Millisecond):
				if swCountRuns(out) >= 3 {
					if err := cmd.Process.Kill(); err != nil {
						t.Logf("kill: %v", err)
					}
					<-exited
					killed = true
					break poll
				}
			}
		}
		if ctx.Err() != nil {
			t.Fatal("timed out")
		}
		n := swCountRuns(out)
		t.Logf("attempt %d: %d of %d runs complete at the kill, %s after start (~%s a run)",
			attempt, n, plan.Runs(), time.Since(start).Round(time.Millisecond), (time.Since(start) / time.Duration(max(n, 1))).Round(time.Millisecond))
		if killed && n > 0 && n < plan.Runs() {
			break
		}
	}

	// Every file under a final name is complete; temporary files may remain.
	var temps int
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp") {
			temps++
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(name, ".parquet"):
			if !swIsParquet(data) {
				t.Errorf("%s: %d bytes, not a whole Parquet file", path, len(data))
			}
		case strings.HasSuffix(name, ".json"):
			if !json.Valid(data) {
				t.Errorf("%s: not valid JSON", path)
			}
		default:
			t.Logf("other file after the kill: %s", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d temporary files after the kill", temps)

	code, _, stderr := swExec(t, ctx, bin, "sweep", exp, "--out", out, "--workers", "2")
	if code != 2 || !strings.Contains(stderr, "--resume") {
		t.Fatalf("rerun without --resume: exit %d, stderr %q; want 2 and a message naming --resume", code, stderr)
	}

	t1 := time.Now()
	code, stdout, stderr := swExec(t, ctx, bin, "sweep", exp, "--out", out, "--workers", "2", "--resume")
	if code != 0 {
		t.Fatalf("--resume: exit %d, stderr %q", code, stderr)
	}
	first, _, _ := strings.Cut(stdout, "\n")
	t.Logf("--resume: %q in %s", first, time.Since(t1).Round(time.Millisecond))

	ref := filepath.Join(tmp, "ref")
	t2 := time.Now()
	if code, _, stderr := swExec(t, ctx, bin, "sweep", exp, "--out", ref, "--workers", "2"); code != 0 {
		t.Fatalf("uninterrupted sweep: exit %d, stderr %q", code, stderr)
	}
	t.Logf("uninterrupted sweep of %d runs: %s", plan.Runs(), time.Since(t2).Round(time.Millisecond))
	swSameRuns(t, plan, ref, out)

	code, stdout, stderr = swExec(t, ctx, bin, "sweep", exp, "--out", out, "--workers", "2")
	if code != 0 || !strings.Contains(stdout, "already complete") {
		t.Errorf("rerun of a complete sweep: exit %d, stdout %q, stderr %q; want 0 and \"already complete\"", code, stdout, stderr)
	}
}
