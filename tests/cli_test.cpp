// Tests of the command line (app/cli): the real program run as a subprocess for headless training, its
// metrics CSV and saved config, exit codes and one-line messages for bad input, atomic outputs,
// --print-config, --list-presets and determinism; runProgram in-process where that is simpler.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli/cli_options.h"
#include "app/cli/run_program.h"
#include "core/gan/config_json.h"
#include "core/gan/metrics_row.h"
#include "core/runtime/session.h"
#include "tests/subprocess.h"

using namespace ganscope;
using namespace ganscope::testing;
namespace fs = std::filesystem;

namespace {

/// The CSV header documented in core/gan/metrics_row.h, written out by hand.
constexpr std::string_view kDocumentedHeader =
    "step,loss_d,loss_g,d_real,d_fake,grad_norm_d,grad_norm_g,modes,hq,mode_kl,js,w1,penalty,modes_total,"
    "modes_held,in_basin,off_data";

/// Writes `content` to `path`.
void writeFile(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

/// Runs the real ganscope with `args` in `folder.work()`, capturing stdout and stderr. `offscreenWindow`: the
/// window is drawn offscreen with no display, and the sanitizer's leak check is off for it (Mesa keeps
/// allocations until exit by design, as in the window's smoke test).
RunResult runGanscope(const TempFolder& folder, const std::vector<std::string>& args,
                      bool offscreenWindow = false) {
  std::string command("cd ");
  command.append(shellQuoted(folder.work().string())).append(" && env -u GANSCOPE_ASSETS ");
  if (offscreenWindow) command.append("-u DISPLAY -u WAYLAND_DISPLAY ASAN_OPTIONS=detect_leaks=0 ");
  command.append(shellQuoted(GANSCOPE_EXE));
  for (const std::string& arg : args) command.append(" ").append(shellQuoted(arg));
  return runCommand(command, folder);
}

/// Runs runProgram in-process with `args` (the program name is added).
RunResult runInProcess(std::initializer_list<const char*> args) {
  std::vector<const char*> argv = {"ganscope"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::ostringstream out, err;
  RunResult result;
  result.code = runProgram(static_cast<int>(argv.size()), argv.data(), out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

/// The lines of `text`, without their newlines.
std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// The comma-separated cells of a CSV line, empty cells kept.
std::vector<std::string> cellsOf(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    cells.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) return cells;
    start = comma + 1;
  }
}

/// The index of `column` in a CSV header line.
std::size_t columnOf(const std::string& header, const std::string& column) {
  const auto cells = cellsOf(header);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i] == column) return i;
  }
  FAIL("no column " << column << " in " << header);
  return 0;
}

/// The values of the `step` column of a metrics CSV.
std::vector<long long> stepsOf(const std::vector<std::string>& csvLines) {
  std::vector<long long> steps;
  for (std::size_t i = 1; i < csvLines.size(); ++i) steps.push_back(std::stoll(cellsOf(csvLines[i]).at(0)));
  return steps;
}

/// The names of the entries of a folder, sorted.
std::vector<std::string> entriesOf(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    names.push_back(fs::relative(entry.path(), folder).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// Whether `text` contains `part`.
bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

/// Whether `text` is exactly one line, ending in a newline.
bool isOneLine(const std::string& text) {
  return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

/// Runs ganscope with `args` and checks the refusal: exit 2, one line on stderr naming each of `mentions`,
/// nothing on stdout.
void checkRefused(const TempFolder& folder, const std::vector<std::string>& args,
                  const std::vector<std::string>& mentions) {
  std::string shown;
  for (const auto& a : args) shown += a + " ";
  CAPTURE(shown);
  const RunResult run = runGanscope(folder, args);
  CAPTURE(run.err);
  CHECK(run.code == kExitBadInput);
  CHECK(isOneLine(run.err));
  for (const std::string& part : mentions) CHECK(has(run.err, part));
  CHECK(run.out.empty());
}

}  // namespace

// A headless run writes the documented CSV header, a row every metrics_every steps plus step 0, and its
// config.
TEST_CASE("cli: headless run writes the metrics CSV and the config it ran") {
  TempFolder folder;
  const RunResult run = runGanscope(
      folder, {"--headless", "--steps", "200", "--metrics-out", "metrics.csv", "--save-config", "run.json"});
  CAPTURE(run.err);
  REQUIRE(run.code == kExitOk);
  CHECK(has(run.out, "step 200"));  // the final metrics are printed
  CHECK(has(run.out, "JS "));

  const auto lines = linesOf(readFile(folder.work() / "metrics.csv"));
  REQUIRE(lines.size() >= 2);
  CHECK(lines[0] == std::string(kDocumentedHeader) + ",condition");
  CHECK(lines[0] == metricsCsvHeader(false) + ",condition");
  CHECK(stepsOf(lines) == std::vector<long long>{0, 100, 200});
  const std::size_t columns = cellsOf(lines[0]).size();
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CAPTURE(lines[i]);
    const auto cells = cellsOf(lines[i]);
    CHECK(cells.size() == columns);
    if (i > 1) {  // after training, the losses and the ring's mode metrics are measured
      CHECK_FALSE(cells[columnOf(lines[0], "loss_d")].empty());
      CHECK_FALSE(cells[columnOf(lines[0], "grad_norm_g")].empty());
      CHECK_FALSE(cells[columnOf(lines[0], "modes")].empty());
    }
    CHECK(cells[columnOf(lines[0], "modes_total")] == "8");
    CHECK_FALSE(cells[columnOf(lines[0], "js")].empty());
  }
  CHECK(lines.back().rfind("200,", 0) == 0);

  // The saved config reads back as the config the command line resolves to.
  const Config saved = loadConfigFile(folder.work() / "run.json");
  CHECK(saved == resolveConfig(CliOptions{}));
  // The outputs and nothing else (no temporary files) are left in the working folder.
  CHECK(entriesOf(folder.work()) == std::vector<std::string>{"metrics.csv", "run.json"});
}

// A run whose length is not a multiple of metrics_every still ends with a row for its last step.
TEST_CASE("cli: the last CSV row is the last step") {
  TempFolder folder;
  const RunResult run = runGanscope(
      folder, {"--headless", "--steps", "120", "--set", "metrics_every=50", "--metrics-out", "metrics.csv"});
  CAPTURE(run.err);
  REQUIRE(run.code == kExitOk);
  CHECK(stepsOf(linesOf(readFile(folder.work() / "metrics.csv"))) == std::vector<long long>{0, 50, 100, 120});
}

// A Dirac-GAN run adds filled theta and psi columns, starting from dirac.theta and dirac.psi.
TEST_CASE("cli: a dirac run writes theta and psi columns") {
  TempFolder folder;
  const RunResult run =
      runGanscope(folder, {"--headless", "--steps", "20", "--set", "data.kind=dirac", "--set",
                           "dirac.theta=0.5", "--set", "dirac.psi=-0.25", "--metrics-out", "d.csv"});
  CAPTURE(run.err);
  REQUIRE(run.code == kExitOk);
  const auto lines = linesOf(readFile(folder.work() / "d.csv"));
  REQUIRE(lines.size() >= 2);
  CHECK(lines[0] == std::string(kDocumentedHeader) + ",theta,psi,condition");
  CHECK(stepsOf(lines) == std::vector<long long>{0, 20});
  const auto first = cellsOf(lines[1]);
  REQUIRE(first.size() == cellsOf(lines[0]).size());
  CHECK(first[columnOf(lines[0], "theta")] == "0.5");
  CHECK(first[columnOf(lines[0], "psi")] == "-0.25");
  const auto last = cellsOf(lines.back());
  REQUIRE(last.size() == first.size());
  CHECK_FALSE(last[columnOf(lines[0], "theta")].empty());
  CHECK_FALSE(last[columnOf(lines[0], "psi")].empty());
  CHECK(last[columnOf(lines[0], "theta")] != "0.5");  // it trained
}

// Two moons is not a mixture of Gaussians: its mode columns are empty while JS and W1 are measured.
TEST_CASE("cli: moons leaves the mode cells empty") {
  TempFolder folder;
  const RunResult run = runGanscope(
      folder, {"--headless", "--steps", "100", "--set", "data.kind=moons", "--metrics-out", "moons.csv"});
  CAPTURE(run.err);
  REQUIRE(run.code == kExitOk);
  const auto lines = linesOf(readFile(folder.work() / "moons.csv"));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == std::string(kDocumentedHeader) + ",condition");  // no theta column outside the Dirac-GAN
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CAPTURE(lines[i]);
    const auto cells = cellsOf(lines[i]);
    REQUIRE(cells.size() == cellsOf(lines[0]).size());
    for (const char* column : {"modes", "hq", "mode_kl", "modes_total"}) {
      CAPTURE(column);
      CHECK(cells[columnOf(lines[0], column)].empty());
    }
    CHECK_FALSE(cells[columnOf(lines[0], "js")].empty());
    CHECK_FALSE(cells[columnOf(lines[0], "w1")].empty());
  }
}

// Each kind of bad input exits 2 with one line on stderr that names the problem, before any output is
// written.
TEST_CASE("cli: bad input exits 2 with one line on stderr") {
  TempFolder folder;
  // Line 3 is `  "loss": hinge`; its 'h' is column 11.
  writeFile(folder.work() / "bad.json", "{\n  \"batch\": 256,\n  \"loss\": hinge\n}\n");
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> mentions;
  };
  const Case cases[] = {
      {{"--set", "optimizer.g.lrr=1"}, {"optimizer.g.lrr", "beta1"}},
      {{"--set", "batch=abc"}, {"batch"}},
      {{"--set", "batch=0"}, {"batch"}},
      {{"--set", "loss=hinje"}, {"loss", "wgan-gp"}},
      {{"--set", "trainer=tpu"}, {"trainer", "tpu", "cpu", "gpu", "auto"}},
      {{"--set", "generator.hidden"}, {"generator.hidden"}},
      {{"--preset", "no-such-preset"}, {"no-such-preset", "ring8"}},
      {{"--preset", "bad.json"}, {"bad.json:3:11"}},
      {{"--preset", "missing.json"}, {"missing.json"}},
      {{"--bogus"}, {"--bogus"}},
      {{"--steps", "ten"}, {"--steps"}},
      {{"--field", "fast"}, {"--field", "fast", "auto", "gpu", "cpu"}},
      {{"--theme", "purple"}, {"--theme", "purple", "dark", "light"}},
      {{"--ui-scale", "9"}, {"--ui-scale", "9"}},
      {{"--ui-scale", "big"}, {"--ui-scale", "big"}},
      {{"--show", "everything"}, {"--show", "everything", "help", "graph", "concept:NAME", "minimax"}},
      {{"--show", "concept:nothing"}, {"--show", "concept:nothing", "mode-collapse"}},
      {{"--slow-motion", "6"}, {"--slow-motion", "6"}},
      {{"--compare", "pack=1"}, {"--compare", "the same run as run A"}},
      {{"--compare", "pakc=4"}, {"--compare", "pakc"}},
      {{"--compare", "pack=0"}, {"--compare", "run B", "pack"}},
      {{"--compare-preset", "no-such-preset"}, {"--compare-preset", "no-such-preset"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"--headless", "--metrics-out", "m.csv"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    checkRefused(folder, args, c.mentions);
    CHECK(entriesOf(folder.work()) == std::vector<std::string>{"bad.json"});  // no m.csv, no temporary file
  }
}

// An output that cannot be written fails before training (exit 2, nothing on stdout) and leaves no file
// behind.
TEST_CASE("cli: an unwritable output fails before training and leaves nothing") {
  TempFolder folder;
  SUBCASE("--metrics-out into a missing folder") {
    const RunResult run = runGanscope(folder, {"--headless", "--steps", "200", "--metrics-out",
                                               "missing/m.csv", "--save-config", "c.json"});
    CHECK(run.code == kExitBadInput);
    CHECK(isOneLine(run.err));
    CHECK(has(run.err, "missing/m.csv"));
    CHECK(run.out.empty());  // no "N iterations" line: it did not train
    CHECK_FALSE(fs::exists(folder.work() / "missing"));
  }
  SUBCASE("--metrics-out onto a folder") {
    fs::create_directory(folder.work() / "adir");
    const RunResult run = runGanscope(folder, {"--headless", "--steps", "200", "--metrics-out", "adir"});
    CHECK(run.code == kExitBadInput);
    CHECK(isOneLine(run.err));
    CHECK(run.out.empty());
    CHECK(fs::is_directory(folder.work() / "adir"));
    CHECK(fs::is_empty(folder.work() / "adir"));
  }
  SUBCASE("--save-config into a missing folder") {
    const RunResult run = runGanscope(
        folder, {"--headless", "--steps", "200", "--metrics-out", "m.csv", "--save-config", "no/c.json"});
    CHECK(run.code == kExitBadInput);
    CHECK(isOneLine(run.err));
    CHECK(has(run.err, "no/c.json"));
    CHECK(run.out.empty());
  }
  // Nothing was left: no output, no ".tmp-" file, in the working folder or beside it.
  for (const auto& name : entriesOf(folder.work())) {
    CAPTURE(name);
    CHECK(name == "adir");
  }
  for (const auto& name : entriesOf(folder.root())) CHECK_FALSE(has(name, ".tmp-"));
}

/// The lines of `text` that start with `prefix`.
std::vector<std::string> linesStartingWith(const std::string& text, std::string_view prefix) {
  std::vector<std::string> found;
  for (const std::string& line : linesOf(text))
    if (line.starts_with(prefix)) found.push_back(line);
  return found;
}

// Where the iterations ran is one "trainer: " line under the timing line: none for trainer=cpu (the summary is as it
// was), and for trainer=gpu with a setting the GPU trainer lacks, that the CPU trained and which setting made it.
// (Whether a supported config trains on the GPU depends on the machine's OpenGL: not asserted here.)
TEST_CASE("cli: the summary says where the iterations ran") {
  TempFolder folder;
  const RunResult cpu = runGanscope(folder, {"--headless", "--steps", "50", "--set", "trainer=cpu"});
  CAPTURE(cpu.err);
  CHECK(cpu.code == kExitOk);
  CHECK(linesStartingWith(cpu.out, "trainer:").empty());
  struct Case {
    const char* setting;
    const char* named;
  };
  for (const Case c : {Case{"unroll=2", "unroll"}, Case{"spectral_norm=true", "spectral_norm"}}) {
    CAPTURE(c.setting);
    const RunResult gpu = runGanscope(folder, {"--headless", "--steps", "50", "--set", "trainer=gpu", "--set",
                                               c.setting});
    CAPTURE(gpu.out);
    CAPTURE(gpu.err);
    CHECK(gpu.code == kExitOk);
    const auto lines = linesStartingWith(gpu.out, "trainer:");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].starts_with("trainer: training on the CPU: "));
    CHECK(has(lines[0], c.named));
    CHECK(linesOf(gpu.out)[1] == lines[0]);  // right under "run: 50 iterations in ..."
  }
  // --compare: each run's own line, under its own timing line.
  const RunResult compared = runGanscope(
      folder, {"--headless", "--steps", "50", "--set", "spectral_norm=true", "--compare", "trainer=gpu"});
  CAPTURE(compared.err);
  CHECK(compared.code == kExitOk);
  const auto lines = linesOf(compared.out);
  const auto noted = linesStartingWith(compared.out, "trainer:");
  REQUIRE(noted.size() == 1);
  CHECK(has(noted[0], "spectral"));
  const auto at = std::find(lines.begin(), lines.end(), noted[0]);
  REQUIRE(at != lines.begin());
  CHECK((at - 1)->starts_with("run B (trainer=gpu): 50 iterations"));
}

// A run set up to blow up (SGD at lr 10 on WGAN-GP with λ 1000) stops with exit 3 and a message saying it
// diverged.
TEST_CASE("cli: a diverging run exits 3") {
  TempFolder folder;
  const RunResult run =
      runGanscope(folder, {"--headless", "--steps", "2000", "--set", "optimizer.d.lr=10", "--set",
                           "optimizer.g.lr=10", "--set", "optimizer.d.kind=sgd", "--set",
                           "optimizer.g.kind=sgd", "--set", "loss=wgan-gp", "--set", "penalty.gp=1000"});
  CAPTURE(run.err);
  CHECK(run.code == kExitDiverged);
  CHECK(has(run.err, "diverged"));
  CHECK(isOneLine(run.err));
  CHECK_FALSE(has(run.out, "JS "));  // no final metrics of a broken run
}

// --print-config prints JSON that reads back as the resolved config, both from the program and in-process.
TEST_CASE("cli: --print-config prints the resolved config") {
  CliOptions options;
  options.settings = {"loss=hinge", "generator.hidden=[32,16]", "optimizer.d.lr=1e-4", "seed=5"};
  const Config expected = resolveConfig(options);
  CHECK(expected.loss == LossKind::Hinge);
  CHECK(expected.generator.hidden == std::vector<int>{32, 16});

  TempFolder folder;
  const RunResult run =
      runGanscope(folder, {"--print-config", "--set", "loss=hinge", "--set", "generator.hidden=[32,16]",
                           "--set", "optimizer.d.lr=1e-4", "--set", "seed=5"});
  CAPTURE(run.err);
  REQUIRE(run.code == kExitOk);
  CHECK(run.err.empty());
  CHECK(parseConfigText(run.out, "stdout") == expected);

  const RunResult inProcess =
      runInProcess({"--print-config", "--set", "loss=hinge", "--set", "generator.hidden=[32,16]", "--set",
                    "optimizer.d.lr=1e-4", "--set", "seed=5"});
  CHECK(inProcess.code == kExitOk);
  CHECK(inProcess.out == run.out);

  const RunResult bad = runInProcess({"--print-config", "--set", "nokey=1"});
  CHECK(bad.code == kExitBadInput);
  CHECK(isOneLine(bad.err));
  CHECK(has(bad.err, "nokey"));
  CHECK(bad.out.empty());
}

// --list-presets prints one line per preset file, ring8 among them, and exits 0.
TEST_CASE("cli: --list-presets lists every preset") {
  TempFolder folder;
  const RunResult run = runGanscope(folder, {"--list-presets"});
  CAPTURE(run.err);
  REQUIRE(run.code == kExitOk);
  const auto lines = linesOf(run.out);
  const auto listed = [&](const std::string& name) {
    for (const auto& line : lines) {
      if (line.rfind(name + " ", 0) == 0) return true;
    }
    return false;
  };
  CHECK(listed("ring8"));
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(GANSCOPE_SOURCE_DIR) / "assets" / "presets")) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    CAPTURE(entry.path().string());
    CHECK(listed(entry.path().stem().string()));
  }
  CHECK(lines.size() == files);
}

// The same seed gives a byte-identical CSV; another seed gives a different one.
TEST_CASE("cli: runs are deterministic in the seed") {
  TempFolder folder;
  for (const char* file : {"a.csv", "b.csv"}) {
    const RunResult run =
        runGanscope(folder, {"--headless", "--steps", "200", "--set", "seed=7", "--metrics-out", file});
    REQUIRE(run.code == kExitOk);
  }
  const RunResult other =
      runGanscope(folder, {"--headless", "--steps", "200", "--set", "seed=8", "--metrics-out", "c.csv"});
  REQUIRE(other.code == kExitOk);
  const std::string a = readFile(folder.work() / "a.csv"), b = readFile(folder.work() / "b.csv"),
                    c = readFile(folder.work() / "c.csv");
  REQUIRE(linesOf(a).size() == 4);
  CHECK(a == b);
  CHECK(a != c);
  CHECK(linesOf(a)[0] == linesOf(c)[0]);  // same header, different numbers
}

TEST_CASE("cli: --compare trains both runs, and each run's CSV is byte for byte that run trained alone") {
  TempFolder folder;
  const RunResult compared = runGanscope(folder, {"--headless", "--preset", "ring8-collapse", "--compare", "pack=4",
                                                  "--steps", "300", "--metrics-out", "m.csv"});
  CAPTURE(compared.err);
  REQUIRE(compared.code == kExitOk);
  CHECK(has(compared.out, "run A (ring8-collapse): 300 iterations"));
  CHECK(has(compared.out, "run B (pack=4): 300 iterations"));
  CHECK(has(compared.out, "compare at step 300: A modes "));
  CHECK(has(compared.err, "m-A.csv (run A) and m-B.csv (run B)"));
  CHECK_FALSE(fs::exists(folder.work() / "m.csv"));
  REQUIRE(runGanscope(folder, {"--headless", "--preset", "ring8-collapse", "--steps", "300", "--metrics-out",
                               "a.csv"}).code == kExitOk);
  REQUIRE(runGanscope(folder, {"--headless", "--preset", "ring8-collapse", "--set", "pack=4", "--steps", "300",
                               "--metrics-out", "b.csv"}).code == kExitOk);
  CHECK(readFile(folder.work() / "m-A.csv") == readFile(folder.work() / "a.csv"));
  CHECK(readFile(folder.work() / "m-B.csv") == readFile(folder.work() / "b.csv"));
  CHECK(readFile(folder.work() / "m-A.csv") != readFile(folder.work() / "m-B.csv"));

  // A preset as run B runs on run A's seed: the same run as the preset with --set seed.
  REQUIRE(runGanscope(folder, {"--headless", "--preset", "ring8-collapse", "--set", "seed=4", "--compare-preset",
                               "ring8-pacgan", "--steps", "200", "--metrics-out", "p.csv"}).code == kExitOk);
  REQUIRE(runGanscope(folder, {"--headless", "--preset", "ring8-pacgan", "--set", "seed=4", "--steps", "200",
                               "--metrics-out", "q.csv"}).code == kExitOk);
  CHECK(readFile(folder.work() / "p-B.csv") == readFile(folder.work() / "q.csv"));
}

TEST_CASE("cli: --compare with a session, or exporting without --headless, is refused in one line") {
  TempFolder folder;
  REQUIRE(runGanscope(folder, {"--headless", "--steps", "20", "--save-session", "s.gansession"}).code == kExitOk);
  const RunResult withSession =
      runGanscope(folder, {"--headless", "--load-session", "s.gansession", "--compare", "pack=4"});
  CHECK(withSession.code == kExitBadInput);
  CHECK(isOneLine(withSession.err));
  CHECK(has(withSession.err, "--compare starts both runs from step 0"));
  const RunResult exported = runGanscope(folder, {"--compare", "pack=4", "--export-pytorch", "x.py"});
  CHECK(exported.code == kExitBadInput);
  CHECK(isOneLine(exported.err));
  CHECK(has(exported.err, "--headless"));
  CHECK_FALSE(fs::exists(folder.work() / "x.py"));
}

// [SECTION] Flags × modes: every flag works in the mode asked for or is refused naming itself and the mode.

TEST_CASE(
    "cli: a flag that does nothing in the mode asked for is refused in one line, before anything runs") {
  TempFolder folder;
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> mentions;
  };
  const Case cases[] = {
      // The window's flags with a headless run, which draws nothing.
      {{"--headless", "--screenshot", "a.png"}, {"--screenshot", "--headless"}},
      {{"--headless", "--window", "1024x768"}, {"--window", "--headless"}},
      {{"--headless", "--field", "cpu"}, {"--field"}},
      {{"--headless", "--frame-watchdog", "100"}, {"--frame-watchdog"}},
      {{"--headless", "--lecture"}, {"--lecture"}},
      {{"--headless", "--theme", "light"}, {"--theme"}},
      {{"--headless", "--ui-scale", "1.5"}, {"--ui-scale"}},
      {{"--headless", "--show", "help"}, {"--show"}},
      {{"--headless", "--slow-motion", "2"}, {"--slow-motion"}},
      {{"--headless", "--offscreen"}, {"--offscreen"}},
      {{"--headless", "--frames", "10"}, {"--frames", "window's frames"}},
      {{"--headless", "--record", "d/", "--frames", "10"}, {"--frames", "--headless --record"}},
      // The headless run's second thread in the window.
      {{"--threads", "2"}, {"--threads", "in the window"}},
      // Flags that need a companion.
      {{"--headless", "--with-rewind"}, {"--with-rewind", "--save-session"}},
      {{"--headless", "--fps", "60"}, {"--fps", "--record"}},
      {{"--headless", "--record-view", "view"}, {"--record-view", "--record"}},
      // Modes that write or print once and exit.
      {{"--export-pytorch", "x.py", "--steps", "100"}, {"--steps", "--export-pytorch", "--headless"}},
      {{"--print-config", "--steps", "100"}, {"--steps", "--print-config"}},
      {{"--list-presets", "--preset", "ring8"}, {"--preset", "--list-presets"}},
  };
  for (const Case& c : cases) {
    checkRefused(folder, c.args, c.mentions);
    CHECK(entriesOf(folder.work()).empty());
  }
}

TEST_CASE("cli: the flags that apply are taken, and the window writes its outputs") {
  TempFolder folder;
  CHECK(runGanscope(folder, {"--headless", "--steps", "20", "--threads", "2"}).code == kExitOk);
  const RunResult printed = runGanscope(folder, {"--print-config", "--set", "loss=hinge"});
  CHECK(printed.code == kExitOk);
  CHECK(has(printed.out, "\"hinge\""));
  // The window writes --save-config before it opens (it used to ignore it), and --metrics-out and
  // --save-session as it closes; here drawn offscreen, with no display.
  const RunResult window = runGanscope(folder,
                                       {"--offscreen", "--frames", "3", "--steps", "300", "--save-config",
                                        "w.json", "--metrics-out", "w.csv", "--save-session", "w.gansession"},
                                       /*offscreenWindow=*/true);
  CAPTURE(window.err);
  REQUIRE(window.code == kExitOk);
  const auto lines = linesOf(readFile(folder.work() / "w.csv"));
  REQUIRE(lines.size() >= 4);
  CHECK(stepsOf(lines).back() == 300);
  CHECK(loadSession(folder.work() / "w.gansession").state.step == 300);
  CHECK(parseConfigText(readFile(folder.work() / "w.json"), "w.json").name == "ring8");
}

TEST_CASE("cli: --save-config after --set says the config was changed from its preset") {
  TempFolder folder;
  REQUIRE(
      runGanscope(folder, {"--headless", "--steps", "10", "--set", "loss=hinge", "--save-config", "c.json"})
          .code == kExitOk);
  const Config changed = parseConfigText(readFile(folder.work() / "c.json"), "c.json");
  CHECK(changed.name == "ring8-changed");
  CHECK(has(changed.description, "loss=hinge"));
  CHECK(changed.loss == LossKind::Hinge);
  // A --set that changes nothing leaves the preset's name.
  REQUIRE(
      runGanscope(folder, {"--headless", "--steps", "10", "--set", "pack=1", "--save-config", "same.json"})
          .code == kExitOk);
  CHECK(parseConfigText(readFile(folder.work() / "same.json"), "same.json").name == "ring8");
}

// [SECTION] Continuing a session with new settings

TEST_CASE(
    "cli: --load-session takes --set for what the running networks survive, and refuses the rest by name") {
  TempFolder folder;
  REQUIRE(runGanscope(folder, {"--headless", "--preset", "ring8-collapse", "--steps", "300", "--save-session",
                               "s.gansession"})
              .code == kExitOk);
  const RunResult packed =
      runGanscope(folder, {"--headless", "--load-session", "s.gansession", "--set", "pack=4", "--set",
                           "optimizer.g.lr=2e-4", "--steps", "200", "--save-session", "t.gansession"});
  CAPTURE(packed.err);
  REQUIRE(packed.code == kExitOk);
  CHECK(has(packed.out, "from step 300"));
  const Session continued = loadSession(folder.work() / "t.gansession");
  CHECK(continued.state.step == 500);
  CHECK(continued.state.config.pack == 4);
  CHECK(continued.state.config.optimizer.g.lr == doctest::Approx(2e-4));
  CHECK(continued.state.history.front().step == 0);  // one run, continued: its history goes back to step 0

  for (const std::string setting : {"generator.hidden=[8]", "seed=9", "latent.dim=3"}) {
    CAPTURE(setting);
    const RunResult refused = runGanscope(
        folder, {"--headless", "--load-session", "s.gansession", "--set", setting, "--steps", "10"});
    CHECK(refused.code == kExitBadInput);
    CHECK(isOneLine(refused.err));
    CHECK(has(refused.err, "--set " + setting));
    CHECK(has(refused.err, "start the run again"));
  }
  const RunResult preset = runGanscope(
      folder, {"--headless", "--load-session", "s.gansession", "--preset", "ring8", "--steps", "10"});
  CHECK(preset.code == kExitBadInput);
  CHECK(has(preset.err, "--preset"));
}

// [SECTION] The monitor's verdict, headless

TEST_CASE("cli: a headless run ends with the monitor's verdict, and its CSV has the condition at each row") {
  TempFolder folder;
  const RunResult collapsed = runGanscope(
      folder, {"--headless", "--preset", "ring8-collapse", "--steps", "4000", "--metrics-out", "c.csv"});
  REQUIRE(collapsed.code == kExitOk);
  CHECK(has(collapsed.out, "monitor: mode collapse: Mode collapse: "));
  const auto lines = linesOf(readFile(folder.work() / "c.csv"));
  const std::size_t column = columnOf(lines.front(), "condition");
  CHECK(cellsOf(lines[1]).at(column) == "healthy");  // step 0
  CHECK(cellsOf(lines.back()).at(column) == "mode collapse");

  const RunResult healthy =
      runGanscope(folder, {"--headless", "--preset", "ring8-pacgan", "--steps", "3000"});
  REQUIRE(healthy.code == kExitOk);
  CHECK(has(healthy.out, "monitor: healthy: nothing wrong\n"));
}

// [SECTION] Sessions small enough to send

TEST_CASE(
    "cli: a session leaves out the rewind checkpoints unless --with-rewind, and is under 1 MB after 40,000 "
    "iterations of the default preset") {
  TempFolder folder;
  const RunResult long_run =
      runGanscope(folder, {"--headless", "--steps", "40000", "--save-session", "s.gansession"});
  REQUIRE(long_run.code == kExitOk);
  const auto bytes = fs::file_size(folder.work() / "s.gansession");
  MESSAGE("40,000 iterations of ring8: " << bytes << " bytes");
  CHECK(bytes <= 1'000'000);
  const Session small = loadSession(folder.work() / "s.gansession");
  CHECK(small.checkpoints.empty());
  CHECK(small.state.step == 40000);
  // With the rewind history: the checkpoints are there, and the state is the same bit for bit.
  REQUIRE(runGanscope(folder, {"--headless", "--steps", "3000", "--save-session", "a.gansession"}).code ==
          kExitOk);
  REQUIRE(runGanscope(folder,
                      {"--headless", "--steps", "3000", "--save-session", "b.gansession", "--with-rewind"})
              .code == kExitOk);
  const Session without = loadSession(folder.work() / "a.gansession");
  const Session with = loadSession(folder.work() / "b.gansession");
  CHECK(without.checkpoints.empty());
  CHECK(with.checkpoints.size() >= 2);
  CHECK(fs::file_size(folder.work() / "b.gansession") > 2 * fs::file_size(folder.work() / "a.gansession"));
  CHECK(with.state.generatorParameters == without.state.generatorParameters);
  CHECK(with.state.step == without.state.step);
}

// [SECTION] Outputs planned before training

TEST_CASE("cli: an empty value or a non-number UI scale is refused, never taken as not given") {
  TempFolder folder;
  for (const char* flag : {"--preset", "--load-session", "--metrics-out", "--export-pytorch",
                           "--save-session", "--set", "--record"}) {
    CAPTURE(flag);
    const RunResult run = runGanscope(folder, {"--headless", "--steps", "5", flag, ""});
    CHECK(run.code == kExitBadInput);
    CHECK(isOneLine(run.err));
    CHECK(has(run.err, std::string(flag) + ": an empty value"));
    CHECK(run.out.empty());
  }
  const RunResult nan = runGanscope(folder, {"--ui-scale", "nan", "--offscreen", "--frames", "1"});
  CHECK(nan.code == kExitBadInput);
  CHECK(has(nan.err, "--ui-scale"));
  CHECK(entriesOf(folder.work()).empty());
}

TEST_CASE(
    "cli: outputs that would replace an input, each other, a link or a device are refused before training") {
  TempFolder folder;
  REQUIRE(runGanscope(folder, {"--headless", "--steps", "20", "--save-session", "s.gansession"}).code ==
          kExitOk);
  const std::string session = readFile(folder.work() / "s.gansession");
  writeFile(folder.work() / "target.csv", "kept");
  fs::create_symlink("target.csv", folder.work() / "link.csv");
  const std::string longName = std::string(250, 'a') + ".csv";
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> mentions;
  };
  const Case cases[] = {
      {{"--load-session", "s.gansession", "--metrics-out", "s.gansession"},
       {"--metrics-out", "--load-session"}},
      {{"--load-session", "s.gansession", "--save-session", "./s.gansession"},
       {"--save-session", "--load-session"}},
      {{"--metrics-out", "x", "--save-session", "x"}, {"--metrics-out", "--save-session", "same file"}},
      {{"--metrics-out", "y.json", "--save-config", "./y.json"}, {"--metrics-out", "--save-config"}},
      {{"--metrics-out", "link.csv"}, {"link.csv", "symbolic link"}},
      {{"--metrics-out", "/dev/null"}, {"/dev/null", "not a regular file"}},
      {{"--metrics-out", longName}, {"bytes", "fit"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"--headless", "--steps", "5"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    checkRefused(folder, args, c.mentions);
  }
  // Nothing was replaced or left behind.
  CHECK(readFile(folder.work() / "s.gansession") == session);
  CHECK(readFile(folder.work() / "target.csv") == "kept");
  CHECK(fs::is_symlink(folder.work() / "link.csv"));
  std::vector<std::string> entries;  // by name: entriesOf's relative() would follow the link
  for (const auto& entry : fs::directory_iterator(folder.work()))
    entries.push_back(entry.path().filename().string());
  std::sort(entries.begin(), entries.end());
  CHECK(entries == std::vector<std::string>{"link.csv", "s.gansession", "target.csv"});
}
