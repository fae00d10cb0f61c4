#include "app/cli/run_program.h"

#include <cstdio>
#include <ostream>

#include "app/cli/cli_options.h"
#include "app/cli/flag_rules.h"
#include "app/cli/headless_compare.h"
#include "app/cli/headless_run.h"
#include "app/cli/output_plan.h"
#include "app/presets/preset_library.h"
#include "app/record/record_error.h"
#include "app/record/record_target.h"
#include "app/views/field_path.h"
#include "app/window/visualizer.h"
#include "core/export/pytorch_export.h"
#include "core/gan/config_json.h"
#include "core/util/atomic_file.h"

namespace ganscope {
namespace {

// Applies --set to a loaded session as the window applies a live change: the run goes on with the new
// settings (a new pack size gives D new weights, as in the window). A setting that would start the run again
// (a new architecture, latent size, data dimension or seed) is refused by name: that is a new run, not this
// one continued.
void continueWithSettings(Session& session, const std::vector<std::string>& settings) {
  if (settings.empty()) return;
  const Config& before = session.state.config;
  Config after = before;
  for (const std::string& setting : settings) {
    Config alone = before;
    applySetting(alone, setting);
    if (needsRebuild(before, alone)) {
      throw ConfigError(
          "--set " + setting +
          " with --load-session would start the run again (it changes the "
          "networks' shape, the latent space, the data dimension or the seed); continue with "
          "settings the running networks survive (learning rates, loss, penalties, pack, ...), or "
          "start a new run with --preset");
    }
    applySetting(after, setting);
  }
  const auto problems = validate(after);
  if (!problems.empty()) throw ConfigError(problems.front());
  if (needsRebuild(before, after))
    throw ConfigError("--set with --load-session: together they would start the run again");
  Trainer trainer(before);
  trainer.restoreState(session.state);
  trainer.setConfig(after);
  session.state = trainer.saveState();
}

}  // namespace

int runProgram(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  int exitCode = kExitOk;
  const auto options = parseCommandLine(argc, argv, out, err, exitCode);
  if (!options) return exitCode;
  if (const std::string refusal = inapplicableFlag(*options); !refusal.empty()) {
    err << "ganscope: " << refusal << "\n";
    return kExitBadInput;
  }
  try {
    if (options->listPresets) {
      for (const auto& preset : listPresets()) {
        char line[256];
        std::snprintf(line, sizeof line, "%-22s %7d  ", preset.name.c_str(), preset.demoSteps);
        out << line << preset.description << "\n";
      }
      return kExitOk;
    }
    // A saved session brings its own config.
    std::optional<Session> session;
    if (!options->loadSession.empty()) {
      if (!options->preset.empty()) {
        err << "ganscope: --load-session takes its config from the session; leave out --preset (--set may "
               "change "
               "what the running networks survive)\n";
        return kExitBadInput;
      }
      try {
        session = loadSession(options->loadSession);
      } catch (const SessionError& e) {
        err << "ganscope: " << e.what() << "\n";
        return kExitBadInput;
      }
      continueWithSettings(*session, options->settings);
    }
    const Config config = session ? session->state.config : resolveConfig(*options);
    if (const std::string problem = outputPlanProblem(*options, config); !problem.empty()) {
      err << "ganscope: " << problem << "\n";
      return kExitBadInput;
    }
    if (options->printConfig) {
      out << configJsonText(config);
      return kExitOk;
    }
    // Run B of a comparison, checked before anything trains.
    std::optional<Comparison> comparison;
    if (options->comparing()) {
      if (session) {
        err << "ganscope: --compare starts both runs from step 0; leave out --load-session\n";
        return kExitBadInput;
      }
      if (!options->exportPytorch.empty() && !options->headless) {
        err << "ganscope: --export-pytorch with --compare writes each run's script after training: add --headless\n";
        return kExitBadInput;
      }
      comparison = resolveComparison(*options, config);
    }
    if (!options->exportPytorch.empty()) {
      // Refused before any training, so a long run never fails only at its end.
      try {
        checkExportable(config);
        if (!options->headless) {
          if (!options->record.empty()) {
            err << "ganscope: --export-pytorch without --headless writes the script and exits; record with "
                   "--headless --record, or in the window\n";
            return kExitBadInput;
          }
          const TrainerState state = session ? session->state : Trainer(config).saveState(false);
          exportPytorchScript(state, options->exportPytorch);
          err << "ganscope: wrote " << options->exportPytorch << " at iteration " << state.step << " (python3 "
              << options->exportPytorch << " --steps N continues the run in PyTorch)\n";
          return kExitOk;
        }
      } catch (const std::exception& e) {
        err << "ganscope: " << e.what() << "\n";
        return kExitBadInput;
      }
    }
    if (options->record.empty() && options->recordEvery > 0) {
      err << "ganscope: --record-every needs --record FILE.mp4|FILE.gif|DIR/\n";
      return kExitBadInput;
    }
    // What --record asks for; headless, a frame every K iterations up to the run's last.
    std::optional<RecordingOptions> recording;
    if (!options->record.empty()) {
      RecordingOptions r;
      try {
        r.target = parseRecordTarget(options->record);
      } catch (const RecordError& e) {
        err << "ganscope: " << e.what() << "\n";
        return kExitBadInput;
      }
      r.fps = options->fps;
      r.viewOnly = options->recordView == "view";
      const long long start = session ? session->state.step : 0;
      if (options->headless) {
        const long long steps = runLength(config, *options);
        r.every = options->recordEvery > 0 ? options->recordEvery : std::max(1LL, steps / 300);
        r.stopAt = start + steps / r.every * r.every;
      } else {
        r.every = options->recordEvery;
        r.stopAt = r.every > 0 && options->steps >= 0 ? start + options->steps / r.every * r.every : -1;
      }
      recording = r;
    }
    if (options->headless && !recording && comparison) {
      return runHeadlessComparison(config, *comparison, *options, out, err);
    }
    if (options->headless && !recording) return runHeadless(config, session ? &*session : nullptr, *options, out, err);
    VisualizerOptions window;
    window.session = session ? &*session : nullptr;
    window.comparison = comparison;
    window.recording = recording;
    // The files written at the end (as a headless recording ends, or as the window closes) are checked now,
    // so a long session is not lost to a bad path at its end; the config is written now.
    try {
      for (const std::string* path : {&options->metricsOut, &options->saveSession, &options->exportPytorch}) {
        if (!path->empty()) checkWritable(*path);
      }
      if (!options->saveConfig.empty()) writeFileAtomically(options->saveConfig, configJsonText(config));
    } catch (const std::exception& e) {
      err << "ganscope: " << e.what() << "\n";
      return kExitBadInput;
    }
    if (options->headless) {
      // Headless recording: the window's frames drawn offscreen (EGL, no display), as fast as they come.
      window.headlessRecording = true;
      window.exportPytorch = options->exportPytorch;
    }
    window.metricsOut = options->metricsOut;
    window.saveSession = options->saveSession;
    window.withRewind = options->withRewind;
    if (!parseWindowSize(options->window, window.width, window.height)) {
      err << "ganscope: --window '" << options->window << "': expected WIDTHxHEIGHT, each from 320x240 to 8192\n";
      return kExitBadInput;
    }
    if (options->offscreen && options->frames < 0 && !options->headless) {
      err << "ganscope: --offscreen needs --frames N: an offscreen window cannot be closed\n";
      return kExitBadInput;
    }
    window.offscreen = options->offscreen || options->headless;
    window.field = parseFieldChoice(options->field).value_or(FieldChoice::Auto);  // checked by the parser
    window.frames = options->frames;
    window.frameWatchdogMs = options->frameWatchdog;
    window.pauseAfter = options->steps;
    window.screenshot = options->screenshot;
    window.lecture = options->lecture;
    window.theme = parseTheme(options->theme).value_or(Theme::Dark);  // checked by the parser
    window.uiScale = static_cast<float>(options->uiScale);
    window.showHelp = options->show == "help";
    window.showGraph = options->show == "graph";
    if (options->show.rfind("concept:", 0) == 0) window.showConcept = parseConcept(options->show.substr(8));
    window.slowMotionPhase = options->slowMotion;
    window.presetName = session ? config.name : options->preset.empty() ? kDefaultPreset : options->preset;
    if (!window.screenshot.empty()) {
      try {
        checkWritable(window.screenshot);
      } catch (const std::exception& e) {
        err << "ganscope: " << e.what() << "\n";
        return kExitBadInput;
      }
    }
    return runVisualizer(config, window, out, err);
  } catch (const RecordError& e) {
    err << "ganscope: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const ConfigError& e) {
    err << "ganscope: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    // Nothing reaches std::terminate: what no part of the program expected still ends in one line.
    err << "ganscope: stopped by an unexpected error: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace ganscope
