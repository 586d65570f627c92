#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for testing deploy/slurm/sweep-array.sh
# (test/sweep/slurm.test.ts; .ci/run starts it before `npm test` and stops it after).
#
#   deploy/slurm/local-cluster.sh start    # prints `export SLURM_CONF=…` on stdout
#   deploy/slurm/local-cluster.sh status
#   deploy/slurm/local-cluster.sh stop
#
# Everything lives in one folder, $XSNN_SLURM_DIR (default /tmp/xsnn-slurm): a munge key
# and munged on its own socket, a minimal slurm.conf (one node, this host, at 127.0.0.1;
# no accounting, no cgroups), slurmctld and slurmd with their state, spool, logs and pid
# files. Nothing under /etc is used or changed. Ports: $XSNN_SLURM_CTLD_PORT (6817) and
# $XSNN_SLURM_D_PORT (6818). Needs Debian's slurm-wlm and munge
# (`apt-get install -y slurm-wlm munge`) and root (slurmd runs jobs as their submitter).
# `stop` ends only the daemons whose pid files are in that folder, then removes it.
set -euo pipefail

dir="${XSNN_SLURM_DIR:-/tmp/xsnn-slurm}"
ctld_port="${XSNN_SLURM_CTLD_PORT:-6817}"
d_port="${XSNN_SLURM_D_PORT:-6818}"
conf="$dir/slurm.conf"
socket="$dir/run/munge.socket"

say() { printf 'local-cluster: %s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 1
}

# Waits up to $1 seconds for the command after it to succeed.
wait_for() {
  local seconds="$1"
  shift
  local i
  for ((i = 0; i < seconds * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  return 1
}

# Shows the last lines of every daemon log (why a start failed).
show_logs() {
  local f
  for f in "$dir"/munge/munged.log "$dir"/slurmctld.log "$dir"/slurmd.log; do
    [[ -f "$f" ]] || continue
    say "--- last lines of $f"
    tail -n 15 "$f" >&2 || true
  done
}

node_idle() { [[ "$(SLURM_CONF="$conf" sinfo -h -N -o %t 2>/dev/null)" == idle* ]]; }

write_conf() {
  local host node
  host="$(hostname -s)"
  # The node's real shape (CPUs, sockets, cores, memory) as slurmd itself sees it.
  node="$(slurmd -C | head -n 1)"
  [[ "$node" == NodeName=* ]] || die "slurmd -C did not describe this node: $node"
  cat >"$conf" <<EOF
# Written by deploy/slurm/local-cluster.sh: a one-node test cluster.
ClusterName=xsnn-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

start() {
  local cmd
  for cmd in munged mungekey slurmctld slurmd sbatch sinfo; do
    command -v "$cmd" >/dev/null || die "$cmd not found: install Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge)"
  done
  [[ "$(id -u)" == 0 ]] || die "run as root (slurmd must be able to run jobs as their submitter)"
  if [[ -f "$dir/slurmctld.pid" ]] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null; then
    die "a cluster is already running from $dir (stop it first: $0 stop)"
  fi
  local port
  for port in "$ctld_port" "$d_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "port $port on 127.0.0.1 is in use (another Slurm?); choose others with XSNN_SLURM_CTLD_PORT / XSNN_SLURM_D_PORT"
    fi
  done
  rm -rf "$dir"
  # munged wants its key private and every folder on its socket's path searchable by all.
  mkdir -p -m 0755 "$dir" "$dir/run"
  mkdir -p -m 0700 "$dir/munge" "$dir/state" "$dir/spool"
  mungekey --create --keyfile="$dir/munge/munge.key"
  munged --socket="$socket" --key-file="$dir/munge/munge.key" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" ||
    {
      show_logs
      die "munged did not start"
    }
  wait_for 10 munge --socket="$socket" --no-input ||
    {
      show_logs
      die "munged does not answer on $socket"
    }
  write_conf
  # -c: no saved jobs or node state from an earlier cluster.
  slurmctld -c -f "$conf" || {
    show_logs
    die "slurmctld did not start"
  }
  wait_for 30 env SLURM_CONF="$conf" scontrol ping ||
    {
      show_logs
      die "slurmctld does not answer on port $ctld_port"
    }
  slurmd -f "$conf" || {
    show_logs
    die "slurmd did not start"
  }
  wait_for 60 node_idle ||
    {
      SLURM_CONF="$conf" sinfo -N -l >&2 || true
      show_logs
      die "the node did not become idle"
    }
  say "running from $dir: $(SLURM_CONF="$conf" sinfo -h -N -o '%N %t %c CPUs')"
  printf 'export SLURM_CONF=%q\n' "$conf"
}

# Ends the daemon whose pid file is $1 (TERM, then KILL after 15 s).
stop_daemon() {
  local pidfile="$1" pid i
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -KILL "$pid" 2>/dev/null || true
}

stop() {
  [[ -d "$dir" ]] || {
    say "no cluster at $dir"
    return 0
  }
  stop_daemon "$dir/slurmd.pid"
  stop_daemon "$dir/slurmctld.pid"
  stop_daemon "$dir/munge/munged.pid"
  rm -rf "$dir"
  say "stopped; removed $dir"
}

status() {
  [[ -f "$conf" ]] || die "no cluster at $dir"
  SLURM_CONF="$conf" sinfo -N -l
  SLURM_CONF="$conf" squeue
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    say "usage: $0 start|stop|status"
    exit 2
    ;;
esac
