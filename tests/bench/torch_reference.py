#!/usr/bin/env python3
"""The benchmark's workloads in PyTorch, as a fair reference for ganscope_bench.

Same setting as tests/bench/workload.cpp: the ring of 8 (r = 2, std 0.02), latent N(0, I) of dimension 2, G and D
MLPs with L ReLU hidden layers of width H, the non-saturating loss with BCE on logits, Adam (lr 1e-4,
betas (0.5, 0.999)) for both networks, float32, one thread. One iteration = one D update on a real batch and a fake
batch (through D together, as one batch), then one G update on a fresh fake batch (D's parameters frozen, so no D
weight gradients are computed in G's step). Written the way a PyTorch user would write it: nn.Sequential,
BCEWithLogitsLoss, torch.optim.Adam.

Prints `machine ...` and one `workload ...` line per workload (key=value), like ganscope_bench; it_per_s counts
iterations per second of the process's CPU time (the wall-clock rate on an idle machine), wall_it_per_s by the clock.

--device cuda runs the same models on the GPU (float32, TF32 off, as ganscope's GPU trainer computes), one CUDA
graph per iteration: after a warm-up of three iterations on a side stream, one whole iteration (D's step with its
Adam update, then G's step with its Adam update; Adam with capturable=True) is captured with torch.cuda.graph and
replayed. The inputs are drawn inside the graph: the latents by torch.randn and the real batch by the ring's sampler
(torch.randint, a gather, torch.randn) on the device, into the graph's static tensors; each replay draws new numbers
(CUDA graphs advance the Philox generator's offset per replay). Nothing is copied from the host. Its workload line
has it_per_s = wall_it_per_s = cuda_graph_it_per_s (by the wall clock, synchronized at the end of each timed run),
cuda_eager_it_per_s (the same iteration without the graph), and cpu_it_per_s (iterations per second of the host's
CPU time, for reading only). Without a CUDA device (or without PyTorch) it exits with 4, "no CUDA device".

Usage: torch_reference.py [--quick] [--workload NAME]... [--runs R] [--seconds S] [--device cpu|cuda]
Without --workload every workload runs, but --quick skips huge unless it is named.
"""
import argparse
import math
import statistics
import sys
import time

try:
    import torch
    from torch import nn
except ImportError as error:  # the reference needs PyTorch; --device cuda says so with its own exit status
    torch = None
    IMPORT_ERROR = error

NO_CUDA_DEVICE = 4  # the exit status of --device cuda where torch.cuda is not available

WORKLOADS = [  # name, H, L, batch (tests/bench/workload.cpp)
    ("ganlab", 8, 2, 150),
    ("tiny", 32, 2, 128),
    ("small", 64, 3, 256),
    ("wide", 256, 3, 512),
    ("huge", 512, 4, 4096),
]


def mlp(inputs, hidden, layers, outputs):
    """L hidden Linear+ReLU layers of width `hidden`, then a Linear output layer."""
    modules, width = [], inputs
    for _ in range(layers):
        modules += [nn.Linear(width, hidden), nn.ReLU()]
        width = hidden
    modules.append(nn.Linear(width, outputs))
    return nn.Sequential(*modules)


class Gan:
    """G, D, their Adam optimizers and the ring of 8; step() is one iteration."""

    def __init__(self, hidden, layers, batch, device="cpu"):
        self.batch = batch
        self.device = device
        self.g = mlp(2, hidden, layers, 2).to(device)
        self.d = mlp(2, hidden, layers, 1).to(device)
        # On CUDA, Adam keeps its step count on the device (capturable), so that its update can be in a CUDA graph.
        cuda = {"capturable": True} if device == "cuda" else {}
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=1e-4, betas=(0.5, 0.999), **cuda)
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=1e-4, betas=(0.5, 0.999), **cuda)
        # The graph's gradients are made inside it (set to None, not zeroed); the CPU keeps PyTorch's default.
        self.zero_grad = {"set_to_none": True} if device == "cuda" else {}
        self.bce = nn.BCEWithLogitsLoss()
        angles = torch.arange(8, dtype=torch.float32) * (2 * math.pi / 8)
        self.centres = (2.0 * torch.stack([torch.cos(angles), torch.sin(angles)], dim=1)).to(device)
        # Labels for [real | fake] in D's step and for G's step, made once.
        self.d_labels = torch.cat([torch.ones(batch, 1), torch.zeros(batch, 1)]).to(device)
        self.g_labels = torch.ones(batch, 1).to(device)

    def real_batch(self):
        modes = torch.randint(0, 8, (self.batch,), device=self.device)
        return self.centres[modes] + 0.02 * torch.randn(self.batch, 2, device=self.device)

    def step(self):
        # D: real and fake through D as one batch; the fake batch is detached, so G gets no gradient here.
        fake = self.g(torch.randn(self.batch, 2, device=self.device)).detach()
        logits = self.d(torch.cat([self.real_batch(), fake]))
        loss_d = 2 * self.bce(logits, self.d_labels)  # mean over real + mean over fake
        self.opt_d.zero_grad(**self.zero_grad)
        loss_d.backward()
        self.opt_d.step()
        # G: non-saturating loss -log D(G(z)) on a fresh fake batch, D frozen.
        self.d.requires_grad_(False)
        loss_g = self.bce(self.d(self.g(torch.randn(self.batch, 2, device=self.device))), self.g_labels)
        self.opt_g.zero_grad(**self.zero_grad)
        loss_g.backward()
        self.opt_g.step()
        self.d.requires_grad_(True)


def capture_iteration(gan):
    """One whole iteration of `gan` (on CUDA) as a CUDA graph, after a warm-up on a side stream (which also makes
    Adam's state, outside the graph); returns the graph, whose replay() is one iteration."""
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        for _ in range(3):
            gan.step()
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    gan.opt_d.zero_grad(set_to_none=True)
    gan.opt_g.zero_grad(set_to_none=True)
    with torch.cuda.graph(graph):
        gan.step()
    return graph


def measure(step, runs, seconds, quick, sync=lambda: None):
    """Median iterations per second of `step` over `runs` timed runs after a warm-up that calibrates a run's length:
    by the wall clock and per second of the process's CPU time (as ganscope_bench reports them). `sync` waits for the
    device (CUDA's work is asynchronous) before each clock is read."""
    sync()
    iterations, done, start = 1, 0, time.perf_counter()
    warmup = 0.02 if quick else max(0.2, seconds)
    while time.perf_counter() - start < warmup:
        for _ in range(iterations):
            step()
        sync()
        done += iterations
        iterations *= 2
    per_iteration = (time.perf_counter() - start) / done
    per_run = max(1, int((0.01 if quick else seconds) / per_iteration))
    wall, cpu = [], []
    for _ in range(1 if quick else runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(per_run):
            step()
        sync()
        wall.append(per_run / (time.perf_counter() - start))
        cpu.append(per_run / max(time.process_time() - cpu_start, 1e-9))
    return statistics.median(wall), statistics.median(cpu)


def sgemm_rate(size, min_seconds):
    """PyTorch's own best single-thread float32 GEMM rate in GFLOP/s (for reading the table, not for the ratio)."""
    a, b = torch.rand(size, size), torch.rand(size, size)
    torch.mm(a, b)
    best, spent, reps = 0.0, 0.0, 0
    while reps < 3 or spent < min_seconds:
        start = time.process_time()
        torch.mm(a, b)
        elapsed = max(time.process_time() - start, 1e-9)
        spent, reps = spent + elapsed, reps + 1
        best = max(best, 2.0 * size**3 / elapsed * 1e-9)
    return best


def cuda_sgemm_rate(size, min_seconds):
    """The GPU's float32 GEMM rate in GFLOP/s (TF32 off), by the wall clock (for reading the table)."""
    a, b = torch.rand(size, size, device="cuda"), torch.rand(size, size, device="cuda")
    torch.mm(a, b)
    torch.cuda.synchronize()
    reps, start = 0, time.perf_counter()
    while reps < 3 or time.perf_counter() - start < min_seconds:
        torch.mm(a, b)
        torch.cuda.synchronize()
        reps += 1
    return 2.0 * size**3 * reps / (time.perf_counter() - start) * 1e-9


def selected(args):
    """The workloads named by --workload; without one, all of them, but --quick skips huge (as ganscope_bench)."""
    if args.workload:
        return [w for w in WORKLOADS if w[0] in args.workload]
    return [w for w in WORKLOADS if not (args.quick and w[0] == "huge")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--workload", action="append", choices=[w[0] for w in WORKLOADS])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=0.3)
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    args = parser.parse_args()
    if torch is None:
        if args.device == "cuda":
            print(f"torch_reference: no CUDA device (no PyTorch in {sys.executable}: {IMPORT_ERROR})", file=sys.stderr)
            sys.exit(NO_CUDA_DEVICE)
        sys.exit(f"torch_reference: no PyTorch in {sys.executable}: {IMPORT_ERROR}")
    if args.device == "cuda":
        cuda_main(args)
        return
    torch.set_num_threads(1)
    torch.manual_seed(1)
    torch.set_default_dtype(torch.float32)
    size = 128 if args.quick else 1024
    print(f"machine torch={torch.__version__} threads={torch.get_num_threads()} "
          f"sgemm_gflop_per_s={sgemm_rate(size, 0.01 if args.quick else 0.5):.2f} sgemm_size={size}", flush=True)
    for workload in selected(args):
        _, hidden, layers, batch = workload
        wall, cpu = measure(Gan(hidden, layers, batch).step, args.runs, args.seconds, args.quick)
        print(f"workload name={workload[0]} hidden={workload[1]} layers={workload[2]} batch={workload[3]} "
              f"it_per_s={cpu:.1f} wall_it_per_s={wall:.1f} cpu_it_per_s={cpu:.1f}", flush=True)


def cuda_main(args):
    """--device cuda: each workload's iteration as one CUDA graph, replayed (see the module's comment)."""
    if not torch.cuda.is_available():
        print(f"torch_reference: no CUDA device (torch {torch.__version__}: torch.cuda.is_available() is False)",
              file=sys.stderr)
        sys.exit(NO_CUDA_DEVICE)
    torch.set_num_threads(1)
    torch.manual_seed(1)
    torch.set_default_dtype(torch.float32)
    torch.backends.cuda.matmul.allow_tf32 = False  # float32 products, as ganscope's GPU trainer computes them
    torch.backends.cudnn.allow_tf32 = False
    size = 1024 if args.quick else 4096
    print(f"machine torch={torch.__version__} device=cuda gpu=\"{torch.cuda.get_device_name()}\" threads=1 "
          f"cuda_sgemm_gflop_per_s={cuda_sgemm_rate(size, 0.01 if args.quick else 0.5):.2f} sgemm_size={size}",
          flush=True)
    sync = torch.cuda.synchronize
    for workload in selected(args):
        name, hidden, layers, batch = workload
        gan = Gan(hidden, layers, batch, device="cuda")
        eager, _ = measure(gan.step, args.runs, args.seconds, args.quick, sync)
        graph = capture_iteration(gan)
        wall, cpu = measure(graph.replay, args.runs, args.seconds, args.quick, sync)
        print(f"workload name={name} hidden={hidden} layers={layers} batch={batch} it_per_s={wall:.1f} "
              f"wall_it_per_s={wall:.1f} cpu_it_per_s={cpu:.1f} device=cuda cuda_graph_it_per_s={wall:.1f} "
              f"cuda_eager_it_per_s={eager:.1f}", flush=True)


if __name__ == "__main__":
    main()
