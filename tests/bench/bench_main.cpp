// ganscope_bench: iterations per second of the real Trainer on the performance issue's named workloads, with the
// analytic GFLOP/s and their share of this machine's single-core SGEMM rate measured in the same run.
//
//   ganscope_bench [--quick] [--workload NAME]... [--threads N] [--runs R] [--seconds S] [--no-peak]
//                  [--trainer cpu|gpu]
//   ganscope_bench --checkpoint-cost [--workload NAME]... [--runs R] [--seconds S]
//
// Without --workload every workload runs, except that --quick (a smoke run) skips `huge` (about 78 GFLOP an
// iteration: seconds per iteration on one core) unless it is named.
//
// --trainer gpu times the GPU trainer (config trainer=gpu, app/gpu/): the `workload ...` line says trainer=gpu
// only when every timed run ran on it; when the Trainer fell back to the CPU, its note goes to stderr and the
// program exits with 3. The GPU's rates are by the wall clock (it_per_s = wall_it_per_s: the process's CPU time
// says nothing of the GPU's) and its sgemm_share is 0 (the SGEMM peak is the CPU's). A `trainer ...` line before
// the workload line gives the Trainer's note ("training on the GPU: <device>").
//
// --checkpoint-cost measures what keeping rewind checkpoints costs each workload (checkpoint_cost.h) instead.
//
// --no-peak skips the SGEMM measurement (for profiles of the workloads alone; the share is then printed as 0).
//
// Prints one `machine ...` line, then one `workload ...` line per workload (key=value fields, parsed by
// scripts/bench.sh and by the ctest entry; the last, trainer=cpu|gpu, says where the timed runs ran), then a table.
//
// Rates on the CPU: with one thread, it_per_s counts iterations per second of the process's CPU time, which on an
// idle machine is the wall-clock rate and on a shared one leaves out the time other programs held the core (the
// SGEMM peak is measured the same way); with two threads it is the wall-clock rate. wall_it_per_s and cpu_it_per_s
// give both.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/gpu/gpu_engine.h"
#include "core/gan/trainer.h"
#include "core/nn/compute_threads.h"
#include "tests/bench/bench_clock.h"
#include "tests/bench/checkpoint_cost.h"
#include "tests/bench/flop_count.h"
#include "tests/bench/sgemm_peak.h"
#include "tests/bench/workload.h"

namespace {

using namespace ganscope;
using namespace ganscope::bench;

struct Options {
  bool quick = false;
  std::vector<std::string> names;
  int threads = 1;
  int runs = 7;
  double seconds = 0.3;  // per timed run
  bool peak = true;
  bool checkpointCost = false;
  TrainerKind trainer = TrainerKind::Cpu;  // cpu or gpu (--trainer)
};

// The exit status when --trainer gpu was asked and the Trainer trained on the CPU instead.
constexpr int kFellBackToCpu = 3;

// Iterations per second by the wall clock and per second of the process's CPU time (the same with one thread on an
// idle machine; on a loaded one the CPU-time rate leaves out the time other programs held the core).
struct Rate {
  double wall = 0;
  double cpu = 0;
  bool gpu = false;  // every timed run ran on the GPU trainer
  std::string note;  // Trainer::trainerNote() after the timed runs (empty for trainer=cpu)
};

struct Result {
  Workload workload;
  Rate rate;
  double flops = 0;
  double itPerSecond = 0;  // the rate the table uses: CPU time with one thread, wall clock with two
};

// The instruction-set extensions this binary was compiled for.
std::string instructionSets() {
  std::string s;
#ifdef __SSE2__
  s += "SSE2";
#endif
#ifdef __AVX__
  s += ",AVX";
#endif
#ifdef __AVX2__
  s += ",AVX2";
#endif
#ifdef __FMA__
  s += ",FMA";
#endif
#ifdef __AVX512F__
  s += ",AVX512F";
#endif
  return s.empty() ? "none" : s;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double processCpuSeconds() { return cpuSeconds(CLOCK_PROCESS_CPUTIME_ID); }

// Median iterations per second over several timed runs of the Trainer, after a warm-up that also calibrates the
// number of iterations per run.
Rate measure(const Workload& workload, const Options& options) {
  Config config = workloadConfig(workload);
  config.trainer = options.trainer;
  Trainer trainer(config);
  // --trainer gpu: the Trainer says why when it trains on the CPU instead; the benchmark then has nothing to time.
  const auto requireGpu = [&] {
    if (options.trainer != TrainerKind::Gpu || trainer.trainsOnGpu()) return;
    std::fprintf(stderr, "ganscope_bench: %s: --trainer gpu asked, but the GPU trainer did not run (its note: %s)\n",
                 workload.name.c_str(), trainer.trainerNote().c_str());
    std::exit(kFellBackToCpu);
  };
  long long iterations = 1;
  const double warmup = options.quick ? 0.02 : std::max(0.2, options.seconds);
  const auto warmStart = std::chrono::steady_clock::now();
  long long done = 0;
  while (secondsSince(warmStart) < warmup) {
    trainer.train(iterations);
    requireGpu();
    done += iterations;
    iterations *= 2;
  }
  const double perIteration = secondsSince(warmStart) / static_cast<double>(done);
  const double runSeconds = options.quick ? 0.01 : options.seconds;
  const long long perRun = std::max(1LL, static_cast<long long>(runSeconds / perIteration));
  std::vector<double> wall, cpu;
  for (int run = 0; run < (options.quick ? 1 : options.runs); ++run) {
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = processCpuSeconds();
    trainer.train(perRun);
    const double cpuSeconds = processCpuSeconds() - cpuStart;
    wall.push_back(static_cast<double>(perRun) / secondsSince(start));
    cpu.push_back(static_cast<double>(perRun) / std::max(cpuSeconds, 1e-9));
    requireGpu();
  }
  if (trainer.diverged()) {
    std::fprintf(stderr, "ganscope_bench: %s diverged: %s\n", workload.name.c_str(), trainer.divergence().c_str());
    std::exit(1);
  }
  return {median(wall), median(cpu), trainer.trainsOnGpu(), trainer.trainerNote()};
}

bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool hasValue = i + 1 < argc;
    if (arg == "--quick") {
      options.quick = true;
    } else if (arg == "--checkpoint-cost") {
      options.checkpointCost = true;
    } else if (arg == "--no-peak") {
      options.peak = false;
    } else if (arg == "--workload" && hasValue) {
      options.names.emplace_back(argv[++i]);
    } else if (arg == "--threads" && hasValue) {
      options.threads = std::atoi(argv[++i]);
    } else if (arg == "--runs" && hasValue) {
      options.runs = std::atoi(argv[++i]);
    } else if (arg == "--seconds" && hasValue) {
      options.seconds = std::atof(argv[++i]);
    } else if (arg == "--trainer" && hasValue) {
      const std::string kind = argv[++i];
      if (kind != "cpu" && kind != "gpu") return false;
      options.trainer = kind == "gpu" ? TrainerKind::Gpu : TrainerKind::Cpu;
    } else {
      return false;
    }
  }
  for (const std::string& name : options.names) {
    const auto& all = workloads();
    if (std::none_of(all.begin(), all.end(), [&](const Workload& w) { return w.name == name; })) return false;
  }
  return options.threads >= 1 && options.threads <= 2 && options.runs >= 1 && options.seconds > 0;
}

// Whether the run measures `workload`: the named ones, or without names all of them but the heavy ones in --quick.
bool selected(const Workload& workload, const Options& options) {
  if (options.names.empty()) return !(options.quick && workload.heavy);
  return std::find(options.names.begin(), options.names.end(), workload.name) != options.names.end();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: ganscope_bench [--quick] [--workload ganlab|tiny|small|wide|huge]... [--threads 1|2] "
                 "[--runs R] [--seconds S] [--no-peak] [--trainer cpu|gpu]\n"
                 "       ganscope_bench --checkpoint-cost [--workload NAME]... [--runs R] [--seconds S]\n"
                 "Without --workload all workloads run, but --quick skips huge unless it is named. --trainer gpu\n"
                 "exits with 3 when the Trainer falls back to the CPU.\n");
    return 2;
  }
  registerGpuEngine(makeGpuEngine);  // --trainer gpu: the GPU trainer, app/gpu/
  setComputeThreads(options.threads);
  if (options.checkpointCost) {
    for (const Workload& workload : workloads()) {
      if (selected(workload, options)) {
        measureCheckpointCost(workload, options.quick ? 1 : options.runs, options.quick ? 0.01 : options.seconds);
      }
    }
    return 0;
  }
  const double peak = options.peak ? measureSgemmPeak(options.quick ? 128 : 1024, options.quick ? 0.01 : 0.5) : 0.0;
  std::printf("machine arch=\"%s\" isa=%s threads=%d sgemm_gflop_per_s=%.2f sgemm_size=%d\n", GANSCOPE_ARCH_NAME,
              instructionSets().c_str(), options.threads, peak, options.quick ? 128 : 1024);
  std::fflush(stdout);

  std::vector<Result> results;
  for (const Workload& workload : workloads()) {
    if (!selected(workload, options)) continue;
    Result r{workload, measure(workload, options), flopsPerIteration(workload)};
    r.itPerSecond = options.threads == 1 && !r.rate.gpu ? r.rate.cpu : r.rate.wall;
    const double gflops = r.itPerSecond * r.flops * 1e-9;
    const double share = peak > 0 && !r.rate.gpu ? gflops / peak : 0.0;
    if (!r.rate.note.empty()) std::printf("trainer name=%s note=\"%s\"\n", workload.name.c_str(), r.rate.note.c_str());
    std::printf("workload name=%s hidden=%d layers=%d batch=%d it_per_s=%.1f flop_per_it=%.0f gflop_per_s=%.3f "
                "sgemm_share=%.4f wall_it_per_s=%.1f cpu_it_per_s=%.1f trainer=%s\n",
                workload.name.c_str(), workload.hidden, workload.layers, workload.batch, r.itPerSecond, r.flops,
                gflops, share, r.rate.wall, r.rate.cpu, r.rate.gpu ? "gpu" : "cpu");
    std::fflush(stdout);
    results.push_back(r);
  }

  std::printf("\n%-8s %6s %6s %6s %12s %14s %10s %8s %7s\n", "workload", "H", "L", "batch", "it/s", "FLOP/it",
              "GFLOP/s", "% SGEMM", "trainer");
  for (const Result& r : results) {
    const double gflops = r.itPerSecond * r.flops * 1e-9;
    const double share = peak > 0 && !r.rate.gpu ? 100.0 * gflops / peak : 0.0;
    std::printf("%-8s %6d %6d %6d %12.1f %14.4g %10.3f %7.1f%% %7s\n", r.workload.name.c_str(), r.workload.hidden,
                r.workload.layers, r.workload.batch, r.itPerSecond, r.flops, gflops, share,
                r.rate.gpu ? "gpu" : "cpu");
  }
  return 0;
}
