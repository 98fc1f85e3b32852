#!/usr/bin/env bash
# slurm-e2e.sh — end-to-end test of `dtaosim slurm`: runs a small experiment as a real
# Slurm job array (3 shards + the dependent merge/summarize job) on a one-node Slurm
# cluster started on localhost, checks the outputs against an unsharded local run, and
# stops every daemon it started.
#
#   sudo scripts/slurm-e2e.sh          # KEEP=1 keeps the temp dir (logs, outputs)
#
# Needs root and Debian's slurm packages (installed with apt-get if missing). Without
# root or apt-get it prints "slurm-e2e: SKIPPED (...)" and exits 0, unless CI=true, where
# it fails. Everything (munge socket, slurm state, spool, pid files, logs, outputs) lives
# in a fresh mktemp dir; ports are probed free ones, so runs never collide. Outputs are
# checked, never exit codes alone: Slurm reports a job COMPLETED even when it did not run.
set -uo pipefail

NAME=slurm-e2e
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARDS=3
CELLS=4 REPS=4
RUNS=$((CELLS * REPS))   # must match the experiment written below
READY_DEADLINE=${READY_DEADLINE:-60}   # s, cluster start
JOB_DEADLINE=${JOB_DEADLINE:-300}      # s, array + merge job

T="" MUNGED_PID="" SLURMCTLD_PID="" SLURMD_PID="" FIRST_JOB_ID="" POLICY_RC_CREATED=""
PASSED="" SKIPPED=""
STAGE="" STAGE_T0=0 T_START=$(date +%s%N)

log() { echo "$NAME: $*"; }
err() { echo "$NAME: $*" >&2; }
fail() { err "FAIL: $*"; exit 1; }
skip() {
	if [ "${CI:-}" = true ]; then fail "$1 (CI=true: not skipping)"; fi
	SKIPPED=1
	log "SKIPPED ($1)"
	exit 0
}
secs() { awk -v ns="$1" 'BEGIN { printf "%.1fs", ns / 1e9 }'; }
stage() { # stage NAME: close the previous stage (printing its time), open the next
	local now
	now=$(date +%s%N)
	[ -n "$STAGE" ] && log "[$STAGE] $(secs $((now - STAGE_T0)))"
	STAGE=$1 STAGE_T0=$now
}
# SLURM_CONF is exported once the cluster exists; every client call is bounded in time.
# --foreground: the command stays in our process group, so Ctrl-C reaches it at once.
tmo() { timeout --foreground "$@"; }
sl() { tmo 30 "$@"; }
# alive PID: running (our dead children stay zombies until reaped: those count as dead).
alive() {
	local st
	[ -n "$1" ] && st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]
}

# ---------------------------------------------------------------- diagnostics, cleanup
show_logs() {
	[ -n "$T" ] && [ -d "$T" ] || return 0
	local f
	if [ -n "${SLURM_CONF:-}" ] && alive "$SLURMCTLD_PID"; then
		echo "---- squeue -t all"
		sl squeue -t all -o '%i %j %T %r %N' 2>&1 | head -40
		echo "---- sinfo"
		sl sinfo -N -o '%N %T %E' 2>&1 | head -10
	fi
	for f in "$T"/munge/*.log "$T"/log/* "$T"/cluster/slurm/logs/*; do
		[ -f "$f" ] || continue
		echo "---- tail $f"
		tail -n 30 "$f"
	done
}

# stop PID NAME: SIGTERM, wait up to 10 s, then SIGKILL.
stop() {
	local pid=$1 what=$2 i
	alive "$pid" || return 0
	kill -TERM "$pid" 2>/dev/null
	for ((i = 0; i < 100; i++)); do
		alive "$pid" || { wait "$pid" 2>/dev/null; return 0; }
		sleep 0.1
	done
	err "$what (pid $pid) ignored SIGTERM; killing it"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# ours: pids of processes this run started that are still alive: anything whose command
# line names the temp dir (munged, slurmctld, slurmd, job scripts, dtaosim) and the
# slurmstepd of our jobs (their title is "slurmstepd: [JOBID.STEP]"; our job ids start
# at a random FirstJobId, so they do not match another cluster's).
ours() {
	[ -n "$T" ] || return 0
	pgrep -f -- "$T/"
	local pid title id
	[ -n "$FIRST_JOB_ID" ] || return 0
	for pid in $(pgrep -x slurmstepd; pgrep -f '^slurmstepd: '); do
		title=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
		[[ $title =~ ^slurmstepd:\ \[([0-9]+) ]] || continue
		id=${BASH_REMATCH[1]}
		if ((id >= FIRST_JOB_ID && id < FIRST_JOB_ID + 1000)); then echo "$pid"; fi
	done
}

cleanup() {
	local left pid
	# Cancel what is still queued while the daemons can still do it properly.
	if [ -n "${SLURM_CONF:-}" ] && alive "$SLURMCTLD_PID"; then
		local active
		active=$(sl squeue -h -o %A 2>/dev/null | sort -u)
		if [ -n "$active" ]; then
			err "cancelling jobs still queued: $(echo $active)"
			# shellcheck disable=SC2086
			sl scancel $active 2>/dev/null
			for ((i = 0; i < 50; i++)); do
				[ -z "$(sl squeue -h -o %A 2>/dev/null)" ] && break
				sleep 0.2
			done
		fi
	fi
	stop "$SLURMD_PID" slurmd
	stop "$SLURMCTLD_PID" slurmctld
	stop "$MUNGED_PID" munged
	# Whatever survives (orphaned job steps, a daemon that forked): by pid, TERM then KILL.
	left=$(ours | sort -u)
	if [ -n "$left" ]; then
		# shellcheck disable=SC2086
		kill -TERM $left 2>/dev/null
		sleep 1
		left=$(ours | sort -u)
		# shellcheck disable=SC2086
		[ -n "$left" ] && kill -KILL $left 2>/dev/null && sleep 0.5
	fi
	if [ -n "$POLICY_RC_CREATED" ]; then rm -f /usr/sbin/policy-rc.d; fi
	left=$(ours | sort -u)
	if [ -n "$left" ]; then
		err "processes of this run still alive after cleanup:"
		for pid in $left; do ps -o pid=,args= -p "$pid" >&2; done
		return 1
	fi
	if [ -n "$T" ] && [ -d "$T" ]; then
		if [ "${KEEP:-}" = 1 ]; then log "kept $T"; else rm -rf "$T"; fi
	fi
	return 0
}

on_exit() {
	local rc=$?
	trap '' INT TERM HUP
	[ -n "$SKIPPED" ] && exit 0
	if [ "$rc" -ne 0 ] || [ -z "$PASSED" ]; then
		[ "$rc" -eq 0 ] && rc=1
		show_logs >&2
	fi
	stage cleanup
	if ! cleanup; then
		rc=1 PASSED=""
	fi
	stage done
	log "total $(secs $(($(date +%s%N) - T_START)))"
	if [ "$rc" -eq 0 ] && [ -n "$PASSED" ]; then
		log "1 passed, 0 failed"
		exit 0
	fi
	log "0 passed, 1 failed"
	exit "$rc"
}
trap on_exit EXIT
trap 'err "interrupted"; exit 130' INT TERM HUP

# ---------------------------------------------------------------- 1. install
stage install
[ "$(id -u)" -eq 0 ] || skip "needs root: it runs munged and the Slurm daemons"
have_slurm() {
	command -v slurmctld && command -v slurmd && command -v sbatch && command -v squeue &&
		command -v scontrol && command -v sinfo && command -v munged && command -v munge &&
		command -v unmunge
} >/dev/null 2>&1
if ! have_slurm; then
	command -v apt-get >/dev/null 2>&1 || skip "Slurm is not installed and apt-get is unavailable"
	pkgs=(munge slurmctld slurmd slurm-client)
	# The packages' scripts must not start daemons (munge, slurmd, slurmctld) outside our
	# control: keep a policy-rc.d that forbids it for the duration of the install.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
		POLICY_RC_CREATED=1
	fi
	if ! apt-cache show "${pkgs[@]}" >/dev/null 2>&1; then
		log "apt-get update"
		tmo 300 apt-get update -qq || fail "apt-get update failed"
	fi
	apt_install() {
		DEBIAN_FRONTEND=noninteractive tmo 600 apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >"$1" 2>&1
	}
	ilog=$(mktemp)
	if ! apt_install "$ilog"; then # stale package lists: update once and retry
		tmo 300 apt-get update -qq && apt_install "$ilog" ||
			{ tail -n 20 "$ilog" >&2; rm -f "$ilog"; fail "apt-get install ${pkgs[*]} failed"; }
	fi
	rm -f "$ilog"
	if [ -n "$POLICY_RC_CREATED" ]; then rm -f /usr/sbin/policy-rc.d; POLICY_RC_CREATED=""; fi
	have_slurm || fail "Slurm commands still missing after apt-get install"
	log "installed ${pkgs[*]}"
fi
log "$(slurmctld -V), $(munged -V 2>&1 | head -1)"

# ---------------------------------------------------------------- 2. cluster
stage cluster
T=$(mktemp -d "${TMPDIR:-/tmp}/slurm-e2e.XXXXXX") || fail "mktemp -d failed"
chmod 755 "$T" # munged runs as the munge user and must reach $T/munge
mkdir -p "$T"/{munge,state,spool,run,log} || fail "mkdir in $T failed"
chown munge:munge "$T/munge" && chmod 755 "$T/munge" || fail "chown munge $T/munge failed"

# munge: the system key (created if missing), a private socket, log, pid and seed file.
mkdir -p /run/munge && chown munge:munge /run/munge && chmod 755 /run/munge
KEY=/etc/munge/munge.key
if [ ! -s "$KEY" ]; then
	log "creating $KEY"
	mkdir -p /etc/munge && chown munge:munge /etc/munge && chmod 700 /etc/munge
	if command -v mungekey >/dev/null 2>&1; then
		mungekey --create --keyfile="$KEY" || fail "mungekey failed"
	else
		dd if=/dev/urandom of="$KEY" bs=1024 count=1 status=none || fail "dd $KEY failed"
	fi
	chown munge:munge "$KEY" && chmod 400 "$KEY" || fail "chmod $KEY failed"
fi
MSOCK=$T/munge/munge.socket
# munged in the foreground (-F) as our child, in its own session, as the munge user
# (setpriv execs, so $! is munged itself and we reap it: no zombie left behind).
setsid setpriv --reuid=munge --regid=munge --init-groups munged -F --socket="$MSOCK" --key-file="$KEY" \
	--pid-file="$T/munge/munged.pid" --log-file="$T/munge/munged.log" \
	--seed-file="$T/munge/munged.seed" >"$T/log/munged.stderr" 2>&1 </dev/null &
MUNGED_PID=$!
for ((i = 0; ; i++)); do
	alive "$MUNGED_PID" || fail "munged died while starting"
	[ -S "$MSOCK" ] && tmo 10 munge -S "$MSOCK" -n 2>/dev/null | tmo 10 unmunge -S "$MSOCK" >/dev/null 2>&1 && break
	((i < 100)) || fail "munge -n | unmunge on $MSOCK still failing after 10s"
	sleep 0.1
done

# Two free TCP ports, below the ephemeral range (32768-) so no outgoing connection takes
# them between the probe and the bind: a connect that fails means nobody listens there.
port_free() { ! timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
pick_port() {
	local p i
	for ((i = 0; i < 200; i++)); do
		p=$((20000 + (RANDOM % 12000)))
		[ "$p" != "${1:-}" ] && port_free "$p" && { echo "$p"; return 0; }
	done
	return 1
}
CTLD_PORT=$(pick_port) || fail "no free TCP port found"
SLURMD_PORT=$(pick_port "$CTLD_PORT") || fail "no free TCP port found"

HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(awk '/^MemAvailable:/ { m = int($2 / 1024 * 0.8); print (m < 1024 ? 1024 : m) }' /proc/meminfo)
FIRST_JOB_ID=$(((RANDOM * 32768 + RANDOM) % 6000000 * 10 + 1000)) # < MaxJobId (67043328)
export SLURM_CONF=$T/slurm.conf
cat >"$SLURM_CONF" <<EOF
# one-node test cluster of scripts/slurm-e2e.sh; everything lives in $T
ClusterName=e2e$$
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MSOCK
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/run/slurmctld.pid
SlurmdPidFile=$T/run/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
SlurmdParameters=config_overrides
DependencyParameters=kill_invalid_depend
FirstJobId=$FIRST_JOB_ID
SlurmctldTimeout=30
SlurmdTimeout=30
MessageTimeout=10
TCPTimeout=5
InactiveLimit=0
KillWait=5
Waittime=0
MinJobAge=600
NodeName=$HOST NodeAddr=127.0.0.1 NodeHostname=$HOST CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
log "cluster in $T: node $HOST, $CPUS CPUs, ${MEM} MB; slurmctld port $CTLD_PORT, slurmd port $SLURMD_PORT"

# In the foreground (-D) as our children: we hold their pids and see them die. In their
# own session (setsid execs, as a background child is no process group leader), so a
# Ctrl-C reaches only this script, which then stops them in order.
setsid slurmctld -D -i -f "$SLURM_CONF" >"$T/log/slurmctld.stderr" 2>&1 </dev/null &
SLURMCTLD_PID=$!
setsid slurmd -D -f "$SLURM_CONF" -N "$HOST" >"$T/log/slurmd.stderr" 2>&1 </dev/null &
SLURMD_PID=$!
ready=""
for ((i = 0; i < READY_DEADLINE * 2; i++)); do
	alive "$SLURMCTLD_PID" || fail "slurmctld died while starting"
	alive "$SLURMD_PID" || fail "slurmd died while starting"
	if sl scontrol ping 2>/dev/null | grep -q 'is UP' &&
		[ "$(sl sinfo -h -o %T 2>/dev/null)" = idle ]; then
		ready=1
		break
	fi
	sleep 0.5
done
[ -n "$ready" ] || fail "cluster not ready after ${READY_DEADLINE}s: $(sl sinfo -h -N -o '%N %T %E' 2>&1)"
log "cluster up: $(sl scontrol ping | tr -s ' ' | head -1); node $(sl sinfo -h -o %T)"

# ---------------------------------------------------------------- 3. build, submit, wait
stage build
tmo 600 make -C "$ROOT" --no-print-directory build >"$T/log/build.log" 2>&1 ||
	{ tail -n 30 "$T/log/build.log" >&2; fail "make build failed"; }
# A private copy: the jobs and the local run use the same binary even if someone
# rebuilds bin/dtaosim meanwhile.
BIN=$T/dtaosim
cp "$ROOT/bin/dtaosim" "$BIN" || fail "cp bin/dtaosim failed"
log "built $("$BIN" version 2>/dev/null | head -1)"

stage submit
EXP=$T/exp.yaml
cat >"$EXP" <<'EOF'
# scripts/slurm-e2e.sh: 2 × 2 cells × 4 replicates = 16 short runs
name: slurm-e2e
description: end-to-end test of dtaosim slurm (tiny grid)
base: sn28
scenario:
  days: 10
  subnets: {count: 8, meme: {netuids: [3], takeover_day: 0.1}}
  agents: {speculators: {count: 20, arrival: {process: lump}}, yield_stakers: {arrival: {process: lump}}, noise: {count: 5}}
replicates: 4
seed: 7
axes:
  - {param: mechanism.preset, values: [launch_2025_02, price_burn_2026_06]}
  - {param: agents.speculators.capital.min, values: [100, 300]}
EOF
OUT=$T/cluster
"$BIN" slurm "$EXP" --shards "$SHARDS" --cpus 1 --out "$OUT" --bin "$BIN" --time 00:10:00 \
	>"$T/log/dtaosim-slurm.log" 2>&1 || { cat "$T/log/dtaosim-slurm.log" >&2; fail "dtaosim slurm failed"; }
SCRIPT=$OUT/slurm/sweep.sbatch
[ -x "$SCRIPT" ] || fail "dtaosim slurm wrote no $SCRIPT"
grep -q "experiment slurm-e2e: $RUNS runs in $SHARDS shards" "$SCRIPT" ||
	fail "$SCRIPT does not announce $RUNS runs in $SHARDS shards: $(sed -n 2p "$SCRIPT")"
ARRAY=$(cd "$T" && sl sbatch --parsable "$SCRIPT") || fail "sbatch $SCRIPT failed"
ARRAY=${ARRAY%%;*}
[[ $ARRAY =~ ^[0-9]+$ ]] || fail "sbatch printed no job id: '$ARRAY'"
log "submitted job array $ARRAY ($SHARDS tasks)"

stage jobs
# The merge job is submitted by array task 0 before it ends, so the queue is empty
# only once the array and the merge job have both left it (a merge job whose
# dependency fails is cancelled: DependencyParameters=kill_invalid_depend).
maxrun=0
deadline=$(($(date +%s) + JOB_DEADLINE))
while :; do
	alive "$SLURMCTLD_PID" || fail "slurmctld died while the jobs ran"
	alive "$SLURMD_PID" || fail "slurmd died while the jobs ran"
	if q=$(sl squeue -h -o '%i %T'); then
		r=$(grep -c "^${ARRAY}_[0-9]* RUNNING" <<<"$q")
		((r > maxrun)) && maxrun=$r
		[ -z "$q" ] && break
	fi
	(($(date +%s) < deadline)) || fail "jobs not finished after ${JOB_DEADLINE}s: $(echo $q)"
	sleep 0.5
done
states=$(sl squeue -h -t all -o '%i %j %T' | sort)
log "jobs left the queue; at most $maxrun array tasks seen running at once. Final states:"
sed 's/^/  /' <<<"$states"
# Exit states are only a hint (a job that never ran can be COMPLETED): outputs decide below.
bad=$(grep -v ' COMPLETED$' <<<"$states")
[ -z "$bad" ] || fail "jobs did not complete: $(echo $bad)"
grep -q -- '-merge COMPLETED$' <<<"$states" || fail "no merge job ran (array task 0 submits it)"

# ---------------------------------------------------------------- 4. check outputs
stage check
LOGS=$OUT/slurm/logs
man=$OUT/manifest.json
[ -f "$man" ] || fail "no $man (did the merge job run?)"
got=$(grep -o '"runs_complete": *[0-9]*' "$man" | grep -o '[0-9]*$')
[ "$got" = "$RUNS" ] || fail "$man: runs_complete = '${got}', expected $RUNS"
[ -s "$OUT/summary.parquet" ] || fail "no $OUT/summary.parquet"
for ((i = 0; i < SHARDS; i++)); do
	[ -f "$OUT/manifest-shard-$i-of-$SHARDS.json" ] || fail "no $OUT/manifest-shard-$i-of-$SHARDS.json"
done
for ((c = 0; c < CELLS; c++)); do
	for ((r = 0; r < REPS; r++)); do
		for kind in runs series events; do
			[ -s "$OUT/$kind/cell=$c/rep=$r.parquet" ] || fail "missing $kind/cell=$c/rep=$r.parquet"
		done
	done
done
n=$(find "$OUT/runs" -type f | wc -l)
[ "$n" -eq "$RUNS" ] || fail "$OUT/runs holds $n files, expected $RUNS: $(find "$OUT/runs" -type f)"
# Each run was computed exactly once, by the shard it belongs to: the tasks' reports add up.
done_sum=0
for ((i = 0; i < SHARDS; i++)); do
	f=$LOGS/dtaosim-slurm-e2e-${ARRAY}_$i.out
	[ -f "$f" ] || fail "no log of array task $i ($f)"
	d=$(grep -o '^[0-9]* runs done' "$f" | grep -o '^[0-9]*')
	[ -n "$d" ] || fail "array task $i reported no runs done: $(cat "$f")"
	want=$(((RUNS - i + SHARDS - 1) / SHARDS))
	[ "$d" -eq "$want" ] || fail "array task $i ran $d runs, expected $want"
	done_sum=$((done_sum + d))
done
[ "$done_sum" -eq "$RUNS" ] || fail "array tasks ran $done_sum runs in all, expected $RUNS"
grep -qs "merged $RUNS runs" "$LOGS"/dtaosim-slurm-e2e-merge-*.out || fail "no merge log saying 'merged $RUNS runs'"
log "cluster outputs: manifest says $got runs; $SHARDS shard manifests; summary.parquet; tasks ran $done_sum runs"

stage local
LOCAL=$T/local
tmo 300 "$BIN" sweep "$EXP" --out "$LOCAL" --workers 2 >"$T/log/local-sweep.log" 2>&1 ||
	{ tail -n 20 "$T/log/local-sweep.log" >&2; fail "local dtaosim sweep failed"; }

stage compare
(cd "$OUT" && find runs series events -type f | sort) >"$T/files-cluster"
(cd "$LOCAL" && find runs series events -type f | sort) >"$T/files-local"
diff "$T/files-local" "$T/files-cluster" >&2 || fail "the cluster and local runs/, series/, events/ hold different files"
nfiles=$(wc -l <"$T/files-local")
[ "$nfiles" -eq $((3 * RUNS)) ] || fail "expected $((3 * RUNS)) files under runs/, series/, events/, found $nfiles"
while read -r f; do
	cmp -s "$LOCAL/$f" "$OUT/$f" || fail "$f differs between the cluster and the local run"
done <"$T/files-local"
log "$nfiles files byte-identical between the Slurm job array and the local unsharded run"

PASSED=1
