// The recorder (app/record/): frames, --record targets, the PNG, MP4 and GIF sinks (checked with ffprobe) and
// the recorder's thread and queue policies. Synthetic frames only: a gradient that moves with the frame
// number.
#include <doctest/doctest.h>
#include <signal.h>
#include <stb_image.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/record/ffmpeg_sink.h"
#include "app/record/frame.h"
#include "app/record/frame_sink.h"
#include "app/record/png_sequence_sink.h"
#include "app/record/record_error.h"
#include "app/record/record_target.h"
#include "app/record/recorder.h"
#include "tests/subprocess.h"

namespace {

using ganscope::FfmpegSink;
using ganscope::Frame;
using ganscope::FrameSink;
using ganscope::PngSequenceSink;
using ganscope::Recorder;
using ganscope::RecordError;
using ganscope::RecordFormat;
using ganscope::testing::TempFolder;
namespace fs = std::filesystem;

// [SECTION] Helpers

// Frame `t` of a gradient moving right: red follows x, green y, blue the frame number; opaque.
Frame gradientFrame(int width, int height, int t) {
  Frame frame;
  frame.width = width;
  frame.height = height;
  frame.rgba.resize(static_cast<std::size_t>(width) * height * 4);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      std::uint8_t* pixel = frame.rgba.data() + (static_cast<std::size_t>(y) * width + x) * 4;
      pixel[0] = static_cast<std::uint8_t>((x * 255 / std::max(width - 1, 1) + 4 * t) & 255);
      pixel[1] = static_cast<std::uint8_t>(y * 255 / std::max(height - 1, 1));
      pixel[2] = static_cast<std::uint8_t>((t * 16) & 255);
      pixel[3] = 255;
    }
  }
  return frame;
}

// The message of the RecordError that `action` throws ("" when it throws none).
template <typename Action>
std::string recordErrorOf(Action&& action) {
  try {
    action();
  } catch (const RecordError& e) {
    return e.what();
  }
  return {};
}

// What ffprobe says of the first video stream: codec_name, pix_fmt, width, height, nb_read_frames.
std::map<std::string, std::string> probe(const fs::path& file, const TempFolder& folder) {
  const auto result = ganscope::testing::runCommand(
      "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
      "stream=codec_name,pix_fmt,width,height,nb_read_frames -of default=noprint_wrappers=1 " +
          ganscope::testing::shellQuoted(file.string()),
      folder);
  std::map<std::string, std::string> fields;
  std::size_t start = 0;
  while (start < result.out.size()) {
    const std::size_t end = std::min(result.out.find('\n', start), result.out.size());
    const std::string line = result.out.substr(start, end - start);
    const std::size_t equals = line.find('=');
    if (equals != std::string::npos) fields[line.substr(0, equals)] = line.substr(equals + 1);
    start = end + 1;
  }
  return fields;
}

// The names in `folder`, sorted.
std::vector<std::string> namesIn(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Sets PATH for the scope, then puts the old value back.
class ScopedPath {
 public:
  explicit ScopedPath(const std::string& path) {
    if (const char* old = std::getenv("PATH")) old_ = old;
    ::setenv("PATH", path.c_str(), 1);
  }
  ~ScopedPath() {
    if (old_) {
      ::setenv("PATH", old_->c_str(), 1);
    } else {
      ::unsetenv("PATH");
    }
  }
  ScopedPath(const ScopedPath&) = delete;
  ScopedPath& operator=(const ScopedPath&) = delete;

 private:
  std::optional<std::string> old_;
};

// Writes frames until the sink throws (at most `count`), then finishes it; the first RecordError's message.
std::string recordUntilFailure(FrameSink& sink, int width, int height, int count) {
  for (int t = 0; t < count; ++t) {
    const std::string error = recordErrorOf([&] { sink.write(gradientFrame(width, height, t)); });
    if (!error.empty()) return error;
  }
  return recordErrorOf([&] { sink.finish(); });
}

// A sink that keeps the frames' first red values, sleeping `delay` in each write, failing at write `failAt`.
struct TestSink final : FrameSink {
  explicit TestSink(std::chrono::milliseconds delay = {}, int failAt = -1) : delay(delay), failAt(failAt) {}
  void write(const Frame& frame) override {
    std::this_thread::sleep_for(delay);
    if (static_cast<int>(seen->size()) == failAt)
      throw RecordError("test sink: write " + std::to_string(failAt));
    seen->push_back(frame.rgba.at(0));
  }
  void finish() override { *finished = true; }

  std::chrono::milliseconds delay;
  int failAt;
  std::shared_ptr<std::vector<int>> seen = std::make_shared<std::vector<int>>();  // outlives the sink
  std::shared_ptr<bool> finished = std::make_shared<bool>(false);
};

// A sink whose write waits until the test opens the gate, so the queue's state is known exactly.
struct GatedSink final : FrameSink {
  struct Gate {
    std::mutex mutex;
    std::condition_variable changed;
    int entered = 0;
    bool open = false;
  };
  void write(const Frame&) override {
    std::unique_lock<std::mutex> lock(gate->mutex);
    ++gate->entered;
    gate->changed.notify_all();
    gate->changed.wait(lock, [this] { return gate->open; });
  }
  void finish() override {}
  std::shared_ptr<Gate> gate = std::make_shared<Gate>();
};

// [SECTION] Frames and targets

namespace {

// Whether ffmpeg is there for a test that needs it. Without it the test says so and checks nothing; under
// CI=true (where scripts/setup.sh has installed it) that is a failure, so a missing install step cannot pass
// unseen.
bool ffmpegForTest() {
  if (ganscope::ffmpegAvailable()) return true;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && *ci != '\0') {
    FAIL_CHECK("ffmpeg is not on PATH under CI=true: scripts/setup.sh should have installed it");
  } else {
    MESSAGE("ffmpeg is not on PATH (bash scripts/setup.sh installs it): skipped");
  }
  return false;
}

}  // namespace

TEST_CASE(
    "record: a cropped frame keeps the rectangle's pixels with rows from the top, clamped into the image") {
  const Frame image = gradientFrame(10, 8, 0);
  const Frame inside = ganscope::croppedFrame(image.rgba, 10, 8, 2, 3, 4, 2);
  REQUIRE(inside.width == 4);
  REQUIRE(inside.height == 2);
  REQUIRE(inside.rgba.size() == 4u * 2 * 4);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 4; ++x) {
      for (int c = 0; c < 4; ++c) {
        CHECK(inside.rgba[(y * 4 + x) * 4 + c] == image.rgba[((y + 3) * 10 + x + 2) * 4 + c]);
      }
    }
  }
  const Frame clamped = ganscope::croppedFrame(image.rgba, 10, 8, -3, 6, 100, 100);
  CHECK(clamped.width == 10);
  CHECK(clamped.height == 2);
  CHECK(clamped.rgba[0] == image.rgba[(6 * 10) * 4]);
  const Frame outside = ganscope::croppedFrame(image.rgba, 10, 8, 20, 0, 5, 5);
  CHECK(outside.width == 0);
  CHECK(outside.rgba.empty());
  const Frame huge = ganscope::croppedFrame(image.rgba, 10, 8, 5, 5, 2147483647, 2147483647);
  CHECK(huge.width == 5);
  CHECK(huge.height == 3);
  CHECK_THROWS_AS(ganscope::croppedFrame(image.rgba, 10, 9, 0, 0, 1, 1), std::invalid_argument);
}

TEST_CASE("record: evenSized drops a last odd row and column and keeps the pixels before them") {
  const Frame odd = gradientFrame(7, 5, 3);
  const Frame even = ganscope::evenSized(odd);
  REQUIRE(even.width == 6);
  REQUIRE(even.height == 4);
  REQUIRE(even.rgba.size() == 6u * 4 * 4);
  CHECK(even.rgba[(3 * 6 + 5) * 4] == odd.rgba[(3 * 7 + 5) * 4]);
  const Frame fiveRows = gradientFrame(8, 5, 0);
  const Frame oddRows = ganscope::evenSized(fiveRows);
  CHECK(oddRows.width == 8);
  CHECK(oddRows.height == 4);
  CHECK(oddRows.rgba == std::vector<std::uint8_t>(fiveRows.rgba.begin(), fiveRows.rgba.begin() + 8 * 4 * 4));
  CHECK(ganscope::evenSized(gradientFrame(8, 4, 1)).rgba == gradientFrame(8, 4, 1).rgba);
}

TEST_CASE("record: --record names an MP4, a GIF or a folder for a PNG sequence") {
  TempFolder folder("record-target");
  auto target = ganscope::parseRecordTarget("out/run.mp4");
  CHECK(target.format == RecordFormat::Mp4);
  CHECK(target.path == fs::path("out/run.mp4"));
  CHECK(ganscope::parseRecordTarget("RUN.MP4").format == RecordFormat::Mp4);
  CHECK(ganscope::parseRecordTarget("a.gif").format == RecordFormat::Gif);
  target = ganscope::parseRecordTarget("frames/");
  CHECK(target.format == RecordFormat::PngSequence);
  CHECK(target.path == fs::path("frames"));
  // An existing folder is a PNG sequence even without the '/', and even when named like a video.
  fs::create_directory(folder.work() / "shots.mp4");
  target = ganscope::parseRecordTarget((folder.work() / "shots.mp4").string());
  CHECK(target.format == RecordFormat::PngSequence);
  CHECK(ganscope::parseRecordTarget(folder.work().string()).format == RecordFormat::PngSequence);
  CHECK(ganscope::recordFormatName(RecordFormat::Mp4) == "MP4");
  CHECK(ganscope::recordFormatName(RecordFormat::Gif) == "GIF");
  CHECK(ganscope::recordFormatName(RecordFormat::PngSequence) == "PNG sequence");
}

TEST_CASE("record: a bad --record argument is refused with one line") {
  CHECK(recordErrorOf([] { ganscope::parseRecordTarget("x.avi"); }) ==
        "--record 'x.avi': expected FILE.mp4, FILE.gif or DIR/ (a folder for a PNG sequence)");
  for (const char* bad : {"", "clip", ".mp4", "dir/.gif", "clip.mp4.txt", "mp4"}) {
    CAPTURE(bad);
    const std::string error = recordErrorOf([&] { ganscope::parseRecordTarget(bad); });
    CHECK(error.find("expected FILE.mp4, FILE.gif or DIR/") != std::string::npos);
    CHECK(error.find('\n') == std::string::npos);
  }
}

// [SECTION] PNG sequences

TEST_CASE(
    "record: a PNG sequence holds exactly the frames submitted and the same frames give the same bytes") {
  TempFolder folder("record-png");
  const int count = 5;
  for (const char* name : {"a", "b"}) {
    Recorder recorder(
        ganscope::makeFrameSink(ganscope::parseRecordTarget((folder.work() / name).string() + "/"), 30),
        Recorder::Policy::Block, 2);
    for (int t = 0; t < count; ++t) CHECK(recorder.submit(gradientFrame(64, 48, t)));
    recorder.finish();
    CHECK(recorder.framesWritten() == count);
    CHECK(recorder.error().empty());
  }
  const auto names = namesIn(folder.work() / "a");
  REQUIRE(names == std::vector<std::string>{"frame_000000.png", "frame_000001.png", "frame_000002.png",
                                            "frame_000003.png", "frame_000004.png"});
  CHECK(namesIn(folder.work() / "b") == names);
  for (int t = 0; t < count; ++t) {
    const std::string a = ganscope::testing::readFile(folder.work() / "a" / names[t]);
    CHECK(!a.empty());
    CHECK(a == ganscope::testing::readFile(folder.work() / "b" / names[t]));
    int width = 0, height = 0, channels = 0;
    unsigned char* pixels =
        stbi_load((folder.work() / "a" / names[t]).c_str(), &width, &height, &channels, 4);
    REQUIRE(pixels != nullptr);
    CHECK(width == 64);
    CHECK(height == 48);
    CHECK(std::vector<std::uint8_t>(pixels, pixels + 64 * 48 * 4) == gradientFrame(64, 48, t).rgba);
    stbi_image_free(pixels);
  }
}

TEST_CASE("record: a folder that holds old frames is refused and one whose parent is missing too") {
  TempFolder folder("record-old");
  const fs::path old = folder.work() / "old";
  {
    PngSequenceSink sink(old);
    sink.write(gradientFrame(8, 8, 0));
    sink.finish();
  }
  const std::string error = recordErrorOf([&] { PngSequenceSink again(old); });
  CHECK(error.find("already holds 1 frame_*.png files") != std::string::npos);
  CHECK(error.find('\n') == std::string::npos);
  CHECK(namesIn(old) == std::vector<std::string>{"frame_000000.png"});
  // A folder with other files in it is fine; a missing parent or a file in the way is not.
  fs::create_directory(folder.work() / "other");
  std::ofstream(folder.work() / "other" / "notes.txt") << "kept";
  CHECK_NOTHROW(PngSequenceSink(folder.work() / "other"));
  CHECK(recordErrorOf([&] {
          PngSequenceSink(folder.work() / "missing" / "frames");
        }).find("does not exist") != std::string::npos);
  std::ofstream(folder.work() / "file") << "x";
  CHECK(recordErrorOf([&] { PngSequenceSink(folder.work() / "file"); }).find("not a folder") !=
        std::string::npos);
}

TEST_CASE("record: a frame of another size than the first is refused") {
  TempFolder folder("record-size");
  PngSequenceSink png(folder.work() / "png");
  png.write(gradientFrame(16, 8, 0));
  CHECK(recordErrorOf([&] { png.write(gradientFrame(8, 16, 1)); }).find("every frame must be 16x8") !=
        std::string::npos);
  Frame broken = gradientFrame(16, 8, 2);
  broken.rgba.pop_back();
  CHECK(!recordErrorOf([&] { png.write(broken); }).empty());
  CHECK(png.frameCount() == 1);

  if (ffmpegForTest()) {
    FfmpegSink mp4(RecordFormat::Mp4, folder.work() / "clip.mp4", 30);
    mp4.write(gradientFrame(16, 8, 0));
    CHECK(recordErrorOf([&] { mp4.write(gradientFrame(32, 8, 1)); }).find("every frame must be 16x8") !=
          std::string::npos);
    mp4.write(gradientFrame(16, 8, 2));
    mp4.finish();
    CHECK(probe(folder.work() / "clip.mp4", folder)["nb_read_frames"] == "2");
  }

  // Through a recorder: the error ends the recording and finish() reports it.
  Recorder recorder(std::make_unique<PngSequenceSink>(folder.work() / "recorded"), Recorder::Policy::Block,
                    1);
  CHECK(recorder.submit(gradientFrame(16, 8, 0)));
  recorder.submit(gradientFrame(8, 8, 1));
  const std::string error = recordErrorOf([&] { recorder.finish(); });
  CHECK(error.find("a frame of 8x8 where every frame must be 16x8") != std::string::npos);
  CHECK(recorder.error() == error);
  CHECK(recorder.framesWritten() == 1);
}

// [SECTION] MP4 and GIF through ffmpeg

TEST_CASE("record: an MP4 is H.264 in yuv420p of the frames' size with every frame") {
  if (!ffmpegForTest()) return;
  TempFolder folder("record-mp4");
  struct Case {
    int width, height, frames;
  };
  for (const Case c : {Case{64, 48, 20}, Case{1280, 720, 30}}) {
    CAPTURE(c.width);
    const fs::path clip = folder.work() / ("clip" + std::to_string(c.width) + ".mp4");
    Recorder recorder(ganscope::makeFrameSink(ganscope::parseRecordTarget(clip.string()), 30),
                      Recorder::Policy::Block);
    for (int t = 0; t < c.frames; ++t) CHECK(recorder.submit(gradientFrame(c.width, c.height, t)));
    recorder.finish();
    CHECK(recorder.framesWritten() == c.frames);
    auto fields = probe(clip, folder);
    CHECK(fields["codec_name"] == "h264");
    CHECK(fields["pix_fmt"] == "yuv420p");
    CHECK(fields["width"] == std::to_string(c.width));
    CHECK(fields["height"] == std::to_string(c.height));
    CHECK(fields["nb_read_frames"] == std::to_string(c.frames));
  }
  // Only the two clips: no temporary file is left beside them.
  CHECK(namesIn(folder.work()) == std::vector<std::string>{"clip1280.mp4", "clip64.mp4"});
}

TEST_CASE("record: odd sizes are made even for MP4 and an odd frame is refused") {
  if (!ffmpegForTest()) return;
  TempFolder folder("record-odd");
  {
    FfmpegSink sink(RecordFormat::Mp4, folder.work() / "odd.mp4", 30);
    const std::string error = recordErrorOf([&] { sink.write(gradientFrame(65, 49, 0)); });
    CHECK(error.find("65x49") != std::string::npos);
    CHECK(error.find("even") != std::string::npos);
  }
  FfmpegSink sink(RecordFormat::Mp4, folder.work() / "even.mp4", 30);
  for (int t = 0; t < 3; ++t) sink.write(ganscope::evenSized(gradientFrame(65, 49, t)));
  sink.finish();
  auto fields = probe(folder.work() / "even.mp4", folder);
  CHECK(fields["width"] == "64");
  CHECK(fields["height"] == "48");
  CHECK(fields["nb_read_frames"] == "3");
  CHECK(namesIn(folder.work()) == std::vector<std::string>{"even.mp4"});
}

TEST_CASE("record: a GIF is GIF89a with every frame and its palette pass leaves no temporary file") {
  if (!ffmpegForTest()) return;
  TempFolder folder("record-gif");
  struct Case {
    int width, height, frames;
  };
  for (const Case c : {Case{64, 48, 12}, Case{1280, 720, 6}}) {
    CAPTURE(c.width);
    const fs::path clip = folder.work() / ("clip" + std::to_string(c.width) + ".gif");
    Recorder recorder(ganscope::makeFrameSink(ganscope::parseRecordTarget(clip.string()), 25),
                      Recorder::Policy::Block);
    for (int t = 0; t < c.frames; ++t) CHECK(recorder.submit(gradientFrame(c.width, c.height, t)));
    recorder.finish();
    CHECK(ganscope::testing::readFile(clip).substr(0, 6) == "GIF89a");
    auto fields = probe(clip, folder);
    CHECK(fields["codec_name"] == "gif");
    CHECK(fields["width"] == std::to_string(c.width));
    CHECK(fields["height"] == std::to_string(c.height));
    CHECK(fields["nb_read_frames"] == std::to_string(c.frames));
  }
  CHECK(namesIn(folder.work()) == std::vector<std::string>{"clip1280.gif", "clip64.gif"});
}

TEST_CASE("record: without ffmpeg on PATH MP4 and GIF are refused naming the package and PNGs still work") {
  TempFolder folder("record-noffmpeg");
  fs::create_directory(folder.root() / "empty-bin");
  ScopedPath path((folder.root() / "empty-bin").string());
  CHECK_FALSE(ganscope::ffmpegAvailable());
  CHECK(recordErrorOf([&] { FfmpegSink(RecordFormat::Mp4, folder.work() / "clip.mp4", 30); }) ==
        "recording MP4 needs the ffmpeg program (Debian package ffmpeg: apt-get install ffmpeg); a PNG "
        "sequence "
        "(--record DIR/) needs nothing");
  CHECK(recordErrorOf([&] {
          ganscope::makeFrameSink({RecordFormat::Gif, folder.work() / "clip.gif"}, 30);
        }).find("recording GIF needs the ffmpeg program (Debian package ffmpeg") == 0);
  auto png = ganscope::makeFrameSink({RecordFormat::PngSequence, folder.work() / "frames"}, 30);
  png->write(gradientFrame(8, 8, 0));
  png->finish();
  CHECK(namesIn(folder.work()) == std::vector<std::string>{"frames"});
  CHECK(namesIn(folder.work() / "frames") == std::vector<std::string>{"frame_000000.png"});
}

TEST_CASE("record: a failed recording leaves no half-written file and never touches an old one") {
  if (!ffmpegForTest()) return;
  TempFolder folder("record-fail");
  // A target in a folder that does not exist: refused before anything starts.
  const std::string missing =
      recordErrorOf([&] { FfmpegSink(RecordFormat::Mp4, folder.work() / "no-such" / "clip.mp4", 30); });
  CHECK(missing.find("does not exist") != std::string::npos);
  CHECK(!fs::exists(folder.work() / "no-such"));

  // ffmpeg killed in the middle of a recording, over an old file: the old file stays as it was.
  for (RecordFormat format : {RecordFormat::Mp4, RecordFormat::Gif}) {
    CAPTURE(ganscope::recordFormatName(format));
    const fs::path clip = folder.work() / (format == RecordFormat::Mp4 ? "old.mp4" : "old.gif");
    std::ofstream(clip) << "the old recording";
    FfmpegSink sink(format, clip, 30);
    for (int t = 0; t < 10; ++t) sink.write(gradientFrame(320, 240, t));
    REQUIRE(sink.encoderPid() > 0);
    // Killed once its temporary output is there: the half-written file that must not stay.
    const auto waitedFrom = std::chrono::steady_clock::now();
    while (namesIn(folder.work()).size() < 2 + (format == RecordFormat::Gif ? 1 : 0) &&
           std::chrono::steady_clock::now() - waitedFrom < std::chrono::seconds(10)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(namesIn(folder.work()).size() > (format == RecordFormat::Gif ? 2u : 1u));
    ::kill(sink.encoderPid(), SIGKILL);
    const std::string error = recordUntilFailure(sink, 320, 240, 1000);
    CHECK(error.find("failed: ffmpeg") != std::string::npos);
    CHECK(error.find("killed by signal 9") != std::string::npos);
    CHECK(ganscope::testing::readFile(clip) == "the old recording");
    CHECK(sink.encoderPid() == 0);
  }
  CHECK(namesIn(folder.work()) == std::vector<std::string>{"old.gif", "old.mp4"});

  // An ffmpeg that writes half a file and fails: its last line is the message, and its file is gone.
  const fs::path bin = folder.root() / "fake-bin";
  fs::create_directory(bin);
  std::ofstream(bin / "ffmpeg")
      << "#!/bin/sh\nfor last; do :; done\nprintf partial > \"$last\"\n"
         "echo 'first line' >&2\necho 'fake ffmpeg: no encoder today' >&2\nexit 3\n";
  fs::permissions(bin / "ffmpeg", fs::perms::owner_all);
  {
    ScopedPath path(bin.string());
    FfmpegSink sink(RecordFormat::Mp4, folder.work() / "new.mp4", 30);
    const std::string error = recordUntilFailure(sink, 64, 48, 1000);
    CHECK(error.find("recording '") == 0);
    CHECK(error.find("exited with status 3: fake ffmpeg: no encoder today") != std::string::npos);
  }
  CHECK(namesIn(folder.work()) == std::vector<std::string>{"old.gif", "old.mp4"});

  // Abandoned: a recorder destroyed without finish() leaves nothing.
  {
    Recorder recorder(ganscope::makeFrameSink({RecordFormat::Mp4, folder.work() / "abandoned.mp4"}, 30),
                      Recorder::Policy::Block);
    for (int t = 0; t < 5; ++t) recorder.submit(gradientFrame(64, 48, t));
  }
  // And a recording with no frame makes no file.
  CHECK(recordErrorOf([&] {
          FfmpegSink(RecordFormat::Gif, folder.work() / "empty.gif", 30).finish();
        }).find("no frames were recorded") != std::string::npos);
  CHECK(namesIn(folder.work()) == std::vector<std::string>{"old.gif", "old.mp4"});
}

// [SECTION] The recorder's thread and queue

TEST_CASE("record: DropWhenFull never waits and counts the frames a slow sink could not take") {
  // Exactly: the sink holds the first frame, the queue takes three more, the rest are dropped.
  auto gated = std::make_unique<GatedSink>();
  auto gate = gated->gate;
  Recorder recorder(std::move(gated), Recorder::Policy::DropWhenFull, 3);
  CHECK(recorder.submit(gradientFrame(4, 4, 0)));
  {
    std::unique_lock<std::mutex> lock(gate->mutex);
    gate->changed.wait(lock, [&] { return gate->entered == 1; });
  }
  for (int t = 1; t <= 3; ++t) CHECK(recorder.submit(gradientFrame(4, 4, t)));
  for (int t = 4; t < 9; ++t) CHECK_FALSE(recorder.submit(gradientFrame(4, 4, t)));
  CHECK(recorder.framesDropped() == 5);
  CHECK(recorder.framesSubmitted() == 9);
  {
    std::lock_guard<std::mutex> lock(gate->mutex);
    gate->open = true;
  }
  gate->changed.notify_all();
  recorder.finish();
  CHECK(recorder.framesWritten() == 4);

  // With a sink that sleeps: submit() returns at once and every frame is written or dropped.
  auto sleeping = std::make_unique<TestSink>(std::chrono::milliseconds(200));
  auto seen = sleeping->seen;
  Recorder slow(std::move(sleeping), Recorder::Policy::DropWhenFull, 2);
  std::chrono::steady_clock::duration longest{};
  for (int t = 0; t < 12; ++t) {
    Frame frame = gradientFrame(4, 4, t);
    const auto start = std::chrono::steady_clock::now();
    slow.submit(std::move(frame));
    longest = std::max(longest, std::chrono::steady_clock::now() - start);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  slow.finish();
  CHECK(longest < std::chrono::milliseconds(100));  // well under one write of the sink
  CHECK(slow.framesDropped() > 0);
  CHECK(slow.framesWritten() + slow.framesDropped() == 12);
  CHECK(static_cast<long long>(seen->size()) == slow.framesWritten());
}

TEST_CASE("record: Block waits for a slow sink and drops nothing, in order") {
  auto sink = std::make_unique<TestSink>(std::chrono::milliseconds(2));
  auto seen = sink->seen;
  auto finished = sink->finished;
  Recorder recorder(std::move(sink), Recorder::Policy::Block, 2);
  for (int t = 0; t < 40; ++t) CHECK(recorder.submit(gradientFrame(4, 4, t)));
  recorder.finish();
  CHECK(recorder.framesDropped() == 0);
  CHECK(recorder.framesWritten() == 40);
  CHECK(*finished);
  REQUIRE(seen->size() == 40);
  for (int t = 0; t < 40; ++t) CHECK((*seen)[t] == 4 * t);
  CHECK_NOTHROW(recorder.finish());  // a second finish() does nothing more
  CHECK_FALSE(recorder.submit(gradientFrame(4, 4, 0)));
}

TEST_CASE("record: an error in the sink's thread ends the recording and finish throws it") {
  auto sink = std::make_unique<TestSink>(std::chrono::milliseconds(0), 3);
  auto finished = sink->finished;
  Recorder recorder(std::move(sink), Recorder::Policy::Block, 1);
  int taken = 0;
  for (int t = 0; t < 1000 && recorder.submit(gradientFrame(4, 4, t)); ++t) ++taken;
  CHECK(taken >= 4);  // a blocked submit() is woken by the error, never left waiting
  CHECK(taken < 1000);
  CHECK(recorder.error() == "test sink: write 3");
  CHECK(recorder.framesWritten() == 3);
  CHECK_FALSE(recorder.submit(gradientFrame(4, 4, 0)));
  CHECK(recordErrorOf([&] { recorder.finish(); }) == "test sink: write 3");
  CHECK_FALSE(*finished);  // a failed sink is not finished, so it leaves no file
  CHECK(recordErrorOf([&] { recorder.finish(); }) == "test sink: write 3");
}

}  // namespace
