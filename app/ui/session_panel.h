#pragma once
// Saving and opening sessions from the window: a path field, Save, Open, and the sessions used recently.
#include <functional>
#include <string>
#include <vector>

#include "core/runtime/snapshot.h"
#include "core/runtime/command_target.h"

namespace ganscope {

/// The settings section "Session". ImGui has no file dialog: a path field, with the sessions saved or opened in
/// this run and the *.gansession files of the working folder to pick from; and a second field with Export to
/// PyTorch, which writes the run as it is now as a standalone PyTorch script. Saving and opening run on the training
/// thread; what they did is the snapshot's notice (shown on the banner) and is repeated here.
class SessionPanel {
 public:
  /// A panel that commands `thread`; `viewState` gives the window's view as JSON text when a session is saved.
  SessionPanel(CommandTarget& thread, std::function<std::string()> viewState);

  /// Draws the section.
  void draw(const Snapshot& snapshot);

  /// Remembers a path used (the first in the list of recent sessions).
  void remember(const std::string& path);

  /// The file extension sessions are given by default.
  static constexpr const char* kExtension = ".gansession";

 private:
  void refreshFolder();

  CommandTarget& thread_;
  std::function<std::string()> viewState_;
  char path_[512] = "ganscope.gansession";
  char scriptPath_[512] = "ganscope_run.py";  // where Export to PyTorch writes
  std::vector<std::string> recent_;
  std::vector<std::string> folder_;
  int framesUntilRefresh_ = 0;
  bool withRewind_ = false;  // Save also writes the rewind checkpoints
};

}  // namespace ganscope
