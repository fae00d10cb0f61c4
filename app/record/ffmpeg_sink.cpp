#include "app/record/ffmpeg_sink.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "app/record/record_error.h"
#include "core/util/atomic_file.h"

namespace ganscope {
namespace {

// The H.264 preset. Headless recording shares two cores between training, drawing and x264: ultrafast takes a
// third of veryfast's time, which brought a whole-window 1280 × 720 recording from 25 to over 30 fps
// (scripts/record_bench.sh), for files about twice as large at the same quality (CRF 18: 44 dB PSNR against the
// frames drawn). Its stream is Constrained Baseline, which every player decodes.
constexpr const char* kX264Preset = "ultrafast";
// Visually lossless for flat colour fields and thin contour lines (x264's default, 23, smears the contour).
constexpr const char* kX264Crf = "18";
// The GIF's dither: ordered (Bayer) dithering is the same from frame to frame, so a still region stays still
// and compresses, where error diffusion would shimmer; scale 3 keeps its pattern faint.
constexpr const char* kGifPaletteUse = "[0:v][1:v]paletteuse=dither=bayer:bayer_scale=3:diff_mode=rectangle";

// ffmpeg's arguments that every run shares: no banner, no progress, no keyboard, only errors on stderr.
std::vector<std::string> ffmpegCommand() {
  return {"ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error"};
}

// Whether `folder/ffmpeg` is an executable regular file.
bool executableIn(std::string_view folder) {
  std::string file(folder.empty() ? std::string_view(".") : folder);
  file.append("/ffmpeg");
  struct stat info {};
  return ::stat(file.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(file.c_str(), X_OK) == 0;
}

// `.NAME.tmp-PID-N` + `suffix` beside `path`: hidden, and distinct for every sink of this process. A '%' of
// NAME becomes '_': ffmpeg reads a '%' in an image file's name as a pattern ("a%d.gif" made its palette pass
// fail).
std::filesystem::path temporaryBeside(const std::filesystem::path& path, int serial,
                                      std::string_view suffix) {
  std::string name(1, '.');
  std::string leaf = path.filename().string();
  std::replace(leaf.begin(), leaf.end(), '%', '_');
  name.append(leaf).append(".tmp-").append(std::to_string(::getpid()));
  name.append("-").append(std::to_string(serial)).append(suffix);
  return path.parent_path() / name;
}

std::string sizeArgument(int width, int height) {
  std::string size = std::to_string(width);
  size.append("x").append(std::to_string(height));
  return size;
}

}  // namespace

bool ffmpegAvailable() {
  // posix_spawnp's own search: PATH's folders in order, an empty entry meaning the current folder;
  // "/bin:/usr/bin" when PATH is not set.
  const char* path = std::getenv("PATH");
  const std::string_view folders =
      path != nullptr ? std::string_view(path) : std::string_view("/bin:/usr/bin");
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = folders.find(':', start);
    const std::string_view folder =
        folders.substr(start, colon == std::string_view::npos ? colon : colon - start);
    if (executableIn(folder)) return true;
    if (colon == std::string_view::npos) return false;
    start = colon + 1;
  }
}

FfmpegSink::FfmpegSink(RecordFormat format, std::filesystem::path path, int fps)
    : format_(format), path_(std::move(path)), fps_(fps) {
  if (format_ != RecordFormat::Mp4 && format_ != RecordFormat::Gif) {
    throw std::invalid_argument("FfmpegSink records MP4 or GIF, not " + recordFormatName(format_));
  }
  if (fps_ < 1 || fps_ > 1000) {
    throw RecordError("cannot record to '" + path_.string() + "': " + std::to_string(fps_) +
                      " frames a second; expected 1 to 1000");
  }
  if (!ffmpegAvailable()) {
    throw RecordError(
        "recording " + recordFormatName(format_) +
        " needs the ffmpeg program (Debian package ffmpeg: apt-get install ffmpeg); a PNG sequence "
        "(--record DIR/) needs nothing");
  }
  try {
    checkWritable(path_);
  } catch (const std::runtime_error& e) {
    throw RecordError(e.what());
  }
  static std::atomic<int> serials{0};
  const int serial = serials++;
  if (format_ == RecordFormat::Mp4) {
    encoded_ = temporaryBeside(path_, serial, ".mp4");
  } else {
    encoded_ = temporaryBeside(path_, serial, ".mkv");
    palette_ = temporaryBeside(path_, serial, "-palette.png");
    gif_ = temporaryBeside(path_, serial, ".gif");
  }
}

FfmpegSink::~FfmpegSink() {
  if (over_) return;
  encoder_.reset();  // kills and reaps it
  removeTemporaries();
}

void FfmpegSink::start(int width, int height) {
  std::vector<std::string> args = ffmpegCommand();
  for (const char* arg : {"-f", "rawvideo", "-pix_fmt", "rgba", "-s"}) args.emplace_back(arg);
  args.push_back(sizeArgument(width, height));
  args.emplace_back("-framerate");
  args.push_back(std::to_string(fps_));
  for (const char* arg : {"-i", "pipe:0", "-an"}) args.emplace_back(arg);
  if (format_ == RecordFormat::Mp4) {
    // RGB to BT.709 YUV (what a player assumes for HD), tagged as such.
    for (const char* arg : {"-vf",
                            "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
                            "-c:v",
                            "libx264",
                            "-preset",
                            kX264Preset,
                            "-crf",
                            kX264Crf,
                            "-pix_fmt",
                            "yuv420p",
                            "-colorspace",
                            "bt709",
                            "-color_primaries",
                            "bt709",
                            "-color_trc",
                            "bt709",
                            "-color_range",
                            "tv",
                            "-movflags",
                            "+faststart",
                            "-f",
                            "mp4",
                            "-y"}) {
      args.emplace_back(arg);
    }
    args.push_back(encoded_.string());
  } else {
    // One pass over the stream makes both the lossless intermediate and the palette (palettegen keeps only a
    // colour histogram, so nothing waits for the end of the clip in memory).
    for (const char* arg :
         {"-filter_complex", "[0:v]split[frames][stats];[stats]palettegen=stats_mode=full[palette]", "-map",
          "[frames]", "-c:v", "libx264rgb", "-preset", "ultrafast", "-qp", "0", "-f", "matroska", "-y"}) {
      args.emplace_back(arg);
    }
    args.push_back(encoded_.string());
    for (const char* arg : {"-map", "[palette]", "-f", "image2", "-update", "1", "-y"})
      args.emplace_back(arg);
    args.push_back(palette_.string());
  }
  try {
    encoder_ = std::make_unique<ChildProcess>(args, true);
  } catch (const RecordError& e) {
    fail(e.what());
  }
}

void FfmpegSink::write(const Frame& frame) {
  if (over_) throw RecordError("recording '" + path_.string() + "' is over; no more frames are taken");
  if (frames_ == 0) {
    if (frame.width <= 0 || frame.height <= 0) {
      throw RecordError("recording '" + path_.string() + "': the first frame is empty");
    }
    if (format_ == RecordFormat::Mp4 && (frame.width % 2 != 0 || frame.height % 2 != 0)) {
      throw RecordError(
          "recording '" + path_.string() + "': a frame of " + sizeArgument(frame.width, frame.height) +
          "; H.264 in yuv420p needs an even width and height (evenSized drops the odd row or column)");
    }
    requireFrameSize(frame, frame.width, frame.height, path_);
    width_ = frame.width;
    height_ = frame.height;
    start(width_, height_);
  }
  requireFrameSize(frame, width_, height_, path_);
  if (!encoder_->write(frame.rgba.data(), frame.rgba.size())) {
    const std::string why = encoder_->wait();
    fail("ffmpeg stopped taking frames: it " + (why.empty() ? std::string("exited") : why));
  }
  ++frames_;
}

void FfmpegSink::finish() {
  if (over_) throw RecordError("recording '" + path_.string() + "' is over already");
  if (frames_ == 0) fail("no frames were recorded");
  const std::string why = encoder_->wait();
  if (!why.empty()) fail("ffmpeg " + why);
  encoder_.reset();
  std::filesystem::path made = encoded_;
  if (format_ == RecordFormat::Gif) {
    std::vector<std::string> args = ffmpegCommand();
    for (const std::string& arg : {std::string("-i"), encoded_.string(), std::string("-i"), palette_.string(),
                                   std::string("-lavfi"), std::string(kGifPaletteUse), std::string("-f"),
                                   std::string("gif"), std::string("-y"), gif_.string()}) {
      args.push_back(arg);
    }
    std::unique_ptr<ChildProcess> paletteUse;
    try {
      paletteUse = std::make_unique<ChildProcess>(args, false);
    } catch (const RecordError& e) {
      fail(e.what());
    }
    const std::string paletteWhy = paletteUse->wait();
    if (!paletteWhy.empty()) fail("ffmpeg's palette pass " + paletteWhy);
    made = gif_;
  }
  std::error_code ec;
  std::filesystem::rename(made, path_, ec);
  if (ec) fail("cannot rename '" + made.string() + "' to it: " + ec.message());
  over_ = true;
  removeTemporaries();
}

void FfmpegSink::fail(const std::string& reason) {
  over_ = true;
  encoder_.reset();
  removeTemporaries();
  throw RecordError("recording '" + path_.string() + "' failed: " + reason);
}

void FfmpegSink::removeTemporaries() const {
  std::error_code ec;
  for (const auto& file : {encoded_, palette_, gif_}) {
    if (!file.empty()) std::filesystem::remove(file, ec);
  }
}

}  // namespace ganscope
