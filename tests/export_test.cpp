// The PyTorch export's C++ side: the template filling, exact float32 literals, every data kind filled in, and
// the refusals (unroll, the Dirac-GAN, a diverged run, bad paths) that write nothing. The exported scripts
// themselves run under python3-torch in tests/export/pytorch_export_test.py.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "app/cli/cli_options.h"
#include "app/cli/run_program.h"
#include "core/export/python_literal.h"
#include "core/export/pytorch_export.h"
#include "core/export/pytorch_template.h"
#include "core/export/script_template.h"
#include "core/gan/config_json.h"
#include "core/gan/config_names.h"
#include "core/runtime/training_thread.h"
#include "tests/small_ring_config.h"
#include "tests/subprocess.h"
#include "tests/wait_for_snapshot.h"

using namespace ganscope;
using ganscope::testing::TempFolder;

namespace {

// runProgram on these arguments; returns the exit code, with stdout and stderr in out and err.
int runGanscope(std::vector<std::string> args, std::string& out, std::string& err) {
  args.insert(args.begin(), "ganscope");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream o, e;
  const int code = runProgram(static_cast<int>(argv.size()), argv.data(), o, e);
  out = o.str();
  err = e.str();
  return code;
}

}  // namespace

TEST_CASE(
    "export: fillTemplate keeps the blocks of the kind, drops markers and notes, replaces every value") {
  const std::string text =
      "# @@ a note about the template\n"
      "a = @@A@@\n"
      "# @@if ring grid\n"
      "ring or grid\n"
      "# @@if grid\n"
      "grid only @@B@@\n"
      "# @@end\n"
      "# @@end\n"
      "# @@if moons\n"
      "moons\n"
      "# @@end\n"
      "end\n";
  CHECK(fillTemplate(text, "ring", {{"A", "1"}}) == "a = 1\nring or grid\nend\n");
  CHECK(fillTemplate(text, "grid", {{"A", "1"}, {"B", "2"}}) == "a = 1\nring or grid\ngrid only 2\nend\n");
  CHECK(fillTemplate(text, "moons", {{"A", "x"}}) == "a = x\nmoons\nend\n");
  // A value nobody uses, a placeholder without a value, unbalanced blocks: defects, said as such.
  CHECK_THROWS_AS(fillTemplate(text, "moons", {{"A", "x"}, {"B", "2"}}), TemplateError);
  CHECK_THROWS_AS(fillTemplate(text, "grid", {{"A", "1"}}), TemplateError);
  CHECK_THROWS_AS(fillTemplate("# @@if ring\nx\n", "ring", {}), TemplateError);
  CHECK_THROWS_AS(fillTemplate("# @@end\n", "ring", {}), TemplateError);
}

TEST_CASE("export: pythonFloat reads back as the same float32, for every exponent") {
  Rng rng(7);
  for (int i = 0; i < 20000; ++i) {
    const float value =
        static_cast<float>(rng.normal()) * std::ldexp(1.0f, static_cast<int>(rng.below(200)) - 100);
    const std::string text = pythonFloat(value);
    CHECK(std::strtof(text.c_str(), nullptr) == value);
  }
  CHECK(pythonFloat(0.1f) == "0.100000001");
  CHECK(pythonFloat(std::numeric_limits<float>::quiet_NaN()) == "float(\"nan\")");
}

TEST_CASE("export: pythonLiteral writes JSON as Python, strings escaped") {
  const nlohmann::json json = {
      {"flag", true}, {"none", nullptr}, {"name", "a \"b\" \\ c\n"}, {"list", {1, 2.5}}};
  const std::string literal = pythonLiteral(json);
  CHECK(literal.find("\"flag\": True") != std::string::npos);
  CHECK(literal.find("\"none\": None") != std::string::npos);
  CHECK(literal.find("\"name\": \"a \\\"b\\\" \\\\ c\\n\"") != std::string::npos);
  CHECK(literal.find("\"list\": [1, 2.5]") != std::string::npos);
}

TEST_CASE("export: the script of every data kind but dirac is filled in whole, with its own sampler only") {
  for (const auto& [kind, name] : enumEntries<DataKind>()) {
    if (kind == DataKind::Dirac) continue;
    CAPTURE(name);
    Config config = testing::smallRingConfig(1);
    config.data = dataDefaults(kind);
    if (kind == DataKind::Points) config.data.points = {0.0, 0.0, 1.0, 1.0, 2.0, -1.0};
    const Trainer trainer(config);
    const std::string script = pytorchScript(trainer.saveState(), "run.py");
    CHECK(script.find("@@") == std::string::npos);
    CHECK(script.find("\"kind\": \"" + std::string(name) + "\"") != std::string::npos);
    // One sampler: the template's blocks of the other kinds are gone.
    std::size_t samplers = 0;
    for (std::size_t at = script.find("def sample_data("); at != std::string::npos;
         at = script.find("def sample_data(", at + 1)) {
      ++samplers;
    }
    CHECK(samplers == 1);
  }
}

TEST_CASE("export: the weights are written exactly, layer by layer as out x in rows") {
  Config config = testing::smallRingConfig(1);
  Trainer trainer(config);
  trainer.train(20);
  const std::string script = pytorchScript(trainer.saveState(), "run.py");
  // G's first layer: its first row starts with W(0, 0), W(0, 1) (a row is one output unit).
  const auto w = trainer.generator().weight(1);
  const std::string firstRow = "[[" + pythonFloat(w(0, 0)) + ", " + pythonFloat(w(0, 1));
  CHECK(script.find("\"generator\": [\n        {\"weight\": " + firstRow) != std::string::npos);
  // Adam's step count goes with its moments.
  CHECK(script.find("\"adam_steps\": 20") != std::string::npos);
}

TEST_CASE("export: under spectral normalisation the script carries ganscope's u and v of every layer, exactly") {
  Config config = testing::smallRingConfig(2);
  config.spectralNorm = true;
  Trainer trainer(config);
  trainer.train(15);
  const TrainerState state = trainer.saveState();
  const std::string script = pytorchScript(state, "run.py");
  const auto at = script.find("\"spectral_norm\": [");
  REQUIRE(at != std::string::npos);
  // One {u, v} per layer of D (16 x 2, 16 x 16, 1 x 16: three), each vector's first value as its exact float.
  const auto& u = state.spectralNorm.leftVectors();
  const auto& v = state.spectralNorm.rightVectors();
  REQUIRE(u.size() == 3);
  std::size_t from = at;
  for (std::size_t layer = 0; layer < u.size(); ++layer) {
    CAPTURE(layer);
    from = script.find("{\"u\": [" + pythonFloat(u[layer][0]), from);
    CHECK(from != std::string::npos);
    CHECK(script.find("\"v\": [" + pythonFloat(v[layer][0]), from) != std::string::npos);
  }
  // Without spectral normalisation there are no vectors to carry.
  config.spectralNorm = false;
  Trainer plain(config);
  CHECK(pytorchScript(plain.saveState(), "run.py").find("\"spectral_norm\": [") == std::string::npos);
}

TEST_CASE("export: runs it cannot write are refused with the setting named, and nothing is written") {
  TempFolder folder;
  const auto path = (folder.work() / "run.py").string();
  std::string out, err;
  CHECK(runGanscope({"--preset", "ring8-unrolled", "--export-pytorch", path}, out, err) == kExitBadInput);
  CHECK(err.find("unroll = ") != std::string::npos);
  CHECK(err.find("unroll=0") != std::string::npos);
  CHECK(runGanscope({"--preset", "dirac-r1", "--headless", "--steps", "10", "--export-pytorch", path}, out,
                    err) == kExitBadInput);
  CHECK(err.find("data.kind dirac") != std::string::npos);
  CHECK(out.empty());  // refused before training
  CHECK(
      runGanscope({"--preset", "ring8", "--export-pytorch", (folder.work() / "no/such/dir/run.py").string()},
                  out, err) == kExitBadInput);
  CHECK(!std::filesystem::exists(path));

  // A stopped run (the trainer's own divergence tests make one; here its state says so).
  Trainer trainer(testing::smallRingConfig(1));
  TrainerState stopped = trainer.saveState();
  stopped.divergence = "training diverged at iteration 3";
  CHECK_THROWS_WITH_AS(pytorchScript(stopped, "run.py"), doctest::Contains("the run stopped"), ExportError);
}

TEST_CASE(
    "export: without --headless the initial weights are written at once, with --headless those after "
    "--steps") {
  TempFolder folder;
  const auto initial = (folder.work() / "initial.py").string();
  const auto trained = (folder.work() / "trained.py").string();
  std::string out, err;
  REQUIRE(runGanscope({"--preset", "ring8", "--export-pytorch", initial}, out, err) == kExitOk);
  CHECK(err.find("at iteration 0") != std::string::npos);
  const std::string initialText = ganscope::testing::readFile(initial);
  CHECK(initialText.find("START_STEP = 0 ") != std::string::npos);
  CHECK(initialText.find("\"generator_optimizer\": None") != std::string::npos);
  REQUIRE(runGanscope({"--preset", "ring8", "--headless", "--steps", "30", "--export-pytorch", trained}, out,
                      err) == kExitOk);
  CHECK(out.find("step 30:") != std::string::npos);
  CHECK(ganscope::testing::readFile(trained).find("START_STEP = 30 ") != std::string::npos);
}

TEST_CASE(
    "thread: Export to PyTorch writes the run at its step, and a refused run says why and writes nothing") {
  TempFolder folder("export");
  const std::string path = (folder.work() / "run.py").string();
  {
    TrainingThread thread(testing::smallRingConfig(1), /*startPaused=*/true);
    thread.send(StepCommand{40});
    testing::waitForSnapshot(thread, [](const Snapshot& x) { return x.step == 40 && x.paused; });
    thread.send(ExportPytorchCommand{path});
    auto s = testing::waitForSnapshot(thread,
                                      [](const Snapshot& x) { return x.notice.rfind("exported", 0) == 0; });
    CHECK(s->notice.find("step 40") != std::string::npos);
    CHECK(ganscope::testing::readFile(path).find("START_STEP = 40 ") != std::string::npos);
  }
  const std::string refused = (folder.work() / "unrolled.py").string();
  Config unrolled = testing::smallRingConfig(1);
  unrolled.unroll = 2;
  TrainingThread thread(unrolled, /*startPaused=*/true);
  thread.send(ExportPytorchCommand{refused});
  auto s = testing::waitForSnapshot(thread,
                                    [](const Snapshot& x) { return x.notice.rfind("not exported", 0) == 0; });
  CHECK(s->notice.find("unroll = 2") != std::string::npos);
  CHECK(!std::filesystem::exists(refused));
  CHECK(s->step == 0);  // the run as it was
}
