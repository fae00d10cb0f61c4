#include "app/cli/cli_options.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <ostream>

#include "app/presets/preset_library.h"
#include "app/ui/concept_cards.h"
#include "app/views/field_path.h"
#include "app/window/frame_watchdog.h"
#include "app/window/imgui_style.h"
#include "core/gan/config_json.h"

namespace ganscope {

std::optional<CliOptions> parseCommandLine(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
                                           int& exitCode) {
  CliOptions options;
  CLI::App app{"ganscope: watch a GAN learn a 1D or 2D toy distribution, live.", "ganscope"};
  app.add_flag("--headless", options.headless, "Train without a window, print progress and the final metrics");
  app.add_option("--preset", options.preset, "A preset name from assets/presets (default ring8) or a .json file");
  app.add_option("--set", options.settings,
                 "Change one config key: key=value with a JSON value (optimizer.d.lr=1e-4, "
                 "generator.hidden=[64,64]); a bare word is a string (loss=hinge). Repeatable")
      ->take_all();
  app.add_option("--compare", options.compare,
                 "Train a second run B beside run A: A's config with these key=value settings changed "
                 "(--compare pack=4). Headless: both results, and --metrics-out F.csv writes F-A.csv and F-B.csv")
      ->take_all();
  app.add_option("--compare-preset", options.comparePreset,
                 "Train a second run B beside run A: this preset, with run A's seed (and --compare's settings on "
                 "top)");
  app.add_option("--steps", options.steps, "Iterations to train: headless, then exit (default: the preset's demo_steps); with the window, then pause")
      ->check(CLI::Range(0LL, 1'000'000'000'000LL));
  app.add_option("--metrics-out", options.metricsOut, "Headless: write the metrics history to this CSV file");
  app.add_option("--save-config", options.saveConfig, "Write the config that was run to this JSON file");
  app.add_flag("--list-presets", options.listPresets, "List the presets with their descriptions and exit");
  app.add_flag("--print-config", options.printConfig, "Print the resolved config as JSON and exit");
  app.add_option("--frames", options.frames, "Window: quit after this many frames (and the --steps iterations, if given) and print a summary line")
      ->check(CLI::Range(1, 100'000'000));
  app.add_option("--screenshot", options.screenshot, "Window: save the last frame to this PNG file");
  app.add_option("--window", options.window, "Window: size as WIDTHxHEIGHT (default 1280x800)");
  app.add_flag(
      "--offscreen", options.offscreen,
      "Window: draw the frames into an offscreen framebuffer through EGL, with no display or X server "
      "(a GPU's EGL device, or Mesa's software renderer); needs --frames");
  app.add_option("--field", options.field,
                 "Window: where D's surface is computed: auto (GPU per pixel on a hardware renderer unless its "
                 "first pictures take over 3 ms, CPU on a software one), gpu or cpu (default auto)")
      ->check(CLI::Validator(
          [](std::string& value) {
            return parseFieldChoice(value) ? std::string() : "'" + value + "' is not one of auto, gpu, cpu";
          },
          "auto|gpu|cpu"));
  app.add_option("--threads", options.threads,
                 "Headless: 2 lets layers of 128 units and more use a second core (default 1; the window keeps one "
                 "trainer thread, leaving the other core to drawing)")
      ->check(CLI::Range(1, 2));
  app.add_option("--frame-watchdog", options.frameWatchdog,
                 "Window: when one frame takes longer than this many milliseconds (a hung GUI thread), say so on "
                 "stderr and exit 1 (default 0: off; up to 600000)")
      ->check(CLI::Range(0, FrameWatchdog::kMaxLimitMs));
  app.add_option("--record", options.record,
                 "Record the run: FILE.mp4 (H.264), FILE.gif (a palette made for the clip) or DIR/ (a numbered PNG "
                 "sequence); with the window or with --headless (no display needed). MP4 and GIF need ffmpeg");
  app.add_option("--record-every", options.recordEvery,
                 "One frame every K iterations, on the training clock: the same preset and seed give the same video "
                 "on any machine (default: headless, a frame every steps/300 iterations, at least 1; the window "
                 "records on the wall clock at --fps)")
      ->check(CLI::Range(1LL, 1'000'000'000LL));
  app.add_option("--record-view", options.recordView, "What is recorded: window (all of it) or view (the view alone)")
      ->check(CLI::IsMember({"window", "view"}));
  app.add_option("--fps", options.fps, "The recording's playback rate in frames per second (default 30)")
      ->check(CLI::Range(1, 120));
  app.add_option(
      "--save-session", options.saveSession,
      "Headless: save the run (config, weights, optimizers, RNG, metrics history) to this session file "
      "at the end; it continues bit for bit (with --with-rewind, the rewind checkpoints too)");
  app.add_flag(
      "--with-rewind", options.withRewind,
      "With --save-session: also save the rewind checkpoints, so the window can scrub back through the "
      "whole run (a file many times larger)");
  app.add_option("--export-pytorch", options.exportPytorch,
                 "Write the run as one standalone PyTorch script (torch and numpy) that rebuilds it from its current "
                 "weights and trains on: with --headless after the --steps iterations (--steps 0: the initial "
                 "weights), otherwise at once and exit (with --load-session, the session's weights)");
  app.add_option("--load-session", options.loadSession,
                 "Continue a saved session: headless for --steps more iterations, or open the window on it "
                 "(paused); the config comes from the session, so --preset and --set are refused with it");
  app.add_flag("--lecture", options.lecture,
               "Window: open in the lecture layout (the view first, large text, a handful of controls, three "
               "charts); L switches it in the window");
  app.add_option("--theme", options.theme, "Window: the panels' colours, dark or light (for projectors); T switches")
      ->check(CLI::IsMember({"dark", "light"}));
  app.add_option("--ui-scale", options.uiScale,
                 "Window: the size of text and controls, 0.75 to 4 (default: from the window's height and the "
                 "monitor's content scale; the lecture layout adds a quarter)")
      ->check(CLI::Range(static_cast<double>(kMinUiScale), static_cast<double>(kMaxUiScale)));
  app.add_option("--show", options.show,
                 "Window: open with this shown: help (the keyboard shortcuts), graph (the model graph) or "
                 "concept:NAME (a concept card: " + conceptNames() + ")")
      ->check(CLI::Validator(
          [](std::string& value) {
            if (value == "help" || value == "graph") return std::string();
            if (value.rfind("concept:", 0) == 0 && parseConcept(value.substr(8))) return std::string();
            return "'" + value + "' is not help, graph or concept:NAME with NAME one of " + conceptNames();
          },
          "help|graph|concept:NAME"));
  app.add_option("--slow-motion", options.slowMotion,
                 "Window: after --steps, show the next iteration in slow motion at this phase: 1 the batch, 2 G's "
                 "samples, 3 D's scores, 4 D's update, 5 G's update (PageDown and PageUp move on)")
      ->check(CLI::Range(1, 5));
  try {
    std::vector<std::string> args;
    for (int i = argc - 1; i >= 1; --i) args.emplace_back(argv[i]);  // CLI11 takes them reversed
    app.parse(args);
    for (const CLI::Option* option : app.get_options()) {
      if (option->count() == 0 || option->get_lnames().empty()) continue;
      const std::string flag = "--" + option->get_lnames()[0];
      options.given.push_back(flag);
      // An empty value is a mistake (an unset shell variable, say), never "not given".
      for (const std::string& value : option->results()) {
        if (value.empty() && option->get_expected_min() > 0)
          throw CLI::ValidationError(flag, "an empty value; give one, or leave out " + flag);
      }
    }
    if (!std::isfinite(options.uiScale))
      throw CLI::ValidationError("--ui-scale", "must be a number from 0.75 to 4");
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    exitCode = kExitOk;
    return std::nullopt;
  } catch (const CLI::ParseError& e) {
    err << "ganscope: " << e.what() << " (see --help)\n";
    exitCode = kExitBadInput;
    return std::nullopt;
  }
  exitCode = kExitOk;
  return options;
}

Config resolveConfig(const CliOptions& options) {
  const Config preset = loadPreset(options.preset.empty() ? kDefaultPreset : options.preset);
  Config config = preset;
  for (const std::string& setting : options.settings) applySetting(config, setting);
  const auto problems = validate(config);
  if (!problems.empty()) throw ConfigError(problems.front());
  if (!(config == preset)) markChanged(config, preset.name, options.settings);
  return config;
}

void markChanged(Config& config, const std::string& presetName, const std::vector<std::string>& settings) {
  std::string changes;
  for (const std::string& setting : settings) changes += (changes.empty() ? "" : ", ") + setting;
  config.name = (presetName.empty() ? std::string("config") : presetName) + "-changed";
  config.description = "Preset " + (presetName.empty() ? std::string("(unnamed)") : presetName) +
                       " changed by --set " + changes +
                       (config.description.empty() ? std::string() : ". " + config.description);
  if (config.description.size() > kMaxTextLength) config.description.resize(kMaxTextLength);
  if (config.name.size() > kMaxTextLength) config.name.resize(kMaxTextLength);
}

Comparison resolveComparison(const CliOptions& options, const Config& runA) {
  std::optional<Config> preset;
  if (!options.comparePreset.empty()) {
    try {
      preset = loadPreset(options.comparePreset);
    } catch (const ConfigError& e) {
      throw ConfigError(std::string("--compare-preset: ") + e.what());
    }
  }
  return makeComparison(runA, preset ? &*preset : nullptr, options.comparePreset, options.compare);
}

}  // namespace ganscope
