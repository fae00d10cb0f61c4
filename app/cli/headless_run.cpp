#include "app/cli/headless_run.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "app/cli/progress_bar.h"
#include "core/export/pytorch_export.h"
#include "core/gan/config_json.h"
#include "core/nn/compute_threads.h"
#include "core/runtime/checkpoint_store.h"
#include "core/util/atomic_file.h"

namespace ganscope {
namespace {

std::string number(double value, const char* format = "%.4g") {
  if (std::isnan(value)) return "n/a";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

}  // namespace

std::string formatMetricsSummary(const MetricsRow& row, const Trainer& trainer) {
  const GridSpec grid = metricsGrid(trainer.data());
  std::string text = "step " + std::to_string(row.step) + ":  loss_d " + number(row.lossD) + "  loss_g " +
                     number(row.lossG) + "  d_real " + number(row.dReal) + "  d_fake " + number(row.dFake) +
                     "  |grad_d| " + number(row.gradNormD) + "  |grad_g| " + number(row.gradNormG) + "\n";
  if (!std::isnan(row.modesTotal)) {
    text += "modes " + number(row.modes, "%.0f") + " / " + number(row.modesTotal, "%.0f") + "  high quality " +
            number(100.0 * row.highQuality, "%.1f") + " %  reverse KL " + number(row.modeKl) + "\n";
  }
  const std::string gridName = grid.dim == 1 ? std::to_string(grid.cellsPerAxis) + " bins"
                                             : std::to_string(grid.cellsPerAxis) + "x" +
                                                   std::to_string(grid.cellsPerAxis) + " grid";
  text += "JS " + number(row.js) + " nats (" + gridName + ", " +
          std::to_string(trainer.config().metricsSamples) + " samples)  W1 " + number(row.w1) +
          (grid.dim == 1 ? " (exact)" : " (sliced, 32 directions)") + "\n";
  if (!std::isnan(row.theta)) text += "theta " + number(row.theta) + "  psi " + number(row.psi) + "\n";
  if (trainer.config().conditional) text += "class accuracy " + number(100.0 * row.classAccuracy, "%.1f") + " %\n";
  return text;
}

std::string monitorVerdictLine(const ConditionReport& report) {
  if (report.condition == TrainingCondition::Healthy) return "monitor: healthy: nothing wrong\n";
  return std::string("monitor: ") + conditionName(report.condition) + ": " + report.headline + "\n";
}

std::string trainerNoteLine(const std::string& note) { return note.empty() ? note : "trainer: " + note + "\n"; }

long long runLength(const Config& config, const CliOptions& options) {
  return options.steps >= 0 ? options.steps : (config.demoSteps > 0 ? config.demoSteps : 2000);
}

int runHeadless(const Config& config, const Session* session, const CliOptions& options, std::ostream& out,
                std::ostream& err) {
  // Outputs are checked before training, so a long run does not fail only at its end.
  try {
    if (!options.metricsOut.empty()) checkWritable(options.metricsOut);
    if (!options.saveSession.empty()) checkWritable(options.saveSession);
    if (!options.exportPytorch.empty()) checkWritable(options.exportPytorch);
    if (!options.saveConfig.empty()) writeFileAtomically(options.saveConfig, configJsonText(config));
  } catch (const std::exception& e) {
    err << "ganscope: " << e.what() << "\n";
    return kExitBadInput;
  }

  const long long steps = runLength(config, options);
  setComputeThreads(options.threads);
  Trainer trainer(config);
  CheckpointStore checkpoints;
  if (session) {
    trainer.restoreState(session->state);
    checkpoints.assign(session->checkpoints);
  }
  checkpoints.observe(trainer);
  const long long first = trainer.step();
  ProgressBar progress(steps);
  const auto start = std::chrono::steady_clock::now();
  for (long long i = 0; i < steps && !trainer.diverged(); ++i) {
    trainer.iterate();
    if (options.withRewind) checkpoints.observe(trainer);
    progress.update(i + 1);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.finish(trainer.step() - first);
  setComputeThreads(1);
  const std::string name = config.name.empty() ? std::string("run") : config.name;
  out << name << ": " << trainer.step() - first << " iterations in " << number(seconds, "%.2f") << " s ("
      << number(seconds > 0 ? static_cast<double>(trainer.step() - first) / seconds : 0.0, "%.0f") << " it/s)"
      << (first > 0 ? " from step " + std::to_string(first) : std::string()) << "\n";
  out << trainerNoteLine(trainer.trainerNote());
  Session run;
  run.state = trainer.saveState();
  if (options.withRewind) {
    for (const auto& checkpoint : checkpoints.checkpoints()) run.checkpoints.push_back(*checkpoint);
  }
  run.viewState = session ? session->viewState : std::string();
  return finishHeadlessOutputs(
      run, {options.metricsOut, options.saveSession, options.exportPytorch, options.withRewind}, out, err);
}

int finishHeadlessOutputs(const Session& run, const HeadlessOutputs& outputs, std::ostream& out, std::ostream& err,
                          MetricsRow* closingRow) {
  const std::string& metricsOut = outputs.metricsOut;
  if (!outputs.saveSession.empty()) {
    try {
      if (outputs.withRewind) {
        ganscope::saveSession(outputs.saveSession, run);
      } else {
        Session small = run;
        small.checkpoints.clear();
        ganscope::saveSession(outputs.saveSession, small);
      }
    } catch (const std::exception& e) {
      err << "ganscope: " << e.what() << "\n";
      return kExitBadInput;
    }
  }
  // A diverged run has nothing PyTorch could continue: its exit (3) and message come below.
  if (!outputs.exportPytorch.empty() && run.state.divergence.empty()) {
    try {
      exportPytorchScript(run.state, outputs.exportPytorch);
      err << "ganscope: wrote " << outputs.exportPytorch << " (python3 " << outputs.exportPytorch
          << " --steps N continues the run in PyTorch)\n";
    } catch (const std::exception& e) {
      err << "ganscope: " << e.what() << "\n";
      return kExitBadInput;
    }
  }
  // The closing metrics row (at the last step, when it is not a multiple of metrics_every) is for this run's CSV
  // and summary only.
  Trainer trainer(run.state.config);
  trainer.restoreState(run.state);
  if (!trainer.diverged() && trainer.history().back().step != trainer.step()) trainer.recordMetrics();
  const Config& config = trainer.config();
  const bool dirac = config.data.kind == DataKind::Dirac;
  // The monitor reads the history as the window's banner did, row by row.
  CollapseMonitor monitor;
  std::vector<std::string> conditions;
  for (const TrainingCondition c : monitor.replay(trainer.history(), config))
    conditions.emplace_back(conditionName(c));
  if (!metricsOut.empty()) {
    try {
      writeFileAtomically(
          metricsOut, metricsCsv(trainer.history(), dirac, config.timeline, config.conditional, conditions));
    } catch (const std::exception& e) {
      err << "ganscope: " << e.what() << "\n";
      return kExitBadInput;
    }
  }
  if (trainer.diverged()) {
    out << monitorVerdictLine(monitor.report());
    err << "ganscope: " << trainer.divergence() << "\n";
    return kExitDiverged;
  }
  out << formatMetricsSummary(trainer.history().back(), trainer);
  out << monitorVerdictLine(monitor.report());
  if (closingRow != nullptr) *closingRow = trainer.history().back();
  return kExitOk;
}

}  // namespace ganscope
