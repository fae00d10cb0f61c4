#include "app/ui/shortcuts.h"

#include <imgui.h>

#include <array>

namespace ganscope {
namespace {

// The GLFW key codes of the keys ImGui 1.86 has no name for (GLFW_KEY_SLASH; letters and digits are their
// ASCII codes).
constexpr int kSlashKey = 47;
constexpr int kMinusKey = 45;            // GLFW_KEY_MINUS
constexpr int kEqualKey = 61;            // GLFW_KEY_EQUAL ('+' with Shift)
constexpr int kKeypadZeroKey = 320;      // GLFW_KEY_KP_0
constexpr int kKeypadSubtractKey = 333;  // GLFW_KEY_KP_SUBTRACT
constexpr int kKeypadAddKey = 334;       // GLFW_KEY_KP_ADD

constexpr std::array kTable = {
    Shortcut{ShortcutAction::PlayPause, "Space", "play or pause training"},
    Shortcut{ShortcutAction::Step, "S", "one iteration, then pause (hold to repeat)"},
    Shortcut{ShortcutAction::StepDiscriminator, "D",
             "one update of D alone: the surface moves, G stands still"},
    Shortcut{ShortcutAction::StepGenerator, "G", "one update of G alone: the samples move, D stands still"},
    Shortcut{ShortcutAction::Reset, "R", "start again from the seed"},
    Shortcut{ShortcutAction::Preset, "1 – 9", "the lecture's presets, in the order a class meets them"},
    Shortcut{ShortcutAction::SlowMotion, "M",
             "slow motion: one iteration as its five phases, on the graph and the view"},
    Shortcut{ShortcutAction::NextCaption, "PageDown",
             "slow motion: the next phase; a scripted demo: train on to its next event, then pause"},
    Shortcut{ShortcutAction::PreviousCaption, "PageUp",
             "slow motion: the phase before; a scripted demo: the event before"},
    Shortcut{ShortcutAction::ScrubBack, "←", "rewind: the checkpoint before (hold to repeat)"},
    Shortcut{ShortcutAction::ScrubForward, "→",
             "rewind: the checkpoint after; past the newest, back to live"},
    Shortcut{ShortcutAction::Lecture, "L", "the lecture layout: the view first, large text, a few controls"},
    Shortcut{ShortcutAction::Theme, "T", "the light theme (for projectors) or the dark one"},
    Shortcut{ShortcutAction::Fullscreen, "F", "fullscreen, or the window as it was"},
    Shortcut{ShortcutAction::Screenshot, "P", "save a screenshot (a timestamped PNG; the path is shown)"},
    Shortcut{ShortcutAction::Record, "V", "start or stop recording (MP4)"},
    Shortcut{ShortcutAction::Help, "H or ?", "this list of every shortcut"},
    Shortcut{ShortcutAction::CloseOverlay, "Esc", "close the help overlay"},
    Shortcut{ShortcutAction::TextLarger, "Ctrl+=", "larger text (remembered for the next start)"},
    Shortcut{ShortcutAction::TextSmaller, "Ctrl+-", "smaller text (remembered for the next start)"},
    Shortcut{ShortcutAction::TextDefault, "Ctrl+0", "the automatic text size for this window"},
    Shortcut{ShortcutAction::Quit, "Ctrl+Q", "quit (a recording is finished first)"},
};

bool pressed(int key, bool repeat = false) {
  return key >= 0 && ImGui::IsKeyPressed(key, repeat);
}

}  // namespace

std::span<const Shortcut> shortcutTable() {
  return kTable;
}

std::vector<ShortcutPress> pressedShortcuts() {
  std::vector<ShortcutPress> presses;
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return presses;
  const bool command = io.KeyCtrl || io.KeyAlt || io.KeySuper;
  auto add = [&](ShortcutAction action, int preset = 0) { presses.push_back({action, preset}); };
  if (command) {
    if (!io.KeyCtrl) return presses;
    if (pressed('Q')) add(ShortcutAction::Quit);
    if (pressed(kEqualKey, true) || pressed(kKeypadAddKey, true)) add(ShortcutAction::TextLarger);
    if (pressed(kMinusKey, true) || pressed(kKeypadSubtractKey, true)) add(ShortcutAction::TextSmaller);
    if (pressed('0') || pressed(kKeypadZeroKey)) add(ShortcutAction::TextDefault);
    return presses;
  }
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_Space))) add(ShortcutAction::PlayPause);
  if (pressed('S', true)) add(ShortcutAction::Step);
  if (pressed('D', true)) add(ShortcutAction::StepDiscriminator);
  if (pressed('G', true)) add(ShortcutAction::StepGenerator);
  if (pressed('R')) add(ShortcutAction::Reset);
  if (pressed('L')) add(ShortcutAction::Lecture);
  if (pressed('T')) add(ShortcutAction::Theme);
  if (pressed('F')) add(ShortcutAction::Fullscreen);
  if (pressed('P')) add(ShortcutAction::Screenshot);
  if (pressed('M')) add(ShortcutAction::SlowMotion);
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_V))) add(ShortcutAction::Record);
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow), true)) add(ShortcutAction::ScrubBack);
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), true)) add(ShortcutAction::ScrubForward);
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_PageDown))) add(ShortcutAction::NextCaption);
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) add(ShortcutAction::PreviousCaption);
  if (pressed('H') || (io.KeyShift && pressed(kSlashKey))) add(ShortcutAction::Help);
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) add(ShortcutAction::CloseOverlay);
  for (int digit = 1; digit <= 9; ++digit) {
    if (pressed('0' + digit)) add(ShortcutAction::Preset, digit);
  }
  return presses;
}

}  // namespace ganscope
