// Bad input, from the command line and from files, gets one clear line and exit 2: never an abort, a hang or a
// silently changed setting. The cases the reliability issue found first are here by name; the fuzz targets
// (tests/fuzz/) search for the rest.
#include <sys/stat.h>

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "core/gan/config_json.h"
#include "core/gan/config_ranges.h"
#include "core/util/input_file.h"
#include "tests/subprocess.h"

using namespace ganscope;
using ganscope::testing::RunResult;
using ganscope::testing::TempFolder;
using ganscope::testing::runCommand;
using ganscope::testing::shellQuoted;

namespace {

// Runs the program headless for a few steps with `args`, under a 20 s timeout (exit 124 if it hangs).
RunResult runHeadless(const TempFolder& folder, const std::vector<std::string>& args) {
  std::string command = "timeout 20 " + shellQuoted(GANSCOPE_EXE) + " --headless --steps 5";
  for (const auto& arg : args) command.append(" ").append(shellQuoted(arg));
  return runCommand(command, folder);
}

// The number of lines in `text`.
int lines(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void writeFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

}  // namespace

TEST_CASE("reliability: each input that once aborted or hung is refused in one line with exit 2") {
  TempFolder folder("reliability");
  const auto fifo = folder.work() / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  writeFile(folder.work() / "huge-number.json", "{\"batch\": 1e400}\n");
  writeFile(folder.work() / "deep.json", "{\"name\": " + std::string(100000, '[') + std::string(100000, ']') + "}");
  writeFile(folder.work() / "big.json", "{\"name\": \"" + std::string(2 << 20, 'x') + "\"}");
  struct Case {
    const char* what;
    std::vector<std::string> args;
    std::vector<std::string> says;  // parts of the one line
  };
  const Case cases[] = {
      {"--set batch=1e400", {"--set", "batch=1e400"}, {"batch", "1e400", "beyond the range of a double"}},
      {"a file's 1e400", {"--preset", (folder.work() / "huge-number.json").string()}, {"huge-number.json", "1e400"}},
      {"a tiny positive std", {"--set", "data.std=1e-300"}, {"data.std", "1e-04", "1e-300"}},
      {"a FIFO as data.file",
       {"--set", "data.kind=points", "--set", "data.file=" + fifo.string()},
       {"data.file", "FIFO", "not a regular file"}},
      {"a FIFO as the preset", {"--preset", fifo.string()}, {"FIFO", "not a regular file"}},
      {"a preset file that does not exist", {"--preset", "/nonexistent/zero.json"}, {"zero.json", "does not exist"}},
      {"a character device as data.file",
       {"--set", "data.kind=points", "--set", "data.file=/dev/zero"},
       {"character device"}},
      {"a directory as the preset", {"--preset", folder.work().string() + "/"}, {}},
      {"nesting 100,000 deep", {"--preset", (folder.work() / "deep.json").string()}, {"nested more than 32"}},
      {"a preset over 1 MiB", {"--preset", (folder.work() / "big.json").string()}, {"more than the 1 MiB"}},
      {"a seed beyond 64 bits", {"--set", "seed=99999999999999999999999"}, {"seed", "18446744073709551615"}},
      {"a batch beyond its range", {"--set", "batch=100000"}, {"batch", "1 to 8192"}},
      {"a learning rate of zero", {"--set", "optimizer.g.lr=0"}, {"optimizer.g.lr", "1e-08 to 10"}},
      // Found by the fuzz targets (each kept in tests/fuzz/regressions/):
      {"a bare word that is not UTF-8 for a number", {"--set", "batch=\xff"}, {"batch", "expected an integer"}},
      {"a name that is not UTF-8", {"--set", "name=\x90"}, {"name", "UTF-8"}},
      {"a '~' in a key (a JSON pointer's escape)", {"--set", "a~=1"}, {"unknown key 'a~'"}},
      // Found reading the code the fuzzer pointed at: std::abs(−2^63) overflowed, and the value passed as 0.
      {"-2^63 for an integer key", {"--set", "unroll=-9223372036854775808"}, {"unroll", "0 to 20"}},
  };
  for (const Case& k : cases) {
    CAPTURE(k.what);
    const RunResult run = runHeadless(folder, k.args);
    CAPTURE(run.err);
    CHECK(run.code == 2);
    CHECK(lines(run.err) == 1);
    CHECK(run.out.empty());
    for (const auto& part : k.says) CHECK(has(run.err, part));
  }
}

TEST_CASE("reliability: readInputFile reads a regular file and refuses the rest at once") {
  TempFolder folder("input-file");
  const auto file = folder.work() / "a.txt";
  writeFile(file, "hello");
  CHECK(readInputFile(file, 5, "test") == "hello");
  CHECK(readInputFile(file, 100, "test") == "hello");
  const auto refusal = [](const std::filesystem::path& path, std::size_t limit) {
    try {
      (void)readInputFile(path, limit, "test");
    } catch (const InputFileError& e) {
      return std::string(e.what());
    }
    return std::string("(read)");
  };
  CHECK(has(refusal(file, 4), "more than the 4 bytes allowed"));  // one byte over the limit
  const auto fifo = folder.work() / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(has(refusal(fifo, 100), "is a FIFO"));  // returns: a blocking open would wait here for ever
  CHECK(has(refusal("/dev/null", 100), "is a character device"));
  CHECK(has(refusal(folder.work(), 100), "is a directory"));
  CHECK(has(refusal(folder.work() / "missing", 100), "does not exist"));
  CHECK(has(refusal("", 100), "no file named"));
  CHECK(has(refusal(file, 4), "test '"));  // the role and the path lead the message
}

TEST_CASE("ranges: every numeric key has a range, and validate() holds each bound exactly") {
  const nlohmann::json whole = toJson(Config{});
  int numericKeys = 0;
  for (const std::string& key : configKeys()) {
    std::string pointer = "/" + key;
    for (char& c : pointer) c = c == '.' ? '/' : c;
    const auto& value = whole.at(nlohmann::json::json_pointer(pointer));
    const bool numeric = value.is_number() || (value.is_array() && (value.empty() || value.front().is_number()));
    CAPTURE(key);
    CHECK(numeric == findRange(key).has_value());
    numericKeys += numeric;
  }
  CHECK(numericKeys == static_cast<int>(numberRanges().size()));
  // Each bound is accepted and the value just past it refused, naming the key and the range.
  for (const NumberRange& range : numberRanges()) {
    const std::string key(range.key);
    if (key == "seed") continue;  // every unsigned 64-bit integer is a seed
    CAPTURE(key);
    std::string pointer = "/" + key;
    for (char& c : pointer) c = c == '.' ? '/' : c;
    const bool list = whole.at(nlohmann::json::json_pointer(pointer)).is_array();  // data.means, data.points, ...
    const auto problemsWith = [&](double v) {
      Config c;
      const std::string text = range.integer ? std::to_string(static_cast<long long>(v)) : numberText(v);
      applySetting(c, key + "=" + (list ? "[" + text + "]" : text));
      return validate(c);
    };
    const double step = range.integer ? 1.0 : std::max(1e-9, std::fabs(range.high) * 1e-6);
    const double below = range.integer ? range.low - 1 : range.low - std::max(1e-12, std::fabs(range.low) * 1e-3);
    const auto mentions = [&](const std::vector<std::string>& problems) {
      return problems.size() == 1 && has(problems.front(), key) && has(problems.front(), describeAllowed(range));
    };
    if (range.low != 0.0 || !range.zeroIsOff) {
      CHECK(problemsWith(range.low).empty());
      if (!(range.zeroIsOff && below <= 0.0 && below > -1e-9)) CHECK(mentions(problemsWith(below)));
    }
    if (!range.highOpen) CHECK(problemsWith(range.high).empty());
    CHECK(mentions(problemsWith(range.highOpen ? range.high : range.high + step)));
  }
}

TEST_CASE("ranges: the GUI keeps of a typed number the nearest allowed value") {
  const NumberRange& lr = rangeOf("optimizer.g.lr");
  CHECK(clampToRange(lr, std::numeric_limits<double>::infinity(), 1e-3) == lr.high);  // "1e400" typed: +inf
  CHECK(clampToRange(lr, -5.0, 1e-3) == lr.low);
  CHECK(clampToRange(lr, std::nan(""), 1e-3) == 1e-3);  // "nan" typed: the old value stays
  CHECK(clampToRange(lr, 0.5, 1e-3) == 0.5);
  const NumberRange& beta1 = rangeOf("optimizer.g.beta1");
  CHECK(clampToRange(beta1, 1.0, 0.5) == beta1.sliderHigh);  // an open bound gives the slider's end
  CHECK(allows(beta1, clampToRange(beta1, 1.0, 0.5)));
  const NumberRange& batch = rangeOf("batch");
  CHECK(clampToRange(batch, 99999999999.0, 256) == 8192);
  CHECK(clampToRange(batch, 2.6, 256) == 3);
  const NumberRange& std = rangeOf("data.std");
  CHECK(clampToRange(std, 0.0, 0.02) == 0.0);       // 0 means "no noise" for shapes
  CHECK(clampToRange(std, 1e-300, 0.02) == 1e-4);   // the value that once aborted the metrics
  for (const NumberRange& range : numberRanges()) {
    CAPTURE(range.key);
    CHECK(allows(range, clampToRange(range, range.sliderLow, range.low)));
    CHECK(allows(range, clampToRange(range, range.sliderHigh, range.low)));
  }
}

TEST_CASE("reliability: a full disk fails the save with one line and keeps the earlier file whole") {
  TempFolder folder("full-disk");
  // A 64 KiB file system of its own, in a private mount namespace (root, as the tests run): an earlier metrics file
  // that fits, then a run whose metrics (2,000 rows) do not.
  const std::string disk = (folder.work() / "disk").string();
  const std::string exe = shellQuoted(GANSCOPE_EXE);
  const std::string script =
      "mkdir -p " + shellQuoted(disk) + " && mount -t tmpfs -o size=64k tmpfs " + shellQuoted(disk) + " && cd " +
      shellQuoted(disk) + " && " + exe + " --headless --steps 10 --metrics-out m.csv >/dev/null && cp m.csv ../before.csv && " +
      exe + " --headless --steps 2000 --set metrics_every=1 --set metrics_samples=10 --metrics-out m.csv; code=$?; " +
      "cmp -s m.csv ../before.csv && echo kept; ls -A | grep -c tmp; exit $code";
  const RunResult run = runCommand("unshare -m sh -c " + shellQuoted(script), folder);
  CAPTURE(run.err);
  CAPTURE(run.out);
  CHECK(run.code == 2);
  CHECK(has(run.err, "cannot write"));
  CHECK(has(run.err, "m.csv"));
  CHECK(has(run.err, "No space left on device"));
  CHECK(has(run.out, "kept\n0\n"));  // the earlier file is whole, and no temporary file is left behind
}
