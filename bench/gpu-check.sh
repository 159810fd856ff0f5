#!/usr/bin/env bash
# What only a GPU can tell, in one pass: which devices ILGPU finds, whether the GPU backend agrees with the shipped
# vector suites and with libsecp256k1 on random items, the signature operations' rates per backend, and the pipeline
# end to end on `auto`. Every step is bounded in time and writes its own file, so a step that fails or hangs still
# leaves the others' results.
#
#   bench/gpu-check.sh OUT_DIR [gpuvalidate command...]
#
# The command defaults to running the CLI from this checkout with the .NET SDK; on a machine with only the runtime,
# pass the published tool instead, e.g. `bench/gpu-check.sh out dotnet path/to/gpuvalidate.dll`.
# Environment: BACKEND (default cuda; opencl for an OpenCL device), STEP_TIMEOUT in seconds (default 240). For a GPU
# backend the conformance and crypto steps run a second time with GPUVALIDATE_ILGPU_INLINING=conservative.
set -uo pipefail

out=${1:?usage: bench/gpu-check.sh OUT_DIR [gpuvalidate command...]}
shift
if [ $# -gt 0 ]; then
  tool=("$@")
else
  tool=(dotnet run -c Release --project "$(dirname "$0")/../src/GpuValidate.Cli" --)
fi

backend=${BACKEND:-cuda}
limit=${STEP_TIMEOUT:-240}
mkdir -p "$out"
failed=0

step() {
  local name=$1
  shift
  local started=$SECONDS
  timeout "$limit" "${tool[@]}" "$@" >"$out/$name.txt" 2>"$out/$name.err"
  local code=$?
  printf '%-36s exit %3d  %4d s  %s\n' "$name" "$code" "$((SECONDS - started))" "$*" | tee -a "$out/summary.txt"
  [ "$code" -eq 0 ] || failed=1
}

date -u +"started %Y-%m-%dT%H:%M:%SZ" >"$out/summary.txt"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader >>"$out/summary.txt"
step devices devices
step "conformance-$backend" conformance --backend "$backend"
# Native on one thread is measured beside the GPU at every size: 262,144 keeps that under a minute per size.
step "crypto-$backend" bench --suite crypto --backend "$backend" --batch 1024 65536 262144 --json
step "pipeline-$backend" bench --backend "$backend" --json
if [ "$backend" != native ]; then
  # The same kernels with field and scalar arithmetic left as calls: a quarter of the code, is it slower?
  export GPUVALIDATE_ILGPU_INLINING=conservative
  step "conformance-$backend-conservative" conformance --backend "$backend" --random 1024
  step "crypto-$backend-conservative" bench --suite crypto --backend "$backend" --batch 65536 --json
  unset GPUVALIDATE_ILGPU_INLINING
fi
step pipeline-auto bench --json
[ "$backend" = native ] || step pipeline-native bench --backend native --json
date -u +"finished %Y-%m-%dT%H:%M:%SZ" >>"$out/summary.txt"
exit "$failed"
