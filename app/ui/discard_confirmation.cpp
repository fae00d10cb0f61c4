#include "app/ui/discard_confirmation.h"

#include <imgui.h>

#include <algorithm>

namespace ganscope {
namespace {

constexpr const char* kPopupId = "Start again?##discard";

std::string withThousands(long long value) {
  std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

}  // namespace

bool asksBeforeDiscarding(long long iterations, double iterationsPerSecond) {
  if (iterations > kAskAboveIterations) return true;
  return iterationsPerSecond > 0.0 &&
         static_cast<double>(iterations) / iterationsPerSecond > kAskAboveSeconds;
}

long long iterationsAtStake(const Snapshot& snapshot) {
  return std::max(snapshot.step, snapshot.rewoundFrom);
}

std::string discardQuestion(const std::string& action, long long iterations) {
  return action + "? This starts training again and throws away " + withThousands(iterations) +
         (iterations == 1 ? " iteration." : " iterations.");
}

void DiscardConfirmation::request(const Snapshot& snapshot, std::string what, std::function<void()> action) {
  const long long iterations = iterationsAtStake(snapshot);
  if (!asksBeforeDiscarding(iterations, snapshot.iterationsPerSecond)) {
    action();
    return;
  }
  what_ = std::move(what);
  action_ = std::move(action);
  openedFrame_ = -1;
}

void DiscardConfirmation::draw(const Snapshot& latest) {
  if (!action_) return;
  if (openedFrame_ < 0) {
    ImGui::OpenPopup(kPopupId);
    openedFrame_ = ImGui::GetFrameCount();
  }
  // Keys count from the frame after it opened: the Enter that asked (in a text field) does not answer it too.
  const bool keys = ImGui::GetFrameCount() > openedFrame_;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kPopupId, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    action_ = nullptr;  // closed from outside (another modal)
    return;
  }
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
  ImGui::TextUnformatted(discardQuestion(what_, iterationsAtStake(latest)).c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  const bool confirmed = ImGui::Button(what_.c_str()) ||
                         (keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false));
  ImGui::SameLine();
  const bool cancelled = ImGui::Button("Cancel: keep this run") ||
                         (keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false));
  if (confirmed) {
    const std::function<void()> action = std::move(action_);
    action_ = nullptr;
    action();
  } else if (cancelled) {
    action_ = nullptr;
  }
  if (!action_) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace ganscope
