#include "app/cli/headless_compare.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>
#include <thread>

#include "app/cli/headless_run.h"
#include "app/cli/progress_bar.h"
#include "core/gan/config_json.h"
#include "core/runtime/checkpoint_store.h"
#include "core/util/atomic_file.h"

namespace ganscope {
namespace {

// One run of the comparison: its trainer on its own thread, and what it leaves.
struct ComparedRun {
  char letter = 'A';
  Config config;
  std::atomic<long long> done{0};
  std::atomic<bool> finished{false};
  double seconds = 0.0;
  Session session;
  MetricsRow closing;  // the metrics at its last step, as its summary shows them
  std::string trainerNote;  // where its iterations ran (Trainer::trainerNote), empty for trainer=cpu
};

void trainUnguarded(ComparedRun& run, long long steps, bool keepCheckpoints) {
  const auto start = std::chrono::steady_clock::now();
  Trainer trainer(run.config);
  CheckpointStore checkpoints;
  checkpoints.observe(trainer);
  for (long long i = 0; i < steps && !trainer.diverged(); ++i) {
    trainer.iterate();
    if (keepCheckpoints) checkpoints.observe(trainer);
    run.done.store(i + 1, std::memory_order_relaxed);
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.session.state = trainer.saveState();
  run.trainerNote = trainer.trainerNote();
  if (keepCheckpoints) {
    for (const auto& checkpoint : checkpoints.checkpoints()) run.session.checkpoints.push_back(*checkpoint);
  }
}

void train(ComparedRun& run, long long steps, bool keepCheckpoints) {
  try {
    trainUnguarded(run, steps, keepCheckpoints);
  } catch (const std::exception& e) {
    // Both configs were validated: this is an allocation failing, say. The run ends as a stopped one.
    run.session.state.config = run.config;
    run.session.state.divergence = std::string("run ") + run.letter + " stopped: " + e.what();
  }
  run.finished.store(true);
}

std::string pathFor(const std::string& path, char letter) { return path.empty() ? path : comparedRunPath(path, letter); }

// "modes 2 / 8" of a run's last row, or its W1 where the data has no modes.
std::string headline(const MetricsRow& row) {
  char text[96];
  if (!std::isnan(row.modesTotal)) {
    std::snprintf(text, sizeof text, "modes %.0f / %.0f, W1 %.3g", row.modes, row.modesTotal, row.w1);
  } else {
    std::snprintf(text, sizeof text, "W1 %.3g", row.w1);
  }
  return text;
}

}  // namespace

int runHeadlessComparison(const Config& config, const Comparison& comparison, const CliOptions& options,
                          std::ostream& out, std::ostream& err) {
  std::array<ComparedRun, 2> runs;
  runs[0].letter = 'A';
  runs[0].config = config;
  runs[1].letter = 'B';
  runs[1].config = withSettings(config, comparison.settings);
  // Outputs are checked before training, so a long run does not fail only at its end.
  try {
    for (const ComparedRun& run : runs) {
      for (const std::string* path : {&options.metricsOut, &options.saveSession, &options.exportPytorch})
        if (!path->empty()) checkWritable(pathFor(*path, run.letter));
      if (!options.saveConfig.empty())
        writeFileAtomically(pathFor(options.saveConfig, run.letter), configJsonText(run.config));
    }
  } catch (const std::exception& e) {
    err << "ganscope: " << e.what() << "\n";
    return kExitBadInput;
  }
  const long long steps = runLength(config, options);
  const bool keepCheckpoints = options.withRewind;
  {
    ProgressBar progress(steps);
    std::jthread b([&] { train(runs[1], steps, keepCheckpoints); });
    std::jthread a([&] { train(runs[0], steps, keepCheckpoints); });
    while (!runs[0].finished.load() || !runs[1].finished.load()) {
      progress.update(std::min(runs[0].done.load(), runs[1].done.load()));
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    a.join();
    b.join();
    progress.finish(std::min(runs[0].done.load(), runs[1].done.load()));
  }
  int exitCode = kExitOk;
  const std::string nameA = config.name.empty() ? std::string("run") : config.name;
  for (ComparedRun& run : runs) {
    const long long iterations = run.session.state.step;
    out << "run " << run.letter << " (" << (run.letter == 'A' ? nameA : comparison.label) << "): " << iterations
        << " iterations in ";
    char timing[64];
    std::snprintf(timing, sizeof timing, "%.2f s (%.0f it/s)", run.seconds,
                  run.seconds > 0 ? static_cast<double>(iterations) / run.seconds : 0.0);
    out << timing << "\n";
    out << trainerNoteLine(run.trainerNote);
    const int finished = finishHeadlessOutputs(
        run.session,
        {pathFor(options.metricsOut, run.letter), pathFor(options.saveSession, run.letter),
         pathFor(options.exportPytorch, run.letter), options.withRewind},
        out, err, &run.closing);
    if (exitCode == kExitOk) exitCode = finished;
  }
  if (exitCode == kExitOk) {  // both summaries were printed, neither run diverged
    out << "compare at step " << runs[0].session.state.step << ": A " << headline(runs[0].closing)
        << ";  B " << headline(runs[1].closing) << "\n";
  }
  if (!options.metricsOut.empty()) {
    err << "ganscope: wrote " << pathFor(options.metricsOut, 'A') << " (run A) and " << pathFor(options.metricsOut, 'B')
        << " (run B)\n";
  }
  return exitCode;
}

}  // namespace ganscope
