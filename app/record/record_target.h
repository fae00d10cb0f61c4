#pragma once
// What --record names: a video file or a folder for a PNG sequence.
#include <filesystem>
#include <string>
#include <string_view>

namespace ganscope {

/// The kinds of recording: an H.264 MP4, a GIF, or numbered PNG files in a folder.
enum class RecordFormat { Mp4, Gif, PngSequence };

/// Where a recording goes and in which format.
struct RecordTarget {
  RecordFormat format = RecordFormat::Mp4;
  std::filesystem::path path;
};

/// The format's name for messages: "MP4", "GIF" or "PNG sequence".
std::string recordFormatName(RecordFormat format);

/// The target --record names: FILE.mp4 → Mp4, FILE.gif → Gif (either suffix in any case), a path ending in
/// '/' or naming an existing folder → PngSequence (the path without its trailing '/'). Anything else throws
/// RecordError with one line: "--record 'x.avi': expected FILE.mp4, FILE.gif or DIR/ (a folder for a PNG
/// sequence)". Only the form is checked here; the sinks check that the place can be written.
RecordTarget parseRecordTarget(std::string_view argument);

}  // namespace ganscope
