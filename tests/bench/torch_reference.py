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
Usage: torch_reference.py [--quick] [--workload NAME]... [--runs R] [--seconds S]
"""
import argparse
import math
import statistics
import time

import torch
from torch import nn

WORKLOADS = [  # name, H, L, batch (tests/bench/workload.cpp)
    ("ganlab", 8, 2, 150),
    ("tiny", 32, 2, 128),
    ("small", 64, 3, 256),
    ("wide", 256, 3, 512),
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

    def __init__(self, hidden, layers, batch):
        self.batch = batch
        self.g = mlp(2, hidden, layers, 2)
        self.d = mlp(2, hidden, layers, 1)
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=1e-4, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=1e-4, betas=(0.5, 0.999))
        self.bce = nn.BCEWithLogitsLoss()
        angles = torch.arange(8, dtype=torch.float32) * (2 * math.pi / 8)
        self.centres = 2.0 * torch.stack([torch.cos(angles), torch.sin(angles)], dim=1)
        # Labels for [real | fake] in D's step and for G's step, made once.
        self.d_labels = torch.cat([torch.ones(batch, 1), torch.zeros(batch, 1)])
        self.g_labels = torch.ones(batch, 1)

    def real_batch(self):
        modes = torch.randint(0, 8, (self.batch,))
        return self.centres[modes] + 0.02 * torch.randn(self.batch, 2)

    def step(self):
        # D: real and fake through D as one batch; the fake batch is detached, so G gets no gradient here.
        fake = self.g(torch.randn(self.batch, 2)).detach()
        logits = self.d(torch.cat([self.real_batch(), fake]))
        loss_d = 2 * self.bce(logits, self.d_labels)  # mean over real + mean over fake
        self.opt_d.zero_grad()
        loss_d.backward()
        self.opt_d.step()
        # G: non-saturating loss -log D(G(z)) on a fresh fake batch, D frozen.
        self.d.requires_grad_(False)
        loss_g = self.bce(self.d(self.g(torch.randn(self.batch, 2))), self.g_labels)
        self.opt_g.zero_grad()
        loss_g.backward()
        self.opt_g.step()
        self.d.requires_grad_(True)


def measure(workload, runs, seconds, quick):
    """Median iterations per second over `runs` timed runs after a warm-up that calibrates a run's length: by the wall
    clock and per second of the process's CPU time (as ganscope_bench reports them)."""
    _, hidden, layers, batch = workload
    gan = Gan(hidden, layers, batch)
    iterations, done, start = 1, 0, time.perf_counter()
    warmup = 0.02 if quick else max(0.2, seconds)
    while time.perf_counter() - start < warmup:
        for _ in range(iterations):
            gan.step()
        done += iterations
        iterations *= 2
    per_iteration = (time.perf_counter() - start) / done
    per_run = max(1, int((0.01 if quick else seconds) / per_iteration))
    wall, cpu = [], []
    for _ in range(1 if quick else runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(per_run):
            gan.step()
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--workload", action="append", choices=[w[0] for w in WORKLOADS])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=0.3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    torch.set_default_dtype(torch.float32)
    size = 128 if args.quick else 1024
    print(f"machine torch={torch.__version__} threads={torch.get_num_threads()} "
          f"sgemm_gflop_per_s={sgemm_rate(size, 0.01 if args.quick else 0.5):.2f} sgemm_size={size}", flush=True)
    for workload in WORKLOADS:
        if args.workload and workload[0] not in args.workload:
            continue
        wall, cpu = measure(workload, args.runs, args.seconds, args.quick)
        print(f"workload name={workload[0]} hidden={workload[1]} layers={workload[2]} batch={workload[3]} "
              f"it_per_s={cpu:.1f} wall_it_per_s={wall:.1f} cpu_it_per_s={cpu:.1f}", flush=True)


if __name__ == "__main__":
    main()
