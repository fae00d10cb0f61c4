#include "app/ui/session_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "app/ui/control_panel.h"

namespace ganscope {
namespace {

constexpr std::size_t kMaxRecent = 8;
constexpr std::size_t kMaxListed = 16;
constexpr int kRefreshFrames = 120;  // the folder is listed again every two seconds or so

}  // namespace

SessionPanel::SessionPanel(CommandTarget& thread, std::function<std::string()> viewState)
    : thread_(thread), viewState_(std::move(viewState)) {}

void SessionPanel::remember(const std::string& path) {
  recent_.erase(std::remove(recent_.begin(), recent_.end(), path), recent_.end());
  recent_.insert(recent_.begin(), path);
  if (recent_.size() > kMaxRecent) recent_.resize(kMaxRecent);
}

void SessionPanel::refreshFolder() {
  folder_.clear();
  std::error_code error;
  for (std::filesystem::directory_iterator it(".", error), end; !error && it != end; it.increment(error)) {
    if (folder_.size() >= kMaxListed) break;
    const auto& path = it->path();
    if (path.extension() == kExtension && it->is_regular_file(error))
      folder_.push_back(path.filename().string());
  }
  std::sort(folder_.begin(), folder_.end());
}

void SessionPanel::draw(const Snapshot& snapshot) {
  if (!ImGui::CollapsingHeader("Session")) return;
  ImGui::PushID("session");
  if (--framesUntilRefresh_ <= 0) {
    refreshFolder();
    framesUntilRefresh_ = kRefreshFrames;
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##path", path_, sizeof path_);
  tooltip(
      "A session file: the whole config (timeline included), both networks' weights and optimizers, the "
      "random state, the iteration, the metric history and this view; it continues bit for bit. Small enough "
      "to "
      "e-mail unless the rewind history is ticked.");
  const std::string path = path_;
  const bool named = !path.empty();
  if (!named) ImGui::BeginDisabled();
  if (ImGui::Button("Save")) {
    thread_.send(SaveSessionCommand{path, viewState_(), withRewind_});
    remember(path);
    framesUntilRefresh_ = 10;
  }
  tooltip("Save the run to this file (written whole, then renamed over any old one).");
  ImGui::SameLine();
  if (ImGui::Button("Open")) {
    thread_.send(OpenSessionCommand{path});
    remember(path);
  }
  tooltip(
      "Open this session: the run continues from it, paused. A file that is not a whole session of this "
      "version is refused and the run stays as it is.");
  if (!named) ImGui::EndDisabled();
  ImGui::Checkbox("Save with the rewind history", &withRewind_);
  tooltip(
      "Also save the rewind checkpoints, so that the rewind bar reaches back through the whole run after "
      "opening "
      "it. Many times larger (tens of MB after a long run); without them the run still continues bit for "
      "bit.");
  // The recent sessions, then the folder's: a click puts the name in the field.
  std::vector<std::string> listed = recent_;
  for (const auto& name : folder_) {
    if (std::find(listed.begin(), listed.end(), name) == listed.end()) listed.push_back(name);
  }
  for (std::size_t i = 0; i < listed.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable(listed[i].c_str(), listed[i] == path)) {
      std::strncpy(path_, listed[i].c_str(), sizeof path_ - 1);
      path_[sizeof path_ - 1] = '\0';
    }
    ImGui::PopID();
  }
  ImGui::Separator();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##script", scriptPath_, sizeof scriptPath_);
  tooltip("Where Export to PyTorch writes its script (FILE.py).");
  const std::string scriptPath = scriptPath_;
  if (scriptPath.empty()) ImGui::BeginDisabled();
  if (ImGui::Button("Export to PyTorch")) thread_.send(ExportPytorchCommand{scriptPath});
  tooltip(
      "Write one Python script (torch and numpy) that rebuilds this run with its current weights and optimizer "
      "state, checks its networks against these on probe points and trains on: python3 FILE.py --steps N. "
      "Unrolled steps and the Dirac-GAN are refused, with the reason.");
  if (scriptPath.empty()) ImGui::EndDisabled();
  const std::string& notice = snapshot.notice;
  if (notice.rfind("saved", 0) == 0 || notice.rfind("opened", 0) == 0 || notice.rfind("not saved", 0) == 0 ||
      notice.rfind("not opened", 0) == 0 || notice.rfind("exported", 0) == 0 ||
      notice.rfind("not exported", 0) == 0) {
    ImGui::TextWrapped("%s", notice.c_str());
  }
  ImGui::PopID();
}

}  // namespace ganscope
