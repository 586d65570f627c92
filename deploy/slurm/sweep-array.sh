#!/bin/bash
#SBATCH --job-name=xsnn-paper-mnist
#SBATCH --array=1-8
#SBATCH --cpus-per-task=4
#SBATCH --time=01:00:00
#SBATCH --output=logs/%x-%A_%a.out
# Task k of the array runs shard k/n of the sweep. Submit from the repository (with
# node_modules, dist/ and the sweep's checkpoints): mkdir -p logs && sbatch deploy/slurm/sweep-array.sh
# Another sweep or shard count, e.g.:
#   XSNN_SWEEP_SPEC=reports/quick.yaml XSNN_SWEEP_OUT=out/sweeps/quick sbatch --array=1-4 deploy/slurm/sweep-array.sh
set -euo pipefail
cd "$SLURM_SUBMIT_DIR"
spec="${XSNN_SWEEP_SPEC:-reports/paper-mnist.yaml}"
out="${XSNN_SWEEP_OUT:-out/sweeps/paper-mnist}"
npx xsnn sweep --spec "$spec" \
  --out "$out/shard-$SLURM_ARRAY_TASK_ID" \
  --workers "$SLURM_CPUS_PER_TASK" \
  --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT"
# afterwards (e.g. sbatch --dependency=afterok:<jobid>):
#   npx xsnn merge out/sweeps/paper-mnist/shard-* --out out/sweeps/paper-mnist/all
#   npx xsnn report --results out/sweeps/paper-mnist/all --out out/paper-mnist.pdf
