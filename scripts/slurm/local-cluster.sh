#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for IsoRun's launcher test.
#
#   scripts/slurm/local-cluster.sh start   writes slurm.conf, starts munged, slurmctld
#                                           and slurmd, waits until the node is idle,
#                                           prints `export SLURM_CONF=...` on stdout
#   scripts/slurm/local-cluster.sh stop    stops the three daemons (by their pid files)
#   scripts/slurm/local-cluster.sh status  sinfo's view of the node
#
# Everything lives in one state folder, $ISORUN_SLURM_DIR (default /tmp/isorun-slurm):
# the config, a munge key of its own and munged's socket there (the machine's munge,
# if any, is left alone), the daemons' state, logs and pid files. Slurm's default
# ports are used unless ISORUN_SLURM_PORT is set (slurmctld takes it, slurmd the next).
#
# Needs root (slurmd starts jobs as their user) and Debian's slurm-wlm and munge
# (apt-get install -y slurm-wlm munge). Exit status: 0 done; 1 a daemon did not come
# up (its log is printed); 77 cannot run here (the reason is printed): callers skip.
set -euo pipefail

dir=${ISORUN_SLURM_DIR:-/tmp/isorun-slurm}
port=${ISORUN_SLURM_PORT:-6817}
conf=$dir/slurm.conf
node=$(hostname -s)

skip() { echo "local-cluster: cannot run Slurm here: $*" >&2; exit 77; }

stop_pidfile() {
    local file=$1 pid
    [[ -f $file ]] || return 0
    pid=$(cat "$file" 2>/dev/null || true)
    rm -f "$file"
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}

stop() {
    # slurmd first: it ends the job steps it runs; then the controller, then munge.
    stop_pidfile "$dir/slurmd.pid"
    stop_pidfile "$dir/slurmctld.pid"
    stop_pidfile "$dir/munged.pid"
}

# Starts a daemon with none of the caller's descriptors: a caller that waits for
# a pipe or socket it gave this script to close (Foundation's Process does) would
# otherwise wait for the daemon to end.
daemon() {
    (
        for fd in /proc/self/fd/*; do
            fd=${fd##*/}
            if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        exec "$@"
    ) </dev/null >>"$dir/daemons.log" 2>&1
}

write_config() {
    # A fresh cluster each time: jobs recovered from an earlier start's saved
    # state (one killed mid-test, say) would keep the node busy ("mixed").
    rm -rf "$dir/state" "$dir/spool"
    mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
    chmod 0700 "$dir/munge"
    cat > "$conf" <<CONF
# Written by scripts/slurm/local-cluster.sh: one node, this machine.
ClusterName=isorun
SlurmctldHost=$node
SlurmUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmdTimeout=30
InactiveLimit=0
KillWait=2
NodeName=$node CPUs=2 State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
}

start() {
    [[ $(id -u) == 0 ]] || skip "not root (slurmd must start jobs as their user)"
    for program in munged slurmctld slurmd sinfo srun; do
        command -v "$program" >/dev/null || skip "$program is missing (apt-get install -y slurm-wlm munge)"
    done
    stop
    write_config
    if [[ ! -s $dir/munge/munge.key ]]; then
        dd if=/dev/urandom of="$dir/munge/munge.key" bs=1 count=1024 status=none
    fi
    chmod 0400 "$dir/munge/munge.key"
    daemon munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
        --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/seed"
    export SLURM_CONF=$conf
    daemon slurmctld -f "$conf" -i
    daemon slurmd -f "$conf"
    for _ in $(seq 150); do
        if sinfo -h -n "$node" -o '%T' 2>/dev/null | grep -qx idle; then
            echo "export SLURM_CONF=$conf"
            return 0
        fi
        sleep 0.2
    done
    echo "local-cluster: node $node did not become idle within 30 s" >&2
    sinfo -N -l >&2 || true
    tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" "$dir/munged.log" >&2 || true
    stop
    exit 1
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) SLURM_CONF=$conf sinfo -N -l ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
