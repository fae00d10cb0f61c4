#include "app/ui/record_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "app/record/record_error.h"
#include "app/ui/control_panel.h"
#include "app/window/imgui_style.h"

namespace ganscope {
namespace {

// A whole number typed or stepped, kept within [low, high]: a mistyped value is clamped, never taken as it
// is.
void clampedIntInput(const char* label, int& value, int low, int high) {
  int edited = value;
  if (ImGui::InputInt(label, &edited, 1, 10)) value = std::clamp(edited, low, high);
}

}  // namespace

RecordPanel::RecordPanel(CommandTarget& thread) : thread_(thread) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::strftime(path_, sizeof path_, "ganscope-%Y%m%d-%H%M%S.mp4", &local);
}

void RecordPanel::start(const RecordingOptions& options, long long currentStep) {
  recording_ = std::make_unique<FrameRecording>(options, thread_, currentStep);
  message_.clear();
  failed_ = false;
}

void RecordPanel::toggle(const Snapshot& snapshot) {
  if (recording_) {
    (void)stop();
    return;
  }
  try {
    RecordingOptions options;
    options.target = parseRecordTarget(path_);
    options.every = every_;
    options.viewOnly = viewOnly_;
    options.fps = fps_;
    start(options, snapshot.step);
  } catch (const std::exception& e) {
    message_ = std::string("not recording: ") + e.what();
    failed_ = true;
    messageTime_ = std::chrono::steady_clock::now();
  }
}

std::string RecordPanel::stop() {
  if (!recording_) return {};
  try {
    message_ = recording_->finish();
    failed_ = false;
  } catch (const std::exception& e) {
    message_ = std::string("recording failed: ") + e.what();
    failed_ = true;
  }
  messageTime_ = std::chrono::steady_clock::now();
  const bool trainingClock = recording_->trainingClock();
  recording_.reset();
  if (trainingClock) thread_.send(PauseCommand{});  // it was driving the trainer step by step
  return message_;
}

void RecordPanel::frameRendered(const Window& window, const Snapshot& snapshot, bool upToDate,
                                ImVec4 viewRect) {
  if (!recording_) return;
  recording_->frameRendered(window, snapshot, upToDate, viewRect);
  if (recording_->done()) (void)stop();  // the last frame asked for is in, or the run stopped
}

void RecordPanel::drawToolbar(const Snapshot& snapshot) {
  ImGui::PushID("record");
  if (!recording_) {
    if (ImGui::Button("Record")) toggle(snapshot);
    tooltip("Record the window (or the view) to the file set under Record in the settings: MP4, GIF or a folder "
            "of PNGs (V).");
    // What the last recording wrote (or why it failed), for a while beside the button.
    if (!message_.empty() && std::chrono::steady_clock::now() - messageTime_ < kMessageShown) {
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, failed_ ? errorColour() : goodColour());
      ImGui::TextUnformatted(message_.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::PopID();
    return;
  }
  // The indicator first, then the button: stopping ends the recording this very frame.
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.3f, 0.3f, 1.0f));
  if (recording_->trainingClock()) {
    // Only numbers of the training clock: what a recorded frame shows must not depend on the machine.
    const long long frames = recording_->frames();
    ImGui::Text("REC %lld frames, %.1f s of video", frames, static_cast<double>(frames) / recording_->options().fps);
  } else {
    const int seconds = static_cast<int>(recording_->elapsedSeconds());
    const std::string dropped =
        recording_->dropped() > 0 ? ", " + std::to_string(recording_->dropped()) + " dropped" : std::string();
    ImGui::Text("REC %d:%02d  %lld frames%s", seconds / 60, seconds % 60, recording_->frames(), dropped.c_str());
  }
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.75f, 0.12f, 0.12f, 1.0f));
  const bool stopNow = ImGui::Button("Stop");
  ImGui::PopStyleColor();
  tooltip("Finish the recording and write its file (V).");
  ImGui::PopID();
  if (stopNow) toggle(snapshot);
}

void RecordPanel::drawSettings() {
  if (!ImGui::CollapsingHeader("Record")) return;
  ImGui::PushID("record settings");
  const bool idle = !recording_;
  if (!idle) ImGui::BeginDisabled();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##file", path_, sizeof path_);
  tooltip(
      "FILE.mp4 (H.264, plays in browsers and slides), FILE.gif (a palette made for the clip) or DIR/ (a "
      "folder of numbered PNGs). MP4 and GIF need the ffmpeg program.");
  ImGui::SetNextItemWidth(scaled(120));
  clampedIntInput("every K iterations", every_, 0, 1'000'000);
  tooltip(
      "0: the wall clock, frames as the window shows them. K > 0: one frame every K iterations on the "
      "training clock (the trainer waits for each frame), so the same preset and seed give the same video on "
      "any machine.");
  ImGui::SetNextItemWidth(scaled(120));
  clampedIntInput("frames per second", fps_, 1, 120);
  ImGui::Checkbox("the view alone", &viewOnly_);
  tooltip("Record the view without the panels (or the whole window).");
  if (!idle) ImGui::EndDisabled();
  if (!message_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text,
                          failed_ ? errorColour() : goodColour());
    ImGui::TextWrapped("%s", message_.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopID();
}

}  // namespace ganscope
