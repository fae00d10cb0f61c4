#pragma once
// The keyboard shortcuts, one table: what the help overlay lists is what the window does. A lecturer keeps
// one hand on the keyboard (and a presenter's clicker, which sends PageUp and PageDown).
#include <span>
#include <vector>

namespace ganscope {

/// What a shortcut does.
enum class ShortcutAction {
  PlayPause,          ///< Space
  Step,               ///< S: one iteration
  StepDiscriminator,  ///< D: one update of D alone
  StepGenerator,      ///< G: one update of G alone
  Reset,              ///< R
  Lecture,            ///< L: the lecture layout on or off
  Theme,              ///< T: light or dark
  Fullscreen,         ///< F
  Screenshot,         ///< P: a timestamped PNG
  Record,             ///< V: start or stop recording
  ScrubBack,          ///< ←: the checkpoint before
  ScrubForward,       ///< →: the checkpoint after
  Preset,             ///< 1 to 9: the lecture set's presets
  Help,               ///< H or ?: the list of shortcuts
  CloseOverlay,       ///< Esc
  Quit,               ///< Ctrl+Q
  NextCaption,        ///< PageDown: on to the next event of a scripted demo (in slow motion: the next phase)
  PreviousCaption,    ///< PageUp: back to the event before (in slow motion: the phase before)
  SlowMotion,         ///< M: slow motion on or off
  TextLarger,         ///< Ctrl+= (or Ctrl++, keypad +): larger text
  TextSmaller,        ///< Ctrl+- (keypad -): smaller text
  TextDefault,        ///< Ctrl+0: the automatic text size
};

/// One row of the table: the action, its keys as the help overlay writes them, and what it does.
struct Shortcut {
  ShortcutAction action;    ///< what it does
  const char* keys;         ///< "Space", "1 – 9", "Ctrl+Q"
  const char* description;  ///< one line
};

/// Every shortcut, in the order the help overlay lists them.
std::span<const Shortcut> shortcutTable();

/// A shortcut pressed in this frame.
struct ShortcutPress {
  ShortcutAction action;  ///< what to do
  int preset = 0;         ///< Preset: 1 to 9
};

/// The shortcuts pressed in this ImGui frame, read from ImGui's input (keys by the GLFW backend's key codes,
/// which are ASCII for letters and digits). None while a text field has the keyboard; letters and digits only
/// without Ctrl, Alt or Super (Ctrl+Q quits, Ctrl+=, Ctrl+- and Ctrl+0 set the text size); S, D, G, ← and →
/// repeat while held.
std::vector<ShortcutPress> pressedShortcuts();

}  // namespace ganscope
