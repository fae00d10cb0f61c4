// Recording and sessions from the command line: headless recording with no display at all (EGL), frames on the
// training clock (identical for the same seed), MP4 and GIF checked with ffprobe, sessions continued bit for bit.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/runtime/session.h"
#include "tests/subprocess.h"

using ganscope::testing::readFile;
using ganscope::testing::RunResult;
using ganscope::testing::runCommand;
using ganscope::testing::shellQuoted;
using ganscope::testing::TempFolder;

namespace {

// A small, quick run: ring8 with small networks (an offscreen frame at 640 × 480 takes a few ms).
const std::vector<std::string> kQuick = {"--preset", "ring8", "--set", "generator.hidden=[16,16]",
                                         "--set", "discriminator.hidden=[16,16]", "--set", "batch=64",
                                         "--set", "metrics_samples=300"};

// Runs the program with no display (DISPLAY and WAYLAND_DISPLAY unset) in `folder`'s working folder.
RunResult runWithoutDisplay(const TempFolder& folder, const std::vector<std::string>& args, int seconds = 120) {
  std::string command = "cd " + shellQuoted(folder.work().string()) + " && env -u DISPLAY -u WAYLAND_DISPLAY "
                        "ASAN_OPTIONS=detect_leaks=0 timeout " + std::to_string(seconds) + " " +
                        shellQuoted(GANSCOPE_EXE);
  for (const auto& arg : args) command.append(" ").append(shellQuoted(arg));
  return runCommand(command, folder);
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// What ffprobe says of the first video stream: "codec,width,height,pix_fmt,frames" (its own order).
std::string probe(const TempFolder& folder, const std::filesystem::path& file) {
  const RunResult r = runCommand("ffprobe -v error -select_streams v:0 -count_frames -show_entries "
                                 "stream=codec_name,pix_fmt,width,height,nb_read_frames -of csv=p=0 " +
                                     shellQuoted(file.string()),
                                 folder);
  std::string text = r.out;
  while (!text.empty() && (text.back() == '\n' || text.back() == ',')) text.pop_back();
  return text;
}

std::vector<std::filesystem::path> pngs(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("record cli: headless frames on the training clock with no display, identical for the same seed") {
  TempFolder folder("record-png");
  const auto args = with(kQuick, {"--headless", "--steps", "120", "--record-every", "20", "--window", "640x480",
                                  "--set", R"(timeline=[{"at":60,"set":{"penalty.r1":1},"caption":"R1 on"}])"});
  const RunResult a = runWithoutDisplay(folder, with(args, {"--record", "a/"}));
  REQUIRE_MESSAGE(a.code == 0, a.err);
  CHECK(a.out.find("recorded 7 frames") != std::string::npos);
  const RunResult b = runWithoutDisplay(folder, with(args, {"--record", "b/"}));
  REQUIRE_MESSAGE(b.code == 0, b.err);
  const auto first = pngs(folder.work() / "a"), second = pngs(folder.work() / "b");
  REQUIRE(first.size() == 7);  // steps 0, 20, ..., 120: 120 / 20 + 1
  REQUIRE(second.size() == 7);
  CHECK(first.front().filename() == "frame_000000.png");
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK_MESSAGE(readFile(first[i]) == readFile(second[i]), first[i].filename().string());
  }
  // The caption is on the frames after its event and not before: the frames at 40 and 60 differ in more than the
  // picture, so only check that the timeline's frames differ from a run without it.
  const RunResult plain = runWithoutDisplay(
      folder, with(kQuick, {"--headless", "--steps", "120", "--record-every", "20", "--window", "640x480",
                            "--record", "c/"}));
  REQUIRE_MESSAGE(plain.code == 0, plain.err);
  const auto third = pngs(folder.work() / "c");
  REQUIRE(third.size() == 7);
  CHECK(readFile(third[2]) == readFile(first[2]));  // step 40: before the event, the same
  CHECK(readFile(third[6]) != readFile(first[6]));  // step 120: R1 and its caption
}

TEST_CASE("record cli: an MP4 is H.264 in yuv420p with even sizes and one frame per K iterations") {
  TempFolder folder("record-mp4");
  const RunResult r = runWithoutDisplay(
      folder, with(kQuick, {"--headless", "--steps", "100", "--record-every", "10", "--window", "641x481",
                            "--record", "run.mp4"}));
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(probe(folder, folder.work() / "run.mp4") == "h264,640,480,yuv420p,11");
  // The view alone, as a GIF: its header, and as many frames.
  const RunResult gif = runWithoutDisplay(
      folder, with(kQuick, {"--headless", "--steps", "100", "--record-every", "20", "--window", "800x600",
                            "--record-view", "view", "--record", "view.gif"}));
  REQUIRE_MESSAGE(gif.code == 0, gif.err);
  CHECK(readFile(folder.work() / "view.gif").substr(0, 6) == "GIF89a");
  const std::string g = probe(folder, folder.work() / "view.gif");
  CHECK(g.rfind("gif,", 0) == 0);
  CHECK(g.ends_with(",6"));
  // A '%' in the name is a name, not one of ffmpeg's patterns (its palette pass used to fail on "a%d.gif").
  const RunResult percent = runWithoutDisplay(
      folder, with(kQuick, {"--headless", "--steps", "40", "--record-every", "20", "--window", "640x480",
                            "--record-view", "view", "--record", "a%d.gif"}));
  REQUIRE_MESSAGE(percent.code == 0, percent.err);
  CHECK(readFile(folder.work() / "a%d.gif").substr(0, 6) == "GIF89a");
}

TEST_CASE("record cli: what cannot be recorded is refused in one line before anything runs") {
  TempFolder folder("record-refused");
  RunResult r = runWithoutDisplay(folder, with(kQuick, {"--headless", "--record", "x.avi"}));
  CHECK(r.code == 2);
  CHECK(r.err.find("expected FILE.mp4, FILE.gif or DIR/") != std::string::npos);
  r = runWithoutDisplay(folder, with(kQuick, {"--headless", "--record-every", "5"}));
  CHECK(r.code == 2);
  CHECK(r.err.find("--record-every needs --record") != std::string::npos);
  r = runWithoutDisplay(folder, with(kQuick, {"--headless", "--record", "no/such/folder/run.mp4"}));
  CHECK(r.code == 2);
  CHECK_FALSE(std::filesystem::exists(folder.work() / "no"));
}

TEST_CASE("session cli: 150 iterations, saved, opened, 150 more give the CSV of 300 straight, bit for bit") {
  TempFolder folder("session-cli");
  const auto args = with(kQuick, {"--set", "metrics_every=25"});
  RunResult r = runWithoutDisplay(folder, with(args, {"--headless", "--steps", "300", "--metrics-out", "straight.csv"}));
  REQUIRE_MESSAGE(r.code == 0, r.err);
  r = runWithoutDisplay(folder, with(args, {"--headless", "--steps", "150", "--save-session", "half.gansession"}));
  REQUIRE_MESSAGE(r.code == 0, r.err);
  r = runWithoutDisplay(folder, {"--headless", "--load-session", "half.gansession", "--steps", "150", "--metrics-out",
                                 "resumed.csv"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(r.out.find("from step 150") != std::string::npos);
  const std::string straight = readFile(folder.work() / "straight.csv");
  CHECK(straight.size() > 100);
  CHECK(readFile(folder.work() / "resumed.csv") == straight);

  // A session with --preset is refused (the config is the session's), as is a file that is not one.
  r = runWithoutDisplay(folder, {"--headless", "--load-session", "half.gansession", "--preset", "ring8"});
  CHECK(r.code == 2);
  CHECK(r.err.find("leave out --preset") != std::string::npos);
  r = runWithoutDisplay(folder, {"--headless", "--load-session", "straight.csv"});
  CHECK(r.code == 2);
  CHECK(r.err.find("is not a ganscope session") != std::string::npos);
  // The window saves --save-session as it closes (here drawn offscreen, one frame after 40 iterations).
  r = runWithoutDisplay(folder, with(args, {"--save-session", "w.gansession", "--offscreen", "--frames", "1",
                                            "--steps", "40"}));
  CHECK_MESSAGE(r.code == 0, r.err);
  CHECK(ganscope::loadSession(folder.work() / "w.gansession").state.step == 40);
}

namespace {

// A PNG's width and height, from its IHDR chunk (bytes 16 to 23, big-endian).
std::pair<int, int> pngSize(const std::filesystem::path& file) {
  const std::string bytes = readFile(file);
  auto at = [&](std::size_t i) {
    return (static_cast<unsigned char>(bytes[i]) << 24) | (static_cast<unsigned char>(bytes[i + 1]) << 16) |
           (static_cast<unsigned char>(bytes[i + 2]) << 8) | static_cast<unsigned char>(bytes[i + 3]);
  };
  return {static_cast<int>(at(16)), static_cast<int>(at(20))};
}

}  // namespace

TEST_CASE("record cli: a comparison records both views side by side, frames on the training clock, each run's CSV") {
  TempFolder folder("record-compare");
  const auto args = with(kQuick, {"--headless", "--steps", "100", "--record-every", "20", "--window", "1280x720",
                                  "--record-view", "view", "--compare", "pack=2", "--metrics-out", "m.csv"});
  const RunResult a = runWithoutDisplay(folder, with(args, {"--record", "a/"}));
  REQUIRE_MESSAGE(a.code == 0, a.err);
  CHECK(a.out.find("recorded 6 frames") != std::string::npos);
  CHECK(a.out.find("run B (pack=2):") != std::string::npos);
  const std::string csvA = readFile(folder.work() / "m-A.csv"), csvB = readFile(folder.work() / "m-B.csv");
  const RunResult b = runWithoutDisplay(folder, with(args, {"--record", "b/"}));
  REQUIRE_MESSAGE(b.code == 0, b.err);
  const auto first = pngs(folder.work() / "a"), second = pngs(folder.work() / "b");
  REQUIRE(first.size() == 6);  // steps 0, 20, ..., 100
  REQUIRE(second.size() == 6);
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK_MESSAGE(readFile(first[i]) == readFile(second[i]), first[i].filename().string());
  }
  // The CSVs are those of the headless comparison (itself each run alone's, cli_test.cpp).
  const RunResult headless = runWithoutDisplay(
      folder, with(kQuick, {"--headless", "--steps", "100", "--compare", "pack=2", "--metrics-out", "h.csv"}));
  REQUIRE_MESSAGE(headless.code == 0, headless.err);
  CHECK(csvA == readFile(folder.work() / "h-A.csv"));
  CHECK(csvB == readFile(folder.work() / "h-B.csv"));
  // Both views: wider than one run's view alone at the same window size, and wider than tall.
  const RunResult single = runWithoutDisplay(
      folder, with(kQuick, {"--headless", "--steps", "20", "--record-every", "20", "--window", "1280x720",
                            "--record-view", "view", "--record", "c/"}));
  REQUIRE_MESSAGE(single.code == 0, single.err);
  const auto [comparedWidth, comparedHeight] = pngSize(first.back());
  const auto [singleWidth, singleHeight] = pngSize(pngs(folder.work() / "c").back());
  CHECK(comparedWidth > singleWidth);
  CHECK(comparedWidth > comparedHeight);
  CHECK(comparedHeight <= singleHeight);
}
